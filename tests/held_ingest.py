"""Two pages stored at once on PostgreSQL: the first held open in its transaction while the second is stored."""

import threading
import time

from django.db import connection, transaction

from articles import ingest


def ingest_second_while_first_is_held(first, second):
    """Store `first` and keep its transaction open, then store `second` from another connection.

    Returns (first article id, second article id, whether the second was still waiting a second after the first
    was stored): the tests of the locks that make a copy wait for its original to commit.
    """
    stored, release, results = threading.Event(), threading.Event(), {}

    def store_first_and_hold():
        try:
            with transaction.atomic():
                results["first"] = ingest.ingest_file(first).article_id
                stored.set()
                release.wait(10)
        finally:
            connection.close()

    def store_second():
        try:
            stored.wait(10)
            results["second"] = ingest.ingest_file(second).article_id
        finally:
            connection.close()

    threads = [threading.Thread(target=store_first_and_hold), threading.Thread(target=store_second)]
    for thread in threads:
        thread.start()
    stored.wait(10)
    time.sleep(1)
    waited = "second" not in results
    release.set()
    for thread in threads:
        thread.join(20)
    return results["first"], results["second"], waited
