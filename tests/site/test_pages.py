"""The clinic's pages (issue 3): built, reachable, cross-linked, and fed by the settings."""

from collections import deque
from datetime import date
from pathlib import Path
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
import pytest

from pelicanconf import CLINIC
from plugins.clinic.facts import us_time
from plugins.common.urls import resolve
from tests.conftest import CONTENT, read, site_pages
from tests.sites import VARIANT_CLINIC

SERVICES = [
    "services/physical-therapy-massage", "services/myofascial-release",
    "services/deep-tissue-massage", "services/trigger-point-therapy",
    "services/joint-mobilization",
]
CONDITIONS = [
    "conditions/chronic-back-pain", "conditions/neck-pain", "conditions/sports-injuries",
    "conditions/post-surgical-recovery", "conditions/arthritis", "conditions/muscle-strains",
    "conditions/chronic-pain",
]
STORIES = ["stories/maria", "stories/john"]
MEDICAL = ["services", *SERVICES, "conditions", *CONDITIONS, "who-we-help", "first-visit",
           "pt-vs-spa-massage", "faq"]
PAGES = [*MEDICAL, "about", "stories", *STORIES, "contact"]
SEED_QUESTIONS = [
    "Do physical therapists massage?",
    "Do physical therapists do massage therapy?",
    "Can a physical therapist do massage for relaxation?",
    "Do physical therapists give massages using the same techniques as spa therapists?",
    "Do physical therapists do deep tissue massage the same way spa therapists do?",
]


def soup(path):
    return BeautifulSoup(read(path), "html.parser")


def page_file(site, slug):
    return Path(site) / slug / "index.html"


def link_target(site, page, href):
    """Return the built file an href on page points to (None for other sites)."""
    site = Path(site).resolve()
    if urlsplit(href).scheme in {"tel", "mailto"}:
        return None
    page = Path(page).resolve().relative_to(site).as_posix()
    resolved = resolve(href, str(Path(page).parent.as_posix()), [])
    if resolved is None:
        return None
    path = site / (resolved.path or page)
    return path / "index.html" if resolved.folder or path.is_dir() else path


def internal_targets(site, page):
    """Return the built files an HTML page links to with <a href>."""
    targets = {link_target(site, page, a["href"]) for a in soup(page).find_all("a", href=True)}
    return targets - {None}


def links_to(site, page, slug):
    return page_file(site, slug).resolve() in internal_targets(site, page)


def source_metadata(path):
    """Read the metadata block of a Markdown file (keys lower-cased, as Pelican does)."""
    metadata = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        metadata[key.strip().lower()] = value.strip()
    return metadata


def sources_by_slug():
    return {source_metadata(p).get("slug"): p for p in (CONTENT / "pages").rglob("*.md")}


@pytest.mark.parametrize("slug", PAGES)
def test_every_page_is_built_at_its_url(dev_site, slug):
    doc = soup(page_file(dev_site, slug))
    assert "page" in doc.body["class"]
    assert doc.h1.get_text(strip=True)


