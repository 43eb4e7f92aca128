"""Clinical reviews from the command line: sign a page off, and list the reviews coming due.

``invoke reviewed FILE`` records a clinician's review in the file: ``Reviewed:``
(today, or ``--on``), ``Reviewed_text:`` (the fingerprint of the text reviewed)
and, with ``--reviewer``, ``Reviewer:``. ``invoke reviews`` lists the medical
pages whose review is overdue, due within a window (``REVIEW_DUE_WINDOW_DAYS``,
default 60 days, or ``--days``), changed since their review or never recorded,
with their reviewer and dates, for the clinical lead.

The rules are plugins/clinic/review.py's (what is medical, when a review is due,
which text was reviewed); this module reads the writers' files as the source
checks do (plugins/checks/sources.py) and never runs a build.
"""

from dataclasses import dataclass
from datetime import date
import os
from pathlib import Path

from plugins.checks.sources import MARKDOWN_EXTENSIONS, Source
from plugins.clinic import review
from plugins.common import fields

ROOT = Path(__file__).resolve().parents[1]
REVIEW_DUE_WINDOW_DAYS_DEFAULT = 60


class ReviewError(Exception):
    """A file cannot be signed off as asked; the message says why and what to do."""


def read_settings(settings_file=None, content=None):
    """The site's settings (pelicanconf.py unless told), with PATH set to the content folder."""
    from pelican.settings import read_settings as pelican_settings

    from plugins.clinic.team import with_reviewers

    override = {"PATH": str(content)} if content else None
    return with_reviewers(pelican_settings(str(settings_file or ROOT / "pelicanconf.py"),
                                           override=override))


def sources(settings):
    """(path, kind) of every Markdown article and page under the content folder, sorted."""
    base = Path(settings["PATH"])
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings.get(key) or []:
            for path in sorted((base / folder).rglob("*")):
                if path.is_file() and path.suffix.lower() in MARKDOWN_EXTENSIONS:
                    yield path, kind


def kind_of_path(path, settings):
    """ "article" or "page" for a file under the content folder, else None."""
    path = Path(path).resolve()
    base = Path(settings["PATH"]).resolve()
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings.get(key) or []:
            if path.is_relative_to(base / folder):
                return kind
    return None


def is_published(source):
    return source.status != "draft"


# --- invoke reviewed ------------------------------------------------------------------


def set_header_line(lines, source, key, name, value, after=None):
    """Set a metadata line in place (its key as written), or add it after another key."""
    number = source.line_of(key)
    if number is not None:
        written = source.fields[key][-1][1]
        lines[number - 1] = f"{written}: {value}"
        return
    anchor = source.line_of(after) if after else None
    if anchor is None:  # the end of the metadata: the line before the first blank one
        anchor = source.body_start - 2 if source.body_start > 1 else len(lines)
    lines.insert(anchor, f"{name}: {value}")
    for entries in source.fields.values():  # the lines below moved down by one
        for index, (line, written, text) in enumerate(entries):
            if line > anchor:
                entries[index] = (line + 1, written, text)
    source.fields[key] = [(anchor + 1, name, value)]
    source.body_start += 1


def mark_reviewed(path, settings, reviewer=None, on=None):
    """Record a clinical review in a medical article or page; returns what was done.

    reviewer: a key or name of REVIEWERS (default: the file's Reviewer:);
    on: the review's date, YYYY-MM-DD (default: today in TIMEZONE).
    """
    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"{path}: no such file")
    kind = kind_of_path(path, settings)
    if kind is None or path.suffix.lower() not in MARKDOWN_EXTENSIONS:
        raise ReviewError(f"{path}: not a Markdown article or page under {settings['PATH']}"
                          " (another content folder: --content FOLDER)")
    source = Source(str(path), kind, settings)
    if source.decode_error or source.header_problem or not source.fields:
        raise ReviewError(f"{path}: fix the file's metadata first (`invoke build` says how)")
    if not source.is_medical:
        raise ReviewError(f"{path}: not a medical page (pages need Medical: yes), so it has"
                          " no clinical review to record")
    reviewers = settings.get("REVIEWERS") or {}
    wanted = reviewer or source.value("reviewer") or ""
    key, entry = review.find_reviewer(reviewers, wanted) if wanted else (None, None)
    if entry is None:
        known = ", ".join(reviewers) or "none (add REVIEWERS to pelicanconf.py)"
        said = f"the reviewer {wanted!r} is not in REVIEWERS" if wanted else "no reviewer given"
        raise ReviewError(f"{path}: {said}; name one with --reviewer: {known}")
    try:
        reviewed = fields.parse_date(on) if on else fields.today(settings, "REVIEW_TODAY")
    except ValueError:
        raise ReviewError(f"--on {on!r}: write the date as YYYY-MM-DD") from None
    fingerprint = review.text_fingerprint(source)
    lines = source.text.splitlines()
    done = []
    if reviewer is not None or source.value("reviewer") != key:
        set_header_line(lines, source, "reviewer", "Reviewer", key, after="reviewed")
    set_header_line(lines, source, "reviewed", "Reviewed", reviewed.isoformat(),
                    after="reviewer")
    set_header_line(lines, source, review.FINGERPRINT_KEY, "Reviewed_text", fingerprint,
                    after="reviewed")
    done.append(f"Reviewer: {key}, Reviewed: {reviewed.isoformat()},"
                f" Reviewed_text: {fingerprint}")
    next_review = review.day(source.value("next_review") or "")
    if next_review is not None and next_review <= reviewed:
        del lines[source.line_of("next_review") - 1]
        done.append(f"removed Next_review: {next_review.isoformat()}, not after this review"
                    " (the next one is due REVIEW_INTERVAL_MONTHS later)")
    newline = "\r\n" if "\r\n" in source.text else "\n"
    temporary = path.with_name(f".{path.name}.reviewed-{os.getpid()}")
    temporary.write_text(newline.join(lines) + newline, encoding="utf-8", newline="")
    os.replace(temporary, path)  # never a half-written file
    return done


