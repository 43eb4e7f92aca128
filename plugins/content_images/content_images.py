"""Make every image in articles and pages responsive, sized and lazily loaded.

Three steps, around pelican-image-process:

1. When an article or page is read (``content_object_init``), each raster
   ``<img>`` in its body gets the class ``image-process-<derivative>`` (writers
   need not remember the class).
2. When a page holding such an image is written (``content_written``),
   pelican-image-process writes the smaller copies and the ``srcset`` of each
   such ``<img>`` tag (once per distinct tag in a build). It is called here
   rather than enabled in ``PLUGINS`` because on its own it parses and
   re-serialises every written page, images or not (slower builds, and every
   page's markup rewritten by BeautifulSoup). A ``picture`` derivative needs
   the tags around the image, so with one configured whole pages are handed
   to it as before.
3. In the same pass (one read and one write of the page), each ``<img>`` that
   points to a file of the site and lacks ``width``/``height`` gets them from
   the image file (the browser reserves the space: no layout shift), and
   ``loading``/``decoding``: the first image of the main content, when it comes
   before the first ``<h2>``, may be in the first view and loads at once; every
   other image loads lazily. A writer's own ``loading`` is kept. Static images
   are copied after the pages are written, so their size is read from the
   source file. When the whole site is written (``finalized``), HTML files
   written by other means (no ``content_written``) get the same treatment.

Settings:
``CONTENT_IMAGES_DERIVATIVE`` (default ``None``): the ``IMAGE_PROCESS``
derivative given to content images; ``None`` leaves classes alone.
``CONTENT_IMAGES`` (default ``True``): ``False`` skips step 3.
``IMAGE_DERIVATIVE_CACHE`` (default ``None``): a folder where the smaller copies are kept
between builds (``derivative_cache.py``).
``IMAGE_PROCESS`` and the other ``IMAGE_PROCESS_*`` settings: see pelican-image-process.
"""

import functools
from html import escape
from html.parser import HTMLParser
import logging
import os
from pathlib import Path
import re
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.contents import Article, Page

from . import derivative_cache

log = logging.getLogger(__name__)

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(["'])""")
RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


class TagAttributes(HTMLParser):
    """Parse the attributes of one start tag."""

    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.attrs = {}
        self.feed(tag)

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value for name, value in attrs}

    handle_startendtag = handle_starttag


def add_attributes(tag, extra):
    """Return the <img> tag with the extra attributes inserted before its end."""
    added = "".join(f' {name}="{escape(str(value))}"' for name, value in extra.items())
    end = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(end)].rstrip() + added + end


def add_derivative_class(content):
    """Give each raster <img> of an article or page the image_process class."""
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    derivative = content.settings.get("CONTENT_IMAGES_DERIVATIVE")
    if not derivative or "<img" not in content._content:
        return
    wanted = content.settings.get("IMAGE_PROCESS_CLASS_PREFIX", "image-process-") + derivative

    def with_class(match):
        tag = match.group(0)
        attrs = TagAttributes(tag).attrs
        src = attrs.get("src") or ""
        classes = (attrs.get("class") or "").split()
        external = urlsplit(src).scheme in ("http", "https")
        raster = Path(urlsplit(src).path).suffix.lower() in RASTER_SUFFIXES
        if external or not raster or any(c.startswith("image-process-") for c in classes):
            return tag
        if "class" in attrs:
            return CLASS_ATTRIBUTE.sub(lambda m: f"class={m.group(1)}{wanted} ", tag, count=1)
        return add_attributes(tag, {"class": wanted})

    content._content = IMG_TAG.sub(with_class, content._content)


IMAGE_PROCESS_TAG = re.compile(r"<img\b[^>]*\bimage-process-[^>]*>", re.IGNORECASE)


class Build:
    """What one build needs again and again (livereload runs many in one process)."""

    def __init__(self, settings=None):
        settings = settings or {}
        self.output = Path(settings.get("OUTPUT_PATH") or ".").resolve()
        siteurl = (settings.get("SITEURL") or "").rstrip("/")
        self.prefixes = [siteurl] if siteurl.startswith(("http://", "https://")) else []
        self.seen = set()  # pages finished at content_written
        self.tags = {}  # <img> tag as written -> the tag after image-process
        self._static_sources = None

    def static_sources(self, context):
        """{output file: source file} of every static file (copied after the pages)."""
        if self._static_sources is None:
            self._static_sources = {
                (self.output / static.save_as).resolve(): Path(static.source_path)
                for static in (context.get("static_content") or {}).values()
                if getattr(static, "save_as", None) and getattr(static, "source_path", None)
            }
        return self._static_sources


build = Build()


def start_build(pelican):
    """Start each build afresh (images may have changed since the last one)."""
    global build
    build = Build(pelican.settings)
    if pelican.settings.get("IMAGE_DERIVATIVE_CACHE"):
        derivative_cache.install()


def process_tag(tag, context):
    """Return one <img> tag as pelican-image-process makes it (srcset, derivatives).

    Remembered per build: an image shown on many pages is processed once.
    """
    from pelican.plugins.image_process import image_process  # only sites with images need it

    if tag not in build.tags:
        image_process.set_default_settings(context)
        build.tags[tag] = image_process.harvest_images_in_fragment(tag, context)
    return build.tags[tag]


