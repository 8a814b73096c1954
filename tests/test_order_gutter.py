"""O605: OCR text whose lines hold the lines of two columns, the gutter between
them read as a mark, is cut at the near-constant offset and read column by
column; the gutter's marks are recorded as removed, every cut is a trace event."""
from __future__ import annotations

import pytest

from reflow.pipeline import clean


def _text(doc) -> str:
    """The document's paragraphs, one a line."""
    return "\n".join(p.text for a in doc.articles for p in a.paragraphs)


# two columns of 14 em merged by OCR; the gutter read as ” , as 。” and as a bar
MERGED = "\n".join([
    "市文化部门介绍，智慧书屋由街 ”为了让书屋更有人气，不少社区",
    "道提供场地，图书馆统一配送图 ”还组织了读书分享会和亲子阅读",
    "书并定期轮换，每个书屋藏书约 。” 课。社区工作人员表示，书屋不",
    "三千册。今年以来，全市已建成 | 只是借书的地方，也成了邻里交",
    "书屋六十个。                   流的新空间。",
])


def _two_columns_read(doc) -> str:
    """The text of the two-column sample (MERGED and its variants), each
    column's sentences whole across the cut rows."""
    text = _text(doc)
    assert "由街道提供场地，图书馆统一配送图书并定期轮换，每个书屋藏书约三千册。" in text
    assert "不少社区还组织了读书分享会和亲子阅读课。" in text
    return text


def test_merged_ocr_columns_are_read_column_by_column():
    text = _two_columns_read(clean(MERGED))
    assert "亲子阅读课。社区工作人员表示，书屋不只是借书的地方" in text
    assert text.index("已建成书屋六十个。") < text.index("为了让书屋更有人气")
    assert "”" not in text and "|" not in text


def test_a_blank_line_between_two_cut_rows_ends_no_paragraph():
    """A blank line the engine put between two rows it merged stands across
    both columns at once: the left column's full line that ends a sentence
    over it does not end its paragraph there."""
    rows = MERGED.split("\n")
    rows[2] = "书，每个书屋藏书约三千余册。 。” 课。社区工作人员表示，书屋不"
    rows[3] = "今年以来，全市已建成智慧书屋 | 只是借书的地方，也成了邻里交"
    rows[4] = "六十个。                   流的新空间。"
    doc = clean("\n".join(rows[:3] + [""] + rows[3:]))
    assert "约三千余册。今年以来，全市已建成智慧书屋六十个。" in _text(doc)


def test_gutter_marks_are_recorded_and_cuts_traced():
    doc = clean(MERGED)
    removed = [(r.text, r.rule) for r in doc.removed]
    assert removed == [("”", "O605"), ("”", "O605"), ("。”", "O605"), ("|", "O605")]
    cuts = [e for e in doc.trace if e.code == "O605" and e.kind == "move" and "cut at" in e.note]
    assert [e.line for e in cuts] == [1, 2, 3, 4, 5]


def test_a_closing_quote_of_the_text_stays():
    text = "他说：“书屋就在家门口，真方便。”大家都笑了。"
    doc = clean(text)
    assert doc.articles[0].paragraphs[0].text == text
    assert not doc.removed


def test_single_spaces_alone_are_no_ocr_gutter():
    # a PDF extractor's merged lines (single spaces, no mark) are left to O601
    page = "\n".join([
        "市文化部门介绍，智慧书屋由街 为了让书屋更有人气，不少社区",
        "道提供场地，图书馆统一配送图 还组织了读书分享会和亲子阅读",
        "书并定期轮换，每个书屋藏书约 课。社区工作人员表示，书屋不",
        "三千册。今年以来，全市已建成 只是借书的地方，也成了邻里交",
    ])
    doc = clean(page)
    assert not any(e.code == "O605" for e in doc.trace)


# OCR text whose merged lines keep runs of spaces: it looks like a -layout
# page (O602), but no line is led by spaces, so O605 reads it; the first row
# is a paragraph's first line, short by the indent OCR dropped
WIDE_GAPS = "\n".join([
    "全市书屋建设提速",
    "据介绍，全市计划新建书屋      为了让书屋更有人气，不少社区还",
    "八十个，重点覆盖老旧小区和城中 ” 组织了读书分享会和亲子阅读课。",
    "村。每个书屋由街道提供场地，图    社区工作人员表示，书屋不只是借",
    "书馆统一配送图书并定期轮换，藏 ” 书的地方，也成了邻里交流的新空",
    "书约三千册，市民刷身份证即可借    间。",
    "阅，借阅记录同步到全市图书馆。",
])


