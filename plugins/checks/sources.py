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
check off), ``CONTENT_LANGUAGES`` (default ``None``: ``DEFAULT_LANG`` and the
languages of ``LANGUAGE_ASSISTANCE_FILE``), ``MAX_NESTING_DEPTH`` (default 32,
``plugins/common/limits.py``).
"""

from collections import Counter, namedtuple
import datetime
import difflib
import os
from pathlib import Path
import re

from pelican import signals
from pelican.contents import Article, Page

from plugins.common import fields, limits
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
# A well-formed language tag (RFC 5646: language, script, region, variants, extensions,
# private use).
LANGUAGE_TAG = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z\d]{1,8})+)?$")


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
        self.lines = limits.lines_of(self.text)
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


def control_character(source):
    for number, char, more in limits.control_characters(source.lines):
        also = f" (and on {more} more line{'s' if more > 1 else ''})" if more else ""
        yield Problem(number, f"the invisible control character {limits.character_name(char)}"
                              f" is in the text{also}")


def nesting_too_deep(source):
    if not source.is_markdown:
        return
    deep = limits.too_deep(source.lines, source.settings)
    if deep:
        number, depth, what = deep
        yield Problem(number, f"{what} nested {depth} levels deep here, over the limit of"
                              f" {limits.max_depth(source.settings)} (MAX_NESTING_DEPTH); the"
                              " file is not read")


def repeated_field(source):
    for key, entries in source.fields.items():
        if len(entries) < 2 or not fields.repeated(key):
            continue
        first = entries[0][0]
        for number, written, _ in entries[1:]:
            yield Problem(number, f"{written}: is written again (first on line {first}); a"
                                  " field is written once")


def empty_field(source):
    needed = {field.key for field in fields.required(source.kind, source.is_medical,
                                                     source.status != "draft")}
    for key, entries in source.fields.items():
        field = fields.BY_KEY.get(key)
        if field is None or field.empty_means or key in needed:
            continue  # unknown keys and required fields have checks of their own
        for number, written, value in entries:
            if not value.strip():
                yield Problem(number, f"{written}: has no value")


def dates_of(source):
    """{key: (line, day)} of the valid date fields."""
    found = {}
    for key in fields.DATE_KEYS:
        for number, _, value in source.fields.get(key, [])[:1]:
            if value and not fields.date_problem(value):
                found[key] = (number, fields.parse_date(value))
    return found


def modified_before_date(source):
    dates = dates_of(source)
    if "date" in dates and "modified" in dates and dates["modified"][1] < dates["date"][1]:
        yield Problem(dates["modified"][0], f"Modified ({dates['modified'][1].isoformat()}) is"
                                            " before Date"
                                            f" ({dates['date'][1].isoformat()})")


def date_in_future(source):
    today = fields.today(source.settings)  # the real day (REVIEW_TODAY pins review dates)
    for key, (number, day) in dates_of(source).items():
        field = fields.BY_KEY[key]
        # A day of grace: a writer east of the clinic's time zone may be a day ahead.
        if field.past and day > today + datetime.timedelta(days=1):
            yield Problem(number, f"{field.name} ({day.isoformat()}) is in the future (today is"
                                  f" {today.isoformat()})")


def content_languages(settings):
    """The languages a source may be written in: CONTENT_LANGUAGES, or DEFAULT_LANG and the
    languages of the language-assistance data (read once a build)."""
    def find():
        chosen = settings.get("CONTENT_LANGUAGES")
        if chosen is not None:
            return list(chosen)
        from plugins.clinic import notices

        entries, _ = notices.load_languages(notices.language_file(settings))
        default = settings.get("DEFAULT_LANG", "en")
        return [default] + [entry["code"] for entry in entries if entry["code"] != default]

    return build_of(settings).state("sources.languages", find)


def invalid_language(source):
    for number, written, value in source.fields.get("lang", []):
        value = value.strip()
        if not value:
            continue  # empty-field
        allowed = content_languages(source.settings)
        if not LANGUAGE_TAG.match(value):
            yield Problem(number, f"{written}: {shorten(value)!r} is not a language tag (BCP 47:"
                                  " a language code such as 'es' or 'zh-Hant')")
        elif value not in allowed:
            same = [code for code in allowed if code.lower() == value.lower()]
            hint = f"; write it {same[0]!r}" if same else f"; the site's languages are" \
                f" {', '.join(allowed)}"
            yield Problem(number, f"{written}: {value!r} is not one of the site's languages"
                                  f"{hint}")


def template_names(settings):
    """The templates a Template: may name (NAME for NAME.html in the theme's folders)."""
    folders = list(settings.get("THEME_TEMPLATES_OVERRIDES") or [])
    folders.append(os.path.join(settings.get("THEME", ""), "templates"))
    names = set()
    for folder in folders:
        if os.path.isdir(folder):
            names.update(name[:-5] for name in os.listdir(folder) if name.endswith(".html"))
    return sorted(names)


def unknown_template(source):
    for number, written, value in source.fields.get("template", []):
        value = value.strip()
        if not value:
            continue  # empty-field
        known = build_of(source.settings).state("sources.templates",
                                                lambda: template_names(source.settings))
        if value not in known:
            close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem(number, f"{written}: there is no template {value!r}{hint} (the"
                                  f" templates are {', '.join(known)})")


def addresses(source):
    """[(line, key, name, slug)] of each tag and category of a source."""
    found = []
    for key, kind in (("tags", "TAG"), ("category", "CATEGORY")):
        for number, _, value in source.fields.get(key, [])[:1]:
            names = value.split(",") if key == "tags" else [value]
            for name in (name.strip() for name in names):
                if name:
                    found.append((number, key, name,
                                  fields.address_slug(name, source.settings, kind)))
    return found


def tag_address(source):
    """A tag or category nothing is left of to make its address."""
    for number, key, name, slug in addresses(source):
        if not slug:
            what = "tag" if key == "tags" else "category"
            yield Problem(number, f"the {what} {name!r} has no letter or digit to make its"
                                  " address from")


def address_clashes(sources):
    """[(source, problem)] for tags (or categories) of different names with one address, or
    with addresses that differ only in case (one address on many hosts): each is named, with
    the first other name that takes its address."""
    by_address = {}  # (key, slug case folded) -> [(source, line, name, slug)]
    for source in sources:
        for number, key, name, slug in addresses(source):
            if slug:
                by_address.setdefault((key, slug.casefold()), []).append(
                    (source, number, name, slug))
    found = []
    for (key, _), entries in by_address.items():
        what = "tag" if key == "tags" else "category"
        for source, number, name, slug in entries:
            other = next((entry for entry in entries if entry[3] != slug
                          or entry[2].casefold() != name.casefold()), None)
            if other is None:
                continue
            where = "in this file" if other[0] is source else f"in {display_path(other[0].path)}"
            if other[3] == slug:
                message = (f"the {what} {name!r} gets the same address ({slug}) as the {what}"
                           f" {other[2]!r} ({where}, line {other[1]}): their pages would be"
                           " one")
            else:
                message = (f"the {what} {name!r} gets the address {slug}, which differs only"
                           f" in case from {other[3]}, the address of the {what} {other[2]!r}"
                           f" ({where}, line {other[1]}): on many hosts their pages would be"
                           " one")
            found.append((source, Problem(number, message)))
    return found


def no_text(source):
    if not source.fields or source.header_problem or source.decode_error:
        return
    if not any(line.strip() for _, line in source.body_lines()):
        yield Problem(source.line_of(next(iter(source.fields))) or 1,
                      "the file has metadata but no text below it")


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
    Check("control-character", control_character,
          "delete the character (it is invisible in most editors: delete the space around"
          " the place, then type it again)"),
    Check("nesting-too-deep", nesting_too_deep,
          "nest quotes, lists and HTML a few levels at most; split the text into sections"),
    Check("metadata-not-closed", metadata_not_closed,
          "end the metadata with one blank line before the text; keys use _ instead of"
          " spaces (Next_review)"),
    Check("missing-metadata", missing_metadata,
          "add the line to the metadata at the top of the file (docs/writing.md lists what"
          " articles, pages and medical pages need)"),
    Check("unknown-metadata-key", unknown_metadata_key,
          "fix the spelling, or remove the line; docs/writing.md lists every key"),
    Check("repeated-field", repeated_field,
          "keep one line for the field (list values on one line, separated by commas)"),
    Check("empty-field", empty_field, "write a value after the colon, or remove the line"),
    Check("invalid-date", invalid_date,
          "write the date as YYYY-MM-DD (2024-06-01) or YYYY-MM-DD HH:MM (2024-06-01 09:00)"),
    Check("modified-before-date", modified_before_date,
          "check both dates: Date is the first publication, Modified the last change"),
    Check("date-in-future", date_in_future,
          "write the day it happened (a review or change not done yet has no date)"),
    Check("unknown-category", unknown_category,
          "use one of the categories listed (ARTICLE_CATEGORIES in pelicanconf.py)"),
    Check("unknown-author", unknown_author,
          "use one of the authors listed (AUTHORS_ALLOWED in pelicanconf.py)"),
    Check("invalid-language", invalid_language,
          "write a language code of the site (CONTENT_LANGUAGES), or remove the line for"
          " English"),
    Check("unknown-template", unknown_template,
          "use one of the templates listed, or remove the line for the default one"),
    Check("tag-address", tag_address,
          "give each tag a name in letters or digits ('C++' and 'C#' both become 'c': write"
          " 'C plus plus', 'C sharp'), and write one tag the same way in every file"),
    Check("no-text", no_text, "write the text below the metadata, after one blank line"),
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
    checked = []
    for relative in sorted(files):
        path = os.path.join(generator.path, relative)
        try:
            source = Source(path, kind, settings)
        except OSError:
            continue
        sources[os.path.abspath(path)] = source
        checked.append(source)
        report_findings(build.report, path, findings(source))
    # Across files: tags and categories that would share one page.
    check = next(check for check in CHECKS if check.name == "tag-address")
    for source, problem in address_clashes(checked):
        report_findings(build.report, source.path, [(check, problem)])


def check_article_sources(generator):
    check_sources(generator, "article", "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def check_page_sources(generator):
    check_sources(generator, "page", "PAGE_PATHS", "PAGE_EXCLUDES")


def keep_building(content):
    """A content whose Slug, Template or Lang the checks refused gets the default one, so
    that Pelican goes on to the report (an empty slug or a missing template stops it with a
    traceback) and no file is named after an invalid language; the checks' error fails the
    build."""
    settings = content.settings
    if not isinstance(content, (Article, Page)) or not settings.get("CONTENT_CHECKS", True):
        return
    if not str(getattr(content, "slug", "") or "").strip():
        title = str(getattr(content, "title", "") or "")
        content.slug = fields.address_slug(title, settings, "SLUG") or Path(
            content.source_path).stem
    template = content.metadata.get("template")
    if template is not None and str(template).strip() not in template_names(settings):
        content.template = content.default_template
    lang = content.metadata.get("lang")
    if lang is not None and str(lang).strip() not in content_languages(settings):
        content.lang = settings.get("DEFAULT_LANG", "en")
        content.in_default_lang = True


def register():
    signals.article_generator_init.connect(check_article_sources)
    signals.page_generator_init.connect(check_page_sources)
    signals.content_object_init.connect(keep_building)
