"""Fixtures for tests in a real browser: a built site served on 127.0.0.1, and Debian's chromium.

The site is the planted development site of tests/sites.py (the real content plus
a plain page, a second article with a photo, drafts...), so that every template and
feature is on show.
"""

import pytest

from scripts.site_server import serve_in_background
from tests.sites import DRAFT_WORD  # noqa: F401 (the browser tests import it from here)

SEED_ARTICLE = "articles/do-physical-therapists-massage/"
PLANTED_PAGE = "planted-plain-page/"
PLANTED_ARTICLE = "articles/planted-knee-article/"


@pytest.fixture(scope="session")
def browser_site(planted_dev_site):
    return planted_dev_site


@pytest.fixture(scope="session")
def site_url(browser_site):
    """Serve the built site on 127.0.0.1 (a free port) for the whole session."""
    server, url = serve_in_background(browser_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    """A fresh page in a new context (light mode, phone-ish desktop width)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


def open_page(browser, url, **context_options):
    """Open url in a new context with the given options; return (context, page, response)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    response = page.goto(url)
    return context, page, response
