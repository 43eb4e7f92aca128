"""scripts/build.py's atomic build: output/ is replaced only by a finished build.

A stand-in build command writes half a site into the staging folder, says
"ready" and waits; the test then interrupts or kills the build process and
checks that output/ is byte-identical and no temporary folder is left.

The build process is started with Ctrl-C restored to its default: a terminal
delivers Ctrl-C to a build started from it, while a suite started in the
background (`&` in a script, `nohup`) hands its children SIGINT ignored.
"""

import contextlib
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from scripts import build
from tests.conftest import ROOT, checksums, leftovers

SLOW_BUILD = textwrap.dedent("""
    import pathlib, sys, time
    from scripts import build

    def command(staging):
        script = (
            "import pathlib, sys, time;"
            f"site = pathlib.Path({str(staging)!r});"
            "(site / 'index.html').write_text('half a site');"
            "print('ready', flush=True);"
            "time.sleep(120)"
        )
        return [sys.executable, "-c", script]

    build.build_atomically(command, pathlib.Path(sys.argv[1]))
""")


@pytest.fixture
def output(tmp_path):
    """An output/ holding a previous good site."""
    site = tmp_path / "output"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    (site / "articles" / "index.html").write_text("its article list", encoding="utf-8")
    build.write_marker(site)
    return site


def start_slow_build(output):
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(output)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout.readline().strip() == "ready"
    return process


def kill_group(process):
    """Leave no process of a test behind, whatever happened."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupted_build_leaves_output_and_no_temp_folder(output, how):
    before = checksums(output)
    process = start_slow_build(output)
    try:
        if how == "ctrl-c":  # the terminal signals the whole process group
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) != 0
        # the stand-in build (a child process) was stopped too
        assert subprocess.run(["pgrep", "-s", str(process.pid)],
                              capture_output=True).stdout == b""
    finally:
        kill_group(process)
    assert checksums(output) == before
    assert leftovers(output) == []


def test_killed_build_leaves_output_and_next_build_cleans_up(output):
    before = checksums(output)
    process = start_slow_build(output)
    kill_group(process)
    assert checksums(output) == before
    assert len(leftovers(output)) == 1  # SIGKILL gives no chance to clean up

    def good_build(staging):
        return [sys.executable, "-c",
                f"import pathlib; (pathlib.Path({str(staging)!r}) / 'index.html')"
                ".write_text('the new site')"]

    build.build_atomically(good_build, output)
    assert checksums(output).keys() == {"index.html", build.MARKER}
    assert (output / "index.html").read_text() == "the new site"
    assert leftovers(output) == []


def test_site_caught_between_the_two_renames_is_put_back(output):
    before = checksums(output)
    aside = output.parent / ".output-old-4194305-abcd1234"  # above Linux's highest pid
    aside.mkdir()
    os.replace(output, aside / "site")
    build.remove_stale_builds(output)
    assert checksums(output) == before
    assert leftovers(output) == []


def test_folder_of_a_running_build_is_kept(output):
    running = output.parent / f".output-new-{os.getppid()}-abcd1234"
    running.mkdir()
    build.remove_stale_builds(output)
    assert running.is_dir()


def test_failed_build_keeps_output(output):
    before = checksums(output)

    def failing_build(staging):
        return [sys.executable, "-c",
                f"import pathlib, sys; (pathlib.Path({str(staging)!r}) / 'index.html')"
                ".write_text('broken'); sys.exit(3)"]

    with pytest.raises(build.BuildError) as failure:
        build.build_atomically(failing_build, output)
    assert failure.value.code == 3
    assert checksums(output) == before
    assert leftovers(output) == []
