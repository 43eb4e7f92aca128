"""Publish the production site: build it, check it, deploy it only when every check passed.

Used by `invoke publish` (tasks.py), by people and by CI alike. The site is built
into a temporary folder (never output/), so a failed publish leaves nothing
behind and touches no target.

Checks, in order; the first failure stops the publish and names the problem:
1. the production build (publishconf.py, built by scripts/build.py): any error
   of its report (content checks, broken internal links on the final,
   minified and renamed files) fails it;
2. the production output: no drafts/ folder, every page indexable, the host
   files present, no inline script or inline event handler (the Content
   Security Policy would block them; the one inline script allowed is an
   import map whose hash the page's own policy names: the editor's, /admin/);
3. HTML validity with the Nu Html Checker (node_modules/vnu-jar, `npm ci`);
   publishing refuses to go on without it unless told `skip_html_check`.

Targets:
- gh-pages: the site becomes one new commit on the branch (ghp-import) and is
  pushed to the remote. The work happens in a scratch git repository, so the
  project's own repository is never changed.
- rsync: to a local path or user@host:path, with --delete-after and
  --delay-updates so visitors never see a half-updated site.
"""

import base64
from dataclasses import dataclass
from fnmatch import fnmatch
import hashlib
from html.parser import HTMLParser
import os
from pathlib import Path
import shlex
import shutil
import subprocess
import sys
import tempfile

from scripts.build import (
    CONTENT,
    PROD_SETTINGS,
    ROOT,
    STAGING_OVERRIDES,
    BuildError,
    check_target,
    launch_lines,
    launch_overrides,
)
from scripts.build import build as build_site

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TARGETS = ("gh-pages", "rsync")
# --checksum and no times: unchanged files keep their old date (and the web
# server's ETag), since every build writes every file anew.
RSYNC_OPTIONS = [
    "--archive", "--no-times", "--no-owner", "--no-group", "--checksum", "--chmod=D755,F644",
    "--delete-after", "--delay-updates", "--itemize-changes",
]
FALLBACK_IDENTITY = {"user.name": "Site publisher", "user.email": "site-publisher@localhost"}


class PublishError(Exception):
    """A step failed; nothing was deployed. The message says why."""


@dataclass
class PublishOptions:
    target: str = "gh-pages"
    dest: str = ""
    remote: str = "origin"
    branch: str = "gh-pages"
    dry_run: bool = False
    skip_html_check: bool = False
    content: Path = CONTENT
    settings: Path = PROD_SETTINGS
    noindex_allowed: tuple = ("404.html",)
    staging: bool = False  # a preview: placeholders allowed, every page noindex


def say(message):
    print(f"publish: {message}", flush=True)


def run(command, what, cwd=None, env=None):
    """Run a command; raise PublishError with its output when it fails."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise PublishError(f"{what} failed ({shlex.join(map(str, command))}):\n{output}")
    return result


# --- Build and checks ------------------------------------------------------------

def options_from_settings(**given):
    """PublishOptions: what the command line gave, else publishconf.py's PUBLISH_* settings."""
    from pelican.settings import read_settings

    settings = read_settings(str(PROD_SETTINGS))
    return PublishOptions(
        target=given.get("target") or settings.get("PUBLISH_TARGET", "gh-pages"),
        dest=given.get("dest") or settings.get("PUBLISH_RSYNC_DEST", ""),
        remote=given.get("remote") or settings.get("PUBLISH_REMOTE", "origin"),
        branch=given.get("branch") or settings.get("PUBLISH_BRANCH", "gh-pages"),
        dry_run=bool(given.get("dry_run")),
        skip_html_check=bool(given.get("skip_html_check")),
        content=Path(given.get("content") or CONTENT),
        settings=PROD_SETTINGS,
        noindex_allowed=tuple(settings.get("NOINDEX_ALLOWED", ["404.html"])),
        staging=bool(given.get("staging")),
    )


def build_production(site, content, settings, staging=False):
    """Build the production site into site; any error of the build's report fails it.

    To production, a placeholder left is an error (the launch check); a staging build
    allows them and marks every page as a preview kept out of search engines.
    """
    overrides = dict(STAGING_OVERRIDES) if staging else launch_overrides(settings)
    try:
        result = build_site(site, settings, content, overrides)
    except BuildError as error:
        raise PublishError(str(error)) from None
    if result.returncode != 0:
        left = launch_lines(result.stderr)
        if left:
            raise PublishError(
                f"{len(left)} placeholder(s) are left, and the live site must not show"
                " them (invoke launch-check lists them; `invoke publish --staging`"
                " publishes a preview meanwhile):\n" + "\n".join(left))
        raise PublishError("the production build failed (content checks or broken links):\n"
                           + (result.stdout + result.stderr).strip())


