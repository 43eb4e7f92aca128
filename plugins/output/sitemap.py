"""The XML sitemap: every indexable published page of the site, with its last change.

An output step (``output.sitemap`` in ``OUTPUT_PIPELINE``). It lists each
published article and page (not drafts, hidden or private ones, and not a
page whose ``robots_meta`` says ``noindex`` in an indexable build) and each
listing page (article index, categories, tags, archives), sorted by address,
in the format of pelican-sitemap. An entry's ``lastmod`` is the content's
``Modified``, else its ``Date``; pages without either, and listings, get the
newest date of the site's content, so the same content gives the same sitemap
in every build (pelican-sitemap stamped them with the time of the build).

Settings: ``SITEMAP`` (pelican-sitemap's): ``format`` (``"xml"`` or
``"txt"``), ``exclude`` (regular expressions matched against each address),
``changefreqs`` and ``priorities`` (per ``articles``, ``pages``, ``indexes``).
"""

import re

from pelican.contents import Article, Page

from plugins.common.contents import contents, listing_pages
from plugins.common.urls import canonical_path

XML_HEADER = """<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd"
xmlns:xhtml="http://www.w3.org/1999/xhtml"
xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
"""
XML_URL = """
<url>
<loc>{siteurl}/{url}</loc>
<lastmod>{lastmod}</lastmod>
<changefreq>{changefreq}</changefreq>
<priority>{priority}</priority>
</url>
"""
XML_FOOTER = """
</urlset>
"""
CHANGEFREQS = {"articles": "monthly", "pages": "monthly", "indexes": "daily"}
PRIORITIES = {"articles": 0.5, "pages": 0.5, "indexes": 0.5}


def format_date(date):
    if date.tzinfo:
        zone = date.strftime("%z")
        zone = zone[:-2] + ":" + zone[-2:]
    else:
        zone = "-00:00"
    return date.strftime("%Y-%m-%dT%H:%M:%S") + zone


def entries(build):
    """[(address from the site root, content or None for a listing)] of the sitemap."""
    indexable = "noindex" not in str(build.settings.get("SITE_ROBOTS", "")).lower()
    found = []
    for content in contents(build.generators, drafts=False):
        if (content.status != "published" or not content.save_as
                or getattr(content, "private", "") == "True"):
            continue
        if indexable and "noindex" in str(getattr(content, "robots_meta", "")).lower():
            continue
        found.append((canonical_path(content.url), content))
    for save_as, _label in listing_pages(build.generators, build.settings):
        if save_as.endswith(".html"):
            found.append((canonical_path(save_as), None))
    return found


def run(build):
    settings = build.settings
    config = settings.get("SITEMAP") or {}
    excluded = [re.compile(pattern) for pattern in config.get("exclude", ())]
    listed = sorted(((url, item) for url, item in entries(build)
                     if not any(pattern.search(url) for pattern in excluded)),
                    key=lambda entry: entry[0])
    siteurl = settings.get("SITEURL", "")
    fmt = config.get("format", "xml")
    if fmt == "txt":
        text = "".join(f"{siteurl}/{url}\n" for url, _ in listed)
    else:
        dates = [getattr(c, "modified", None) or getattr(c, "date", None)
                 for c in contents(build.generators, drafts=False)]
        newest = max((d for d in dates if d is not None), default=None)
        changefreqs = {**CHANGEFREQS, **config.get("changefreqs", {})}
        priorities = {**PRIORITIES, **config.get("priorities", {})}
        parts = [XML_HEADER]
        for url, item in listed:
            kind = ("articles" if isinstance(item, Article)
                    else "pages" if isinstance(item, Page) else "indexes")
            date = (getattr(item, "modified", None) or getattr(item, "date", None)) or newest
            parts.append(XML_URL.format(
                siteurl=siteurl, url=url, lastmod=format_date(date) if date else "",
                changefreq=getattr(item, "changefreq", changefreqs[kind]),
                priority=getattr(item, "priority", priorities[kind])))
        parts.append(XML_FOOTER)
        text = "".join(parts)
    (build.output / f"sitemap.{fmt}").write_text(text, encoding="utf-8")
