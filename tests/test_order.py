"""The order stage: damaged reading orders built on purpose are restored, and
well-ordered pages pass unchanged.

The damaged pages are made here from a clean text, as each extractor damages
a multi-column page: wrapped into columns of a fixed measure (a paragraph's
first line two characters short), then merged row by row (default pdftotext,
narrow gutter), printed side by side (pdftotext -layout) or interleaved line
by line (pdfminer.six).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reflow
from reflow.chars import em_width
from reflow import normalize, order
from reflow.engine import Options, State
from reflow.model import Document
from reflow.order.columns import fragments, split_merged
from reflow.order.decoder import solid_blocks
from reflow.order.stage import _head_blocks_in_place, _reads_on
from reflow.read import lines_from_text
from reflow.testing import assert_trace_replays
from reflow.rules import load_rules

RULES = load_rules()
ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "pages"

PARAS = [
    "本报讯（记者 林川）连日来，江南市多个社区的居民在家门口用上了新建的智慧书屋。书屋配备自助借还设备和电子阅读屏，全天开放，市民刷身份证即可借阅图书，借阅记录还能同步到全市公共图书馆系统。",
    "在城东街道的一处书屋里，退休工人周大爷正在翻阅一本地方志。他说，以前去市图书馆要坐四十分钟公交车，现在下楼走几步就能借到想看的书，晚上吃完饭也可以过来坐一坐，感觉很方便。",
    "据市文化部门介绍，智慧书屋由街道提供场地，图书馆统一配送图书并定期轮换，每个书屋藏书约三千册，涵盖文学、历史、科普和少儿读物。今年以来，全市已建成书屋六十个，累计接待读者二十多万人次。",
    "为了让书屋更有人气，不少社区还组织了读书分享会、亲子阅读课和志愿者讲座。社区工作人员表示，书屋不只是借书的地方，也成了邻里交流的新空间，下一步将根据居民的需求调整图书的种类和开放的方式。",
    "业内人士认为，把公共文化服务送到居民身边，是提升城市文化品质的重要举措。随着设备和管理经验的不断完善，这类小而美的阅读空间有望在更多城市推广开来，让阅读真正融入日常生活。",
]
_HANG = "，。、；：？！）》”"


# ---------------------------------------------------------------- builders
def wrap(paras: list[str], width: int) -> list[str]:
    """Column lines of ``width`` characters; a first line is indented two
    characters; a mark that may not start a line hangs at the end of the line."""
    out = []
    for p in paras:
        first = True
        while p:
            w = width - 2 if first else width
            if len(p) > w and p[w] in _HANG:
                w += 1
            out.append(("  " if first else "") + p[:w])
            p, first = p[w:], False
    return out


def columns(lines: list[str], n: int) -> list[list[str]]:
    h = -(-len(lines) // n)
    return [lines[i * h:(i + 1) * h] for i in range(n)]


def merged(cols: list[list[str]]) -> str:
    rows = max(len(c) for c in cols)
    return "\n".join(" ".join(c[r].strip() for c in cols if r < len(c)) for r in range(rows))


def merged_rows(cols: list[list[str]]) -> str:
    """``merged`` as pdftotext prints it: a paragraph's indented first line
    stands a gap further right, which it does not bridge, so it starts a text
    line of its own (the columns' first lines come one per line)."""
    out = []
    for r in range(max(len(c) for c in cols)):
        line: list[str] = []
        for c in cols:
            if r < len(c):
                if c[r].startswith("  ") and line:
                    out.append(" ".join(line))
                    line = []
                line.append(c[r].strip())
        out.append(" ".join(line))
    return "\n".join(out)


def interleaved(cols: list[list[str]]) -> str:
    rows = max(len(c) for c in cols)
    return "\n".join(c[r].strip() for r in range(rows) for c in cols if r < len(c))


def side_by_side(cols: list[list[str]], width: int, gutter: int = 3) -> str:
    rows = max(len(c) for c in cols)
    out = []
    for r in range(rows):
        line = ""
        for k, c in enumerate(cols):
            if r < len(c) and c[r]:
                x = k * (width * 2 + gutter)
                line = line.ljust(x) if len(line) < x or not k else line + " "
                line += c[r]
        out.append(line.rstrip())
    return "\n".join(out)


def stage_lines(text: str, rules=RULES) -> tuple[list[str], list[str], State]:
    """(line texts before, after) the order stage under ``rules``, and the state."""
    state = State(lines_from_text(text), rules, Options(), Document("", ""))
    normalize.run(state)
    before = [l.text for l in state.lines]
    order.run(state)
    return before, [l.text for l in state.lines], state


def flat(lines: list[str]) -> list[str]:
    return [l.strip().replace(" ", "") for l in lines]


def cleaned(text: str) -> str:
    return reflow.write(reflow.clean(text), "text").strip()


# ---------------------------------------------------------------- restored
@pytest.mark.parametrize("width,n", [(12, 3), (10, 2), (12, 2), (14, 2)])
def test_merged_lines_are_cut_and_read_column_by_column(width, n):
    lines = wrap(PARAS, width)
    _, after, state = stage_lines(merged(columns(lines, n)))
    assert flat(after) == flat(lines)
    codes = {e.code for e in state.tracer.events}
    assert "O601" in codes and all(e.kind == "move" for e in state.tracer.events)


@pytest.mark.parametrize("width,n", [(12, 3), (10, 4), (14, 2), (9, 5), (12, 2)])
def test_side_by_side_columns_are_read_column_by_column(width, n):
    lines = wrap(PARAS, width)
    _, after, state = stage_lines(side_by_side(columns(lines, n), width))
    assert flat(after) == flat(lines)
    assert "O602" in {e.code for e in state.tracer.events}


def test_side_by_side_indents_become_paragraph_breaks():
    assert cleaned(side_by_side(columns(wrap(PARAS, 12), 3), 12)) == "\n\n".join(PARAS)


def _modules_page(heads, captions, credits, texts) -> str:
    """A -layout page of two photo stories side by side: each column a module
    with its headline, caption, credit and text, as pdftotext -layout sets it."""
    def row(*cells):
        out = ""
        for x, t in cells:
            out = out.ljust(x) + t
        return out.rstrip()
    rows = ["A08   图片新闻                               滨海都市报          2025年8月18日 星期一", "", "",
            row((6, heads[0]), (58, heads[1])), "", "",
            row((0, captions[0]), (52, captions[1])), row((30, credits[0]), (82, credits[1])), "", ""]
    rows += [row((0, a), (52, b)) for a, b in zip(*texts)]
    return "\n".join(rows + ["", "", "本版编辑：鲍雪    校对：韩露"]) + "\n"


def test_modules_side_by_side_are_read_one_after_the_other():
    page = _modules_page(
        ("晒盐人的夏天", "风筝节上“巨龙”腾空"),
        ("8月16日，盐工在南场盐田里收盐。", "8月17日，选手在海滨放飞长龙风筝。"),
        ("新华社发（蒋海涛/摄）", "本报记者 石磊 摄"),
        (["      南场盐田迎来今年第二个收盐高峰，", "盐工们推着木耙走进结晶池，将海盐",
          "归拢成垄，再用小车运到岸边堆垛。这", "里是当地保留传统日晒制盐工艺的少",
          "数盐场之一，近年来发展研学游，吸", "引了不少游客前来体验晒盐的乐趣。"],
         ["      第十二届国际风筝节在金沙滩开幕，", "来自12个国家和地区的队伍参赛。除",
          "了传统的软翅、硬翅风筝，不少选手", "还带来了夜光风筝和可遥控的特技风",
          "筝，引得观众阵阵喝彩。风筝节将持", "续到本月底，每晚都有灯光表演。"]))
    arts = reflow.clean(page).articles
    assert [a.headline for a in arts] == ["晒盐人的夏天", "风筝节上“巨龙”腾空"]
    assert [[c for f in a.figures for c in f.captions] for a in arts] == [
        ["8月16日，盐工在南场盐田里收盐。"], ["8月17日，选手在海滨放飞长龙风筝。"]]
    assert [[p.text[:8] for p in a.paragraphs] for a in arts] == [["南场盐田迎来今年"], ["第十二届国际风筝"]]


def test_a_photo_story_beside_a_brief_keeps_its_own_headline():
    """A photo under one headline, a brief under the other, no row with text
    on both sides: each headline goes with the text that speaks of it."""
    page = "\n".join([
        "2025年2月20日 星期四                  云渚日报                       B2 图片新闻", "", "",
        "             渔港清晨的喊价声                                 渔港导览开放报名",
        "                                                【本报讯】云渚渔会即日起开放3月份",
        "                                              “渔港晨间导览”报名，每周六清晨5",
        "                                              时出发，由资深渔民带领民众参观鱼",
        "                                              市拍卖，每梯次限额20人。", "", "", "",
        "上图：清晨4时，云渚渔港鱼市场灯火通明，拍卖员以手势和买家喊价。",
        "                                   记者冯思妤／摄", "",
        "     天还没亮，云渚渔港的鱼市场已经人 约30吨，旺季时可达50吨以上。从事",
        "声鼎沸。渔船陆续靠岸，渔工把一箱箱 拍卖工作25年的老师傅说，手势喊价",
        "带鱼搬上码头，拍卖员站在木箱上高声 这门功夫还是少不了，“眼睛要快、记",
        "喊价，一笔交易几秒钟内完成。渔会统 性要好，一个早上要记住上百个价钱”。",
        "计，鱼市场每天清晨的总拍卖量平均大", "", "",
        "责任编辑：麦婉婷   摄影编辑：简承恩"]) + "\n"
    arts = reflow.clean(page).articles
    assert [a.headline for a in arts] == ["渔港清晨的喊价声", "渔港导览开放报名"]
    assert [c for f in arts[0].figures for c in f.captions] == ["上图：清晨4时，云渚渔港鱼市场灯火通明，拍卖员以手势和买家喊价。"]
    assert arts[1].paragraphs[0].text.startswith("【本报讯】云渚渔会") and len(arts[1].paragraphs) == 1


def test_a_column_first_line_left_alone_heads_the_stream_under_it():
    """-layout: a one-line stream (a paragraph's indented first line, with a
    mark) right above the stream that begins in the next row at its column's
    start heads that stream; a line without a mark (a headline) does not, nor
    one over two such streams."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.stage import _lone_tops

    def frag(text, row, x):
        return _frag(text, Line(text, 1, row + 1), row, x, 0)
    frags = [frag("【本报讯】随着GLM-4.5、Qwen3等开源大", 0, 3), frag("型语言模型陆续释出轻量化版本，在地", 1, 0),
             frag("业者积极抢进边缘运算市场。业者指出，", 2, 0)]
    sids = [0, 1, 1]
    _lone_tops(frags, sids, {"x_tolerance": 6})
    assert sids == [1, 1, 1]
    frags[0] = frag("在地芯片设计业者抢进边缘运算", 0, 3)
    sids = [0, 1, 1]
    _lone_tops(frags, sids, {"x_tolerance": 6})
    assert sids == [0, 1, 1]
    frags = [frag("【本报讯】随着开源大模型陆续释出，在地", 0, 3), frag("业者积极抢进边缘运算市场。业者指出，", 1, 0),
             frag("型语言模型陆续释出轻量化版本，在地", 1, 5), frag("今年推出的新一代芯片，可在手机上直接", 2, 0),
             frag("数十亿参数的模型，功耗比前一代降低约", 2, 5)]
    sids = [0, 1, 2, 1, 2]
    _lone_tops(frags, sids, {"x_tolerance": 6})
    assert sids == [0, 1, 2, 1, 2]


def test_a_column_that_skips_a_row_goes_on_below_it():
    """-layout: a stream whose last full line stops mid-sentence goes on in the
    one stream that begins a row or two below it at its column's start, with
    no blank line between (a byline beside it took the row); not across a
    blank line, which -layout prints only between bands."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.order.stage import _across_gap_rows

    def page(blank):
        texts = [("教育部日前公布最新學生人數推估，", 0, 20), ("未來十年全國國小新生將再減少約兩", 1, 20),
                 ("成，偏鄉小校整併的議題勢必會再度", 2, 20), ("本報社論", 3, 0),
                 ("浮上檯面。對於財政吃緊的地方政府", 4, 20), ("而言，整併可以節省人事與維護經費", 5, 20),
                 ("，似乎是理所當然的選擇；但對許多", 6, 20)]
        frags = []
        for text, row, x in texts:
            f = _frag(text, Line(text, 1, row + 1), row, x, 0)
            f.blank = blank if row >= 4 else 0
            frags.append(f)
        return frags
    for blank, want in ((0, [0, 0, 0, 1, 0, 0, 0]), (1, [0, 0, 0, 1, 2, 2, 2])):
        frags = page(blank)
        sids = [0, 0, 0, 1, 2, 2, 2]
        _across_gap_rows(frags, sids, Evidence(frags, {}), {"x_tolerance": 6})
        assert sids == want
    # the next row: the stream that begins right under it goes on it too
    frags = page(0)
    sids = [0, 0, 3, 1, 2, 2, 2]
    _across_gap_rows(frags, sids, Evidence(frags, {}), {"x_tolerance": 6})
    assert sids[:3] == [0, 0, 0]


def test_a_headline_row_over_a_column_is_not_its_line():
    """A line without a mark (a headline's row) never has the column under it
    hung on it, however wide."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.order.stage import _across_gap_rows
    texts = [("接入监测点二千八百余个预警提前量增至", 0, 20), ("本報訊（記者方靜怡）江川市防汛數字孿生", 1, 20),
             ("平台正式投入使用，平台將全市河道水庫", 2, 20), ("和一千四百餘處易澇點納入一張數字地圖", 3, 20)]
    frags = [_frag(t, Line(t, 1, r + 1), r, x, 0) for t, r, x in texts]
    sids = [0, 1, 1, 1]
    _across_gap_rows(frags, sids, Evidence(frags, {}), {"x_tolerance": 6})
    assert sids == [0, 1, 1, 1]


def test_one_headline_whose_phrases_stand_far_apart_stays_one():
    """A headline's phrases set wide over one article's columns have no gutter
    of modules under them: the row stays one headline."""
    page = "\n".join([
        "江北法治周报                      2025年12月11日 星期四                  第4版 法治", "", "",
        "       冒充“客服”退款                    一个月骗走老人积蓄",
        "  本报讯（记者 骆佳）“您购买的保健 接到报案后，江北市公安局反诈中 会通过电话要求消费者下载陌生",
        "品存在质量问题，我们将为您办理三倍 心立即成立专案组，通过资金流向分 App、开启屏幕共享或向“安全账",
        "退款。”今年9月，江北市68岁的刘女 析，很快锁定了一个为境外诈骗团伙 户”转账。遇到类似情况，一定要",
        "士接到一个自称“电商平台客服”的电 提供“洗钱”服务的犯罪团伙。     先挂断电话，通过官方渠道核实。",
        "话。"]) + "\n"
    arts = reflow.clean(page).articles
    assert arts[0].headline == "冒充“客服”退款\u3000一个月骗走老人积蓄"


def test_interleaved_lines_are_sorted_into_columns():
    lines = wrap(PARAS[:4], 14)
    _, after, _ = stage_lines(interleaved(columns(lines, 2)))
    assert flat(after) == flat(lines)


def test_the_quick_look_weighs_every_interleaving_period():
    """Six columns interleaved put a column's next line six lines on: an
    accidental bigram across two neighbouring lines does not make the page one
    read in order when the seams six lines apart are more."""
    text = interleaved(columns(wrap(PARAS, 14), 6))
    frags, _ = fragments(lines_from_text(text), False, RULES)
    assert not _reads_on(frags, RULES.rules["O603"].params)
    in_order = "\n".join(wrap(PARAS, 14))
    frags, _ = fragments(lines_from_text(in_order), False, RULES)
    assert _reads_on(frags, RULES.rules["O603"].params)


def test_pieces_keep_their_span_with_the_merged_line_cut_switched_off():
    """A -layout piece led by an ideographic-space indent starts at the same
    cell whether O601 (which never fired here) may cut it or not: the trace
    replays (found by the thorough property profile)."""
    left = ["\u3000\u3000本报讯（记者", "张伟）市民可以通", "过手机查看实时信"]
    right = ["息，这一做法值得", "推广。", ""]
    block = [l + " " * 11 + r for l, r in zip(left, right)] + ["星海智慧书屋投入使用"]
    raw = "星海日报\n2025年1月1日 星期三\n第1版\u3000要闻\n" + "\n".join(block * 3) + "\n" + "\n".join([
        "\u3000\u3000本报讯（记者           这一做法值得推广。",
        "张伟）市民可以通           \u3000\u3000市民可以通过",
        "过手机查看实时信           手机查看实时信息，",
        "息，这一做法值得           这一做法值得推广。",
        "推广。                \u3000\u3000市民可以通过",
        "\u3000\u3000市民可以通过           手机查看实时信息，",
        "手机查看实时信息，          这一做法值得推广。",
        "责任编辑：张伟"]) + "\n"
    assert_trace_replays(raw)


def test_the_head_block_goes_before_a_word_hung_on_the_line_after_it():
    """pdftotext leaves the words of a Latin phrase each on a line of its own;
    the search may hang one (（beyond) on top of the line that followed the
    headline stack in the source. The stack is read before that short piece
    from below it, not between it and its line."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    texts = ["低空经济观察", "无人机送货飞进山区", "7月12日上午10时，一架载着药品和",
             "的日常一幕。今年以来，岱川把发展低空 飞行服务平台，接入无人机的实时位置、", "（beyond"]
    lines = [Line(t, 1, k + 1, blank_before=1 if k == 2 else 0) for k, t in enumerate(texts)]
    cut = texts[3].index(" ")
    frags = [_frag(texts[0], lines[0], 0, None, 0), _frag(texts[1], lines[1], 1, None, 0),
             _frag(texts[2], lines[2], 2, None, 0),
             _frag(texts[3][:cut], lines[3], 3, None, 0, 0, cut),
             _frag(texts[3][cut + 1:], lines[3], 3, None, 1, cut + 1, len(texts[3])),
             _frag(texts[4], lines[4], 4, None, 0)]
    frags[4].merged = True
    seq = [5, 2, 3, 4, 0, 1]         # the search hung （beyond on the line after the stack
    assert _head_blocks_in_place(frags, seq, RULES.rules["O604"].params) == [0, 1, 5, 2, 3, 4]


