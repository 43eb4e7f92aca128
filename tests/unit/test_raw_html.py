"""Raw HTML in writers' files: an allow-list, reported at its line, and never published.

The class of hostile HTML (tests/sites.py HOSTILE_HTML: scripts, event handlers,
javascript: and data: URLs, meta refresh, forms and formaction to another site,
base, svg use, ping, style) in bodies and Summaries: each fails the build naming
the file and line; with the checks turned off the build passes and the pages,
feeds and search index still carry none of it (the sanitizer, nh3, with the
same allow-list). Generated Markdown (hypothesis) shows that what the check
accepts the sanitizer keeps, and that nothing outside the allow-list survives.
"""

import gzip
import json
from pathlib import Path
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import markdown
import pytest

from plugins.checks import raw_html
from plugins.common import allowed_html
from plugins.common.allowed_html import DEFAULT_ALLOWED, elements, forbidden, sanitize
from tests import sites
from tests.unit.tiny_site import TinySite

ROOT = Path(__file__).resolve().parents[2]
POLICY = allowed_html.allowed({})
CHECK_IDS = [check.name for check in raw_html.CHECKS]
OFF = dict.fromkeys(CHECK_IDS, "off")
EVIL_HOST = "evil.example"


def hostile_traces(html):
    """What of hostile HTML is left in a page, a feed entry or a search fragment: any
    element, attribute or URL that runs code, loads, sends or redirects elsewhere."""
    traces = []
    for tag, attributes in elements(html):
        if tag in {"base", "iframe", "object", "embed", "style", "use", "textarea"} or (
                tag == "form" and "site-search" not in attributes.get("class", "")) or (
                tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh") or (
                tag == "script" and not attributes.get("src")
                and attributes.get("type") != "application/ld+json"):
            traces.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on") or name in {"style", "ping", "formaction"}:
                traces.append(f"<{tag} {name}>")
            if EVIL_HOST in value:
                traces.append(f"<{tag} {name}={value!r}>")
            if name in allowed_html.URL_ATTRIBUTES and not allowed_html.url_allowed(
                    value, POLICY):
                traces.append(f"<{tag} {name}={value!r}>")
    return traces


def writer_html(html):
    """A feed entry's HTML without the disclaimer the theme appends to every body."""
    return re.sub(r'<aside class="disclaimer".*?</aside>', "", html, flags=re.S)


def feed_entries(path):
    """The HTML of every summary, content and description of an Atom or RSS feed."""
    root = ET.parse(path).getroot()
    return [element.text or "" for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] in {"summary", "content", "description"}]


@pytest.fixture(scope="module")
def hostile_site():
    """Every hostile file of tests/sites.py in one tiny site."""
    site = TinySite()
    site.write("images/tiny.png", sites.SMALL_PNG)
    for _, relative, text, _ in sites.HOSTILE_HTML:
        site.write(relative, text)
    yield site
    site.remove()


@pytest.fixture(scope="module")
def hostile_build(hostile_site):
    return hostile_site.build()


@pytest.mark.parametrize("check, relative, text, marker", sites.HOSTILE_HTML,
                         ids=[Path(relative).stem for _, relative, *_ in sites.HOSTILE_HTML])
def test_hostile_html_is_an_error_at_its_line(hostile_site, hostile_build, check, relative,
                                              text, marker):
    assert hostile_build.failed
    where = sites.expected_location(f"{hostile_site.content}/{relative}", text, marker)
    lines = [line for line in hostile_build.messages(check) if line.startswith(where)]
    assert lines, hostile_build.messages()


def test_every_kind_of_hostile_html_says_why(hostile_build):
    messages = "\n".join(hostile_build.messages())
    for reason in ["<meta> is not allowed", "a form can send what visitors type",
                   "<base> is not allowed", "<svg> is not allowed", "onerror= on <img> runs",
                   "ping= on <a> tells another site", "style= on <p>", "javascript: address",
                   "data: address", "in Summary: the attribute onerror=",
                   "aligned with colons"]:
        assert reason in messages, reason


def test_a_failed_build_still_wrote_nothing_hostile(hostile_build):
    """The report stops the build after the pages are written (an atomic build then keeps
    the last good site): even those pages were cleaned."""
    pages = sorted(hostile_build.output.rglob("*.html"))
    assert len(pages) >= len(sites.HOSTILE_HTML)
    for page in pages:
        assert hostile_traces(page.read_text(encoding="utf-8")) == [], page


