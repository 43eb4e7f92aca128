"""host_files: _headers cache rules cover the site once, hashed assets immutable."""

from types import SimpleNamespace

from plugins.host_files.host_files import IMMUTABLE, REVALIDATE, cache_rules, write_host_files


def make_site(root):
    for relative in ["index.html", "404.html", "robots.txt", "about/index.html",
                     "articles/a/index.html", "theme/css/site.0123456789.css",
                     "theme/fonts/x.woff2", "feeds/all.atom.xml"]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def matches(pattern, url):
    return url.startswith(pattern[:-1]) if pattern.endswith("*") else url == pattern


def test_cache_rules_never_overlap_and_cover_every_file(tmp_path):
    make_site(tmp_path)
    rules = cache_rules(tmp_path, ["theme/css/site.0123456789.css"], IMMUTABLE, REVALIDATE)
    urls = ["/", "/index.html", "/404.html", "/about/", "/about/index.html",
            "/articles/a/", "/theme/fonts/x.woff2", "/feeds/all.atom.xml",
            "/theme/css/site.0123456789.css"]
    for url in urls:
        found = [value for pattern, value in rules if matches(pattern, url)]
        assert len(found) == 1, (url, found)
        expected = IMMUTABLE if url.endswith(".0123456789.css") else REVALIDATE
        assert found == [expected], url


def test_host_files_written(tmp_path):
    make_site(tmp_path)
    settings = {"HOST_HEADERS": {"X-Content-Type-Options": "nosniff"},
                "CNAME_DOMAIN": "www.clinic.example"}
    pelican = SimpleNamespace(settings=settings, output_path=str(tmp_path),
                              hashed_assets=["theme/css/site.0123456789.css"])
    write_host_files(pelican)
    headers = (tmp_path / "_headers").read_text()
    assert headers.split("\n")[2:4] == ["/*", "  X-Content-Type-Options: nosniff"]
    assert (tmp_path / ".nojekyll").read_text() == ""
    assert (tmp_path / "CNAME").read_text() == "www.clinic.example\n"
