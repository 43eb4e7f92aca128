"""output.images: responsive, sized and lazily loaded images; smaller copies kept between builds."""

from pathlib import Path
import re

from pelican.plugins.image_process import image_process
from PIL import Image
import pytest

from pelicanconf import IMAGE_PROCESS
from plugins.output.images import IMG_TAG
from tests.unit.tiny_site import TinySite

ARTICLE = """Title: {title}
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: About {title}.
Medical: no

![A knee at rest]({{static}}/images/knee.png)

Opening text.

## Section

![A knee]({{static}}/images/knee.png)

<img src="{{static}}/images/knee.png" alt="A knee, the writer's own loading" loading="eager">
{extra}
"""
# Markup BeautifulSoup would rewrite if it re-serialised the page: an entity, an
# unquoted attribute, a void tag without a slash.
RAW = "\n<p title=plain>caf&eacute;<br>next</p>\n"
# ... as the allow-list's sanitizer (plugins/checks/raw_html.py) writes it when it is read.
CLEANED = '<p title="plain">café<br>next</p>'
PAGE = "articles/knees/index.html"
DERIVATIVES = ["480w", "800w", "1200w"]
WITH_IMAGES = ["output.images"]


def article(title="Knees", extra=""):
    return ARTICLE.format(title=title, extra=extra)


def picture(path, color=(40, 120, 110), size=(1600, 900)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)


def new_site(*articles):
    site = TinySite(prefix="images-")
    for name, text in articles or [("knees", article())]:
        site.write(f"articles/{name}.md", text)
    picture(site.content / "images" / "knee.png")
    return site


def tags(html):
    return IMG_TAG.findall(html)


def attributes(tag):
    return dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))


def size_of(path):
    with Image.open(path) as image:
        return image.size


def derivatives(output, name="knee.png"):
    """{width label: bytes} of the smaller copies of one image in an output."""
    folder = Path(output) / "images" / "derivatives" / "content"
    return {label: (folder / label / name).read_bytes()
            for label in DERIVATIVES if (folder / label / name).is_file()}


@pytest.fixture(scope="module")
def knees():
    """The article built twice: without the images step (plain/) and with it (output/)."""
    site = new_site(("knees", article(extra=RAW)))
    site.output = site.root / "plain"
    plain = site.build(OUTPUT_PIPELINE=[], IMAGE_DERIVATIVE_CACHE=None)
    site.output = site.root / "output"
    built = site.build(OUTPUT_PIPELINE=WITH_IMAGES, IMAGE_DERIVATIVE_CACHE=None)
    assert not plain.failed and not built.failed, built.messages()
    yield site.root / "plain", built
    site.remove()


