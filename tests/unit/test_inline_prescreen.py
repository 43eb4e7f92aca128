"""plugins/inline_prescreen: Python-Markdown gives the same HTML, with fewer pattern calls."""

import copy
import datetime as dt
from pathlib import Path
import random
import re

import markdown
import pytest

from bench.generate import generate
from pelicanconf import MARKDOWN
from plugins.inline_prescreen.inline_prescreen import (
    InlinePrescreenExtension,
    PrescreenedInlineProcessor,
    screen,
)
from tests.conftest import CONTENT, build
from tests.unit.test_parallel_read import assert_same_trees

TRICKY = """Title: Quotes -- dashes... and "smart" 'quotes'

Dr. O'Neil's "hands-on" care --- it's 'gentle' <<really>> & fast... 1/2 of 5' 10".

*Emphasis*, **strong**, _under_, __dunder__, `code with "quotes" -- and *stars*`,
a [link](https://example.org "title's here") and ![an image](/x.png), <b>raw html</b>,
&amp; &#169; &copy;, an autolink <https://example.org>, a mail <care@example.org>,
a footnote[^1], HTML5 abbr, a\\*escaped\\* star, line break at end\u0020\u0020
next line.

*[HTML5]: HyperText Markup Language 5

[^1]: The "footnote" -- with 'quotes'.

| A "cell" | B -- cell |
| --- | --- |
| it's | ... |
"""


def convert(text, prescreen):
    settings = copy.deepcopy(MARKDOWN)
    extensions = list(settings["extension_configs"]) + ["markdown.extensions.meta"]
    if prescreen:
        extensions.append(InlinePrescreenExtension())
    md = markdown.Markdown(extensions=extensions,
                           extension_configs=settings["extension_configs"],
                           output_format=settings["output_format"])
    html = md.convert(text)
    return html, md


def test_same_html_with_and_without_the_prescreen(tmp_path):
    generate(tmp_path, 40, today=dt.date(2026, 1, 15))
    sources = [TRICKY, *(p.read_text(encoding="utf-8") for p in sorted(CONTENT.rglob("*.md")))]
    sources += [p.read_text(encoding="utf-8") for p in sorted(tmp_path.rglob("*.md"))]
    for text in sources:
        assert convert(text, True)[0] == convert(text, False)[0]


def test_every_inline_processor_is_prescreened_including_smarty():
    html, md = convert(TRICKY, True)
    assert "&ldquo;hands-on&rdquo;" in html  # smarty ran
    for name in ("inline", "smarty"):
        assert isinstance(md.treeprocessors[name], PrescreenedInlineProcessor), name


def test_site_output_is_byte_identical_with_and_without_the_prescreen(
        tmp_path: Path, content_copy):
    generate(content_copy, 8, today=dt.date(2026, 1, 15))
    for name, on in (("with", True), ("without", False)):
        result = build(tmp_path / name, content=content_copy, INLINE_PRESCREEN=on)
        assert result.returncode == 0, result.stdout + result.stderr
    assert_same_trees(tmp_path / "with", tmp_path / "without")


@pytest.mark.parametrize("expression, characters", [
    (r"(?<!\.)\.{3}(?!\.)", (".",)),
    (r"  \n", ("\n",)),  # the rarer character of a sequence
    (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("\\", "`")),  # either branch
    (r"a?b*(?=c)", ("c",)),  # optional parts tell nothing, a look-ahead does
    (r"(?<=[^\s])'", ("'",)),
    (r"(\s|--)'", ("'",)),
    (r"[<>]{2}", ("<", ">")),
    (r"\w+", None), (r"(?!x)", None), (r"x|\s", None), (r"[^x]y?", None),
    (r"(?i)q!", None),  # case-insensitive: not screened at all
])
def test_characters_every_match_needs(expression, characters):
    assert screen(re.compile(expression)) == characters


def test_no_pattern_is_skipped_on_a_text_it_matches():
    _html, md = convert(TRICKY, True)
    expressions = [pattern.compiled_re for name in ("inline", "smarty")
                   for pattern in md.treeprocessors[name].inlinePatterns
                   if hasattr(pattern, "compiled_re")]
    alphabet = "ab 1\n\t.-'\"`*_[]()!<>&;#:/@\\\x02\x03^{}|~=+s"
    rng = random.Random(8)
    texts = [TRICKY] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
                        for _ in range(20000)]
    screened = 0
    for expression in expressions:
        characters = screen(expression)
        if characters is None:
            continue
        screened += 1
        for text in texts:
            if expression.search(text):
                assert any(c in text for c in characters), (expression.pattern, text)
    assert screened >= 25  # smarty's and Python-Markdown's own patterns
