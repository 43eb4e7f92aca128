"""Write the files static hosts read: ``_headers``, ``.nojekyll`` and ``CNAME``.

``_headers`` is the format Netlify and Cloudflare Pages read: a URL pattern on
its own line, then indented ``Name: value`` lines. It carries

- the security headers of ``HOST_HEADERS`` on every path (``/*``), except those a
  folder sets otherwise in ``HOST_HEADERS_BY_PATH`` (the content editor's
  ``/admin/`` has its own Content-Security-Policy): those headers are written on
  rules that never overlap, the folder's own and one per other file and folder
  (hosts send every matching rule's value, and a browser enforces every policy it
  is sent, so a site-wide rule would still apply on ``/admin/``). An address that
  matches no file (a 404) gets none of them;
- the cache rules: each content-hashed asset (``build.hashed_assets``, from
  ``output.asset_hashes``) gets ``HOST_CACHE_IMMUTABLE``, everything else
  ``HOST_CACHE_REVALIDATE``.

The cache rules never overlap: both hosts merge the values of a header set by
several matching rules, which would turn two Cache-Control values into one
contradictory list. So folders that hold no hashed asset get one ``/folder/*``
rule, and folders that do are split into their files and subfolders.

``.nojekyll`` tells GitHub Pages to publish the files as they are (Jekyll would
drop files and folders whose names start with ``_``). ``CNAME`` names the
custom domain GitHub Pages serves, written only when ``CNAME_DOMAIN`` is set.

An output step (``output.host_files`` in ``OUTPUT_PIPELINE``, production
only), after the search index is written: the cache rules list every folder.

Settings:
``HOST_HEADERS`` (default ``{}``): header name -> value, for every path.
``HOST_HEADERS_BY_PATH`` (default ``{}``): folder (``"/admin/"``) -> {header name ->
value}: the headers that folder sets instead (a value of ``None`` leaves it out). An
output step can add to it for its folder (``build.path_headers``: the editor's
policy, with the hash of its page's import map).
``HOST_CACHE_IMMUTABLE`` (default ``"public, max-age=31536000, immutable"``).
``HOST_CACHE_REVALIDATE`` (default ``"public, max-age=0, must-revalidate"``).
``CNAME_DOMAIN`` (default ``""``): the site's own domain, e.g. ``www.example.org``.
"""

from pathlib import Path

from plugins.common.problems import report

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
# Written by this step or after it (compressed copies): never rules of their own.
READS_WHOLE_OUTPUT = True
HOST_FILES = {HEADERS_FILE, ".nojekyll", "CNAME"}


def cache_rules(output, hashed, immutable, revalidate):
    """Return [(pattern, cache-control)] covering the site without overlap."""
    output = Path(output)
    hashed = set(hashed)
    folders_with_hashed = {""}
    for relative in hashed:
        parts = relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folders_with_hashed.add("/".join(parts[:depth]))
    if not hashed:
        return [("/*", revalidate)]

    rules = []

    def walk(folder):
        base = output / folder if folder else output
        prefix = f"/{folder}/" if folder else "/"
        for path in sorted(base.iterdir()):
            relative = f"{folder}/{path.name}" if folder else path.name
            if path.is_dir():
                if relative in folders_with_hashed:
                    walk(relative)
                else:
                    rules.append((f"/{relative}/*", revalidate))
            elif relative in hashed:
                rules.append((f"/{relative}", immutable))
            elif path.name not in HOST_FILES:
                if path.name == "index.html":
                    rules.append((prefix, revalidate))
                rules.append((f"/{relative}", revalidate))

    walk("")
    return rules


def path_header_rules(output, headers, by_path):
    """Return [(pattern, [(name, value)])] for the headers that some folders set
    otherwise (by_path: {"/admin/": {name: value}}), covering the site without overlap."""
    output = Path(output)
    own = {folder.strip("/"): values for folder, values in by_path.items() if folder.strip("/")}
    names = sorted({name for values in own.values() for name in values})
    if not names:
        return []
    split = {""}
    for folder in own:
        parts = folder.split("/")
        split.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    default = [(name, headers[name]) for name in names if headers.get(name) is not None]
    rules = []

    def walk(folder):
        base = output / folder if folder else output
        prefix = f"/{folder}/" if folder else "/"
        for path in sorted(base.iterdir()):
            relative = f"{folder}/{path.name}" if folder else path.name
            if path.is_dir() and relative in own:
                values = {**dict(default), **own[relative]}
                rules.append((f"/{relative}/*", [(name, values[name]) for name in names
                                                 if values.get(name) is not None]))
            elif path.is_dir() and relative in split:
                walk(relative)
            elif path.is_dir():
                rules.append((f"/{relative}/*", default))
            elif path.name not in HOST_FILES:
                if path.name == "index.html":
                    rules.append((prefix, default))
                rules.append((f"/{relative}", default))

    walk("")
    return [(pattern, values) for pattern, values in rules if values]


def headers_file(settings, rules, path_rules=(), by_path=None):
    """Return the text of _headers."""
    lines = [
        "# Written by plugins/output/host_files.py at build time from HOST_HEADERS (and per",
        "# folder) and the content-hashed assets; edit the settings, not this file.",
        "/*",
    ]
    if by_path is None:
        by_path = settings.get("HOST_HEADERS_BY_PATH") or {}
    own = {name for values in by_path.values() for name in values}
    lines += [f"  {name}: {value}" for name, value in settings.get("HOST_HEADERS", {}).items()
              if name not in own]
    for pattern, values in path_rules:
        lines += ["", pattern] + [f"  {name}: {value}" for name, value in values]
    for pattern, cache_control in rules:
        lines += ["", pattern, f"  Cache-Control: {cache_control}"]
    return "\n".join(lines) + "\n"


def run(build):
    """Write _headers, .nojekyll and (with CNAME_DOMAIN) CNAME into the output."""
    settings = build.settings
    output = build.output
    rules = cache_rules(
        output,
        build.hashed_assets,
        settings.get("HOST_CACHE_IMMUTABLE", IMMUTABLE),
        settings.get("HOST_CACHE_REVALIDATE", REVALIDATE),
    )
    by_path = {**(settings.get("HOST_HEADERS_BY_PATH") or {}), **build.path_headers}
    path_rules = path_header_rules(output, settings.get("HOST_HEADERS", {}), by_path)
    (output / HEADERS_FILE).write_text(headers_file(settings, rules, path_rules, by_path),
                                       encoding="utf-8")
    (output / ".nojekyll").write_text("", encoding="utf-8")
    domain = (settings.get("CNAME_DOMAIN") or "").strip()
    if not domain:
        return
    if "/" in domain or ":" in domain:
        report(settings, "cname-domain", f"CNAME_DOMAIN {domain!r} is not a bare domain",
               "remove the scheme and path: www.example.org")
    else:
        (output / "CNAME").write_text(domain + "\n", encoding="utf-8")
