"""The production build: what hosts and visitors get."""

from fnmatch import fnmatch
import gzip
import json
from pathlib import Path
import re

import brotli
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

from scripts.publish import production_problems
from tests.conftest import ROOT, read
from tests.publish.helpers import ARTICLE_PAGE
from tests.sites import MISTAKES_PROD_SETTINGS

HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js)$")


def pages(site):
    return sorted(Path(site).rglob("*.html"))


def test_no_drafts_and_every_page_indexable(prod_site):
    assert not (prod_site / "drafts").exists()
    allowed = read_settings(str(ROOT / "publishconf.py"))["NOINDEX_ALLOWED"]
    assert list(production_problems(prod_site, allowed)) == []
    checked = 0
    for page in pages(prod_site):
        relative = page.relative_to(prod_site).as_posix()
        if any(fnmatch(relative, glob) for glob in allowed):
            continue
        robots = BeautifulSoup(read(page), "html.parser").find("meta", attrs={"name": "robots"})
        assert "noindex" not in robots["content"], page
        checked += 1
    assert checked >= 5


POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'


def test_a_leaked_noindex_is_refused(tmp_path):
    (tmp_path / "about").mkdir()
    (tmp_path / "about/index.html").write_text(POLICY + '<meta name=robots content="noindex">')
    (tmp_path / "404.html").write_text(POLICY + '<meta name=robots content="noindex">')
    problems = list(production_problems(tmp_path, ["404.html"]))
    assert "about/index.html: robots meta says noindex" in problems
    assert not any(problem.startswith("404.html") for problem in problems)


def test_a_page_without_its_policy_or_with_a_redirect_is_refused(tmp_path):
    (tmp_path / "a.html").write_text("<p>No policy</p>")
    (tmp_path / "b.html").write_text(POLICY + '<meta http-equiv=refresh content="0;url=x">')
    (tmp_path / "c.html").write_text(POLICY)
    problems = "\n".join(production_problems(tmp_path))
    assert "a.html: the page needs exactly one <meta http-equiv>" in problems
    assert "(found: content-security-policy, refresh)" in problems
    assert "c.html" not in problems


def test_compressed_copies_beside_every_html_css_and_xml_file(prod_site):
    texts = [path for path in prod_site.rglob("*")
             if path.suffix in {".html", ".css", ".xml"}]
    assert len(texts) >= 10
    for path in texts:
        data = path.read_bytes()
        assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == data, path
        assert brotli.decompress((path.parent / (path.name + ".br")).read_bytes()) == data, path


def test_html_is_minified(prod_site):
    html = read(prod_site / ARTICLE_PAGE)
    assert "\n  <" not in html and "</body>" not in html


def test_every_page_references_the_hashed_stylesheet_only(prod_site):
    # pagefind/ is Pagefind's own folder (its UI stylesheets, unused by our search page)
    stylesheets = [path.relative_to(prod_site).as_posix()
                   for path in prod_site.rglob("*.css")
                   if not path.relative_to(prod_site).as_posix().startswith("pagefind/")]
    assert len(stylesheets) == 1 and HASHED.search(stylesheets[0]), stylesheets
    assert not (prod_site / "theme/css/site.css").exists()
    with_stylesheet = 0
    for page in pages(prod_site):
        if page.relative_to(prod_site).parts[0] == "admin":
            continue  # the content editor, as npm ships it (test_the_editor_is_kept_apart)
        doc = BeautifulSoup(read(page), "html.parser")
        hrefs = [link["href"] for link in doc.find_all("link", rel="stylesheet")]
        # Standalone printable copies (issue 9) carry no stylesheet at all.
        assert hrefs in ([], [f"https://www.therarehab.example/{stylesheets[0]}"]), page
        with_stylesheet += bool(hrefs)
        for script in doc.find_all("script", src=True):
            assert HASHED.search(script["src"]) or "/pagefind/" in script["src"], page
    assert with_stylesheet >= 5


def test_host_files(prod_site):
    assert (prod_site / ".nojekyll").is_file()
    assert not (prod_site / "CNAME").exists()  # no domain configured by default
    headers = read(prod_site / "_headers")
    csp = re.search(r"^  Content-Security-Policy: (.+)$", headers, re.M).group(1)
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives == {
        "default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval'",
        "object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    for header in ["Strict-Transport-Security: max-age=", "X-Content-Type-Options: nosniff",
                   "Referrer-Policy: ", "Permissions-Policy: camera=()"]:
        assert f"\n  {header}" in headers, header
    css = next(prod_site.rglob("*.css")).relative_to(prod_site).as_posix()
    assert f"\n/{css}\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
    assert "\n/\n  Cache-Control: public, max-age=0, must-revalidate\n" in headers


