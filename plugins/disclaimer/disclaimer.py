"""Append the clinic's medical disclaimer to every article and page.

The text lives once, in the ``DISCLAIMER`` setting. It is added to the
content itself (not placed by templates), so it reaches every page and every
feed entry, exactly once. A page opts out with ``Disclaimer: no``.
"""

from html import escape
import logging

from pelican import signals
from pelican.contents import Article, Page

log = logging.getLogger(__name__)

DISCLAIMER_DEFAULTS = {
    "heading": "Medical disclaimer",
    "text": "",
    # Metadata key a page sets to "no" to leave the disclaimer out.
    "metadata_key": "disclaimer",
}
OPT_OUT_VALUES = {"no", "false", "off", "0", "none"}
MARKER = 'class="disclaimer"'


def get_config(settings):
    """Return the DISCLAIMER setting merged over its defaults."""
    config = dict(DISCLAIMER_DEFAULTS)
    config.update(settings.get("DISCLAIMER") or {})
    return config


def render(config):
    """Return the disclaimer's HTML: a labelled region with a heading and text."""
    paragraphs = [p.strip() for p in config["text"].split("\n\n") if p.strip()]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<aside class="disclaimer" aria-labelledby="disclaimer-heading"'
        " data-pagefind-ignore>"
        f'<h2 id="disclaimer-heading">{escape(config["heading"])}</h2>'
        f"{body}</aside>"
    )


def wants_disclaimer(content, config):
    """Tell whether this article or page should carry the disclaimer."""
    value = content.metadata.get(config["metadata_key"], "yes")
    return str(value).strip().lower() not in OPT_OUT_VALUES


def add_disclaimer(content):
    """Append the disclaimer to an article's or page's HTML body."""
    if not isinstance(content, (Article, Page)):
        return
    config = get_config(content.settings)
    if not config["text"].strip():
        log.warning("disclaimer: the DISCLAIMER setting has no text")
        return
    if not wants_disclaimer(content, config) or content._content is None:
        return
    if MARKER in content._content:  # already added (content cache); keep it single
        return
    content._content += render(config)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(add_disclaimer)
