"""The clinic's medical disclaimer, added to every article and page.

The text lives once, in the ``DISCLAIMER`` setting; its markup is the theme
component ``components/disclaimer/disclaimer.html``. The plugin renders that
component once per build and appends it to each article's and page's body
when the content is read (signal ``content_object_init``), so it is in the
page and in every feed entry, exactly once. Nothing cuts it back out: other
plugins read the writer's text before it is added (they come before this one
in ``PLUGINS``), and templates print the body as it is.

A page opts out with ``Disclaimer: no``.

Settings: ``DISCLAIMER``: ``text`` (required; blank lines separate
paragraphs; it is text, not HTML), ``heading`` (default ``"Medical
disclaimer"``), ``metadata_key`` (default ``"disclaimer"``).
"""

import functools
import json
import os

from jinja2 import Environment, FileSystemLoader
from pelican import signals
from pelican.contents import Article, Page

from plugins.common import fields
from plugins.common.problems import report

DISCLAIMER_DEFAULTS = {
    "heading": "Medical disclaimer",
    "text": "",
    # Metadata key a page sets to "no" to leave the disclaimer out.
    "metadata_key": "disclaimer",
}
COMPONENT = "components/disclaimer/disclaimer.html"


def get_config(settings):
    """The DISCLAIMER setting merged over its defaults."""
    config = dict(DISCLAIMER_DEFAULTS)
    config.update(settings.get("DISCLAIMER") or {})
    return config


@functools.lru_cache(maxsize=8)
def render(templates, jinja_options, heading, text):
    """The disclaimer's markup, from its theme component (jinja_options: JSON)."""
    environment = Environment(loader=FileSystemLoader(templates), **json.loads(jinja_options))
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return environment.get_template(COMPONENT).render(
        disclaimer={"heading": heading, "paragraphs": paragraphs}).strip()


def markup(settings):
    config = get_config(settings)
    templates = os.path.join(settings["THEME"], "templates")
    options = json.dumps(settings.get("JINJA_ENVIRONMENT") or {}, sort_keys=True)
    return render(templates, options, config["heading"], config["text"])


def wants_disclaimer(content, config):
    """Whether this article or page carries the disclaimer."""
    return not fields.is_no(content.metadata.get(config["metadata_key"], "yes"))


def add_disclaimer(content):
    """Append the disclaimer to an article's or page's body."""
    if not isinstance(content, (Article, Page)) or content._content is None:
        return
    config = get_config(content.settings)
    if not config["text"].strip():
        report(content.settings, "disclaimer", "the DISCLAIMER setting has no text",
               "put the clinic's disclaimer in DISCLAIMER in pelicanconf.py")
        return
    if wants_disclaimer(content, config):
        content._content += markup(content.settings)


def register():
    signals.content_object_init.connect(add_disclaimer)
