"""The notices a US clinic must publish, and lawful patient stories, on the real site."""

import re
import tomllib

from bs4 import BeautifulSoup
import pytest

import pelicanconf
from tests.conftest import CONTENT, build, build_ok, read, site_pages

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
    for heading in page.select("article.notice h2[id]"):
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


def test_coordinator_comes_from_the_setting(tmp_path):
    coordinator = dict(pelicanconf.SECTION_1557_COORDINATOR, name="Pat Planted", example=False)
    site = build_ok(tmp_path / "out", SECTION_1557_COORDINATOR=coordinator)
    block = soup(site / "nondiscrimination/index.html").select_one("#coordinator")
    assert "Pat Planted" in block.get_text()
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


def test_removing_an_entry_from_the_data_file_removes_its_block(tmp_path, content_copy):
    data = content_copy / pelicanconf.LANGUAGE_ASSISTANCE_FILE
    tables = data.read_text(encoding="utf-8").split("[[language]]")
    kept = [t for t in tables if 'code = "pl"' not in t]
    assert len(kept) == len(tables) - 1
    data.write_text("[[language]]".join(kept), encoding="utf-8")
    site = build_ok(tmp_path / "out", content=content_copy)
    codes = [block["lang"] for block in language_blocks(site)]
    assert "pl" not in codes
    assert codes == [entry["code"] for entry in languages(data)]
    assert len(soup(site / "privacy-practices/index.html").select(".language-block")) == len(codes)


def test_a_malformed_language_entry_fails_the_build(tmp_path, content_copy):
    data = content_copy / pelicanconf.LANGUAGE_ASSISTANCE_FILE
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('reviewed = false\ndir = "rtl"', "reviewed = false", 1),
                    encoding="utf-8")
    result = build(tmp_path / "out", content=content_copy)
    assert result.returncode == 1
    assert "languages.toml: language entry 7 (ar): this language is written right to left" in (
        result.stderr)


def test_production_build_reports_unfinished_notices_without_failing(tmp_path):
    result = build(tmp_path / "out", settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    unreviewed = [e for e in languages() if not e["reviewed"]]
    assert f"notices: {len(unreviewed) + len(NOTICE_SLUGS) + 1} unfinished" in result.stderr
    for entry in unreviewed:
        assert f"{entry['code']} ({entry['name']}): the translation has not been reviewed" in (
            result.stderr)


def test_production_build_can_be_made_to_fail_on_unfinished_notices(tmp_path):
    result = build(tmp_path / "out", settings="publishconf.py", NOTICES_LAUNCH_CHECK="fail")
    assert result.returncode == 1
    assert "error: launch check: content/data/languages.toml: es (Español)" in result.stderr


def test_a_missing_notice_page_fails_the_build(tmp_path, content_copy):
    (content_copy / "pages" / "website-privacy.md").unlink()
    result = build(tmp_path / "out", content=content_copy)
    assert result.returncode == 1
    assert "no published page has 'Slug: website-privacy'" in result.stderr


# --- Patient stories ---------------------------------------------------------
STORY = """Title: A planted story
Slug: stories/planted-story
Patient: Planted
Authorization_signed: 2025-01-01
Authorization_expires: 2099-01-01
Authorization_scope: First name and story, on this website only.
Expected_results: Most patients with this problem feel less pain after about six weekly sessions.
Insider: yes

The planted story.
"""


def plant_story(content, text):
    folder = content / "pages" / "stories"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "planted-story.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lawful_story_builds_with_its_notice_and_disclosure(tmp_path, content_copy):
    plant_story(content_copy, STORY)
    site = build_ok(tmp_path / "out", content=content_copy)
    doc = soup(site / "stories/planted-story/index.html")
    notice = doc.select_one("main .story-notice")
    assert "Most patients with this problem feel less pain" in notice.get_text()
    assert notice.select_one(".insider-disclosure") is not None


@pytest.mark.parametrize(("change", "field"), [
    (("Authorization_signed: 2025-01-01\n", ""), "Authorization_signed"),
    (("Authorization_expires: 2099-01-01", "Authorization_expires: 2020-01-01"),
     "Authorization_expires"),
    (("Authorization_scope: First name and story, on this website only.\n", ""),
     "Authorization_scope"),
    ((STORY.splitlines()[6], "Expected_results: Results not typical."), "Expected_results"),
    ((STORY.splitlines()[6] + "\n", ""), "Expected_results"),
])
def test_an_unlawful_story_fails_the_build_naming_file_and_field(
        tmp_path, content_copy, change, field):
    path = plant_story(content_copy, STORY.replace(*change))
    result = build(tmp_path / "out", content=content_copy)
    assert result.returncode == 1
    problem = next(line for line in result.stderr.splitlines() if field in line)
    assert str(path.relative_to(content_copy)) in problem
