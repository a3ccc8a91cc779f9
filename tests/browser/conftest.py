"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live_server.

Playwright's bundled browsers cannot be downloaded here, so the tests launch
/usr/bin/chromium (`apt-get install chromium`). Without it they are skipped,
unless NEWSDESK_REQUIRE_BROWSER=1 (set by .ci/run): then they fail.
A failing test leaves a screenshot and the page's HTML in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.db import connections

from .support import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

_reports = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so the page fixture knows whether the test failed.
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


def _unavailable(reason):
    if os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; NEWSDESK_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(reason)


@pytest.fixture
def browser(monkeypatch):
    """A headless Chromium for one test.

    The sync API keeps an asyncio loop running in this thread while it is
    started, and Django refuses ORM calls from a thread with a running loop;
    the test's own ORM calls (building data, checking results) are plain sync
    code, so the guard is lifted for the test only. The browser is started per
    test so that no loop outlives it into the rest of the suite.
    """
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[dev]')")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # Under Playwright's greenlets the test's code sees other context
            # variables, so Django opened it a connection of its own; left
            # open, PostgreSQL would refuse to drop the test database.
            connections.close_all()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    reports = request.node.stash.get(_reports, {})
    if any(report.failed for report in reports.values()):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content())
    context.close()


@pytest.fixture
def make_user(db, django_user_model):
    """A user who logs in with PASSWORD; `permissions` are "app_label.codename" strings."""

    def make(username, *, is_staff=False, permissions=()):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=is_staff)
        for perm in permissions:
            app_label, codename = perm.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return user

    return make
