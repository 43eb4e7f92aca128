"""Serve a built site the way its static host will: one small server for
`invoke serve`, `invoke audit` and the browser tests.

Like the hosts the clinic publishes to, it answers a missing file with the
site's own 404.html (status 404) and, when the site has a `_headers` file (the
Netlify / Cloudflare Pages format written by plugins/output/host_files.py), sends the
headers of every rule whose path pattern matches.
"""

from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import threading
from urllib.parse import urlsplit


def parse_headers_file(text):
    """Return [(path pattern, [(name, value), ...]), ...] from a _headers file."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            rules.append((line.strip(), []))
    return rules


def headers_for(rules, path):
    """Every header of every rule whose pattern matches path (a trailing * is a splat)."""
    found = []
    for pattern, headers in rules:
        if path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern:
            found += headers
    return found


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve one built site: 404.html for missing files, `_headers` applied."""

    quiet = True

    def end_headers(self):
        # Read for each response: the site may be (re)built while it is served.
        headers_file = Path(self.directory) / "_headers"
        if headers_file.is_file():
            rules = parse_headers_file(headers_file.read_text(encoding="utf-8"))
            for name, value in headers_for(rules, urlsplit(self.path).path):
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.quiet:
            super().log_message(format, *args)


def make_server(site, host="127.0.0.1", port=0, quiet=True):
    """Return a server for the built site in folder `site` (port 0: any free port)."""
    handler = type("Handler", (SiteHandler,), {"quiet": quiet})
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(site)))


def serve_in_background(site, host="127.0.0.1", port=0):
    """Start serving site in a thread; return (server, base URL ending in /)."""
    server = make_server(site, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"
