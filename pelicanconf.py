"""Settings for the TheraRehab and Wellness site (development build).

The clinic's facts live here, once; templates and pages read them from the
settings. ``publishconf.py`` overrides what differs in production.
"""

import os
import sys

# The project folder on the import path: the plugins share plugins/writer_messages.py.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

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
# Every plugin, in one list (plugins/README.md documents each and its settings).
# Order matters where plugins act on the same signal: search and content_images
# change the written pages, so they come before link_check checks them.
PLUGINS = [
    "strict_build",     # every warning fails the build, all listed at once
    "disclaimer",       # the medical disclaimer on every article and page
    "content_checks",   # writers' mistakes as file:line messages
    "search",           # the Pagefind index of the written site
    "content_images",   # srcset, width/height and lazy loading on content images
    "link_check",       # every internal link and asset of the output
    "notices",          # the notices a US clinic must publish
    "patient_stories",  # lawful success stories
    "cross_links",      # services, conditions, articles and breadcrumbs from metadata
    "pelican.plugins.sitemap",
    "references",       # a "## References" section as a numbered list
    "clinical_review",  # reviewer and review dates
    "structured_data",  # JSON-LD, canonical, description, sitemap exclusions
    "draft_banner",     # a "Draft" banner while writing
    "neighbors",        # previous / next article (pelican-neighbors)
    "related_posts",    # related articles by shared tags (pelican-related-posts)
    "readtime",         # reading time (pelican-readtime)
    "parallel_read",    # Markdown read in a pool of processes (byte-identical output)
    "inline_prescreen", # Python-Markdown skips inline patterns that cannot match
    "source_path_cache",  # each content's relative source path worked out once, not per URL
    "quick_rebuild",    # livereload: after a body-only edit, render only the edited pages
]
STRICT_BUILD = True  # any warning fails the build (livereload only reports)

# Main navigation: (label, path from the site root, section key for aria-current).
# Every page is in this list or one click below a page in it (two clicks from home).
NAV = [
    ("Home", "", "home"),
    ("Services", "services/", "services"),
    ("Conditions", "conditions/", "conditions"),
    ("Who we help", "who-we-help/", "who-we-help"),
    ("Your first visit", "first-visit/", "first-visit"),
    ("Stories", "stories/", "stories"),
    ("Articles", "articles/", "articles"),
    ("FAQ", "faq/", "faq"),
    ("About us", "about/", "about"),
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
    "services": "slugs of the service pages this content relates to",
    "conditions": "slugs of the condition pages this content relates to",
    "order": "position of a page among its siblings (lower comes first)",
    "related_posts": "slugs of the articles to show as related (default: shared tags)",
    "robots": "noindex: keep this page out of search engines and the sitemap",
    "nav_title": "short title for navigation and breadcrumbs",
    "patient": "success story: the patient's first name",
    "authorization_signed": "success story: date the patient signed the written authorization",
    "authorization_expires": "success story: date that authorization expires",
    "authorization_scope": "success story: what the authorization allows",
    "expected_results": "success story: what patients can generally expect",
    "insider": "success story: yes when the patient is staff or family",
    "effective_date": "notice: the date the notice takes effect",
    "example_text": "notice: yes while the text is the project's example, not counsel's",
    "last_reviewed": "notice: date the statement was last reviewed, YYYY-MM-DD",
}
ARTICLE_CATEGORIES = ["Treatments", "Conditions", "Clinic news"]
AUTHORS_ALLOWED = ["TheraRehab and Wellness clinical team"]


# --- Notices a US clinic must publish (issue 9) -----------------------------
# The five notice pages live in content/pages/ (their wording is the clinic
# counsel's); plugins/notices and plugins/patient_stories read these settings.
# Footer (every page) and home page link the notices with these exact texts:
# (slug of the page, link text).
NOTICE_LINKS = [
    ("privacy-practices", "Notice of Privacy Practices"),
    ("nondiscrimination", "Nondiscrimination notice"),
    ("language-assistance", "Language assistance"),
    ("accessibility", "Accessibility statement"),
    ("website-privacy", "Website privacy"),
]
# Notices the home page links outside the footer (45 CFR 164.520, 92.10, 92.11).
HOME_NOTICES = ["privacy-practices", "nondiscrimination", "language-assistance"]
# A notice page with "Example_text: yes" shows this note until counsel's text is in.
NOTICES_EXAMPLE_NOTE = (
    "EXAMPLE TEXT: this notice is a placeholder written by the website team. The"
    " clinic's legal counsel replaces it with the clinic's own notice before launch."
)
# Standalone copies written next to a notice page at build time, for download
# and printing (page slug -> file name in the page's folder).
NOTICE_DOWNLOADS = {"privacy-practices": "notice-of-privacy-practices.html"}
# The Section 1557 coordinator named on the nondiscrimination notice.
SECTION_1557_COORDINATOR = {
    "example": True,  # EXAMPLE: set to False once the clinic names its coordinator
    "name": "Jordan Example",  # EXAMPLE
    "title": "Section 1557 Coordinator and Practice Manager",  # EXAMPLE
    # phone, phone_e164 and email default to the clinic's own (CLINIC); set
    # them here only when the coordinator has a direct line.
    "tty": "711 (Illinois Relay)",  # EXAMPLE
}
# Accessibility feedback: how soon the clinic answers (EXAMPLE).
ACCESSIBILITY_RESPONSE_TIME = "within two business days"  # EXAMPLE
# Language-assistance taglines, one entry per language (relative to PATH).
LANGUAGE_ASSISTANCE_FILE = "data/languages.toml"
# What a build does about unfinished notices (example texts, example settings,
# translations no qualified translator has reviewed): "off", "report" (print a
# list, the build succeeds) or "fail" (the list fails the build). publishconf.py
# reports; set "fail" there once counsel's texts and reviewed translations are in.
NOTICES_LAUNCH_CHECK = "off"
# Patient stories (testimonials): checks by plugins/patient_stories.
PATIENT_STORIES = {
    "folder": "pages/stories",  # relative to PATH; every page here is a story...
    "index_slug": "stories",  # ...except the stories index page
    "min_expected_results_words": 8,
    "insider_disclosure": (
        "This patient is a member of our staff or a relative of a staff member."
    ),
    "expected_results_label": "What patients generally achieve",
}

