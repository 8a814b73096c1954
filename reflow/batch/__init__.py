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

The package holds, a module each: ``inputs`` (files, folders and globs found
in order), ``worker`` (one input cleaned; the process pool), ``shards`` (the
output folder: part files, records, the lock, atomic writes, the test hook),
``run`` (``run_batch``: shards in order, resume, the summary) and ``cli``
(``reflow batch``; ``python -m reflow.batch`` runs it). The names of the one
module this package once was are importable from here.
"""
from __future__ import annotations

from .cli import batch_cmd
from .inputs import DEFAULT_INCLUDE, Input, discover
from .run import Summary, available_cores, run_batch
from .shards import shard_name
from .worker import Outcome, clean_one

# the other names of the one module this package once was, still reflow.batch.NAME
# (the tests reach for KILL_HOOK, Progress and _lock)
from .inputs import common_root  # noqa: F401
from .run import BATCH_FORMATS, CHUNK_BYTES, CHUNK_FILES, CHUNK_SPREAD, Progress  # noqa: F401
from .shards import KILL_HOOK, STATE_DIR, Sink, _lock  # noqa: F401
from .worker import IN_FLIGHT  # noqa: F401

__all__ = ["run_batch", "batch_cmd", "discover", "clean_one", "Input", "Outcome", "Summary",
           "shard_name", "available_cores", "DEFAULT_INCLUDE"]
