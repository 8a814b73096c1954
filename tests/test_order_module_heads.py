"""O602 module_heads / dateline_gap and O604 label_heads: the headlines of two
modules printed on one -layout row, a dateline set apart from its text by a
run of spaces, and the headlines of briefs under a section label."""
import collections

from reflow.model import Line
from reflow.order.columns import Frag
from reflow.order.module_heads import glue_datelines, mark_module_heads, module_heads
from reflow.order.stage import _label_over_heads
from reflow.rules import load_rules
from reflow.trace import Tracer

RULES = load_rules()
P = RULES.rules["O602"].params
OPENS = RULES.rules["J301"].params["dateline_pattern"]
CREDIT = RULES.get("L110").regex


def _lines(rows: list[str]) -> list[Line]:
    out = []
    blank = 0
    for k, row in enumerate(rows, 1):
        text = row.lstrip(" ")
        if not text:
            blank += 1
            continue
        out.append(Line(text, 1, k, blank_before=blank, indent=(len(row) - len(text)) / 2))
        blank = 0
    return out


def _row(left: str, right: str, at: int = 40) -> str:
    """A -layout row: ``right`` set at cell ``at``."""
    return left + " " * (at - len(left)) + right


# two briefs side by side, each under its own headline, each opening with its dateline
_TWO = ["",
        _row("河畔步道完成改造", "社区食堂新增晚餐"),
        _row("  本报讯（记者 林川）城南河畔五公里", "  本报讯（记者 周宁）城北三个社区的"),
        _row("步道近日完成改造，新增照明和座椅，", "长者食堂从本周起增加晚餐供应，每"),
        _row("方便市民晚间散步。", "份十二元。")]

# one headline whose phrases stand over the two columns of one report
_ONE = ["",
        _row("      河畔步道完成改造", "夜跑市民多了起来", 46),
        _row("  本报讯（记者 林川）城南河畔五公里", "改造后，步道每晚开放到十点，沿线"),
        _row("步道近日完成改造，新增照明和座椅，", "设有饮水点。不少市民说，晚饭后来"),
        _row("方便市民晚间散步和跑步。记者看到，", "这里跑上几圈已成了习惯。")]


def test_a_phrase_over_its_own_dateline_heads_a_module():
    got = module_heads(_lines(_TWO), P, OPENS, CREDIT)
    assert list(got) == [(2, "社区食堂新增晚餐")]
    assert got[(2, "社区食堂新增晚餐")][0] == 3      # its report's dateline, on the row under it


def test_one_headlines_phrases_over_one_report_stay_one():
    assert module_heads(_lines(_ONE), P, OPENS, CREDIT) == {}


def test_two_credits_one_under_each_headline():
    rows = ["",
            _row("江边灯会开幕", "老街夜市开张"),
            "",
            _row("游客在江边观赏灯组。", "市民在老街夜市品尝小吃。"),
            _row("          本报记者 林川 摄", "          本报记者 周宁 摄")]
    assert list(module_heads(_lines(rows), P, OPENS, CREDIT)) == [(2, "老街夜市开张")]


def test_a_column_line_under_another_is_no_headline():
    # the right piece goes on a column line right above it: text, not a headline
    rows = [_row("", "日开行列车由四十对增加至五十对，"),
            _row("河畔步道完成改造", "早晚高峰最小发车间隔缩短至十分"),
            _row("  本报讯（记者 林川）城南河畔五公里", "  本报讯（记者 周宁）城北三个社区的")]
    assert module_heads(_lines(rows), P, OPENS, CREDIT) == {}