# --- invoke reviews -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    """Where one medical page stands with its clinical review."""

    path: str  # as shown to the clinical lead
    title: str
    status: str  # overdue, changed, unrecorded, due, missing
    reviewer: str  # the reviewer's name, or ""
    reviewed: date | None
    next_review: date | None
    detail: str = ""


STATUS_ORDER = ("missing", "overdue", "changed", "unrecorded", "due")
STATUS_TEXT = {
    "missing": "no review",
    "overdue": "overdue",
    "changed": "text changed since review",
    "unrecorded": "reviewed text not recorded",
    "due": "due soon",
}


def review_statuses(settings, today=None, days=None):
    """The published medical pages that need the clinical lead, most urgent first.

    A page is listed when its review is missing or unusable, overdue, its text changed
    since the review, the review does not record which text it saw, or the next review
    is due within ``days`` (default ``REVIEW_DUE_WINDOW_DAYS``) of ``today``.
    """
    today = today or fields.today(settings, "REVIEW_TODAY")
    if days is None:
        days = settings.get("REVIEW_DUE_WINDOW_DAYS", REVIEW_DUE_WINDOW_DAYS_DEFAULT)
    found = []
    for path, kind in sources(settings):
        source = Source(str(path), kind, settings)
        if not source.fields or not source.is_medical or not is_published(source):
            continue
        shown = os.path.relpath(path, Path(settings["PATH"]).parent)
        title = source.value("title") or path.name
        done, problems = review.build_review(source.metadata, settings)
        if done is None:
            why = "; ".join(message for _, message, _ in problems) or (
                "Reviewer: and Reviewed: are needed")
            found.append(ReviewStatus(shown, title, "missing", source.value("reviewer") or "",
                                      review.day(source.value("reviewed") or ""), None, why))
            continue
        changed = review.reviewed_text_problem(source, done)
        if done.is_overdue(today):
            status, detail = "overdue", f"{(today - done.next_review).days} days overdue"
        elif changed and changed[0] == "text-changed-after-review":
            status, detail = "changed", "edited after the review"
        elif changed:
            status, detail = "unrecorded", "run invoke reviewed after the next review"
        elif (done.next_review - today).days <= int(days):
            status, detail = "due", f"due in {(done.next_review - today).days} days"
        else:
            continue
        if changed and status == "overdue":
            detail += "; " + STATUS_TEXT["changed" if changed[0] ==
                                        "text-changed-after-review" else "unrecorded"]
        found.append(ReviewStatus(shown, title, status, done.reviewer_name, done.reviewed,
                                  done.next_review, detail))
    return sorted(found, key=lambda row: (STATUS_ORDER.index(row.status),
                                          row.next_review or date.min, row.path))


def format_statuses(rows, today, days):
    """The list for the clinical lead: one block per page, then a count."""
    if not rows:
        return (f"No medical page is overdue, changed since its review, or due in the next"
                f" {days} days (today is {today.isoformat()}).")
    lines = [f"Clinical reviews needing attention, today {today.isoformat()}, window"
             f" {days} days:", ""]
    for row in rows:
        reviewed = row.reviewed.isoformat() if row.reviewed else "never"
        due = row.next_review.isoformat() if row.next_review else "-"
        lines += [f"{STATUS_TEXT[row.status].upper()}: {row.path}", f"  {row.title}",
                  f"  reviewer: {row.reviewer or '-'}; reviewed: {reviewed}; next review: {due}"
                  + (f" ({row.detail})" if row.detail else ""), ""]
    counts = {status: sum(row.status == status for row in rows) for status in STATUS_ORDER}
    lines.append(", ".join(f"{count} {STATUS_TEXT[status]}" for status, count in counts.items()
                           if count))
    return "\n".join(lines)
