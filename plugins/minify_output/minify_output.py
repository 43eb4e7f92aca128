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
from pathlib import Path

import minify_html
from pelican import signals

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


def minify_files(output, exclude=DEFAULT_EXCLUDE):
    """Minify every HTML and CSS file under output; return how many changed."""
    output = Path(output)
    changed = 0
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if not path.is_file() or any(relative.startswith(f.rstrip("/") + "/") for f in exclude):
            continue
        if path.suffix == ".html":
            minify = minify_page
        elif path.suffix == ".css":
            minify = minify_stylesheet
        else:
            continue
        text = path.read_text(encoding="utf-8")
        result = minify(text)
        if result is None:
            log.warning("minify_output: %s could not be minified safely — check it for a"
                        " literal </style>", relative)
        elif result != text:
            path.write_text(result, encoding="utf-8")
            changed += 1
    return changed


def minify_output(pelican):
    exclude = pelican.settings.get("MINIFY_OUTPUT_EXCLUDE", DEFAULT_EXCLUDE)
    count = minify_files(pelican.output_path, exclude)
    log.info("minify_output: %d files minified", count)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(minify_output)
