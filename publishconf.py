"""Production settings: what differs from pelicanconf.py when publishing."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://www.therarehab.example").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
SITE_ROBOTS = "index, follow"

# Drafts are never written anywhere in production (Pelican writes them to
# drafts/ by default); an empty *_SAVE_AS means "do not write".
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_URL = ""

DELETE_OUTPUT_DIRECTORY = True

# A future-dated article is a draft until its date (not written, not listed,
# not in feeds, sitemap or search).
WITH_FUTURE_DATES = False

# What a problem does to the production build: plain http:// links, overdue
# clinical reviews and medical texts changed since their review fail it; unfinished
# notices are listed and the build goes on.
# Set "launch-unfinished" to "error" once counsel's texts and reviewed translations
# are in.
SEVERITY = {
    **SEVERITY,  # noqa: F405
    "plain-http-link": "error",
    "review-overdue": "error",
    "text-changed-after-review": "error",
    "reviewed-text-missing": "error",
    "launch-unfinished": "warning",
    "editor-missing": "error",
}

# Every patient-facing page's reading grade: a notice above the target, the figures
# printed (invoke check, invoke publish, the pull request's job summary).
PLAIN_LANGUAGE = {**PLAIN_LANGUAGE, "grade": True}  # noqa: F405

# --- The production output pipeline ------------------------------------------------
OUTPUT_PIPELINE = [
    "output.images",              # srcset, width/height, lazy loading of every <img>
    "output.sitemap",             # sitemap.xml
    "output.search_index",        # Pagefind, in the background on a copy of the pages
    "output.minify",              # HTML and CSS minified (hashes cover the served bytes)
    "output.asset_hashes",        # CSS and JS renamed name.HASH.ext, references rewritten
    "output.editor",              # /admin/, as shipped by npm: not minified, not renamed
    "output.host_files",          # _headers (hashed names, pagefind/), .nojekyll, CNAME
    "checks.links",               # the final, minified and renamed output
    "checks.plain_language",      # every patient-facing page's reading grade, printed
    "checks.report",              # every problem, once; an error fails the build
    "output.compressed_copies",   # .br and .gz of the final files, only for a good build
]
# output.compressed_copies: .br and .gz beside every text file. Brotli quality 5: at
# 1,000 articles quality 11 costs ~36 CPU s for copies ~10% smaller (bench/README.md).
PRECOMPRESS_BROTLI = True
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI_QUALITY = 5
PRECOMPRESS_GZIP_LEVEL = 9
PRECOMPRESS_MIN_SIZE = 0

# Host files (plugins/output/host_files.py). The headers every response carries, in one
# place; `_headers` is generated from them. The policy is also every page's
# <meta http-equiv="Content-Security-Policy"> (plugins/output/security_policy.py), without
# frame-ancestors: GitHub Pages sends no _headers. Pagefind's search UI compiles
# WebAssembly, which needs 'wasm-unsafe-eval'; nothing else is unsafe, and no
# other origin is allowed (the site makes no third-party request).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
HOST_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
    ),
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The content editor's page (/admin/) sends its own policy instead, from
# EDITOR_CONTENT_SECURITY_POLICY (pelicanconf.py; plugins/output/editor.py adds it for its
# folder); every other page keeps the one above. More per-folder headers:
# HOST_HEADERS_BY_PATH = {"/folder/": {"Header-Name": "value"}}.
HOST_CACHE_IMMUTABLE = "public, max-age=31536000, immutable"  # content-hashed assets
HOST_CACHE_REVALIDATE = "public, max-age=0, must-revalidate"  # HTML and everything else
# The custom domain GitHub Pages serves (writes CNAME); empty: no CNAME file.
CNAME_DOMAIN = os.environ.get("CNAME_DOMAIN", "")

# Publishing (invoke publish): where the site goes unless an option says otherwise.
PUBLISH_TARGET = "gh-pages"  # or "rsync"
PUBLISH_REMOTE = "origin"  # git remote name, URL or path, for gh-pages
PUBLISH_BRANCH = "gh-pages"
PUBLISH_RSYNC_DEST = ""  # a local path or user@host:path
# Pages meant to carry robots "noindex" (glob patterns of output paths); on any
# other page invoke publish refuses it as a development setting leaking out.
# The standalone notice copies duplicate their notice page.
NOINDEX_ALLOWED = ["404.html", "*/notice-of-privacy-practices.html", f"{EDITOR_FOLDER}/index.html"]  # noqa: F405
