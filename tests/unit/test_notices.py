"""Unit tests of plugins/notices: the language data file, and a tiny site."""

import contextlib
import io
import logging
from pathlib import Path
import shutil
from tempfile import mkdtemp
import unittest

from pelican import Pelican, signals
from pelican.settings import read_settings

from plugins.notices import notices
from plugins.structured_data import structured_data
from tests.conftest import WarningList

ROOT = Path(__file__).resolve().parents[2]
LOGGER = "plugins.notices"
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
        self.assertTrue(all("languages.toml: language entry " in p for p in problems), problems)
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


class TestTinySite(Folder):
    def setUp(self):
        super().setUp()
        self.content = self.root / "content"
        for slug, (template, extra) in PAGES.items():
            self.write(f"content/pages/{slug}.md", NOTICE.format(
                title=slug.title(), slug=slug, template=template, extra=extra))
        self.write("content/data/languages.toml",
                   language("en", "English", text="Call {phone}.", reviewed="true")
                   + language())
        self.output = self.root / "output"

    def tearDown(self):
        super().tearDown()
        signals.generator_init.disconnect(notices.add_languages)
        signals.all_generators_finalized.disconnect(notices.finish_notices)
        signals.page_writer_finalized.disconnect(notices.write_downloads)

    def run_pelican(self, **settings):
        """Build with the project's settings and theme; return (warnings, stderr)."""
        override = {
            "PATH": str(self.content), "OUTPUT_PATH": str(self.output),
            # the theme's head needs structured_data's filters
            "PLUGINS": [notices, structured_data], "CACHE_CONTENT": False, "FEED_ALL_ATOM": None,
            "FEED_ALL_RSS": None, "ARTICLE_PATHS": [], "TEMPLATE_PAGES": {},
        }
        override.update(settings)
        pelican = Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=override))
        handler = WarningList()
        logging.getLogger(LOGGER).addHandler(handler)
        stderr = io.StringIO()
        try:
            with contextlib.redirect_stderr(stderr):
                pelican.run()
        finally:
            logging.getLogger(LOGGER).removeHandler(handler)
        return handler.messages, stderr.getvalue()

    def read(self, name):
        return (self.output / name).read_text(encoding="utf-8")

    def test_builds_notices_with_example_note_dates_and_download(self):
        warnings, _ = self.run_pelican()
        self.assertEqual(warnings, [])
        html = self.read("privacy-practices/index.html")
        self.assertIn('<p class="example-text" role="note">EXAMPLE TEXT', html)
        self.assertIn('<time datetime="2026-02-16">16 February 2026</time>', html)
        self.assertIn('href="../privacy-practices/notice-of-privacy-practices.html"', html)
        copy = self.read("privacy-practices/notice-of-privacy-practices.html")
        self.assertIn("<h1>Privacy-Practices</h1>", copy)
        self.assertNotIn("site.css", copy)
        self.assertEqual(copy.count('class="language-block"'), 2)
        self.assertNotIn("example-text", self.read("nondiscrimination/index.html").split(
            'id="coordinator"')[0])  # no Example_text on that page
        self.assertIn("last reviewed on <time datetime=\"2026-11-01\">",
                      self.read("accessibility/index.html"))

    def test_footer_links_come_from_notice_links(self):
        links = [("website-privacy", "Web privacy"), ("accessibility", "Access")]
        self.run_pelican(NOTICE_LINKS=links, HOME_NOTICES=[])
        footer = self.read("accessibility/index.html").split("notice-links")[1]
        self.assertIn('<a href="../website-privacy/">Web privacy</a>', footer)
        self.assertIn('<a href="../accessibility/">Access</a>', footer)
        self.assertNotIn("Notice of Privacy Practices", footer)

    def test_a_missing_notice_page_or_date_is_reported(self):
        (self.content / "pages" / "nondiscrimination.md").unlink()
        (self.content / "pages" / "accessibility.md").write_text(
            NOTICE.format(title="A", slug="accessibility", template="notice",
                          extra="Last_reviewed: soon\n"))
        warnings, _ = self.run_pelican()
        joined = "\n".join(warnings)
        self.assertIn("no published page has 'Slug: nondiscrimination'", joined)
        self.assertIn("accessibility.md: Last_reviewed 'soon' is not a date", joined)

    def test_launch_check_report_lists_without_failing(self):
        warnings, stderr = self.run_pelican(NOTICES_LAUNCH_CHECK="report")
        self.assertEqual(warnings, [])
        self.assertIn("notices: 3 unfinished before launch", stderr)
        self.assertIn("privacy-practices.md: the notice is still example text", stderr)
        self.assertIn("SECTION_1557_COORDINATOR is an example", stderr)
        self.assertIn("es (Español): the translation has not been reviewed", stderr)
        self.assertNotIn("en (English)", stderr)

    def test_launch_check_fail_logs_each_item_as_a_problem(self):
        warnings, stderr = self.run_pelican(NOTICES_LAUNCH_CHECK="fail")
        self.assertEqual(len(warnings), 3, warnings)
        self.assertTrue(all(w.startswith("launch check: ") for w in warnings))
        self.assertNotIn("unfinished before launch", stderr)

    def test_launch_check_off_says_nothing(self):
        warnings, stderr = self.run_pelican(NOTICES_LAUNCH_CHECK="off")
        self.assertEqual((warnings, stderr), ([], ""))

