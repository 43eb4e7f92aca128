"""plugins/checks/plain_language.py: reading grade, longest sentences and jargon, as notices."""

import pytest

from plugins.checks import plain_language
from plugins.common.build import build_of
from plugins.common.contents import contents
from tests.conftest import ROOT
from tests.unit.tiny_site import TinySite

HARD_SENTENCE = (
    "Comprehensive musculoskeletal rehabilitation necessitates individualized therapeutic"
    " interventions, incorporating progressive neuromuscular reeducation, proprioceptive"
    " facilitation and manual mobilization techniques, particularly following orthopedic"
    " surgical procedures involving significant periarticular inflammation."
)
HARD_PAGE = f"""Title: Rehabilitation considerations
Slug: rehabilitation-considerations
Summary: A page written the way clinicians write to each other.

{HARD_SENTENCE}

Patients should ambulate bilaterally with assistance until proprioception improves
considerably, since postoperative edema frequently compromises functional independence
and, consequently, participation in occupational and recreational activities.

{HARD_SENTENCE.replace("Comprehensive", "Additionally, comprehensive")}

Subsequently, individualized home exercise programming emphasizes graduated
strengthening, flexibility enhancement and cardiovascular conditioning, facilitating
sustainable functional improvements and minimizing recurrence of symptomatic
musculoskeletal dysfunction.
"""
EASY_TEXT = " ".join(["We help you move. It should not hurt. You can ask us anything."] * 12)
EASY_PAGE = f"""Title: Come and see us
Slug: come-and-see-us

{EASY_TEXT}

## References

- [{HARD_SENTENCE}](https://example.org/a), 2020.
"""
PRODUCTION_STEPS = ["checks.plain_language", "checks.report"]


@pytest.fixture
def site():
    tiny = TinySite("plain-language-tests-")
    yield tiny
    tiny.remove()


def line_of(text, page=HARD_PAGE):
    """The first line of the page's source holding text."""
    return next(number for number, line in enumerate(page.splitlines(), start=1)
                if text in line)


def measured(built, slug):
    [content] = [c for c in contents(build_of(built.settings).generators) if c.slug == slug]
    return content.plain_language


def test_a_hard_page_gets_a_notice_naming_the_file_its_grade_and_longest_sentences(site):
    path = site.write("pages/hard.md", HARD_PAGE)
    built = site.build("publishconf.py")
    assert not built.failed, built.messages()  # a notice never fails a build
    [grade] = built.messages("reading-grade")
    assert grade.startswith(f"{path}:1: reading grade ")
    figures = measured(built, "rehabilitation-considerations")
    assert figures.grade > 8
    assert f"reading grade {figures.grade:.1f}, above the target of 8" in grade
    assert (f"line {line_of('Additionally')}, 27 words: \"Additionally, comprehensive"
            " musculoskeletal") in grade
    assert f"line {line_of('Comprehensive')}, 26 words: \"Comprehensive musculoskeletal" in grade
    assert grade.endswith("— split long sentences and use shorter, everyday words"
                          " [reading-grade]")
    report = build_of(built.settings).report
    assert sorted(p.check for p in report.of_severity("notice")) == [
        "plain-words", "plain-words", "plain-words", "plain-words", "reading-grade"]
    assert any(line.startswith(f"notice: {path}:1: reading grade") for line in report.lines())
    assert "never a failure" in report.summary()


def test_jargon_is_named_at_its_line_with_the_plain_word(site):
    path = site.write("pages/hard.md", HARD_PAGE)
    built = site.build()  # while writing too: the word list costs nothing
    assert sorted(built.messages("plain-words")) == sorted([
        f"{path}:{line_of('ambulate')}: 'ambulate' is a clinician's word — write 'walk', or"
        " explain it the first time [plain-words]",
        f"{path}:{line_of('musculoskeletal')}: 'musculoskeletal' is a clinician's word —"
        " write 'of the muscles, bones and joints', or explain it the first time"
        " [plain-words]",
        f"{path}:{line_of('proprioception')}: 'proprioception' is a clinician's word — write"
        " 'sense of where your body is', or explain it the first time [plain-words]",
        f"{path}:{line_of('edema')}: 'edema' is a clinician's word — write 'swelling', or"
        " explain it the first time [plain-words]",
    ])
    assert built.messages("reading-grade") == []  # the grade: invoke check and production


