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


def test_image_gets_srcset_size_and_lazy_loading(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "articles" / "knees.md").write_text(ARTICLE, encoding="utf-8")
    Image.new("RGB", (1600, 900), (40, 120, 110)).save(content / "images" / "knee.png")
    html = build(content, tmp_path / "output")
    # the src is the 800 px derivative; its size is written on the tag
    assert 'srcset="' in html and 'width="800"' in html and 'height="450"' in html
    assert 'loading="lazy"' in html  # below the first section heading


def test_rebuild_in_place_reuses_processed_pages_and_gives_the_same_output(tmp_path,
                                                                          monkeypatch):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "articles" / "knees.md").write_text(ARTICLE, encoding="utf-8")
    Image.new("RGB", (1600, 900), (40, 120, 110)).save(content / "images" / "knee.png")
    first = build(content, tmp_path / "output")
    calls = []
    original = image_process.harvest_images
    monkeypatch.setattr(image_process, "harvest_images",
                        lambda *args: calls.append(args) or original(*args))
    second = build(content, tmp_path / "output")
    assert second == first
    assert calls == []  # the unchanged page was not parsed again
    fresh = build(content, tmp_path / "fresh")  # another output folder: processed anew
    assert fresh == first and len(calls) == 1
    shutil.rmtree(tmp_path / "fresh")
