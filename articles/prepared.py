"""Statements PostgreSQL plans once per connection: ingest's few large statements run for every page.

Django binds parameters on the client (psycopg's ClientCursor): each statement
is sent as text with its values in it, and PostgreSQL parses and plans it
anew. For the statements storing runs once a page and whose text never
changes (a story's candidates with its band keys, a page's remarks), planning
took about as long as running them (EXPLAIN ANALYZE: 0.25-0.4 ms of planning
against 0.35-0.5 of execution, warm). A cursor binding on the server lets
psycopg prepare a statement the first time it runs on a connection and
reuse its plan from then on (PostgreSQL plans a prepared statement for its
values five times, then keeps a generic plan when it costs no more).

Behind a connection pooler in transaction mode, prepared statements need one
that tracks them (PgBouncer 1.21 and later, `max_prepared_statements`).
"""

import sys
from functools import cache

from django.db import connection


def prepared_cursor():
    """A cursor of the default connection (PostgreSQL) that binds its parameters on the server.

    It goes through Django's cursor wrapper, so errors are Django's
    (IntegrityError, OperationalError) and execute wrappers see its
    statements as any other. Where queries are logged (DEBUG, a test
    capturing them) it is the connection's usual cursor: Django's log reads
    the statement from psycopg's client-side query, which a prepared one
    has not.
    """
    if connection.queries_logged:
        return connection.cursor()
    connection.ensure_connection()
    return connection.make_cursor(_preparing_cursor_class()(connection.connection))


@cache
def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        """Prepares what it runs. Django turns psycopg's preparing off (the connection's prepare_threshold None,
        which refuses even a statement asked to be prepared); a threshold no statement reaches turns it on for
        what is asked only, so no other statement of the connection changes."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            if self.connection.prepare_threshold is None:
                self.connection.prepare_threshold = sys.maxsize
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor
