"""The writers' vocabulary: every metadata field, in one table, and the rules about them.

``invoke new`` writes new files from this table, the source checks hold
writers' files to it (unknown keys, required fields, dates), the plugins read
its rules (what is medical, what a date is), and the field table of
``docs/writing.md`` is printed from it (``python -m plugins.common.fields``;
a test keeps the two the same). A feature that needs a new key adds a row.

Pelican lower-cases keys; ``Field.name`` is the key as writers type it.
Every field is written once: Pelican keeps the first of a repeated ``Tags:``
or ``Slug:``, joins a repeated ``Summary:`` and makes a repeated ``Title:`` a
list (see :func:`repeated`).
"""

from dataclasses import dataclass
import datetime
import re
import sys

YES = frozenset({"yes", "true", "on", "1"})
NO = frozenset({"no", "false", "off", "0", "none"})


# Editor forms (Field.shown_for): articles and pages alike; notice and special pages.
BOTH = ("article", "page")
SPECIAL = ("special",)


@dataclass(frozen=True)
class Field:
    name: str  # as writers type it: "Next_review"
    meaning: str
    example: str  # the value shown in the guide and in messages
    kind: str = "text"  # text, date, yes/no, list
    # Which files need it: "article", "page", "medical" (a published medical
    # article or page), "story" (a patient story).
    required_by: tuple = ()
    # The editor's forms (/admin/, plugins/output/editor.py) that offer it besides the
    # files that need it: "article", "page", "story", "special" (notices, special pages).
    shown_for: tuple = ()
    # An empty value ("Slug:" and nothing after it) is a mistake unless this says what it
    # means.
    empty_means: str = ""
    # A date of something done (a change, a review): never in the future.
    past: bool = False

    @property
    def key(self):
        return self.name.lower()


