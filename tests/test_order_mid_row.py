"""O603 period_mid_row: a run of interleaved columns that the period pass
began inside its first row starts with that row's first lines, under the
byline the row stands under. Text invented."""
from __future__ import annotations

from reflow.model import Line
from reflow.order.columns import _frag
from reflow.order.period import _row_begun

P = {"period_weak": 0.5, "period_full_tolerance": 1.5}
BYLINE = "本报记者　林川　王芳"
ROW = ["8月3日上午，城东街道的社区书屋", "门迎客，一间闲置多年的仓库改造成",   # the first row's first two lines …
       "刷身份证即可借阅，还能通过手机预"]                                      # … and its third, where the pass began


def _frags(texts: list[str]):
    return [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]


def _neutral(n: int, top: int = 3) -> list[list[float]]:
    return [[0.0] + [-0.2] * top for _ in range(n)]


def test_a_run_begun_inside_its_first_row_takes_the_row_s_first_lines():
    frags = _frags(["城东社区书屋开门迎客", BYLINE] + ROW)
    offsets = [1, 1, 1, 1, 3]
    assert _row_begun(frags, offsets, _neutral(5), 4, 3, -1, frags[4].width, P) == 2


def test_a_column_line_above_is_no_row_s_start():
    """Must not: a body line stands above the lines (a column's line, read on
    in order): they are not the first row's, the run starts where found."""
    frags = _frags(["今年以来，全市已建成书屋六十个，累"] + ROW)
    offsets = [1, 1, 1, 3]
    assert _row_begun(frags, offsets, _neutral(4), 3, 3, -1, frags[3].width, P) == 3


def test_a_headline_as_wide_as_the_measure_is_no_column_line():
    """Must not: a line with no mark of a sentence (a headline of the next
    report, as wide as a narrow measure) right above the run is not taken in."""
    frags = _frags(["羽球公开赛　港都小将闯进四强", "七旬阿嬷完成百场马拉松赛事"] + ROW[2:])
    offsets = [1, 1, 3]
    assert _row_begun(frags, offsets, _neutral(3), 2, 3, -1, frags[2].width, P) == 2


def test_seams_the_evidence_holds_keep_the_lines_out():
    """Must not: a first line whose seam to the line under it the evidence
    likes (a word of the lexicon) is read on in order, not into the run."""
    frags = _frags(["城东社区书屋开门迎客", BYLINE] + ROW)
    e = _neutral(5)
    e[3][1] = 2.5
    assert _row_begun(frags, [1, 1, 1, 1, 3], e, 4, 3, -1, frags[4].width, P) == 4
