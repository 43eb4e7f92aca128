"""output.pipeline: the steps of OUTPUT_PIPELINE in order, background work, the report."""

from pathlib import Path
from types import SimpleNamespace

from pelican.settings import read_settings
import pytest

from plugins.checks.report import BuildFailed
from plugins.common.build import build_of
from plugins.common.problems import report
from plugins.output import pipeline
from tests.unit.tiny_site import ROOT, TinySite


class Steps:
    """Fake step modules, by name; what they saw is kept in ``log``."""

    def __init__(self, monkeypatch, real=()):
        self.log = []
        self.modules = {}
        self.real = set(real)
        original = pipeline.step_module
        monkeypatch.setattr(pipeline, "step_module",
                            lambda name: original(name) if name in self.real
                            else self.modules[name])

    def add(self, name, action=None, reads_whole_output=False):
        def run(build):
            self.log.append(name)
            if action:
                action(build)

        self.modules[name] = SimpleNamespace(run=run, READS_WHOLE_OUTPUT=reads_whole_output)
        return self


def run_pipeline(tmp_path, names, **settings):
    settings = {"OUTPUT_PATH": str(tmp_path), "OUTPUT_PIPELINE": names, **settings}
    pipeline.run_pipeline(SimpleNamespace(settings=settings))
    return build_of(settings)


def test_steps_run_in_the_listed_order_and_the_report_last_when_not_listed(tmp_path,
                                                                          monkeypatch):
    steps = Steps(monkeypatch)
    for name in ("fake.three", "fake.one", "fake.two", "checks.report"):
        steps.add(name)
    run_pipeline(tmp_path, ["fake.three", "fake.one", "fake.two"])
    assert steps.log == ["fake.three", "fake.one", "fake.two", "checks.report"]


def test_the_report_runs_where_the_list_names_it(tmp_path, monkeypatch):
    steps = Steps(monkeypatch)
    for name in ("fake.one", "fake.two", "checks.report"):
        steps.add(name)
    run_pipeline(tmp_path, ["fake.one", "checks.report", "fake.two"])
    assert steps.log == ["fake.one", "checks.report", "fake.two"]


def test_a_step_reading_the_whole_output_waits_for_background_work(tmp_path, monkeypatch):
    steps = Steps(monkeypatch)

    def start(build):
        build.waiting.append(lambda: steps.log.append("background done"))

    steps.add("fake.start", start)
    steps.add("fake.rewrite")  # goes on while the background work runs
    steps.add("fake.whole", reads_whole_output=True)
    steps.add("fake.after", reads_whole_output=True)
    steps.add("checks.report")
    build = run_pipeline(tmp_path, ["fake.start", "fake.rewrite", "fake.whole", "fake.after"])
    assert steps.log == ["fake.start", "fake.rewrite", "background done", "fake.whole",
                         "fake.after", "checks.report"]
    assert build.waiting == []


def test_background_work_is_finished_even_when_a_step_crashes(tmp_path, monkeypatch):
    steps = Steps(monkeypatch)

    def crash(build):
        raise RuntimeError("a bug in a step")

    steps.add("fake.start", lambda build: build.waiting.append(
        lambda: steps.log.append("background done")))
    steps.add("fake.crash", crash)
    steps.add("fake.never").add("checks.report")
    with pytest.raises(RuntimeError, match="a bug in a step"):
        run_pipeline(tmp_path, ["fake.start", "fake.crash", "fake.never"])
    assert steps.log == ["fake.start", "fake.crash", "background done"]


def reporter(check):
    return lambda build: report(build.settings, check, "something is wrong", "fix it")


def test_an_error_in_the_report_stops_the_steps_after_it(tmp_path, monkeypatch, capsys):
    steps = Steps(monkeypatch, real=["checks.report"])
    steps.add("fake.finds", reporter("some-check")).add("fake.after")
    with pytest.raises(BuildFailed):
        run_pipeline(tmp_path, ["fake.finds", "checks.report", "fake.after"])
    assert steps.log == ["fake.finds"]
    assert "error: something is wrong — fix it [some-check]" in capsys.readouterr().err


