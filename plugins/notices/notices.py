"""The notices a US clinic must publish, present on every build.

- Checks that every page named in ``NOTICE_LINKS`` is built, and gives the
  templates ``NOTICE_NAV`` (text, address and summary of each notice) for the
  footer and the home page, so the link texts live in one setting.
- Reads the language-assistance taglines from a data file
  (``LANGUAGE_ASSISTANCE_FILE``, TOML) into ``LANGUAGE_ASSISTANCE`` for the
  templates; a malformed entry fails the build naming the file and the entry.
- Gives notice pages their dates (``Effective_date``, ``Last_reviewed``) as
  dates, the example-text note (``Example_text: yes``) and a standalone copy
  for download (``NOTICE_DOWNLOADS``).
- Lists what is unfinished before launch (example texts, example settings,
  translations no qualified translator reviewed), as ``NOTICES_LAUNCH_CHECK``
  says: "off", "report" (printed, the build succeeds) or "fail".
"""

import datetime
from html import escape
import logging
import os
import re
import sys
import tomllib

from markupsafe import Markup
from pelican import signals

from plugins.writer_messages import display_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE_FILE = "data/languages.toml"
DEFAULT_REQUIRED_METADATA = {
    "privacy-practices": ["effective_date"],
    "accessibility": ["last_reviewed"],
}
DATE_FIELDS = ("effective_date", "last_reviewed")
LAUNCH_CHECK_MODES = ("off", "report", "fail")
YES_VALUES = {"yes", "true", "on", "1"}
# Scripts written right to left; an entry in one of these needs dir = "rtl".
RTL_LANGUAGES = {"ar", "arc", "dv", "fa", "he", "ks", "ku-Arab", "pa-Arab", "ps", "sd", "ug",
                 "ur", "yi"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = {"phone"}


def is_yes(value):
    return str(value).strip().lower() in YES_VALUES


def language_file(settings):
    """Return the full path of the language-assistance data file."""
    name = settings.get("LANGUAGE_ASSISTANCE_FILE", DEFAULT_LANGUAGE_FILE)
    return os.path.join(settings["PATH"], name)


def needs_rtl(code):
    return code in RTL_LANGUAGES or code.split("-")[0] in RTL_LANGUAGES


def load_languages(path):
    """Read and check the language entries; return (entries, problems).

    Each problem is a message naming the file and the entry.
    """
    where = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return [], [f"{where}: the language-assistance file is missing"
                    " — create it or fix LANGUAGE_ASSISTANCE_FILE"]
    except tomllib.TOMLDecodeError as error:
        return [], [f"{where}: not valid TOML ({error})"]
    raw = data.get("language")
    if not isinstance(raw, list) or not raw:
        return [], [f"{where}: no [[language]] entries — add one table per language"]
    entries, problems, seen = [], [], set()
    for number, item in enumerate(raw, start=1):
        label = f"{where}: language entry {number}"
        code = str(item.get("code", "")).strip()
        if code:
            label += f" ({code})"
        found = []
        if not LANGUAGE_CODE.match(code):
            found.append('"code" must be a language code such as "es" or "zh-Hant"')
        elif code in seen:
            found.append(f'"code" {code} appears twice')
        for field in ("name", "text"):
            if not str(item.get(field, "")).strip():
                found.append(f'"{field}" is missing or empty')
        if not isinstance(item.get("reviewed"), bool):
            found.append('"reviewed" must be true or false (has a qualified translator'
                         " reviewed the text?)")
        direction = item.get("dir", "ltr")
        if direction not in ("ltr", "rtl"):
            found.append('"dir" must be "ltr" or "rtl"')
        elif code and needs_rtl(code) and direction != "rtl":
            found.append('this language is written right to left: add dir = "rtl"')
        unknown = set(PLACEHOLDER.findall(str(item.get("text", "")))) - PLACEHOLDERS
        if unknown:
            found.append(f'"text" uses unknown placeholders {sorted(unknown)};'
                         f" allowed: {sorted(PLACEHOLDERS)}")
        for message in found:
            problems.append(f"{label}: {message}")
        if found:
            continue
        seen.add(code)
        entries.append({
            "code": code,
            "name": item["name"].strip(),
            "text": item["text"].strip(),
            "reviewed": item["reviewed"],
            "dir": direction,
        })
    return entries, problems


def render_text(text, clinic):
    """Return a tagline as HTML: the text escaped, {phone} as a call link."""
    phone = (
        f'<a href="tel:{escape(clinic.get("phone_e164", ""))}" dir="ltr">'
        f'{escape(clinic.get("phone", ""))}</a>'
    )
    parts = PLACEHOLDER.split(text)
    html = []
    for index, part in enumerate(parts):
        # split() alternates text and placeholder names
        html.append(phone if index % 2 else escape(part))
    return Markup("".join(html))


def add_languages(generator):
    """Put the language entries in the shared template context (once per build)."""
    context = generator.context
    if "LANGUAGE_ASSISTANCE" in context:
        return
    path = language_file(generator.settings)
    entries, problems = load_languages(path)
    for problem in problems:
        log.warning(problem)
    clinic = generator.settings.get("CLINIC", {})
    for entry in entries:
        entry["html"] = render_text(entry["text"], clinic)
    context["LANGUAGE_ASSISTANCE"] = entries
    context["LANGUAGE_ASSISTANCE_SOURCE"] = path


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())


