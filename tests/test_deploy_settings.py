"""Production settings: `check --deploy` is clean, bad values stop the app, WhiteNoise serves static files."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[1] / "manage.py"


def production_env(**overrides):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return {
        **clean,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "desk.example",
        **overrides,
    }


def manage(env, *args):
    return subprocess.run([sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_with_production_settings():
    run = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")

    assert run.returncode == 0, run.stderr
    assert "System check identified no issues" in run.stdout


def test_check_deploy_warns_when_https_redirect_and_hsts_are_turned_off():
    env = production_env(DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_HSTS_SECONDS="0")

    run = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert run.returncode != 0
    assert "security.W004" in run.stderr
    assert "security.W008" in run.stderr


def test_check_deploy_passes_with_the_key_made_in_the_key_file(tmp_path):
    env = production_env(DJANGO_SECRET_KEY_FILE=str(tmp_path / "secret-key"))
    del env["DJANGO_SECRET_KEY"]

    run = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert run.returncode == 0, run.stderr
    assert "System check identified no issues" in run.stdout
    assert (tmp_path / "secret-key").exists()


def test_bad_security_values_stop_the_app():
    for overrides, message in [
        ({"DJANGO_HSTS_SECONDS": "a year"}, "DJANGO_HSTS_SECONDS must be an integer"),
        ({"DJANGO_HSTS_SECONDS": "-1"}, "DJANGO_HSTS_SECONDS must not be negative"),
        ({"DJANGO_CSRF_TRUSTED_ORIGINS": "desk.example"}, "DJANGO_CSRF_TRUSTED_ORIGINS entries need a scheme"),
        ({"DJANGO_LOGIN_FAILURE_LIMIT": "0"}, "DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_COOLOFF_MINUTES"),
        ({"DJANGO_SECURE_SSL_REDIRECT": "sometimes"}, "DJANGO_SECURE_SSL_REDIRECT must be a boolean"),
    ]:
        run = manage(production_env(**overrides), "check")

        assert run.returncode != 0, overrides
        assert message in run.stderr, overrides


SERVE_STATIC = """
import django, re
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", "--no-input", verbosity=0)
from django.templatetags.static import static
url = static("admin/css/base.css")
assert re.fullmatch(r"/static/admin/css/base\\.[0-9a-f]{12}\\.css", url), url
response = Client().get(url, secure=True, HTTP_HOST="desk.example", HTTP_ACCEPT_ENCODING="gzip")
assert response.status_code == 200, response.status_code
print(response["Content-Encoding"], "|", response["Cache-Control"])
"""


def test_production_serves_collected_static_files_itself(tmp_path):
    env = production_env(DJANGO_STATIC_ROOT=str(tmp_path), DJANGO_SETTINGS_MODULE="newsdesk.settings")

    run = subprocess.run(
        [sys.executable, "-c", SERVE_STATIC],
        env=env,
        cwd=MANAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stderr
    # Hashed names get a far-future cache lifetime; gzip comes precompressed.
    encoding, cache_control = run.stdout.strip().split(" | ")
    assert encoding == "gzip"
    assert "immutable" in cache_control
