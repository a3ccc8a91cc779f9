"""Helpers for the browser tests."""

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
