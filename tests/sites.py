"""The sites the tests build: the real content, and copies of it with files planted in them.

Building the real site takes a second or two, so the suite builds each variant
once per session (fixtures in ``tests/conftest.py``) and every test reads the
one it needs:

- the real content, with the development and the production settings;
- ``PLANTED``: the real content plus valid files that show every feature and
  every trap that must stay harmless (drafts, a future article, a hostile
  title, a noindex page, an insider story, an article with a photo, the files
  ``invoke new`` writes, a language removed from the data file);
- ``MISTAKES``: the real content plus one writer's mistake per file (and a few
  edits of real files), so one failing build must list every one of them.
"""

import copy
from datetime import date
import itertools
import re

from pelicanconf import CLINIC
from plugins.clinic.review import words_fingerprint

REVIEWED = date.today().isoformat()  # never overdue
AUTHOR = "TheraRehab and Wellness clinical team"
PAYLOAD = "</script><script>alert(1)</script>"
DRAFT_WORD = "narwhalfish"
SMALL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001d5a3c4a30000000049454e44ae426082"
)
ARTICLE_FIELDS = {
    "Date": "2024-07-01",
    "Category": "Treatments",
    "Author": AUTHOR,
    "Reviewer": "clinical-director",
    "Reviewed": REVIEWED,
    "Summary": "A test.",  # last: some mistakes edit the end of the metadata block
}


_articles = itertools.count(1)


def signed_off(merged, body):
    """The fields with Reviewed_text after Reviewed: the fingerprint of the text reviewed."""
    if not (merged.get("Reviewer") and merged.get("Reviewed")) or "Reviewed_text" in merged:
        return merged
    fingerprint = words_fingerprint(merged.get("Title"), merged.get("Summary"), body)
    signed = {}
    for key, value in merged.items():
        signed[key] = value
        if key == "Reviewed":
            signed["Reviewed_text"] = fingerprint
    return signed


def article(body="Some text.\n", **fields):
    """An article's source: the required fields (None removes one), then the body; each
    with a title (and so an address) of its own unless told."""
    merged = {"Title": f"A test article {next(_articles)}", **ARTICLE_FIELDS, **fields}
    merged = signed_off({key: value for key, value in merged.items() if value is not None},
                        body)
    header = "".join(f"{key}: {value}\n" for key, value in merged.items() if value is not None)
    return f"{header}\n{body}"


_pages = itertools.count(1)


def medical_page(**fields):
    number = next(_pages)
    merged = {"Title": f"Neck pain {number}", "Slug": f"neck-pain-test-{number}",
              "Medical": "yes",
              "Reviewer": "clinical-director", "Reviewed": REVIEWED, **fields}
    body = "About neck pain.\n"
    merged = signed_off({key: value for key, value in merged.items() if value is not None},
                        body)
    header = "".join(f"{key}: {value}\n" for key, value in merged.items())
    return f"{header}\n{body}"


STORY = """Title: A planted story
Slug: stories/{slug}
Patient: Planted
Authorization_signed: 2025-01-01
Authorization_expires: 2099-01-01
Authorization_scope: First name and story, on this website only.
Expected_results: Most patients with this problem feel less pain after about six weekly sessions.
Insider: yes

The planted story.
"""


def story(slug, change=None):
    text = STORY.format(slug=slug)
    return text.replace(*change) if change else text


# --- Valid files ----------------------------------------------------------------------

PLANTED = {
    # A plain page and a second article with a photo below the fold (browser tests).
    "pages/planted-plain-page.md": """Title: Planted plain page
Slug: planted-plain-page
Summary: A plain page planted by the tests.

A plain page, rendered with the page template.

## A section

Some text with a [link to the articles](../articles/).
""",
    "articles/planted-knee-article.md": f"""Title: Planted knee article
Date: 2024-07-01 09:00
Category: Treatments
Tags: massage, knee pain
Slug: planted-knee-article
Author: {AUTHOR}
Reviewer: clinical-director
Reviewed: {REVIEWED}
Summary: A second article planted by the tests, with an image below the fold.

The opening paragraph of the planted article.

## A section with a photo

![A planted test picture]({{static}}/images/planted-photo.png)

Text after the picture.
""",
    # Drafts and a future article: shown with a banner in development, nowhere in production.
    "articles/planted-draft.md": f"""Title: Planted draft
Date: 2024-07-02 09:00
Category: Treatments
Status: draft
Slug: planted-draft
Author: {AUTHOR}
Summary: A draft that search must not find.

The word {DRAFT_WORD} appears only in this draft.
""",
    "articles/unfinished.md": article("Draft text zebra.\n", Title="Unfinished draft zebra",
                                      Status="draft", Summary="Not ready."),
    "articles/future.md": article("Text of Future zebra.\n", Title="Future zebra",
                                  Date="2099-01-01", Summary="Future zebra."),
    "articles/draft.md": article("Text of Draft okapi.\n", Title="Draft okapi",
                                 Date="2024-01-01", Status="draft", Summary="Draft okapi."),
    "pages/draft-page.md": "Title: Draft page gnu\nStatus: draft\n\nText of Draft page gnu.\n",
    # A hostile title and summary: text everywhere, never markup.
    "articles/hostile.md": article("Body text of the hostile article.\n",
                                   Title=f"{PAYLOAD} <!-- x", Slug="hostile",
                                   Summary=f"Summary {PAYLOAD} here."),
    # Built, but kept out of search engines and the sitemap.
    "pages/thanks.md": "Title: Thank you\nSlug: thanks\nRobots: noindex\nSummary: Thanks.\n\n"
                       "Thanks.\n",
    # A lawful story by a member of staff.
    "pages/stories/planted-story.md": story("planted-story"),
    # Everything the checks allow, in one article and one medical page.
    "articles/fine.md": article(
        "## Section\n\n### Sub-section\n\n![A knee]({static}/images/tiny.png)\n\n"
        "[Hours]({filename}/pages/contact.md) and [down](#section-two).\n\n"
        "## Section two\n\n[Study](https://example.org/).\n\n"
        "```\n# not a heading\n```\n",
        Title="Fine article", Modified="2024-07-02 10:30", Tags="knees, running"),
    "pages/medical.md": medical_page(Next_review=f"{date.today().year + 1}-06-01"),
}


