"""O611: a large headline's last characters that pdftotext -layout printed as
a lone piece some rows below it go back at the end of its line."""
import pytest

from reflow.model import Line
from reflow.order.head_tails import head_tails
from reflow.rules import load_rules

P = load_rules().rules["O611"].params


def _lines(rows: list[str]) -> list[Line]:
    out = []
    for k, row in enumerate(rows, 1):
        text = row.lstrip(" ")
        out.append(Line(text, 1, k, indent=(len(row) - len(text)) / 2))
    return out


def test_tail_that_completes_a_word_goes_back():
    rows = ["城西体育公园对外开放        观光夜市导入行动支",
            "【本报讯】城西体育公园昨天正",
            "式对外开放，公园设有足球场、",
            "                  付",
            "篮球场和一条三公里长的健身步      【本报讯】夜市自治会昨天宣布"]
    got = head_tails(_lines(rows), P)
    assert len(got) == 4                       # the tail's row stood alone: gone
    assert got[0].text.endswith("观光夜市导入行动支付")
    assert [l.text for l in got[1:3]] == [l.lstrip() for l in rows[1:3]]


def test_tail_beside_text_keeps_the_rest_at_its_cells():
    rows = ["    城西体育公园对外开放              观光夜市导入行动支",
            "【本报讯】城西体育公园昨天正",
            "式对外开放，公园设有足球场、              付"]
    got = head_tails(_lines(rows), P)
    assert got[0].text.endswith("行动支付")
    assert got[2].text == "式对外开放，公园设有足球场、" and got[2].indent == 0


def test_name_under_a_headline_stays():
    # 支|李 is no word and the page never says the two together
    rows = ["城西体育公园对外开放        观光夜市导入行动支",
            "【本报讯】城西体育公园昨天正",
            "                  李明"]
    assert [l.text for l in head_tails(_lines(rows), P)] == [l.lstrip() for l in rows]


def test_column_line_under_the_headline_stops_the_search():
    # a column's next line right under the headline's cells: its text, no tail
    rows = ["城西体育公园对外开放        观光夜市导入行动支",
            "                  付款方式更加多样，商户",
            "                  付"]
    assert [l.text for l in head_tails(_lines(rows), P)] == [l.lstrip() for l in rows]


def test_side_headline_next_line_joins_its_first():
    from reflow.order.head_tails import side_heads
    rows = ["江城港口货运量",
            "                            本报讯（记者 林涛 通讯",
            "                        员何平）今年前三季度，江城港",
            "创下历史新高                  汽车滚装量达到18.6万辆，同比增"]
    got = side_heads(_lines(rows), P)
    assert got[0].text == "江城港口货运量\u3000创下历史新高"
    assert got[3].text == "汽车滚装量达到18.6万辆，同比增" and got[3].indent == 12


@pytest.mark.parametrize("rows", [
    # a kicker over its headline: the line below is wider, no wrapped line
    ["港口货运",
     "                            本报讯（记者 林涛 通讯",
     "创下历史新高                  汽车滚装量达到18.6万辆，同比增"],
    # the row above the short line holds a column line it goes on from
    ["李娜）7月29日上午，星",
     "海市首条自动驾驶公交线",
     "                        平稳，跟有经验的老司机",
     "城市公交线路新开通                  差不多。”家住软件园的"],
], ids=["wider_line_below", "column_line_goes_on"])
def test_side_headline_stays(rows):
    from reflow.order.head_tails import side_heads
    got = side_heads(_lines(rows), P)
    assert [l.text for l in got] == [r.lstrip() for r in rows]


def test_side_headline_blank_row_between_stays():
    from reflow.order.head_tails import side_heads
    lines = _lines(["江城港口货运量",
                    "                        员何平）今年前三季度，江城港",
                    "创下历史新高                  汽车滚装量达到18.6万辆，同比增"])
    lines[2] = Line(lines[2].text, 1, 3, blank_before=1, indent=lines[2].indent)
    got = side_heads(lines, P)
    assert [l.text for l in got] == [l.text for l in lines]


@pytest.mark.parametrize("on", [True, False])
def test_tail_nearly_as_wide_as_the_headline_goes_back(on):
    # a headline wrapped nearly in half (东港至西岭城 ⏎ 际快线开通): its
    # second line is wider than tail_em but narrower than its first; the
    # report's text holds 城际快 (the headline's last character and the
    # tail's first two)
    rows = ["              东港至西岭城",
            "                           和20时，高峰时段每20分钟发",
            "本报讯（记者 林涛）今年以来         年以来，各地大力推广",
            "              际快线开通",
            "本报讯 11月3日起，东港至西岭的城际快线正式开通，全程约45分钟。"]
    got = head_tails(_lines(rows), {**P, "tail_head": on})
    if on:
        assert got[0].text == "东港至西岭城际快线开通" and len(got) == 4
    else:
        assert [l.text for l in got] == [l.lstrip() for l in rows]


def test_tail_as_wide_as_the_headline_stays():
    # a second line as wide as the first is no wrapped end, even when the
    # two make words together
    rows = ["              东港至西岭城",
            "              际快线开通运营",
            "本报讯 11月3日起，东港至西岭的城际快线正式开通，全程约45分钟。"]
    got = head_tails(_lines(rows), {**P, "tail_head": True})
    assert [l.text for l in got] == [l.lstrip() for l in rows]