def test_a_column_pushed_down_is_still_read_first():
    lines = wrap(PARAS[:3], 12)
    cols = columns(lines, 2)
    shifted = [[""] + cols[0], cols[1] + [""]]
    _, after, state = stage_lines(side_by_side(shifted, 12))
    assert flat(after) == flat(lines)


@pytest.mark.parametrize("page", ["g21", "g35"])
def test_a_headline_stack_over_side_by_side_columns_is_read_first(page):
    """Lines alone on their rows above the columns of a -layout page (kicker,
    headline, sub, byline), wherever they are set, are read first, in order:
    the column streams do not take them in."""
    text = (GOLD / page / "pdftotext-layout.txt").read_text(encoding="utf-8")
    before, after, _ = stage_lines(text)
    top = [t for t in flat(before[1:]) if t][:3]          # under the running head
    assert flat(after[1:4]) == top


def test_a_headline_set_in_phrases_across_side_by_side_columns_stays_one_line():
    """A -layout headline whose two phrases stand far apart over the columns
    (no mark of a sentence, neither piece as wide as a column) is one line,
    read before the columns, not two column lines."""
    text = (GOLD / "g08" / "pdftotext-layout.txt").read_text(encoding="utf-8")
    _, after, _ = stage_lines(text)
    i = next(k for k, t in enumerate(flat(after)) if t.startswith("枫林湖马拉松鸣枪开跑"))
    assert flat(after)[i] == "枫林湖马拉松鸣枪开跑3.2万名跑者参赛"
    assert flat(after)[i + 1].startswith("中新社枫林")


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("lead", [14, 20, 24])
def test_a_headline_row_centred_over_the_columns_keeps_its_lead(script, lead):
    """A -layout headline row (phrases far apart, no mark) centred over the
    columns keeps its own lead, however near a column's left edge it starts:
    it is no column line whose indent marks a paragraph. Centred, it is a
    headline row, and its phrase gap becomes one ideographic space."""
    body = side_by_side(columns(wrap(PARAS[:3], 12), 2), 12).split("\n")
    head = [" " * (lead + 8) + "智慧服务进社区", " " * (lead - 5) + "江南市建成智慧书屋六十个",
            " " * lead + "藏书约三千册" + " " * 18 + "全天开放"]
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        head, body = [conv.convert(t) for t in head], [conv.convert(t) for t in body]
    _, after, state = stage_lines("\n".join(head + body))
    row = next(l for l in state.lines if l.text.startswith(head[2].strip()[:6]))
    assert row.indent == lead / 2
    art = reflow.clean("\n".join(head + body)).articles[0]
    assert art.subheadline == head[2].split()[0] + "\u3000" + head[2].split()[1]


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,n,paras", [(10, 2, 2), (12, 3, 3), (14, 2, 3), (12, 2, 4)])
def test_a_centred_headline_stack_over_side_by_side_columns_is_read_first(script, width, n, paras):
    """Two lines of a headline stack centred one over the other start within a
    cell or two and are about as wide, as a column's first line set higher
    than its neighbours and the line under it are; but neither holds a mark
    of a sentence: they are headlines, read before the columns, not lines of
    the first column."""
    lines = wrap(PARAS[:paras], width)
    head = ["书屋开到家门口", "江南市建成智慧书屋六十个", "藏书约三千册　全天开放"]
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        lines, head = [conv.convert(t) for t in lines], [conv.convert(t) for t in head]
    body = side_by_side(columns(lines, n), width).split("\n")
    total = max(len(t) for t in body)
    centred = [" " * int((total - 2 * em_width(h)) // 2) + h for h in head]
    _, after, _ = stage_lines("\n".join(centred + body))
    assert flat(after) == flat(head + lines)


def _two_modules(head_row: str) -> str:
    """A -layout page: an article in three columns, blank lines, then a row
    above a second article set in four narrow columns."""
    top = side_by_side(columns(wrap(PARAS[:2], 12), 3), 12)
    bottom = side_by_side(columns(wrap(PARAS[2:4], 8), 4), 8)
    return top + "\n\n\n" + head_row + "\n" + bottom


def test_a_headline_row_over_the_next_articles_columns_stays_one_line():
    """After a blank line and over rows of another number of columns, a row of
    two phrases a few spaces apart, wider than those columns, is one headline
    line, read before (a first line of) the columns under it."""
    text = _two_modules("寒潮来袭          全市启动防寒应急三级预案")
    _, after, _ = stage_lines(text)
    i = flat(after).index("寒潮来袭全市启动防寒应急三级预案")
    firsts = {c[0] for c in columns(flat(wrap(PARAS[2:4], 8)), 4)}
    assert flat(after)[i + 1] in firsts


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_centred_headline_row_over_as_many_columns_stays_one_line(script):
    """After a blank line, a row of two phrases over rows of as many column
    lines is a headline when its pieces start away from the columns' starts
    (centred over them); pieces that start where the columns below start are
    those columns' first lines."""
    top = side_by_side(columns(wrap(PARAS[:2], 12), 2), 12)
    bottom = side_by_side(columns(wrap(PARAS[2:4], 12), 2), 12)
    head = " " * 14 + "智慧书屋开放" + " " * 6 + "市民就近借阅"
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        top, bottom, head = (conv.convert(t) for t in (top, bottom, head))
    _, after, _ = stage_lines(top + "\n\n\n" + head + "\n" + bottom)
    i = next(k for k, t in enumerate(flat(after)) if t.startswith(flat([head])[0][:6]))
    assert flat(after)[i] == flat([head])[0]
    firsts = [c[0] for c in columns(flat(wrap(PARAS[2:4], 12)), 2)]
    if script == "hant":
        firsts = [conv.convert(t) for t in firsts]
    assert flat(after)[i + 1] == firsts[0]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_centred_headline_with_a_comma_over_the_next_articles_columns_is_read_first(script):
    """A commentary's headline may hold a clause mark (跨境电商出海，合规是第一课);
    alone on its row after a blank line, centred (starting where no column
    below starts), with no sentence end, it is a headline over the next
    article's columns (its byline line and a blank line between), read
    before them, not a line of one of them."""
    head = "跨境电商出海，合规是第一课"
    text = _two_modules(" " * 31 + head + "\n□ 程望舒\n")
    firsts = {c[0] for c in columns(flat(wrap(PARAS[2:4], 8)), 4)}
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        text, head, firsts = conv.convert(text), conv.convert(head), {conv.convert(t) for t in firsts}
    _, after, _ = stage_lines(text)
    i = flat(after).index(head)
    assert flat(after)[i + 1] == "□程望舒"
    assert flat(after)[i + 2] in firsts


def _layout_page(page: str, script: str) -> str:
    text = (GOLD / page / "pdftotext-layout.txt").read_text(encoding="utf-8")
    if script == "hant":
        import opencc
        text = opencc.OpenCC("s2t").convert(text)
    return text


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("page,byline", [("g12", "本报讯（记者毛雨晴）"), ("g01", "本报讯（记者林晓）")])
def test_a_layout_bylines_bracket_is_no_gutter(script, page, byline):
    """-layout may stretch a byline's bracket with spaces (本报讯（记者    林晓）)
    or put a line wider than the column measures beside a gutter; the space
    inside the bracket is the byline's, never a cut between column lines."""
    _, after, _ = stage_lines(_layout_page(page, script))
    if script == "hant":
        import opencc
        byline = opencc.OpenCC("s2t").convert(byline)
    assert any(t.startswith(byline) for t in flat(after))


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_headline_beside_a_column_of_another_module_is_no_head_row(script):
    """A row that holds a headline's phrase and, a gutter away, a line of
    text (a bracket, a sentence's end) is no headline row to keep whole: the
    kicker above it goes on in the headline piece, and the other module's
    headline, set between them on its own row, goes with its own text."""
    _, after, _ = stage_lines(_layout_page("g31", script))
    lines = flat(after)
    conv = (lambda t: t)
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t").convert
    i = lines.index(conv("乘机更便捷"))
    assert lines[i + 1] == conv("岭南机场试行“刷脸”登机")
    j = lines.index(conv("共享单车电子围栏扩容"))
    assert lines[j + 1].startswith(conv("本报讯（记者龙泉）"))


def test_two_headlines_side_by_side_stay_apart():
    """The headlines of two articles side by side stand a column apart,
    farther than either is wide: not one headline."""
    gap = " " * 40
    text = _two_modules("寒潮来袭" + gap + "全市启动防寒预案")
    _, after, _ = stage_lines(text)
    assert "寒潮来袭全市启动防寒预案" not in flat(after)



def _cell_row(*cells: tuple[int, str]) -> str:
    """A -layout row: each text at its start cell."""
    out = ""
    for x, t in cells:
        if t:
            out = out.ljust(x) + t
    return out


def _wrapped_beside_page() -> str:
    """A -layout page: a report's headline wraps to a second row, and on that
    row, far left, stands a photo story's short letter-spaced title."""
    left = [""] * 4 + ["6月2日晚，市民在", "江城区一家城市书", "房里安静阅读。近", "年来，江城持续推",
                       "进全民阅读，街角", "的书房成了许多人", "下班后的好去处。"]
    c1 = ["本报讯（记者 林川）", "记者6月2日从市文化", "部门获悉，全市38家", "城市书房自本月起将",
          "夜间开放时间延长至", "二十二时，周末和节", "假日照常开放。", "    据介绍，延时开放",
          "期间，各书房将增派", "志愿者值守，并推出", "夜读分享会等活动。"]
    c2 = ["    市民可通过“江城", "文化”小程序查询各", "书房的开放时间和座", "位情况。文化部门负",
          "责人表示，将根据市", "民反馈继续优化服务", "时段和活动安排，让", "更多市民走进书房。"] + [""] * 3
    rows = [_cell_row((0, "第5版   城市·图片"), (40, "江城晚报"), (70, "2025年6月3日 星期二")), "",
            _cell_row((24, "城市书房夜间开放时间延长至")),
            _cell_row((3, "街 角 书 香"), (24, "二十二时")),
            _cell_row((24, "市民夜读有了新去处"))]
    rows += [_cell_row((3, a), (24, b), (46, c)) for a, b, c in zip(left, c1, c2)]
    rows += [_cell_row((3, "新华社发（林川/摄）")), "", _cell_row((0, "责任编辑：王明"), (40, "美编：李华"))]
    return "\n".join(rows) + "\n"


def test_a_headline_wrapped_beside_another_title_goes_on_in_its_own_cell():
    """A head row's piece that starts in the cell where the one-piece headline
    line right above starts is that headline's end: read right after it, and
    the other piece (another article's title) is a line of its own."""
    _, after, _ = stage_lines(_wrapped_beside_page())
    got = flat(after)
    assert got[got.index("城市书房夜间开放时间延长至") + 1] == "二十二时"
    assert "街角书香" in got
    heads = [a.headline for a in reflow.clean(_wrapped_beside_page()).articles]
    assert "城市书房夜间开放时间延长至二十二时" in heads


@pytest.mark.parametrize("lead", [6, 26, 57])
def test_a_column_does_not_go_on_under_the_next_articles_headline(lead):
    """Two articles one above the other in the same three columns, the lower
    one under its own headline after blank lines: each column of the upper
    article ends above that headline (which stands over it, though centred it
    may start right of the column's start), so the upper article is read
    whole before the headline and the lower article's columns."""
    top = wrap(PARAS[:2], 12)
    bottom = wrap(PARAS[2:4], 12)
    head = " " * lead + "社区书屋人气渐旺"
    text = side_by_side(columns(top, 3), 12) + "\n\n\n\n" + head + "\n" + \
        side_by_side(columns(bottom, 3), 12)
    _, after, _ = stage_lines(text)
    assert flat(after) == flat(top + ["社区书屋人气渐旺"] + bottom)


# A -layout page whose first column starts lower (a photo stands over it): on the
# rows beside the photo -layout sets the other columns at their place; on the
# full rows below it packs them after the Han text left of them, one cell a
# character, so each column starts far more to the left there.
_DRIFT = "\n".join([
    "                社区书屋由街道提供场          还能同步到全市公共图   也成了邻里交流的新空",
    "                地，图书馆统一配送图          书馆系统，市民随借随   间，下一步将根据居民",
    "                书并定期轮换，每个书          还十分方便。         的需求调整开放方式。",
    "                屋藏书约三千册，涵盖            据市文化部门介绍       业内人士认为，把公",
    "   连日来，江南市多 文学、历史、科普和少 ，今年以来全市已建 共文化服务送到居民身",
    "个社区的居民在家门口 儿读物，借阅记录今后 成书屋六十个，累计接 边，是提升城市文化品",
    "用上了新建的智慧书屋 可以通过手机查询，也 待读者二十多万人次。 质的重要举措，这类阅",
    "。书屋配备自助借还设 能在线续借和预约图书 书屋不只是借书的地方 读空间有望继续推广。",
])


def test_a_drifting_column_start_reads_the_same_in_one_of_its_readings():
    """The third column starts at cell 36 beside the photo and at 22 below it,
    where the fourth column starts at 33: as printed, the third column's upper
    lines look like the fourth's. Counting the Han characters before a piece
    twice, or scaling its row to the page's typical row, puts the third
    column's starts within the decoder's tolerance of each other again."""
    frags, _ = order.columns.fragments(lines_from_text(_DRIFT), True, RULES)
    tol = RULES.rules["O603"].params["x_tolerance"]

    def nearest(a, b):
        return min(abs(a.x - b.x), abs(a.xn - b.xn), abs(a.xr - b.xr))
    top = next(f for f in frags if f.row == 0 and f.piece == 1)        # third column, beside the photo
    low = next(f for f in frags if f.row == 5 and f.piece == 2)        # third column, below it
    assert abs(top.x - low.x) > tol
    assert nearest(top, low) <= tol

def _cells_row(*pieces):
    """A -layout text line: each (cell, text) set at its cell, or one space
    after the text left of it where that ran over the cell."""
    out = ""
    for x, t in pieces:
        out = out + " " * (x - len(out)) if len(out) < x else out + (" " if out else "")
        out += t
    return out


# a short column ends its paragraph on the third row; on the rows below it the
# second column follows the first after one space, two cells left of where it
# starts beside the short column. Scaled to the page's typical row (two
# pieces), the rows of three pieces shrink, and the short column's last line
# starts within the tolerance of the second column's start below it.
_SHORT_COLUMN = {
    "zh-Hans": [
        ("本报讯（记者 林川）连日来，江南市多个", "书屋的开放时间为每天上午九时至晚上", "市文化部门表示，明年还将新建一批社区"),
        ("社区的居民在家门口用上了新建的智慧书", "九时，周末和节假日照常开放。", "书屋，让更多居民就近享受阅读服务，并"),
        ("屋。书屋配备自助借还设备和电子阅读屏", "  在城东街道的一处书屋里，退休工人", "推广到乡镇。"),
        ("，全天开放，市民刷身份证即可借阅图书", "周大爷正在翻阅一本地方志。他说，以前"),
        ("，借阅记录还能同步到全市公共图书馆系", "去市图书馆要坐四十分钟公交车，现在下"),
        ("统。据介绍，每个书屋藏书约三千册，涵", "楼走几步就能借到想看的书，晚上吃完饭"),
        ("盖文学、历史、科普和少儿读物，图书由", "也可以过来坐一坐，感觉很方便，邻居们"),
    ],
    "zh-Hant": [
        ("【本報訊】連日來，江南市多個社區的居", "書屋的開放時間為每天上午九時至晚上", "市文化部門表示，明年還將新建一批社區"),
        ("民在家門口用上了新建的智慧書屋。書屋", "九時，週末和節假日照常開放。", "書屋，讓更多居民就近享受閱讀服務，並"),
        ("配備自助借還設備和電子閱讀屏，全天開", "  在城東街道的一處書屋裏，退休工人", "推廣到鄉鎮。"),
        ("放，市民刷身分證即可借閱圖書，借閱紀", "周大爺正在翻閱一本地方誌。他說，以前"),
        ("錄還能同步到全市公共圖書館系統。據介", "去市圖書館要坐四十分鐘公車，現在下樓"),
        ("紹，每間書屋藏書約三千冊，涵蓋文學、", "走幾步就能借到想看的書，晚上吃完飯也"),
        ("歷史、科普和少兒讀物，圖書由市圖書館", "可以過來坐一坐，感覺很方便，鄰居們也"),
    ],
}


@pytest.mark.parametrize("script", sorted(_SHORT_COLUMN))
def test_a_short_columns_row_is_not_scaled_onto_the_column_left_of_it(script):
    """xr lines up rows that end in one column only: the short column's last
    line stands far from the second column's line below it (the rows end in
    different columns), while the second column's lines line up as printed."""
    rows = _SHORT_COLUMN[script]
    text = "\n".join(_cells_row(*zip((30, 55, 74) if len(r) == 3 else (30, 53), r)) for r in rows)
    frags, _ = fragments(lines_from_text(text), True, RULES)
    p3 = RULES.rules["O603"].params
    dec = order.Decoder(frags, True, p3)
    tol = p3["x_tolerance"]
    last = next(i for i, f in enumerate(frags) if f.row == 2 and f.piece == 2)   # the short column's end
    second = next(i for i, f in enumerate(frags) if f.row == 2 and f.piece == 1)
    below = next(i for i, f in enumerate(frags) if f.row == 3 and f.piece == 1)
    assert abs(frags[last].xr - frags[below].xr) <= tol      # what the scaled reading alone says
    assert dec.gaps.gap(last, below) > tol
    assert dec.gaps.gap(second, below) <= tol
    assert dec._seam_info(last, below)[0] < dec._seam_info(second, below)[0]


_CREDITS = {
    "zh-Hans": [
        "滨海晚报    第5版    2025年8月18日 星期一",
        "",
        "8月17日，参赛选手在滨海国际风筝节上放飞一只长120米的龙头蜈蚣风筝。               8月17日中午，环卫工人在滨海大道清扫路面。",
        "                                       本报记者 石磊 摄                                           本报记者 石磊 摄",
        "",
        "",
        "      第十二届风筝节17日在金沙滩开幕，来自十二个国家和地区的三百余支            连日来，滨海市最高气温持续在         防暑药品和休息场所。",
        "队伍参赛。除了传统的软翅、硬翅风筝，不少选手还带来了夜光风筝和可遥控                35摄氏度以上。为保障环卫工人安全             “驿站里有空调，还能热饭，歇",
        "的特技风筝，引得观众阵阵喝彩。主办方介绍，风筝节将持续五天之久。                  度夏，市城管部门调整作业时间，避         一会儿再干活，心里踏实。”在滨海",
        "                                                   开午间高温时段，并在街头设立62         大道工作了十一年的环卫工人汪兰",
        "                                                   个“爱心驿站”，免费提供饮用水、         说。",
    ],
    "zh-Hant": [
        "濱海晚報    第5版    2025年8月18日 星期一",
        "",
        "8月17日，參賽選手在濱海國际風箏節上放飛一隻長120米的龍頭蜈蚣風箏。               8月17日中午，環衛工人在濱海大道清扫路面。",
        "                                       本報記者 石磊 攝                                           本報記者 石磊 攝",
        "",
        "",
        "      第十二屆風箏節17日在金沙灘開幕，來自十二個國家和地區的三百餘支            連日來，濱海市最高氣溫持續在         防暑藥品和休息場所。",
        "隊伍參賽。除了傳統的軟翅、硬翅風箏，不少選手還帶來了夜光風箏和可遙控                35攝氏度以上。為保障環衛工人安全             「驛站裡有空調，還能熱飯，歇",
        "的特技風箏，引得觀眾陣陣喝彩。主辦方介紹，風箏節將持續五天之久。                  度夏，市城管部門調整作業時間，避         一会兒再幹活，心裡踏實。」在濱海",
        "                                                   開午間高溫時段，并在街頭設立62         大道工作了十一年的環衛工人汪蘭",
        "                                                   個「愛心驛站」，免費提供飲用水、         說。",
    ],
}


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_a_layout_row_of_credits_takes_its_captions_start_cells(script):
    """-layout sets a photo's credit where print does, centred or flush right
    under its caption: on a row of credits only, each credit takes the start
    cells of the caption piece it stands under, not a cell of its own that
    looks like another column's start."""
    frags, _ = fragments(lines_from_text("\n".join(_CREDITS[script])), True, RULES)
    captions = [f for f in frags if f.text.startswith("8月17日")]
    credits = [f for f in frags if f.text.startswith(("本报记者", "本報記者"))]
    assert len(captions) == len(credits) == 2
    for cap, cred in zip(captions, credits):
        assert (cred.x, cred.xn, cred.xr) == (cap.x, cap.xn, cap.xr)


def test_provenance_points_to_the_source_lines():
    text = merged(columns(wrap(PARAS, 12), 3))
    _, _, state = stage_lines(text)
    src = text.split("\n")
    for line in state.lines:
        assert line.text.replace(" ", "") in src[line.lineno - 1].replace(" ", "")



@pytest.mark.parametrize("text,measure", [
    ("团队借助 large language model 技术完成", 14.0),
    ("城市公交引入了 smart fleet management 系统", 16.0),
])
def test_a_column_line_with_latin_words_is_not_cut_between_them(text, measure):
    """Proportional Latin sets narrower than the estimate of its width: a line
    that fits the column with its letters that narrow is one column line, and
    the spaces between its Latin words are word spaces, not a column gap."""
    assert split_merged(text, [measure], {}) == [(0, len(text))]


def test_a_merged_line_is_cut_beside_a_latin_phrase_not_inside_it():
    text = "今年以来城市各区陆续 deep learning models 受到"
    got = [text[a:b] for a, b in split_merged(text, [10.0], {})]
    assert "deep learning models" in got
    assert got[0] == "今年以来城市各区陆续"


@pytest.mark.parametrize("text,pieces", [
    ("智慧书屋。书屋配备自助借 里，退休工人“周大爷”正在翻 方便。",
     ["智慧书屋。书屋配备自助借", "里，退休工人“周大爷”正在翻", "方便。"]),
    ("智慧書屋。書屋配備自助借 裡，退休工人“周大爺”正在翻 方便。",
     ["智慧書屋。書屋配備自助借", "裡，退休工人“周大爺”正在翻", "方便。"]),
])
def test_a_column_line_fits_its_column_with_its_quotes_half_an_em_wide(text, pieces):
    """Curly quotes are an em wide in a CJK font, half an em in a Latin one:
    a piece of 14 em with two quotes fits a column of 12 (over_tolerance 1.5),
    so the merged line is cut; measured with quotes an em wide it is not."""
    assert [text[a:b] for a, b in split_merged(text, [12.0], {})] == pieces
    assert split_merged(text, [12.0], {"quote_doubt": 0.0}) == [(0, len(text))]


@pytest.mark.parametrize("text,pieces", [
    ("（vehicle-to- 好。”", ["（vehicle-to-", "好。”"]),
    ("采用了 end-to- 时刻表和", ["采用了 end-to-", "时刻表和"]),
    ("端到端的 Hug- 到站后", ["端到端的 Hug-", "到站后"]),
])
def test_a_word_broken_at_a_line_end_ends_its_column_line(text, pieces):
    """A Latin word broken by a line-end hyphen ends its column line, however
    short the merged line: what follows it after a space is the next
    column's line (a lexical hyphen is followed by letters, not a space)."""
    assert [text[a:b] for a, b in split_merged(text, [11.0], {})] == pieces


def test_a_lexical_hyphen_inside_a_line_cuts_nothing():
    text = "基于GLM-4.5 和 Qwen3"
    assert split_merged(text, [11.0], {}) == [(0, len(text))]


# ---------------------------------------------------------------- unchanged
def test_the_seed_passes_unchanged():
    text = (ROOT / "seeds" / "000_9694df9fe0a1c290.txt").read_text(encoding="utf-8")
    before, after, state = stage_lines(text)
    assert after == before and not state.tracer.events


def _one_column_per_line(text: str) -> bool:
    """OCR that kept columns side by side (runs of spaces) or read two columns
    into one line (a line wider than the page's widest measure that cuts into
    column lines) is damaged, not well ordered."""
    lines = lines_from_text(text)
    if any("   " in l.text for l in lines):
        return False
    frags, _ = order.fragments(lines, False, RULES)
    return all(f.piece == 0 for f in frags)


def _well_ordered_gold():
    for page in sorted(GOLD.glob("g*")):
        yield pytest.param(page / "pymupdf.txt", id="%s-pymupdf" % page.name)
        ocr = page / "tesseract.txt"
        if ocr.exists() and _one_column_per_line(ocr.read_text("utf-8")):
            yield pytest.param(ocr, id="%s-tesseract" % page.name)


def _blocks_out_of_order() -> tuple[str, str]:
    """A column printed box by box with its boxes out of order, as default
    pdftotext and pdfminer print one: (the text as printed, the text in
    order). The column is cut after lines that break inside a word whose
    halves make no word with their other neighbours."""
    from reflow.hanlex import grades
    words = grades()
    lines = [l.strip() for l in wrap(PARAS[:3], 19)]
    cuts = [k for k in range(2, len(lines) - 2)
            if words.get(lines[k][-1] + lines[k + 1][0], 0) >= 2 and
            lines[k][-2:] not in words and lines[k + 1][:2] not in words]
    assert len(cuts) >= 2, cuts      # the paragraphs hold such breaks
    a, b = cuts[0] + 1, cuts[-1] + 1
    blocks = [lines[:a], lines[a:b], lines[b:]]
    printed = [blocks[0], blocks[2], blocks[1]]
    return ("\n\n".join("\n".join(x) for x in printed),
            "\n\n".join("\n".join(x) for x in blocks))


def test_blocks_printed_out_of_order_are_read_in_order():
    printed, ordered = _blocks_out_of_order()
    assert cleaned(printed) == cleaned(ordered)
    doc = reflow.clean(printed)
    assert any(e.code == "O606" and e.kind == "move" for e in doc.trace)


def test_blocks_in_order_pass_unchanged_and_the_rule_does_the_moving():
    printed, ordered = _blocks_out_of_order()
    before, after, state = stage_lines(ordered)
    assert after == before and not state.tracer.events
    before, after, _ = stage_lines(printed, RULES.with_disabled(["O606"]))
    assert after == before           # without the rule nothing else reorders the blocks


@pytest.mark.parametrize("path", list(_well_ordered_gold()))
def test_well_ordered_gold_sources_pass_unchanged(path):
    before, after, _ = stage_lines(path.read_text(encoding="utf-8"))
    assert after == before


def test_ordered_columns_pass_unchanged():
    text = "\n".join(l.strip() for l in wrap(PARAS, 12))
    before, after, state = stage_lines(text)
    assert after == before and not state.tracer.events


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARAS), min_size=1, max_size=5, unique=True),
       st.integers(min_value=8, max_value=20), st.booleans())
