"""Writing without friction: invoke new, invoke check, drafts, the writer's guide."""

from pathlib import Path
import re
import subprocess
import sys

from bs4 import BeautifulSoup

from pelicanconf import ARTICLE_CATEGORIES, AUTHORS_ALLOWED
from plugins.checks import check_names
from plugins.common import fields
from tests import sites
from tests.conftest import ROOT, checksums, read

AUTHOR = AUTHORS_ALLOWED[0]


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def metadata(path):
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


def published_text(site):
    """Everything a visitor, feed reader, sitemap or search index could read (but the
    content editor's files in admin/: its code and its forms, made from the field table
    and the settings, never from a content file)."""
    for path in Path(site).rglob("*"):
        if path.relative_to(site).parts[0] == "admin":
            continue
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json", ".js"}:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_new_article_has_every_field_and_builds_as_is(planted_content, planted_dev_site,
                                                      planted_prod_site):
    # tests/sites.py: the planted copy holds what `invoke new` writes (NEW_FILES).
    path = planted_content / "articles" / "knee-pain-after-running.md"
    found = metadata(path)
    assert found["Title"] == "Knee pain after running"
    assert found["Slug"] == "knee-pain-after-running"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", found["Date"])
    assert found["Category"] in ARTICLE_CATEGORIES and found["Author"] == AUTHOR
    assert found["Summary"] and found["Status"] == "draft"
    # Every field an article needs, except the review that has not happened yet.
    needed = {field.name for field in fields.required("article")}
    assert needed <= set(found)
    assert "Reviewer" not in found and "Reviewed" not in found
    assert set(key.lower() for key in found) <= set(fields.BY_KEY)
    draft = BeautifulSoup(read(planted_dev_site / "drafts/knee-pain-after-running/index.html"),
                          "html.parser")
    assert "Draft" in draft.select_one(".draft-banner").get_text()
    for page, text in published_text(planted_prod_site):
        assert "Knee pain after running" not in text, page


def test_new_article_without_status_draft_must_be_reviewed_and_finished(mistakes_dev_build):
    # tests/site/test_content_checks.py checks the lines; here, that it fails at all.
    assert mistakes_dev_build[0].returncode != 0
    assert "shoulder-pain.md" in mistakes_dev_build[0].stderr


def test_new_refuses_to_overwrite(tmp_path):
    content = tmp_path / "content"
    assert invoke("new", "Neck pain", "--content", str(content)).returncode == 0
    path = content / "articles" / "neck-pain.md"
    path.write_text("the writer's own work", encoding="utf-8")
    result = invoke("new", "Neck pain", "--content", str(content))
    assert result.returncode != 0 and "already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "the writer's own work"


def test_new_page_builds_as_is(planted_content, planted_dev_site):
    found = metadata(planted_content / "pages" / "our-team.md")
    assert found["Title"] == "Our team" and found["Status"] == "draft"
    assert (planted_dev_site / "drafts/pages/our-team.html").is_file()


def test_check_fails_on_a_mistake_without_touching_output(mistakes_content):
    output = ROOT / "output"
    before = checksums(output) if output.exists() else None
    result = invoke("check", "--content", str(mistakes_content))
    assert result.returncode != 0
    for check, relative in (("unknown-category", "articles/category.md"),
                            ("plain-http-link", "articles/http.md")):  # an error in production
        assert any(line.startswith("error: ") and relative in line
                   for line in result.stderr.splitlines() if line.endswith(f"[{check}]")), check
    assert "output/ was not touched" in result.stderr
    assert (checksums(output) if output.exists() else None) == before


def test_check_passes_on_the_real_content():
    result = invoke("check")
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_drafts_and_future_articles_show_a_banner_in_development(planted_dev_site):
    site = planted_dev_site
    pages = {
        "articles/future-zebra/index.html": "Scheduled for",
        "drafts/draft-okapi/index.html": "Not published",
        "drafts/pages/draft-page-gnu.html": "Not published",
    }
    for page, wording in pages.items():
        banner = BeautifulSoup(read(site / page), "html.parser").select_one(".draft-banner")
        assert banner is not None, page
        assert banner.get_text(" ", strip=True).startswith("Draft") and wording in banner.text
    published = read(site / "articles/do-physical-therapists-massage/index.html")
    assert "draft-banner" not in published


def test_drafts_and_future_articles_appear_nowhere_in_production(planted_prod_site):
    for page, text in published_text(planted_prod_site):
        for word in ("zebra", "okapi", "gnu", "draft-banner", sites.DRAFT_WORD):
            assert word not in text, (page, word)
    assert not (planted_prod_site / "drafts").exists()


def test_writers_guide_explains_every_check_and_holds_the_field_table():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    for name in check_names():
        assert f"`{name}`" in guide, name
    # The field table is printed from plugins/common/fields.py: python -m plugins.common.fields
    assert fields.markdown_table() in guide
    assert "docs/writing.md" in (ROOT / "README.md").read_text(encoding="utf-8")
