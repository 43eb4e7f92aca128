"""Pelican's collections of contents, named once.

Pelican keeps articles and pages in several lists per generator (published,
hidden, drafts, translations of each); every plugin that looks at "all the
contents" goes through :func:`contents`.
"""

from pelican.contents import Article, Page, Static

PUBLISHED_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                   "pages", "hidden_pages")
DRAFT_LISTS = ("drafts", "drafts_translations", "draft_pages", "draft_translations")


def contents(generators, drafts=True):
    """Every article and page of the build (published and hidden; drafts too unless told)."""
    names = PUBLISHED_LISTS + (DRAFT_LISTS if drafts else ())
    seen = set()
    for generator in generators:
        for name in names:
            for item in getattr(generator, name, None) or ():
                if isinstance(item, (Article, Page)) and id(item) not in seen:
                    seen.add(id(item))
                    yield item


def static_files(generators):
    """Every static file (images, extra files) of the build."""
    for generator in generators:
        for item in getattr(generator, "staticfiles", None) or ():
            if isinstance(item, Static):
                yield item


def kind_of(content):
    """ "article" or "page"."""
    return "article" if isinstance(content, Article) else "page"


def is_draft(content):
    return getattr(content, "status", "published") == "draft"


def listing_pages(generators, settings):
    """(output path, description) of every listing page and feed the build writes."""
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield save_as, f"the {name} listing ({name.upper()}_SAVE_AS)"
    for generator in generators:
        for category, _ in getattr(generator, "categories", None) or []:
            if category.save_as:
                yield category.save_as, f"the category page for {category}"
        for tag in getattr(generator, "tags", None) or {}:
            if tag.save_as:
                yield tag.save_as, f"the tag page for {tag}"
    for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        if settings.get(key):
            yield settings[key], f"the feed {key}"
