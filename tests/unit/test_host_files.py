"""output.host_files: _headers cache rules cover the site once, hashed assets immutable."""

import re

from plugins.common.build import build_of
from plugins.output import host_files
from plugins.output.host_files import IMMUTABLE, REVALIDATE, cache_rules

HASHED = "theme/css/site.0123456789.css"


def make_site(root):
    for relative in ["index.html", "404.html", "robots.txt", "about/index.html",
                     "articles/a/index.html", HASHED, "theme/css/print.css",
                     "theme/fonts/x.woff2", "feeds/all.atom.xml", "pagefind/pagefind.js"]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def matches(pattern, url):
    return url.startswith(pattern[:-1]) if pattern.endswith("*") else url == pattern


URLS = ["/", "/index.html", "/404.html", "/robots.txt", "/about/", "/about/index.html",
        "/articles/a/", "/theme/fonts/x.woff2", "/theme/css/print.css",
        "/feeds/all.atom.xml", "/pagefind/pagefind.js", f"/{HASHED}"]


def test_cache_rules_never_overlap_and_cover_every_file(tmp_path):
    make_site(tmp_path)
    rules = cache_rules(tmp_path, [HASHED], IMMUTABLE, REVALIDATE)
    for url in URLS:
        found = [value for pattern, value in rules if matches(pattern, url)]
        assert len(found) == 1, (url, found)
        expected = IMMUTABLE if url == f"/{HASHED}" else REVALIDATE
        assert found == [expected], url
    assert ("/pagefind/*", REVALIDATE) in rules  # a folder without hashed assets: one rule


def test_without_hashed_assets_one_rule_covers_the_site(tmp_path):
    make_site(tmp_path)
    assert cache_rules(tmp_path, [], IMMUTABLE, REVALIDATE) == [("/*", REVALIDATE)]


def test_host_files_written(tmp_path):
    make_site(tmp_path)
    build = build_of({"HOST_HEADERS": {"X-Content-Type-Options": "nosniff"},
                      "CNAME_DOMAIN": "www.clinic.example", "OUTPUT_PATH": str(tmp_path)})
    build.hashed_assets = [HASHED]
    host_files.run(build)
    headers = (tmp_path / "_headers").read_text()
    assert headers.split("\n")[2:4] == ["/*", "  X-Content-Type-Options: nosniff"]
    assert f"\n/{HASHED}\n  Cache-Control: {IMMUTABLE}\n" in headers
    assert f"\n/\n  Cache-Control: {REVALIDATE}\n" in headers
    assert f"\n/pagefind/*\n  Cache-Control: {REVALIDATE}\n" in headers
    assert (tmp_path / ".nojekyll").read_text() == ""
    assert (tmp_path / "CNAME").read_text() == "www.clinic.example\n"
    assert build.report.problems == []


def test_a_second_run_gives_no_rules_for_the_host_files_themselves(tmp_path):
    make_site(tmp_path)
    build = build_of({"CNAME_DOMAIN": "www.clinic.example", "OUTPUT_PATH": str(tmp_path)})
    build.hashed_assets = [HASHED]
    host_files.run(build)
    first = (tmp_path / "_headers").read_text()
    host_files.run(build)  # _headers, .nojekyll and CNAME are in the output now
    assert (tmp_path / "_headers").read_text() == first
    for name in ("_headers", ".nojekyll", "CNAME"):
        assert f"\n/{name}\n" not in first


def test_cache_values_come_from_the_settings(tmp_path):
    make_site(tmp_path)
    build = build_of({"HOST_CACHE_IMMUTABLE": "max-age=60", "HOST_CACHE_REVALIDATE": "no-cache",
                      "OUTPUT_PATH": str(tmp_path)})
    build.hashed_assets = [HASHED]
    host_files.run(build)
    headers = (tmp_path / "_headers").read_text()
    assert f"\n/{HASHED}\n  Cache-Control: max-age=60\n" in headers
    assert "\n/\n  Cache-Control: no-cache\n" in headers
    assert IMMUTABLE not in headers and REVALIDATE not in headers
    assert not (tmp_path / "CNAME").exists()  # no domain: no CNAME


def test_a_cname_that_is_not_a_bare_domain_is_a_problem(tmp_path):
    make_site(tmp_path)
    build = build_of({"CNAME_DOMAIN": "https://www.clinic.example/", "OUTPUT_PATH": str(tmp_path)})
    host_files.run(build)
    assert not (tmp_path / "CNAME").exists()
    assert [p.check for p in build.report.errors()] == ["cname-domain"]
    assert "https://www.clinic.example/" in build.report.problems[0].message


POLICY = "default-src 'self'"
EDITOR_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'"


def test_a_folder_with_its_own_policy_gets_only_its_own(tmp_path):
    # A browser enforces every policy it is sent: the site's must not reach /admin/, and
    # every other address keeps the site's, once.
    make_site(tmp_path)
    for relative in ["admin/index.html", "admin/editor.js"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    build = build_of({"HOST_HEADERS": {"Content-Security-Policy": POLICY,
                                       "X-Content-Type-Options": "nosniff"},
                      "OUTPUT_PATH": str(tmp_path)})
    build.path_headers["/admin/"] = {"Content-Security-Policy": EDITOR_POLICY}
    host_files.run(build)
    from scripts.site_server import headers_for, parse_headers_file

    rules = parse_headers_file((tmp_path / "_headers").read_text())
    for url in [*URLS, "/admin/", "/admin/editor.js"]:
        found = headers_for(rules, url)
        policies = [value for name, value in found if name == "Content-Security-Policy"]
        assert policies == [EDITOR_POLICY if url.startswith("/admin/") else POLICY], url
        assert ("X-Content-Type-Options", "nosniff") in found, url
def test_the_readme_server_lines_are_the_host_headers():
    """The nginx and Apache lines of the README, for a server fed by rsync, are HOST_HEADERS."""
    from pathlib import Path

    from pelican.settings import read_settings

    root = Path(__file__).resolve().parents[2]
    headers = read_settings(str(root / "publishconf.py"))["HOST_HEADERS"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    nginx = re.findall(r'^add_header (\S+) "(.*)" always;$', readme, re.M)
    apache = re.findall(r'^Header always set (\S+) "(.*)"$', readme, re.M)
    assert dict(nginx) == headers and dict(apache) == headers
    assert len(nginx) == len(apache) == len(headers)


def test_the_meta_policy_leaves_out_what_a_meta_tag_cannot_carry():
    from plugins.output.security_policy import meta_policy

    policy = ("default-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox;"
              " form-action 'self'; ")
    assert meta_policy(policy) == "default-src 'self'; form-action 'self'"
    assert meta_policy("") == ""
