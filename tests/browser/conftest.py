"""Fixtures for tests in a real browser: a built site served on 127.0.0.1, and Debian's chromium.

The site is the real content plus a few planted files (a plain page, a second
article with an image, a draft) so that every template and feature is on show.
"""

from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import shutil
import threading

import pytest

from tests.conftest import CONTENT, build_ok

SEED_ARTICLE = "articles/do-physical-therapists-massage/"
PLANTED_PAGE = "planted-plain-page/"
PLANTED_ARTICLE = "articles/planted-knee-article/"
DRAFT_WORD = "zebracorn"

REVIEWED = date.today().isoformat()  # never overdue
PLANTED = {
    "pages/planted-plain-page.md": """Title: Planted plain page
Slug: planted-plain-page
Summary: A plain page planted by the browser tests.

A plain page, rendered with the page template.

## A section

Some text with a [link to the articles](../articles/).
""",
    "articles/planted-knee-article.md": f"""Title: Planted knee article
Date: 2024-07-01 09:00
Category: Treatments
Tags: massage, knee pain
Slug: planted-knee-article
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: {REVIEWED}
Summary: A second article planted by the browser tests, with an image below the fold.

The opening paragraph of the planted article.

## A section with a photo

![A planted test picture]({{static}}/images/planted-photo.png)

Text after the picture.
""",
    "articles/planted-draft.md": f"""Title: Planted draft
Date: 2024-07-02 09:00
Category: Treatments
Status: draft
Slug: planted-draft
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: {REVIEWED}
Summary: A draft that search must not find.

The word {DRAFT_WORD} appears only in this draft.
""",
}


def plant(content):
    """Write the planted pages, articles and picture into a copy of content/."""
    from PIL import Image

    for name, text in PLANTED.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 900), (40, 120, 110)).save(content / "images" / "planted-photo.png")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve the built site like static hosting: 404.html for a missing file."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory):
    """The real site plus the planted files, built with the development settings."""
    root = tmp_path_factory.mktemp("browser")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    plant(content)
    return build_ok(root / "output", content=content)


@pytest.fixture(scope="session")
def site_url(browser_site):
    """Serve the built site on 127.0.0.1 (a free port) for the whole session."""
    handler = partial(SiteHandler, directory=str(browser_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
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
