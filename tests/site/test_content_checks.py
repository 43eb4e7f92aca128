"""Every writer mistake fails the build with FILE:LINE, and output/ stays as it was.

Each case plants one mistake in a copy of content/, runs the same atomic build
as `invoke build` (tasks.atomic_build) against an output/ that holds a good
site, and checks the exit status, the message (file, line, check name) and
that output/ is byte-identical afterwards.
"""

from datetime import date
from pathlib import Path
import shutil

from invoke import Exit
import pytest

from plugins.content_checks.content_checks import CHECKS
import tasks
from tests.conftest import CONTENT, checksums, leftovers

AUTHOR = "TheraRehab and Wellness clinical team"
REVIEWED = date.today().isoformat()  # never overdue
ARTICLE_FIELDS = {
    "Title": "A test article",
    "Date": "2024-07-01",
    "Category": "Treatments",
    "Author": AUTHOR,
    "Reviewer": "clinical-director",
    "Reviewed": REVIEWED,
    "Summary": "A test.",  # last: some cases edit the end of the metadata block
}
SMALL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001d5a3c4a30000000049454e44ae426082"
)


def article(body="Some text.\n", **fields):
    """An article's source: the required fields (None removes one), then the body."""
    merged = {**ARTICLE_FIELDS, **fields}
    header = "".join(f"{key}: {value}\n" for key, value in merged.items() if value is not None)
    return f"{header}\n{body}"


def medical_page(**fields):
    merged = {"Title": "Neck pain", "Slug": "neck-pain-test", "Medical": "yes",
              "Reviewer": "clinical-director", "Reviewed": REVIEWED, **fields}
    header = "".join(f"{key}: {value}\n" for key, value in merged.items() if value is not None)
    return f"{header}\nAbout neck pain.\n"


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
    ("metadata-not-closed", "articles/unclosed-fence.md",
     "---\n" + article(), "---"),
    ("missing-metadata", "articles/no-summary.md", article(Summary=None), "Title:"),
    ("missing-metadata", "articles/no-date.md", article(Date=None), "Title:"),
    ("missing-metadata", "articles/empty-title.md", article(Title=""), "Title:"),
    ("missing-metadata", "pages/no-reviewer.md", medical_page(Reviewer=None), "Title:"),
    ("unknown-metadata-key", "articles/typo.md", article(Sumary="typo"), "Sumary:"),
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
    ("missing-anchor", "articles/anchor.md",
     article("Intro.\n\nSee [hours]({filename}/pages/contact.md#no-such-heading).\n"),
     "no-such-heading"),
    ("missing-anchor", "articles/own-anchor.md",
     article("## Real heading\n\nJump [down](#not-here).\n"), "#not-here"),
    ("image-without-alt", "articles/alt.md",
     article("Intro.\n\n![]({static}/images/tiny.png)\n"), "tiny.png"),
    ("image-too-large", "images/huge.jpg", b"\xff" * 600_000, None),
    ("duplicate-output", "articles/same-slug.md",
     article(Slug="do-physical-therapists-massage"), "Slug:"),
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
]


@pytest.fixture(scope="session")
def good_site(tmp_path_factory):
    """The real site, built once by the atomic build."""
    output = tmp_path_factory.mktemp("good") / "output"
    tasks.atomic_build(None, tasks.DEV_SETTINGS, output=output, content=CONTENT)
    return output


@pytest.fixture
def site_output(good_site, tmp_path):
    """A writable output/ holding the last good build."""
    output = tmp_path / "site" / "output"
    shutil.copytree(good_site, output)
    return output


def plant(content, relative, text):
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "tiny.png").write_bytes(SMALL_PNG)
    return path


def failed_build(content, output, capfd, settings=tasks.DEV_SETTINGS):
    """Run the atomic build, expect it to fail; return its stderr."""
    before = checksums(output)
    with pytest.raises(Exit) as failure:
        tasks.atomic_build(None, settings, output=output, content=content)
    assert failure.value.code not in (0, None)
    assert checksums(output) == before, "a failed build changed output/"
    assert leftovers(output) == []
    return capfd.readouterr().err


def expected_location(path, text, marker):
    if marker is None:
        return f"{path}: "
    lines = (text.decode("latin-1") if isinstance(text, bytes) else text).splitlines()
    line = next(number for number, line in enumerate(lines, start=1) if marker in line)
    return f"{path}:{line}: "


