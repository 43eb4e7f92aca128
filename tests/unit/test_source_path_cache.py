"""plugins/source_path_cache: the same site, with each relative source path worked out once."""

import datetime as dt
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from bench.generate import generate
from plugins.source_path_cache import source_path_cache
from tests.conftest import build
from tests.unit.test_parallel_read import assert_same_trees


def test_site_output_is_byte_identical_with_and_without_the_cache(tmp_path: Path, content_copy):
    generate(content_copy, 8, today=dt.date(2026, 1, 15))
    for name, on in (("with", True), ("without", False)):
        result = build(tmp_path / name, content=content_copy, SOURCE_PATH_CACHE=on)
        assert result.returncode == 0, result.stdout + result.stderr
    assert_same_trees(tmp_path / "with", tmp_path / "without")


def test_a_changed_source_path_or_content_folder_is_worked_out_again(tmp_path, monkeypatch):
    monkeypatch.setattr(Article, "get_relative_source_path",
                        source_path_cache.get_relative_source_path)
    settings = dict(DEFAULT_CONFIG, PATH=str(tmp_path), SOURCE_PATH_CACHE=True)
    article = Article("<p>x</p>", metadata={"title": "A"}, settings=settings,
                      source_path=str(tmp_path / "articles" / "a.md"))
    assert article.get_relative_source_path() == "articles/a.md"
    assert article.get_relative_source_path() == "articles/a.md"  # kept
    article.source_path = str(tmp_path / "pages" / "b.md")
    assert article.get_relative_source_path() == "pages/b.md"
    settings["PATH"] = str(tmp_path / "pages")
    assert article.get_relative_source_path() == "b.md"
    # Another path asked for explicitly is never taken from the cache, nor a relative one.
    assert article.get_relative_source_path(str(tmp_path / "pages" / "c.md")) == "c.md"
    settings["PATH"] = "pages"  # relative: the answer depends on the working folder
    article.source_path = str(tmp_path / "pages" / "e.md")
    (tmp_path / "pages").mkdir()
    monkeypatch.chdir(tmp_path)
    assert article.get_relative_source_path() == "e.md"
    monkeypatch.chdir(tmp_path / "pages")
    assert article.get_relative_source_path() == "../e.md"
