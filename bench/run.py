"""Benchmark the site's production build against bare Pelican on a synthetic corpus.

For each size N: copy the project (settings, theme, plugins, tasks.py, the
real content) into a temp folder, add N generated articles and a few pages
(``bench/generate.py``), then build alternately, in pairs,
(a) the production site exactly as ``invoke preview`` builds it, by running
    ``invoke preview`` in the copy (so whatever tasks.py does after Pelican
    is measured too), and
(b) bare Pelican, default theme, no plugins, on the same generated files.
Prints medians, the median paired ratio a/b, ms per article and peak memory
(largest resident set of the build's processes, from wait4). Then, at one
size, the time from saving an article to the finished rebuild in
``invoke livereload`` (``bench/livereload_probe.py``) and each stage's share
of one production build (``bench/stage_profile``). Figures only: nothing here
passes or fails.

    python bench/run.py [--sizes 100,1000,4000] [--runs 3]
"""

import argparse
import datetime as dt
import json
import os
from pathlib import Path
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
from bench.generate import SUBDIR, generate  # noqa: E402
from scripts.build import pelican_args  # noqa: E402  (the one place that builds Pelican's command)

# Left out of the project copy: version control, caches, earlier output, tests.
IGNORED_EVERYWHERE = shutil.ignore_patterns("__pycache__", ".git")
IGNORED_AT_TOP = {".venv", "output", "cache", ".pytest_cache", ".ruff_cache", "node_modules",
                  ".lighthouseci", "tests", "bench"}  # only there: plugins/output is code


def ignored(folder, names):
    found = set(IGNORED_EVERYWHERE(folder, names))
    if Path(folder).resolve() == ROOT:
        found |= {name for name in names
                  if name in IGNORED_AT_TOP or name.startswith(".output-")}
    return found
# Linked, not copied: installed tools the tasks may call by path.
LINKED = (".venv", "node_modules")

BARE_SETTINGS = """\
# Bare Pelican: default theme, no plugins; only what it needs to find the corpus.
SITENAME = "Bench"
SITEURL = "https://www.therarehab.example"
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["articles/{subdir}"]
PAGE_PATHS = ["pages/{subdir}"]
STATIC_PATHS = ["images/{subdir}"]
# An empty list, not unset: with PLUGINS unset, Pelican loads every namespace plugin
# installed (image-process, precompress, ...), and "bare" would be anything but.
PLUGINS = []
"""


def machine():
    """Describe the machine: CPUs, CPU model, memory, Python, Pelican."""
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        ram_kib = int(meminfo.readline().split()[1])
    pelican = subprocess.run(
        [sys.executable, "-c", "import pelican; print(pelican.__version__)"],
        capture_output=True, text=True,
    ).stdout.strip()
    return (f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {model}, "
            f"{ram_kib / 1024 / 1024:.1f} GiB RAM, Python {platform.python_version()}, "
            f"Pelican {pelican}, load average {os.getloadavg()[0]:.2f} at start")


REAL_ARTICLE = Path("content/articles/do-physical-therapists-massage.md")


def make_project(dest, n, seed, today):
    """Copy the project into dest/site with n generated articles (None: the real content
    only); return its path."""
    site = Path(dest) / "site"
    shutil.copytree(ROOT, site, ignore=ignored, symlinks=True)
    for name in LINKED:
        if (ROOT / name).exists():
            (site / name).symlink_to(ROOT / name)
    if n is not None:
        generate(site / "content", n, seed=seed, today=today, project=site)
    return site


