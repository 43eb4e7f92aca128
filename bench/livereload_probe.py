"""Time an edit in `invoke livereload`: from saving one article to the finished rebuild.

Run inside a copy of the project (``bench/run.py`` does it), with the copy's own
``tasks.py``: its first build (``livereload_rebuild(search_index=True)``, as the
task starts), then a livereload ``Server`` watching what the task watches
(``watch_for_livereload``), never served. Each timed edit appends a sentence to
one article and calls the server's watcher ``examine()`` (what livereload's
poll runs every 800 ms while a browser is connected): it scans the watched
files and runs the task's rebuild, a Pelican process of its own with the
task's settings (content cache on). Prints one JSON object, last.

    python bench/livereload_probe.py PROJECT_COPY ARTICLE [--edits 3]
"""

import argparse
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
    from livereload import Server

    import tasks

    started = time.perf_counter()
    if tasks.livereload_rebuild(search_index=True):
        raise SystemExit("livereload_probe: the first build failed")
    first_build = time.perf_counter() - started

    server = Server()
    tasks.watch_for_livereload(server)
    started = time.perf_counter()
    server.watcher.examine()  # records every file's mtime, as the first poll does
    idle_poll = time.perf_counter() - started

    article = args.article
    original = article.read_text(encoding="utf-8")
    edits = []
    try:
        for number in range(args.edits):
            article.write_text(original + f"\nEdited for the benchmark, {number}.\n",
                               encoding="utf-8")
            started = time.perf_counter()
            changed, _delay = server.watcher.examine()
            edits.append(time.perf_counter() - started)
            if not changed:
                raise SystemExit(f"livereload_probe: the watcher did not see {article}")
    finally:
        article.write_text(original, encoding="utf-8")
    sys.stdout.flush()
    print(json.dumps({"first_build": first_build, "idle_poll": idle_poll, "edits": edits}),
          flush=True)


if __name__ == "__main__":
    main()