def notice_slugs(settings):
    return [slug for slug, _text in settings.get("NOTICE_LINKS", [])]


def prepare_notice(page, settings):
    """Give a (notice) page its dates, example note and download address."""
    where = display_path(page.source_path)
    required = settings.get("NOTICES_REQUIRED_METADATA", DEFAULT_REQUIRED_METADATA)
    for field in required.get(page.slug, []):
        if not str(page.metadata.get(field, "")).strip():
            log.warning("%s: %s is missing — add '%s: YYYY-MM-DD' to this notice",
                        where, field, field.capitalize())
    for field in DATE_FIELDS:
        if field not in page.metadata:
            continue
        try:
            setattr(page, field, parse_date(page.metadata[field]))
        except ValueError:
            log.warning("%s: %s '%s' is not a date — write it as YYYY-MM-DD",
                        where, field.capitalize(), page.metadata[field])
            setattr(page, field, None)
    page.example_note = (
        settings.get("NOTICES_EXAMPLE_NOTE", "EXAMPLE TEXT")
        if is_yes(page.metadata.get("example_text", "no")) else ""
    )
    download = settings.get("NOTICE_DOWNLOADS", {}).get(page.slug)
    if download:
        folder = os.path.dirname(page.save_as)
        page.download_save_as = os.path.join(folder, download)
        page.download_name = download


def launch_problems(pages, settings, context):
    """List what must be finished before launch, one message per item."""
    problems = []
    for page in pages:
        if getattr(page, "example_note", ""):
            problems.append(f"{display_path(page.source_path)}: the notice is still example"
                            " text (Example_text: yes) — put counsel's text in")
    coordinator = settings.get("SECTION_1557_COORDINATOR") or {}
    if coordinator.get("example", False):
        problems.append("pelicanconf.py: SECTION_1557_COORDINATOR is an example"
                        ' ("example": True) — name the clinic\'s coordinator')
    source = display_path(context.get("LANGUAGE_ASSISTANCE_SOURCE", ""))
    for entry in context.get("LANGUAGE_ASSISTANCE", []):
        if not entry["reviewed"]:
            problems.append(f"{source}: {entry['code']} ({entry['name']}): the translation"
                            " has not been reviewed by a qualified translator")
    return problems


def finish_notices(generators):
    """Check the notice pages, give templates NOTICE_NAV, run the launch check."""
    pages_generator = next((g for g in generators if hasattr(g, "hidden_pages")), None)
    if pages_generator is None:
        return
    settings, context = pages_generator.settings, pages_generator.context
    pages = pages_generator.pages + pages_generator.hidden_pages
    # Every page: a page outside NOTICE_LINKS may still carry a notice's metadata.
    for page in pages:
        prepare_notice(page, settings)
    built = {page.slug: page for page in pages}
    nav = []
    for slug, text in settings.get("NOTICE_LINKS", []):
        page = built.get(slug)
        if page is None:
            log.warning("notices: no published page has 'Slug: %s', a notice every page links"
                        " (NOTICE_LINKS) — add content/pages/%s.md", slug, slug)
            continue
        nav.append({"slug": slug, "text": text, "url": page.url,
                    "summary": page.metadata.get("summary", "")})
    for slug in settings.get("HOME_NOTICES", []):
        if slug not in notice_slugs(settings):
            log.warning("notices: HOME_NOTICES names '%s', which is not in NOTICE_LINKS", slug)
    context["NOTICE_NAV"] = nav

    mode = settings.get("NOTICES_LAUNCH_CHECK", "off")
    if mode not in LAUNCH_CHECK_MODES:
        log.warning("notices: NOTICES_LAUNCH_CHECK is %r; use one of %s", mode,
                    ", ".join(LAUNCH_CHECK_MODES))
        return
    if mode == "off":
        return
    problems = launch_problems(pages, settings, context)
    if mode == "fail":
        for problem in problems:
            log.warning("launch check: %s", problem)
    elif problems:
        lines = [f"notices: {len(problems)} unfinished before launch"
                 ' (NOTICES_LAUNCH_CHECK = "report"; the build goes on):']
        lines += [f"  - {problem}" for problem in problems]
        print("\n".join(lines), file=sys.stderr, flush=True)


def write_downloads(generator, writer):
    """Write the standalone copy of each notice listed in NOTICE_DOWNLOADS."""
    template = None
    for page in generator.pages + generator.hidden_pages:
        save_as = getattr(page, "download_save_as", None)
        if not save_as:
            continue
        template = template or generator.get_template("notice_standalone")
        # Passed as `notice`, not `page`: plugins listening to content_written
        # (the sitemap) must not take this copy for a second copy of the page.
        writer.write_file(save_as, template, generator.context, notice=page,
                          relative_urls=generator.settings["RELATIVE_URLS"])


def register():
    """Connect the plugin to Pelican's signals."""
    signals.generator_init.connect(add_languages)
    signals.all_generators_finalized.connect(finish_notices)
    signals.page_writer_finalized.connect(write_downloads)
