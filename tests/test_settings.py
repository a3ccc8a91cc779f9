"""Settings from the environment, and the production path that needs a secret key."""

import os
import subprocess
import sys

import pytest

CHECK = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsdesk.settings'; django.setup(); "


def settings_in(env, code):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", CHECK + code], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    run = settings_in({"DJANGO_DEBUG": "0"}, "")

    assert run.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in run.stderr


def test_production_starts_with_a_secret_key_and_hosts():
    run = settings_in(
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "desk.example, news.example"},
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False ['desk.example', 'news.example']"


def test_the_default_database_is_sqlite_in_the_project_folder():
    run = settings_in({}, "from django.conf import settings; print(settings.DATABASES['default']['NAME'])")

    assert run.stdout.strip().endswith("/db.sqlite3")


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("postgres://newsdesk@db.internal:5433/coverage", "django.db.backends.postgresql", "coverage"),
        ("sqlite:////tmp/desk.sqlite3", "django.db.backends.sqlite3", "/tmp/desk.sqlite3"),
    ],
)
def test_database_url_picks_the_database(url, engine, name):
    run = settings_in(
        {"DATABASE_URL": url},
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])",
    )

    assert run.stdout.split() == [engine, name]


def test_a_bad_boolean_is_reported():
    run = settings_in({"DJANGO_DEBUG": "maybe"}, "")

    assert "DJANGO_DEBUG must be a boolean" in run.stderr
