"""plugins/reading/pool.py: the same site, its Markdown read in worker processes.

The output trees are compared on full builds (each variant built once per module);
what the pool does with warnings, errors and few files is seen on tiny sites built
in this process, through the build's report and the pool's figures.
"""

import datetime as dt
import filecmp
import os
from pathlib import Path
import shutil
import subprocess

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
import pytest

from bench.generate import generate
from plugins.common.build import build_of
from plugins.reading.pool import FIGURES
from scripts.build import (
    CONTENT,
    DEV_SETTINGS,
    MARKER,
    PROD_SETTINGS,
    ROOT,
    build,
    pelican_args,
)
from tests.unit.tiny_site import TinySite

TODAY = dt.date.today()  # the generated reviews are recent: none is overdue
POOL_SAID = "reading pool:"  # the pool's summary, logged at INFO once every file is read
# Every Markdown file in the pool, even the real site's 32, with two workers on any machine.
POOLED = {"READ_POOL_MIN_FILES": 1, "READ_POOL_PROCESSES": 2}
ARTICLE = """Title: Article {number}
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: 2024-06-15
Summary: About article {number}.

Text of article {number}, with *emphasis* and a [link](https://example.org).
"""


def tree(root):
    """The files Pelican wrote (not the marker scripts/build.py adds to a finished build)."""
    return sorted(p.relative_to(root) for p in Path(root).rglob("*")
                  if p.is_file() and p.name != MARKER)


def assert_same_trees(left, right):
    files = tree(left)
    assert files, f"{left} is empty"
    assert files == tree(right)
    different = [f for f in files if not filecmp.cmp(left / f, right / f, shallow=False)]
    assert different == []


def pooled_build(output, settings, content):
    """Build with the pool (the command line of scripts/build.py, its INFO records shown)."""
    result = subprocess.run(
        [*pelican_args(settings, output, content, POOLED), "--log-handler", "rich", "-v"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, COLUMNS="400"))
    assert result.returncode == 0, result.stdout + result.stderr
    # Guard against a vacuous comparison: the workers really read the files.
    said = [line for line in (result.stdout + result.stderr).splitlines() if POOL_SAID in line]
    assert said and " 0 Markdown files" not in said[0], result.stdout + result.stderr
    return output


def plain_build(output, settings, content):
    result = build(output, settings, content, overrides={"READ_POOL": False})
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The real content and 60 generated articles."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    shutil.copytree(CONTENT, content)
    generate(content, 60, today=TODAY)
    return content


@pytest.fixture(scope="module")
def trees(tmp_path_factory, corpus, dev_site, prod_site):
    """{(site, settings, pooled): output folder}, each built once. The session's builds of the
    real site are read without the pool (its folders hold fewer than READ_POOL_MIN_FILES)."""
    built = {("real", "dev", False): dev_site, ("real", "prod", False): prod_site}
    for name, settings in (("dev", DEV_SETTINGS), ("prod", PROD_SETTINGS)):
        built["real", name, True] = pooled_build(tmp_path_factory.mktemp(f"real-{name}")
                                                 / "pooled", settings, CONTENT)
    folder = tmp_path_factory.mktemp("corpus-prod")
    built["corpus", "prod", True] = pooled_build(folder / "pooled", PROD_SETTINGS, corpus)
    built["corpus", "prod", False] = plain_build(folder / "plain", PROD_SETTINGS, corpus)
    return built


@pytest.mark.parametrize("site, settings", [("real", "dev"), ("real", "prod"),
                                            ("corpus", "prod")])
def test_output_is_byte_identical_with_and_without_the_pool(trees, site, settings):
    assert_same_trees(trees[site, settings, True], trees[site, settings, False])


def test_the_corpus_holds_the_generated_articles(trees):
    assert (trees["corpus", "prod", True] / "articles" / "bench-00059" / "index.html").is_file()


# --- Tiny sites, built in this process -------------------------------------------------


@pytest.fixture
def site():
    site = TinySite("reading-pool-tests-")
    yield site
    site.remove()


def write_articles(site, count):
    for number in range(count):
        site.write(f"articles/article-{number}.md", ARTICLE.format(number=number))


def figures(built):
    return build_of(built.settings).plugin_state.get(FIGURES)


def test_a_warning_logged_in_a_worker_is_in_the_report_and_fails_the_build(site):
    write_articles(site, 4)
    duplicated = site.write("articles/article-2.md",
                            "Category: Conditions\n" + ARTICLE.format(number=2))
    # Without the content checks, which say it better (repeated-field), Pelican's own words.
    built = site.build(**POOLED, CONTENT_CHECKS=False)
    assert figures(built)["from_workers"] == 4  # the worker read it...
    assert built.failed  # ...and its warning is an error of the report, as without the pool
    said = [text for text in built.messages("pelican") if "Duplicate definition" in text]
    assert said == [f"Duplicate definition of `category` for {duplicated}. Using first one."
                    " [pelican]"]


def test_the_same_problems_with_and_without_the_pool(tmp_path):
    """A file no reader can read (not UTF-8): the worker fails, Pelican reads it here, fails
    and says so as it always does; the report is the same as without the pool."""
    reports = {}
    for pooled in (True, False):
        site = TinySite("reading-pool-tests-")
        try:
            write_articles(site, 4)
            site.write("articles/latin1.md", ARTICLE.format(number="é").encode("latin-1"))
            built = site.build(**(POOLED if pooled else {"READ_POOL": False}))
            assert built.failed
            reports[pooled] = [text.replace(str(site.root), "ROOT") for text in built.messages()]
            if pooled:
                assert figures(built) == {"processes": 2, "handed_out": 5, "from_workers": 4,
                                          "read_again": 1}
        finally:
            site.remove()
    assert reports[True] == reports[False]
    assert any("not-utf8" in text for text in reports[True])


class FailInWorkers(Extension):
    """A Markdown extension that fails in any process but the one that made it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pid = os.getpid()

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(FailingPreprocessor(md, self.pid), "fail-in-workers", 100)


class FailingPreprocessor(Preprocessor):
    def __init__(self, md, pid):
        super().__init__(md)
        self.pid = pid

    def run(self, lines):
        if os.getpid() != self.pid:
            raise RuntimeError("this worker cannot read the file")
        return lines


def test_a_file_a_worker_fails_on_is_read_again_here(site):
    write_articles(site, 3)
    markdown = {"extensions": [FailInWorkers()], "output_format": "html5"}
    built = site.build(MARKDOWN=markdown, **POOLED)
    assert not built.failed, built.messages()
    assert figures(built) == {"processes": 2, "handed_out": 3, "from_workers": 0,
                              "read_again": 3}
    assert "Text of article 1" in site.read("articles/article-1/index.html")


def test_few_files_are_read_without_starting_workers(site):
    write_articles(site, 3)
    built = site.build(READ_POOL_PROCESSES=2)  # READ_POOL_MIN_FILES: 32 by default
    assert not built.failed, built.messages()
    assert figures(built) is None
    assert "Text of article 2" in site.read("articles/article-2/index.html")


def test_no_pool_when_the_content_cache_is_loaded(site):
    write_articles(site, 3)
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
             "CACHE_PATH": str(site.root / "cache")}
    built = site.build(**cache, **POOLED)
    assert not built.failed, built.messages()
    assert figures(built) is None