def test_ocr_lines_with_wide_gaps_and_no_lead_are_read_by_o605():
    doc = clean(WIDE_GAPS)
    text = _text(doc)
    assert "据介绍，全市计划新建书屋八十个，重点覆盖老旧小区和城中村。" in text
    assert text.index("借阅记录同步到全市图书馆。") < text.index("为了让书屋更有人气")
    assert "”" not in text
    cuts = [e.line for e in doc.trace if e.code == "O605" and e.kind == "move" and "cut at" in e.note]
    assert cuts[0] == 2      # the indented first row starts the run


def test_a_layout_document_is_left_to_o602():
    # the same lines led by spaces, as pdftotext -layout pads them: no O605
    led = "\n".join(("  " + line if k % 2 else line) for k, line in enumerate(WIDE_GAPS.split("\n")))
    doc = clean(led)
    assert not any(e.code == "O605" for e in doc.trace)


# OCR lost the gap between a sentence's end and the next column's line
GLUED = "\n".join([
    "本报讯（记者 林川）连日来，江南    在城东街道的一处书屋里，退休",
    "市多个社区的居民在家门口用上了    工人周大爷正在翻阅一本地方志。",
    "新建的智慧书屋。书屋配备自助借    他说，以前去市图书馆要坐四十",
    "还设备和电子阅读屏，全天开放。分钟公交车，现在下楼走几步就",
    "市民刷身份证即可借阅图书。        能借到想看的书，感觉很方便。",
])


def test_a_sentence_end_glued_to_the_next_column_is_cut_inside_a_run():
    doc = clean(GLUED)
    text = _text(doc)
    assert "全天开放。市民刷身份证即可借阅图书。" in text
    assert "要坐四十分钟公交车，现在下楼走几步就能借到想看的书" in text


def test_a_sentence_end_glued_to_a_word_alone_is_no_cut():
    # one line of one column: a sentence's end followed by the next sentence
    text = "还设备和电子阅读屏，全天开放。分钟公交车现在下楼走几步就到"
    doc = clean(text)
    assert not any(e.code == "O605" for e in doc.trace)


# the third column ends two rows into the run: the measure the run's first
# cut showed finds it, a gap too narrow to show a gutter of its own
THIRD = "\n".join([
    "本报讯（记者 林川）连日来，江南 ” 在城东街道的一处书屋里，退休 书屋还开设了夜间自助服务，让",
    "市多个社区的居民在家门口用上了 ” 工人周大爷正在翻阅一本地方志 下班族也能随时借书。",
    "新建的智慧书屋。书屋配备自助借 。” 他说，以前去市图书馆要坐四十",
    "还设备和电子阅读屏，全天开放， ” 分钟公交车，现在下楼走几步就",
    "市民刷身份证即可借阅图书。        能借到想看的书，感觉很方便。",
])


def test_a_short_third_column_is_cut_at_the_page_measure():
    doc = clean(THIRD)
    text = _text(doc)
    assert "正在翻阅一本地方志。他说" in text or "正在翻阅一本地方志他说" in text
    assert "书屋还开设了夜间自助服务，让下班族也能随时借书。" in text
    assert text.index("感觉很方便。") < text.index("书屋还开设了夜间自助服务")


def test_a_mark_spaced_out_with_its_line_is_no_gutter():
    """A justified line that an extractor letter-spaced spaces out its marks too
    (`像 头 ， 借 助`): a lone mark between two single glyphs is no gutter."""
    from reflow.order.gutter import _cuts
    from reflow.rules import load_rules
    p = load_rules().rules["O605"].params
    line = "点为科学城地铁站，全程 像 头 ， 借 助 车 路 协 同"
    at_comma = line.index("，", 12)
    assert not [c for c in _cuts(line, 0, len(line), p) if at_comma in range(c.left_end, c.right_start + 1)]


