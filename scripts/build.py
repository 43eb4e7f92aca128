"""Build the site: the one place that runs Pelican.

Used by ``tasks.py`` (build, preview, check, livereload), ``scripts/publish.py``,
``scripts/audit.py``, the tests and the benchmark, so every build of the site is
the same command line.

Atomic builds: a build is written into ``.output-new-PID-xxxx`` beside
``output/`` and replaces ``output/`` with two renames only when it succeeded;
the last good site is moved aside to ``.output-old-PID-xxxx`` for the instant
between them. Ctrl-C and SIGTERM remove the unfinished build; a build killed
with SIGKILL leaves its folder behind, and the next build removes it (and puts
back a site caught between the two renames).
"""

from contextlib import contextmanager
import json
import os
from pathlib import Path
import re
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PROD_SETTINGS = ROOT / "publishconf.py"


class BuildError(Exception):
    """A build failed; ``code`` is its exit status, the message says what was kept."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


def pelican_args(settings=DEV_SETTINGS, output=OUTPUT, content=CONTENT, overrides=None):
    """The command line that builds content into output with these settings.

    overrides: {SETTING: value} given to Pelican as JSON (``-e``).
    """
    args = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
            "-o", str(output), "--log-handler", "plain"]
    if overrides:
        args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return args


def build(output, settings=DEV_SETTINGS, content=CONTENT, overrides=None, env=None,
          timeout=900):
    """Build into output (not atomically) and return the finished process, output captured."""
    return subprocess.run(pelican_args(settings, output, content, overrides), cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=timeout)


# --- Atomic builds ---------------------------------------------------------------


def temp_prefix(output, kind):
    """Prefix of this process's temporary folders beside output/ (kind: new or old)."""
    return f".{output.name}-{kind}-{os.getpid()}-"


def process_is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(output=OUTPUT):
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    output = Path(output)
    pattern = re.compile(rf"^\.{re.escape(output.name)}-(?P<kind>new|old)-(?:(?P<pid>\d+)-)?")
    for folder in sorted(output.parent.glob(f".{output.name}-*")):
        match = pattern.match(folder.name)
        if not match or not folder.is_dir():
            continue
        pid = int(match.group("pid")) if match.group("pid") else None
        if pid and pid != os.getpid() and process_is_running(pid):
            continue  # another build is running right now
        if match.group("kind") == "old" and not output.exists() and (folder / "site").is_dir():
            os.replace(folder / "site", output)  # killed between the two renames of a swap
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def sigterm_as_interrupt():
    """Turn SIGTERM (kill) into KeyboardInterrupt, so cleanup runs as for Ctrl-C."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_held():
    """Hold Ctrl-C and kill until the block is over (the two renames of a swap)."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_build(args, env=None):
    """Run a build command; on Ctrl-C or kill, stop it before cleaning up."""
    process = subprocess.Popen(args, cwd=ROOT, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()  # Ctrl-C reached it already; a kill of this process did not
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


def replace_output(staging, output):
    """Put a finished build in place of output/ (two renames, no copying)."""
    old = None
    with signals_held():
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "old"), dir=output.parent))
            os.replace(output, old / "site")
        os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_atomically(command_for, output=OUTPUT, env=None):
    """Run command_for(staging folder); replace output/ with the folder only on success."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(output)
    with sigterm_as_interrupt():
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "new"), dir=output.parent))
        try:
            staging.chmod(0o755)
            code = run_build(command_for(staging), env=env)
            if code != 0:
                raise BuildError(f"The build failed; {output} was left as it was.", code)
            replace_output(staging, output)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def atomic_build(settings=DEV_SETTINGS, output=OUTPUT, content=CONTENT, overrides=None):
    """Build into a temporary folder beside output/; replace output/ only on success."""
    build_atomically(lambda staging: pelican_args(settings, staging, content, overrides),
                     output)


def check(content=CONTENT):
    """Build the production site into a temporary folder with every check; output/ untouched.

    Returns the build's exit status.
    """
    with sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        return run_build(pelican_args(PROD_SETTINGS, Path(folder) / "site", content))


# --- Launch ------------------------------------------------------------------------
# A staging build: the production site as a preview, placeholders allowed. Every page
# says "Preview site" (components/preview_banner) and is kept out of search engines.
STAGING_OVERRIDES = {"SITE_PREVIEW": True, "SITE_ROBOTS": "noindex, nofollow"}
LAUNCH_CHECK = "launch-unfinished"


def launch_overrides(settings=PROD_SETTINGS, overrides=None):
    """The production settings with every placeholder left an error (plugins/clinic/launch.py):
    what `invoke launch-check` and `invoke publish` to production build with."""
    from pelican.settings import read_settings

    severity = read_settings(str(settings)).get("SEVERITY") or {}
    given = dict(overrides or {})
    severity = {**severity, **given.pop("SEVERITY", {}), LAUNCH_CHECK: "error"}
    return {**given, "SEVERITY": severity}


def launch_lines(output, severity="error"):
    """The build's lines about placeholders left (check launch-unfinished) of a severity."""
    return [line for line in output.splitlines()
            if line.endswith(f"[{LAUNCH_CHECK}]") and line.startswith(f"{severity}: ")]


def launch_check(content=CONTENT, overrides=None):
    """Build the production site (into a temporary folder) with every placeholder an error.

    Returns the finished process (output captured); launch_lines() of its stderr lists
    each placeholder left.
    """
    with sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="site-launch-") as folder:
        return build(Path(folder) / "site", PROD_SETTINGS, content,
                     launch_overrides(PROD_SETTINGS, overrides))
