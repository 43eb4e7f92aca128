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

Settings:
``SEARCH_INDEX`` (default ``True``): ``False`` skips building the index.
``SEARCH_INDEX_DIR`` (default ``"pagefind"``): folder of the index inside the output.
"""

import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile

from plugins.common.problems import report

TIMEOUT = 600  # seconds


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
    except OSError as error:
        shutil.rmtree(snapshot, ignore_errors=True)
        report(settings, "search-index", f"Pagefind could not be started ({error})",
               "run `bash scripts/install.sh`")
        return

    def finish():
        try:
            output, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            report(settings, "search-index", f"Pagefind did not finish in {TIMEOUT} s",
                   "look for a page that is very large")
            return
        finally:
            shutil.rmtree(snapshot, ignore_errors=True)
        if process.returncode != 0:
            report(settings, "search-index", f"Pagefind failed: {output.strip()}",
                   "run `bash scripts/install.sh`; fix the page it names")
        elif not (index / "pagefind.js").is_file():
            report(settings, "search-index", "Pagefind wrote no index (pagefind.js is"
                   " missing)", "check that the disk is not full")

    build.waiting.append(finish)