def test_every_page_is_within_two_clicks_of_home(dev_site):
    site = Path(dev_site).resolve()
    home = site / "index.html"
    depth = {home: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        if depth[page] == 2:
            continue
        for target in internal_targets(site, page):
            if target.suffix == ".html" and target.is_file() and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    for slug in PAGES + ["articles/do-physical-therapists-massage"]:
        assert page_file(site, slug) in depth, f"{slug} is more than two clicks from home"


@pytest.mark.parametrize("slug", SERVICES)
def test_service_page_links_conditions_contact_and_articles(dev_site, slug):
    page = page_file(dev_site, slug)
    assert any(links_to(dev_site, page, condition) for condition in CONDITIONS)
    assert links_to(dev_site, page, "contact")
    assert links_to(dev_site, page, "articles/do-physical-therapists-massage")


@pytest.mark.parametrize("slug", CONDITIONS)
def test_condition_page_links_a_service(dev_site, slug):
    page = page_file(dev_site, slug)
    assert any(links_to(dev_site, page, service) for service in SERVICES)
    assert links_to(dev_site, page, "contact")


def test_condition_services_are_the_inverse_of_service_conditions(dev_site):
    arthritis = page_file(dev_site, "conditions/arthritis")
    related = soup(arthritis).select_one("#related-services").find_parent("section")
    titles = [a.get_text(strip=True) for a in related.select("a")]
    # Named by physical-therapy-massage.md and joint-mobilization.md, not by arthritis.md.
    assert titles == ["Physical therapy massage", "Joint mobilization with soft tissue techniques"]


@pytest.mark.parametrize("slug", ["services", "conditions"])
def test_index_page_lists_every_child(dev_site, slug):
    page = page_file(dev_site, slug)
    children = SERVICES if slug == "services" else CONDITIONS
    assert all(links_to(dev_site, page, child) for child in children)


@pytest.mark.parametrize("slug", [*SERVICES, *CONDITIONS, *STORIES])
def test_nested_pages_have_breadcrumbs_from_home(dev_site, slug):
    page = page_file(dev_site, slug)
    nav = soup(page).find("nav", attrs={"aria-label": "Breadcrumb"})
    links = nav.find_all("a")
    assert links[0].get_text(strip=True) == "Home"
    assert [a.get("aria-current") for a in links] == [None, None, "page"]
    section = slug.split("/")[0]
    assert link_target(dev_site, page, links[1]["href"]) == \
        page_file(dev_site, section).resolve()


@pytest.mark.parametrize(("slug", "label", "current"), [
    ("services", "Services", "page"),
    ("services/myofascial-release", "Services", "true"),
    ("conditions/neck-pain", "Conditions", "true"),
    ("stories/john", "Stories", "true"),
    ("faq", "FAQ", "page"),
    ("contact", "Contact", "page"),
])
def test_main_navigation_marks_the_current_section(dev_site, slug, label, current):
    nav = soup(page_file(dev_site, slug)).find("nav", attrs={"aria-label": "Main"})
    marked = [(a.get_text(strip=True), a["aria-current"]) for a in nav.select("a[aria-current]")]
    assert marked == [(label, current)]


def all_pages(site):
    return site_pages(site)


def test_every_page_has_a_tel_link_and_every_text_ends_with_the_booking_call_to_action(
        dev_site):
    tel = f"tel:{CLINIC['phone_e164']}"
    booking_page = page_file(dev_site, CLINIC["booking_url"].strip("/"))
    texts = 0
    for page in all_pages(dev_site):
        doc = soup(page)
        assert doc.find("a", href=tel), page  # the header's Call button
        assert not doc.select("header a.cta"), page  # the header has none: one per screen
        # Lists, the 404 and search pages, the booking page itself and the legal notices
        # (calm documents) have none.
        if doc.body["class"] not in (["article"], ["page"]) or page.name == "404.html" \
                or page == booking_page or doc.select_one("article.notice-document"):
            continue
        texts += 1
        cta = doc.select("main .booking-cta a.cta")
        assert [a.get_text(strip=True) for a in cta] == ["Book an appointment"], page
        following = cta[0].find_all_next(["p", "ul", "ol", "table"])
        assert len([tag for tag in following if tag.find_parent("main")]) < 12, page
    assert texts > 20


def contact_text(site):
    return soup(page_file(site, "contact")).select_one("main").get_text(" ", strip=True)


def test_contact_page_shows_the_clinic_facts_from_the_settings(dev_site):
    doc = soup(page_file(dev_site, "contact"))
    text = contact_text(dev_site)
    for fact in (CLINIC["street"], CLINIC["locality"], CLINIC["postal_code"], CLINIC["email"],
                 CLINIC["phone"], CLINIC["hours_note"]):
        assert fact in text, fact
    for label, _days, opens, closes in CLINIC["hours"]:
        assert f"{label}: {us_time(opens)}–{us_time(closes)}" in text
    main = doc.select_one("main")
    assert main.find("a", href=f"tel:{CLINIC['phone_e164']}")
    assert main.find("a", href=f"mailto:{CLINIC['email']}")
    assert main.find("a", href=CLINIC["map_url"]).get_text(strip=True)
    assert "do not send medical details by email" in text.lower()
    # No contact form (nothing sends patients' data anywhere); the header's search
    # box is the only form, and it stays on the site.
    assert [form["action"].rstrip("/").rsplit("/", 1)[-1] for form in doc.find_all("form")] \
        == ["search"]
    assert doc.find("iframe") is None
    assert doc.select(".disclaimer") == []


def test_changing_the_clinic_setting_changes_every_page(variant_dev_site):
    site, _ = variant_dev_site
    assert VARIANT_CLINIC["phone_e164"] == "+15550197777"
    text = contact_text(site)
    assert "Tuesday only: 7:30 a.m.–11:15 a.m." in text
    assert "7 Planted Street" in text
    for page in all_pages(site):
        html = read(page)
        assert 'href="tel:+15550197777"' in html, page
        for old in (CLINIC["street"], CLINIC["phone"], CLINIC["phone_e164"], CLINIC["email"]):
            assert old not in html, (page, old)


RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch",
                 "apple-touch-icon", "mask-icon"}


