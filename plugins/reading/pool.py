"""Read the Markdown sources in a pool of processes, one per usable CPU.

Python-Markdown is most of a cold build's reading, one file after another on
one core. When each content generator is made (``article_generator_init``,
``page_generator_init``: before any file is read) this plugin lists its files
with the generator's public ``get_files()`` and hands the Markdown ones to a
forked pool whose workers run Pelican's own ``MarkdownReader(settings).read``.
Pelican then reads every file as usual, through the reader registered here at
``readers_init`` (``readers.reader_classes[ext]``): a ``MarkdownReader`` whose
``read(path)`` returns the worker's result for that path. All the rest of
reading (metadata from the path, signals, the content object, the content
cache) still happens in this process, in Pelican's order.

Results come back pickled. Tags, categories and authors (URL wrappers) travel
as (class, name) and are made again here with this build's settings, as
Pelican's metadata processors make them. What a worker logs (a duplicated
metadata key) is logged again here when its file is read, so the build's
report sees it as before. A file a worker could not read, or whose result
could not come back, is read again here with ``MarkdownReader.read``, so
Pelican reports its error as usual.

Every Markdown file is first scanned for nesting and control characters
(``plugins/common/limits.py``): a file nested too deeply for Markdown's
recursion is refused in a moment, in the worker or here, before Markdown parses
it (Pelican then skips it, and the source checks say why, with its line). With
``READ_POOL`` off the same limited reader reads every file here.

No pool when the content cache is loaded (livereload: the files come from the
cache), below ``READ_POOL_MIN_FILES`` Markdown files in a generator (pages join
a pool the articles started), with fewer than two processes, or where
processes cannot be forked. Workers are forked when the first generator is
made, after every plugin's ``initialized``: Markdown settings changed later
than that are not seen by them. Only ``AHEAD_PER_PROCESS`` files per process
are handed out ahead of Pelican's reading, so a build that fails stops its
workers within a moment; the pool is shut down once every file is read
(``all_generators_finalized``).

Settings:
``READ_POOL`` (default ``True``): ``False`` reads every file in this process.
``READ_POOL_PROCESSES`` (default ``None``: one per usable CPU): worker processes.
``READ_POOL_MIN_FILES`` (default ``32``): a generator with fewer Markdown files
reads them in this process, unless a pool is already running.
"""

from collections import deque, namedtuple
from concurrent.futures import ProcessPoolExecutor
import contextlib
import logging
import multiprocessing
import os
import pickle

from pelican import signals
from pelican.log import FilteredMessage
from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix, pelican_open

from plugins.common import limits
from plugins.common.build import build_of
from plugins.output.work_pool import usable_cpus

logger = logging.getLogger(__name__)

STATE = "reading.pool"
FIGURES = "reading.pool.figures"  # what the pool did, kept after it is shut down
DEFAULT_MIN_FILES = 32
AHEAD_PER_PROCESS = 24  # enough to keep the workers busy while Pelican does other work


class SourceRefused(ValueError):
    """A source Markdown must not parse (too deeply nested, control characters)."""


class LimitedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, refusing a source beyond the limits before parsing it."""

    def read(self, source_path):
        with pelican_open(source_path) as text:
            reason = limits.refusal(text, self.settings)
        if reason:
            raise SourceRefused(reason)
        return super().read(source_path)


# --- In a worker process ---------------------------------------------------------------

# The worker's reader, made once per worker process by start_worker (a process of its own).
worker = {}

Wrapper = namedtuple("Wrapper", "cls name")  # a URLWrapper, as it travels between processes


class RecordKeeper(logging.Handler):
    """In a worker: keep every record logged while a file is read, to be logged again."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(portable_record(record))


def start_worker(settings):
    """Make the worker's reader; its records go to the keeper, not to inherited handlers."""
    root = logging.getLogger()
    for handler in list(root.handlers):  # copies of the build's handlers, forked with us
        root.removeHandler(handler)
    worker["keeper"] = RecordKeeper()
    root.addHandler(worker["keeper"])
    worker["reader"] = LimitedMarkdownReader(settings)


def picklable(value):
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def portable_record(record):
    """A log record as a picklable dict (logging.makeLogRecord makes it again)."""
    state = dict(record.__dict__)
    if state.get("exc_info"):
        if not state.get("exc_text"):
            state["exc_text"] = logging.Formatter().formatException(state["exc_info"])
        error = state["exc_info"][1]
        state["exc_info"] = (type(error), error, None) if picklable(error) else None
    if not picklable((state.get("msg"), state.get("args"))):
        state["msg"], state["args"] = record.getMessage(), None
    for key, value in state.items():
        if not picklable(value):
            state[key] = repr(value)
    return state


def portable(value):
    """A metadata value with every URL wrapper as a Wrapper (settings do not travel)."""
    if isinstance(value, URLWrapper):
        return Wrapper(type(value), value.name)
    if type(value) in (list, tuple):  # Pelican's lists of tags and authors
        return type(value)(portable(item) for item in value)
    return value


def read_in_worker(path):
    """(content, metadata, log records) of one Markdown file, read in a worker."""
    keeper = worker["keeper"]
    keeper.records = []
    content, metadata = worker["reader"].read(path)
    # Pelican marks a value to leave out (an empty Slug:, Tags: or Status:) with a bare
    # object(), which would come back as another object and be kept: leave it out here.
    return content, {key: portable(value) for key, value in metadata.items()
                     if type(value) is not object}, keeper.records


