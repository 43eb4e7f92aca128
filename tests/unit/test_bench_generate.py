"""bench/generate.py: deterministic articles with the metadata the site requires."""

import datetime as dt
import re

from bench.generate import REVIEWER, SUBDIR, generate, project_settings
from plugins.common import fields
from tests.conftest import build_ok

TODAY = dt.date(2026, 1, 15)


def metadata(text):
    header = text.split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    generate(tmp_path / "a", 20, seed=3, today=TODAY)
    generate(tmp_path / "b", 20, seed=3, today=TODAY)
    generate(tmp_path / "c", 20, seed=4, today=TODAY)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_articles_carry_valid_metadata_and_the_real_shape(tmp_path):
    categories, authors = project_settings()
    generate(tmp_path, 30, today=TODAY)
    articles = sorted((tmp_path / "articles" / SUBDIR).glob("*.md"))
    assert len(articles) == 30
    slugs = set()
    for path in articles:
        text = path.read_text(encoding="utf-8")
        meta = metadata(text)
        keys = {key.lower() for key in meta}
        assert keys <= set(fields.BY_KEY)
        assert {field.key for field in fields.required("article", medical=True)} <= keys
        assert meta["Category"] in categories and meta["Author"] in authors
        assert meta["Reviewer"] == REVIEWER
        date = dt.date.fromisoformat(meta["Date"][:10])
        reviewed = dt.date.fromisoformat(meta["Reviewed"])
        assert date <= dt.date.fromisoformat(meta["Modified"][:10]) <= reviewed <= TODAY
        assert (TODAY - reviewed).days < 60
        slugs.add(meta["Slug"])
        body = text.split("\n\n", 1)[1]
        assert 1000 <= len(body.split()) <= 1500
        assert body.count("\n## ") >= 5 and "\n- **" in body and "| --- |" in body
        for target in re.findall(r"\{filename\}/(\S+?\.md)\)", body):
            assert (tmp_path / target).is_file(), target
        for target in re.findall(r"!\[[^\]]+\]\(\{static\}/(\S+?)\)", body):
            assert (tmp_path / target).is_file(), target
    assert len(slugs) == 30


def test_generated_corpus_builds_in_production(tmp_path, content_copy):
    generate(content_copy, 6, today=dt.date.today())
    site = build_ok(tmp_path / "out", settings="publishconf.py", content=content_copy)
    assert (site / "articles" / "bench-00005" / "index.html").is_file()
    assert (site / "bench-page-1" / "index.html").is_file()
