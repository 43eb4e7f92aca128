"""Make every image in articles and pages responsive, sized and lazily loaded.

Three steps, around pelican-image-process:

1. When an article or page is read (``content_object_init``), each raster
   ``<img>`` in its body gets the class ``image-process-<derivative>`` (writers
   need not remember the class).
2. When a page holding such an image is written (``content_written``),
   pelican-image-process writes the smaller copies and the ``srcset``. It is
   called here rather than enabled in ``PLUGINS`` because on its own it parses
   and re-serialises every written page, images or not (slower builds, and
   every page's markup rewritten by BeautifulSoup).
3. When the whole site is written (``finalized``), each ``<img>`` in the output
   that points to a file of the site and lacks ``width``/``height`` gets them
   from the image file (the browser reserves the space: no layout shift), and
   ``loading``/``decoding``: the first image of the main content, when it comes
   before the first ``<h2>``, may be in the first view and loads at once; every
   other image loads lazily. A writer's own ``loading`` is kept.

Settings:
``CONTENT_IMAGES_DERIVATIVE`` (default ``None``): the ``IMAGE_PROCESS``
derivative given to content images; ``None`` leaves classes alone.
``CONTENT_IMAGES`` (default ``True``): ``False`` skips step 3.
``IMAGE_PROCESS`` and the other ``IMAGE_PROCESS_*`` settings: see pelican-image-process.
"""

import functools
import hashlib
from html import escape
from html.parser import HTMLParser
import logging
import os
from pathlib import Path
import re
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.contents import Article, Page

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


_processed_pages = {}  # (page path, hash as Pelican wrote it) -> page after image-process


def make_srcset(path, context):
    """Let pelican-image-process write the derivatives and srcset of a page with images."""
    from pelican.plugins.image_process import image_process  # only sites with images need it

    if not path.endswith(".html"):
        return
    with open(path, encoding="utf-8") as page:
        written = page.read()
    if "image-process-" not in written:
        return
    # A rebuild in place (livereload: the output, derivatives included, is kept)
    # writes most pages exactly as before; give those the result of last time
    # instead of parsing them again.
    reuse = context.get("DELETE_OUTPUT_DIRECTORY") is False
    key = (path, hashlib.sha1(written.encode("utf-8")).hexdigest())
    if reuse and key in _processed_pages:
        with open(path, "w", encoding="utf-8") as page:
            page.write(_processed_pages[key])
        return
    try:
        image_process.harvest_images(path, context)
        if reuse:
            with open(path, encoding="utf-8") as page:
                _processed_pages[key] = page.read()
    except OSError as error:
        # A missing or unreadable image is named by the content and link checks;
        # this keeps the build going so that every problem is listed at once.
        log.warning("%s: responsive images could not be made (%s) — check that every"
                    " image the page shows exists in content/images/", path, error)


def image_file(src, page, output, site_prefixes):
    """Return the output file an <img src> names, or None for other sites' images."""
    for prefix in site_prefixes:
        if src == prefix or src.startswith(prefix + "/"):
            src = "/" + src[len(prefix):].lstrip("/")
            break
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = output if path.startswith("/") else page.parent
    return (base / path.lstrip("/")).resolve()


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


def complete_page(html, page, output, site_prefixes):
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
            path = image_file(attrs.get("src") or "", page, output, site_prefixes)
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
    """Complete every <img> of the written site."""
    settings = pelican.settings
    if not settings.get("CONTENT_IMAGES", True):
        return
    output = Path(pelican.output_path).resolve()
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    prefixes = [siteurl] if siteurl.startswith(("http://", "https://")) else []
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<img" not in html:
            continue
        completed = complete_page(html, page, output, prefixes)
        if completed != html:
            page.write_text(completed, encoding="utf-8")


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(add_derivative_class)
    signals.content_written.connect(make_srcset)
    signals.finalized.connect(complete_images)
