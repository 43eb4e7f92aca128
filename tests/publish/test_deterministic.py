"""The same content gives the same production site, byte for byte, every build."""

import pytest

from tests.conftest import build_ok, checksums, read

SEARCH_INDEX_RULE = "\n/pagefind/*\n  Cache-Control: public, max-age=0, must-revalidate\n"


@pytest.fixture(scope="module")
def three_builds(prod_site, tmp_path_factory):
    """The session's production site and two more builds of the same content."""
    root = tmp_path_factory.mktemp("deterministic")
    return [prod_site] + [build_ok(root / name / "output", settings="publishconf.py")
                          for name in ("second", "third")]


def test_three_production_builds_are_byte_identical(three_builds):
    first, *others = [checksums(site) for site in three_builds]
    # what is most likely to differ is there: the search index, host files, sitemap, copies
    assert {"_headers", ".nojekyll", "sitemap.xml", "sitemap.xml.gz", "index.html.br",
            "pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= set(first)
    assert any(name.endswith(".pf_fragment") for name in first)
    assert any(name.endswith(".pf_index") for name in first)
    for other in others:
        assert sorted(other) == sorted(first)
        assert [name for name in first if other[name] != first[name]] == []


def test_every_headers_file_holds_the_search_index_rule(three_builds):
    for site in three_builds:
        assert SEARCH_INDEX_RULE in read(site / "_headers"), site
