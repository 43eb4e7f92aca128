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

Which text was reviewed: ``Reviewed_text:`` holds a fingerprint of the words
the clinician signed off (:func:`text_fingerprint`: the title, the summary
and the body, whitespace collapsed, SHA-256, first 12 hex digits), written by
``invoke reviewed FILE`` with the date. A page whose words no longer give
that fingerprint changed after its review (``text-changed-after-review``); a
reviewed page without one has no record of what was reviewed
(``reviewed-text-missing``). Both fail production (``SEVERITY``) until a
clinician reviews the page again. A fingerprint, not git history: it needs no
full clone in CI, counts an edit not yet committed, survives squash and
rebase merges, and an edit of the metadata alone (a date, tags, the review
fields themselves) does not count as a change of text.

Settings: ``REVIEWERS`` (``{"key": {"name", "credentials", "job_title",
"github"}}``; ``github``, the clinician's account, is read by
``scripts/codeowners.py``),
``REVIEW_INTERVAL_MONTHS`` (default ``12``), ``REVIEW_TODAY`` (default
``None``: today in ``TIMEZONE``; ``"YYYY-MM-DD"`` pins the date, for tests).
"""

import calendar
from dataclasses import dataclass
from datetime import date
import hashlib
import os

from pelican import signals

from plugins.common import fields
from plugins.common.build import build_of
from plugins.common.contents import contents, is_draft, kind_of
from plugins.common.problems import display_path, report

REVIEW_INTERVAL_MONTHS_DEFAULT = 12
DATE_FORMAT_DEFAULT = "%B %-d, %Y"
FINGERPRINT_KEY = "reviewed_text"  # Reviewed_text: in the field table
FINGERPRINT_DIGITS = 12  # enough to tell two versions of a page apart


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


def build_review(metadata, settings):
    """(Review or None, [(metadata key, what is wrong, how to fix it)]) for one file.

    metadata: the file's metadata, keys lower-case (a content's, or a source's).
    """
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


# --- Which text was reviewed ------------------------------------------------------


def text_fingerprint(source):
    """The fingerprint of what a clinician reviews in a source (a checks.sources.Source).

    The title, the summary and the body: what patients read. Whitespace is
    collapsed, so re-wrapping a paragraph is not a change; metadata other
    than the title and summary is left out, so a fixed date is not either.
    """
    body = "\n".join(source.lines[source.body_start - 1:])
    return words_fingerprint(source.value("title"), source.value("summary"), body)


def words_fingerprint(title, summary, body):
    """The fingerprint of a title, a summary and a body (Markdown), whitespace collapsed."""
    words = " ".join([title or "", summary or "", body or ""]).split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]


def read_source(path, kind, settings):
    """The source of a file as the writer wrote it (the build's copy when it has one)."""
    from plugins.checks.sources import Source

    kept = build_of(settings).state("sources", dict).get(os.path.abspath(path))
    return kept if kept is not None else Source(path, kind, settings)


def reviewed_text_problem(source, review):
    """(check, message, fix, metadata key) when the text is not the one reviewed, else None."""
    fingerprint = text_fingerprint(source)
    recorded = (source.value(FINGERPRINT_KEY) or "").strip()
    command = f"`invoke reviewed {display_path(source.path)}`"
    if not recorded:
        return ("reviewed-text-missing", f"no record of which text was reviewed on"
                f" {review.reviewed.isoformat()} (no Reviewed_text: line)", f"once a clinician"
                f" has reviewed this text, run {command} (it writes Reviewed_text:"
                f" {fingerprint} and the date)", "reviewed")
    if recorded.lower() != fingerprint:
        return ("text-changed-after-review", f"the text changed after its clinical review of"
                f" {review.reviewed.isoformat()} (Reviewed_text: {recorded}; the text now gives"
                f" {fingerprint})", f"have a clinician review the changes, then run {command}"
                f" (or set Reviewed: to that review's date and Reviewed_text: {fingerprint})",
                FINGERPRINT_KEY)
    return None


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
        content.review, problems = build_review(content.metadata, settings)
        if is_draft(content):  # a draft is often waiting for its review
            continue
        for key, message, fix in problems:
            report(settings, "clinical-review", message, fix, source=content.source_path,
                   key=key)
        review = content.review
        if review is not None and content.source_path:
            changed = reviewed_text_problem(
                read_source(content.source_path, kind_of(content), settings), review)
            if changed:
                check, message, fix, key = changed
                report(settings, check, message, fix, source=content.source_path, key=key)
        if review is not None and review.is_overdue(today):
            report(settings, "review-overdue", f"the clinical review is overdue: the next"
                   f" review was due {review.next_review_text}"
                   f" ({review.next_review.isoformat()})", "have the page reviewed, then"
                   " update Reviewed: (and Next_review: if set)", source=content.source_path,
                   key="next_review" if "next_review" in content.metadata else "reviewed")


def register():
    signals.all_generators_finalized.connect(attach_reviews)
