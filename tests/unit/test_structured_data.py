"""plugins/clinic/structured_data.py (and references) on a tiny site built in-process."""

import json
import re

from bs4 import BeautifulSoup
import pytest

from plugins.clinic import structured_data
from plugins.common.urls import canonical_path
from tests.unit.tiny_site import SITEURL, TinySite

ARTICLE = """Title: Knee pain
Date: 2024-05-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: 2024-06-01
Audience: Patient, athletes
Summary: About *knees*.

Knees carry us.

## References

- [Knee guideline](https://guidelines.example/knee), 2021.
- [Another source](https://journal.example/a?x=1&y=2)
"""
SERVICE = """Title: {title}
Slug: services/{slug}
Order: {order}
Summary: {title} at the clinic.

About {title}.
"""
FAQ = """Title: Questions
Slug: faq

## Do I need a referral?

No, you can book directly.

More detail in a <em>second</em> paragraph.

## What should I wear?

Loose clothes.

## References

- [Clinic guide](https://guide.example/)
"""
CONDITION = """Title: Neck pain
Slug: conditions/neck-pain
Medical: yes
Reviewer: clinical-director
Reviewed: 2024-06-01

Neck pain has many causes. This first paragraph becomes the description when there is no summary.
"""


def json_ld_blocks(html):
    doc = BeautifulSoup(html, "html.parser")
    return [json.loads(tag.string) for tag in doc.find_all("script", type="application/ld+json")]


def nodes_by_type(graph):
    found = {}
    for node in graph["@graph"]:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        for kind in types:
            found[kind] = node
    return found


def test_nothing_can_close_the_script_block():
    value = "</script><script>alert(1)</script><!-- & \u2028\u2029 >"
    text = structured_data.script_json({"name": value})
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    assert json.loads(text) == {"name": value}


def test_opening_hours_expand_day_ranges():
    hours = structured_data.opening_hours([("Weekdays", "Mo-We,Fr", "08:00", "18:00")])
    assert hours[0]["dayOfWeek"] == ["Monday", "Tuesday", "Wednesday", "Friday"]
    assert (hours[0]["opens"], hours[0]["closes"]) == ("08:00", "18:00")


def test_canonical_path_drops_index_html():
    assert canonical_path("a/b/index.html") == "a/b/"
    assert canonical_path("index.html") == ""
    assert canonical_path("404.html") == "404.html"


@pytest.fixture(scope="module")
def site():
    tiny = TinySite("structured-data-tests-")
    tiny.write("articles/knee.md", ARTICLE)
    tiny.write("pages/services/b.md", SERVICE.format(title="Dry needling", slug="b", order=2))
    tiny.write("pages/services/a.md", SERVICE.format(title="Myofascial release", slug="a",
                                                     order=1))
    tiny.write("pages/services.md", "Title: Our services\nSlug: services\nNav_title: "
               "Treatments\n\nAll.\n")
    tiny.write("pages/faq.md", FAQ)
    tiny.write("pages/neck.md", CONDITION)
    tiny.write("pages/home.md", "Title: Welcome\nSlug: home\nNav_title: Home\nSave_as: "
               "index.html\nURL:\nTemplate: home\n\nHello.\n")
    tiny.write("pages/thanks.md", "Title: Thanks\nRobots: noindex\n\nThanks.\n")
    tiny.write("pages/secret.md", "Title: Secret\nStatus: hidden\n\nHidden.\n")
    built = tiny.build(OUTPUT_PIPELINE=["output.sitemap", "checks.report"])
    assert not built.failed, built.messages()
    yield built
    tiny.remove()


def graph(site, path):
    blocks = json_ld_blocks(site.read(path))
    assert len(blocks) == 1, path
    return nodes_by_type(blocks[0])


def test_clinic_lists_each_service_page_as_physical_therapy(site):
    clinic = graph(site, "faq/index.html")["MedicalClinic"]
    assert clinic["url"] == SITEURL + "/"
    assert clinic["logo"] == SITEURL + "/images/logo.png"
    assert clinic["address"]["@type"] == "PostalAddress"
    assert clinic["medicalSpecialty"] == "Physiotherapy"
    assert clinic["openingHoursSpecification"][0]["dayOfWeek"][0] == "Monday"
    services = clinic["availableService"]
    assert [s["name"] for s in services] == ["Myofascial release", "Dry needling"]
    assert {s["@type"] for s in services} == {"PhysicalTherapy"}
    assert services[0]["url"] == SITEURL + "/services/a/"


