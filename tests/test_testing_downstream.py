"""The downstream example (examples/downstream) catches the bugs of its naive cleaner.

It runs as a downstream project would run it, in a copy of its own folder, and
must fail both its tests with hypothesis's minimal page: a running head glued
into the first paragraph, and a lexical hyphen (K-12, GLM-4.5) dropped at a
line end.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .conftest import ROOT


def test_the_example_finds_both_bugs_of_the_naive_cleaner(tmp_path):
    project = tmp_path / "downstream"
    shutil.copytree(ROOT / "examples" / "downstream", project,
                    ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    # the plugin comes from reflow's entry point, or from the example's conftest.py
    # where the entry point is not installed yet (a checkout)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--reflow-profile", "ci"],
                         cwd=project, capture_output=True, text=True, env=env, timeout=300)
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "2 failed" in out
    # the minimal pages hypothesis found, as the failure notes print them
    assert "paragraphs not recovered" in out and "degraded page (width" in out
    glued = [line for line in out.splitlines() if "got:" in line]
    assert any("日报" in line or "日報" in line for line in glued), out
    assert "lost its hyphen" in out
