"""Page bytes to text: BOMs, declared charsets, detection, gzip."""

import codecs
import gzip

import pytest

from articles.extraction import ExtractionError
from articles.extraction.decoding import decode, maybe_gunzip

TEXT = "Зеленський і Рютте обговорили перемир'я та санкції перед самітом у Гаазі."
LATIN = "Ministre Éric Bérard a déclaré à Bruxelles que le cessez-le-feu était fragile."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (f"<html><p>{TEXT}</p><p>Kyiv, Brussels and The Hague.</p></html>".encode("utf-16-le"), "utf-16-le"),
        (f"<html><p>{LATIN}</p></html>".encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode(), "utf-8"),
        (f'<meta charset="windows-1251"><p>{TEXT}</p>'.encode("cp1251"), "cp1251"),
        (
            f'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>{LATIN}'.encode("latin-1"),
            "cp1252",
        ),
    ],
)
def test_it_decodes(data, encoding):
    text, found = decode(data)

    assert found == encoding
    assert TEXT in text or LATIN in text


def test_it_detects_an_undeclared_single_byte_encoding():
    text, _ = decode((TEXT + " " + TEXT).encode("cp1251"))

    assert TEXT in text


def test_a_page_saved_as_utf8_but_labelled_latin1_reads_as_utf8():
    text, found = decode(f'<meta charset="iso-8859-1"><p>{LATIN}</p>'.encode())

    assert found == "utf-8"
    assert LATIN in text


def test_gunzip_refuses_to_inflate_past_the_limit():
    bomb = gzip.compress(b"a" * 10_000)

    with pytest.raises(ExtractionError, match="larger than 1000 bytes"):
        maybe_gunzip(bomb, max_size=1000)


def test_plain_bytes_pass_through_gunzip():
    assert maybe_gunzip(b"hello", max_size=10) == b"hello"
