"""The real site, built from content/, as a visitor and a search engine get it."""

from pathlib import Path

from bs4 import BeautifulSoup
import pytest

from plugins.checks.links import broken_links
from tests.conftest import read
from tests.sites import VARIANT_SETTINGS

ARTICLE = "articles/do-physical-therapists-massage/index.html"
# Pages written with "Disclaimer: no": contact, 404 and the legal notices (issue 9).
NOTICE_PAGES = ["privacy-practices", "nondiscrimination", "language-assistance",
                "accessibility", "website-privacy"]
OPTED_OUT = ["contact/index.html", "book/index.html", "team/index.html", "404.html",
             *(f"{slug}/index.html" for slug in NOTICE_PAGES)]
SECTION_HEADINGS = [
    "What is physical therapy massage?",
    "Techniques physical therapists use",
    "How physical therapy massage differs from spa massage",
    "Purpose and goals",
    "Techniques and training",
    "Depth and intensity",
    "Benefits of physical therapy massage",
    "Pain relief",
    "Better mobility",
    "Better function",
    "What happens in physical therapy massage",
    "Initial assessment",
    "Treatment plan",
    "Regular sessions",
    "Physical therapy massage and spa massage side by side",
    "Who can benefit from physical therapy massage?",
    "Athletes",
    "Seniors",
    "People with chronic pain",
    "TheraRehab and Wellness: your partner in healing",
    "Our approach",
    "Why choose TheraRehab and Wellness",
    "Success stories",
    "Maria's recovery",
    "John's path to wellness",
    "Conclusion: the benefits of physical therapy massage",
]


def soup(path):
    return BeautifulSoup(read(path), "html.parser")


def html_pages(site):
    return sorted(Path(site).rglob("*.html"))


def content_pages(site):
    """Built articles and pages (not listings: the theme marks body class)."""
    for page in html_pages(site):
        doc = soup(page)
        if set(doc.body.get("class", [])) & {"article", "page"}:
            yield page, doc


def test_article_has_every_section_and_a_real_table(dev_site):
    doc = soup(dev_site / ARTICLE)
    assert doc.h1.get_text(strip=True).startswith("Do physical therapists massage?")
    headings = [
        h.get_text(strip=True).replace("\u2019", "'") for h in doc.select("article h2, article h3")
    ]
    for heading in SECTION_HEADINGS:
        assert heading in headings, heading
    table = doc.select_one("article table")
    assert table is not None and table.caption is not None
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Aspect", "Physical therapy massage", "Spa massage"]
    assert len(table.select("tbody tr")) == 3
    assert all(th["scope"] == "row" for th in table.select("tbody th"))


def test_article_keeps_the_seed_facts(dev_site):
    text = soup(dev_site / ARTICLE).get_text(" ", strip=True)
    for fact in ["Myofascial release", "Deep tissue massage", "Trigger point therapy",
                 "fibromyalgia", "osteoporosis", "Maria", "John", "runner", "arthritis",
                 "Patient education", "Experienced therapists"]:
        assert fact in text, fact


@pytest.mark.parametrize("opted_out", OPTED_OUT)
def test_opted_out_page_has_no_disclaimer(dev_site, opted_out):
    assert soup(dev_site / opted_out).select(".disclaimer") == []


def test_every_article_and_page_has_exactly_one_disclaimer(dev_site):
    opted_out = {dev_site / name for name in OPTED_OUT}
    checked = 0
    for page, doc in content_pages(dev_site):
        if page in opted_out:
            continue
        boxes = doc.select(".disclaimer")
        assert len(boxes) == 1, page
        assert boxes[0].find(["h2", "h3"]).get_text(strip=True) == "Medical disclaimer"
        assert "substitute for advice from your physician" in boxes[0].get_text(" ")
        checked += 1
    assert checked >= 2  # the seed article and the home page at least


def test_feed_entries_carry_the_disclaimer(dev_site):
    feed = read(dev_site / "feeds/all.atom.xml")
    assert feed.count("substitute for advice from your physician") == feed.count("<entry>") >= 1


def test_changed_disclaimer_setting_changes_every_page(variant_dev_site):
    site, _ = variant_dev_site
    text = VARIANT_SETTINGS["DISCLAIMER"]["text"]
    pages = [page for page, _ in content_pages(site)]
    with_text = [page for page in pages if text in read(page)]
    assert len(with_text) == len(pages) - len(OPTED_OUT)
    assert "Please read" in read(site / ARTICLE)
    assert text in read(site / "feeds/all.atom.xml")


def test_home_page_links_the_article(dev_site):
    links = [a["href"] for a in soup(dev_site / "index.html").find_all("a", href=True)]
    slug = "articles/do-physical-therapists-massage"
    assert any(link.rstrip("/").endswith(slug) for link in links)


def test_404_page_exists(dev_site, prod_site):
    for site in (dev_site, prod_site):
        doc = soup(site / "404.html")
        assert "not found" in doc.title.get_text().lower()


@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
def test_no_internal_link_or_asset_is_broken(request, site_name):
    site = request.getfixturevalue(site_name)
    settings = {"SITEURL": "https://www.therarehab.example"} if site_name == "prod_site" else {}
    assert list(broken_links(site, settings)) == []
    assert len(html_pages(site)) >= 5


def test_link_checker_finds_a_planted_broken_link(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text('<a href="../b/">b</a><img src="/logo.png" alt=""><a href="#x">x</a><p id="y">')
    found = {(link, kind) for _, link, _, kind, _ in broken_links(tmp_path, {})}
    assert found == {("../b/", "file"), ("/logo.png", "file"), ("#x", "anchor")}




def test_draft_appears_nowhere_in_production(planted_prod_site):
    site = planted_prod_site  # holds the draft "Unfinished draft zebra" (tests/sites.py)
    assert not (site / "drafts").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json"}:
            assert "zebra" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_production_build_is_absolute_and_indexable(prod_site):
    doc = soup(prod_site / ARTICLE)
    assert doc.find("link", rel="stylesheet")["href"].startswith("https://")
    assert "noindex" not in doc.find("meta", attrs={"name": "robots"})["content"]


def test_development_build_is_not_indexed(dev_site):
    for page in html_pages(dev_site):
        assert soup(page).find("meta", attrs={"name": "robots"})["content"] == "noindex", page


def test_search_index_is_built_for_articles_and_pages_only(dev_site, prod_site):
    for site in (dev_site, prod_site):
        assert (site / "pagefind" / "pagefind.js").is_file()
        assert list((site / "pagefind" / "fragment").iterdir())
    indexed = {page.relative_to(dev_site).as_posix() for page in html_pages(dev_site)
               if soup(page).select("main[data-pagefind-body]")}
    assert ARTICLE in indexed and "index.html" in indexed and "contact/index.html" in indexed
    assert not indexed & {"404.html", "search/index.html", "articles/index.html"}


def test_search_script_is_loaded_by_the_search_page_only(dev_site):
    for page in html_pages(dev_site):
        scripts = [s.get("src", "") for s in soup(page).find_all("script")]
        if page == dev_site / "search/index.html":
            assert any(src.endswith("theme/js/search.js") for src in scripts)
        else:
            assert scripts == [] or not any("search.js" in src for src in scripts), page
