"""Dask integration: reflow over a corpus on a Dask cluster (the ``reflow[dask]`` extra).

A ``dask.bag`` over the input files maps ``reflow.batch.clean_one`` (a plain,
picklable function; rules load once per worker process) and writes one JSONL
partition per ``partition_size`` consecutive inputs: ``part-00000.jsonl`` …, the
layout and bytes of ``reflow batch --to jsonl --shard-size partition_size``, plus
``errors.jsonl``. The same code runs on the local threaded scheduler, a
``LocalCluster`` or a remote ``distributed`` cluster: whatever scheduler is
active (``Client(...)``, or ``scheduler=`` passed through) runs it.

    from distributed import Client
    from reflow.daskbag import to_jsonl
    with Client("tcp://scheduler:8786"):
        print(to_jsonl(["/shared/pages/"], "/shared/out/"))

Inputs must be readable by every worker (a shared or mounted filesystem); the
output folder may be any fsspec URL (``s3://bucket/corpus/``). Resuming is not
this module's business: Dask reruns a lost task, and ``reflow batch --resume``
is the resumable engine of one machine. This module does not clean anything
itself.
"""
from __future__ import annotations

import json
from typing import Iterable

from .batch import DEFAULT_INCLUDE, Input, Outcome, clean_one, discover, shard_name
from .engine import Options

_COUNTS = ("files", "failed", "pages", "articles", "chars", "warnings", "bytes")


def _dask_bag():
    try:
        import dask.bag as db
    except ImportError:
        raise ImportError("reflow.daskbag needs Dask: pip install 'reflow[dask]'") from None
    return db


def inputs(args: Iterable[str], include: Iterable[str] = DEFAULT_INCLUDE) -> list[Input]:
    """The input files (files, folders, globs) in the order ``reflow batch`` uses,
    each with the name its records carry (its path relative to the common root)."""
    return list(discover(args, include))


def _outcome(item: Input, opts: Options | None, fmt: str) -> Outcome:
    return clean_one(item.path, item.name, opts, fmt)


def outcomes(items: Iterable[Input] | Iterable[str], opts: Options | None = None,
             fmt: str = "jsonl", partition_size: int = 100):
    """A lazy ``dask.bag`` of ``Outcome``: one per input, in input order.

    ``items`` are ``Input``s (from ``inputs``) or INPUT arguments (files,
    folders, globs). Partitions hold ``partition_size`` consecutive inputs.
    """
    db = _dask_bag()
    items = list(items)
    if items and not isinstance(items[0], Input):
        items = inputs(items)
    return db.from_sequence(items, partition_size=partition_size).map(_outcome, opts, fmt)


def records(items: Iterable[Input] | Iterable[str], opts: Options | None = None,
            partition_size: int = 100):
    """A lazy ``dask.bag`` of JSONL records (dicts), one per article, in input order.

    For pipelines that go on in Dask (dedup, filters) without files in between.
    """
    return outcomes(items, opts, "jsonl", partition_size).map(_records).flatten()


def _records(o: Outcome) -> list[dict]:
    if not o.data:
        return []
    # split on "\n" only: JSON escapes it, while U+2028 and friends stay raw
    return [json.loads(line) for line in o.data.decode("utf-8").split("\n") if line]


def _join(part: list[Outcome]) -> list[str]:
    """A partition's JSONL text as one element, so an empty partition writes an
    empty file (to_textfiles would write a lone newline for no lines)."""
    return ["".join(o.data.decode("utf-8") for o in part if o.data)]


def _tally(part: list[Outcome]) -> list[dict]:
    t = dict.fromkeys(_COUNTS, 0)
    t["errors"] = []
    for o in part:
        t["files"] += 1
        if o.error is not None:
            t["failed"] += 1
            t["errors"].append({"file": o.name, "reason": o.error})
            continue
        for key in ("pages", "articles", "chars", "warnings"):
            t[key] += getattr(o, key)
    return [t]


def _name(i: int) -> str:
    return shard_name(i)[len("part-"):-len(".jsonl")]


def to_jsonl(items: Iterable[Input] | Iterable[str], out_dir: str, opts: Options | None = None,
             partition_size: int = 100, **compute_kwargs) -> dict:
    """Clean the inputs on the active Dask scheduler into ``out_dir``.

    Writes ``part-NNNNN.jsonl`` (one per partition, articles in input order) and
    ``errors.jsonl`` (``{"file", "reason"}`` per failed input); a failing input
    never fails the computation. Returns the counts (files, failed, pages,
    articles, chars, warnings) and the errors. ``compute_kwargs`` go to
    ``dask.compute`` (``scheduler="sync"`` for a run in this process).
    """
    import dask
    import fsspec

    items = list(items)
    if items and not isinstance(items[0], Input):
        items = inputs(items)
    out = str(out_dir).rstrip("/")
    fs, _, _ = fsspec.get_fs_token_paths(out)
    fs.makedirs(out, exist_ok=True)
    tallies: list[dict] = []
    if items:
        bag = outcomes(items, opts, "jsonl", partition_size)
        writes = bag.map_partitions(_join).to_textfiles(
            out + "/part-*.jsonl", name_function=_name, encoding="utf-8", compute=False)
        _, tallies = dask.compute(writes, bag.map_partitions(_tally), **compute_kwargs)
    total = dict.fromkeys(_COUNTS, 0)
    total["bytes"] = sum(it.size for it in items)
    total["errors"] = []
    for t in tallies:
        for key in _COUNTS[:-1]:
            total[key] += t[key]
        total["errors"].extend(t["errors"])
    total["partitions"] = len(tallies)
    wanted = {shard_name(k) for k in range(len(tallies))}
    for stale in fs.glob(out + "/part-*.jsonl"):    # an earlier run's extra partitions
        if stale.rsplit("/", 1)[-1] not in wanted:
            fs.rm(stale)
    with fs.open(out + "/errors.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in total["errors"])
    return total


__all__ = ["inputs", "outcomes", "records", "to_jsonl"]
