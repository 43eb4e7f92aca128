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

Safe targets: a build writes only into a folder that is missing, empty, or an
earlier build of this site, which every build marks with the file ``MARKER``
(``.site-build``). Anything else (content/, the project, a folder holding it or
a ``.git``, someone's files) is refused with one line before anything is
written or removed; the temporary folders beside it are made fresh and only
folders of exactly their names are ever removed. A finished build is verified
(``verify_output``: compressed copies whole and equal to their files) before
it replaces the last good site.
"""

from contextlib import contextmanager
import gzip
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
# Written into every build's output: a folder holding it is a build of this site,
# which the next build may replace.
MARKER = ".site-build"
MARKER_TEXT = ("TheraRehab and Wellness website, written by scripts/build.py."
               " The next build replaces this whole folder.\n")


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
    """Build into output (not atomically) and return the finished process, output captured.

    Raises BuildError, writing nothing, when output is not a safe target
    (``check_target``). A build that Pelican finished but whose files do not
    verify (``verify_output``) is returned as failed, the reasons in its stderr.
    """
    check_target(output, content)
    result = subprocess.run(pelican_args(settings, output, content, overrides), cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=timeout)
    if result.returncode == 0:
        try:
            finish_output(Path(output))
        except BuildError as error:
            return subprocess.CompletedProcess(result.args, error.code, result.stdout,
                                               f"{result.stderr}{error}\n")
    return result


# --- Safe targets and verified output ---------------------------------------------------


def is_marked(folder):
    """Whether folder holds this site's build marker (an earlier build of this site)."""
    marker = Path(folder) / MARKER
    try:
        return not marker.is_symlink() and marker.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def write_marker(folder):
    (Path(folder) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def is_legacy_output(folder):
    """The project's own output/ written before builds were marked (a site, no .git)."""
    folder = Path(folder)
    return (folder.absolute() == OUTPUT and not folder.is_symlink()
            and (folder / "index.html").is_file() and not (folder / ".git").exists())


def refusal(output, content=CONTENT):
    """Why a build must not write into (and replace) output, or None when it may."""
    output = Path(output).absolute()
    if output.is_symlink():
        return f"it is a symbolic link (to {os.path.realpath(output)}); give the folder itself"
    real = output.resolve()
    if real.exists() and not real.is_dir():
        return "it is a file, not a folder"
    content = Path(content).resolve()
    if real == content or real.is_relative_to(content):
        return f"it is the content folder or inside it ({content})"
    if ROOT.is_relative_to(real):
        return f"it holds the project ({ROOT})"
    if content.is_relative_to(real):
        return f"it holds the content folder ({content})"
    if Path.home().resolve().is_relative_to(real):
        return "it holds your home folder"
    if (real / ".git").exists():
        return "it holds a git repository (.git)"
    if real.parent == real:
        return "it is the root of the file system"
    if not real.exists() or is_marked(real) or is_legacy_output(output):
        return None
    try:
        if not any(real.iterdir()):
            return None
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    return (f"it is not empty and is not an earlier build of this site (no {MARKER} file);"
            " give a new or empty folder")


def check_target(output, content=CONTENT):
    """Raise BuildError (nothing touched) when a build must not write into output."""
    reason = refusal(output, content)
    if reason:
        raise BuildError(f"Refused to build into {Path(output).absolute()}: {reason}."
                         " Nothing was written or removed.", code=2)


def remove_output(output=OUTPUT, content=CONTENT):
    """Remove a built site (invoke clean); refuse, touching nothing, any other folder."""
    output = Path(output).absolute()
    reason = refusal(output, content)
    if reason:
        raise BuildError(f"Refused to remove {output}: {reason}. Nothing was removed.",
                         code=2)
    remove_stale_builds(output)
    if output.exists():
        shutil.rmtree(output)


def verify_output(folder):
    """Yield what is wrong with the files a finished build wrote (a full disk, say).

    Every step's own writes raise on an error; this reads back what the last step
    (compressed copies) wrote: each .gz and .br copy must decompress, whole, to
    the file beside it.
    """
    import brotli

    folder = Path(folder)
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".gz", ".br") or not path.is_file():
            continue
        original = path.with_suffix("")
        relative = path.relative_to(folder)
        try:
            data = path.read_bytes()
            unpacked = gzip.decompress(data) if path.suffix == ".gz" else brotli.decompress(data)
        except (OSError, EOFError, brotli.error) as error:
            yield f"{relative}: the compressed copy is broken ({error})"
            continue
        if not original.is_file():
            continue  # a compressed file of the site's own (content/extra), not a copy
        if unpacked != original.read_bytes():
            yield f"{relative}: the compressed copy differs from {original.name}"


def finish_output(folder):
    """Verify a finished build and mark it as this site's; raise BuildError if it fails."""
    problems = list(verify_output(folder))
    if problems:
        raise BuildError("The build wrote broken files (is the disk full?): "
                         + "; ".join(problems))
    try:
        write_marker(folder)
        if not is_marked(folder):
            raise OSError(f"{MARKER} could not be read back")
    except OSError as error:
        raise BuildError(f"The build could not mark its output ({error}).") from None


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


def stale_build_pattern(output):
    """The exact names of the temporary folders of builds of output (mkdtemp's suffix)."""
    return re.compile(rf"^\.{re.escape(output.name)}-(?P<kind>new|old)-(?P<pid>\d+)-"
                      r"[a-z0-9_]{8}$")


def move(source, target):
    """Rename source to target (one rename, on one file system)."""
    os.replace(source, target)


def remove_stale_builds(output=OUTPUT):
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    output = Path(output)
    pattern = stale_build_pattern(output)
    for folder in sorted(output.parent.glob(f".{output.name}-*")):
        match = pattern.match(folder.name)
        if not match or folder.is_symlink() or not folder.is_dir():
            continue
        pid = int(match.group("pid"))
        if pid != os.getpid() and process_is_running(pid):
            continue  # another build is running right now
        if match.group("kind") == "old" and not output.exists() and (folder / "site").is_dir():
            move(folder / "site", output)  # killed between the two renames of a swap
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
    """Put a finished build in place of output/ (two renames, no copying).

    Raises BuildError, output/ as it was and nothing left beside it, when a
    rename fails (output/ or its folder cannot be written).
    """
    old = None
    try:
        with signals_held():
            if output.exists():
                old = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "old"),
                                            dir=output.parent))
                move(output, old / "site")
            move(staging, output)
    except OSError as error:
        if old is not None and (old / "site").is_dir() and not output.exists():
            move(old / "site", output)  # the second rename failed: put it back
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise BuildError(f"The build could not replace {output} ({error.strerror}):"
                         f" {output} was left as it was.") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def make_staging(output):
    """A new, empty folder beside output/ for the build (BuildError when it cannot be made)."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "new"), dir=output.parent))
        staging.chmod(0o755)
    except OSError as error:
        raise BuildError(f"The build cannot write beside {output} ({error.strerror}:"
                         f" {error.filename or output.parent}); nothing was changed.") from None
    return staging


def build_atomically(command_for, output=OUTPUT, env=None, content=CONTENT):
    """Run command_for(staging folder); replace output/ with the folder only on success.

    Refuses (BuildError, nothing touched) an output that is not a safe target.
    """
    output = Path(output).absolute()
    check_target(output, content)
    remove_stale_builds(output)
    with sigterm_as_interrupt():
        staging = make_staging(output)
        try:
            code = run_build(command_for(staging), env=env)
            if code != 0:
                raise BuildError(f"The build failed; {output} was left as it was.", code)
            try:
                finish_output(staging)
            except BuildError as error:
                raise BuildError(f"{error} {output} was left as it was.") from None
            replace_output(staging, output)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def atomic_build(settings=DEV_SETTINGS, output=OUTPUT, content=CONTENT, overrides=None):
    """Build into a temporary folder beside output/; replace output/ only on success."""
    build_atomically(lambda staging: pelican_args(settings, staging, content, overrides),
                     output, content=content)


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
