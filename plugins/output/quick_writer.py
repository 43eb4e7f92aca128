"""Livereload: after an edit to the text of articles or pages, render only their pages.

Each livereload rebuild is a Pelican process of its own with the content
cache (``tasks.livereload``), so only the edited file is read again, but
Pelican still renders and writes every page of the site. With
``QUICK_REBUILD`` on, this plugin compares the build, once every content is
read and every plugin has added to it (``get_writer``), with the last build
written into the same output folder, from a file in ``CACHE_PATH``:

- everything around the contents: the template context (the settings and
  what plugins put there, but ``QUICK_REBUILD_IGNORED_SETTINGS``), the files
  of the theme, of the project's plugins and of the content folder other than
  the articles' and pages' sources (images, data files), library versions and
  the day (reviews fall due);
- what other pages may show of each content: every public attribute Pelican
  and the plugins gave it (title, metadata, summary, URL, related pages,
  first paragraph, ...) but its body and ``QUICK_REBUILD_OWN_PAGE_ONLY``;
- the bytes of each content's source file.

When only source bytes changed and nothing else, Pelican gets a writer
(``get_writer``) that renders only the pages given one of the changed
contents (``article=``, ``page=``, ...); every other page, listings and
template pages included, already holds what this build would write, and is
left as the last build finished it (the output steps treat it as finished:
the sitemap comes from the contents, the images step leaves a finished page
as it is, the link check reads every page). Feeds carry full text and are
always written. Anything else renders everything, as do the first build, a
build into an output folder another build replaced (``invoke build``: the token
``.quick-rebuild`` this plugin leaves in the output is not there) and the build
after one that stopped before writing every page (the state file is removed
before writing starts and written again at ``finalized``).
``tests/unit/test_quick_writer.py`` compares the output after body, title and
image edits with fresh builds.

Settings:
``QUICK_REBUILD`` (default ``False``; ``tasks.livereload`` turns it on).
``QUICK_REBUILD_IGNORED_SETTINGS`` (default: the cache, search-index and
reading-pool settings, which livereload changes between builds and no page shows).
``QUICK_REBUILD_OWN_PAGE_ONLY`` (default: pelican-readtime's figures, shown only
by ``layouts/article.html`` on the article's own page): attributes left out of
what other pages show, so that an edit to the text that changes them is still
quick; a template that shows one of them on another page must take it off.
"""

import dataclasses
import datetime
import hashlib
import json
import logging
import os
from pathlib import Path
import secrets
import sys
import types
import zoneinfo

import jinja2
import markdown
import pelican
from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from plugins.common.build import build_of
from plugins.common.contents import contents

logger = logging.getLogger(__name__)

STATE = "output.quick_writer"
STATE_FILE = "quick-rebuild.json"
# In the output folder, the same token as in the state file: an output folder that another
# build replaced (invoke build, invoke preview) has none, and everything is rendered.
TOKEN_FILE = ".quick-rebuild"
VERSION = 1
PLUGINS_FOLDER = Path(__file__).resolve().parents[1]
DEFAULT_IGNORED_SETTINGS = [
    "BUILD_STATE", "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "GZIP_CACHE", "CACHE_PATH",
    "SEARCH_INDEX", "READ_POOL", "READ_POOL_PROCESSES", "READ_POOL_MIN_FILES",
]
DEFAULT_OWN_PAGE_ONLY = ["readtime", "readtime_string", "readtime_string_with_seconds",
                         "readtime_with_seconds"]
# In an order that differs from process to process (Pelican's set of files); the files
# themselves are in "content files" and in the context's static_content.
UNORDERED_CONTEXT = {"staticfiles"}
MAX_DEPTH = 8  # plain data nests a few levels; deeper is an object graph, not shown data


# --- Fingerprints ------------------------------------------------------------------------


def plain(value, depth=0):
    """A JSON-able form of value that is the same in every process for the same data.

    Another content stands as its source path: what it shows is its own fingerprint.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Content):
        return ["content", value.source_path]
    if isinstance(value, URLWrapper):
        return [type(value).__name__, value.name]
    if isinstance(value, (datetime.date, datetime.time)):
        return [type(value).__name__, value.isoformat()]
    if depth > MAX_DEPTH:
        return ["deep", type(value).__name__]
    if isinstance(value, dict):
        return ["dict", sorted(([str(key), plain(item, depth + 1)] for key, item
                                in value.items()), key=lambda pair: pair[0])]
    if isinstance(value, (list, tuple)):
        return [plain(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(item, depth + 1) for item in value), key=json.dumps)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        return ["code", getattr(value, "__module__", ""), getattr(value, "__qualname__", "")]
    if isinstance(value, types.ModuleType):
        return ["module", value.__name__]
    if dataclasses.is_dataclass(value):
        return [type(value).__name__, plain({field.name: getattr(value, field.name)
                                             for field in dataclasses.fields(value)}, depth)]
    attributes = public_attributes(value) if hasattr(value, "__dict__") else None
    if attributes:
        return [type(value).__name__, plain(attributes, depth + 1)]
    return [type(value).__name__, repr(value)]  # an address in it: never the same, all rendered


def public_attributes(item, left_out=()):
    return {name: value for name, value in vars(item).items()
            if not name.startswith("_") and name not in left_out}


def digest(value):
    text = json.dumps(plain(value), sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_stamps(folder, left_out=frozenset()):
    """[path, size, modification time] of every file under folder."""
    stamps = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            if path not in left_out:
                stamps.append(stamp(path))
    return stamps


def stamp(path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [path, stat.st_size, stat.st_mtime_ns]


def zone(settings):
    try:
        return zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def around(context, settings, sources):
    """Everything a page may show besides the contents' own data."""
    ignored = {*settings.get("QUICK_REBUILD_IGNORED_SETTINGS", DEFAULT_IGNORED_SETTINGS),
               *UNORDERED_CONTEXT}
    folders = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    return digest({
        "context": {key: value for key, value in context.items() if key not in ignored},
        "theme": [file_stamps(folder) for folder in folders],
        "template pages": [stamp(os.path.join(settings["PATH"], path))  # absolute stays
                           for path in settings.get("TEMPLATE_PAGES", {})],
        "plugins": file_stamps(PLUGINS_FOLDER),
        "content files": file_stamps(settings["PATH"], sources),
        "versions": [sys.version, pelican.__version__, jinja2.__version__,
                     markdown.__version__],
        "today": [datetime.date.today().isoformat(),  # and in the site's time zone:
                  datetime.datetime.now(zone(settings)).date().isoformat()],
    })


