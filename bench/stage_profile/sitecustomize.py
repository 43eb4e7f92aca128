"""Sample where each Python process of a build spends its wall time, by stage.

``bench/run.py`` puts this folder on PYTHONPATH with BENCH_STAGE_PROFILE set
to a folder; the build's invoke and Pelican processes then get a timer
signal every millisecond of wall time, whose
handler sees the main thread's current frame and adds the time since the last
signal to that frame's stage. At exit the process writes
``stages-PID.json`` into that folder. Forked workers (the reading pool, the
output steps' pool) get no timer; their work shows as the main process waiting
for it, in the stage that waits.

A frame's stage (``stage_of``, innermost frame first): a module of the
project's plugins, ``plugins/<folder>/<module>.py``, is ``<folder>.<module>``
(``output.minify``, ``checks.links``; the names of ``OUTPUT_PIPELINE``), except
that all of ``plugins/reading`` is ``reading`` and all of ``plugins/clinic`` is
``clinic``; the shared modules (``plugins/common``, ``output/pipeline.py``,
``output/work_pool.py``) count for the module that called them. Pagefind's
package is ``output.search_index``. Otherwise Pelican's ``generate_context`` is
``reading`` and ``generate_output`` is ``rendering and writing``.
"""

import os

SHARED = {"common", "output.pipeline", "output.work_pool"}  # count for their caller
WHOLE_FOLDERS = {"reading", "clinic"}
PACKAGE_STAGES = {"pagefind": "output.search_index"}


def stage_of_file(filename, root):
    """The stage a frame of this file belongs to, or None."""
    prefix = root + "/plugins/"
    if filename.startswith(prefix):
        parts = filename[len(prefix):].split("/")
        folder = parts[0]
        module = os.path.splitext(parts[-1])[0] if len(parts) > 1 else ""
        if folder in WHOLE_FOLDERS:
            return folder
        name = f"{folder}.{module}"
        if folder in SHARED or name in SHARED or module == "__init__":
            return None
        return name
    if "site-packages/" in filename:
        return PACKAGE_STAGES.get(filename.split("site-packages/")[1].split("/")[0])
    return None


def stage_of(frame, root):
    """The stage of the stack ending at frame."""
    phase = None
    while frame is not None:
        code = frame.f_code
        stage = stage_of_file(code.co_filename, root)
        if stage:
            return stage
        if phase is None and code.co_filename.endswith("pelican/generators.py"):
            if code.co_name == "generate_context":
                phase = "reading"
            elif code.co_name == "generate_output":
                phase = "rendering and writing"
        frame = frame.f_back
    return phase or "start-up and other"


def start(folder):
    import atexit
    import json
    import signal
    import sys
    import time

    root = os.path.realpath(os.environ.get("BENCH_STAGE_ROOT") or os.getcwd())
    pid = os.getpid()
    stages = {}
    began = time.perf_counter()
    last = began

    def sample(_signum, frame):
        nonlocal last
        now = time.perf_counter()
        stage = stage_of(frame, root)
        stages[stage] = stages.get(stage, 0.0) + (now - last)
        last = now

    # Fork resets the timer in the child (POSIX), so only this process is sampled.
    signal.signal(signal.SIGALRM, sample)
    signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)

    def write():
        signal.setitimer(signal.ITIMER_REAL, 0)
        if os.getpid() != pid:  # a forked child that exits normally: not ours
            return
        record = {"pid": pid, "argv": sys.argv, "wall": time.perf_counter() - began,
                  "stages": stages}
        with open(os.path.join(folder, f"stages-{pid}.json"), "w") as handle:
            json.dump(record, handle)

    atexit.register(write)


def is_sampled():
    """Only invoke and Pelican: the timer outlives exec, and a program a Python wrapper
    execs (Pagefind's binary) would die of the signal."""
    import sys

    argv = list(getattr(sys, "orig_argv", sys.argv))
    program = argv[argv.index("-m") + 1] if "-m" in argv[:-1] else (
        os.path.basename(argv[1]) if len(argv) > 1 else "")
    return program in ("pelican", "invoke", "inv")


if os.environ.get("BENCH_STAGE_PROFILE") and is_sampled():
    start(os.environ["BENCH_STAGE_PROFILE"])
