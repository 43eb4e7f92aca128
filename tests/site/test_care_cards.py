"""Every condition page shows the NHS care cards, with prefixes for screen readers."""

from bs4 import BeautifulSoup

from scripts.build import CONTENT
from tests.conftest import read

PREFIXES = ["Emergency:", "Urgent:", "Non-urgent:"]
HEADINGS = ["Call 911 if:", "Call your doctor the same day if:", "Book a visit with us if:"]


def condition_pages():
    found = []
    for source in sorted((CONTENT / "pages" / "conditions").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        if "\nTemplate: condition\n" in text:
            slug = next(line.split(":", 1)[1].strip() for line in text.splitlines()
                        if line.startswith("Slug:"))
            found.append(slug)
    return found


def test_every_condition_page_has_three_care_cards(dev_site):
    slugs = condition_pages()
    assert len(slugs) == 7
    for slug in slugs:
        soup = BeautifulSoup(read(dev_site / slug / "index.html"), "html.parser")
        cards = soup.select("main .care-cards .care-card")
        assert len(cards) == 3, slug
        for card, prefix, heading in zip(cards, PREFIXES, HEADINGS, strict=True):
            hidden = card.select_one("h2 .visually-hidden")
            assert hidden is not None and hidden.get_text(strip=True) == prefix, slug
            assert card.h2.get_text(" ", strip=True) == f"{prefix} {heading}", slug
            assert len(card.select("li")) >= 2, slug
        # Before the text: urgent advice does not wait below the article.
        assert str(soup.main).index("care-cards") < str(soup.main).index("How we can help")


def test_the_pages_writers_give_their_cards_as_metadata_not_html():
    for source in (CONTENT / "pages" / "conditions").glob("*.md"):
        assert "care-card" not in source.read_text(encoding="utf-8"), source