def external_resources(site, origin):
    """Yield (page, url) for every resource a page would fetch from another origin."""
    def foreign(url):
        url = url.strip()
        if url.startswith("//"):
            return True
        parts = urlsplit(url)
        if parts.scheme in {"data", ""}:
            return False
        return f"{parts.scheme}://{parts.netloc}" != origin

    for page in all_pages(site):
        doc = soup(page)
        for tag in doc.find_all(src=True):
            if foreign(tag["src"]):
                yield page, tag["src"]
        for tag in doc.find_all(srcset=True):
            for candidate in tag["srcset"].split(","):
                if candidate.strip() and foreign(candidate.split()[0]):
                    yield page, candidate
        for tag in doc.find_all("link", href=True):
            if RESOURCE_RELS & set(tag.get("rel", [])) and foreign(tag["href"]):
                yield page, tag["href"]
        for tag in doc.find_all(["iframe", "object", "embed"]):
            yield page, str(tag)[:80]
        for form in doc.find_all("form"):  # a form may only send to the site itself
            if foreign(form.get("action", "")):
                yield page, str(form)[:80]
        for style in [t.get_text() for t in doc.find_all("style")] + \
                     [t["style"] for t in doc.find_all(style=True)]:
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style):
                if foreign(url):
                    yield page, url
    for sheet in Path(site).rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", read(sheet)):
            if foreign(url):
                yield sheet, url
        if "@import" in read(sheet):
            yield sheet, "@import"


@pytest.mark.parametrize("site_name", ["dev_site", "prod_site"])
def test_no_page_requests_anything_from_another_origin(request, site_name):
    site = request.getfixturevalue(site_name)
    origin = "https://www.therarehab.example" if site_name == "prod_site" else "none://"
    assert list(external_resources(site, origin)) == []


def test_resource_check_finds_a_planted_third_party_request(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<link rel="stylesheet" href="https://cdn.example/x.css">'
                    '<img src="//tracker.example/p.gif" alt=""><iframe src="/map"></iframe>'
                    '<a href="https://maps.example/">a plain link is fine</a>')
    found = [url for _, url in external_resources(tmp_path, "none://")]
    # An embedded frame is refused wherever it points; a plain link is not a request.
    assert found == ["//tracker.example/p.gif", "https://cdn.example/x.css",
                     '<iframe src="/map"></iframe>']


def test_development_links_are_relative(dev_site):
    # Root-absolute links break when the site is opened from disk or a sub-folder. The
    # 404 page is the exception: the server shows it at any missing address, at any
    # depth, so its links start from the site root.
    for page in all_pages(dev_site):
        if page == dev_site / "404.html":
            assert soup(page).find("link", rel="stylesheet")["href"].startswith("/")
            continue
        for tag in soup(page).find_all(href=True):
            assert not tag["href"].startswith("/"), (page, tag["href"])


