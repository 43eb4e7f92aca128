"""Build the site's full-text search index with Pagefind once Pelican has written it.

Pagefind reads the finished HTML, so the index holds exactly what visitors
see. Only pages whose template marks their content with ``data-pagefind-body``
are indexed (articles and pages, not drafts, the 404 or the search page), and
within them anything marked ``data-pagefind-ignore`` (the disclaimer) is left
out, so navigation, footers and repeated boilerplate never match a search.

Pagefind starts where this plugin's ``finalized`` receiver comes and runs in
the background, on a copy of the pages taken at that moment, while the later
steps run (image sizes, minifying, hashing, link checks: about 3 s at 1,000
articles); the build waits for it at the end of ``finalized``, before
strict_build's report and before compression.

Settings:
``SEARCH_INDEX`` (default ``True``): ``False`` skips building the index.
``SEARCH_INDEX_DIR`` (default ``"pagefind"``): folder of the index inside the output.
``SEARCH_INDEX_BACKGROUND`` (default ``True``): ``False`` builds the index in line, on the
output itself (the same bytes: ``tests/unit/test_search_index.py``).
"""

import logging
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile

from pelican import signals

log = logging.getLogger(__name__)

_running = {}  # output folder -> (pagefind process, its snapshot folder, command)


def pagefind_command(site, output, index_dir):
    """The command that indexes site into output/index_dir (the binary ships in the wheel)."""
    return [
        sys.executable, "-m", "pagefind", "--site", str(site),
        "--output-path", str(Path(output) / index_dir), "--silent",
    ]


def snapshot_pages(output):
    """Copy every HTML file of output into a new temporary folder; return its path.

    The later steps of the build rewrite pages in place (image sizes, minifying,
    hashed names) while Pagefind reads them; it reads this copy, taken when the
    index would have been built in line, so the index is the same bytes.
    """
    snapshot = Path(tempfile.mkdtemp(prefix="search-pages-"))
    for folder, _dirs, files in os.walk(output):
        pages = [name for name in files if name.endswith((".html", ".htm"))]
        if not pages:
            continue
        target = snapshot / os.path.relpath(folder, output)
        target.mkdir(parents=True, exist_ok=True)
        for name in pages:
            shutil.copyfile(os.path.join(folder, name), target / name)
    return snapshot


def start_index(pelican):
    """Start indexing the written site; in the background unless SEARCH_INDEX_BACKGROUND is off."""
    settings = pelican.settings
    if not settings.get("SEARCH_INDEX", True):
        return
    output = Path(pelican.output_path)
    index_dir = settings.get("SEARCH_INDEX_DIR", "pagefind")
    # A rebuild in place (livereload) keeps the old index: start from none, or the
    # fragments of edited pages would pile up beside the new ones.
    shutil.rmtree(output / index_dir, ignore_errors=True)
    background = settings.get("SEARCH_INDEX_BACKGROUND", True)
    site = snapshot_pages(output) if background else output
    command = pagefind_command(site, output, index_dir)
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
    except OSError as error:
        log.error("search: could not run pagefind (%s) — run `bash scripts/install.sh`", error)
        if background:
            shutil.rmtree(site, ignore_errors=True)
        return
    _running[str(output)] = (process, site if background else None)
    if not background:
        finish_index(pelican)


def finish_index(pelican):
    """Wait for the index; a failure is logged as an error (strict_build fails the build)."""
    process, snapshot = _running.pop(str(pelican.output_path), (None, None))
    if process is None:
        return
    try:
        stdout, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        log.error("search: pagefind did not finish in 10 minutes")
        return
    finally:
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)
    if process.returncode != 0:
        log.error("search: pagefind failed — %s", (stderr or stdout).strip())


def connect_finish(_pelican):
    """Connected at ``initialized``: after every plugin's own ``finalized`` receivers, so
    the index is built while they run (strict_build reports after all of them)."""
    signals.finalized.connect(finish_index)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(start_index)
    signals.initialized.connect(connect_finish)
