"""Tasks for the TheraRehab and Wellness site: `invoke --list` shows them.

Thin on purpose: each task runs Pelican or a tool with the project's
settings; what the site contains is decided in content/, plugins/ and theme/.
"""

from contextlib import contextmanager
import datetime
import json
import os
from pathlib import Path
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
LIVERELOAD_CACHE = ROOT / "cache" / "livereload"  # Pelican's content cache while writing
DEV_SETTINGS = ROOT / "pelicanconf.py"
PROD_SETTINGS = ROOT / "publishconf.py"
HOST = "127.0.0.1"
PORT = 8000


def pelican_command(settings, output, *extra, content=CONTENT):
    """Return the command line that builds the site with Pelican."""
    return shlex.join(pelican_args(settings, output, *extra, content=content))


def pelican_args(settings, output, *extra, content=CONTENT):
    """Return the arguments of the Pelican run that builds content into output."""
    return [
        sys.executable, "-m", "pelican", str(content),
        "-s", str(settings), "-o", str(output),
        "--log-handler", "plain", *extra,
    ]


def site_paths(content=None, output=None):
    """The content and output folders of a task (--content/--output, default the site's)."""
    return {
        "content": Path(content).resolve() if content else CONTENT,
        "output": Path(output).resolve() if output else OUTPUT,
    }


# --- Atomic builds -------------------------------------------------------------
# A build is written into .output-new-PID-xxxx beside output/ and replaces
# output/ with two renames only when it succeeded; the last good site is moved
# aside to .output-old-PID-xxxx for the instant between them. Ctrl-C and
# SIGTERM (kill) remove the unfinished build; a build killed with SIGKILL leaves
# its folder behind, and the next build removes it (and puts back a site caught
# between the two renames).


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


def run_build(args):
    """Run a build command; on Ctrl-C or kill, stop it before cleaning up."""
    process = subprocess.Popen(args, cwd=ROOT)
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


