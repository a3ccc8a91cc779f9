"""Bad input: every bad file gets one clear reason, the run goes on, nothing half-written.

Each case writes its own file. Reasons are asserted exactly where the pipeline
knows what is wrong, so a change of wording is a deliberate one.
"""

import gzip
import os
import random
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor
from articles import ingest
from articles.extraction import ExtractionError, extract
from articles.models import Article, Statement
from tests.pages import article_html

PARAGRAPH = (
    "Foreign ministers met in Tallinn on Thursday and said a ceasefire could hold only with guarantees, "
    "while sanctions on Moscow would stay in place until a settlement is signed at the summit. "
)


def random_bytes(n, seed=7):
    return random.Random(seed).randbytes(n)


BAD_FILES = {
    "empty.html": (b"", "the file is empty"),
    "blank.txt": (b"  \r\n\t\n", "the file is empty"),
    "image.html": (b"\x89PNG\r\n\x1a\n" + random_bytes(2000), "this is a PNG image, not a web page"),
    "document.htm": (b"%PDF-1.7\n" + random_bytes(2000), "this is a PDF document, not a web page"),
    "noise.html": (random_bytes(20_000), None),
    "nul-heavy.txt": (b"\x00\x01\x02text\x00" * 2000, "binary data, not a text page"),
    "no-text.html": (b"<html><head><title></title></head><body><div><img src=a.png></div></body></html>", None),
    "only-script.html": (b"<html><body><script>var a = 1;</script><style>p{}</style></body></html>", None),
    "broken.gz.html.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", None),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_fails_with_a_reason(db, tmp_path, name):
    content, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)

    result = ingest.ingest_file(path)

    assert result.outcome == ingest.FAILED
    assert result.reason
    if reason:
        assert result.reason == reason
    assert not Article.objects.exists()


def test_a_folder_of_bad_files_reports_each_and_stores_the_good_one(db, tmp_path):
    for name, (content, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "good.html").write_bytes(article_html())
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as exit_status:
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)

    assert exit_status.value.returncode == 1
    failed = len(BAD_FILES) + 1
    assert out.getvalue().strip() == f"1 stored, 0 updated, 0 unchanged, 1 skipped, {failed} failed"
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == failed
    for name in [*BAD_FILES, "dangling.html"]:
        assert sum(line.startswith(f"FAILED {tmp_path / name}: ") for line in lines) == 1, name
    assert Article.objects.count() == 1


def test_a_page_with_a_few_nul_bytes_is_stored_without_them(db, tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Talks resume in Geneva\n\n" + PARAGRAPH.encode() * 3 + b"\x00 " + PARAGRAPH.encode())

    result = ingest.ingest_file(path)

    assert result.outcome == ingest.STORED
    assert "\x00" not in Article.objects.get().body


def test_truncated_html_still_gives_its_text():
    page = extract(article_html()[:900], name="cut.html")

    assert "Foreign ministers of the alliance" in page.body


def test_malformed_html_still_gives_its_text():
    markup = f"<html><body><div><p>{PARAGRAPH}<p>{PARAGRAPH}<b><i>unclosed</b></div></table></span>".encode()

    page = extract(markup, name="malformed.html")

    assert "Foreign ministers met in Tallinn" in page.body


def test_deeply_nested_html_does_not_crash_or_hang():
    markup = "<html><body>" + "<div>" * 10_000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 10_000 + "</body></html>"

    try:
        page = extract(markup.encode(), name="deep.html")
    except ExtractionError as exc:
        assert str(exc)  # a clear refusal is fine; a crash or a hang is not
    else:
        assert "Foreign ministers" in page.body


def test_a_one_megabyte_single_line_is_handled():
    line = (PARAGRAPH * (1024 * 1024 // len(PARAGRAPH) + 1))[: 1024 * 1024]

    page = extract(f"A very long dump\n\n{line}".encode(), name="long.txt")

    assert len(page.body) > 500_000


def test_a_page_over_the_size_limit_is_refused_before_parsing(db, tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:
        fh.write(b"<html><body>")
        chunk = f"<p>{PARAGRAPH}</p>".encode() * 1000
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)

    result = ingest.ingest_file(path)

    assert path.stat().st_size > 50 * 1024 * 1024
    assert result.outcome == ingest.FAILED
    assert result.reason == "file is larger than 16 MB"


def test_a_gzip_bomb_is_refused(db, tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * (40 * 1024 * 1024)))

    result = ingest.ingest_file(path)

    assert result.outcome == ingest.FAILED
    assert result.reason == "page is larger than 16 MB once uncompressed"


def test_a_runaway_extraction_is_stopped(db, tmp_path):
    path = tmp_path / "slow.html"
    path.write_bytes(article_html())

    def spin(text):
        while True:
            pass

    with mock.patch("articles.extraction.html_page.extract_html", spin):
        result = ingest.ingest_bytes(path.read_bytes(), name=str(path), origin="test:slow", max_seconds=0.5)

    assert result.outcome == ingest.FAILED
    assert result.reason == "extraction took longer than 0.5 s; the page was given up"


def test_an_unreadable_file_is_named_with_its_reason(db, tmp_path):
    path = tmp_path / "secret.html"
    path.write_bytes(article_html())
    # The suite may run as root, who reads any file, so the refusal is simulated.
    with mock.patch("builtins.open", side_effect=PermissionError(13, "Permission denied")):
        result = ingest.ingest_file(path)

    assert result.outcome == ingest.FAILED
    assert result.reason == "cannot read file: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_for_real(db, tmp_path):
    path = tmp_path / "secret.html"
    path.write_bytes(article_html())
    path.chmod(0)

    result = ingest.ingest_file(path)

    assert result.reason == "cannot read file: Permission denied"


@pytest.mark.parametrize(
    ("encoding", "declare", "bom"),
    [
        ("cp1251", True, b""),
        ("cp1251", False, b""),
        ("latin-1", True, b""),
        ("latin-1", False, b""),
        ("utf-16-le", False, b"\xff\xfe"),
        ("utf-16-le", False, b""),
        ("utf-8", False, b"\xef\xbb\xbf"),
    ],
)
def test_pages_in_other_encodings_read_right(encoding, declare, bom):
    words = {
        "cp1251": "Міністр Олена Ковальчук заявила, що перемир'я можливе лише з гарантіями безпеки.",
        "latin-1": "La ministre Amélie Dubois a déclaré à Bruxelles que le cessez-le-feu reste fragile.",
    }.get(encoding, "Ministerin Jürgen Weiß sagte in Brüssel, die Waffenruhe sei brüchig.")
    meta = f'<meta charset="{encoding}">' if declare else ""
    markup = f"<html><head>{meta}<title>Talks</title></head><body><article><p>{words}</p>" * 1
    markup += f"<p>{words} {words}</p><p>{words}</p></article></body></html>"
    data = bom + markup.replace("\n", "\r\n").encode(encoding)

    page = extract(data, name="page.html")

    assert words in page.body


def test_a_failing_page_leaves_no_actor_or_statement_behind(db, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(article_html())

    def store_half_then_fail(articles, pages):
        speaker = Actor.objects.resolve("Ilse Varga")
        Statement.objects.create(article=articles[0], speaker=speaker, text="We stand firm.", fingerprint="x")
        raise RuntimeError("disk full")

    with mock.patch("articles.storing._store_new_analysis", store_half_then_fail):
        result = ingest.ingest_file(path)

    assert result.outcome == ingest.FAILED
    assert not Article.objects.exists()
    assert not Actor.objects.exists()
    assert not Statement.objects.exists()
