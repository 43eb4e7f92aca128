"""plugins/clinic/cross_links.py alone, on a tiny site with a theme that prints its data."""

import json
from pathlib import Path
import shutil
from tempfile import mkdtemp
import unittest

from pelican import Pelican
from pelican.settings import read_settings

from plugins.clinic import cross_links
from plugins.common.build import build_of

# A theme whose page template prints what the plugin computed, as JSON.
PAGE_TEMPLATE = """{
 "conditions": {{ page.related_conditions | map(attribute="slug") | list | tojson }},
 "services": {{ page.related_services | map(attribute="slug") | list | tojson }},
 "articles": {{ page.related_articles | map(attribute="slug") | list | tojson }},
 "children": {{ page.children | map(attribute="slug") | list | tojson }},
 "breadcrumbs": {{ page.breadcrumbs | tojson }},
 "known": {{ pages_by_slug | length }}
}"""
ARTICLE_TEMPLATE = (
    '{"services": {{ article.related_services | map(attribute="slug") | list | tojson }}}')

FILES = {
    "pages/home.md": "Title: Welcome to the clinic\nSlug: home\nNav_title: Home\n"
                     "Save_as: index.html\nURL:\n\nHome.\n",
    "pages/services/index.md": "Title: Our services\nSlug: services\nNav_title: Services\n\nS.\n",
    "pages/services/massage.md": "Title: Massage\nSlug: services/massage\nOrder: 2\n"
                                 "Conditions: conditions/neck-pain, conditions/back-pain\n\nM.\n",
    "pages/services/mobilization.md": "Title: Joint mobilization\nSlug: services/mobilization\n"
                                      "Order: 1\nConditions: conditions/back-pain\n\nJ.\n",
    "pages/conditions/index.md": "Title: Conditions\nSlug: conditions\n\nC.\n",
    "pages/conditions/neck-pain.md": "Title: Neck pain\nSlug: conditions/neck-pain\n\nN.\n",
    # Names a service itself; the inverse links must not repeat it.
    "pages/conditions/back-pain.md": "Title: Back pain\nSlug: conditions/back-pain\n"
                                     "Services: services/massage\n\nB.\n",
    "pages/conditions/draft.md": "Title: Draft\nSlug: conditions/draft\nStatus: draft\n\nD.\n",
    "articles/old.md": "Title: Old article\nDate: 2024-01-01\nServices: services/massage\n\nO.\n",
    "articles/new.md": "Title: New article\nDate: 2024-05-01\n"
                       "Conditions: conditions/neck-pain\nServices: services/massage\n\nN.\n",
}


