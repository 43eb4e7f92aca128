"""Make Python-Markdown skip inline patterns that cannot match, with the same output.

Python-Markdown tries every inline pattern (about 30 with ``extra``, ``toc``
and ``smarty``) on every piece of text, one Python call each, even where the
pattern's regular expression finds nothing; that is most of the Markdown
time of a build (``smarty`` alone nearly doubles it). This plugin adds a
Markdown extension whose inline processor first runs the pattern's compiled
expression itself and moves to the next pattern when it finds nothing. The
original code returns ``(data, False, 0)`` in exactly that case, so the
result is the same; patterns of the old style, or that compile their
expression differently, are always tried. ``tests/unit/test_inline_prescreen.py``
compares the HTML with and without the extension.

Before even that search, a pattern is skipped when the text holds none of
the characters every match of its expression must contain (worked out once
from the expression's parsed form: ``[`` for links, a quote for most of
smarty's patterns, ...). Most text holds none of them, and ``in`` on a
string is much faster than a search by an expression that starts with a
look-behind or a class (smarty's do): Markdown time of the benchmark
articles 5.9 -> 4.5 ms each.

Settings:
``INLINE_PRESCREEN`` (default ``True``): ``False`` leaves Python-Markdown as it is.
"""

import re

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from pelican import signals

try:  # Python 3.11+; the same module was public as sre_parse before
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_parse

# Importable name of the extension (a string keeps the settings picklable for the cache).
EXTENSION = "inline_prescreen.inline_prescreen:InlinePrescreenExtension"
# Larger sets of characters cost more to look for than the search they would save.
MOST_CHARACTERS = 4
REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT,
           getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT)}


def needed_characters(items):
    """A small set of characters at least one of which is in any text that the
    parsed expression items match, or None when there is no such set."""
    best = None
    for op, argument in items:
        found = None
        if op is sre_parse.LITERAL:
            found = {chr(argument)}
        elif op is sre_parse.IN:
            if all(kind is sre_parse.LITERAL for kind, _ in argument):
                found = {chr(code) for _, code in argument}
        elif op is sre_parse.SUBPATTERN:
            _group, add_flags, _del_flags, pattern = argument
            if not add_flags & re.IGNORECASE:
                found = needed_characters(pattern)
        elif op in REPEATS:
            low, _high, pattern = argument
            if low >= 1:
                found = needed_characters(pattern)
        elif op is getattr(sre_parse, "ATOMIC_GROUP", None):
            found = needed_characters(argument)
        elif op is sre_parse.ASSERT:  # a look-ahead or look-behind: inside the text too
            found = needed_characters(argument[1])
        elif op is sre_parse.BRANCH:
            branches = [needed_characters(branch) for branch in argument[1]]
            if all(branch is not None for branch in branches):
                found = set().union(*branches)
        # Anything else (negative look-arounds, classes, any character, anchors,
        # back-references) tells nothing about the characters of the text.
        if found is not None and len(found) <= MOST_CHARACTERS \
                and (best is None or commonness(found) < commonness(best)):
            best = found
    return best


def commonness(characters):
    """How often text is likely to hold one of characters: spaces and letters often."""
    return sum(3 if c == " " or c.isalnum() else 1 for c in characters)


def screen(expression):
    """The characters to look for before searching expression (a tuple), or None."""
    if expression.flags & re.IGNORECASE:
        return None
    try:
        found = needed_characters(sre_parse.parse(expression.pattern, expression.flags))
    except Exception:  # noqa: BLE001 - an expression this cannot read is simply always searched
        return None
    return tuple(sorted(found)) if found else None


# Compiled expression -> screen(expression): the same patterns come back for every document.
screens = {}


class PrescreenedInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping patterns that cannot match."""

    def run(self, tree, ancestors=None):
        # (pattern, its compiled expression or None when it must always be tried,
        #  characters one of which its matches contain or None)
        self.prescreen = []
        for pattern in self.inlinePatterns:
            expression = None
            if isinstance(pattern, InlinePattern) \
                    and type(pattern).getCompiledRegExp is Pattern.getCompiledRegExp:
                expression = pattern.compiled_re
            characters = screens.get(expression) if expression is not None else None
            if expression is not None and expression not in screens:
                characters = screens[expression] = screen(expression)
            self.prescreen.append((pattern, expression,
                                   None if characters is None else frozenset(characters)))
        # Every character some pattern looks for: which of them a text holds is
        # found once per text (and again after a pattern changed it).
        self.screened = frozenset().union(*(chars for _, _, chars in self.prescreen if chars))
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802
        # Same loop as InlineProcessor.__handleInline, with the pre-screen.
        if isinstance(data, util.AtomicString):
            return data
        prescreen = self.prescreen
        apply_pattern = self._InlineProcessor__applyPattern
        start = 0
        count = len(prescreen)
        present = None  # the screened characters data holds, once needed
        while patternIndex < count:
            pattern, expression, characters = prescreen[patternIndex]
            if expression is not None:
                if characters is not None and present is None:
                    present = {c for c in self.screened if c in data}
                if (characters is not None and present.isdisjoint(characters)) \
                        or expression.search(data, start) is None:
                    start = 0  # what __applyPattern returns when nothing matches
                    patternIndex += 1
                    continue
            data, matched, start = apply_pattern(pattern, data, patternIndex, start)
            if matched:
                present = None  # data changed
            else:
                patternIndex += 1
        return data


class PrescreenAll(Treeprocessor):
    """Runs first on every document: turns every plain inline processor into a
    pre-screening one, Python-Markdown's own ("inline") and those extensions
    add (smarty has its own), whatever order the extensions were loaded in."""

    def run(self, root):
        for processor in self.md.treeprocessors:
            if type(processor) is InlineProcessor:
                processor.__class__ = PrescreenedInlineProcessor  # no state of its own


class InlinePrescreenExtension(Extension):
    """Python-Markdown extension: register PrescreenAll before every tree processor."""

    def extendMarkdown(self, md):  # noqa: N802
        md.treeprocessors.register(PrescreenAll(md), "inline_prescreen", 1000)


def add_extension(readers):
    """Add the extension to the MARKDOWN setting (once)."""
    if not readers.settings.get("INLINE_PRESCREEN", True):
        return
    extensions = readers.settings["MARKDOWN"].setdefault("extensions", [])
    if EXTENSION not in extensions:
        extensions.append(EXTENSION)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.readers_init.connect(add_extension)
