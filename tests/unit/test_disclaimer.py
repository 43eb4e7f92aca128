"""Unit tests of plugins/disclaimer on a tiny site built in a temp folder."""

from pathlib import Path
import shutil
from tempfile import mkdtemp
import unittest

from pelican import Pelican
from pelican.settings import read_settings

from plugins.disclaimer import disclaimer

ARTICLE = """Title: Knee pain
Date: 2024-06-01
Category: Treatments
Summary: About knees.

Knees carry us.
"""
PAGE = """Title: About
Summary: About the clinic.

We are a clinic.
"""
OPTED_OUT = """Title: Contact
Disclaimer: no
Summary: Reach us.

Call us.
"""


class TestDisclaimer(unittest.TestCase):
    def setUp(self):
        self.root = Path(mkdtemp(prefix="disclaimer-tests-"))
        content = self.root / "content"
        (content / "pages").mkdir(parents=True)
        (content / "knee.md").write_text(ARTICLE, encoding="utf-8")
        (content / "pages" / "about.md").write_text(PAGE, encoding="utf-8")
        (content / "pages" / "contact.md").write_text(OPTED_OUT, encoding="utf-8")
        self.output = self.root / "output"

    def tearDown(self):
        shutil.rmtree(self.root)

    def _run_pelican(self, **settings):
        merged = {
            "PATH": str(self.root / "content"),
            "OUTPUT_PATH": str(self.output),
            "PAGE_PATHS": ["pages"],
            "CACHE_CONTENT": False,
            "SITEURL": "http://localhost",
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            "PLUGINS": [disclaimer],
            "DISCLAIMER": {"text": "Not medical advice.\n\nAsk your doctor."},
        }
        merged.update(settings)
        Pelican(settings=read_settings(override=merged)).run()

    def read(self, name):
        return (self.output / name).read_text(encoding="utf-8")

    def test_article_and_page_carry_it_once(self):
        self._run_pelican()
        for name in ("knee-pain.html", "pages/about.html"):
            html = self.read(name)
            self.assertEqual(html.count('class="disclaimer"'), 1, name)
            self.assertIn("<h2 id=\"disclaimer-heading\">Medical disclaimer</h2>", html)
            self.assertIn("<p>Not medical advice.</p><p>Ask your doctor.</p>", html)

    def test_page_can_opt_out(self):
        self._run_pelican()
        self.assertNotIn('class="disclaimer"', self.read("pages/contact.html"))

    def test_feed_entry_carries_it(self):
        self._run_pelican()
        self.assertIn("Ask your doctor.", self.read("feeds/all.atom.xml"))

    def test_heading_and_text_come_from_the_setting(self):
        self._run_pelican(DISCLAIMER={"heading": "Read this", "text": "Changed <text> & more"})
        html = self.read("knee-pain.html")
        self.assertIn("Read this", html)
        self.assertIn("Changed &lt;text&gt; &amp; more", html)  # the setting is text, escaped

    def test_render_escapes_and_splits_paragraphs(self):
        config = disclaimer.get_config({"DISCLAIMER": {"text": "a\n\n<b>"}})
        html = disclaimer.render(config)
        self.assertTrue(html.startswith('<aside class="disclaimer"'))
        self.assertIn("<p>a</p><p>&lt;b&gt;</p>", html)
