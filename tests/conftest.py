"""Shared fixtures: the sites of tests/sites.py, each built once per session."""

import hashlib
import logging
import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest

from scripts.build import CONTENT, ROOT, write_marker
from scripts.build import build as build_site
from tests import sites

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; never a browser a tool downloads
# Flags that keep Chromium from reaching out to the network or needing a GPU.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def build(output, settings="pelicanconf.py", content=CONTENT, **overrides):
    """Build the site with Pelican into output (scripts/build.py); return the finished
    process. Keyword arguments override settings."""
    return build_site(output, ROOT / settings, content, overrides or None, timeout=600)


def build_ok(output, **kwargs):
    """Build and fail the test with Pelican's output when the build fails."""
    result = build(output, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return Path(output)


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    """The real site built with the development settings."""
    return build_ok(tmp_path_factory.mktemp("dev") / "output")


@pytest.fixture(scope="session")
def prod_build(tmp_path_factory):
    """The real site built with the production settings: (output folder, finished process)."""
    output = tmp_path_factory.mktemp("prod") / "output"
    result = build(output, settings="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return output, result


@pytest.fixture(scope="session")
def prod_site(prod_build):
    return prod_build[0]


@pytest.fixture(scope="session")
def staging_site(tmp_path_factory):
    """The real site built as a staging preview (invoke publish --staging)."""
    from scripts.build import STAGING_OVERRIDES

    return build_ok(tmp_path_factory.mktemp("staging") / "output", settings="publishconf.py",
                    **STAGING_OVERRIDES)


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of content/ for tests that plant a mistake or a draft."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def write_files(content, files):
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def planted_content(tmp_path_factory):
    """The real content plus the valid files of tests/sites.py (PLANTED)."""
    from PIL import Image

    from scripts.new_source import create

    content = tmp_path_factory.mktemp("planted") / "content"
    shutil.copytree(CONTENT, content)
    write_files(content, {**sites.PLANTED, **sites.PLANTED_BINARY,
                          **sites.PLANTED_EDITOR_FILES})
    Image.new("RGB", (1600, 900), (40, 120, 110)).save(content / "images" / "planted-photo.png")
    languages = content / "data" / "languages.toml"
    languages.write_text(sites.without_language(languages.read_text(encoding="utf-8"),
                                                sites.REMOVED_LANGUAGE), encoding="utf-8")
    for kind, title in sites.NEW_FILES:
        create(title, kind, content)
    return content


@pytest.fixture(scope="session")
def planted_dev_site(planted_content):
    return build_ok(planted_content.parent / "dev", content=planted_content)


@pytest.fixture(scope="session")
def planted_prod_site(planted_content):
    return build_ok(planted_content.parent / "prod", settings="publishconf.py",
                    content=planted_content)


@pytest.fixture(scope="session")
def variant_dev_site(tmp_path_factory):
    """The real content with other clinic facts, disclaimer, coordinator, and a date on which
    the clinical reviews are overdue (a warning while writing)."""
    output = tmp_path_factory.mktemp("variant") / "output"
    result = build(output, **sites.VARIANT_SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, result


@pytest.fixture(scope="session")
def mistakes_content(tmp_path_factory):
    """The real content with every mistake of tests/sites.py planted in it."""
    from scripts.new_source import create

    content = tmp_path_factory.mktemp("mistakes") / "content"
    shutil.copytree(CONTENT, content)
    write_files(content, {relative: text for _, relative, text, _ in sites.MISTAKES})
    write_files(content, {**sites.PLANTED_BINARY, **sites.MISTAKE_TARGETS})
    for _, link, target in sites.MISTAKE_LINKS:
        if target.startswith("../"):
            (content / target).write_text("a file outside content/", encoding="utf-8")
        (content / link).symlink_to(os.path.normpath(content / target))
    for _, relative, (old, new), _ in sites.MISTAKE_EDITS:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (content / sites.REMOVED_NOTICE).unlink()
    path, _ = create(sites.UNFINISHED_NEW_ARTICLE, "article", content)
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft\n", ""),
                    encoding="utf-8")
    return content


@pytest.fixture(scope="session")
def mistakes_dev_build(mistakes_content):
    """`invoke build` of the mistakes over an output/ holding a good site: (the finished
    process, output/'s checksums before, output/)."""
    output = mistakes_content.parent / "site" / "output"
    (output / "articles").mkdir(parents=True)
    (output / "index.html").write_text("the last good site", encoding="utf-8")
    (output / "articles" / "index.html").write_text("its article list", encoding="utf-8")
    write_marker(output)
    before = checksums(output)
    result = subprocess.run([sys.executable, "-m", "invoke", "build", "--content",
                             str(mistakes_content), "--output", str(output)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    return result, before, output


@pytest.fixture(scope="session")
def mistakes_prod_build(mistakes_content):
    """The production build of the mistakes, with the launch check made an error, a date on
    which the clinical reviews are overdue and a custom domain."""
    output = mistakes_content.parent / "prod"
    return output, build(output, settings="publishconf.py", content=mistakes_content,
                         **sites.MISTAKES_PROD_SETTINGS)


def site_pages(site):
    """Every page of a built site, without the standalone notice copies made for
    download and printing (they carry no site header, footer or metadata) and the
    content editor's page (/admin/: tests/browser/test_editor.py, tests/unit/test_editor.py)."""
    from pelicanconf import EDITOR_FOLDER, NOTICE_DOWNLOADS

    site = Path(site)
    downloads = {site / slug / name for slug, name in NOTICE_DOWNLOADS.items()}
    return sorted(page for page in site.rglob("*.html") if page not in downloads
                  and page.relative_to(site).parts[0] != EDITOR_FOLDER)


def checksums(folder):
    """{relative path: sha256} of every file in folder (to show a folder is unchanged)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*")) if path.is_file()
    }


def leftovers(output):
    """Temporary build folders left beside output (an atomic build leaves none)."""
    return sorted(path.name for path in output.parent.glob(f".{output.name}-*"))


class WarningList(logging.Handler):
    """Keep the message of every WARNING-or-worse record (unit tests of plugins)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def read(path):
    """Read a built file as text."""
    return Path(path).read_text(encoding="utf-8")


# One Playwright for the whole session: its sync API cannot run twice at once.
@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a browser Playwright downloads)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: scripts/install.sh --test installs it")
        pytest.skip(f"{CHROMIUM} is missing: run `bash scripts/install.sh --test` to install it")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
