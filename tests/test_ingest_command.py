"""`manage.py ingest`: the summary, failure lines and exit status an analyst sees."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.commands import run_ingest
from tests.pages import article_html


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "one.html").write_bytes(article_html(slug="one"))
    (tmp_path / "nested" / "two.htm").write_bytes(article_html(title="Second page on the summit", slug="two"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def test_it_ingests_a_folder_recursively_and_sums_up(db, folder):
    code, out, err = run_ingest(folder)

    assert code == 0
    assert out.strip() == "2 stored, 0 updated, 0 unchanged, 1 skipped, 0 failed"
    assert err == ""
    assert Article.objects.count() == 2


def test_running_it_again_changes_nothing(db, folder):
    run_ingest(folder)

    code, out, _ = run_ingest(folder)

    assert code == 0
    assert out.strip() == "0 stored, 0 updated, 2 unchanged, 1 skipped, 0 failed"


def test_a_bad_file_is_named_with_its_reason_and_the_rest_is_stored(db, folder):
    bad = folder / "empty.txt"
    bad.write_bytes(b"")

    code, out, err = run_ingest(folder)

    assert code == 1
    assert out.strip() == "2 stored, 0 updated, 0 unchanged, 1 skipped, 1 failed"
    assert err.strip().splitlines() == [f"FAILED {bad}: the file is empty", "CommandError: 1 of 3 pages failed"]
    assert Article.objects.count() == 2


def test_dry_run_stores_nothing(db, folder):
    code, out, _ = run_ingest("--dry-run", folder)

    assert code == 0
    assert out.startswith("Dry run: 2 stored")
    assert not Article.objects.exists()


def test_a_missing_path_is_a_usage_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file or folder") as exc:
        call_command("ingest", str(tmp_path / "nope"))

    assert exc.value.returncode == 2


def test_exit_status_from_the_command_line(db, tmp_path):
    """The real process: 2 for usage errors (no arguments, missing path)."""
    for args in ([], [str(tmp_path / "nope")]):
        run = subprocess.run([sys.executable, "manage.py", "ingest", *args], capture_output=True, text=True)
        assert run.returncode == 2, run.stderr


def test_ingest_is_the_first_command_a_fresh_checkout_needs(tmp_path):
    """No migrate beforehand: a database with no tables gets them, and the page is stored."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    page = Path(__file__).parent.parent / "fixtures" / "pages" / "text" / "gulf_observer_summit.txt"

    run = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(page)], capture_output=True, text=True, env=env, timeout=300
    )

    assert run.returncode == 0, run.stderr
    assert "making its tables" in run.stderr
    assert run.stdout.startswith("1 stored")


def test_a_database_behind_the_code_is_left_to_its_operator(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "articles", "0001"], capture_output=True, env=env, check=True
    )
    page = Path(__file__).parent.parent / "fixtures" / "pages" / "text" / "gulf_observer_summit.txt"

    run = subprocess.run([sys.executable, "manage.py", "ingest", str(page)], capture_output=True, text=True, env=env)

    assert run.returncode == 2
    assert "run `python manage.py migrate` first" in run.stderr