# OCR text with runs of spaces that scatter, no run of rows cut at one offset:
# it looks like a -layout page, but OCR's gaps say nothing of positions
SCATTERED = "\n".join([
    "市文化部门介绍，智慧书屋由街道提供场地，图书馆统一配送图书",
    "并定期轮换，每个书屋藏书约三千册。      今年以来",
    "全市已建成书屋六十个，覆盖所有街道。",
    "为了让书屋更有人气，不少社区还组织了读书分享会      和亲子阅读课",
    "社区工作人员表示，书屋不只是借书的地方。",
    "也成了邻里交流的空间。        下一步全市还将推出夜间借阅",
])


def test_an_ocr_page_whose_gaps_scatter_is_not_read_by_position():
    doc = clean(SCATTERED)
    assert not any(e.code in ("O602", "O603", "O604") for e in doc.trace)
    text = _text(doc)
    assert text.index("每个书屋藏书约三千册") < text.index("全市已建成书屋六十个") < text.index("为了让书屋")


# one column whose numbers and Latin words OCR (or an extractor) set apart by
# spaces at about the same offset row after row: no merged columns
SPACED_NUMBERS = "\n".join([
    "新华社江城 8 月 24 日电（记者  林思远）",
    "",
    "2025 江城湖马拉松 24 日清晨鸣枪开跑，来自",
    "32 个国家和地区的 3.2 万名跑者参赛。最终，肯",
    "尼亚选手约翰·基普罗诺以 2 小时 08 分 41 秒获",
    "得男子全程冠军，埃塞俄比亚选手蒂鲁内什·阿",
    "贝贝以 2 小时 24 分 17 秒夺得女子全程冠军。",
    "本 届 赛 事 为 世 界 田 联 “ World  Athletics ",
    "Gold  Label”金标赛事，赛道全程沿江城湖展",
    "开，途经湿地公园、老城区和科技园区。组委会",
    "首次在赛道沿线设置了 12 个“智能补给站”，跑",
])


def test_spaces_around_numbers_and_words_start_no_run():
    doc = clean(SPACED_NUMBERS)
    assert not any(e.code == "O605" for e in doc.trace)


# the first column ends a paragraph on the run's last row; its next
# paragraph's first line (the indent dropped) stands below the run and goes
# on at the top of the second column
NEXT_PARAGRAPH = "\n".join([
    "市文化部门介绍，智慧书屋由街    十个，覆盖全市所有的街道。",
    "道提供场地，图书馆统一配送图 ” 为了让书屋更有人气，不少社区",
    "书并定期轮换，每个书屋藏书约  还组织了读书分享会和亲子阅读",
    "三千册。                      课，深受居民的欢迎。",
    "今年以来，全市已建成书屋六",
])


def test_the_first_columns_next_paragraph_is_read_before_the_second_column():
    doc = clean(NEXT_PARAGRAPH)
    paras = [p.text for a in doc.articles for p in a.paragraphs]
    assert "今年以来，全市已建成书屋六十个，覆盖全市所有的街道。" in paras
    assert paras[-1].startswith("为了让书屋更有人气")


def test_a_glued_quote_that_closes_the_left_lines_own_stays():
    """A quote glued between two column lines is the gutter's, unless it
    closes a quote the left line opened (or opens one the right line closes)."""
    from reflow.order.gutter import _own_mark
    line = "他说：“书屋就在家门口”为了让书屋更有人气"
    k = line.index("”")
    assert _own_mark(line, 0, len(line), k, k + 1) == "left"
    line = "每个书屋藏书约”课。社区工作人员表示"
    k = line.index("”")
    assert _own_mark(line, 0, len(line), k, k + 1) is None
    line = "全市已建成“只是借书的地方”，也成了"
    k = line.index("“")
    assert _own_mark(line, 0, len(line), k, k + 1) == "right"


def test_a_first_column_line_of_ocr_junk_letters_goes_on_below_the_run():
    """OCR prints a Han glyph it cannot read as a letter or a few: a line
    below the run whose letters may be such glyphs can still fill the first
    column's measure, and is read down before the second column."""
    page = "\n".join([
        "市文化部门介绍，智慧书屋由街    为了让书屋更有人气，不少社区",
        "道提供场地，图书馆统一配送图 ” 还组织了读书分享会和亲子阅读",
        "书并定期轮换，每个书屋藏书约  课，深受居民的欢迎。",
        "三千册。今年以来，全市已建成",
        "AHRICE BSE SRE 个覆盖全市",
    ])
    text = _text(clean(page))
    assert text.index("覆盖全市") < text.index("为了让书屋更有人气")


