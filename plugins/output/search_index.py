"""The site's full-text search index, built with Pagefind from the written pages.

Pagefind reads the finished HTML, so the index holds exactly what visitors
see. Only pages whose template marks their content with ``data-pagefind-body``
are indexed (articles and pages, not drafts, the 404 or the search page), and
within them anything marked ``data-pagefind-ignore`` (the disclaimer) is left
out, so navigation, footers and repeated boilerplate never match a search.

An output step (``output.search_index`` in ``OUTPUT_PIPELINE``). Pagefind
(``python -m pagefind``, the binary inside the ``pagefind[bin]`` wheel) runs
in the background on a copy of the pages taken when the step runs, while the
next steps rewrite the pages in place (minifying, hashed names); the first
step that reads the whole output (host files, link check, compressed copies)
waits for it. A Pagefind that fails, or writes no index, fails the build.

What Pagefind wrote is verified (``verify_index``), since Pagefind exits 0 on
a full disk leaving empty and truncated files: the entry file must parse and
name files that exist, every compressed index file must decompress whole,
there must be a fragment per indexed page, and Pagefind's fixed files (its
scripts, styles and WebAssembly) must equal the copies it writes for a
one-page site into a temporary folder, beside the real run.

Settings:
``SEARCH_INDEX`` (default ``True``): ``False`` skips building the index.
``SEARCH_INDEX_DIR`` (default ``"pagefind"``): folder of the index inside the output.
"""

import gzip
import json
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

from plugins.common.problems import report

TIMEOUT = 600  # seconds
# Pagefind's files that are gzip data (the index itself and its WebAssembly).
COMPRESSED_SUFFIXES = (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")
# A page for the reference run: Pagefind writes its fixed files for it.
REFERENCE_PAGE = ('<!doctype html><html lang="{lang}"><head><title>Reference</title></head>'
                  '<body><main data-pagefind-body><p>Reference page.</p></main></body></html>')


def pagefind_command(site, output, index_dir):
    """The command that indexes site into output/index_dir."""
    return [sys.executable, "-m", "pagefind", "--site", str(site),
            "--output-path", str(Path(output) / index_dir), "--silent"]


def snapshot_pages(output):
    """Copy every HTML file of output into a new temporary folder; return its path."""
    snapshot = Path(tempfile.mkdtemp(prefix="search-pages-"))
    for folder, dirs, files in os.walk(output):
        dirs.sort()
        pages = sorted(name for name in files if name.endswith((".html", ".htm")))
        if not pages:
            continue
        target = snapshot / os.path.relpath(folder, output)
        target.mkdir(parents=True, exist_ok=True)
        for name in pages:
            shutil.copyfile(os.path.join(folder, name), target / name)
    return snapshot


def reference_run(languages):
    """Start Pagefind on a one-page site per language; return (process, folder).

    Its scripts, styles and WebAssembly are the same for every site, so they are
    what the real run's copies must be byte for byte.
    """
    folder = Path(tempfile.mkdtemp(prefix="search-reference-"))
    for lang in sorted(languages):
        page = folder / "site" / lang / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(REFERENCE_PAGE.format(lang=lang), encoding="utf-8")
    command = pagefind_command(folder / "site", folder, "pagefind")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, folder


def unpacks(path):
    """Whether a gzip file of Pagefind's decompresses whole (a truncated one does not)."""
    try:
        return bool(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, zlib.error):
        return False


def verify_index(index, reference=None):
    """Yield (file, what is wrong) for each broken file of the index Pagefind wrote.

    reference: the index folder of a reference run, whose fixed files (scripts,
    styles, WebAssembly) the index must hold byte for byte.
    """
    index = Path(index)
    entry_path = index / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        yield entry_path, f"unreadable ({type(error).__name__})"
        return
    pages = 0
    for language in languages.values():
        pages += int(language.get("page_count") or 0)
        named = [index / f"pagefind.{language.get('hash')}.pf_meta"]
        if language.get("wasm"):
            named.append(index / f"wasm.{language['wasm']}.pagefind")
        for path in named:
            if not path.is_file():
                yield path, "missing (pagefind-entry.json names it)"
    for path in sorted(index.rglob("*")):
        if not path.is_file():
            continue
        if path.stat().st_size == 0:
            yield path, "empty"
        elif path.suffix in COMPRESSED_SUFFIXES and not unpacks(path):
            yield path, "truncated (it does not decompress)"
    fragments = len(list((index / "fragment").glob("*.pf_fragment")))
    if fragments < pages:
        yield index / "fragment", f"{fragments} fragments for {pages} pages"
    if reference is None:
        return
    for fixed in sorted(Path(reference).iterdir()):
        if fixed.is_file() and fixed.suffix in (".js", ".css", ".pagefind"):
            written = index / fixed.name
            if written.is_file() and written.read_bytes() != fixed.read_bytes():
                yield written, "differs from Pagefind's own copy (truncated?)"
            elif not written.is_file() and fixed.suffix != ".pagefind":
                yield written, "missing"


def page_languages(snapshot):
    """The lang= of the indexed pages (for the reference run), "en" when none is read."""
    found = set()
    pattern = re.compile(rb'<html[^>]*\blang="?([A-Za-z-]+)')
    for page in Path(snapshot).rglob("*.htm*"):
        with open(page, "rb") as handle:
            match = pattern.search(handle.read(2048))
        if match:
            found.add(match.group(1).decode().lower())
    return found or {"en"}


def check_index(build, process, reference, reference_folder, index):
    """Wait for Pagefind (and its reference run); report what went wrong, if anything."""
    settings = build.settings
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
        reference_ok = reference.wait(timeout=TIMEOUT) == 0
    except subprocess.TimeoutExpired:
        report(settings, "search-index", f"Pagefind did not finish in {TIMEOUT} s",
               "look for a page that is very large")
        return
    if process.returncode != 0:
        report(settings, "search-index", f"Pagefind failed: {output.strip()}",
               "run `bash scripts/install.sh`; fix the page it names")
        return
    if not (index / "pagefind.js").is_file():
        report(settings, "search-index", "Pagefind wrote no index (pagefind.js is"
               " missing)", "check that the disk is not full")
        return
    if not reference_ok:
        report(settings, "search-index", "Pagefind's reference run failed, so its files"
               " cannot be verified", "check that the disk is not full")
    for path, problem in verify_index(index, reference_folder / "pagefind"):
        report(settings, "search-index",
               f"the search index file {path.relative_to(build.output)} is {problem}",
               "check that the disk is not full, then build again")


def run(build):
    """Start indexing a copy of the written pages; the build waits for it later."""
    settings = build.settings
    if not settings.get("SEARCH_INDEX", True):
        return
    index = build.output / settings.get("SEARCH_INDEX_DIR", "pagefind")
    # A rebuild in place (livereload) keeps the old index: start from none.
    shutil.rmtree(index, ignore_errors=True)
    snapshot = snapshot_pages(build.output)
    command = pagefind_command(snapshot, build.output, index.relative_to(build.output))
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        reference, reference_folder = reference_run(page_languages(snapshot))
    except OSError as error:
        shutil.rmtree(snapshot, ignore_errors=True)
        report(settings, "search-index", f"Pagefind could not be started ({error})",
               "run `bash scripts/install.sh`")
        return

    def finish():
        try:
            check_index(build, process, reference, reference_folder, index)
        finally:
            for started in (process, reference):
                if started.poll() is None:
                    started.kill()
                    started.communicate()
            shutil.rmtree(snapshot, ignore_errors=True)
            shutil.rmtree(reference_folder, ignore_errors=True)

    build.waiting.append(finish)
