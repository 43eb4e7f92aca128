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

# Unfinished notices (example texts, unreviewed translations) are listed at the
# end of every production build; "fail" once counsel's texts are in (issue 9).
NOTICES_LAUNCH_CHECK = "report"

# Clinical review (issue 4): an overdue review fails the production build.
REVIEW_OVERDUE = "fail"

# --- Writers' safety net (issue 5) ---
# A future-dated article is a draft until its date (not written, not listed,
# not in feeds, sitemap or search).
WITH_FUTURE_DATES = False
HTTP_LINKS = "fail"
