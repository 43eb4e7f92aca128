"""Run a function over many files in a pool of processes, one per CPU.

Shared by the production steps that treat each output file on its own
(minifying, compressing). Pelican builds in one process; at 1,000 articles
these steps alone would keep one core busy for seconds while the other idles.
Small sites are done in this process: starting a pool costs more than it saves.
"""

from concurrent.futures import ProcessPoolExecutor
import multiprocessing
import os

MIN_ITEMS = 200  # below this many items one process is quicker
CHUNK = 50  # items per task: few round trips, and the pool stays busy to the end


def usable_cpus():
    """CPUs this process may run on (all of them where the system cannot tell)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _run_chunk(function, items):
    return [function(item) for item in items]


def map_in_processes(function, items, min_items=None):
    """Return [function(item) for item in items], computed in a pool on large inputs.

    function must be a module-level function (it is sent to the workers by name).
    """
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    workers = min(usable_cpus(), 8)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if len(items) < min_items or workers < 2 or not forkable:
        return [function(item) for item in items]
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    # fork: the workers inherit the loaded plugins without importing them again.
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        results = pool.map(_run_chunk, [function] * len(chunks), chunks)
        return [result for chunk in results for result in chunk]
