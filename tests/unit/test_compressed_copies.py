"""compressed_copies: .br and .gz beside every text file, at the configured quality."""

import gzip
from types import SimpleNamespace

import brotli

from plugins.compressed_copies import compressed_copies

TEXT = ("<!doctype html><title>Knee pain</title><p>Physical therapy for knee pain. " * 40)


def site(tmp_path, **settings):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "feed.xml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "tiny.txt").write_text("ok", encoding="utf-8")  # a copy would be larger
    (tmp_path / "a" / "photo.png").write_bytes(b"\x89PNG" + bytes(500))  # not text
    return SimpleNamespace(output_path=str(tmp_path), settings=settings)


def test_every_text_file_gets_smaller_copies_that_decompress_to_it(tmp_path):
    compressed_copies.compress_output(site(tmp_path))
    for name in ("index.html", "a/feed.xml"):
        data = (tmp_path / name).read_bytes()
        assert brotli.decompress((tmp_path / f"{name}.br").read_bytes()) == data
        assert gzip.decompress((tmp_path / f"{name}.gz").read_bytes()) == data
        assert (tmp_path / f"{name}.br").stat().st_size < len(data)
    assert not (tmp_path / "a/tiny.txt.br").exists() and not (tmp_path / "a/tiny.txt.gz").exists()
    assert not (tmp_path / "a/photo.png.br").exists()


def test_quality_and_formats_come_from_the_settings(tmp_path, monkeypatch):
    qualities = []
    real = brotli.compress
    monkeypatch.setattr(compressed_copies.brotli, "compress",
                        lambda data, **kw: qualities.append(kw["quality"]) or real(data, **kw))
    compressed_copies.compress_output(site(tmp_path, PRECOMPRESS_BROTLI_QUALITY=7,
                                           PRECOMPRESS_GZIP=False))
    assert set(qualities) == {7}
    assert (tmp_path / "index.html.br").exists() and not (tmp_path / "index.html.gz").exists()


def test_the_same_files_give_the_same_copies(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    compressed_copies.compress_output(site(first))
    compressed_copies.compress_output(site(second))
    for name in ("index.html.br", "index.html.gz", "a/feed.xml.gz"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
