"""Rebuild in place after an edit without rendering the pages the edit cannot change.

Pelican's content cache re-reads only the edited file, but it still renders
every page of the site (at 1,000 articles about 3 s of a 7 s rebuild). When
the edit changed only the body of articles or pages, and nothing that other
pages show of them (title, summary, date, tags, any metadata), no settings,
theme, image or other file, then only those contents' own pages (and the
feeds, which carry full text) can change. The other pages go through the
writer as if written, but their files are left as they are (neither read nor
written: they already hold those bytes), so Pelican and every plugin still see each
page (the sitemap lists them all) but nothing is rendered for them.
``tests/unit/test_quick_rebuild.py`` compares the result with a fresh build.

Used by ``invoke livereload`` only (``QUICK_REBUILD = True``, with the output
folder kept between builds). The first build of a process, and any build
after an edit it cannot prove harmless, renders everything.

Settings:
``QUICK_REBUILD`` (default ``False``): ``True`` turns the above on.
``QUICK_REBUILD_IGNORED_SETTINGS`` (default ``["SEARCH_INDEX"]``): settings that may differ
from the last build without changing any page (livereload indexes at start only).
"""

import hashlib
import io
import logging
import os
import re

from pelican import signals
from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import Writer

log = logging.getLogger("pelican.plugins.quick_rebuild")

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # object addresses differ from run to run
KEPT_PAGE = "QUICK_REBUILD_KEPT_PAGE"  # key in a kept page's context
# Settings that change no page: livereload builds the search index at start only.
IGNORED_SETTINGS = ("SEARCH_INDEX",)
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                 "hidden_articles", "hidden_translations", "pages", "hidden_pages",
                 "draft_pages", "draft_translations")


class State:
    """What the last build of this process saw."""

    def __init__(self):
        # Of the last build that wrote every page (reached `finalized`):
        self.surroundings = None  # fingerprint of everything but the contents' bodies
        self.contents = {}  # source path -> (what other pages show of it, its body)
        self.pending = None  # the same, of the build in progress
        self.changed = None  # source paths to render in this build; None: render all


state = State()


def fingerprint(value):
    return hashlib.sha1(ADDRESS.sub("", repr(value)).encode("utf-8")).hexdigest()


def all_contents(generators):
    seen = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, None) or []:
                if id(item) not in seen and isinstance(item, Content):
                    seen.add(id(item))
                    yield item


def file_stamps(folder, skip):
    """(path, size, mtime) of every file under folder, but those in skip."""
    stamps = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if path in skip:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return sorted(stamps)


def surroundings(settings, sources):
    """Everything a page may show besides the contents: settings, theme, other files."""
    ignored = set(settings.get("QUICK_REBUILD_IGNORED_SETTINGS", IGNORED_SETTINGS))
    plain_settings = sorted((key, value) for key, value in settings.items()
                            if key.isupper() and key not in ignored)
    return fingerprint((
        plain_settings,
        file_stamps(settings["THEME"], set()),
        file_stamps(settings["PATH"], sources),  # images, data files, unread sources
    ))


def listing_view(content):
    """What other pages may show of a content: everything but its body."""
    return fingerprint((sorted(content.metadata.items()), content.summary, content.url,
                        content.save_as, content.status, content.template))


def plan(generators):
    """Decide, once every file is read, which contents this build renders."""
    if not generators:
        return
    settings = generators[0].settings
    if not settings.get("QUICK_REBUILD", False):
        state.changed = None
        return
    contents = {os.path.abspath(item.source_path): item for item in all_contents(generators)}
    now = {path: (listing_view(item), fingerprint(item._content))
           for path, item in contents.items()}
    around = surroundings(settings, set(contents))
    quick = (state.surroundings == around and set(state.contents) == set(now)
             and all(state.contents[path][0] == view for path, (view, _) in now.items())
             and os.path.isdir(settings["OUTPUT_PATH"]))
    state.changed = ({path for path, (_, body) in now.items() if state.contents[path][1] != body}
                     if quick else None)
    # Kept only once every page is written: after a build that stopped half-way,
    # pages it did not reach may be stale, and the next build renders everything.
    state.surroundings, state.contents, state.pending = None, {}, (around, now)
    if state.changed is not None:
        log.info("quick_rebuild: rendering %d changed content(s); other pages kept",
                 len(state.changed))


class KeptPage:
    """Stands in for a template: "renders" the page as it is already written.

    The page is not even read and written back: the writer is told to keep the
    file (QuickWriter._open_w), unless Pelican's own checks of that path
    (overwrites) need the real write, in which case its bytes are returned.
    """

    def __init__(self, template, writer):
        self.template = template
        self.writer = writer

    def render(self, context):
        path = sanitised_join(self.writer.output_path, context["output_file"])
        if not os.path.isfile(path):  # not written yet: render it after all
            return self.template.render(context)
        # Told to content_written receivers: the page is as an earlier build finished it.
        context[KEPT_PAGE] = True
        if path not in self.writer._written_files and path not in self.writer._overridden_files:
            self.writer.kept.add(path)
            return ""
        with open(path, encoding="utf-8") as page:
            return page.read()


class QuickWriter(Writer):
    """Pelican's writer, rendering only the pages of changed contents."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = set()  # paths whose file stays as it is, from KeptPage.render

    def write_file(self, name, template, context, *args, **kwargs):
        if state.changed is not None and not self.renders(kwargs):
            template = KeptPage(template, self)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        if filename not in self.kept:
            return super()._open_w(filename, encoding, override)
        # What Pelican's _open_w records for a first write to a path, without
        # opening (and emptying) the file: what is "written" to it is dropped.
        self.kept.discard(filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return io.StringIO()

    @staticmethod
    def renders(kwargs):
        contents = [value for value in kwargs.values() if isinstance(value, Content)]
        return any(os.path.abspath(item.source_path) in state.changed for item in contents)


def written(pelican):
    """Every page is written: remember what this build saw."""
    if state.pending is not None:
        state.surroundings, state.contents = state.pending
        state.pending = None


def writer(pelican):
    """Give Pelican the quick writer when this build is quick."""
    if pelican.settings.get("QUICK_REBUILD", False):
        return QuickWriter
    return None


def register():
    """Connect the plugin to Pelican's signals."""
    signals.all_generators_finalized.connect(plan)
    signals.get_writer.connect(writer)
    signals.finalized.connect(written)
