"""Read the Markdown sources in a pool of processes, so a build uses every core.

Pelican reads files one after the other and Python-Markdown is most of a cold
build. At the first article or page ``*_generator_preread`` this plugin hands
every Markdown file that the content cache cannot serve to a process pool
(forked, so each worker inherits the configured reader), and gives the
generators' Markdown readers a ``read`` that returns the worker's result
instead of parsing the file again. Everything after ``read`` (default
metadata, content objects, other plugins, rendering, writing) still runs in
the main process, in Pelican's own order, so the output is the same bytes
(``tests/unit/test_parallel_read.py`` compares the trees).

Each worker keeps one Python-Markdown instance per configuration and resets
it between files, as Pelican itself does between a file's body and its
summary, instead of building a new one with all its extensions for every
file (about 0.5 ms a file, a tenth of the reading).

Warnings a worker logs while reading (a duplicate metadata key, ...) are sent
back and logged again in the main process, so ``strict_build`` still sees
them. A file a worker could not read is read again in the main process,
which then reports the error exactly as Pelican would.

Settings:
``PARALLEL_READ`` (default ``True``): ``False`` reads in the main process only.
``PARALLEL_READ_PROCESSES`` (default: the CPUs this process may use).
``PARALLEL_READ_MIN_FILES`` (default ``32``): with fewer files to read (an
edit in livereload, where the content cache serves the rest) starting the
workers costs more than it saves, so they are read in the main process.
"""

import logging
import multiprocessing
import os

import markdown
from pelican import readers, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix

# Under "pelican" (as namespace plugins are) so `pelican -D` shows its debug lines.
log = logging.getLogger("pelican.plugins.parallel_read")

DEFAULTS = {"PARALLEL_READ": True, "PARALLEL_READ_PROCESSES": None, "PARALLEL_READ_MIN_FILES": 32}
# Which settings list the source folders of each generator.
SOURCE_SETTINGS = {
    ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
    PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES"),
}


def setting(settings, name):
    """Return a setting of this plugin, or its default."""
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value


class Build:
    """What the plugin knows about the build in progress."""

    def __init__(self):
        self.generators = []
        self.started = False
        self.pool = None
        self.results = None
        self.pending = set()
        self.ready = {}


build = Build()

# --- In the worker processes ------------------------------------------------

_worker_reader = None  # set before forking; each worker inherits it
_worker_records = []


class RecordKeeper(logging.Handler):
    """Keep a worker's log records so the main process can log them."""

    def emit(self, record):
        record.msg = record.getMessage()  # arguments may not survive pickling
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        _worker_records.append(record)


def start_worker():
    """Send every log record to the keeper instead of the inherited handlers, and
    let the worker's Markdown reader reuse its Markdown instance."""
    root = logging.getLogger()
    root.handlers = [RecordKeeper()]
    readers.Markdown = reused_markdown


_markdowns = {}  # configuration -> (the worker's Markdown instance for it, its processors)


def processors(md):
    """[(registry, name, item, priority)] of every processor md was built with."""
    registries = (md.preprocessors, md.parser.blockprocessors, md.treeprocessors,
                  md.inlinePatterns, md.postprocessors)
    return [(registry, entry.name, registry[entry.name], entry.priority)
            for registry in registries for entry in registry._priority]


def reused_markdown(**config):
    """Markdown(**config), reset instead of built anew when the configuration was seen.

    Pelican's reader deregisters the "meta" preprocessor before converting the
    summary, so every processor the instance was built with is put back.
    """
    key = repr(sorted(config.items()))
    if key not in _markdowns:
        md = markdown.Markdown(**config)
        _markdowns[key] = (md, processors(md))
        return md
    md, built_with = _markdowns[key]
    md.reset()
    for registry, name, item, priority in built_with:
        if name not in registry:
            registry.register(item, name, priority)
    return md


class Wrapped:
    """A category, tag or author as its class and name: rebuilt with the main
    process's settings, as the reader would have made it there."""

    def __init__(self, wrapper):
        self.kind = type(wrapper)
        self.name = wrapper.name

    def rebuild(self, settings):
        return self.kind(self.name, settings)


def portable(value):
    """Replace URL wrappers (which carry the whole settings) by Wrapped."""
    if isinstance(value, URLWrapper) and value._slug_from_name:
        return Wrapped(value)
    if isinstance(value, list):
        return [portable(item) for item in value]
    return value


