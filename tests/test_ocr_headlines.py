"""Headlines on OCR pages: a phrase alone in its block over a report's
first paragraph (J301's lone_phrase), two headlines side by side on one row
(G516's phrase_gap_max), OCR's letters in a headline's place (G522)."""
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
        text = conv("Kz 7s元 ANSb se\n\n本报讯（记者 张伟）12月3日，城东新建的社区食堂正式开业。\n\n"
                    "食堂负责人介绍，老人凭卡就餐可享受八折优惠。")
        doc = reflow.clean(text)
        assert [a.headline for a in doc.articles] == [None]
        assert [(r.text, r.rule) for r in doc.removed] == [("Kz 7s元ANSb se", "G522")]


# a Tesseract text page: a brief's headline read alone between two blocks of
# a column, under a continuation marker, over its report's indented first line
LONE = """江东日报

2025年5月20日 星期二

茶山上的新农人

本报讯（记者 林芳）今年以来，江东县持续推进茶叶
品牌建设，全县茶园面积达到12万亩，带动三千余户
茶农增收。茶农们纷纷表示，品牌打响之后，茶叶的
收购价格明显提高，生活越来越有盼头。

据介绍，县里还将举办茶叶节，邀请各地客商前来
洽谈，进一步拓宽销售渠道，并对每一批新茶送去进
行质量检测。她告诉记者 ，

为了保住

(下转第2版 )

青溪至东湾城际轮渡加开班次

航运部门提醒，调整后部分
航班的停靠码头有所变化，旅客
可通过96196热线或App查询最
新时刻，合理安排出行。

本报讯 (记者 王涛) 记者
19日从航运部门获悉，自5月25
日起，青溪至东湾城际轮渡每日
开行班次由18班增加至26班。"""


def test_a_lone_phrase_over_a_paragraph_start_is_a_headline():
    """J301 lone_phrase: a line with no mark, a block of its own under a
    finished sentence (here a continuation marker), over a line short of its
    column by an indent, is the brief's headline, not a sentence going on
    across the blank line. Both scripts."""
    import reflow
    for conv in (str, S2T):
        doc = reflow.clean(conv(LONE))
        heads = [a.headline for a in doc.articles]
        assert conv("青溪至东湾城际轮渡加开班次") in heads
        assert not any(p.text.startswith(conv("青溪至东湾城际轮渡加开班次"))
                       for a in doc.articles for p in a.paragraphs)


def test_a_lone_first_line_over_its_full_second_line_goes_on():
    """Must not: a paragraph's first line alone in its block (pdfminer.six
    boxes it apart) has its paragraph's full second line under it: the
    sentence goes on across the blank line. Both scripts."""
    import reflow
    text = LONE.replace("青溪至东湾城际轮渡加开班次\n\n航运部门提醒，调整后部分\n航班的停靠码头有所变化，旅客\n"
                        "可通过96196热线或App查询最",
                        "今年夏天航运部门还将为了市民\n\n在夜间加开班次，调整后部分航\n班的停靠码头有所变化，旅客可\n"
                        "通过96196热线或App查询最")
    assert text != LONE
    for conv in (str, S2T):
        doc = reflow.clean(conv(text))
        assert any(p.text.startswith(conv("今年夏天航运部门还将为了市民在夜间加开班次"))
                   for a in doc.articles for p in a.paragraphs)


def test_a_stack_of_two_headlines_a_gutter_apart_is_not_one_line():
    """G504 reads two headline lines in one type size as one headline wrapped
    at its phrase space, but not two that stand on one row a gutter apart
    (G516's phrase_gap_max): two reports' headlines side by side. Both
    scripts."""
    from reflow.engine import Options, State
    from reflow.model import Document
    state = State([], RULES, Options(), Document("", ""))
    for conv in (str, S2T):
        a, b = conv("布袋戏进校园"), conv("湿地公园迎来候鸟")

        def draft(right: tuple) -> segment.Draft:
            heads = [_head(a, (100, 100, 640, 190)), _head(b, right)]
            for h in heads:
                h.measures = (90.0, 90.0)
            return segment.Draft(heads=heads)
        assert segment._stack(draft((730, 100, 1450, 190)), state) == (None, a + "\u3000" + b, None)
        assert segment._stack(draft((1000, 100, 1720, 190)), state)[1] == a
