"""Clinical sign-off: the text reviewed is recorded, a change after it fails production,
`invoke reviewed` records a review, `invoke reviews` lists those coming due."""

from datetime import date, timedelta
import subprocess
import sys

import pytest

from plugins.checks.sources import Source
from plugins.clinic import review
from plugins.common.build import build_of
from scripts import reviews
from tests.conftest import ROOT
from tests.unit.tiny_site import TinySite

ARTICLE = """Title: Knee pain
Date: 2024-05-01
Category: Treatments
Tags: knees
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: 2024-06-01
Summary: About knees.

Knees carry us.

A second paragraph about knees,
wrapped over two lines.
"""
ARTICLE_PATH = "articles/knee.md"


@pytest.fixture
def site():
    tiny = TinySite("clinical-signoff-tests-")
    yield tiny
    tiny.remove()


def settings_for(site, **more):
    return reviews.read_settings(content=site.content) | more


def signed(site, text=ARTICLE, relative=ARTICLE_PATH, on="2024-06-01"):
    """The file written and signed off with `invoke reviewed`'s function."""
    path = site.write(relative, text)
    reviews.mark_reviewed(path, settings_for(site), on=on)
    return path


def fingerprint(path, kind="article"):
    return review.text_fingerprint(Source(str(path), kind, {}))


def line_of(path, start):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def test_reviewed_records_the_date_and_the_fingerprint_in_place(site):
    path = signed(site, on="2024-06-03")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(ARTICLE.split("Reviewed:")[0])  # the lines above are as written
    assert "Reviewed: 2024-06-03\nReviewed_text: " + fingerprint(path) + "\nSummary:" in text
    assert text.endswith("Knees carry us.\n\nA second paragraph about knees,\nwrapped over two"
                         " lines.\n")
    built = site.build("publishconf.py")
    assert not built.failed, built.messages()
    assert built.messages("text-changed-after-review") == []
    assert built.messages("reviewed-text-missing") == []


def test_a_text_edited_after_its_review_fails_production_naming_file_and_line(site):
    path = signed(site)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Knees carry us.", "Knees carry us, and ice cures every knee."), encoding="utf-8")
    built = site.build("publishconf.py")
    assert built.failed
    [changed] = built.messages("text-changed-after-review")
    assert changed.startswith(f"{path}:{line_of(path, 'Reviewed_text:')}: the text changed"
                              " after its clinical review of 2024-06-01")
    assert f"invoke reviewed {path}" in changed and fingerprint(path) in changed
    # While writing it is a warning: the build goes on.
    dev = site.build()
    assert not dev.failed and len(dev.messages("text-changed-after-review")) == 1
    assert [p.check for p in build_of(dev.settings).report.of_severity("warning")] == [
        "text-changed-after-review"]


@pytest.mark.parametrize("change", [
    ("Summary: About knees.", "Summary: About knees and why they hurt."),
    ("Title: Knee pain", "Title: Knee pain cured"),
])
def test_title_and_summary_are_part_of_the_text_reviewed(site, change):
    path = signed(site)
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    built = site.build("publishconf.py")
    assert built.failed and len(built.messages("text-changed-after-review")) == 1


@pytest.mark.parametrize("change", [
    ("Reviewed: 2024-06-01", "Reviewed: 2024-06-02"),  # a typo in the review date fixed
    ("Tags: knees", "Tags: knees, running"),
    ("Date: 2024-05-01", "Date: 2024-05-02\nModified: 2024-06-01"),
    ("A second paragraph about knees,\nwrapped over two lines.",
     "A second paragraph about\nknees, wrapped over two lines."),  # re-wrapped, same words
])
def test_metadata_and_whitespace_edits_are_not_a_change_of_text(site, change):
    path = signed(site)
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change), encoding="utf-8")
    built = site.build("publishconf.py")
    assert not built.failed, built.messages()


def test_a_review_without_its_fingerprint_fails_production_only(site):
    path = site.write(ARTICLE_PATH, ARTICLE)
    built = site.build("publishconf.py")
    assert built.failed
    [missing] = built.messages("reviewed-text-missing")
    assert missing.startswith(f"{path}:7: no record of which text was reviewed on 2024-06-01")
    assert f"Reviewed_text: {fingerprint(path)}" in missing
    dev = site.build()
    assert not dev.failed and len(dev.messages("reviewed-text-missing")) == 1


def test_drafts_and_pages_that_are_not_medical_need_no_fingerprint(site):
    site.write("articles/draft.md", ARTICLE.replace("Summary:", "Status: draft\nSummary:"))
    site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    built = site.build("publishconf.py")
    assert not built.failed, built.messages()


def test_reviewed_names_the_reviewer_and_drops_a_next_review_now_past(site):
    text = ARTICLE.replace("Reviewer: clinical-director\n", "").replace(
        "Reviewed: 2024-06-01", "Reviewed: 2024-06-01\nNext_review: 2024-09-01")
    path = site.write(ARTICLE_PATH, text)
    with pytest.raises(reviews.ReviewError, match="no reviewer given; name one with"
                       " --reviewer: clinical-director"):
        reviews.mark_reviewed(path, settings_for(site), on="2024-10-01")
    with pytest.raises(reviews.ReviewError, match="'dr-nobody' is not in REVIEWERS"):
        reviews.mark_reviewed(path, settings_for(site), reviewer="dr-nobody")
    done = reviews.mark_reviewed(path, settings_for(site), reviewer="Jordan Example",
                                 on="2024-10-01")
    assert "removed Next_review: 2024-09-01" in done[1]
    written = path.read_text(encoding="utf-8")
    assert "Reviewed: 2024-10-01\nReviewed_text: " in written and "Next_review" not in written
    assert "Reviewer: clinical-director\n" in written


