"""Minify the built HTML and CSS with minify-html.

Every ``.html`` file is minified (with its inline CSS; spec-compliant output
only: minify-html's defaults), and every ``.css`` file is minified as a
stylesheet. (pelican-minify was tried: it passes
CSS files to the HTML minifier as if they were page text, which only collapses
white space.) Scripts are left as shipped.

An output step (``output.minify`` in ``OUTPUT_PIPELINE``, production only),
before ``output.asset_hashes`` so hashes cover the bytes that are served.

Settings:
``MINIFY_OUTPUT_EXCLUDE`` (default ``["pagefind/"]``): output folders left alone.
"""

import os

import minify_html

from plugins.common.problems import report
from plugins.output.work_pool import map_in_processes

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
    """Minify every HTML and CSS file under output; return the files left as they were
    because minifying them was not safe."""
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
    statuses = map_in_processes(minify_file, paths)
    return [os.path.relpath(path, output).replace(os.sep, "/")
            for path, status in zip(paths, statuses, strict=True) if status == "unsafe"]


def run(build):
    exclude = build.settings.get("MINIFY_OUTPUT_EXCLUDE", DEFAULT_EXCLUDE)
    for relative in minify_files(build.output, exclude):
        report(build.settings, "minify-unsafe", f"output/{relative} could not be minified"
               " safely", "check it for a literal </style>")