# an article over four columns that OCR printed as two blocks, one below the
# other, a blank line between them: columns 1-2, then columns 3-4 (the third
# column goes on two lines below the fourth, which ends the article)
BLOCKS = {
    "zh-Hans": [
        "市文化部门介绍，智慧书屋由街 ” 三千册。今年以来，全市已建成",
        "道提供场地，图书馆统一配送图  书屋六十个，覆盖全市所有的街",
        "书并定期轮换，每个书屋藏书约 ” 道。为了让书屋更有人气，不少",
        "",
        "社区还组织了读书分享会和亲子  间。下一步，全市还将推出夜间",
        "阅读课，深受居民的欢迎。社区 ” 自助借阅服务。",
        "工作人员表示，书屋不只是借书",
        "的地方，也成了邻里交流的新空",
    ],
    "zh-Hant": [
        "市文化部門介紹，智慧書屋由街 ” 三千冊。今年以來，全市已建成",
        "道提供場地，圖書館統一配送圖  書屋六十個，覆蓋全市所有的街",
        "書並定期輪換，每個書屋藏書約 ” 道。為了讓書屋更有人氣，不少",
        "",
        "社區還組織了讀書分享會和親子  間。下一步，全市還將推出夜間",
        "閱讀課，深受居民的歡迎。社區 ” 自助借閱服務。",
        "工作人員表示，書屋不只是借書",
        "的地方，也成了鄰里交流的新空",
    ],
}


@pytest.mark.parametrize("lang", sorted(BLOCKS))
def test_columns_printed_as_a_block_below_are_read_after_the_first_block(lang):
    """Where the second column's line under a blank line completes the word
    that the first column's last line below it breaks (新空 | 间), and not one
    the second column's line above the blank line breaks, the rows under the
    blank line are the article's next columns, printed as a block of their
    own: the first block is read column by column, then the second."""
    from reflow.order.stage import order_text
    from reflow.trace import Tracer
    rows = BLOCKS[lang]
    cut = [row.replace(" ”", "  ").split("  ") for row in rows if row]
    cols = [[c[0].strip() for c in cut[:3]], [c[-1].strip() for c in cut[:3]],
            [c[0].strip() for c in cut[3:]], [c[-1].strip() for c in cut[3:5]]]
    lines = order_text(None, "\n".join(rows), Tracer(), None).split("\n")
    assert [line for line in lines if line] == [line for col in cols for line in col]


# the first column's line that ends its paragraph short, the second column's
# line beside it with word spaces of its own, one falling at the offset
SHORT = {
    "zh-Hans": [
        "市文化部门介绍，智慧书屋由街 ” 据国际图书馆协会发布的报告，",
        "道提供场地，图书馆统一配送图  社区书屋的借阅量逐年上升。在",
        "书。                International Library Day 活动",
        "今年以来，全市已建成书屋六十 ” 期间，全市各书屋同步举行了读",
        "个。                          书分享会。",
    ],
    "zh-Hant": [
        "市文化部門介紹，智慧書屋由街 ” 據國際圖書館協會發布的報告，",
        "道提供場地，圖書館統一配送圖  社區書屋的借閱量逐年上升。在",
        "書。                International Library Day 活動",
        "今年以來，全市已建成書屋六十 ” 期間，全市各書屋同步舉行了讀",
        "個。                          書分享會。",
    ],
}


@pytest.mark.parametrize("lang", sorted(SHORT))
def test_a_short_last_line_is_cut_at_its_wide_gap_not_at_a_word_space(lang):
    """OCR prints a word space inside a line as one space and the end of a
    paragraph's short last line as several: a row whose first column's line
    ends a sentence before a wide gap, the rest of the row no wider than a
    column line, is cut at that gap, not at a word space of the second
    column's line that falls at the offset."""
    from reflow.order.stage import order_text
    from reflow.trace import Tracer
    rows = SHORT[lang]
    lines = [line for line in order_text(None, "\n".join(rows), Tracer(), None).split("\n") if line]
    assert lines[2] == rows[2][:2]
    assert rows[2][2:].strip() in lines


# two modules side by side, two columns each, merged by OCR row by row; the
# left module's second column ends two rows above the band's foot, and OCR
# prints the empty column as a wide gap
_LEFT1 = ["本报讯近日，市图书馆推出寒假", "阅读计划，面向全市中小学生开", "放借阅，每人每次可借十本图书",
          "并可在线预约。图书馆还将举办", "二十场读书会和手工课等活动。"]
