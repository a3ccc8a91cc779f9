"""Main text and metadata of a plain-text page dump (placeholder: to be replaced)."""

from .page import ExtractedPage


def extract_text(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else None
    return ExtractedPage(title=title, body="\n\n".join(lines[1:]))
