"""Cross-links between service pages, condition pages and articles, from metadata.

Writers name related pages by slug (``Services: services/deep-tissue-massage``,
``Conditions: conditions/neck-pain, conditions/arthritis``) in any page or
article. Once every page and article is read (signal
``all_generators_finalized``), this plugin resolves the slugs to page objects
and sets, on every page:

- ``related_<key>`` for each key of ``CROSS_LINKS`` (``related_services``,
  ``related_conditions``): the pages the page names under that key, then the
  pages of that section that name it (so a condition page lists the services
  that name it without listing them itself);
- ``related_articles``: the published articles that name the page, newest first;
- ``children``: the pages one level below it (``services/x`` under ``services``),
  by ``Order`` then title;
- ``breadcrumbs``: ``[{"title", "url"}, ...]`` from the home page down to the
  page itself, using ``Nav_title`` when a page has one;
- ``section``: the first part of its slug (``services`` for ``services/x``), the
  section of the main navigation it belongs to.

Articles get ``related_<key>`` (what they name) too. The template context gets
``pages_by_slug``. An unknown slug is reported naming the file and line
(check ``cross-link``).
"""

from difflib import get_close_matches

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from plugins.common.problems import report

# Metadata key -> slug of the section whose pages that key names.
CROSS_LINKS_DEFAULT = {"services": "services", "conditions": "conditions"}
HOME_SLUG_DEFAULT = "home"


def split_slugs(value):
    """Return the slugs of a comma-separated metadata value, without slashes at the ends."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [slug.strip().strip("/") for slug in str(value).split(",") if slug.strip()]


def section_of(slug):
    """Return the section a slug belongs to: "services" for "services/x", else None."""
    return slug.rsplit("/", 1)[0] if "/" in slug else None


def sort_key(page):
    """Sort pages by their Order metadata, then by title."""
    try:
        order = int(getattr(page, "order", ""))
    except ValueError:
        order = 1_000_000
    return order, str(page.title).lower()




def warn_bad_slug(settings, content, key, slug, problem, advice):
    """Report one bad slug at the line of its metadata key."""
    report(settings, "cross-link", f"{problem} {slug} in {key.capitalize()}", advice,
           source=content.source_path, key=key)


def resolve(settings, content, key, section, by_slug, drafts):
    """Return the pages a content's metadata key names; warn about each bad slug."""
    found = []
    for slug in split_slugs(content.metadata.get(key)):
        page = by_slug.get(slug)
        if page is None:
            if slug in drafts:
                warn_bad_slug(settings, content, key, slug, "draft page",
                              "publish that page or remove the slug")
                continue
            candidates = [s for s in by_slug if section_of(s) == section] or list(by_slug)
            close = get_close_matches(slug, candidates, n=1)
            hint = (f"did you mean {close[0]}?" if close
                    else f"use the slug of a page under {section}/")
            warn_bad_slug(settings, content, key, slug, "unknown slug", hint)
            continue
        if section_of(slug) != section:
            warn_bad_slug(settings, content, key, slug, "wrong section for",
                          f"name only pages whose slug starts with {section}/")
            continue
        if page not in found and page is not content:
            found.append(page)
    return found


def breadcrumbs(page, by_slug, home):
    """Return the trail from the home page down to the page, as {"title", "url"} dicts."""
    trail = []
    parts = page.slug.split("/")
    ancestors = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
    for slug in ancestors:
        if slug in by_slug:
            trail.append(by_slug[slug])
    if home is not None and page is not home:
        trail.insert(0, home)
    trail.append(page)
    return [
        {"title": str(getattr(item, "nav_title", "") or item.title), "url": item.url}
        for item in trail
    ]


def link_content(pages, hidden_pages, draft_pages, articles, draft_articles, settings):
    """Set the cross-link attributes on pages and articles; return the slug -> page map.

    Drafts get the attributes too (they are previewed), but nothing links to them.
    """
    keys = settings.get("CROSS_LINKS", CROSS_LINKS_DEFAULT)
    home_slug = settings.get("CROSS_LINKS_HOME_SLUG", HOME_SLUG_DEFAULT)
    by_slug = {page.slug: page for page in list(pages) + list(hidden_pages)}
    drafts = {page.slug for page in draft_pages}
    home = by_slug.get(home_slug)

    # What each page and article names, resolved once (warnings logged once).
    linking_pages = list(pages) + list(hidden_pages) + list(draft_pages)
    all_articles = list(articles) + list(draft_articles)
    named = {}
    for content in linking_pages + all_articles:
        named[id(content)] = {
            key: resolve(settings, content, key, section, by_slug, drafts)
            for key, section in keys.items()
        }

    for article in all_articles:
        for key in keys:
            setattr(article, f"related_{key}", named[id(article)][key])

    listed = sorted(pages, key=sort_key)
    for page in linking_pages:
        for key, section in keys.items():
            related = list(named[id(page)][key])
            for other in listed:
                if other is page or section_of(other.slug) != section or other in related:
                    continue
                if any(page in targets for targets in named[id(other)].values()):
                    related.append(other)
            setattr(page, f"related_{key}", related)
        page.related_articles = sorted(
            (a for a in articles if any(page in t for t in named[id(a)].values())),
            key=lambda a: a.date, reverse=True,
        )
        page.children = [p for p in listed if section_of(p.slug) == page.slug]
        page.breadcrumbs = breadcrumbs(page, by_slug, home)
        page.section = page.slug.split("/")[0]  # the main navigation marks it
    return by_slug


def link_all(generators):
    """Signal handler: cross-link the pages and articles of this build."""
    pages_gen = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if pages_gen is None:
        return
    articles = articles_gen.articles if articles_gen is not None else []
    drafts = articles_gen.drafts if articles_gen is not None else []
    by_slug = link_content(pages_gen.pages, pages_gen.hidden_pages, pages_gen.draft_pages,
                           articles, drafts, pages_gen.settings)
    pages_gen.context["pages_by_slug"] = by_slug


def register():
    """Connect the plugin to Pelican's signals."""
    signals.all_generators_finalized.connect(link_all)
