"""output.compressed_copies: .br and .gz beside every text file, at the configured quality."""

import gzip

import brotli

from plugins.common.build import build_of
from plugins.output import compressed_copies, work_pool

TEXT = ("<!doctype html><title>Knee pain</title><p>Physical therapy for knee pain. " * 40)


def site(tmp_path, **settings):
    """A written site in tmp_path and the build it belongs to."""
    (tmp_path / "a").mkdir(parents=True, exist_ok=True)
    (tmp_path / "index.html").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "feed.xml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "tiny.txt").write_text("ok", encoding="utf-8")  # a copy would be larger
    (tmp_path / "a" / "photo.png").write_bytes(b"\x89PNG" + bytes(500))  # not text
    return build_of({**settings, "OUTPUT_PATH": str(tmp_path)})


def test_every_text_file_gets_smaller_copies_that_decompress_to_it(tmp_path):
    compressed_copies.run(site(tmp_path))
    for name in ("index.html", "a/feed.xml"):
        data = (tmp_path / name).read_bytes()
        assert brotli.decompress((tmp_path / f"{name}.br").read_bytes()) == data
        assert gzip.decompress((tmp_path / f"{name}.gz").read_bytes()) == data
        assert (tmp_path / f"{name}.br").stat().st_size < len(data)
    assert not (tmp_path / "a/tiny.txt.br").exists() and not (tmp_path / "a/tiny.txt.gz").exists()
    assert not (tmp_path / "a/photo.png.br").exists()
    assert not (tmp_path / "a/photo.png.gz").exists()


def test_quality_and_formats_come_from_the_settings(tmp_path, monkeypatch):
    qualities = []
    real = brotli.compress
    monkeypatch.setattr(compressed_copies.brotli, "compress",
                        lambda data, **kw: qualities.append(kw["quality"]) or real(data, **kw))
    compressed_copies.run(site(tmp_path, PRECOMPRESS_BROTLI_QUALITY=7, PRECOMPRESS_GZIP=False))
    assert set(qualities) == {7}
    assert (tmp_path / "index.html.br").exists() and not (tmp_path / "index.html.gz").exists()


def test_files_below_the_minimum_size_get_no_copies(tmp_path):
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "index.html").write_text(TEXT * 3, encoding="utf-8")
    compressed_copies.run(site(tmp_path, PRECOMPRESS_MIN_SIZE=len(TEXT) + 1))
    assert (tmp_path / "big/index.html.gz").exists()
    assert not (tmp_path / "index.html.gz").exists() and not (tmp_path / "index.html.br").exists()


def test_a_stale_copy_that_would_not_be_smaller_is_removed(tmp_path):
    build = site(tmp_path)
    (tmp_path / "a" / "tiny.txt.gz").write_bytes(b"left from an earlier build")
    compressed_copies.run(build)
    assert not (tmp_path / "a/tiny.txt.gz").exists()


def test_the_same_files_give_the_same_copies(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    compressed_copies.run(site(first))
    compressed_copies.run(site(second))
    for name in ("index.html.br", "index.html.gz", "a/feed.xml.gz"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    header = (first / "index.html.gz").read_bytes()[:10]
    assert header[3] == 0  # no file name or comment in the header
    assert header[4:8] == bytes(4)  # and no time: the same bytes in every build


def test_many_files_compressed_in_a_pool_give_the_same_bytes(tmp_path, monkeypatch):
    count = work_pool.MIN_ITEMS + 10
    for folder in ("pooled", "serial"):
        for n in range(count):
            (tmp_path / folder / f"p{n}").mkdir(parents=True)
            (tmp_path / folder / f"p{n}" / "index.html").write_text(f"{TEXT}<p>{n}")
    pools = []
    real_pool = work_pool.ProcessPoolExecutor
    monkeypatch.setattr(work_pool, "ProcessPoolExecutor",
                        lambda **kwargs: pools.append(kwargs) or real_pool(**kwargs))
    compressed_copies.run(build_of({"OUTPUT_PATH": str(tmp_path / "pooled")}))
    assert len(pools) == 1 or work_pool.usable_cpus() < 2  # a pool was used where it can be
    monkeypatch.setattr(work_pool, "MIN_ITEMS", 10**9)  # now all in this process
    compressed_copies.run(build_of({"OUTPUT_PATH": str(tmp_path / "serial")}))
    assert len(pools) <= 1
    for n in range(count):
        for suffix in (".br", ".gz"):
            name = f"p{n}/index.html{suffix}"
            assert (tmp_path / "pooled" / name).read_bytes() == \
                (tmp_path / "serial" / name).read_bytes(), name
