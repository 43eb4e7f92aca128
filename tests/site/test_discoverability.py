"""The real site as search engines, feed readers and link previews see it (issue 4)."""

import json
import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup, Comment
import pytest

from tests.conftest import read, site_pages
from tests.sites import PAYLOAD

PROD_URL = "https://www.therarehab.example"
ARTICLE = "articles/do-physical-therapists-massage/index.html"
ARTICLE_SOURCE = "content/articles/do-physical-therapists-massage.md"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Required properties of each schema.org type the site emits.
REQUIRED = {
    "MedicalClinic": {"name", "url", "logo", "telephone", "address",
                      "openingHoursSpecification", "medicalSpecialty"},
    "WebSite": {"name", "url"},
    "MedicalWebPage": {"url", "name", "description", "reviewedBy", "lastReviewed", "mainEntity"},
    "Article": {"headline", "description", "datePublished", "dateModified", "author",
                "publisher"},
    "FAQPage": {"mainEntity"},
    "BreadcrumbList": {"itemListElement"},
}


def soup(path):
    return BeautifulSoup(read(path), "html.parser")


def html_pages(site):
    return site_pages(site)


def json_ld(doc):
    return [json.loads(tag.string) for tag in doc.find_all("script", type="application/ld+json")]


def graph_nodes(block):
    for node in block["@graph"]:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        yield types, node


def page_url(site, page):
    """The public URL of a built HTML file."""
    relative = page.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return f"{PROD_URL}/{relative}"


def robots(doc):
    return doc.find("meta", attrs={"name": "robots"})["content"]



@pytest.mark.parametrize("site_name", ["dev_site", "prod_site", "planted_prod_site"])
def test_every_page_has_one_valid_json_ld_block(request, site_name):
    site = request.getfixturevalue(site_name)
    seen_types = set()
    for page in html_pages(site):
        blocks = json_ld(soup(page))  # json.loads fails the test on invalid JSON
        assert len(blocks) == 1, page
        assert blocks[0]["@context"] == "https://schema.org"
        for types, node in graph_nodes(blocks[0]):
            for kind in types:
                missing = REQUIRED.get(kind, set()) - set(node)
                assert not missing, (page, kind, missing)
                seen_types.add(kind)
    assert {"MedicalClinic", "MedicalWebPage", "Article"} <= seen_types


def test_clinic_facts_come_from_the_settings(prod_site):
    [block] = json_ld(soup(prod_site / "index.html"))
    clinic = next(node for types, node in graph_nodes(block) if "MedicalClinic" in types)
    assert clinic["telephone"] == "+15550100142"
    assert clinic["address"]["postalCode"] == "62701"
    assert clinic["logo"] == f"{PROD_URL}/images/logo.png"
    assert (prod_site / "images/logo.png").is_file()
    assert [spec["dayOfWeek"] for spec in clinic["openingHoursSpecification"]] == [
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], ["Saturday"]]


def test_seed_article_is_reviewed_in_json_ld_and_on_the_page(prod_site):
    doc = soup(prod_site / ARTICLE)
    [block] = json_ld(doc)
    nodes = {kind: node for types, node in graph_nodes(block) for kind in types}
    assert nodes["MedicalWebPage"]["reviewedBy"]["name"] == "Jordan Example"
    assert nodes["MedicalWebPage"]["lastReviewed"] == "2026-11-01"
    assert nodes["MedicalWebPage"]["medicalAudience"]["audienceType"] == "Patient"
    assert nodes["Article"]["dateModified"].startswith("2024-06-15")
    review = " ".join(doc.select_one("article .review-info").get_text().split())
    assert "Medically reviewed by Jordan Example, PT, DPT" in review
    assert "Page last reviewed: November 1, 2026" in review
    assert "Next review due: November 1, 2027" in review
    assert "Last updated: June 15, 2024" in review


def test_canonical_is_absolute_and_resolves_to_a_built_file(prod_site):
    for page in html_pages(prod_site):
        canonical = soup(page).find("link", rel="canonical")["href"]
        assert canonical == page_url(prod_site, page), page
        path = canonical[len(PROD_URL) + 1:]
        target = prod_site / path / "index.html" if path.endswith("/") or not path else \
            prod_site / path
        assert target.is_file(), canonical


