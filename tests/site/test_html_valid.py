"""Every generated HTML file passes the Nu HTML checker (vnu-jar from npm, run with Java)."""

import json
import os
from pathlib import Path
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site):
    """Run the checker on every .html file under site; return its error messages."""
    java = shutil.which("java")
    if not (java and VNU_JAR.is_file()):
        if os.environ.get("CI") == "true":
            pytest.fail("java or vnu.jar is missing in CI: scripts/install.sh --test installs them")
        pytest.skip("java or node_modules/vnu-jar missing: run `bash scripts/install.sh --test`")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json",
         str(site)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages
            if m["type"] == "error" or m.get("subType") == "fatal"]


@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
def test_every_page_is_valid_html(request, site_name):
    site = request.getfixturevalue(site_name)
    assert len(list(Path(site).rglob("*.html"))) >= 5
    assert vnu_errors(site) == []


def test_checker_reports_a_planted_error(tmp_path):
    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=en><title>t</title><p><div></p>", encoding="utf-8")
    errors = vnu_errors(tmp_path)
    assert any("bad.html" in error for error in errors)
