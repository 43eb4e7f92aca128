"""Run `invoke publish` and read what it published (temp targets only)."""

import hashlib
import os
from pathlib import Path
import subprocess
import sys

from tests.conftest import ROOT

ARTICLE_SOURCE = "articles/do-physical-therapists-massage.md"
ARTICLE_PAGE = "articles/do-physical-therapists-massage/index.html"


def invoke_publish(*args, env=None):
    """Run `invoke publish ARGS` as a person would; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, **(env or {})},
    )


def publish_ok(*args, **kwargs):
    result = invoke_publish(*args, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def tree_digests(folder):
    """{relative path: sha256} of every file under folder."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def git(*args, cwd=None):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def branch_digests(bare_repo, branch="gh-pages"):
    """{path: sha256} of the files on a branch of a (bare) repository."""
    digests = {}
    for line in git("--git-dir", str(bare_repo), "ls-tree", "-r", branch).splitlines():
        meta, path = line.split("\t", 1)
        blob = meta.split()[2]
        data = subprocess.run(["git", "--git-dir", str(bare_repo), "cat-file", "blob", blob],
                              capture_output=True, check=True).stdout
        digests[path] = hashlib.sha256(data).hexdigest()
    return digests


def bare_repo(path):
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True)
    return path
