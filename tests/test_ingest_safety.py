"""Ingest stays inside the paths it is given, prints file names safely, and stores what a hostile page holds.

Symbolic links leading outside the given paths are not followed unless
--follow-links says so, and the summary says how many were not; file names
are printed escaped, so none can forge a line or send a terminal escape
sequence, and a name that is not UTF-8 stores its page; control and
direction characters are taken out of what a page stores; a name too long
for its column is cut, with a note, on every database.
"""

import os
from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import Actor, Alias
from articles.models import Article, Source
from articles.sources import find_pages
from tests.commands import run_ingest
from tests.pages import article_html

SUMMARY_LINK = "; 1 symbolic link to outside the paths given not followed (--follow-links follows them)"


@pytest.fixture
def desk(tmp_path):
    """The folder an analyst ingests, next to a private folder it must not reach."""
    (tmp_path / "desk").mkdir()
    (tmp_path / "private").mkdir()
    (tmp_path / "desk" / "page.html").write_bytes(article_html(slug="page"))
    (tmp_path / "private" / "secret.html").write_bytes(article_html(title="A private draft", slug="secret"))
    return tmp_path


def found(*paths, **options):
    return [(c.path.name, c.outside) for c in find_pages(paths, **options)]


def test_a_link_to_a_file_outside_is_not_followed(desk):
    (desk / "desk" / "draft.html").symlink_to(desk / "private" / "secret.html")

    assert found(desk / "desk") == [("draft.html", True), ("page.html", False)]


def test_a_link_to_a_folder_outside_is_not_followed(desk):
    (desk / "desk" / "more").symlink_to(desk / "private")

    assert found(desk / "desk") == [("more", True), ("page.html", False)]


def test_a_link_to_the_process_environment_is_not_followed(desk):
    (desk / "desk" / "environ.txt").symlink_to("/proc/self/environ")

    assert found(desk / "desk") == [("environ.txt", True), ("page.html", False)]


def test_links_inside_the_paths_given_are_followed(desk):
    (desk / "desk" / "sub").mkdir()
    (desk / "desk" / "sub" / "two.html").write_bytes(article_html(slug="two"))
    (desk / "desk" / "alias.html").symlink_to(desk / "desk" / "page.html")
    (desk / "desk" / "again").symlink_to(desk / "desk" / "sub")
    (desk / "desk" / "loop").symlink_to(desk / "desk")

    # "again" comes first and leads into sub/; sub/ itself and the loop are then seen already.
    assert found(desk / "desk") == [("two.html", False), ("alias.html", False), ("page.html", False)]


def test_a_link_into_another_path_given_is_inside(desk):
    (desk / "desk" / "draft.html").symlink_to(desk / "private" / "secret.html")

    assert ("draft.html", False) in found(desk / "desk", desk / "private")


def test_follow_links_outside_follows_them(desk):
    (desk / "desk" / "draft.html").symlink_to(desk / "private" / "secret.html")

    assert found(desk / "desk", follow_links_outside=True) == [("draft.html", False), ("page.html", False)]


def test_a_link_named_outright_is_taken(desk):
    (desk / "draft.html").symlink_to(desk / "private" / "secret.html")

    assert found(desk / "draft.html") == [("draft.html", False)]


def test_the_command_says_how_many_links_it_did_not_follow_and_stores_nothing_from_them(db, desk):
    (desk / "desk" / "draft.html").symlink_to(desk / "private" / "secret.html")

    code, out, err = run_ingest(desk / "desk", workers=0)

    assert code == 0
    assert out.strip() == "1 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed" + SUMMARY_LINK
    assert err.strip() == (
        f"NOT FOLLOWED {desk / 'desk' / 'draft.html'}: "
        f"symbolic link to {desk / 'private' / 'secret.html'}, outside the paths given"
    )
    assert not Article.objects.filter(title__contains="private draft").exists()


def test_the_command_reads_nothing_in_a_folder_outside_reached_by_a_link(db, desk):
    (desk / "desk" / "more").symlink_to(desk / "private")

    code, out, err = run_ingest(desk / "desk")

    assert code == 0
    assert out.strip() == "1 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed" + SUMMARY_LINK
    assert err.strip() == (
        f"NOT FOLLOWED {desk / 'desk' / 'more'}: symbolic link to {desk / 'private'}, outside the paths given"
    )
    assert not Article.objects.filter(title__contains="private draft").exists()


def test_the_command_does_not_open_a_link_to_the_process_environment(db, desk):
    # Refused as a link out of the folder, not later for looking binary.
    (desk / "desk" / "environ.txt").symlink_to("/proc/self/environ")

    code, out, err = run_ingest(desk / "desk")

    assert code == 0
    assert out.strip() == "1 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed" + SUMMARY_LINK
    assert err.strip().startswith(f"NOT FOLLOWED {desk / 'desk' / 'environ.txt'}: symbolic link to /proc/")
    assert err.strip().endswith(", outside the paths given")


def test_with_follow_links_the_command_stores_what_they_lead_to(db, desk):
    (desk / "desk" / "draft.html").symlink_to(desk / "private" / "secret.html")

    code, out, _ = run_ingest(desk / "desk", "--follow-links", workers=0)

    assert out.strip() == "2 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed"
    assert Article.objects.filter(title__contains="private draft").exists()


