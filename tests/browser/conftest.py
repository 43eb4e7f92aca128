"""Fixtures for tests in a real browser: a built site served on 127.0.0.1, and Debian's chromium.

The site is the real content plus a few planted files (a plain page, a second
article with an image, a draft) so that every template and feature is on show.
"""

from datetime import date
import shutil

import pytest

from scripts.site_server import serve_in_background
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
