"""Build the site's full-text search index with Pagefind once Pelican has written it.

Pagefind reads the finished HTML, so the index holds exactly what visitors
see. Only pages whose template marks their content with ``data-pagefind-body``
are indexed (articles and pages, not drafts, the 404 or the search page), and
within them anything marked ``data-pagefind-ignore`` (the disclaimer) is left
out, so navigation, footers and repeated boilerplate never match a search.

Settings:
``SEARCH_INDEX`` (default ``True``): ``False`` skips building the index.
``SEARCH_INDEX_DIR`` (default ``"pagefind"``): folder of the index inside the output.
"""

import logging
from pathlib import Path
import shutil
import subprocess
import sys

from pelican import signals

log = logging.getLogger(__name__)


def pagefind_command(output, index_dir):
    """Return the command that indexes the built site (the binary ships in the wheel)."""
    return [
        sys.executable, "-m", "pagefind", "--site", str(output),
        "--output-subdir", index_dir, "--silent",
    ]


def build_index(pelican):
    """Index the written site; a failure is logged as an error (strict_build fails the build)."""
    settings = pelican.settings
    if not settings.get("SEARCH_INDEX", True):
        return
    index_dir = settings.get("SEARCH_INDEX_DIR", "pagefind")
    # A rebuild in place (livereload) keeps the old index: start from none, or the
    # fragments of edited pages would pile up beside the new ones.
    shutil.rmtree(Path(pelican.output_path) / index_dir, ignore_errors=True)
    command = pagefind_command(pelican.output_path, index_dir)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("search: could not run pagefind (%s) — run `bash scripts/install.sh`", error)
        return
    if result.returncode != 0:
        log.error("search: pagefind failed — %s", (result.stderr or result.stdout).strip())


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(build_index)
