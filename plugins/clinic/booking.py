"""The booking call to action, as data: where to book, and which pages show it.

Once every file is read (signal ``all_generators_finalized``) every page and
article gets ``booking``: a :class:`Booking` (the booking address, the phone number to
call) that the theme component ``components/booking_cta`` shows after the
page's text, or ``None`` on the page where bookings are made
(``CLINIC["booking_url"]``), which does not send visitors to itself.

Settings: ``CLINIC``: ``booking_url`` (from the site root), ``phone``,
``phone_e164``.
"""

from dataclasses import dataclass

from pelican import signals
from pelican.contents import Article, Page

from plugins.common.contents import contents


@dataclass(frozen=True)
class Booking:
    url: str  # from the site root
    phone: str
    phone_e164: str


def add_booking(generators):
    generators = list(generators)
    if not generators:
        return
    clinic = generators[0].settings.get("CLINIC") or {}
    url = str(clinic.get("booking_url", "")).lstrip("/")
    booking = Booking(url, clinic.get("phone", ""), clinic.get("phone_e164", ""))
    for content in contents(generators):
        if isinstance(content, (Article, Page)):
            content.booking = None if content.url.lstrip("/") == url else booking


def register():
    signals.all_generators_finalized.connect(add_booking)
