"""Clinical review of health content: who reviewed a page, when, and when it is due again.

Articles and medical pages (``Medical: yes``) name the clinician who reviewed
them (``Reviewer:``, a key of the ``REVIEWERS`` setting) and the date of that
review (``Reviewed: YYYY-MM-DD``). ``Next_review:`` is optional and defaults to
``REVIEW_INTERVAL_MONTHS`` after the review. Each such article or page gets a
``review`` attribute (a :class:`Review`) that the theme shows at the bottom of
the page and the structured_data plugin puts in the JSON-LD.

Mistakes are logged as warnings naming the file and the field, so the
strict_build plugin fails the build. An overdue review fails the build when
``REVIEW_OVERDUE = "fail"`` (production, ``invoke check``) and is only printed
as a ``warning:`` line on standard error when ``REVIEW_OVERDUE = "warn"``
(local builds): printed rather than logged, because strict_build turns every
logged warning into a failed build.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
import logging
import sys
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.contents import Article, Page

from plugins.writer_messages import display_path

log = logging.getLogger(__name__)

REVIEW_INTERVAL_MONTHS_DEFAULT = 12
OVERDUE_MODES = ("warn", "fail")
YES_VALUES = {"yes", "true", "on", "1"}
NO_VALUES = {"no", "false", "off", "0", "none"}
DATE_FORMAT_DEFAULT = "%-d %B %Y"


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
        """Long-form date, e.g. "1 June 2024" (read out well by screen readers)."""
        return self.reviewed.strftime(self.date_format)

    @property
    def next_review_text(self):
        return self.next_review.strftime(self.date_format)

    def is_overdue(self, today):
        return self.next_review < today


def add_months(start, months):
    """Return start moved by whole months, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def parse_date(value):
    """Read YYYY-MM-DD (a date, a datetime, or text); raise ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def is_medical(content):
    """Articles are medical unless ``Medical: no``; pages only with ``Medical: yes``."""
    value = str(content.metadata.get("medical", "")).strip().lower()
    if isinstance(content, Article):
        return value not in NO_VALUES
    return value in YES_VALUES


def find_reviewer(reviewers, value):
    """Return (key, entry) for a REVIEWERS key or name, or (None, None)."""
    wanted = str(value).strip()
    for key, entry in reviewers.items():
        if wanted.lower() in (key.lower(), str(entry.get("name", "")).lower()):
            return key, entry
    return None, None


def build_review(content, settings):
    """Return (Review or None, [problems]) for one article or page."""
    metadata = content.metadata
    problems = []
    reviewers = settings.get("REVIEWERS") or {}
    reviewer_key = reviewer = reviewed = next_review = None

    if not str(metadata.get("reviewer", "")).strip():
        problems.append(
            "the field Reviewer: is missing — add `Reviewer: KEY` naming the clinician"
            f" who reviewed it (one of: {', '.join(reviewers) or 'none: add REVIEWERS'})"
        )
    else:
        reviewer_key, reviewer = find_reviewer(reviewers, metadata["reviewer"])
        if reviewer is None:
            problems.append(
                f"the reviewer {metadata['reviewer']!r} is not in REVIEWERS — use one of:"
                f" {', '.join(reviewers) or 'none (add REVIEWERS to pelicanconf.py)'}"
            )
        elif not str(reviewer.get("name", "")).strip():
            problems.append(f"REVIEWERS[{reviewer_key!r}] has no name — add it in pelicanconf.py")

    if not str(metadata.get("reviewed", "")).strip():
        problems.append(
            "the field Reviewed: is missing — add `Reviewed: YYYY-MM-DD`, the date of the"
            " last clinical review"
        )
    else:
        try:
            reviewed = parse_date(metadata["reviewed"])
        except ValueError:
            problems.append(
                f"the field Reviewed: {metadata['reviewed']!r} is not a date — write YYYY-MM-DD"
            )

    if str(metadata.get("next_review", "")).strip():
        try:
            next_review = parse_date(metadata["next_review"])
        except ValueError:
            problems.append(
                f"the field Next_review: {metadata['next_review']!r} is not a date"
                " — write YYYY-MM-DD"
            )
    if reviewed is not None and next_review is None:
        interval = settings.get("REVIEW_INTERVAL_MONTHS", REVIEW_INTERVAL_MONTHS_DEFAULT)
        next_review = add_months(reviewed, int(interval))
    if reviewed is not None and next_review is not None and next_review <= reviewed:
        problems.append(
            f"the field Next_review: {next_review.isoformat()} is not after Reviewed:"
            f" {reviewed.isoformat()} — set a later date or remove Next_review:"
        )

    if problems:
        return None, problems
    date_format = settings.get("DEFAULT_DATE_FORMAT") or DATE_FORMAT_DEFAULT
    return Review(reviewer_key, dict(reviewer), reviewed, next_review, date_format), []


def attach_review(content):
    """Validate an article's or page's review metadata and attach ``content.review``."""
    if not isinstance(content, (Article, Page)):
        return
    content.review = None
    content.is_medical = is_medical(content)
    if not content.is_medical:
        return
    review, problems = build_review(content, content.settings)
    content.review = review
    # A draft is often waiting for its review; it is checked once it is published.
    if getattr(content, "status", "published") == "draft":
        return
    where = display_path(content.source_path)
    for problem in problems:
        log.warning("%s: %s", where, problem)


def today_for(settings):
    """The date reviews are compared with: REVIEW_TODAY, else today in TIMEZONE."""
    fixed = settings.get("REVIEW_TODAY")
    if fixed:
        return parse_date(fixed)
    try:
        return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
    except (KeyError, ValueError):
        return date.today()


def published_content(generators):
    """Yield every published article and page (listed or hidden) of the build."""
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                     "pages", "hidden_pages"):
            for content in getattr(generator, name, ()):
                if isinstance(content, (Article, Page)):
                    yield content


def overdue_reviews(contents, today):
    """Return [(content, review)] whose next review is before today, sorted by due date."""
    found = {}
    for content in contents:
        review = getattr(content, "review", None)
        if review is not None and review.is_overdue(today):
            found[content.source_path] = (content, review)
    return sorted(found.values(), key=lambda pair: (pair[1].next_review, pair[0].source_path))


def report_overdue(generators):
    """Fail (REVIEW_OVERDUE = "fail") or warn about each overdue clinical review."""
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    mode = str(settings.get("REVIEW_OVERDUE", "warn")).lower()
    if mode not in OVERDUE_MODES:
        log.warning("REVIEW_OVERDUE is %r — set it to \"warn\" or \"fail\"", mode)
        mode = "fail"
    today = today_for(settings)
    for content, review in overdue_reviews(published_content(generators), today):
        message = (
            f"{display_path(content.source_path)}: the clinical review is overdue: next review"
            f" was due {review.next_review_text} ({review.next_review.isoformat()}) — have"
            " the page reviewed, then update Reviewed: (and Next_review: if set)"
        )
        if mode == "fail":
            log.error("%s", message)
        else:
            print(f"warning: {message}", file=sys.stderr, flush=True)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(attach_review)
    signals.all_generators_finalized.connect(report_overdue)
