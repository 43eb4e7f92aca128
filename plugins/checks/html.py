"""Each article and page as Markdown rendered it, each static file, and the planned outputs.

Every check is a row of ``CHECKS``: a name, what it checks (``content``: the
rendered HTML of an article or page; ``static``: a static file), the
function that finds the problems, and the advice shown to the writer. They
run once every file is read (signal ``all_generators_finalized``, which also
covers files served by the content cache). A Markdown source Pelican could
not read (no date, bad bytes, ...) is rendered here, so the mistakes in its
text are listed in the same build. Problems are reported against the source
file and the line that holds them, like the source checks
(``plugins/checks/sources.py``).

Two sources writing one output path, or paths that differ only in case
(``duplicate-output``), are both named,
and the second is not written (an empty ``save_as`` means "do not write"),
so Pelican does not stop with ``FileOverwriteFailedError`` before the report.

Settings: ``CONTENT_CHECKS`` (default ``True``), ``MAX_IMAGE_BYTES`` (default
``None``: no limit).
"""

from collections import namedtuple
import os
import re
from urllib.parse import unquote

from lxml import etree
from pelican import signals
from pelican.contents import Article, Page, Static

from plugins.checks import raw_html
from plugins.checks.sources import Problem, report_findings, shorten
from plugins.common.allowed_html import allowed
from plugins.common.build import build_of
from plugins.common.contents import (
    DRAFT_LISTS,
    PUBLISHED_LISTS,
    contents,
    listing_pages,
    static_files,
)
from plugins.common.limits import refusal
from plugins.common.problems import Problem as ReportedProblem
from plugins.common.problems import display_path, find_line
from plugins.common.urls import is_external

Check = namedtuple("Check", "name stage find advice")

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
RESOURCE_ATTRIBUTES = {"src", "srcset", "data", "poster", "background"}
INTRASITE_LINK = re.compile(
    r"""(?P<attr>href|src)\s*=\s*(?P<quote>["'])[{|](?P<what>filename|static|attach)[}|]"""
    r"""(?P<path>[^"'#?]*)(?:\?[^"'#]*)?(?:\#(?P<fragment>[^"']*))?(?P=quote)"""
)

# libxml2's HTML parser (lxml, already needed by pelican-image-process): like
# html.parser it sees the tags inside <template> and <noscript> (an HTML5
# parser puts <template> content aside).
ELEMENT_PARSER = etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True)


def element_scan(html):
    """Every start tag of a piece of HTML, as (tag, {attribute: value})."""
    root = etree.fromstring(html, ELEMENT_PARSER) if html and html.strip() else None
    if root is None:
        return []
    found = []
    for element in root.iter(etree.Element):
        # libxml2 gives an attribute written without a value its own name as
        # value (<img alt> has alt "alt"); browsers give "".
        found.append((element.tag.lower(), {name.lower(): "" if value == name else value
                                            for name, value in element.items()}))
    return found


class Rendered:
    """One article or page as the checks see it: its HTML, where it lives, what it links."""

    def __init__(self, content, context):
        self.content = content
        self.source_path = content.source_path
        self.settings = content.settings
        self.html = content._content or ""  # the body as written, before links are resolved
        self.context = context
        self.elements = element_scan(self.html)

    def relative_source(self, path):
        return self.content.get_relative_source_path(path)

    @property
    def relative_dir(self):
        return self.content.relative_dir


class UnreadSource(Rendered):
    """A source Pelican could not read, rendered with the site's Markdown settings."""

    def __init__(self, source, context):  # no Content behind it: the parts the checks read
        import markdown  # only needed for files Pelican could not read

        config = dict(source.settings.get("MARKDOWN") or {})
        extensions = list(config.get("extensions", []))
        extensions += [name for name in config.get("extension_configs", {})
                       if name not in extensions]
        config["extensions"] = extensions
        self.content = None
        self.source_path = source.path
        self.settings = source.settings
        self.context = context
        self.html = markdown.Markdown(**config).convert(
            "\n".join(source.lines[source.body_start - 1:]))
        self.elements = element_scan(self.html)

    def relative_source(self, path):
        root = os.path.abspath(self.settings["PATH"])
        path = os.path.abspath(os.path.join(root, path or self.source_path))
        return os.path.relpath(path, root).replace(os.sep, "/")

    @property
    def relative_dir(self):
        return os.path.dirname(self.relative_source(None))


def linked_target(item, what, path):
    """The Content or Static a {filename}/{static} link resolves to, or None."""
    keys = ["generated_content", "static_content"] if what == "filename" else ["static_content"]
    for candidate in (path, unquote(path)):
        if candidate.startswith("/"):
            relative = candidate[1:]
        else:
            relative = item.relative_source(os.path.join(item.relative_dir, candidate))
        relative = os.path.normpath(relative).replace(os.sep, "/")
        for key in keys:
            found = (item.context.get(key) or {}).get(relative)
            if found is not None:
                return found
    return None


