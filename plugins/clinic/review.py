"""Clinical review of health content: who reviewed a page, when, and when it is due again.

Articles are medical unless they say ``Medical: no``; pages are medical with
``Medical: yes`` (``plugins/common/fields.py``). A published medical article
or page names the clinician who reviewed it (``Reviewer:``, a key or the name
of an entry of ``REVIEWERS``) and the date of that review (``Reviewed:``);
``Next_review:`` is optional and defaults to ``REVIEW_INTERVAL_MONTHS`` after
the review. Once every file is read (signal ``all_generators_finalized``, so
files from the content cache are covered too) each medical article and page
gets ``content.review`` (a :class:`Review`), which the theme component
``components/review`` shows and structured_data puts in the JSON-LD.

A missing field or a malformed date is reported by the source checks, with
its line; this plugin reports an unknown reviewer, a ``Next_review:`` not
after ``Reviewed:`` and an overdue review (check ``review-overdue``: a
warning while writing, an error in production, by ``SEVERITY``). Drafts are
not checked until they are published.

Settings: ``REVIEWERS`` (``{"key": {"name", "credentials", "job_title"}}``),
``REVIEW_INTERVAL_MONTHS`` (default ``12``), ``REVIEW_TODAY`` (default
``None``: today in ``TIMEZONE``; ``"YYYY-MM-DD"`` pins the date, for tests).
"""

import calendar
from dataclasses import dataclass
from datetime import date

from pelican import signals

from plugins.common import fields
from plugins.common.contents import contents, is_draft, kind_of
from plugins.common.problems import report

REVIEW_INTERVAL_MONTHS_DEFAULT = 12
DATE_FORMAT_DEFAULT = "%B %-d, %Y"


@dataclass(frozen=True)
class Review:
    """A finished clinical review of one article or page."""

    reviewer_key: str
    reviewer: dict  # the REVIEWERS entry: name, credentials, job_title, ...
    reviewed: date
    next_review: date
    date_format: str = DATE_FORMAT_DEFAULT

    @property
    def reviewer_name(self):
        return self.reviewer["name"]

    @property
    def reviewer_credentials(self):
        return self.reviewer.get("credentials", "")

    @property
    def reviewed_text(self):
        return self.reviewed.strftime(self.date_format)

    @property
    def next_review_text(self):
        return self.next_review.strftime(self.date_format)

    def is_overdue(self, today):
        return self.next_review < today


def add_months(start, months):
    """start moved by whole months, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def find_reviewer(reviewers, value):
    """(key, entry) for a REVIEWERS key or name, or (None, None)."""
    wanted = str(value).strip().lower()
    for key, entry in reviewers.items():
        if wanted in (key.lower(), str(entry.get("name", "")).lower()):
            return key, entry
    return None, None


def day(value):
    try:
        return fields.parse_date(value) if str(value).strip() else None
    except ValueError:
        return None  # reported by the source checks (invalid-date)


def build_review(content, settings):
    """(Review or None, [(metadata key, what is wrong — how to fix it)]) for one content."""
    metadata = content.metadata
    reviewers = settings.get("REVIEWERS") or {}
    known = ", ".join(reviewers) or "none: add REVIEWERS to pelicanconf.py"
    problems = []
    reviewer_key, reviewer = None, None
    if str(metadata.get("reviewer", "")).strip():
        reviewer_key, reviewer = find_reviewer(reviewers, metadata["reviewer"])
        if reviewer is None:
            problems.append(("reviewer", f"the reviewer {metadata['reviewer']!r} is not in"
                             " REVIEWERS", f"use one of: {known}"))
        elif not str(reviewer.get("name", "")).strip():
            problems.append(("reviewer", f"REVIEWERS[{reviewer_key!r}] has no name",
                             "add it in pelicanconf.py"))
    reviewed = day(metadata.get("reviewed", ""))
    next_review = day(metadata.get("next_review", ""))
    if reviewed is not None and next_review is None:
        interval = settings.get("REVIEW_INTERVAL_MONTHS", REVIEW_INTERVAL_MONTHS_DEFAULT)
        next_review = add_months(reviewed, int(interval))
    if reviewed is not None and next_review is not None and next_review <= reviewed:
        problems.append(("next_review", f"Next_review: {next_review.isoformat()} is not after"
                         f" Reviewed: {reviewed.isoformat()}",
                         "set a later date or remove Next_review:"))
    if problems or reviewer is None or reviewed is None:
        return None, problems
    date_format = settings.get("DEFAULT_DATE_FORMAT") or DATE_FORMAT_DEFAULT
    return Review(reviewer_key, dict(reviewer), reviewed, next_review, date_format), []


def attach_reviews(generators):
    """content.is_medical and content.review for every article and page; report problems."""
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    today = fields.today(settings, "REVIEW_TODAY")
    for content in contents(generators):
        content.is_medical = fields.is_medical(kind_of(content), content.metadata)
        content.review = None
        if not content.is_medical:
            continue
        content.review, problems = build_review(content, settings)
        if is_draft(content):  # a draft is often waiting for its review
            continue
        for key, message, fix in problems:
            report(settings, "clinical-review", message, fix, source=content.source_path,
                   key=key)
        review = content.review
        if review is not None and review.is_overdue(today):
            report(settings, "review-overdue", f"the clinical review is overdue: the next"
                   f" review was due {review.next_review_text}"
                   f" ({review.next_review.isoformat()})", "have the page reviewed, then"
                   " update Reviewed: (and Next_review: if set)", source=content.source_path,
                   key="next_review" if "next_review" in content.metadata else "reviewed")


def register():
    signals.all_generators_finalized.connect(attach_reviews)
