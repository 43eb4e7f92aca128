"""The theme with content it was not written for: many articles (pagination), articles
without the clinic's metadata, a translation, a site without favicons; the photo places."""

from bs4 import BeautifulSoup
from PIL import Image
import pytest

from tests.unit.tiny_site import SITEURL, TinySite

ARTICLE = """Title: {title}
Date: 2024-06-{day:02d}
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: About {title}.
Medical: no
{extra}

Some text about {title}.
"""
ARTICLES = 23  # three pages of ten


def soup(html):
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def many():
    """23 articles without reviews, services or conditions, one of them in Spanish too."""
    site = TinySite(prefix="theme-")
    for number in range(1, ARTICLES + 1):
        tags = "Tags: knees\n" if number % 2 else ""
        site.write(f"articles/a{number}.md", ARTICLE.format(
            title=f"Article {number}", day=number, extra=f"{tags}Slug: article-{number}"))
    site.write("articles/a1-es.md", ARTICLE.format(
        title="Artículo 1", day=1, extra="Slug: article-1\nLang: es"))
    built = site.build()
    yield built
    site.remove()


def pager_links(html):
    nav = soup(html).find("nav", attrs={"aria-label": "Pages"})
    assert nav is not None, "no pager"
    return nav


def test_article_lists_are_paginated_with_pager_links(many):
    assert not many.failed, many.messages()
    first = pager_links(many.read("articles/index.html"))
    numbers = [a.get_text(" ", strip=True) for a in first.select("a:not([rel])")]
    assert numbers == ["Page 1", "Page 2", "Page 3"]
    assert first.select_one("a[aria-current=page]").get_text(" ", strip=True) == "Page 1"
    assert first.select_one("a[rel=next]")["href"] == f"{SITEURL}/articles/page/2/"
    assert first.select_one("a[rel=prev]") is None
    assert len(soup(many.read("articles/index.html")).select(".article-list > li")) == 10
    third = many.read("articles/page/3/index.html")
    assert len(soup(third).select(".article-list > li")) == ARTICLES - 20
    nav = pager_links(third)
    assert nav.select_one("a[rel=prev]")["href"] == f"{SITEURL}/articles/page/2/"
    assert nav.select_one("a[rel=next]") is None
    assert "Articles 21 to 23 of 23" in nav.get_text(" ")


def test_category_and_tag_lists_are_paginated_too(many):
    pager_links(many.read("articles/category/treatments/index.html"))
    assert (many.output / "articles/category/treatments/page/3/index.html").is_file()
    tag = many.read("articles/tag/knees/index.html")  # 12 of the articles
    assert pager_links(tag).select_one("a[rel=next]")["href"] == \
        f"{SITEURL}/articles/tag/knees/page/2/"


def test_a_short_list_has_no_pager(many):
    assert soup(many.read("articles/page/3/index.html")).select(".list-pager")  # sanity
    site = TinySite(prefix="theme-short-")
    site.write("articles/one.md", ARTICLE.format(title="One", day=1, extra=""))
    try:
        built = site.build()
        assert not soup(built.read("articles/index.html")).select(".list-pager")
    finally:
        site.remove()


def test_translations_link_each_other(many):
    english = soup(many.read("articles/article-1/index.html"))
    spanish = soup(many.read("es/articles/article-1/index.html"))
    assert spanish.html["lang"] == "es" and english.html["lang"] == "en"
    for doc in (english, spanish):
        alternates = {link["hreflang"]: link["href"]
                      for link in doc.select("head link[rel=alternate][hreflang]")}
        assert alternates == {"en": f"{SITEURL}/articles/article-1/",
                              "es": f"{SITEURL}/es/articles/article-1/"}
    visible = english.select_one("nav.translations a")
    assert visible["href"] == f"{SITEURL}/es/articles/article-1/"
    assert visible["lang"] == "es" and visible.get_text(strip=True) == "Artículo 1"
    assert spanish.select_one("nav.translations a")["hreflang"] == "en"
    untranslated = soup(many.read("articles/article-2/index.html"))
    assert not untranslated.select("link[hreflang], nav.translations")


def test_site_files_are_linked_only_when_the_site_has_them(many):
    head = soup(many.read("articles/index.html")).head
    assert not head.select("link[rel=icon]")  # a tiny site has no favicon
    site = TinySite(prefix="theme-icons-")
    site.write("extra/favicon.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write("articles/one.md", ARTICLE.format(title="One", day=1, extra=""))
    try:
        built = site.build(STATIC_PATHS=["extra"],
                           EXTRA_PATH_METADATA={"extra/favicon.svg": {"path": "favicon.svg"}})
        icons = soup(built.read("articles/index.html")).head.select("link[rel=icon]")
        assert [(i["href"], i["type"]) for i in icons] == \
            [(f"{SITEURL}/favicon.svg", "image/svg+xml")]  # favicon.ico: not in this site
    finally:
        site.remove()


HOME = """Title: Welcome
Slug: home
Save_as: index.html
URL:
Template: home

Hello.
"""


def test_a_photo_place_shows_a_placeholder_until_the_photo_is_set():
    site = TinySite(prefix="theme-photo-")
    site.write("pages/home.md", HOME)
    image = site.content / "images" / "room.jpg"
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 1200), (200, 210, 205)).save(image)
    try:
        placeholder = soup(site.build().read("index.html")).select_one(".hero-photo")
        assert placeholder["data-placeholder"] == "photo"
        assert placeholder["aria-hidden"] == "true" and placeholder.name == "div"
        built = site.build(OUTPUT_PIPELINE=["output.images", "checks.report"], PHOTOS={
            "treatment_room": {"path": "images/room.jpg", "alt": "Our treatment room"}})
        assert not built.failed, built.messages()
        img = soup(built.read("index.html")).select_one("img.hero-photo")
        assert img["alt"] == "Our treatment room"
        srcset = [part.split()[0] for part in img["srcset"].split(",")]
        assert len(srcset) == 3 and all(url.endswith(".webp") for url in srcset)
        for url in srcset:
            assert (built.output / url.removeprefix(SITEURL + "/")).is_file(), url
        assert img["sizes"] and img["width"] and img["height"] and img["decoding"] == "async"
    finally:
        site.remove()
