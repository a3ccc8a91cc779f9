"""Celery workers keep their database connection across tasks, and drop it once it broke (newsdesk.celery)."""

from unittest import mock

from django.conf import settings
from django.db import connection

from newsdesk.celery import drop_broken_connections


def test_workers_keep_their_connection_for_many_tasks():
    # Celery's Django fix-up closes the connection after every task unless this is set.
    assert settings.CELERY_DB_REUSE_MAX and settings.CELERY_DB_REUSE_MAX >= 10


def test_a_connection_that_failed_and_no_longer_answers_is_closed(db):
    connection.ensure_connection()
    with (
        mock.patch.object(connection, "errors_occurred", True),
        mock.patch.object(connection, "is_usable", return_value=False),
        mock.patch.object(connection, "close") as close,
    ):
        drop_broken_connections()
    close.assert_called_once_with()


def test_a_connection_that_failed_but_answers_is_kept(db):
    connection.ensure_connection()
    connection.errors_occurred = True
    try:
        with mock.patch.object(connection, "close") as close:
            drop_broken_connections()
        close.assert_not_called()
        assert connection.errors_occurred is False
    finally:
        connection.errors_occurred = False


def test_a_healthy_connection_is_not_even_asked(db):
    connection.ensure_connection()
    with mock.patch.object(connection, "is_usable") as is_usable, mock.patch.object(connection, "close") as close:
        drop_broken_connections()
    is_usable.assert_not_called()
    close.assert_not_called()
