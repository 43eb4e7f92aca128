"""The workflows (publish, pull request) are valid GitHub Actions and pass zizmor's audit
(offline)."""

from pathlib import Path
import subprocess
import sys

import pytest

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
WORKFLOWS = [WORKFLOW, ROOT / ".github" / "workflows" / "pull-request.yml"]
BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_schema(workflow):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                 str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_zizmor_offline(workflow):
    result = run(str(BIN / "zizmor"), "--offline", "--no-progress", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_publishes_with_the_same_tasks():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "bash .ci/run" in text and ".venv/bin/invoke publish" in text
    for line in text.splitlines():
        if "uses:" in line:
            ref = line.split("@", 1)[1].split()[0]
            assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), line
