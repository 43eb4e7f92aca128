"""A published page's {filename} link to a draft fails the build, naming the file and line.

Production leaves drafts (and articles dated in the future) out, and Pelican turns a
link to one into a link to the home page; so the link is an error in development too,
where the draft is still written and the link would seem to work.
"""

import pytest

from tests import sites
from tests.unit.tiny_site import TinySite

LINKING = sites.article(
    "Intro.\n\nRead [the draft]({filename}draft.md) and\n[the next one]({filename}later.md).\n"
    "\nSee [the thank-you page]({filename}/pages/thanks.md).\n", Title="Linking", Slug="linking")


@pytest.fixture(scope="module")
def site():
    site = TinySite()
    site.write("articles/linking.md", LINKING)
    site.write("articles/draft.md", sites.article("Draft.\n", Title="Draft", Slug="draft",
                                                  Status="draft"))
    site.write("articles/later.md", sites.article("Later.\n", Title="Later", Slug="later",
                                                  Date="2099-01-01"))
    # A draft may link to a draft; a hidden page is written, and its link works.
    site.write("articles/draft-linking.md", sites.article(
        "[Another draft]({filename}draft.md).\n", Title="Draft linking", Status="draft"))
    site.write("pages/thanks.md", "Title: Thanks\nSlug: thanks\nStatus: hidden\n\nThanks.\n")
    yield site
    site.remove()


def lines(built):
    return built.messages("link-to-draft")


def test_a_link_to_a_draft_fails_while_writing(site):
    built = site.build()
    assert built.failed
    where = sites.expected_location(f"{site.content}/articles/linking.md", LINKING, "draft.md")
    [line] = lines(built)  # the future article is published while writing
    assert line.startswith(where) and "a draft (Status: draft)" in line
    assert "home page" in line and "draft-linking.md" not in line


def test_links_to_a_draft_and_a_future_article_fail_in_production(site):
    built = site.build("publishconf.py", OUTPUT_PATH=str(site.root / "prod"))
    assert built.failed
    found = lines(built)
    where = sites.expected_location(f"{site.content}/articles/linking.md", LINKING, "later.md")
    assert any(line.startswith(where) and "scheduled for" in line for line in found), found
    assert len(found) == 2 and not any("thanks.md" in line for line in built.messages())
    page = (site.root / "prod" / "articles" / "linking" / "index.html").read_text(
        encoding="utf-8")
    assert 'href="https://clinic.example/thanks/"' in page  # the hidden page's own address
