"""Give every stylesheet and script a content hash in its file name.

After the build (signal ``finalized``), each asset named by
``ASSET_HASHING_EXTENSIONS`` is renamed ``name.HASH.ext`` and every reference
to it in the site's text files (HTML, XML, CSS, JS) is rewritten, so a host may
cache the asset for a year: a changed file gets a new name. References are
found as URLs, resolved like a browser would (relative to the page, from the
site root, or under ``SITEURL``), and only those that name the asset are
rewritten.

Enabled in production only (``publishconf.py``). It must run after minifying
(the hash is of the bytes that are served) and before link checking and
precompression; ``publishconf.py`` orders the plugins for that.

Settings:
``ASSET_HASHING_EXTENSIONS`` (default ``[".css", ".js"]``): the files renamed.
``ASSET_HASHING_EXCLUDE`` (default ``["pagefind/"]``): output folders left alone
(Pagefind's files load each other by fixed names).
``ASSET_HASHING_LENGTH`` (default ``10``): hex digits of the SHA-256 kept.

The renamed files are kept, as paths relative to the output, in
``pelican.hashed_assets`` (the ``host_files`` plugin marks them immutable).
"""

import hashlib
import logging
from pathlib import Path, PurePosixPath
import re
from urllib.parse import urlsplit

from pelican import signals

log = logging.getLogger(__name__)

DEFAULT_EXTENSIONS = [".css", ".js"]
DEFAULT_EXCLUDE = ["pagefind/"]
DEFAULT_LENGTH = 10
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".css", ".js", ".json", ".txt", ".webmanifest"}


def url_pattern(extensions):
    """Match URL-like strings ending in one of the extensions (query/fragment allowed)."""
    suffixes = "|".join(re.escape(ext.lstrip(".")) for ext in extensions)
    return re.compile(
        r"""(?P<url>[^\s"'()<>,=`]*?\.(?:""" + suffixes + r"""))"""
        r"""(?P<tail>[?#][^\s"'()<>`]*)?(?=[\s"'()<>,`]|$)"""
    )


def site_prefixes(settings):
    """Absolute URL prefixes that point into this site."""
    prefixes = []
    for key in ("SITEURL", "FEED_DOMAIN"):
        value = (settings.get(key) or "").rstrip("/")
        if value.startswith(("http://", "https://", "//")):
            prefixes.append(value)
    return prefixes


def resolve(url, referrer, output, prefixes):
    """Return the output-relative path a URL names, or None when it leaves the site."""
    for prefix in prefixes:
        if url.startswith(prefix + "/"):
            url = url[len(prefix):]
            break
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        candidate = PurePosixPath(parts.path.lstrip("/"))
    else:
        candidate = PurePosixPath(referrer.parent.as_posix(), parts.path)
    resolved = []
    for part in candidate.parts:
        if part == "..":
            if not resolved:
                return None
            resolved.pop()
        elif part not in (".", ""):
            resolved.append(part)
    return "/".join(resolved)


def hashed_name(path, digest, length):
    """site.css + digest -> site.0123456789.css"""
    return path.with_name(f"{path.stem}.{digest[:length]}{path.suffix}")


def is_excluded(relative, exclude):
    return any(relative == folder.rstrip("/") or relative.startswith(folder.rstrip("/") + "/")
               for folder in exclude)


def rewrite_references(text, referrer, output, prefixes, renames, pattern):
    """Replace every URL in text that names a renamed asset by the new name."""

    def replace(match):
        url = match.group("url")
        target = resolve(url, referrer, output, prefixes)
        if target not in renames:
            return match.group(0)
        old_name = PurePosixPath(target).name
        new_name = PurePosixPath(renames[target]).name
        # Only the file name changes: the folder part of the URL stays as written.
        return url[: len(url) - len(old_name)] + new_name + (match.group("tail") or "")

    return pattern.sub(replace, text)


def hash_assets(output, settings):
    """Rename the assets under output and rewrite their references.

    Returns {old relative path: new relative path}.
    """
    output = Path(output)
    extensions = settings.get("ASSET_HASHING_EXTENSIONS", DEFAULT_EXTENSIONS)
    exclude = settings.get("ASSET_HASHING_EXCLUDE", DEFAULT_EXCLUDE)
    length = settings.get("ASSET_HASHING_LENGTH", DEFAULT_LENGTH)
    pattern = url_pattern(extensions)
    prefixes = site_prefixes(settings)

    assets = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file() and path.suffix in extensions
        and not is_excluded(path.relative_to(output).as_posix(), exclude)
    )
    renames = {}

    def referenced_assets(relative):
        """Assets named inside an asset (a stylesheet importing another)."""
        text = (output / relative).read_text(encoding="utf-8", errors="replace")
        found = {resolve(m.group("url"), PurePosixPath(relative), output, prefixes)
                 for m in pattern.finditer(text)}
        return sorted(found & set(assets) - {relative})

    def rename(relative, visiting=()):
        # An asset's references are rewritten before it is hashed, so its
        # hash covers the names of what it loads.
        if relative in renames:
            return
        for dependency in referenced_assets(relative):
            if dependency not in visiting:
                rename(dependency, (*visiting, relative))
        path = output / relative
        if renames:
            text = path.read_text(encoding="utf-8", errors="replace")
            path.write_text(
                rewrite_references(text, PurePosixPath(relative), output, prefixes, renames,
                                   pattern),
                encoding="utf-8",
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        new_path = hashed_name(path, digest, length)
        path.rename(new_path)
        renames[relative] = new_path.relative_to(output).as_posix()

    for relative in assets:
        rename(relative)
    if not renames:
        return renames

    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if (not path.is_file() or path.suffix not in TEXT_SUFFIXES
                or relative in renames.values() or is_excluded(relative, exclude)):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        new_text = rewrite_references(text, PurePosixPath(relative), output, prefixes, renames,
                                      pattern)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
    return renames


def hash_output(pelican):
    """Hash the finished build's assets; remember them on the Pelican object."""
    renames = hash_assets(pelican.output_path, pelican.settings)
    pelican.hashed_assets = sorted(renames.values())
    log.info("asset_hashing: %d assets renamed with a content hash", len(renames))


def register():
    """Connect the plugin to Pelican's signals."""
    signals.finalized.connect(hash_output)
