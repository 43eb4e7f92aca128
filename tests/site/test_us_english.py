"""US English in everything visitors see: spelling, times, dates, "call us at", phone numbers."""

import re

from bs4 import BeautifulSoup
import pytest

from tests.conftest import read, site_pages

# British spellings a US clinic's pages must not show (and their stems).
BRITISH = [
    "specialis", "personalis", "mobilis", "organis", "recognis", "minimis", "optimis",
    "stabilis", "colour", "favour", "behaviour", "centre", "programme", "licence",
    "paediatric", "orthopaedic", "neighbour", "labelled", "call us on", "enquir",
]
TWENTY_FOUR_HOUR = re.compile(r"\b(?:[01]\d|2[0-3]):[0-5]\d\b")
DAY_FIRST = re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August"
                       r"|September|October|November|December) \d{4}\b")
US_DATE = re.compile(r"^(?:January|February|March|April|May|June|July|August|September"
                     r"|October|November|December) \d{1,2}, \d{4}$")


def visible_text(page):
    soup = BeautifulSoup(read(page), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return soup.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def texts(dev_site):
    return {page.relative_to(dev_site).as_posix(): visible_text(page)
            for page in site_pages(dev_site)}


def test_no_british_spelling_on_any_page(texts):
    for page, text in texts.items():
        lowered = text.lower()
        for word in BRITISH:
            assert word not in lowered, (page, word)


def test_times_are_12_hour_and_dates_us(texts, dev_site):
    for page, text in texts.items():
        assert not TWENTY_FOUR_HOUR.search(text), (page, TWENTY_FOUR_HOUR.search(text))
        assert not DAY_FIRST.search(text), (page, DAY_FIRST.search(text))
    assert "Monday to Friday: 8:00 a.m.–6:00 p.m." in texts["contact/index.html"]
    article = BeautifulSoup(read(dev_site / "articles/do-physical-therapists-massage/index.html"),
                            "html.parser")
    shown = [time.get_text(strip=True) for time in article.select("time")]
    assert shown and all(US_DATE.match(text) for text in shown), shown
    # Machines read ISO dates: the datetime attribute and the JSON-LD stay ISO.
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}", t["datetime"]) for t in article.select("time"))


def test_structured_data_keeps_24_hour_iso_times(dev_site):
    page = read(dev_site / "contact/index.html")
    assert '"opens":"08:00"' in page and '"closes":"18:00"' in page


def test_phone_numbers_never_break(dev_site):
    css = read(dev_site / "theme/css/site.css")
    assert re.search(r'a\[href\^="?tel:"?\]\s*\{\s*white-space:\s*nowrap', css)


def test_hours_follow_the_setting(variant_dev_site):
    site, _ = variant_dev_site
    assert "Tuesday only: 7:30 a.m.–11:15 a.m." in visible_text(site / "contact/index.html")
