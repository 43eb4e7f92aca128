"""plugins/common/problems.py: one problem type, one severity setting, one report."""

from plugins.common.build import Build, build_of
from plugins.common.problems import Problem, Report, report


def test_a_problem_is_one_line_with_where_what_how_and_which_check():
    problem = Problem("missing-metadata", "the metadata has\nno Title:", "add it",
                      "content/a.md", 3)
    assert problem.text() == ("content/a.md:3: the metadata has no Title: — add it"
                              " [missing-metadata]")
    assert Problem("pelican", "something").text() == "something [pelican]"


def test_severity_comes_from_the_one_setting_and_defaults_to_error():
    found = Report({"SEVERITY": {"plain-http-link": "warning", "launch-unfinished": "off",
                                 "odd": "loud"}})
    for check in ("plain-http-link", "launch-unfinished", "missing-metadata", "odd"):
        found.add(Problem(check, f"a {check}"))
    assert [p.check for p in found.problems] == ["plain-http-link", "missing-metadata", "odd"]
    assert [p.check for p in found.errors()] == ["missing-metadata", "odd"]  # unknown: error


def test_the_report_lists_each_problem_once_by_file_and_line():
    found = Report({})
    found.add(Problem("b", "two", path="content/b.md", line=2))
    found.add(Problem("a", "one", path="content/b.md", line=1))
    found.add(Problem("a", "one", path="content/b.md", line=1))
    found.add(Problem("c", "general"))
    assert found.lines() == ["error: general [c]", "error: content/b.md:1: one [a]",
                             "error: content/b.md:2: two [b]"]
    assert found.summary() == "The build found 3 problems; fix them and build again."


def test_report_finds_the_line_of_a_metadata_key_or_a_text(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("Title: A\nReviewer: x\n\nSee reviewer x.\n", encoding="utf-8")
    settings = {}
    first = report(settings, "clinical-review", "unknown", source=source, key="reviewer")
    second = report(settings, "other", "text", source=source, needle="See reviewer")
    assert (first.line, second.line) == (2, 4)
    assert build_of(settings).report.problems == [first, second]


def test_a_build_s_state_is_not_carried_into_pelican_s_cache():
    import pickle

    settings = {}
    build_of(settings).report.add(Problem("x", "y"))
    copy = pickle.loads(pickle.dumps(settings))
    assert isinstance(copy["BUILD_STATE"], Build) and copy["BUILD_STATE"].report.problems == []


def test_a_plugin_that_cannot_be_loaded_fails_the_build():
    from pelicanconf import PLUGINS
    from tests.unit.tiny_site import TinySite

    site = TinySite("plugin-tests-")
    try:
        site.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
        wanted = [*PLUGINS, "plugins.clinic.no_such_plugin"]
        built = site.build(PLUGINS=wanted, PLUGINS_WANTED=wanted)
        assert built.failed
        assert built.messages("plugin-not-loaded") == [
            "the plugin plugins.clinic.no_such_plugin could not be loaded (Pelican printed why,"
            " above) — fix it, or take it out of PLUGINS in pelicanconf.py [plugin-not-loaded]"]
        assert not site.build().failed  # every plugin of the settings file loads
    finally:
        site.remove()


def test_a_notice_is_listed_and_never_fails_a_build():
    found = Report({"SEVERITY": {"reading-grade": "notice"}})
    found.add(Problem("reading-grade", "grade 11", "shorter sentences", "content/a.md", 1))
    assert found.errors() == [] and found.lines() == [
        "notice: content/a.md:1: grade 11 — shorter sentences [reading-grade]"]
    assert found.summary() == "1 notice (listed above; never a failure)."


def test_the_report_in_markdown_is_one_table_row_per_problem_by_severity():
    found = Report({"SEVERITY": {"w": "warning"}})
    assert "No problems found." in found.markdown()
    found.add(Problem("w", "a | pipe\nand <b>tag</b>", "fix it", "content/a.md", 3))
    found.add(Problem("e", "broken", "", None))
    text = found.markdown()
    assert text.index("### Errors: these fail the build") < text.index("### Warnings")
    assert "|  | broken |  | `e` |" in text
    assert "| `content/a.md:3` | a \\| pipe and &lt;b>tag&lt;/b> | fix it | `w` |" in text
    assert "The build found 1 problem; fix it and build again. 1 warning (the build goes on)." in (
        text)
