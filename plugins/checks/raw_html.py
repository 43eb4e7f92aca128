"""Raw HTML in writers' files: only what the allow-list allows is reported as fine, and published.

When an article or page is read (signal ``content_object_init``), before any
other plugin reads or adds to its text, the HTML Markdown made of the writer's
text is compared with the allow-list (``plugins/common/allowed_html.py``,
setting ``HTML_ALLOWED``): each element, attribute or URL scheme outside it is
a problem at the line of the writer's file that holds it
(``html-element-not-allowed``, ``html-attribute-not-allowed``,
``url-scheme-not-allowed``). The clinic's text is reported, not silently
changed; but the body is then cleaned with the same allow-list (nh3), so
nothing outside it reaches a page, a feed or the search index even with the
checks turned off (``SEVERITY`` ``"off"``, ``CONTENT_CHECKS = False``). The
theme's own markup (the disclaimer, every component) is added after this and is
not the writer's: it is neither checked nor cleaned here.

Metadata fields Pelican renders as HTML (``FORMATTED_FIELDS``: the
``Summary``) go into listings and into the ``<summary type="html">`` of the
feeds: they are checked the same way when the file is read (signals
``article_generator_context`` and ``page_generator_context``, which hand
over the metadata before the content is made), reported at the field's line,
and cleaned.

A source Pelican could not read is checked by ``checks.html``, which renders it
(:func:`report_unread`).
"""

from collections import Counter, namedtuple
import re

from pelican import signals
from pelican.contents import Article, Page

from plugins.checks.sources import parse_header, shorten
from plugins.common.allowed_html import allowed, forbidden, sanitize, url_scheme
from plugins.common.build import build_of
from plugins.common.problems import metadata_line, note, report

Check = namedtuple("Check", "name kind advice")
CHECKS = [
    Check("html-element-not-allowed", "element",
          "remove it; docs/writing.md lists the HTML a text may use (link to another"
          " site instead of embedding it)"),
    Check("html-attribute-not-allowed", "attribute",
          "remove the attribute; docs/writing.md lists the attributes each element may"
          " have"),
    Check("url-scheme-not-allowed", "url",
          "use an https://, mailto: or tel: address, or {filename}/{static} for the site's"
          " own pages and files"),
]
CHECK_OF_KIND = {check.kind: check for check in CHECKS}

ELEMENT_REASONS = {
    **dict.fromkeys(["script"], "it runs JavaScript"),
    **dict.fromkeys(["iframe", "frame", "frameset", "object", "embed", "applet", "portal",
                     "video", "audio", "source", "track", "picture"],
                    "it embeds a file or another site's content"),
    **dict.fromkeys(["form", "input", "button", "select", "textarea", "option"],
                    "a form can send what visitors type to another site"),
    "meta": "it can send visitors to another site, or change how the page is read",
    "base": "it changes where every link of the page goes",
    **dict.fromkeys(["style", "link"], "it restyles the page; the site's stylesheet styles"
                                       " the text"),
    **dict.fromkeys(["svg", "math", "use"], "markup written into the text can load other sites'"
                                     " content; save a drawing in content/images/ and show"
                                     " it as an image"),
    **dict.fromkeys(["html", "head", "body"], "the page around the text is the theme's"),
}
# A table column aligned with colons (|:---|): Markdown writes style="text-align: ...".
TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$", re.IGNORECASE)
TABLE_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def message(found):
    """What is wrong, in a writer's words."""
    tag, name, value = found.tag, found.attribute, found.value
    if found.kind == "element":
        reason = ELEMENT_REASONS.get(tag)
        return f"raw HTML <{tag}> is not allowed in the text" + (f" ({reason})" if reason
                                                                 else "")
    if found.kind == "attribute":
        if name.startswith("on"):
            return f"the attribute {name}= on <{tag}> runs JavaScript"
        if name == "style" and tag in ("th", "td") and TABLE_ALIGN.match(value or ""):
            return ("a table column aligned with colons (:--- or ---:) is written as a"
                    " style= attribute, which the site's security policy blocks; remove"
                    " the colons")
        if name == "style":
            return f"the attribute style= on <{tag}> restyles the page, which the site's" \
                   " security policy blocks"
        if name == "ping":
            return f"the attribute ping= on <{tag}> tells another site about every click"
        if name in ("formaction", "action"):
            return f"the attribute {name}= on <{tag}> sends a form elsewhere"
        return f"the attribute {name}= is not allowed on <{tag}>"
    scheme = url_scheme(value)
    if scheme == "javascript":
        why = "runs JavaScript"
    elif scheme == "data":
        why = "carries a whole file or page inside the address"
    else:
        why = "is not a kind of address the site links to"
    return f"the {scheme}: address {shorten(value, 50)!r} in <{tag} {name}=...> {why}"


