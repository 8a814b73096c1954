"""The corpus benchmark: reflow's throughput, scaling and memory on a generated corpus.

One run measures, on the same raw page text:

* ``clean``: ``reflow.clean`` in this process, one core (MB/s of raw input);
* ``batch``: ``reflow batch --to jsonl`` end to end (read, clean, write JSONL
  shards), with 1 job and with more jobs up to every core: MB/s per core, the
  speed-up over one job, and each worker's peak resident memory;
* two reference passes over the same pages, one text pass each and no
  structure: ``pangu.space_text`` and ``ftfy.fix_text``.

The corpus is the seed page, the project's gold pages (every text source) and
any ``--pages`` folder, repeated with their digits rotated (so no two copies in
a row are the same text) up to ``--size`` MB, written to a temporary folder in
sub-folders of 1,000 pages.

    python benchmarks/corpus.py                   # 200 MB; five passes over it
    python benchmarks/corpus.py --size 20 --pages ../shared/eval/dev/pages
    python benchmarks/corpus.py --size 5 --profile   # where clean's time goes, per stage

A pass takes size / (MB/s per core) seconds: at the 0.3 MB/s per core of
late 2026 (the reading-order stage's beam search is most of it) a pass over
the default 200 MB takes about eleven minutes of CPU per core and the whole
run about an hour on two cores, so measure with --size 3 while working.

MB/s per core is raw input over the workers' CPU seconds (what one core does,
whatever else the machine runs); the wall-clock rate and the speed-up are
printed beside it, so contention shows. Memory flat in corpus size shows as the
same peak after the first quarter of the batch and at its end. No timing is
asserted in the tests: this script is where speed is measured.
"""
from __future__ import annotations

import argparse
import cProfile
import collections
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reflow  # noqa: E402
from reflow import pipeline  # noqa: E402
from reflow.batch import available_cores, run_batch  # noqa: E402

ROTATE = str.maketrans("0123456789", "1234567890")
TARGET_PER_CORE = 5.0           # MB/s of raw input per core, end to end
TARGET_VS_PANGU = 1.5
TARGET_MEMORY = 200.0           # MB per worker


# ---------------------------------------------------------------- corpus
def source_pages(extra: list[Path]) -> list[str]:
    texts = [(ROOT / "seeds" / "000_9694df9fe0a1c290.txt").read_text(encoding="utf-8")]
    for d in [ROOT / "tests" / "gold" / "pages"] + extra:
        texts += [p.read_text(encoding="utf-8") for p in sorted(d.glob("*/*.txt"))]
    return texts


