"""Unit tests of plugins/clinical_review on a tiny site built in a temp folder."""

from contextlib import redirect_stderr
from datetime import date
import io
import unittest

from plugins.clinical_review import clinical_review
from tests.unit.tiny_site import TinySite

LOGGER = "plugins.clinical_review.clinical_review"
REVIEWED_ARTICLE = """Title: Knee pain
Date: 2024-05-01
Modified: 2024-05-20
Category: Treatments
Reviewer: clinical-director
Reviewed: 2024-06-01
Summary: About knees.

Knees carry us.
"""


class TestReviewDates(unittest.TestCase):
    def test_next_review_is_whole_months_later_clamped_to_month_end(self):
        self.assertEqual(clinical_review.add_months(date(2024, 6, 1), 12), date(2025, 6, 1))
        self.assertEqual(clinical_review.add_months(date(2024, 1, 31), 1), date(2024, 2, 29))
        self.assertEqual(clinical_review.add_months(date(2024, 11, 15), 3), date(2025, 2, 15))

    def test_overdue_is_strictly_after_the_due_date(self):
        review = clinical_review.Review("k", {"name": "A"}, date(2024, 6, 1), date(2025, 6, 1))
        self.assertFalse(review.is_overdue(date(2025, 6, 1)))
        self.assertTrue(review.is_overdue(date(2025, 6, 2)))
        self.assertEqual(review.next_review_text, "1 June 2025")


class TestClinicalReviewSite(unittest.TestCase):
    def setUp(self):
        self.site = TinySite("clinical-review-tests-")

    def tearDown(self):
        self.site.remove()

    def test_review_block_shows_reviewer_and_long_form_dates(self):
        self.site.write("articles/knee.md", REVIEWED_ARTICLE)
        self.site.build()
        html = self.site.read("articles/knee-pain/index.html")
        self.assertIn("Medically reviewed by <strong>Jordan Example</strong>, PT, DPT", html)
        self.assertIn('Page last reviewed: <time datetime="2024-06-01">1 June 2024</time>', html)
        self.assertIn('Next review due: <time datetime="2025-06-01">1 June 2025</time>', html)
        self.assertRegex(html, r"Last updated: <time datetime=\"2024-05-20[^\"]*\">20 May 2024")

    def test_interval_setting_and_next_review_metadata(self):
        self.site.write("articles/knee.md", REVIEWED_ARTICLE)
        hip = REVIEWED_ARTICLE.replace("Knee pain", "Hip pain").replace(
            "Reviewed: 2024-06-01", "Reviewed: 2024-06-01\nNext_review: 2024-09-30")
        self.site.write("articles/hip.md", hip)
        self.site.build(REVIEW_INTERVAL_MONTHS=6)
        self.assertIn("Next review due: <time datetime=\"2024-12-01\">1 December 2024</time>",
                      self.site.read("articles/knee-pain/index.html"))
        self.assertIn("Next review due: <time datetime=\"2024-09-30\">30 September 2024</time>",
                      self.site.read("articles/hip-pain/index.html"))

    def test_missing_reviewer_and_date_are_named_with_the_file(self):
        path = self.site.write("articles/knee.md", REVIEWED_ARTICLE.replace(
            "Reviewer: clinical-director\nReviewed: 2024-06-01\n", ""))
        with self.assertLogs(LOGGER, level="WARNING") as logs:
            self.site.build()
        messages = "\n".join(logs.output)
        self.assertIn(f"{path.name}: the field Reviewer: is missing", messages)
        self.assertIn(f"{path.name}: the field Reviewed: is missing", messages)
        self.assertIn("clinical-director", messages)  # the known reviewers are listed

    def test_unknown_reviewer_and_bad_date_fail(self):
        self.site.write("articles/knee.md", REVIEWED_ARTICLE.replace(
            "clinical-director", "dr-nobody").replace("2024-06-01", "June 2024"))
        with self.assertLogs(LOGGER, level="WARNING") as logs:
            self.site.build()
        messages = "\n".join(logs.output)
        self.assertIn("the reviewer 'dr-nobody' is not in REVIEWERS", messages)
        self.assertIn("the field Reviewed: 'June 2024' is not a date", messages)

    def test_only_medical_pages_and_published_articles_need_a_review(self):
        self.site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
        medical = self.site.write("pages/neck.md", "Title: Neck pain\nMedical: yes\n\nNecks.\n")
        self.site.write("articles/draft.md", "Title: Draft\nDate: 2024-05-01\nCategory: "
                        "Treatments\nStatus: draft\n\nNot reviewed yet.\n")
        with self.assertLogs(LOGGER, level="WARNING") as logs:
            self.site.build()
        messages = "\n".join(logs.output)
        self.assertIn(f"{medical.name}: the field Reviewer: is missing", messages)
        self.assertNotIn("about.md", messages)
        self.assertNotIn("draft.md", messages)

    def test_medical_page_shows_the_review_block(self):
        self.site.write("pages/neck.md", "Title: Neck pain\nMedical: yes\nReviewer: "
                        "Jordan Example\nReviewed: 2024-06-01\n\nNecks.\n")
        self.site.build()
        html = self.site.read("neck-pain/index.html")
        self.assertIn("Medically reviewed by <strong>Jordan Example</strong>", html)
        self.assertNotIn("Last updated", html)  # no Modified: metadata

    def test_overdue_review_fails_in_fail_mode_naming_page_and_due_date(self):
        path = self.site.write("articles/knee.md", REVIEWED_ARTICLE)
        with self.assertLogs(LOGGER, level="ERROR") as logs:
            self.site.build(REVIEW_OVERDUE="fail", REVIEW_TODAY="2025-07-01")
        message = "\n".join(logs.output)
        self.assertIn(f"{path.name}: the clinical review is overdue", message)
        self.assertIn("1 June 2025 (2025-06-01)", message)

    def test_overdue_review_only_warns_in_warn_mode(self):
        self.site.write("articles/knee.md", REVIEWED_ARTICLE)
        stderr = io.StringIO()
        with redirect_stderr(stderr), self.assertNoLogs(LOGGER, level="WARNING"):
            self.site.build(REVIEW_OVERDUE="warn", REVIEW_TODAY="2025-07-01")
        self.assertIn("warning: ", stderr.getvalue())
        self.assertIn("knee.md: the clinical review is overdue", stderr.getvalue())

    def test_review_due_today_is_not_overdue(self):
        self.site.write("articles/knee.md", REVIEWED_ARTICLE)
        with self.assertNoLogs(LOGGER, level="WARNING"):
            self.site.build(REVIEW_OVERDUE="fail", REVIEW_TODAY="2025-06-01")
