"""Writing without friction: invoke new, invoke check, drafts, the writer's guide."""

from datetime import date
from pathlib import Path
import re
import subprocess
import sys

from bs4 import BeautifulSoup
import pytest

from pelicanconf import ARTICLE_CATEGORIES, AUTHORS_ALLOWED, METADATA_FIELDS
from plugins.content_checks.content_checks import CHECKS
from tests.conftest import ROOT, build_ok, checksums, read

AUTHOR = AUTHORS_ALLOWED[0]
REVIEWED = date.today().isoformat()  # never overdue


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def metadata(path):
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


def published_text(site):
    """Everything a visitor, feed reader, sitemap or search index could read."""
    for path in Path(site).rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json", ".js"}:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_new_article_has_every_field_and_builds_as_is(tmp_path, content_copy):
    result = invoke("new", "Knee pain after running", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    path = content_copy / "articles" / "knee-pain-after-running.md"
    fields = metadata(path)
    assert fields["Title"] == "Knee pain after running"
    assert fields["Slug"] == "knee-pain-after-running"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["Date"])
    assert fields["Category"] in ARTICLE_CATEGORIES and fields["Author"] == AUTHOR
    assert fields["Summary"] and fields["Status"] == "draft"
    assert fields["Medical"] == "yes" and fields["Reviewer"] and fields["Reviewed"]
    assert set(key.lower() for key in fields) <= set(METADATA_FIELDS)

    dev = build_ok(tmp_path / "dev", content=content_copy)
    draft = BeautifulSoup(read(dev / "drafts/knee-pain-after-running/index.html"), "html.parser")
    assert "Draft" in draft.select_one(".draft-banner").get_text()
    prod = build_ok(tmp_path / "prod", settings="publishconf.py", content=content_copy)
    for page, text in published_text(prod):
        assert "Knee pain after running" not in text, page


def test_new_article_without_status_draft_must_lose_its_todos(tmp_path, content_copy):
    invoke("new", "Shoulder pain", "--content", str(content_copy))
    path = content_copy / "articles" / "shoulder-pain.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft\n", ""),
                    encoding="utf-8")
    result = invoke("check", "--content", str(content_copy))
    assert result.returncode != 0
    assert f"{path}:6:" in result.stderr and "[todo-left]" in result.stderr


def test_new_refuses_to_overwrite(content_copy):
    assert invoke("new", "Neck pain", "--content", str(content_copy)).returncode == 0
    path = content_copy / "articles" / "neck-pain.md"
    path.write_text("the writer's own work", encoding="utf-8")
    result = invoke("new", "Neck pain", "--content", str(content_copy))
    assert result.returncode != 0 and "already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "the writer's own work"


def test_new_page_builds_as_is(tmp_path, content_copy):
    result = invoke("new", "--page", "Our team", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    fields = metadata(content_copy / "pages" / "our-team.md")
    assert fields["Title"] == "Our team" and fields["Status"] == "draft"
    site = build_ok(tmp_path / "dev", content=content_copy)
    assert (site / "drafts/pages/our-team.html").is_file()


def test_check_fails_on_a_mistake_without_touching_output(content_copy):
    output = ROOT / "output"
    before = checksums(output) if output.exists() else None
    (content_copy / "articles" / "bad.md").write_text(
        f"Title: Bad\nDate: 2024-07-01\nCategory: Gossip\nAuthor: {AUTHOR}\nSummary: x\n"
        f"Reviewer: clinical-director\nReviewed: {REVIEWED}\n\n"
        "[old](http://example.org/)\n", encoding="utf-8")
    result = invoke("check", "--content", str(content_copy))
    assert result.returncode != 0
    assert "bad.md:3:" in result.stderr and "[unknown-category]" in result.stderr
    assert "bad.md:9:" in result.stderr and "[plain-http-link]" in result.stderr  # production
    assert (checksums(output) if output.exists() else None) == before


def test_check_passes_on_the_real_content():
    result = invoke("check")
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


@pytest.fixture
def drafts_content(content_copy):
    article = (
        "Title: {title}\nDate: {date}\nCategory: Treatments\nAuthor: " + AUTHOR + "\n"
        "Summary: {title}.\nReviewer: clinical-director\nReviewed: " + REVIEWED + "\n"
        "{extra}\nText of {title}.\n"
    )
    (content_copy / "articles" / "future.md").write_text(
        article.format(title="Future zebra", date="2099-01-01", extra=""), encoding="utf-8")
    (content_copy / "articles" / "draft.md").write_text(
        article.format(title="Draft okapi", date="2024-01-01", extra="Status: draft\n"),
        encoding="utf-8")
    (content_copy / "pages" / "draft-page.md").write_text(
        "Title: Draft page gnu\nStatus: draft\n\nText of Draft page gnu.\n", encoding="utf-8")
    return content_copy


def test_drafts_and_future_articles_show_a_banner_in_development(tmp_path, drafts_content):
    site = build_ok(tmp_path / "dev", content=drafts_content)
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


def test_drafts_and_future_articles_appear_nowhere_in_production(tmp_path, drafts_content):
    site = build_ok(tmp_path / "prod", settings="publishconf.py", content=drafts_content)
    for page, text in published_text(site):
        for word in ("zebra", "okapi", "gnu", "draft-banner"):
            assert word not in text, (page, word)
    assert not (site / "drafts").exists()


def test_writers_guide_explains_every_check_and_field():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"`{check.name}`" in guide, check.name
    for key in METADATA_FIELDS:
        assert re.search(rf"`{key}\b", guide, re.IGNORECASE), key
    assert "docs/writing.md" in (ROOT / "README.md").read_text(encoding="utf-8")
