"""Images: every file readable and of a sane size, SVGs without code, published images without
camera or location data (plugins/checks/images.py, plugins/output/images.py,
plugins/output/image_metadata.py)."""

from PIL import Image, PngImagePlugin
import pytest

from plugins.output import image_metadata
from tests import sites
from tests.sites import png_header_only
from tests.unit.tiny_site import TinySite

PIPELINE = {"OUTPUT_PIPELINE": ["output.images", "checks.report"], "REVIEW_TODAY": None}
MAKE, MODEL, ORIENTATION, GPS = 0x010F, 0x0110, 0x0112, 0x8825


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "PhoneMaker", "Model X", orientation
    exif[GPS] = {1: "N", 2: (41.0, 52.0, 55.0), 3: "W", 4: (87.0, 37.0, 40.0)}
    return exif.tobytes()


@pytest.fixture
def site():
    site = TinySite("image-safety-tests-")
    (site.content / "images").mkdir()
    yield site
    site.remove()


def pixels(path):
    with Image.open(path) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.parametrize("kind", ["jpg", "png", "webp"])
def test_published_images_lose_camera_and_location_but_keep_pixels_and_orientation(site, kind):
    source = site.content / "images" / f"photo.{kind}"
    extra = {}
    if kind == "png":
        extra["pnginfo"] = PngImagePlugin.PngInfo()
        extra["pnginfo"].add_text("Comment", "Jane Doe, knee, visit 3")
    if kind == "jpg":
        extra["comment"] = b"Jane Doe"
    Image.new("RGB", (900, 600), (30, 120, 110)).save(source, exif=camera_exif(), **extra)
    site.write("articles/photo.md", sites.article(f"![A knee]({{static}}/images/photo.{kind})\n",
                                                  Slug="photo"))
    built = site.build(**PIPELINE)
    assert not built.failed, built.messages()
    published = [site.output / "images" / f"photo.{kind}",
                 *(site.output / "images" / "derivatives").rglob(f"*.{kind}")]
    assert len(published) == 4  # the original and its three smaller copies
    for path in published:
        with Image.open(path) as image:
            exif = image.getexif()
            assert MAKE not in exif and MODEL not in exif and not exif.get_ifd(GPS), path
            assert "Comment" not in image.info and "comment" not in image.info
    with Image.open(published[0]) as original:
        assert original.getexif().get(ORIENTATION) == 6  # browsers still turn it upright
    # Not encoded again: the same pixels, bit for bit (lossy JPEG and WebP included).
    assert pixels(published[0]) == pixels(source)
    assert image_metadata.strip(published[0]) is False  # nothing left to remove
    assert source.read_bytes() != published[0].read_bytes()  # the writer's file is untouched


def test_a_valid_svg_builds_with_its_own_size(site):
    site.write("images/drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="120"'
               ' height="60"><rect width="120" height="60" fill="#176"/></svg>')
    site.write("images/boxed.svg", '<svg xmlns="http://www.w3.org/2000/svg"'
               ' viewBox="0 0 30 20"><circle cx="10" cy="10" r="5"/></svg>')
    site.write("articles/drawing.md", sites.article(
        "![A drawing]({static}/images/drawing.svg)\n\n![A circle]({static}/images/boxed.svg)\n",
        Slug="drawing"))
    built = site.build(**PIPELINE)
    assert not built.failed, built.messages()
    page = built.read("articles/drawing/index.html")
    assert 'src="https://clinic.example/images/drawing.svg" width="120" height="60"' in page
    assert 'src="https://clinic.example/images/boxed.svg" width="30" height="20"' in page
    assert (site.output / "images" / "drawing.svg").read_bytes() == (
        site.content / "images" / "drawing.svg").read_bytes()  # passed through


HOSTILE_SVGS = {
    "script": ("<script>alert(document.cookie)</script>", "<script> element"),
    "event-handler": ('<rect width="5" height="5" onload="steal()"/>', "onload=...> runs"),
    "javascript-link": ('<a xlink:href="javascript:alert(1)"><text>x</text></a>',
                        'href="javascript:alert(1)"> runs JavaScript'),
    "foreign-object": ("<foreignObject><p>hi</p></foreignObject>", "<foreignObject> element"),
    "external-image": ('<image href="https://tracker.example/p.png"/>',
                       "refers to another file or site"),
    "external-use": ('<use href="https://evil.example/sprite.svg#x"/>',
                     "refers to another file or site"),
    "css-import": ("<style>@import url(https://evil.example/x.css);</style>",
                   "loads another file"),
}


@pytest.mark.parametrize("name", HOSTILE_SVGS)
def test_an_svg_with_code_or_outside_references_is_refused_even_unused(site, name):
    element, said = HOSTILE_SVGS[name]
    path = site.write(f"images/{name}.svg", '<svg xmlns="http://www.w3.org/2000/svg"'
                      ' xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n'
                      f'<rect width="10" height="10"/>\n{element}\n</svg>\n')
    site.write("articles/plain.md", sites.article())
    built = site.build(**PIPELINE)
    assert built.failed
    found = [p for p in built.problems if p.check == "unsafe-svg"]
    assert found and all(p.path == str(path) and p.line == 3 for p in found), found
    assert any(said in p.message for p in found), [p.message for p in found]


def test_an_svg_with_entities_is_refused_and_not_expanded(site):
    path = site.write("images/laughs.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n'
                      '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">'
                      "<text>&b;</text></svg>\n")
    built = site.build(**PIPELINE)
    assert built.failed
    assert [p.text().split(" — ")[0] for p in built.problems if p.check == "unsafe-svg"] == [
        f"{path}:1: the SVG declares a document type with entities (they can read other"
        " files or expand to gigabytes)"]


@pytest.mark.parametrize("size, said", [
    ((6000, 6000), "is 6,000 x 6,000 pixels (36 megapixels), over the limit of 25"),
    ((60000, 60000), "far too many pixels"),  # Pillow itself would not open it
])
def test_a_decompression_bomb_is_refused_unused_and_never_decoded(site, size, said):
    path = site.write("images/bomb.png", png_header_only(*size))  # no pixel data at all
    site.write("articles/plain.md", sites.article())
    built = site.build(**PIPELINE)
    assert built.failed
    found = [p for p in built.problems if p.path == str(path)]
    # One problem: had it been decoded, it would also be unreadable (it has no pixels).
    assert [p.check for p in found] == ["image-too-many-pixels"]
    assert said in found[0].message


def test_a_truncated_image_is_named_with_the_file_and_line_that_show_it(site):
    Image.new("RGB", (300, 200), (200, 40, 40)).save(site.content / "images" / "knee.jpg")
    whole = (site.content / "images" / "knee.jpg").read_bytes()
    image = site.write("images/knee.jpg", whole[: len(whole) // 2])
    article = site.write("articles/knee.md", sites.article(
        "Intro.\n\n![A knee]({static}/images/knee.jpg)\n", Slug="knee"))
    built = site.build(**PIPELINE)
    assert built.failed
    located = {(p.path, p.line) for p in built.problems if p.check == "image-unreadable"}
    assert located == {(str(image), None), (str(article), sites.line_of(article, "![A knee]"))}
    # Nothing names the build's temporary folder or fails later on the same image.
    assert {p.check for p in built.problems} == {"image-unreadable"}
    assert all(str(site.output) not in p.text() for p in built.problems)
