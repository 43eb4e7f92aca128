"""Links and addresses of the site, resolved one way.

A link in a written page is resolved the way a browser would: relative to the
page's folder, from the site root, or under the site's own absolute address
(``SITEURL``, ``FEED_DOMAIN``). Paths are resolved lexically, so no file
system call is made per link.
"""

from dataclasses import dataclass
import posixpath
from urllib.parse import unquote, urlsplit

NOT_FILES = {"mailto", "tel", "data", "javascript", "sms"}


@dataclass(frozen=True)
class Target:
    path: str | None  # output-relative path; None: the page itself
    fragment: str  # the part after #, or ""
    folder: bool  # the link ends with / (a folder's index.html)


def site_prefixes(settings):
    """The absolute URL prefixes that point into this site."""
    prefixes = []
    for key in ("SITEURL", "FEED_DOMAIN"):
        value = str(settings.get(key) or "").rstrip("/")
        if value.startswith(("http://", "https://")) and value not in prefixes:
            prefixes.append(value)
    return prefixes


def resolve(link, folder, prefixes):
    """Where a link written on a page of folder (output-relative) points, or None when it
    leaves the site (another site, mailto:, tel:, ...)."""
    link = link.strip()
    for prefix in prefixes:
        if link == prefix or link.startswith(prefix + "/"):
            link = "/" + link[len(prefix):].lstrip("/")
            break
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return Target(None, parts.fragment, False)
    base = "" if path.startswith("/") else folder
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    return Target(target, parts.fragment, path.endswith("/"))


def is_external(url, settings):
    """True for a URL on another website."""
    url = url.strip()
    if any(url == prefix or url.startswith(prefix + "/") for prefix in site_prefixes(settings)):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def absolute_base(settings):
    """The site's absolute root URL: SITEURL, else FEED_DOMAIN (development), else ""."""
    prefixes = site_prefixes(settings)
    return prefixes[0] if prefixes else ""


def absolute_url(settings, path):
    """A path from the site root (``articles/x/``) as an absolute URL."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return path
    return f"{absolute_base(settings)}/{path.lstrip('/')}"


def canonical_path(output_file):
    """``articles/x/index.html`` -> ``articles/x/``; ``404.html`` stays."""
    output_file = str(output_file or "").replace("\\", "/")
    if output_file == "index.html" or output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file
