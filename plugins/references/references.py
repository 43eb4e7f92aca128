"""Sources a writer cites: a "## References" section becomes a numbered list of links.

The writer ends an article or page with a ``## References`` heading followed
by a Markdown list (bulleted or numbered), one source per item, each with a
link::

    ## References

    - [Low back pain: physical therapy guideline](https://www.example.org/guideline), 2021.

The plugin turns that list into ``<section class="references">`` holding an
``<ol>`` (so sources are numbered in the page and in feeds) and records the
sources in ``content.references`` (a list of ``{"text", "url"}``) for the
JSON-LD ``citation``. A references item without a link, or a References
heading without a list, is logged as a warning naming the file and line.

Settings: ``REFERENCES_HEADING`` (default ``"References"``): the heading text
that starts the section.
"""

from html import escape, unescape
import logging
import os
import re

from pelican import signals
from pelican.contents import Article, Page

log = logging.getLogger(__name__)

MARKER = 'class="references"'
TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol)\b[^>]*>", re.I)  # tags that separate words
LINK = re.compile(r"""<a\b[^>]*\bhref=(["'])(?P<url>[^"']*)\1""")
ITEM = re.compile(r"<li\b[^>]*>(?P<body>.*?)</li>", re.S)


def section_pattern(heading):
    """Match the references heading and the list right after it."""
    return re.compile(
        r"<h2(?P<attrs>[^>]*)>\s*" + re.escape(heading) + r"\s*</h2>\s*"
        r"(?:<(?P<tag>ul|ol)\b[^>]*>(?P<items>.*?)</(?P=tag)>)?",
        re.S | re.I,
    )


def text_of(html):
    """Plain text of an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(TAG.sub("", BLOCK_TAG.sub(" ", html))).split())


def find_line(source_path, needle):
    """Return the 1-based line of the source holding needle, or None."""
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        return None
    return None


def location(content, needle):
    try:
        where = os.path.relpath(content.source_path)
    except ValueError:
        where = content.source_path
    line = find_line(content.source_path, needle) if needle else None
    return f"{where}:{line}" if line else where


def render_section(attrs, items_html, heading):
    """Return the references section: the heading and a numbered list."""
    heading_id = re.search(r"""\bid=(["'])([^"']+)\1""", attrs or "")
    heading_id = heading_id.group(2) if heading_id else "references"
    items = "".join(
        f"<li>{match.group('body').strip()}</li>" for match in ITEM.finditer(items_html)
    )
    return (
        f'<section class="references" aria-labelledby="{escape(heading_id)}">'
        f'<h2 id="{escape(heading_id)}">{escape(heading)}</h2>'
        f"<ol>{items}</ol></section>"
    )


def collect_references(content):
    """Number the references list of an article or page and record its sources."""
    if not isinstance(content, (Article, Page)) or content._content is None:
        return
    heading = content.settings.get("REFERENCES_HEADING", "References")
    match = section_pattern(heading).search(content._content)
    content.references = []
    if match is None:
        return
    if match.group("items") is None:
        log.warning("%s: the %s heading has no list after it — list each source as"
                    " `- [title](https://...)`", location(content, f"## {heading}"), heading)
        return
    for item in ITEM.finditer(match.group("items")):
        body = item.group("body")
        link = LINK.search(body)
        if link is None:
            text = text_of(body)
            log.warning("%s: the reference %r has no link — write it as"
                        " `- [title](https://...)`", location(content, text[:40]), text)
            continue
        content.references.append({"text": text_of(body), "url": unescape(link.group("url"))})
    if MARKER in content._content:  # already numbered (content cache)
        return
    content._content = (
        content._content[:match.start()]
        + render_section(match.group("attrs"), match.group("items"), heading)
        + content._content[match.end():]
    )


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(collect_references)
