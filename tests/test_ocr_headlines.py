"""Headlines on OCR pages: two headlines side by side on one row (G516's
phrase_gap_max)."""
from __future__ import annotations

import opencc

from reflow import segment
from reflow.model import Line
from reflow.rules import load_rules

RULES = load_rules()
S2T = opencc.OpenCC("s2t").convert

def _head(text: str, box: tuple) -> segment.Item:
    line = Line(text, 1, 1, bbox=box, font_size=box[3] - box[1])
    block = segment.Block("headline-candidate", [line], [text], [])
    return segment.Item(segment.HEAD, block, text)


def test_headlines_a_gutter_apart_on_one_row_stay_two():
    """Two headline lines on one row whose boxes stand more than two line
    heights apart are two reports' headlines set side by side, not the
    phrases of one line (G516); one em apart they are. Both scripts."""
    from reflow.engine import Options, State
    from reflow.model import Document
    for conv in (str, S2T):
        a, b = conv("布袋戏进校园"), conv("湿地公园迎来候鸟")
        near = segment.Draft(heads=[_head(a, (100, 100, 640, 190)), _head(b, (730, 100, 1450, 190))])
        far = segment.Draft(heads=[_head(a, (100, 100, 640, 190)), _head(b, (1000, 100, 1720, 190))])
        state = State([], RULES, Options(), Document("", ""))
        segment._join_head_rows(near, state)
        segment._join_head_rows(far, state)
        assert [h.text for h in near.heads] == [a + "\u3000" + b]
        assert [h.text for h in far.heads] == [a, b]


def test_ocr_letters_in_the_headlines_place_are_recorded_not_printed():
    """G522: a line of OCR's letters above a report is no headline; it stays
    in the Document as removed junk (nothing disappears). Both scripts."""
    import reflow
    for conv in (str, S2T):
        text = conv("aR LL上的　ie\n\n本报讯（记者 张伟）12月3日，城东新建的社区食堂正式开业。\n\n"
                    "食堂负责人介绍，老人凭卡就餐可享受八折优惠。")
        doc = reflow.clean(text)
        assert [a.headline for a in doc.articles] == [None]
        assert [(r.text, r.rule) for r in doc.removed] == [("aR LL上的　ie", "G522")]
