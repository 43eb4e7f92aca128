"""The theme's components, each rendered on its own from the data a plugin hands over."""

from datetime import date
from pathlib import Path
import re

from jinja2 import Environment, FileSystemLoader
import pytest

from plugins.clinic.booking import Booking
from plugins.clinic.references import Reference
from plugins.clinic.review import Review

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"
COMPONENTS = sorted(path for path in (TEMPLATES / "components").iterdir() if path.is_dir())


@pytest.fixture(scope="module")
def env():
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)


def render(env, name, **context):
    return env.get_template(f"components/{name}/{name}.html").render(
        SITEURL="https://clinic.example", **context).strip()


class Content:
    def __init__(self, **data):
        self.__dict__.update(data)


@pytest.mark.parametrize("folder", COMPONENTS, ids=[path.name for path in COMPONENTS])
def test_each_component_is_a_folder_with_its_template_and_readme(folder):
    assert (folder / f"{folder.name}.html").is_file()
    assert (folder / "README.md").read_text(encoding="utf-8").startswith(f"# {folder.name}\n")


def test_the_stylesheet_holds_every_component_s_css_once():
    listed = re.findall(r'\{% include "([^"]+\.css)" %\}',
                        (TEMPLATES / "site.css").read_text(encoding="utf-8"))
    wanted = [f"components/{p.name}/{p.name}.css" for p in COMPONENTS
              if (p / f"{p.name}.css").is_file()]
    assert sorted(set(listed) & set(wanted)) == sorted(wanted)
    assert len(listed) == len(set(listed))
    for css in listed:  # a Jinja comment opener would cut the stylesheet short
        assert "{#" not in (TEMPLATES / css).read_text(encoding="utf-8"), css


def test_review_shows_who_reviewed_and_when(env):
    review = Review("director", {"name": "Dr A & B", "credentials": "PT, DPT",
                                 "job_title": "Director"}, date(2024, 6, 1), date(2025, 6, 1))
    html = render(env, "review", page=Content(review=review, modified=None))
    assert "Medically reviewed by <strong>Dr A &amp; B</strong>, PT, DPT, Director" in html
    assert '<time datetime="2024-06-01">June 1, 2024</time>' in html
    assert '<time datetime="2025-06-01">June 1, 2025</time>' in html
    assert "Last updated" not in html
    assert render(env, "review", page=Content(review=None)) == ""


def test_references_are_a_numbered_list_of_what_the_writer_cited(env):
    cited = Content(references=[Reference("A", "https://a.example/", '<a href="https://a.example/">A</a>'),
                                Reference("B, 2020", None, "B, 2020")],
                    references_heading="Sources", references_id="sources")
    html = render(env, "references", article=cited)
    assert html == ('<section class="references" aria-labelledby="sources"><h2 id="sources">'
                    'Sources</h2><ol><li><a href="https://a.example/">A</a></li><li>B, 2020'
                    "</li></ol></section>")
    assert render(env, "references", page=Content(references=[])) == ""


def test_the_booking_call_to_action_is_data(env):
    booking = Booking("contact/", "(555) 010-0142", "+15550100142")
    html = render(env, "booking_cta", page=Content(booking=booking))
    assert 'href="https://clinic.example/contact/">Book an appointment</a>' in html
    assert '<a href="tel:+15550100142">(555) 010-0142</a>' in html
    assert render(env, "booking_cta", page=Content(booking=None)) == ""  # the booking page


def test_breadcrumbs_mark_the_current_page_and_need_two_steps(env):
    trail = [{"title": "Home", "url": ""}, {"title": "Services", "url": "services/"}]
    html = render(env, "breadcrumbs", page=Content(breadcrumbs=trail))
    assert '<nav class="breadcrumbs wrap" aria-label="Breadcrumb">' in html
    assert '<a href="https://clinic.example/services/" aria-current="page">Services</a>' in html
    assert render(env, "breadcrumbs", page=Content(breadcrumbs=trail[:1])) == ""


def test_the_draft_banner_shows_the_plugin_s_sentence(env):
    html = render(env, "draft_banner", page=Content(draft_banner="Not <published>."))
    assert '<p class="draft-banner" role="note"><strong>Draft</strong> Not &lt;published&gt;.' \
        in html
    assert render(env, "draft_banner", page=Content(draft_banner=None)) == ""


def test_icons_are_hidden_drawn_in_the_text_color_and_have_a_fallback(env):
    template = env.from_string('{% from "components/icon/icon.html" import icon %}'
                               '{{ icon("athletes", "person") }}|{{ icon("new-one", "person") }}'
                               '|{{ icon("person") }}')
    athletes, unknown, person = template.render().split("|")
    assert 'aria-hidden="true"' in athletes and 'stroke="currentColor"' in athletes
    assert unknown == person != athletes  # a name without an icon draws the fallback's


def test_the_header_has_a_call_button_and_a_menu_that_needs_no_javascript(env):
    html = render(env, "header", NAV=[("Home", "", "home"), ("Contact", "contact/", "contact")],
                  CLINIC={"name": "A clinic", "phone": "(555) 010-0142",
                          "phone_e164": "+15550100142"}, SEARCH_URL="search/", section="contact")
    assert '<a class="header-action header-call" href="tel:+15550100142">' in html
    assert "<details" in html and "<summary" in html and "<script" not in html
    assert html.count('aria-current="page"') == 2  # the menu's and the wide screen's
    assert html.count('aria-label="Main"') == 2