def test_property_well_ordered_pages_pass_unchanged(paras, width, blank):
    # distinct paragraphs: copies of one paragraph read the same in several orders
    lines = [l.strip() for l in wrap(paras, width)]
    text = ("\n\n" if blank else "\n").join(lines)
    before, after, _ = stage_lines(text)
    assert after == before


# ---------------------------------------------------------------- scale
def test_work_grows_linearly_with_page_length():
    """Candidate moves scored per line stay bounded when the page doubles."""
    def ops(k):
        text = interleaved(columns(wrap(PARAS * k, 12), 3))
        state = State(lines_from_text(text), RULES, Options(), Document("", ""))
        frags, _ = order.fragments(state.lines, False, RULES)
        dec = order.Decoder(frags, False, RULES.rules["O603"].params)
        dec.run()
        return dec.ops / len(frags)
    small, large = ops(2), ops(8)
    assert large <= small * 1.5


def test_a_layout_page_whose_right_column_stands_alone_is_read_as_one():
    """pdftotext -layout prints a right column's line alone, led by the spaces
    of the column left of it, where the left column has none (a picture, a
    headline's rows, the end of its text): rows with two columns apart are
    then few, and the led lines show the columns. A page of one column whose
    centred crossheads are led by spaces, with no row of two columns, is none."""
    from reflow.order.columns import layout_page
    p = RULES.rules["O602"].params
    left = wrap(PARAS[:2], 14)
    right = wrap(PARAS[2:4], 14)
    rows = [" " * 32 + r for r in right[:len(right) - 3]]           # beside a picture
    rows += [l.ljust(32) + r for l, r in zip(left, right[len(right) - 3:])]
    rows += left[3:]
    assert sum(1 for r in rows if "   " in r.strip()) < 0.25 * len(rows)
    assert layout_page(lines_from_text("\n".join(rows)), p)
    single = []
    for k, para in enumerate(PARAS[:4]):
        single += [" " * 10 + "小标题之%d" % k, *wrap([para], 20)]
    assert not layout_page(lines_from_text("\n".join(single)), p)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_layout_columns_printed_on_rows_of_their_own_are_columns(script):
    """Two columns whose baselines differ by half a line: pdftotext -layout
    prints their first rows one column at a time, each line alone on its row,
    then both on one row. The lines alone above the first row of two are the
    columns' lines, not heads set apart: the page reads down each column."""
    left, right = wrap(PARAS[:2], 14), wrap(PARAS[2:4], 14)
    head = ["书屋开到家门口", ""]
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        left, right, head = ([conv.convert(t) for t in x] for x in (left, right, head))
    x = 14 * 2 + 3
    rows = head[:]
    for l, r in zip(left[:3], right[:3]):
        rows += [l, " " * x + r.strip()]
    rows += side_by_side([left[3:], right[3:]], 14).split("\n")
    _, after, _ = stage_lines("\n".join(rows))
    assert flat([t for t in after if t.strip()]) == flat(head[:1] + left + right)


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,n", [(12, 2), (12, 3)])
def test_a_report_under_its_headline_takes_no_line_of_the_columns_above(script, width, n):
    """Two articles one under the other, their columns' lines merged row by
    row (pdftotext), the second under its headline and opening with its
    dateline: the columns of the first end there, and none of their lines is
    read after the second's headline."""
    from tests.test_order_period import SECOND
    top, bottom = wrap(PARAS[:n], width), wrap(SECOND, width)
    mid = "湿地公园迎来越冬候鸟"
    lines = ["书屋开到家门口"] + merged_rows(columns(top, n)).split("\n") + [mid] + \
        merged_rows(columns(bottom, n)).split("\n")
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t").convert
        lines, top, mid = [conv(t) for t in lines], [conv(t) for t in top], conv(mid)
    _, after, _ = stage_lines("\n".join(lines))
    got = flat(after)
    assert not set(flat(top)) & set(got[got.index(mid.replace(" ", "")) + 1:])


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_an_opening_bracket_set_at_a_layout_pieces_end_opens_the_next(script):
    """A justified line that holds a bracket and one Latin word stretches them
    across its column, and a letter-spaced line of the column on its left
    runs up to one space before the bracket (书 （           vehicle-to-): an
    opening bracket may not end a line, so it opens the next piece's column
    line, not the end of the left one."""
    left = wrap(PARAS[:2], 14)
    right = ["  据介绍，书屋的设备由企业", "研发，借助车路协同", "（           vehicle-to-",
             "everything）系统和人脸识", "别技术，读者刷脸即可借书，", "每个书屋藏书约三千册。"]
    # the right column stands at cell 28; the left's third line, letter-spaced
    # to its measure, runs up to one space before the bracket
    rows = [l.ljust(28) + r for l, r in zip(left, right)] + left[len(right):]
    rows[2] = " ".join(left[2]) + " " + right[2]
    text = "书屋开到家门口\n\n" + "\n".join(rows)
    want = "借助车路协同（vehicle-to-everything）系统"
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t").convert
        text, want = conv(text), conv(want)
    paras = [p.text for a in reflow.clean(text).articles for p in a.paragraphs]
    assert any(want in p for p in paras), paras


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_layout_piece_that_opens_with_a_comma_goes_on_the_piece_before(script):
    """-layout sets a comma apart after a closing quote (宜水则水”  ，保留了):
    no column line starts with a mark that may not start a line, so the piece
    it opens goes on the piece before it, one column line, not a column of
    its own."""
    _, after, _ = stage_lines(_layout_page("g12", script))
    want = "据介绍，公园建设坚持“宜林则林、宜水则水”，保留了原有的芦"
    if script == "hant":
        import opencc
        want = opencc.OpenCC("s2t").convert(want)
    assert want in flat(after)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_justified_byline_line_spread_by_spaces_is_one_layout_line(script):
    """A narrow column's justified line spreads the space between a byline's
    words (通讯员   陆佳）12月8日上, its bracket opened on the line above), and
    a narrow gutter puts the next column one space after it: the first piece
    is no column line, and with the next one up to that space it fills the
    column's measure: one line, no gutter, and the byline reads whole."""
    _, after, _ = stage_lines(_layout_page("g51", script))
    want = "本报讯（记者周明远通讯员陆佳）12月8日上"
    if script == "hant":
        import opencc
        want = opencc.OpenCC("s2t").convert(want)
    text = "".join(flat(after))
    assert want in text


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_latin_name_spread_at_a_rows_end_is_one_layout_line(script):
    """A justified line stretches the word space inside a Latin name
    (的護士Michelle   Ho亦說，) to a run of spaces; the piece after it is the
    last on its row, yet the spaces part two Latin words, which a headline's
    phrases do not, and the two pieces make one column line. One piece, so
    the name is no column's end and the next one's start."""
    text = (GOLD / "g47" / "pdftotext-layout.txt").read_text(encoding="utf-8")
    want = "的護士MichelleHo亦說，"
    if script == "hans":
        import opencc
        conv = opencc.OpenCC("t2s").convert
        text, want = conv(text), conv(want)
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    normalize.run(state)
    frags, _ = fragments(state.lines, True, RULES)
    assert want in [f.flat for f in frags]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_justified_byline_bracket_is_no_layout_gutter(script):
    """A byline stretched to a -layout column's width (本报讯（记者    张伟）)
    holds a run of spaces inside its bracket: no gutter, since a column line's
    bracket closes in its own column. The line stays whole, and the name is
    read."""
    left, right = wrap(PARAS[:2], 14), wrap(PARAS[2:4], 14)
    left[0] = "  本报讯（记者    张伟）连日"
    if script == "hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        left, right = [conv.convert(t) for t in left], [conv.convert(t) for t in right]
    page = side_by_side([left, right], 14)
    doc = reflow.clean("书屋开到家门口\n\n" + page)
    names = [n for a in doc.articles for b in a.bylines for n in b.names]
    assert names[:1] == [left[0].split("    ")[1][:2]]
    first = doc.articles[0].paragraphs[0].text.replace(" ", "")
    assert first.startswith(left[0].replace(" ", "") + left[1])


