"""The notices a US clinic must publish, and lawful patient stories, on the real site."""

import re
import tomllib

from bs4 import BeautifulSoup
import pytest

import pelicanconf
from tests import sites
from tests.conftest import CONTENT, read, site_pages

NOTICE_LINKS = pelicanconf.NOTICE_LINKS
NOTICE_SLUGS = [slug for slug, _ in NOTICE_LINKS]
LANGUAGES_FILE = CONTENT / pelicanconf.LANGUAGE_ASSISTANCE_FILE
DOWNLOAD = "privacy-practices/" + pelicanconf.NOTICE_DOWNLOADS["privacy-practices"]


def soup(path):
    return BeautifulSoup(read(path), "html.parser")


def languages(path=LANGUAGES_FILE):
    with open(path, "rb") as handle:
        return tomllib.load(handle)["language"]


def metadata(slug, key):
    text = (CONTENT / "pages" / f"{slug}.md").read_text(encoding="utf-8")
    return re.search(rf"^{key}:\s*(.+)$", text, re.MULTILINE | re.IGNORECASE).group(1).strip()




@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
@pytest.mark.parametrize("slug", NOTICE_SLUGS)
def test_each_notice_page_is_built_and_marked_as_example(request, site_name, slug):
    doc = soup(request.getfixturevalue(site_name) / slug / "index.html")
    assert doc.body["class"] == ["page"]
    assert doc.h1.get_text(strip=True)
    note = doc.select_one("main .example-text")
    assert note is not None and note.get_text().startswith("EXAMPLE TEXT")
    assert len(doc.select("main p, main li")) >= 3


def test_privacy_notice_has_its_effective_date_copies_and_taglines(dev_site):
    doc = soup(dev_site / "privacy-practices/index.html")
    effective = metadata("privacy-practices", "Effective_date")
    assert doc.select_one(".notice-date time")["datetime"] == effective
    copies = doc.select_one(".notice-copies").get_text(" ")
    assert pelicanconf.CLINIC["phone"] in copies and pelicanconf.CLINIC["email"] in copies
    assert "paper copy" in copies
    download = doc.select_one(".notice-copies a[download]")
    assert (dev_site / "privacy-practices" / download["href"].split("/")[-1]).is_file()
    assert len(doc.select(".language-block")) == len(languages())


def test_privacy_notice_copy_is_standalone_and_from_the_same_source(dev_site):
    page = soup(dev_site / "privacy-practices/index.html")
    copy = soup(dev_site / DOWNLOAD)
    assert copy.h1.get_text() == page.h1.get_text()
    assert copy.select_one(".notice-date time")["datetime"] == metadata(
        "privacy-practices", "Effective_date")
    for heading in page.select("article.notice-document h2[id]"):
        if heading.find_parent("section") is None:  # the notice's own sections
            assert copy.find("h2", id=heading["id"]) is not None, heading
    assert not copy.select('link[rel="stylesheet"], script, header, footer')
    assert len(copy.select(".language-block")) == len(languages())


def test_nondiscrimination_names_the_coordinator_and_how_to_complain(dev_site):
    doc = soup(dev_site / "nondiscrimination/index.html")
    coordinator = doc.select_one("#coordinator").get_text(" ")
    for key in ("name", "title"):
        assert pelicanconf.SECTION_1557_COORDINATOR[key] in coordinator, key
    # No direct line set: the coordinator is reached through the clinic's own.
    for value in (pelicanconf.CLINIC["phone"], pelicanconf.CLINIC["email"]):
        assert value in coordinator
    assert "EXAMPLE" in coordinator  # the setting says it is an example
    text = doc.select_one("main").get_text(" ")
    assert "Office for Civil Rights" in text and "ocrportal.hhs.gov" in text
    assert "grievance" in text


def test_coordinator_comes_from_the_setting(variant_dev_site):
    site, _ = variant_dev_site
    coordinator = sites.VARIANT_SETTINGS["SECTION_1557_COORDINATOR"]
    block = soup(site / "nondiscrimination/index.html").select_one("#coordinator")
    text = block.get_text(" ")
    for key in ("name", "title", "phone", "email"):
        assert coordinator[key] in text, key
    assert block.select(".example-text") == []


def test_accessibility_statement_follows_the_wai_structure(dev_site):
    doc = soup(dev_site / "accessibility/index.html")
    headings = " | ".join(h.get_text() for h in doc.select("main h2")).lower()
    for part in ("commitment", "standard", "test", "compatib", "limitation", "feedback"):
        assert part in headings, part
    text = doc.select_one("main").get_text(" ")
    for fact in ("WCAG", "2.1", "AA", "axe", "Nu HTML Checker", "Lighthouse",
                 pelicanconf.CLINIC["phone"], pelicanconf.CLINIC["email"],
                 pelicanconf.ACCESSIBILITY_RESPONSE_TIME):
        assert fact in text, fact
    reviewed = doc.select("main .notice-date time")[-1]
    assert reviewed["datetime"] == metadata("accessibility", "Last_reviewed")


def test_website_privacy_states_no_cookies_analytics_or_third_parties(dev_site):
    text = soup(dev_site / "website-privacy/index.html").select_one("main").get_text(" ")
    for fact in ("no cookies", "no analytics", "no requests to other websites", "log"):
        assert fact in text, fact


