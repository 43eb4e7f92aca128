"""Tasks for the TheraRehab and Wellness site: `invoke --list` shows them.

Thin on purpose: each task calls scripts/ (scripts/build.py builds the site,
the one place that runs Pelican); what the site contains is decided in
content/, plugins/ and theme/.
"""

import errno
from pathlib import Path
import shlex
import subprocess
import sys

from invoke import Exit, task

from scripts import build as site_build

ROOT = site_build.ROOT
OUTPUT = site_build.OUTPUT
LIVERELOAD_CACHE = ROOT / "cache" / "livereload"  # Pelican's content cache while writing
HOST = "127.0.0.1"
PORT = 8000

PATH_HELP = {
    "content": "the content folder to build (default: content/)",
    "output": "the folder to write the site to (default: output/)",
}
PORT_HELP = {"port": f"the port to serve on (default {PORT})"}


def site_paths(content=None, output=None):
    """The content and output folders of a task (--content/--output, default the site's)."""
    return {
        "content": Path(content).resolve() if content else site_build.CONTENT,
        "output": Path(output).resolve() if output else OUTPUT,
    }


def atomic_build(settings, content, output):
    try:
        site_build.atomic_build(settings, output, content)
    except site_build.BuildError as error:
        raise Exit(str(error), code=error.code) from None


@task(help={"output": PATH_HELP["output"]})
def clean(c, output=None):
    """Remove the generated site (only a folder a build of this site wrote)."""
    try:
        site_build.remove_output(site_paths(output=output)["output"])
    except site_build.BuildError as error:
        raise Exit(f"invoke clean: {error}", code=error.code) from None


@task(help=PATH_HELP)
def build(c, content=None, output=None):
    """Build the development site into output/ (fails, listing every problem, on any error)."""
    atomic_build(site_build.DEV_SETTINGS, **site_paths(content, output))


@task(clean, build)
def rebuild(c):
    """Remove output/ and build it again."""


@task(help=PATH_HELP)
def preview(c, content=None, output=None):
    """Build the production site (publishconf.py) into output/."""
    atomic_build(site_build.PROD_SETTINGS, **site_paths(content, output))


def port_in_use(task_name, port):
    return Exit(f"invoke {task_name}: port {port} is already in use (another server is"
                f" running?); stop it, or choose another port: invoke {task_name}"
                f" --port {int(port) + 1}", code=1)


@task(help=PORT_HELP)
def serve(c, port=PORT):
    """Serve output/ on http://127.0.0.1:8000 like the host (404 page, _headers); Ctrl-C stops."""
    from scripts.site_server import make_server

    try:
        server = make_server(OUTPUT, HOST, int(port), quiet=False)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise port_in_use("serve", port) from None
        raise
    print(f"Serving {OUTPUT} at http://{HOST}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def livereload_args(search_index, content=None, output=OUTPUT, cache=LIVERELOAD_CACHE,
                    overrides=None):
    """A development build in place, with Pelican's content cache (livereload).

    The cache is loaded once there is one; the first build without one reads every file
    (in plugins/reading/pool.py's processes, which a loaded cache turns off). Pages that
    cannot have changed since the last build are not rendered again
    (plugins/output/quick_writer.py).
    """
    cache = Path(cache)
    cached = cache.is_dir() and any(cache.iterdir())
    return site_build.pelican_args(
        site_build.DEV_SETTINGS, output, content or site_build.CONTENT, overrides={
            "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": cached, "GZIP_CACHE": False,
            "CACHE_PATH": str(cache), "DELETE_OUTPUT_DIRECTORY": False,
            "SEARCH_INDEX": search_index, "QUICK_REBUILD": True, **(overrides or {}),
        })


# What livereload watches: a change to any of these rebuilds the site.
LIVERELOAD_WATCHED = ["pelicanconf.py", "content/**/*", "theme/**/*", "plugins/**/*.py"]


def livereload_rebuild(search_index=False):
    """One livereload build; returns its exit status.

    Each build is a process of its own, so an edited plugin or setting counts and no
    state is left from the build before. Problems are listed, the server goes on. The
    search index is built once, at start (restart livereload for a fresh one).
    """
    code = subprocess.run(livereload_args(search_index), cwd=ROOT).returncode
    if code == 0:
        site_build.write_marker(OUTPUT)  # built in place: still a build of this site
    if code:
        print("livereload: the build found problems; fix them and save again.",
              file=sys.stderr)
    return code


def watch_for_livereload(server):
    """Rebuild when a watched file changes (server: a livereload Server)."""
    def on_change():  # no parameters: livereload passes changed paths to a function that has some
        livereload_rebuild()

    for pattern in LIVERELOAD_WATCHED:
        server.watch(str(ROOT / pattern), on_change)


@task(help=PORT_HELP)
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser when content, theme or plugins change."""
    import socket

    from livereload import Server

    with socket.socket() as probe:  # livereload's server says nothing useful when it cannot bind
        if probe.connect_ex((HOST, int(port))) == 0:
            raise port_in_use("livereload", port)

    try:
        site_build.check_target(OUTPUT)
    except site_build.BuildError as error:
        raise Exit(f"invoke livereload: {error}", code=error.code) from None
    livereload_rebuild(search_index=True)
    server = Server()
    watch_for_livereload(server)
    server.serve(host=HOST, port=int(port), root=str(OUTPUT))


@task
def test(c, args=""):
    """Run the whole test suite with pytest (extra pytest arguments in --args)."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest {args}", pty=False)


@task(help={"content": PATH_HELP["content"]})
def check(c, content=None):
    """Check the production build (every check) without touching output/."""
    code = site_build.check(site_paths(content)["content"])
    if code != 0:
        raise Exit("invoke check: fix the problems listed above (output/ was not touched).",
                   code=code)
    print("invoke check: no problems found.")