def make_corpus(texts: list[str], size_mb: float, folder: Path) -> tuple[int, int]:
    """Write pages to folder/NNNN/NNNNNNN.txt until size_mb; (pages, bytes)."""
    total = k = 0
    while total < size_mb * 1e6:
        text = texts[k % len(texts)]
        for _ in range(k // len(texts) % 10):
            text = text.translate(ROTATE)
        data = text.encode("utf-8")
        path = folder / ("%04d" % (k // 1000)) / ("%07d.txt" % k)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        k += 1
    return k, total


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.txt"))


# ---------------------------------------------------------------- passes
def timed_pass(files: list[Path], fn) -> dict:
    """One single-core pass of fn over every page's text: wall and CPU seconds."""
    nbytes = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for p in files:
        data = p.read_bytes()
        nbytes += len(data)
        fn(data)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"mb": nbytes / 1e6, "wall": wall, "cpu": cpu, "per_core": nbytes / 1e6 / cpu}


def reference(name: str):
    """pangu.space_text or ftfy.fix_text over the decoded text, or None if absent."""
    try:
        if name == "pangu":
            import pangu
            return lambda data: pangu.space_text(data.decode("utf-8"))
        import ftfy
        return lambda data: ftfy.fix_text(data.decode("utf-8"))
    except ImportError:
        return None


class MemoryWatch:
    """Samples the resident memory of this process's children (the workers) and,
    with one job, of this process, ten times a second (needs psutil). The list
    of children is refreshed once a second, and the thread's own CPU time is
    kept apart so it does not count as the batch process's."""

    def __init__(self, inprocess: bool) -> None:
        self.inprocess = inprocess
        self.samples: list[tuple[float, dict[int, float]]] = []
        self.stop = threading.Event()
        self.cpu = 0.0
        try:
            import psutil
            self.me = psutil.Process()
        except ImportError:
            self.me = None
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self):
        self.start = time.monotonic()
        if self.me is not None:
            self.thread.start()
        return self

    def run(self) -> None:
        procs, listed = [], 0.0
        while not self.stop.wait(0.1):
            t = time.thread_time()
            now = time.monotonic()
            if now - listed >= 1.0:
                procs = [self.me] if self.inprocess else self.me.children(recursive=True)
                listed = now
            rss = {}
            for p in procs:
                try:
                    rss[p.pid] = p.memory_info().rss / 2 ** 20
                except Exception:  # noqa: BLE001 - a worker that just ended
                    pass
            self.samples.append((now - self.start, rss))
            self.cpu += time.thread_time() - t

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.me is not None:
            self.thread.join()
        self.seconds = time.monotonic() - self.start

    def peak(self, until: float = 1.0) -> float | None:
        """The largest worker's peak RSS (MB) over the first ``until`` of the run."""
        vals = [max(rss.values()) for t, rss in self.samples
                if rss and t <= until * self.seconds]
        return max(vals) if vals else None


def batch_pass(folder: Path, out: Path, jobs: int, mb: float) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    parent = time.process_time()
    with MemoryWatch(inprocess=jobs == 1) as mem:
        s = run_batch([folder], out, "jsonl", jobs=jobs, progress=False)
    parent = time.process_time() - parent - mem.cpu
    if s.failed:
        raise SystemExit("batch: %d inputs failed, e.g. %s" % (s.failed, s.errors[:1]))
    # with workers, the batch process itself only walks, collects and writes:
    # its CPU time says how fast a corpus could go before it is the bottleneck
    ceiling = mb / parent if jobs > 1 and parent > 0 else None
    return {"jobs": jobs, "mb": mb, "wall": s.seconds, "cpu": s.cpu_seconds,
            "per_core": mb / s.cpu_seconds, "wall_rate": mb / s.seconds,
            "parent_cpu": parent, "parent_ceiling": ceiling,
            "articles": s.articles, "rss_reported": s.peak_rss_mb,
            "rss_quarter": mem.peak(0.25), "rss_peak": mem.peak(1.0)}


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i
    return x


def machine_scaling(jobs: int, n: int = 4_000_000) -> float:
    """What the machine itself gives: the speed-up of a pure-Python busy loop on
    ``jobs`` processes over one (shared or SMT cores give less than ``jobs``)."""
    from concurrent.futures import ProcessPoolExecutor
    times = []
    for j in (1, jobs):
        with ProcessPoolExecutor(j) as ex:
            list(ex.map(_spin, [1000] * j))            # processes started
            t = time.perf_counter()
            list(ex.map(_spin, [n] * (2 * jobs)))
            times.append(time.perf_counter() - t)
    return times[0] / times[1]


def profile(files: list[Path]) -> None:
    """Time per stage (wrapping the pipeline's stage functions) and the top of cProfile."""
    acc: collections.Counter = collections.Counter()

    def wrap(name, fn):
        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                acc[name] += time.perf_counter() - t
        return timed

    stages = pipeline.STAGES
    pipeline.STAGES = tuple(wrap(f.__module__.rsplit(".", 1)[-1], f) for f in stages)
    saved = {n: getattr(pipeline, n) for n in ("decode", "read_lines", "detect_lang")}
    for n, f in saved.items():
        setattr(pipeline, n, wrap(n, f))
    write = wrap("write jsonl", reflow.write)
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for p in files:
        write(reflow.clean(p.read_bytes()), "jsonl")
    prof.disable()
    total = time.perf_counter() - t
    pipeline.STAGES = stages
    for n, f in saved.items():
        setattr(pipeline, n, f)
    print("\nper stage (%.1f s under the profiler):" % total)
    for name, sec in acc.most_common():
        print("  %-12s %6.2f s  %5.1f%%" % (name, sec, 100 * sec / total))
    print()
    pstats.Stats(prof).sort_stats("tottime").print_stats(30)


# ---------------------------------------------------------------- report
def _mb(v: float | None) -> str:
    return "%.0f MB" % v if v is not None else "n/a"


def _rate(v: float) -> str:
    return "%.3f" % v if v < 1 else "%.2f" % v


def table(res: dict) -> str:
    rows = ["| pass | MB | CPU s | MB/s per core | wall MB/s | speed-up | peak RSS per worker "
            "(first ¼ / whole run) |", "|---|---:|---:|---:|---:|---:|---|"]
    c = res["clean"]
    rows.append("| `reflow.clean` (in process, no output) | %.1f | %.1f | **%s** | %s | | |"
                % (c["mb"], c["cpu"], _rate(c["per_core"]), _rate(c["mb"] / c["wall"])))
    base = res["batch"][0]["wall"]
    for b in res["batch"]:
        rows.append("| `reflow batch --to jsonl -j %d` | %.1f | %.1f | **%s** | %s | %.2f× "
                    "| %s / %s |" % (b["jobs"], b["mb"], b["cpu"], _rate(b["per_core"]),
                                     _rate(b["wall_rate"]), base / b["wall"],
                                     _mb(b["rss_quarter"]),
                                     _mb(b["rss_peak"] or b["rss_reported"])))
    for name in ("pangu", "ftfy"):
        r = res.get(name)
        if r:
            label = "pangu.space_text" if name == "pangu" else "ftfy.fix_text"
            rows.append("| `%s` (reference, one text pass) | %.1f | %.1f | %s | %s | | |"
                        % (label, r["mb"], r["cpu"], _rate(r["per_core"]),
                           _rate(r["mb"] / r["wall"])))
    return "\n".join(rows)


def verdicts(res: dict) -> list[str]:
    one = res["batch"][0]
    out = ["end to end %s MB/s per core (target ≥ %.1f): %s"
           % (_rate(one["per_core"]), TARGET_PER_CORE,
              "met" if one["per_core"] >= TARGET_PER_CORE else "NOT met")]
    if res.get("pangu"):
        ratio = one["per_core"] / res["pangu"]["per_core"]
        out.append("%.3f× pangu.space_text (target ≥ %.1f×): %s"
                   % (ratio, TARGET_VS_PANGU, "met" if ratio >= TARGET_VS_PANGU else "NOT met"))
    last = res["batch"][-1]
    if last["jobs"] > 1:
        out.append("%d jobs: %.2f× the wall-clock rate of one (%.0f%% of linear); "
                   "per-core rate %.0f%% of one job's; the machine itself gives %.2f× "
                   "(a busy loop on %d processes)"
                   % (last["jobs"], one["wall"] / last["wall"],
                      100 * one["wall"] / last["wall"] / last["jobs"],
                      100 * last["per_core"] / one["per_core"], res["machine_scaling"],
                      last["jobs"]))
    for b in res["batch"]:
        if b["parent_ceiling"]:
            out.append("-j %d: the batch process used %.1f CPU s to walk, collect and write "
                       "(it would be the bottleneck at %.0f MB/s)"
                       % (b["jobs"], b["parent_cpu"], b["parent_ceiling"]))
    peaks = [b["rss_peak"] or b["rss_reported"] for b in res["batch"]]
    out.append("peak memory per worker %s (target < %.0f MB)"
               % (", ".join(_mb(p) for p in peaks), TARGET_MEMORY))
    return out


def environment() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"python": platform.python_version(), "cores": available_cores(),
            "reflow": reflow.__version__, "commit": commit, "load_before": load}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=200.0,
                    help="corpus size in MB of raw page text (default 200)")
    ap.add_argument("--pages", type=Path, action="append", default=[],
                    help="another folder of <page>/*.txt raw files to add to the corpus")
    ap.add_argument("--jobs", type=int, action="append",
                    help="job counts to run batch with (default: 1, 2, 4 … every core)")
    ap.add_argument("--no-reference", action="store_true", help="skip pangu and ftfy")
    ap.add_argument("--profile", action="store_true",
                    help="only profile clean: time per stage and the top of cProfile")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="reflow-corpus-"))
    folder = args.keep or tmp / "corpus"
    try:
        texts = source_pages(args.pages)
        n, nbytes = make_corpus(texts, args.size, folder)
        files = corpus_files(folder)
        env = environment()
        print("corpus: %d pages, %.1f MB from %d source pages in %s; %s"
              % (n, nbytes / 1e6, len(texts), folder, env), flush=True)
        reflow.clean(texts[0])          # warm up: rules loaded, patterns compiled
        if args.profile:
            profile(files)
            return
        res: dict = {"env": env, "pages": n}
        res["clean"] = timed_pass(files, reflow.clean)
        print("clean: %.2f MB/s per core" % res["clean"]["per_core"], flush=True)
        cores = env["cores"]
        jobs = args.jobs or sorted({1, cores} | {j for j in (2, 4, 8, 16, 32) if j < cores})
        res["machine_scaling"] = machine_scaling(max(jobs))
        res["batch"] = []
        for j in jobs:
            res["batch"].append(batch_pass(folder, tmp / "out", j, nbytes / 1e6))
            print("batch -j %d: %.2f MB/s per core, %.2f MB/s wall"
                  % (j, res["batch"][-1]["per_core"], res["batch"][-1]["wall_rate"]), flush=True)
        if not args.no_reference:
            for name in ("pangu", "ftfy"):
                fn = reference(name)
                if fn is None:
                    print("%s not installed: pip install %s" % (name, name))
                    continue
                res[name] = timed_pass(files, fn)
        print()
        print(table(res))
        print()
        for line in verdicts(res):
            print("- " + line)
        if args.json:
            args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