class TestCrossLinks(unittest.TestCase):
    def setUp(self):
        self.root = Path(mkdtemp(prefix="cross-links-tests-"))
        self.content = self.root / "content"
        for name, text in FILES.items():
            path = self.content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        templates = self.root / "theme" / "templates"
        templates.mkdir(parents=True)
        (templates / "page.html").write_text(PAGE_TEMPLATE, encoding="utf-8")
        (templates / "article.html").write_text(ARTICLE_TEMPLATE, encoding="utf-8")
        self.output = self.root / "output"

    def tearDown(self):
        shutil.rmtree(self.root)

    def _run_pelican(self):
        settings = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "THEME": str(self.root / "theme"),
            "PAGE_PATHS": ["pages"],
            "ARTICLE_PATHS": ["articles"],
            "PAGE_URL": "{slug}/",
            "PAGE_SAVE_AS": "{slug}/index.html",
            "ARTICLE_URL": "articles/{slug}/",
            "ARTICLE_SAVE_AS": "articles/{slug}/index.html",
            "DIRECT_TEMPLATES": [],
            "CATEGORY_SAVE_AS": "", "TAG_SAVE_AS": "", "AUTHOR_SAVE_AS": "",
            "ARCHIVES_SAVE_AS": "", "AUTHORS_SAVE_AS": "", "CATEGORIES_SAVE_AS": "",
            "TAGS_SAVE_AS": "", "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
            "TRANSLATION_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
            "CACHE_CONTENT": False,
            "PLUGINS": [cross_links],
        }
        self.settings = read_settings(override=settings)
        Pelican(settings=self.settings).run()

    def page(self, url):
        return json.loads((self.output / url / "index.html").read_text(encoding="utf-8"))

    def test_service_lists_its_conditions_and_the_articles_naming_it(self):
        self._run_pelican()
        massage = self.page("services/massage")
        self.assertEqual(massage["conditions"], ["conditions/neck-pain", "conditions/back-pain"])
        self.assertEqual(massage["articles"], ["new-article", "old-article"])  # newest first
        self.assertEqual(self.page("services/mobilization")["articles"], [])

    def test_condition_gets_the_services_naming_it_once(self):
        self._run_pelican()
        self.assertEqual(self.page("conditions/neck-pain")["services"], ["services/massage"])
        # Its own Services: first, then services naming it, by Order; no repeats.
        self.assertEqual(self.page("conditions/back-pain")["services"],
                         ["services/massage", "services/mobilization"])
        self.assertEqual(self.page("conditions/neck-pain")["articles"], ["new-article"])

    def test_index_lists_children_by_order(self):
        self._run_pelican()
        self.assertEqual(self.page("services")["children"],
                         ["services/mobilization", "services/massage"])
        self.assertEqual(self.page("conditions")["children"],
                         ["conditions/back-pain", "conditions/neck-pain"])  # no draft
        self.assertEqual(self.page("conditions/neck-pain")["children"], [])

    def test_breadcrumbs_run_from_home_to_the_page_with_nav_titles(self):
        self._run_pelican()
        self.assertEqual(self.page("services/massage")["breadcrumbs"], [
            {"title": "Home", "url": ""},
            {"title": "Services", "url": "services/"},
            {"title": "Massage", "url": "services/massage/"},
        ])
        self.assertEqual(self.page("conditions")["breadcrumbs"], [
            {"title": "Home", "url": ""}, {"title": "Conditions", "url": "conditions/"}])
        home = json.loads((self.output / "index.html").read_text(encoding="utf-8"))
        self.assertEqual(home["breadcrumbs"], [{"title": "Home", "url": ""}])
        self.assertEqual(home["known"], 7)

    def test_articles_get_the_pages_they_name(self):
        self._run_pelican()
        article = json.loads(
            (self.output / "articles/old-article/index.html").read_text(encoding="utf-8"))
        self.assertEqual(article["services"], ["services/massage"])

    def _warnings_for(self, name, text):
        (self.content / name).write_text(text, encoding="utf-8")
        self._run_pelican()
        return [problem.text() for problem in build_of(self.settings).report.problems
                if problem.check == "cross-link"]

    def test_unknown_slug_is_reported_with_file_line_and_a_suggestion(self):
        messages = self._warnings_for(
            "pages/services/typo.md",
            "Title: Typo\nSlug: services/typo\nConditions: conditions/nek-pain\n\nT.\n")
        self.assertEqual(len(messages), 1)
        message = messages[0]
        self.assertIn("services/typo.md:3: unknown slug conditions/nek-pain in Conditions", message)
        self.assertIn("did you mean conditions/neck-pain?", message)

    def test_draft_and_wrong_section_slugs_are_reported(self):
        messages = self._warnings_for(
            "pages/services/bad.md",
            "Title: Bad\nSlug: services/bad\n"
            "Conditions: conditions/draft, services/massage\n\nB.\n")
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("bad.md:3: draft page conditions/draft in Conditions", messages[0])
        self.assertIn("bad.md:3: wrong section for services/massage in Conditions", messages[1])

    def test_split_slugs_trims_spaces_and_slashes(self):
        self.assertEqual(cross_links.split_slugs(" /services/a/ , services/b,,"),
                         ["services/a", "services/b"])
        self.assertEqual(cross_links.split_slugs(None), [])