def test_module_head_read_elsewhere_goes_before_its_dateline():
    lines = _lines(_TWO)
    heads = module_heads(lines, P, OPENS, CREDIT)
    # as a search may read them: the right headline over the left column's rest
    cut = [Line("河畔步道完成改造", 1, 2), Line("本报讯（记者 林川）城南河畔五公里", 1, 3),
           Line("社区食堂新增晚餐", 1, 2), Line("步道近日完成改造，新增照明和座椅，", 1, 4),
           Line("本报讯（记者 周宁）城北三个社区的", 1, 3), Line("长者食堂从本周起增加晚餐供应，每", 1, 4)]
    tracer = Tracer()
    mark_module_heads(cut, heads, tracer)
    assert [l.text for l in cut][2:5] == ["步道近日完成改造，新增照明和座椅，", "社区食堂新增晚餐",
                                          "本报讯（记者 周宁）城北三个社区的"]
    assert cut[3].module_head and not cut[0].module_head
    assert [e.code for e in tracer.events] == ["O602", "O604"]


def test_dateline_apart_from_its_text_opens_it_cells_kept():
    rows = ["公园步道亮灯            本报讯   城南公园环湖步道近日     本报讯   自下月起，地铁"]
    got = glue_datelines(_lines(rows), OPENS, 3)
    text = got[0].text
    assert "本报讯 城南公园环湖步道近日" in text and "本报讯 自下月起，地铁" in text
    assert text.index("本报讯 自下月") == rows[0].index("本报讯   自下月")   # the next piece keeps its cell


def test_dateline_with_its_text_or_a_narrow_gap_stays():
    rows = ["本报讯（记者 林川）   城南公园环湖步道",      # not a dateline alone
            "本报讯  城南公园环湖步道近日完成改造"]       # two spaces: under the gap that cuts a row
    lines = _lines(rows)
    assert [l.text for l in glue_datelines(lines, OPENS, 3)] == [l.text for l in lines]


def _frag(row: int, text: str) -> Frag:
    return Frag(text, Line(text, 1, row + 1), row, 0, float(len(text)), False, flat=text)


def test_brief_headlines_under_a_section_label():
    pieces = {0: [_frag(0, "城事简讯")],
              1: [_frag(1, "旧衣回收箱进小区"), _frag(1, "地铁延长运营时间")],
              2: [_frag(2, "公园夜跑道亮灯"), _frag(2, "本报讯 青禾市首批"), _frag(2, "本报讯 自下月起")]}
    per_row = collections.Counter({r: len(v) for r, v in pieces.items()})
    assert _label_over_heads([0], [], 1, 2, per_row, pieces)
    # a row of column lines (a sentence's end in it) under the label: not headlines
    pieces[1] = [_frag(1, "居民可获得积分。"), _frag(1, "地铁延长运营时间")]
    assert not _label_over_heads([0], [], 1, 2, per_row, pieces)


def test_module_head_takes_its_wrapped_end_along():
    heads = {(2, "社区食堂新增晚"): (4, (0, "本报讯（记者周宁）城北三个社区的"))}
    cut = [Line("河畔步道完成改造", 1, 2), Line("社区食堂新增晚", 1, 2), Line("本报讯（记者 林川）城南河畔五公里", 1, 4),
           Line("步道近日完成改造，新增照明和座椅，", 1, 5), Line("餐", 1, 3),
           Line("本报讯（记者 周宁）城北三个社区的", 1, 4)]
    mark_module_heads(cut, heads, Tracer(), P)
    assert [l.text for l in cut][-3:] == ["社区食堂新增晚", "餐", "本报讯（记者 周宁）城北三个社区的"]


def test_rejoin_keeps_a_module_head_apart():
    from reflow.order.stage import _rejoin
    text = "河畔步道完成改造          社区食堂新增晚餐"
    line = Line(text, 1, 2)
    a = Frag("河畔步道完成改造", line, 1, 0, 8.0, False, piece=0, start=0, end=8, flat="河畔步道完成改造")
    b = Frag("社区食堂新增晚餐", line, 1, 18, 8.0, False, piece=1, start=18, end=26, flat="社区食堂新增晚餐")
    assert len(_rejoin([a, b], [0, 1])[0]) == 1                      # phrases of one headline
    assert len(_rejoin([a, b], [0, 1], own={(2, "社区食堂新增晚餐")})[0]) == 2
