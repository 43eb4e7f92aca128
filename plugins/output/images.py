"""Every image in articles and pages: responsive, sized and lazily loaded.

Two parts, around pelican-image-process:

1. When an article or page is read (signal ``content_object_init``; this
   module is a plugin for that), each raster ``<img>`` of the writer's text
   gets the class ``image-process-<derivative>`` (writers need not remember it).
2. The output step ``output.images`` (first in ``OUTPUT_PIPELINE``) goes
   through every written page once. Each distinct ``<img>`` tag with such a
   class is handed to pelican-image-process (``harvest_images_in_fragment``),
   which writes the smaller copies and the ``srcset``; the rest of the page
   keeps its bytes (enabled on its own, image_process parses and
   re-serialises every page). Then each ``<img>`` that points to a file of the
   site and lacks ``width``/``height`` gets them from the image file (the
   browser reserves the space: no layout shift), and ``loading``/``decoding``:
   the first image of the main content, when it comes before the first
   ``<h2>``, may be in the first view and loads at once; every other image
   loads lazily. A writer's own ``loading`` is kept. A ``picture`` derivative
   needs the tags around the image, so with one configured whole pages are
   handed to image_process.

3. Every published image, the originals Pelican copied and the smaller copies, loses its
   camera and location metadata (EXIF, XMP, IPTC, text chunks), without being encoded
   again (``plugins/output/image_metadata.py``). An SVG is passed through as it is; its
   ``width``/``height`` come from the SVG (its width and height in pixels, or its
   ``viewBox``). An image the image checks refused (``plugins/checks/images.py``) is
   neither resized nor read. A problem with an image of a page is named at the writer's
   file and line (``responsive-image``, ``image-size``).

Smaller copies are kept between builds in ``IMAGE_DERIVATIVE_CACHE``: every
production build writes a new output folder, and pelican-image-process
re-makes a copy unless the output already holds one newer than its source
(its documented behaviour; ``IMAGE_PROCESS_FORCE`` turns it off). So before a
tag is processed, the copies made for the same tag, from the same source
bytes, with the same derivative settings, Pillow version and ExifTool
presence, are put in the output from the cache; the copies it makes are
added to the cache. Deleting the folder is always safe.

Settings:
``CONTENT_IMAGES_DERIVATIVE`` (default ``None``): the ``IMAGE_PROCESS``
derivative given to content images; ``None`` leaves classes alone.
``CONTENT_IMAGES`` (default ``True``): ``False`` skips the output step.
``IMAGE_DERIVATIVE_CACHE`` (default ``None``: no cache): the cache's folder.
``IMAGE_PROCESS`` and the other ``IMAGE_PROCESS_*`` settings: see pelican-image-process.
"""

import functools
import hashlib
from html import escape
from html.parser import HTMLParser
import json
import os
from pathlib import Path
import posixpath
import re
import shutil
import tempfile
from urllib.parse import urlsplit

from pelican import signals
from pelican.contents import Article, Page

from plugins.common import urls
from plugins.common.contents import contents, static_files
from plugins.common.problems import find_line, report
from plugins.output import image_metadata

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMAGE_PROCESS_TAG = re.compile(r"<img\b[^>]*\bimage-process-[^>]*>", re.IGNORECASE)
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


# --- 1. When a content is read ------------------------------------------------------

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


def register():
    signals.content_object_init.connect(add_derivative_class)


# --- The cache of smaller copies ---------------------------------------------------------

@functools.cache
def tool_versions():
    import PIL

    return PIL.__version__, shutil.which("exiftool") is not None


