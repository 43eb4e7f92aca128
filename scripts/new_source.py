"""`invoke new`: a new draft article or page, with the fields the checks ask for.

The fields come from the one table, ``plugins/common/fields.py``: every field
an article (or page) needs, with the slug and ``Status: draft``, written by
``fields.header_text`` in the one order of header lines the editor at /admin/
writes too. The review fields are not filled in: no review has
happened yet; the text says how to add them once it has.
"""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from plugins.clinic.team import with_reviewers
from plugins.common import fields
from scripts.build import DEV_SETTINGS

BODY = {
    "article": """\
TODO: write the article here. Start each section with "## " and each sub-section
with "### " (the title above is the page's only top-level heading).

Before publishing: replace every TODO, and have a clinician review the article.
Then record the review with
"invoke reviewed FILE --reviewer {reviewer}"
(it adds Reviewer:, Reviewed: and Reviewed_text:, the fingerprint of the text
reviewed), and delete the line "Status: draft".
""",
    "page": """\
TODO: write the page here. Start each section with "## " and each sub-section
with "### " (the title above is the page's only top-level heading).

Before publishing: replace every TODO; if the page gives medical information, add
"Medical: yes" and, once a clinician has reviewed it, run "invoke reviewed FILE
--reviewer KEY" (Reviewer:, Reviewed:, Reviewed_text:); then delete the line
"Status: draft".
""",
}
SUMMARY = {
    "article": "TODO: one or two sentences that appear in article lists, feeds and search"
               " results.",
    "page": "TODO: one or two sentences for search results and link previews.",
}


class NewSourceError(Exception):
    """The file cannot be made; the message says why and what to do."""


def source_text(kind, title, slug, settings, today):
    """The text of a new draft: its metadata, then a body saying what to do."""
    values = {
        "title": " ".join(title.split()),
        "date": today.isoformat(),
        "category": (settings.get("ARTICLE_CATEGORIES") or ["Treatments"])[0],
        "author": (settings.get("AUTHORS_ALLOWED") or [settings["AUTHOR"]])[0],
        "summary": SUMMARY[kind],
    }
    wanted = {field.key for field in fields.required(kind)} & set(values)
    header = {key: values[key] for key in wanted | {"summary"}}
    header.update(slug=slug, status="draft")
    reviewer = next(iter(settings.get("REVIEWERS") or ["KEY"]))
    return fields.header_text(header) + "\n\n" + BODY[kind].format(reviewer=reviewer)


def create(title, kind, content):
    """Write content/articles/SLUG.md (or pages/); return (path, its draft address)."""
    from pelican.settings import read_settings
    from pelican.utils import slugify

    # PATH is set after reading: Pelican refuses a content folder that does not exist yet.
    settings = with_reviewers({**read_settings(str(DEV_SETTINGS)), "PATH": str(content)})
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise NewSourceError(f"the title {title!r} has no letters or digits to make an"
                             " address from; use words.")
    today = datetime.datetime.now(ZoneInfo(settings["TIMEZONE"])).date()
    folder = Path(content) / ("pages" if kind == "page" else "articles")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(source_text(kind, title, slug, settings, today))
    except FileExistsError:
        raise NewSourceError(f"{path} already exists; edit it, or choose another"
                             " title.") from None
    address = settings["DRAFT_PAGE_URL" if kind == "page" else "DRAFT_URL"].format(slug=slug)
    return path, address
