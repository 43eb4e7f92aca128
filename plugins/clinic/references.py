"""Sources a writer cites: a "## References" section becomes data for a numbered list.

The writer ends an article or page with a ``## References`` heading followed
by a Markdown list (bulleted or numbered), one source per item, each with a
link::

    ## References

    - [Low back pain: physical therapy guideline](https://www.example.org/guideline), 2021.

When the content is read (signal ``content_object_init``) the plugin takes
that section out of the body and keeps it as ``content.references``: a list
of :class:`Reference` (``text``, ``url``, ``html``: the item as Markdown
rendered it) with ``content.references_heading`` and
``content.references_id``. The theme component ``components/references``
shows it as a numbered list; structured_data publishes the linked sources as
the Article's ``citation``. An item without a link, or the heading without a
list, is reported naming the file and line.

Settings: ``REFERENCES_HEADING`` (default ``"References"``): the heading text
that starts the section.
"""

from dataclasses import dataclass
from html import unescape
import re

from pelican import signals
from pelican.contents import Article, Page

from plugins.common.problems import note

TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol)\b[^>]*>", re.I)  # tags that separate words
LINK = re.compile(r"""<a\b[^>]*\bhref=(["'])(?P<url>[^"']*)\1""")
ITEM = re.compile(r"<li\b[^>]*>(?P<body>.*?)</li>", re.S)
HEADING_ID = re.compile(r"""\bid=(["'])([^"']+)\1""")


@dataclass(frozen=True)
class Reference:
    text: str  # plain text, for structured data
    url: str | None  # the first link, None when the writer gave none
    html: str  # the item as Markdown rendered it, shown in the list


def section_pattern(heading):
    """The references heading and the list right after it."""
    return re.compile(
        r"<h2(?P<attrs>[^>]*)>\s*" + re.escape(heading) + r"\s*</h2>\s*"
        r"(?:<(?P<tag>ul|ol)\b[^>]*>(?P<items>.*?)</(?P=tag)>)?",
        re.S | re.I,
    )


def text_of(html):
    """Plain text of an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(TAG.sub("", BLOCK_TAG.sub(" ", html))).split())


def collect_references(content):
    """Take the references section out of the body and keep it as data."""
    if not isinstance(content, (Article, Page)) or content._content is None:
        return
    heading = content.settings.get("REFERENCES_HEADING", "References")
    content.references = []
    match = section_pattern(heading).search(content._content)
    if match is None:
        return
    if match.group("items") is None:
        note(content, "references", f"the {heading} heading has no list after it",
             "list each source as `- [title](https://...)`", needle=f"## {heading}")
        return
    found = HEADING_ID.search(match.group("attrs") or "")
    content.references_id = found.group(2) if found else "references"
    content.references_heading = heading
    for item in ITEM.finditer(match.group("items")):
        body = item.group("body").strip()
        link = LINK.search(body)
        text = text_of(body)
        if link is None:
            note(content, "references", f"the reference {text!r} has no link",
                 "write it as `- [title](https://...)`", needle=text[:40])
        content.references.append(Reference(text, unescape(link.group("url")) if link
                                            else None, body))
    content._content = content._content[:match.start()] + content._content[match.end():]


def register():
    signals.content_object_init.connect(collect_references)
