"""Served with its `_headers`, every production page loads in Chromium with no CSP violation.

A small HTTP server applies the rules of the site's own `_headers` file (the
Netlify / Cloudflare Pages format) to every response; Debian's Chromium, driven
by Playwright, loads each page and listens for console errors (a blocked inline
script or style is reported there), page errors, failed requests and error
responses.
"""

import shutil
import threading

import pytest

from scripts.site_server import make_server
from tests.conftest import build_ok


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The production site built for and served on a loopback port, with _headers applied."""
    site = tmp_path_factory.mktemp("csp") / "site"
    server = make_server(site)  # applies the site's _headers, as the host would
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build_ok(site, settings="publishconf.py", SITEURL=origin, FEED_DOMAIN=origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, origin
    server.shutdown()
    server.server_close()


class Loader:
    """One page that loads URL after URL and says what went wrong on each."""

    def __init__(self, browser):
        self.page = browser.new_page()
        self.problems = []
        page = self.page
        page.on("console", lambda msg: self.problems.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        # A request the browser cancels because the next page is loading (a late favicon)
        # is no failure of this page; a blocked one is (and the console says why).
        page.on("requestfailed", lambda request: self.problems.append(
            f"request failed: {request.url} {request.failure}")
            if request.failure != "net::ERR_ABORTED" else None)
        page.on("response", lambda response: self.problems.append(
            f"HTTP {response.status}: {response.url}") if response.status >= 400 else None)

    def load(self, url):
        """Load url; return (main response, [problems seen])."""
        self.problems = []
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(100)  # late console reports
        return response, self.problems

    def close(self):
        self.page.close()


def load(browser, url):
    loader = Loader(browser)
    try:
        return loader.load(url)
    finally:
        loader.close()


def test_no_page_breaks_the_content_security_policy(served_site, browser):
    from publishconf import CONTENT_SECURITY_POLICY, EDITOR_FOLDER

    site, origin = served_site
    # The content editor's page has its own policy and its own test
    # (tests/browser/test_editor.py): it blocks what the editor would fetch elsewhere.
    pages = sorted(path for path in site.rglob("*.html")
                   if not path.relative_to(site).as_posix().startswith(f"{EDITOR_FOLDER}/"))
    assert len(pages) >= 5
    loader = Loader(browser)
    try:
        for path in pages:
            relative = path.relative_to(site).as_posix()
            url = f"{origin}/{relative.removesuffix('index.html')}"
            response, problems = loader.load(url)
            assert response.status == 200, url
            headers = response.headers
            # The site's policy, once (the editor's folder has its own rule, never this one).
            assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["cache-control"] == "public, max-age=0, must-revalidate", url
            assert problems == [], (url, problems)
    finally:
        loader.close()


def test_the_editor_page_gets_its_own_policy_and_only_it(served_site, browser):
    from publishconf import CONTENT_SECURITY_POLICY, EDITOR_FOLDER

    site, origin = served_site
    loader = Loader(browser)
    try:
        response, _ = loader.load(f"{origin}/{EDITOR_FOLDER}/")
    finally:
        loader.close()
    policy = response.headers["content-security-policy"]
    assert policy != CONTENT_SECURITY_POLICY and "frame-ancestors 'none'" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy and "'unsafe-eval'" not in policy
    page = (site / EDITOR_FOLDER / "index.html").read_text(encoding="utf-8")
    # The same policy as the page's own meta element (less frame-ancestors).
    assert policy.removesuffix("; frame-ancestors 'none'").replace("'", "&#39;") in page


def test_the_hashed_stylesheet_is_immutable_and_loads(served_site, browser):
    site, origin = served_site
    css = next(site.rglob("*.css")).relative_to(site).as_posix()
    response, problems = load(browser, f"{origin}/{css}")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert problems == []


@pytest.fixture
def without_headers(served_site):
    """The site as GitHub Pages serves it: no _headers applied (the file set aside)."""
    site, origin = served_site
    headers = site / "_headers"
    aside = site.parent / "_headers.aside"
    headers.rename(aside)
    try:
        yield site, origin
    finally:
        aside.rename(headers)


def test_without_headers_pages_load_under_their_own_policy(without_headers, browser):
    site, origin = without_headers
    loader = Loader(browser)
    try:
        for path in ["", "articles/do-physical-therapists-massage/", "search/?q=massage",
                     "privacy-practices/notice-of-privacy-practices.html", "no-such-page/"]:
            response, problems = loader.load(f"{origin}/{path}")
            assert "content-security-policy" not in response.headers, path
            assert loader.page.locator(
                'meta[http-equiv="Content-Security-Policy"]').count() == 1, path
            assert problems == [] or (path == "no-such-page/" and all(
                "404" in problem for problem in problems)), (path, problems)
    finally:
        loader.close()


@pytest.mark.parametrize("host", ["headers", "meta only"])
def test_the_browser_check_sees_an_inline_script_blocked(served_site, browser, host, request):
    """Control: the same check reports what the policy blocks, with _headers applied and
    with the page's own <meta> policy alone."""
    site, origin = request.getfixturevalue("without_headers") if host == "meta only" \
        else served_site
    # In a folder of the site: _headers has a rule for each (an address the build did not
    # write has none there; the page's own meta policy covers it).
    probe = site / "about" / "csp-probe" / "index.html"
    probe.parent.mkdir()
    shutil.copy(site / "404.html", probe)
    text = probe.read_text(encoding="utf-8")
    probe.write_text(text.replace("<body", "<body onload=\"document.title='x'\"", 1)
                     + "<script>document.title='y'</script>", encoding="utf-8")
    try:
        _, problems = load(browser, f"{origin}/about/csp-probe/")
    finally:
        shutil.rmtree(probe.parent)
    assert any("Content Security Policy" in problem for problem in problems), problems
