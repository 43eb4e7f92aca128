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
# The client's source text gives the name and what the clinic does, not its
# address, hours or policies. Every value it does not give is wrapped in
# placeholder() here, the one place it is set: the build shows it, `invoke
# launch-check` lists it and `invoke publish` refuses to go live while one is
# left (plugins/common/placeholders.py, plugins/clinic/launch.py).
from plugins.common.placeholders import placeholder  # noqa: E402

CLINIC = {
    "name": "TheraRehab and Wellness",
    "tagline": (
        "Hands-on physical therapy, including therapeutic massage, that relieves"
        " pain, restores movement and helps you get back to daily life."
    ),
    "phone": placeholder("(555) 010-0142"),
    "phone_e164": placeholder("+15550100142"),  # the same number, for tel: links
    "fax": placeholder("(555) 010-0143"),  # for referring doctors
    "email": placeholder("care@therarehab.example"),
    "street": placeholder("100 Example Avenue, Suite 2"),
    "locality": placeholder("Springfield"),
    "region": placeholder("IL"),
    "postal_code": placeholder("62701"),
    "country": "US",
    # A plain link to a map, never an embedded third-party map.
    "map_url": placeholder(
        "https://www.openstreetmap.org/search?query="
        "100%20Example%20Avenue%2C%20Springfield%2C%20IL"
    ),
    # (label, schema.org days, opens, closes): 24-hour times here, shown as
    # "8:00 a.m.–6:00 p.m." (plugins/clinic/facts.py).
    "hours": placeholder([
        ("Monday to Friday", "Mo-Fr", "08:00", "18:00"),
        ("Saturday", "Sa", "09:00", "13:00"),
    ]),
    "hours_note": placeholder("Closed on Sundays."),
    "holidays": placeholder([
        "New Year's Day", "Memorial Day", "Independence Day", "Labor Day",
        "Thanksgiving Day", "Christmas Day",
    ]),
    # Getting here (the contact and Book pages).
    "directions": placeholder(
        "We are on the first floor of the building, two blocks north of the"
        " Main Street bus stop (routes 3 and 7)."
    ),
    "parking": placeholder(
        "Free parking behind the building, with two accessible spaces next to the entrance."
    ),
    "step_free_access": placeholder(
        "Step-free entrance from the parking lot, an elevator to every floor and an"
        " accessible restroom. Call us if you need anything else to visit comfortably."
    ),
    # Insurance and cost (the Book page): the clinic confirms each before launch.
    "medicare": placeholder(
        "We accept Medicare Part B for physical therapy. Medicare usually pays 80%"
        " of the approved amount after your yearly deductible."
    ),
    "insurance": placeholder(
        "We work with most major health insurance plans. Call us before your first"
        " visit and we will check your plan and tell you what you can expect to pay."
    ),
    "self_pay": placeholder(
        "If you pay for your care yourself, we tell you the price of a visit before"
        " you book, and payment is due at each visit."
    ),
    "referral": placeholder(
        "In Illinois you can start physical therapy without a doctor's referral."
        " Some insurance plans still ask for one before they pay: check with your"
        " insurer, or call us and we will find out for you."
    ),
    # The first visit (the Book page).
    "first_visit_length": placeholder("about an hour"),
    "bring": placeholder([
        "A photo ID",
        "Your insurance card, if you have one",
        "Your doctor's referral, if you have one",
        "A list of the medicines you take",
        "Any letters, reports or scan results about the problem you are coming for",
        "Comfortable, loose clothing that lets your therapist reach the area being treated",
    ]),
    # The page every "Book an appointment" links to (from the site root).
    "booking_url": "book/",
}
# The clinic's own online scheduling system, when it has one (an https:// address):
# the Book page links to it, as a plain link, never an embedded third-party script.
# Empty: visitors book by phone. README ("Booking and health details") says why the
# site itself never sends health details anywhere.
BOOKING_URL = ""

SITENAME = CLINIC["name"]
SITEURL = ""
AUTHOR = "TheraRehab and Wellness clinical team"
TIMEZONE = placeholder("America/Chicago")  # the clinic's own time zone
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"  # "June 1, 2024", as a US reader writes it

