"""plugins/quick_rebuild: a livereload rebuild after an edit equals a fresh build."""

import datetime as dt
import os
import sys

from pelican import main as pelican_main
from pelican import signals

from bench.generate import generate
from tasks import forget_unfinished_sitemap
from tests.conftest import ROOT, build
from tests.unit.test_parallel_read import assert_same_trees

TODAY = dt.date(2026, 1, 15)


def livereload_build(content, output, cache, ok=True):
    """Build in this process with the settings `invoke livereload` uses."""
    try:
        pelican_main([str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
                      "--log-handler", "plain", "-e", "STRICT_BUILD=false",
                      "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
                      f'CACHE_PATH="{cache}"', "DELETE_OUTPUT_DIRECTORY=false",
                      "SEARCH_INDEX=false", "QUICK_REBUILD=true", "GZIP_CACHE=false"])
    except SystemExit as exit_:
        assert not exit_.code or not ok


def fresh_build(content, output):
    result = build(output, content=content, SEARCH_INDEX=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuilds_after_edits_equal_fresh_builds(tmp_path, content_copy):
    generate(content_copy, 12, today=TODAY)
    articles = content_copy / "articles" / "bench"
    output, cache = tmp_path / "output", tmp_path / "cache"
    livereload_build(content_copy, output, cache)
    quick_rebuild = sys.modules["quick_rebuild.quick_rebuild"]  # as Pelican loaded it
    assert quick_rebuild.state.changed is None  # the first build renders everything

    # A body edit: only the article's own page is rendered again; the other pages'
    # files are not even rewritten.
    article = articles / "article-00004.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                       encoding="utf-8")
    before = {page: page.stat().st_mtime_ns for page in output.rglob("*.html")}
    livereload_build(content_copy, output, cache)
    assert quick_rebuild.state.changed == {os.path.abspath(article)}
    assert_same_trees(output, fresh_build(content_copy, tmp_path / "fresh-1"))
    rewritten = {page.relative_to(output).as_posix() for page, mtime in before.items()
                 if page.stat().st_mtime_ns != mtime}
    assert any("article-00004" in page or "bench-00004" in page for page in rewritten)
    assert len(rewritten) < len(before) / 4, sorted(rewritten)

    # A title edit shows on other pages (lists, related links): everything is rendered.
    edit(articles / "article-00007.md", "Title: ", "Title: Revised: ")
    livereload_build(content_copy, output, cache)
    assert quick_rebuild.state.changed is None
    assert_same_trees(output, fresh_build(content_copy, tmp_path / "fresh-2"))

    # A theme or settings change is not a content edit either.
    livereload_build(content_copy, output, cache)
    assert quick_rebuild.state.changed == set()  # nothing changed: nothing rendered
    (content_copy / "images" / "bench" / "new.png").write_bytes(
        (content_copy / "images" / "bench").glob("*.png").__next__().read_bytes())
    livereload_build(content_copy, output, cache)
    assert quick_rebuild.state.changed is None
    assert_same_trees(output, fresh_build(content_copy, tmp_path / "fresh-3"))


def test_a_problem_in_an_unchanged_file_is_reported_on_every_rebuild(tmp_path, content_copy,
                                                                     capsys):
    generate(content_copy, 3, today=TODAY)
    article = content_copy / "articles" / "bench" / "article-00002.md"
    edit(article, "Category: ", "Category: Knitting\nX-Category: ")
    output, cache = tmp_path / "output", tmp_path / "cache"
    for _ in range(2):  # the second build takes the source checks of the first
        livereload_build(content_copy, output, cache)
        printed = capsys.readouterr()
        assert "article-00002.md:" in printed.err and "[unknown-category]" in printed.err


def test_after_a_build_that_stopped_half_way_everything_is_rendered(tmp_path, content_copy):
    generate(content_copy, 3, today=TODAY)
    output, cache = tmp_path / "output", tmp_path / "cache"
    livereload_build(content_copy, output, cache)
    quick_rebuild = sys.modules["quick_rebuild.quick_rebuild"]
    article = content_copy / "articles" / "bench" / "article-00001.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")

    def stop(path, context):
        raise RuntimeError("the build stops here")

    signals.content_written.connect(stop)
    try:
        livereload_build(content_copy, output, cache, ok=False)
    finally:
        signals.content_written.disconnect(stop)
        forget_unfinished_sitemap()  # as `invoke livereload` does after a failed build
    livereload_build(content_copy, output, cache)
    assert quick_rebuild.state.changed is None
    assert_same_trees(output, fresh_build(content_copy, tmp_path / "fresh"))
