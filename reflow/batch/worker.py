"""The workers of ``reflow batch``: one input cleaned, and the pool that cleans many.

Holds ``Outcome`` (an input's output, or why it failed), ``clean_one`` (a
plain, picklable function that never raises for a bad input), what a worker
process does when it starts (a watchdog on the batch process, Ctrl-C left to
it, rules loaded) and the process pool that takes tasks and gives their
outcomes back in task order, replacing itself when a worker dies. The
functions workers run stay at module level, so a worker process can unpickle
them. It does not decide where outputs go: ``shards`` and ``run`` do.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Iterator, NamedTuple

from ..engine import Options
from ..pipeline import clean, clean_file
from ..read import InputError
from ..rules import RuleError, load_rules
from ..writers import write
from .inputs import Input

IN_FLIGHT = 4                   # tasks in flight per worker: a slow page does not idle the rest


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

    >>> import json, tempfile
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