def file_digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class DerivativeCache:
    """Smaller copies of images kept between builds, by what they were made from.

    Each copy is stored once, by its digest (``blobs/``), however many tags show it
    (``derivatives.json`` of a tag names the copies by output path and digest), and is
    put in the output once a build.
    """

    def __init__(self, folder, output, context):
        self.folder = Path(folder) if folder else None
        self.output = output
        self.context = context
        self.digests = {}  # source path -> digest of its bytes, once a build
        self.placed = set()  # output paths of the copies already put in this build's output

    def key(self, tag, page_folder):
        """What a tag's copies depend on, or None when they cannot be cached."""
        if self.folder is None or self.context.get("IMAGE_PROCESS_FORCE"):
            return None
        source = self.source(TagAttributes(tag).attrs.get("src") or "", page_folder)
        if source is None:
            return None
        if source not in self.digests:
            self.digests[source] = file_digest(source)
        recipe = repr((tag, self.digests[source], sorted(self.context.get("IMAGE_PROCESS",
                                                                           {}).items()),
                       self.context.get("IMAGE_PROCESS_DIR"), tool_versions()))
        return hashlib.sha256(recipe.encode("utf-8")).hexdigest()

    def source(self, src, page_folder):
        """The source file of a static image the site shows, or None."""
        target = urls.resolve(src, page_folder, urls.site_prefixes(self.context))
        if target is None or not target.path:
            return None
        for static in (self.context.get("static_content") or {}).values():
            if getattr(static, "save_as", "") == target.path \
                    and os.path.isfile(static.source_path):
                return static.source_path
        return None

    def blob(self, digest):
        return self.folder / "blobs" / digest[:2] / digest

    def put_in_output(self, key):
        """Copy the cached copies of key into the output; True when there were some."""
        manifest = self.folder / key[:2] / key / "derivatives.json"
        try:
            copies = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not all(self.blob(digest).is_file() for _relative, digest in copies):
            return False
        for relative, digest in copies:
            target = self.output / relative
            if relative in self.placed and target.is_file():
                continue  # another tag showed the same copy
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.blob(digest), target)  # newer than the source
            self.placed.add(relative)
        return True

    def keep(self, key, processed_tag, page_folder):
        """Add the copies named by a processed tag's src and srcset to the cache."""
        attrs = TagAttributes(processed_tag).attrs
        named = [attrs.get("src") or ""] + [
            part.strip().split(" ")[0] for part in (attrs.get("srcset") or "").split(",")]
        files = []
        for url in named:
            target = urls.resolve(url, page_folder, urls.site_prefixes(self.context))
            if target and target.path and (self.output / target.path).is_file() \
                    and target.path not in files:
                files.append(target.path)
        try:
            copies = []
            for relative in files:
                digest = file_digest(self.output / relative)
                if not self.blob(digest).is_file():
                    self.write_whole(self.blob(digest), (self.output / relative).read_bytes())
                copies.append([relative, digest])
                self.placed.add(relative)
            manifest = self.folder / key[:2] / key / "derivatives.json"
            self.write_whole(manifest, json.dumps(copies).encode("utf-8"))
        except OSError:
            pass  # not cached: made again next time

    def write_whole(self, path, data):
        """Write a file whole or not at all: another build may read it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=".part-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(partial, path)
        except OSError:
            Path(partial).unlink(missing_ok=True)
            raise


# --- 2. The output step ---------------------------------------------------------------

class ImageStep:
    """What one run of the step needs again and again."""

    def __init__(self, build):
        self.build = build
        self.output = build.output
        self.context = build.context or dict(build.settings)
        self.prefixes = urls.site_prefixes(build.settings)
        self.tags = {}  # <img> tag as written -> the tag after image-process
        folder = build.settings.get("IMAGE_DERIVATIVE_CACHE")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
        self.cache = DerivativeCache(folder, self.output, self.context)
        # Output path -> the writer's source, to name the file and line of an image.
        self.sources = {content.save_as: content.source_path
                        for content in contents(build.generators) if content.save_as}
        # Images the image checks refused (plugins/checks/images.py): never resized or read.
        refused = build.plugin_state.get("refused_images") or set()
        self.refused = {static.save_as for static in static_files(build.generators)
                        if static.source_path in refused}

    def report_image(self, check, relative, src, what, fix):
        """A problem with an image of a written page, named at the writer's file and line."""
        source = self.sources.get(relative)
        name = posixpath.basename(urlsplit(src or "").path)
        if source:
            report(self.build.settings, check, f"the image {src}: {what}", fix, source=source,
                   line=find_line(source, name) if name else None)
        else:  # a page no writer's file makes (a template's image)
            report(self.build.settings, check, f"the image {src} on the page {relative}:"
                   f" {what}", fix)

    def is_refused(self, tag, page_folder):
        target = urls.resolve(TagAttributes(tag).attrs.get("src") or "", page_folder,
                              self.prefixes)
        return bool(target and target.path) and target.path in self.refused

    def process_tag(self, tag, page_folder):
        """One <img> tag as pelican-image-process makes it (srcset, copies), once per tag."""
        from pelican.plugins.image_process import image_process

        if tag not in self.tags:
            image_process.set_default_settings(self.context)
            key = self.cache.key(tag, page_folder)
            cached = key is not None and self.cache.put_in_output(key)
            self.tags[tag] = image_process.harvest_images_in_fragment(tag, self.context)
            if key is not None and not cached:
                self.cache.keep(key, self.tags[tag], page_folder)
        return self.tags[tag]

    def missing(self, tag, page_folder):
        """True when the image of a tag is a file of this site that was not written."""
        target = urls.resolve(TagAttributes(tag).attrs.get("src") or "", page_folder,
                              self.prefixes)
        return bool(target and target.path) and not (self.output / target.path).is_file()

    def with_srcset(self, html, path):
        if "image-process-" not in html:
            return html
        if uses_pictures(self.context):
            from pelican.plugins.image_process import image_process

            path.write_text(html, encoding="utf-8")
            image_process.harvest_images(str(path), self.context)  # rewrites the file itself
            return path.read_text(encoding="utf-8")
        folder = path.parent.relative_to(self.output).as_posix()
        relative = path.relative_to(self.output).as_posix()

        def process(match):
            tag = match.group(0)
            if " srcset=" in tag:  # the writer's own: image-process would only re-serialise it
                return tag
            if self.missing(tag, folder):  # the checks name it, with the writer's line
                return tag
            if self.is_refused(tag, folder):  # the image checks name it
                return tag
            try:
                return self.process_tag(tag, folder)
            except OSError as error:
                self.report_image("responsive-image", relative, TagAttributes(tag).attrs.get(
                    "src"), f"its smaller copies could not be made ({reason(error)})",
                    "open the image in an image editor and save it again, or replace it")
                return tag

        return IMAGE_PROCESS_TAG.sub(process, html)

    def finish_page(self, path):
        written = path.read_text(encoding="utf-8")
        if "<img" not in written:
            return
        relative = path.relative_to(self.output).as_posix()
        try:
            html = self.with_srcset(written, path)
        except OSError as error:
            # (whole pages, for <picture>) The build goes on so that every problem is listed
            # at once.
            self.report_image("responsive-image", relative, "", "the smaller copies of an"
                              f" image could not be made ({reason(error)})", "check that"
                              " every image the page shows exists in content/images/")
            html = written
        html = complete_page(html, relative, self.output, self.prefixes, self)
        if html != written:
            path.write_text(html, encoding="utf-8")


