"""plugins/clinic/disclaimer.py: the clinic's disclaimer on every article and page, once."""

import json

import pytest

from plugins.clinic import disclaimer
from tests.unit.tiny_site import ROOT, TinySite

ARTICLE = """Title: Knee pain
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Reviewer: clinical-director
Reviewed: 2024-06-01
Summary: About knees.

Knees carry us.
"""
PAGE = """Title: About

We are a clinic.
"""
OPTED_OUT = """Title: Contact
Disclaimer: no
Summary: Reach us.

Call us.
"""
FAQ = """Title: FAQ
Slug: faq

## Do you massage?

Yes, as treatment.
"""
TEXT = "Not medical advice.\n\nAsk your doctor."


@pytest.fixture(scope="module")
def built():
    site = TinySite("disclaimer-tests-")
    site.write("articles/knee.md", ARTICLE)
    site.write("pages/about.md", PAGE)
    site.write("pages/contact.md", OPTED_OUT)
    site.write("pages/faq.md", FAQ)
    result = site.build(DISCLAIMER={"text": TEXT}, FEED_ALL_ATOM="feeds/all.atom.xml")
    assert not result.failed, result.messages()
    yield result
    site.remove()


def test_article_and_page_carry_it_once(built):
    for name in ("articles/knee-pain/index.html", "about/index.html"):
        html = built.read(name)
        assert html.count('class="disclaimer"') == 1, name
        assert '<h2 id="disclaimer-heading">Medical disclaimer</h2>' in html
        assert "<p>Not medical advice.</p><p>Ask your doctor.</p>" in html


def test_page_can_opt_out(built):
    assert 'class="disclaimer"' not in built.read("contact/index.html")


def test_feed_entry_carries_it(built):
    assert "Ask your doctor." in built.read("feeds/all.atom.xml")


def test_data_read_from_the_writers_text_leaves_it_out(built):
    # structured data reads the writer's text before the disclaimer is added
    html = built.read("about/index.html")
    assert 'name="description" content="We are a clinic."' in html
    graph = json.loads(built.read("faq/index.html").split(
        '<script type="application/ld+json">')[1].split("</script>")[0])
    faq = next(node for node in graph["@graph"] if node["@type"] == "FAQPage")
    answers = [entry["acceptedAnswer"]["text"] for entry in faq["mainEntity"]]
    assert answers == ["Yes, as treatment."]


def test_its_markup_comes_from_its_theme_component():
    settings = {"THEME": str(ROOT / "theme"), "JINJA_ENVIRONMENT": {"autoescape": True},
                "DISCLAIMER": {"heading": "Read this", "text": "a & <b>\n\nsecond"}}
    html = disclaimer.markup(settings)
    assert html.startswith('<aside class="disclaimer" aria-labelledby="disclaimer-heading"')
    assert "data-pagefind-ignore" in html  # the search index leaves it out
    assert '<h2 id="disclaimer-heading">Read this</h2>' in html
    assert "<p>a &amp; &lt;b&gt;</p><p>second</p>" in html  # the setting is text, escaped


def test_an_empty_text_is_a_problem():
    site = TinySite("disclaimer-tests-")
    try:
        site.write("pages/about.md", PAGE)
        built = site.build(DISCLAIMER={"text": ""})
        assert built.failed
        assert built.messages("disclaimer") == [
            "the DISCLAIMER setting has no text — put the clinic's disclaimer in DISCLAIMER in"
            " pelicanconf.py [disclaimer]"]
    finally:
        site.remove()


# The clinic's legal text as the client gave it (copied here: tests never read the
# client's files). The site must print these words, unchanged.
CLINIC_DISCLAIMER = (
    "The information provided in this blog is for educational and informational purposes"
    " only and is not intended as a substitute for advice from your physician or other"
    " healthcare professional. You should not use the information on this site for"
    " diagnosis or treatment of any health problem or for prescription of any medication"
    " or other treatment. Always consult with a healthcare professional before starting"
    " any new treatment or if you have or suspect you might have a health problem. Please"
    " consult your healthcare provider with any questions or concerns you may have"
    " regarding your condition."
)


def test_the_setting_holds_the_clinics_words():
    from pelicanconf import DISCLAIMER

    assert DISCLAIMER["text"] == CLINIC_DISCLAIMER
    assert DISCLAIMER["heading"] == "Medical disclaimer"


def test_every_page_prints_the_clinics_words_under_its_heading(dev_site):
    from bs4 import BeautifulSoup

    page = (dev_site / "articles/do-physical-therapists-massage/index.html").read_text("utf-8")
    aside = BeautifulSoup(page, "html.parser").select_one("aside.disclaimer")
    assert aside.h2.get_text() == "Medical disclaimer"
    assert [p.get_text() for p in aside.select("p")] == [CLINIC_DISCLAIMER]
