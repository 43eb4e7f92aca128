"""plugins/clinic/stories.py on tiny sites, and the story_notice component on its own."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
import pytest

from plugins.clinic import stories
from plugins.common import fields
from tests.unit.tiny_site import TinySite

THEME_TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"
TODAY = "2026-06-01"
EXPECTED = ("Most patients with knee pain from running move with less pain after six to"
            " eight weekly sessions and home exercises.")
VALID = {
    "Title": "Maria's recovery",
    "Slug": "stories/maria",
    "Patient": "Maria",
    "Authorization_signed": "2026-01-10",
    "Authorization_expires": "2027-01-10",
    "Authorization_scope": "Her first name, her story and this photo, on this website only.",
    "Expected_results": EXPECTED,
}


def story(body="She runs again.", **given):
    """A story's Markdown: VALID metadata with fields changed (None drops one)."""
    metadata = {**VALID, **given}
    head = "".join(f"{key}: {value}\n" for key, value in metadata.items() if value is not None)
    return f"{head}\n{body}\n"


@pytest.fixture
def site():
    tiny = TinySite("stories-tests-")
    tiny.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    tiny.write("pages/stories/index.md", "Title: Success stories\nSlug: stories\nTemplate: "
               "stories\n\nOur patients' stories.\n")
    yield tiny
    tiny.remove()


def write_story(site, name, text):
    return site.write(f"pages/stories/{name}", text)


def problems(site, **settings):
    """Build; the story problems, one line each."""
    settings.setdefault("PATIENT_STORIES", {"today": TODAY})
    return site.build(**settings).messages("patient-story")


def test_valid_story_builds_with_its_notice_first(site):
    write_story(site, "maria.md", story())
    built = site.build(PATIENT_STORIES={"today": TODAY})
    assert built.messages() == []
    html = built.read("stories/maria/index.html")
    main = html[html.index("<main"):]
    assert main.index('class="story-notice"') < main.index("She runs again.")
    assert "What patients generally achieve:</strong> Most patients" in html
    assert "insider-disclosure" not in html
    # The stories list shows the same notice beside the story.
    assert html[html.index('<aside class="story-notice"'):].split("</aside>")[0] in (
        built.read("stories/index.html"))


def test_index_and_other_pages_are_not_stories(site):
    write_story(site, "maria.md", story())
    built = site.build(PATIENT_STORIES={"today": TODAY})
    assert built.messages() == []
    assert "story-notice" not in built.read("about/index.html")
    index = built.read("stories/index.html")
    assert index.count('class="story-notice"') == 1  # only the card of Maria's story


@pytest.mark.parametrize("field", [f.name for f in fields.required("story")])
def test_each_missing_field_is_named_with_the_file(site, field):
    path = write_story(site, "maria.md", story(**{field: None}))
    [problem] = problems(site)
    assert problem.startswith(f"{path}: {field}: is missing")


def test_expired_authorization_fails_naming_file_line_and_field(site):
    path = write_story(site, "john.md", story(Authorization_expires="2026-05-31"))
    [problem] = problems(site)
    assert problem.startswith(f"{path}:5: Authorization_expires:")
    assert "expired on 2026-05-31" in problem


def test_expiry_is_checked_against_the_build_date(site):
    write_story(site, "john.md", story(Authorization_expires="2026-06-01"))
    assert problems(site) == []  # still valid on its last day
    [problem] = problems(site, PATIENT_STORIES={"today": "2026-06-02"})
    assert "Authorization_expires" in problem


def test_real_today_is_used_without_an_override(site):
    write_story(site, "john.md", story(Authorization_signed="2000-01-01",
                                       Authorization_expires="2001-01-01"))
    [problem] = problems(site, PATIENT_STORIES={})
    assert "expired on 2001-01-01" in problem


def test_dates_must_be_dates_and_in_order(site):
    a = write_story(site, "a.md", story(Authorization_signed="last spring"))
    write_story(site, "b.md", story(Authorization_signed="2026-07-01"))
    write_story(site, "c.md", story(Authorization_signed="2026-03-01",
                                    Authorization_expires="2026-02-01"))
    built = site.build(PATIENT_STORIES={"today": "2026-01-15"})
    found = "\n".join(built.messages("patient-story"))
    assert "b.md:4: Authorization_signed: 2026-07-01 is after today" in found
    assert "c.md:5: Authorization_expires: 2026-02-01 is not after" in found
    # A text that is not a date is told once, by the source checks.
    assert "a.md" not in found
    [bad] = built.messages("invalid-date")
    assert bad.startswith(f"{a}:4: Authorization_signed: last spring is not a valid date")


