"""The clinic's own content checks: writer mistakes reported as FILE:LINE messages.

Every check is a row of ``CHECKS``: a name, the stage it runs at, the function
that finds the problems, and the advice shown to the writer. Each problem is
logged as a warning on one line::

    path/to/file.md:LINE: what is wrong — how to fix it [check-name]

and the ``strict_build`` plugin turns warnings into a failed build that lists
all of them at once. ``docs/writing.md`` explains every check by its name.

Stages, in build order:

- ``source``: the text of each article and page source, read before Pelican's
  reader sees it (signals ``article_generator_init``/``page_generator_init``),
  so a file Pelican would skip with a cryptic message (no date, bad bytes)
  gets a clear one with its line.
- ``content``: each article and page once all are read (signal
  ``all_generators_finalized``, which also covers files from the content cache).
- ``static``: each static file (images). On sites of 200 files or more the
  content and static checks run in a forked copy of the build while Pelican
  renders, and their messages are logged at ``finalized`` (settings
  ``CONTENT_CHECKS_BACKGROUND``, default ``True``, and
  ``CONTENT_CHECKS_BACKGROUND_MIN_ITEMS``, default 200; the same messages either way).
- ``site``: every planned output file at once (two sources writing one URL).
- ``output``: the written pages (links to ``#anchors``), at ``finalized``.

Pelican's own messages for the same causes ("could not find information
about 'date'", "Unable to find ..., skipping url replacement", "Empty alt
attribute", "Could not process ...", "There are 2 items with slug ...") are
dropped by a logging filter, because a check here reports each of them with
the file and line.

A plain ``http://`` link goes through ``HTTP_LINKS``: ``"warn"`` prints a
``notice:`` line that does not fail the build (a separate logger that the
strict build does not collect), ``"fail"`` logs it like any other problem.
"""

from collections import Counter, namedtuple
import datetime
import difflib
import logging
import os
from pathlib import Path
import re
import sys
from urllib.parse import unquote, urlsplit

from lxml import etree
from pelican import signals
from pelican.contents import Article, Page, Static

from plugins.writer_messages import display_path

log = logging.getLogger(__name__)
notices = logging.getLogger(__name__ + ".notices")

# --- The table -----------------------------------------------------------------

Check = namedtuple("Check", "name stage find advice")
# where: a line number, a text to look for in the source (its line is reported),
# or None (the problem concerns the whole file).
Problem = namedtuple("Problem", "where message")

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
DATE_FIELDS = (
    "date", "modified", "reviewed", "next_review",
    "authorization_signed", "authorization_expires", "effective_date",
)
ARTICLE_REQUIRED = ("title", "date", "summary", "category", "author")
PAGE_REQUIRED = ("title",)
MEDICAL_REQUIRED = ("reviewer", "reviewed")
EMBEDDED_CODE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "data", "poster", "background"}

# Markdown's metadata syntax (markdown.extensions.meta, which Pelican uses).
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
# "Next review: 2025-01-01": a key with a space ends Markdown's metadata there.
LOOKS_LIKE_META = re.compile(r"^[ ]{0,3}[A-Za-z][A-Za-z0-9_ -]{0,30}:\s")
VALID_DATE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_HEADING = re.compile(r"<h([1-6])\b", re.IGNORECASE)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
TODO = re.compile(r"\bTODO\b")
INTRASITE_LINK = re.compile(
    r"""(?P<attr>href|src)\s*=\s*(?P<quote>["'])[{|](?P<what>filename|static|attach)[}|]"""
    r"""(?P<path>[^"'#?]*)(?:\?[^"'#]*)?(?:\#(?P<fragment>[^"']*))?(?P=quote)"""
)
FRAGMENT_LINK = re.compile(r"""href\s*=\s*(?P<quote>["'])#(?P<fragment>[^"']+)(?P=quote)""")


# --- Reading sources ---------------------------------------------------------


