"""Every image file of the site, whether a page shows it or not: readable, of a sane size, and
an SVG without code or references to anything outside it.

Every check is a row of ``CHECKS`` (a name, the function that finds the problems in
one static image, the advice). They run once every file is read (signal
``all_generators_finalized``), over each static file with an image suffix, and report
against the image file (and, for an SVG, the line of the element), and against each
article or page that shows it, at the line that shows it. An image refused
here is noted in the build's state (``refused_images``: source paths), so the
output step ``output.images`` neither resizes it nor reads its size.

- ``image-unreadable``: Pillow cannot read the whole image (truncated, corrupt, not an
  image of the type its name says).
- ``image-too-many-pixels``: more pixels than ``MAX_IMAGE_PIXELS``. The dimensions are
  read from the file's header without decoding it, so a "decompression bomb" (a small
  file that decodes to gigabytes) is refused before anything decodes it. Pillow's own
  module limit is left as it is.
- ``unsafe-svg``: an SVG with a script, an event handler (``onload=``), a
  ``javascript:`` URL, a ``foreignObject``, a reference to another file or site
  (``href``, ``url(...)``, ``@import``) or a document type with entities. An SVG opened on
  its own runs its scripts with the site's origin.

Settings: ``CONTENT_CHECKS`` (default ``True``), ``MAX_IMAGE_PIXELS`` (default
``25_000_000``: 25 megapixels).
"""

from collections import namedtuple
import functools
import os
import re
import warnings

from lxml import etree
from pelican import signals

from plugins.checks.sources import Problem, report_findings
from plugins.common.build import build_of
from plugins.common.contents import contents, static_files
from plugins.common.problems import Problem as ReportedProblem
from plugins.common.problems import display_path, find_line

Check = namedtuple("Check", "name find advice")

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
DEFAULT_MAX_PIXELS = 25_000_000
REFUSED = "refused_images"

SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "handler", "listener", "iframe", "embed",
                          "object"}
HREF_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
EXTERNAL_CSS = re.compile(r"""@import|url\(\s*['"]?\s*(?!#)""", re.IGNORECASE)
# An SVG is parsed with nothing fetched and no entity expanded.
SVG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)


def suffix(path):
    return "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""


def max_pixels(settings):
    return int(settings.get("MAX_IMAGE_PIXELS") or DEFAULT_MAX_PIXELS)


def header_size(path):
    """(width, height) from the image's header, without decoding it (Pillow opens lazily).

    Raises Image.DecompressionBombError when Pillow itself refuses to open it.
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            return image.size


def image_too_many_pixels(static):
    from PIL import Image

    path = static.source_path
    if suffix(path) not in RASTER_SUFFIXES:
        return
    limit = max_pixels(static.settings)
    try:
        width, height = header_size(path)
    except Image.DecompressionBombError as error:
        yield Problem(None, f"the image has far too many pixels ({error})")
        return
    except (OSError, ValueError, SyntaxError):
        return  # image-unreadable says why
    if width * height > limit:
        yield Problem(None, f"the image is {width:,} x {height:,} pixels"
                            f" ({width * height / 1e6:,.0f} megapixels), over the limit of"
                            f" {limit / 1e6:,.0f} megapixels (MAX_IMAGE_PIXELS)")


@functools.lru_cache(maxsize=4096)
def decoding_problem(path, _mtime_ns, _size):
    """Why an image cannot be decoded whole, or None; remembered per file version (livereload
    builds again in one process)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            # A JPEG is decoded at an eighth of its size: all of the file is still read.
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # a truncated file fails here
    except Image.DecompressionBombError:
        return None  # image-too-many-pixels
    except (OSError, ValueError, SyntaxError) as error:
        return str(error)
    return None


def image_unreadable(static):
    from PIL import Image

    path = static.source_path
    if suffix(path) not in RASTER_SUFFIXES:
        return
    try:
        width, height = header_size(path)
        if width * height > max_pixels(static.settings):
            return  # image-too-many-pixels: never decoded
    except Image.DecompressionBombError:
        return
    except (OSError, ValueError, SyntaxError) as error:
        yield Problem(None, f"the image cannot be read ({error})")
        return
    stat = os.stat(path)
    problem = decoding_problem(path, stat.st_mtime_ns, stat.st_size)
    if problem:
        yield Problem(None, f"the image cannot be read ({problem})")


