"""Urgent-care signposting on condition pages, as data: the NHS care-card pattern.

A condition page (``Template: condition``) lists, in its metadata, when to call
911 (``Call_911:``), when to call a doctor the same day (``Call_doctor:``) and
when to book a visit (``Book_visit:``), each a list separated by semicolons.
Once every file is read (signal ``all_generators_finalized``) each such page
gets ``page.care_cards``: a :class:`CareCard` per level, most urgent first,
which the theme component ``components/care_card`` shows (with a visually
hidden "Emergency:", "Urgent:" or "Non-urgent:" for screen readers). Writers
never write the cards' HTML. A card missing from a condition page is reported
by the source checks (``care-card-missing``, plugins/checks/sources.py).
"""

from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page

from plugins.common.contents import contents
from plugins.common.fields import list_items

# (metadata key, level, hidden prefix, heading): the NHS care-card levels.
LEVELS = (
    ("call_911", "emergency", "Emergency:", "Call 911 if"),
    ("call_doctor", "urgent", "Urgent:", "Call your doctor the same day if"),
    ("book_visit", "routine", "Non-urgent:", "Book a visit with us if"),
)


@dataclass(frozen=True)
class CareCard:
    level: str  # emergency, urgent, routine (the card's class and color)
    prefix: str  # read out before the heading by screen readers
    heading: str
    items: tuple


def care_cards(metadata):
    cards = []
    for key, level, prefix, heading in LEVELS:
        items = list_items(metadata.get(key, ""))
        if items:
            cards.append(CareCard(level, prefix, heading, tuple(items)))
    return cards


def attach_care_cards(generators):
    for content in contents(generators):
        if isinstance(content, Page):
            template = str(content.metadata.get("template", "")).strip().lower()
            content.care_cards = care_cards(content.metadata) if template == "condition" else []


def register():
    signals.all_generators_finalized.connect(attach_care_cards)
