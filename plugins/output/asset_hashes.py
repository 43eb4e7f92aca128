"""Give every stylesheet and script a content hash in its file name.

Each asset named by
``ASSET_HASHING_EXTENSIONS`` is renamed ``name.HASH.ext`` and every reference
to it in the site's text files (HTML, XML, CSS, JS) is rewritten, so a host may
cache the asset for a year: a changed file gets a new name. References are
found as URLs, resolved like a browser would (relative to the page, from the
site root, or under ``SITEURL``), and only those that name the asset are
rewritten.

An output step (``output.asset_hashes`` in ``OUTPUT_PIPELINE``, production
only): after minifying (the hash is of the bytes that are served), before the
host files (which mark the renamed files immutable), the link check and the
compressed copies.

Settings:
``ASSET_HASHING_EXTENSIONS`` (default ``[".css", ".js"]``): the files renamed.
``ASSET_HASHING_EXCLUDE`` (default ``["pagefind/"]``): output folders left alone
(Pagefind's files load each other by fixed names).
``ASSET_HASHING_LENGTH`` (default ``10``): hex digits of the SHA-256 kept.

The renamed files are kept, as paths relative to the output, in
``build.hashed_assets`` (``output.host_files`` marks them immutable).
"""

import functools
import hashlib
import os
from pathlib import Path, PurePosixPath
import re

from plugins.common import urls
from plugins.output.work_pool import map_in_processes

DEFAULT_EXTENSIONS = [".css", ".js"]
DEFAULT_EXCLUDE = ["pagefind/"]
DEFAULT_LENGTH = 10
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".css", ".js", ".json", ".txt", ".webmanifest"}


URL_DELIMITERS = "\"'()<>,=`"  # and whitespace: a URL never holds these


class UrlFinder:
    """Find URL-like strings ending in one of the extensions (query/fragment allowed).

    The same matches as the regular expression
    ``(?P<url>[^\\s"'()<>,=`]*?\\.(?:EXT))(?P<tail>[?#][^\\s"'()<>`]*)?(?=[\\s"'()<>,`]|$)``,
    found from each ``.EXT`` backwards to the start of the word: that expression
    tries every character of every page (about 4 s at 1,000 articles).
    """

    def __init__(self, extensions):
        suffixes = "|".join(re.escape(ext.lstrip(".")) for ext in extensions)
        self.ending = re.compile(r"""\.(?:""" + suffixes + r""")(?P<tail>[?#][^\s"'()<>`]*)?"""
                                 r"""(?=[\s"'()<>,`]|$)""")

    def finditer(self, text):
        """Yield (start, end, url, tail) of each URL, left to right."""
        done = 0
        for match in self.ending.finditer(text):
            start = match.start()
            if start < done:  # inside the query or fragment of the previous URL
                continue
            while start > done and not (text[start - 1].isspace()
                                        or text[start - 1] in URL_DELIMITERS):
                start -= 1
            tail = match.group("tail") or ""
            url = text[start:match.end() - len(tail)]
            yield start, match.end(), url, tail
            done = match.end()

    def sub(self, replace, text):
        """Return text with each URL (and tail) replaced by replace(url, tail)."""
        parts, last = [], 0
        for start, end, url, tail in self.finditer(text):
            parts += [text[last:start], replace(url, tail)]
            last = end
        return "".join(parts) + text[last:] if parts else text


def resolve(url, referrer, prefixes):
    """The output-relative path a URL written in the file referrer names, or None when it
    leaves the site."""
    target = urls.resolve(url, referrer.parent.as_posix(), prefixes)
    if target is None or target.path is None or target.path.startswith(".."):
        return None
    return target.path


def hashed_name(path, digest, length):
    """site.css + digest -> site.0123456789.css"""
    return path.with_name(f"{path.stem}.{digest[:length]}{path.suffix}")


def is_excluded(relative, exclude):
    return any(relative == folder.rstrip("/") or relative.startswith(folder.rstrip("/") + "/")
               for folder in exclude)


def rewrite_references(text, referrer, prefixes, renames, pattern):
    """Replace every URL in text that names a renamed asset by the new name."""

    def replace(url, tail):
        target = resolve(url, referrer, prefixes)
        if target not in renames:
            return url + tail
        old_name = PurePosixPath(target).name
        new_name = PurePosixPath(renames[target]).name
        # Only the file name changes: the folder part of the URL stays as written.
        return url[: len(url) - len(old_name)] + new_name + tail

    return pattern.sub(replace, text)


def hash_assets(output, settings):
    """Rename the assets under output and rewrite their references.

    Returns {old relative path: new relative path}.
    """
    output = Path(output)
    extensions = settings.get("ASSET_HASHING_EXTENSIONS", DEFAULT_EXTENSIONS)
    exclude = settings.get("ASSET_HASHING_EXCLUDE", DEFAULT_EXCLUDE)
    length = settings.get("ASSET_HASHING_LENGTH", DEFAULT_LENGTH)
    pattern = UrlFinder(extensions)
    prefixes = urls.site_prefixes(settings)

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
        found = {resolve(url, PurePosixPath(relative), prefixes)
                 for _start, _end, url, _tail in pattern.finditer(text)}
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
                rewrite_references(text, PurePosixPath(relative), prefixes, renames,
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

    renamed = set(renames.values())
    files = []
    for folder, _dirs, names in os.walk(output):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), output).replace(os.sep, "/")
            if (os.path.splitext(name)[1] in TEXT_SUFFIXES and relative not in renamed
                    and not is_excluded(relative, exclude)):
                files.append(relative)
    # Each file on its own: spread over the CPUs on large sites.
    map_in_processes(functools.partial(rewrite_file, output=output, prefixes=prefixes,
                                       renames=renames, pattern=pattern), sorted(files))
    return renames


def rewrite_file(relative, output, prefixes, renames, pattern):
    """Rewrite the references to renamed assets in one text file of the output."""
    path = output / relative
    text = path.read_text(encoding="utf-8", errors="replace")
    new_text = rewrite_references(text, PurePosixPath(relative), prefixes, renames,
                                  pattern)
    if new_text != text:
        path.write_text(new_text, encoding="utf-8")


def run(build):
    """Hash the finished build's assets; keep the new names for the later steps."""
    build.hashed_assets = sorted(hash_assets(build.output, build.settings).values())
