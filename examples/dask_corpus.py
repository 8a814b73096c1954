"""Clean a corpus with reflow on a Dask cluster: JSONL partitions out.

    pip install 'reflow[dask]'
    python examples/dask_corpus.py tests/gold/pages -o /tmp/corpus            # a local cluster
    python examples/dask_corpus.py /shared/pages -o /shared/out --scheduler tcp://sched:8786

Without --scheduler it starts a ``LocalCluster`` of ``--workers`` processes (one
thread each: reflow is pure Python, processes are what scale it). With one, it
connects to that cluster; the inputs must then be on a filesystem every worker
can read. Output: OUT/part-00000.jsonl … (``--partition-size`` inputs each, in
input order, the bytes ``reflow batch --shard-size`` gives) and OUT/errors.jsonl.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help="files, folders or globs of raw page text")
    ap.add_argument("-o", "--output", required=True, help="output folder (or fsspec URL)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--partition-size", type=int, default=100,
                    help="inputs per partition / output file (default 100)")
    args = ap.parse_args(argv)

    from distributed import Client, LocalCluster

    from reflow.daskbag import to_jsonl

    start = time.monotonic()
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        summary = to_jsonl(args.inputs, args.output, partition_size=args.partition_size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary["seconds"] = round(time.monotonic() - start, 2)
    summary["errors"] = summary["errors"][:20]
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
