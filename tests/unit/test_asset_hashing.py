"""output.asset_hashes: content hash in asset names, every reference rewritten."""

import hashlib
from pathlib import Path
import re

from plugins.checks.links import broken_links
from plugins.common.build import build_of
from plugins.output import asset_hashes, work_pool
from plugins.output.asset_hashes import hash_assets

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = {"SITEURL": "https://site.example"}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in Path(folder).rglob("*") if p.is_file()}


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
    # the excluded folder is left alone, names and contents
    assert (tmp_path / "pagefind/pagefind-ui.js").read_text() == "import('./pagefind.js')"
    assert not (tmp_path / "theme/css/site.css").exists()
    assert list(broken_links(tmp_path, SETTINGS)) == []


def test_nothing_to_hash(tmp_path):
    write(tmp_path / "index.html", "<p>hello</p>")
    assert hash_assets(tmp_path, SETTINGS) == {}
    assert (tmp_path / "index.html").read_text() == "<p>hello</p>"


def test_the_step_keeps_the_new_names_for_the_host_files(tmp_path):
    write(tmp_path / "theme/js/menu.js", "console.log(1)")
    write(tmp_path / "theme/css/site.css", "body{margin:0}")
    write(tmp_path / "index.html", '<link rel=stylesheet href="/theme/css/site.css">')
    build = build_of({**SETTINGS, "OUTPUT_PATH": str(tmp_path)})

    asset_hashes.run(build)

    css = hashlib.sha256(b"body{margin:0}").hexdigest()[:10]
    js = hashlib.sha256(b"console.log(1)").hexdigest()[:10]
    assert build.hashed_assets == [f"theme/css/site.{css}.css", f"theme/js/menu.{js}.js"]
    assert all((tmp_path / name).is_file() for name in build.hashed_assets)
    assert f'href="/theme/css/site.{css}.css"' in (tmp_path / "index.html").read_text()


# The plain regular expression UrlFinder stands for (slow: tried from every character).
REFERENCE_URL = re.compile(r"""(?P<url>[^\s"'()<>,=`]*?\.(?:css|js))"""
                           r"""(?P<tail>[?#][^\s"'()<>`]*)?(?=[\s"'()<>,`]|$)""")


def theme_sources():
    """The theme's real CSS (every component's, the base) and script."""
    found = sorted((ROOT / "theme").rglob("*.css")) + sorted((ROOT / "theme").rglob("*.js"))
    assert len(found) >= 3, found
    return [path.read_text(encoding="utf-8") for path in found]


def test_url_finder_finds_what_the_plain_expression_finds():
    finder = asset_hashes.UrlFinder([".css", ".js"])
    samples = [
        "a=b.css x.css.y 'q/r.js?x#y' (u.css) ab.css,cd.js x.cssy x.css.css",
        "a.css?b.css#c.js d.js\n?e.css", ".css", "a.css", "", "no urls here.",
        '<link rel=stylesheet href="../theme/css/style.css"><script src=/s.js?v=1></script>',
        "@import url(fonts.css);background:url('img/x.png')", "\u00a0x.css\u2028y.js",
        *theme_sources(),
    ]
    found_any = False
    for text in samples:
        expected = [(m.start(), m.end(), m.group("url"), m.group("tail") or "")
                    for m in REFERENCE_URL.finditer(text)]
        assert list(finder.finditer(text)) == expected, text[:60]
        found_any = found_any or bool(expected)
    assert found_any


def test_many_files_rewritten_in_a_pool_give_the_same_bytes(tmp_path, monkeypatch):
    for folder in ("pooled", "serial"):
        write(tmp_path / folder / "theme/css/site.css", "body{margin:0}")
        for n in range(work_pool.MIN_ITEMS + 10):
            write(tmp_path / folder / f"p{n}/index.html",
                  f'<link rel="stylesheet" href="../theme/css/site.css"><p>Page {n}</p>')
    pools = []
    real_pool = work_pool.ProcessPoolExecutor
    monkeypatch.setattr(work_pool, "ProcessPoolExecutor",
                        lambda **kwargs: pools.append(kwargs) or real_pool(**kwargs))
    hash_assets(tmp_path / "pooled", SETTINGS)
    assert len(pools) == 1 or work_pool.usable_cpus() < 2  # a pool was used where it can be
    monkeypatch.setattr(work_pool, "MIN_ITEMS", 10**9)  # now all in this process
    hash_assets(tmp_path / "serial", SETTINGS)
    assert len(pools) <= 1
    pooled, serial = files(tmp_path / "pooled"), files(tmp_path / "serial")
    assert pooled == serial
    assert b"site.css" not in pooled["p0/index.html"]  # the reference was rewritten