class Source:
    """One article or page source file as the writer wrote it."""

    def __init__(self, path, kind, settings):
        self.path = path
        self.kind = kind  # "article" or "page"
        self.settings = settings
        raw = Path(path).read_bytes()
        self.raw = None  # kept only to point at a bad byte (memory: every source is kept)
        try:
            self.text = raw.decode("utf-8-sig")
            self.decode_error = None
        except UnicodeDecodeError as error:
            self.text = raw.decode("utf-8", errors="replace")
            self.decode_error = error
            self.raw = raw
        self.lines = self.text.splitlines()
        self.is_markdown = path.lower().endswith(MARKDOWN_EXTENSIONS)
        self.heading_list = None  # see headings()
        # fields: key -> list of (line number, key as written, value)
        self.fields, self.body_start, self.header_problem = (
            parse_header(self.lines) if self.is_markdown else ({}, 1, None)
        )

    def value(self, key):
        """The (last) value of a metadata key, or None when absent."""
        entries = self.fields.get(key)
        return entries[-1][2] if entries else None

    def line_of(self, key):
        entries = self.fields.get(key)
        return entries[-1][0] if entries else None

    @property
    def status(self):
        status = self.value("status")
        if status is None:
            status = self.settings.get("DEFAULT_METADATA", {}).get("status", "published")
        return status.strip().lower()

    @property
    def is_medical(self):
        return (self.value("medical") or "").strip().lower() in ("yes", "true")

    def body_lines(self):
        """(line number, line) for the text below the metadata."""
        return enumerate(self.lines[self.body_start - 1:], start=self.body_start)


class UnreadSource:
    """A source Pelican could not read (no date, bad bytes...), rendered here so
    that the mistakes in its text are listed in the same build too."""

    def __init__(self, source, context):
        self.source_path = source.path
        self.settings = source.settings
        self._context = context
        config = dict(source.settings.get("MARKDOWN") or {})
        extensions = list(config.get("extensions", []))
        extensions += [name for name in config.get("extension_configs", {})
                       if name not in extensions]
        config["extensions"] = extensions
        import markdown  # only needed for files Pelican could not read

        body = "\n".join(source.lines[source.body_start - 1:])
        self._content = markdown.Markdown(**config).convert(body)
        self.relative_dir = os.path.dirname(self.get_relative_source_path())

    def get_relative_source_path(self, path=None):
        root = os.path.abspath(self.settings["PATH"])
        path = os.path.abspath(os.path.join(root, path or self.source_path))
        return os.path.relpath(path, root).replace(os.sep, "/")


def parse_header(lines):
    """Read Markdown metadata the way Python-Markdown does, noting where it ends badly.

    Returns (fields, first body line, problem) where problem is None or a
    Problem for a metadata block that never closes properly.
    """
    fields = {}
    index = 0
    fenced = bool(lines) and META_BEGIN.match(lines[0]) is not None
    if fenced:
        index = 1
    key = None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if fenced and META_END.match(line):
            return fields, number + 1, None
        if not line.strip():
            if fenced:  # Markdown ends a --- block at a blank line; the writer meant more
                return fields, number + 1, Problem(1, "the metadata block opened with ---"
                                                   " is not closed with --- before the"
                                                   " first blank line")
            return fields, number + 1, None
        match = META_LINE.match(line)
        if match:
            key = match.group("key").lower()
            fields.setdefault(key, []).append(
                (number, match.group("key"), match.group("value").strip())
            )
        elif key and META_CONTINUATION.match(line):
            entry = fields[key][-1]
            fields[key][-1] = (entry[0], entry[1], f"{entry[2]} {line.strip()}".strip())
        elif not fields:
            return fields, number, None  # no metadata at all: missing-metadata says so
        elif LOOKS_LIKE_META.match(line):
            return fields, number, Problem(number, f"the line {shorten(line)!r} looks like"
                                           " metadata but is not (a key has no spaces), so"
                                           " the metadata stops here and the rest becomes text")
        else:
            return fields, number, Problem(number, "the text starts right after the metadata,"
                                           " without a blank line between them")
        index += 1
    if fenced:
        return fields, len(lines) + 1, Problem(1, "the metadata block opened with --- is"
                                               " never closed")
    return fields, len(lines) + 1, None


def shorten(text, limit=60):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Source checks -------------------------------------------------------------


def not_utf8(source):
    error = source.decode_error
    if error is None:
        return
    line = source.raw[: error.start].count(b"\n") + 1
    byte = source.raw[error.start]
    yield Problem(line, f"the file is not saved as UTF-8 text (byte 0x{byte:02x} on this line)")


def empty_file(source):
    if not source.text.strip():
        yield Problem(None, "the file is empty")


def metadata_not_closed(source):
    if source.header_problem and source.text.strip():
        yield source.header_problem


def unknown_metadata_key(source):
    known = source.settings.get("METADATA_FIELDS") or {}
    if not known:
        return
    for key, entries in source.fields.items():
        if key in known:
            continue
        for number, written, _ in entries:
            close = difflib.get_close_matches(key.replace("-", "_"), known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0].capitalize()}?)" if close else ""
            yield Problem(number, f"unknown metadata key {written!r}{hint}")


