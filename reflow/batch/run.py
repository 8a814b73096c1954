"""``run_batch``: a corpus through reflow, shard after shard, on every core.

Holds ``run_batch`` and the loop under it: the inputs cut into shards and
each shard into tasks for the workers, shards an earlier run finished
skipped (``--resume``), outcomes written in input order, each shard
committed, then ``errors.jsonl``; also ``Summary`` and the progress bar. It
does not clean a page (``worker`` does) nor name or lay out files
(``shards`` does).
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..engine import Options
from ..rules import load_rules
from .inputs import DEFAULT_INCLUDE, Input, discover
from .shards import (Sink, _done, _Killer, _lock, _options_key, _read_record, _record_path,
                     _Shard, _shards, _write_atomic, shard_name)
from .worker import Outcome, _ordered

BATCH_FORMATS = ("jsonl", "json", "md", "tei", "text")
CHUNK_FILES = 64                # inputs per task sent to a worker (a task costs ~0.2 ms) …
CHUNK_BYTES = 1 << 20           # … or fewer, once they add up to 1 MB, or a shard
CHUNK_SPREAD = 4                # … holds at least this many tasks per worker


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

