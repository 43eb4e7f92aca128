"""checks.links: every internal link and #anchor of the written site, reported where to fix it."""

from html.parser import HTMLParser

import pytest

from plugins.checks import links
from plugins.checks.links import broken_links
from plugins.common.problems import display_path
from tests.unit.tiny_site import TinySite


def write_site(root, pages):
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


SITE = {
    "index.html": '<a href="a/">a</a><a href="b/#top">b</a><a href="missing/">x</a>',
    "a/index.html": '<p id="here"></p><a href="../b/">b</a><a href="#nowhere">n</a>',
    "b/index.html": '<h1 id="top">B</h1><img src="../logo.png" alt=""><a href="../a#here">a</a>',
}


def findings(root, **settings):
    """(page, link, target, kind) of every broken link."""
    return sorted((page, link, target, kind)
                  for page, link, target, kind, _ids in broken_links(root, settings))


class ReferenceScan(HTMLParser):
    """The standard library's parser, as the check used it before selectolax."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and not (tag == "link" and ("rel", "preconnect") in attrs):
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(p.strip().split(" ")[0] for p in value.split(",") if p.strip())


TRICKY = """<!doctype html><html lang=en><head>
<link rel=preconnect href=https://fonts.example><link rel=stylesheet href=/theme/site.css>
<script>var a = '<a href="in-script.html">';</script><style>a[href="x"]{}</style></head>
<body><!-- <a href="in-comment.html"> --><a href=/a/?q=1&amp;r=2#top>unquoted</a>
<a name=old-anchor></a><p name=not-an-anchor id="caf&eacute;">x</p>
<img alt="" src=img.png srcset="img-480.png 480w, img-800.png 800w">
<svg><use href="#icon"/></svg><a href="mailto:x@example.org">m</a>
<table><tr><td><a href=cell.html>cell</a></td></tr></table><p><a href=unclosed.html>u
</body></html>"""


def test_the_parser_finds_what_the_standard_library_parser_finds():
    reference = ReferenceScan()
    reference.feed(TRICKY)
    ids, found = links.scan_html(TRICKY)
    assert ids == reference.ids == {"old-anchor", "caf\u00e9"}
    assert found == reference.links
    assert "/a/?q=1&r=2#top" in found and "img-800.png" in found
    assert not any("in-script" in link or "in-comment" in link for link in found)
    assert "https://fonts.example" not in found


def test_the_site_checks_find_every_problem(tmp_path):
    write_site(tmp_path, SITE)
    assert findings(tmp_path) == [
        ("a/index.html", "#nowhere", "a/index.html", "anchor"),
        ("b/index.html", "../logo.png", "logo.png", "file"),
        ("index.html", "missing/", "missing/index.html", "file"),
    ]


def test_links_out_of_the_site_are_not_checked(tmp_path):
    write_site(tmp_path, {"index.html": (
        '<a href="https://other.example/x/">o</a><a href="mailto:care@clinic.example">m</a>'
        '<a href="tel:+15550100142">t</a><img alt="" src="data:image/png;base64,AAAA">'
        '<a href="https://site.example/gone/">own site, absolute</a>')})
    assert findings(tmp_path, SITEURL="https://site.example") == [
        ("index.html", "https://site.example/gone/", "gone/index.html", "file")]


def test_a_second_check_sees_changed_pages_and_removed_targets(tmp_path):
    write_site(tmp_path, SITE)
    before = findings(tmp_path)
    (tmp_path / "b" / "index.html").write_text("<h1>B without the id</h1>", encoding="utf-8")
    after = findings(tmp_path)  # index.html is unchanged but its #top is gone
    lost_anchor = ("index.html", "b/#top", "b/index.html", "anchor")
    assert lost_anchor in after and lost_anchor not in before
    (tmp_path / "a" / "index.html").unlink()
    assert ("index.html", "a/", "a/index.html", "file") in findings(tmp_path)


def test_the_same_relative_link_is_resolved_in_each_page_folder(tmp_path):
    write_site(tmp_path, {
        "a/index.html": '<a href="x.html#top">x</a><a href="/b/x.html">abs</a><a href="#me">me</a>',
        "b/index.html": '<a href="x.html#top">x</a><a href="#me">me</a><p id="me"></p>',
        "b/x.html": '<h1 id="top">X</h1>',
    })
    assert findings(tmp_path) == [
        ("a/index.html", "#me", "a/index.html", "anchor"),
        ("a/index.html", "x.html#top", "a/x.html", "file"),
    ]


def test_an_anchor_finding_lists_the_ids_of_the_target(tmp_path):
    write_site(tmp_path, SITE)
    [ids] = [ids for page, link, _target, _kind, ids in broken_links(tmp_path, {})
             if link == "#nowhere"]
    assert ids == {"here"}


# --- Reported where the writer fixes it: a tiny site built with the link check -----------

ARTICLE = """Title: Knees
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: Knees.
Medical: no

