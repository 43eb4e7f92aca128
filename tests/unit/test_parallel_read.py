"""plugins/parallel_read: the same output bytes, with the work spread over processes."""

import datetime as dt
import filecmp
import os
from pathlib import Path
import subprocess
import sys

from bench.generate import generate
from tests.conftest import ROOT, build

TODAY = dt.date(2026, 1, 15)


def tree(root):
    """Every file under root, as relative paths."""
    return sorted(p.relative_to(root) for p in Path(root).rglob("*") if p.is_file())


def assert_same_trees(left, right):
    files = tree(left)
    assert files == tree(right)
    different = [f for f in files if not filecmp.cmp(left / f, right / f, shallow=False)]
    assert different == []


def debug_build(output, content, *overrides):
    """Build with Pelican's debug log (shows whether the pool was used).

    The rich handler: the plain one leaves debug messages out. Wide, so no
    message is wrapped."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
         "-o", str(output), "-D", "-e", *overrides],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, COLUMNS="400"),
    )


def test_output_is_byte_identical_with_and_without_parallel_reading(tmp_path, content_copy):
    generate(content_copy, 12, today=TODAY)
    parallel = debug_build(tmp_path / "parallel", content_copy, "PARALLEL_READ_MIN_FILES=1")
    assert parallel.returncode == 0, parallel.stdout + parallel.stderr
    # Guard against a vacuous comparison: the pool really read the files.
    assert "parallel_read: reading" in parallel.stdout + parallel.stderr
    serial = build(tmp_path / "serial", content=content_copy, PARALLEL_READ=False)
    assert serial.returncode == 0, serial.stdout + serial.stderr
    assert_same_trees(tmp_path / "parallel", tmp_path / "serial")


def test_production_output_is_byte_identical(tmp_path, content_copy):
    generate(content_copy, 12, today=TODAY)
    for name, on in (("parallel", True), ("serial", False)):
        result = build(tmp_path / name, settings="publishconf.py", content=content_copy,
                       PARALLEL_READ=on, PARALLEL_READ_MIN_FILES=1)
        assert result.returncode == 0, result.stdout + result.stderr
    assert_same_trees(tmp_path / "parallel", tmp_path / "serial")


def test_a_warning_logged_while_reading_in_a_worker_still_fails_the_build(
        tmp_path, content_copy):
    generate(content_copy, 12, today=TODAY)
    article = content_copy / "articles" / "bench" / "article-00003.md"
    article.write_text("Category: Treatments\n" + article.read_text(encoding="utf-8"),
                       encoding="utf-8")
    parallel = debug_build(tmp_path / "parallel", content_copy, "PARALLEL_READ_MIN_FILES=1")
    assert "parallel_read: reading" in parallel.stdout + parallel.stderr
    serial = build(tmp_path / "serial", content=content_copy, PARALLEL_READ=False)
    for result in (parallel, serial):
        assert result.returncode != 0
        assert "Duplicate definition of `category`" in result.stdout + result.stderr


def test_few_files_are_read_without_starting_workers(tmp_path, content_copy):
    generate(content_copy, 3, today=TODAY)
    result = debug_build(tmp_path / "out", content_copy, "PARALLEL_READ_MIN_FILES=100")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "parallel_read: reading" not in result.stdout + result.stderr


def test_content_cache_rebuild_is_byte_identical_to_a_fresh_build(tmp_path, content_copy):
    """livereload's settings: the second build loads the content cache and re-reads only
    the edited article; its output must equal a build without any cache."""
    generate(content_copy, 12, today=TODAY)
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
              "CACHE_PATH": str(tmp_path / "cache"), "DELETE_OUTPUT_DIRECTORY": False}
    first = build(tmp_path / "cached", content=content_copy, **cached)
    assert first.returncode == 0, first.stdout + first.stderr
    article = content_copy / "articles" / "bench" / "article-00004.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                       encoding="utf-8")
    second = build(tmp_path / "cached", content=content_copy, **cached)
    assert second.returncode == 0, second.stdout + second.stderr
    assert any((tmp_path / "cache").iterdir())  # the cache was really written and used
    fresh = build(tmp_path / "fresh", content=content_copy)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert_same_trees(tmp_path / "cached", tmp_path / "fresh")


FOOTNOTES_AND_ABBR = """Title: Notes
Summary: A "summary" with a footnote-free *body*.

## Same heading

Text with a note[^1] and HTML5 twice: HTML5.

## Same heading

*[HTML5]: HyperText Markup Language 5

[^1]: The note.
"""


def test_a_reused_markdown_reads_every_file_as_a_new_one_would(tmp_path, monkeypatch):
    """The workers reset one Markdown instance between files instead of building one per
    file: footnotes, abbreviations, heading ids and metadata must not leak from one
    file into the next."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    from plugins.parallel_read import parallel_read

    generate(tmp_path, 6, today=TODAY)
    (tmp_path / "notes.md").write_text(FOOTNOTES_AND_ABBR, encoding="utf-8")
    files = sorted(str(p) for p in (ROOT / "content").rglob("*.md"))
    files += sorted(str(p) for p in tmp_path.rglob("*.md"))
    tricky = str(tmp_path / "notes.md")
    files = [tricky, *files, tricky]  # first, last and in between
    reader = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    fresh = [reader.read(path) for path in files]
    monkeypatch.setattr("pelican.readers.Markdown", parallel_read.reused_markdown)
    reused = [reader.read(path) for path in files]
    assert len(parallel_read._markdowns) == 1  # one instance did every file
    assert reused == fresh
    assert 'id="same-heading_1"' in fresh[0][0] and 'class="footnote"' in fresh[0][0]
