"""The HTML a writer may use in a page's text: one allow-list, for the checks and the sanitizer.

The allow-list is the setting ``HTML_ALLOWED`` laid over ``DEFAULT_ALLOWED``
(each key given replaces that key of the defaults):

- ``tags``: the elements a text may hold (what Markdown writes, and a few more);
- ``attributes``: per element, the attributes it may carry (``"*"``: any element);
- ``attribute_prefixes``: attributes allowed on any element by their start (``aria-``);
- ``url_schemes``: the schemes a link, image or citation may use; a URL without a
  scheme (``{filename}/...``, ``../page/``, ``#anchor``) is always allowed.

:func:`forbidden` lists what a piece of HTML holds outside the allow-list, each
element, attribute and URL as the HTML5 parser of browsers sees it (lexbor,
through selectolax): the checks report each at its line. :func:`sanitize`
cleans the same HTML with nh3 (the Python binding of ammonia, a maintained
sanitizer built on html5ever) given the same allow-list, so what is published
holds nothing outside it even when a check is turned off.

``python -m plugins.common.allowed_html`` prints the defaults.
"""

import functools
import json
import re
from typing import NamedTuple

import nh3
from selectolax.lexbor import LexborHTMLParser

# What the site's writers may use: Markdown's own output (paragraphs, headings, lists,
# links, images, code, tables, footnotes, abbreviations, definition lists, [TOC]) and
# plain text-level HTML. Nothing that runs code, loads or embeds another site, sends a
# form, redirects, changes the base URL or restyles the page.
DEFAULT_ALLOWED = {
    "tags": [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
        "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
        "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "var", "wbr",
    ],
    "attributes": {
        "*": ["class", "dir", "id", "lang", "role", "tabindex", "title"],
        "a": ["href", "hreflang"],
        "blockquote": ["cite"],
        "col": ["span"],
        "colgroup": ["span"],
        "del": ["cite", "datetime"],
        "details": ["open"],
        "img": ["alt", "decoding", "height", "loading", "src", "width"],
        "ins": ["cite", "datetime"],
        "li": ["value"],
        "ol": ["reversed", "start", "type"],
        "q": ["cite"],
        "td": ["colspan", "headers", "rowspan"],
        "th": ["abbr", "colspan", "headers", "rowspan", "scope"],
        "time": ["datetime"],
    },
    "attribute_prefixes": ["aria-"],
    "url_schemes": ["https", "http", "mailto", "tel"],
}
# Attributes whose value is a URL (the allowed ones, and the ones hostile HTML uses).
URL_ATTRIBUTES = {
    "action", "background", "cite", "data", "formaction", "href", "longdesc", "ping",
    "poster", "src", "srcset", "xlink:href",
}
# Forbidden elements whose content goes with them (the rest keep their text).
CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "svg", "math", "iframe",
                      "object", "title", "textarea", "select", "noembed", "noframes", "xmp"}
# Wrappers an HTML parser adds around any fragment: only their attributes are the writer's.
DOCUMENT_TAGS = {"html", "head", "body"}
# WHATWG URL parsing: leading and trailing C0 controls and spaces go, tabs and newlines
# anywhere go, then a scheme is a letter and letters, digits, "+", "-", "." before ":".
URL_TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
URL_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


class Policy(NamedTuple):
    """The allow-list of a build, as sets."""

    tags: frozenset
    attributes: dict  # tag (or "*") -> frozenset of attribute names
    attribute_prefixes: tuple
    url_schemes: frozenset

    def allows_attribute(self, tag, name):
        return (name in self.attributes.get(tag, ()) or name in self.attributes.get("*", ())
                or name.startswith(self.attribute_prefixes))


class Forbidden(NamedTuple):
    """One thing a piece of HTML holds outside the allow-list."""

    kind: str  # "element", "attribute" or "url"
    tag: str
    attribute: str | None = None
    value: str | None = None  # the attribute's value (for a URL: the URL)


def allowed(settings):
    """The build's allow-list: HTML_ALLOWED laid over DEFAULT_ALLOWED."""
    return policy_of(json.dumps(settings.get("HTML_ALLOWED") or {}, sort_keys=True))


@functools.lru_cache(maxsize=8)
def policy_of(overrides):
    merged = {**DEFAULT_ALLOWED, **json.loads(overrides)}
    return Policy(
        tags=frozenset(tag.lower() for tag in merged["tags"]),
        attributes={tag.lower(): frozenset(name.lower() for name in names)
                    for tag, names in merged["attributes"].items()},
        attribute_prefixes=tuple(prefix.lower() for prefix in merged["attribute_prefixes"]),
        url_schemes=frozenset(scheme.lower() for scheme in merged["url_schemes"]),
    )


def url_scheme(value):
    """The scheme of a URL as a browser reads it ("javascript" for " java\\nscript:x"),
    or None for a URL without one (relative to the page or the site)."""
    value = URL_TAB_OR_NEWLINE.sub("", URL_TRIM.sub("", value or ""))
    match = SCHEME.match(value)
    return match.group(1).lower() if match else None


def url_allowed(value, policy):
    scheme = url_scheme(value)
    return scheme is None or scheme in policy.url_schemes


def elements(html):
    """(tag, {attribute: value}) of every element of a piece of HTML, parsed as browsers do."""
    if not html or "<" not in html:
        return []
    found = []
    for node in LexborHTMLParser(html).root.traverse():
        tag = node.tag
        if tag and not tag.startswith(("-", "#", "_")):
            found.append((tag.lower(), {name.lower(): value or ""
                                        for name, value in node.attributes.items()}))
    return found


def forbidden(html, policy):
    """Every element, attribute and URL of the HTML outside the allow-list, in order."""
    found = []
    for tag, attributes in elements(html):
        if tag in DOCUMENT_TAGS:
            # <body onload=...>: a parser merges the writer's tag into its own wrapper.
            if attributes:
                found.append(Forbidden("element", tag))
            continue
        if tag not in policy.tags:
            found.append(Forbidden("element", tag))
            continue
        for name, value in attributes.items():
            if not policy.allows_attribute(tag, name):
                found.append(Forbidden("attribute", tag, name, value))
            elif name in URL_ATTRIBUTES and not url_allowed(value, policy):
                found.append(Forbidden("url", tag, name, value))
    return found


def sanitize(html, policy):
    """The HTML with everything outside the allow-list removed (nh3), the rest as it was
    meant: comments go, no rel is added, relative URLs are kept."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=set(policy.tags),
        clean_content_tags=CLEAN_CONTENT_TAGS - policy.tags,
        attributes={tag: set(names) for tag, names in policy.attributes.items()},
        generic_attribute_prefixes=set(policy.attribute_prefixes) or None,
        url_schemes=set(policy.url_schemes),
        attribute_filter=functools.partial(_url_filter, policy),
        link_rel=None,
        strip_comments=True,
    )


def _url_filter(policy, tag, name, value):
    """nh3 checks the URL schemes of href and src; this checks cite and the others too."""
    if name in URL_ATTRIBUTES and not url_allowed(value, policy):
        return None
    return value


if __name__ == "__main__":
    print(json.dumps(DEFAULT_ALLOWED, indent=2))