def uses_pictures(context):
    """True when a derivative builds <picture>, which needs the tags around the <img>."""
    return any(isinstance(spec, dict) and spec.get("type") == "picture"
               for spec in (context.get("IMAGE_PROCESS") or {}).values())


def with_srcset(html, path, context):
    """Return the page's HTML with each processed <img> given its srcset and derivatives."""
    if "image-process-" not in html:
        return html
    if uses_pictures(context):
        from pelican.plugins.image_process import image_process

        image_process.harvest_images(path, context)  # rewrites the file itself
        with open(path, encoding="utf-8") as page:
            return page.read()

    def process(match):
        tag = match.group(0)
        if " srcset=" in tag:  # the writer's own: image-process would only re-serialise it
            return tag
        return process_tag(tag, context)

    return IMAGE_PROCESS_TAG.sub(process, html)


def finish_page(path, context):
    """Give a written page's images their srcset, size, loading and decoding (one pass).

    pelican-image-process's own hook parses and re-serialises the whole page
    with BeautifulSoup (about 14 ms a page); only the <img> tags change, so
    only they are handed to it, and the rest of the page keeps its bytes.
    """
    if not path.endswith(".html"):
        return
    build.seen.add(os.path.abspath(path))
    if context.get("QUICK_REBUILD_KEPT_PAGE"):  # finished by an earlier build (quick_rebuild)
        return
    with open(path, encoding="utf-8") as page:
        written = page.read()
    if "<img" not in written:
        return
    try:
        html = with_srcset(written, path, context)
    except OSError as error:
        # A missing or unreadable image is named by the content and link checks;
        # this keeps the build going so that every problem is listed at once.
        log.warning("%s: responsive images could not be made (%s) — check that every"
                    " image the page shows exists in content/images/", path, error)
        html = written
    if context.get("CONTENT_IMAGES", True):
        html = complete_page(html, Path(path).resolve(), build.output, build.prefixes,
                             build.static_sources(context))
    if html != written:
        with open(path, "w", encoding="utf-8") as page:
            page.write(html)


def image_file(src, page, output, site_prefixes, static_sources=None):
    """Return the file an <img src> names, or None for other sites' images.

    The output file; or, for a static file Pelican copies after the pages are
    written, its source (the same bytes)."""
    for prefix in site_prefixes:
        if src == prefix or src.startswith(prefix + "/"):
            src = "/" + src[len(prefix):].lstrip("/")
            break
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = output if path.startswith("/") else page.parent
    found = (base / path.lstrip("/")).resolve()
    if static_sources and not found.is_file():
        return static_sources.get(found, found)
    return found


@functools.lru_cache(maxsize=4096)
def _image_size(path, _mtime_ns):
    from PIL import Image  # imported here: only sites with images need Pillow

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError):
        return None


def image_size(path):
    """Return (width, height) of an image file, or None when it cannot be read.

    Remembered per file and modification time: many pages show the same image.
    """
    try:
        return _image_size(str(path), os.stat(path).st_mtime_ns)
    except OSError:
        return None


def complete_page(html, page, output, site_prefixes, static_sources=None):
    """Return the page's HTML with width, height, loading and decoding on every <img>."""
    main_start = html.find("<main")
    first_h2 = html.find("<h2", main_start) if main_start >= 0 else -1
    first_in_main = True

    def complete(match):
        nonlocal first_in_main
        tag = match.group(0)
        attrs = TagAttributes(tag).attrs
        extra = {}
        if "width" not in attrs or "height" not in attrs:
            path = image_file(attrs.get("src") or "", page, output, site_prefixes,
                              static_sources)
            size = image_size(path) if path and path.is_file() else None
            if size:
                extra["width"], extra["height"] = size
            else:
                log.warning("output/%s: the image %s has no width and height — give the file"
                            " a size or write width and height on the image",
                            page.relative_to(output), attrs.get("src"))
        in_main = 0 <= main_start < match.start()
        if "loading" not in attrs:
            near_top = in_main and first_in_main and (first_h2 < 0 or match.start() < first_h2)
            extra["loading"] = "eager" if near_top else "lazy"
        if in_main:
            first_in_main = False
        if "decoding" not in attrs:
            extra["decoding"] = "async"
        return add_attributes(tag, extra) if extra else tag

    return IMG_TAG.sub(complete, html)


def complete_images(pelican):
    """Complete the <img> tags of pages written without ``content_written`` (by other means)."""
    settings = pelican.settings
    if not settings.get("CONTENT_IMAGES", True):
        return
    output = Path(pelican.output_path).resolve()
    for page in output.rglob("*.html"):
        if str(page) in build.seen:
            continue
        html = page.read_text(encoding="utf-8")
        if "<img" not in html:
            continue
        completed = complete_page(html, page, output, build.prefixes)
        if completed != html:
            page.write_text(completed, encoding="utf-8")


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(add_derivative_class)
    signals.initialized.connect(start_build)
    signals.content_written.connect(finish_page)
    signals.finalized.connect(complete_images)
