"""reflow batch: layout, determinism, errors that never stop a batch, and resume after SIGKILL.

The kill tests run the real program in a subprocess and kill it through the
documented test hook (REFLOW_BATCH_KILL_AFTER=N: SIGKILL after the N-th step),
at every step of a small corpus, then resume and compare every byte with an
uninterrupted run.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import reflow
from reflow import batch
from reflow.batch import batch_cmd, clean_one, discover, run_batch

from .conftest import SEED

HOOK = batch.KILL_HOOK


def _pages(seed: str) -> list[str]:
    """Small real pages: runs of the seed page's lines, each with its digits turned."""
    lines = seed.split("\n")
    turn = str.maketrans("0123456789", "1234567890")
    return ["\n".join(lines[k:k + 30]).translate(turn if k % 60 else {})
            for k in range(0, 180, 30)]


@pytest.fixture()
def corpus(tmp_path, seed_text) -> Path:
    """in/a.txt, in/b.txt, in/sub/c.txt … six pages in two folders, plus a note
    that is not an input (.md) and a hidden file."""
    root = tmp_path / "in"
    names = ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt", "sub/deeper/e.txt", "z.txt"]
    for name, text in zip(names, _pages(seed_text)):
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "README.md").write_text("not a page", encoding="utf-8")
    (root / ".hidden.txt").write_text("not a page either", encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes (the lock file aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "lock"}


def batch_proc(*args, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "reflow.batch", *map(str, args)],
                          capture_output=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


def records(out: Path) -> list[dict]:
    lines = []
    for part in sorted(out.glob("part-*.jsonl")):
        lines += part.read_text(encoding="utf-8").split("\n")[:-1]
    return [json.loads(line) for line in lines]


# ---------------------------------------------------------------- inputs
def test_discover_walks_sorted_and_names_relative_to_the_common_root(corpus):
    found = list(discover([corpus]))
    assert [i.name for i in found] == ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt",
                                       "sub/deeper/e.txt", "z.txt"]
    assert all(i.size == os.path.getsize(i.path) for i in found)
    # a glob and a file: names relative to the folder both start from
    mixed = [i.name for i in discover([str(corpus / "sub" / "*.txt"), corpus / "a.txt"])]
    assert mixed == ["sub/c.txt", "sub/d.txt", "a.txt"]
    assert [i.name for i in discover([corpus], include=("*.md",))] == ["README.md"]


def test_discover_leaves_out_the_output_folder(corpus):
    out = corpus / "out"
    out.mkdir()
    (out / "part-00000.txt").write_text("x", encoding="utf-8")
    assert "out/part-00000.txt" not in [i.name for i in discover([corpus], skip=out)]


