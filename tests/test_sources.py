"""Finding page files: recursion, skipping, broken links, loops, unreadable folders."""

import os

import pytest

from articles.sources import find_pages


def found(*paths):
    return [(c.path.name, c.problem, c.skipped) for c in find_pages(paths)]


def test_it_walks_folders_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.HTML").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.htm.gz").write_bytes(b"x")
    (tmp_path / "d.json").write_text("{}")

    assert found(tmp_path) == [
        ("a.txt", None, False),
        ("two.HTML", None, False),
        ("c.htm.gz", None, False),
        ("d.json", "not a page file (.txt, .html, .htm, optionally .gz)", True),
    ]


def test_a_broken_link_is_a_problem_and_a_loop_ends(tmp_path):
    (tmp_path / "page.txt").write_text("x")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop").symlink_to(tmp_path)

    assert found(tmp_path) == [("dangling.txt", "broken symbolic link", False), ("page.txt", None, False)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_a_problem(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert found(tmp_path) == [("locked", "cannot list folder: Permission denied", False)]
    finally:
        locked.chmod(0o755)


def test_named_files_are_taken_as_they_are(tmp_path):
    (tmp_path / "one.txt").write_text("x")

    assert found(tmp_path / "one.txt", tmp_path / "missing.txt") == [
        ("one.txt", None, False),
        ("missing.txt", "no such file or folder", False),
    ]


def test_a_named_pipe_is_reported_not_read_or_passed_over(tmp_path):
    os.mkfifo(tmp_path / "feed.txt")
    os.mkfifo(tmp_path / "notes.fifo")

    assert found(tmp_path) == [
        ("feed.txt", "not a regular file: a named pipe", False),
        ("notes.fifo", "not a regular file: a named pipe", True),
    ]
    assert found(tmp_path / "feed.txt") == [("feed.txt", "not a regular file: a named pipe", False)]


def test_a_link_to_a_device_is_reported_as_one(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")

    assert found(tmp_path / "zero.txt") == [("zero.txt", "not a regular file: a device", False)]
    assert [c.problem for c in find_pages([tmp_path], follow_links_outside=True)] == ["not a regular file: a device"]