def missing_metadata(source):
    if not source.text.strip() or source.decode_error:
        return
    required = list(ARTICLE_REQUIRED if source.kind == "article" else PAGE_REQUIRED)
    if source.is_medical:
        required += MEDICAL_REQUIRED
    for key in required:
        value = source.value(key)
        if key == "author" and value is None:
            value = source.value("authors")
        if value is None:
            where = "" if source.fields else " (the file has no metadata block at its top)"
            example = required_example(key, source.settings)
            yield Problem(1, f"the metadata has no {key.capitalize()}: line{where}; for"
                             f" example '{example}'")
        elif not value.strip():
            yield Problem(source.line_of(key), f"{key.capitalize()} is empty")


def required_example(key, settings):
    today = datetime.date.today().isoformat()
    examples = {
        "title": "Title: Knee pain after running",
        "date": f"Date: {today}",
        "summary": "Summary: One or two sentences for lists, feeds and search results.",
        "category": f"Category: {(settings.get('ARTICLE_CATEGORIES') or ['Treatments'])[0]}",
        "author": f"Author: {(settings.get('AUTHORS_ALLOWED') or [settings.get('AUTHOR')])[0]}",
        "reviewer": f"Reviewer: {next(iter(settings.get('REVIEWERS') or ['(the clinician)']))}",
        "reviewed": f"Reviewed: {today}",
    }
    return examples.get(key, f"{key.capitalize()}: ...")


def invalid_date(source):
    for key in DATE_FIELDS:
        for number, written, value in source.fields.get(key, []):
            if key in ("date", "reviewed") and not value:
                continue  # reported as empty by missing-metadata
            problem = date_problem(value)
            if problem:
                yield Problem(number, f"{written}: {shorten(value) or '(empty)'} is not a"
                                      f" valid date ({problem})")


def date_problem(value):
    """Why value is not a YYYY-MM-DD[ HH:MM] date, or None when it is one."""
    match = VALID_DATE.match(value.strip())
    if not match:
        return "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM"
    try:
        datetime.date.fromisoformat(match.group("day"))
        if match.group("time"):
            datetime.time.fromisoformat(match.group("time"))
    except ValueError as error:
        return str(error)
    return None


def suggestion(value, allowed):
    lowered = {item.lower(): item for item in allowed}
    close = difflib.get_close_matches(value.lower(), lowered, n=1, cutoff=0.5)
    return f"; did you mean {lowered[close[0]]!r}?" if close else ""


def unknown_category(source):
    allowed = source.settings.get("ARTICLE_CATEGORIES") or []
    value = source.value("category")
    if source.kind != "article" or not allowed or not value:
        return
    if value not in allowed:
        yield Problem(source.line_of("category"),
                      f"the category {value!r} is not one of {', '.join(allowed)}"
                      f"{suggestion(value, allowed)}")


def unknown_author(source):
    allowed = source.settings.get("AUTHORS_ALLOWED") or []
    if not allowed:
        return
    for key in ("author", "authors"):
        for number, _, value in source.fields.get(key, []):
            names = [name.strip() for name in value.split(",")] if key == "authors" else [value]
            for name in names:
                if name and name not in allowed:
                    yield Problem(number, f"the author {name!r} is not one of"
                                          f" {', '.join(allowed)}{suggestion(name, allowed)}")


def headings(source):
    """[(line number, level)] of every heading in the text, skipping code blocks
    (worked out once per source: two checks use it)."""
    if source.heading_list is None:
        source.heading_list = list(scan_headings(source))
    return source.heading_list


def scan_headings(source):
    fence = None
    previous = ""
    for number, line in source.body_lines():
        # Each expression below can only match a line whose first non-space
        # character is the one tested first: most lines skip them all.
        first = line.lstrip(" ")[:1]
        opening = FENCE.match(line) if first in ("`", "~") else None
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.startswith(("    ", "\t")) and not previous.strip():
            continue  # indented code
        atx = ATX_HEADING.match(line) if first == "#" else None
        underline = SETEXT_UNDERLINE.match(line) if first in ("=", "-") else None
        if atx:
            yield number, len(atx.group(1))
        elif underline and previous.strip() and not ATX_HEADING.match(previous) \
                and not previous.lstrip().startswith(("-", "*", "+", "|", ">")):
            yield number - 1, 1 if underline.group(1)[0] == "=" else 2
        elif "<" in line:
            for match in HTML_HEADING.finditer(line):
                yield number, int(match.group(1))
        previous = line


def second_top_level_heading(source):
    for number, level in headings(source):
        if level == 1:
            yield Problem(number, "a second top-level heading (# or <h1>): the Title is"
                                  " already the page's top-level heading")


def heading_skips_level(source):
    previous = 1  # the title
    for number, level in headings(source):
        if level > previous + 1:
            yield Problem(number, f"a level-{level} heading ({'#' * level}) follows a"
                                  f" level-{previous} heading, skipping a level")
        previous = level