def sign_off(text):
    """A source with Reviewed_text: after its Reviewed: line, as `invoke reviewed` writes it."""
    header, body = text.split("\n\n", 1)
    merged = dict(line.split(": ", 1) for line in header.splitlines())
    return "".join(f"{key}: {value}\n" for key, value in signed_off(merged, body).items()) + (
        f"\n{body}")


PLANTED["articles/planted-knee-article.md"] = sign_off(
    PLANTED["articles/planted-knee-article.md"])
PLANTED_BINARY = {"images/tiny.png": SMALL_PNG}
# The language that the planted copy of the language data leaves out.
REMOVED_LANGUAGE = "pl"
# invoke new, as a writer would run it: (kind, title).
NEW_FILES = [("article", "Knee pain after running"), ("page", "Our team")]


# --- Mistakes ---------------------------------------------------------------------------
# (check name, file under content/, text or bytes, text on the reported line or None)
MISTAKES = [
    ("not-utf8", "articles/latin1.md",
     article("Line one.\n\nCaf\xe9 au lait.\n").encode("latin-1"), "au lait"),
    ("empty-file", "articles/empty.md", "", None),
    ("metadata-not-closed", "articles/no-blank-line.md",
     article().replace("Summary: A test.\n\n", "Summary: A test.\nThe text starts here.\n"),
     "The text starts here"),
    ("metadata-not-closed", "articles/space-in-key.md",
     article().replace("Summary: A test.\n", "Summary: A test.\nNext review: 2025-01-01\n"),
     "Next review"),
    ("metadata-not-closed", "articles/unclosed-fence.md", "---\n" + article(), "---"),
    ("missing-metadata", "articles/no-summary.md", article(Summary=None), "Title:"),
    ("missing-metadata", "articles/no-date.md", article(Date=None), "Title:"),
    ("missing-metadata", "articles/empty-title.md", article(Title=""), "Title:"),
    ("missing-metadata", "pages/no-reviewer.md", medical_page(Reviewer=None), "Title:"),
    ("unknown-metadata-key", "articles/typo.md", article(Sumary="typo"), "Sumary:"),
    ("unknown-metadata-key", "articles/catgory.md",
     article(Category=None, Catgory="Treatments"), "Catgory:"),
    ("invalid-date", "articles/bad-date.md", article(Date="June 1, 2024"), "Date:"),
    ("invalid-date", "articles/bad-modified.md", article(Modified="2024-13-01"), "Modified:"),
    ("invalid-date", "pages/bad-review-date.md", medical_page(Reviewed="2024-02-30"),
     "Reviewed:"),
    ("unknown-category", "articles/category.md", article(Category="Treatmnts"), "Category:"),
    ("unknown-author", "articles/author.md", article(Author="Dr Nobody"), "Author:"),
    ("second-top-level-heading", "articles/two-h1.md",
     article("Intro.\n\n# Another title\n\nText.\n"), "# Another title"),
    ("heading-skips-level", "articles/skip.md",
     article("## Section\n\n#### Too deep\n\nText.\n"), "#### Too deep"),
    ("todo-left", "articles/todo.md", article("TODO: finish this.\n"), "TODO"),
    ("broken-intrasite-link", "articles/link.md",
     article("Intro.\n\nSee [the photo]({static}/images/missing.jpg).\n"), "missing.jpg"),
    ("broken-intrasite-link", "articles/broken-link.md",
     article("Read [this]({filename}does-not-exist.md).\n"), "does-not-exist.md"),
    ("missing-anchor", "articles/anchor.md",
     article("Intro.\n\nSee [hours]({filename}/pages/contact.md#no-such-heading).\n"),
     "no-such-heading"),
    ("missing-anchor", "articles/own-anchor.md",
     article("## Real heading\n\nJump [down](#not-here).\n"), "#not-here"),
    ("broken-link", "articles/raw-link.md",
     article("Intro.\n\nSee [our team](../no-such-page/).\n"), "no-such-page"),
    ("image-without-alt", "articles/alt.md",
     article("Intro.\n\n![]({static}/images/tiny.png)\n"), "tiny.png"),
    ("image-too-large", "images/huge.jpg", b"\xff" * 600_000, None),
    ("duplicate-output", "articles/same-slug.md",
     article(Slug="do-physical-therapists-massage"), "Slug:"),
    ("duplicate-output", "pages/same-url.md", "Title: Clash\nSave_as: index.html\n\nText.\n",
     "Save_as:"),
    ("embedded-code", "articles/iframe.md",
     article('Intro.\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n'), "<iframe"),
    ("embedded-code", "articles/script.md",
     article("Intro.\n\n<script>alert(1)</script>\n"), "<script"),
    ("third-party-resource", "articles/remote-image.md",
     article('Intro.\n\n<img src="https://cdn.example.com/knee.png" alt="A knee">\n'),
     "cdn.example.com"),
    ("inline-event-handler", "articles/onclick.md",
     article('Intro.\n\n<span onmouseover="steal()">Hover</span>\n'), "onmouseover"),
    ("plain-http-link", "articles/http.md",
     article("Intro.\n\nSee [the study](http://example.org/study).\n"), "http://example.org"),
    ("references", "articles/reference.md",
     article("Text.\n\n## References\n\n- A book without a link, 2020.\n"), "A book without"),
    ("patient-story", "pages/stories/no-signature.md",
     story("no-signature", ("Authorization_signed: 2025-01-01\n", "")), None),
    ("patient-story", "pages/stories/expired.md",
     story("expired", ("Authorization_expires: 2099-01-01", "Authorization_expires: 2020-01-01")),
     "Authorization_expires"),
    ("patient-story", "pages/stories/no-scope.md",
     story("no-scope", ("Authorization_scope: First name and story, on this website only.\n",
                        "")), None),
    ("patient-story", "pages/stories/not-typical.md",
     story("not-typical", (STORY.splitlines()[6], "Expected_results: Results not typical.")),
     "Expected_results"),
    ("patient-story", "pages/stories/no-results.md",
     story("no-results", (STORY.splitlines()[6] + "\n", "")), None),
]
# Edits of real files: (check, file, (old, new), text on the reported line or None)
MISTAKE_EDITS = [
    ("cross-link", "pages/services/myofascial-release.md",
     ("conditions/chronic-pain", "conditions/chronic-pian"), "Conditions:"),
    ("missing-metadata", "articles/do-physical-therapists-massage.md",
     ("Reviewer: clinical-director\n", ""), None),
    ("language-entry", "data/languages.toml",
     ('reviewed = false\ndir = "rtl"', "reviewed = false"), None),
]
REMOVED_NOTICE = "pages/website-privacy.md"  # a notice every page links
# "invoke new" an article, then publish it without finishing it.
UNFINISHED_NEW_ARTICLE = "Shoulder pain"