def svg_tree(path):
    with open(path, "rb") as handle:
        return etree.parse(handle, SVG_PARSER)


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def unsafe_svg(static):
    path = static.source_path
    if suffix(path) != ".svg":
        return
    try:
        tree = svg_tree(path)
    except (OSError, etree.XMLSyntaxError) as error:
        yield Problem(getattr(error, "lineno", None), f"the SVG is not well-formed XML ({error})")
        return
    dtd = tree.docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or tree.docinfo.system_url):
        yield Problem(1, "the SVG declares a document type with entities (they can read"
                         " other files or expand to gigabytes)")
    for element in tree.getroot().iter():
        name = local_name(element.tag)
        line = element.sourceline
        if name.lower() in SVG_FORBIDDEN_ELEMENTS:
            yield Problem(line, f"the SVG holds a <{name}> element, which runs code or shows"
                                " another document")
        if name == "style" and EXTERNAL_CSS.search(element.text or ""):
            yield Problem(line, "the SVG's <style> loads another file (url() or @import)")
        for attribute, value in element.attrib.items():
            attribute_name = local_name(attribute)
            value = value.strip()
            if attribute_name.startswith("on"):
                yield Problem(line, f"the SVG's <{name} {attribute_name}=...> runs JavaScript")
            elif attribute in HREF_ATTRIBUTES and value and not value.startswith("#"):
                kind = "runs JavaScript" if value.lower().startswith("javascript:") \
                    else "refers to another file or site"
                yield Problem(line, f"the SVG's <{name} {attribute_name}=\"{value[:40]}\">"
                                    f" {kind}")
            elif attribute_name == "style" and EXTERNAL_CSS.search(value):
                yield Problem(line, f"the SVG's <{name} style=...> loads another file (url()"
                                    " or @import)")


CHECKS = [
    Check("image-unreadable", image_unreadable,
          "open the image in an image editor and save it again (JPEG, PNG or WebP), or"
          " replace it"),
    Check("image-too-many-pixels", image_too_many_pixels,
          "resize it to about 1600 pixels wide and save it again"),
    Check("unsafe-svg", unsafe_svg,
          "export the SVG again as a plain drawing (no scripts, links or embedded files),"
          " or use a PNG"),
]


def check_images(generators):
    """Every image check on every static image; the refused images are noted for the
    output step."""
    generators = list(generators)
    if not generators or not generators[0].settings.get("CONTENT_CHECKS", True):
        return
    build = build_of(generators[0].settings)
    refused = build.state(REFUSED, set)
    users = {}  # refused image -> its first problem
    for static in static_files(generators):
        path = static.source_path
        if suffix(path) not in RASTER_SUFFIXES + (".svg",) or not os.path.isfile(path):
            continue  # a missing one: broken-intrasite-link names it
        found = []
        for check in CHECKS:
            try:
                found += [(check, problem) for problem in check.find(static)]
            except Exception as error:  # a bug in one check must not hide the others
                build.report.add(ReportedProblem(
                    "check-failed", f"the image check {check.name} failed"
                    f" ({type(error).__name__}: {error})", "report this to the site's"
                    " developers", display_path(path)))
        if found:
            refused.add(path)
            report_findings(build.report, path, found)
            users[path] = found[0]
    # Each file that shows a refused image is named too, at the line that shows it.
    for content in contents(generators):
        html = content._content or ""  # links as written: {static}/images/NAME
        for path, (check, problem) in users.items():
            name = os.path.basename(path)
            if name in html:
                line = find_line(content.source_path, name)
                build.report.add(ReportedProblem(
                    check.name, f"the image {name} cannot be used: {problem.message}",
                    check.advice, display_path(content.source_path), line))


def register():
    signals.all_generators_finalized.connect(check_images)