def test_no_page_loads_anything_from_another_site(prod_site):
    own = "https://www.therarehab.example"
    for page in site_pages(prod_site):
        doc = soup(page)
        for tag in doc.select("script[src], img[src], iframe[src], link[href]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and "alternate" in tag.get("rel", []) + ["canonical"]:
                continue
            assert not url.startswith(("http:", "https:", "//")) or url.startswith(own), (page, url)


def test_home_links_the_notices_outside_the_footer(dev_site):
    doc = soup(dev_site / "index.html")
    for footer in doc.select("footer"):
        footer.decompose()
    links = {a.get_text(strip=True): a["href"] for a in doc.find_all("a", href=True)}
    assert links["Notice of Privacy Practices"].rstrip("/").endswith("privacy-practices")
    texts = dict(NOTICE_LINKS)
    assert links[texts["nondiscrimination"]].rstrip("/").endswith("nondiscrimination")
    assert links[texts["language-assistance"]].rstrip("/").endswith("language-assistance")


@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
def test_every_page_footer_links_all_five_notices_with_the_same_texts(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = site_pages(site)
    assert len(pages) >= 10
    for page in pages:
        footer = soup(page).select_one("footer.site-footer")
        assert footer is not None, page
        found = [(a.get_text(strip=True), a["href"]) for a in footer.select(".notice-links a")]
        assert [text for text, _ in found] == [text for _, text in NOTICE_LINKS], page
        for (text, href), slug in zip(found, NOTICE_SLUGS, strict=True):
            assert href.rstrip("/").endswith(slug), (page, text, href)


def language_blocks(site):
    return soup(site / "language-assistance/index.html").select(".language-block")


def test_language_page_has_one_block_per_entry_with_lang_and_dir(dev_site):
    entries = languages()
    assert len(entries) == 16  # English and the 15 most common other languages
    blocks = language_blocks(dev_site)
    assert len(blocks) == len(entries)
    for block, entry in zip(blocks, entries, strict=True):
        assert block["lang"] == entry["code"]
        assert block.get("dir") == ("rtl" if entry.get("dir") == "rtl" else None), entry["code"]
        assert block.select_one(".language-name").get_text() == entry["name"]
        assert pelicanconf.CLINIC["phone"] in block.get_text()
    assert {b["lang"] for b in blocks if b.get("dir") == "rtl"} == {"ar", "ur"}


def test_removing_an_entry_from_the_data_file_removes_its_block(planted_content,
                                                               planted_dev_site):
    # The planted copy of the data file leaves one language out (tests/sites.py).
    data = planted_content / pelicanconf.LANGUAGE_ASSISTANCE_FILE
    codes = [block["lang"] for block in language_blocks(planted_dev_site)]
    assert sites.REMOVED_LANGUAGE in [entry["code"] for entry in languages()]
    assert sites.REMOVED_LANGUAGE not in codes
    assert codes == [entry["code"] for entry in languages(data)]
    privacy = soup(planted_dev_site / "privacy-practices/index.html")
    assert len(privacy.select(".language-block")) == len(codes)


def test_production_build_lists_unfinished_notices_as_warnings(prod_build):
    _, result = prod_build  # it succeeded: they do not fail it before launch
    lines = [line for line in result.stderr.splitlines()
             if line.endswith("[launch-unfinished]")]
    assert all(line.startswith("warning: ") for line in lines)
    for slug in NOTICE_SLUGS:
        assert any(f"content/pages/{slug}.md:" in line and "still example text" in line
                   for line in lines), slug
    assert any('SECTION_1557_COORDINATOR["name"] is a placeholder' in line for line in lines)
    unreviewed = [e for e in languages() if not e["reviewed"]]
    for entry in unreviewed:
        assert any(f"{entry['code']} ({entry['name']}): the translation has not been reviewed"
                   in line for line in lines), entry["code"]


def test_production_build_can_be_made_to_fail_on_unfinished_notices(mistakes_prod_build):
    # SEVERITY["launch-unfinished"] = "error" (tests/sites.py: MISTAKES_PROD_SETTINGS)
    _, result = mistakes_prod_build
    assert result.returncode == 1
    assert any(line.startswith("error: ") and "languages.toml:" in line and "es (Español)" in line
               for line in result.stderr.splitlines() if line.endswith("[launch-unfinished]"))


def test_a_missing_notice_page_fails_the_build(mistakes_dev_build):
    result, _, _ = mistakes_dev_build  # the mistakes leave out website-privacy.md
    assert result.returncode == 1
    assert ("error: no published page has 'Slug: website-privacy', a notice every page links"
            in result.stderr)


# --- Patient stories ---------------------------------------------------------
# The unlawful ones are among the mistakes (tests/site/test_content_checks.py).


def test_a_lawful_story_builds_with_its_notice_and_disclosure(planted_dev_site):
    doc = soup(planted_dev_site / "stories/planted-story/index.html")
    notice = doc.select_one("main .story-notice")
    assert "Most patients with this problem feel less pain" in notice.get_text()
    assert notice.select_one(".insider-disclosure") is not None
    # What patients generally achieve comes first, before the story itself.
    assert doc.select_one("main article > :not(h1)") == notice