def test_missing_input_is_a_one_line_error(tmp_path):
    r = CliRunner().invoke(batch_cmd, [str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "no such file or directory" in r.output and "Traceback" not in r.output


def test_output_folder_is_required(corpus):
    assert CliRunner().invoke(batch_cmd, [str(corpus)]).exit_code == 2


# ---------------------------------------------------------------- output
def test_jsonl_shards_hold_the_articles_in_input_order(corpus, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(batch_cmd, [str(corpus), "-o", str(out), "--shard-size", "4",
                                       "-j", "2"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".reflow-batch", "errors.jsonl", "part-00000.jsonl", "part-00001.jsonl"]
    expected = b"".join(clean_one(i.path, i.name).data for i in discover([corpus]))
    got = (out / "part-00000.jsonl").read_bytes() + (out / "part-00001.jsonl").read_bytes()
    assert got == expected
    recs = records(out)
    assert recs and all(rec["doc_id"] and rec["page"] == 1 for rec in recs)
    assert sum(1 for rec in recs if rec["text"]) >= len(recs) - 2
    assert recs[0]["source"]["file"] == "a.txt"
    assert "sub/deeper/e.txt" in {rec["source"]["file"] for rec in recs}
    assert len({rec["id"] for rec in recs}) == len(recs)
    assert (out / "errors.jsonl").read_bytes() == b""
    assert "6 files (0 failed, 0 resumed)" in r.output and "articles" in r.output
    assert "\r" not in r.output and "ETA" not in r.output     # no progress bar off a terminal


def test_ids_are_stable_across_runs_jobs_and_locations(corpus, tmp_path):
    one = run_batch([corpus], tmp_path / "one", jobs=1)
    moved = tmp_path / "elsewhere"
    corpus.rename(moved)
    two = run_batch([moved], tmp_path / "two", jobs=2, shard_size=2)
    assert one.articles == two.articles > 0
    assert [r["id"] for r in records(tmp_path / "one")] == \
           [r["id"] for r in records(tmp_path / "two")]
    assert records(tmp_path / "one") == records(tmp_path / "two")
    doc = reflow.clean_file(moved / "a.txt")
    assert records(tmp_path / "one")[0]["id"] == doc.article_id(0)


def test_per_input_formats_mirror_the_input_tree(corpus, tmp_path):
    out = tmp_path / "md"
    summary = run_batch([corpus], out, "md", jobs=1)
    assert summary.files == 6 and summary.failed == 0
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert made == ["a.txt.md", "b.txt.md", "sub/c.txt.md", "sub/d.txt.md",
                    "sub/deeper/e.txt.md", "z.txt.md"]
    doc = reflow.clean_file(corpus / "sub" / "c.txt")
    assert (out / "sub" / "c.txt.md").read_text(encoding="utf-8") == reflow.write(doc, "md")


def test_output_does_not_depend_on_the_number_of_workers(corpus, tmp_path):
    run_batch([corpus], tmp_path / "j1", jobs=1, shard_size=3)
    run_batch([corpus], tmp_path / "j2", jobs=2, shard_size=3)
    assert tree(tmp_path / "j1") == tree(tmp_path / "j2")


def test_progress_bar_shows_files_rate_and_eta(capsys):
    bar = batch.Progress(total_files=10, total_bytes=10_000_000, enabled=True)
    bar.update(4, 4_000_000)
    bar.draw(bar.start + 2.0)
    line = capsys.readouterr().err
    assert "4/10 files" in line and "2.00 MB/s" in line and "ETA 0:00:03" in line
    quiet = batch.Progress(10, 100, enabled=False)
    quiet.update(10, 100)
    quiet.clear()
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- failures
def test_a_corrupt_input_is_reported_and_the_rest_completes(corpus, tmp_path):
    (corpus / "b2.txt").write_bytes(b"\x00\x01binary\xff\xfe" * 50)
    (corpus / "sub" / "c2.txt").write_bytes("新华社北京电".encode("utf-8")[:-1] + b"\x81\xff\xff")
    out = tmp_path / "out"
    r = CliRunner().invoke(batch_cmd, [str(corpus), "-o", str(out), "-j", "2",
                                       "--shard-size", "3"])
    assert r.exit_code == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["file"] for e in errors] == ["b2.txt", "sub/c2.txt"]
    assert "binary" in errors[0]["reason"] and "undecodable" in errors[1]["reason"]
    assert "reflow: b2.txt: looks like a binary file" in r.output
    assert "8 files (2 failed" in r.output
    sources = {rec["source"]["file"] for rec in records(out)}
    assert sources == {"a.txt", "b.txt", "sub/c.txt", "sub/d.txt", "sub/deeper/e.txt", "z.txt"}


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the crash is planted through a fork of this process")
def test_a_worker_that_dies_fails_only_its_input(corpus, tmp_path, monkeypatch):
    real = batch.worker.clean_file       # looked up where clean_one runs

    def crash_on_c(path, opts=None):
        if Path(path).name == "c.txt":
            os._exit(3)                     # a segfault or the OOM killer, as the pool sees it
        return real(path, opts)
    monkeypatch.setattr(batch.worker, "clean_file", crash_on_c)
    summary = run_batch([corpus], tmp_path / "out", jobs=2, shard_size=2)
    assert summary.failed == 1 and summary.files == 6
    assert summary.errors == [{"file": "sub/c.txt", "reason": "the worker process cleaning "
                               "it died (a crash, or out of memory)"}]
    assert len({r["source"]["file"] for r in records(tmp_path / "out")}) == 5


def test_two_runs_cannot_write_one_folder(corpus, tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from reflow.batch import _lock; h = _lock(Path(sys.argv[1])); "
         "print('held', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(reflow.InputError, match="another reflow batch"):
            run_batch([corpus], out, jobs=1)
    finally:
        holder.kill()
        holder.wait()
    assert run_batch([corpus], out, jobs=1).files == 6     # free again once it is gone


# ---------------------------------------------------------------- resume
def test_resume_skips_done_shards_and_redoes_changed_ones(corpus, tmp_path):
    out = tmp_path / "out"
    first = run_batch([corpus], out, jobs=1, shard_size=2)
    assert first.resumed == 0 and first.shards == 3
    again = run_batch([corpus], out, jobs=1, shard_size=2, resume=True)
    assert again.resumed == 6 and again.cpu_seconds == 0.0
    assert again.articles == first.articles
    (corpus / "sub" / "d.txt").write_text("本报讯 一页改过的文字。\n", encoding="utf-8")
    third = run_batch([corpus], out, jobs=1, shard_size=2, resume=True)
    assert third.resumed == 4                       # only the shard of sub/d.txt redone
    run_batch([corpus], tmp_path / "fresh", jobs=1, shard_size=2)
    assert tree(out) == tree(tmp_path / "fresh")


@pytest.mark.parametrize("step", [2, 5, 6, 9])
def test_killed_then_resumed_is_byte_identical(corpus, tmp_path, step):
    """Six inputs in shards of four make ten steps: outputs of a, b, c, d (1-4),
    part-00000 renamed (5), its record (6), outputs of e, z (7, 8), part-00001
    renamed (9), its record (10). Killed mid-shard (2), with a shard renamed but
    not recorded (5), right after a record (6), and with the last shard renamed
    but not recorded (9)."""
    run_batch([corpus], tmp_path / "whole", jobs=1, shard_size=4)
    out = tmp_path / "killed"
    r = batch_proc(corpus, "-o", out, "--shard-size", 4, "-j", 1, env={HOOK: str(step)})
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert not (out / "errors.jsonl").exists()
    r = batch_proc(corpus, "-o", out, "--shard-size", 4, "-j", 1, "--resume")
    assert r.returncode == 0, r.stderr
    assert b"6 files (0 failed, %d resumed)" % (4 if step >= 6 else 0) in r.stderr
    assert tree(out) == tree(tmp_path / "whole")


def _orphans(marker: str) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if marker.encode() in (d / "cmdline").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


def test_killed_with_workers_resumes_and_leaves_no_worker_behind(corpus, tmp_path):
    whole = tmp_path / "whole"
    run_batch([corpus], whole, jobs=1, shard_size=2)
    out = tmp_path / "killed-with-workers"
    r = batch_proc(corpus, "-o", out, "--shard-size", 2, "-j", 2, env={HOOK: "4"})
    assert r.returncode == -signal.SIGKILL
    assert list((out / ".reflow-batch").glob("shard-*.json")) == \
        [out / ".reflow-batch" / "shard-00000.json"]
    if Path("/proc/self/cmdline").exists():
        deadline = time.monotonic() + 5
        while _orphans(str(out)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _orphans(str(out)) == []
    r = batch_proc(corpus, "-o", out, "--shard-size", 2, "-j", 2, "--resume")
    assert r.returncode == 0, r.stderr
    assert b"6 files (0 failed, 2 resumed)" in r.stderr
    assert tree(out) == tree(whole)


# ---------------------------------------------------------------- the API
def test_the_api_pickles_for_any_engine(seed_text):
    opts = reflow.Options(spacing="pangu", disable=("J302",))
    assert pickle.loads(pickle.dumps(opts)) == opts
    assert pickle.loads(pickle.dumps(clean_one)) is clean_one
    assert pickle.loads(pickle.dumps(reflow.clean)) is reflow.clean
    doc = reflow.clean(seed_text, opts)
    back = pickle.loads(pickle.dumps(doc))
    assert reflow.write(back, "jsonl") == reflow.write(doc, "jsonl")
    # no state carried between calls: the same page gives the same document after others
    reflow.clean("另一页。", spacing="keep")
    assert reflow.write(reflow.clean(seed_text, opts), "jsonl") == reflow.write(doc, "jsonl")
