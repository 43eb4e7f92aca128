"""scripts/build.py writes only where a build of this site may be, and verifies what it wrote.

Refused targets are tried with a stand-in build command that would write a
file: it must never run, and nothing may change or appear anywhere.
"""

import os
from pathlib import Path
import resource
import subprocess
import sys
import textwrap

import pytest

from plugins.output import search_index
from scripts import build
from tests.conftest import ROOT, checksums, leftovers
from tests.unit.test_search_index import write_pages

SETTINGS_OF_A_TINY_SITE = {
    "STATIC_PATHS": [], "TEMPLATE_PAGES": {}, "NOTICE_LINKS": [], "HOME_NOTICES": [],
    "REVIEW_TODAY": "2024-07-01", "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
}
ARTICLE = """Title: Knee pain
Date: 2024-06-01
Category: Conditions
Author: TheraRehab and Wellness clinical team
Summary: Why knees hurt.

Knees hurt for many reasons; physical therapy helps with most of them.
"""


def writing_command(staging):
    """A stand-in build that writes one page."""
    return [sys.executable, "-c",
            f"import pathlib; (pathlib.Path({str(staging)!r}) / 'index.html')"
            ".write_text('the new site')"]


@pytest.fixture
def project(tmp_path):
    """A content folder with a file, and a previous good build beside it."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "knee.md").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site", encoding="utf-8")
    build.write_marker(output)
    return tmp_path


def refused_targets(project):
    content = project / "content"
    foreign = project / "someone" / "files"
    foreign.mkdir(parents=True)
    (foreign / "taxes.pdf").write_bytes(b"%PDF")
    repository = project / "repository"
    (repository / ".git").mkdir(parents=True)
    (project / "a-file").write_text("a file")
    (project / "link").symlink_to(project / "output")
    return {
        "the content folder": (content, "the content folder"),
        "inside content": (content / "articles" / "out", "the content folder"),
        "the folder holding content": (project, "holds the content folder"),
        "a foreign folder": (foreign, "not an earlier build of this site"),
        "a git repository": (repository, "holds a git repository"),
        "a file": (project / "a-file", "a file, not a folder"),
        "a symbolic link": (project / "link", "symbolic link"),
    }


@pytest.mark.parametrize("case", ["the content folder", "inside content",
                                  "the folder holding content", "a foreign folder",
                                  "a git repository", "a file", "a symbolic link"])
def test_a_refused_target_is_one_line_and_nothing_is_touched(project, case):
    target, reason = refused_targets(project)[case]
    before = checksums(project)
    names_before = sorted(path.name for path in project.rglob("*"))
    with pytest.raises(build.BuildError) as refused:
        build.build_atomically(writing_command, target, content=project / "content")
    message = str(refused.value)
    assert refused.value.code == 2
    assert "\n" not in message and reason in message and str(target.absolute()) in message
    assert "Nothing was written or removed" in message
    assert checksums(project) == before
    assert sorted(path.name for path in project.rglob("*")) == names_before


@pytest.mark.parametrize("target, reason", [
    (ROOT, "holds the project"), (ROOT.parent, "holds the project"),
    (ROOT / "content", "the content folder"), (Path("/"), "holds the project"),
    (Path.home(), "holds"),
])
def test_the_project_its_parents_and_home_are_refused(target, reason):
    assert reason in build.refusal(target)
    with pytest.raises(build.BuildError):
        build.build(target)  # refused before Pelican starts


def test_new_empty_and_marked_folders_are_built_into(project):
    empty = project / "empty"
    empty.mkdir()
    for target in (project / "new", empty, project / "output"):
        build.build_atomically(writing_command, target, content=project / "content")
        assert (target / "index.html").read_text() == "the new site"
        assert build.is_marked(target)
        assert leftovers(target) == []
    # a marker with other words is not this site's
    (project / "output" / build.MARKER).write_text("some other site\n")
    assert "not an earlier build" in build.refusal(project / "output", project / "content")


def test_clean_removes_a_build_and_refuses_anything_else(project):
    foreign = project / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(build.BuildError) as refused:
        build.remove_output(foreign, project / "content")
    assert "Refused to remove" in str(refused.value)
    assert (foreign / "cat.jpg").read_bytes() == b"\xff\xd8"
    build.remove_output(project / "output", project / "content")
    assert not (project / "output").exists()


@pytest.mark.parametrize("task", [["build"], ["preview"], ["clean"]])
def test_invoke_refuses_a_foreign_output_in_one_line(project, task):
    foreign = project / "content"
    before = checksums(project)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", *task, "--output", str(foreign),
         *(["--content", str(foreign)] if task != ["clean"] else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Refused to" in lines[0] and str(foreign) in lines[0]
    assert checksums(project) == before


def test_only_exact_temporary_folders_of_dead_builds_are_removed(project):
    output = project / "output"
    lookalike = project / ".output-new-1-notmine"  # not a name mkdtemp makes
    lookalike.mkdir()
    (lookalike / "keep").write_text("someone's")
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep").write_text("someone's")
    (project / ".output-old-4194305-abcd1234").symlink_to(elsewhere)
    build.remove_stale_builds(output)
    assert (lookalike / "keep").is_file() and (elsewhere / "keep").is_file()


# --- A full disk and an output that cannot be written ------------------------------


def test_a_write_error_during_the_build_keeps_output(project):
    """RLIMIT_FSIZE makes writes past a size fail with EFBIG, as a full disk would."""
    output = project / "output"
    before = checksums(output)
    script = textwrap.dedent(f"""
        import resource
        from pathlib import Path
        from scripts import build
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))
        try:
            build.atomic_build(build.DEV_SETTINGS, Path({str(output)!r}),
                               Path({str(project / 'content')!r}),
                               overrides={SETTINGS_OF_A_TINY_SITE!r})
        except build.BuildError as error:
            raise SystemExit(f"{{error}}")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0
    assert "the site could not be written: File too large" in result.stderr
    assert "[disk-full]" in result.stderr and "Traceback" not in result.stderr
    assert "was left as it was" in result.stderr
    assert checksums(output) == before
    assert leftovers(output) == []