def test_images_get_srcset_size_and_loading(knees):
    _plain, built = knees
    first, second, own = (attributes(tag) for tag in tags(built.read(PAGE)))
    for image in (first, second, own):
        assert image["src"] == "https://clinic.example/images/derivatives/content/800w/knee.png"
        assert image["srcset"].split(", ") == [
            f"https://clinic.example/images/derivatives/content/{w}/knee.png {w}"
            for w in DERIVATIVES]
        assert image["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
        # the size of the 800 px copy, so the browser reserves the space
        assert (image["width"], image["height"]) == ("800", "450")
        assert image["decoding"] == "async"
    assert first["loading"] == "eager"  # first in the main content, before the first <h2>
    assert second["loading"] == "lazy"  # below the first section heading
    assert own["loading"] == "eager"  # the writer's own, kept
    assert {label: size_of(built.output / "images/derivatives/content" / label / "knee.png")
            for label in DERIVATIVES} == {"480w": (480, 270), "800w": (800, 450),
                                          "1200w": (1200, 675)}
    assert built.problems == []


def test_only_image_tags_change(knees):
    plain_output, built = knees
    plain = (plain_output / PAGE).read_text(encoding="utf-8")
    html = built.read(PAGE)
    assert CLEANED in plain and CLEANED in html
    assert IMG_TAG.split(html) == IMG_TAG.split(plain)  # every byte around the tags
    assert len(tags(plain)) == 3 and all(a != b for a, b in zip(tags(plain), tags(html),
                                                                 strict=True))
    # pages without images keep every byte
    for relative in ("articles/index.html", "articles/category/treatments/index.html"):
        assert (built.output / relative).read_bytes() == (plain_output / relative).read_bytes()


@pytest.fixture
def harvested(monkeypatch):
    """Every tag handed to pelican-image-process."""
    calls = []
    original = image_process.harvest_images_in_fragment
    monkeypatch.setattr(image_process, "harvest_images_in_fragment",
                        lambda fragment, settings: calls.append(fragment)
                        or original(fragment, settings))
    return calls


def test_each_distinct_tag_is_processed_once_per_build(harvested):
    site = new_site(("knees", article()), ("hips", article("Hips")))
    try:
        built = site.build(OUTPUT_PIPELINE=WITH_IMAGES, IMAGE_DERIVATIVE_CACHE=None)
        # three distinct tags, each on both pages: handed to pelican-image-process once each
        assert len(harvested) == 3 and len(set(harvested)) == 3
        assert all(tag.startswith("<img") for tag in harvested)
        for page in (PAGE, "articles/hips/index.html"):
            assert all(" srcset=" in tag for tag in tags(built.read(page))), page
        site.build(OUTPUT_PIPELINE=WITH_IMAGES, IMAGE_DERIVATIVE_CACHE=None)
        assert len(harvested) == 6  # and again in the next build: nothing kept in memory
    finally:
        site.remove()


def test_a_rebuild_in_place_gives_the_same_output():
    site = new_site()
    try:
        first = site.build(OUTPUT_PIPELINE=WITH_IMAGES, IMAGE_DERIVATIVE_CACHE=None).read(PAGE)
        again = site.build(OUTPUT_PIPELINE=WITH_IMAGES, IMAGE_DERIVATIVE_CACHE=None).read(PAGE)
        assert again == first
        site.output = site.root / "fresh"  # another output folder: made anew
        assert site.build(OUTPUT_PIPELINE=WITH_IMAGES,
                          IMAGE_DERIVATIVE_CACHE=None).read(PAGE) == first
    finally:
        site.remove()


def test_a_missing_image_is_named_once(harvested):
    gone = "![Not there]({static}/images/gone.png)"  # the content check names it
    lost = '<img src="/images/lost.png" alt="Lost" class="photo">'  # the link check does
    text = article(extra=f"\n{gone}\n\n{lost}\n")
    site = new_site(("knees", text))
    try:
        built = site.build(OUTPUT_PIPELINE=[*WITH_IMAGES, "checks.links"],
                           IMAGE_DERIVATIVE_CACHE=None)
        lines = text.splitlines()
        about = {name: [(p.check, p.line) for p in built.problems if name in p.message]
                 for name in ("gone.png", "lost.png")}
        assert about == {"gone.png": [("broken-intrasite-link", lines.index(gone) + 1)],
                         "lost.png": [("broken-link", lines.index(lost) + 1)]}
        assert not any("gone.png" in tag or "lost.png" in tag for tag in harvested)
        missing = [tag for tag in tags(built.read(PAGE)) if "gone.png" in tag or "lost" in tag]
        assert len(missing) == 2 and all('loading="lazy"' in tag for tag in missing)
        assert all("srcset" not in tag and "width" not in tag for tag in missing)
    finally:
        site.remove()


# --- The cache of smaller copies (IMAGE_DERIVATIVE_CACHE) ---------------------------------


@pytest.fixture
def saves(monkeypatch):
    """The file of every image Pillow saves."""
    saved = []
    original = Image.Image.save
    monkeypatch.setattr(Image.Image, "save",
                        lambda self, fp, *args, **kwargs: saved.append(Path(fp).name)
                        or original(self, fp, *args, **kwargs))
    return saved


@pytest.fixture
def site():
    site = new_site()
    yield site
    site.remove()


def build_into(site, folder, **settings):
    site.output = site.root / folder
    built = site.build(OUTPUT_PIPELINE=WITH_IMAGES, **settings)
    assert not built.failed, built.messages()
    assert all(" srcset=" in tag for tag in tags(built.read(PAGE)))
    return built.output


def cached_files(cache):
    return sorted(p for p in Path(cache).rglob("*") if p.is_file())


def test_a_copy_made_once_is_copied_into_a_later_output(site, saves, tmp_path):
    cache = str(tmp_path / "cache")
    first = build_into(site, "one", IMAGE_DERIVATIVE_CACHE=cache)
    assert sorted(saves) == ["knee.png"] * 3  # 480, 800 and 1200 px, made
    assert cached_files(cache)
    second = build_into(site, "two", IMAGE_DERIVATIVE_CACHE=cache)
    assert len(saves) == 3  # copied from the cache, not made again
    assert derivatives(second) == derivatives(first) and len(derivatives(first)) == 3
    assert (second / PAGE).read_bytes() == (first / PAGE).read_bytes()


def test_a_changed_source_image_makes_new_copies(site, saves, tmp_path):
    cache = str(tmp_path / "cache")
    first = build_into(site, "one", IMAGE_DERIVATIVE_CACHE=cache)
    assert len(saves) == 3
    picture(site.content / "images" / "knee.png", color=(255, 165, 0))  # new bytes, same size
    saves.clear()
    second = build_into(site, "two", IMAGE_DERIVATIVE_CACHE=cache)
    assert len(saves) == 3
    assert derivatives(second).keys() == derivatives(first).keys()
    assert all(derivatives(second)[w] != derivatives(first)[w] for w in DERIVATIVES)
    with Image.open(second / "images/derivatives/content/480w/knee.png") as image:
        assert image.convert("RGB").getpixel((0, 0)) == (255, 165, 0)


def test_changed_image_process_settings_make_new_copies(site, saves, tmp_path):
    cache = str(tmp_path / "cache")
    build_into(site, "one", IMAGE_DERIVATIVE_CACHE=cache)
    assert len(saves) == 3
    content = dict(IMAGE_PROCESS["content"])
    content["srcset"] = [("480w", ["scale_in 400 2000 False"]), *content["srcset"][1:]]
    second = build_into(site, "two", IMAGE_DERIVATIVE_CACHE=cache,
                        IMAGE_PROCESS={**IMAGE_PROCESS, "content": content})
    assert len(saves) == 6  # the recipe changed: every copy of the tag is made again
    with Image.open(second / "images/derivatives/content/480w/knee.png") as image:
        assert image.size == (400, 225)


@pytest.mark.parametrize("settings", [{"IMAGE_DERIVATIVE_CACHE": None},
                                      {"IMAGE_PROCESS_FORCE": True}],
                         ids=["no cache setting", "forced"])
def test_no_cache_without_the_setting_or_when_forced(site, saves, tmp_path, settings):
    cache = tmp_path / "cache"
    settings = {"IMAGE_DERIVATIVE_CACHE": str(cache), **settings}
    first = build_into(site, "one", **settings)
    made = len(saves)
    assert made >= 3
    second = build_into(site, "two", **settings)
    assert len(saves) == 2 * made  # made again in the next build
    assert derivatives(second) == derivatives(first) and len(derivatives(first)) == 3
    assert not cache.exists() or cached_files(cache) == []
