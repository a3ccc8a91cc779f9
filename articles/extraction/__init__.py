"""Page extraction: plain Python over str/bytes, no Django, no database.

from articles.extraction import extract
page = extract(Path("page.html").read_bytes(), name="page.html")
"""

from .errors import ExtractionError
from .page import ExtractedActor, ExtractedPage, ExtractedStatement
from .pipeline import extract

__all__ = ["ExtractedActor", "ExtractedPage", "ExtractedStatement", "ExtractionError", "extract"]