# --- Content checks (rendered HTML of each article and page) -------------------------


def broken_intrasite_link(item):
    root = item.settings["PATH"]
    for match in INTRASITE_LINK.finditer(item.html):
        path, what = match.group("path"), match.group("what")
        target = linked_target(item, what, path)
        # Pelican plans a copy of every {static} target, even a missing one.
        if not path or (target is not None and os.path.isfile(target.source_path)):
            continue
        relative = path.lstrip("/") if path.startswith("/") else os.path.join(
            item.relative_dir, path)
        if os.path.exists(os.path.join(root, unquote(relative))):
            reason = ("names a file that exists but is not part of the site (it has its"
                      " own error listed here, or it is outside the content folders)")
        else:
            reason = "points to a file that does not exist"
        yield Problem(path, f"the link {{{what}}}{path} {reason}")


def link_to_draft(item):
    """A published page's {filename} link to a draft: the published site leaves the draft out
    (an empty address: Pelican would link the home page)."""
    if item.content is None or getattr(item.content, "status", "") == "draft":
        return  # a draft may link to another draft
    for match in INTRASITE_LINK.finditer(item.html):
        path = match.group("path")
        if match.group("what") != "filename" or not path:
            continue
        target = linked_target(item, "filename", path)
        if not isinstance(target, (Article, Page)) or target.status != "draft":
            continue
        date = getattr(target, "date", None)
        if isinstance(target, Article) and getattr(target, "metadata", {}).get(
                "status", "published") != "draft" and date is not None:
            what = f"an article scheduled for {target.locale_date}, not published before then"
        else:
            what = "a draft (Status: draft), which the published site leaves out"
        yield Problem(path, f"the link {{filename}}{path} points to {what}; the link"
                            " would lead visitors to the home page")


def image_without_alt(item):
    for tag, attributes in item.elements:
        if tag == "img" and not attributes.get("alt", "").strip():
            src = attributes.get("src", "")
            yield Problem(src or "<img", f"the image {shorten(src) or '(no src)'} has no"
                                         " alternative text")


def third_party_resource(item):
    policy = allowed(item.settings)
    for tag, attributes in item.elements:
        if tag not in policy.tags:
            continue  # an element the text may not hold at all (checks.raw_html)
        found = []
        for name in RESOURCE_ATTRIBUTES:
            value = attributes.get(name)
            if value:
                found += [part.strip().split(" ")[0] for part in value.split(",")] \
                    if name == "srcset" else [value]
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", attributes.get("style", ""))
        for url in found:
            if is_external(url, item.settings):
                yield Problem(url, f"<{tag}> loads {shorten(url)} from another website")


def plain_http_link(item):
    for tag, attributes in item.elements:
        href = attributes.get("href", "").strip()
        if tag == "a" and href.lower().startswith("http://") and is_external(
                href, item.settings):
            yield Problem(href, f"the link {shorten(href)} uses plain http://")


def image_too_large(static):
    limit = static.settings.get("MAX_IMAGE_BYTES")
    if not limit or not static.source_path.lower().endswith(IMAGE_EXTENSIONS):
        return
    if not os.path.isfile(static.source_path):
        return  # a link to a missing file: broken-intrasite-link reports it
    size = os.path.getsize(static.source_path)
    if size > limit:
        yield Problem(None, f"the image is {size / 1000:,.0f} kB, over the limit of"
                            f" {limit / 1000:,.0f} kB (MAX_IMAGE_BYTES)")


def duplicate_output(planned):
    """planned: {output path, case folded: [(label, content or None, output path)]} for
    every file to be written. Two paths that differ only in case are one file on the hosts
    and disks that ignore case (macOS, Windows)."""
    for writers in planned.values():
        if len(writers) < 2:
            continue
        first, _, first_path = writers[0]
        for _, content, save_as in writers[1:]:
            if content is None:
                continue
            if save_as == first_path:
                message = f"this file and {first} would both be written to {save_as}"
            else:
                message = (f"this file's address {save_as} differs from the address"
                           f" {first_path} of {first} only in case: on many hosts they are"
                           " one address")
            yield content, Problem(content_slug_line(content), message)


def content_slug_line(content):
    for key in ("save_as", "slug", "title"):
        line = find_line(content.source_path, re.compile(rf"^\s*{key}\s*:", re.IGNORECASE))
        if line:
            return line
    return None