FIELDS = (
    # Pelican's own
    Field("Title", "the page's heading (its only top-level heading)",
          "Knee pain after running", required_by=("article", "page")),
    Field("Date", "first publication, YYYY-MM-DD or YYYY-MM-DD HH:MM; a date in the future keeps"
          " an article off the live site until then", "2024-06-01 09:00", "date",
          ("article",)),
    Field("Modified", "date of the last real change, shown as \"Last updated\"", "2024-06-15",
          "date", past=True, shown_for=BOTH),
    Field("Category", "one of ARTICLE_CATEGORIES in pelicanconf.py", "Treatments",
          required_by=("article",)),
    Field("Tags", "topics, separated by commas", "knees, running", "list", shown_for=("article",)),
    Field("Slug", "the address: articles/SLUG/ for articles, SLUG/ for pages",
          "knee-pain-after-running", shown_for=BOTH),
    Field("Author", "one of AUTHORS_ALLOWED in pelicanconf.py",
          "TheraRehab and Wellness clinical team", required_by=("article",)),
    Field("Authors", "several authors, separated by commas (each from AUTHORS_ALLOWED)",
          "TheraRehab and Wellness clinical team", "list", shown_for=("article",)),
    Field("Summary", "one or two sentences for lists, feeds and search engines",
          "Why running makes knees hurt, and how physical therapy helps.",
          required_by=("article",), shown_for=("page",)),
    Field("Status", "draft (not published), hidden (built but not listed) or published (the"
          " default)", "draft", shown_for=BOTH),
    Field("Template", "the theme template for this page (special pages only)", "contact",
          shown_for=SPECIAL),
    Field("Save_as", "the output file name (special pages only); empty: the file is not"
          " written", "404.html", empty_means="the file is not written", shown_for=SPECIAL),
    Field("URL", "the address (special pages only); empty: the site's root (the home page)",
          "404.html", empty_means="the site's root", shown_for=SPECIAL),
    Field("Lang", "the page's language, when it is not English: a language tag (BCP 47) of"
          " CONTENT_LANGUAGES", "es", shown_for=BOTH),
    # The clinic's own
    Field("Disclaimer", "no: leaves the medical disclaimer off this page (contact, Book, team"
          " and notice pages only)", "no", "yes/no", shown_for=SPECIAL),
    Field("Medical", "yes on a page with health information (articles are medical unless they"
          " say no): it needs Reviewer and Reviewed", "yes", "yes/no", shown_for=BOTH),
    Field("Reviewer", "the clinician who reviewed the text: the key of a team member with"
          " reviews = true in content/data/team.toml (REVIEWERS)", "clinical-director",
          required_by=("medical",)),
    Field("Reviewed", "date of the last clinical review, YYYY-MM-DD", "2024-06-01", "date",
          ("medical",), past=True),
    Field("Next_review", "when the next review is due (default: Reviewed plus"
          " REVIEW_INTERVAL_MONTHS)", "2025-06-01", "date", shown_for=BOTH),
    Field("Reviewed_text", "the fingerprint of the text the clinician reviewed, written with"
          " Reviewed by `invoke reviewed FILE`; a change of the title, summary or text after"
          " it needs a new review", "3f2a9c41b7de", shown_for=BOTH),
    Field("Audience", "who the page is for (schema.org medicalAudience)", "Patient",
          shown_for=BOTH),
    Field("Services", "slugs of the service pages the text is about, separated by commas",
          "services/myofascial-release", "list", shown_for=BOTH),
    Field("Conditions", "slugs of the condition pages the text is about, separated by commas",
          "conditions/neck-pain, conditions/arthritis", "list", shown_for=BOTH),
    Field("Order", "position of a page among its siblings (lower comes first)", "2",
          shown_for=("page",)),
    Field("Related_posts", "articles: slugs of the related articles to list (default: articles"
          " sharing a tag)", "knee-pain-after-running, neck-pain-at-work", "list",
          shown_for=("article",)),
    Field("Robots", "noindex: keep this page out of search engines and the sitemap", "noindex",
          shown_for=SPECIAL),
    Field("Nav_title", "a short title for navigation and breadcrumbs", "First visit",
          shown_for=("page",)),
    Field("Patient", "success story: the patient's first name", "Maria", shown_for=("story",)),
    Field("Authorization_signed", "success story: date the patient signed the written"
          " authorization", "2024-05-01", "date", ("story",)),  # plugins/clinic/stories.py
    Field("Authorization_expires", "success story: date that authorization expires",
          "2026-05-01", "date", ("story",)),
    Field("Authorization_scope", "success story: what the authorization allows",
          "name, story, photo", required_by=("story",)),
    Field("Expected_results", "success story: what patients generally achieve (a real"
          " statement, not only \"results not typical\")",
          "Most patients with long-standing knee pain move more easily after six to eight"
          " sessions", required_by=("story",)),
    Field("Insider", "success story: yes when the patient is staff or family", "no", "yes/no",
          shown_for=("story",)),
    Field("Effective_date", "notice pages: the date the notice takes effect", "2024-07-01",
          "date", shown_for=SPECIAL),
    Field("Example_text", "yes while the wording or facts are the project's example (notices,"
          " stories), or a sentence saying what is; shows a visible note and is listed by"
          " invoke launch-check until the clinic's text replaces it", "yes",
          shown_for=SPECIAL + ("story",)),
    Field("Call_911", "condition pages: when to call 911, separated by semicolons (the red"
          " care card)", "sudden weakness or numbness in both legs; you cannot control your"
          " bladder or bowels", required_by=("condition",)),
    Field("Call_doctor", "condition pages: when to call your doctor the same day, separated by"
          " semicolons", "the pain is getting worse quickly; you have a fever",
          required_by=("condition",)),
    Field("Book_visit", "condition pages: when to book a visit with us, separated by"
          " semicolons", "the pain has lasted more than a few weeks",
          required_by=("condition",)),
    Field("Last_reviewed", "the accessibility statement: the date it was last reviewed",
          "2026-11-01", "date", past=True, shown_for=SPECIAL),
)
BY_KEY = {field.key: field for field in FIELDS}
DATE_KEYS = tuple(field.key for field in FIELDS if field.kind == "date")


