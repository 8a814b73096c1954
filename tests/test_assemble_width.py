"""The line-break decider (J301): the column's typical width
(``assemble._second_widest``) equals its definition, the middle of the three
widest lines, the widest of one or two; and the decisions a line's marks settle."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reflow.assemble import _second_widest


def definition(widths: list[float], min_lines: int) -> float | None:
    if len(widths) < min_lines:
        return None
    top = sorted(widths, reverse=True)[:3]
    return top[(len(top) - 1) // 2]


@given(st.lists(st.floats(min_value=0, max_value=60, allow_nan=False), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=4))
def test_property_second_widest_equals_its_definition(widths, min_lines):
    assert _second_widest(list(widths), min_lines) == definition(widths, min_lines)


def test_second_widest_ignores_one_stray_wide_line():
    assert _second_widest([12.0, 30.0, 12.5, 11.0], 2) == 12.5
    assert _second_widest([12.0, 11.0], 2) == 12.0
    assert _second_widest([12.0], 2) is None


def _decider(texts: list[str]):
    from reflow.assemble import Decider
    from reflow.model import Line
    from reflow.rules import load_rules
    lines = [Line(t, 1, k + 1) for k, t in enumerate(texts)]
    for line in lines:
        line.label = "body"
    return Decider(lines, load_rules().rules["J301"].params)


def test_a_line_opening_with_a_dash_under_a_line_without_marks_is_a_sub():
    """A line as wide as its column but holding no mark of a sentence, over a
    line that opens with a dash: a main headline and its sub, not a sentence
    going on (the column's measure alone cannot tell here)."""
    d = _decider(["【記者林怡君／南岬報導】濱海公", "路拓寬工程昨日完工，南岬至北",
                  "南岬至北灣通行時間縮短了", "——全線雙向四車道設自行車道",
                  "灣全長18公里改為雙向四車道，", "通行時間由40分鐘縮短至25分"])
    assert d.decide(2) == (False, "a sub's dash opens the next line under a headline")


def test_a_dash_that_goes_on_a_sentence_is_joined():
    d = _decider(["【記者林怡君／南岬報導】濱海公", "路拓寬工程昨日完工，南岬至北",
                  "他说，最难忘的是第一次登台", "——那天台下坐满了从村里来的",
                  "灣全長18公里改為雙向四車道，", "通行時間由40分鐘縮短至25分"])
    assert d.decide(2)[0] is True


def test_a_phrase_set_apart_by_blank_lines_is_no_sentence_going_on():
    """A line with no mark at all after two blank lines and before another
    (-layout's kicker over a stack: 绿色转型按下“加速键”) stands alone, however
    full it looks against the column: a headline's phrase, not a sentence
    that goes on across the blank line. Both scripts."""
    from pathlib import Path

    import opencc

    import reflow
    raw = (Path(__file__).parent / "gold" / "pages" / "g39" / "pdftotext-layout.txt").read_text(encoding="utf-8")
    conv = opencc.OpenCC("s2t").convert
    for text, kicker in ((raw, "绿色转型按下“加速键”"), (conv(raw), conv("绿色转型按下“加速键”"))):
        assert kicker in [a.kicker for a in reflow.clean(text).articles]