class PageScan(HTMLParser):
    """Find what the Content Security Policy would block, and the robots meta."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.robots = None
        self.http_equiv = []  # every <meta http-equiv>: the policy, and nothing else
        self.problems = []
        self.policy = ""  # the page's own Content-Security-Policy meta
        self.import_map = None  # the text of an inline import map being read

    def handle_data(self, data):
        if self.import_map is not None:
            self.import_map.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.import_map is not None:
            text, self.import_map = "".join(self.import_map), None
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            if f"'sha256-{digest}'" not in self.policy:
                self.problems.append("inline import map whose hash the page's policy does"
                                     " not name")

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        handlers = sorted(name for name in values if name.startswith("on"))
        if handlers:
            self.problems.append(f"inline event handler {handlers[0]} on <{tag}>")
        kind = (values.get("type") or "").lower()
        if tag == "script" and not values.get("src") and kind == "importmap":
            self.import_map = []  # allowed when the page's own policy names its hash
        elif tag == "script" and not values.get("src") and kind != "application/ld+json":
            self.problems.append("inline <script> (only src= scripts and JSON-LD data are allowed)")
        if tag == "meta" and (values.get("name") or "").lower() == "robots":
            self.robots = values.get("content") or ""
        if tag == "meta" and values.get("http-equiv") is not None:
            self.http_equiv.append((values.get("http-equiv") or "").lower())
        if tag == "meta" and (values.get("http-equiv") or "").lower() == \
                "content-security-policy":
            self.policy = values.get("content") or ""
        href = values.get("href") or ""
        if href.lower().startswith("javascript:"):
            self.problems.append(f"javascript: link on <{tag}>")


def production_problems(site, noindex_allowed=("404.html",), staging=False):
    """Yield what must never be published, as 'file: problem' lines.

    noindex_allowed: output paths (glob patterns) meant to stay out of search
    engines; any other page marked noindex is a development setting leaking out.
    """
    site = Path(site)
    if (site / "drafts").exists():
        yield "drafts/: drafts were written"
    for name in ("_headers", ".nojekyll"):
        if not (site / name).is_file():
            yield f"{name}: missing (plugins/output/host_files.py)"
    for page in sorted(site.rglob("*.html")):
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8", errors="replace"))
        relative = page.relative_to(site)
        for problem in scan.problems:
            yield f"{relative}: {problem}"
        if scan.http_equiv != ["content-security-policy"]:
            yield (f"{relative}: the page needs exactly one <meta http-equiv>, its"
                   f" Content-Security-Policy (found: {', '.join(scan.http_equiv) or 'none'})")
        noindex = scan.robots is not None and "noindex" in scan.robots.lower()
        if staging:
            if not noindex:
                yield f"{relative}: a preview page without robots noindex"
        elif noindex and not any(fnmatch(relative.as_posix(), glob) for glob in noindex_allowed):
            yield f"{relative}: robots meta says noindex"


def check_production_output(site, noindex_allowed, staging=False):
    problems = list(production_problems(site, noindex_allowed, staging))
    if problems:
        raise PublishError("the production output is not fit to publish:\n"
                           + "\n".join(problems))


def vnu_jar():
    return Path(os.environ.get("VNU_JAR") or VNU_JAR)


def check_html(site, skip):
    """Validate every page with the Nu Html Checker (vnu)."""
    jar = vnu_jar()
    if skip:
        say("HTML validity NOT checked (--skip-html-check)")
        return
    if not jar.is_file() or shutil.which("java") is None:
        shown = jar.relative_to(ROOT) if jar.is_relative_to(ROOT) else jar
        raise PublishError(
            f"the HTML validator is missing (needs {shown} and java): run"
            " `bash scripts/install.sh --test` (npm ci), or pass --skip-html-check"
            " to publish without checking HTML validity")
    run(["java", "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "gnu",
         str(site)], "the HTML validity check")


# --- Targets -------------------------------------------------------------------------

def is_local(dest):
    """Whether rsync reads dest as a local path (no host: before the first slash)."""
    return ":" not in dest.split("/", 1)[0]


def check_rsync_dest(dest, content=CONTENT):
    """Refuse a local destination that is not new, empty or an earlier publish.

    rsync --delete-after removes whatever the site does not hold; an earlier
    publish carries the build marker (scripts/build.py). A remote destination
    cannot be looked at from here.
    """
    if not dest:
        raise PublishError("rsync needs a destination: --dest PATH or user@host:path"
                           " (or PUBLISH_RSYNC_DEST in publishconf.py)")
    if is_local(dest):
        try:
            check_target(dest, content)
        except BuildError as error:
            raise PublishError(str(error)) from None


def deploy_rsync(site, dest, dry_run):
    check_rsync_dest(dest)
    if shutil.which("rsync") is None:
        raise PublishError("rsync is not installed")
    command = ["rsync", *RSYNC_OPTIONS, *(["--dry-run"] if dry_run else []),
               f"{site}/", dest]
    result = run(command, "rsync")
    changes = [line for line in result.stdout.splitlines() if line.strip()]
    verb = "would change" if dry_run else "changed"
    say(f"rsync to {dest}: {len(changes)} entries {verb}")
    for line in changes:
        print(f"  {line}")


def git(*args, cwd, what="git"):
    return run(["git", *args], what, cwd=cwd)


def resolve_remote(remote):
    """A remote name of the project's repository, or a URL or path, as a URL or path."""
    named = subprocess.run(["git", "remote", "get-url", remote], cwd=ROOT,
                           capture_output=True, text=True)
    if named.returncode == 0:
        return named.stdout.strip()
    if Path(remote).exists():
        return str(Path(remote).resolve())
    return remote


