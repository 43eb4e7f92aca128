"""The ordered output pipeline: every step after Pelican has written the site, in one list.

``OUTPUT_PIPELINE`` (a setting) names the steps in the order they run, as
modules under ``plugins/`` (``"output.minify"`` is ``plugins/output/minify.py``).
Each step module has ``run(build)``; ``build`` is the build's state
(``plugins/common/build.py``): its settings, output folder, contents and report.

A step may start work in the background (the search index does) by adding a
function to ``build.waiting``; a step with ``READS_WHOLE_OUTPUT = True`` (it
lists or rewrites every file: host files, link check, compressed copies)
first waits for that work. The report (``checks.report``) prints the
problems and fails the build on an error; it runs where the list names it,
or last when the list does not.
"""

import importlib

from pelican import signals

from plugins.common.build import build_of

REPORT = "checks.report"


def step_module(name):
    return importlib.import_module(f"plugins.{name}")


def steps(settings):
    names = list(settings.get("OUTPUT_PIPELINE") or [])
    if REPORT not in names:
        names.append(REPORT)
    return [(name, step_module(name)) for name in names]


def run_pipeline(pelican):
    build = build_of(pelican.settings)
    try:
        for _name, step in steps(pelican.settings):
            if getattr(step, "READS_WHOLE_OUTPUT", False):
                build.finish_background()
            step.run(build)
    finally:
        build.finish_background()


def keep_generators(generators):
    """Once every content is read: the generators and the shared context, for the steps."""
    generators = list(generators)
    if generators:
        build = build_of(generators[0].settings)
        build.generators = generators
        build.context = generators[0].context


def register():
    signals.all_generators_finalized.connect(keep_generators)
    signals.finalized.connect(run_pipeline)
