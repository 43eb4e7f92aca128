"""What structured data needs of the writer's own text, kept when the text is read.

When an article or page is read (signal ``content_object_init``; ``PLUGINS``
lists this plugin before the disclaimer, which is appended to the body), it
keeps, as data on the content:

- ``content.first_paragraph``: the plain text of the first paragraph with
  text (the page's description when it has no ``Summary:``);
- on the FAQ page (``STRUCTURED_DATA["faq_slug"]``), ``content.faq_entries``:
  each ``##`` question with the text up to the next ``##`` as its answer.

``plugins/clinic/structured_data.py`` reads them; no plugin parses the body
again once the disclaimer is in it.
"""

from html import unescape
import re

from pelican import signals
from pelican.contents import Article, Page

TAG = re.compile(r"<[^>]+>")
# Tags that separate words; the others (em, a, strong...) sit inside a sentence.
BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|aside|blockquote|dd|dt)\b[^>]*>",
    re.I,
)
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)


def plain_text(html):
    """Text of an HTML fragment, tags removed, entities decoded, whitespace collapsed."""
    return " ".join(unescape(TAG.sub("", BLOCK_TAG.sub(" ", html or ""))).split())

def first_paragraph(html):
    """The plain text of the first paragraph of a body that has text, or ""."""
    for paragraph in PARAGRAPH.findall(html or ""):
        text = plain_text(paragraph)
        if text:
            return text
    return ""

def faq_entries(html):
    """(question, answer) pairs: each ``<h2>`` and the text up to the next ``<h2>``."""
    body = html or ""
    headings = list(H2.finditer(body))
    entries = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        question = plain_text(heading.group(1))
        answer = plain_text(body[heading.end():end])
        if question and answer:
            entries.append((question, answer))
    return entries


def keep_text(content):
    if not isinstance(content, (Article, Page)):
        return
    content.first_paragraph = first_paragraph(content._content)
    faq_slug = (content.settings.get("STRUCTURED_DATA") or {}).get("faq_slug", "faq")
    if isinstance(content, Page) and content.slug == faq_slug:
        content.faq_entries = faq_entries(content._content)


def register():
    signals.content_object_init.connect(keep_text)
