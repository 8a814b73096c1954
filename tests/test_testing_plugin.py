"""reflow.testing's pytest plugin: light at import, no setting changed unless asked.

Each test runs pytest in a fresh process on a small project of its own, as a
downstream project would, with plugin autoloading off and the plugin named
with ``-p`` (so the result does not depend on whether the ``pytest11`` entry
point is installed yet), and once with autoloading on as installed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PROBE = textwrap.dedent("""
    import sys
    import pytest  # loaded before any plugin
    before = set(sys.modules)
    import reflow
    after_reflow = set(sys.modules)
    import reflow.testing.plugin
    added = sorted(set(sys.modules) - after_reflow)
    print("ADDED", added)
    print("HEAVY", sorted(m for m in set(sys.modules) - before
                          if m.split(".")[0] in ("hypothesis", "lxml", "opencc")
                          or m in ("reflow.pipeline", "reflow.order", "reflow.testing.strategies")))
""")


def _probe(code: str) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {line.split(" ", 1)[0]: eval(line.split(" ", 1)[1]) for line in out.stdout.splitlines()}


def test_the_plugin_adds_nothing_heavy_to_reflow():
    got = _probe(PROBE)
    assert got["ADDED"] == ["reflow.testing", "reflow.testing.plugin"]
    assert not any(m.startswith("hypothesis") for m in got["HEAVY"])


def test_loading_the_plugin_imports_no_heavy_module():
    got = _probe(PROBE.replace("import reflow\n", "", 1))
    assert got["HEAVY"] == []


PROJECT_TEST = textwrap.dedent('''
    import pathlib
    from hypothesis import given, settings, strategies as st

    def test_profile_untouched():
        s = settings()
        pathlib.Path("profile.txt").write_text(repr((
            settings._current_profile, s.max_examples, s.derandomize, str(s.deadline),
            s.database is None)), encoding="utf-8")

    @settings(max_examples=3, deadline=None)
    @given(data=st.data())
    def test_fixtures(data, reflow_pages, reflow_degraded_pages, reflow_sentences):
        page = data.draw(reflow_degraded_pages)
        assert page.raw.endswith("\\n") and page.page.articles
        assert data.draw(reflow_sentences)[-1] in "。？”"
''')

PROFILE_TEST = textwrap.dedent('''
    from hypothesis import settings

    def test_profile_loaded():
        assert settings().derandomize and settings().deadline is None
        assert settings().max_examples == 20
''')


def _pytest(project, *args, autoload=False):
    env = dict(os.environ)
    env.pop("HYPOTHESIS_PROFILE", None)
    if not autoload:
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        args = ("-p", "reflow.testing.plugin", "-p", "hypothesis.extra.pytestplugin") + args
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *args], cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "test_downstream.py").write_text(PROJECT_TEST, encoding="utf-8")
    return tmp_path


def test_fixtures_work_and_no_profile_is_loaded_unless_asked(project):
    run = _pytest(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_reflow_profile_option_loads_the_profile(project):
    (project / "test_downstream.py").write_text(PROFILE_TEST, encoding="utf-8")
    run = _pytest(project, "--reflow-profile", "ci")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_option_is_documented_and_checked(project):
    run = _pytest(project, "--help")
    assert "--reflow-profile={ci,thorough}" in run.stdout
    bad = _pytest(project, "--reflow-profile", "nightly")
    assert bad.returncode == 4 and "invalid choice" in bad.stderr


def _profile_seen(project, *args, **kwargs) -> str:
    run = _pytest(project, "-k", "profile_untouched", *args, **kwargs)
    assert run.returncode == 0, run.stdout + run.stderr
    return (project / "profile.txt").read_text(encoding="utf-8")


def test_an_installed_reflow_changes_no_other_project_run(project):
    """With every installed plugin autoloaded (reflow's through its entry point once
    installed), a project that never asks for reflow sees the hypothesis settings
    it sees without reflow: ``default``, or Hypothesis's own ``ci`` under CI."""
    without = _profile_seen(project, "-p", "no:reflow", autoload=True)
    assert _profile_seen(project, autoload=True) == without
    # the fixtures register reflow's profiles: they must not replace Hypothesis's own
    fixtures = _pytest(project, autoload=True)
    assert fixtures.returncode == 0, fixtures.stdout + fixtures.stderr
    assert (project / "profile.txt").read_text(encoding="utf-8") == without


@pytest.mark.parametrize("ci", ["", "true"])
def test_hypothesis_ci_profile_survives_reflow(project, monkeypatch, ci):
    """Hypothesis loads its own ``ci`` profile when CI is set; reflow's is ``reflow-ci``."""
    monkeypatch.setenv("CI", ci) if ci else monkeypatch.delenv("CI", raising=False)
    without = _profile_seen(project, "-p", "no:reflow", autoload=True)
    if ci:  # without CI, another CI variable of the machine may still count
        assert eval(without)[0] == "ci"
    assert _profile_seen(project, autoload=True) == without