def test_every_check_has_a_planted_mistake():
    assert {name for name, *_ in MISTAKES} == {check.name for check in CHECKS}


@pytest.mark.parametrize(
    "name, relative, text, marker", MISTAKES,
    ids=[f"{name}:{Path(relative).stem}" for name, relative, *_ in MISTAKES],
)
def test_mistake_fails_the_build_naming_file_and_line(
        name, relative, text, marker, content_copy, site_output, capfd):
    path = plant(content_copy, relative, text)
    settings = tasks.PROD_SETTINGS if name == "plain-http-link" else tasks.DEV_SETTINGS
    stderr = failed_build(content_copy, site_output, capfd, settings)
    reports = [line for line in stderr.splitlines() if line.endswith(f"[{name}]")]
    location = expected_location(path, text, marker)
    assert any(location in line for line in reports), stderr
    for line in reports:  # one problem, one line: path, what, then how to fix it
        assert line.startswith("error: ") and " — " in line


@pytest.mark.parametrize("cryptic, relative, text", [
    ("could not find information about", "articles/no-date.md", article(Date=None)),
    ("Unable to find", "articles/link.md", article("[x]({filename}nope.md)\n")),
    ("Empty alt attribute", "articles/alt.md", article('<img src="/x.png" alt="">\n')),
    ("Could not process", "articles/bad-date.md", article(Date="2024-13-01")),
    ("There are 2 items", "articles/same-slug.md",
     article(Slug="do-physical-therapists-massage")),
    ("FileOverwriteFailedError", "pages/same-url.md",
     "Title: Clash\nSave_as: index.html\n\nText.\n"),
])
def test_pelicans_cryptic_message_is_replaced(cryptic, relative, text, content_copy,
                                              site_output, capfd):
    path = plant(content_copy, relative, text)
    stderr = failed_build(content_copy, site_output, capfd)
    assert cryptic not in stderr
    assert f"{path}:" in stderr


def test_duplicate_output_names_both_files(content_copy, site_output, capfd):
    path = plant(content_copy, "pages/clash.md", "Title: Clash\nSave_as: index.html\n\nText.\n")
    stderr = failed_build(content_copy, site_output, capfd)
    line = next(line for line in stderr.splitlines() if "[duplicate-output]" in line)
    assert str(path) in line and "home.md" in line and "index.html" in line


def test_three_mistakes_are_all_reported_in_one_build(content_copy, site_output, capfd):
    plant(content_copy, "articles/one.md", article(Category="Gossip"))
    plant(content_copy, "articles/two.md", article(Title="Two", Summary=None))
    plant(content_copy, "articles/three.md", article("# Second title\n", Title="Three"))
    stderr = failed_build(content_copy, site_output, capfd)
    for file, name in [("one.md", "unknown-category"), ("two.md", "missing-metadata"),
                       ("three.md", "second-top-level-heading")]:
        assert any(file in line and line.endswith(f"[{name}]") for line in stderr.splitlines())
    assert "The build found 3 problems" in stderr


def test_plain_http_link_is_a_notice_in_development(content_copy, site_output, capfd):
    plant(content_copy, "articles/http.md", article("[study](http://example.org/study)\n"))
    tasks.atomic_build(None, tasks.DEV_SETTINGS, output=site_output, content=content_copy)
    stderr = capfd.readouterr().err
    assert "notice: " in stderr and "[plain-http-link]" in stderr
    assert (site_output / "articles/a-test-article/index.html").is_file()


def test_valid_content_passes_every_check(content_copy, site_output, capfd):
    plant(content_copy, "articles/fine.md", article(
        "## Section\n\n### Sub-section\n\n![A knee]({static}/images/tiny.png)\n\n"
        "[Hours]({filename}/pages/contact.md) and [down](#section-two).\n\n"
        "## Section two\n\n[Study](https://example.org/).\n\n"
        "```\n# not a heading\n```\n",
        Modified="2024-07-02 10:30", Tags="knees, running"))
    next_year = f"{date.today().year + 1}-06-01"
    plant(content_copy, "pages/medical.md", medical_page(Next_review=next_year))
    tasks.atomic_build(None, tasks.DEV_SETTINGS, output=site_output, content=content_copy)
    assert "error" not in capfd.readouterr().err
    assert (site_output / "articles/a-test-article/index.html").is_file()

