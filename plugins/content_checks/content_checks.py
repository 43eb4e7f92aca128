"""The clinic's own content checks: writer mistakes reported as FILE:LINE messages.

Every check is a row of ``CHECKS``: a name, the function that finds the
problems in one article or page, and the advice shown to the writer. Each
problem is logged as a warning ``path/to/file.md:LINE: what is wrong — how to
fix it``; the ``strict_build`` plugin turns warnings into a failed build that
lists all of them at once.
"""

from collections import namedtuple
import logging
import os
import re

from pelican import signals
from pelican.contents import Article, Page

log = logging.getLogger(__name__)

Problem = namedtuple("Problem", "needle message")
Check = namedtuple("Check", "name find advice")

# {filename}, {static}, |filename| ... inside href/src attributes.
INTRASITE_LINK = re.compile(
    r"""(?:href|src)\s*=\s*(["'])(?:\{|\|)(?P<what>filename|static|attach)(?:\}|\|)"""
    r"""(?P<value>[^"'#?]*)[^"']*\1"""
)


def display_path(path):
    """Show a source path relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def find_line(source_path, needle):
    """Return the 1-based line of the source file holding needle, or None."""
    if not needle:
        return None
    try:
        with open(source_path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        return None
    return None


def broken_intrasite_links(content):
    """Find {filename}/{static} links whose target file does not exist."""
    root = content.settings["PATH"]
    here = os.path.dirname(content.source_path)
    for match in INTRASITE_LINK.finditer(content._content or ""):
        value = match.group("value")
        if not value:
            continue
        if value.startswith("/"):
            target = os.path.join(root, value.lstrip("/"))
        else:
            target = os.path.join(here, value)
        if not os.path.exists(target):
            yield Problem(
                value,
                f"the link {{{match.group('what')}}}{value} points to a file"
                " that does not exist",
            )


CHECKS = [
    Check(
        "broken-intrasite-link",
        broken_intrasite_links,
        "check the file name; it is relative to this file, or to content/"
        " when it starts with /",
    ),
]


def check_content(content):
    """Run every check on one article or page and log what it finds."""
    if not isinstance(content, (Article, Page)):
        return
    where = display_path(content.source_path)
    for check in CHECKS:
        for problem in check.find(content):
            line = find_line(content.source_path, problem.needle)
            location = f"{where}:{line}" if line else where
            log.warning("%s: %s — %s", location, problem.message, check.advice)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(check_content)
