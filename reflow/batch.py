"""Batch mode: a corpus of pages through reflow on every core, resumable.

``reflow batch INPUT... -o OUT_DIR`` cleans every input file (directories are
walked, globs expanded, both in sorted order) in worker processes and writes:

    OUT_DIR/part-00000.jsonl      --to jsonl: one shard per ``--shard-size``
    OUT_DIR/part-00001.jsonl        consecutive inputs, articles in input order
    OUT_DIR/g01/pdftotext.txt.md  --to md|tei|json|text: one file per input,
                                    the input tree mirrored, the format's suffix added
    OUT_DIR/errors.jsonl          one {"file", "reason"} per failed input, input order
    OUT_DIR/.reflow-batch/        bookkeeping: one record per committed shard, a lock

Why this layout makes resume and determinism simple: a shard is a fixed slice
of the sorted input list, so its content depends only on its inputs, never on
which worker finished first (results are consumed in input order). Every
output file is written to a temporary name and renamed into place (part files
and records are flushed to disk first); a shard is *done* only when its record
(inputs with size and mtime, options, counts, errors) has been renamed into
``.reflow-batch/`` after its outputs. SIGKILL at any point leaves done shards
and at most one unfinished one; ``--resume`` skips shards whose record matches
the current inputs and options and redoes the rest, byte for byte the same.

Memory stays bounded: directories are walked lazily, at most a few chunks of
files per worker are in flight, and the open shard streams to disk.

Test hook: ``REFLOW_BATCH_KILL_AFTER=N`` makes the batch process SIGKILL
itself after its N-th step (an input's output written, a shard's output renamed
into place, a shard's record written), so a test can interrupt it at every
point deterministically. It holds no cleaning logic: each input goes through
``reflow.clean_file``.
"""
from __future__ import annotations

import fnmatch
import glob
import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

import click

from . import __version__
from .engine import CONVERSIONS, FORMATS as INPUT_FORMATS, SPACING, Options
from .pipeline import clean, clean_file
from .read import InputError
from .rules import RuleError, load_rules
from .writers import EXTENSIONS, write

BATCH_FORMATS = ("jsonl", "json", "md", "tei", "text")
DEFAULT_INCLUDE = ("*.txt", "*.hocr")
STATE_DIR = ".reflow-batch"
KILL_HOOK = "REFLOW_BATCH_KILL_AFTER"
CHUNK_FILES = 64                # inputs per task sent to a worker (a task costs ~0.2 ms) …
CHUNK_BYTES = 1 << 20           # … or fewer, once they add up to 1 MB, or a shard
CHUNK_SPREAD = 4                # … holds at least this many tasks per worker
IN_FLIGHT = 4                   # tasks in flight per worker: a slow page does not idle the rest


# ---------------------------------------------------------------- inputs
class Input(NamedTuple):
    """One input file: where to read it and the name it goes by in the output."""
    path: str                   # as found, to open
    name: str                   # relative to the inputs' common root, with "/"
    size: int
    mtime_ns: int


def _glob_root(pattern: str) -> str:
    """The folder a glob pattern starts from: its leading parts without magic."""
    parts = Path(pattern).parts
    keep = []
    for part in parts:
        if glob.has_magic(part):
            break
        keep.append(part)
    return str(Path(*keep)) if keep else "."


def _roots(args: Iterable[str]) -> list[tuple[str, str]]:
    """(kind, root) of each INPUT argument: file, dir or glob."""
    out = []
    for a in args:
        if os.path.isdir(a):
            out.append(("dir", a))
        elif os.path.exists(a) or not glob.has_magic(a):
            out.append(("file", a))
        else:
            out.append(("glob", a))
    return out


def common_root(args: Iterable[str]) -> str:
    """The folder that names are relative to: the common ancestor of the inputs.

    >>> common_root(["pages/g01/a.txt", "pages/g02"]) == os.path.abspath("pages")
    True
    """
    tops = []
    for kind, a in _roots(args):
        top = a if kind == "dir" else _glob_root(a) if kind == "glob" else os.path.dirname(a)
        tops.append(os.path.abspath(top or "."))
    return os.path.commonpath(tops) if tops else os.path.abspath(".")


