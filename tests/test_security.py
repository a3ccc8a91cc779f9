"""Security headers, CSRF, the login rate limit and staff-only admin, through the test client."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Every failed login hashes a password; the default hasher would make these tests slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="reader", password=PASSWORD)


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


def assert_secure_headers(response):
    csp = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_an_analyst_page_has_the_security_headers(client, reader):
    client.force_login(reader)

    assert_secure_headers(client.get("/"))


@pytest.mark.django_db
def test_the_admin_login_has_the_security_headers(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert_secure_headers(response)


@pytest.mark.django_db
def test_redirects_and_not_found_pages_have_the_security_headers(client):
    assert_secure_headers(client.get("/admin/"))
    assert_secure_headers(client.get("/no-such-page/"))


@pytest.mark.django_db
def test_it_refuses_a_login_post_without_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)

    response = log_in(client, "editor", PASSWORD)

    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_accepts_a_login_post_with_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = client.post(
        LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_it_locks_a_username_out_after_the_failure_limit(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert log_in(client, "editor", "wrong").status_code == 200

    response = log_in(client, "editor", "wrong")

    assert response.status_code == 429
    assert f"Try again in {settings.LOGIN_COOLOFF_MINUTES} minutes" in response.content.decode()
    assert "Too many failed logins" in response.content.decode()


@pytest.mark.django_db
def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")

    response = log_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_user(username="deputy", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")

    # The same username from elsewhere, and another username from here, still get in.
    assert log_in(Client(), "editor", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert log_in(Client(), "deputy", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")
    cool_off = timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= cool_off + timedelta(seconds=1)
        attempt.save()

    assert log_in(client, "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_analyst_login_page_is_rate_limited_too(client, reader):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "reader", "password": "wrong"})

    response = client.post(reverse("login"), {"username": "reader", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_admin_redirects_a_logged_in_user_who_is_not_staff(client, reader):
    client.force_login(reader)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.django_db
def test_the_admin_lets_staff_in(client, editor):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