def _streams_order(texts: list[str], sids: list[int]) -> list[list[int]]:
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.order.streams import order_streams
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    return order_streams(frags, sids, Evidence(frags, RULES.rules["O603"].params),
                         RULES.rules["O604"].params, True)


_LATER_COLUMN = ["来，江南市多个社区的居民在", "家门口用上了新建的智慧书屋", "。书屋配备自助借还设备和电",
                 "子阅读屏，全天向居民开放。", "据市文化部门介绍，智慧书屋", "由街道提供场地，图书馆统一",
                 "配送图书，每个书屋藏书约三"]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_stream_that_ends_with_a_headline_goes_on_in_no_column(script):
    """A column whose last full line stops mid-sentence goes on in the column
    whose first line continues it, printed before it; a stream that ends with
    a headline (short, no mark of a sentence: the next article's) stops no
    sentence, and the streams keep the order they were printed in."""
    import opencc
    conv = opencc.OpenCC("s2t").convert if script == "hant" else str
    column = [conv(t) for t in _LATER_COLUMN]
    sids = [0, 0, 0, 0, 1, 1, 1]
    assert _streams_order(column, sids) == [[4, 5, 6], [0, 1, 2, 3]]
    headline = column[4:6] + [conv("星海图书馆延长开放时间")]
    assert _streams_order(column[:4] + headline, sids) == [[0, 1, 2, 3], [4, 5, 6]]