def repeated(key):
    """True when a key written twice is a mistake: every field of the table is written once
    (a list field lists its values on one line, separated by commas)."""
    return key in BY_KEY


def address_slug(text, settings, kind="TAG"):
    """The slug Pelican makes of a tag's or category's name (kind "TAG" or "CATEGORY"), as
    its URL wrappers do; "" when nothing is left of it."""
    from pelican.utils import slugify

    subs = settings.get(f"{kind}_REGEX_SUBSTITUTIONS",
                        settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return slugify(text, regex_subs=subs,
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def required(kind, medical=False, published=True):
    """The fields a file needs: kind is "article", "page" or "story"."""
    wanted = {kind}
    if medical and published:
        wanted.add("medical")
    return [field for field in FIELDS if wanted & set(field.required_by)]


def header_order():
    """The order of the header lines of a writer's file: Title, Slug, then the table's
    order, Status last. ``invoke new`` and the editor (/admin/) both write in it."""
    first, last = ["title", "slug"], ["status"]
    middle = [field for field in FIELDS if field.key not in first + last]
    return [BY_KEY[key] for key in first] + middle + [BY_KEY[key] for key in last]


def header_text(values):
    """The ``Key: value`` lines of a file's metadata, in header_order(), one per field
    given a value (values: {key: text}); no blank line after them."""
    unknown = set(values) - set(BY_KEY)
    if unknown:
        raise ValueError(f"not fields of the table: {', '.join(sorted(unknown))}")
    return "\n".join(f"{field.name}: {' '.join(str(values[field.key]).split())}"
                     for field in header_order()
                     if str(values.get(field.key, "")).strip())


def is_yes(value):
    return str(value).strip().lower() in YES


def list_items(value, separator=";"):
    """The items of a semicolon-separated field (one per line works too)."""
    return [item.strip() for line in str(value).splitlines() for item in line.split(separator)
            if item.strip()]


def is_no(value):
    return str(value).strip().lower() in NO


def is_medical(kind, metadata):
    """Articles are medical unless they say ``Medical: no``; pages only with ``Medical: yes``.

    kind: "article" or "page"; metadata: the file's metadata (keys lower-case).
    """
    value = metadata.get("medical", "")
    return not is_no(value) if kind == "article" else is_yes(value)


# --- Dates ----------------------------------------------------------------------

DATE_TEXT = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


def date_problem(value):
    """Why a text is not a YYYY-MM-DD[ HH:MM] date, or None when it is one."""
    match = DATE_TEXT.match(str(value).strip())
    if not match:
        return "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM"
    try:
        datetime.date.fromisoformat(match.group("day"))
        if match.group("time"):
            datetime.time.fromisoformat(match.group("time"))
    except ValueError as error:
        return str(error)
    return None


def parse_date(value):
    """The day of a date field: a date, a datetime or YYYY-MM-DD[ HH:MM] text.

    Raises ValueError for anything else.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if date_problem(value):
        raise ValueError(f"{value!r} is not a date")
    return datetime.date.fromisoformat(str(value).strip()[:10])


def today(settings, fixed_key=None):
    """Today in the site's TIMEZONE, or the YYYY-MM-DD of settings[fixed_key] (tests)."""
    from zoneinfo import ZoneInfo

    fixed = settings.get(fixed_key) if fixed_key else None
    if fixed:
        return parse_date(fixed)
    try:
        return datetime.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
    except (KeyError, ValueError):
        return datetime.date.today()


# --- The table for docs/writing.md -------------------------------------------------

def markdown_table():
    """The field table of the writer's guide."""
    needs = {"article": "articles", "page": "pages", "medical": "medical pages",
             "story": "stories", "condition": "condition pages"}
    lines = ["| field | example | meaning | needed by |", "| --- | --- | --- | --- |"]
    for field in FIELDS:
        by = ", ".join(needs[name] for name in field.required_by)
        lines.append(f"| `{field.name}` | `{field.name}: {field.example}` | {field.meaning} |"
                     f" {by} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown_table() + "\n")
