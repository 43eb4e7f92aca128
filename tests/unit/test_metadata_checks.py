"""Metadata the source checks refuse without stopping the build (plugins/checks/sources.py).

The planted mistakes (tests/sites.py) show each message in a full build; these tests
show what a refused value does to the rest of the build: no traceback, no file named
after it, and addresses compared the way the hosts compare them.
"""

import pytest

from tests import sites
from tests.unit.tiny_site import TinySite


def line_of(path, field):
    """The line of a field's header in a written source (the headers' order is the table's)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{field}:"))


@pytest.fixture
def site():
    site = TinySite("metadata-tests-")
    yield site
    site.remove()


def test_an_invalid_language_names_no_file(site):
    path = site.write("articles/lang.md", sites.article(Lang="../../escape", Slug="lang"))
    built = site.build(REVIEW_TODAY=None)
    assert built.failed
    assert [(p.path, p.line, p.check) for p in built.problems] == [
        (str(path), line_of(path, "Lang"), "invalid-language")]
    written = [str(p.relative_to(site.root)) for p in site.root.rglob("*") if p.is_file()]
    assert not any("escape" in name for name in written), written
    assert (site.output / "articles" / "lang" / "index.html").is_file()  # in the default one


@pytest.mark.parametrize("field, value, check", [
    ("Slug", "", "empty-field"),
    ("Template", "no-such-layout", "unknown-template"),
    ("Template", "", "empty-field"),
    ("Tags", "!!!, ???", "tag-address"),
])
def test_a_refused_value_fails_the_build_without_a_traceback(site, field, value, check):
    for number in range(3):  # several articles: Pelican sorts them by slug
        site.write(f"articles/fine-{number}.md", sites.article())
    path = site.write("articles/refused.md", sites.article(**{field: value}))
    built = site.build(READ_POOL_MIN_FILES=1, READ_POOL_PROCESSES=2, REVIEW_TODAY=None)
    assert built.failed
    expected = {(str(path), line_of(path, field), check)}
    assert {(p.path, p.line, p.check) for p in built.problems} == expected


def test_tag_addresses_that_differ_only_in_case_are_one_address(site):
    first = site.write("articles/a.md", sites.article(Tags="Knee"))
    second = site.write("articles/b.md", sites.article(Tags="knee"))
    assert not site.build(REVIEW_TODAY=None).failed  # one tag, one page, written two ways
    built = site.build(REVIEW_TODAY=None, SLUGIFY_PRESERVE_CASE=True)  # two pages...
    assert built.failed  # ...that macOS, Windows and many hosts take for one
    said = built.messages("tag-address")
    assert len(said) == 2
    line = line_of(first, "Tags")
    assert said[0].startswith(f"{first}:{line}: the tag 'Knee' gets the address Knee, which differs"
                              f" only in case from knee, the address of the tag 'knee' (in"
                              f" {second}, line {line_of(second, 'Tags')})")