def todo_left(source):
    if source.status == "draft" or "TODO" not in source.text:
        return
    for number, line in enumerate(source.lines, start=1):
        if TODO.search(line):
            yield Problem(number, "a TODO placeholder is left in a file that is not a draft")


# --- Content checks (rendered HTML of each article and page) -------------------


# libxml2's HTML parser (lxml, already needed by pelican-image-process): about twice
# as fast as html.parser here, and like it sees the tags inside <template> and
# <noscript> (an HTML5 parser puts <template> content aside).
ELEMENT_PARSER = etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True)


class ElementScan:
    """Every start tag of a piece of HTML, as (tag, {attribute: value}), and its ids."""

    def __init__(self, html):
        self.elements = []
        self.ids = []
        root = etree.fromstring(html, ELEMENT_PARSER) if html and html.strip() else None
        if root is None:
            return
        for element in root.iter(etree.Element):
            # libxml2 gives an attribute written without a value its own name as
            # value (<img alt> has alt "alt"); html.parser, and browsers, give "".
            attributes = {name.lower(): "" if value == name else value
                          for name, value in element.items()}
            self.elements.append((element.tag.lower(), attributes))
            if attributes.get("id"):
                self.ids.append(attributes["id"])


def elements(content):
    """The start tags of a content's HTML, parsed once per build."""
    key = id(content)
    if key not in report.scans:
        report.scans[key] = ElementScan(content._content).elements
    return report.scans[key]


def is_external(url, settings):
    url = url.strip()
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl and (url == siteurl or url.startswith(siteurl + "/")):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def linked_target(content, what, path):
    """The Content or Static a {filename}/{static} link resolves to, or None."""
    context = getattr(content, "_context", None) or {}
    keys = ["generated_content", "static_content"] if what == "filename" else ["static_content"]
    for candidate in (path, unquote(path)):
        if candidate.startswith("/"):
            relative = candidate[1:]
        else:
            relative = content.get_relative_source_path(
                os.path.join(content.relative_dir, candidate))
        relative = os.path.normpath(relative).replace(os.sep, "/")
        for key in keys:
            found = (context.get(key) or {}).get(relative)
            if found is not None:
                return found
    return None


def broken_intrasite_link(content):
    root = content.settings["PATH"]
    for match in INTRASITE_LINK.finditer(content._content or ""):
        path, what = match.group("path"), match.group("what")
        target = linked_target(content, what, path)
        # Pelican plans a copy of every {static} target, even a missing one.
        if not path or (target is not None and os.path.isfile(target.source_path)):
            continue
        relative = path.lstrip("/") if path.startswith("/") else os.path.join(
            content.relative_dir, path)
        if os.path.exists(os.path.join(root, unquote(relative))):
            reason = ("names a file that exists but is not part of the site (it has its"
                      " own error listed here, or it is outside the content folders)")
        else:
            reason = "points to a file that does not exist"
        yield Problem(path, f"the link {{{what}}}{path} {reason}")


def image_without_alt(content):
    for tag, attributes in elements(content):
        if tag == "img" and not attributes.get("alt", "").strip():
            src = attributes.get("src", "")
            yield Problem(src or "<img", f"the image {shorten(src) or '(no src)'} has no"
                                         " alternative text")


def embedded_code(content):
    for tag, _ in elements(content):
        if tag in EMBEDDED_CODE_TAGS:
            yield Problem(f"<{tag}", f"raw HTML <{tag}> embeds code or another site's content")


def third_party_resource(content):
    for tag, attributes in elements(content):
        if tag in EMBEDDED_CODE_TAGS:
            continue  # reported by embedded-code
        urls = []
        for name in RESOURCE_ATTRIBUTES:
            value = attributes.get(name)
            if value:
                urls += [part.strip().split(" ")[0] for part in value.split(",")] \
                    if name == "srcset" else [value]
        if tag == "link" and attributes.get("href"):
            urls.append(attributes["href"])
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", attributes.get("style", ""))
        for url in urls:
            if is_external(url, content.settings):
                yield Problem(url, f"<{tag}> loads {shorten(url)} from another website")


def inline_event_handler(content):
    for tag, attributes in elements(content):
        for name, value in attributes.items():
            if name.startswith("on"):
                yield Problem(f"{name}=", f"<{tag} {name}=...> runs JavaScript")
            elif name in ("href", "src", "action") and value.strip().lower().startswith(
                    "javascript:"):
                yield Problem("javascript:", f"<{tag} {name}=\"javascript:...\"> runs JavaScript")


