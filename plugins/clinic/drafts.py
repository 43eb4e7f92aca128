"""Mark drafts and future-dated content so the theme shows a "Draft" banner.

In development (``invoke build``, ``invoke livereload``) drafts are written to
``drafts/`` and future-dated articles are published, so a writer can read them
in the browser; the banner says plainly that visitors will not see the page
yet. Production never writes either (``DRAFT_SAVE_AS = ""`` and
``WITH_FUTURE_DATES = False`` in publishconf.py), so the banner never reaches
the live site.

Each article and page gets ``draft_banner``: ``None``, or the sentence the
banner shows (theme component ``components/draft_banner``). It is set at
``all_generators_finalized`` rather than when a file is read, so it is right
for files that come from the content cache too (livereload).
"""

import datetime

from pelican import signals
from pelican.contents import Article

from plugins.common.contents import contents


def banner_text(content, now=None):
    """The banner's sentence for a draft or a future-dated article, else None."""
    if getattr(content, "status", "") == "draft":
        return "Not published: visitors of the live site do not see this page."
    date = getattr(content, "date", None)
    if isinstance(content, Article) and isinstance(date, datetime.datetime):
        if now is None:
            now = datetime.datetime.now(date.tzinfo) if date.tzinfo else datetime.datetime.now()
        if date > now:
            return (f"Scheduled for {content.locale_date}: visitors of the live site"
                    " do not see this article before that date.")
    return None


def mark_drafts(generators):
    for content in contents(generators):
        content.draft_banner = banner_text(content)


def register():
    signals.all_generators_finalized.connect(mark_drafts)