_MODULE_TWO = ["为保障运营安全，线路沿途新", "建了路侧感知设备，开通首月", "市民可免费试乘，此后票价将",
               "与普通公交保持一致。预计本", "月底前完成全部设备的调试。",
               "底前全部设备调试完毕，此后", "各站点陆续向市民开放使用。"]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_column_goes_on_in_no_stream_of_a_later_module(script):
    """A module's columns go on in its own columns (O604 period_module_ahead):
    a column's foot that stops mid-sentence (开通首月) is not read on into a
    later module's stream because the page knows that seam's bigram (月底)
    by chance; the module's next column, whose seam the page does not know,
    follows it where it was printed (dev page p01: 开通首月 ⏎ 30%。来自肯尼亚)."""
    import opencc
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.order.streams import order_streams
    conv = opencc.OpenCC("s2t").convert if script == "hant" else str
    texts = [conv(t) for t in _MODULE_TWO]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    ev = Evidence(frags, RULES.rules["O603"].params)
    p4 = dict(RULES.rules["O604"].params)
    sids, modules = [0, 0, 1, 1, 1, 2, 2], [(0, 4), (5, 6)]
    assert order_streams(frags, sids, ev, p4, True, modules) == [[0, 1], [2, 3, 4], [5, 6]]
    p4["period_module_ahead"] = False
    assert order_streams(frags, sids, ev, p4, True, modules) == [[0, 1], [5, 6], [2, 3, 4]]


