"""Tasks for the TheraRehab and Wellness site: `invoke --list` shows them.

Thin on purpose: each task runs Pelican or a tool with the project's
settings; what the site contains is decided in content/, plugins/ and theme/.
"""

import os
from pathlib import Path
import shlex
import shutil
import sys
import tempfile

from invoke import task

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PROD_SETTINGS = ROOT / "publishconf.py"
HOST = "127.0.0.1"
PORT = 8000


def pelican_command(settings, output, *extra):
    """Return the command line that builds the site with Pelican."""
    args = [
        sys.executable, "-m", "pelican", str(CONTENT),
        "-s", str(settings), "-o", str(output),
        "--log-handler", "plain", *extra,
    ]
    return shlex.join(args)


def replace_output(staging, output=OUTPUT):
    """Put a finished build in place of output/ (two renames, no copying)."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=".output-old-", dir=output.parent))
        os.replace(output, old / "site")
    os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def atomic_build(c, settings, output=OUTPUT):
    """Build into a temporary folder beside output/; replace output/ only on success.

    A failed or interrupted build leaves the previous output/ untouched.
    """
    staging = Path(tempfile.mkdtemp(prefix=".output-new-", dir=output.parent))
    try:
        staging.chmod(0o755)
        c.run(pelican_command(settings, staging), pty=False)
        replace_output(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task
def build(c):
    """Build the development site into output/ (fails on any warning)."""
    atomic_build(c, DEV_SETTINGS)


@task(clean, build)
def rebuild(c):
    """Remove output/ and build it again."""


@task
def preview(c):
    """Build the production site (publishconf.py) into output/."""
    atomic_build(c, PROD_SETTINGS)


@task
def serve(c, port=PORT):
    """Serve output/ on http://127.0.0.1:8000 (Ctrl-C stops)."""
    c.run(
        shlex.join([
            sys.executable, "-m", "pelican", "--listen", "-b", HOST, "-p", str(port),
            "-s", str(DEV_SETTINGS), "-o", str(OUTPUT),
        ]),
        pty=False,
    )


@task
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser when content, theme or plugins change."""
    from livereload import Server
    from pelican import main as pelican_main

    def rebuild_in_place():
        # Problems are reported but do not stop the server while writing.
        args = shlex.split(pelican_command(DEV_SETTINGS, OUTPUT))[3:]
        args += ["-e", "STRICT_BUILD=false", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
                 "DELETE_OUTPUT_DIRECTORY=false"]
        try:
            pelican_main(args)
        except SystemExit as exit_:
            if exit_.code:
                print("livereload: the build failed; fix the problem above and save again.")

    rebuild_in_place()
    server = Server()
    for pattern in ["pelicanconf.py", "content/**/*", "theme/**/*", "plugins/**/*.py"]:
        server.watch(str(ROOT / pattern), rebuild_in_place)
    server.serve(host=HOST, port=port, root=str(OUTPUT))


@task
def test(c, args=""):
    """Run the whole test suite with pytest (extra pytest arguments in --args)."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


# --- Benchmark (issue 8) -------------------------------------------------------
@task(help={
    "sizes": "comma-separated numbers of generated articles (default 100,1000,4000)",
    "runs": "timed build pairs per size (default 3)",
    "livereload_size": "size at which to time a livereload edit (0 skips)",
    "stages_size": "size at which to sample each stage's share (0 skips)",
})
def bench(c, sizes="100,1000,4000", runs=3, livereload_size=1000, stages_size=1000):
    """Time the production build against bare Pelican on generated articles (bench/)."""
    c.run(shlex.join([
        sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", sizes, "--runs", str(runs),
        "--livereload-size", str(livereload_size), "--stages-size", str(stages_size),
    ]), pty=False)
