"""The demo login is a staff analyst, not a superuser; password resets only with e-mail, and rate-limited."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

RESET = "/accounts/password_reset/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the reset counters live in the cache
    yield
    cache.clear()


def test_the_demo_login_is_staff_with_the_analysts_permissions_but_not_a_superuser(db):
    out = StringIO()
    call_command("demo_user", stdout=out)
    user = get_user_model().objects.get(username="analyst")

    assert out.getvalue().strip() == "Demo login: analyst / newsdesk-demo (created)"
    assert user.is_staff
    assert not user.is_superuser
    assert user.has_perms(["articles.change_statement", "articles.change_topic", "actors.change_actor"])
    assert not user.has_perm("auth.view_user")
    assert not user.has_perm("articles.view_feedtoken")
    assert not user.has_perm("articles.delete_article")


def test_the_demo_command_takes_superuser_away_from_an_older_demo_login(django_user_model):
    django_user_model.objects.create_superuser("analyst", "analyst@example.com", "x")

    call_command("demo_user", stdout=StringIO())

    assert not django_user_model.objects.get(username="analyst").is_superuser


def test_the_demo_login_opens_the_statements_admin_but_not_the_users(db):
    call_command("demo_user", stdout=StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="analyst"))

    assert client.get("/admin/articles/statement/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/articles/feedtoken/").status_code == 403


def test_without_email_there_is_no_password_reset(client, db, settings):
    settings.EMAIL_ENABLED = False

    assert client.get(RESET).status_code == 404
    assert client.post(RESET, {"email": "analyst@example.com"}).status_code == 404
    assert "password_reset" not in client.get("/accounts/login/").content.decode()
    assert mail.outbox == []


@pytest.fixture
def with_email(settings, analyst):
    settings.EMAIL_ENABLED = True
    settings.PASSWORD_RESETS_PER_HOUR = 3
    analyst.set_password("an old password")  # Django mails only users who have one
    analyst.save()


def test_with_email_the_login_page_offers_a_reset_that_sends_mail(client, analyst, with_email):
    assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").content.decode()

    response = client.post(RESET, {"email": "analyst@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_reset_requests_from_one_address_are_limited(client, analyst, with_email):
    statuses = [client.post(RESET, {"email": f"someone{n}@example.com"}).status_code for n in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert "Too many password reset requests" in client.post(RESET, {"email": "x@example.com"}).content.decode()


def test_reset_requests_for_one_mailbox_are_limited_from_any_address(analyst, with_email):
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}").post(RESET, {"email": "analyst@example.com"}).status_code for n in range(4)
    ]

    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
