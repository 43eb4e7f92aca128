"""Keep patient success stories lawful.

A story is a testimonial (FTC Endorsement Guides, 16 CFR 255.2(b); 16 CFR 465)
and a marketing use of patient information (HIPAA, 45 CFR 164.508). Every
story page must record the patient's written authorization (signed, expires,
scope) and say what patients generally achieve (``Expected_results``), which
a bare "results not typical" does not do. ``Insider: yes`` (staff or family)
adds a visible disclosure.

Each problem is logged as ``path/to/story.md:LINE: Field: what is wrong — how
to fix it``; the strict_build plugin turns it into a failed build.
The plugin prepends the notice (expected results, insider disclosure) to the
story's content and keeps it as ``story_notice`` for the stories list
(``partials/story_notice.html``).
"""

import datetime
from html import escape
import logging
import os
import re
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican import signals

from plugins.writer_messages import display_path

log = logging.getLogger(__name__)

DEFAULTS = {
    "folder": "pages/stories",
    "index_slug": "stories",
    "min_expected_results_words": 8,
    "insider_disclosure": "This patient is a member of our staff or a relative of a staff member.",
    "expected_results_label": "What patients generally achieve",
    # For tests and re-builds of an old state: the date expiry is checked against.
    "today": None,
}
# Phrases that only say "your results may differ"; they do not tell a reader
# what patients generally achieve (16 CFR 255.2(b)), so they do not count.
DISCLAIMER_PHRASES = [
    "results are not typical", "results not typical", "these results are not typical",
    "results may not be typical", "not typical", "atypical results", "atypical",
    "individual results may vary", "individual results vary", "individual results will vary",
    "your results may vary", "your results will vary", "results may vary", "results will vary",
    "results vary", "results can vary", "results differ", "results may differ",
    "results are not guaranteed", "results not guaranteed", "no results are guaranteed",
    "no guarantee of results", "we cannot guarantee results",
    "every patient is different", "everyone is different", "every case is different",
    "individual results", "ymmv", "for illustration only",
]
REQUIRED = ["authorization_signed", "authorization_expires", "authorization_scope",
            "expected_results"]
YES_VALUES = {"yes", "true", "on", "1"}
NO_VALUES = {"no", "false", "off", "0", ""}
MARKER = 'class="story-notice"'
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def get_config(settings):
    config = dict(DEFAULTS)
    config.update(settings.get("PATIENT_STORIES") or {})
    return config


def field_name(key):
    """Show a metadata key as the writer types it (Authorization_expires)."""
    return key[:1].upper() + key[1:]


def find_line(source_path, key):
    """Return the 1-based line where the metadata key is written, or None."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if pattern.match(line):
                    return number
    except OSError:
        return None
    return None


def is_story(page, config):
    """A page under the stories folder (but not its index), or with Patient: metadata."""
    if "patient" in page.metadata:
        return True
    folder = os.path.join(page.settings["PATH"], config["folder"])
    inside = os.path.commonpath([os.path.abspath(page.source_path), os.path.abspath(folder)])
    if inside != os.path.abspath(folder):
        return False
    is_index = page.slug == config["index_slug"] or (
        os.path.splitext(os.path.basename(page.source_path))[0] == "index")
    return not is_index


def substantive_words(text):
    """Return the words of text left once every disclaimer phrase is removed."""
    rest = " ".join(WORD.findall(text.lower().replace("’", "'")))
    for phrase in sorted(DISCLAIMER_PHRASES, key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    return rest.split()


def today(config, settings):
    if config["today"]:
        return datetime.date.fromisoformat(str(config["today"]))
    zone = settings.get("TIMEZONE") or "UTC"
    return datetime.datetime.now(ZoneInfo(zone)).date()


def as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())


def find_problems(page, config, on_date):
    """Yield (metadata key, what is wrong — how to fix it) for one story."""
    meta = page.metadata
    for key in REQUIRED:
        if not str(meta.get(key, "")).strip():
            yield key, ("is missing — a story needs the patient's written authorization"
                        " (signed, expires, scope) and what patients generally achieve")
    dates = {}
    for key in ("authorization_signed", "authorization_expires"):
        if str(meta.get(key, "")).strip():
            try:
                dates[key] = as_date(meta[key])
            except ValueError:
                yield key, f"'{meta[key]}' is not a date — write it as YYYY-MM-DD"
    signed = dates.get("authorization_signed")
    expires = dates.get("authorization_expires")
    if signed and signed > on_date:
        yield "authorization_signed", (f"{signed} is after today ({on_date}) — check the date"
                                       " on the signed authorization")
    if expires and expires < on_date:
        yield "authorization_expires", (
            f"the patient's authorization expired on {expires} (today is {on_date}) — take"
            " the story down or get a new signed authorization")
    if signed and expires and expires <= signed:
        yield "authorization_expires", f"{expires} is not after the signing date {signed}"
    expected = str(meta.get("expected_results", "")).strip()
    if expected:
        words = substantive_words(expected)
        minimum = config["min_expected_results_words"]
        if len(words) < minimum:
            yield "expected_results", (
                f"'{expected}' does not say what patients generally achieve (a phrase like"
                f" \"results not typical\" alone does not count) — describe the usual"
                f" outcome in at least {minimum} words of your own")
    insider = str(meta.get("insider", "no")).strip().lower()
    if insider not in YES_VALUES | NO_VALUES:
        yield "insider", f"'{meta['insider']}' must be yes or no"


def render_notice(page, config):
    """Return the HTML shown beside a story: expected results, insider disclosure."""
    parts = [
        f'<aside class="story-notice" aria-label="{escape(config["expected_results_label"])}">',
        f'<p><strong>{escape(config["expected_results_label"])}:</strong> '
        f'{escape(str(page.metadata.get("expected_results", "")).strip())}</p>',
    ]
    if page.is_insider:
        parts.append(f'<p class="insider-disclosure"><strong>Disclosure:</strong> '
                     f'{escape(config["insider_disclosure"])}</p>')
    parts.append("</aside>")
    return Markup("".join(parts))


def check_stories(generator):
    """Check every story page; add the notice to each valid story."""
    settings = generator.settings
    config = get_config(settings)
    on_date = today(config, settings)
    pages = generator.pages + generator.hidden_pages + getattr(generator, "draft_pages", [])
    for page in pages:
        if not is_story(page, config):
            continue
        problems = list(find_problems(page, config, on_date))
        where = display_path(page.source_path)
        for key, message in problems:
            line = find_line(page.source_path, key)
            location = f"{where}:{line}" if line else where
            log.warning("%s: %s %s", location, field_name(key), message)
        page.is_insider = str(page.metadata.get("insider", "no")).strip().lower() in YES_VALUES
        page.story_notice = render_notice(page, config)
        if page._content is not None and MARKER not in page._content:
            page._content = str(page.story_notice) + page._content  # str: Markup + str escapes


def register():
    """Connect the plugin to Pelican's signals."""
    signals.page_generator_finalized.connect(check_stories)
