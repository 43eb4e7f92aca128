"""plugins/output/quick_writer.py: a livereload rebuild after an edit equals a fresh build.

One folder is rebuilt in place with `invoke livereload`'s command line (tasks.livereload_args:
content cache, quick rebuilds) after each edit, and compared with a fresh build of the same
content (no cache, nothing kept). The builds' INFO lines say whether the rebuild was quick.
"""

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import zlib

import pytest

from bench.generate import generate
from plugins.output.quick_writer import DEFAULT_OWN_PAGE_ONLY, TOKEN_FILE
from scripts.build import CONTENT, MARKER, ROOT, build
import tasks
from tests.unit.test_reading_pool import tree

QUICK = "quick rebuild: 1 changed content(s) rendered"
EVERYTHING = "every page is rendered"


def assert_same_trees(livereload, fresh):
    """The same files with the same bytes, but the quick writer's token (and the marker of
    scripts/build.py, which the livereload task writes, not Pelican)."""
    files = [f for f in tree(livereload) if f.name not in (TOKEN_FILE, MARKER)]
    assert files and files == [f for f in tree(fresh) if f.name != MARKER]
    assert [f for f in files if (livereload / f).read_bytes() != (fresh / f).read_bytes()] == []


def png(width, height, rgb):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


class Livereload:
    """A content folder, its livereload output rebuilt in place, and fresh builds of it."""

    def __init__(self, root):
        self.root = root
        self.content = root / "content"
        shutil.copytree(CONTENT, self.content)
        generate(self.content, 8, today=dt.date.today())
        self.output = root / "livereload"
        # Smaller copies of images made here, not in the project's cache.
        self.overrides = {"IMAGE_DERIVATIVE_CACHE": str(root / "derivatives")}
        self.fresh_builds = 0

    def rebuild(self):
        """One livereload build; its log (INFO lines too)."""
        args = tasks.livereload_args(False, self.content, self.output, self.root / "cache",
                                     self.overrides)
        result = subprocess.run([*args, "--log-handler", "rich", "-v"], cwd=ROOT,
                                capture_output=True, text=True, timeout=600,
                                env=dict(os.environ, COLUMNS="400"))
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def assert_same_as_fresh(self):
        self.fresh_builds += 1
        fresh = self.root / f"fresh-{self.fresh_builds}"
        result = build(fresh, content=self.content,
                       overrides={**self.overrides, "SEARCH_INDEX": False})  # as livereload
        assert result.returncode == 0, result.stdout + result.stderr
        assert_same_trees(self.output, fresh)

    def edit(self, relative, change):
        path = self.content / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Livereload(tmp_path_factory.mktemp("quick-writer"))
    log = site.rebuild()
    assert "quick rebuild:" not in log  # the first build renders everything, quietly
    return site


ARTICLE = "articles/bench/article-00003.md"


def test_1_a_rebuild_without_an_edit_renders_nothing_and_changes_nothing(site):
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert "quick rebuild: 0 changed content(s) rendered" in log


def test_2_after_a_body_edit_only_that_page_is_rendered_and_the_site_is_as_fresh(site):
    site.edit(ARTICLE, lambda text: text + "\nA new closing paragraph, with *emphasis*.\n")
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert QUICK in log


def test_3_after_a_title_edit_every_page_is_rendered(site):
    site.edit(ARTICLE, lambda text: text.replace("Title: ", "Title: Edited: ", 1))
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert EVERYTHING in log


def test_4_after_an_image_edit_every_page_is_rendered(site):
    (site.content / "images" / "bench" / "figure-2.png").write_bytes(png(80, 30, (10, 20, 30)))
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert EVERYTHING in log


def test_5_a_body_edit_after_them_is_quick_again(site):
    site.edit("pages/bench/page-2.md", lambda text: text + "\nOne more sentence.\n")
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert QUICK in log


def test_6_an_output_replaced_by_another_build_is_rendered_again(site):
    shutil.rmtree(site.output)
    result = build(site.output, content=site.content,
                   overrides={**site.overrides, "SEARCH_INDEX": False})
    assert result.returncode == 0, result.stdout + result.stderr
    site.edit(ARTICLE, lambda text: text + "\nAnd another paragraph.\n")
    log = site.rebuild()
    site.assert_same_as_fresh()
    assert "quick rebuild:" not in log  # no token in this folder: everything rendered


def test_the_figures_left_out_of_what_other_pages_show_are_shown_on_their_own_page_only():
    """QUICK_REBUILD_OWN_PAGE_ONLY is right only while no template shows these on another
    content's page: each is written article.NAME, in the article's own layout."""
    for template in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for name in DEFAULT_OWN_PAGE_ONLY:
            for match in re.finditer(rf"\b{name}\b", text):
                before = text[:match.start()]
                assert template.name == "article.html" and before.endswith("article."), \
                    f"{template}: {text[match.start() - 20:match.end()]}"
