"""plugins/content_images/derivative_cache: a derivative is made once, then copied."""

from pelican.plugins.image_process import image_process
from PIL import Image

from plugins.content_images import derivative_cache

STEPS = ["scale_in 40 40 False"]


def photo(path, color, size=(120, 80)):
    Image.new("RGB", size, color).save(path)
    return str(path)


def test_a_derivative_is_made_once_and_copied_into_later_outputs(tmp_path, monkeypatch):
    opened = []
    real_open = image_process.try_open_image
    monkeypatch.setattr(image_process, "try_open_image",
                        lambda path: opened.append(path) or real_open(path))
    process = derivative_cache.cached(image_process.process_image)
    settings = {"IMAGE_DERIVATIVE_CACHE": str(tmp_path / "cache"), "IMAGE_PROCESS_FORCE": False}
    source = photo(tmp_path / "a.png", "teal")

    first = process((source, str(tmp_path / "one" / "d" / "a.png"), STEPS), settings)
    assert first == (40, 26) and len(opened) == 1
    second = process((source, str(tmp_path / "two" / "d" / "a.png"), STEPS), settings)
    assert second == first and len(opened) == 1  # copied from the cache, not made again
    assert (tmp_path / "two/d/a.png").read_bytes() == (tmp_path / "one/d/a.png").read_bytes()

    process((source, str(tmp_path / "three" / "a.png"), ["scale_in 30 30 False"]), settings)
    assert len(opened) == 2  # other steps: another derivative
    photo(tmp_path / "a.png", "orange", (150, 100))  # new bytes at the same path
    process((source, str(tmp_path / "four" / "a.png"), STEPS), settings)
    assert len(opened) == 3
    assert Image.open(tmp_path / "four" / "a.png").getpixel((0, 0)) == (255, 165, 0)


def test_without_the_setting_or_when_forced_nothing_is_cached(tmp_path):
    process = derivative_cache.cached(image_process.process_image)
    source = photo(tmp_path / "a.png", "teal")
    for settings in ({"IMAGE_PROCESS_FORCE": False},
                     {"IMAGE_DERIVATIVE_CACHE": str(tmp_path / "cache"),
                      "IMAGE_PROCESS_FORCE": True}):
        process((source, str(tmp_path / "out" / "a.png"), STEPS), settings)
    assert not (tmp_path / "cache").exists()