def shown(content, own_page_only):
    """What other pages may show of a content: all but its body and own-page figures."""
    left_out = {"settings", *own_page_only}  # the settings are part of around()
    return digest({**public_attributes(content, left_out), "url": content.url,
                   "save_as": content.save_as, "status": content.status,
                   "summary": content.summary})


def source_digest(path):
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def output_token(settings):
    """The token the last quick-rebuild build left in the output folder, or None."""
    try:
        return (Path(settings["OUTPUT_PATH"]) / TOKEN_FILE).read_text(encoding="utf-8")
    except OSError:
        return None


# --- The plan, the writer and the saved state ----------------------------------------------


class Plan:
    """What this build renders, and what it saves for the next one."""

    def __init__(self, settings, state_path, now, changed):
        self.settings = settings
        self.state_path = state_path
        self.now = now  # the saved state of this build
        self.changed = changed  # source paths whose pages are rendered; None: all


def state_path(settings):
    return Path(settings["CACHE_PATH"]) / STATE_FILE


def load(path):
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == VERSION else None


def make_plan(pelican_object):
    """Compare this build with the last one; forget the last one until this one is written."""
    settings = pelican_object.settings
    build = build_of(settings)
    generators = build.state(STATE + ".generators", list)
    every = list(contents(generators))
    own_page_only = set(settings.get("QUICK_REBUILD_OWN_PAGE_ONLY", DEFAULT_OWN_PAGE_ONLY))
    sources = {os.path.abspath(item.source_path) for item in every}
    context = generators[0].context if generators else {}
    now = {
        "version": VERSION,
        "around": around(context, settings, sources),
        "shown": {item.source_path: shown(item, own_page_only) for item in every},
        "bodies": {path: source_digest(path) for path in sorted(sources)},
    }
    path = state_path(settings)
    last = load(path)
    changed = None
    if last and last.get("token") and last["token"] == output_token(settings):
        if last["around"] != now["around"]:
            logger.info("quick rebuild: settings, theme, plugins or files changed; every"
                        " page is rendered")
        elif last["shown"] != now["shown"]:
            logger.info("quick rebuild: what a page shows of another changed; every page is"
                        " rendered")
        else:
            changed = {source for source, body in now["bodies"].items()
                       if last["bodies"].get(source) != body}
            logger.info("quick rebuild: %d changed content(s) rendered, other pages kept",
                        len(changed))
    path.unlink(missing_ok=True)
    return Plan(settings, path, now, changed)


class QuickWriter(Writer):
    """Pelican's writer, leaving the pages that cannot have changed as they are."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not self.keeps(name, template_name, paginated, kwargs):
            super().write_file(name, template, context, relative_urls, paginated,
                               template_name, override_output, url, **kwargs)

    def keeps(self, name, template_name, paginated, kwargs):
        plan = build_of(self.settings).plugin_state.get(STATE)
        if plan is None or plan.changed is None or not name:
            return False
        per_page = self.settings.get("PAGINATED_TEMPLATES", {}).get(template_name, False)
        if (per_page or self.settings.get("DEFAULT_PAGINATION")) and template_name in \
                self.settings.get("PAGINATED_TEMPLATES", {}):
            return False  # several pages, named by the paginator: rendered, not guessed
        shows = [value for value in kwargs.values() if isinstance(value, Content)]
        if any(os.path.abspath(item.source_path) in plan.changed for item in shows):
            return False
        return os.path.isfile(os.path.join(self.output_path, name))


def keep_generators(generators):
    generators = list(generators)
    if generators and generators[0].settings.get("QUICK_REBUILD", False):
        build_of(generators[0].settings).state(STATE + ".generators", list)[:] = generators


def writer_for(pelican_object):
    """At get_writer: the quick writer, with this build's plan."""
    if not pelican_object.settings.get("QUICK_REBUILD", False):
        return None
    build_of(pelican_object.settings).plugin_state[STATE] = make_plan(pelican_object)
    return QuickWriter


def save(pelican_object):
    """Every page is written: keep what this build saw, for the next one."""
    plan = build_of(pelican_object.settings).plugin_state.get(STATE)
    if plan is None:
        return
    token = secrets.token_hex(16)
    (Path(plan.settings["OUTPUT_PATH"]) / TOKEN_FILE).write_text(token, encoding="utf-8")
    plan.state_path.parent.mkdir(parents=True, exist_ok=True)
    partial = plan.state_path.with_suffix(".part")
    partial.write_text(json.dumps({**plan.now, "token": token}), encoding="utf-8")
    os.replace(partial, plan.state_path)


def register():
    signals.all_generators_finalized.connect(keep_generators)
    signals.get_writer.connect(writer_for)
    signals.finalized.connect(save)
