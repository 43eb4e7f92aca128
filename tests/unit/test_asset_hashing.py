"""asset_hashing: content hash in asset names, every reference rewritten."""

import hashlib
from pathlib import Path
import re

from plugins.asset_hashing import asset_hashing
from plugins.asset_hashing.asset_hashing import hash_assets
from plugins.link_check.link_check import broken_links

ROOT = Path(__file__).resolve().parents[2]

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


# The plain regular expression UrlFinder stands for (slow: tried from every character).
REFERENCE_URL = re.compile(r"""(?P<url>[^\s"'()<>,=`]*?\.(?:css|js))"""
                           r"""(?P<tail>[?#][^\s"'()<>`]*)?(?=[\s"'()<>,`]|$)""")


def test_url_finder_finds_what_the_plain_expression_finds():
    finder = asset_hashing.UrlFinder([".css", ".js"])
    samples = [
        "a=b.css x.css.y 'q/r.js?x#y' (u.css) ab.css,cd.js x.cssy x.css.css",
        "a.css?b.css#c.js d.js\n?e.css", ".css", "a.css", "", "no urls here.",
        '<link rel=stylesheet href="../theme/css/style.css"><script src=/s.js?v=1></script>',
        "@import url(fonts.css);background:url('img/x.png')", "\u00a0x.css\u2028y.js",
        (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8"),
    ]
    for text in samples:
        expected = [(m.start(), m.end(), m.group("url"), m.group("tail") or "")
                    for m in REFERENCE_URL.finditer(text)]
        assert list(finder.finditer(text)) == expected, text[:60]


def test_many_files_rewritten_in_a_pool_give_the_same_bytes(tmp_path, monkeypatch):
    from plugins import work_pool

    for folder in ("pooled", "serial"):
        write(tmp_path / folder / "theme/css/site.css", "body{margin:0}")
        for n in range(work_pool.MIN_ITEMS + 10):
            write(tmp_path / folder / f"p{n}/index.html",
                  f'<link rel="stylesheet" href="../theme/css/site.css"><p>Page {n}</p>')
    hash_assets(tmp_path / "pooled", SETTINGS)
    monkeypatch.setattr(work_pool, "MIN_ITEMS", 10**9)  # now all in this process
    hash_assets(tmp_path / "serial", SETTINGS)
    pooled = {p.relative_to(tmp_path / "pooled"): p.read_bytes()
              for p in (tmp_path / "pooled").rglob("*") if p.is_file()}
    serial = {p.relative_to(tmp_path / "serial"): p.read_bytes()
              for p in (tmp_path / "serial").rglob("*") if p.is_file()}
    assert pooled == serial
    assert b"site.css" not in pooled[Path("p0/index.html")]  # the reference was rewritten
