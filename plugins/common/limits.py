"""What a source may hold before Markdown reads it: bounded nesting, no control characters.

Python-Markdown parses nested blocks by recursion: a file nested a few hundred
levels deep (``>`` quotes, indented lists, ``<div markdown="1">``, emphasis)
takes minutes and gigabytes before Python's RecursionError stops it. A cheap
scan of the raw text, line by line, measures the deepest nesting first, so
such a file is refused in a moment, naming its line (``plugins/checks/sources.py``
reports it, ``plugins/reading/pool.py`` never hands it to Markdown).

Control characters (NUL, vertical tab, form feed, U+2028 LINE SEPARATOR, ...)
cannot be written in the site's HTML, feeds or sitemaps (XML 1.0 forbids most of
them) and no writer means them; they are named with their line.

Setting: ``MAX_NESTING_DEPTH`` (default 32): the deepest nesting a source may
have, counted per line for quotes and lists (each ``>``, each list marker and
each four columns of indentation), per paragraph for brackets and emphasis,
and per file for HTML elements.
"""

import re
import unicodedata

DEFAULT_MAX_NESTING_DEPTH = 32

# Unicode gives the C0 controls no names (unicodedata.name fails), only aliases.
CONTROL_NAMES = {
    0x00: "NULL", 0x01: "START OF HEADING", 0x02: "START OF TEXT", 0x03: "END OF TEXT",
    0x04: "END OF TRANSMISSION", 0x05: "ENQUIRY", 0x06: "ACKNOWLEDGE", 0x07: "BELL",
    0x08: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x0E: "SHIFT OUT",
    0x0F: "SHIFT IN", 0x10: "DATA LINK ESCAPE", 0x11: "DEVICE CONTROL ONE",
    0x12: "DEVICE CONTROL TWO", 0x13: "DEVICE CONTROL THREE", 0x14: "DEVICE CONTROL FOUR",
    0x15: "NEGATIVE ACKNOWLEDGE", 0x16: "SYNCHRONOUS IDLE", 0x17: "END OF TRANSMISSION BLOCK",
    0x18: "CANCEL", 0x19: "END OF MEDIUM", 0x1A: "SUBSTITUTE", 0x1B: "ESCAPE",
    0x1C: "FILE SEPARATOR", 0x1D: "GROUP SEPARATOR", 0x1E: "RECORD SEPARATOR",
    0x1F: "UNIT SEPARATOR", 0x7F: "DELETE", 0x85: "NEXT LINE",
}
# Every control but tab and the line ends, the Unicode line and paragraph separators,
# and the two noncharacters XML 1.0 forbids.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(/?)>")
# Elements that never nest (void) or whose end tag may be left out: not counted.
NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody",
    "tfoot", "colgroup"})
CONTAINER_START = frozenset(" \t>-*+0123456789")
BRACKET = re.compile(r"[\[\]]")
# A run of * or _ that opens emphasis (before a word) or closes it (after one).
EMPHASIS = re.compile(r"(?P<open>(?:^|(?<=[\s(\[]))[*_]+(?=[^\s*_]))"
                      r"|(?P<close>(?<=[^\s*_])[*_]+(?=[\s)\].,;:!?]|$))")


def lines_of(text):
    """The lines of a text as editors count them: only \\n, \\r\\n and \\r end a line.

    (``str.splitlines`` also breaks at a vertical tab, U+2028 and others, which
    would put every later line number off.)
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def character_name(char):
    code = ord(char)
    name = CONTROL_NAMES.get(code) or unicodedata.name(char, "") or "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def control_characters(lines):
    """[(line number, character, how many more lines hold it)] of each control character,
    at its first line."""
    first = {}
    for number, line in enumerate(lines, start=1):
        for char in dict.fromkeys(CONTROL.findall(line)):  # in the order they appear
            if char in first:
                first[char][2] += 1
            else:
                first[char] = [number, char, 0]
    return sorted((tuple(entry) for entry in first.values()), key=lambda entry: entry[0])


def container_depth(line):
    """Quotes and lists a line is nested in: each >, list marker and 4 columns of indent."""
    depth, index, length = 0, 0, len(line)
    while index < length:
        start, columns = index, 0
        while index < length and line[index] in " \t":
            columns += 4 if line[index] == "\t" else 1
            index += 1
        depth += columns // 4
        if index < length and line[index] == ">":
            depth += 1
            index += 1
            continue
        marker = LIST_MARKER.match(line, index)
        if marker:
            depth += 1
            index = marker.end()
            continue
        if index == start:
            break
    return depth


def deepest_nesting(lines, limit=None):
    """(line number, depth, what) of the most deeply nested place of a Markdown text, or of
    the first place nested deeper than limit (the scan stops there)."""
    deepest = (None, 0, "")
    fence = None
    html_depth = brackets = emphasis = 0
    for number, line in enumerate(lines, start=1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] \
                    and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if not line.strip():
            brackets = emphasis = 0  # a paragraph ends
            continue
        # Most lines start with a letter: neither quoted, listed nor indented.
        depth = container_depth(line) if line[0] in CONTAINER_START else 0
        what = "quotes and lists"
        if "<" in line:
            for match in HTML_TAG.finditer(line):
                if match.group(2).lower() in NOT_NESTING or match.group(3):
                    continue
                html_depth = max(0, html_depth + (-1 if match.group(1) else 1))
                if html_depth > depth:
                    depth, what = html_depth, "HTML elements"
        if "[" in line or "]" in line:
            for match in BRACKET.finditer(line):
                if match.group() == "[":
                    brackets += 1
                    if brackets > depth:
                        depth, what = brackets, "brackets"
                else:
                    brackets = max(0, brackets - 1)
        if "*" in line or "_" in line:
            for match in EMPHASIS.finditer(line):
                emphasis = emphasis + 1 if match.group("open") else max(0, emphasis - 1)
                if emphasis > depth:
                    depth, what = emphasis, "emphasis (* or _)"
        if depth > deepest[1]:
            deepest = (number, depth, what)
            if limit is not None and depth > limit:
                break
    return deepest


def max_depth(settings):
    return int(settings.get("MAX_NESTING_DEPTH") or DEFAULT_MAX_NESTING_DEPTH)


def too_deep(lines, settings):
    """(line number, depth, what) when a text is nested deeper than the limit, else None."""
    number, depth, what = deepest_nesting(lines, max_depth(settings))
    return (number, depth, what) if depth > max_depth(settings) else None


def refusal(text, settings):
    """Why a Markdown source must not be handed to Markdown (its line), or None."""
    lines = lines_of(text)
    deep = too_deep(lines, settings)
    if deep:
        number, depth, what = deep
        return (f"line {number}: {what} nested {depth} levels deep, over the limit of"
                f" {max_depth(settings)} (MAX_NESTING_DEPTH)")
    controls = control_characters(lines)
    if controls:
        number, char, _ = controls[0]
        return f"line {number}: the control character {character_name(char)}"
    return None