def test_a_search_index_truncated_by_a_full_disk_is_an_error(tmp_path):
    """Pagefind exits 0 when its writes fail; what it wrote is checked file by file."""
    site = write_pages(tmp_path / "site")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    command = search_index.pagefind_command(site, site, "pagefind")
    assert subprocess.run(command, preexec_fn=small_files, timeout=120).returncode == 0
    problems = dict(search_index.verify_index(site / "pagefind"))
    assert problems[site / "pagefind" / "wasm.en.pagefind"].startswith("truncated")


def test_a_truncated_search_file_is_named(tmp_path):
    site = write_pages(tmp_path / "site")
    reference = write_pages(tmp_path / "reference")
    for folder in (site, reference):
        subprocess.run(search_index.pagefind_command(folder, folder, "pagefind"), check=True,
                       timeout=120)
    index = site / "pagefind"
    assert list(search_index.verify_index(index, reference / "pagefind")) == []
    script = index / "pagefind-ui.js"
    script.write_bytes(script.read_bytes()[:1000])
    assert dict(search_index.verify_index(index, reference / "pagefind")) == {
        script: "differs from Pagefind's own copy (truncated?)"}
    (index / "pagefind-entry.json").write_text('{"languages": {')
    problems = dict(search_index.verify_index(index, reference / "pagefind"))
    assert problems == {index / "pagefind-entry.json": "unreadable (JSONDecodeError)"}


def test_a_broken_compressed_copy_fails_the_build_before_the_swap(project):
    output = project / "output"
    before = checksums(output)

    def command(staging):
        page = "<p>the new site</p>" * 50
        return [sys.executable, "-c", textwrap.dedent(f"""
            import gzip, pathlib
            site = pathlib.Path({str(staging)!r})
            (site / "index.html").write_text({page!r})
            (site / "index.html.gz").write_bytes(gzip.compress({page!r}.encode())[:20])
        """)]

    with pytest.raises(build.BuildError) as failed:
        build.build_atomically(command, output, content=project / "content")
    assert "index.html.gz: the compressed copy is broken" in str(failed.value)
    assert checksums(output) == before
    assert leftovers(output) == []


def test_an_output_folder_that_cannot_be_made_is_one_clear_error(project):
    blocked = project / "a-file" / "output"
    (project / "a-file").write_text("not a folder")
    with pytest.raises(build.BuildError) as failed:
        build.build_atomically(writing_command, blocked, content=project / "content")
    assert "cannot write beside" in str(failed.value)


def test_a_swap_that_fails_keeps_output_and_leaves_nothing_beside_it(project, monkeypatch):
    output = project / "output"
    before = checksums(output)
    calls = []

    def failing_second_move(source, target):
        calls.append(source)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied", str(target))
        os.replace(source, target)

    monkeypatch.setattr(build, "move", failing_second_move)
    with pytest.raises(build.BuildError) as failed:
        build.build_atomically(writing_command, output, content=project / "content")
    assert "could not replace" in str(failed.value) and "left as it was" in str(failed.value)
    assert checksums(output) == before
    assert leftovers(output) == []


def test_publish_by_rsync_refuses_a_local_folder_that_is_no_earlier_publish(project):
    from scripts.publish import PublishError, check_rsync_dest

    foreign = project / "www"
    foreign.mkdir()
    (foreign / "their-page.html").write_text("someone else's site")
    with pytest.raises(PublishError, match="not an earlier build of this site"):
        check_rsync_dest(str(foreign), project / "content")
    check_rsync_dest(str(project / "output"), project / "content")  # an earlier publish
    check_rsync_dest("user@host:/srv/www", project / "content")  # remote: not looked at
