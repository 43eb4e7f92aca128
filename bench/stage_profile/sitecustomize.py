"""Sample where each Python process of a build spends its wall time, by stage.

``bench/run.py`` puts this folder on PYTHONPATH with BENCH_STAGE_PROFILE set
to a folder; every Python process of the build (invoke, Pelican, any tool
run from tasks.py) then starts a thread that looks at the main thread's stack
every millisecond and adds the time since the last look to one stage. At exit
the process writes ``stages-PID.json`` into that folder. Pool workers forked
by Pelican are not sampled; their work shows as the main process waiting.

Stages come from the innermost frame that names one (``stage_of``): the
project's plugin folders and tasks.py functions, and library packages, are
matched by keyword; otherwise Pelican's generate_context is reading and
generate_output is rendering and writing.
"""

import os

KEYWORD_STAGES = [  # first match wins, innermost frame first
    ("reading", ("parallel_read",)),
    ("search", ("search", "pagefind")),
    ("minify", ("minif",)),
    ("precompress", ("compress", "gzip", "brotli", "zopfli")),
    ("checks", ("check",)),
]


def frame_names(code, root):
    """The names a frame is known by: plugin folder, tasks.py function or package."""
    filename = code.co_filename
    if filename.startswith(root + "/plugins/"):
        folder = filename[len(root) + len("/plugins/"):].split("/")[0]
        return [folder, code.co_name], f"plugin {folder}"
    if filename == root + "/tasks.py":
        return [code.co_name], None
    if "site-packages/" in filename:
        return [filename.split("site-packages/")[1].split("/")[0]], None
    return [os.path.basename(filename)], None


def stage_of(frame, root):
    """Return the stage the stack ending at frame belongs to."""
    plugin = None
    phase = None
    while frame is not None:
        code = frame.f_code
        names, plugin_label = frame_names(code, root)
        for stage, keywords in KEYWORD_STAGES:
            if any(keyword in name for name in names for keyword in keywords):
                return stage
        plugin = plugin or plugin_label
        if phase is None and code.co_filename.endswith("pelican/generators.py"):
            if code.co_name == "generate_context":
                phase = "reading"
            elif code.co_name == "generate_output":
                phase = "rendering and writing"
        frame = frame.f_back
    return plugin or phase or "start-up and other"


def start(folder):
    import atexit
    import json
    import sys
    import threading
    import time

    root = os.path.realpath(os.environ.get("BENCH_STAGE_ROOT") or os.getcwd())
    pid = os.getpid()
    main = threading.main_thread().ident
    stages = {}
    began = time.perf_counter()
    running = True

    def sample():
        last = time.perf_counter()
        while running:
            time.sleep(0.001)
            now = time.perf_counter()
            frame = sys._current_frames().get(main)
            stage = stage_of(frame, root) if frame is not None else "start-up and other"
            stages[stage] = stages.get(stage, 0.0) + (now - last)
            last = now

    threading.Thread(target=sample, daemon=True, name="bench-stage-sampler").start()

    def write():
        nonlocal running
        running = False
        if os.getpid() != pid:  # a forked child that exits normally: not ours
            return
        record = {"pid": pid, "argv": sys.argv, "wall": time.perf_counter() - began,
                  "stages": stages}
        with open(os.path.join(folder, f"stages-{pid}.json"), "w") as handle:
            json.dump(record, handle)

    atexit.register(write)


if os.environ.get("BENCH_STAGE_PROFILE"):
    start(os.environ["BENCH_STAGE_PROFILE"])
