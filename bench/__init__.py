"""Newsdesk's benchmarks: `make bench`, or each module with `python -m bench.NAME`."""

import os


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
