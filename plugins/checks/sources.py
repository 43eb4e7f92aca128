"""Writers' files as they wrote them: metadata, dates, headings, placeholders.

Every check is a row of ``CHECKS``: a name, the function that finds the
problems in one source file, and the advice shown to the writer. Each
problem is reported on one line::

    path/to/file.md:LINE: what is wrong — how to fix it [check-name]

The checks read each article and page source before Pelican's reader does
(signals ``article_generator_init`` and ``page_generator_init``), so a file
Pelican would skip with a cryptic message (no date, bad bytes) gets a clear
one with its line. ``docs/writing.md`` explains every check by its name.
The fields, which of them a file needs and what a date is come from
``plugins/common/fields.py``.

Settings: ``CONTENT_CHECKS`` (default ``True``; ``False`` turns every content
check off), ``ARTICLE_CATEGORIES`` and ``AUTHORS_ALLOWED`` (default ``[]``:
check off).
"""

from collections import Counter, namedtuple
import datetime
import difflib
import os
from pathlib import Path
import re

from pelican import signals

from plugins.common import fields
from plugins.common.build import build_of
from plugins.common.problems import Problem as ReportedProblem
from plugins.common.problems import display_path, find_line

Check = namedtuple("Check", "name find advice")
# where: a line number, a text to look for in the source (its line is reported),
# or None (the problem concerns the whole file).
Problem = namedtuple("Problem", "where message")

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")

# Markdown's metadata syntax (markdown.extensions.meta, which Pelican uses).
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
# "Next review: 2025-01-01": a key with a space ends Markdown's metadata there.
LOOKS_LIKE_META = re.compile(r"^[ ]{0,3}[A-Za-z][A-Za-z0-9_ -]{0,30}:\s")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_HEADING = re.compile(r"<h([1-6])\b", re.IGNORECASE)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
TODO = re.compile(r"\bTODO\b")


class Source:
    """One article or page source file as the writer wrote it."""

    def __init__(self, path, kind, settings):
        self.path = path
        self.kind = kind  # "article" or "page"
        self.settings = settings
        raw = Path(path).read_bytes()
        self.raw = None  # kept only to point at a bad byte
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
    def metadata(self):
        return {key: entries[-1][2] for key, entries in self.fields.items()}

    @property
    def status(self):
        status = self.value("status")
        if status is None:
            status = self.settings.get("DEFAULT_METADATA", {}).get("status", "published")
        return status.strip().lower()

    @property
    def is_medical(self):
        return fields.is_medical(self.kind, self.metadata)

    def body_lines(self):
        """(line number, line) for the text below the metadata."""
        return enumerate(self.lines[self.body_start - 1:], start=self.body_start)


def parse_header(lines):
    """Read Markdown metadata the way Python-Markdown does, noting where it ends badly.

    Returns (fields, first body line, problem) where problem is None or a
    Problem for a metadata block that never closes properly.
    """
    found = {}
    index = 0
    fenced = bool(lines) and META_BEGIN.match(lines[0]) is not None
    if fenced:
        index = 1
    key = None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if fenced and META_END.match(line):
            return found, number + 1, None
        if not line.strip():
            if fenced:  # Markdown ends a --- block at a blank line; the writer meant more
                return found, number + 1, Problem(1, "the metadata block opened with ---"
                                                  " is not closed with --- before the"
                                                  " first blank line")
            return found, number + 1, None
        match = META_LINE.match(line)
        if match:
            key = match.group("key").lower()
            found.setdefault(key, []).append(
                (number, match.group("key"), match.group("value").strip())
            )
        elif key and META_CONTINUATION.match(line):
            entry = found[key][-1]
            found[key][-1] = (entry[0], entry[1], f"{entry[2]} {line.strip()}".strip())
        elif not found:
            return found, number, None  # no metadata at all: missing-metadata says so
        elif LOOKS_LIKE_META.match(line):
            return found, number, Problem(number, f"the line {shorten(line)!r} looks like"
                                          " metadata but is not (a key has no spaces), so"
                                          " the metadata stops here and the rest becomes text")
        else:
            return found, number, Problem(number, "the text starts right after the metadata,"
                                          " without a blank line between them")
        index += 1
    if fenced:
        return found, len(lines) + 1, Problem(1, "the metadata block opened with --- is"
                                              " never closed")
    return found, len(lines) + 1, None


def shorten(text, limit=60):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- The checks ----------------------------------------------------------------------


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


