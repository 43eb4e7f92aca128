"""What search engines and link previews read: JSON-LD, meta description, robots, canonical.

Everything is computed here; the theme only prints it
(``theme/templates/partials/head_meta.html``):

- ``content.json_ld`` (every article and page) and the ``SITE_JSON_LD`` context
  variable (listing pages): the one ``<script type="application/ld+json">`` of
  the page, a schema.org ``@graph`` holding the clinic (``MedicalClinic``) and
  what the page is: ``MedicalWebPage`` with an ``Article`` as main entity
  (articles and ``Medical: yes`` pages), ``FAQPage`` (the FAQ page, questions
  read from its ``##`` headings), ``BreadcrumbList`` (service and condition
  pages), a ``Person`` with ``hasCredential`` (license, degrees) for each team
  member on the team page and for a page's reviewer (``plugins/clinic/team.py``).
  It is serialized by :func:`script_json`, which escapes ``<``, ``>``,
  ``&`` and U+2028/U+2029 so no value can close the script block.
- ``content.meta_description``: the ``Summary:`` when the writer gave one,
  else the first paragraph of the text.
- ``content.robots_meta``: ``SITE_ROBOTS``, or the page's ``Robots:`` metadata
  (e.g. ``noindex``) in an indexable build (the sitemap leaves such pages out).

It reads data, never markup: once every file is read (signal
``all_generators_finalized``; ``PLUGINS`` lists it after cross_links and the
review) it builds the graph from ``content.first_paragraph`` and
``content.faq_entries`` (``plugins/clinic/writer_text.py``),
``content.review``, ``content.references`` and ``content.breadcrumbs``.
- the ``absolute_url`` Jinja filter: a path from the site root (e.g. the
  ``output_file`` being written) as an absolute URL on ``SITEURL`` (or
  ``FEED_DOMAIN`` in a development build), ``index.html`` dropped: the
  canonical URL.
"""

import json
import re

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page

from plugins.clinic.team import is_team_page, person_node
from plugins.clinic.writer_text import plain_text
from plugins.common.contents import contents
from plugins.common.urls import absolute_url, canonical_path

STRUCTURED_DATA_DEFAULTS = {
    "logo": "images/logo.png",  # path from the site root
    "service_prefix": "services/",  # slugs of service pages start with this
    "breadcrumb_sections": ["services", "conditions"],  # first slug segment
    "faq_slug": "faq",
    "medical_specialty": "Physiotherapy",
    "description_length": 200,  # characters of the first paragraph, when no Summary
}
DAY_CODES = {
    "Mo": "Monday", "Tu": "Tuesday", "We": "Wednesday", "Th": "Thursday",
    "Fr": "Friday", "Sa": "Saturday", "Su": "Sunday",
}
DAY_ORDER = list(DAY_CODES)
MEDICAL_AUDIENCE_TYPES = {"patient": "Patient", "clinician": "Clinician",
                          "medicalresearcher": "MedicalResearcher"}


# Characters that could end a <script> block or an HTML comment, or end a
# JavaScript line, written as JSON \u escapes (the same data once parsed).
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}
SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data):
    """Serialise data as JSON that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Markup(SCRIPT_UNSAFE.sub(lambda match: SCRIPT_ESCAPES[match.group()], text))


def get_config(settings):
    config = dict(STRUCTURED_DATA_DEFAULTS)
    config.update(settings.get("STRUCTURED_DATA") or {})
    return config










def shorten(text, limit):
    """Cut text at a word boundary to at most limit characters, adding an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"




def meta_description(content, config):
    """The writer's Summary, else the first paragraph of the text."""
    if content.metadata.get("summary"):
        return plain_text(content.metadata["summary"])
    text = getattr(content, "first_paragraph", "")
    if text:
        return shorten(text, int(config["description_length"]))
    return plain_text(content.title)


def robots_meta(content, settings):
    """SITE_ROBOTS; in an indexable build a page's own ``Robots:`` metadata wins.

    Hidden pages (``Status: hidden``, e.g. the 404 page) are ``noindex``: they are
    built but listed nowhere, and the sitemap leaves them out too.
    """
    site_robots = str(settings.get("SITE_ROBOTS") or "index, follow")
    own = str(content.metadata.get("robots", "")).strip()
    if "noindex" in site_robots.lower():
        return site_robots
    if own:
        return own
    if getattr(content, "status", "published") == "hidden":
        return "noindex"
    return site_robots


def title_of(content):
    """The title as the writer typed it: text (escaped where printed), never parsed as HTML."""
    return " ".join(str(getattr(content, "title", "")).split())


# --- schema.org nodes ---------------------------------------------------------

def opening_hours(hours):
    """CLINIC["hours"] rows (label, "Mo-Fr", "08:00", "18:00") as OpeningHoursSpecification."""
    specifications = []
    for _label, days, opens, closes in hours:
        names = []
        for part in str(days).split(","):
            part = part.strip()
            if "-" in part:
                first, last = (code.strip() for code in part.split("-", 1))
                span = DAY_ORDER[DAY_ORDER.index(first): DAY_ORDER.index(last) + 1]
                names += [DAY_CODES[code] for code in span]
            elif part:
                names.append(DAY_CODES[part])
        specifications.append({
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": names, "opens": opens, "closes": closes,
        })
    return specifications


