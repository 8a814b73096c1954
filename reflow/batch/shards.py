"""The folder ``reflow batch`` writes: shards, their records, the lock, atomic writes.

Holds ``Sink`` (one shard's outputs: one part file, or one file per input),
``shard_name``, the records that say a shard is done and the keys that say
whether a record still fits the inputs and options (``--resume``), the lock
on OUT_DIR, writes that rename a finished file into place, and the test hook
``REFLOW_BATCH_KILL_AFTER`` (``_Killer``: SIGKILL after the N-th step). It
neither cleans nor schedules: ``worker`` and ``run`` do.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from .. import __version__
from ..engine import Options
from ..read import InputError
from ..writers import EXTENSIONS
from .inputs import Input
from .worker import Outcome

STATE_DIR = ".reflow-batch"
KILL_HOOK = "REFLOW_BATCH_KILL_AFTER"


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