@pytest.mark.parametrize("severity", ["warning", "off"])
def test_a_warning_lets_the_steps_after_the_report_run(tmp_path, monkeypatch, severity):
    steps = Steps(monkeypatch, real=["checks.report"])
    steps.add("fake.finds", reporter("some-check")).add("fake.after")
    run_pipeline(tmp_path, ["fake.finds", "checks.report", "fake.after"],
                 SEVERITY={"some-check": severity})
    assert steps.log == ["fake.finds", "fake.after"]


def page(output):
    Path(output).mkdir(parents=True, exist_ok=True)
    (Path(output) / "index.html").write_text("<p>Physical therapy for knees.</p>" * 50)


def test_compressed_copies_are_made_only_for_a_good_build(tmp_path):
    names = ["checks.report", "output.compressed_copies"]
    page(tmp_path / "good")
    run_pipeline(tmp_path / "good", names)
    assert (tmp_path / "good" / "index.html.gz").is_file()

    page(tmp_path / "failed")
    settings = {"OUTPUT_PATH": str(tmp_path / "failed"), "OUTPUT_PIPELINE": names}
    report(settings, "some-check", "something is wrong")
    with pytest.raises(BuildFailed):
        pipeline.run_pipeline(SimpleNamespace(settings=settings))
    assert list((tmp_path / "failed").iterdir()) == [tmp_path / "failed" / "index.html"]


# --- The project's own pipelines -------------------------------------------------------

def pipeline_of(settings_file):
    return read_settings(str(ROOT / settings_file))["OUTPUT_PIPELINE"]


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_every_listed_step_is_a_module_with_run(settings_file):
    names = pipeline_of(settings_file)
    assert len(names) == len(set(names))
    for name, module in pipeline.steps({"OUTPUT_PIPELINE": names}):
        assert callable(module.run), name


def test_the_production_order():
    names = pipeline_of("publishconf.py")
    position = names.index
    # the index is of the pages as written, started before they are rewritten
    assert position("output.images") < position("output.search_index") < position(
        "output.minify") < position("output.asset_hashes")
    # the host files list every folder (the index too) and the renamed assets
    assert position("output.asset_hashes") < position("output.host_files")
    # the link check reads the final pages; a failed build is never compressed
    assert position("output.host_files") < position("checks.links") < position(
        "checks.report") < position("output.compressed_copies") == len(names) - 1
    waiting = {name for name, module in pipeline.steps({"OUTPUT_PIPELINE": names})
               if getattr(module, "READS_WHOLE_OUTPUT", False)}
    assert waiting == {"output.host_files", "checks.links", "output.compressed_copies"}


# --- Through Pelican ------------------------------------------------------------------------

ARTICLE = """Title: Knees
Date: 2024-06-01
Category: {category}
Author: TheraRehab and Wellness clinical team
Summary: Knees.
Medical: no

Physical therapy for knees.
"""


def tiny_build(category, pipeline_names):
    site = TinySite(prefix="pipeline-")
    try:
        site.write("articles/knees.md", ARTICLE.format(category=category))
        built = site.build(OUTPUT_PIPELINE=pipeline_names, IMAGE_DERIVATIVE_CACHE=None)
        return built, sorted(p.relative_to(built.output).as_posix()
                             for p in built.output.rglob("*.gz"))
    finally:
        site.remove()


def test_a_build_compresses_a_good_site_only():
    names = ["checks.report", "output.compressed_copies"]
    built, copies = tiny_build("Treatments", names)
    assert not built.failed, built.messages()
    assert "articles/knees/index.html.gz" in copies
    built, copies = tiny_build("Not a category", names)
    assert built.failed and [p.check for p in built.problems] == ["unknown-category"]
    assert copies == []


def test_a_build_whose_list_leaves_out_the_report_still_runs_it():
    built, _copies = tiny_build("Not a category", [])
    assert built.failed and [p.check for p in built.problems] == ["unknown-category"]