def plain_http_link(content):
    for tag, attributes in elements(content):
        href = attributes.get("href", "").strip()
        if tag == "a" and href.lower().startswith("http://") and is_external(
                href, content.settings):
            yield Problem(href, f"the link {shorten(href)} uses plain http://")


# --- Static and site checks ------------------------------------------------------


def image_too_large(static):
    limit = static.settings.get("MAX_IMAGE_BYTES")
    if not limit or not static.source_path.lower().endswith(IMAGE_EXTENSIONS):
        return
    if not os.path.isfile(static.source_path):
        return  # a link to a missing file: broken-intrasite-link reports it
    size = os.path.getsize(static.source_path)
    if size > limit:
        yield Problem(None, f"the image is {size / 1000:,.0f} kB, over the limit of"
                            f" {limit / 1000:,.0f} kB (MAX_IMAGE_BYTES)")


def duplicate_output(planned):
    """planned: {output path: [(label, content or None)]} for every file to be written."""
    for save_as, writers in planned.items():
        if len(writers) < 2:
            continue
        for _, content in writers[1:]:
            if content is None:
                continue
            first = writers[0][0]
            yield content, Problem(content_slug_line(content), f"this file and {first} would"
                                   f" both be written to {save_as}")


def content_slug_line(content):
    for key in ("save_as", "slug", "title"):
        line = find_line(content.source_path, re.compile(rf"^\s*{key}\s*:", re.IGNORECASE))
        if line:
            return line
    return None


def missing_anchor(content, output_ids):
    """Links to #anchors that do not exist on the written target page."""
    def check(fragment, page, needle, described):
        ids = output_ids(page)
        if ids is None or fragment in ids:
            return None
        headings_ids = [i for i in ids if i not in ("main",)][:8]
        known = f" (its ids include: {', '.join(headings_ids)})" if headings_ids else ""
        return Problem(needle, f"the link to {described}#{fragment} names an anchor that"
                               f" does not exist on that page{known}")

    for match in INTRASITE_LINK.finditer(content._content or ""):
        fragment = match.group("fragment")
        if not fragment or match.group("what") != "filename":
            continue
        target = linked_target(content, "filename", match.group("path"))
        if target is None or isinstance(target, Static) or not target.save_as:
            continue
        problem = check(fragment, target.save_as, f"#{fragment}",
                        "{filename}" + match.group("path"))
        if problem:
            yield problem
    for match in FRAGMENT_LINK.finditer(content._content or ""):
        problem = check(match.group("fragment"), content.save_as,
                        f"#{match.group('fragment')}", "")
        if problem:
            yield problem


CHECKS = [
    # source: the writer's file, before Pelican reads it
    Check("not-utf8", "source", not_utf8,
          "save the file as UTF-8 (in your editor: Save with encoding, UTF-8)"),
    Check("empty-file", "source", empty_file,
          "write the metadata and the text, or delete the file"),
    Check("metadata-not-closed", "source", metadata_not_closed,
          "end the metadata with one blank line before the text; keys use _ instead of"
          " spaces (Next_review)"),
    Check("missing-metadata", "source", missing_metadata,
          "add the line to the metadata at the top of the file (docs/writing.md lists what"
          " articles, pages and medical pages need)"),
    Check("unknown-metadata-key", "source", unknown_metadata_key,
          "fix the spelling, or remove the line; docs/writing.md lists every key"),
    Check("invalid-date", "source", invalid_date,
          "write the date as YYYY-MM-DD (2024-06-01) or YYYY-MM-DD HH:MM (2024-06-01 09:00)"),
    Check("unknown-category", "source", unknown_category,
          "use one of the categories listed (ARTICLE_CATEGORIES in pelicanconf.py)"),
    Check("unknown-author", "source", unknown_author,
          "use one of the authors listed (AUTHORS_ALLOWED in pelicanconf.py)"),
    Check("second-top-level-heading", "source", second_top_level_heading,
          "start sections with ## (level 2) and sub-sections with ###"),
    Check("heading-skips-level", "source", heading_skips_level,
          "use the next level down (## then ### then ####), so screen readers get a"
          " clear outline"),
    Check("todo-left", "source", todo_left,
          "replace the TODO with the real text, or set 'Status: draft' until it is ready"),
    # content: each article and page, rendered
    Check("broken-intrasite-link", "content", broken_intrasite_link,
          "check the file name; it is relative to this file, or to content/ when it"
          " starts with /"),
    Check("image-without-alt", "content", image_without_alt,
          "describe the image in the brackets: ![A therapist stretching a patient's"
          " shoulder](...)"),
    Check("embedded-code", "content", embedded_code,
          "remove it; a health site carries no third-party code (link to the other"
          " site instead)"),
    Check("third-party-resource", "content", third_party_resource,
          "save the file in content/images/ and use {static}/images/NAME, or link to"
          " the page instead of loading from it"),
    Check("inline-event-handler", "content", inline_event_handler,
          "remove the attribute; the site works without JavaScript"),
    Check("plain-http-link", "content", plain_http_link,
          "use the https:// address (open it in a browser to check it works)"),
    # static: each file copied as is
    Check("image-too-large", "static", image_too_large,
          "resize it (1600 pixels wide is plenty) and save it as JPEG or WebP at about"
          " 80% quality"),
    # site: every file the build will write
    Check("duplicate-output", "site", duplicate_output,
          "give one of the two files another Slug (or Save_as)"),
    # output: the written pages
    Check("missing-anchor", "output", missing_anchor,
          "link to an id that exists (a heading's id is its text in lower case with"
          " hyphens: ## Treatment plan -> #treatment-plan)"),
]
CHECKS_BY_NAME = {check.name: check for check in CHECKS}