def clinic_id(settings):
    return absolute_url(settings, "") + "#clinic"


def clinic_node(settings, config, services):
    """The clinic as a MedicalClinic, with each service page as a PhysicalTherapy."""
    clinic = settings.get("CLINIC") or {}
    name = clinic.get("name") or settings.get("SITENAME", "")
    node = {
        "@type": "MedicalClinic",
        "@id": clinic_id(settings),
        "name": name,
        "url": absolute_url(settings, ""),
        "logo": absolute_url(settings, config["logo"]),
        "image": absolute_url(settings, config["logo"]),
        "telephone": clinic.get("phone_e164") or clinic.get("phone", ""),
        "email": clinic.get("email", ""),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.get("street", ""),
            "addressLocality": clinic.get("locality", ""),
            "addressRegion": clinic.get("region", ""),
            "postalCode": clinic.get("postal_code", ""),
            "addressCountry": clinic.get("country", ""),
        },
        "openingHoursSpecification": opening_hours(clinic.get("hours") or []),
        "medicalSpecialty": config["medical_specialty"],
        "availableService": [
            {
                "@type": "PhysicalTherapy",
                "name": title_of(page),
                "url": absolute_url(settings, page.url),
                "description": meta_description(page, config),
            }
            for page in services
        ],
    }
    return {key: value for key, value in node.items() if value not in ("", None, [])}


def person_or_team(name, settings):
    """The site's own AUTHOR is the clinical team (an Organization); others are people."""
    kind = "Organization" if name == settings.get("AUTHOR") else "Person"
    return {"@type": kind, "name": name}


def reviewer_node(review, settings):
    """The reviewer: their team entry (a Person with credentials) when they have one."""
    reviewer = review.reviewer
    member = next((m for m in settings.get("TEAM_MEMBERS") or () if m.key == review.reviewer_key
                   and m.url == reviewer.get("team_url")), None)
    if member is not None:
        return person_node(settings, member)
    node = {"@type": "Person", "name": reviewer["name"]}
    if reviewer.get("credentials"):
        node["honorificSuffix"] = reviewer["credentials"]
    if reviewer.get("job_title"):
        node["jobTitle"] = reviewer["job_title"]
    return node


def audience_node(value):
    audiences = [part.strip() for part in str(value).split(",") if part.strip()]
    nodes = []
    for audience in audiences:
        known = MEDICAL_AUDIENCE_TYPES.get(audience.lower().replace(" ", ""))
        nodes.append({"@type": "MedicalAudience", "audienceType": known or audience})
    return nodes[0] if len(nodes) == 1 else nodes


def iso(value):
    return value.isoformat() if value is not None else None


def medical_page_nodes(content, settings, config, page_url):
    """MedicalWebPage (reviewed, for an audience) with the Article as its main entity."""
    review = getattr(content, "review", None)
    description = content.meta_description
    published = getattr(content, "date", None)
    modified = getattr(content, "modified", None)
    first = iso(published) or (iso(review.reviewed) if review else None)
    last = iso(modified) or iso(published) or (iso(review.reviewed) if review else None)
    authors = getattr(content, "authors", None) or []
    article = {
        "@type": "Article",
        "@id": page_url + "#article",
        "headline": title_of(content),
        "description": description,
        "datePublished": first,
        "dateModified": last,
        "author": [person_or_team(str(author), settings) for author in authors]
        or person_or_team(str(settings.get("AUTHOR", "")), settings),
        "publisher": {"@id": clinic_id(settings)},
        "image": absolute_url(settings, (settings.get("SOCIAL_IMAGE") or {}).get(
            "path", config["logo"])),
        "inLanguage": getattr(content, "lang", None) or settings.get("DEFAULT_LANG"),
        "mainEntityOfPage": {"@id": page_url + "#webpage"},
    }
    if len(article["author"]) == 1:
        article["author"] = article["author"][0]
    references = [ref for ref in getattr(content, "references", None) or () if ref.url]
    if references:
        article["citation"] = [
            {"@type": "CreativeWork", "name": ref.text, "url": ref.url} for ref in references
        ]
    page = {
        "@type": "MedicalWebPage" if getattr(content, "is_medical", True) else "WebPage",
        "@id": page_url + "#webpage",
        "url": page_url,
        "name": title_of(content),
        "description": description,
        "isPartOf": {"@id": absolute_url(settings, "") + "#website"},
        "publisher": {"@id": clinic_id(settings)},
        "mainEntity": {"@id": page_url + "#article"},
    }
    if review is not None:
        page["reviewedBy"] = reviewer_node(review, settings)
        page["lastReviewed"] = iso(review.reviewed)
    if content.metadata.get("audience"):
        page["medicalAudience"] = audience_node(content.metadata["audience"])
    return [{k: v for k, v in page.items() if v is not None},
            {k: v for k, v in article.items() if v is not None}]




