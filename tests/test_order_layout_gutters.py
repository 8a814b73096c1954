"""-layout gutters of one space (O602 aligned_spaces, aligned_text) and a
speech's quote set apart from the mark before it (O602 quote_join_marks)."""
from __future__ import annotations

import pytest

from reflow.model import Line
from reflow.order.columns import _aligned_cut, _quote_joined, fragments
from reflow.rules import load_rules

from .test_order_layout_cells import _gap_spans


def _line(text: str, lineno: int, blank: int = 0) -> Line:
    lead = len(text) - len(text.lstrip(" "))
    return Line(text.lstrip(" "), 1, lineno, blank_before=blank, indent=lead / 2)


def _cut(rows: list[str], spaces: bool) -> tuple[int, list[list[str]]]:
    lines = [_line(t, i + 1) for i, t in enumerate(rows)]
    per_row = [(_gap_spans(l.text), set()) for l in lines]
    made = _aligned_cut(lines, per_row, {"aligned_rows": 2, "glue_drift": 4, "aligned_spaces": spaces})
    return made, [[l.text[a:b] for a, b in spans] for l, (spans, _) in zip(lines, per_row)]


def test_a_gutter_of_one_space_row_after_row_vouches_for_itself():
    # narrow columns whose gutter the drift ate on every row: no piece starts
    # at its cell after a run of spaces, but the single spaces between Han
    # characters stand at one cell row after row
    rows = ["河道两岸新建的步道，每到傍 志愿者定期巡河，发现问题就",
            "晚都有不少居民前来散步。家 及时上报，河面上的垃圾少了",
            "住附近的老人说，现在走一圈 很多，水也一天比一天清澈。"]
    made, pieces = _cut(rows, True)
    assert made == 3
    assert pieces[1] == ["晚都有不少居民前来散步。家", "及时上报，河面上的垃圾少了"]
    # without the branch, only pieces set apart by runs of spaces vouch
    assert _cut(rows, False)[0] == 0


def test_the_space_before_a_curly_quote_vouches_for_no_gutter():
    # -layout sets a space where the Latin font of a curly quote meets the
    # Han one, inside a line: such spaces line up on neighbouring rows of one
    # column and are no gutter
    rows = ["站在新铺设的跑道上参加典礼。 “去      右栏的文字写到这里为止了",
            "年这里还是一片泥地，全是泥。 ”四      右栏的第二行文字也写到这",
            "年级学生说，她最喜欢图书角， “里面      右栏的第三行文字写到这里"]
    made, pieces = _cut(rows, True)
    assert made == 0
    assert pieces[2][0] == "年级学生说，她最喜欢图书角， “里面"


_NARROW = "茶农们说今年雨水充足芽叶肥"
_WIDE_MODULE = [
    "  新华社东港10月3日电（记者 林川）",
    "                     “城东骑  运营公司负责人说，这些车辆见证了城",
    "行节”——公共自行车主题活动”3日在东港市中心一 市交通三年来的变化， “每一辆车背后都有一",
    "个广场开幕，展出历年投放的各型车辆一百余辆 段市民出行的故事”。活动将持续到月底。",
    "以及站点设计图纸等展品。"]


@pytest.mark.parametrize("on", [True, False])
def test_a_row_cut_at_an_aligned_gutter_is_no_head_row(on):
    # a module wider than the page's narrow columns: its row of two column
    # lines with no sentence's end matches no measure around it, and would
    # be kept whole as a headline's phrases; its gutter lines up with the
    # column's starts on the rows around it, so it is text (aligned_text)
    rows = ["   ".join([_NARROW] * 4)] * 8 + [""] + _WIDE_MODULE
    lines, blank = [], 0
    for i, t in enumerate(rows):
        if not t:
            blank += 1
            continue
        lines.append(_line(t, i + 1, blank))
        blank = 0
    rules = load_rules()
    rules.rules["O602"].params["aligned_text"] = on
    frags, _ = fragments(lines, True, rules)
    texts = [f.text for f in frags if f.row >= 8]
    cut = ["行节”——公共自行车主题活动”3日在东港市中心一", "市交通三年来的变化， “每一辆车背后都有一"]
    if on:
        assert all(t in texts for t in cut)
    else:
        assert not any(t in texts for t in cut)


