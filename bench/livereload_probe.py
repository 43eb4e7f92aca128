"""Time an edit in `invoke livereload`: from saving one article to the finished rebuild.

Run inside a copy of the project (``bench/run.py`` does it). It runs the
project's own ``tasks.livereload`` with the real livereload ``Server``, whose
``serve`` is replaced by a no-op so the task returns after its first build.
Then it edits one article and calls the server's watcher ``examine()`` (what
livereload's poll runs every 800 ms while a browser is connected): that scans
the watched files and calls the task's rebuild function, with the task's own
settings (content cache on). Prints one JSON object.

    python bench/livereload_probe.py PROJECT_COPY ARTICLE [--edits 3]
"""

import argparse
import contextlib
import io
import json
import os
from pathlib import Path
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("article", type=Path, help="path of the article to edit")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)

    os.chdir(args.project)
    sys.path.insert(0, str(args.project))
    from invoke import Context
    import livereload

    servers = []

    def serve_nothing(self, *_args, **_kwargs):
        servers.append(self)

    livereload.Server.serve = serve_nothing
    import tasks

    log = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(log):
        tasks.livereload(Context())
    first_build = time.perf_counter() - started
    watcher = servers[0].watcher

    started = time.perf_counter()
    watcher.examine()  # records every file's mtime, as the first poll does
    idle_poll = time.perf_counter() - started

    article = args.article
    original = article.read_text(encoding="utf-8")
    edits = []
    try:
        for number in range(args.edits):
            article.write_text(original + f"\nEdited for the benchmark, {number}.\n",
                               encoding="utf-8")
            started = time.perf_counter()
            with contextlib.redirect_stdout(log):
                changed, _delay = watcher.examine()
            edits.append(time.perf_counter() - started)
            if not changed:
                raise SystemExit(f"livereload_probe: the watcher did not see {article}")
    finally:
        article.write_text(original, encoding="utf-8")
    print(json.dumps({"first_build": first_build, "idle_poll": idle_poll, "edits": edits}))


if __name__ == "__main__":
    main()
