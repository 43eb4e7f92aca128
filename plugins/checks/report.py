"""The build's report: every problem on one line, at the end; any error fails the build.

A plugin (``register()``) and an output step (``run()``):

- at ``initialized`` it starts the build's report and collects every warning
  or error that Pelican (or a library) logs while the build runs, as a
  problem of the check ``pelican``. Pelican's own messages for causes a check
  here reports better, with the file and line, are dropped, and none is
  printed while the build runs: each problem is told once, in the report.
  Once every file is read it adds the problems noted on contents when they
  were read (``plugins.common.problems.note``), so a file served by the
  content cache is reported as often as it is built.
- as the ``checks.report`` step of ``OUTPUT_PIPELINE`` it prints the report
  and, when any problem is an error (``SEVERITY``), fails the build, so the
  steps after it (compressed copies) run only for a good build.

With ``REPORT_MARKDOWN`` set to a file name (pelicanconf.py takes it from the
environment variable of that name), the step also appends the report in
Markdown to that file: a pull request's job summary (``$GITHUB_STEP_SUMMARY``).

A plugin of ``PLUGINS_WANTED`` (pelicanconf.py's copy of ``PLUGINS``) that Pelican
could not load is an error (``plugin-not-loaded``): Pelican itself logs it before
any plugin runs and builds on without it. A build that crashes before the report
prints what was found so far.
"""

import errno
import logging
import os
import sys

from pelican import signals

from plugins.common.build import build_of
from plugins.common.contents import contents
from plugins.common.problems import Problem, display_path

# Pelican's messages that a check reports better (file, line, how to fix it).
ALWAYS_REDUNDANT = (
    "Unable to find '%s', skipping url replacement.",  # broken-intrasite-link
    "Empty alt attribute for image %s in %s",  # image-without-alt
    'There are %s items "%s" with lang %s',  # duplicate-output
    "There are %s original (not translated) items %s",
    'Unable to generate valid slug for %s "%s".',  # tag-address
    "Duplicate definition of `%s` for %s. Using first one.",  # repeated-field
)
ABOUT_A_MISSING_FILE = ("Cannot get modification stamp for %s\n\t%s",)  # broken-intrasite-link
ABOUT_A_SOURCE = (
    "Skipping %s: could not find information about '%s'",  # missing-metadata
    "Could not process %s",  # not-utf8, invalid-date, empty-file
)


# Write errors that mean the disk (or the quota, or the file size limit) is full.
DISK_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


class BuildFailed(SystemExit):
    """Raised at the end of a build with errors: Pelican exits with status 1 and no traceback."""


class ProblemCollector(logging.Handler):
    """Every WARNING-or-worse record of the build, kept as a problem of the report."""

    def __init__(self, build):
        super().__init__(level=logging.WARNING)
        self.build = build

    def redundant(self, record):
        if not isinstance(record.msg, str):
            return False
        if record.msg.startswith(ALWAYS_REDUNDANT):
            return True
        if record.msg in ABOUT_A_MISSING_FILE and record.args:
            return not os.path.exists(str(record.args[0]))
        if record.msg in ABOUT_A_SOURCE and record.args:
            path = str(record.args[0])
            base = self.build.settings.get("PATH", "")
            for candidate in (path, os.path.join(base, path)):
                if self.build.report.about(display_path(candidate)):
                    return True
        return False

    def emit(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, OSError) and error.errno in DISK_FULL:
            # A full disk or file size limit: Pelican's own line names no file and no cause.
            where = f" ({error.filename})" if error.filename else ""
            self.build.report.add(Problem(
                "disk-full", f"the site could not be written: {error.strerror}{where}",
                "make room on the disk (or raise the file size limit), then build again;"
                " the last good site is kept"))
        elif not self.build.settings.get("CONTENT_CHECKS", True) or not self.redundant(record):
            try:
                message = record.getMessage()
            except Exception:  # a badly formatted log call is still a problem
                message = str(record.msg)
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                message += f" ({type(error).__name__}: {error})"
            self.build.report.add(Problem(record.name.split(".")[0] or "build", message))
        if record.levelno >= logging.CRITICAL:
            # The build has crashed and the report step will not come: say it all now.
            print_report(self.build)


class CollectedElsewhere(logging.Filter):
    """On the other handlers: warnings and errors are printed by the report, once."""

    def filter(self, record):
        return record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL


def start(pelican):
    """Start this build's report and collect what is logged."""
    build = build_of(pelican.settings)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, ProblemCollector):  # of an earlier build in this process
            root.removeHandler(handler)
    for handler in root.handlers:
        if not any(isinstance(f, CollectedElsewhere) for f in handler.filters):
            handler.addFilter(CollectedElsewhere())
    root.addHandler(ProblemCollector(build))
    # Pelican logs a plugin it cannot load before this plugin is registered, and builds on
    # without it (a site without its disclaimer, say): that is an error of the build.
    loaded = set(pelican.settings.get("PLUGINS") or [])
    for name in pelican.settings.get("PLUGINS_WANTED") or []:
        if name not in loaded:
            build.report.add(Problem("plugin-not-loaded", f"the plugin {name} could not be"
                                     " loaded (Pelican printed why, above)", "fix it, or take"
                                     " it out of PLUGINS in pelicanconf.py"))


def recall_noted_problems(generators):
    """Problems noted on contents when they were read: contents from the cache, too."""
    generators = list(generators)
    if generators:
        report = build_of(generators[0].settings).report
        for content in contents(generators):
            for problem in getattr(content, "noted_problems", ()):
                report.add(problem)


def print_report(build):
    lines = build.report.lines()
    if lines:
        print("\n".join([*lines, build.report.summary()]), file=sys.stderr, flush=True)


def append_markdown(build):
    """The report in Markdown, appended to REPORT_MARKDOWN (a job summary) when it is set."""
    path = build.settings.get("REPORT_MARKDOWN")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(build.report.markdown() + "\n")


def run(build):
    """Print every problem; fail the build when any is an error."""
    build.finish_background()
    print_report(build)
    append_markdown(build)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, ProblemCollector) and handler.build is build:
            root.removeHandler(handler)
    if build.report.errors():
        raise BuildFailed(1)


def register():
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(recall_noted_problems)
