"""plugins/clinic/notices.py: the language data file, and tiny sites built in-process."""

from pathlib import Path
import shutil
from tempfile import mkdtemp
import unittest

import pytest

from plugins.clinic import notices
from tests.unit.tiny_site import TinySite

ENTRY = 'code = "{code}"\nname = "{name}"\ntext = "{text}"\nreviewed = {reviewed}\n'
CLINIC = {"phone": "(555) 010-0000", "phone_e164": "+15550100000"}


def language(code="es", name="Español", text="Llame al {phone}.", reviewed="false", extra=""):
    return "[[language]]\n" + ENTRY.format(code=code, name=name, text=text,
                                           reviewed=reviewed) + extra + "\n"


class Folder(unittest.TestCase):
    def setUp(self):
        self.root = Path(mkdtemp(prefix="notices-tests-"))

    def tearDown(self):
        shutil.rmtree(self.root)

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


class TestLanguageFile(Folder):
    def load(self, text):
        return notices.load_languages(self.write("languages.toml", text))

    def test_reads_every_entry_in_order(self):
        entries, problems = self.load(
            language("en", "English", reviewed="true") + language()
            + language("ar", "العربية", extra='dir = "rtl"\n'))
        self.assertEqual(problems, [])
        self.assertEqual([e["code"] for e in entries], ["en", "es", "ar"])
        self.assertEqual([e["dir"] for e in entries], ["ltr", "ltr", "rtl"])
        self.assertEqual([e["reviewed"] for e in entries], [True, False, False])

    def test_each_bad_entry_is_named_with_the_file(self):
        entries, problems = self.load(
            language() + language()  # es twice
            + language("ur", "اردو")  # right to left without dir
            + language("xx_1", "Bad")
            + language("de", "Deutsch", text="Rufen Sie {fax} an.")
            + '[[language]]\ncode = "fr"\nname = "Français"\ntext = ""\nreviewed = "no"\n')
        self.assertEqual([e["code"] for e in entries], ["es"])
        joined = "\n".join(problems)
        self.assertEqual(len(problems), 6, problems)
        self.assertTrue(all(p.startswith("language entry ") for p in problems), problems)
        self.assertIn("language entry 2 (es): \"code\" es appears twice", joined)
        self.assertIn('language entry 3 (ur): this language is written right to left', joined)
        self.assertIn('language entry 4 (xx_1): "code" must be a language code', joined)
        self.assertIn("language entry 5 (de): \"text\" uses unknown placeholders ['fax']", joined)
        self.assertIn('language entry 6 (fr): "text" is missing or empty', joined)
        self.assertIn('language entry 6 (fr): "reviewed" must be true or false', joined)

    def test_missing_or_empty_file(self):
        _, problems = notices.load_languages(self.root / "nope.toml")
        self.assertIn("the language-assistance file is missing", problems[0])
        _, problems = self.load("# nothing yet\n")
        self.assertIn("no [[language]] entries", problems[0])
        _, problems = self.load("[[language]\n")
        self.assertIn("not valid TOML", problems[0])

    def test_text_is_escaped_and_the_phone_becomes_a_call_link(self):
        html = notices.render_text("Call <b>{phone}</b> & ask.", CLINIC)
        self.assertEqual(html, 'Call &lt;b&gt;<a href="tel:+15550100000" dir="ltr">'
                               "(555) 010-0000</a>&lt;/b&gt; &amp; ask.")


NOTICE = ("Title: {title}\nSlug: {slug}\nTemplate: {template}\nSummary: About {slug}.\n"
          "{extra}\nText.\n")
PAGES = {
    "privacy-practices": ("notice_privacy", "Example_text: yes\nEffective_date: 2026-02-16\n"),
    "nondiscrimination": ("notice_nondiscrimination", ""),
    "language-assistance": ("notice_language", ""),
    "accessibility": ("notice_accessibility", "Last_reviewed: 2026-11-01\n"),
    "website-privacy": ("notice", ""),
}
LINKS = [(slug, slug.title()) for slug in PAGES]


@pytest.fixture
def site():
    tiny = TinySite("notices-tests-")
    for slug, (template, extra) in PAGES.items():
        tiny.write(f"pages/{slug}.md", NOTICE.format(title=slug.title(), slug=slug,
                                                     template=template, extra=extra))
    tiny.write("data/languages.toml", language("en", "English", text="Call {phone}.",
                                               reviewed="true") + language())
    yield tiny
    tiny.remove()


def test_builds_notices_with_example_note_dates_and_download(site):
    built = site.build(NOTICE_LINKS=LINKS, RELATIVE_URLS=True)
    assert built.messages() == []
    html = built.read("privacy-practices/index.html")
    assert '<p class="example-text" role="note">EXAMPLE TEXT' in html
    assert '<time datetime="2026-02-16">February 16, 2026</time>' in html
    assert 'href="../privacy-practices/notice-of-privacy-practices.html"' in html
    copy = built.read("privacy-practices/notice-of-privacy-practices.html")
    assert "<h1>Privacy-Practices</h1>" in copy
    assert "site.css" not in copy
    assert copy.count('class="language-block"') == 2
    nondiscrimination = built.read("nondiscrimination/index.html")
    assert "example-text" not in nondiscrimination.split('id="coordinator"')[0]
    assert 'last reviewed on <time datetime="2026-11-01">' in built.read(
        "accessibility/index.html")


def test_footer_links_come_from_notice_links(site):
    links = [("website-privacy", "Web privacy"), ("accessibility", "Access")]
    built = site.build(NOTICE_LINKS=links, RELATIVE_URLS=True)
    footer = built.read("accessibility/index.html").split("notice-links")[1]
    assert '<a href="../website-privacy/">Web privacy</a>' in footer
    assert '<a href="../accessibility/">Access</a>' in footer
    assert "Notice of Privacy Practices" not in footer


def test_a_missing_notice_page_or_date_is_reported_once(site):
    (site.content / "pages" / "nondiscrimination.md").unlink()
    path = site.write("pages/accessibility.md", NOTICE.format(
        title="A", slug="accessibility", template="notice", extra="Last_reviewed: soon\n"))
    built = site.build(NOTICE_LINKS=LINKS)
    assert built.failed
    assert any("no published page has 'Slug: nondiscrimination'" in m
               for m in built.messages("notice-missing"))
    [bad] = built.messages("invalid-date")  # reported by the source checks, and only there
    assert bad.startswith(f"{path}:5: Last_reviewed: soon is not a valid date")


@pytest.mark.parametrize("severity", ["warning", "error"])
def test_unfinished_notices_do_what_severity_says(site, severity):
    built = site.build(NOTICE_LINKS=LINKS, SEVERITY={"launch-unfinished": severity})
    assert built.failed is (severity == "error")
    lines = built.messages("launch-unfinished")
    joined = "\n".join(lines)
    assert "privacy-practices.md:5: the page is still example text" in joined
    assert 'SECTION_1557_COORDINATOR["name"] is a placeholder' in joined
    assert "es (Español): the translation has not been reviewed" in joined
    assert "en (English)" not in joined


def test_unfinished_notices_are_off_while_writing(site):
    built = site.build(NOTICE_LINKS=LINKS)  # pelicanconf.py: "launch-unfinished": "off"
    assert built.messages() == [] and not built.failed
