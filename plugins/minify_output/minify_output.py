"""Minify the built HTML and CSS with minify-html.

After the build (signal ``finalized``) every ``.html`` file is minified (with
its inline CSS; spec-compliant output only: minify-html's defaults), and every
``.css`` file is minified as a stylesheet. (pelican-minify was tried: it passes
CSS files to the HTML minifier as if they were page text, which only collapses
white space.) Scripts are left as shipped.

Enabled in production only (``publishconf.py``), before ``asset_hashing`` so
hashes cover the bytes that are served.

Settings:
``MINIFY_OUTPUT_EXCLUDE`` (default ``["pagefind/"]``): output folders left alone.
"""

import logging
import os

import minify_html
from pelican import signals

from plugins.work_pool import map_in_processes

log = logging.getLogger(__name__)

DEFAULT_EXCLUDE = ["pagefind/"]


def minify_page(html):
    return minify_html.minify(html, minify_css=True, minify_js=False)


def minify_stylesheet(css):
    """Minify a stylesheet as the content of a <style> element."""
    if "</style" in css.lower():  # would end the element early: leave the file as it is
        return None
    wrapped = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    if not (wrapped.startswith("<style>") and wrapped.endswith("</style>")):
        return None
    return wrapped[len("<style>"):-len("</style>")]


def minify_file(path):
    """Minify one HTML or CSS file in place; return "changed", "same" or "unsafe"."""
    minify = minify_page if path.endswith(".html") else minify_stylesheet
    with open(path, encoding="utf-8") as file:
        text = file.read()
    result = minify(text)
    if result is None:
        return "unsafe"
    if result == text:
        return "same"
    with open(path, "w", encoding="utf-8") as file:
        file.write(result)
    return "changed"


def minify_files(output, exclude=DEFAULT_EXCLUDE):
    """Minify every HTML and CSS file under output; return how many changed."""
    output = str(output)
    excluded = tuple(folder.rstrip("/") + "/" for folder in exclude)
    paths = []
    for folder, _dirs, files in os.walk(output):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if name.endswith((".html", ".css")) and not relative.startswith(excluded):
                paths.append(path)
    paths.sort()
    changed = 0
    for path, status in zip(paths, map_in_processes(minify_file, paths), strict=True):
        if status == "unsafe":
            log.warning("minify_output: %s could not be minified safely — check it for a"
                        " literal </style>", os.path.relpath(path, output).replace(os.sep, "/"))
        changed += status == "changed"
    return changed


def minify_output(pelican):
    exclude = pelican.settings.get("MINIFY_OUTPUT_EXCLUDE", DEFAULT_EXCLUDE)
    count = minify_files(pelican.output_path, exclude)
    log.info("minify_output: %d files minified", count)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(minify_output)