@pytest.fixture(scope="module")
def unchecked_build(hostile_site):
    """The hostile files with the three checks off, in production, with the search index."""
    output = hostile_site.root / "unchecked"
    built = hostile_site.build("publishconf.py", SEVERITY=OFF, OUTPUT_PATH=str(output),
                               OUTPUT_PIPELINE=["output.search_index", "checks.report"])
    assert not built.failed, built.messages()
    built.output = output
    return built


def test_with_the_checks_off_pages_carry_nothing_hostile(unchecked_build):
    pages = sorted(unchecked_build.output.rglob("*.html"))
    assert len(pages) >= len(sites.HOSTILE_HTML)
    for page in pages:
        assert hostile_traces(page.read_text(encoding="utf-8")) == [], page
    # What was allowed stays: the text around it, the image, the allowed link.
    onerror = unchecked_build.read("articles/a-test-article-" + next(
        re.search(r"Title: A test article (\d+)", text).group(1)
        for _, relative, text, _ in sites.HOSTILE_HTML if relative.endswith("onerror.md"))
        + "/index.html")
    assert 'alt="A dot"' in onerror


def test_with_the_checks_off_feeds_pass_the_allow_list(unchecked_build):
    feeds = sorted(unchecked_build.output.glob("feeds/*.xml"))
    assert feeds
    entries = [html for feed in feeds for html in feed_entries(feed)]
    assert len(entries) >= len(sites.HOSTILE_HTML)
    summaries = [html for html in entries if "A summary" in html]
    assert len(summaries) >= 2  # the two hostile Summaries, cleaned
    for html in entries:
        assert forbidden(writer_html(html), POLICY) == [], html
        assert hostile_traces(html) == [], html


def test_with_the_checks_off_the_search_index_carries_nothing_hostile(unchecked_build):
    fragments = sorted((unchecked_build.output / "pagefind").rglob("*.pf_fragment"))
    assert len(fragments) >= len(sites.HOSTILE_HTML)
    for path in fragments:
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        text = json.dumps(fragment)
        assert "Intro." in text or "A test" in text or "Text." in text, fragment
        for trace in (EVIL_HOST, "alert(", "steal()", "display: none", "javascript:"):
            assert trace not in text, (path, trace)


def test_the_theme_markup_is_not_the_writers(hostile_build):
    """The disclaimer (an <aside>, outside the allow-list) is added after the check."""
    page = next(hostile_build.output.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert '<aside class="disclaimer"' in page
    assert not any("<aside>" in line for line in hostile_build.messages())


def test_allowed_html_builds_and_is_kept():
    site = TinySite()
    try:
        site.write("articles/fine.md", sites.article(
            '<div class="table-scroll" role="region" aria-label="Prices" tabindex="0">\n'
            '<table><caption>Prices</caption><tr><th scope="col">A</th></tr>'
            '<tr><td colspan="1">1</td></tr></table>\n</div>\n\n'
            'Call <a href="tel:+15550100142">us</a>, <abbr title="physical therapy">PT</abbr>,'
            ' <kbd>Ctrl</kbd>, H<sub>2</sub>O.\n\nA note[^1].\n\n[^1]: The note.\n',
            Summary="A *fine* summary with <abbr title=\"physical therapy\">PT</abbr>.",
            Slug="fine"))
        built = site.build()
        assert not built.failed, built.messages()
        page = built.read("articles/fine/index.html")
        for kept in ['role="region" aria-label="Prices" tabindex="0"', '<th scope="col">',
                     'href="tel:+15550100142"', '<abbr title="physical therapy">',
                     'class="footnote-ref"']:
            assert kept in page, kept
        assert "<em>fine</em> summary" in built.read("feeds/all.atom.xml").replace(
            "&lt;", "<").replace("&gt;", ">")
    finally:
        site.remove()


def test_a_file_pelican_cannot_read_is_checked_too():
    site = TinySite()
    try:
        site.write("articles/no-date.md", sites.article(
            "Intro.\n\n<script>alert(1)</script>\n", Date=None))
        built = site.build()
        lines = built.messages("html-element-not-allowed")
        assert any("no-date.md:" in line and "<script>" in line for line in lines), \
            built.messages()
    finally:
        site.remove()


def test_the_writers_guide_lists_the_allowed_html():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    section = guide[guide.index("## HTML in the text"):]
    section = section[:section.index("\n## ", 4)]
    for tag in DEFAULT_ALLOWED["tags"]:
        assert f"`{tag}`" in section, tag
    for scheme in DEFAULT_ALLOWED["url_schemes"]:
        assert f"`{scheme}:`" in section, scheme


def test_the_allow_list_is_a_setting():
    policy = allowed_html.allowed({"HTML_ALLOWED": {"tags": ["p"]}})
    assert [found.tag for found in forbidden("<p>a</p><em>b</em>", policy)] == ["em"]
    assert sanitize("<p>a</p><em>b</em>", policy) == "<p>a</p>b"
    assert allowed_html.allowed({}).url_schemes == {"https", "http", "mailto", "tel"}


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "javascript"), (" JavaScript:x", "javascript"),
    ("java\tscript:x", "javascript"), ("\x01data:text/html,x", "data"),
    ("{filename}/pages/contact.md", None), ("../contact/", None), ("#top", None),
    ("//cdn.example/x", None), ("https://example.org/a:b", "https"), ("tel:+1555", "tel"),
])
def test_url_schemes_are_read_as_a_browser_reads_them(url, scheme):
    assert allowed_html.url_scheme(url) == scheme


