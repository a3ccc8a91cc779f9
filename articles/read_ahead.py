"""Reading a streamed export's chunks in a worker thread while the caller writes the previous ones.

A whole-table export alternates between waiting for PostgreSQL (a chunk's
rows, then its topics and actors) and writing rows in Python; in turn, each
leaves a core idle. read_ahead() runs the reading generator in a thread, a
chunk or two ahead of the writer.
"""

import threading
from contextlib import closing, suppress
from queue import Empty, Queue

from django.db import connections

DEPTH = 2


class _Failure:
    """An exception raised by the reading generator, handed to the caller to raise."""

    def __init__(self, error):
        self.error = error


_DONE = object()


def read_ahead(items, using, depth=DEPTH):
    """The items of the generator `items`, computed by a worker thread up to `depth` ahead of the caller.

    The worker uses the caller's connection to `using`, and so its
    transaction (a server-side cursor lives in one, and a test's rows are
    only seen inside its own), the way Django's live test server shares a
    connection with its thread: the caller must not use it until the items
    run out or it closes this generator (a download cut short), which stops
    the worker after its current item. An exception in `items` is raised
    here. Elsewhere (SQLite, in development and tests) the items are read in
    turn: the overlap was measured on PostgreSQL only.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield from items
        return
    queue = Queue(maxsize=depth)
    stop = threading.Event()

    def work():
        connections[using] = connection
        try:
            with closing(items):
                for item in items:
                    queue.put(item)
                    if stop.is_set():
                        return
            queue.put(_DONE)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            queue.put(_Failure(error))

    connection.inc_thread_sharing()
    worker = threading.Thread(target=work, name=f"read-ahead-{using}", daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not _DONE:
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
        # The worker may be waiting to put an item on a full queue: take them until it has stopped.
        while worker.is_alive():
            with suppress(Empty):
                queue.get(timeout=0.05)
        worker.join()
        connection.dec_thread_sharing()
