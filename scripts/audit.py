"""Audit the production site as visitors get it: Lighthouse scores and page weights.

Run by `invoke audit`. Builds the production site into a temporary folder with
SITEURL pointing at a local server, serves it on 127.0.0.1, then:

- prints each audited page's first-view weight (its HTML and the stylesheets,
  scripts and fonts it loads, each gzip-compressed as hosting sends them;
  images excluded) and the size of every stylesheet, against the budgets;
- fails when a page loads anything from another origin;
- runs Lighthouse three times per page (`lhci collect`, config in
  lighthouserc.json: mobile emulation, Debian's chromium) and prints the median
  of each of the four category scores. A score below 100 names, from the run
  with the median score, each metric or audit that lost points and its value,
  and Lighthouse's own warnings (such as a CPU slower than it expects).

Exits 1 when a median score is below 100 or a weight is over its budget.
"""

import gzip
from html.parser import HTMLParser
import json
from pathlib import Path
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project, run as a script too
from pelican.settings import read_settings  # noqa: E402

from scripts.build import PROD_SETTINGS, ROOT, build  # noqa: E402
from scripts.site_server import make_server  # noqa: E402

LHCI = ROOT / "node_modules" / ".bin" / "lhci"
LHCI_DIR = ROOT / ".lighthouseci"
# (name, path from the site root); a page missing from the site is skipped with a note.
AUDITED_PAGES = [
    ("home", ""),
    ("article", "articles/do-physical-therapists-massage/"),
    ("service", "services/myofascial-release/"),
    ("contact", "contact/"),
]
# Bytes compressed: what arrives in the first round trip of a new connection.
FIRST_VIEW_BUDGET = 14 * 1024
# Bytes, uncompressed (minified), per stylesheet: one stylesheet for the whole site, so a
# guard against its growth. 16 KB since the Book, team and condition pages' components
# (about 15.2 KB minified, 4 KB gzip); the first view above is the visitor's budget.
CSS_BUDGET = 16 * 1024
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class FirstViewScan(HTMLParser):
    """Collect what a page loads before it can show its first view."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts, self.other = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel:
            self.stylesheets.append(attrs.get("href"))
        elif tag == "link" and {"preload", "modulepreload"} & set(rel):
            self.scripts.append(attrs.get("href"))
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag in ("img", "iframe", "source", "video", "audio", "embed") and attrs.get("src"):
            self.other.append(attrs["src"])


def compressed_size(data):
    return len(gzip.compress(data, compresslevel=9))


def local_file(url, site, base_url):
    """Return the built file for a URL of this site, or None for another origin."""
    if not url.startswith(base_url):
        return None
    path = urlsplit(url).path[len(urlsplit(base_url).path):]
    target = site / path
    return target / "index.html" if url.endswith("/") else target


def page_weight(site, base_url, path):
    """Return (first-view bytes compressed, {stylesheet: raw bytes}, [other-origin URLs])."""
    page_url = base_url + path
    html_file = local_file(page_url, site, base_url)
    html = html_file.read_bytes()
    scan = FirstViewScan()
    scan.feed(html.decode("utf-8"))
    total, css_sizes, foreign = compressed_size(html), {}, []
    for kind, urls in (("css", scan.stylesheets), ("js", scan.scripts), ("media", scan.other)):
        for url in urls:
            absolute = urljoin(page_url, url)
            file = local_file(absolute, site, base_url)
            if file is None:
                if urlsplit(absolute).scheme in ("http", "https"):
                    foreign.append(absolute)
                continue
            if kind == "media":
                continue  # images are not part of the first-view budget
            data = file.read_bytes()
            total += compressed_size(data)
            if kind == "css":
                css_sizes[url] = len(data)
                # Fonts a stylesheet loads are part of the first view too.
                for font in re.findall(rb"url\(['\"]?([^'\")]+\.woff2?)", data):
                    font_file = local_file(urljoin(absolute, font.decode()), site, base_url)
                    if font_file is None:
                        foreign.append(font.decode())
                    else:
                        total += compressed_size(font_file.read_bytes())
    return total, css_sizes, foreign


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_production(output, base_url):
    import os

    result = build(output, PROD_SETTINGS, env=dict(os.environ, SITEURL=base_url.rstrip("/")))
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        raise SystemExit("audit: the production build failed (see above)")


def lighthouse(urls):
    """Run Lighthouse on the URLs (lighthouserc.json: three runs each); {url: [report]}."""
    shutil.rmtree(LHCI_DIR, ignore_errors=True)
    config = f"--config={ROOT / 'lighthouserc.json'}"
    collect = [str(LHCI), "collect", config, *(f"--url={url}" for url in urls)]
    subprocess.run(collect, cwd=ROOT, check=True)
    runs = {}
    for report in sorted(LHCI_DIR.glob("lhr-*.json")):
        lhr = json.loads(report.read_text(encoding="utf-8"))
        runs.setdefault(lhr["requestedUrl"], []).append(lhr)
    return runs


def score(lhr, category):
    return lhr["categories"][category]["score"] or 0


def median_scores(reports):
    """{category: median score of the runs}."""
    return {name: statistics.median(score(lhr, name) for lhr in reports) for name in CATEGORIES}


def lost_points(reports, category):
    """What cost a category points, from the run with the median score, and the warnings.

    Lighthouse's own way to pick a representative run (the median run).
    """
    ordered = sorted(reports, key=lambda lhr: score(lhr, category))
    lhr = ordered[len(ordered) // 2]
    found = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"].get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = audit.get("displayValue") or f"score {audit['score']:.2f}"
            found.append(f"{ref['id']} {value} (score {audit['score']:.2f})")
    found += [f"Lighthouse warns: {warning}" for warning in lhr.get("runWarnings", [])]
    return found


def main():
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    failures = []
    with tempfile.TemporaryDirectory(prefix="audit-") as temp:
        site = Path(temp) / "output"
        build_production(site, base_url)
        server = make_server(site, port=port)  # 404.html and _headers, as the host
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            pages = []
            for name, path in AUDITED_PAGES:
                if (site / path / "index.html").is_file():
                    pages.append((name, path))
                else:
                    print(f"audit: note: no {name} page at /{path} in this site; not audited")
            print(f"\nPage weights (budget: first view {FIRST_VIEW_BUDGET} bytes compressed,"
                  f" each stylesheet under {CSS_BUDGET} bytes)")
            for name, path in pages:
                total, css, foreign = page_weight(site, base_url, path)
                css_text = ", ".join(f"{Path(u).name} {size} B" for u, size in css.items())
                print(f"  {name:8} /{path:45} first view {total:6} B   CSS: {css_text}")
                if total > FIRST_VIEW_BUDGET:
                    failures.append(f"{name}: first view {total} B > {FIRST_VIEW_BUDGET} B")
                failures += [f"{name}: {url} is {size} B > {CSS_BUDGET} B"
                             for url, size in css.items() if size > CSS_BUDGET]
                failures += [f"{name}: loads {url} from another origin" for url in foreign]
            # Every other page is held to the same budgets.
            # The content editor (/admin/, EDITOR_FOLDER) is the clinicians' tool, not a
            # visitor's page: its 4 MB application is loaded only by the people who edit.
            editor = read_settings(str(PROD_SETTINGS)).get("EDITOR_FOLDER", "admin")
            others = [p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("*.html")
                      if p.name == "index.html"
                      and p.relative_to(site).parts[0] != editor]
            others = [p if p != "./" else "" for p in others]
            heaviest = (0, "")
            for path in sorted(set(others) - {path for _, path in pages}):
                total, css, foreign = page_weight(site, base_url, path)
                heaviest = max(heaviest, (total, path))
                if total > FIRST_VIEW_BUDGET:
                    failures.append(f"/{path}: first view {total} B > {FIRST_VIEW_BUDGET} B")
                failures += [f"/{path}: loads {url} from another origin" for url in foreign]
            print(f"  heaviest of the other {len(set(others)) - len(pages)} pages:"
                  f" /{heaviest[1]} first view {heaviest[0]} B")
            urls = [base_url + path for _, path in pages]
            runs = lighthouse(urls)
            print("\nLighthouse (mobile, median of the runs):")
            print(f"  {'page':8} " + " ".join(f"{c:>15}" for c in CATEGORIES) + "   runs")
            for name, path in pages:
                reports = runs.get(base_url + path)
                if not reports:
                    failures.append(f"{name}: no Lighthouse report")
                    continue
                row = median_scores(reports)
                print(f"  {name:8} " + " ".join(f"{round(row[c] * 100):>15}" for c in CATEGORIES)
                      + f"   {len(reports)}")
                for category in CATEGORIES:
                    if row[category] < 1:
                        lost = "; ".join(lost_points(reports, category))
                        failures.append(f"{name}: {category} {round(row[category] * 100)} < 100"
                                        f" (median of {len(reports)} runs): {lost}")
        finally:
            server.shutdown()
            server.server_close()
    if failures:
        print("\naudit: FAILED\n  " + "\n  ".join(failures))
        return 1
    print("\naudit: every score is 100 and every page is within its budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
