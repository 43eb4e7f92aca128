"""The check functions of plugins/checks (sources, html), the fields' rules, the draft banner.

The whole-build behaviour (every check failing a real build with file and
line) is in tests/site/test_content_checks.py.
"""

import datetime

from pelican.contents import Article
import pytest

from plugins.checks import html as html_checks
from plugins.checks import sources as checks
from plugins.clinic.drafts import banner_text
from plugins.common import fields
from plugins.common.problems import find_line, metadata_line

SETTINGS = {
    "ARTICLE_CATEGORIES": ["Treatments", "Conditions"],
    "AUTHORS_ALLOWED": ["Clinic team"],
    "DEFAULT_METADATA": {"status": "published"},
}


def source(tmp_path, text, kind="article"):
    path = tmp_path / "file.md"
    path.write_text(text, encoding="utf-8")
    return checks.Source(str(path), kind, SETTINGS)


def found(check, item):
    return [(problem.where, problem.message) for problem in check(item)]


@pytest.mark.parametrize("text, body_start, problem_line", [
    ("Title: A\nSummary: B\n\nText.\n", 4, None),
    ("Title: A\nSummary: B\n    continued\n\nText.\n", 5, None),
    ("---\nTitle: A\n---\nText.\n", 4, None),
    ("Title: A\nText right after.\n", 2, 2),
    ("Title: A\nNext review: 2024-01-01\n\nText.\n", 2, 2),
    ("---\nTitle: A\n\nText.\n", 4, 1),
    ("---\nTitle: A\n", 3, 1),
    ("Title: A\nSummary: B\n", 3, None),  # metadata only: the template supplies the page
    ("Just text, no metadata.\n", 1, None),
])
def test_parse_header(text, body_start, problem_line):
    _, start, problem = checks.parse_header(text.splitlines())
    assert start == body_start
    assert (problem.where if problem else None) == problem_line


def test_continuation_lines_join_the_value():
    fields, _, _ = checks.parse_header(["Summary: one", "    two", "", "x"])
    assert fields["summary"] == [(1, "Summary", "one two")]


@pytest.mark.parametrize("value, valid", [
    ("2024-06-01", True), ("2024-06-01 09:00", True), ("2024-06-01T09:00:30", True),
    ("2024-06-01 09:00+02:00", True), ("2024-02-30", False), ("2024-06-01 25:00", False),
    ("June 1, 2024", False), ("01/06/2024", False), ("", False),
])
def test_dates(value, valid):
    assert (fields.date_problem(value) is None) == valid


def test_unknown_key_suggests_the_closest_known_one(tmp_path):
    problems = found(checks.unknown_metadata_key,
                     source(tmp_path, "Title: A\nSumary: B\nNext-review: 2024-01-01\n\nx\n"))
    assert problems == [
        (2, "unknown metadata key 'Sumary' (did you mean Summary?)"),
        (3, "unknown metadata key 'Next-review' (did you mean Next_review?)"),
    ]


def test_headings_ignore_code_and_find_setext_and_html(tmp_path):
    text = ("Title: A\n\n## One\n\n```\n# not a heading\n```\n\nTwo\n---\n\n"
            "<h4>Four</h4>\n\n    # indented code\n\nThree\n=====\n")
    levels = list(checks.headings(source(tmp_path, text)))
    assert levels == [(3, 2), (9, 2), (12, 4), (16, 1)]
    assert [where for where, _ in found(checks.heading_skips_level,
                                        source(tmp_path, text))] == [12]
    assert [where for where, _ in found(checks.second_top_level_heading,
                                        source(tmp_path, text))] == [16]


@pytest.mark.parametrize("body, levels", [
    ("   ~~~~\n# in a tilde fence\n~~~\n~~~~~\n   ### After\n", [(7, 3)]),  # ~~~ is too short
    ("    ```\n# after indented backticks\n", [(4, 1)]),  # 4 spaces: code, not a fence
    ("Text <H2 class=x>Upper</H2> and <h3>more</h3>\n", [(3, 2), (3, 3)]),
    ("- item\n---\n\nPara\n  ==\n", [(6, 1)]),  # a rule under a list item is no heading
    ("#hashtag\n#\n####### seven\n", [(4, 1)]),  # "#" alone is an empty heading
    ("A TODO-free line\n", []),
])
def test_heading_edge_cases(tmp_path, body, levels):
    assert checks.headings(source(tmp_path, "Title: A\n\n" + body)) == levels


