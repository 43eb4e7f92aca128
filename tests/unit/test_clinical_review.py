"""plugins/clinic/review.py on tiny sites built in-process (problems read from the report)."""

from datetime import date

import pytest

from plugins.clinic import review
from tests.unit.tiny_site import TinySite

REVIEWED_ARTICLE = """Title: Knee pain
Date: 2024-05-01
Modified: 2024-05-20
Category: Treatments
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: 2024-06-01
Summary: About knees.

Knees carry us.
"""


@pytest.fixture
def site():
    tiny = TinySite("clinical-review-tests-")
    yield tiny
    tiny.remove()


def test_next_review_is_whole_months_later_clamped_to_month_end():
    assert review.add_months(date(2024, 6, 1), 12) == date(2025, 6, 1)
    assert review.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert review.add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


def test_overdue_is_strictly_after_the_due_date():
    done = review.Review("k", {"name": "A"}, date(2024, 6, 1), date(2025, 6, 1))
    assert not done.is_overdue(date(2025, 6, 1))
    assert done.is_overdue(date(2025, 6, 2))
    assert done.next_review_text == "June 1, 2025"


def test_review_block_shows_reviewer_and_long_form_dates(site):
    site.write("articles/knee.md", REVIEWED_ARTICLE)
    built = site.build()
    assert not built.failed, built.messages()
    html = built.read("articles/knee-pain/index.html")
    assert ('Medically reviewed by <strong><a href="https://clinic.example/team/#clinical-director">'
            "Jordan Example</a></strong>, PT, DPT") in html
    assert 'Page last reviewed: <time datetime="2024-06-01">June 1, 2024</time>' in html
    assert 'Next review due: <time datetime="2025-06-01">June 1, 2025</time>' in html
    assert 'Last updated: <time datetime="2024-05-20' in html and ">May 20, 2024" in html


def test_interval_setting_and_next_review_metadata(site):
    site.write("articles/knee.md", REVIEWED_ARTICLE)
    site.write("articles/hip.md", REVIEWED_ARTICLE.replace("Knee pain", "Hip pain").replace(
        "Reviewed: 2024-06-01", "Reviewed: 2024-06-01\nNext_review: 2024-09-30"))
    built = site.build(REVIEW_INTERVAL_MONTHS=6)
    assert 'Next review due: <time datetime="2024-12-01">December 1, 2024</time>' in (
        built.read("articles/knee-pain/index.html"))
    assert 'Next review due: <time datetime="2024-09-30">September 30, 2024</time>' in (
        built.read("articles/hip-pain/index.html"))


def test_missing_reviewer_and_date_are_reported_once_with_their_line(site):
    path = site.write("articles/knee.md", REVIEWED_ARTICLE.replace(
        "Reviewer: clinical-director\nReviewed: 2024-06-01\n", ""))
    built = site.build()
    assert built.failed
    missing = built.messages("missing-metadata")
    assert any(f"{path}:1: the metadata has no Reviewer: line" in m for m in missing)
    assert any(f"{path}:1: the metadata has no Reviewed: line" in m for m in missing)
    assert "clinical-director" in " ".join(missing)  # the example names a known reviewer
    assert built.messages("clinical-review") == []  # said once, by the source checks


def test_unknown_reviewer_is_named_at_its_line_and_a_bad_date_once(site):
    path = site.write("articles/knee.md", REVIEWED_ARTICLE.replace(
        "clinical-director", "dr-nobody").replace("Reviewed: 2024-06-01", "Reviewed: June 2024"))
    built = site.build()
    assert built.failed
    [unknown] = built.messages("clinical-review")
    assert unknown.startswith(f"{path}:6: the reviewer 'dr-nobody' is not in REVIEWERS")
    assert "use one of: clinical-director" in unknown
    [bad_date] = built.messages("invalid-date")
    assert bad_date.startswith(f"{path}:7: Reviewed: June 2024 is not a valid date")


def test_next_review_must_come_after_the_review(site):
    path = site.write("articles/knee.md", REVIEWED_ARTICLE.replace(
        "Reviewed: 2024-06-01", "Reviewed: 2024-06-01\nNext_review: 2024-05-01"))
    [problem] = site.build().messages("clinical-review")
    assert problem.startswith(f"{path}:8: Next_review: 2024-05-01 is not after Reviewed:")


def test_only_medical_pages_and_published_articles_need_a_review(site):
    site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    medical = site.write("pages/neck.md", "Title: Neck pain\nMedical: yes\n\nNecks.\n")
    site.write("articles/draft.md", "Title: Draft\nDate: 2024-05-01\nCategory: Treatments\n"
               "Author: TheraRehab and Wellness clinical team\nSummary: x\nStatus: draft\n\n"
               "Not reviewed yet.\n")
    messages = "\n".join(site.build().messages())
    assert f"{medical}:1: the metadata has no Reviewer: line" in messages
    assert "about.md" not in messages
    assert "draft.md" not in messages


def test_medical_page_shows_the_review_block(site):
    site.write("pages/neck.md", "Title: Neck pain\nMedical: yes\nReviewer: Jordan Example\n"
               "Reviewed: 2024-06-01\n\nNecks.\n")
    html = site.build().read("neck-pain/index.html")
    assert "Jordan Example</a></strong>" in html and "Medically reviewed by" in html
    assert "Last updated" not in html  # no Modified: metadata


@pytest.mark.parametrize("severity, fails", [("error", True), ("warning", False)])
def test_an_overdue_review_does_what_severity_says(site, severity, fails):
    path = site.write("articles/knee.md", REVIEWED_ARTICLE)
    built = site.build(SEVERITY={"review-overdue": severity}, REVIEW_TODAY="2025-07-01")
    assert built.failed is fails
    [overdue] = built.messages("review-overdue")
    assert overdue.startswith(f"{path}:7: the clinical review is overdue")
    assert "June 1, 2025 (2025-06-01)" in overdue


def test_review_due_today_is_not_overdue(site):
    site.write("articles/knee.md", REVIEWED_ARTICLE)
    built = site.build(SEVERITY={"review-overdue": "error"}, REVIEW_TODAY="2025-06-01")
    assert not built.failed and built.messages("review-overdue") == []