# --- Generated Markdown with embedded HTML --------------------------------------------

MARKDOWN = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.toc",
                                         "markdown.extensions.smarty"], output_format="html5")
TAGS = sorted(DEFAULT_ALLOWED["tags"]) + [
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "base",
    "meta", "link", "svg", "use", "math", "template", "noscript", "textarea", "title",
    "body", "image", "video", "audio", "source", "select", "xmp", "noembed", "details"]
ATTRIBUTES = ["href", "src", "cite", "class", "id", "title", "alt", "style", "onclick",
              "onerror", "onload", "ping", "formaction", "action", "http-equiv", "content",
              "srcset", "xlink:href", "aria-label", "data-pagefind-meta", "tabindex", "role",
              "target", "rel", "background", "poster", "open"]
URLS = ["https://example.org/", "http://example.org/", "mailto:a@example.org", "tel:+1555",
        "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
        "data:text/html,<b>x</b>", "vbscript:x", "{filename}/pages/contact.md", "../x/",
        "#top", "//evil.example/x", "x", "file:///etc/passwd", "&#106;avascript:alert(1)"]
VALUES = st.one_of(st.sampled_from(URLS), st.text(alphabet="ab <>\"'&=;:/", max_size=8))


@st.composite
def tags(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    names = draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True))
    attributes = "".join(
        f' {name}="{draw(VALUES).replace(chr(34), "&quot;")}"' for name in names)
    inner = draw(st.lists(st.one_of(st.sampled_from(["text", "*em*", "[l](x)", "<!-- c -->",
                                                     "`<b>`", "\n\n", "&lt;"]),
                                    tags(depth + 1) if depth < 2 else st.just("x")),
                          max_size=3))
    return f"<{tag}{attributes}>{''.join(inner)}</{tag}>"


MARKDOWN_TEXT = st.lists(st.one_of(
    tags(), st.sampled_from(["Some text.", "## Heading", "- item", "| a |\n|:--|\n| 1 |",
                             "[link](javascript:alert(1))", "![img](data:image/png,x)",
                             "[ok]({filename}/pages/contact.md)", "`code <script>`",
                             "*a*{: onclick=\"x\" }", "    <script>indented</script>"])),
    min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN_TEXT)
def test_nothing_outside_the_allow_list_survives(text):
    html = MARKDOWN.reset().convert(text)
    cleaned = sanitize(html, POLICY)
    # The sanitizer leaves nothing the check would report, as a browser parses it ...
    assert forbidden(cleaned, POLICY) == [], (html, cleaned)
    # What the check accepts, the sanitizer does not change (the writer's text is
    # reported, never silently changed): the same elements and attributes.
    if not forbidden(html, POLICY):
        assert text_elements(cleaned) == text_elements(html), (html, cleaned)


def text_elements(html):
    """The elements of a text, without the document wrappers a parser adds around it."""
    return [(tag, attributes) for tag, attributes in elements(html)
            if tag not in allowed_html.DOCUMENT_TAGS]
