"""Placeholders never reach production unnoticed: the launch check, and what publish does.

The real site still holds the clinic's placeholders: `invoke launch-check` lists each
one, `invoke publish` to production refuses, `invoke publish --staging` publishes a
preview (noindex, a "Preview site" banner). A copy filled in as the clinic would
(tests/sites.py LAUNCH_READY_SETTINGS and launch_ready()) passes the launch check.
"""

import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
import pytest

from scripts.build import CONTENT, ROOT, launch_check, launch_lines
from tests import sites
from tests.conftest import site_pages
from tests.publish.helpers import invoke_publish


@pytest.fixture(scope="module")
def launch_check_run():
    return subprocess.run([sys.executable, "-m", "invoke", "launch-check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_launch_check_lists_every_placeholder_of_the_real_site(launch_check_run):
    result = launch_check_run
    assert result.returncode != 0
    lines = result.stdout.splitlines()
    for source, text in sites.PLACEHOLDER_KINDS:
        assert any(line.startswith(source + ":") and text in line for line in lines), text
    # Each names the line where the placeholder is set.
    assert all(line.split(":")[1].isdigit() for line in lines if "[launch-unfinished]" in line)
    assert "placeholder(s) left" in result.stderr


def test_a_site_filled_in_by_the_clinic_passes_the_launch_check(tmp_path):
    content = sites.launch_ready(shutil.copytree(CONTENT, tmp_path / "content"))
    result = launch_check(content, sites.LAUNCH_READY_SETTINGS)
    assert launch_lines(result.stderr) == []
    assert result.returncode == 0, result.stderr


def test_publish_to_production_is_refused_while_placeholders_are_left(tmp_path):
    dest = tmp_path / "www"
    result = invoke_publish("--target", "rsync", "--dest", str(dest), "--skip-html-check")
    assert result.returncode != 0
    assert "nothing was deployed" in result.stderr and "placeholder(s) are left" in result.stderr
    assert 'CLINIC["phone"] is a placeholder' in result.stderr
    assert not dest.exists()


def test_a_staging_publish_is_allowed_marked_as_a_preview_and_not_indexed(tmp_path):
    dest = tmp_path / "www"
    result = invoke_publish("--staging", "--target", "rsync", "--dest", str(dest),
                            "--skip-html-check")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = site_pages(dest)
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        robots = soup.find("meta", attrs={"name": "robots"})
        assert robots is not None and "noindex" in robots["content"], page
        banner = soup.select_one(".preview-banner")
        assert banner is not None and "Preview site" in banner.get_text(), page
    assert "Disallow: /" in (dest / "robots.txt").read_text(encoding="utf-8")