FORGED = "x\n3 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed\n\x1b[2J\x1b]0;owned\x07.html"


def test_a_file_name_cannot_forge_a_line_or_reach_the_terminal(db, tmp_path):
    (tmp_path / FORGED).write_bytes(b"")  # empty: it fails, so its name is printed

    code, out, err = run_ingest(tmp_path, workers=0)

    assert code == 1
    assert out == "0 stored, 0 updated, 0 unchanged, 0 skipped, 1 failed\n"
    assert err.splitlines() == [
        f"FAILED {tmp_path}/x\\n3 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed\\n"
        "\\x1b[2J\\x1b]0;owned\\x07.html: the file is empty",
        "CommandError: 1 of 1 pages failed",
    ]


def test_a_right_to_left_override_in_a_name_is_shown_as_an_escape(db, tmp_path):
    (tmp_path / "report\u202elmth.txt").write_bytes(b"")

    _, _, err = run_ingest(tmp_path, workers=0)

    assert "report\\u202elmth.txt" in err
    assert "\u202e" not in err


@pytest.mark.parametrize("workers", ["0", "2"])
def test_a_file_name_that_is_not_utf8_stores_its_page(db, tmp_path, workers):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9-summit.html")
    with open(path, "wb") as fh:
        fh.write(article_html(slug="cafe"))
    out, err = StringIO(), StringIO()

    call_command("ingest", str(tmp_path), "--workers", workers, stdout=out, stderr=err)

    assert out.getvalue().strip() == "1 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed"
    assert Article.objects.get().file_name == "caf\\xe9-summit.html"


HOSTILE_TEXT = (
    "Port talks \x1b[31mresume\x07 \u202eon Monday\n\n"
    "Harbour Courier - 3 October 2026\n\n"
    "Dock workers in the port of Vellmar\x00 returned to the table on Monday after a week of strikes, and the"
    " harbour master said the first ships would be unloaded by the evening if the \u202etalks held.\n\n"
    "\u201cWe have an offer\x1b[0m on the table,\u201d said union secretary Tomas Brenholt\x08, speaking outside"
    " the gates of the container terminal.\n"
)


def test_control_and_direction_characters_are_taken_out_of_what_a_page_stores(db, tmp_path):
    (tmp_path / "talks.txt").write_text(HOSTILE_TEXT)
    (tmp_path / "entity.html").write_bytes(
        article_html(title="Strike &#x1b;[2Jends&#x202e; at dawn", slug="entity", sentence="Ships sail&#x7; again.")
    )

    code, _, _ = run_ingest(tmp_path, workers=0)

    assert code == 0
    texts = []
    for article in Article.objects.all():
        texts += [article.title, article.body, article.author, *article.statements.values_list("text", flat=True)]
    texts += list(Actor.objects.values_list("name", flat=True)) + list(Alias.objects.values_list("name", flat=True))
    assert texts
    for text in texts:
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text), repr(text)
        assert "\u202e" not in text, repr(text)
    assert Article.objects.filter(title="Strike [2Jends at dawn").exists()
    assert Actor.objects.filter(name="Tomas Brenholt").exists()


LONG_WORD = "Zeppelinhafenmeister" * 250  # 5,000 letters, capitalised: the extractor takes it for a name
LONG_PAGE = (
    "Harbour talks end without a deal\n\n"
    f"Talks between the port authority and the unions ended without a deal on Friday. {LONG_WORD} "
    f"Halvorsen said the strike would go on. {LONG_WORD} Halvorsen later repeated that no ship would sail.\n\n"
    f"“No ship will sail until the offer is signed,” said {LONG_WORD} Halvorsen, the pilots' spokeswoman.\n"
)


def test_a_name_too_long_for_its_column_is_cut_with_a_note_and_the_page_is_stored(db, tmp_path):
    (tmp_path / "long.txt").write_text(LONG_PAGE)
    (tmp_path / "long-outlet.html").write_bytes(
        article_html(slug="outlet").replace(b"Harbour Ledger", b"Harbour Ledger " + b"and Gazette " * 40)
    )

    code, out, err = run_ingest(tmp_path, workers=0)

    assert code == 0, err
    assert out.strip() == "2 stored, 0 updated, 0 unchanged, 0 skipped, 0 failed"
    long_names = [name for name in Actor.objects.values_list("name", flat=True) if "Zeppelin" in name]
    assert long_names
    assert all(len(name) == 200 for name in long_names)
    assert all(len(name) <= 200 for name in Alias.objects.values_list("name", flat=True))
    assert all(len(name) <= 200 for name in Source.objects.values_list("name", flat=True))
    notes = [line for line in err.splitlines() if line.startswith("NOTE ")]
    assert f"NOTE {tmp_path / 'long.txt'}: name of 5,010 characters cut to 200: {LONG_WORD[:40]}…" in notes
    assert any(line.startswith(f"NOTE {tmp_path / 'long-outlet.html'}: outlet of ") for line in notes)
