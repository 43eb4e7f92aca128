"""Check every internal link and asset reference in the built site.

After the build, each HTML file in the output is parsed once; every ``href``
and ``src`` (and ``srcset``) that points inside the site must name a file that
was written, and a ``#fragment`` must name an ``id`` on the target page. Each
broken reference is logged as a warning naming the page, so the
``strict_build`` plugin fails the build.

Pages are parsed in a pool of processes when there are many of them (the
parse is pure Python and the same for every page), so a large site's check
uses every core. In a long-running process (``invoke livereload`` rebuilds
in-process) a page whose bytes are unchanged since the previous check is not
parsed again: its ids and links are kept, keyed by a hash of its bytes.

Settings:
``LINK_CHECK`` (default ``True``): set to ``False`` to skip the check.
``LINK_CHECK_PROCESSES`` (default: the CPUs this process may use): ``1``
parses every page in the main process.
"""

import hashlib
from html.parser import HTMLParser
import logging
import multiprocessing
import os
from pathlib import Path
import posixpath
from urllib.parse import unquote, urlsplit

from pelican import signals

log = logging.getLogger(__name__)

LINK_ATTRIBUTES = {"href", "src"}
# Below this many pages, starting worker processes costs more than it saves.
POOL_MIN_PAGES = 200
SKIPPED_SCHEMES = {"mailto", "tel", "data", "javascript", "sms"}


class PageScan(HTMLParser):
    """Collect the ids and the link targets of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and ("rel", "preconnect") in attrs):
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(
                    part.strip().split(" ")[0] for part in value.split(",") if part.strip()
                )


def site_prefixes(settings):
    """Return the absolute URL prefixes that point into this site."""
    prefixes = []
    for key in ("SITEURL", "FEED_DOMAIN"):
        value = (settings.get(key) or "").rstrip("/")
        if value.startswith(("http://", "https://")):
            prefixes.append(value)
    return prefixes


def resolve(link, page, prefixes):
    """Return (output-relative path, fragment, ends with /) for an internal link,
    or None for external ones. page is output-relative; paths are resolved lexically (one
    listing of the output is enough: no file system call per link)."""
    for prefix in prefixes:
        if link == prefix or link.startswith(prefix + "/"):
            link = "/" + link[len(prefix):].lstrip("/")
            break
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment, False
    base = "" if path.startswith("/") else posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return target, parts.fragment, path.endswith("/")


def list_output(output):
    """Return the output's files and folders as sets of output-relative paths."""
    files, folders = set(), {"."}
    for folder, subfolders, names in os.walk(output):
        relative = os.path.relpath(folder, output)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        folders.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names)
    return files, folders


# Hash of a page's bytes -> its (ids, links), from the previous check in this process.
previous_scans = {}


def scan_file(path):
    """Parse one HTML file; return its (ids, links)."""
    scan = PageScan()
    scan.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return scan.ids, scan.links


def digest(path):
    """A hash of a file's bytes."""
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()


def scan_pages(output, pages, processes):
    """Return {page: (ids, links)}; parse only pages not seen in an earlier check,
    in a pool of processes when there are many."""
    digests = {page: digest(output / page) for page in pages}
    new = [page for page in pages if digests[page] not in previous_scans]
    paths = [str(output / page) for page in new]
    if (processes < 2 or len(new) < POOL_MIN_PAGES
            or "fork" not in multiprocessing.get_all_start_methods()):
        found = dict(zip(new, map(scan_file, paths), strict=True))
    else:
        # fork: nothing to import again; the workers only read and parse files.
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            chunk = max(1, len(paths) // (processes * 8))
            found = dict(zip(new, pool.map(scan_file, paths, chunksize=chunk), strict=True))
    scans = {page: found.get(page) or previous_scans[digests[page]] for page in pages}
    previous_scans.clear()  # keep only this build's pages
    previous_scans.update((digests[page], scans[page]) for page in pages)
    return scans


def broken_links(output, settings):
    """Yield (page, link, reason) for every broken internal reference."""
    output = Path(output).resolve()
    prefixes = site_prefixes(settings)
    files, folders = list_output(output)
    pages = sorted(name for name in files if name.endswith(".html"))
    processes = settings.get("LINK_CHECK_PROCESSES") or len(os.sched_getaffinity(0))
    scans = scan_pages(output, pages, processes)
    for page in pages:
        for link in scans[page][1]:
            if urlsplit(link).scheme in SKIPPED_SCHEMES:
                continue
            resolved = resolve(link, page, prefixes)
            if resolved is None:
                continue
            target, fragment, folder_link = resolved
            if folder_link or target in folders:
                target = "index.html" if target == "." else f"{target}/index.html"
            if target not in files:
                yield Path(page), link, "points to a file that was not built"
            elif fragment and target.endswith(".html"):
                ids = scans[target][0] if target in scans else set()
                if fragment not in ids:
                    yield Path(page), link, f"has no element with id {fragment!r}"


def check_output(pelican):
    """Log every broken internal link of the finished build."""
    if not pelican.settings.get("LINK_CHECK", True):
        return
    for page, link, reason in broken_links(pelican.output_path, pelican.settings):
        log.warning("output/%s: the link %s %s — fix the link in its source file or template",
                    page, link, reason)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(check_output)
