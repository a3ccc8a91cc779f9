"""`manage.py extract`: JSON Lines in the documented schema, no database."""

import json
import subprocess
import sys

import pytest

from tests.pages import article_html

SCHEMA_KEYS = {
    "path", "title", "published", "source", "author", "url", "language", "body",
    "actors", "statements", "topics",
}  # fmt: skip


def extract(*args):
    run = subprocess.run(
        [sys.executable, "manage.py", "extract", *map(str, args)], capture_output=True, text=True, timeout=120
    )
    return run.returncode, run.stdout, run.stderr


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.html").write_bytes(article_html())
    (tmp_path / "two.txt").write_text(
        "Leaders agree to meet again\n\n" + "Leaders of the alliance agreed on Friday to meet again in June. " * 4
    )
    (tmp_path / "skip.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


def test_it_prints_one_json_object_per_page(folder):
    code, out, err = extract("--format", "json", folder)

    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in rows] == [str(folder / "sub" / "one.html"), str(folder / "two.txt")]
    for row in rows:
        assert row.keys() >= SCHEMA_KEYS
        assert "error" not in row
        assert isinstance(row["actors"], list) and isinstance(row["statements"], list)
        assert row["body"]


def test_a_failing_page_gets_an_error_row_and_exit_status_1(folder):
    (folder / "empty.html").write_bytes(b"")

    code, out, err = extract("--format", "json", folder)

    assert code == 1
    rows = {json.loads(line)["path"]: json.loads(line) for line in out.splitlines()}
    assert rows[str(folder / "empty.html")] == {"path": str(folder / "empty.html"), "error": "the file is empty"}
    assert f"{folder / 'empty.html'}: the file is empty" in err
    assert len(rows) == 3


def test_text_format_is_readable(folder):
    code, out, _ = extract(folder / "two.txt")

    assert code == 0
    assert out.startswith(f"== {folder / 'two.txt'}\n")
    assert "Leaders of the alliance agreed" in out


def test_a_missing_path_is_a_usage_error(tmp_path):
    code, _, err = extract(tmp_path / "nope")

    assert code == 2
    assert "no such file or folder" in err
