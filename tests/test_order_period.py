"""Columns interleaved line by line (pdfminer.six), read back by their period:
the next line of a column comes k lines later while k columns run side by side.

The period decoder is switched on here (O603 ``period``; off by default
until it keeps the gold pages' headline floors). Pages are built here from the clean paragraphs of test_order, wrapped into
columns and interleaved row by row, with a headline stack above them.
"""
from __future__ import annotations

import copy

import pytest

from reflow import normalize, order
from reflow.engine import Options, State
from reflow.model import Document
from reflow.read import lines_from_text
from tests.test_order import PARAS, RULES, columns, flat, interleaved, wrap

PERIOD = copy.deepcopy(RULES)
PERIOD.rules["O603"].params["period"] = True


def stage_lines(text: str) -> tuple[list[str], list[str], State]:
    """(line texts before, after) the order stage with ``period`` on, and the state."""
    state = State(lines_from_text(text), PERIOD, Options(), Document("", ""))
    normalize.run(state)
    before = [l.text for l in state.lines]
    order.run(state)
    return before, [l.text for l in state.lines], state

HEAD = ["书屋开到家门口", "江南市建成智慧书屋六十个", "藏书约三千册　全天开放"]


def _seams_right(got: list[str], want: list[str]) -> float:
    """Share of neighbouring lines that are neighbours in the printed order."""
    nxt = dict(zip(want, want[1:]))
    return sum(1 for a, b in zip(got, got[1:]) if nxt.get(a) == b) / max(1, len(got) - 1)


@pytest.mark.parametrize("k,width,n", [(3, 12, 2), (3, 14, 2), (4, 10, 2), (5, 12, 2)])
def test_a_short_interleaved_page_under_a_headline_is_read_by_its_period(k, width, n):
    """A short page has few n-grams to tell its seams: pooled over the rows of
    a period they still do, and the headline stack stays above the columns."""
    lines = wrap(PARAS[:k], width)
    _, after, state = stage_lines("\n".join(HEAD + interleaved(columns(lines, n)).split("\n")))
    want = flat(HEAD + lines)
    assert flat(after[:3]) == want[:3]
    assert _seams_right(flat(after), want) >= 0.85
    note = next(e.note for e in state.tracer.events if e.code == "O603")
    assert "%d columns interleaved" % n in note


def test_a_column_opening_with_a_paragraph_is_in_the_period():
    """The first row of columns holds indented first lines, not full ones: it
    belongs to the run of interleaved lines all the same."""
    lines = wrap(PARAS[:4], 14)
    _, after, _ = stage_lines("\n".join(HEAD + interleaved(columns(lines, 2)).split("\n")))
    assert flat(after) == flat(HEAD + lines)
