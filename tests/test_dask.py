"""The Dask integration: the same records as ``reflow batch``, on a local cluster of two
worker processes (under a timeout), and failures reported, never raised."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reflow.batch import run_batch

from .conftest import ROOT
from .test_batch import corpus, tree  # noqa: F401  (the fixture)

pytest.importorskip("dask.bag", reason="Dask is not installed: pip install 'reflow[dask]'")

from reflow import daskbag  # noqa: E402


def test_dask_bag_writes_the_bytes_of_reflow_batch(corpus, tmp_path):  # noqa: F811
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    summary = daskbag.to_jsonl([corpus], str(tmp_path / "dask"), partition_size=3,
                               scheduler="sync")
    batch = run_batch([corpus], tmp_path / "batch", jobs=1, shard_size=3)
    got, want = tree(tmp_path / "dask"), tree(tmp_path / "batch")
    assert got == {k: v for k, v in want.items() if not k.startswith(".reflow-batch/")}
    assert summary["files"] == batch.files == 7 and summary["failed"] == 1
    assert summary["articles"] == batch.articles and summary["partitions"] == 3
    assert summary["errors"][0]["file"] == "broken.txt"
    # run again with fewer, larger partitions: the earlier run's extra parts go
    again = daskbag.to_jsonl([corpus], str(tmp_path / "dask"), partition_size=7,
                             scheduler="sync")
    assert again["partitions"] == 1
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == \
        ["errors.jsonl", "part-00000.jsonl"]
    assert (tmp_path / "dask" / "part-00000.jsonl").read_bytes() == \
        b"".join(want["part-%05d.jsonl" % k] for k in range(3))


def test_records_bag_gives_one_dict_per_article(corpus):  # noqa: F811
    recs = daskbag.records([corpus], partition_size=2).compute(scheduler="sync")
    assert [r["source"]["file"] for r in recs][:1] == ["a.txt"]
    assert all(r["id"].startswith(r["doc_id"]) for r in recs)


def test_local_cluster_of_two_processes(corpus, tmp_path):  # noqa: F811
    pytest.importorskip("distributed", reason="distributed is not installed: "
                                              "pip install 'reflow[dask]'")
    out = tmp_path / "cluster"
    try:
        r = subprocess.run([sys.executable, str(ROOT / "examples" / "dask_corpus.py"),
                            str(corpus), "-o", str(out), "--workers", "2",
                            "--partition-size", "2"], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the local Dask cluster did not finish within 120 s")
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    summary = json.loads(r.stdout)
    assert summary["files"] == 6 and summary["failed"] == 0 and summary["partitions"] == 3
    run_batch([corpus], tmp_path / "batch", jobs=1, shard_size=2)
    want = tree(tmp_path / "batch")
    assert tree(out) == {k: v for k, v in want.items() if not k.startswith(".reflow-batch/")}