def restored(value, settings):
    """Undo portable() in the main process."""
    if isinstance(value, Wrapped):
        return value.rebuild(settings)
    if isinstance(value, list):
        return [restored(item, settings) for item in value]
    return value


def read_in_worker(path):
    """Read one file with the class's own read(); return (path, result, log records)."""
    _worker_records.clear()
    try:
        content, metadata = type(_worker_reader).read(_worker_reader, path)
        result = (content, {key: portable(value) for key, value in metadata.items()})
    except Exception:  # the main process reads it again and reports the error
        result = None
    return path, result, list(_worker_records)


# --- In the main process ----------------------------------------------------


def remember_generator(generator):
    """Collect the article and page generators as Pelican creates them."""
    if isinstance(generator, tuple(SOURCE_SETTINGS)):
        build.generators.append(generator)


def markdown_reader(generator, path):
    """Return the generator's reader for path when it is the Markdown reader."""
    reader = generator.readers.readers.get(file_suffix(path))
    return reader if isinstance(reader, MarkdownReader) else None


def files_to_read():
    """Absolute paths of the Markdown files no content cache can serve."""
    paths = []
    for generator in build.generators:
        folders, excludes = SOURCE_SETTINGS[type(generator)]
        for name in generator.get_files(generator.settings[folders],
                                        exclude=generator.settings[excludes]):
            path = os.path.abspath(os.path.join(generator.path, name))
            if markdown_reader(generator, path) is None:
                continue
            if generator.get_cached_data(name, None) is not None:
                continue
            if generator.readers.get_cached_data(path, (None, None))[0] is not None:
                continue
            paths.append(path)
    return sorted(paths)


def take(path):
    """Return the worker's (content, metadata) for path, or None."""
    if path not in build.pending:
        return None
    while path not in build.ready:
        try:
            done, result, records = next(build.results)
        except StopIteration:
            break
        build.ready[done] = (result, records)
    build.pending.discard(path)
    result, records = build.ready.pop(path, (None, []))
    for record in records:
        # Logged anew (not handle()d) so Pelican's duplicate filter and
        # --fatal behave as if the main process had read the file.
        message = record.msg if not record.exc_text else f"{record.msg}\n{record.exc_text}"
        logging.getLogger(record.name).log(record.levelno, message)
    return result


def prime(reader):
    """Give one Markdown reader a read() that takes the workers' results."""
    if getattr(reader, "_parallel_read_primed", False):
        return

    def read(path):
        result = take(path)
        if result is None:
            return type(reader).read(reader, path)
        reader._source_path = path
        content, metadata = result
        return content, {key: restored(value, reader.settings)
                         for key, value in metadata.items()}

    reader.read = read
    reader._parallel_read_primed = True


def start_reading(generator):
    """At the first preread: prime the readers and start the workers."""
    if build.started:
        return
    build.started = True
    settings = generator.settings
    processes = setting(settings, "PARALLEL_READ_PROCESSES") or len(os.sched_getaffinity(0))
    if (not setting(settings, "PARALLEL_READ") or processes < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return
    paths = files_to_read()
    if len(paths) < setting(settings, "PARALLEL_READ_MIN_FILES"):
        return
    for known in build.generators:
        for reader in known.readers.readers.values():
            if isinstance(reader, MarkdownReader):
                prime(reader)
    global _worker_reader
    _worker_reader = next(reader for known in build.generators
                          if (reader := markdown_reader(known, paths[0])) is not None)
    chunk = max(1, min(16, len(paths) // (processes * 8)))
    # fork: the workers inherit the reader, its settings and the loaded plugins.
    build.pool = multiprocessing.get_context("fork").Pool(processes, initializer=start_worker)
    build.results = build.pool.imap_unordered(read_in_worker, paths, chunksize=chunk)
    build.pending = set(paths)
    log.debug("parallel_read: reading %d files in %d processes", len(paths), processes)


def stop_reading(*_):
    """Close the pool once every generator has read its files."""
    if build.pool is not None:
        build.pool.terminate()
        build.pool.join()
    build.__init__()


def start_build(pelican):
    """Forget a previous build of the same process (livereload)."""
    stop_reading()


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(start_build)
    signals.generator_init.connect(remember_generator)
    signals.article_generator_preread.connect(start_reading)
    signals.page_generator_preread.connect(start_reading)
    signals.all_generators_finalized.connect(stop_reading)
