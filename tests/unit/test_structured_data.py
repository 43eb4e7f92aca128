"""Unit tests of plugins/structured_data (and references) on a tiny site in a temp folder."""

import json
import re
import unittest

from bs4 import BeautifulSoup
from pelican import signals

from plugins.structured_data import structured_data
from tests.unit.tiny_site import SITEURL, TinySite

ARTICLE = """Title: Knee pain
Date: 2024-05-01
Category: Treatments
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


class TestScriptJson(unittest.TestCase):
    def test_nothing_can_close_the_script_block(self):
        value = "</script><script>alert(1)</script><!-- & \u2028\u2029 >"
        text = structured_data.script_json({"name": value})
        for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
            self.assertNotIn(unsafe, text)
        self.assertEqual(json.loads(text), {"name": value})

    def test_opening_hours_expand_day_ranges(self):
        hours = structured_data.opening_hours([("Weekdays", "Mo-We,Fr", "08:00", "18:00")])
        self.assertEqual(hours[0]["dayOfWeek"], ["Monday", "Tuesday", "Wednesday", "Friday"])
        self.assertEqual((hours[0]["opens"], hours[0]["closes"]), ("08:00", "18:00"))

    def test_canonical_path_drops_index_html(self):
        self.assertEqual(structured_data.canonical_path("a/b/index.html"), "a/b/")
        self.assertEqual(structured_data.canonical_path("index.html"), "")
        self.assertEqual(structured_data.canonical_path("404.html"), "404.html")


class TestStructuredDataSite(unittest.TestCase):
    def setUp(self):
        self.site = TinySite("structured-data-tests-")
        self.site.write("articles/knee.md", ARTICLE)
        self.site.write("pages/services/b.md", SERVICE.format(title="Dry needling", slug="b",
                                                              order=2))
        self.site.write("pages/services/a.md", SERVICE.format(title="Myofascial release",
                                                              slug="a", order=1))
        self.site.write("pages/services.md", "Title: Our services\nSlug: services\n\nAll.\n")
        self.site.write("pages/faq.md", FAQ)
        self.site.write("pages/neck.md", CONDITION)

    def tearDown(self):
        self.site.remove()

    def graph(self, path):
        blocks = json_ld_blocks(self.site.read(path))
        self.assertEqual(len(blocks), 1, path)
        return nodes_by_type(blocks[0])

    def test_clinic_lists_each_service_page_as_physical_therapy(self):
        self.site.build()
        clinic = self.graph("faq/index.html")["MedicalClinic"]
        self.assertEqual(clinic["url"], SITEURL + "/")
        self.assertEqual(clinic["logo"], SITEURL + "/images/logo.png")
        self.assertEqual(clinic["address"]["@type"], "PostalAddress")
        self.assertEqual(clinic["medicalSpecialty"], "Physiotherapy")
        self.assertEqual(clinic["openingHoursSpecification"][0]["dayOfWeek"][0], "Monday")
        services = clinic["availableService"]
        self.assertEqual([s["name"] for s in services], ["Myofascial release", "Dry needling"])
        self.assertEqual({s["@type"] for s in services}, {"PhysicalTherapy"})
        self.assertEqual(services[0]["url"], SITEURL + "/services/a/")

    def test_article_is_a_reviewed_medical_web_page(self):
        self.site.build()
        graph = self.graph("articles/knee-pain/index.html")
        page, article = graph["MedicalWebPage"], graph["Article"]
        self.assertEqual(page["mainEntity"], {"@id": article["@id"]})
        self.assertEqual(page["lastReviewed"], "2024-06-01")
        self.assertEqual(page["reviewedBy"]["name"], "Jordan Example")
        self.assertEqual(page["medicalAudience"], [
            {"@type": "MedicalAudience", "audienceType": "Patient"},
            {"@type": "MedicalAudience", "audienceType": "athletes"}])
        self.assertEqual(article["headline"], "Knee pain")
        self.assertEqual(article["description"], "About knees.")
        self.assertTrue(article["datePublished"].startswith("2024-05-01"))
        self.assertTrue(article["dateModified"].startswith("2024-05-01"))
        self.assertEqual(article["publisher"], {"@id": graph["MedicalClinic"]["@id"]})
        self.assertEqual(article["author"]["name"], "TheraRehab and Wellness clinical team")
        self.assertEqual([c["url"] for c in article["citation"]],
                         ["https://guidelines.example/knee", "https://journal.example/a?x=1&y=2"])

    def test_references_become_a_numbered_list_of_links(self):
        self.site.build()
        doc = BeautifulSoup(self.site.read("articles/knee-pain/index.html"), "html.parser")
        section = doc.select_one("section.references")
        self.assertEqual(section.h2.get_text(), "References")
        links = [a["href"] for a in section.select("ol > li > a")]
        self.assertEqual(links, ["https://guidelines.example/knee",
                                 "https://journal.example/a?x=1&y=2"])
        self.assertIsNone(section.find("ul"))

    def test_reference_without_link_is_reported(self):
        self.site.write("articles/knee.md", ARTICLE + "- A book without a link\n")
        with self.assertLogs("plugins.references.references", level="WARNING") as logs:
            self.site.build()
        self.assertIn("knee.md:15: the reference 'A book without a link' has no link",
                      "\n".join(logs.output))

    def test_faq_page_lists_each_question_and_answer(self):
        self.site.build()
        faq = self.graph("faq/index.html")["FAQPage"]
        questions = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
        self.assertEqual(questions, [
            ("Do I need a referral?",
             "No, you can book directly. More detail in a second paragraph."),
            ("What should I wear?", "Loose clothes."),
        ])
        self.assertEqual({q["@type"] for q in faq["mainEntity"]}, {"Question"})

    def test_service_and_condition_pages_carry_breadcrumbs_from_the_slug(self):
        self.site.build()
        trail = self.graph("services/a/index.html")["BreadcrumbList"]["itemListElement"]
        self.assertEqual([(i["position"], i["name"], i["item"]) for i in trail], [
            (1, "Home", SITEURL + "/"),
            (2, "Our services", SITEURL + "/services/"),
            (3, "Myofascial release", SITEURL + "/services/a/"),
        ])
        condition = self.graph("conditions/neck-pain/index.html")
        names = [i["name"] for i in condition["BreadcrumbList"]["itemListElement"]]
        self.assertEqual(names, ["Home", "Conditions", "Neck pain"])  # no conditions page
        self.assertEqual(condition["MedicalWebPage"]["lastReviewed"], "2024-06-01")

    def test_breadcrumbs_set_by_another_plugin_win(self):
        def add_breadcrumbs(generator):
            for page in generator.pages:
                if page.slug == "services/b":
                    page.breadcrumbs = [{"title": "Start", "url": ""},
                                        {"title": "Treatments", "url": "services/"},
                                        {"title": "Needling", "url": "services/b/"}]
        signals.page_generator_finalized.connect(add_breadcrumbs)
        try:
            self.site.build()
        finally:
            signals.page_generator_finalized.disconnect(add_breadcrumbs)
        trail = self.graph("services/b/index.html")["BreadcrumbList"]["itemListElement"]
        self.assertEqual([(i["name"], i["item"]) for i in trail], [
            ("Start", SITEURL + "/"), ("Treatments", SITEURL + "/services/"),
            ("Needling", SITEURL + "/services/b/")])

    def test_description_is_the_summary_else_the_first_paragraph(self):
        self.site.build()
        doc = BeautifulSoup(self.site.read("conditions/neck-pain/index.html"), "html.parser")
        description = doc.find("meta", attrs={"name": "description"})["content"]
        self.assertTrue(description.startswith("Neck pain has many causes."))
        self.assertLessEqual(len(description), 200)
        self.assertEqual(doc.find("meta", property="og:description")["content"], description)

    def test_head_has_canonical_open_graph_and_twitter_tags(self):
        self.site.build()
        doc = BeautifulSoup(self.site.read("services/a/index.html"), "html.parser")
        self.assertEqual(doc.find("link", rel="canonical")["href"], SITEURL + "/services/a/")
        self.assertEqual(doc.find("meta", property="og:url")["content"], SITEURL + "/services/a/")
        self.assertEqual(doc.find("meta", property="og:image")["content"],
                         SITEURL + "/images/social-default.png")
        self.assertEqual(doc.find("meta", attrs={"name": "twitter:card"})["content"],
                         "summary_large_image")
        self.assertEqual(doc.html["lang"], "en")

    def test_noindex_and_hidden_pages_stay_out_of_the_sitemap(self):
        self.site.write("pages/thanks.md", "Title: Thanks\nRobots: noindex\n\nThanks.\n")
        self.site.write("pages/secret.md", "Title: Secret\nStatus: hidden\n\nHidden.\n")
        self.site.build()
        sitemap = self.site.read("sitemap.xml")
        locations = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
        self.assertIn(SITEURL + "/services/a/", locations)
        self.assertNotIn(SITEURL + "/thanks/", locations)
        self.assertNotIn(SITEURL + "/secret/", locations)
        for path in ("thanks/index.html", "secret/index.html"):
            doc = BeautifulSoup(self.site.read(path), "html.parser")
            self.assertEqual(doc.find("meta", attrs={"name": "robots"})["content"], "noindex")

    def test_listing_pages_carry_the_clinic_only(self):
        self.site.build()
        graph = self.graph("articles/index.html")
        self.assertEqual(set(graph), {"MedicalClinic", "WebSite"})