CHECKS = [
    Check("broken-intrasite-link", "content", broken_intrasite_link,
          "check the file name; it is relative to this file, or to content/ when it"
          " starts with /"),
    Check("link-to-draft", "content", link_to_draft,
          "publish the linked file first (remove its Status: draft, or wait for its date),"
          " or leave the link out until then"),
    Check("image-without-alt", "content", image_without_alt,
          "describe the image in the brackets: ![A therapist stretching a patient's"
          " shoulder](...)"),
    Check("third-party-resource", "content", third_party_resource,
          "save the file in content/images/ and use {static}/images/NAME, or link to"
          " the page instead of loading from it"),
    Check("plain-http-link", "content", plain_http_link,
          "use the https:// address (open it in a browser to check it works)"),
    Check("image-too-large", "static", image_too_large,
          "resize it (1600 pixels wide is plenty) and save it as JPEG or WebP at about"
          " 80% quality"),
    Check("duplicate-output", "site", duplicate_output,
          "give one of the two files another Slug (or Save_as)"),
]
CHECKS_BY_NAME = {check.name: check for check in CHECKS}


# --- Running them ------------------------------------------------------------------------


def run_checks(report, stage, path, item):
    found = []
    for check in CHECKS:
        if check.stage != stage:
            continue
        try:
            found += [(check, problem) for problem in check.find(item)]
        except Exception as error:  # a bug in one check must not hide the others
            report.add(ReportedProblem("check-failed", f"the content check {check.name}"
                                       f" failed ({type(error).__name__}: {error})",
                                       "report this to the site's developers",
                                       display_path(path)))
    report_findings(report, path, found)


def avoid_overwrites(build, generators, items):
    """Report two sources writing one output path, and keep the build going."""
    planned = {}
    for save_as, label in listing_pages(generators, build.settings):
        save_as = os.path.normpath(save_as)
        planned.setdefault(save_as.casefold(), []).append((label, None, save_as))
    for item in sorted(items, key=lambda item: item.source_path or ""):
        if item.save_as:
            save_as = os.path.normpath(item.save_as)
            planned.setdefault(save_as.casefold(), []).append(
                (display_path(item.source_path), item, save_as))
    check = CHECKS_BY_NAME["duplicate-output"]
    for content, problem in duplicate_output(planned):
        shown = display_path(content.source_path)
        # A file with an error of its own (an empty title makes an empty address) is not
        # written either, and that error says why.
        if not any(build.report.severity(p.check) == "error" for p in build.report.about(shown)):
            build.report.add(ReportedProblem(check.name, problem.message, check.advice,
                                             shown, problem.where))
        save_as = os.path.normpath(content.save_as)
        if [path for _, _, path in planned[save_as.casefold()]].count(save_as) > 1:
            leave_out(content, generators)  # a case-only difference overwrites nothing here


def leave_out(content, generators):
    """Neither write a content nor list it anywhere (no page links to a page not written)."""
    content.override_save_as = ""
    for generator in generators:
        for name in ("staticfiles", *PUBLISHED_LISTS, *DRAFT_LISTS):
            listed = getattr(generator, name, None)
            if isinstance(listed, list) and content in listed:
                listed.remove(content)
        for _category, articles in getattr(generator, "categories", None) or ():
            if content in articles:
                articles.remove(content)
        for articles in (getattr(generator, "tags", None) or {}).values():
            if content in articles:
                articles.remove(content)
        dates = getattr(generator, "dates", None)
        if isinstance(dates, list) and content in dates:
            dates.remove(content)


def check_contents(generators):
    """The content, static and site checks, once every file has been read."""
    generators = list(generators)
    if not generators or not generators[0].settings.get("CONTENT_CHECKS", True):
        return
    settings = generators[0].settings
    build = build_of(settings)
    context = generators[0].context
    read = list(contents(generators))
    statics = list(static_files(generators))
    avoid_overwrites(build, generators, read + statics)  # first: it changes what is written
    for content in read:
        if isinstance(content, (Article, Page)):
            run_checks(build.report, "content", content.source_path, Rendered(content, context))
    for static in statics:
        if isinstance(static, Static):
            run_checks(build.report, "static", static.source_path, static)
    # Markdown sources Pelican did not read (it said why; the source checks said better).
    sources = build.plugin_state.pop("sources", {})
    done = {os.path.abspath(content.source_path) for content in read}
    for path, source in sorted(sources.items()):
        if path not in done and source.is_markdown and source.text.strip() \
                and not refusal(source.text, settings):  # Markdown must not parse it
            unread = UnreadSource(source, context)
            run_checks(build.report, "content", path, unread)
            raw_html.report_unread(settings, path, unread.html)


def register():
    signals.all_generators_finalized.connect(check_contents)

