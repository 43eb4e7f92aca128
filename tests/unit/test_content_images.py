"""plugins/content_images: responsive images, sizes and lazy loading on a tiny site."""

from pathlib import Path
import shutil

from pelican import Pelican
from pelican.plugins.image_process import image_process
from pelican.settings import read_settings
from PIL import Image

from plugins.content_images import content_images

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """Title: Knees
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: Knees.

Opening text.

## Section

![A knee]({static}/images/knee.png)
"""


def build(content, output):
    """Build in-process, as livereload does: the output folder is kept between builds."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "PAGE_PATHS": [],
        "ARTICLE_PATHS": ["articles"], "STATIC_PATHS": ["images"], "TEMPLATE_PAGES": {},
        # Pelican's simple theme (not ours: it needs more plugins), which expects no autoescape
        "PLUGINS": [content_images], "THEME": "simple", "CACHE_CONTENT": False,
        "JINJA_ENVIRONMENT": {"autoescape": False},
        "FEED_ALL_ATOM": None, "FEED_ALL_RSS": None, "DELETE_OUTPUT_DIRECTORY": False,
    })
    Pelican(settings=settings).run()
    return (output / "articles/knees/index.html").read_text(encoding="utf-8")


def site_with_an_image(tmp_path, article=ARTICLE):
    """content/ with the article (as knees.md) and the 1600x900 image it shows."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "articles" / "knees.md").write_text(article, encoding="utf-8")
    Image.new("RGB", (1600, 900), (40, 120, 110)).save(content / "images" / "knee.png")
    return content


def test_image_gets_srcset_size_and_lazy_loading(tmp_path):
    content = site_with_an_image(tmp_path)
    html = build(content, tmp_path / "output")
    # the src is the 800 px derivative; its size is written on the tag
    assert 'srcset="' in html and 'width="800"' in html and 'height="450"' in html
    assert 'loading="lazy"' in html  # below the first section heading


def test_rebuild_in_place_gives_the_same_output(tmp_path):
    content = site_with_an_image(tmp_path)
    first = build(content, tmp_path / "output")
    assert build(content, tmp_path / "output") == first
    assert build(content, tmp_path / "fresh") == first  # another output folder: made anew
    shutil.rmtree(tmp_path / "fresh")


def test_only_image_tags_change_and_each_tag_is_processed_once(tmp_path, monkeypatch):
    # Markup BeautifulSoup would rewrite if it re-serialised the page: an entity,
    # an unquoted attribute, a void tag without a slash.
    raw = '\n<p data-note=plain>caf&eacute;<br>next</p>\n'
    content = site_with_an_image(tmp_path, ARTICLE + raw)
    (content / "articles" / "hips.md").write_text(
        ARTICLE.replace("Title: Knees", "Title: Hips"), encoding="utf-8")
    calls = []
    original = image_process.harvest_images_in_fragment
    monkeypatch.setattr(image_process, "harvest_images_in_fragment",
                        lambda *args: calls.append(args) or original(*args))
    html = build(content, tmp_path / "output")
    assert '<p data-note=plain>caf&eacute;<br>next</p>' in html
    assert 'srcset="' in html
    # the same <img> on two pages: handed to pelican-image-process once
    assert len(calls) == 1 and calls[0][0].startswith("<img")
    hips = (tmp_path / "output/articles/hips/index.html").read_text(encoding="utf-8")
    assert 'srcset="' in hips