def test_reviewed_refuses_a_page_that_is_not_medical_and_a_bad_date(site):
    about = site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    with pytest.raises(reviews.ReviewError, match="not a medical page"):
        reviews.mark_reviewed(about, settings_for(site))
    path = site.write(ARTICLE_PATH, ARTICLE)
    with pytest.raises(reviews.ReviewError, match="write the date as YYYY-MM-DD"):
        reviews.mark_reviewed(path, settings_for(site), on="June 1")
    assert path.read_text(encoding="utf-8") == ARTICLE  # nothing written


def test_the_pull_requests_summary_names_the_changed_text_at_its_line(site, tmp_path):
    # What a writer sees in the pull request's job summary (REPORT_MARKDOWN).
    path = signed(site)
    path.write_text(path.read_text(encoding="utf-8").replace("carry us", "carry you"),
                    encoding="utf-8")
    summary = tmp_path / "summary.md"
    built = site.build("publishconf.py", REPORT_MARKDOWN=str(summary))
    assert built.failed
    text = summary.read_text(encoding="utf-8")
    assert "### Errors: these fail the build" in text
    assert (f"| `{path}:{line_of(path, 'Reviewed_text:')}` | the text changed after its"
            " clinical review of 2024-06-01") in text
    assert "| `text-changed-after-review` |" in text


# --- invoke reviews ------------------------------------------------------------------

TODAY = date(2025, 3, 1)


def planted_reviews(site):
    """Medical pages in every state, reviewed relative to TODAY (12-month interval)."""
    def page(slug, reviewed, **extra):
        fields = {"Title": slug.replace("-", " ").capitalize(), "Slug": slug,
                  "Medical": "yes", "Reviewer": "clinical-director",
                  "Reviewed": reviewed.isoformat(), **extra}
        header = "".join(f"{key}: {value}\n" for key, value in fields.items() if value)
        return site.write(f"pages/{slug}.md", f"{header}\nAbout {slug}.\n")

    settings = settings_for(site)
    year_ago = TODAY.replace(year=TODAY.year - 1)
    overdue = page("overdue-page", year_ago - timedelta(days=10))
    soon = page("due-soon-page", year_ago + timedelta(days=30))
    later = page("due-later-page", year_ago + timedelta(days=90))
    changed = page("changed-page", year_ago + timedelta(days=200))
    page("unrecorded-page", year_ago + timedelta(days=200))
    page("no-reviewer-page", year_ago, Reviewer=None)
    page("draft-page", year_ago - timedelta(days=30), Status="draft")
    site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    for path in (overdue, soon, later, changed):
        reviews.mark_reviewed(path, settings, on=path.read_text().split("Reviewed: ")[1][:10])
    changed.write_text(changed.read_text().replace("About", "All about"), encoding="utf-8")
    return settings


def test_reviews_lists_what_needs_the_clinical_lead_most_urgent_first(site):
    settings = planted_reviews(site)
    rows = reviews.review_statuses(settings, today=TODAY, days=60)
    assert [(row.status, row.path.rsplit("/", 1)[1]) for row in rows] == [
        ("missing", "no-reviewer-page.md"),
        ("overdue", "overdue-page.md"),
        ("changed", "changed-page.md"),
        ("unrecorded", "unrecorded-page.md"),
        ("due", "due-soon-page.md"),
    ]
    overdue, soon = rows[1], rows[4]
    # Reviewed 2024-02-20: due 2025-02-20, nine days before TODAY.
    assert overdue.reviewer == "Jordan Example" and overdue.detail == "9 days overdue"
    assert soon.next_review == date(2025, 3, 31) and soon.detail == "due in 30 days"
    wider = reviews.review_statuses(settings, today=TODAY, days=120)
    assert "due-later-page.md" in {row.path.rsplit("/", 1)[1] for row in wider}


def test_invoke_reviews_prints_each_page_with_reviewer_and_dates(site):
    planted_reviews(site)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "reviews", "--content", str(site.content),
         "--days", "60"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # invoke runs on today's date: the pages reviewed around TODAY are long overdue now.
    assert "OVERDUE: content/pages/overdue-page.md" in out
    assert "reviewer: Jordan Example; reviewed: " in out and "; next review: " in out
    assert "NO REVIEW: content/pages/no-reviewer-page.md" in out
    assert "draft-page" not in out and "about.md" not in out
    empty = TinySite("clinical-signoff-empty-")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "reviews", "--content", str(empty.content)],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "No medical page is overdue" in result.stdout
        assert "in the next 60 days" in result.stdout  # REVIEW_DUE_WINDOW_DAYS
    finally:
        empty.remove()


def test_the_real_pages_each_record_the_text_reviewed():
    settings = reviews.read_settings()
    rows = reviews.review_statuses(settings, today=date(2026, 11, 2), days=0)
    assert [row for row in rows if row.status in ("missing", "changed", "unrecorded")] == []


def test_each_new_check_setting_and_task_is_documented():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    plugins_readme = (ROOT / "plugins" / "README.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for check in ("text-changed-after-review", "reviewed-text-missing", "reading-grade",
                  "plain-words"):
        assert f"| `{check}` |" in guide, check
    for setting in ("REPORT_MARKDOWN", "PLAIN_LANGUAGE", "PLAIN_WORDS",
                    "REVIEW_DUE_WINDOW_DAYS"):
        assert f"`{setting}`" in plugins_readme, setting
    for task in ("reviewed", "reviews", "codeowners"):
        assert f"| `{task}` |" in readme, task
