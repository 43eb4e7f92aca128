"""Settings for the TheraRehab and Wellness site (development build).

The clinic's facts live here, once; templates and pages read them from the
settings. ``publishconf.py`` overrides what differs in production.
"""

import os
import sys

# The project folder on the import path: plugins are imported as plugins.<folder>.<module>.
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

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

# The medical disclaimer, added to every article and page by plugins/clinic/disclaimer.py
# (its markup: theme/templates/components/disclaimer/).
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

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# --- Theme ---------------------------------------------------------------------
THEME = "theme"
# Pages are rendered by theme/templates/layouts/ (one layout per kind of page) out of
# theme/templates/components/ (one folder per component: template, CSS, README).
THEME_TEMPLATES_OVERRIDES = [os.path.join(HERE, "theme", "templates", "layouts")]
# Pelican's templates are not autoescaped by default; metadata is text.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# robots.txt is rendered from content/robots.txt with the settings; the stylesheet
# from the components' CSS, in the order theme/templates/site.css lists them.
TEMPLATE_PAGES = {
    "robots.txt": "robots.txt",
    os.path.join(HERE, "theme", "templates", "site.css"): "theme/css/site.css",
}

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

# --- Plugins, the output pipeline and problems ----------------------------------
# Plugins are imported by one name, plugins.<folder>.<module> (the project folder is on
# the import path, above); plugins/README.md documents each and its settings.
PLUGIN_PATHS = []
PLUGINS = [
    # Reading
    "plugins.reading.pool",            # Markdown read in a pool of processes, one per CPU
    # Problems and the writers' safety net
    "plugins.checks.report",           # every problem listed once, at the end; errors fail
    "plugins.checks.sources",          # writers' files as written (metadata, dates, headings)
    "plugins.checks.html",             # rendered HTML, images, two files on one address
    # The clinic's data for the theme. The first four read the writer's text when it
    # is read; the disclaimer, appended to that text, comes after them.
    "plugins.clinic.references",       # a "## References" section as data
    "plugins.clinic.writer_text",      # first paragraph, FAQ questions (for structured data)
    "plugins.checks.plain_language",   # reading grade and jargon of the writer's own text
    "plugins.output.images",           # marks the writer's images for responsive copies
    "plugins.clinic.disclaimer",       # the medical disclaimer on every article and page
    # Once every file is read: structured data last, it reads what the others set.
    "plugins.clinic.cross_links",      # services, conditions, articles, breadcrumbs
    "plugins.clinic.review",           # reviewer and review dates
    "plugins.clinic.notices",          # the notices a US clinic must publish
    "plugins.clinic.stories",          # lawful success stories
    "plugins.clinic.booking",          # the booking call to action
    "plugins.clinic.drafts",           # a "Draft" banner while writing
    "plugins.clinic.structured_data",  # JSON-LD, description, robots
    "pelican.plugins.neighbors",       # previous / next article (pelican-neighbors)
    "pelican.plugins.related_posts",   # related articles by shared tags
    "pelican.plugins.readtime",        # reading time (pelican-readtime)
    "plugins.output.quick_writer",     # livereload: only the edited contents' pages rendered
    "plugins.output.pipeline",         # OUTPUT_PIPELINE, once Pelican has written the site
]
# Pelican leaves out a plugin it cannot load (and lists only the loaded ones in PLUGINS);
# the report makes each one missing from this copy an error (plugins/checks/report.py).
PLUGINS_WANTED = list(PLUGINS)

# What happens to the written site, in this order (each a module of plugins/; see
# plugins/output/pipeline.py). publishconf.py adds the production steps.
OUTPUT_PIPELINE = [
    "output.images",         # srcset, width/height, lazy loading of every <img>
    "output.sitemap",        # sitemap.xml
    "output.search_index",   # Pagefind, in the background on a copy of the pages
    "checks.links",          # every internal link and #anchor of the written pages
    "checks.report",         # every problem, once; an error fails the build
]

