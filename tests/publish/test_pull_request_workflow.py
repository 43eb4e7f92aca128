"""The pull-request workflow: valid, audited, least privilege, and its steps run here.

The steps that build, check and summarize are run as GitHub would run them (bash
-eo pipefail, the step's environment, $GITHUB_STEP_SUMMARY a file), on the real site.
"""

import os
import re
import subprocess

import pytest
from ruamel.yaml import YAML

from scripts import codeowners
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"


def workflow():
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def step(name):
    [found] = [s for s in workflow()["jobs"]["check"]["steps"] if s.get("name") == name]
    return found


# Its schema and zizmor's audit: tests/publish/test_workflow.py (every workflow).


def test_workflow_runs_on_pull_requests_with_least_privilege_and_pinned_actions():
    flow = workflow()
    assert set(flow["on"]) == {"pull_request"}  # never pull_request_target: no secrets
    assert flow["permissions"] == {}
    [job] = flow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {"actions/checkout", "actions/upload-artifact"}
    for ref in (u.split("@", 1)[1] for u in uses):
        assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), ref
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == (
        "${{ env.PREVIEW }}")
    commands = "\n".join(s.get("run", "") for s in job["steps"])
    for command in ("bash scripts/install.sh --test", ".venv/bin/invoke publish",
                    ".venv/bin/invoke reviews", ".venv/bin/invoke codeowners --check",
                    ".venv/bin/invoke test audit"):
        assert command in commands


def run_step(name, env, tmp_path):
    """Run a step's script as GitHub does (bash -eo pipefail) in the project folder."""
    found = step(name)
    environment = {**os.environ, "RUNNER_TEMP": str(tmp_path), **found.get("env", {}), **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           found["run"]], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def summary_run(tmp_path_factory):
    """The build, reviews and CODEOWNERS steps, run on the real site: (summary, preview)."""
    tmp_path = tmp_path_factory.mktemp("pull-request")
    summary = tmp_path / "summary.md"
    summary.write_text("")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "PREVIEW": str(tmp_path / "site")}
    for name in ("Build and check the production site", "Clinical reviews coming due",
                 "Sign-off rules are up to date (CODEOWNERS)"):
        result = run_step(name, env, tmp_path)
        assert result.returncode == 0, f"{name}:\n{result.stdout}\n{result.stderr}"
    return summary.read_text(encoding="utf-8"), tmp_path / "site"


def test_the_build_step_publishes_the_preview_at_its_local_address(summary_run):
    _, preview = summary_run
    home = (preview / "index.html").read_text(encoding="utf-8")
    assert "href=http://127.0.0.1:8000/website-privacy/" in home  # SITEURL of the step
    assert (preview / "articles" / "do-physical-therapists-massage" / "index.html").is_file()


def test_the_summary_holds_the_checks_messages_grades_and_reviews(summary_run):
    text, _ = summary_run
    assert "## Build report" in text and "### Warnings" in text
    assert re.search(r"\| `content/pages/accessibility\.md:\d+` \| the page is still example"
                     r" text", text)
    assert "## Plain language" in text
    assert "(`content/articles/do-physical-therapists-massage.md`)" in text
    assert "## Clinical reviews\n\n```\nNo medical page is overdue" in text or (
        "## Clinical reviews\n\n```\nClinical reviews needing attention" in text)


def test_codeowners_is_what_reviewers_and_the_medical_pages_give():
    from scripts.reviews import read_settings

    committed = codeowners.CODEOWNERS.read_text(encoding="utf-8")
    assert committed == codeowners.generate(read_settings()), (
        "run `invoke codeowners` and commit .github/CODEOWNERS")
    owned = [line.split() for line in committed.splitlines() if line.startswith("/")]
    handles = ["@" + entry["github"] for entry in read_settings()["REVIEWERS"].values()]
    assert handles  # the team file's reviewers, each with a GitHub account
    assert ["/content/articles/", *handles] in owned
    assert ["/.github/CODEOWNERS", *handles] in owned
