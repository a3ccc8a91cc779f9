"""Settings from the environment: safe with none at all, a key kept in a private file, secrets off error pages."""

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.debug import technical_500_response

ROOT = Path(__file__).resolve().parents[1]

CHECK = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsdesk.settings'; django.setup(); "


def settings_in(env, code):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", CHECK + code], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


SHOW_KEY = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)"


def test_with_no_environment_debug_is_off_and_a_random_key_is_made_once_in_a_private_file(tmp_path):
    key_file = tmp_path / "keys" / "secret"

    first = settings_in({"DJANGO_SECRET_KEY_FILE": str(key_file)}, SHOW_KEY)
    second = settings_in({"DJANGO_SECRET_KEY_FILE": str(key_file)}, SHOW_KEY)

    assert first.returncode == 0, first.stderr
    debug, key = first.stdout.split()
    assert debug == "False"
    assert len(key) >= 50
    assert second.stdout == first.stdout
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["secret"]


def test_the_default_key_file_is_kept_out_of_git():
    assert "/.secret-key" in (ROOT / ".gitignore").read_text().splitlines()


def test_a_set_secret_key_wins_and_no_file_is_made(tmp_path):
    key_file = tmp_path / "secret"

    run = settings_in({"DJANGO_SECRET_KEY": "k" * 60, "DJANGO_SECRET_KEY_FILE": str(key_file)}, SHOW_KEY)

    assert run.stdout.split() == ["False", "k" * 60]
    assert not key_file.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_a_key_file_that_cannot_be_made_stops_the_app_with_the_reason(tmp_path):
    tmp_path.chmod(0o500)
    try:
        run = settings_in({"DJANGO_SECRET_KEY_FILE": str(tmp_path / "secret")}, "")
    finally:
        tmp_path.chmod(0o700)

    assert run.returncode != 0
    assert "set DJANGO_SECRET_KEY, or DJANGO_SECRET_KEY_FILE to a writable place" in run.stderr


def test_a_truncated_key_file_is_refused(tmp_path):
    (tmp_path / "secret").write_text("short\n")

    run = settings_in({"DJANGO_SECRET_KEY_FILE": str(tmp_path / "secret")}, "")

    assert run.returncode != 0
    assert "is shorter than 50 characters" in run.stderr


# Made up per run, so the page's source excerpts (which show this file) cannot hold them.
PASSWORDS = {what: f"{what}-{secrets.token_hex(8)}" for what in ("broker", "cache", "db", "mail", "local")}


def connect(conn_params):
    raise RuntimeError(f"could not connect to {conn_params['host']}")


def error_page(request):
    try:
        connect({"host": "db.internal", "password": PASSWORDS["local"]})
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


def test_debug_pages_hide_the_passwords_in_connection_urls_and_parameters(settings):
    settings.DEBUG = True
    settings.CELERY_BROKER_URL = f"redis://:{PASSWORDS['broker']}@queue.internal:6379/0"
    settings.CACHE_URL = f"redis://cache:{PASSWORDS['cache']}@cache.internal:6379/1"
    # runserver copies the environment into every request's META.
    request = RequestFactory().get(
        "/",
        DATABASE_URL=f"postgres://desk:{PASSWORDS['db']}@db.internal:5432/newsdesk",
        EMAIL_URL=f"smtp://u:{PASSWORDS['mail']}@mail.internal:587",
    )

    page = error_page(request)

    assert "could not connect to db.internal" in page
    assert "smtp://u:********************@mail.internal:587" in page  # a URL under a name not listed
    for password in PASSWORDS.values():
        assert password not in page


@pytest.mark.parametrize(
    "url, options",
    [
        ("postgres://newsdesk@db.example:5432/newsdesk", {"options": "-c jit=off"}),
        ("sqlite:///tmp/newsdesk-test.sqlite3", None),
    ],
)
def test_postgresql_connections_run_without_jit_and_sqlite_keeps_its_own_options(url, options):
    # The JIT compiled an export's query for longer than the query then ran.
    code = "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    result = settings_in({"DATABASE_URL": url, "DJANGO_SECRET_KEY": "k" * 50}, code)

    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    if options:
        assert got == options
    else:
        assert "options" not in got and got["timeout"] == 20


@pytest.mark.parametrize(
    ("pgoptions", "expected"),
    [
        ("", "-c jit=off"),
        ("-c default_transaction_read_only=on", "-c jit=off -c default_transaction_read_only=on"),
    ],
)
def test_postgresql_options_keep_those_the_environment_asks_for(tmp_path, pgoptions, expected):
    # libpq sends a connection's `options` instead of PGOPTIONS: dropped, a read-only benchmark session could write.
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres", "PGOPTIONS": pgoptions}
    env["DJANGO_SECRET_KEY_FILE"] = str(tmp_path / "secret")
    shown = settings_in(env, "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])")

    assert shown.returncode == 0, shown.stderr
    assert f"'options': '{expected}'" in shown.stdout
