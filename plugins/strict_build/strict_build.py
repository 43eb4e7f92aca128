"""Turn every warning and error of a build into a failed build, listed in full.

Pelican logs a warning and carries on (a broken link, a skipped file). With
``STRICT_BUILD = True`` this plugin collects every WARNING or ERROR logged
during the build and, once the build is over, prints them all on plain lines
(one problem per line, never wrapped) and exits non-zero. With
``STRICT_BUILD = False`` (livereload) the same list is printed as a report and
the build carries on.
"""

import logging
import sys

import blinker
from pelican import signals
from pelican.log import LimitFilter

log = logging.getLogger(__name__)
REPORT_SIGNAL = "sitemap"  # pelican-granular-signals: the first after `finalized`


class BuildFailed(SystemExit):
    """Raised at the end of a build that logged problems.

    A SystemExit, so Pelican exits with its code instead of printing a
    traceback around the messages the writer needs to read.
    """


class ProblemCollector(logging.Handler):
    """Keep every WARNING-or-worse record logged while the build runs."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a badly formatted log call is still a problem
            message = str(record.msg)
        if message not in self.messages:
            self.messages.append(message)
        if record.levelno >= logging.CRITICAL:
            # The build has crashed and finalized will not come: say everything now,
            # or a build run with the plain log handler would fail without a word.
            print_problems(self.messages, "error")
            self.messages.clear()


def print_problems(problems, label):
    """Print the problems, one per line, and how many there were."""
    lines = [f"{label}: {message}" for message in problems]
    if len(problems) == 1:
        lines.append("The build found 1 problem; fix it and build again.")
    else:
        lines.append(f"The build found {len(problems)} problems; fix them and build again.")
    print("\n".join(lines), file=sys.stderr, flush=True)


collector = ProblemCollector()


def start(pelican):
    """Attach the collector to the root logger for this build."""
    collector.messages.clear()
    # Pelican drops a message it has logged before in this process; livereload
    # builds many times in one process, and a problem still there must be told
    # on every build, not only the first.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    root = logging.getLogger()
    if collector not in root.handlers:
        root.addHandler(collector)


def report(pelican):
    """Print every collected problem; fail the build when strict."""
    problems = list(collector.messages)
    collector.messages.clear()
    if not problems:
        return
    strict = pelican.settings.get("STRICT_BUILD", True)
    print_problems(problems, "error" if strict else "warning")
    if strict:
        raise BuildFailed(1)


def register():
    """Connect the plugin to Pelican's signals.

    The report goes on the first signal pelican-granular-signals sends after
    every ``finalized`` receiver, including those connected during the build
    (the search index is awaited by one), and before the ``compress`` signal,
    so a failed build is never compressed.
    """
    import pelican.plugins.granular_signals

    pelican.plugins.granular_signals.register()
    signals.initialized.connect(start)
    blinker.signal(REPORT_SIGNAL).connect(report)