def test_a_headline_over_columns_between_runs_opens_a_module():
    """A headline set over several columns (wider than the measure, no mark of
    a sentence) between two runs opens a new module, though a column line of
    the measure stands beside it (another article's column top printed there);
    without ``period_module_heads`` that column line joins the runs."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.stage import _modules
    texts = _MODULE_TWO[:4] + ["第五届云澜国际茶业博览会隆重开幕", "园管理效率提高了约三成，茶农"] + _MODULE_TWO[4:]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    p3, runs = RULES.rules["O603"].params, [(0, 3, 2), (6, 8, 2)]
    heads = RULES.rules["O604"].params["period_module_heads"]
    assert _modules(frags, runs, p3, heads) == [(0, 3), (6, 8)]
    assert _modules(frags, runs, p3) == [(0, 8)]
    caption = texts[:4] + ["7月29日，乘客在星海高铁站登车", texts[5]] + texts[6:]
    assert _modules([_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(caption)],
                    runs, p3, heads) == [(0, 8)]


def test_glued_cut_cuts_in_the_gutter_only():
    """A -layout piece wider than any column line is cut where its glued
    column lines meet, only in the cells the gutter allows, never inside a
    number; with no allowed cell it stays whole."""
    from reflow.order.columns import _glued_cut
    text = "建的智慧书屋。书屋配备自助借还设“在城东街道的一处书屋里，退休工"
    p = {"over_tolerance": 1.5, "quote_doubt": 0.5}
    got = _glued_cut(text, 0, len(text), [16.0], p, False, lambda i: 14 <= i <= 18)
    assert [text[a:b] for a, b in got] == ["建的智慧书屋。书屋配备自助借还设", "“在城东街道的一处书屋里，退休工"]
    assert _glued_cut(text, 0, len(text), [16.0], p, False, lambda i: i > 20) == [(0, len(text))]
    digits = "一二三四五六七八九十甲乙丙丁12345六七八九十甲乙丙丁戊己庚辛"
    got = _glued_cut(digits, 0, len(digits), [16.0], p, False)
    assert all(not (digits[a - 1:a].isdigit() and digits[a:a + 1].isdigit()) for a, _ in got[1:])


def test_layout_wide_test_reads_curly_quotes_half_an_em():
    """-layout: a piece is too wide for its stream only at its width with its
    curly quotes half an em (a Latin font's), as O601 fits pieces; a justified
    line holding quotes carries more characters than its measure. A page
    read line by line keeps the widths as they look."""
    from reflow.order.columns import fragments
    from reflow.order.decoder import Decoder
    text = side_by_side(columns(wrap(PARAS[:3], 16), 2), 9)
    lines = lines_from_text(text)
    frags, _ = fragments(lines, True, RULES)
    frags[0].text, frags[0].width = "次“以人为本”的检验。少一些“一刀切”，多", 21.0
    p3 = RULES.rules["O603"].params
    assert Decoder(frags, True, p3).narrow[0] == 19.0
    assert Decoder(frags, False, p3).narrow[0] == 21.0
    assert Decoder(frags, True, p3).narrow[1] == frags[1].width


def test_glued_cut_ends_a_line_at_a_soft_hyphen():
    """A Latin word broken by a soft hyphen ends its column line: a glued
    piece is cut right after the hyphen, though a cut a character later fits
    the measure as well (its curly quote may be half an em)."""
    from reflow.order.columns import _glued_cut
    text = "蒙为主，初中阶段侧重编程思维（compu\u00ad“只讲概念”，每节课都安排动手环节。"
    p = {"over_tolerance": 1.5, "quote_doubt": 0.5}
    got = _glued_cut(text, 0, len(text), [19.0], p, False)
    assert [text[a:b] for a, b in got][0].endswith("compu\u00ad")


def test_soft_hyphen_left_inside_a_line_leaves_the_text():
    """N101 keeps a soft hyphen before a character other than a Latin letter
    for the order stage (a column line's end); one the stage leaves inside a
    line prints nothing and leaves the text, with an N101 event."""
    text = "初中阶段侧重编程思维（compu\u00ad“只讲概念”，每节课都安排动手环节。\n" + "\n".join(PARAS[:2])
    doc = reflow.clean(text)
    out = reflow.write(doc, "text")
    assert "\u00ad" not in out and "compu“只讲" in out


def test_a_block_stays_where_the_block_above_may_complete_a_word_into_it():
    """O606: the line that ends the third block (智|谱) and the line that opens
    the second (谱|极) make a word, but so do the lines across the seam as
    printed (单|极, a word of a low grade): doubt enough, the blocks stay as
    printed, even where the seam evidence says nothing for either seam."""
    from reflow.order.blocks import chained_order
    from reflow.order.decoder import Evidence
    blocks = [["今年春天，城东街道新建口袋公园陆", "续向市民开放，园内步道、座椅和照",
               "明设施一应俱全，局面已从过去的单"],
              ["极主导转向多元共治，附近小区的居", "民每天清晨都来这里散步和锻炼，街"],
              ["道负责人介绍，公园选址时充分听取", "了住户意见，数字导览合作方是智谱"],
              ["科技公司，设施由双方共同维护。"]]
    state = State(lines_from_text("\n\n".join("\n".join(b) for b in blocks)), RULES, Options(),
                  Document("", ""))
    normalize.run(state)
    frags, _ = fragments(state.lines, False, RULES)
    ev = Evidence(frags, RULES.rules["O603"].params, True, None)
    ev.seam_ij = lambda i, j: -1.0       # no evidence from the page's own bigrams
    assert chained_order(frags, lambda: ev, RULES.rules["O606"].params) is None


_UNINDENTED_BLOCK = [["连日来，江南市多个社区的居民", "在家门口用上了新建的智慧书屋，这",
                      "是市里今年确定的一件民生实事，全", "市已经建成书屋六十个。"],
                     ["民随时借阅图书，书屋的日常管理由", "街道负责，每天早上八点就会开门，",
                      "到了周末还会组织亲子阅读和讲座等", "活动。"],
                     ["书屋配备了自助借还设备和电子", "阅读屏，全天向市民开放，以方便居"],
                     ["走进书屋，记者看到不少居民正", "在安静地阅读，也有孩子在书架之间",
                      "来回走动，挑选自己喜欢的绘本和故", "事书。"]]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_block_that_opens_with_a_full_line_goes_on_from_the_block_it_continues(script):
    """On a page with first-line indents, a block whose first line is a full
    column line opens no paragraph: it goes on from the block whose last line
    it completes (居|民), though the block printed above it ends a sentence
    (O606); a block that opens with an indented first line stays."""
    import opencc
    conv = opencc.OpenCC("s2t").convert if script == "hant" else str
    blocks = [[conv(t) for t in b] for b in _UNINDENTED_BLOCK]
    printed = "\n\n".join("\n".join(b) for b in blocks)
    _, after, state = stage_lines(printed)
    assert after == blocks[0] + blocks[2] + blocks[1] + blocks[3]
    assert any(e.code == "O606" for e in state.tracer.events)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_first_column_printed_late_goes_under_a_subheadline_as_wide_as_the_measure(script):
    """pdfminer.six printed the first column after the two columns it
    interleaved (O604 late_column); a subheadline as wide as the measure (it
    opens with a dash, no mark of a sentence) is no column line: the column
    goes after it, before the full line that opens the run, not before it."""
    import opencc
    path = Path(__file__).parent / "fixtures" / "late_column_subheadline.txt"
    text = path.read_text(encoding="utf-8")
    if script == "hant":
        text = opencc.OpenCC("s2t").convert(text)
    lines = [l for l in text.splitlines() if l]
    _, after, state = stage_lines(text)
    sub, late = lines[1], lines[-8:-1]      # (the staff line last)
    assert sub.startswith("——")
    assert after[:2 + len(late)] == lines[:2] + late
    assert any(e.code == "O604" and "first column line" in (e.note or "") for e in state.tracer.events)


@pytest.mark.parametrize("page, seam", [("g42", "现在管理5个大棚"), ("g41", "拍賣量約30公噸")])
def test_a_solid_block_of_whole_lines_is_read_in_its_order(page, seam):
    """On a page of merged lines, pdftotext prints a block of whole lines set
    apart by blank lines down one column: the search keeps its lines together,
    each going on from the line above it (O603 solid_lines), so the seam inside
    the block (现⏎在管理, 拍賣量⏎約30) is read as printed."""
    text = (GOLD / page / "pdftotext.txt").read_text(encoding="utf-8")
    assert seam in cleaned(text)


@pytest.mark.parametrize("lines", [
    ("在城东街道的一处书屋里， 为了让书屋更有人气，不少",
     "退休工人周大爷正在翻阅一本地 社区还组织了读书分享会、亲子",
     "方志。他说，以前去市图书馆要 阅读课和志愿者讲座。社区工作",
     "", "坐四十分钟公交车，现在下楼走", "几步就能借到想看的书，晚上吃",
     "完饭也可以过来坐一坐，感觉很", "方便。", ""),
    ("在城東街道的一處書屋裡， 為了讓書屋更有人氣，不少",
     "退休工人周大爺正在翻閱一本地 社區還組織了讀書分享會、親子",
     "方志。他說，以前去市圖書館要 閱讀課和志工講座。社區工作",
     "", "坐四十分鐘公車，現在下樓走", "幾步就能借到想看的書，晚上吃",
     "完飯也可以過來坐一坐，感覺很", "方便。", ""),
])
def test_solid_blocks_are_whole_lines_between_blank_lines(lines):
    """A run of whole lines with a blank line above and below is a solid block;
    merged lines (cut into pieces) are none, and every line of the block after
    the first goes on from the line above it in the search."""
    state = State(lines_from_text("\n".join(lines)), RULES, Options(), Document("", ""))
    normalize.run(state)
    frags, _ = order.fragments(state.lines, False, RULES)
    spans = solid_blocks(frags, RULES.rules["O603"].params)
    assert [[frags[j].flat for j in range(a, b + 1)] for a, b in spans] == \
        [[l for l in lines[4:8]]]
    dec = order.Decoder(frags, False, RULES.rules["O603"].params)
    a, b = spans[0]
    assert [dec.bound[j] for j in range(a, b + 1)] == [False, True, True, True]


@pytest.mark.parametrize("lines", [
    ("在城东街道的一处书屋里， 为了让书屋更有人气，不少",
     "退休工人周大爷正在翻阅一本地 社区还组织了读书分享会、亲子",
     "方志。他说，以前去市图书馆要 阅读课和志愿者讲座。社区工作",
     "", "坐四十分钟公交车，现在下楼走", "几步就能借到想看的书，晚上吃",
     "完饭也可以过来坐一坐，感觉很", "", "人员表示，书屋不只是借书的地",
     "方，也成了邻里交流的新空间，", "下一步将根据居民的需求调整图", ""),
    ("在城東街道的一處書屋裡， 為了讓書屋更有人氣，不少",
     "退休工人周大爺正在翻閱一本地 社區還組織了讀書分享會、親子",
     "方志。他說，以前去市圖書館要 閱讀課和志工講座。社區工作",
     "", "坐四十分鐘公車，現在下樓走", "幾步就能借到想看的書，晚上吃",
     "完飯也可以過來坐一坐，感覺很", "", "人員表示，書屋不只是借書的地",
     "方，也成了鄰里交流的新空間，", "下一步將根據居民的需求調整圖", ""),
])
def test_a_solid_block_after_one_that_stops_mid_sentence_pays_to_go_on_from_it(lines):
    """Two solid blocks printed one after the other, the first ending with a
    full column line mid-sentence: pdftotext prints a column's lines with no
    blank line between them, so the second need not go on from the first (the
    feet of neighbouring columns, left to right): that seam pays w_solid_apart."""
    state = State(lines_from_text("\n".join(lines)), RULES, Options(), Document("", ""))
    normalize.run(state)
    frags, _ = order.fragments(state.lines, False, RULES)
    dec = order.Decoder(frags, False, RULES.rules["O603"].params)
    second = [j for j, f in enumerate(frags) if f.flat.startswith("人")][-1]
    assert dec.apart == {second: frozenset({second - 1})}
    assert dec._seam_info(second - 1, second)[0] == \
        dec.ev.seam_ij(second - 1, second) - RULES.rules["O603"].params["w_solid_apart"]


# a middle column's line whose closing quote pdftotext met in another font:
# the tail of the printed row, with the column right of it, on a text line of its own
_MARK_TAIL = """本报讯（记者 林川）连日来， 在城东街道的一处书屋里， 据市文化部门介绍，智慧书
江南市多个社区的居民在家 退休工人周大爷正在翻阅一 屋由街道提供场地，图书馆
门口用上了新建的智慧书屋。 本地方志。他说，以前去市 统一配送图书并定期轮换，
书屋配备自助借还设备和电 图书馆要坐公交车，如今家 每个书屋藏书约三千册，涵
子阅读屏，全天开放，市民 门口就有“书屋
”，现在下楼 盖文学、历史、科普和少儿
刷身份证即可借阅图书。 走几步就能借到想看的书。 读物。全市建成书屋六十个。"""


def test_a_line_opening_with_a_closing_mark_is_glued_back_on_its_row():
    from reflow.order.columns import glue_mark_lines
    lines = lines_from_text(_MARK_TAIL)
    glued, at = glue_mark_lines(lines, RULES.rules["O601"].params)
    assert len(glued) == len(lines) - 1 and list(at) == [4]
    frags, _ = fragments(glued, False, RULES, at)
    row = [f for f in frags if f.row == 4]
    # three column lines, the quoted one measured with its quotes as a Latin font sets them
    assert [f.text for f in row] == ["子阅读屏，全天开放，市民", "门口就有“书屋”，现在下楼", "盖文学、历史、科普和少儿"]
    assert row[1].width == 12.0


def test_a_line_opening_with_an_opening_mark_is_no_tail():
    from reflow.order.columns import glue_mark_lines
    lines = lines_from_text("他说：\n“书屋就在家门口。”\n（记者 林川）\n\n，不在此列")
    glued, at = glue_mark_lines(lines, RULES.rules["O601"].params)
    assert [l.text for l in glued] == [l.text for l in lines] and not at
