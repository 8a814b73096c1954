"""O602 head_row_dateline: under a -layout head row whose phrases stand a
column apart, a report that opens with its dateline left of a gutter and a
text with none right of it are one report run on into its next column (its
paragraph ended at the column's foot), not two modules side by side."""
from reflow.order.columns import module_gutter
from reflow.rules import load_rules


def _below(rows):
    # (row, cell spans, texts) as module_gutter reads the rows under a head row
    out = []
    for q, pieces in enumerate(rows, start=1):
        out.append((q, [(s, s + len(t)) for s, t in pieces], [t for _, t in pieces]))
    return out


_LEFT = [(4, "本报讯（记者 林川）入秋以来，城东夜市"), (0, "的客流明显回升，周末晚间人流超过两万"),
         (0, "人次，摊主的营业额比去年同期增长三成。")]


def _rows(right_first: str):
    rights = [right_first, "垃圾分类点，并安排专人巡查消防通道，", "不得随意占道经营，保持夜市整洁。"]
    return [[left, (30 + (4 if k == 0 else 0), r)] for k, (left, r) in enumerate(zip(_LEFT, rights))]


def test_a_report_run_on_past_its_paragraph_end_is_one_module():
    opens = load_rules().rules["J301"].params["dateline_pattern"]
    below = _below(_rows("市场管理方表示，下一步将在入口处增设"))
    assert module_gutter(below, 9, 40, opens=opens) is not None          # without the rule: two modules
    assert module_gutter(below, 9, 40, opens=opens, dateline_own=True) is None


def test_a_text_right_of_the_gutter_with_its_own_dateline_stays_a_module():
    opens = load_rules().rules["J301"].params["dateline_pattern"]
    below = _below(_rows("本报讯 市场管理方表示，将在入口处增设"))
    assert module_gutter(below, 9, 40, opens=opens, dateline_own=True) is not None