# --- Reporting -------------------------------------------------------------------


def find_line(source_path, needle, occurrence=1):
    """Return the 1-based line holding the n-th occurrence of needle (text or regex)."""
    if not needle:
        return None
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            seen = 0
            for number, line in enumerate(handle, start=1):
                if needle.search(line) if isinstance(needle, re.Pattern) else needle in line:
                    seen += 1
                    if seen == occurrence:
                        return number
    except OSError:
        return None
    return None


class Report:
    """State of one build: what was reported, to keep messages unique and drop Pelican's."""

    def __init__(self):
        self.reported_sources = set()  # absolute paths of sources with a problem
        self.sources = {}  # absolute path -> (Source, generator context)
        self.scans = {}  # id(content) -> its start tags (not stored on the content: cached)
        self.contents = []

    def problem(self, check, source_path, problem, occurrences=None):
        where = problem.where
        if isinstance(where, (str, re.Pattern)):
            occurrence = 1
            if occurrences is not None:
                occurrences[where] += 1
                occurrence = occurrences[where]
            where = find_line(source_path, where, occurrence) or find_line(source_path, where)
        http_mode = http_links_mode(check_settings)
        if check.name == "plain-http-link" and http_mode == "off":
            return
        location = display_path(source_path) + (f":{where}" if where else "")
        message = " ".join(f"{location}: {problem.message} — {check.advice}"
                           f" [{check.name}]".split())
        self.reported_sources.add(os.path.abspath(source_path))
        if check.name == "plain-http-link" and http_mode != "fail":
            notices.warning("notice: %s", message)
        else:
            log.warning("%s", message)

    def findings(self, stage, source_path, *args):
        """[(check, problem)] of every check of the stage; None when a check failed."""
        found, complete = [], True
        for check in CHECKS:
            if check.stage == stage:
                try:
                    found += [(check, problem) for problem in check.find(*args)]
                except Exception as error:  # a bug in one check must not hide the others
                    complete = False
                    log.error("%s: the content check %s failed (%s: %s) — report this to the"
                              " site's developers", display_path(source_path), check.name,
                              type(error).__name__, error)
        return found, complete

    def report_all(self, source_path, found):
        occurrences = Counter()
        for check, problem in found:
            self.problem(check, source_path, problem, occurrences)

    def run(self, stage, source_path, *args):
        self.report_all(source_path, self.findings(stage, source_path, *args)[0])


report = Report()
check_settings = {}


def http_links_mode(settings):
    return str(settings.get("HTTP_LINKS", "warn")).lower()


# --- Pelican's own messages for the same causes -------------------------------------


class DropRedundantPelicanMessages(logging.Filter):
    """Drop Pelican's messages that a check here reports better (file, line, fix)."""

    ALWAYS = (
        "Unable to find '%s', skipping url replacement.",  # broken-intrasite-link
        "Empty alt attribute for image %s in %s",  # image-without-alt
        # duplicate-output (Pelican appends a "\n%s" per file to these)
        'There are %s items "%s" with lang %s',
        "There are %s original (not translated) items %s",
    )
    ABOUT_A_FILE = (
        # broken-intrasite-link: a {static} link to a missing file
        "Cannot get modification stamp for %s\n\t%s",
    )
    ABOUT_A_SOURCE = (
        "Skipping %s: could not find information about '%s'",  # missing-metadata
        "Could not process %s",  # not-utf8, invalid-date, empty-file
    )

    def filter(self, record):
        if not check_settings.get("CONTENT_CHECKS", True):
            return True
        if isinstance(record.msg, str) and record.msg.startswith(self.ALWAYS):
            return False
        if record.msg in self.ABOUT_A_FILE and record.args and not os.path.exists(
                str(record.args[0])):
            return False
        if record.msg in self.ABOUT_A_SOURCE and record.args:
            path = str(record.args[0])
            base = check_settings.get("PATH", "")
            candidates = {os.path.abspath(path), os.path.abspath(os.path.join(base, path))}
            if candidates & report.reported_sources:
                return False
        return True


