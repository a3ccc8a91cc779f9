"""Helpers for the browser tests."""

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails) with the reason
    expect = None

PASSWORD = "correct horse battery staple"


def log_in(page, user, next_url):
    """Open `next_url`, log in on the login page it sends an anonymous visitor to, and land back on it."""
    page.goto(next_url)
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()


def require_page(url_name, *args):
    """The path of one of the analyst pages; the test is an expected failure until that page exists."""
    try:
        path = reverse(url_name, args=args)
        resolve(path)
    except (NoReverseMatch, Resolver404):
        pytest.xfail(f"the analyst page {url_name} is not built yet (issue 4)")
    return path
