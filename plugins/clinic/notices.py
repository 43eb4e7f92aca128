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
- What is unfinished before launch (example texts, translations no qualified
  translator reviewed) is listed by ``plugins/clinic/launch.py``.
"""

from html import escape
import os
import re
import tomllib

from markupsafe import Markup
from pelican import signals
from pelican.contents import Page

from plugins.common import fields
from plugins.common.contents import contents
from plugins.common.problems import report

DEFAULT_LANGUAGE_FILE = "data/languages.toml"
DEFAULT_REQUIRED_METADATA = {
    "privacy-practices": ["effective_date"],
    "accessibility": ["last_reviewed"],
}
DATE_FIELDS = ("effective_date", "last_reviewed")
# Scripts written right to left; an entry in one of these needs dir = "rtl".
RTL_LANGUAGES = {"ar", "arc", "dv", "fa", "he", "ks", "ku-Arab", "pa-Arab", "ps", "sd", "ug",
                 "ur", "yi"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = {"phone"}


def language_file(settings):
    """Return the full path of the language-assistance data file."""
    name = settings.get("LANGUAGE_ASSISTANCE_FILE", DEFAULT_LANGUAGE_FILE)
    return os.path.join(settings["PATH"], name)


def needs_rtl(code):
    return code in RTL_LANGUAGES or code.split("-")[0] in RTL_LANGUAGES


def load_languages(path):
    """Read and check the language entries; return (entries, problems).

    Each problem is a message naming the entry.
    """
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return [], ["the language-assistance file is missing"
                    " — create it or fix LANGUAGE_ASSISTANCE_FILE"]
    except tomllib.TOMLDecodeError as error:
        return [], [f"not valid TOML ({error}) — fix the line it names"]
    raw = data.get("language")
    if not isinstance(raw, list) or not raw:
        return [], ["no [[language]] entries — add one table per language"]
    entries, problems, seen = [], [], set()
    for number, item in enumerate(raw, start=1):
        label = f"language entry {number}"
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
        what, _, fix = problem.partition(" — ")
        report(generator.settings, "language-entry", what, fix, source=path)
    clinic = generator.settings.get("CLINIC", {})
    for entry in entries:
        entry["html"] = render_text(entry["text"], clinic)
    context["LANGUAGE_ASSISTANCE"] = entries
    context["LANGUAGE_ASSISTANCE_SOURCE"] = path


def notice_slugs(settings):
    return [slug for slug, _text in settings.get("NOTICE_LINKS", [])]


def example_note(value, settings):
    """The note an ``Example_text:`` page shows: yes -> NOTICES_EXAMPLE_NOTE, a sentence ->
    that sentence, no or nothing -> none."""
    value = " ".join(str(value).split())
    if not value or fields.is_no(value):
        return ""
    if fields.is_yes(value):
        return settings.get("NOTICES_EXAMPLE_NOTE", "EXAMPLE TEXT")
    return f"EXAMPLE TEXT: {value}"


def prepare_notice(page, settings):
    """Give a (notice) page its dates, example note and download address."""
    required = settings.get("NOTICES_REQUIRED_METADATA", DEFAULT_REQUIRED_METADATA)
    for key in required.get(page.slug, []):
        if not str(page.metadata.get(key, "")).strip():
            name = fields.BY_KEY[key].name if key in fields.BY_KEY else key.capitalize()
            report(settings, "notice-metadata", f"{name} is missing",
                   f"add '{name}: YYYY-MM-DD' to this notice", source=page.source_path, line=1)
    for key in DATE_FIELDS:
        if key not in page.metadata:
            continue
        try:
            setattr(page, key, fields.parse_date(page.metadata[key]))
        except ValueError:
            setattr(page, key, None)  # reported by the source checks (invalid-date)
    page.example_note = example_note(page.metadata.get("example_text", ""), settings)
    download = settings.get("NOTICE_DOWNLOADS", {}).get(page.slug)
    if download:
        folder = os.path.dirname(page.save_as)
        page.download_save_as = os.path.join(folder, download)
        page.download_name = download


def finish_notices(generators):
    """Check the notice pages and give templates NOTICE_NAV."""
    generators = list(generators)
    if not generators:
        return
    settings, context = generators[0].settings, generators[0].context
    pages = [page for page in contents(generators, drafts=False) if isinstance(page, Page)]
    # Every page: a page outside NOTICE_LINKS may still carry a notice's metadata.
    for page in pages:
        prepare_notice(page, settings)
    built = {page.slug: page for page in pages}
    nav = []
    for slug, text in settings.get("NOTICE_LINKS", []):
        page = built.get(slug)
        if page is None:
            report(settings, "notice-missing", f"no published page has 'Slug: {slug}', a"
                   " notice every page links (NOTICE_LINKS)", f"add content/pages/{slug}.md")
            continue
        nav.append({"slug": slug, "text": text, "url": page.url,
                    "summary": page.metadata.get("summary", "")})
    for slug in settings.get("HOME_NOTICES", []):
        if slug not in notice_slugs(settings):
            report(settings, "notice-missing", f"HOME_NOTICES names '{slug}', which is not in"
                   " NOTICE_LINKS", "add it to NOTICE_LINKS or remove it from HOME_NOTICES")
    context["NOTICE_NAV"] = nav


def write_downloads(generator, writer):
    """Write the standalone copy of each notice listed in NOTICE_DOWNLOADS."""
    template = None
    for page in contents([generator], drafts=False):
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