def expected_location(path, text, marker):
    """The "file:line: " (or "file: ") a problem about this planted file starts with."""
    if marker is None:
        return f"{path}"
    lines = (text.decode("latin-1") if isinstance(text, bytes) else text).splitlines()
    line = next(number for number, line in enumerate(lines, start=1) if marker in line)
    return f"{path}:{line}: "


def without_language(text, code):
    tables = text.split("[[language]]")
    kept = [t for t in tables if not re.search(rf'^code = "{code}"$', t, re.MULTILINE)]
    assert len(kept) == len(tables) - 1
    return "[[language]]".join(kept)


# --- Settings of the variants --------------------------------------------------------------
OVERDUE_DAY = "2030-01-01"
VARIANT_CLINIC = {**copy.deepcopy(CLINIC), **{
    "phone": "(555) 019-7777", "phone_e164": "+15550197777",
    "street": "7 Planted Street", "email": "planted@clinic.example",
    "hours": [["Tuesday only", "Tu", "07:30", "11:15"]],
}}
VARIANT_SETTINGS = {
    "CLINIC": VARIANT_CLINIC,
    "DISCLAIMER": {"heading": "Please read", "text": "Planted disclaimer text for this test."},
    "SECTION_1557_COORDINATOR": {"example": False, "name": "Pat Planted",
                                 "title": "Civil rights coordinator", "phone": "(555) 010-0199",
                                 "phone_e164": "+15550100199", "email": "rights@clinic.example"},
    "REVIEW_TODAY": OVERDUE_DAY,
}
MISTAKES_PROD_SETTINGS = {
    "SEVERITY": {"plain-http-link": "error", "review-overdue": "error",
                 "launch-unfinished": "error"},
    "REVIEW_TODAY": OVERDUE_DAY,
    "CNAME_DOMAIN": "www.clinic.example",
}