def _quote_row(mid: str, on: bool = True) -> list[str]:
    rows = ["甲栏的文字从这里写到这里为止了   乙栏的文字也从这里写到了这里   丙栏的文字写到这里为止了啊",
            "甲栏第二行的文字写到这里为止   乙栏第二行的文字也写到这里   丙栏第二行文字写到这里了",
            " " * 17 + mid,
            "甲栏第四行的文字写到这里为止   乙栏第四行的文字也写到这里   丙栏第四行文字写到这里了"]
    lines = [_line(t, k + 1) for k, t in enumerate(rows)]
    per_row = [(_gap_spans(l.text), set()) for l in lines]
    rules = load_rules().rules
    _quote_joined(lines, per_row, rules["O601"].params, {**rules["O602"].params, "quote_join_marks": on})
    return [lines[2].text[a:b] for a, b in per_row[2][0]]


def test_a_speech_quote_set_apart_after_its_comma_goes_on_the_line():
    # 相比之下，“海燕二号”…: -layout sets the Latin-font quote at its true
    # place, a run of spaces after the Han text before it; the row holds as
    # many pieces as the rows around it (its first column is empty), so only
    # the mark before the quote and the width of the two tell
    mid = "相比之下，  “海燕二号”扩大了   丙栏第三行文字写到这里了"
    assert _quote_row(mid) == ["相比之下，  “海燕二号”扩大了", "丙栏第三行文字写到这里了"]
    assert _quote_row(mid, on=False) == ["相比之下，", "“海燕二号”扩大了", "丙栏第三行文字写到这里了"]


def test_a_quote_after_a_han_character_or_too_wide_stays_apart():
    # a column line that stops on a Han character is full: the quote opens
    # the next column's line
    assert _quote_row("与上一代相  “海燕二号”扩大了   丙栏第三行文字写到这里了") == \
        ["与上一代相", "“海燕二号”扩大了", "丙栏第三行文字写到这里了"]
    # the two together are wider than any line around them: two columns' lines
    assert _quote_row("相比之下，  “海燕二号”扩大了观测的范围   丙栏第三行") == \
        ["相比之下，", "“海燕二号”扩大了观测的范围", "丙栏第三行"]


def test_a_mark_no_line_opens_goes_back_however_far_the_line_fell_short():
    # -layout sets the full stop after a Latin-font quote where the line's
    # print ended: twenty cells right of its Han text, which took one cell a
    # character; no column line opens with a full stop
    from reflow.order.columns import _no_start_kept
    text = "帮助大脑皮层把重要的记忆分门别类地“归档”" + " " * 20 + "。因此睡眠"
    pieces = _gap_spans(text)
    assert _no_start_kept(text, pieces, 14) == pieces                  # as far as stray_gap only
    assert _no_start_kept(text, pieces, 14, drift=True) == [(0, len(text))]
    # a short text before the mark could not fall so far short of its print
    text = "归档”" + " " * 20 + "。因此睡眠"
    pieces = _gap_spans(text)
    assert _no_start_kept(text, pieces, 14, drift=True) == pieces


def test_a_subheadline_and_its_next_phrase_stay_one_piece():
    # ——預計明年完工    年吞吐量增三成: a subheadline's phrases set a phrase
    # space apart beside the columns of its report; the second phrase is no
    # column line (no mark, far narrower than the measure)
    from reflow.order.columns import _dash_kept
    text = "——預計明年完工    年吞吐量增三成      自動化岸橋及遙控龍門吊，並引"
    pieces = _gap_spans(text)
    p = {"dash_gap": 8, "over_tolerance": 1.5}
    got = _dash_kept(text, pieces, [14.0], p)
    assert [text[a:b] for a, b in got] == ["——預計明年完工    年吞吐量增三成", "自動化岸橋及遙控龍門吊，並引"]
    assert _dash_kept(text, pieces, [14.0], {**p, "dash_gap": 0}) == pieces


def test_a_column_line_after_a_subheadline_stays_apart():
    # the piece after the dash's is a column's line: a mark of a clause, or
    # as wide as the measure
    from reflow.order.columns import _dash_kept
    p = {"dash_gap": 8, "over_tolerance": 1.5}
    for text in ["——預計明年完工    年吞吐量增三成，並引",
                 "——預計明年完工    碼頭每年的貨櫃處理量可由現時"]:
        pieces = _gap_spans(text)
        assert _dash_kept(text, pieces, [14.0], p) == pieces
