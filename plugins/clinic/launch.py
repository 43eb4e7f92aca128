"""Every placeholder left before launch, listed: the check ``launch-unfinished``.

A placeholder is marked once, where it is set (``plugins/common/placeholders.py``):

- a setting wrapped in ``placeholder()`` (the clinic's facts in ``CLINIC``, the
  time zone, the civil-rights coordinator, ...), found anywhere in the settings;
- a team member with ``placeholder = true`` (``TEAM_FILE``; a reviewer too);
- a page with ``Example_text:`` (the notices, the patient stories'
  authorizations);
- a language-assistance translation with ``reviewed = false``.

Once every file is read (signal ``all_generators_finalized``, after the notices
and the team) each one is reported, naming the file and line where it is set.
``SEVERITY["launch-unfinished"]`` decides what they do: off while writing, a
warning in the production build, an error for ``invoke launch-check`` and for
``invoke publish`` to production (scripts/build.py ``LAUNCH_SEVERITY``), which
so refuses to go live while one is left; a staging publish lists them.
"""

import os
import re

from pelican import signals
from pelican.contents import Page

from plugins.common import placeholders
from plugins.common.contents import contents
from plugins.common.problems import find_line, metadata_line, report

CHECK = "launch-unfinished"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Where the settings' placeholders are written (publishconf.py imports it).
SETTINGS_FILE = os.path.join(ROOT, "pelicanconf.py")
# Settings a plugin sets from data files (reported from those files instead).
DERIVED = {"BUILD_STATE", "TEAM_MEMBERS", "REVIEWERS"}


def setting_line(path, value):
    """The line of pelicanconf.py where a placeholder is set."""
    *_, last = path
    text = value if isinstance(value, str) else ""
    for needle in (text[:40], f'"{last}"' if isinstance(last, str) else "", f"{path[0]} ="):
        if needle:
            line = find_line(SETTINGS_FILE, needle)
            if line:
                return line
    return None


def setting_items(settings):
    """[(file, line, what, fix)] of every placeholder in the settings."""
    items = []
    for name in sorted(key for key in settings if key.isupper() and key not in DERIVED):
        for path, value in placeholders.find(settings[name], (name,)):
            items.append((SETTINGS_FILE, setting_line(path, value),
                          f"{placeholders.path_text(path)} is a placeholder:"
                          f" {placeholders.shown(value)!s}",
                          "put the clinic's own value in, without placeholder()"))
    return items


def team_items(settings):
    items = []
    source = settings.get("TEAM_FILE_PATH")
    for member in settings.get("TEAM_MEMBERS") or []:
        if member.placeholder:
            role = " who reviews health content (REVIEWERS)" if member.reviews else ""
            items.append((source, member.line, f"the team member {member.key}"
                          f" ({member.name}){role} is a placeholder",
                          "put the real person in, then remove placeholder = true"))
    return items


def page_items(pages):
    items = []
    for page in pages:
        if getattr(page, "example_note", ""):
            items.append((page.source_path, metadata_line(page.source_path, "example_text"),
                          f"the page is still example text ({page.example_note})",
                          "put the clinic's text in, then remove Example_text:"))
    return items


def language_items(context):
    items = []
    source = context.get("LANGUAGE_ASSISTANCE_SOURCE", "")
    for entry in context.get("LANGUAGE_ASSISTANCE", []):
        if not entry["reviewed"]:
            line = find_line(source, re.compile(rf'^\s*code\s*=\s*"{re.escape(entry["code"])}"'))
            items.append((source, line, f"{entry['code']} ({entry['name']}): the translation"
                          " has not been reviewed by a qualified translator",
                          "have it reviewed, then set reviewed = true"))
    return items


def launch_items(settings, context, pages):
    """[(file, line, what, fix)]: everything the clinic must finish before launch."""
    return (setting_items(settings) + team_items(settings) + page_items(pages)
            + language_items(context))


def check_launch(generators):
    generators = list(generators)
    if not generators:
        return
    settings, context = generators[0].settings, generators[0].context
    pages = [page for page in contents(generators, drafts=False) if isinstance(page, Page)]
    for source, line, what, fix in launch_items(settings, context, pages):
        report(settings, CHECK, what, fix, source=source, line=line)


def register():
    signals.all_generators_finalized.connect(check_launch)