@pytest.mark.parametrize("slug", MEDICAL)
def test_medical_pages_carry_review_metadata(slug):
    metadata = source_metadata(sources_by_slug()[slug])
    assert metadata.get("medical") == "yes"
    assert metadata.get("reviewer") == "clinical-director"
    assert date.fromisoformat(metadata["reviewed"])


def test_faq_asks_the_seed_questions_as_headings_with_answers(dev_site):
    doc = soup(page_file(dev_site, "faq"))
    questions = {h.get_text(strip=True): h for h in doc.select("article h2")}
    for question in SEED_QUESTIONS:
        heading = questions[question]
        answer = heading.find_next_sibling()
        assert answer.name == "p" and len(answer.get_text(strip=True)) > 40, question


def test_comparison_page_has_an_accessible_table(dev_site):
    table = soup(page_file(dev_site, "pt-vs-spa-massage")).select_one("article table")
    assert table.caption.get_text(strip=True)
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 3
    rows = table.select("tbody tr")
    assert len(rows) >= 3 and all(row.th["scope"] == "row" for row in rows)


@pytest.mark.parametrize("slug", STORIES)
def test_story_has_authorization_data_and_shows_what_to_expect(dev_site, slug):
    metadata = source_metadata(sources_by_slug()[slug])
    assert metadata["patient"] in {"Maria", "John"}
    signed = date.fromisoformat(metadata["authorization_signed"])
    assert signed < date.fromisoformat(metadata["authorization_expires"])
    assert metadata["authorization_scope"] and metadata["insider"] == "no"
    expected = metadata["expected_results"]
    assert len(expected) > 80 and "not typical" not in expected.lower()
    text = soup(page_file(dev_site, slug)).select_one("main").get_text(" ", strip=True)
    assert expected.replace("'", "\u2019")[:60] in text.replace("'", "\u2019")
    assert "Individual results vary" in text
    assert "EXAMPLE TEXT: the patient's written authorization" in text.replace("\u2019", "'")


def test_stories_index_shows_each_story_with_its_expected_results(dev_site):
    doc = soup(page_file(dev_site, "stories"))
    cards = doc.select(".story-card")
    assert len(cards) == 2
    assert all(card.select_one(".story-notice") for card in cards)
    assert "Individual results vary" in doc.select_one("main").get_text(" ")


def test_first_visit_sends_practical_details_to_the_book_page(dev_site):
    doc = soup(page_file(dev_site, "first-visit"))
    assert doc.select(".example-note") == []  # the facts are the Book page's, from CLINIC
    assert any(link["href"].rstrip("/").endswith("book") for link in doc.main.find_all("a"))


def test_home_page_has_the_clinic_at_a_glance(dev_site):
    home = Path(dev_site) / "index.html"
    doc = soup(home)
    hero = doc.select_one(".hero")
    assert hero.select_one("a.cta").get_text(strip=True) == "Book an appointment"
    assert links_to(dev_site, home, "contact")
    for slug in [*SERVICES, "who-we-help", "stories/maria", "pt-vs-spa-massage", "faq"]:
        assert links_to(dev_site, home, slug), slug
    headings = [h.get_text(strip=True).replace("\u2019", "'") for h in doc.select("main h2")]
    order = ["Our services", "Who we help", "A patient's story", "Latest article",
             "Your rights as a patient"]
    assert [h for h in headings if h in order] == order  # the rights links below the rest
    # Each service and audience has its icon, drawn in currentColor and hidden from
    # screen readers; the logo is in the header.
    for section in ("home-services", "home-audiences"):
        cards = doc.find(id=section).find_parent("section").select(".card-list > li")
        assert cards and all(card.select_one("svg[aria-hidden=true][stroke=currentColor]")
                             for card in cards), section
    assert doc.select_one("header .site-name svg.logo")