def replace_output(staging, output=OUTPUT):
    """Put a finished build in place of output/ (two renames, no copying)."""
    old = None
    with signals_held():
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "old"), dir=output.parent))
            os.replace(output, old / "site")
        os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_atomically(command_for, output=OUTPUT):
    """Run command_for(staging folder); replace output/ with the folder only on success."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(output)
    with sigterm_as_interrupt():
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(output, "new"), dir=output.parent))
        try:
            staging.chmod(0o755)
            code = run_build(command_for(staging))
            if code != 0:
                raise Exit(f"The build failed; {output} was left as it was.", code=code)
            replace_output(staging, output)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def atomic_build(c, settings, output=OUTPUT, content=CONTENT):
    """Build into a temporary folder beside output/; replace output/ only on success.

    A failed or interrupted build leaves the previous output/ untouched.
    """
    build_atomically(lambda staging: pelican_args(settings, staging, content=content), output)


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


PATH_HELP = {
    "content": "the content folder to build (default: content/)",
    "output": "the folder to write the site to (default: output/)",
}


@task(help=PATH_HELP)
def build(c, content=None, output=None):
    """Build the development site into output/ (fails on any warning)."""
    atomic_build(c, DEV_SETTINGS, **site_paths(content, output))


@task(clean, build)
def rebuild(c):
    """Remove output/ and build it again."""


@task(help=PATH_HELP)
def preview(c, content=None, output=None):
    """Build the production site (publishconf.py) into output/."""
    atomic_build(c, PROD_SETTINGS, **site_paths(content, output))


@task
def serve(c, port=PORT):
    """Serve output/ on http://127.0.0.1:8000 like the host (404 page, _headers); Ctrl-C stops."""
    from scripts.site_server import make_server

    server = make_server(OUTPUT, HOST, int(port), quiet=False)
    print(f"Serving {OUTPUT} at http://{HOST}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def forget_unfinished_sitemap():
    """pelican-sitemap keeps the first build of a process as "the" build and its queue of
    pages until that build finishes; after a build that stopped half-way it would never
    write a sitemap again in this process. Start it afresh."""
    from pelican.plugins.sitemap import sitemap

    sitemap.generator.__init__()


@task
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser when content, theme or plugins change."""
    from livereload import Server
    from pelican import main as pelican_main

    def rebuild_in_place(search_index=False):
        # Problems are reported but do not stop the server while writing. The search
        # index is built once, at start: re-indexing every page on each save would cost
        # more than the edit's own rebuild (restart livereload for a fresh index).
        # The content cache is rewritten after every save: uncompressed, that takes
        # 0.05 s instead of 0.5 s at 1,000 articles (12 MB on disk instead of ~3 MB);
        # in a folder of its own, so a gzipped cache left by Pelican is never misread.
        args = shlex.split(pelican_command(DEV_SETTINGS, OUTPUT))[3:]
        args += ["-e", "STRICT_BUILD=false", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
                 "DELETE_OUTPUT_DIRECTORY=false", f"SEARCH_INDEX={str(search_index).lower()}",
                 "QUICK_REBUILD=true", "GZIP_CACHE=false",
                 f"CACHE_PATH={json.dumps(str(LIVERELOAD_CACHE))}"]
        try:
            pelican_main(args)
        except SystemExit as exit_:
            if exit_.code:
                forget_unfinished_sitemap()
                print("livereload: the build failed; fix the problem above and save again.")

    def on_change():  # no parameters: livereload passes changed paths to a function that has some
        rebuild_in_place()

    rebuild_in_place(search_index=True)
    server = Server()
    for pattern in ["pelicanconf.py", "content/**/*", "theme/**/*", "plugins/**/*.py"]:
        server.watch(str(ROOT / pattern), on_change)
    server.serve(host=HOST, port=port, root=str(OUTPUT))


@task
def test(c, args=""):
    """Run the whole test suite with pytest (extra pytest arguments in --args)."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


# --- Writing (issue 5) ---------------------------------------------------------


@task(help={"content": PATH_HELP["content"]})
def check(c, content=None):
    """Check the production build (content and link checks) without touching output/."""
    content = site_paths(content)["content"]
    with sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        code = run_build(pelican_args(PROD_SETTINGS, Path(folder) / "site", content=content))
    if code != 0:
        raise Exit("invoke check: fix the problems listed above (output/ was not touched).",
                   code=code)
    print("invoke check: no problems found.")


ARTICLE_TEMPLATE = """\
Title: {title}
Date: {today}
Slug: {slug}
Category: {category}
Author: {author}
Summary: TODO: one or two sentences that appear in article lists, feeds and search results.
Status: draft
Medical: yes
Reviewer: {reviewer}
Reviewed: {today}

TODO: write the article here. Start each section with "## " and each sub-section
with "### " (the title above is the page's only top-level heading).

Before publishing: replace every TODO, have a clinician review the article and
set Reviewer and Reviewed to that review, then delete the line "Status: draft".
"""

PAGE_TEMPLATE = """\
Title: {title}
Slug: {slug}
Summary: TODO: one or two sentences for search results and link previews.
Status: draft

TODO: write the page here. Start each section with "## " and each sub-section
with "### " (the title above is the page's only top-level heading).

Before publishing: replace every TODO; if the page gives medical information, add
"Medical: yes" with Reviewer and Reviewed; then delete the line "Status: draft".
"""


@task(help={
    "title": "the title, in quotes: \"Knee pain after running\"",
    "page": "create a page in content/pages/ instead of an article",
    "content": PATH_HELP["content"],
})
def new(c, title, page=False, content=None):
    """Create a draft article (or --page) with every required field; never overwrites."""
    from zoneinfo import ZoneInfo

    from pelican.settings import read_settings
    from pelican.utils import slugify

    settings = read_settings(str(DEV_SETTINGS))
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Exit(f"invoke new: the title {title!r} has no letters or digits to make an"
                   " address from; use words.", code=1)
    today = datetime.datetime.now(ZoneInfo(settings["TIMEZONE"])).date().isoformat()
    reviewers = settings.get("REVIEWERS") or {}
    text = (PAGE_TEMPLATE if page else ARTICLE_TEMPLATE).format(
        title=" ".join(title.split()),
        slug=slug,
        today=today,
        category=(settings.get("ARTICLE_CATEGORIES") or ["Treatments"])[0],
        author=(settings.get("AUTHORS_ALLOWED") or [settings["AUTHOR"]])[0],
        reviewer=next(iter(reviewers), "TODO: the clinician who reviewed the article"),
    )
    folder = site_paths(content)["content"] / ("pages" if page else "articles")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise Exit(f"invoke new: {path} already exists; edit it, or choose another"
                   " title.", code=1) from None
    address = (settings["DRAFT_PAGE_URL"] if page else settings["DRAFT_URL"]).format(slug=slug)
    print(f"Created {path}\nIt is a draft: run `invoke livereload` and open"
          f" http://{HOST}:{PORT}/{address} to see it with its Draft banner.")

@task
def audit(c):
    """Lighthouse (4 scores, mobile) and page weights of the production site; fails below 100."""
    c.run(shlex.join([sys.executable, str(ROOT / "scripts" / "audit.py")]), pty=False)


# --- Publishing (issue 7) -----------------------------------------------------------

@task(help={
    "target": "gh-pages (default: PUBLISH_TARGET) or rsync",
    "dest": "rsync destination: a local path or user@host:path (default: PUBLISH_RSYNC_DEST)",
    "remote": "gh-pages: git remote name, URL or path (default: PUBLISH_REMOTE)",
    "branch": "gh-pages: the branch (default: PUBLISH_BRANCH)",
    "dry_run": "build and check, then show what would change; change nothing",
    "skip_html_check": "publish even without the HTML validator (vnu) installed",
    "content": "build from this folder instead of content/",
})
def publish(c, target="", dest="", remote="", branch="", dry_run=False,
            skip_html_check=False, content=""):
    """Build the production site, run every check, and deploy it only when all pass."""
    from pelican.settings import read_settings

    from scripts.publish import PublishError, PublishOptions
    from scripts.publish import publish as publish_site

    settings = read_settings(str(PROD_SETTINGS))
    options = PublishOptions(
        target=target or settings.get("PUBLISH_TARGET", "gh-pages"),
        dest=dest or settings.get("PUBLISH_RSYNC_DEST", ""),
        remote=remote or settings.get("PUBLISH_REMOTE", "origin"),
        branch=branch or settings.get("PUBLISH_BRANCH", "gh-pages"),
        dry_run=dry_run,
        skip_html_check=skip_html_check,
        content=Path(content).resolve() if content else CONTENT,
        settings=PROD_SETTINGS,
        noindex_allowed=tuple(settings.get("NOINDEX_ALLOWED", ["404.html"])),
    )
    try:
        publish_site(options)
    except PublishError as error:
        print(f"publish: FAILED, nothing was deployed: {error}", file=sys.stderr)
        raise SystemExit(1) from None


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
