"""Settings for the TheraRehab and Wellness site (development build).

The clinic's facts live here, once; templates and pages read them from the
settings. ``publishconf.py`` overrides what differs in production.
"""

# --- The clinic -------------------------------------------------------------
# Values marked EXAMPLE are not in the client's source text: the clinic
# replaces them here, in this one place, before launch.
CLINIC = {
    "name": "TheraRehab and Wellness",
    "tagline": (
        "Hands-on physical therapy, including therapeutic massage, that relieves"
        " pain, restores movement and helps you get back to daily life."
    ),
    "phone": "(555) 010-0142",  # EXAMPLE
    "phone_e164": "+15550100142",  # EXAMPLE: the same number for tel: links
    "email": "care@therarehab.example",  # EXAMPLE
    "street": "100 Example Avenue, Suite 2",  # EXAMPLE
    "locality": "Springfield",  # EXAMPLE
    "region": "IL",  # EXAMPLE
    "postal_code": "62701",  # EXAMPLE
    "country": "US",
    # EXAMPLE: a plain link to a map, never an embedded third-party map
    "map_url": (
        "https://www.openstreetmap.org/search?query="
        "100%20Example%20Avenue%2C%20Springfield%2C%20IL"
    ),
    "hours": [  # EXAMPLE
        ("Monday to Friday", "Mo-Fr", "08:00", "18:00"),
        ("Saturday", "Sa", "09:00", "13:00"),
    ],
    "hours_note": "Closed on Sundays and public holidays.",  # EXAMPLE
    "booking_url": "contact/",  # relative to the site root
}

SITENAME = CLINIC["name"]
SITEURL = ""
AUTHOR = "TheraRehab and Wellness clinical team"
TIMEZONE = "America/Chicago"  # EXAMPLE: the clinic's own time zone
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"  # "1 June 2024": read out well by screen readers

# The medical disclaimer, added to every article and page by plugins/disclaimer.
DISCLAIMER = {
    "heading": "Medical disclaimer",
    "text": (
        "The information on this site is for education and general information"
        " only. It is not a substitute for advice from your physician or another"
        " healthcare professional. Do not use it to diagnose or treat a health"
        " problem, or to prescribe any medication or other treatment. Always talk"
        " to a healthcare professional before you start any new treatment, or if"
        " you have or think you might have a health problem, and ask your"
        " healthcare provider about any questions or concerns you have about"
        " your condition."
    ),
}

# --- Content -----------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}
DEFAULT_METADATA = {"status": "published"}

ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "articles/category/{slug}/"
CATEGORY_SAVE_AS = "articles/category/{slug}/index.html"
TAG_URL = "articles/tag/{slug}/"
TAG_SAVE_AS = "articles/tag/{slug}/index.html"
CATEGORIES_URL = "articles/categories/"
CATEGORIES_SAVE_AS = "articles/categories/index.html"
TAGS_URL = "articles/tags/"
TAGS_SAVE_AS = "articles/tags/index.html"
ARCHIVES_URL = "articles/archives/"
ARCHIVES_SAVE_AS = "articles/archives/index.html"
# The home page is content/pages/home.md; the article list lives under /articles/.
INDEX_SAVE_AS = "articles/index.html"
INDEX_URL = "articles/"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
# Author pages add nothing for a small clinic team.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# --- Theme and plugins -------------------------------------------------------
THEME = "theme"
# Pelican's templates are not autoescaped by default; metadata is text.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["strict_build", "disclaimer", "content_checks", "link_check"]
STRICT_BUILD = True  # any warning fails the build (livereload only reports)

# Main navigation: (label, path from the site root, section key for aria-current).
NAV = [
    ("Home", "", "home"),
    ("Articles", "articles/", "articles"),
    ("Contact", "contact/", "contact"),
]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# --- Development -------------------------------------------------------------
RELATIVE_URLS = True
# Feeds are built in development too, so the feed links work while writing.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 20
SITE_ROBOTS = "noindex"  # development builds are never indexed

# --- Writers' vocabulary -----------------------------------------------------
# Every metadata key a writer may use, with what it means; content checks treat
# any other key as a typo. Pelican lower-cases keys. A feature that adds a key
# adds it here, with a one-line meaning (docs/writing.md explains each).
METADATA_FIELDS = {
    # Pelican's own
    "title": "the page's heading",
    "date": "first publication, YYYY-MM-DD or YYYY-MM-DD HH:MM",
    "modified": "date of the last real change",
    "category": "one of ARTICLE_CATEGORIES",
    "tags": "topics, separated by commas",
    "slug": "the address",
    "author": "one of AUTHORS_ALLOWED",
    "authors": "several authors, separated by commas",
    "summary": "one or two sentences for lists, feeds and search engines",
    "status": "published, draft or hidden",
    "template": "the theme template that renders this page",
    "save_as": "output file name (special pages only)",
    "url": "address (special pages only)",
    "lang": "language of the page, when not English",
    # The clinic's own
    "disclaimer": "no: leave the medical disclaimer off this page",
    "medical": "yes: a medical page (needs reviewer and reviewed)",
    "reviewer": "the clinician who reviewed the page, one of REVIEWERS",
    "reviewed": "date of the last clinical review, YYYY-MM-DD",
    "next_review": "date the next review is due (default: reviewed + REVIEW_INTERVAL_MONTHS)",
    "audience": "who the page is for (schema.org medicalAudience)",
    "references": "sources cited by the page",
    "services": "slugs of the service pages this content relates to",
    "conditions": "slugs of the condition pages this content relates to",
    "order": "position of a page among its siblings (lower comes first)",
    "nav_title": "short title for navigation and breadcrumbs",
    "patient": "success story: the patient's first name",
    "authorization_signed": "success story: date the patient signed the written authorization",
    "authorization_expires": "success story: date that authorization expires",
    "authorization_scope": "success story: what the authorization allows",
    "expected_results": "success story: what patients can generally expect",
    "insider": "success story: yes when the patient is staff or family",
    "effective_date": "notice: the date the notice takes effect",
}
ARTICLE_CATEGORIES = ["Treatments", "Conditions", "Clinic news"]
AUTHORS_ALLOWED = ["TheraRehab and Wellness clinical team"]

# --- Build speed (issue 8) -----------------------------------------------------
# Markdown files are read in a pool of processes, one per CPU (plugins/parallel_read), and
# Python-Markdown skips inline patterns that cannot match (plugins/inline_prescreen); the
# output is byte-identical without them.
PLUGINS = [*PLUGINS, "parallel_read", "inline_prescreen"]
