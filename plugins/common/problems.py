"""One way to report a problem: what is wrong, where, how to fix it, and how much it matters.

Every plugin reports through :func:`report` (or ``build_of(settings).report``);
none prints or logs its findings itself. At the end of the build the
``checks.report`` output step prints every problem on one line::

    error: content/articles/x.md:12: what is wrong — how to fix it [check-id]

sorted by file and line, and fails the build when any is an error.

How much a problem matters is the one ``SEVERITY`` setting: check id ->
``"error"`` (fails the build), ``"warning"`` (listed, the build goes on),
``"notice"`` (advice, such as a reading grade above the target: listed as
``notice:``, never fails a build, in any settings) or ``"off"`` (not listed).
A check the setting does not name is an error.

:meth:`Report.markdown` is the same report in Markdown, for a pull request's
job summary (``REPORT_MARKDOWN``, ``plugins/checks/report.py``).
"""

from dataclasses import dataclass
import os
import re

SEVERITIES = ("error", "warning", "notice", "off")


@dataclass(frozen=True)
class Problem:
    """One problem found in a build."""

    check: str  # the id of the check that found it, e.g. "missing-metadata"
    message: str  # what is wrong
    fix: str = ""  # how to fix it
    path: str | None = None  # the file to fix, as shown to the writer
    line: int | None = None  # its 1-based line, when known

    @property
    def location(self):
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def text(self):
        """The problem on one line: location, what, how to fix it, check id."""
        parts = [f"{self.location}: " if self.location else "", self.message]
        if self.fix:
            parts.append(f" — {self.fix}")
        parts.append(f" [{self.check}]")
        return " ".join("".join(parts).split())  # one line, whatever the message held


class Report:
    """The problems of one build, each once."""

    def __init__(self, settings):
        self.settings = settings
        self.problems = []
        self._seen = set()

    def severity(self, check):
        value = str((self.settings.get("SEVERITY") or {}).get(check, "error")).lower()
        return value if value in SEVERITIES else "error"

    def add(self, problem):
        """Keep a problem (the same problem twice is kept once)."""
        if self.severity(problem.check) == "off" or problem in self._seen:
            return
        self._seen.add(problem)
        self.problems.append(problem)

    def at(self, path, line):
        """The problems reported at this file and line."""
        return [p for p in self.problems if p.path == path and p.line == line]

    def about(self, path):
        """The problems reported about this file."""
        return [p for p in self.problems if p.path == path]

    def errors(self):
        return [p for p in self.problems if self.severity(p.check) == "error"]

    def of_severity(self, severity):
        return [p for p in self.problems if self.severity(p.check) == severity]

    def ordered(self):
        """The problems by file and line (problems without a file first)."""
        return sorted(self.problems, key=lambda p: (p.path or "", p.line or 0))

    def lines(self):
        """Every problem as one line, by file and line (problems without a file first)."""
        return [f"{self.severity(p.check)}: {p.text()}" for p in self.ordered()]

    def summary(self):
        errors = len(self.errors())
        warnings = len(self.of_severity("warning"))
        notices = len(self.of_severity("notice"))
        parts = []
        if errors:
            noun = "problem" if errors == 1 else "problems"
            parts.append(f"The build found {errors} {noun}; fix {'it' if errors == 1 else 'them'}"
                         " and build again.")
        if warnings:
            noun = "warning" if warnings == 1 else "warnings"
            parts.append(f"{warnings} {noun} (listed above; the build goes on).")
        if notices:
            noun = "notice" if notices == 1 else "notices"
            parts.append(f"{notices} {noun} (listed above; never a failure).")
        return " ".join(parts)

    def markdown(self, title="Build report"):
        """The report in Markdown: a count, then a table of every problem by severity."""
        lines = [f"## {title}", ""]
        if not self.problems:
            return "\n".join([*lines, "No problems found.", ""])
        summary = self.summary().replace("listed above; ", "")
        lines += [summary, ""]
        for severity, heading in (("error", "Errors: these fail the build"),
                                  ("warning", "Warnings"),
                                  ("notice", "Notices: advice, never a failure")):
            found = [p for p in self.ordered() if self.severity(p.check) == severity]
            if not found:
                continue
            lines += [f"### {heading}", "", "| where | what is wrong | how to fix it | check |",
                      "| --- | --- | --- | --- |"]
            for problem in found:
                cells = [f"`{problem.location}`" if problem.location else "", problem.message,
                         problem.fix, f"`{problem.check}`"]
                lines.append("| " + " | ".join(markdown_cell(cell) for cell in cells) + " |")
            lines.append("")
        return "\n".join(lines)


def markdown_cell(text):
    """Text safe in one cell of a Markdown table (one line, no column break, no markup)."""
    text = " ".join(str(text).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def display_path(path):
    """Name a file relative to the working folder when it is below it, else in full.

    ``content/articles/x.md`` reads better than an absolute path, and a file
    elsewhere (a temp folder) is clearer in full than as ``../../tmp/...``.
    """
    path = os.path.abspath(str(path))
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def find_line(path, needle, occurrence=1):
    """The 1-based line holding the n-th occurrence of needle (text or compiled pattern)."""
    if not needle or not path:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            seen = 0
            for number, line in enumerate(handle, start=1):
                found = needle.search(line) if isinstance(needle, re.Pattern) else needle in line
                if found:
                    seen += 1
                    if seen == occurrence:
                        return number
    except OSError:
        return None
    return None


def metadata_line(path, key):
    """The 1-based line where the metadata key is written at the top of a source, or None."""
    pattern = re.compile(rf"^[ ]{{0,3}}{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if pattern.match(line):
                    return number
                if not line.strip() and number > 1:
                    return None  # the metadata ends at the first blank line
    except OSError:
        return None
    return None


def report(settings, check, message, fix="", source=None, line=None, key=None, needle=None):
    """Report a problem of this build.

    source: the file the writer fixes (its path is shown relative to the working
    folder); line: its line, or key: a metadata key whose line is looked up, or
    needle: a text (or pattern) whose first line is looked up.
    """
    from plugins.common.build import build_of

    if line is None and source:
        if key:
            line = metadata_line(source, key)
        elif needle:
            line = find_line(source, needle)
    problem = Problem(check, message, fix, display_path(source) if source else None, line)
    build_of(settings).report.add(problem)
    return problem


def note(content, check, message, fix="", key=None, needle=None, line=None):
    """Report a problem found while a content is read (``content_object_init``).

    The problem is kept on the content too (``content.noted_problems``), so a
    build that takes the content from Pelican's cache, without reading it
    again, still reports it (``checks.report`` does, once every file is read).
    """
    problem = report(content.settings, check, message, fix, source=content.source_path,
                     line=line, key=key, needle=needle)
    content.noted_problems = [*getattr(content, "noted_problems", ()), problem]
    return problem