def test_every_page_carries_the_header_policy_in_a_meta_tag(prod_site):
    """GitHub Pages sends no _headers: each page carries the same policy, minus what a
    <meta> policy cannot hold, first in its <head>."""
    headers = read(prod_site / "_headers")
    csp = re.search(r"^  Content-Security-Policy: (.+)$", headers, re.M).group(1)
    expected = "; ".join(part.strip() for part in csp.split(";")
                         if part.split()[0] not in {"frame-ancestors", "report-uri",
                                                    "report-to", "sandbox"})
    assert "frame-ancestors" in csp and "frame-ancestors" not in expected
    checked = 0
    for page in pages(prod_site):
        # An HTML5 parser, as browsers: the minifier leaves out the optional <head> tag.
        head = LexborHTMLParser(read(page)).head
        metas = head.css("meta[http-equiv]")
        assert [meta.attributes["http-equiv"] for meta in metas] == [
            "Content-Security-Policy"], page
        if page.relative_to(prod_site).parts[0] == "admin":
            # The content editor's page carries its own policy, that of its _headers rule.
            own = re.search(r"^/admin/\*\n  Content-Security-Policy: (.+)$", headers,
                            re.M).group(1)
            assert metas[0].attributes["content"] == own.removesuffix(
                "; frame-ancestors 'none'"), page
        else:
            assert metas[0].attributes["content"] == expected, page
        # Before anything it governs: only <meta charset> comes first.
        first = [node for node in head.iter()][:2]
        assert "charset" in first[0].attributes and first[1] == metas[0], page
        checked += 1
    assert checked >= 20


def test_cname_is_written_when_a_domain_is_configured(mistakes_prod_build):
    site, _ = mistakes_prod_build  # built with a CNAME_DOMAIN (the host files come first)
    assert read(site / "CNAME") == MISTAKES_PROD_SETTINGS["CNAME_DOMAIN"] + "\n"


def test_future_article_waits_for_its_date(planted_content, planted_prod_site):
    assert "Date: 2099-01-01" in read(planted_content / "articles/future.md")
    assert not (planted_prod_site / "articles/future-zebra").exists()
    for path in planted_prod_site.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            assert "Future zebra" not in read(path), path


def test_stylesheet_is_minified(prod_site):
    css = read(next(prod_site.rglob("*.css")))
    assert "\n" not in css.strip() and "/*" not in css


def test_the_editor_is_kept_apart(prod_site):
    """/admin/ is there, noindex, and in no sitemap, feed or search index."""
    page = read(prod_site / "admin" / "index.html")
    robots = BeautifulSoup(page, "html.parser").find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex"
    assert "data-pagefind-body" not in page  # Pagefind indexes only pages that have it
    for listing in ["sitemap.xml", "feeds/all.atom.xml", "feeds/all.rss.xml"]:
        assert "/admin" not in read(prod_site / listing), listing
    # Each page of the search index is a fragment naming its address.
    indexed = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
               ["url"] for path in (prod_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert len(indexed) >= 5 and not [url for url in indexed if "admin" in url]
    # The editor's files are served as npm ships them: not minified, not renamed.
    assert (prod_site / "admin" / "sveltia-cms.js").is_file()
    assert (prod_site / "admin" / "editor.js").is_file()


def test_an_inline_import_map_needs_its_hash_in_the_pages_policy(tmp_path, prod_site):
    page = read(prod_site / "admin" / "index.html")
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin/index.html").write_text(page.replace('"imports"', '"imports" '))
    problems = [problem for problem in production_problems(tmp_path, ["admin/index.html"])
                if problem.startswith("admin/")]
    assert problems == ["admin/index.html: inline import map whose hash the page's policy"
                        " does not name"]
    assert list(production_problems(prod_site, ["admin/index.html", "*.html"])) == []


def test_feed_entries_and_search_fragments_hold_only_allowed_html(prod_site):
    """What feed readers render (each entry's summary and content, less the disclaimer the
    theme appends) passes the writers' allow-list; the search index holds text only."""
    import json
    import xml.etree.ElementTree as ET

    from plugins.common.allowed_html import allowed, forbidden

    policy = allowed({})
    entries = []
    for feed in sorted(prod_site.glob("feeds/*.xml")):
        entries += [element.text or "" for element in ET.parse(feed).getroot().iter()
                    if element.tag.rsplit("}", 1)[-1] in {"summary", "content", "description"}]
    assert len(entries) >= 2
    for html in entries:
        writer = re.sub(r'<aside class="disclaimer".*?</aside>', "", html, flags=re.S)
        assert forbidden(writer, policy) == [], html
    fragments = sorted((prod_site / "pagefind").rglob("*.pf_fragment"))
    assert fragments
    for path in fragments:
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        assert not re.search(r"<[a-zA-Z/!]", fragment["content"]), path  # no tag