def close_key(key):
    """The known key a misspelt one most likely means, or None."""
    known = [field.key for field in fields.FIELDS]
    close = difflib.get_close_matches(key.replace("-", "_"), known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_metadata_key(source):
    for key, entries in source.fields.items():
        if key in fields.BY_KEY:
            continue
        meant = close_key(key)
        hint = f" (did you mean {fields.BY_KEY[meant].name}?)" if meant else ""
        for number, written, _ in entries:
            yield Problem(number, f"unknown metadata key {written!r}{hint}")


def missing_metadata(source):
    if not source.text.strip() or source.decode_error:
        return
    needed = fields.required(source.kind, source.is_medical, source.status != "draft")
    # A misspelt key ("Catgory:") is reported once, as unknown-metadata-key.
    misspelt = {close_key(key) for key in source.fields if key not in fields.BY_KEY}
    for field in needed:
        value = source.value(field.key)
        if field.key == "author" and value is None:
            value = source.value("authors")
        if value is None:
            if field.key in misspelt:
                continue
            where = "" if source.fields else " (the file has no metadata block at its top)"
            yield Problem(1, f"the metadata has no {field.name}: line{where}; for"
                             f" example '{field.name}: {example(field, source.settings)}'")
        elif not value.strip():
            yield Problem(source.line_of(field.key), f"{field.name} is empty")


def example(field, settings):
    """The example value of a field in messages, from the settings where they decide it."""
    if field.kind == "date":
        return datetime.date.today().isoformat()
    if field.key == "category":
        return (settings.get("ARTICLE_CATEGORIES") or [field.example])[0]
    if field.key == "author":
        return (settings.get("AUTHORS_ALLOWED") or [field.example])[0]
    if field.key == "reviewer":
        return next(iter(settings.get("REVIEWERS") or [field.example]))
    return field.example


def invalid_date(source):
    for key in fields.DATE_KEYS:
        for number, written, value in source.fields.get(key, []):
            if not value:
                continue  # reported as empty by missing-metadata when it is needed
            problem = fields.date_problem(value)
            if problem:
                yield Problem(number, f"{written}: {shorten(value)} is not a valid date"
                                      f" ({problem})")


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


def care_card_missing(source):
    """A condition page (Template: condition) needs its three care cards."""
    template = (source.value("template") or "").strip().lower()
    if source.kind != "page" or template != "condition" or source.status == "draft":
        return
    for field in fields.FIELDS:
        if "condition" not in field.required_by:
            continue
        value = source.value(field.key)
        if value is None:
            yield Problem(source.line_of("title") or 1,
                          f"a condition page needs its care card {field.name}: ({field.meaning});"
                          f" for example '{field.name}: {field.example}'")
        elif not fields.list_items(value):
            yield Problem(source.line_of(field.key), f"{field.name} is empty")


CHECKS = [
    Check("not-utf8", not_utf8,
          "save the file as UTF-8 (in your editor: Save with encoding, UTF-8)"),
    Check("empty-file", empty_file, "write the metadata and the text, or delete the file"),
    Check("metadata-not-closed", metadata_not_closed,
          "end the metadata with one blank line before the text; keys use _ instead of"
          " spaces (Next_review)"),
    Check("missing-metadata", missing_metadata,
          "add the line to the metadata at the top of the file (docs/writing.md lists what"
          " articles, pages and medical pages need)"),
    Check("unknown-metadata-key", unknown_metadata_key,
          "fix the spelling, or remove the line; docs/writing.md lists every key"),
    Check("invalid-date", invalid_date,
          "write the date as YYYY-MM-DD (2024-06-01) or YYYY-MM-DD HH:MM (2024-06-01 09:00)"),
    Check("unknown-category", unknown_category,
          "use one of the categories listed (ARTICLE_CATEGORIES in pelicanconf.py)"),
    Check("unknown-author", unknown_author,
          "use one of the authors listed (AUTHORS_ALLOWED in pelicanconf.py)"),
    Check("second-top-level-heading", second_top_level_heading,
          "start sections with ## (level 2) and sub-sections with ###"),
    Check("heading-skips-level", heading_skips_level,
          "use the next level down (## then ### then ####), so screen readers get a"
          " clear outline"),
    Check("care-card-missing", care_card_missing,
          "add the line to the metadata: each card lists its signs, separated by semicolons"
          " (docs/writing.md, Care cards)"),
    Check("todo-left", todo_left,
          "replace the TODO with the real text, or set 'Status: draft' until it is ready"),
]


# --- Running them ------------------------------------------------------------------------


def findings(source):
    """[(check, problem)] of every check on one source."""
    found = []
    for check in CHECKS:
        try:
            found += [(check, problem) for problem in check.find(source)]
        except Exception as error:  # a bug in one check must not hide the others
            found.append((Check("check-failed", None, "report this to the site's developers"),
                          Problem(None, f"the content check {check.name} failed"
                                        f" ({type(error).__name__}: {error})")))
    return found


def report_findings(report, path, found):
    """Add each finding to the build's report, its line found in the file when needed."""
    occurrences = Counter()
    shown = display_path(path)
    for check, problem in found:
        where = problem.where
        if isinstance(where, (str, re.Pattern)):
            occurrences[where] += 1
            where = find_line(path, where, occurrences[where]) or find_line(path, where)
        report.add(ReportedProblem(check.name, problem.message, check.advice, shown, where))


def check_sources(generator, kind, paths_key, excludes_key):
    settings = generator.settings
    if not settings.get("CONTENT_CHECKS", True):
        return
    build = build_of(settings)
    sources = build.state("sources", dict)
    files = generator.get_files(settings[paths_key], exclude=settings[excludes_key])
    for relative in sorted(files):
        path = os.path.join(generator.path, relative)
        try:
            source = Source(path, kind, settings)
        except OSError:
            continue
        sources[os.path.abspath(path)] = source
        report_findings(build.report, path, findings(source))


def check_article_sources(generator):
    check_sources(generator, "article", "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def check_page_sources(generator):
    check_sources(generator, "page", "PAGE_PATHS", "PAGE_EXCLUDES")


def register():
    signals.article_generator_init.connect(check_article_sources)
    signals.page_generator_init.connect(check_page_sources)