def uses_pictures(context):
    """True when a derivative builds <picture>, which needs the tags around the <img>."""
    return any(isinstance(spec, dict) and spec.get("type") == "picture"
               for spec in (context.get("IMAGE_PROCESS") or {}).values())


SVG_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


def svg_size(path):
    """(width, height) of an SVG: its width and height in pixels, or its viewBox."""
    from plugins.checks.images import svg_tree

    try:
        root = svg_tree(path).getroot()
    except Exception:  # not well-formed: the image checks say so
        return None
    width, height = (SVG_LENGTH.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return None
    if box_width <= 0 or box_height <= 0:
        return None
    return round(box_width), round(box_height)


@functools.lru_cache(maxsize=4096)
def _image_size(path, _mtime_ns):
    from PIL import Image  # imported here: only sites with images need Pillow

    if path.lower().endswith(".svg"):  # drawn at any size: passed through, never resized
        return svg_size(path)
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError):
        return None


def image_size(path):
    """(width, height) of an image file, or None; remembered per file and modification time."""
    try:
        return _image_size(str(path), os.stat(path).st_mtime_ns)
    except OSError:
        return None


def reason(error):
    """What went wrong, without the paths of the build's temporary output folder."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def complete_page(html, relative, output, prefixes, step):
    """The page's HTML with width, height, loading and decoding on every <img>."""
    main_start = html.find("<main")
    first_h2 = html.find("<h2", main_start) if main_start >= 0 else -1
    first_in_main = True
    folder = posixpath.dirname(relative)

    def complete(match):
        nonlocal first_in_main
        tag = match.group(0)
        attrs = TagAttributes(tag).attrs
        extra = {}
        if "width" not in attrs or "height" not in attrs:
            target = urls.resolve(attrs.get("src") or "", folder, prefixes)
            path = output / target.path if target is not None and target.path else None
            found = path is not None and path.is_file()  # a missing one: the checks name it
            refused = found and target.path in step.refused  # the image checks name it
            size = image_size(path) if found and not refused else None
            if size:
                extra["width"], extra["height"] = size
            elif found and not refused:  # an image of this site that could not be read
                step.report_image("image-size", relative, attrs.get("src"), "it has no width"
                                  " and height", "give the file a size (an SVG: width and"
                                  " height, or a viewBox) or write width and height on the"
                                  " image")
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


def run(build):
    """Give every written page's images their srcset, size, loading and decoding."""
    if not build.settings.get("CONTENT_IMAGES", True):
        return
    step = ImageStep(build)
    for folder, dirs, files in os.walk(build.output):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                step.finish_page(Path(folder) / name)
    # Every published image (originals and smaller copies) without camera and location data.
    images = [Path(folder) / name for folder, _, files in os.walk(build.output)
              for name in files if Path(name).suffix.lower() in image_metadata.SUFFIXES]
    for path in images:
        if path.relative_to(build.output).as_posix() not in step.refused:
            image_metadata.strip(path)  # a write error fails the build