_LEFT2 = ["图书馆负责人介绍，活动期间开", "放时间延长至晚上九点，方便学", "生和家长在课后前来阅读学习。"]
_RIGHT1 = ["本报讯今年冬季，市区新开两座", "口袋公园，面积均在三千平方米", "左右，设有健身步道、儿童游乐",
           "设施和休息座椅，周边居民步行", "五分钟即可到达，深受欢迎。"]
_RIGHT2 = ["园林部门表示，明年还将在老城", "区改造一批街头绿地，让更多居", "民出门见绿、推窗见景，同时完",
           "善公园的照明和卫生设施，方便", "市民早晚锻炼和休闲散步。"]


def test_a_wide_gap_after_a_full_column_line_skips_an_empty_column():
    """The rows under the left module's end hold its first column, a gap as
    wide as a column, and the right module's two columns: those go on the
    right module's columns, not on the left module's empty one."""
    rows = [_LEFT1[i] + " ” " + _LEFT2[i] + "   " + _RIGHT1[i] + " ” " + _RIGHT2[i] for i in range(3)]
    rows += [_LEFT1[i] + " " * 20 + _RIGHT1[i] + " ” " + _RIGHT2[i] for i in (3, 4)]
    doc = clean("\n".join(rows))
    assert [[p.text for p in a.paragraphs] for a in doc.articles] == [
        ["".join(_LEFT1) + "".join(_LEFT2)], ["".join(_RIGHT1), "".join(_RIGHT2)]]


def test_a_wide_gap_after_a_short_last_line_skips_no_column():
    """A first column's short last line, then a wide gap: the rest of that
    column is empty, the piece after the gap the next column's line."""
    rows = [_RIGHT1[i] + " ” " + _RIGHT2[i] for i in range(4)]
    rows.append("五分钟可达。" + " " * 20 + _RIGHT2[4])
    doc = clean("\n".join(rows))
    text = _text(doc)
    assert "".join(_RIGHT1[:4]) + "五分钟可达。" in text and "".join(_RIGHT2) in text


# a module two columns wide over a rule OCR read as junk; under it the
# headline row of two modules side by side (each two columns wide), read by
# OCR as one row over all four columns
TWO_MODULES = "\n".join([
    "全市新建口袋公园二十座",
    "",
    "本报讯〈记者 李青) 记者日前从市园林局获 ”但设置了健身器材、儿童游乐设施和休憩",
    "悉，今年以来全市在老旧小区周边和街角空   座椅，方便周边居民就近休闲。市园林局相",
    "地新建口袋公园二十座，新增绿地面积约六 ”关负责人表示，明年将继续推进口袋公园建",
    "万平方米。这些口袋公园面积虽然都不大，  设，让市民出门就能见到绿色。",
    "、    ~   一 、                    rN    iT  an ea",
    "老街夜市 新”开张                           春茶时节里的“东山茶农",
    "本报讯〈记者 方林) 江南市第12条步行    市商务局相关负责人介绍，老街夜市与"
    "      本报讯〈记者唐悦 通讯员林木) 近日东 节。",
    "街昨晚在老城片区开街。街区全长约300米 周边商户已实现统一管理，今年以来累计接待"
    "   山镇春茶开采，当地合作社组织300余名采茶    “今年的春茶品质不错，价格也比去年",
    "沿街共设有摊位120个，入驻商户全部持证经 ”游客35万人次。                   "
    "茶，背着竹篓上山采摘鲜叶，茶园里一派繁 ”能卖出好价钱。”茶农周大山高兴地说。",
    "营，市民在逛街间隙就能品尝到各地小吃。                              "
    "忙的景象。这几天正是一年中采茶最忙的季",
])


def test_the_right_headline_of_a_row_goes_where_its_module_starts():
    """The right headline of a row of two modules' headlines is read before
    the column whose first line opens with a report's dateline (the right
    module's), not on top of the next column (the left module's second)."""
    doc = clean(TWO_MODULES)
    joins = [e.after for e in doc.trace if e.code == "O605" and e.note in
             ("read column by column", "a right headline read where its module starts")]
    assert "35万人次。\u23ce春茶时节里的" in [e.after for e in doc.trace if e.code == "O605" and
                                        e.note == "a right headline read where its module starts"]
    assert "的“东山茶农\u23ce本报讯〈记者" in joins
    assert not any(j.endswith("\u23ce市商务局相关") and "东山茶农" in j for j in joins)


