"""output.search_index: Pagefind indexes a copy of the pages, in the background."""

import filecmp
from pathlib import Path
import sys
import tempfile

from pelican.settings import read_settings
import pytest

from plugins.common.build import build_of
from plugins.output import search_index
from tests.unit.tiny_site import ROOT, TinySite

PAGE = ('<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        '<nav>Home</nav><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body>'
        '</html>')
PAGES = {
    "knee/index.html": ("Knee pain", "Physical therapy eases pain around the kneecap."),
    "neck/index.html": ("Neck pain", "Massage and exercises for a stiff neck."),
    "back/index.html": ("Back pain", "Exercises for the lower back, at home and here."),
}


def write_pages(output):
    for relative, (title, text) in PAGES.items():
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return output


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The folder the step's copy of the pages goes to (tempfile's), watched by the test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def index_of(output, **settings):
    build = build_of({**settings, "OUTPUT_PATH": str(output)})
    search_index.run(build)
    build.finish_background()
    return build


def test_the_index_is_of_the_pages_as_they_were_when_the_step_ran(tmp_path, temp_folder):
    rewritten, unchanged = write_pages(tmp_path / "rewritten"), write_pages(tmp_path / "same")
    build = build_of({"OUTPUT_PATH": str(rewritten)})
    search_index.run(build)
    assert len(build.waiting) == 1  # Pagefind runs in the background...
    # ...while the later steps rewrite the pages (minifying, hashed names, a removed page).
    (rewritten / "knee/index.html").write_text(PAGE.format(title="Elbow", text="Tennis elbow."))
    (rewritten / "neck/index.html").unlink()
    build.finish_background()
    assert index_of(unchanged).report.problems == [] and build.report.problems == []

    index = tree(rewritten / "pagefind")
    assert "pagefind.js" in index
    assert len([name for name in index if name.endswith(".pf_fragment")]) == len(PAGES)
    assert index == tree(unchanged / "pagefind")
    different = [name for name in index
                 if not filecmp.cmp(rewritten / "pagefind" / name, unchanged / "pagefind" / name,
                                    shallow=False)]
    assert different == []


def test_the_copy_of_the_pages_is_removed(tmp_path, temp_folder):
    build = build_of({"OUTPUT_PATH": str(write_pages(tmp_path / "site"))})
    search_index.run(build)
    copies = list(temp_folder.glob("search-pages-*"))
    assert len(copies) == 1 and tree(copies[0]) == sorted(PAGES)  # the pages, nothing else
    build.finish_background()
    assert list(temp_folder.iterdir()) == []
    assert build.report.problems == []


def errors(build):
    return [(p.check, p.message) for p in build.report.errors()]


def test_a_failing_pagefind_is_an_error_in_the_report(tmp_path, temp_folder):
    site = write_pages(tmp_path / "site")
    (site / "robots.txt").write_text("User-agent: *\n")  # an index folder that is a file
    build = index_of(site, SEARCH_INDEX_DIR="robots.txt")
    [(check, message)] = errors(build)
    assert check == "search-index" and message.startswith("Pagefind failed: ")
    assert list(temp_folder.iterdir()) == []


def test_a_missing_pagefind_is_an_error_in_the_report(tmp_path, temp_folder, monkeypatch):
    site = write_pages(tmp_path / "site")
    # Not installed in this Python: `python -m pagefind` says so and fails.
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda *args: [sys.executable, "-m", "no_pagefind_here"])
    [(check, message)] = errors(index_of(site))
    assert check == "search-index" and "No module named no_pagefind_here" in message
    # Not even a program to start.
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda *args: [str(tmp_path / "no-such-program")])
    build = build_of({"OUTPUT_PATH": str(site)})
    search_index.run(build)
    assert build.waiting == []
    [(check, message)] = errors(build)
    assert check == "search-index" and message.startswith("Pagefind could not be started")
    assert list(temp_folder.iterdir()) == []


def test_a_pagefind_that_writes_no_index_or_hangs_is_an_error(tmp_path, temp_folder,
                                                               monkeypatch):
    site = write_pages(tmp_path / "site")
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda *args: [sys.executable, "-c", "pass"])
    assert errors(index_of(site)) == [
        ("search-index", "Pagefind wrote no index (pagefind.js is missing)")]
    monkeypatch.setattr(search_index, "TIMEOUT", 0.2)
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda *args: [sys.executable, "-c", "import time; time.sleep(30)"])
    assert errors(index_of(site)) == [("search-index", "Pagefind did not finish in 0.2 s")]
    assert list(temp_folder.iterdir()) == []


def test_a_rebuild_in_place_starts_from_no_index(tmp_path, temp_folder):
    site = write_pages(tmp_path / "site")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stale.pf_fragment").write_text("from the last build")
    index_of(site)
    assert not (site / "pagefind" / "stale.pf_fragment").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_the_index_goes_to_the_folder_the_setting_names(tmp_path, temp_folder):
    site = write_pages(tmp_path / "site")
    build = index_of(site, SEARCH_INDEX_DIR="assets/search")
    assert build.report.problems == []
    assert (site / "assets" / "search" / "pagefind.js").is_file()
    assert not (site / "search").exists() and not (site / "pagefind").exists()


def test_no_index_when_the_setting_says_so(tmp_path, temp_folder):
    site = write_pages(tmp_path / "site")
    build = index_of(site, SEARCH_INDEX=False)
    assert not (site / "pagefind").exists() and build.report.problems == []
    assert list(temp_folder.iterdir()) == []


ARTICLE = """Title: Knees
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: Knees.
Medical: no

Physical therapy for knees.
"""


def test_production_headers_hold_the_search_index_cache_rule(monkeypatch):
    # A bug that shipped before: _headers was written before the index existed, so
    # pagefind/ had no cache rule. Pagefind here starts a second late: host files
    # must wait for it.
    real = search_index.pagefind_command
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda *args: ["sh", "-c", 'sleep 1; exec "$@"', "sh", *real(*args)])
    site = TinySite(prefix="search-index-")
    try:
        site.write("articles/knees.md", ARTICLE)
        production = read_settings(str(ROOT / "publishconf.py"))["OUTPUT_PIPELINE"]
        built = site.build("publishconf.py", OUTPUT_PIPELINE=production,
                           LINK_CHECK=False,  # the tiny site has no pages behind its menu
                           IMAGE_DERIVATIVE_CACHE=None)
        assert not built.failed, built.messages()
        assert (built.output / "pagefind" / "pagefind.js").is_file()
        headers = built.read("_headers")
        assert "\n/pagefind/*\n  Cache-Control: public, max-age=0, must-revalidate\n" in headers
    finally:
        site.remove()
