"""Unit tests of plugins/patient_stories on tiny sites built in a temp folder."""

import contextlib
import io
import logging
from pathlib import Path
import shutil
from tempfile import mkdtemp
import unittest

import blinker
from jinja2 import Environment, FileSystemLoader
from pelican import Pelican, signals
from pelican.settings import read_settings

from plugins.patient_stories import patient_stories
from plugins.strict_build import strict_build
from tests.conftest import WarningList

THEME_TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"
LOGGER = "plugins.patient_stories"
TODAY = "2026-06-01"
EXPECTED = ("Most patients with knee pain from running move with less pain after six to"
            " eight weekly sessions and home exercises.")
VALID = {
    "Title": "Maria's recovery",
    "Patient": "Maria",
    "Authorization_signed": "2026-01-10",
    "Authorization_expires": "2027-01-10",
    "Authorization_scope": "Her first name, her story and this photo, on this website only.",
    "Expected_results": EXPECTED,
}


def story(body="She runs again.", **fields):
    """A story's Markdown: VALID metadata with fields changed (None drops one)."""
    metadata = dict(VALID)
    metadata.update(fields)
    head = "".join(f"{key}: {value}\n" for key, value in metadata.items() if value is not None)
    return f"{head}\n{body}\n"


class TinySite(unittest.TestCase):
    def setUp(self):
        self.root = Path(mkdtemp(prefix="stories-tests-"))
        self.content = self.root / "content"
        (self.content / "pages" / "stories").mkdir(parents=True)
        (self.content / "pages" / "about.md").write_text("Title: About\n\nWe are a clinic.\n")
        (self.content / "pages" / "stories" / "index.md").write_text(
            "Title: Success stories\nSlug: stories\n\nOur patients' stories.\n")
        self.output = self.root / "output"

    def tearDown(self):
        shutil.rmtree(self.root)
        # Pelican's signals are global: leave none of these plugins connected for
        # the tests that run after this one in the same process.
        signals.page_generator_finalized.disconnect(patient_stories.check_stories)
        signals.initialized.disconnect(strict_build.start)
        blinker.signal(strict_build.REPORT_SIGNAL).disconnect(strict_build.report)
        logging.getLogger().removeHandler(strict_build.collector)

    def write_story(self, name, text):
        path = self.content / "pages" / "stories" / name
        path.write_text(text, encoding="utf-8")
        return path

    def run_pelican(self, plugins=(patient_stories,), **settings):
        merged = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "PAGE_PATHS": ["pages"],
            "PAGE_URL": "{slug}/",
            "PAGE_SAVE_AS": "{slug}/index.html",
            "SLUGIFY_SOURCE": "basename",
            "CACHE_CONTENT": False,
            "FEED_ALL_ATOM": None,
            "PLUGINS": list(plugins),
            "PATIENT_STORIES": {"today": TODAY},
        }
        merged.update(settings)
        Pelican(settings=read_settings(override=merged)).run()

    def problems(self, **settings):
        """Build and return the plugin's warnings (an empty list when there are none)."""
        logger = logging.getLogger(LOGGER)
        handler = WarningList()
        logger.addHandler(handler)
        try:
            self.run_pelican(**settings)
        finally:
            logger.removeHandler(handler)
        return handler.messages

    def read(self, name):
        return (self.output / name).read_text(encoding="utf-8")


