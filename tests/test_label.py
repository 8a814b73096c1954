"""The label stage on whole pages: what a line rule takes depends on the lines around it."""
from __future__ import annotations

from reflow import label as label_stage
from reflow.engine import Options, State
from reflow.model import Document
from reflow.read import lines_from_text
from reflow.rules import load_rules

RULES = load_rules()


def _labels(text: str) -> list[tuple[str, str | None]]:
    lines = lines_from_text(text)
    state = State(lines, RULES, Options(), Document("", ""))
    label_stage.run(state)
    return [(l.label, l.rule) for l in state.lines]


def test_ocr_noise_run_reaching_a_blocks_edge_is_taken_whole():
    # OCR read a picture as three lines of letters, set on top of the headline
    # with no blank line between: all three are noise, the headline is not
    got = _labels("本报讯（记者 张伟）1号线正式开通运营。\n\n"
                  "*®     s    ——   ~,\nFs ES Aes hv:\nPAE So BBs ie iS yah\n"
                  "与会代表呼吁发达国家兑现资金承诺\n新华社苏瓦10月21日电，会议开幕。")
    assert [r for _, r in got[1:4]] == ["L120", "L120", "L120"], got
    assert got[4][1] != "L120" and got[0][1] != "L120"


def test_ocr_noise_run_stopped_by_a_text_line_stays_text():
    # letters between two lines of a paragraph may be a garbled line of it:
    # a run that does not reach the block's edge is kept
    got = _labels("本报讯（记者 张伟\nTERM To HPL BB\nFs ES Aes hv:\n行1号线在高新区正式开通运营。")
    assert all(r != "L120" for _, r in got), got


def test_page_edges_are_counted_in_the_source_order():
    # the order stage may move a page's top lines down the stream; the running
    # head is still at the top of the page the extractor gave
    from reflow.label import _edges
    from reflow.model import Line
    lines = [Line("甲", 1, 20), Line("乙", 1, 1), Line("丙", 1, 2), Line("丁", 1, 20), Line("戊", 2, 5)]
    top, bottom = _edges(lines)
    assert top == [2, 0, 1, 2, 0]      # the cells of line 20 share its place
    assert bottom == [0, 2, 1, 0, 0]


def test_a_page_whose_ocr_set_every_character_apart_is_labelled_as_it_reads():
    # an OCR engine that puts a space between every two Han characters: the
    # running head, the credit, the staff line and the continuation marker are
    # what they would be unspaced, and the spaced text line stays text
    page = ("星 海 日 报\n2025年7月30日 星 期 三\n"
            "本 报 讯（记 者 张 伟）7月29日 上 午，智 行1号 线 正 式 开 通 运 营。\n"
            "本 报 记 者 刘 洋 摄\n（下 转 第5版）\n版 式 设 计：刘 洋\n")
    got = _labels(page)
    assert [lab for lab, _ in got] == ["furniture", "furniture", "body", "credit",
                                       "continuation", "furniture"], got
    assert got[2][1] is None


def _boxed(texts_starts: list[tuple[str, bool]]) -> list[tuple[str, str | None]]:
    """Label lines as an OCR engine boxes them (hOCR): no blank lines, each
    line with its box and whether it opens one of the engine's blocks."""
    from reflow.model import Line
    lines = [Line(t, 1, k + 1, par_start=start, bbox=(100.0, 100.0 + 60 * k, 900.0, 140.0 + 60 * k))
             for k, (t, start) in enumerate(texts_starts)]
    state = State(lines, RULES, Options(), Document("", ""))
    label_stage.run(state)
    return [(l.label, l.rule) for l in state.lines]


def test_a_line_the_ocr_engine_boxed_alone_stands_apart():
    # hOCR gives no blank lines: a line that is a block of its own (the next
    # line opens another block) stands alone as a blank line would set it
    got = _boxed([("——从海马体到突触可塑性", True), ("口邵明轩", True),
                  ("你还记得第一次骑自行车的情景", True), ("吗？也许已经过去了很多年。", False)])
    assert got[1] == ("byline", "L133"), got


def test_a_line_that_opens_an_ocr_block_of_text_does_not_stand_alone():
    # OCR's letters for 本报讯（记者 open the lead's block: the text goes on under
    # them in the same block, so the line is no byline line of its own
    got = _boxed([("——从海马体到突触可塑性", True), ("ATRIA Gd 张伟", True),
                  ("李娜）7月29日上午，1号线开通。", False)])
    assert got[1][1] != "L133", got


def test_a_closing_reporter_over_a_block_of_its_own_is_the_byline():
    # L129: hOCR gives no blank lines; a caption boxed apart under the bracket
    # does not go on from it, so the bracket is the byline of the text above
    got = _boxed([("攤商不必再準備大量零錢，遊客消費也更方便，", True),
                  ("預計可帶動夜市營業額成長一成。", False),
                  ("（記者張家豪）", True), ("高鐵列車停靠港都站。", True)])
    assert got[2] == ("byline", "L129"), got


def test_a_closing_reporter_bracket_whose_block_goes_on_opens_the_text():
    # the bracket opens a report whose text goes on in the same OCR block
    got = _boxed([("攤商不必再準備大量零錢，遊客消費也更方便。", True),
                  ("（記者張家豪）", True), ("港都觀光夜市昨起全面導入電子支付，攤商不必", False)])
    assert got[1][1] != "L129", got


def test_ocr_noise_in_a_box_of_its_own_is_at_its_blocks_edge():
    # L120: hOCR gives no blank lines; a line of OCR's letters that opens a
    # box of its own (a photo's edge read beside the headline) is set apart
    got = _boxed([("港口转型升级", True), ("滨海港自动化码头开港运营", True), ("wel", True),
                  ("一一单箱作业效率提升三成", True), ("本报讯（记者 周明远）12月8日上午，随着", True),
                  ("一声汽笛，货轮缓缓靠上码头。", False), ("码头设计年吞吐能力为260万标准箱，", True),
                  ("是滨海港历史上投资最大的港口工程。", False)])
    assert got[2] == ("furniture", "L120"), got


def test_ocr_noise_boxed_inside_running_text_stays_text():
    # a box that cuts a garbled line off running text that stops mid-sentence
    # is that paragraph's line: it holds the paragraph together
    got = _boxed([("ATRIA Gd 张伟 李娜）7月29日上午，星海首条", True),
                  ("alae <a SE NES", True), ("行1号线在高新区正式开通运营。", True)])
    assert got[1][1] != "L120", got
