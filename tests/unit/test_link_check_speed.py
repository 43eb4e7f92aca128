"""plugins/link_check's speed-ups find exactly what a plain check finds."""

from html.parser import HTMLParser

from plugins.link_check import link_check
from plugins.link_check.link_check import broken_links


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
    return sorted((str(page), link, reason) for page, link, reason in broken_links(root, settings))


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
    ids, links = link_check.scan_html(TRICKY)
    assert ids == reference.ids == {"old-anchor", "caf\u00e9"}
    assert links == reference.links
    assert "/a/?q=1&r=2#top" in links and "img-800.png" in links
    assert not any("in-script" in link or "in-comment" in link for link in links)
    assert "https://fonts.example" not in links


def test_the_site_checks_find_every_problem(tmp_path):
    write_site(tmp_path, SITE)
    assert {link for _, link, _ in findings(tmp_path)} == {"missing/", "#nowhere", "../logo.png"}


def test_a_second_check_sees_changed_pages_and_removed_targets(tmp_path):
    write_site(tmp_path, SITE)
    before = findings(tmp_path)
    (tmp_path / "b" / "index.html").write_text("<h1>B without the id</h1>", encoding="utf-8")
    after = findings(tmp_path)  # index.html is unchanged but its #top is gone
    assert ("index.html", "b/#top", "has no element with id 'top'") in after
    assert ("index.html", "b/#top", "has no element with id 'top'") not in before
    (tmp_path / "a" / "index.html").unlink()
    gone = findings(tmp_path)
    assert ("index.html", "a/", "points to a file that was not built") in gone


def test_the_same_relative_link_is_resolved_in_each_page_folder(tmp_path):
    write_site(tmp_path, {
        "a/index.html": '<a href="x.html#top">x</a><a href="/b/x.html">abs</a><a href="#me">me</a>',
        "b/index.html": '<a href="x.html#top">x</a><a href="#me">me</a><p id="me"></p>',
        "b/x.html": '<h1 id="top">X</h1>',
    })
    assert findings(tmp_path) == [
        ("a/index.html", "#me", "has no element with id 'me'"),
        ("a/index.html", "x.html#top", "points to a file that was not built"),
    ]