# The medical disclaimer, added to every article and page by plugins/clinic/disclaimer.py
# (its markup: theme/templates/components/disclaimer/).
DISCLAIMER = {
    "heading": "Medical disclaimer",
    # The clinic's legal text, word for word as the client gave it: never reworded.
    "text": (
        "The information provided in this blog is for educational and informational"
        " purposes only and is not intended as a substitute for advice from your"
        " physician or other healthcare professional. You should not use the information"
        " on this site for diagnosis or treatment of any health problem or for"
        " prescription of any medication or other treatment. Always consult with a"
        " healthcare professional before starting any new treatment or if you have or"
        " suspect you might have a health problem. Please consult your healthcare"
        " provider with any questions or concerns you may have regarding your condition."
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
# Never read (patterns of bare file and folder names): hidden files, among them editors'
# lock and swap files (.#name.md, .name.md.swp) and macOS's ._name.md, and backups
# (name.md~, #name.md#). Pelican's default "**/.*" matches no bare name.
IGNORE_FILES = [".*", "*~", "#*#"]
# Folders of content/ read by plugins and never published (plugins/checks/content_paths.py
# reports any other file the site does not build).
CONTENT_DATA_PATHS = ["data"]

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
# Article lists (all articles, a category, a topic) in pages of this many, with pager
# links (components/pager): articles/, articles/page/2/, ...
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# A translation (Lang: es, same Slug) lives under its language; the original and its
# translations link each other (components/translations, hreflang).
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

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

# Site files every page links in its <head> (base.html): (rel, file from the site root,
# type, sizes). plugins/clinic/site_files.py hands the theme only those the site has.
SITE_FILES = [
    ("icon", "favicon.ico", "", "32x32"),
    ("icon", "favicon.svg", "image/svg+xml", ""),
]
# The home page's "Who we help" (layouts/home.html): (heading, link from the site root,
# one sentence). Each gets the icon of its #anchor (components/icon).
HOME_AUDIENCES = [
    ("Athletes", "who-we-help/#athletes",
     "Recover from injury, ease muscle tension, move more freely and help prevent injuries."),
    ("Seniors", "who-we-help/#seniors",
     "Less pain in joints and muscles, and easier movement with conditions such as arthritis."),
    ("People with chronic pain", "who-we-help/#people-with-chronic-pain",
     "Lasting relief for conditions such as fibromyalgia and chronic back pain."),
]
# The clinic's photos (components/photo): {"path": "images/...", "alt": "..."}, a file of
# content/images/. PLACEHOLDER: None shows a calm placeholder block until the clinic
# supplies the photo; this is the one place that marks them.
PHOTOS = {
    "treatment_room": None,  # PLACEHOLDER: a photo of a treatment room (home page)
    "team": None,  # PLACEHOLDER: a photo of the team
}
PHOTO_DERIVATIVE = "photo"  # the IMAGE_PROCESS derivative of the photos (WebP copies)

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
    "plugins.checks.content_paths",    # links out of content/, files the site never builds
    "plugins.checks.images",           # every image file: readable, sane size, safe SVG
    # When a file is read: the writer's raw HTML is checked and cleaned first; references,
    # writer_text and plain_language read the writer's text; the disclaimer, appended to
    # it, comes after them.
    "plugins.checks.raw_html",         # HTML outside HTML_ALLOWED: reported, then removed
    "plugins.checks.spelling",         # American spelling (codespell), file and line
    # The clinic's data for the theme.
    "plugins.clinic.facts",            # the clinic's hours and facts in US English
    "plugins.clinic.team",             # the team and the reviewers, from TEAM_FILE
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
    "plugins.clinic.launch",           # every placeholder left (launch-unfinished)
    "plugins.clinic.booking",          # the booking call to action
    "plugins.clinic.site_files",       # favicons and other SITE_FILES the site has
    "plugins.clinic.care_cards",       # when to call 911, a doctor, or book (conditions)
    "plugins.clinic.drafts",           # a "Draft" banner while writing
    "plugins.clinic.structured_data",  # JSON-LD, description, robots
    "plugins.output.security_policy",  # the page's CSP <meta> (filter meta_policy)
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
    "output.editor",         # the content editor at /admin/
    "checks.links",          # every internal link and #anchor of the written pages
    "checks.report",         # every problem, once; an error fails the build
]

# What a problem does to a build (plugins/common/problems.py): "error" fails it,
# "warning" lists it and the build goes on, "off" hides it. Any check not named
# here is an error. publishconf.py makes the first two errors.
SEVERITY = {
    "plain-http-link": "warning",    # plain http:// links
    "review-overdue": "warning",     # a clinical review past its due date
    "launch-unfinished": "off",      # placeholders left: `invoke launch-check` lists them
    "editor-missing": "warning",     # /admin/ not built: the editor's npm package is missing
    "modified-before-date": "warning",  # Modified earlier than Date
    "date-in-future": "warning",     # a review or change dated after today
    "text-changed-after-review": "warning",  # a medical text edited since its review
    "reviewed-text-missing": "notice",  # a review that does not record which text it saw
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
# The raw HTML a writer's text may hold (plugins/checks/raw_html.py): anything else is an
# error at its line, and is removed from what is published. {} keeps the defaults of
# plugins/common/allowed_html.py (tags, attributes per tag, attribute_prefixes ["aria-"],
# url_schemes https, http, mailto, tel); a key given here replaces that default.
HTML_ALLOWED = {}
# An image with more pixels fails the build, read from its header without decoding it
# (a "decompression bomb": a small file that decodes to gigabytes).
MAX_IMAGE_PIXELS = 25_000_000
# Lang: of a source is one of these (None: DEFAULT_LANG and the languages of
# LANGUAGE_ASSISTANCE_FILE, the languages the clinic serves patients in).
CONTENT_LANGUAGES = None
# Quotes, lists, HTML, brackets or emphasis nested deeper than this: the file is refused
# before Markdown reads it (plugins/common/limits.py).
MAX_NESTING_DEPTH = 32
CONTENT_CHECKS = True
# The spell check (plugins/checks/spelling.py): codespell's dictionaries and the
# clinic's own accepted words (relative to PATH).
SPELLING = {"dictionaries": "clear,rare,en-GB_to_en-US", "words": "data/spelling-words.txt"}

# --- Clinical review (plugins/clinic/review.py) --------------------------------------
# The clinicians who review health content (REVIEWERS: key -> name, credentials,
# job_title, team_url, github) are the team members with `reviews = true` in
# TEAM_FILE, read by plugins/clinic/team.py: `Reviewer:` names one of their keys.
TEAM_FILE = "data/team.toml"  # relative to PATH: the team page and the reviewers
TEAM_PAGE_URL = "team/"  # the team page (content/pages/team.md); members at #KEY
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
    "name": placeholder("Pat Example"),
    "title": placeholder("Section 1557 Coordinator and Practice Manager"),
    # phone, phone_e164 and email default to the clinic's own (CLINIC); set
    # them here only when the coordinator has a direct line.
    "tty": placeholder("711 (Illinois Relay)"),
}
# Accessibility feedback: how soon the clinic answers.
ACCESSIBILITY_RESPONSE_TIME = placeholder("within two business days")
# Language-assistance taglines, one entry per language (relative to PATH).
LANGUAGE_ASSISTANCE_FILE = "data/languages.toml"
# Every placeholder left (settings, team, notices, stories, translations) is a problem
# of the check "launch-unfinished" (plugins/clinic/launch.py; SEVERITY).

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

# --- The content editor at /admin/ (plugins/output/editor.py) ----------------------
# Sveltia CMS from npm (package.json), served by the site; its forms are generated
# from the field table. Where its files are in the repository, and its Git host:
# EXAMPLE: the clinic's repository on GitHub; clinicians sign in with GitHub, or edit
# a local checkout with no account ("Work with Local Repository", docs/writing.md).
EDITOR = True
EDITOR_FOLDER = "admin"
EDITOR_CONTENT_FOLDER = "content"
EDITOR_BACKEND = {"name": "github", "repo": "therarehab/website", "branch": "main"}  # EXAMPLE
# One collection per kind of file; kinds are those of the field table's required_by and
# shown_for (plugins/common/fields.py), which decide each form's fields.
EDITOR_COLLECTIONS = [
    {"name": "articles", "label": "Articles", "label_singular": "Article",
     "folder": "articles", "kinds": ["article"]},
    {"name": "services", "label": "Services", "label_singular": "Service",
     "folder": "pages/services", "kinds": ["page"], "slug_prefix": "services/",
     "defaults": {"template": "service", "medical": "yes"}},
    {"name": "conditions", "label": "Conditions", "label_singular": "Condition",
     "folder": "pages/conditions", "kinds": ["page", "condition"], "slug_prefix": "conditions/",
     "defaults": {"template": "condition", "medical": "yes"}},
    {"name": "stories", "label": "Patient stories", "label_singular": "Patient story",
     "folder": "pages/stories", "kinds": ["page", "story"], "slug_prefix": "stories/",
     "defaults": {"template": "story"}, "filter": {"template": "story"}},
    {"name": "faq", "label": "FAQ", "folder": "pages", "kinds": ["page"],
     "filter": {"slug": "faq"}, "create": False},
    {"name": "pages", "label": "Other pages", "label_singular": "Page", "folder": "pages",
     "kinds": ["page", "special"]},
]
# The admin page's own policy (a meta element; publishconf.py also sends it as a header
# on /admin/*), as loose as the editor needs: it injects styles ('unsafe-inline' for
# styles only), shows images it is given as blob: and data: URLs, and talks to the Git
# host's API and shows its avatars. Scripts, fonts and everything else: this site only.
EDITOR_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data: https://avatars.githubusercontent.com",
    "connect-src 'self' blob: data: https://api.github.com",
    "font-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

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
IMAGE_PROCESS["photo"] = {  # the clinic's photos (PHOTOS): WebP, as wide as the hero's column
    "type": "responsive-image",
    "sizes": "(min-width: 48em) 30rem, calc(100vw - 2rem)",
    "srcset": [
        ("480w", ["scale_in 480 2400 False"], "webp"),
        ("800w", ["scale_in 800 4000 False"], "webp"),
        ("1200w", ["scale_in 1200 6000 False"], "webp"),
    ],
    "default": "800w",
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
# No Content-Security-Policy while writing (publishconf.py sets the site's, which every
# page then carries in a <meta> tag and _headers as a header).
CONTENT_SECURITY_POLICY = ""
# A staging build (`invoke publish --staging`, scripts/build.py STAGING_OVERRIDES) sets
# this: a "Preview site" banner on every page (components/preview_banner).
SITE_PREVIEW = False