# the headlines of two modules side by side; under them OCR printed the first
# line of the left report (one column wide) and the first lines of the right
# report's two columns on one row, the rest of each below
TWO_REPORTS = "\n".join([
    "老城区新增三处停车场",
    "",
    "本报讯（记者 高远）为缓解老城区停车难，市交通部门近日在老城区新增三处",
    "公共停车场，共提供停车位四百余个，市民可通过手机应用查询空余车位并在",
    "线缴费。",
    "",
    "东湖公园荷花节开幕                      西山隧道开始夜间施工",
    "本报讯 (记者 KL) 东湖公园第十二届荷花节7月5日开幕，园内     本报讯 《西山隧道自7月6日起    施工期间，隧道夜间单向通",
    "",
    "二十余个品种的荷花陆续盛开， TH LRE 公园还推出了夜游活",
    "动，吸引了不少市民前来观赏。",
    "",
    "进行夜间维护施工，每晚22时至次  行，请过往车辆提前绕行，",
    "日5时实行交通管制。           注意交通标志。",
])


def test_a_row_of_two_reports_first_lines_is_cut_under_their_headlines():
    """The row under two headlines side by side that holds two reports'
    first lines, each opening with its dateline, is cut between them: the
    left report reads on in the lines of its measure below, the right one's
    columns after it, each article under its own headline."""
    doc = clean(TWO_REPORTS)
    heads = {a.headline: "".join(p.text for p in a.paragraphs) for a in doc.articles}
    assert heads["东湖公园荷花节开幕"].endswith("园内二十余个品种的荷花陆续盛开，TH LRE公园还推出了夜游活动，吸引了不少市民前来观赏。")
    right = heads["西山隧道开始夜间施工"]
    assert right.startswith("本报讯《西山隧道自7月6日起进行夜间维护施工，每晚22时至次日5时实行交通管制。")
    assert "施工期间，隧道夜间单向通行，请过往车辆提前绕行，注意交通标志。" in right
    cuts = [e for e in doc.trace if e.code == "O605" and e.kind == "move" and "cut at" in e.note]
    assert any("荷花节7月5日开幕，园内 \u2016 本报讯" in e.after for e in cuts)


# a run three columns wide (the third ends early) under a report's first row,
# its dateline's names garbled so that its left piece falls short of the offset
THREE = [
    "本报讯（记者 AB）     城南快线沿线地形复杂，桥梁    开通初期，铁路部门每日安排",
    "九月十八日上午，首趟列车从 ”和隧道占线路总长的七成。建   开行动车组列车四十六对，并",
    "城南站驶出，标志着城南快线 | 设者攻克了软土地基处理等技  推出计次票、定期票等票制。",
    "正式开通运营。线路全长二百 ”术难题，其中跨越珠溪的大桥",
    "一十二公里，沿途设站八座。  主跨达到五百三十二米。",
]


def test_a_first_row_above_a_three_column_run_is_read_from_its_right_end():
    """The row's right piece holds two column lines as wide as one another
    and as the run's offset: it goes on the run, cut after its dateline."""
    text = _text(clean("\n".join(THREE)))
    assert "本报讯（记者 AB）九月十八日上午" in text
    assert "城南快线沿线地形复杂，桥梁和隧道占线路总长的七成。" in text
    assert "开通初期，铁路部门每日安排开行动车组列车四十六对" in text
    assert text.index("沿途设站八座。") < text.index("城南快线沿线") < text.index("开通初期")


def test_a_first_row_whose_right_lines_differ_in_width_is_not_read_so():
    """Two pieces of unequal width right of the gap are no two column lines."""
    rows = list(THREE)
    rows[0] = "本报讯（记者 AB）     城南快线沿线地形复杂，桥梁    开通初期"
    text = _text(clean("\n".join(rows)))
    assert "本报讯（记者 AB）九月十八日上午" not in text


