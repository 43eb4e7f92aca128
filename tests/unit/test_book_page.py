"""The Book page: the clinic's own scheduling system, when it has one, is a plain link."""

from bs4 import BeautifulSoup

from tests.unit.tiny_site import ROOT, TinySite


def test_the_clinics_own_scheduling_system_is_a_plain_link():
    site = TinySite("book-tests-")
    site.write("pages/book.md", (ROOT / "content/pages/book.md").read_text(encoding="utf-8")
               .split("\n\n[Read more")[0] + "\n")
    built = site.build(BOOKING_URL="https://schedule.clinic.example/book")
    assert not built.failed, built.messages()
    soup = BeautifulSoup(built.read("book/index.html"), "html.parser")
    link = soup.find("a", href="https://schedule.clinic.example/book")
    assert link is not None and link.get_text() == "our scheduling system"
    assert not soup.find(["script", "iframe"], src=True)
    site.remove()