Good links: [the team]({filename}/pages/about.md#team), [about](../../about/).

A page that is not built: [nowhere](/nowhere/).

An anchor that does not exist: [staff]({filename}/pages/about.md#staff).

A file that does not exist: [missing]({filename}missing.md).

Two on one line: [one](/one/) and [two](/two/#x).

A relative link from this page's folder: [sibling](../sibling/).
"""
ABOUT = """Title: About
Summary: About us.

## Team

We are here.

## Where we are

Springfield.
"""


def line_of(text):
    return ARTICLE.splitlines().index(text) + 1


@pytest.fixture(scope="module")
def site():
    tiny = TinySite(prefix="links-")
    tiny.write("articles/knees.md", ARTICLE)
    tiny.write("pages/about.md", ABOUT)
    built = tiny.build(OUTPUT_PIPELINE=["checks.links"], IMAGE_DERIVATIVE_CACHE=None)
    yield built, display_path(tiny.content / "articles" / "knees.md")
    tiny.remove()


def at(built, path, line):
    return [(p.check, p.message) for p in built.problems if p.path == path and p.line == line]


def test_a_broken_link_is_reported_at_the_line_of_the_writers_file(site):
    built, source = site
    assert built.failed
    assert at(built, source, line_of("A page that is not built: [nowhere](/nowhere/).")) == [
        ("broken-link", "the link /nowhere/ points to a file that was not built"
                        " (nowhere/index.html)")]
    assert at(built, source, line_of("A relative link from this page's folder:"
                                     " [sibling](../sibling/).")) == [
        ("broken-link", "the link ../sibling/ points to a file that was not built"
                        " (articles/sibling/index.html)")]
    good = line_of("Good links: [the team]({filename}/pages/about.md#team),"
                   " [about](../../about/).")
    assert at(built, source, good) == []


def test_a_missing_anchor_is_reported_with_the_ids_of_the_target(site):
    built, source = site
    line = line_of("An anchor that does not exist: [staff]({filename}/pages/about.md#staff).")
    [(check, message)] = at(built, source, line)
    assert check == "missing-anchor"
    assert message.startswith("the link https://clinic.example/about/#staff names an anchor"
                              " that does not exist on about/index.html (its ids include: ")
    listed = message.split("(its ids include: ")[1].rstrip(")").split(", ")
    assert {"team", "where-we-are"} <= set(listed) and "main" not in listed


def test_a_line_a_content_check_reported_is_not_reported_again(site):
    built, source = site
    line = line_of("A file that does not exist: [missing]({filename}missing.md).")
    assert [check for check, _ in at(built, source, line)] == ["broken-intrasite-link"]
    assert len([p for p in built.problems if "missing.md" in p.message]) == 1


def test_two_broken_links_on_one_line_are_both_reported(site):
    built, source = site
    line = line_of("Two on one line: [one](/one/) and [two](/two/#x).")
    assert sorted(at(built, source, line)) == [
        ("broken-link", "the link /one/ points to a file that was not built (one/index.html)"),
        ("broken-link", "the link /two/#x points to a file that was not built"
                        " (two/index.html)"),
    ]


def test_each_problem_is_reported_once(site):
    built, _source = site
    texts = [p.text() for p in built.problems]
    assert len(texts) == len(set(texts))
    assert len([t for t in texts if "/nowhere/" in t]) == 1


def test_a_broken_link_in_a_template_is_reported_against_the_written_page(site):
    built, source = site
    # The tiny site has none of the pages the menu links.
    menu = [p for p in built.problems if "https://clinic.example/services/" in p.message]
    pages = sorted(p.message.split(":", 1)[0] for p in menu)
    assert "output/articles/knees/index.html" in pages and "output/about/index.html" in pages
    assert "output/articles/index.html" in pages  # a listing: no writer's file behind it
    assert all(p.check == "broken-link" and p.path is None and p.line is None for p in menu)
    [on_article] = [p for p in menu if p.message.startswith("output/articles/knees/")]
    assert on_article.message == (
        "output/articles/knees/index.html: the link https://clinic.example/services/ points"
        " to a file that was not built (services/index.html)")
    assert on_article.fix == f"fix the link in the template that writes it, or the link in {source}"
    [on_listing] = [p for p in menu if p.message.startswith("output/articles/index.html")]
    assert on_listing.fix == "fix the link in the template that writes it"


def test_no_check_when_the_setting_says_so():
    tiny = TinySite(prefix="links-")
    try:
        tiny.write("articles/knees.md", ARTICLE.replace(
            "A file that does not exist: [missing]({filename}missing.md).\n", ""))
        tiny.write("pages/about.md", ABOUT)
        built = tiny.build(OUTPUT_PIPELINE=["checks.links"], LINK_CHECK=False,
                           IMAGE_DERIVATIVE_CACHE=None)
        assert not built.failed, built.messages()
        assert not any(p.check in links.CHECK_IDS for p in built.problems)
    finally:
        tiny.remove()