def test_the_grade_is_of_the_writers_text_not_references_or_disclaimer(site):
    site.write("pages/easy.md", EASY_PAGE)
    built = site.build("publishconf.py")
    assert built.messages("reading-grade") == [] and built.messages("plain-words") == []
    figures = measured(built, "come-and-see-us")
    assert figures.words == len(EASY_TEXT.split()) and figures.grade <= 2
    assert figures.sentences == 36


def test_short_pages_notice_pages_and_skipped_slugs_are_not_graded(site):
    site.write("pages/short.md", f"Title: Short\nSlug: short\n\n{HARD_SENTENCE}\n")
    site.write("pages/privacy.md", HARD_PAGE.replace("rehabilitation-considerations",
                                                     "privacy-practices"))
    site.write("pages/skipped.md", HARD_PAGE.replace("rehabilitation-considerations",
                                                     "skipped-page"))
    built = site.build("publishconf.py", NOTICE_LINKS=[("privacy-practices", "Privacy")],
                       PLAIN_LANGUAGE={"grade": True, "skip": ["skipped-page"]})
    assert built.messages("reading-grade") == []
    # The short page's words are still checked; the notice and the skipped page are not.
    assert [m.split(":")[0] for m in built.messages("plain-words")] == [
        f"{site.content}/pages/short.md"]


def test_settings_change_the_target_and_the_word_list(site):
    path = site.write("pages/hard.md", HARD_PAGE)
    built = site.build("publishconf.py", PLAIN_LANGUAGE={"grade": True, "target_grade": 40},
                       PLAIN_WORDS={"assistance": "help"})
    assert built.messages("reading-grade") == []
    assert built.messages("plain-words") == [
        f"{path}:{line_of('assistance')}: 'assistance' is a clinician's word — write 'help',"
        " or explain it the first time [plain-words]"]


def test_the_figures_are_printed_and_appended_to_the_job_summary(site, tmp_path, capfd):
    site.write("pages/hard.md", HARD_PAGE)
    site.write("pages/easy.md", EASY_PAGE)
    summary = tmp_path / "summary.md"
    built = site.build("publishconf.py", OUTPUT_PIPELINE=PRODUCTION_STEPS,
                       REPORT_MARKDOWN=str(summary))
    assert not built.failed
    printed = capfd.readouterr().err
    assert "Reading grade (Flesch-Kincaid; target 8 or below) of 2 patient-facing pages:" in (
        printed)
    hard = measured(built, "rehabilitation-considerations")
    assert f"{hard.grade:5.1f}  {site.content}/pages/hard.md" in printed
    assert "above target" in printed
    text = summary.read_text(encoding="utf-8")
    assert text.index("## Plain language") < text.index("## Build report")
    assert f"| **{hard.grade:.1f}** | Rehabilitation considerations (`" in text
    assert "### Notices: advice, never a failure" in text and "`reading-grade` |" in text


def test_sentences_split_at_full_stops_and_blocks():
    blocks = plain_language.text_blocks(
        "<h2>What it is</h2><p>One. Two words! <em>Three</em> is here?</p>"
        "<ul><li><p>Inner item</p></li><li>Outer item</li></ul><pre><code>x = 1</code></pre>")
    assert blocks == ["What it is", "One. Two words! Three is here?", "Inner item",
                      "Outer item"]
    assert plain_language.sentences_of(blocks) == [
        "What it is", "One.", "Two words!", "Three is here?", "Inner item", "Outer item"]


def test_the_writers_guide_lists_the_default_word_list():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    for term, plain in plain_language.PLAIN_WORDS_DEFAULT.items():
        assert f"| {term} | {plain} |" in guide
    assert 12 <= len(plain_language.PLAIN_WORDS_DEFAULT) <= 40
