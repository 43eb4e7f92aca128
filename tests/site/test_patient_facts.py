"""What patients look for, from the settings once: the Book page and the contact page."""

from bs4 import BeautifulSoup

from pelicanconf import CLINIC
from tests.conftest import read, site_pages


def main_of(page):
    return BeautifulSoup(read(page), "html.parser").main


def test_book_page_says_how_to_book_what_to_bring_and_what_it_costs(dev_site):
    main = main_of(dev_site / "book/index.html")
    text = main.get_text(" ", strip=True)
    assert main.find("a", href=f"tel:{CLINIC['phone_e164']}")
    assert "Monday to Friday: 8:00 a.m.–6:00 p.m." in text
    for fact in (*CLINIC["bring"], CLINIC["first_visit_length"], CLINIC["medicare"],
                 CLINIC["self_pay"], CLINIC["referral"], CLINIC["parking"],
                 CLINIC["step_free_access"]):
        assert fact in text, fact
    for heading in ("How to book", "What to bring", "How long your first visit takes",
                    "What happens next", "Insurance and cost", "Getting here"):
        assert main.find(["h2", "h3"], string=heading), heading
    # No online booking system is configured: no link to one, and no script at all.
    assert "scheduling system" not in text
    assert not BeautifulSoup(read(dev_site / "book/index.html"), "html.parser").find(
        "script", src=True)
    # The Book page does not send visitors to itself.
    assert not main.select(".booking-cta")


def test_every_book_call_to_action_leads_to_the_book_page(dev_site):
    links = 0
    for page in site_pages(dev_site):
        soup = BeautifulSoup(read(page), "html.parser")
        for link in soup.find_all("a", string=lambda s: s and "Book an appointment" in s):
            links += 1
            assert link["href"].rstrip("/").endswith("book"), (page, link["href"])
    assert links > 20


def test_contact_page_has_the_fax_hours_with_holidays_and_how_to_get_here(dev_site):
    text = main_of(dev_site / "contact/index.html").get_text(" ", strip=True)
    for fact in (CLINIC["fax"], CLINIC["directions"], CLINIC["parking"],
                 CLINIC["step_free_access"], *CLINIC["holidays"]):
        assert fact in text, fact
    assert "Fax for referring doctors" in text

