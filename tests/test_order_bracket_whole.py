"""O601 bracket_whole: on a page read line by line, a justified byline's
spaces inside its round bracket (本报讯（记者   周敏）…) are no gutter between
two columns' lines: the line stays whole. Text invented."""
from __future__ import annotations

from reflow.chars import em_width
from reflow.order.columns import fragments
from reflow.read import lines_from_text
from reflow.rules import load_rules

_FILLER = ("城东街道今年新建社区书屋十二个每个书屋藏书约三千册涵盖文学历史科普和少儿读物"
           "居民刷身份证即可借阅图书借阅记录还能同步到全市公共图书馆系统")
# the widths (em) of a page printed box by box (pdfminer.six): a head, three
# columns' rows, two short reports' heads and lines; None: the byline lines
_WIDTHS = [10, 6, 4, 13, 17, None, 24, 18, 26, 24, 25, 27, 26, 27, 25, 5, 12, 10, None, None,
           15, 17, 21, 21, 23, 14, 14]
_BYLINES = ["本报讯（记者林川   通讯员王芳）9月18日上午9时18",
            "本报讯（记者   周敏）江南市新增社区书屋停车点1200个，共享图书须",
            "本报讯（记者   李明）江南机场T2航站楼国内出发"]


def _page(bylines: list[str]) -> str:
    out, k, b = [], 0, iter(bylines)
    for w in _WIDTHS:
        if w is None:
            out.append(next(b))
            continue
        out.append(_FILLER[k % 40:][:w])
        k += 7
    return "\n\n".join(out) + "\n"


def _pieces(text: str, on: bool) -> list[str]:
    rules = load_rules()
    rules.rules["O601"].params["bracket_whole"] = on
    frags, _ = fragments(lines_from_text(text), False, rules)
    return [f.flat for f in frags if "本报讯" in f.line.text]


def test_a_bracket_closed_across_a_run_of_spaces_keeps_the_line_whole():
    text = _page(_BYLINES)
    assert em_width(_BYLINES[1]) >= 30         # wider than every column: cut without the rule
    assert len(_pieces(text, False)) == 4
    assert _pieces(text, True) == [b.replace(" ", "") for b in _BYLINES]


def test_a_bracket_left_open_across_the_gap_is_cut_as_before():
    """Must not: the piece after the spaces closes no bracket (two columns'
    lines merged), so the wide line is cut as it was."""
    lines = list(_BYLINES)
    lines[1] = "本报讯（记者周敏   江南市新增社区书屋停车点1200个，共享图书须"
    text = _page(lines)
    assert _pieces(text, True) == _pieces(text, False)
    assert len(_pieces(text, True)) == 4
