"""plugins/common/limits.py: a source nested too deeply or holding control characters is
refused, naming its file and line, before Markdown parses it.

The planted mistakes (tests/sites.py) show each message in a full build; these tests show
that Markdown never sees such a file (in a worker of the reading pool or without one), and
that a refused file leaves only the problem that explains it.
"""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
import pytest

from plugins.common import limits
from plugins.common.build import build_of
from plugins.reading.pool import FIGURES, LimitedMarkdownReader, SourceRefused
from tests import sites
from tests.unit.tiny_site import TinySite

DEPTH = 20_000  # Markdown would recurse until Python's RecursionError, minutes later
POOLED = {"READ_POOL_MIN_FILES": 1, "READ_POOL_PROCESSES": 2}
NESTINGS = {
    "quotes": ">" * DEPTH + " deep\n",
    "spaced-quotes": "> " * DEPTH + "deep\n",
    "lists": "".join(" " * (4 * level) + "- item\n" for level in range(DEPTH // 20)),
    "inline-lists": "- " * DEPTH + "deep\n",
    "html": '<div markdown="1">\n' * DEPTH + "deep\n" + "</div>\n" * DEPTH,
    "emphasis": "*a " * DEPTH + "deep" + " a*" * DEPTH + "\n",
    "brackets": "[" * DEPTH + "deep" + "](x)" * DEPTH + "\n",
}


@pytest.fixture
def site():
    site = TinySite("limits-tests-")
    yield site
    site.remove()


@pytest.mark.parametrize("name", NESTINGS)
def test_the_scan_stops_at_the_first_line_over_the_limit(name):
    lines = limits.lines_of(sites.article(NESTINGS[name]))
    number, depth, _ = limits.too_deep(lines, {"MAX_NESTING_DEPTH": 32})
    assert depth > 32 and lines[number - 1].strip()
    # The first line over the limit: the scan stopped there.
    assert limits.deepest_nesting(lines[:number - 1])[1] <= 32


def test_ordinary_writing_is_well_within_the_limit():
    text = (sites.article("> A quote with *emphasis*, **bold** and [a link](x).\n>\n"
                          "> - a list\n>     - nested\n>         - twice\n\n"
                          "<div><p>Some <em>HTML</em></p></div>\n\n```\n" + ">" * 100
                          + "\n```\n"))
    assert limits.deepest_nesting(limits.lines_of(text))[1] <= 4
    assert limits.refusal(text, {}) is None


class Untouchable(Preprocessor):
    def run(self, lines):
        raise AssertionError("Markdown was asked to parse a refused file")


class Untouched(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(Untouchable(md), "untouchable", 100)


def test_the_reader_refuses_before_markdown_parses(site):
    path = site.write("articles/deep.md", sites.article(NESTINGS["quotes"]))
    reader = LimitedMarkdownReader({"MARKDOWN": {"extensions": [Untouched()]},
                                    "FORMATTED_FIELDS": []})
    line = sites.line_of(path, ">>>")
    with pytest.raises(SourceRefused, match=rf"^line {line}: quotes and lists nested 20000 levels"
                                            r" deep, over the limit of 32"):
        reader.read(str(path))
    fine = site.write("articles/fine.md", sites.article())
    with pytest.raises(AssertionError, match="asked to parse"):  # the spy works
        reader.read(str(fine))


@pytest.mark.parametrize("pooled", [True, False], ids=["in-workers", "without-pool"])
def test_a_deeply_nested_file_fails_the_build_naming_file_and_line(site, pooled):
    for number in range(3):
        site.write(f"articles/fine-{number}.md", sites.article())
    paths = {name: site.write(f"articles/{name}.md", sites.article(text))
             for name, text in NESTINGS.items()}
    built = site.build(**(POOLED if pooled else {"READ_POOL": False}))
    assert built.failed
    found = {p.path: p for p in built.problems if p.check == "nesting-too-deep"}
    assert set(found) == {str(path) for path in paths.values()}
    assert all(p.line and p.line >= 9 for p in found.values())  # below the metadata
    # Only the problem that explains it: no RecursionError, no "Could not process".
    assert [p.text() for p in built.problems if p.check == "pelican"] == []
    assert not (site.output / "articles" / "deep").exists()
    if pooled:
        assert build_of(built.settings).plugin_state[FIGURES]["handed_out"] == 10


def test_control_characters_are_named_with_their_line(site):
    path = site.write("articles/controls.md", sites.article(
        "Intro.\n\nA vertical\x0btab, a form\x0cfeed.\n\nA line\u2028separator.\n",
        Title="A NUL\x00 in the title", Slug="controls"))
    built = site.build(REVIEW_TODAY=None)  # the planted review is today's
    assert built.failed
    said = built.messages("control-character")
    tabs, separator = sites.line_of(path, chr(11)), sites.line_of(path, chr(0x2028))
    assert said == [
        f"{path}:1: the invisible control character U+0000 NULL is in the text — delete the"
        " character (it is invisible in most editors: delete the space around the place,"
        " then type it again) [control-character]",
        *[f"{path}:{tabs}: the invisible control character {name} is in the text — delete the"
          " character (it is invisible in most editors: delete the space around the place,"
          " then type it again) [control-character]"
          for name in sorted(["U+000B VERTICAL TAB", "U+000C FORM FEED"])],
        f"{path}:{separator}: the invisible control character U+2028 LINE SEPARATOR is in"
        " the text —"
        " delete the character (it is invisible in most editors: delete the space around"
        " the place, then type it again) [control-character]",
    ]
    # No false "missing field" (lines broken at the vertical tab), no XML error, no file.
    assert {p.check for p in built.problems} == {"control-character"}
    assert not (site.output / "articles" / "controls").exists()