def needles(found):
    """What to look for in the source to name the line, most precise first."""
    tag, name, value = found.tag, found.attribute, found.value
    tag_needle = re.compile(rf"<\s*{re.escape(tag)}(?![\w-])", re.IGNORECASE)
    if found.kind == "element":
        return [tag_needle]
    # An attribute follows a space or a quote, never "<" ("<style>" holds no style=).
    attribute_needle = re.compile(rf"(?<=[\s\"']){re.escape(name)}\s*(=|[\s/>]|$)",
                                  re.IGNORECASE)
    if found.kind == "attribute":
        if name == "style" and tag in ("th", "td") and TABLE_ALIGN.match(value or ""):
            return [TABLE_DELIMITER_ROW, attribute_needle]
        return [attribute_needle, tag_needle]
    scheme = url_scheme(value) or ""
    return [value.strip(), re.compile(rf"{re.escape(scheme)}\s*:", re.IGNORECASE),
            attribute_needle]


def source_lines(path):
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def line_of(lines, first, candidates, seen):
    """The line (from line first on) of the next occurrence of the first needle found."""
    for needle in candidates:
        if not needle:
            continue
        matching = [number for number, line in enumerate(lines[first - 1:], start=first)
                    if (needle.search(line) if isinstance(needle, re.Pattern)
                        else needle in line)]
        if matching:
            seen[needle] += 1
            return matching[min(seen[needle], len(matching)) - 1]
    return None


def located(path, findings):
    """[(check, message, line)] of findings in the body of a source."""
    if not findings:
        return []
    lines = source_lines(path)
    _, body_start, _ = parse_header(lines)
    seen = Counter()
    return [(CHECK_OF_KIND[found.kind], message(found),
             line_of(lines, body_start, needles(found), seen) or body_start)
            for found in findings]


# --- When a file is read ------------------------------------------------------------------


def check_fields(generator, metadata):
    """Check and clean the metadata Pelican rendered as HTML (the Summary)."""
    settings = generator.settings
    policy = allowed(settings)
    findings = {}
    for key in settings.get("FORMATTED_FIELDS") or ():
        value = metadata.get(key)
        if not isinstance(value, str) or "<" not in value:
            continue
        findings[key] = forbidden(value, policy)
        metadata[key] = sanitize(value, policy)
    # Pelican makes the content right after this signal; report_at_read finds them there.
    build_of(settings).plugin_state["raw_html_fields"] = (
        {key: metadata[key] for key in findings}, findings)


def report_at_read(content):
    """Check the writer's text, then clean it (signal content_object_init)."""
    if not isinstance(content, (Article, Page)):
        return
    settings = content.settings
    policy = allowed(settings)
    checking = settings.get("CONTENT_CHECKS", True)
    cleaned, field_findings = build_of(settings).plugin_state.pop("raw_html_fields",
                                                                  ({}, {}))
    if checking and all(content.metadata.get(key) == value for key, value in cleaned.items()):
        for key, findings in field_findings.items():
            for found in findings:
                check = CHECK_OF_KIND[found.kind]
                line = metadata_line(content.source_path, key)
                note(content, check.name, f"in {key.capitalize()}: {message(found)}",
                     check.advice, line=line)
    html = content._content
    if not html or "<" not in html:
        return
    if checking:
        for check, text, line in located(content.source_path, forbidden(html, policy)):
            note(content, check.name, text, check.advice, line=line)
    content._content = sanitize(html, policy)


def report_unread(settings, path, html):
    """Check the HTML of a source Pelican could not read (rendered by checks.html)."""
    for check, text, line in located(path, forbidden(html, allowed(settings))):
        report(settings, check.name, text, check.advice, source=path, line=line)


def register():
    signals.article_generator_context.connect(check_fields)
    signals.page_generator_context.connect(check_fields)
    signals.content_object_init.connect(report_at_read)