def run_measured(command, cwd, log, env=None):
    """Run command; return (wall seconds, peak RSS in KiB of its largest process,
    CPU seconds of all its processes)."""
    with open(log, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise SystemExit(f"bench: {' '.join(map(str, command))} failed:\n{tail}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB on Linux


def production_build(site, log, env=None):
    """Build as `invoke preview` does, in the project copy."""
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)
    return run_measured([sys.executable, "-m", "invoke", "preview"], site, log, env=env)


def bare_build(site, settings, output, log):
    """Build the generated files with bare Pelican."""
    shutil.rmtree(output, ignore_errors=True)
    return run_measured(pelican_args(settings, output, site / "content"), site, log)


def bench_size(n, args, work):
    """Time production and bare builds of an n-article corpus, alternating."""
    site = make_project(work, n, args.seed, args.today)
    settings = Path(work) / "bare_settings.py"
    settings.write_text(BARE_SETTINGS.format(subdir=SUBDIR))
    bare_output = Path(work) / "bare-output"
    log = Path(work) / "build.log"
    for _ in range(args.warmup):  # fills the file cache and compiles .pyc files
        production_build(site, log)
        bare_build(site, settings, bare_output, log)
    production, bare = [], []
    for run in range(args.runs):
        order = ("production", "bare") if run % 2 == 0 else ("bare", "production")
        for which in order:
            if which == "production":
                production.append(production_build(site, log))
            else:
                bare.append(bare_build(site, settings, bare_output, log))
    return site, {"n": n, "production": production, "bare": bare}


def livereload_edit(site, edits, log, article=None):
    """Run bench/livereload_probe.py in the project copy; return its figures."""
    article = site / (article or Path("content", "articles", SUBDIR, "article-00000.md"))
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)
    with open(log, "w") as err:
        result = subprocess.run(
            [sys.executable, str(BENCH / "livereload_probe.py"), str(site), str(article),
             "--edits", str(edits)],
            cwd=site, stdout=subprocess.PIPE, stderr=err, text=True,
        )
    if result.returncode:
        raise SystemExit("bench: livereload probe failed:\n" + Path(log).read_text()[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def stage_shares(site, work, log):
    """One production build with every Python process sampled.

    Returns (wall, stages of the build: the Pelican process and invoke's own start-up,
    other processes: {command: wall seconds}, run beside the Pelican process).
    """
    folder = Path(work) / "stages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    env = dict(os.environ, BENCH_STAGE_PROFILE=str(folder), BENCH_STAGE_ROOT=str(site),
               PYTHONPATH=os.pathsep.join(
                   filter(None, [str(BENCH / "stage_profile"), os.environ.get("PYTHONPATH")])))
    wall, _, _ = production_build(site, log, env=env)
    records = [json.loads(record.read_text()) for record in folder.glob("stages-*.json")]
    stages, others, pelican_wall = {}, {}, 0.0
    for record in records:
        command = " ".join(record["argv"])
        if "pelican" in command:
            pelican_wall += record["wall"]
        elif "invoke" not in command:
            others[command] = others.get(command, 0.0) + record["wall"]
            continue
        for stage, seconds in record["stages"].items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    # The invoke process waits while Pelican works: that wait is Pelican's stages.
    stages["start-up and other"] = max(0.0, stages.get("start-up and other", 0.0) - pelican_wall)
    return wall, stages, others


def pipeline_steps(site):
    """The production OUTPUT_PIPELINE of the project copy."""
    code = ("import json, runpy; print(json.dumps(runpy.run_path('publishconf.py')"
            "['OUTPUT_PIPELINE']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=site, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(values):
    return statistics.median(values)


def report_sizes(results):
    print("\n## Cold builds: production pipeline (a) vs bare Pelican (b)\n")
    print("| N | a median s | b median s | a/b (median of pairs) | a ms/article "
          "| b ms/article | a CPU s | b CPU s | a peak MiB | a KiB/article | b peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for result in results:
        n = result["n"]
        a = [run[0] for run in result["production"]]
        b = [run[0] for run in result["bare"]]
        ratio = median([x / y for x, y in zip(a, b, strict=True)])
        a_peak = max(run[1] for run in result["production"])
        b_peak = max(run[1] for run in result["bare"])
        a_cpu = median([run[2] for run in result["production"]])
        b_cpu = median([run[2] for run in result["bare"]])
        print(f"| {n} | {median(a):.2f} | {median(b):.2f} | {ratio:.2f} "
              f"| {1000 * median(a) / n:.2f} | {1000 * median(b) / n:.2f} "
              f"| {a_cpu:.2f} | {b_cpu:.2f} "
              f"| {a_peak / 1024:.0f} | {a_peak / n:.0f} | {b_peak / 1024:.0f} |")
        result.update(a_median=median(a), b_median=median(b), ratio=ratio,
                      a_peak_kib=a_peak, b_peak_kib=b_peak)
    print("\nEvery run, wall seconds (a / b): " + "; ".join(
        f"N={r['n']}: " + ", ".join(f"{x[0]:.2f}/{y[0]:.2f}"
                                    for x, y in zip(r["production"], r["bare"], strict=True))
        for r in results))
    spans = list(zip(results, results[1:], strict=False))
    if len(results) > 2:
        spans.append((results[0], results[-1]))
    for first, last in spans:
        per_first = first["a_median"] / first["n"]
        per_last = last["a_median"] / last["n"]
        added = last["n"] - first["n"]
        print(f"\nN={first['n']} -> N={last['n']}: production ms/article {1000 * per_first:.2f}"
              f" -> {1000 * per_last:.2f} ({100 * (per_last / per_first - 1):+.0f}%); "
              f"per added article: production "
              f"{1000 * (last['a_median'] - first['a_median']) / added:.2f} ms, bare "
              f"{1000 * (last['b_median'] - first['b_median']) / added:.2f} ms; production "
              f"peak memory {(last['a_peak_kib'] - first['a_peak_kib']) / added:.0f} KiB, bare "
              f"{(last['b_peak_kib'] - first['b_peak_kib']) / added:.0f} KiB")
    print(f"\n(a) also builds the real content/ (its article and pages) beside the {SUBDIR}/ "
          "files; (b) builds only the generated files. CPU: user+system seconds of all the "
          "build's processes (median).")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,4000",
                        help="comma-separated numbers of articles")
    parser.add_argument("--runs", type=int, default=3, help="timed pairs per size")
    parser.add_argument("--warmup", type=int, default=1, help="untimed pairs per size")
    parser.add_argument("--livereload-size", type=int, default=1000,
                        help="size for the livereload edit timing (0: skip)")
    parser.add_argument("--edits", type=int, default=3, help="timed livereload edits")
    parser.add_argument("--stages-size", type=int, default=1000,
                        help="size for the stage shares (0: skip)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temp folders")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]

    print(f"# Build benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}\n")
    print(f"Machine: {machine()}")
    print(f"Runs: {args.runs} timed pairs (+{args.warmup} warm-up) per size, alternating order")
    results = []
    for n in sizes:
        work = tempfile.mkdtemp(prefix=f"bench-{n}-")
        try:
            print(f"... N={n}: building", file=sys.stderr, flush=True)
            site, result = bench_size(n, args, work)
            results.append(result)
            if n == args.livereload_size:
                print(f"... N={n}: livereload edits", file=sys.stderr, flush=True)
                result["livereload"] = livereload_edit(site, args.edits, Path(work) / "lr.log")
            if n == args.stages_size:
                print(f"... N={n}: stage shares", file=sys.stderr, flush=True)
                result["stages"] = stage_shares(site, work, Path(work) / "stages.log")
                result["steps"] = pipeline_steps(site)
        finally:
            if args.keep:
                print(f"kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work, ignore_errors=True)
    real_site = None
    if args.livereload_size:
        work = tempfile.mkdtemp(prefix="bench-real-")
        try:
            print("... the real site: livereload edits", file=sys.stderr, flush=True)
            site = make_project(work, None, args.seed, args.today)
            real_site = livereload_edit(site, args.edits, Path(work) / "lr.log", REAL_ARTICLE)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report_sizes(results)
    if real_site:
        edit = median(real_site["edits"])
        print("\n## Livereload, the real site (content/ only): save its article -> rebuild"
              " finished\n")
        print(f"- first (cold) livereload build: {real_site['first_build']:.2f} s")
        print(f"- after an edit, poll + rebuild (median of {len(real_site['edits'])}): "
              f"{edit:.2f} s = {edit / real_site['first_build']:.2f}x the cold livereload build")
    for result in results:
        if "livereload" in result:
            lr = result["livereload"]
            edit = median(lr["edits"])
            print(f"\n## Livereload, N={result['n']}: save one article -> rebuild finished\n")
            print(f"- first (cold) livereload build: {lr['first_build']:.2f} s")
            print(f"- watcher poll without changes: {1000 * lr['idle_poll']:.0f} ms")
            print(f"- after an edit, poll + rebuild (median of {len(lr['edits'])}): "
                  f"{edit:.2f} s = {edit / lr['first_build']:.2f}x the cold livereload build, "
                  f"{edit / result['a_median']:.2f}x the production cold build")
            print("- plus waiting for livereload's next poll: 0-0.8 s (every 800 ms)")
        if "stages" in result:
            wall, stages, others = result["stages"]
            print(f"\n## Stage shares of one production build, N={result['n']} "
                  f"({wall:.2f} s, sampled)\n")
            for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
                print(f"- {stage}: {100 * seconds / wall:.0f}% ({seconds:.2f} s)")
            absent = [step for step in ["reading", *result["steps"]] if step not in stages]
            if absent:
                print(f"- absent (no sample): {', '.join(absent)}")
            for command, seconds in sorted(others.items()):
                print(f"- beside the build: `{command}` ran {seconds:.2f} s")


if __name__ == "__main__":
    main()
