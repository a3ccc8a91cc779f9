"""read_ahead(): a generator's items computed by a worker thread on the caller's connection (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from articles.models import Article
from articles.read_ahead import DEPTH, read_ahead

ON_POSTGRES = connection.vendor == "postgresql"


def numbers(count, seen=None, cleaned=None):
    """0..count-1, noting which thread made each (in `seen`) and that the generator was closed (in `cleaned`)."""
    try:
        for n in range(count):
            if seen is not None:
                seen.append((n, threading.get_ident()))
            yield n
    finally:
        if cleaned is not None:
            cleaned.append(True)


@pytest.mark.parametrize("count", [0, 1, DEPTH, DEPTH + 1, 50])
def test_it_gives_every_item_in_order(db, count):
    assert list(read_ahead(numbers(count), "default")) == list(range(count))
    assert not connection.allow_thread_sharing


def test_it_reads_in_another_thread_on_postgresql_and_in_turn_elsewhere(db):
    seen = []

    list(read_ahead(numbers(3, seen), "default"))

    threads = {thread for _, thread in seen}
    if ON_POSTGRES:
        assert threads and threading.get_ident() not in threads
    else:
        assert threads == {threading.get_ident()}


def test_the_worker_sees_the_callers_transaction(db, make_article):
    # pytest-django keeps the test's rows in an open transaction: a second connection would not see them.
    article = make_article("Harbour dues")

    def titles():
        yield list(Article.objects.values_list("title", flat=True))

    assert list(read_ahead(titles(), "default")) == [["Harbour dues"]]
    assert Article.objects.get().pk == article.pk


def test_an_error_while_reading_is_raised_to_the_caller_after_the_items_before_it(db):
    def failing():
        yield 1
        yield 2
        raise ValueError("the database went away")

    items = read_ahead(failing(), "default")

    assert [next(items), next(items)] == [1, 2]
    with pytest.raises(ValueError, match="went away"):
        next(items)
    assert not connection.allow_thread_sharing


def test_closing_early_stops_the_worker_and_closes_the_reading_generator(db):
    seen, cleaned = [], []
    items = read_ahead(numbers(1000, seen, cleaned), "default")

    assert next(items) == 0
    items.close()

    # Must not fire: the worker reads no further than the queue holds once the caller stops.
    assert len(seen) <= DEPTH + 2
    assert cleaned == [True]
    assert not connection.allow_thread_sharing
    assert [t for t in threading.enumerate() if t.name.startswith("read-ahead")] == []
    # The connection is the caller's again.
    assert Article.objects.count() == 0
