class ExtractionError(ValueError):
    """The page cannot be turned into an article; the message says why."""