@pytest.mark.parametrize("phrase", [
    "Results not typical.", "Individual results may vary!",
    "Results not typical; individual results vary. Every patient is different.",
    "These results are NOT typical and results are not guaranteed"])
def test_results_not_typical_alone_fails(site, phrase):
    path = write_story(site, "maria.md", story(Expected_results=phrase))
    [problem] = problems(site)
    assert problem.startswith(f"{path}:7: Expected_results:")
    assert "does not say what patients generally achieve" in problem


def test_a_phrase_plus_a_real_statement_passes(site):
    write_story(site, "maria.md", story(Expected_results="Results vary. " + EXPECTED))
    assert problems(site) == []


def test_minimum_words_is_a_setting(site):
    write_story(site, "maria.md", story(Expected_results="Most improve within weeks."))
    assert len(problems(site)) == 1
    assert problems(site, PATIENT_STORIES={"today": TODAY, "min_expected_results_words": 4}) \
        == []


def test_insider_story_shows_the_disclosure(site):
    write_story(site, "sam.md", story(Insider="yes"))
    built = site.build(PATIENT_STORIES={"today": TODAY})
    assert built.messages() == []
    html = built.read("stories/maria/index.html")
    assert 'class="insider-disclosure"' in html
    assert "member of our staff or a relative" in html


def test_insider_must_be_yes_or_no(site):
    write_story(site, "sam.md", story(Insider="sort of"))
    [problem] = problems(site)
    assert "Insider: 'sort of' must be yes or no" in problem


def test_a_page_with_patient_metadata_outside_the_folder_is_checked(site):
    site.write("pages/testimonial.md", story(Expected_results=None))
    [problem] = problems(site)
    assert "testimonial.md" in problem and "Expected_results: is missing" in problem


def test_metadata_is_escaped_in_the_notice(site):
    write_story(site, "maria.md", story(Expected_results=EXPECTED + " <b>bold</b> & more"))
    built = site.build(PATIENT_STORIES={"today": TODAY})
    assert built.messages() == []
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in built.read("stories/maria/index.html")


def test_an_unlawful_story_fails_the_build(site):
    write_story(site, "john.md", story(Authorization_scope=None))
    assert site.build(PATIENT_STORIES={"today": TODAY}).failed


def test_substantive_words_drop_disclaimer_phrases():
    assert stories.substantive_words("Results not typical.") == []
    assert stories.substantive_words("YMMV, results vary") == []
    assert stories.substantive_words("Results vary: most walk further") == [
        "most", "walk", "further"]


# --- The component, on its own -----------------------------------------------------------

@pytest.fixture(scope="module")
def env():
    return Environment(loader=FileSystemLoader(str(THEME_TEMPLATES)), autoescape=True)


COMPONENT = "components/story_notice/story_notice.html"


class Page:
    def __init__(self, notice=None):
        self.story_notice = notice


def test_the_component_shows_a_story_s_notice_in_a_loop(env):
    notice = stories.StoryNotice("What patients generally achieve", "Most improve.", None)
    html = env.from_string('{% for story in stories %}{% include "' + COMPONENT + '" %}'
                           '{% endfor %}').render(stories=[Page(notice), Page(notice)])
    assert html.count('<aside class="story-notice"') == 2
    assert html.count("<strong>What patients generally achieve:</strong> Most improve.") == 2


def test_the_component_prints_nothing_for_a_page_that_is_not_a_story(env):
    assert env.get_template(COMPONENT).render(story=Page()).strip() == ""
    assert env.get_template(COMPONENT).render().strip() == ""


def test_the_component_escapes_and_shows_the_disclosure(env):
    notice = stories.StoryNotice("Label", "Most patients improve <a lot>.", "Staff member.")
    html = env.get_template(COMPONENT).render(story=Page(notice))
    assert "Most patients improve &lt;a lot&gt;." in html
    assert '<p class="insider-disclosure"><strong>Disclosure:</strong> Staff member.</p>' in html