class TestStoryChecks(TinySite):
    def test_valid_story_builds_with_its_notice_first(self):
        self.write_story("maria.md", story())
        self.assertEqual(self.problems(), [])
        html = self.read("maria/index.html")
        notice = html.index('class="story-notice"')
        self.assertLess(notice, html.index("She runs again."))
        self.assertIn("What patients generally achieve:</strong> Most patients", html)
        self.assertNotIn("insider-disclosure", html)

    def test_index_and_other_pages_are_not_stories(self):
        self.write_story("maria.md", story())
        self.assertEqual(self.problems(), [])
        self.assertNotIn("story-notice", self.read("stories/index.html"))
        self.assertNotIn("story-notice", self.read("about/index.html"))

    def test_each_missing_field_is_named_with_the_file(self):
        for key in patient_stories.REQUIRED:
            field = key.capitalize()
            with self.subTest(field=field):
                path = self.write_story("maria.md", story(**{field: None}))
                problems = self.problems()
                self.assertEqual(len(problems), 1, problems)
                self.assertIn(str(path.name), problems[0])
                self.assertIn(f"{field} is missing", problems[0])

    def test_expired_authorization_fails_naming_file_line_and_field(self):
        path = self.write_story("john.md", story(Authorization_expires="2026-05-31"))
        [problem] = self.problems()
        self.assertIn(f"{path.name}:4: Authorization_expires", problem)
        self.assertIn("expired on 2026-05-31", problem)

    def test_expiry_is_checked_against_the_build_date(self):
        self.write_story("john.md", story(Authorization_expires="2026-06-01"))
        self.assertEqual(self.problems(), [])  # still valid on its last day
        [problem] = self.problems(PATIENT_STORIES={"today": "2026-06-02"})
        self.assertIn("Authorization_expires", problem)

    def test_real_today_is_used_without_an_override(self):
        self.write_story("john.md", story(Authorization_signed="2000-01-01",
                                          Authorization_expires="2001-01-01"))
        [problem] = self.problems(PATIENT_STORIES={})
        self.assertIn("expired on 2001-01-01", problem)

    def test_dates_must_be_dates_and_in_order(self):
        self.write_story("a.md", story(Authorization_signed="last spring"))
        self.write_story("b.md", story(Authorization_signed="2026-07-01"))
        self.write_story("c.md", story(Authorization_signed="2026-03-01",
                                       Authorization_expires="2026-02-01"))
        problems = "\n".join(self.problems(PATIENT_STORIES={"today": "2026-01-15"}))
        self.assertIn("a.md:3: Authorization_signed 'last spring' is not a date", problems)
        self.assertIn("b.md:3: Authorization_signed 2026-07-01 is after today", problems)
        self.assertIn("c.md:4: Authorization_expires 2026-02-01 is not after", problems)

    def test_results_not_typical_alone_fails(self):
        for phrase in ["Results not typical.", "Individual results may vary!",
                       "Results not typical; individual results vary. Every patient is different.",
                       "These results are NOT typical and results are not guaranteed"]:
            with self.subTest(phrase=phrase):
                path = self.write_story("maria.md", story(Expected_results=phrase))
                [problem] = self.problems()
                self.assertIn(f"{path.name}:6: Expected_results", problem)
                self.assertIn("does not say what patients generally achieve", problem)

    def test_a_phrase_plus_a_real_statement_passes(self):
        self.write_story("maria.md", story(Expected_results="Results vary. " + EXPECTED))
        self.assertEqual(self.problems(), [])

    def test_minimum_words_is_a_setting(self):
        self.write_story("maria.md", story(Expected_results="Most improve within weeks."))
        self.assertEqual(len(self.problems()), 1)
        settings = {"today": TODAY, "min_expected_results_words": 4}
        self.assertEqual(self.problems(PATIENT_STORIES=settings), [])

    def test_insider_story_shows_the_disclosure(self):
        self.write_story("sam.md", story(Insider="yes"))
        self.assertEqual(self.problems(), [])
        html = self.read("sam/index.html")
        self.assertIn('class="insider-disclosure"', html)
        self.assertIn("member of our staff or a relative", html)

    def test_insider_must_be_yes_or_no(self):
        self.write_story("sam.md", story(Insider="sort of"))
        [problem] = self.problems()
        self.assertIn("Insider 'sort of' must be yes or no", problem)

    def test_a_page_with_patient_metadata_outside_the_folder_is_checked(self):
        (self.content / "pages" / "testimonial.md").write_text(
            story(Expected_results=None), encoding="utf-8")
        [problem] = self.problems()
        self.assertIn("testimonial.md", problem)
        self.assertIn("Expected_results is missing", problem)

    def test_metadata_is_escaped_in_the_notice(self):
        self.write_story("maria.md", story(Expected_results=EXPECTED + " <b>bold</b> & more"))
        self.assertEqual(self.problems(), [])
        self.assertIn("&lt;b&gt;bold&lt;/b&gt; &amp; more", self.read("maria/index.html"))

    def test_strict_build_fails_the_build_and_names_file_and_field(self):
        self.write_story("john.md", story(Authorization_scope=None))
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), self.assertRaises(SystemExit) as exit_:
            self.run_pelican(plugins=(strict_build, patient_stories))
        self.assertEqual(exit_.exception.code, 1)
        self.assertIn("john.md: Authorization_scope is missing", stderr.getvalue())


class TestStoryNoticePartial(unittest.TestCase):
    """partials/story_notice.html: the contract issue 3's stories list relies on."""

    def setUp(self):
        self.env = Environment(loader=FileSystemLoader(str(THEME_TEMPLATES)), autoescape=True)

    def render(self, **context):
        return self.env.get_template("partials/story_notice.html").render(**context).strip()

    def test_shows_the_notice_of_the_story_in_a_loop(self):
        class Story:
            story_notice = patient_stories.Markup('<aside class="story-notice">x</aside>')
        template = self.env.from_string(
            '{% for story in stories %}{% include "partials/story_notice.html" %}{% endfor %}')
        html = template.render(stories=[Story(), Story()], page=None)
        self.assertEqual(html.count('<aside class="story-notice">x</aside>'), 2)

    def test_falls_back_to_page_and_is_empty_for_other_pages(self):
        class Story:
            story_notice = patient_stories.Markup('<aside class="story-notice">y</aside>')

        class Other:
            pass
        self.assertEqual(self.render(page=Story()), '<aside class="story-notice">y</aside>')
        self.assertEqual(self.render(page=Other()), "")
        self.assertEqual(self.render(), "")

    def test_renders_what_the_plugin_builds(self):
        class Page:
            metadata = {"expected_results": "Most patients improve <a lot>."}
            is_insider = True
        config = patient_stories.get_config({})
        html = self.render(page=type("P", (), {
            "story_notice": patient_stories.render_notice(Page(), config)})())
        self.assertIn("Most patients improve &lt;a lot&gt;.", html)
        self.assertIn("insider-disclosure", html)


class TestPhrases(unittest.TestCase):
    def test_substantive_words_drop_disclaimer_phrases(self):
        self.assertEqual(patient_stories.substantive_words("Results not typical."), [])
        self.assertEqual(patient_stories.substantive_words("YMMV, results vary"), [])
        self.assertEqual(
            patient_stories.substantive_words("Results vary: most walk further"),
            ["most", "walk", "further"])