def _walk(folder: str, include: tuple[str, ...], skip: str | None) -> Iterator[str]:
    """Files under a folder in sorted order, lazily; hidden entries and the
    output folder are left out; symlinked folders are not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir(follow_symlinks=False):
            if skip is None or os.path.realpath(e.path) != skip:
                yield from _walk(e.path, include, skip)
        elif any(fnmatch.fnmatchcase(e.name, p) for p in include):
            yield e.path


def discover(args: Iterable[str], include: Iterable[str] = DEFAULT_INCLUDE,
             skip: str | os.PathLike | None = None) -> Iterator[Input]:
    """The input files named by files, folders and globs, in a deterministic order.

    Arguments keep their order; a folder is walked and a glob expanded in
    sorted order (code points, not the locale). A named file is taken whatever
    its suffix; inside folders only names matching ``include`` are. A missing
    argument raises ``InputError``.
    """
    args = list(args)
    include = tuple(include)
    root = common_root(args)
    skip = os.path.realpath(skip) if skip is not None else None
    for kind, a in _roots(args):
        if kind == "dir":
            paths: Iterable[str] = _walk(a, include, skip)
        elif kind == "glob":
            paths = sorted(p for p in glob.glob(a, recursive=True) if os.path.isfile(p))
            if not paths:
                raise InputError("%s: no file matches" % a)
            if skip is not None:        # never the outputs of this very run
                paths = [p for p in paths
                         if not os.path.realpath(p).startswith(skip + os.sep)]
        elif not os.path.exists(a):
            raise InputError("%s: no such file or directory" % a)
        else:
            paths = [a]
        for p in paths:
            name = os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/")
            try:
                st = os.stat(p)
            except OSError:     # vanished or unreadable: the worker reports why
                yield Input(p, name, 0, 0)
                continue
            yield Input(p, name, st.st_size, st.st_mtime_ns)


# ---------------------------------------------------------------- one input
class Outcome(NamedTuple):
    """What cleaning one input gave: its output (UTF-8) or why it failed."""
    name: str
    data: bytes | None
    error: str | None
    pages: int = 0
    articles: int = 0
    chars: int = 0
    warnings: int = 0
    rss_kb: int = 0             # the worker's peak resident memory so far
    pid: int = 0
    cpu: float = 0.0            # CPU seconds spent on this input


def _peak_rss_kb() -> int:
    try:
        import resource
    except ImportError:         # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def clean_one(path: str, name: str, opts: Options | None = None, fmt: str = "jsonl") -> Outcome:
    """Clean one file into ``fmt``; never raises for a bad input.

    The document's source is ``name`` (its path relative to the corpus root),
    so records say which file of the corpus they come from. A picklable plain
    function: ``concurrent.futures``, ``multiprocessing`` or Dask can map it.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "page.txt"
    >>> _ = page.write_text("新华社北京7月28日电 北京智谱发布新\\n模型GLM-\\n4.5。", encoding="utf-8")
    >>> o = clean_one(page, "2025/07/page.txt")
    >>> o.error, o.articles, json.loads(o.data)["source"]["file"]
    (None, 1, '2025/07/page.txt')
    >>> clean_one("no/such.txt", "such.txt").error
    'no such file'
    """
    start = time.process_time()
    try:
        doc = clean_file(path, opts)
        doc.source = name
        out = write(doc, fmt).encode("utf-8")
    except (InputError, RuleError) as e:
        return Outcome(name, None, _reason(str(e), path), rss_kb=_peak_rss_kb(),
                       pid=os.getpid(), cpu=time.process_time() - start)
    except Exception as e:  # noqa: BLE001 - a bug on one page must not stop a corpus
        return Outcome(name, None, "internal error: %s: %s" % (type(e).__name__, e),
                       rss_kb=_peak_rss_kb(), pid=os.getpid(), cpu=time.process_time() - start)
    arts = doc.articles
    warnings = len(doc.warnings) + sum(len(a.warnings) for a in arts)
    return Outcome(name, out, None, doc.pages, len(arts), sum(len(a.text) for a in arts),
                   warnings, _peak_rss_kb(), os.getpid(), time.process_time() - start)


def _reason(message: str, path: str) -> str:
    """The error without the path in front: the report names the file already."""
    prefix = str(Path(path)) + ": "
    return message[len(prefix):] if message.startswith(prefix) else message


def _clean_chunk(chunk: list[tuple[str, str]], opts: Options, fmt: str) -> list[Outcome]:
    return [clean_one(path, name, opts, fmt) for path, name in chunk]


def _warm(opts: Options) -> None:
    """Load once what the first page would: rules compiled, word lists, OpenCC."""
    load_rules(opts.rules, opts.disable)
    clean("新华社北京7月28日电 北京智谱发布新\n模型。", opts)


def _init_worker(opts: Options, parent: int) -> None:
    """Once per worker: a watchdog that ends the worker when the batch process
    ``parent`` is gone (it may be killed before this even runs), Ctrl-C left to
    the parent, rules and word lists loaded."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)             # orphaned: the batch process was killed
    threading.Thread(target=watch, daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm(opts)


# ---------------------------------------------------------------- summary
@dataclass
class Summary:
    """What a batch run did; ``resumed`` counts inputs done by an earlier run."""
    files: int = 0
    failed: int = 0
    resumed: int = 0
    pages: int = 0
    articles: int = 0
    chars: int = 0
    warnings: int = 0
    bytes: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0    # worker CPU time spent cleaning, this run only
    jobs: int = 1
    shards: int = 0
    peak_rss_mb: float = 0.0    # the largest worker's peak resident memory
    errors: list[dict] = field(default_factory=list)

    def add(self, rec: dict) -> None:
        for key in ("files", "failed", "pages", "articles", "chars", "warnings", "bytes"):
            setattr(self, key, getattr(self, key) + rec[key])

    def line(self) -> str:
        done = self.bytes / 1e6
        rate = done / self.seconds if self.seconds else 0.0
        return ("reflow batch: %d files (%d failed, %d resumed), %d pages, %d articles, "
                "%d characters, %d warnings; %.1f MB in %.1f s (%.2f MB/s, %d jobs, "
                "peak %.0f MB per worker)"
                % (self.files, self.failed, self.resumed, self.pages, self.articles, self.chars,
                   self.warnings, done, self.seconds, rate, self.jobs, self.peak_rss_mb))


# ---------------------------------------------------------------- progress
class Progress:
    """A one-line progress bar on stderr (files, MB/s, ETA), drawn at most 10 times
    a second; it draws nothing when stderr is not a terminal."""

    def __init__(self, total_files: int, total_bytes: int, enabled: bool) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.enabled = enabled
        self.files = self.bytes = 0
        self.start = self.last = time.monotonic()

    def update(self, files: int, nbytes: int) -> None:
        self.files += files
        self.bytes += nbytes
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.1:
            self.last = now
            self.draw(now)

    def skip(self, files: int, nbytes: int) -> None:
        """Inputs an earlier run did: out of the totals, so the rate stays true."""
        self.total_files -= files
        self.total_bytes -= nbytes

    def draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.bytes / elapsed
        share = self.bytes / self.total_bytes if self.total_bytes else 1.0
        left = (self.total_bytes - self.bytes) / rate if rate > 0 else 0
        bar = "#" * int(24 * share)
        sys.stderr.write("\r[%-24s] %d/%d files  %.2f MB/s  ETA %d:%02d:%02d " % (
            bar, self.files, self.total_files, rate / 1e6,
            left // 3600, left % 3600 // 60, left % 60))
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def _count(args: list[str], include: tuple[str, ...], skip: str) -> tuple[int, int]:
    n = size = 0
    for item in discover(args, include, skip):
        n += 1
        size += item.size
    return n, size


# ---------------------------------------------------------------- output
def _write_atomic(path: Path, data: bytes | Iterable[bytes], sync: bool = True) -> None:
    """Write to a temporary name beside ``path`` and rename it into place, so no
    reader ever sees half a file; ``sync`` first flushes it to disk (part files
    and records: they must survive a power cut too, not only a killed process)."""
    tmp = path.with_name("." + path.name + ".tmp")
    with open(tmp, "wb") as fh:
        for piece in ([data] if isinstance(data, bytes) else data):
            fh.write(piece)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)


class _Killer:
    """The test hook: SIGKILL this process after its N-th step."""

    def __init__(self) -> None:
        value = os.environ.get(KILL_HOOK, "")
        self.left = int(value) if value.isdigit() else None

    def step(self) -> None:
        if self.left is None:
            return
        self.left -= 1
        if self.left <= 0:
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)


class Sink:
    """Where one shard's outputs go: one part file (jsonl) or one file per input."""

    def __init__(self, out: Path, fmt: str, index: int, killer: _Killer) -> None:
        self.out, self.fmt, self.index, self.killer = out, fmt, index, killer
        self.sharded = fmt == "jsonl"
        self.outputs: list[str] = []
        self.fh = None
        _record_path(out, index).unlink(missing_ok=True)   # a shard being written is not done
        if self.sharded:
            self.part = out / shard_name(index, fmt)
            self.tmp = self.part.with_name("." + self.part.name + ".tmp")
            self.fh = open(self.tmp, "wb")

    def add(self, o: Outcome) -> None:
        if self.sharded:
            if o.data:
                self.fh.write(o.data)
        else:
            target = self.out / (o.name + EXTENSIONS[self.fmt])
            if o.data is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_atomic(target, o.data, sync=False)   # one fsync per page is too slow
                self.outputs.append(target.relative_to(self.out).as_posix())
            elif target.is_file():
                target.unlink()     # an earlier run's output of an input that now fails
        self.killer.step()

    def commit(self) -> list[str]:
        """Put the shard's part file in place; the names of all its outputs."""
        if self.sharded:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.tmp, self.part)
            self.killer.step()
            return [self.part.name]
        return self.outputs

    def abort(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.tmp.unlink(missing_ok=True)


def shard_name(index: int, fmt: str = "jsonl") -> str:
    """The name of a shard's part file.

    >>> shard_name(7)
    'part-00007.jsonl'
    """
    return "part-%05d%s" % (index, EXTENSIONS[fmt])


# ---------------------------------------------------------------- records
def _options_key(opts: Options, fmt: str) -> str:
    """What the output depends on besides the inputs: version, format, options
    and the content of extra rule files."""
    h = hashlib.sha256(repr((__version__, fmt, opts)).encode())
    for p in opts.rules:
        try:
            h.update(Path(p).read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


def _shard_key(items: list[Input], options_key: str) -> str:
    h = hashlib.sha256(options_key.encode())
    for it in items:
        h.update(("%s\0%d\0%d\n" % (it.name, it.size, it.mtime_ns)).encode("utf-8",
                                                                          "surrogatepass"))
    return h.hexdigest()


def _record_path(out: Path, index: int) -> Path:
    return out / STATE_DIR / ("shard-%05d.json" % index)


def _read_record(out: Path, index: int) -> dict | None:
    try:
        return json.loads(_record_path(out, index).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _done(out: Path, index: int, key: str) -> dict | None:
    """The record of a shard an earlier run finished with these inputs, if any."""
    rec = _read_record(out, index)
    if rec is None or rec.get("key") != key:
        return None
    if not all((out / name).is_file() for name in rec.get("outputs", ())):
        return None
    return rec


def _lock(out: Path):
    """Hold OUT_DIR for this run. A POSIX record lock belongs to this process
    alone: forked workers do not inherit it, and it goes with the process, even
    on SIGKILL, so a resumed run never waits for the workers of a killed one."""
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    fh = open(state / "lock", "w")
    try:
        import fcntl
        fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:         # pragma: no cover - Windows: no lock
        pass
    except OSError:
        fh.close()
        raise InputError("%s: another reflow batch is writing there" % out) from None
    return fh


# ---------------------------------------------------------------- the engine
@dataclass
class _Shard:
    index: int
    items: list[Input]
    key: str


def _shards(items: Iterator[Input], size: int, options_key: str) -> Iterator[_Shard]:
    index = 0
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield _Shard(index, chunk, _shard_key(chunk, options_key))
        index += 1


def _chunks(items: list[Input], jobs: int) -> Iterator[list[Input]]:
    """A shard's inputs in tasks: large enough that the cost of a task is small
    against its work, small enough that every worker gets some of a small shard."""
    most = max(1, min(CHUNK_FILES, -(-len(items) // (CHUNK_SPREAD * jobs))))
    chunk: list[Input] = []
    size = 0
    for it in items:
        chunk.append(it)
        size += it.size
        if len(chunk) >= most or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _pairs(chunk: list[Input]) -> list[tuple[str, str]]:
    return [(i.path, i.name) for i in chunk]


class _Workers:
    """A process pool fed with tasks and read in task order, with bounded work in
    flight. A worker that dies (a crash, the OOM killer) breaks the pool: the
    pool is replaced, the work in flight resubmitted, and the task it was on is
    redone one file at a time in a pool of its own, so only the input that
    kills a worker is reported, as that input's failure."""

    def __init__(self, jobs: int, opts: Options, fmt: str) -> None:
        self.jobs, self.opts, self.fmt = jobs, opts, fmt
        self.pending: deque = deque()
        self.pool = self._new(jobs)

    def _new(self, n: int):
        from concurrent.futures import ProcessPoolExecutor
        return ProcessPoolExecutor(max_workers=n, initializer=_init_worker,
                                   initargs=(self.opts, os.getpid()))

    def full(self) -> bool:
        return len(self.pending) >= self.jobs * IN_FLIGHT

    def put(self, task: tuple) -> None:
        fut = self.pool.submit(_clean_chunk, _pairs(task[1]), self.opts, self.fmt)
        self.pending.append((task, fut))

    def get(self) -> tuple[tuple, list[Outcome]]:
        from concurrent.futures.process import BrokenProcessPool
        task, fut = self.pending.popleft()
        try:
            return task, fut.result()
        except BrokenProcessPool:
            # the broken pool's threads end first: a fork never happens while
            # another pool's threads hold locks
            self.pool.shutdown(wait=True, cancel_futures=True)
            outcomes = [self._alone(pair) for pair in _pairs(task[1])]
            self._restart()
            return task, outcomes

    def _restart(self) -> None:
        self.pool = self._new(self.jobs)
        rest = [task for task, _ in self.pending]
        self.pending.clear()
        for task in rest:
            self.put(task)

    def _alone(self, pair: tuple[str, str]) -> Outcome:
        from concurrent.futures.process import BrokenProcessPool
        solo = self._new(1)
        try:
            return solo.submit(_clean_chunk, [pair], self.opts, self.fmt).result()[0]
        except BrokenProcessPool:
            return Outcome(pair[1], None, "the worker process cleaning it died "
                                          "(a crash, or out of memory)")
        finally:
            solo.shutdown(wait=True, cancel_futures=True)

    def close(self, wait: bool) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=True)


def _ordered(tasks: Iterator[tuple], jobs: int, opts: Options,
             fmt: str) -> Iterator[tuple[tuple, list[Outcome]]]:
    """(task, outcomes) in task order, whichever worker finishes first."""
    if jobs <= 1:               # in this process: no start-up, no pickling
        _warm(opts)
        for task in tasks:
            yield task, _clean_chunk(_pairs(task[1]), opts, fmt)
        return
    workers = _Workers(jobs, opts, fmt)
    try:
        for task in tasks:
            workers.put(task)
            if workers.full():
                yield workers.get()
        while workers.pending:
            yield workers.get()
    except BaseException:
        workers.close(wait=False)
        raise
    workers.close(wait=True)


def run_batch(inputs: Iterable[str], out_dir: str | os.PathLike, fmt: str = "jsonl",
              opts: Options | None = None, *, jobs: int | None = None, resume: bool = False,
              shard_size: int = 1000, include: Iterable[str] = DEFAULT_INCLUDE,
              progress: bool | None = None, on_error: Callable[[dict], None] | None = None,
              ) -> Summary:
    """Clean every input into ``out_dir``; see the module docstring for the layout.

    ``jobs`` worker processes (default: every core this process may use), each
    input's failure recorded, never raised. Returns the ``Summary`` of the whole
    corpus, inputs done by an earlier run (``resume``) included. Raises
    ``InputError`` for a missing argument or a folder another run holds, and
    ``RuleError`` for a broken rule file, before any work.
    """
    if fmt not in BATCH_FORMATS:
        raise ValueError("fmt must be one of %s, not %r" % (", ".join(BATCH_FORMATS), fmt))
    opts = opts or Options()
    jobs = jobs or available_cores()
    args, include = [str(a) for a in inputs], tuple(include)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    skip = str(out.resolve())
    load_rules(opts.rules, opts.disable)        # a broken rule file fails the run, once
    for _ in discover(args, include, skip):     # … and so does a missing argument
        break
    lock = _lock(out)
    try:
        if progress is None:
            progress = sys.stderr.isatty()
        total = _count(args, include, skip) if progress else (0, 0)
        bar = Progress(total[0], total[1], progress)
        summary = _run(args, out, fmt, opts, jobs, resume, shard_size, include, skip, bar,
                       on_error)
        bar.clear()
        _finish(out, fmt, summary)
        return summary
    finally:
        lock.close()


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run(args, out, fmt, opts, jobs, resume, shard_size, include, skip, bar,
         on_error) -> Summary:
    start = time.monotonic()
    summary = Summary(jobs=jobs)
    okey = _options_key(opts, fmt)
    killer = _Killer()
    rss: dict[int, int] = {}

    def todo() -> Iterator[tuple]:
        for shard in _shards(discover(args, include, skip), shard_size, okey):
            summary.shards += 1
            rec = _done(out, shard.index, shard.key) if resume else None
            if rec is not None:
                summary.add(rec)
                summary.resumed += rec["files"]
                bar.skip(rec["files"], rec["bytes"])
                continue
            chunks = list(_chunks(shard.items, jobs))
            for k, chunk in enumerate(chunks):
                yield (shard, chunk, k == len(chunks) - 1)

    sink: Sink | None = None
    stats: dict = {}
    try:
        for (shard, chunk, last), outcomes in _ordered(todo(), jobs, opts, fmt):
            if sink is None:
                sink = Sink(out, fmt, shard.index, killer)
                stats = dict(files=0, failed=0, pages=0, articles=0, chars=0, warnings=0,
                             bytes=0, errors=[])
            for item, o in zip(chunk, outcomes):
                sink.add(o)
                _tally(stats, item, o, on_error)
                rss[o.pid] = max(rss.get(o.pid, 0), o.rss_kb)
                summary.cpu_seconds += o.cpu
                bar.update(1, item.size)
            if last:
                _commit(out, shard, sink, stats, fmt)
                killer.step()
                summary.add(stats)
                sink = None
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    summary.seconds = time.monotonic() - start
    summary.peak_rss_mb = max(rss.values(), default=0) / 1024
    return summary


def _tally(stats: dict, item: Input, o: Outcome, on_error) -> None:
    stats["files"] += 1
    stats["bytes"] += item.size
    if o.error is not None:
        stats["failed"] += 1
        err = {"file": o.name, "reason": o.error}
        stats["errors"].append(err)
        if on_error is not None:
            on_error(err)
        return
    for key in ("pages", "articles", "chars", "warnings"):
        stats[key] += getattr(o, key)


def _commit(out: Path, shard: _Shard, sink: Sink, stats: dict, fmt: str) -> None:
    """Outputs in place, then the record that says the shard is done."""
    outputs = sink.commit()
    rec = dict(stats, shard=shard.index, key=shard.key, format=fmt, outputs=outputs,
               inputs=[it.name for it in shard.items])
    _write_atomic(_record_path(out, shard.index),
                  json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _finish(out: Path, fmt: str, summary: Summary) -> None:
    """errors.jsonl from every shard's record, in input order; records (and
    part files) of shards beyond the end, when the input list got shorter,
    removed. Files of a per-input format are never removed on the word of an
    old record: a later shard may own them now."""
    def lines() -> Iterator[bytes]:
        for k in range(summary.shards):
            rec = _read_record(out, k) or {}
            for err in rec.get("errors", ()):
                if len(summary.errors) < 1000:
                    summary.errors.append(err)
                yield (json.dumps(err, ensure_ascii=False) + "\n").encode("utf-8")
    _write_atomic(out / "errors.jsonl", lines())
    k = summary.shards
    while _record_path(out, k).exists() or (out / shard_name(k, fmt)).exists():
        _record_path(out, k).unlink(missing_ok=True)
        if fmt == "jsonl":
            (out / shard_name(k, fmt)).unlink(missing_ok=True)
        k += 1


# ---------------------------------------------------------------- command
def _options(from_format, spacing, convert, rules, disable, errors) -> Options:
    from .cli import _options as cli_options
    return cli_options(from_format, spacing, convert, rules, disable, errors)


@click.command("batch", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out_dir", required=True, metavar="OUT_DIR",
              type=click.Path(file_okay=False), help="The folder to write into.")
@click.option("--to", "fmt", type=click.Choice(BATCH_FORMATS), default="jsonl",
              show_default=True, help="jsonl: shards part-NNNNN.jsonl, one article per "
                                      "line; md, tei, json, text: one file per input.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: every core).")
@click.option("--resume", is_flag=True,
              help="Skip the shards an earlier (interrupted) run into OUT_DIR finished.")
@click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Inputs per shard: the unit of output files (jsonl) and of resuming.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Names of input files inside folders (default *.txt and *.hocr; "
                   "e.g. --include '*.xml' for ALTO or PAGE XML). May be repeated.")
@click.option("--from", "from_format", type=click.Choice(INPUT_FORMATS), default="auto",
              show_default=True, help="Input format; auto recognises OCR XML by content.")
@click.option("--spacing", type=click.Choice(SPACING), default="none", show_default=True,
              help="Space between Han and Latin letters or digits.")
@click.option("--convert", type=click.Choice(CONVERSIONS), default=None,
              help="Convert the script with OpenCC (t2s, s2t, …). Off by default.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="An extra rule file (TOML); may be repeated.")
@click.option("--disable", multiple=True, metavar="CODE", help="Switch off a rule by code.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="Undecodable bytes: fail that input, or replace them.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def batch_cmd(inputs, out_dir, fmt, jobs, resume, shard_size, include, from_format, spacing,
              convert, rules, disable, errors, quiet) -> None:
    """Clean a corpus: files, folders (walked) and globs, on every core.

    \b
    Examples:
      reflow batch pages/ -o out/                    # out/part-00000.jsonl …
      reflow batch 'scans/**/*.txt' -o out/ -j 8 --resume
      reflow batch pages/ -o tei/ --to tei           # one .xml per input

    A failing input goes to OUT_DIR/errors.jsonl and the batch goes on. A
    progress bar shows on a terminal; a summary ends the run. Exit status: 0
    every input cleaned, 1 some input failed, 2 wrong usage.
    """
    from .cli import InputFailure
    opts = _options(from_format, spacing, convert, rules, disable, errors)
    shown = [0]

    def report(err: dict) -> None:
        shown[0] += 1
        if shown[0] <= 20:
            sys.stderr.write("\r\x1b[2K" if sys.stderr.isatty() and not quiet else "")
            click.echo("reflow: %s: %s" % (err["file"], err["reason"]), err=True)
        elif shown[0] == 21:
            click.echo("reflow: more failures: see %s" % (Path(out_dir) / "errors.jsonl"),
                       err=True)
    try:
        summary = run_batch(inputs, out_dir, fmt, opts, jobs=jobs, resume=resume,
                            shard_size=shard_size, include=include or DEFAULT_INCLUDE,
                            progress=False if quiet else None, on_error=report)
    except InputError as e:
        raise InputFailure(str(e)) from None
    except KeyboardInterrupt:
        click.echo("\nreflow: interrupted; run again with --resume to go on", err=True)
        sys.exit(130)
    if not quiet:
        if not summary.files:
            click.echo("reflow: no input files (inside folders only %s are read; see "
                       "--include)" % ", ".join(include or DEFAULT_INCLUDE), err=True)
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


__all__ = ["run_batch", "batch_cmd", "discover", "clean_one", "Input", "Outcome", "Summary",
           "shard_name", "available_cores", "DEFAULT_INCLUDE"]

if __name__ == "__main__":
    batch_cmd(prog_name="reflow batch")
