"""Shared fixtures: build the real site (or a variant of it) into temp folders."""

import hashlib
import logging
import os
from pathlib import Path
import shutil

import pytest

from scripts.build import CONTENT, ROOT
from scripts.build import build as build_site

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
def prod_site(tmp_path_factory):
    """The real site built with the production settings."""
    return build_ok(tmp_path_factory.mktemp("prod") / "output", settings="publishconf.py")


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of content/ for tests that plant a mistake or a draft."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def site_pages(site):
    """Every page of a built site, without the standalone notice copies made for
    download and printing (they carry no site header, footer or metadata)."""
    from pelicanconf import NOTICE_DOWNLOADS

    site = Path(site)
    downloads = {site / slug / name for slug, name in NOTICE_DOWNLOADS.items()}
    return sorted(page for page in site.rglob("*.html") if page not in downloads)


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
