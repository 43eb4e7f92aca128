"""The site files every page links in its ``<head>`` (favicons...), as data.

The theme must work with content it was not written for: a site without
``content/extra/favicon.svg`` must not link it. Once every file is read
(signal ``all_generators_finalized``), ``SITE_FILE_LINKS`` in the templates'
context holds the entries of ``SITE_FILES`` whose file the site writes (a
static file saved at that path), each a :class:`SiteFile`; ``base.html``
prints them.

Setting: ``SITE_FILES`` (default ``[]``): ``(rel, path from the site root,
type, sizes)``, type and sizes ``""`` when not needed.
"""

from dataclasses import dataclass

from pelican import signals


@dataclass(frozen=True)
class SiteFile:
    rel: str
    path: str
    type: str
    sizes: str


def written_paths(generators):
    """The output paths of the site's static files."""
    paths = set()
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            paths.add(static.save_as)
    return paths


def add_site_files(generators):
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    written = written_paths(generators)
    links = [SiteFile(rel, path.lstrip("/"), kind, sizes)
             for rel, path, kind, sizes in settings.get("SITE_FILES") or []
             if path.lstrip("/") in written]
    for generator in generators:
        generator.context["SITE_FILE_LINKS"] = links


def register():
    signals.all_generators_finalized.connect(add_site_files)
