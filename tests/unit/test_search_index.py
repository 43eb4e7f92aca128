"""plugins/search: the index built in the background is the one built in line."""

import filecmp
from pathlib import Path
import tempfile

from tests.conftest import build, build_ok


def tree(root):
    return sorted(p.relative_to(root) for p in Path(root).rglob("*") if p.is_file())


def test_background_index_is_byte_identical_to_the_index_built_in_line(tmp_path):
    # Production: the later steps (minify, hashed names) rewrite the pages while
    # Pagefind runs in the background.
    background = build_ok(tmp_path / "background", settings="publishconf.py")
    in_line = build_ok(tmp_path / "in-line", settings="publishconf.py",
                       SEARCH_INDEX_BACKGROUND=False)
    index = tree(background / "pagefind")
    assert index == tree(in_line / "pagefind")
    assert any(name.suffix == ".pf_fragment" for name in index)
    different = [name for name in index
                 if not filecmp.cmp(background / "pagefind" / name, in_line / "pagefind" / name,
                                    shallow=False)]
    assert different == []


def test_the_copy_of_the_pages_is_removed(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("search-pages-*"))
    build_ok(tmp_path / "site")
    assert set(Path(tempfile.gettempdir()).glob("search-pages-*")) == before


def test_a_failing_pagefind_fails_the_build(tmp_path):
    # An index folder that is a file: Pagefind cannot write there.
    result = build(tmp_path / "site", SEARCH_INDEX_DIR="robots.txt")
    assert result.returncode != 0
    assert "search: pagefind failed" in result.stdout + result.stderr
