"""asset_hashing: content hash in asset names, every reference rewritten."""

import hashlib

from plugins.asset_hashing.asset_hashing import hash_assets
from plugins.link_check.link_check import broken_links

SETTINGS = {"SITEURL": "https://site.example"}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_assets_renamed_and_references_rewritten(tmp_path):
    write(tmp_path / "theme/css/base.css", "p{color:red}")
    write(tmp_path / "theme/css/site.css", '@import "base.css";body{margin:0}')
    write(tmp_path / "theme/js/menu.js", "console.log(1)")
    write(tmp_path / "index.html",
          '<link rel=stylesheet href=https://site.example/theme/css/site.css>'
          '<script src="theme/js/menu.js?v=1"></script>'
          '<p>other.css stays, /elsewhere/site.css stays</p>')
    write(tmp_path / "a/b/index.html", '<link rel="stylesheet" href="../../theme/css/site.css">')
    write(tmp_path / "pagefind/pagefind-ui.js", "import('./pagefind.js')")

    renames = hash_assets(tmp_path, {**SETTINGS, "ASSET_HASHING_LENGTH": 8})

    assert set(renames) == {"theme/css/base.css", "theme/css/site.css", "theme/js/menu.js"}
    base = renames["theme/css/base.css"]
    digest = hashlib.sha256(b"p{color:red}").hexdigest()[:8]
    assert base == f"theme/css/base.{digest}.css"
    site = (tmp_path / renames["theme/css/site.css"]).read_text()
    assert site == f'@import "base.{digest}.css";body{{margin:0}}'
    # site.css's hash covers the rewritten import, so a changed base.css renames both.
    site_digest = hashlib.sha256(site.encode()).hexdigest()[:8]
    assert renames["theme/css/site.css"] == f"theme/css/site.{site_digest}.css"
    index = (tmp_path / "index.html").read_text()
    assert f"href=https://site.example/theme/css/site.{site_digest}.css>" in index
    assert f'src="theme/js/{renames["theme/js/menu.js"].split("/")[-1]}?v=1"' in index
    assert "other.css stays, /elsewhere/site.css stays" in index
    nested = (tmp_path / "a/b/index.html").read_text()
    assert f'href="../../theme/css/site.{site_digest}.css"' in nested
    assert (tmp_path / "pagefind/pagefind-ui.js").exists()  # excluded folder left alone
    assert not (tmp_path / "theme/css/site.css").exists()
    assert list(broken_links(tmp_path, SETTINGS)) == []


def test_nothing_to_hash(tmp_path):
    write(tmp_path / "index.html", "<p>hello</p>")
    assert hash_assets(tmp_path, SETTINGS) == {}
    assert (tmp_path / "index.html").read_text() == "<p>hello</p>"
