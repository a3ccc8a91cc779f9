"""A <title> that the parser puts inside <body> (text before the head) is not article text.

Browsers never show it; read as inline text it glued its words to the text before it
("0<title>0" read "00"). The page's title still comes from it.
"""

from articles.extraction import extract

SENTENCE = (
    "Foreign ministers met in Tallinn on Thursday and said a ceasefire could hold only with guarantees, "
    "while sanctions would stay in place until a settlement was signed at the summit."
)


def test_a_title_inside_the_body_is_not_read_as_article_text():
    paragraphs = "".join(f"<p>{SENTENCE} ({n})</p>" for n in range(4))
    page = extract(f"stray<title>Talks in Tallinn</title>{paragraphs}".encode(), name="page.html")

    assert "Talks in Tallinn" not in page.body
    assert "stray" in page.body
    assert page.title == "Talks in Tallinn"