@task(help={"content": PATH_HELP["content"]})
def launch_check(c, content=None):
    """List every placeholder left (clinic facts, team, notices, stories); fails while any is."""
    result = site_build.launch_check(site_paths(content)["content"])
    left = site_build.launch_lines(result.stderr)
    others = [line for line in result.stderr.splitlines()
              if line.startswith("error:") and line not in left]
    for line in left:
        print(line.removeprefix("error: "))
    if others:
        print("\n".join(others), file=sys.stderr)
    if left:
        raise Exit(f"invoke launch-check: {len(left)} placeholder(s) left; replace each one"
                   " where it is set. `invoke publish --staging` publishes a preview meanwhile.",
                   code=1)
    if result.returncode != 0:
        raise Exit("invoke launch-check: the build failed; fix the problems listed above.",
                   code=result.returncode)
    print("invoke launch-check: no placeholder left; the site is ready to publish.")


@task(help={
    "title": "the title, in quotes: \"Knee pain after running\"",
    "page": "create a page in content/pages/ instead of an article",
    "content": PATH_HELP["content"],
})
def new(c, title, page=False, content=None):
    """Create a draft article (or --page) with every required field; never overwrites."""
    from scripts.new_source import NewSourceError, create

    try:
        path, address = create(title, "page" if page else "article",
                               site_paths(content)["content"])
    except NewSourceError as error:
        raise Exit(f"invoke new: {error}", code=1) from None
    print(f"Created {path}\nIt is a draft: run `invoke livereload` and open"
          f" http://{HOST}:{PORT}/{address} to see it with its Draft banner.")


@task(help={
    "file": "the medical article or page a clinician has just reviewed",
    "reviewer": "the clinician, a key of REVIEWERS (default: the file's Reviewer:)",
    "on": "the date of the review, YYYY-MM-DD (default: today)",
    "content": "the content folder FILE is in (default: content/)",
})
def reviewed(c, file, reviewer=None, on=None, content=None):
    """Record a clinical review in FILE: Reviewed: and the fingerprint of the text reviewed."""
    from scripts import reviews as site_reviews

    path = Path(file).resolve()
    settings = site_reviews.read_settings(content=site_paths(content)["content"])
    try:
        done = site_reviews.mark_reviewed(path, settings, reviewer, on)
    except site_reviews.ReviewError as error:
        raise Exit(f"invoke reviewed: {error}", code=1) from None
    print(f"{file}: " + "; ".join(done))


@task(help={
    "days": "also list reviews due within this many days (default: REVIEW_DUE_WINDOW_DAYS, 60)",
    "content": PATH_HELP["content"],
})
def reviews(c, days=None, content=None):
    """List the medical pages whose clinical review is overdue, due soon or out of date."""
    from plugins.common.fields import today
    from scripts import reviews as site_reviews

    settings = site_reviews.read_settings(content=site_paths(content)["content"])
    window = int(days) if days is not None else settings.get(
        "REVIEW_DUE_WINDOW_DAYS", site_reviews.REVIEW_DUE_WINDOW_DAYS_DEFAULT)
    day = today(settings, "REVIEW_TODAY")
    print(site_reviews.format_statuses(site_reviews.review_statuses(settings, day, window),
                                       day, window))


@task(help={"check": "only say whether the committed file is up to date (exit 1 if not)"})
def codeowners(c, check=False):
    """Write .github/CODEOWNERS from REVIEWERS and the medical pages (clinicians sign off)."""
    from scripts.codeowners import main

    code = main(["--check"] if check else ["--write"])
    if code:
        raise Exit(code=code)


@task
def audit(c):
    """Lighthouse (4 scores, mobile) and page weights of the production site; fails below 100."""
    c.run(shlex.join([sys.executable, str(ROOT / "scripts" / "audit.py")]), pty=False)


@task(help={"output": "the folder to write the PNGs to (default: screenshots/)"})
def screenshots(c, output=""):
    """Phone and desktop PNGs (light and dark) of the key pages, into screenshots/, to look at."""
    args = [sys.executable, str(ROOT / "scripts" / "screenshots.py")]
    c.run(shlex.join(args + (["--output", output] if output else [])), pty=False)


@task(help={
    "target": "gh-pages (default: PUBLISH_TARGET) or rsync",
    "dest": "rsync destination: a local path or user@host:path (default: PUBLISH_RSYNC_DEST)",
    "remote": "gh-pages: git remote name, URL or path (default: PUBLISH_REMOTE)",
    "branch": "gh-pages: the branch (default: PUBLISH_BRANCH)",
    "dry_run": "build and check, then show what would change; change nothing",
    "skip_html_check": "publish even without the HTML validator (vnu) installed",
    "content": "build from this folder instead of content/",
    "staging": "publish a preview: placeholders allowed, noindex and a Preview banner on"
               " every page",
})
def publish(c, target="", dest="", remote="", branch="", dry_run=False,
            skip_html_check=False, content="", staging=False):
    """Build the production site, run every check, and deploy it only when all pass.

    To production only once no placeholder is left (invoke launch-check); --staging
    publishes a preview meanwhile."""
    from scripts.publish import PublishError, options_from_settings
    from scripts.publish import publish as publish_site

    try:
        publish_site(options_from_settings(
            target=target, dest=dest, remote=remote, branch=branch, dry_run=dry_run,
            skip_html_check=skip_html_check, staging=staging,
            content=Path(content).resolve() if content else site_build.CONTENT))
    except PublishError as error:
        print(f"publish: FAILED, nothing was deployed: {error}", file=sys.stderr)
        raise SystemExit(1) from None


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