def test_todo_is_allowed_in_drafts_only(tmp_path):
    assert found(checks.todo_left, source(tmp_path, "Title: A\nStatus: draft\n\nTODO\n")) == []
    assert [w for w, _ in found(checks.todo_left, source(tmp_path, "Title: A\n\nTODO x\n"))] == [3]


def test_category_and_author_suggestions(tmp_path):
    item = source(tmp_path, "Title: A\nCategory: treatment\nAuthor: Clinic Team\n\nx\n")
    assert "did you mean 'Treatments'?" in found(checks.unknown_category, item)[0][1]
    assert "did you mean 'Clinic team'?" in found(checks.unknown_author, item)[0][1]


def test_find_line_counts_occurrences(tmp_path):
    path = tmp_path / "f.md"
    path.write_text("a.png\nb\na.png\n", encoding="utf-8")
    assert find_line(str(path), "a.png", 2) == 3
    assert find_line(str(path), "missing") is None
    path.write_text("Title: A\nSlug: b\n\nSlug: not metadata\n", encoding="utf-8")
    assert metadata_line(str(path), "slug") == 2
    assert metadata_line(str(path), "summary") is None


def test_a_misspelt_required_key_is_one_problem(tmp_path):
    item = source(tmp_path, "Title: A\nDate: 2024-01-01\nCatgory: Treatments\nAuthor: "
                            "Clinic team\nSummary: x\nMedical: no\n\nText.\n")
    assert found(checks.unknown_metadata_key, item) == [
        (3, "unknown metadata key 'Catgory' (did you mean Category?)")]
    assert found(checks.missing_metadata, item) == []


def test_what_a_file_needs_comes_from_the_field_table(tmp_path):
    needed = {field.key for field in fields.required("article", medical=True)}
    assert needed == {"title", "date", "category", "author", "summary", "reviewer", "reviewed"}
    assert {field.key for field in fields.required("article", True, published=False)} == (
        needed - {"reviewer", "reviewed"})  # a draft waits for its review
    assert {field.key for field in fields.required("page")} == {"title"}
    item = source(tmp_path, "Title: A\nDate: 2024-01-01\nCategory: Treatments\nAuthor: "
                            "Clinic team\nSummary: x\n\nText.\n")
    assert [message.split(";")[0] for _, message in found(checks.missing_metadata, item)] == [
        "the metadata has no Reviewer: line", "the metadata has no Reviewed: line"]


@pytest.mark.parametrize("kind, value, medical", [
    ("article", "", True), ("article", "no", False), ("article", "yes", True),
    ("page", "", False), ("page", "yes", True), ("page", "no", False),
])
def test_what_is_medical_is_one_rule(kind, value, medical):
    assert fields.is_medical(kind, {"medical": value} if value else {}) is medical


class FakeArticle(Article):
    def __init__(self, status, date):  # no Pelican machinery needed for banner_text
        self.status = status
        self.date = date
        self.locale_date = date.strftime("%Y-%m-%d")


def test_banner_for_drafts_and_future_articles_only():
    now = datetime.datetime(2024, 6, 1)
    assert banner_text(FakeArticle("draft", now), now).startswith("Not published")
    assert banner_text(FakeArticle("published", datetime.datetime(2024, 7, 1)), now) \
        .startswith("Scheduled for 2024-07-01")
    assert banner_text(FakeArticle("published", datetime.datetime(2024, 5, 1)), now) is None


def test_element_scan_sees_what_the_checks_need():
    html = ('<IMG SRC="a.png" alt><!-- <img src="in-comment.png"> -->'
            '<script>var s = "<img src=in-script.png>";</script>'
            '<noscript><img src="https://tracker.example/p.gif"></noscript>'
            '<template><script src="https://cdn.example/a.js"></script></template>'
            '<p id="x" onclick="go()">A &amp; <a href="/b?c=1&amp;d=2">b</a></p>')
    scan = html_checks.element_scan(html)
    found = [(tag, attributes) for tag, attributes in scan
             if tag not in ("html", "head", "body")]
    assert found == [
        ("img", {"src": "a.png", "alt": ""}),  # a valueless attribute is ""
        ("script", {}),
        ("noscript", {}), ("img", {"src": "https://tracker.example/p.gif"}),
        ("template", {}), ("script", {"src": "https://cdn.example/a.js"}),
        ("p", {"id": "x", "onclick": "go()"}), ("a", {"href": "/b?c=1&d=2"}),
    ]
    assert html_checks.element_scan("") == [] and html_checks.element_scan("  \n") == []
