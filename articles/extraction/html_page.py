"""Main text and metadata of an HTML page (placeholder: to be replaced)."""

from bs4 import BeautifulSoup

from .page import ExtractedPage


def extract_html(text):
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
    return ExtractedPage(title=title or None, body="\n\n".join(p for p in paragraphs if p))
