"""The README's examples work: its rule file loads and keeps its own cases."""
from __future__ import annotations

import re

from reflow.engine import Options, State, apply_text_rule
from reflow.model import Document, Line
from reflow.rules import load_rules
from reflow.trace import Tracer

from .conftest import ROOT


def test_readme_rule_example_loads_and_keeps_its_cases(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"A rule of your own.*?```toml\n(.*?)```", readme, re.S).group(1)
    path = tmp_path / "my-rules.toml"
    path.write_text(block, encoding="utf-8")
    rules = load_rules([path])
    rule = rules.get("U101")
    assert rule.stage == "normalize"
    state = State([], rules, Options(), Document("", ""))
    for case in rule.cases:
        got = apply_text_rule(rule, case["before"], Tracer(), lambda o: (1, 1, o), state)
        assert got == case.get("after", case["before"])


def test_readme_names_every_cli_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import click
    from reflow.cli import main
    names = main.list_commands(click.Context(main))  # batch and eval are loaded lazily
    assert {"clean", "batch", "eval"} <= set(names)
    for name in names:
        assert "reflow %s" % name in readme