# --- In the build's process ------------------------------------------------------------


def restored(value, settings):
    """A metadata value from a worker, its URL wrappers made with this build's settings."""
    if isinstance(value, Wrapper):
        return value.cls(value.name, settings)
    if type(value) in (list, tuple):
        return type(value)(restored(item, settings) for item in value)
    return value


def log_again(state):
    """Log a worker's record here, through the logger that logged it there."""
    record = logging.makeLogRecord(state)
    target = logging.getLogger(record.name)
    if target.isEnabledFor(record.levelno):
        # Pelican's logger raises FilteredMessage when its filter drops a record.
        with contextlib.suppress(FilteredMessage):
            target.handle(record)


class ReadPool:
    """The worker processes of one build and the files handed to them."""

    def __init__(self, settings, processes):
        self.processes = processes
        self.executor = ProcessPoolExecutor(
            max_workers=processes, mp_context=multiprocessing.get_context("fork"),
            initializer=start_worker, initargs=(settings,))
        self.queued = deque()  # paths not handed out yet, in Pelican's reading order
        self.pending = {}  # path -> future
        self.handed_out = 0
        self.from_workers = 0
        self.read_again = 0

    def add(self, paths):
        known = set(self.queued) | set(self.pending)
        self.queued.extend(path for path in paths if path not in known)
        self.top_up()

    def top_up(self):
        while self.queued and len(self.pending) < self.processes * AHEAD_PER_PROCESS:
            path = self.queued.popleft()
            self.pending[path] = self.executor.submit(read_in_worker, path)
            self.handed_out += 1

    def take(self, path):
        """The worker's (content, metadata, records) for path, or None: read it here."""
        future = self.pending.pop(path, None)
        if future is None:
            if path in self.queued:  # read out of the expected order: not worth waiting
                self.queued.remove(path)
            return None
        try:
            result = future.result()
        except Exception as error:  # any failure: Pelican's reader reads it and tells why
            logger.debug("reading pool: %s is read again here (%s: %s)", path,
                         type(error).__name__, error)
            self.read_again += 1
            result = None
        else:
            self.from_workers += 1
        self.top_up()
        return result

    def figures(self):
        return {"processes": self.processes, "handed_out": self.handed_out,
                "from_workers": self.from_workers, "read_again": self.read_again}

    def shut_down(self):
        self.queued.clear()
        self.pending.clear()
        self.executor.shutdown(wait=True, cancel_futures=True)
        logger.info("reading pool: %d Markdown files read in %d processes, %d read again"
                    " here", self.from_workers, self.processes, self.read_again)


class PooledMarkdownReader(LimitedMarkdownReader):
    """Pelican's Markdown reader, answering from the pool for the files it was given."""

    def read(self, source_path):
        pool = build_of(self.settings).plugin_state.get(STATE)
        result = pool.take(os.path.abspath(source_path)) if pool else None
        if result is None:
            return super().read(source_path)
        content, metadata, records = result
        for state in records:
            log_again(state)
        return content, {key: restored(value, self.settings) for key, value in metadata.items()}


def use_pooled_reader(readers):
    """At readers_init: Pelican's own Markdown reader replaced by the pooled one (by the
    limited one without a pool)."""
    reader = PooledMarkdownReader if readers.settings.get("READ_POOL", True) \
        else LimitedMarkdownReader
    for ext in MarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is MarkdownReader:  # not a reader of READERS
            readers.reader_classes[ext] = reader


def processes_for(settings):
    wanted = settings.get("READ_POOL_PROCESSES")
    if wanted is None:
        return usable_cpus()
    return max(1, int(wanted))


def pooled_files(generator, paths_key, excludes_key):
    """The generator's files its pooled reader reads, as Pelican will name them."""
    readers = generator.readers.readers
    files = generator.get_files(generator.settings[paths_key],
                                exclude=generator.settings[excludes_key])
    return [os.path.abspath(os.path.join(generator.path, relative)) for relative in files
            if isinstance(readers.get(file_suffix(relative)), PooledMarkdownReader)]


def hand_out(generator, paths_key, excludes_key):
    settings = generator.settings
    if not settings.get("READ_POOL", True) or settings.get("LOAD_CONTENT_CACHE"):
        return
    build = build_of(settings)
    pool = build.plugin_state.get(STATE)
    paths = pooled_files(generator, paths_key, excludes_key)
    if pool is None:
        processes = processes_for(settings)
        minimum = settings.get("READ_POOL_MIN_FILES", DEFAULT_MIN_FILES)
        too_few_cpus = processes < 2 and settings.get("READ_POOL_PROCESSES") is None
        if (not paths or len(paths) < minimum or too_few_cpus
                or "fork" not in multiprocessing.get_all_start_methods()):
            return
        pool = build.plugin_state[STATE] = ReadPool(settings, processes)
    pool.add(paths)


def hand_out_articles(generator):
    hand_out(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def hand_out_pages(generator):
    hand_out(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def shut_down(generators):
    """Every file is read: stop the workers."""
    generators = list(generators)
    if generators:
        build = build_of(generators[0].settings)
        pool = build.plugin_state.pop(STATE, None)
        if pool is not None:
            pool.shut_down()
            build.plugin_state[FIGURES] = pool.figures()


def register():
    signals.readers_init.connect(use_pooled_reader)
    signals.article_generator_init.connect(hand_out_articles)
    signals.page_generator_init.connect(hand_out_pages)
    signals.all_generators_finalized.connect(shut_down)