# What a problem does to a build (plugins/common/problems.py): "error" fails it,
# "warning" lists it and the build goes on, "off" hides it. Any check not named
# here is an error. publishconf.py makes the first two errors.
SEVERITY = {
    "plain-http-link": "warning",    # plain http:// links
    "review-overdue": "warning",     # a clinical review past its due date
    "text-changed-after-review": "warning",  # a medical text edited since its review
    "reviewed-text-missing": "notice",  # a review that does not record which text it saw
    "launch-unfinished": "off",      # example notice texts, unreviewed translations
    "reading-grade": "notice",       # a page above the target reading grade (advice)
    "plain-words": "notice",         # a clinician's word with a plain alternative (advice)
}
# The report is also appended, in Markdown, to this file (a pull request's job summary,
# .github/workflows/pull-request.yml); empty: not written.
REPORT_MARKDOWN = os.environ.get("REPORT_MARKDOWN", "")
# Plain language (plugins/checks/plain_language.py): the reading grade health sites aim
# for, and the jargon list (PLAIN_WORDS, default: the plugin's PLAIN_WORDS_DEFAULT).
# The grade is measured by invoke check and the production build (publishconf.py), not
# while writing: its dictionary takes about 2 s to load in each build process.
PLAIN_LANGUAGE = {"grade": False, "target_grade": 8, "min_words": 100,
                  "longest_sentences": 3, "skip": []}

# --- Writers' vocabulary and safety net (plugins/checks) -------------------------
# The metadata fields themselves are one table: plugins/common/fields.py.
ARTICLE_CATEGORIES = ["Treatments", "Conditions", "Clinic news"]
AUTHORS_ALLOWED = ["TheraRehab and Wellness clinical team"]
MAX_IMAGE_BYTES = 500_000  # an image file above this fails the build (slow phones)
CONTENT_CHECKS = True

# --- Clinical review (plugins/clinic/review.py) --------------------------------------
# Clinicians who review health content: `Reviewer:` names one of these keys, and
# .github/CODEOWNERS (generated: invoke codeowners) makes their GitHub accounts the
# ones that approve a change to a medical page.
# EXAMPLE: the client's source text names no clinician; the clinic replaces
# these entries with its real reviewers before launch.
REVIEWERS = {
    "clinical-director": {
        "name": "Jordan Example",  # EXAMPLE
        "credentials": "PT, DPT",  # EXAMPLE
        "job_title": "Clinical director, physical therapist",  # EXAMPLE
        "github": "jordan-example-pt",  # EXAMPLE: the clinician's GitHub username
    },
}
REVIEW_INTERVAL_MONTHS = 12  # Next_review: defaults to this long after Reviewed:
REVIEW_TODAY = None  # None: today in TIMEZONE; "YYYY-MM-DD" pins the date (tests)
REVIEW_DUE_WINDOW_DAYS = 60  # invoke reviews lists the reviews due this soon

# --- Notices a US clinic must publish and patient stories (plugins/clinic) --------
# The five notice pages live in content/pages/ (their wording is the clinic
# counsel's); plugins/clinic/notices.py and stories.py read these settings.
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
# Unfinished notices are problems of the check "launch-unfinished" (SEVERITY).

# Patient stories (testimonials): checks by plugins/clinic/stories.py.
PATIENT_STORIES = {
    "folder": "pages/stories",  # relative to PATH; every page here is a story...
    "index_slug": "stories",  # ...except the stories index page
    "min_expected_results_words": 8,
    "insider_disclosure": (
        "This patient is a member of our staff or a relative of a staff member."
    ),
    "expected_results_label": "What patients generally achieve",
}

# --- Search engines and link previews (plugins/clinic/structured_data.py, sitemap) -
SITEMAP = {"format": "xml"}  # every indexable published page (plugins/output/sitemap.py)
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

# --- Site search, images and article extras ---------------------------------------
SEARCH_INDEX = True
SEARCH_INDEX_DIR = "pagefind"
SEARCH_URL = "search/"  # the search page (content/pages/search.md, template search)
RELATED_POSTS_MAX = 3
READTIME_WPM = 200
# Every content image becomes responsive: plugins/output/images.py gives each <img>
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
# resizing a photo to three widths takes ~80 ms): plugins/output/images.py.
IMAGE_DERIVATIVE_CACHE = os.path.join(HERE, "cache", "derivatives")

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