# --- Discoverability, structured data and clinical review (issue 4) ---------
# plugins/README.md documents each setting.

# XML sitemap of every published article, page and listing (pelican-sitemap
# leaves out drafts and hidden pages; structured_data adds `Robots: noindex` pages
# to "exclude"). robots.txt is rendered from content/robots.txt with the settings.
SITEMAP = {
    "format": "xml",
    # robots.txt, and the standalone notice copies (downloads, not pages)
    "exclude": [
        r"^robots\.txt$",
        *(rf"^{slug}/{name}$" for slug, name in NOTICE_DOWNLOADS.items()),
    ],
}
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# Open Graph / Twitter card image (drawn by scripts/make_social_images.py).
SOCIAL_IMAGE = {
    "path": "images/social-default.png",
    "width": 1200,
    "height": 630,
    "alt": f"{CLINIC['name']}: a white cross on the clinic's green",
}
OG_LOCALE = "en_US"
STRUCTURED_DATA = {
    "logo": "images/logo.png",
    "service_prefix": "services/",
    "breadcrumb_sections": ["services", "conditions"],
    "faq_slug": "faq",
    "medical_specialty": "Physiotherapy",
}

# Clinicians who review health content: `Reviewer:` names one of these keys.
# EXAMPLE: the client's source text names no clinician; the clinic replaces
# these entries with its real reviewers before launch.
REVIEWERS = {
    "clinical-director": {
        "name": "Jordan Example",  # EXAMPLE
        "credentials": "PT, DPT",  # EXAMPLE
        "job_title": "Clinical director, physical therapist",  # EXAMPLE
    },
}
REVIEW_INTERVAL_MONTHS = 12  # Next_review: defaults to this long after Reviewed:
# "warn": an overdue review is printed as a warning and the build carries on
# (local builds); "fail": it fails the build (publishconf.py, `invoke check`).
REVIEW_OVERDUE = "warn"
REVIEW_TODAY = None  # None: today in TIMEZONE; "YYYY-MM-DD" pins the date (tests)

# --- Writers' safety net (issue 5; plugins/content_checks, plugins/draft_banner) ---
# Plain http:// links: "warn" prints a notice that does not fail the build,
# "fail" fails it (publishconf.py); "off" skips the check.
HTTP_LINKS = "warn"
MAX_IMAGE_BYTES = 500_000  # an image file above this fails the build (slow phones)
CONTENT_CHECKS = True

# --- Search, images and article extras (issue 6) ------------------------------
SEARCH_INDEX = True
SEARCH_INDEX_DIR = "pagefind"
RELATED_POSTS_MAX = 3
READTIME_WPM = 200
# Every content image becomes responsive: plugins/content_images gives each <img>
# in an article or page the class of this image_process derivative.
CONTENT_IMAGES_DERIVATIVE = "content"
IMAGE_PROCESS = {
    "content": {
        "type": "responsive-image",
        "sizes": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
        "srcset": [
            ("480w", ["scale_in 480 2400 False"]),
            ("800w", ["scale_in 800 4000 False"]),
            ("1200w", ["scale_in 1200 6000 False"]),
        ],
        "default": "800w",
    },
}
IMAGE_PROCESS_DIR = "derivatives"
# Smaller copies kept between builds (each build writes a new output folder, and
# resizing a photo to three widths takes ~80 ms): plugins/content_images.
IMAGE_DERIVATIVE_CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache",
                                      "derivatives")
SEARCH_URL = "search/"  # the search page (content/pages/search.md, template search)