def faq_node(content, page_url):
    return {
        "@type": "FAQPage",
        "@id": page_url + "#faq",
        "url": page_url,
        "name": title_of(content),
        "mainEntity": [
            {"@type": "Question", "name": question,
             "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in getattr(content, "faq_entries", ())
        ],
    }


def breadcrumb_trail(content, settings, pages_by_slug):
    """[(name, absolute url)]: ``content.breadcrumbs`` when set, else from the slug path."""
    page_url = absolute_url(settings, content.url)
    given = getattr(content, "breadcrumbs", None)
    if given:
        trail = [(plain_text(str(crumb["title"])), absolute_url(settings, crumb.get("url", "")))
                 for crumb in given]
    else:
        trail = [("Home", absolute_url(settings, ""))]
        parts = content.slug.split("/")
        for depth in range(1, len(parts)):
            slug = "/".join(parts[:depth])
            parent = pages_by_slug.get(slug)
            if parent is not None:
                name = parent.metadata.get("nav_title") or title_of(parent)
                trail.append((plain_text(str(name)), absolute_url(settings, parent.url)))
            else:
                trail.append((parts[depth - 1].replace("-", " ").capitalize(), None))
    if not trail or trail[-1][1] != page_url:
        name = content.metadata.get("nav_title") or title_of(content)
        trail.append((plain_text(str(name)), page_url))
    return trail


def breadcrumb_node(content, settings, pages_by_slug, page_url):
    items = []
    for position, (name, url) in enumerate(breadcrumb_trail(content, settings, pages_by_slug), 1):
        item = {"@type": "ListItem", "position": position, "name": name}
        if url:
            item["item"] = url
        items.append(item)
    return {"@type": "BreadcrumbList", "@id": page_url + "#breadcrumb", "itemListElement": items}


def website_node(settings):
    return {
        "@type": "WebSite",
        "@id": absolute_url(settings, "") + "#website",
        "url": absolute_url(settings, ""),
        "name": settings.get("SITENAME", ""),
        "inLanguage": settings.get("DEFAULT_LANG"),
        "publisher": {"@id": clinic_id(settings)},
    }


# --- Build state and signals -------------------------------------------------

def sort_order(page):
    """A page's ``Order:`` as a number (0 when absent or not a number)."""
    try:
        return float(page.metadata.get("order", 0) or 0)
    except (TypeError, ValueError):
        return 0


class SiteGraph:
    """The site-wide nodes and page index, built once per build."""

    def __init__(self, settings, pages):
        self.settings = settings
        self.config = get_config(settings)
        published = [page for page in pages if getattr(page, "status", "") == "published"]
        self.pages_by_slug = {page.slug: page for page in published}
        prefix = self.config["service_prefix"]
        services = sorted((page for page in published if page.slug.startswith(prefix)),
                          key=lambda page: (sort_order(page), page.slug))
        self.site_nodes = [clinic_node(settings, self.config, services), website_node(settings)]

    def graph_for(self, content):
        """Every node of one article's or page's JSON-LD."""
        settings, config = self.settings, self.config
        page_url = absolute_url(settings, content.url)
        nodes = list(self.site_nodes)
        if isinstance(content, Article) or getattr(content, "is_medical", False):
            nodes += medical_page_nodes(content, settings, config, page_url)
        if isinstance(content, Page) and is_team_page(settings, content):
            nodes += [person_node(settings, member)
                      for member in settings.get("TEAM_MEMBERS") or ()]
        if isinstance(content, Page) and content.slug == config["faq_slug"]:
            nodes.append(faq_node(content, page_url))
        section = content.slug.split("/")[0]
        if isinstance(content, Page) and (
            getattr(content, "breadcrumbs", None) or section in config["breadcrumb_sections"]
        ):
            nodes.append(breadcrumb_node(content, settings, self.pages_by_slug, page_url))
        return {"@context": "https://schema.org", "@graph": nodes}

    def site_graph(self):
        return {"@context": "https://schema.org", "@graph": list(self.site_nodes)}


def prepare_content(content, site):
    """Attach meta_description, robots_meta and json_ld to one article or page."""
    content.meta_description = meta_description(content, site.config)
    content.robots_meta = robots_meta(content, site.settings)
    content.json_ld = script_json(site.graph_for(content))


def prepare_site(generators):
    """Once every article and page is read: site nodes, then each page's data."""
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    every = list(contents(generators))
    site = SiteGraph(settings, [c for c in every if isinstance(c, Page)])
    for content in every:
        prepare_content(content, site)
    generators[0].context["SITE_JSON_LD"] = script_json(site.site_graph())


def add_filters(generator):
    """Make ``absolute_url`` available to templates."""
    settings = generator.settings
    generator.env.filters["absolute_url"] = (
        lambda output_file: absolute_url(settings, canonical_path(output_file))
    )


def register():
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(prepare_site)
