"""Every internal link and asset reference of the written site, and every #anchor.

An output step (``checks.links`` in ``OUTPUT_PIPELINE``, after the steps that
rewrite pages). Each HTML file of the output is parsed once (selectolax's
lexbor parser: HTML5 parsing as in browsers, in C; in a pool of processes on
large sites), and each link resolved once per site (per folder for a relative
path). Every ``href``, ``src``
and ``srcset`` that points inside the site must name a file that was written,
and a ``#fragment`` must name an ``id`` on the target page.

A broken link on a page written from a writer's file is reported against
that file and the line that holds the link (``broken-link``, or
``missing-anchor`` for an anchor), unless a content check already reported a
problem on that line: one mistake, one message. Other broken links (in a
template) are reported against the written page.

Settings:
``LINK_CHECK`` (default ``True``): ``False`` skips the check.
"""

import os
from pathlib import Path
import posixpath
import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from plugins.common import urls
from plugins.common.contents import contents
from plugins.common.problems import display_path, find_line, report
from plugins.output.work_pool import map_in_processes

READS_WHOLE_OUTPUT = True
CHECK_IDS = ("broken-link", "missing-anchor")
LINK_ATTRIBUTES = {"href", "src"}
# A line of a source that holds a link: Markdown's ](, an attribute, Pelican's {...}.
LINK_SYNTAX = re.compile(r"\]\(|href\s*=|src\s*=|\{(?:filename|static|attach)\}")
SOURCE_FIX = ("check the file name; it is relative to this file, or to content/ when it"
              " starts with /")
ANCHOR_FIX = ("link to an id that exists (a heading's id is its text in lower case with"
              " hyphens: ## Treatment plan -> #treatment-plan)")
TEMPLATE_FIX = "fix the link in the template that writes it"


def scan_html(text):
    """The ids and the link targets (href, src, each srcset URL) of one HTML page."""
    ids, links = set(), []
    for node in LexborHTMLParser(text).root.traverse():
        attributes = node.attributes
        if not attributes:
            continue
        for name, value in attributes.items():
            if value is None:
                continue
            if name == "id" or (name == "name" and node.tag == "a"):
                ids.add(value)
            elif name in LINK_ATTRIBUTES and not (
                    node.tag == "link" and attributes.get("rel") == "preconnect"):
                links.append(value)
            elif name == "srcset":
                links.extend(
                    part.strip().split(" ")[0] for part in value.split(",") if part.strip()
                )
    return ids, links


def list_output(output):
    """The output's files and folders as sets of output-relative paths."""
    files, folders = set(), {"."}
    for folder, subfolders, names in os.walk(output):
        relative = os.path.relpath(folder, output)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        folders.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names)
    return files, folders


def scan_file(path):
    """scan_html of one written page (a module-level function: pool workers run it)."""
    with open(path, encoding="utf-8", errors="replace") as page:
        return scan_html(page.read())


def relative_to_folder(link):
    """True when a link is resolved against its page's folder (a relative path)."""
    parts = urlsplit(link.strip())
    return not (parts.scheme or parts.netloc) and not parts.path.startswith("/") \
        and bool(parts.path)


def broken_links(output, settings):
    """Yield (page, link, target, kind, ids of the target) for every broken internal
    reference; kind is "file" (the target was not built) or "anchor"."""
    output = Path(output).resolve()
    prefixes = urls.site_prefixes(settings)
    files, folders = list_output(output)
    pages = sorted(name for name in files if name.endswith(".html"))
    scans = dict(zip(pages, map_in_processes(scan_file, [str(output / page) for page in pages]),
                     strict=True))
    # (link, None) -> Target for a link that means the same on every page (an absolute or
    # root-relative address), (link, folder) -> Target for a relative one.
    resolved = {}
    for page in pages:
        folder = posixpath.dirname(page)
        for link in scans[page][1]:
            key = (link, None)
            if key not in resolved:
                key = (link, folder)
                if key not in resolved:
                    if not relative_to_folder(link):
                        key = (link, None)
                    scheme = link.partition(":")[0].lower() if ":" in link else ""
                    resolved[key] = (None if scheme in urls.NOT_FILES
                                     else urls.resolve(link, folder, prefixes))
            target = resolved[key]
            if target is None:
                continue
            path = page if target.path is None else target.path
            if target.folder or path in folders:
                path = "index.html" if path == "." else f"{path}/index.html"
            if path not in files:
                yield page, link, path, "file", set()
            elif target.fragment and path.endswith(".html"):
                ids = scans[path][0] if path in scans else set()
                if target.fragment not in ids:
                    yield page, link, path, "anchor", ids


def source_line(source, link, target):
    """The line of the writer's file that holds a link, or None."""
    name = posixpath.basename(target[: -len("/index.html")] if target.endswith(
        "/index.html") else target)
    fragment = link.partition("#")[2]
    for needle in (link, f"#{fragment}" if fragment else None):
        line = find_line(source, needle) if needle else None
        if line:
            return line
    if name:
        pattern = re.compile(rf"(?=.*(?:{LINK_SYNTAX.pattern})).*{re.escape(name)}")
        return find_line(source, pattern)
    return None


def run(build):
    """Report every broken internal link of the written site."""
    settings = build.settings
    if not settings.get("LINK_CHECK", True):
        return
    # Lines the other checks reported: one mistake, one message. (Not the lines this
    # check reports: two broken links on one line are two mistakes.)
    reported = {(problem.path, problem.line) for problem in build.report.problems
                if problem.line}
    sources = {}
    for content in contents(build.generators):
        if content.save_as and content.source_path:
            sources[posixpath.normpath(content.save_as)] = content.source_path
    for page, link, target, kind, ids in broken_links(build.output, settings):
        check = "missing-anchor" if kind == "anchor" else "broken-link"
        if kind == "anchor":
            known = sorted(i for i in ids if i != "main")[:8]
            listed = f" (its ids include: {', '.join(known)})" if known else ""
            where = "this page" if target == page else target
            what = (f"the link {link} names an anchor that does not exist on {where}"
                    f"{listed}")
        else:
            what = f"the link {link} points to a file that was not built ({target})"
        source = sources.get(page)
        line = source_line(source, link, target) if source else None
        if line is None:
            report(settings, check, f"output/{page}: {what}", TEMPLATE_FIX if source is None
                   else f"{TEMPLATE_FIX}, or the link in {display_path(source)}")
        elif (display_path(source), line) not in reported:
            report(settings, check, what, ANCHOR_FIX if kind == "anchor" else SOURCE_FIX,
                   source=source, line=line)