@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
def test_every_page_has_title_description_lang_and_social_tags(request, site_name):
    site = request.getfixturevalue(site_name)
    titles = {}
    for page in html_pages(site):
        doc = soup(page)
        assert doc.html.get("lang") == "en", page
        title = doc.title.get_text(strip=True)
        assert title and title not in titles, (page, titles.get(title))
        titles[title] = page
        description = doc.find("meta", attrs={"name": "description"})["content"].strip()
        assert len(description) > 20, page
        for prop in ("og:title", "og:description", "og:url", "og:image", "og:type"):
            assert doc.find("meta", property=prop)["content"].strip(), (page, prop)
        for name in ("twitter:card", "twitter:title", "twitter:description", "twitter:image"):
            assert doc.find("meta", attrs={"name": name})["content"].strip(), (page, name)
        image = doc.find("meta", property="og:image")["content"]
        assert image.startswith(("http://", "https://")) and image.endswith(".png")
        assert (site / "images" / image.rsplit("/", 1)[1]).is_file()
        feeds = {link["type"] for link in doc.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= feeds, page


def test_description_falls_back_to_the_summary(prod_site):
    doc = soup(prod_site / ARTICLE)
    assert doc.find("meta", attrs={"name": "description"})["content"].startswith(
        "Yes, physical therapists use massage")


def test_sitemap_lists_exactly_the_indexable_published_pages(planted_prod_site):
    site = planted_prod_site
    tree = ET.parse(site / "sitemap.xml")
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", SITEMAP_NS)]
    assert len(listed) == len(set(listed))
    indexable = {page_url(site, page) for page in html_pages(site)
                 if "noindex" not in robots(soup(page))}
    assert set(listed) == indexable
    assert f"{PROD_URL}/thanks/" not in listed  # Robots: noindex
    assert f"{PROD_URL}/404.html" not in listed  # hidden
    assert not any("unfinished" in url or "drafts" in url for url in listed)
    assert f"{PROD_URL}/{ARTICLE[:-len('index.html')]}" in listed
    assert robots(soup(site / "thanks/index.html")) == "noindex"
    assert robots(soup(site / "404.html")) == "noindex"


def test_robots_txt_names_the_sitemap_in_production_only(dev_site, prod_site):
    production = read(prod_site / "robots.txt")
    assert f"Sitemap: {PROD_URL}/sitemap.xml" in production.splitlines()
    assert "Disallow: /" not in production
    development = read(dev_site / "robots.txt")
    assert "Disallow: /" in development.splitlines()
    assert "Sitemap" not in development


def test_feeds_carry_full_articles_with_the_disclaimer(prod_site):
    for name in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        feed = read(prod_site / name)
        ET.fromstring(feed.encode("utf-8"))  # well-formed
        assert "Trigger point therapy" in feed  # the body, not only the summary
        assert "Conclusion: the benefits of physical therapy massage" in feed
        assert "substitute for advice from your physician" in feed
        assert f"{PROD_URL}/articles/do-physical-therapists-massage/" in feed


def test_hostile_title_renders_inert_everywhere(planted_prod_site):
    site = planted_prod_site
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".xml", ".txt"}:
            assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path
        elif path.is_file() and path.suffix == ".html":
            # Parsed as a browser would: the minifier may leave "<" unescaped inside a
            # quoted attribute value, where it is text; no element may come of it.
            doc = soup(path)
            assert not any("alert(1)" in (s.string or "") and s.get("type") !=
                           "application/ld+json" for s in doc.find_all("script")), path
            assert all(comment.strip() != "x" for comment in
                       doc.find_all(string=lambda t: isinstance(t, Comment))), path
    for page in html_pages(site):
        doc = soup(page)
        # The JSON-LD block, and on the search page its own script file: nothing inline runs.
        scripts = [s for s in doc.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") and not s.string for s in scripts), page
        assert len(doc.find_all("script", type="application/ld+json")) == 1, page
    doc = soup(site / "articles/hostile/index.html")
    title = f"{PAYLOAD} <!-- x"
    assert doc.h1.get_text() == title  # shown as text, exactly as written
    assert "alert(1)" in doc.find("meta", property="og:title")["content"]
    assert "alert(1)" in doc.find("meta", attrs={"name": "description"})["content"]
    [block] = json_ld(doc)
    article = next(node for types, node in graph_nodes(block) if "Article" in types)
    assert article["headline"] == title  # the same text once the JSON is parsed
    assert "alert(1)" in article["description"]
    raw = doc.find("script", type="application/ld+json").string
    assert not re.search(r"[<>&\u2028\u2029]", raw)
    for name in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        root = ET.parse(site / name).getroot()
        titles = [el.text for el in root.iter() if el.tag.endswith("title")]
        assert any("alert(1)" in (title or "") for title in titles)
        assert all("<script" not in (title or "") for title in titles)


def test_overdue_review_only_warns_in_development(variant_dev_site):
    # Production fails on it: tests/site/test_content_checks.py.
    _, result = variant_dev_site
    line = next(line for line in result.stderr.splitlines() if line.endswith("[review-overdue]")
                and ARTICLE_SOURCE in line)
    assert line.startswith(f"warning: {ARTICLE_SOURCE}:11: the clinical review is overdue")
    assert "was due November 1, 2027 (2027-11-01)" in line