redundancy_filter = DropRedundantPelicanMessages()
PELICAN_LOGGERS = ("pelican.contents", "pelican.readers", "pelican.generators", "pelican.utils",
                   "pelican.cache")


# --- Signal handlers ------------------------------------------------------------------


def start(pelican):
    """Reset the state for a new build (livereload runs many in one process)."""
    global report
    finish_background_checks()  # of a build that stopped half-way
    report = Report()
    checked_sources["last build"] = checked_sources["this build"]
    checked_sources["this build"] = {}
    check_settings.clear()
    check_settings.update(pelican.settings)
    for name in PELICAN_LOGGERS:
        logging.getLogger(name).addFilter(redundancy_filter)
    if not notices.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        notices.addHandler(handler)
        notices.propagate = False  # not collected by strict_build: a notice never fails


def enabled(settings):
    return settings.get("CONTENT_CHECKS", True)


# Source checks of files unchanged since the last build of this process
# (livereload): (path, kind, size, mtime, settings) -> (Source, findings).
checked_sources = {"last build": {}, "this build": {}}


def settings_key(settings):
    """Text standing for the settings (the checks depend on them), without object addresses."""
    plain = sorted((key, value) for key, value in settings.items() if key.isupper())
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(plain))


def check_sources(generator, paths_key, excludes_key, kind):
    if not enabled(generator.settings):
        return
    files = generator.get_files(generator.settings[paths_key],
                                exclude=generator.settings[excludes_key])
    reuse = generator.settings.get("DELETE_OUTPUT_DIRECTORY") is False  # a rebuild in place
    known = settings_key(generator.settings) if reuse else None
    for relative in sorted(files):
        path = os.path.join(generator.path, relative)
        try:
            stat = os.stat(path)
            key = (os.path.abspath(path), kind, stat.st_size, stat.st_mtime_ns, known)
            source, found = (checked_sources["last build"].get(key)
                             or (Source(path, kind, generator.settings), None))
        except OSError:
            continue
        if found is None:
            found, complete = report.findings("source", path, source)
            if not complete:
                key = None
        if reuse and key is not None:
            checked_sources["this build"][key] = (source, found)
        report.sources[os.path.abspath(path)] = (source, generator.context)
        report.report_all(path, found)


def check_article_sources(generator):
    check_sources(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES", "article")


def check_page_sources(generator):
    check_sources(generator, "PAGE_PATHS", "PAGE_EXCLUDES", "page")


def all_contents(generators):
    """Every article, page (drafts and hidden ones included) and static file."""
    lists = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
             "hidden_translations", "pages", "hidden_pages", "draft_pages",
             "draft_translations", "staticfiles")
    seen = set()
    for generator in generators:
        for name in lists:
            for item in getattr(generator, name, None) or []:
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def fixed_outputs(generators, settings):
    """(output path, label) of listing pages and feeds, written by templates."""
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield save_as, f"the {name} listing ({name.upper()}_SAVE_AS)"
    for generator in generators:
        for category, _ in getattr(generator, "categories", None) or []:
            yield category.save_as, f"the category page for {category}"
        for tag in getattr(generator, "tags", None) or {}:
            yield tag.save_as, f"the tag page for {tag}"
    for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        if settings.get(key):
            yield settings[key], f"the feed {key}"


def unread_sources():
    """(Source, context) of each Markdown source Pelican did not read (it logged why)."""
    read = {os.path.abspath(item.source_path) for item in report.contents}
    return [(source, context) for path, (source, context) in report.sources.items()
            if path not in read and source.is_markdown and source.text.strip()]


def run_item_checks(items, unread):
    """The content and static checks of every item, and of the sources Pelican did not read."""
    for item in items:
        if isinstance(item, Static):
            report.run("static", item.source_path, item)
        elif isinstance(item, (Article, Page)):
            report.run("content", item.source_path, item)
    for source, context in unread:
        report.run("content", source.path, UnreadSource(source, context))


# --- Content checks beside the rendering ---------------------------------------
# Pelican renders and writes in one process, so one core idles meanwhile. On a
# large site the content and static checks (about 1.3 s at 1,000 articles) run
# there, in a forked copy of the build, which sends back what it would have
# logged; the build takes it at ``finalized``, before the report.

