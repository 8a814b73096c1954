"""O603 period_singles_switch: a page pdfminer.six printed a line a box, which
the period pass read mostly in order, is read again at a lower cost of a
change of period, and that reading is taken only on its seams' evidence.

Pages are built from the clean paragraphs of test_order, wrapped into columns
and interleaved row by row, a blank line after every line (a box of each).
The first reading is made to stay in order by a change of period that costs
more than the page's seams earn (``period_switch``), as a short run of rows
whose seams end on marks does on real pages.
"""
from __future__ import annotations

import copy

import pytest

from reflow.order.columns import _frag
from reflow.order.decoder import Evidence
from reflow.order.period import _stream_hits, period_streams, single_boxes
from reflow.model import Line
from tests.test_order import PARAS, RULES, columns, flat, interleaved, wrap
from tests.test_order import stage_lines as order_stage_lines

HEAD = ["书屋开到家门口", "江南市建成智慧书屋六十个"]


def _seams_right(got: list[str], want: list[str]) -> float:
    """Share of neighbouring lines that are neighbours in the printed order."""
    nxt = dict(zip(want, want[1:]))
    return sum(1 for a, b in zip(got, got[1:]) if nxt.get(a) == b) / max(1, len(got) - 1)


def _rules(switch: float, singles: float):
    rules = copy.deepcopy(RULES)
    p = rules.rules["O603"].params
    p["period"] = True
    p["period_switch"] = switch
    p["period_singles_switch"] = singles
    return rules


def _boxed(lines: list[str]) -> str:
    """Each line a box of its own: a blank line after every line."""
    return "\n\n".join(t.strip() for t in lines) + "\n"


@pytest.mark.parametrize("width,n", [(12, 2), (14, 2), (12, 3)])
def test_a_page_printed_a_line_a_box_read_in_order_is_read_again_by_its_period(width, n):
    """The pass reads the page in order where a change of period costs more
    than its seams earn; read again at period_singles_switch, the columns
    come back, and the trace says so."""
    lines = wrap(PARAS[1:4], width)           # (no dateline under the headline: a run may start there cheaply)
    text = _boxed(HEAD + interleaved(columns(lines, n)).split("\n"))
    _, off, _ = order_stage_lines(text, _rules(1000.0, 0.0))
    want = flat(HEAD + lines)
    assert _seams_right(flat(off), want) < 0.5          # the first reading stays in order
    _, after, state = order_stage_lines(text, _rules(1000.0, 2.0))
    assert flat(after[:2]) == want[:2]
    # each column read down (the columns' own order is O604's: a column that
    # stops on a mark gives its foot no seam into the next column's top)
    assert _seams_right(flat(after), want) >= 0.9
    note = next(e.note for e in state.tracer.events if e.code == "O603")
    assert "period_singles_switch" in note


@pytest.mark.parametrize("width", [12, 16])
def test_one_column_printed_a_line_a_box_stays_in_order(width):
    """Must not: a column printed a line a box reads on in order; read again,
    no period has more seams the evidence likes, so the page stays as given."""
    lines = wrap(PARAS[:3], width)
    text = _boxed(HEAD + lines)
    before, after, state = order_stage_lines(text, _rules(1000.0, 2.0))
    assert after == before
    assert not any("period_singles_switch" in (e.note or "") for e in state.tracer.events)


def test_a_page_printed_in_boxes_of_several_lines_is_not_read_again():
    """Must not: boxes of several lines show the columns themselves; such a
    page is no page printed a line a box."""
    lines = wrap(PARAS[:3], 12)
    rows = interleaved(columns(lines, 2)).split("\n")
    text = "\n\n".join("\n".join(rows[k:k + 3]) for k in range(0, len(rows), 3))
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(rows)]
    assert not single_boxes(frags, RULES.rules["O603"].params)
    _, after, state = order_stage_lines(text, _rules(1000.0, 2.0))
    assert not any("period_singles_switch" in (e.note or "") for e in state.tracer.events)


def test_stream_hits_count_the_liked_seams_inside_streams():
    """A link between two long lines, the upper stopping mid-sentence with a
    positive seam, counts; reading the same lines apart counts none."""
    text = ["本报讯（记者林川）连日来，江南市多个社区的居", "民在家门口用上了新建的智慧书屋。书屋配备自助"]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(text)]
    ev = Evidence(frags, RULES.rules["O603"].params)
    p = RULES.rules["O603"].params
    assert _stream_hits(frags, ev, [0, 0], p) == (1 if ev.seam_ij(0, 1) > 0 else 0)
    assert _stream_hits(frags, ev, [0, 1], p) == 0


def test_a_second_reading_without_more_liked_seams_is_not_taken():
    """Must not: the second reading is taken only where its streams hold
    period_singles_gain more links whose seams the evidence likes; asked for
    more than the page's seams hold, the page stays as the first reading."""
    lines = wrap(PARAS[1:4], 12)
    text = _boxed(HEAD + interleaved(columns(lines, 2)).split("\n"))
    rules = _rules(1000.0, 2.0)
    rules.rules["O603"].params["period_singles_gain"] = 100
    _, after, state = order_stage_lines(text, rules)
    assert _seams_right(flat(after), flat(HEAD + lines)) < 0.5
    assert not any("period_singles_switch" in (e.note or "") for e in state.tracer.events)