def test_article_is_a_reviewed_medical_web_page(site):
    found = graph(site, "articles/knee-pain/index.html")
    page, article = found["MedicalWebPage"], found["Article"]
    assert page["mainEntity"] == {"@id": article["@id"]}
    assert page["lastReviewed"] == "2024-06-01"
    assert page["reviewedBy"]["name"] == "Jordan Example"
    assert page["medicalAudience"] == [
        {"@type": "MedicalAudience", "audienceType": "Patient"},
        {"@type": "MedicalAudience", "audienceType": "athletes"}]
    assert article["headline"] == "Knee pain"
    assert article["description"] == "About knees."
    assert article["datePublished"].startswith("2024-05-01")
    assert article["dateModified"].startswith("2024-05-01")
    assert article["publisher"] == {"@id": found["MedicalClinic"]["@id"]}
    assert article["author"]["name"] == "TheraRehab and Wellness clinical team"
    assert [c["url"] for c in article["citation"]] == [
        "https://guidelines.example/knee", "https://journal.example/a?x=1&y=2"]


def test_references_become_a_numbered_list_of_links(site):
    doc = BeautifulSoup(site.read("articles/knee-pain/index.html"), "html.parser")
    [section] = doc.select("section.references")
    assert section.h2.get_text() == "References"
    links = [a["href"] for a in section.select("ol > li > a")]
    assert links == ["https://guidelines.example/knee", "https://journal.example/a?x=1&y=2"]
    assert section.find("ul") is None
    # Taken out of the text: said once, after it.
    assert doc.select("article ul") == []


def test_reference_without_link_is_reported():
    tiny = TinySite("structured-data-tests-")
    try:
        path = tiny.write("articles/knee.md", ARTICLE + "- A book without a link\n")
        [problem] = tiny.build().messages("references")
        assert problem.startswith(f"{path}:16: the reference 'A book without a link' has no"
                                  " link")
    finally:
        tiny.remove()


def test_faq_page_lists_each_question_and_answer(site):
    faq = graph(site, "faq/index.html")["FAQPage"]
    questions = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
    assert questions == [
        ("Do I need a referral?", "No, you can book directly. More detail in a second paragraph."),
        ("What should I wear?", "Loose clothes."),
    ]
    assert {q["@type"] for q in faq["mainEntity"]} == {"Question"}


def test_service_and_condition_pages_carry_the_page_s_breadcrumbs(site):
    # The trail is the page's own (plugins/clinic/cross_links.py), with its Nav_title.
    trail = graph(site, "services/a/index.html")["BreadcrumbList"]["itemListElement"]
    assert [(i["position"], i["name"], i["item"]) for i in trail] == [
        (1, "Home", SITEURL + "/"),
        (2, "Treatments", SITEURL + "/services/"),
        (3, "Myofascial release", SITEURL + "/services/a/"),
    ]
    visible = BeautifulSoup(site.read("services/a/index.html"), "html.parser").select(
        "nav.breadcrumbs a")
    assert [a.get_text() for a in visible] == ["Home", "Treatments", "Myofascial release"]
    condition = graph(site, "conditions/neck-pain/index.html")
    names = [i["name"] for i in condition["BreadcrumbList"]["itemListElement"]]
    assert names == ["Home", "Neck pain"]  # no conditions page: the trail skips it
    assert condition["MedicalWebPage"]["lastReviewed"] == "2024-06-01"


def test_description_is_the_summary_else_the_first_paragraph(site):
    doc = BeautifulSoup(site.read("conditions/neck-pain/index.html"), "html.parser")
    description = doc.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Neck pain has many causes.")
    assert len(description) <= 200
    assert doc.find("meta", property="og:description")["content"] == description


def test_head_has_canonical_open_graph_and_twitter_tags(site):
    doc = BeautifulSoup(site.read("services/a/index.html"), "html.parser")
    assert doc.find("link", rel="canonical")["href"] == SITEURL + "/services/a/"
    assert doc.find("meta", property="og:url")["content"] == SITEURL + "/services/a/"
    assert doc.find("meta", property="og:image")["content"] == (
        SITEURL + "/images/social-default.png")
    assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert doc.html["lang"] == "en"


def test_noindex_and_hidden_pages_stay_out_of_the_sitemap(site):
    locations = set(re.findall(r"<loc>([^<]*)</loc>", site.read("sitemap.xml")))
    assert SITEURL + "/services/a/" in locations
    assert SITEURL + "/thanks/" not in locations
    assert SITEURL + "/secret/" not in locations
    for path in ("thanks/index.html", "secret/index.html"):
        doc = BeautifulSoup(site.read(path), "html.parser")
        assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_listing_pages_carry_the_clinic_only(site):
    assert set(graph(site, "articles/index.html")) == {"MedicalClinic", "WebSite"}
