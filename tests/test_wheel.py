"""The installed wheel carries the rules: build it, install it in a fresh environment, run it.

An editable install reads rules/ from the checkout and would hide a wheel that
forgot them. The fresh environment gets reflow only from the wheel; its
dependencies come from the test environment's site-packages, so nothing is
downloaded.
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile

from .conftest import ROOT, SEED


def test_wheel_runs_rules_and_clean(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    wheel = next(dist.glob("reflow-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "reflow/rules/pipeline.toml" in names
    assert any(n.startswith("reflow/rules/assemble/J302") for n in names)

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # dependencies from the test environment, as a plain path (its .pth files,
    # such as the editable reflow, are not processed)
    deps = sysconfig.get_paths()["purelib"]
    with open(site + "/test-deps.pth", "w") as fh:
        fh.write(deps + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(py), "-c", "import reflow; print(reflow.__file__)"], cwd=tmp_path,
                           env=env, check=True, capture_output=True, text=True).stdout
    assert where.startswith(site)
    exe = env_dir / "bin" / "reflow"
    rules = subprocess.run([str(exe), "rules"], cwd=tmp_path, env=env, capture_output=True,
                           text=True)
    assert rules.returncode == 0, rules.stderr
    assert "J302" in rules.stdout and "N103" in rules.stdout
    out = subprocess.run([str(exe), "clean", "--to", "text", str(SEED)], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "“北京造”大模型综合性能全球领先" in out.stdout
