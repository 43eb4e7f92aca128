"""American spelling in what visitors read: codespell over the writers' files and the theme.

Once every file is read (signal ``all_generators_finalized``) codespell (a
maintained spell checker of common misspellings) reads every Markdown source
and data file under ``PATH``, the theme's templates and the settings file,
with its built-in dictionaries ``SPELLING["dictionaries"]`` (``clear``,
``rare`` and ``en-GB_to_en-US``: "specialised" is reported as
"specialized") and the project's own list of British-to-American spellings
codespell lacks (``plugins/checks/spelling_en_us.txt``). Each finding is a
problem of the check ``spelling`` naming the file and line. Words that are
right though codespell doubts them (clinic terms) go in the word list
``SPELLING["words"]`` (relative to ``PATH``).

Settings: ``SPELLING``: ``dictionaries`` (default
``"clear,rare,en-GB_to_en-US"``), ``words`` (default
``"data/spelling-words.txt"``), ``skip`` (file names left out, e.g. the
language-assistance taglines, written in other languages), ``enabled``
(default ``True``).
"""

import os
from pathlib import Path
import re
import subprocess
import sys

from pelican import signals

from plugins.common.problems import report

CHECK_IDS = ("spelling",)
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXTRA_DICTIONARY = HERE / "spelling_en_us.txt"
DEFAULTS = {
    "enabled": True,
    "dictionaries": "clear,rare,en-GB_to_en-US",
    "words": "data/spelling-words.txt",
    "skip": ["languages.toml"],
}
# Not words a visitor reads as such: metadata keys (the source checks name a misspelled
# key), addresses, link targets, words written with an HTML entity ("caf&eacute;").
NOT_PROSE = (r"^[ ]{0,3}[A-Za-z][A-Za-z0-9_-]*:(?=\s)|https?://\S+|\]\([^)]*\)"
             r"|\{(?:static|filename)\}\S*|\w*&#?\w+;\w*")
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>\S+) ==> (?P<fix>.+)$")


def get_config(settings):
    return {**DEFAULTS, **(settings.get("SPELLING") or {})}


def files_to_check(settings, config):
    skip = set(config["skip"])
    content = Path(settings["PATH"])
    found = [path for pattern in ("**/*.md", "**/*.markdown", "data/*.toml")
             for path in content.glob(pattern) if path.name not in skip]
    theme = Path(settings.get("THEME") or ROOT / "theme")
    theme = theme if theme.is_absolute() else ROOT / theme
    found += sorted((theme / "templates").glob("**/*.html"))
    found.append(ROOT / "pelicanconf.py")
    return sorted({path.resolve() for path in found if path.is_file()})


def word_list(settings, config):
    """The project's accepted words as a file codespell reads (comments left out)."""
    path = Path(settings["PATH"]) / config["words"]
    return path if path.is_file() else None


def findings(files, config, words):
    """[(path, line, word, fix)] codespell reports for these files."""
    if not files:
        return []
    command = [sys.executable, "-m", "codespell_lib", "--builtin", config["dictionaries"],
               "--dictionary", "-", "--dictionary", str(EXTRA_DICTIONARY),
               "--quiet-level", "2", "--ignore-regex", NOT_PROSE]
    if words is not None:
        accepted = [line.strip() for line in words.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.lstrip().startswith("#")]
        if accepted:
            command += ["--ignore-words-list", ",".join(accepted)]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    found = []
    for line in result.stdout.splitlines():
        match = FINDING.match(line.strip())
        if match:
            found.append((match["path"], int(match["line"]), match["word"],
                          match["fix"].strip()))
    return found


def check_spelling(generators):
    generators = list(generators)
    if not generators:
        return
    settings = generators[0].settings
    config = get_config(settings)
    if not config["enabled"] or not settings.get("CONTENT_CHECKS", True):
        return
    files = files_to_check(settings, config)
    for path, line, word, fix in findings(files, config, word_list(settings, config)):
        report(settings, "spelling", f"'{word}' is not American spelling or is misspelled",
               f"write {fix} (or add the word to {config['words']} if it is right)",
               source=os.path.abspath(path), line=line)


def register():
    signals.all_generators_finalized.connect(check_spelling)
