"""The trace: every change has a rule code and a bounded window, and it replays."""
from __future__ import annotations

import pytest

import reflow
from reflow.rules import load_rules

from .conftest import GOLD, SEED

ALL = set(load_rules().rules)


def _replay(data: bytes):
    doc = reflow.clean(data)
    fired = {e.code for e in doc.trace} | {r.rule for r in doc.removed} | \
        {f.rule for f in doc.furniture}
    again = reflow.clean(data, disable=tuple(sorted(ALL - fired)))
    return doc, again


@pytest.mark.parametrize("path", [SEED] + sorted(GOLD.glob("g0[1-4]/*.txt")),
                         ids=lambda p: p.parent.name + "/" + p.name)
def test_only_the_rules_that_fired_give_the_same_output(path):
    doc, again = _replay(path.read_bytes())
    for fmt in ("text", "json"):
        assert reflow.write(again, fmt) == reflow.write(doc, fmt)


def test_events_have_codes_positions_and_bounded_windows():
    doc = reflow.clean_file(SEED)
    assert doc.trace
    for e in doc.trace:
        assert e.code in ALL
        assert e.line >= 1 and e.page == 1
        assert len(e.before) <= 40 and len(e.after) <= 40


def test_an_edit_event_says_what_changed():
    doc = reflow.clean("在近日举行的 2025 年世界大会上。")
    edits = [e for e in doc.trace if e.code == "S202"]
    assert len(edits) == 2
    assert edits[0].before == "在近日举行的 2025 年" and edits[0].after == "在近日举行的2025 年"
    assert (edits[0].line, edits[0].col) == (1, 6)


def test_removed_characters_are_recorded():
    doc = reflow.clean("正文\x07第一句。")
    assert [(r.text, r.rule) for r in doc.removed] == [("\x07", "N102")]
    assert "\x07" not in reflow.write(doc, "text")


def test_structural_decisions_are_events():
    doc = reflow.clean_file(SEED)
    kinds = {e.kind for e in doc.trace}
    assert {"label", "break", "join", "edit"} <= kinds
    assert any(e.code == "G505" and e.kind == "move" for e in doc.trace)
