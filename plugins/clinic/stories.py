"""Keep patient success stories lawful, and hand the theme what a story must show.

A story is a testimonial (FTC Endorsement Guides, 16 CFR 255.2(b); 16 CFR 465)
and a marketing use of patient information (HIPAA, 45 CFR 164.508). Every
story page must record the patient's written authorization (signed, expires,
scope) and say what patients generally achieve (``Expected_results``), which
a bare "results not typical" does not do. ``Insider: yes`` (staff or family)
adds a visible disclosure. The fields a story needs are those of
``plugins/common/fields.py`` marked for stories.

Once every page is read (signal ``page_generator_finalized``) each problem
is reported as ``path/to/story.md:LINE: Field what is wrong — how to fix it``
(a malformed date is reported by the source checks). Every story gets
``page.story_notice`` (a :class:`StoryNotice`: label, expected results,
insider disclosure), which the theme component ``components/story_notice``
shows at the top of the story and beside it in lists.
"""

from dataclasses import dataclass
import os
import re

from pelican import signals

from plugins.common import fields
from plugins.common.contents import contents
from plugins.common.problems import report

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
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def get_config(settings):
    config = dict(DEFAULTS)
    config.update(settings.get("PATIENT_STORIES") or {})
    return config


@dataclass(frozen=True)
class StoryNotice:
    """What a story shows beside itself: what patients generally achieve, a disclosure."""

    label: str
    expected_results: str
    insider_disclosure: str | None  # None unless the patient is staff or family


def field_name(key):
    """A metadata key as the writer types it (Authorization_expires)."""
    return fields.BY_KEY[key].name if key in fields.BY_KEY else key.capitalize()


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
    """The words of text left once every disclaimer phrase is removed."""
    rest = " ".join(WORD.findall(text.lower().replace("’", "'")))
    for phrase in sorted(DISCLAIMER_PHRASES, key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest)
    return rest.split()


def day(value):
    try:
        return fields.parse_date(value) if str(value).strip() else None
    except ValueError:
        return None  # reported by the source checks (invalid-date)


def find_problems(page, config, on_date):
    """Yield (metadata key, what is wrong, how to fix it) for one story."""
    meta = page.metadata
    for field in fields.required("story"):
        if not str(meta.get(field.key, "")).strip():
            yield field.key, "is missing", ("a story needs the patient's written authorization"
                                            " (signed, expires, scope) and what patients"
                                            " generally achieve")
    signed = day(meta.get("authorization_signed", ""))
    expires = day(meta.get("authorization_expires", ""))
    if signed and signed > on_date:
        yield "authorization_signed", f"{signed} is after today ({on_date})", \
            "check the date on the signed authorization"
    if expires and expires < on_date:
        yield "authorization_expires", (f"the patient's authorization expired on {expires}"
                                        f" (today is {on_date})"), \
            "take the story down or get a new signed authorization"
    if signed and expires and expires <= signed:
        yield "authorization_expires", f"{expires} is not after the signing date {signed}", \
            "check both dates on the signed authorization"
    expected = str(meta.get("expected_results", "")).strip()
    if expected:
        minimum = config["min_expected_results_words"]
        if len(substantive_words(expected)) < minimum:
            yield "expected_results", (f"'{expected}' does not say what patients generally"
                                       " achieve (a phrase like \"results not typical\" alone"
                                       " does not count)"), \
                f"describe the usual outcome in at least {minimum} words of your own"
    insider = str(meta.get("insider", "no")).strip()
    if insider and not (fields.is_yes(insider) or fields.is_no(insider)):
        yield "insider", f"'{meta['insider']}' must be yes or no", "write Insider: yes or no"


def check_stories(generator):
    """Check every story page and give it its notice."""
    settings = generator.settings
    config = get_config(settings)
    on_date = (fields.parse_date(config["today"]) if config["today"]
               else fields.today(settings))
    for page in contents([generator]):  # drafts and hidden stories too
        if not is_story(page, config):
            continue
        for key, what, fix in find_problems(page, config, on_date):
            report(settings, "patient-story", f"{field_name(key)}: {what}", fix,
                   source=page.source_path, key=key)
        insider = fields.is_yes(page.metadata.get("insider", "no"))
        page.story_notice = StoryNotice(
            config["expected_results_label"],
            str(page.metadata.get("expected_results", "")).strip(),
            config["insider_disclosure"] if insider else None)


def register():
    signals.page_generator_finalized.connect(check_stories)
