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

Settings:
``INLINE_PRESCREEN`` (default ``True``): ``False`` leaves Python-Markdown as it is.
"""

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from pelican import signals

# Importable name of the extension (a string keeps the settings picklable for the cache).
EXTENSION = "inline_prescreen.inline_prescreen:InlinePrescreenExtension"


class PrescreenedInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping patterns that cannot match."""

    def run(self, tree, ancestors=None):
        # (pattern, its compiled expression or None when it must always be tried)
        self.prescreen = [
            (pattern, pattern.compiled_re if isinstance(pattern, InlinePattern)
             and type(pattern).getCompiledRegExp is Pattern.getCompiledRegExp else None)
            for pattern in self.inlinePatterns
        ]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802
        # Same loop as InlineProcessor.__handleInline, with the pre-screen.
        if isinstance(data, util.AtomicString):
            return data
        prescreen = self.prescreen
        apply_pattern = self._InlineProcessor__applyPattern
        start = 0
        count = len(prescreen)
        while patternIndex < count:
            pattern, expression = prescreen[patternIndex]
            if expression is not None and expression.search(data, start) is None:
                start = 0  # what __applyPattern returns when nothing matches
                patternIndex += 1
                continue
            data, matched, start = apply_pattern(pattern, data, patternIndex, start)
            if not matched:
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