def test_a_gap_after_a_number_over_a_wide_gap_at_its_offset_starts_a_run():
    """OCR prints the gutter after a number as the one space it prints
    between a number and a Han glyph; the wide gap of the row under it, at
    the same offset, shows it is the gutter."""
    rows = [
        "傳統戲曲進校園計畫，邀請8個在地劇團走進24 卡通角色改編成戲偶，吸引孩子的興趣。",
        "所國中小，讓學童親手體驗操偶、配音與後     五年級學生高子晴說，她最喜歡為角色",
        "場音樂。                               配音，「老師說聲音要有表情」。",
    ]
    text = _text(clean("\n".join(rows)))
    assert "走進24所國中小，讓學童親手體驗操偶、配音與後場音樂。" in text
    assert "她最喜歡為角色配音" in text


def test_a_gap_after_a_number_over_a_wide_gap_elsewhere_starts_none():
    rows = [
        "今年全市計畫新建學校24 所，比去年多出一倍以上，經費由市府全額負擔。",
        "校舍改建工程將同步進行，市府表示     預計明年暑假前全部完工。",
    ]
    doc = clean("\n".join(rows))
    assert not [e for e in doc.trace if e.code == "O605"]


# the run's first row shows its cut (a closing quote); the row above it has no
# gap: the first column's line ends in a comma, and the normalizer folded
# OCR's `, ` (the gutter its space) into a glued ，
COMMA_ABOVE = [
    "市文化部门介绍，书屋由街道, 为了让书屋更有人气，不少社区",
    "提供了场地，图书馆统一配送图 ”还组织了读书分享会和亲子阅读",
    "书并定期轮换，每个书屋藏书约 。” 课。社区工作人员表示，书屋不",
    "三千册。今年以来，全市已建成 | 只是借书的地方，也成了邻里交",
    "书屋六十个。                   流的新空间。",
]


def test_a_glued_comma_at_the_offset_above_a_run_goes_on_it():
    text = _text(clean("\n".join(COMMA_ABOVE)))
    assert "书屋由街道，提供了场地，图书馆" in text
    assert "为了让书屋更有人气，不少社区还组织了读书分享会" in text


def test_a_glued_comma_above_a_blank_line_does_not():
    """A line across both columns is a block of its own, a blank line under it."""
    text = _text(clean("\n".join(COMMA_ABOVE[:1] + [""] + COMMA_ABOVE[1:])))
    assert "为了让书屋更有人气，不少社区提供了场地" in text



def _head_row_spans(left_head: str):
    """A head row of two modules side by side over a run of three columns of 13
    em, cut as O605 cuts it: the left column's spans, and the right pieces read
    column by column. The right module's first line opens with a dateline OCR
    read as junk letters."""
    cols = [
        ["【记者王立新/江口报道】为", "配合汛期检修，江口市交通局", "宣布渡轮即日起停航，往来两", "岸旅客须改乘公交绕行。"],
        ["海事处表示，这艘渡轮已服役", "多年，船体老化时有进水的危", "险，新造的渡轮预计明年下水", "。"],
        ["(ABC) RBH IS SHE ati, 老街", "夜市外新建的停车场共有三百", "个车位，车主可用手机缴费离", "场。"],
    ]
    texts = [left_head + "      老街夜市增设停车场"]
    left = [(0, 0, len(left_head))]
    seq = [(0, len(left_head) + 6, len(texts[0]))]
    thirds = []
    for r in range(1, 5):
        a = len(cols[0][r - 1])
        b = a + 2 + len(cols[1][r - 1])
        texts.append("  ".join(c[r - 1] for c in cols))
        left.append((r, 0, a))
        seq.append((r, a + 2, b))
        thirds.append((r, b + 2, len(texts[r])))
    return texts, left, seq + thirds


@pytest.mark.parametrize("left_head, moved", [
    ("江口渡轮停航检修”乘客改乘公交多绕行", True),   # wider than the column: set over two
    ("江口渡轮停航检修一周", False),                  # no wider than one column's lines
])
def test_a_right_headline_beside_a_two_column_headline_heads_the_third_column(left_head, moved):
    """Where no line under the head row opens with a dateline (OCR read it as
    junk letters), a left headline wider than the full lines of the column
    under it spans that column and the next: the right headline is read
    before the first line of the column after them, a line of its own."""
    import re

    from reflow.order.gutter import _head_to_module
    from reflow.rules import load_rules
    p = load_rules().rules["O605"].params
    texts, left, seq = _head_row_spans(left_head)
    heads: set = set()
    got = _head_to_module(texts, seq, left, re.compile("本报讯"), p, heads)
    if moved:
        assert got == seq[1:5] + [seq[0]] + seq[5:] and heads == {seq[0]}
    else:
        assert got == seq and not heads
    assert _head_to_module(texts, seq, left, re.compile("本报讯"), {**p, "head_span": False}) == seq