BACKGROUND_MIN_ITEMS = 200  # below this, forking costs more than it saves
_background = None  # (process, receiving end of the pipe) of the build in progress


class RecordKeeper(logging.Handler):
    """In the forked copy: keep each record as (logger, level, message)."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def checks_in_child(items, unread, sender):
    keeper = RecordKeeper()
    logging.getLogger().handlers = [keeper]
    notices.handlers = [keeper]
    try:
        run_item_checks(items, unread)
        sender.send((keeper.records, report.reported_sources))
    except BaseException as error:  # the parent runs the checks itself
        sender.send(error.__class__.__name__)
    finally:
        sender.close()
        os._exit(0)  # nothing of the parent's (atexit, pools) runs twice


def start_background_checks(items, unread, settings):
    """Fork a copy that runs the checks; return False when they must run here."""
    global _background
    import multiprocessing

    least = settings.get("CONTENT_CHECKS_BACKGROUND_MIN_ITEMS", BACKGROUND_MIN_ITEMS)
    if (not settings.get("CONTENT_CHECKS_BACKGROUND", True) or len(items) < least
            or "fork" not in multiprocessing.get_all_start_methods()):
        return False
    logging.getLogger("pelican.plugins.content_checks").debug(
        "content_checks: checking %d files beside the rendering", len(items))
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=checks_in_child, args=(items, unread, sender),
                              daemon=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    process.start()
    sender.close()
    _background = (process, receiver, items, unread)
    return True


def finish_background_checks(_pelican=None):
    """Log what the forked checks found, as if they had run here."""
    global _background
    if _background is None:
        return
    process, receiver, items, unread = _background
    _background = None
    try:
        result = receiver.recv()
    except (EOFError, OSError):
        result = None
    process.join()
    receiver.close()
    if not isinstance(result, tuple):  # the copy failed: check here instead
        run_item_checks(items, unread)
        return
    records, reported = result
    report.reported_sources |= reported
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def check_contents(generators):
    """Run the content, static and site checks once every file has been read."""
    if not generators or not enabled(generators[0].settings):
        return
    settings = generators[0].settings
    items = list(all_contents(generators))
    report.contents = [item for item in items if isinstance(item, (Article, Page))]
    # Planned outputs first: it changes what is written (never what the checks read).
    avoid_overwrites(items, generators, settings)
    unread = unread_sources()
    # The sources' text is not needed any more (about 30 KB an article, kept
    # through rendering otherwise).
    report.sources = {}
    if not start_background_checks(items, unread, settings):
        run_item_checks(items, unread)


def avoid_overwrites(items, generators, settings):
    """Report two sources writing one output path, and keep the build going.

    Pelican would stop with FileOverwriteFailedError while writing, before the
    strict build could list the other problems; so the second file is not
    written at all (an empty save_as means "do not write").
    """
    planned = {}
    for save_as, label in fixed_outputs(generators, settings):
        planned.setdefault(os.path.normpath(save_as), []).append((label, None))
    for item in sorted(items, key=lambda item: item.source_path or ""):
        if isinstance(item, (Article, Page, Static)) and item.save_as:
            planned.setdefault(os.path.normpath(item.save_as), []).append(
                (display_path(item.source_path), item))
    check = CHECKS_BY_NAME["duplicate-output"]
    for content, problem in duplicate_output(planned):
        report.problem(check, content.source_path, problem)
        content.override_save_as = ""
        for generator in generators:
            static_files = getattr(generator, "staticfiles", None)
            if static_files and content in static_files:
                static_files.remove(content)


def check_output(pelican):
    """Check #anchor links against the written pages."""
    finish_background_checks()
    output = Path(pelican.output_path)
    if not enabled(pelican.settings):
        return
    id_cache = {}

    def output_ids(save_as):
        if not save_as:
            return None
        page = output / save_as
        if page.is_dir():
            page = page / "index.html"
        if page not in id_cache:
            id_cache[page] = (set(ElementScan(page.read_text(encoding="utf-8",
                                                             errors="replace")).ids)
                              if page.is_file() else None)
        return id_cache[page]

    check = CHECKS_BY_NAME["missing-anchor"]
    for content in report.contents:
        if not content.save_as:
            continue
        occurrences = Counter()
        for problem in missing_anchor(content, output_ids):
            report.problem(check, content.source_path, problem, occurrences)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(start)
    signals.article_generator_init.connect(check_article_sources)
    signals.page_generator_init.connect(check_page_sources)
    signals.all_generators_finalized.connect(check_contents)
    signals.finalized.connect(check_output)