def identity(key):
    """The project's git identity for the publish commit, or a plain fallback."""
    found = subprocess.run(["git", "config", key], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip() or FALLBACK_IDENTITY[key]


def source_revision():
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                           capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else ""


def deploy_gh_pages(site, remote, branch, dry_run, work):
    """Commit the site on branch (ghp-import) and push it to remote."""
    url = resolve_remote(remote)
    repo = Path(work) / "deploy-repo"
    git("init", "--quiet", str(repo), cwd=work)
    git("remote", "add", "target", url, cwd=repo)
    for key in FALLBACK_IDENTITY:
        git("config", key, identity(key), cwd=repo)
    heads = git("ls-remote", "--heads", "target", branch, cwd=repo,
                what=f"reaching the remote {url}").stdout
    published = bool(heads.strip())
    if published:
        git("fetch", "--quiet", "target", f"+refs/heads/{branch}:refs/remotes/target/{branch}",
            cwd=repo, what=f"fetching {branch} from {url}")

    # What the commit would change: the site as a tree, against the branch's tree.
    index = Path(work) / "site-index"
    env = {**os.environ, "GIT_INDEX_FILE": str(index)}
    run(["git", f"--work-tree={site}", "add", "--all", "--force", "."], "git add",
        cwd=repo, env=env)
    tree = run(["git", "write-tree"], "git write-tree", cwd=repo, env=env).stdout.strip()
    if published:
        stat = git("diff", "--stat=100", f"target/{branch}", tree, cwd=repo).stdout.rstrip()
        if not stat:
            say(f"{branch} on {url} already holds exactly this site: nothing to publish")
            return
    else:
        count = len(git("ls-tree", "-r", "--name-only", tree, cwd=repo).stdout.split())
        stat = f"new branch {branch}: {count} files"
    verb = "would commit" if dry_run else "commits"
    say(f"gh-pages: {verb} to {branch} on {url}:\n{stat}")
    if dry_run:
        return

    revision = source_revision()
    message = f"Publish the site{' from ' + revision if revision else ''}"
    ghp_import = Path(sys.executable).parent / "ghp-import"
    command = [str(ghp_import)] if ghp_import.exists() else [sys.executable, "-m", "ghp_import"]
    run([*command, "--message", message, "--branch", branch, "--remote", "target", "--push",
         str(site)], f"ghp-import (commit and push to {url})", cwd=repo)
    say(f"pushed {branch} to {url}")


# --- The whole publish ------------------------------------------------------------------

def publish(options):
    """Build, check, deploy. Raises PublishError (nothing deployed) when a step fails."""
    if options.target not in TARGETS:
        raise PublishError(f"unknown target {options.target!r}: use one of {', '.join(TARGETS)}")
    if options.target == "rsync":
        check_rsync_dest(options.dest, options.content)
    with tempfile.TemporaryDirectory(prefix="publish-") as work:
        site = Path(work) / "site"
        kind = "a staging preview of the site" if options.staging else "the production site"
        say(f"building {kind} from {options.content} into a temporary folder")
        build_production(site, options.content, options.settings, options.staging)
        check_production_output(site, options.noindex_allowed, options.staging)
        check_html(site, options.skip_html_check)
        say("every check passed")
        if options.target == "rsync":
            deploy_rsync(site, options.dest, options.dry_run)
        else:
            deploy_gh_pages(site, options.remote, options.branch, options.dry_run, work)
        if options.dry_run:
            say("dry run: nothing was changed")
