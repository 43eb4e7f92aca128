"""plugins/link_check's speed-ups find exactly what a plain check finds."""

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


def test_pool_finds_the_same_problems_as_one_process(tmp_path, monkeypatch):
    write_site(tmp_path, SITE)
    one = findings(tmp_path, LINK_CHECK_PROCESSES=1)
    link_check.previous_scans.clear()
    monkeypatch.setattr(link_check, "POOL_MIN_PAGES", 1)
    pooled = findings(tmp_path, LINK_CHECK_PROCESSES=2)
    assert pooled == one
    assert {link for _, link, _ in one} == {"missing/", "#nowhere", "../logo.png"}


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
