"""Unit tests of the page-weight part of scripts/audit.py (Lighthouse runs in `invoke audit`)."""

import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)
BASE = "http://127.0.0.1:8000/"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_first_view_counts_html_css_scripts_not_images(tmp_path):
    write(tmp_path / "a/index.html", '<link rel="stylesheet" href="/s.css"><script src="../j.js">'
          '</script><img src="/big.png" alt="">')
    write(tmp_path / "s.css", "body{color:red}")
    write(tmp_path / "j.js", "let a = 1;")
    total, css, foreign = audit.page_weight(tmp_path, BASE, "a/")
    parts = [(tmp_path / name).read_bytes() for name in ("a/index.html", "s.css", "j.js")]
    assert total == sum(audit.compressed_size(part) for part in parts)
    assert list(css.values()) == [len("body{color:red}")]
    assert foreign == []


def test_heavy_page_and_other_origins_are_reported(tmp_path):
    import os

    write(tmp_path / "index.html", '<script src="https://cdn.example/x.js"></script>')
    (tmp_path / "index.html").write_bytes(
        (tmp_path / "index.html").read_bytes() + os.urandom(20_000).hex().encode())
    total, _, foreign = audit.page_weight(tmp_path, BASE, "")
    assert total > audit.FIRST_VIEW_BUDGET
    assert foreign == ["https://cdn.example/x.js"]