def _o605_runs(texts):
    """O605's runs of merged rows over whole-line spans, with the rule's own parameters."""
    import tomllib
    from pathlib import Path
    from reflow.order.gutter import _runs
    p = tomllib.loads(Path(__file__).parent.parent.joinpath(
        "rules/order/O605-ocr-gutters.toml").read_text(encoding="utf-8"))["params"]
    return _runs(texts, [(r, 0, len(t)) for r, t in enumerate(texts)], p)


# the gutter read as a closing quote glued to the end of the left line, then
# a one-space gap (配送图” 还组织): no other row shows the gutter
TAIL_QUOTE = "\n".join([
    "市文化部门介绍，智慧书屋由街” 为了让书屋更有人气，不少社区",
    "道提供场地，图书馆统一配送图 还组织了读书分享会和亲子阅读",
    "书并定期轮换，每个书屋藏书约” 课。社区工作人员表示，书屋不",
    "三千册。今年以来，全市已建成 只是借书的地方，也成了邻里交",
])


def test_a_closing_quote_glued_to_the_left_line_before_the_gap_is_the_gutter():
    doc = clean(TAIL_QUOTE)
    text = _two_columns_read(doc)
    assert "”" not in text
    assert [(r.text, r.rule) for r in doc.removed] == [("”", "O605"), ("”", "O605")]


def test_a_closing_quote_the_left_line_opened_before_a_gap_stays():
    from reflow.order.gutter import _cuts
    p = {"glued_marks": "”“\"[]"}
    line = "他说“书屋就在家门口” 为了让书屋更有人气"
    cut = [c for c in _cuts(line, 0, len(line), p) if c.spaces][0]
    assert not cut.strays and line[cut.left_end - 1] == "”"
    line = "每个书屋藏书约三千余” 课。社区工作人员表示"
    cut = [c for c in _cuts(line, 0, len(line), p) if c.spaces][0]
    assert cut.strays == ((cut.left_end, cut.left_end + 1),) and line[cut.left_end - 1] == "余"


# the second row's gap is weak (OCR's space before a number that starts the
# second column's line); the gutter shows on the first row (a tail quote) and
# on the last (a short last line's wide gap)
WEAK_SECOND = "\n".join([
    "市文化部门介绍，智慧书屋由街” 为了让书屋更有人气，不少社区",
    "道提供场地，图书馆统一配送图 30个社区组织了读书分享会和亲子",
    "书并定期轮换，每个书屋藏书约 阅读课。社区工作人员表示，书屋",
    "三千册。今年以来，全市已建成 不只是借书的地方，也成了邻里交",
    "书屋六十个。                 流的新空间。",
])


def test_a_run_starts_over_a_weak_second_row_when_the_third_shows_the_cut():
    paras = [p.text for a in clean(WEAK_SECOND).articles for p in a.paragraphs]
    assert paras[0].endswith("今年以来，全市已建成书屋六十个。")
    assert paras[1].startswith("为了让书屋更有人气，不少社区30个社区组织了")


def test_a_weak_second_row_over_an_uncut_row_starts_no_run():
    texts = ["市文化部门介绍，智慧书屋由街” 为了让书屋更有人气",
             "道提供场地，图书馆统一配送图 30册图书并定期轮换",
             "每个书屋藏书约三千册，今年以来全市已建成书屋六十个"]
    assert _o605_runs(texts) == []


# a short module three rows deep, a gap at the offset on every row; the gutter
# shows once, read as a quote glued to the second column's line
MARKED_ONCE = [
    "市文化部门介绍，智慧书屋由街 ”为了让书屋更有人气，不少社区",
    "道提供场地，图书馆统一配送图 还组织了读书分享会和亲子阅读",
    "书并定期轮换，每个书屋藏书约 课。社区工作人员表示，书屋不",
]


def test_a_quote_the_gutter_was_read_as_once_makes_a_short_run():
    assert [(f, l) for f, l, _, _ in _o605_runs(MARKED_ONCE)] == [(0, 2)]


def test_a_comma_in_the_gap_once_makes_no_short_run():
    rows = [MARKED_ONCE[0].replace(" ”", " ，")] + MARKED_ONCE[1:]
    assert _o605_runs(rows) == []
