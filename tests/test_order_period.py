"""Columns interleaved line by line (pdfminer.six), read back by their period:
the next line of a column comes k lines later while k columns run side by side.

The period decoder is switched on here explicitly (O603 ``period``, on by
default since it keeps the gold pages' floors), so these tests hold whatever the
shipped default. Pages are built here from the clean paragraphs of test_order, wrapped into
columns and interleaved row by row, with a headline stack above them.
"""
from __future__ import annotations

import copy
import itertools
import re

import pytest

from reflow.engine import State
from tests.test_order import PARAS, RULES, columns, flat, interleaved, wrap
from tests.test_order import stage_lines as order_stage_lines

PERIOD = copy.deepcopy(RULES)
PERIOD.rules["O603"].params["period"] = True


def stage_lines(text: str) -> tuple[list[str], list[str], State]:
    """(line texts before, after) the order stage with ``period`` on, and the state."""
    return order_stage_lines(text, PERIOD)

HEAD = ["书屋开到家门口", "江南市建成智慧书屋六十个", "藏书约三千册　全天开放"]


def _seams_right(got: list[str], want: list[str]) -> float:
    """Share of neighbouring lines that are neighbours in the printed order."""
    nxt = dict(zip(want, want[1:]))
    return sum(1 for a, b in zip(got, got[1:]) if nxt.get(a) == b) / max(1, len(got) - 1)


@pytest.mark.parametrize("k,width,n", [(3, 12, 2), (3, 14, 2), (4, 10, 2), (5, 12, 2)])
def test_a_short_interleaved_page_under_a_headline_is_read_by_its_period(k, width, n):
    """A short page has few n-grams to tell its seams: pooled over the rows of
    a period they still do, and the headline stack stays above the columns."""
    lines = wrap(PARAS[:k], width)
    _, after, state = stage_lines("\n".join(HEAD + interleaved(columns(lines, n)).split("\n")))
    want = flat(HEAD + lines)
    assert flat(after[:3]) == want[:3]
    assert _seams_right(flat(after), want) >= 0.85
    note = next(e.note for e in state.tracer.events if e.code == "O603")
    assert "%d columns interleaved" % n in note


def test_a_column_opening_with_a_paragraph_is_in_the_period():
    """The first row of columns holds indented first lines, not full ones: it
    belongs to the run of interleaved lines all the same."""
    lines = wrap(PARAS[:4], 14)
    _, after, _ = stage_lines("\n".join(HEAD + interleaved(columns(lines, 2)).split("\n")))
    assert flat(after) == flat(HEAD + lines)



@pytest.mark.parametrize("lo,hi,width,n", [(0, 2, 14, 3), (0, 3, 14, 2), (0, 5, 14, 2),
                                          (1, 3, 14, 3), (3, 5, 16, 3), (0, 3, 12, 2)])
def test_an_indented_first_line_with_no_known_seam_opens_the_run(lo, hi, width, n):
    """The first column opens with a paragraph's first line; the page's own
    n-grams know its seam neither into the run nor to the line under it. It is
    a body line (a mark of a sentence) of a column's measure less its indent:
    the run's first line, not a line above the columns, so the page reads back
    exactly; the headline stack above (no marks of a sentence) stays on top,
    also a subheadline as wide as a column (12 em): its phrases are set apart
    by a space, as a column line's words never are."""
    lines = wrap(PARAS[lo:hi], width)
    _, after, _ = stage_lines("\n".join(HEAD + interleaved(columns(lines, n)).split("\n")))
    assert flat(after) == flat(HEAD + lines)


def test_a_headline_is_no_column_line_after_a_line_with_latin_words():
    """The width of a line with Latin words is a guess; a line clearly shorter
    than it even at its narrowest, holding no mark of a sentence (a headline),
    still goes on no column of it. A column line after it may."""
    from reflow.model import Line
    from reflow.order import period
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    texts = ["市里推出的智能交通系统（Intelligent Transport Systems and", "“夜经济”点亮百年老街",
             "Services）已覆盖全市主要路口，高峰时段的通行效率"]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    ev = Evidence(frags, {})
    assert period._no_column_line(ev, 0, 1, {})
    assert not period._no_column_line(ev, 0, 2, {})


@pytest.mark.parametrize("width,block_width,at", [(12, 16, 8), (12, 17, 6), (12, 16, 10)])
def test_a_block_set_in_order_between_interleaved_rows_is_read_whole(width, block_width, at):
    """A photo story's text set in order between the rows of two interleaved
    columns (four or more lines of a measure the columns do not have): it is
    read whole, line after line, and the columns around it run on across it."""
    lines = wrap(PARAS[:3], width)
    block = [b.strip() for b in wrap(PARAS[4:5], block_width)]
    rows = interleaved(columns(lines, 2)).split("\n")
    _, after, _ = stage_lines("\n".join(HEAD + rows[:at] + block + rows[at:]))
    got, want = flat(after), flat(block)
    k = got.index(want[0])
    assert got[k:k + len(want)] == want
    rest = got[:k] + got[k + len(want):]
    assert _seams_right(rest, flat(HEAD + lines)) >= 0.75

SECOND = [
    "新华社北京电　城郊的湿地公园近日完成生态修复，水面面积扩大到一百二十公顷，吸引了二十多种候鸟前来越冬栖息。",
    "公园管理处负责人说，修复工程拆除了沿岸的硬质护坡，改种芦苇和菖蒲，又在浅滩上堆出十几座小岛，供鸟类停歇觅食。",
    "观鸟爱好者老周每周都来拍照，他说今年见到的白鹭和苍鹭明显多了，还第一次在这里拍到了成群的小天鹅。",
]


def test_a_headline_between_two_interleaved_articles_ends_the_run():
    """Two articles one under the other, each with columns interleaved line
    by line, and the second one's headline across the columns between them:
    the columns of the first do not go on in the second, and the headline
    stays between the two."""
    top, bottom = wrap(PARAS[:2], 14), wrap(SECOND, 14)
    mid = "湿地公园迎来越冬候鸟"
    text = "\n".join(HEAD + interleaved(columns(top, 3)).split("\n") + [mid] +
                     interleaved(columns(bottom, 3)).split("\n"))
    _, after, state = stage_lines(text)
    got = flat(after)
    at = got.index(mid)
    assert set(got[:at]) == set(flat(HEAD + top))
    assert _seams_right(got[at + 1:], flat(bottom)) >= 0.85
    assert _seams_right(got, flat(HEAD + top + [mid] + bottom)) >= 0.85
    assert any(e.code == "O603" and e.note.count("columns interleaved") == 2 for e in state.tracer.events)




@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("k,stack", [(3, ["湿地公园迎来越冬候鸟", "本报记者", "王芳"]),
                                     (2, ["湿地公园迎来越冬候鸟", "本报记者　王芳"])])
def test_a_headline_stack_as_deep_as_the_period_ends_the_run(script, k, stack):
    """Two articles one under the other, each in k columns interleaved line
    by line, and between them the second one's head in as many lines as the
    period (headline, byline): no line of it holds a mark of a sentence or
    fills a measure. The first article's columns end above it; read on
    through it, k lines on, each column would take a line of the head and go
    on in another column of the second article."""
    top, bottom = wrap(PARAS[:2], 14), wrap(SECOND[1:] + PARAS[3:4], 14)   # no dateline opens it
    lines = HEAD + interleaved(columns(top, k)).split("\n") + stack + \
        interleaved(columns(bottom, k)).split("\n")
    want = HEAD + top + stack + bottom
    if script == "hant":
        lines, want = _hant(lines), _hant(want)
    _, after, state = stage_lines("\n".join(lines))
    got = flat(after)
    at = got.index(flat(want)[len(HEAD) + len(top)])
    assert set(got[:at]) == set(flat(want[:len(HEAD) + len(top)]))
    assert _seams_right(got, flat(want)) >= 0.85


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,paras,n_top", [(10, 2, 3), (14, 3, 4)])
def test_a_report_under_its_headline_may_change_the_period(script, width, paras, n_top):
    """Two articles one under the other, interleaved line by line, the first
    in more columns than the second, which opens with its dateline under its
    headline: a new module's columns start there, so its own period is taken
    at the cost of a run's break, not kept from the article above (a change
    of period elsewhere costs a switch)."""
    top, bottom = wrap(PARAS[:paras], width), wrap(SECOND, width)
    mid = "湿地公园迎来越冬候鸟"
    lines = HEAD + interleaved(columns(top, n_top)).split("\n") + [mid] + \
        interleaved(columns(bottom, 2)).split("\n")
    want = HEAD + top + [mid] + bottom
    if script == "hant":
        lines, want = _hant(lines), _hant(want)
    _, after, state = stage_lines("\n".join(lines))
    assert _seams_right(flat(after), flat(want)) >= 0.75
    note = next(e.note for e in state.tracer.events if e.code == "O603" and "interleaved" in e.note)
    assert "%d columns interleaved" % n_top in note and "2 columns interleaved" in note


def test_a_dateline_that_leaves_its_bracket_open_starts_the_run():
    """Three columns, the first opening with a dateline whose byline bracket
    closes on the next line of its column, the other two with the ends of
    paragraphs, and a first row of full lines one line lower than the run's
    start: the bracket's seam brings the dateline into the run, so it is
    followed by the line that closes the bracket, not by the next column's."""
    c1 = ["本报讯（记者赵磊 通讯员", "孙悦）记者7月28日从临江理工", "大学获悉，该校材料科",
          "程学院研发出一种新型复合固", "态电解质，可使钠离子电池在", "零下30摄氏度保持九成容量，",
          "相关成果发表在材料学报上。"]
    c2 = ["应用的瓶颈之一。", "研究团队负责人、临江理", "工大学教授贺文涛介绍，团队",
          "设计了一种由聚合物骨架和无", "机陶瓷颗粒组成的复合电解质", "并在电极与电解质之间构建了",
          "一层很薄的保护层。"]
    c3 = ["测上几十次”。", "测试结果显示，采用新型", "电解质的电池在常温下循环",
          "三千次后容量保持率超过八成", "在零下三十摄氏度仍能正常充", "放电，综合性能处于国际先进",
          "水平，成本也比现有方案低。"]
    rows = [x for r in zip(c1, c2, c3) for x in r]
    _, after, _ = stage_lines("\n".join(HEAD + rows))
    assert after[3:5] == ["本报讯（记者赵磊 通讯员", "孙悦）记者7月28日从临江理工"]


def test_a_cut_dateline_and_an_open_bracket_are_evidence_for_their_seam():
    """The line that ends a dateline's date goes on in the line that starts
    with its 电, and a line that leaves a round bracket open in the line that
    closes it: both seams score ``period_bracket`` above what the n-grams say,
    the seams into other lines do not."""
    from reflow.model import Line
    from reflow.order import Evidence
    from reflow.order.columns import _frag
    from reflow.order.period import _links
    texts = ["新华社日内瓦7月28日", "型、数据和算力像集装箱一", "电（记者周琳 宋嘉）为期",
             "本报讯（记者赵磊 通讯员", "样可以自由流转。”", "孙悦）记者7月28日从临江"]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    p = dict(PERIOD.rules["O603"].params)
    ev = Evidence(frags, p)
    links = _links(frags, ev, 3, p)
    bonus = p["period_bracket"]
    assert bonus > 0
    assert links[0][2] == ev.seam(0, frags[0], frags[2], 2) + bonus     # 28日 ⏎ 电
    assert links[3][2] == ev.seam(3, frags[3], frags[5], 5) + bonus     # 通讯员 ⏎ 孙悦）
    assert links[0][1] == ev.seam(0, frags[0], frags[1], 1)             # 28日 ⏎ 型、



HARVEST = [
    "本报讯　入秋以来，临溪县的稻田陆续进入收割期，田埂上随处可见收割机来回穿梭的身影。今年全县种植水稻十二万亩，预计总产量比去年增加一成以上，种粮大户普遍反映收成不错。",
    "在城关镇的一片示范田里，合作社负责人正忙着安排机手轮班作业。他告诉记者，合作社今年新添了两台烘干设备，稻谷收下来当天就能烘干入仓，再也不用担心连续阴雨造成霉变。",
    "县农业部门介绍，近年来当地持续推进高标准农田建设，修缮沟渠、平整土地，并引导农户选用抗倒伏的优质品种。与此同时，农技人员深入田间开展病虫害统防统治，为丰收打下了基础。",
    "为了让农民卖得出、卖得好，县里还联系了多家粮食企业上门收购，并开通了线上交易平台。不少农户表示，价格透明了，结算也快了，种粮的积极性明显提高。",
]


@pytest.mark.parametrize("paras,n,width", [("harvest", 2, 13), ("harvest", 4, 13),
                                             ("books", 3, 14), ("books", 4, 12)])
def test_words_across_a_seam_tell_a_short_page_its_period(paras, n, width):
    """A short page repeats few of its own bigrams, so few seams are known to
    it; the words of Chinese are (丰|收, 收|割: ``reflow.hanlex``): with them the
    pass finds the period where the page's own n-grams left it in order."""
    lines = wrap(HARVEST if paras == "harvest" else PARAS, width)
    _, after, _ = stage_lines("\n".join(interleaved(columns(lines, n)).split("\n")))
    assert _seams_right(flat(after), flat(lines)) >= 0.95


def _frags(texts):
    from reflow.model import Line
    from reflow.order.columns import _frag
    return [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]


def test_a_subheadline_as_wide_as_a_column_opens_no_column():
    """A line that opens with a dash and holds no mark of a sentence is a
    subheadline (L117): however wide, it opens no column of the run below."""
    from reflow.order import period
    sub, body = _frags(["——江北警方破获一起电信网络诈骗案", "本报讯（记者骆佳）“您购买的保健品"])
    assert not period._opens_column(sub, 17.0, {})
    assert period._opens_column(body, 17.0, {})


def test_a_headline_goes_on_no_column_after_a_paragraphs_first_line():
    """A paragraph's first line, indented two em from the measure, that stops
    mid-sentence goes on in a line of its column: a headline under it (short,
    no mark of a sentence) is no column's line, as after a full line."""
    from reflow.order import period
    from reflow.order.decoder import Evidence
    texts = ["汽笛一声长鸣，渡船缓缓驶离码头。站在船头", "的老艄公掐了掐手指，再过十二天这条航线就",
             "要停航了。随着大桥上月通车，轮渡将退出历", "史舞台。老人说，他在这里撑了三十八年船，",
             "东江渡口始建于清末，最繁忙的时候，每",
             "社区合唱团唱进音乐厅", "天有上万人次在这里过江，挑菜的、上学的，"]
    frags = _frags(texts)
    ev = Evidence(frags, {"mode_support": 3})
    assert ev.modes and abs(frags[4].width + 2.0 - max(ev.modes)) <= 1.5
    assert period._no_column_line(ev, 4, 5, {})         # first line ⏎ headline
    assert not period._no_column_line(ev, 4, 6, {})     # first line ⏎ a column line


def test_a_run_starts_at_a_row_that_reads_as_text():
    """A row of lines as wide as a narrower measure of the page but holding no
    mark of a sentence and no seam the page likes (a headline stack) is not a
    run's first row; a row most of whose lines read as text is."""
    from reflow.order import period
    frags = _frags(["青湾实验室实现百公里级量子密钥分发", "城域光纤网络中稳定运行超过300小时",
                    "本报讯（记者贾明哲）记者从青湾实验室获悉", "量子密钥分发利用量子力学原理，生成密钥"])
    e = [[0.0, -0.2, -0.2] for _ in frags]
    assert not period._body_row(frags, 0, 2, e)
    assert period._body_row(frags, 2, 2, e)
    e[0][2] = 2.5                      # a seam the page's evidence likes makes a line text
    assert not period._body_row(frags, 0, 2, e)     # one of two is not most
    e[1][2] = 2.5
    assert period._body_row(frags, 0, 2, e)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_long_run_begun_a_line_late_takes_the_first_columns_first_line(script):
    """The pass may begin a run of three columns one line late: its first
    row holds the second and third columns' first lines and the first
    column's second. The first column's first line right above — a body line
    under a byline (no text), that likes the run's seam no less than the
    reading order's — is the run's, once the run is long enough (eight rows)
    for its period to be sure; in a short run it stays where it is."""
    head = ["让开源大模型真正用得起", "▶ 陈思远", "今年以来，开源大模型迎来密集"]
    texts = head + ["发布期，一批参数规模庞大的模型陆续公开，"] * 30
    for rows, sure in ((30, True), (12, False)):
        offsets = _trimmed(texts, script, 3, 3, rows)
        assert (offsets[2] == 3) is sure


def _trimmed(texts, script, d, lead, rows):
    """The offsets ``period._trim_heads`` leaves of a run of ``rows`` rows
    of ``d`` columns found after the first ``lead`` lines read in order, on
    a page whose seams say nothing either way."""
    from reflow.order import period
    from reflow.order.decoder import Evidence
    frags = _frags(_hant(texts) if script == "hant" else texts)
    e = [[-0.2] * (d + 1) for _ in frags]
    offsets = [1] * lead + [d] * (rows - d) + [0] * d + [1] * (len(frags) - lead - rows)
    period._trim_heads(frags, Evidence(frags, {}), offsets, {}, e)
    return offsets


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_long_run_begun_a_row_and_a_line_late_takes_both(script):
    """The pass may begin a run of two columns a row and a line late: the
    row right above, read in order with seams known neither way, is its
    first row, and the first column's first line above that row — a body
    line under a subheadline's phrases (no text) that likes the run's seam
    no less than the reading order's — is the run's too, once the run is
    long enough for its period to be sure; in a short run it stays where it
    is (pdfminer.six: the first column one line higher than the second)."""
    head = ["老城区告别逢雨必涝", "易涝点完成改造　排水平台上线运行"]
    texts = head + ["雨停后不到二十分钟，路面积水便基本退去，"] * 34
    for rows, sure in ((30, True), (10, False)):
        offsets = _trimmed(texts, script, 2, 5, rows)
        assert offsets[3] == offsets[4] == 2
        assert (offsets[2] == 2) is sure


def _hant(lines: list[str]) -> list[str]:
    import opencc
    conv = opencc.OpenCC("s2t")
    return [conv.convert(t) for t in lines]


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("credit,at", [("新华社发（陈晓/摄）", 5), ("本报记者 王立 摄", 11),
                                       ("新华社发（陈晓/摄）", 19)])
def test_a_photo_credit_between_interleaved_rows_shifts_no_column(script, credit, at):
    """pdfminer.six puts a photo's credit where the photo stands, between two
    rows of interleaved columns: one line that is no column's, which would
    shift every later row by one if it were read as a row's line. It is taken
    out like a block, the columns read back exactly, and the credit is kept."""
    lines = wrap(PARAS[:3], 12)
    rows = interleaved(columns(lines, 2)).split("\n")
    head = HEAD
    if script == "hant":
        lines, rows, head, credit = _hant(lines), _hant(rows), _hant(HEAD), _hant([credit])[0]
    _, after, _ = stage_lines("\n".join(head + rows[:at] + [credit] + rows[at:]))
    got = flat(after)
    k = got.index(flat([credit])[0])
    assert got[:k] + got[k + 1:] == flat(head + lines)


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("cut,at", [(2, 9), (4, 13), (7, 18)])
def test_a_glyph_cut_off_its_line_shifts_no_column(script, cut, at):
    """pdftotext cuts a letter-spaced line (发 布 期 。) where the gap is wide
    and may put the first glyph far from its line, between two rows of
    interleaved columns: a line no column holds, which would shift every
    later row by one if it were read as a row's line. It is taken out like a
    block: the columns read back exactly, and the glyph is kept."""
    lines = wrap(PARAS[:3], 12)
    rows = interleaved(columns(lines, 2)).split("\n")
    head = HEAD
    if script == "hant":
        lines, rows, head = _hant(lines), _hant(rows), _hant(HEAD)
    glyph = rows[cut][0]
    assert glyph.isalnum()
    rest = rows[:cut] + [rows[cut][1:]] + rows[cut + 1:]
    _, after, _ = stage_lines("\n".join(head + rest[:at] + [glyph] + rest[at:]))
    got = flat(after)
    k = got.index(glyph)
    want = flat(head + lines)
    i = want.index(flat([rows[cut]])[0])
    want[i] = want[i][1:]
    assert got[:k] + got[k + 1:] == want


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_glyph_cut_off_a_letter_spaced_line_goes_back_before_it(script):
    """The glyph taken out as a block of its own (发 of 发 布 期 。) goes back
    to the start of the one letter-spaced line whose first character it makes
    a bigram of the document's with (发布, printed elsewhere on the page), as
    printed, not after all the columns; with two such lines, or none, it stays
    a block read after them."""
    from reflow.order.decoder import Evidence
    from reflow.order.stage import _strays_home
    texts = ["今年以来，开源大模型迎来密集", "不好用，不仅取决于它在排行榜上的", "布 期 。 从 GLM-4.5到",
             "分数，更取决于有没有人为它编写插", "发", "发布经过充分测试的轻量化版本。"]
    if script == "hant":
        texts = ["今年以來，開源大模型迎來密集", "不好用，不僅取決於它在排行榜上的", "布 期 。 從 GLM-4.5到",
                 "分數，更取決於有沒有人為它編寫外", "發", "發布經過充分測試的輕量化版本。"]
    frags = _frags(texts)
    for k, f in enumerate(frags):
        f.spaced = k == 2
    ev = Evidence(frags, {})
    ordered = [[0, 2, 5], [1, 3], [4]]
    assert _strays_home(frags, [(4, 4)], ordered, ev, {}) == {4: 2}
    assert ordered == [[0, 2, 5], [1, 3]]
    assert frags[2].text == texts[4] + " " + texts[2] and frags[2].flat.startswith(texts[4] + texts[2][0])
    frags = _frags(texts)
    for k, f in enumerate(frags):
        f.spaced = k in (2, 3)                 # 发 + 分: no bigram of the page's, still one home
    ordered = [[0, 2, 5], [1, 3], [4]]
    assert _strays_home(frags, [(4, 4)], ordered, ev, {}) == {4: 2}
    more = texts + (["布 滿 了 展 台 和 座 椅"] if script == "hant" else ["布 满 了 展 台 和 座 椅"])
    frags = _frags(more)
    for k, f in enumerate(frags):
        f.spaced = k in (2, 6)                 # two lines 发 makes 发布 with: no guess
    ev = Evidence(frags, {})
    ordered = [[0, 2, 5, 6], [1, 3], [4]]
    assert _strays_home(frags, [(4, 4)], ordered, ev, {}) == {}
    assert ordered == [[0, 2, 5, 6], [1, 3], [4]]
    # a section label (短讯) before a letter-spaced line that opens with a mark:
    # 讯（ is printed on the page (本报讯（记者…）), but a mark is no glyph's word
    label = ["本报讯（记者 张伟）市民可以通过手机查看", "短讯", "（ 2025 — 2027 年 ） 》 ， 到"]
    frags = _frags(_hant(label) if script == "hant" else label)
    frags[2].spaced = True
    ev = Evidence(frags, {})
    ordered = [[0, 2], [1]]
    assert _strays_home(frags, [(1, 1)], ordered, ev, {}) == {}


def _merged_rows(lines: list[str], k: int, pattern: str) -> list[str]:
    """Columns interleaved row by row as pdftotext prints a narrow gutter:
    on rows marked A the first two columns' lines share a text line, on rows
    marked B the last two, on N none (one space between them)."""
    cols = columns(lines, k)
    out = []
    for r in range(max(len(c) for c in cols)):
        cells = [c[r] for c in cols if r < len(c)]
        mark = pattern[r % len(pattern)]
        if len(cells) == k and mark == "A":
            out += [cells[0] + " " + cells[1]] + cells[2:]
        elif len(cells) == k and mark == "B":
            out += cells[:-2] + [cells[-2] + " " + cells[-1]]
        else:
            out += cells
    return out


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,k,pattern,n", [(12, 2, "AB", 3), (10, 2, "NAB", 3),
                                               (12, 3, "AB", 4), (14, 2, "NAB", 3)])
def test_merged_lines_cut_apart_are_read_by_their_period(script, width, k, pattern, n):
    """pdftotext merges the lines of neighbouring columns on some rows and
    prints the others one by one: once the merged lines are cut apart, the
    column lines come in their turn, row after row. The page is read by its
    period, not searched line by line."""
    lines = wrap(PARAS[:n], width)
    head = HEAD
    if script == "hant":
        lines, head = _hant(lines), _hant(HEAD)
    _, after, _ = stage_lines("\n".join(head + _merged_rows(lines, k, pattern)))
    assert flat(after) == flat(head + lines)


@pytest.mark.parametrize("text,phrases", [
    ("藏书约三千册　全天开放", True), ("藏書約三千冊　全天開放", True),
    ("新华社北京电　城郊的湿地", False), ("中央社台北電　城郊的濕地", False),
    ("本报讯　连日来，江南市多", False), ("智慧书屋。书屋配备自助借", False),
    ("首月免费　设站十八座", True)])
def test_a_headlines_phrases_open_no_column(text, phrases):
    """A headline sets its phrases apart by an ideographic space and holds no
    mark of a sentence: however wide, it opens no column. A dateline set apart
    from its text by a space is a column's line all the same."""
    from reflow.model import Line
    from reflow.order import period
    from reflow.order.columns import _frag
    f = _frag(text, Line(text, 1, 1), 0, None, 0)
    assert period._phrases(f) is phrases
    assert period._opens_column(f, 12.0, {}) is not phrases


def _boxes(cols: list[list[str]], pairs: set[int]) -> str:
    """Columns as pdfminer.six prints them: box after box, a blank line after
    each; a box holds one column line, or two where ``pairs`` holds the row
    (the lines stood close: the same two rows of every column), but for a
    paragraph's last line over the next one's indented first line (neither
    edge of the two lines aligned: two boxes)."""
    out, r, rows = [], 0, max(len(c) for c in cols)
    while r < rows:
        two = r in pairs and r + 1 < rows
        for c in cols:
            box = c[r:r + (2 if two else 1)]
            if len(box) == 2 and box[1].startswith("  "):
                out += [box[0].strip(), "", box[1].strip(), ""]
            elif box:
                out += [t.strip() for t in box] + [""]
        r += 2 if two else 1
    return "\n".join(out)


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,n,pairs", [(12, 3, {4, 6}), (10, 3, {3}), (12, 2, {2, 5, 9}),
                                           (14, 4, {2})])
def test_the_lines_of_one_box_are_one_columns_lines(script, width, n, pairs):
    """Where the lines of a row stand close, pdfminer.six makes a box of each
    column's two lines: the columns interleave box by box there, two lines of
    one column in a row, which no period of lines reads. The boxes' lines are
    kept together and the period counted in boxes: the columns read back
    exactly."""
    lines = wrap(PARAS[:4], width)
    head = HEAD
    if script == "hant":
        lines, head = _hant(lines), _hant(HEAD)
    text = "\n\n".join(head) + "\n\n" + _boxes(columns(lines, n), pairs)
    _, after, _ = stage_lines(text)
    assert flat(after) == flat(head + lines)


def _one_box(cols: list[list[str]], col: int, first: int, k: int, last: bool) -> str:
    """Columns as pdfminer.six prints them, a box of each line, but for the k
    lines of column ``col`` from row ``first``, which stood close: one box,
    printed in the place of its last row (``last``) or of its first."""
    out, rows = [], max(len(c) for c in cols)
    at = first + k - 1 if last else first
    for r in range(rows):
        for j, c in enumerate(cols):
            if j == col and first <= r < first + k:
                if r == at:
                    out += [t.strip() for t in c[first:first + k]] + [""]
            elif r < len(c):
                out += [c[r].strip(), ""]
    return "\n".join(out)


# where the seams are clear, the pass itself reads the rows above a box printed
# in the place of its last row as a run of one column fewer, and the column's
# line before them is linked to the box by no seam of the page's own text
_ABOVE = pytest.mark.xfail(reason="rows above the box read as their own run: its column's line before them is not linked to it")


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width,n,col,first,k,last", [
    pytest.param(12, 3, 2, 3, 3, True, marks=_ABOVE), (12, 3, 0, 2, 3, False),
    pytest.param(10, 4, 3, 4, 2, True, marks=_ABOVE), (12, 4, 1, 2, 3, False), (14, 2, 1, 3, 3, False)])
def test_one_box_of_close_lines_stands_for_rows_of_its_column(script, width, n, col, first, k, last):
    """Where some lines of one column stood close, pdfminer.six makes one box
    of them among boxes of one line, and prints it in the place of its first
    or its last row: the column has no line of its own in the other rows the
    box holds, and its line before (or after) the box is that many lines
    away. The columns read back exactly."""
    lines = wrap(PARAS[:4], width)
    head = HEAD
    if script == "hant":
        lines, head = _hant(lines), _hant(HEAD)
    cols = columns(lines, n)
    text = "\n\n".join(head) + "\n\n" + _one_box(cols, col, first, k, last)
    _, after, _ = stage_lines(text)
    assert flat(after) == flat(head + lines)


def test_a_headline_over_a_column_line_in_one_box_is_no_box_of_a_column():
    """A box may hold a headline over the line of a column beside it (a
    headline wider than the column, a letter-spaced column line): those two
    are no column's two lines."""
    from reflow.order.period import box_units
    texts = ["第五届云澜国际茶业博览会开幕", "园 管 理 效 率 提 高 了 约", "", "新华社云澜7月29日电", "",
             "（记者许晴）第五届云澜", "国际茶业博览会29日在云", "", "南部山区的茶园里，茶农", "正忙着采摘今年的秋茶。"]
    frags = _frags_blank(texts)
    units = box_units(frags, PERIOD.rules["O603"].params)
    assert units == [[0], [1], [2], [3, 4], [5, 6]]


def _frags_blank(texts: list[str]):
    """Fragments of the non-blank texts, each counting the blank lines before it."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    out, blanks = [], 0
    for k, t in enumerate(texts):
        if not t:
            blanks += 1
            continue
        f = _frag(t, Line(t, 1, k + 1), k, None, 0)
        f.blank = blanks
        out.append(f)
    return out


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_interleaved_columns_between_short_lines_of_a_short_measure_are_no_block(script):
    """Short lines of one width (a caption's, short paragraphs' last lines)
    make a measure of the page; such a line right before and after the rows of
    two interleaved columns of one measure does not make those rows a block
    set in order between rows: the full lines around a block go on a
    sentence, as column lines do. (Gold g37's two columns were read in order.)"""
    from reflow.order.decoder import Evidence
    from reflow.order.period import measure_blocks
    shorts = ["市民在书屋读书。", "孩子们挑选绘本。", "老人们翻阅报刊。"]
    rows = ["来，江南市多个社区的居民在家", "退休工人周大爷正在翻阅一本地", "门口用上了新建的智慧书屋，书",
            "方志。他说，以前去市图书馆要", "屋配备自助借还设备和电子阅读", "坐四十分钟公交车，现在下楼走"]
    tail = ["书屋全天开放。", "读者纷纷点赞。", "街道还将增设。"]
    block = ["书屋里还设有亲子阅读区和自习区，周末", "举办读书分享会，受到居民的欢迎，不少",
             "家长带着孩子前来参加活动，书屋的人气", "越来越旺，街道还将在年内增设两处，让",
             "更多居民受益。"]
    if script == "hant":
        shorts, rows, tail, block = _hant(shorts), _hant(rows), _hant(tail), _hant(block)
    p = PERIOD.rules["O603"].params
    frags = _frags_blank(shorts + rows + tail)
    assert measure_blocks(frags, Evidence(frags, p), p) == []
    # a block of another measure between column lines that go on is one
    frags = _frags_blank(rows[:3] + block + rows[3:])
    assert measure_blocks(frags, Evidence(frags, p), p) == [(3, 7)]


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_streams_read_by_their_period_move_only_on_evidence(script, monkeypatch):
    """The columns of a run read by its period first appear in their order,
    left to right: a stream that stops mid-sentence is moved before another
    only when the page's own text supports the seam (period_link_min), not on
    a seam nothing says anything of, which merged lines' streams may need."""
    from reflow.order import stage
    from reflow.order.decoder import Evidence
    from reflow.order.streams import order_streams
    conv = _hant if script == "hant" else (lambda t: t)
    texts = conv(["书屋配备自助借还设备和电子", "阅读屏，全天向周边居民开放",
                  "据市文化部门介绍，智慧", "书屋由街道提供场地和书架。",
                  "统计显示，今年以来累计接待", "读者二十多万人次，借阅图书"])
    frags = _frags_blank(texts)
    sids = [0, 0, 1, 1, 2, 2]
    p4 = RULES.rules["O604"].params
    ev = Evidence(frags, PERIOD.rules["O603"].params)
    assert order_streams(frags, sids, ev, dict(p4, link_min=p4["period_link_min"]), True) == \
        [[0, 1], [2, 3], [4, 5]]
    assert order_streams(frags, sids, ev, p4, True) != [[0, 1], [2, 3], [4, 5]]
    seen = []
    real = stage.order_streams
    monkeypatch.setattr(stage, "order_streams", lambda f, s, e, p, link, *more: seen.append(p) or real(f, s, e, p, link, *more))
    rows = HEAD + interleaved(columns(wrap(PARAS[:3], 12), 2)).split("\n")
    stage_lines("\n\n".join(rows))        # box by box, as pdfminer.six prints
    assert seen and all(p["link_min"] == p4["period_link_min"] for p in seen)
    seen.clear()
    stage_lines("\n".join(rows))          # line by line (OCR): the weakest link
    assert seen and all(p["link_min"] == p4["link_min"] for p in seen)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_column_that_ends_before_the_others_leaves_the_run_with_one_column_fewer(script):
    """On a page printed box by box, the last column of a report may end rows
    before the others (its last paragraph's short last line): the rows after
    it hold one column fewer, and the run goes on with a period one smaller
    rather than linking every later line one column off."""
    lines = wrap(PARAS[:4], 14)
    last = wrap(PARAS[3:4], 14)
    first = lines[:len(lines) - len(last)]
    h = -(-len(first) // 2)
    cols = [first[:h], first[h:], last]
    head = HEAD
    if script == "hant":
        cols, lines, head = [_hant(c) for c in cols], _hant(lines), _hant(HEAD)
    assert len(cols[2]) < len(cols[0])
    _, after, _ = stage_lines("\n\n".join(head + interleaved(cols).split("\n")))
    assert flat(after) == flat(head + lines)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_a_run_a_column_short_keeps_its_grid_for_the_next_module(script):
    """A report's last column may end a row before the others, and the run
    goes on a column short for its last rows; the next module, under its
    headline, sets as many columns as the report did. Its run starts at a
    run's break, as after a last row of the full number: the report's
    columns do not run on, a column off, into the next module's."""
    lines = wrap(PARAS[:4], 14)
    last = wrap(PARAS[3:4], 14)
    first = lines[:len(lines) - len(last)]
    h = -(-len(first) // 2)
    cols = [first[:h], first[h:], last]
    more = wrap(PARAS[4:5] + PARAS[1:2], 14)
    t = -(-len(more) // 3)
    cols2 = [more[:t], more[t:2 * t], more[2 * t:]]
    head, head2 = HEAD, ["社区书屋夜间也开放"]
    if script == "hant":
        cols, lines, head = [_hant(c) for c in cols], _hant(lines), _hant(HEAD)
        cols2, more, head2 = [_hant(c) for c in cols2], _hant(more), _hant(head2)
    assert len(cols[2]) < len(cols[0])
    text = "\n\n".join(head + interleaved(cols).split("\n") + head2 + interleaved(cols2).split("\n"))
    _, after, _ = stage_lines(text)
    assert flat(after) == flat(head + lines + head2 + more)


@pytest.mark.parametrize("sub", ["全程12.6公里　设站18座　首月免费试乘", "全程12.6公里　設站18座　首月免費試乘"])
def test_a_line_cut_at_ideographic_spaces_leaves_a_page_printed_box_by_box(sub):
    """A subheadline's phrases set apart by ideographic spaces, cut into
    pieces, are no lines an extractor merged (it joins those with a Latin
    space): the page, a blank line after each line, is still printed box by
    box. A piece cut at a Latin space is a merged line's: the page is not."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.period import boxed_page

    def page(text: str, cut: int):
        frags = _frags_blank(["星海首条自动驾驶公交线路开通运营", "", "x", "", "士从星海高铁站出发，途", "",
                              "公司技术总监韩冬介绍，", "", "经软件园、国际会展中", "", "每辆车配备了激光雷达、"])
        line = Line(text, 1, 3)
        a, b = text[:cut].rstrip(" \u3000"), text[cut:]
        frags[1:2] = [_frag(a, line, 2, None, 0, 0, len(a)), _frag(b, line, 2, None, 1, cut, len(text))]
        for f in frags[1:3]:
            f.blank = 1
        return frags

    cut = sub.rindex("\u3000") + 1
    assert boxed_page(page(sub, cut))
    merged = sub[:cut - 1] + " " + sub[cut:]
    assert not boxed_page(page(merged, cut))


@pytest.mark.parametrize("first", ["应变中心指出，", "應 變 中 心 指 出 ，"])
def test_a_column_box_split_at_a_paragraph_is_one_even_where_its_first_line_is_letter_spaced(first):
    """pdfminer.six splits a column's box of close lines between a paragraph's
    last line and the next one's indented first line; justification may
    letter-space that first line, two em short of the measure in glyphs: the
    two one-line boxes between boxes of two lines are one all the same."""
    from reflow.order.period import _split_boxes
    texts = ["站预估其暴风圈最快", "明天清晨接触陆地。", "", "离312人。", "", first, "",
             "电机。县府也宣布，", "明天是否停班停课将"]
    frags = _frags_blank(texts)
    units = _split_boxes(frags, [[0, 1], [2], [3], [4, 5]], PERIOD.rules["O603"].params)
    assert units == [[0, 1], [2, 3], [4, 5]]


def test_no_column_ends_after_a_box_of_three_lines():
    """pdfminer.six prints a column's lines that stand close as one box, in
    the place of the box's first row: the rows below lack that column for a
    while, though it goes on. A paragraph's short last line in such a row
    (到更多保障。, 6 em in a 23-em column) does not end its column there: the
    columns read on across the paragraph ends (gold g03, both scripts)."""
    from pathlib import Path

    import opencc

    import reflow
    raw = (Path(__file__).parent / "gold" / "pages" / "g03" / "pdfminer.txt").read_text(encoding="utf-8")
    conv = opencc.OpenCC("s2t").convert
    for text, want in ((raw, ["用户能否方便地关闭个性化推荐", "被分析、被recommendation system重新定义。"]),
                       (conv(raw), [conv("用户能否方便地关闭个性化推荐"), conv("被分析、被recommendation system重新定义。")])):
        got = "\n".join(a.text for a in reflow.clean(text).articles)
        for w in want:
            assert w in got


@pytest.mark.parametrize("credit,want", [
    ("本报记者 李华 摄", [False, False, True, True, False, False]),
    ("新華社發（李華／攝）", [False, False, True, True, False, False]),
    ("漫画：李华", [False] * 6),
])
def test_a_caption_box_is_the_box_that_ends_a_sentence_right_before_a_photo_credit(credit, want):
    """pdfminer.six makes a box of a photo's caption and another of its
    credit, under the photo: the caption's lines are no column's lines. A
    drawing's credit (漫画：) may stand under an article's last lines with no
    caption, and a box that ends mid-sentence is a column's."""
    from reflow.order.period import _caption_boxes
    from reflow.rules import load_rules
    pattern = load_rules().get("L110").regex
    texts = ["共设站点十二座，连接江", "", "城东站和滨湖公园。", "",
             "五日，乘客在江城东站登上", "首班智能有轨电车。", "", credit, "", "责任编辑：赵明"]
    frags = _frags_blank(texts)
    p = PERIOD.rules["O603"].params
    assert _caption_boxes(frags, pattern, p) == want
    assert _caption_boxes(frags, None, p) == [False] * 6
    assert _caption_boxes(frags, pattern, dict(p, period_caption_lines=0)) == [False] * 6
    mid = _frags_blank(texts[:4] + ["五日，乘客在江城东站登上", "首班智能有轨电车"] + texts[6:])
    assert _caption_boxes(mid, pattern, p) == [False] * 6


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_two_interleaved_columns_of_one_measure_between_other_full_lines_are_no_block(script):
    """Two columns of one measure interleaved row by row, between full lines
    of another measure that go on mid-sentence (gold g37, g49), make four or
    more lines of one measure in a row, as a block set in order does; but a
    block reads on line by line, and interleaved columns read on every other
    line: their seams to the line after next say so, and they are no block."""
    from reflow.order.decoder import Evidence
    from reflow.order.period import measure_blocks
    a = "书屋配备自助借还设备和电子阅读屏，全天开放，市民刷身份证即可借阅图书，借阅记录还能同步到全市公共图书馆系统。"
    b = "退休工人周大爷正在翻阅一本地方志。他说，以前去市图书馆要坐四十分钟公交车，现在下楼走几步就能借到想看的书。"
    cols = [[t[i:i + 13] for i in range(0, len(t), 13)] for t in (a, b)]
    rows = [line for pair in zip(*cols) for line in pair][:-2]
    before = ["江南市多个社区的居民在家门口用上了新建", "的智慧书屋，街道提供场地，图书馆统一配",
              "送图书并定期轮换，每个书屋藏书约三千册"]
    after = ["今年以来，全市已建成书屋六十个，累计接待", "读者二十多万人次，不少社区还组织了读书分",
             "享会、亲子阅读课和志愿者讲座，书屋也成了"]
    texts = before + rows + after
    if script == "hant":
        texts = _hant(texts)
    p = PERIOD.rules["O603"].params
    frags = _frags_blank(texts)
    assert measure_blocks(frags, Evidence(frags, p), p) == []


def _links_of(text: str) -> tuple[list, list[list[float]], object]:
    """The fragments of a page, its seam evidence and O603's link scores."""
    from reflow.order import period
    from reflow.order.columns import fragments
    from reflow.order.decoder import Evidence
    from reflow.read import lines_from_text
    p = PERIOD.rules["O603"].params
    frags, _ = fragments(lines_from_text(text), False, PERIOD)
    ev = Evidence(frags, p)
    return frags, period._links(frags, ev, 3, p), ev


def test_a_column_line_mid_sentence_does_not_read_on_into_a_wider_line():
    """pdfminer.six, a two-column brief interleaved a line a box above a
    one-column brief of a wider measure: the first column's last line stops
    mid-sentence (its column goes on in the second column), and read in
    order it would go on in the wide line under it. A full column line that
    stops mid-sentence goes on in a line of its own measure: that seam pays
    period_no_column; the seams of the lines read in order inside one
    measure, and the seam from a line whose width its spaces make a guess
    (a byline's gap), pay nothing."""
    w = PERIOD.rules["O603"].params["period_no_column"]
    page = ["江城日报", "社区篮球联赛收官",
            "本报讯　为期两个月的江城社区篮球联赛",
            "前晚在市体育中心收官，来自全市的四十",
            "支社区球队参赛，东湖社区队夺得冠军。",
            "城市马拉松报名开启",
            "首日报名人数超过两万人，创下历届新高。市",
            "体育局表示，今年赛道新增沿江路段，沿途设",
            "置十二个补给站，每个补给站配有医护人员，",
            "本报讯（记者王明）江城国际马拉松昨天开放报名，今年共设全程、半程两个项目，报名截",
            "止日期为本月底，比赛将于十二月八日在市民广场鸣枪开跑，全程赛道途经老城区和滨江公园。"]
    frags, e, ev = _links_of("\n\n".join(page) + "\n")
    k = next(i for i, f in enumerate(frags) if f.flat.startswith("置十二个"))
    assert frags[k + 1].flat.startswith("本报讯")
    assert e[k][1] == pytest.approx(ev.seam_ij(k, k + 1) - w)
    for i in range(k):                   # one measure, or no column's body line: no cost
        assert e[i][1] >= ev.seam_ij(i, i + 1) - 1e-9
    spaced = [t.replace("记者王明", "记者 王明") for t in page]
    frags, e, ev = _links_of("\n\n".join(spaced[:8] + ["置十二个补给站，每个 补给站配有医护人员，"] + spaced[9:]) + "\n")
    k = next(i for i, f in enumerate(frags) if f.flat.startswith("置十二个"))
    assert e[k][1] == pytest.approx(ev.seam_ij(k, k + 1))


@pytest.mark.parametrize("above,below,apart", [
    ("书屋负责人说：“这里很受欢迎。”居民", "都很满意，借阅量“翻了一番”。", False),
    ("书屋负责人说：“这里很受欢迎。”居民", "一番”，居民们都很满意。", True),
    ("書屋負責人說：「這裏很受歡迎。」居民", "一番」，居民們都很滿意。", True),
    ("书屋负责人说：“这里很受欢迎，居民", "都说“方便”，借阅量翻了一番。", True),
    ("书屋负责人说：“这里很受欢迎，居民", "都很满意。”借阅量翻了一番。", False),
])
def test_reading_on_in_order_does_not_break_a_pair_of_quotation_marks(above, below, apart):
    """pdfminer.six, a line a box: a line that ends outside a quotation is not
    followed in its column by one that starts inside one (its first mark
    closes a quotation), nor a line that stops mid-sentence inside a
    quotation by one that opens another before closing it: quotation marks
    come in pairs and a quotation does not nest in one of the same marks
    (GB/T 15834). That in-order seam pays period_quote; one that keeps the
    pairs pays nothing."""
    w = PERIOD.rules["O603"].params["period_quote"]
    frags, e, ev = _links_of("\n\n".join(["江城日报", above, below, "责任编辑：赵明"]) + "\n")
    k = next(i for i, f in enumerate(frags) if f.flat == above)
    assert e[k][1] == pytest.approx(ev.seam_ij(k, k + 1) - (w if apart else 0.0))


@pytest.mark.parametrize("head,under,off", [
    ("让数据“活”起来", "数据的价值在于使用。一些地方举办的数据开放创新大", True),
    ("讓數據「活」起來", "數據的價值在於使用。一些地方舉辦的數據開放創新大", True),
    ("责任编辑：赵明", "版式设计：钱立", False),
])
def test_a_column_line_mid_sentence_does_not_read_on_into_a_head_over_text(head, under, off):
    """pdfminer.six, a line a box: a crosshead of the next column printed
    right after a column's line that stops mid-sentence. A sentence does not
    go on in a head (narrower, no mark of a sentence) set over text: that
    in-order seam pays period_no_column; the staff lines at a page's foot
    stand over no text, and the seam into them pays nothing more."""
    w = PERIOD.rules["O603"].params["period_no_column"]
    line = "然而，记者和研究者在实际使用中常常发现，一些平"
    page = ["江城日报", "近年来，各地纷纷建设公共数据开放平台，交通、气", line, head, under,
            "赛催生了不少有意思的应用，比如基于实时客流数据"]
    frags, e, ev = _links_of("\n\n".join(page) + "\n")
    k = next(i for i, f in enumerate(frags) if f.flat == line)
    assert e[k][1] == pytest.approx(ev.seam_ij(k, k + 1) - (w if off else 0.0))


@pytest.mark.parametrize("para", [0, 2])
def test_a_short_report_with_no_row_of_full_lines_is_read_by_its_period(para):
    """A short report set in four columns of two rows under its headline,
    printed box by box: its first row holds the paragraph's indented first
    line, its last row the short last line, so no row is all full lines. The
    run starts at its first row of column lines that reads as text, not
    nowhere: the report reads back column by column, under its headline."""
    lines = wrap(PARAS[para:para + 1], 14)
    cols = columns(lines, 4)
    assert len(cols[0]) == 2 and len(cols[-1][-1].strip()) < 14
    _, after, state = stage_lines("\n\n".join(HEAD + interleaved(cols).split("\n")))
    assert flat(after) == flat(HEAD + lines)
    note = next(e.note for e in state.tracer.events if e.code == "O603")
    assert "4 columns interleaved" in note


@pytest.mark.parametrize("head", ["本报记者　林川", "本報記者　林川", "书屋夜间开放"])
def test_a_head_as_wide_as_a_short_measure_is_in_no_full_row(head):
    """A run of three columns that the pass begins above a byline (or a
    headline) starts at its first row of full column lines. The head is as
    wide as a short measure of the page (three short lines make one), but it
    holds no mark of a sentence and fills no measure that the page's column
    lines fill: the row it stands in is no full row, and it keeps its place
    above the run."""
    from reflow.order.decoder import Evidence
    from reflow.order.period import _links, _runs, _trim_heads
    short = ["社区动态一", "社区动态二", "社区动态三"]
    cols = columns(wrap(PARAS[:3], 14)[1:], 3)         # the first row all full lines
    texts = short + ["书屋开到家门口", head] + interleaved(cols).split("\n")
    frags = _frags_blank([t for t in texts for t in (t, "")])
    p = dict(PERIOD.rules["O603"].params)
    ev = Evidence(frags, p)
    assert any(abs(frags[4].width - m) <= 1.5 for m in ev.modes)   # a short measure
    e = _links(frags, ev, 3, p)
    offsets = [1] * 4 + [3] * (len(frags) - 7) + [0] * 3
    _trim_heads(frags, ev, offsets, p, e)
    assert offsets[4] == 1 and _runs(offsets)[0][0] == 5


def test_a_column_foot_mid_sentence_does_not_read_on_into_the_next_columns_paragraph():
    """Printed box by box, the top rows of two columns interleaved, then the
    columns' feet read down one after the other: the lead column, the second
    column's foot (from a paragraph's first line), the third's. The second
    column's foot ends on a full line mid-sentence; the third column's foot
    opens with a paragraph's indented first line, and a paragraph does not
    start inside a sentence: the foot goes on in the third column's top."""
    lines = wrap(PARAS[:5], 10)
    lead, second, third = lines[:3], lines[3:23], lines[23:]
    assert second[16].startswith("  ") and third[16].startswith("  ") and second[-1][-1] not in "。"
    top = [x for r in range(16) for x in (second[r], third[r])]
    text = "\n\n".join(HEAD + [x.strip() for x in top + lead + second[16:] + third[16:]])
    _, after, _ = stage_lines(text)
    got = flat(after)
    k = got.index(flat(second[-1:])[0])
    assert got[k + 1] == flat(third[:1])[0]


def test_of_two_columns_read_whole_after_the_rows_the_one_opening_the_report_is_the_late_column():
    """pdfminer.six may print the page's first column (the lead, under the
    photo) after the rows of the columns right of it, and another column's
    foot read down after it; both are read in order outside the runs, open
    with a paragraph's first line and stop mid-sentence. The one whose first
    line is the report's dateline opens the report: it is the late column,
    read right before the first column line under the headline."""
    from reflow.order.decoder import Evidence
    from reflow.order.streams import late_column
    from tests.test_order_period import _frags_blank
    lines = wrap(PARAS[:5], 14)
    full = [l for l in lines if not l.startswith("  ") and l[-1] not in "。"]
    firsts = [l.strip() for l in lines if l.startswith("  ")]
    top = full[2:14]                                   # two columns, six rows
    texts = HEAD + top + [firsts[0], full[0]] + [firsts[1], full[1]] + [firsts[2], full[14]]
    frags = _frags_blank([t for t in texts for t in (t, "")])
    n_head = len(HEAD)
    ordered = [list(range(n_head))] + [list(range(n_head + c, n_head + 12, 2)) for c in (0, 1)] + \
        [[n_head + 12, n_head + 13], [n_head + 14, n_head + 15], [n_head + 16, n_head + 17]]
    p = dict(PERIOD.rules["O603"].params, **PERIOD.rules["O604"].params)
    ev = Evidence(frags, p)
    opens = PERIOD.rules["J301"].params["dateline_pattern"]
    got = late_column(frags, ordered, ev, p, [(n_head, n_head + 11, 2)], opens)
    assert got is not None and got[1] == (n_head + 12, n_head + 13, n_head)


def test_a_module_read_by_its_period_goes_on_in_no_column_of_an_earlier_module():
    """Two modules of interleaved columns, a headline and a byline between
    them: the second module's last column stops mid-sentence on a bigram the
    page knows (企|业) with the first line of the first module's second column.
    A module's columns go on in the module's own columns: that stream is
    not linked back into the first module, which reads its columns in order."""
    from reflow.order.decoder import Evidence
    from reflow.order.stage import _modules
    from reflow.order.streams import order_streams
    texts = ["书屋开到家门口",
             "连日来，江南市多个社区的居", "业在家门口用上了新建的智慧书",
             "民，用上了新建的书屋，借还方", "屋。书屋配备自助借还设备和电",
             "便。", "子阅读屏。",
             "企业开放日　社区共建", "本报记者　林川",
             "为了让书屋更有人气，不少社", "下一步将根据居民需求，推动企",
             "区还组织了读书分享会和讲座，", "业和社区共同调整图书的种类和",
             "社区工作人员表示，书屋不只", "开放的方式，服务更多居民。",
             "是借书的地方，也推动相关企"]
    frags = _frags_blank([t for t in texts for t in (t, "")])
    sids = [0, 1, 2, 1, 2, 1, 2, 3, 4, 5, 6, 5, 6, 5, 6, 5]
    runs = [(1, 6, 2), (9, 15, 2)]
    p = dict(PERIOD.rules["O603"].params, **PERIOD.rules["O604"].params)
    ev = Evidence(frags, p)
    ev.without_lexicon()
    p["link_min"] = p["period_link_min"]
    modules = _modules(frags, runs, p)
    assert modules == [(1, 6), (9, 15)]
    starts = [s[0] for s in order_streams(frags, sids, ev, p, True, modules)]
    assert starts.index(2) == starts.index(1) + 1          # the first module's columns in order
    linked = [s[0] for s in order_streams(frags, sids, ev, p, True)]
    assert linked.index(2) != linked.index(1) + 1          # (without modules: linked back)


def test_runs_parted_by_a_column_line_are_one_module():
    """Runs parted by a line as wide as the columns (a column's lines below
    a crosshead or a photo) are one module's; parted by narrower lines only
    (a headline, a byline), the second opens the next module."""
    from reflow.order.stage import _modules
    texts = ["一二三四五六七八九十一二三四"] * 4 + ["小标题"] + ["一二三四五六七八九十一二三四"] * 4 + \
        ["新的标题"] + ["一二三四五六七八九十一二三四"] * 4
    frags = _frags_blank(texts)
    p = dict(PERIOD.rules["O603"].params)
    assert _modules(frags, [(0, 3, 2), (5, 8, 2), (10, 13, 2)], p) == [(0, 3), (5, 8), (10, 13)]
    texts[4] = "一二三四五六七八九十一二三四"
    frags = _frags_blank(texts)
    assert _modules(frags, [(0, 3, 2), (5, 8, 2), (10, 13, 2)], p) == [(0, 8), (10, 13)]
    assert _modules(frags, [(0, 3, 2), (4, 8, 2)], p) == [(0, 8)]


def test_a_column_printed_ahead_ends_its_columns_from_the_right():
    """A column printed ahead (O603 ``period_ahead_margin``): the first
    column's top lines, then rows of the two columns beside it, then rows of
    all three; a column that ends at a short line that ends a sentence leaves
    the rows under it to the columns left of it (``close``), else the rows go
    on round all three columns."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.order.period import _ahead_streams
    texts = ["甲" * 12 + "，"] * 2 + ["乙" * 12 + "，", "丙" * 12 + "，"] * 2 + \
        ["甲" * 12 + "，", "乙" * 12 + "，", "丙" * 5 + "。", "甲" * 12 + "，", "乙" * 5 + "。", "甲" * 3 + "。"]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    ev = Evidence(frags, {})
    p = {"period_full_tolerance": 1.5}
    assert _ahead_streams(frags, ev, p, 0, 2, 2, 2, 11, True) == [[0, 1, 6, 9, 11], [2, 4, 7, 10], [3, 5, 8]]
    assert _ahead_streams(frags, ev, p, 0, 2, 2, 2, 11, False) == [[0, 1, 6, 9], [2, 4, 7, 10], [3, 5, 8, 11]]


# two columns of a book review whose seams the page's own text knows neither way
# (手绘的⏎河道图, 作者⏎大量): only the boxes show the columns
_REVIEW_A = ["打开这本书，最先看到的是一张手绘", "的河道图，青溪自西向东穿城而过，沿岸",
             "标注着码头、会馆、学堂和作坊的名字。", "作者用了整整八年时间，走访沿河的住户",
             "和老店，写成这部非虚构作品。"]
_REVIEW_B = ["在写法上，本书兼具史料的严谨与文学", "的温度，每一章后都附有详细的注释，但",
             "叙述从不枯燥，写到那场大水时没有罗列", "数字，而是从一位老人的一双布鞋写起，",
             "读来令人动容。"]


def _review(close: bool, blank: bool = True) -> str:
    """The two columns box after box; with ``close``, the lines of their
    second and third rows stand close: a box of two lines in each column
    (``blank``: a blank line between the two boxes, as pdfminer.six prints)."""
    a, b = _REVIEW_A, _REVIEW_B
    out = ["书香周刊", "", "在一条河流里读懂一座城", "", "□ 尹书白", ""]
    for r in range(len(a)):
        if close and r == 1:
            out += [a[1], a[2]] + ([""] if blank else []) + [b[1], b[2], ""]
        elif close and r == 2:
            continue
        else:
            out += [a[r], "", b[r], ""]
    return "\n".join(out)


def test_a_row_of_close_boxes_shows_its_columns():
    """pdfminer.six makes one box of a column's lines that stand close: two
    boxes of two lines one after the other, a blank line between them, are two
    columns side by side, and the page is read by their period from the
    byline down, though no seam tells it (O603 period_close_rows)."""
    _, after, _ = stage_lines(_review(True))
    assert flat(after) == flat(["书香周刊", "在一条河流里读懂一座城", "□ 尹书白"] + _REVIEW_A + _REVIEW_B)


@pytest.mark.parametrize("close,blank", [(False, True), (True, False)])
def test_without_a_row_of_close_boxes_the_lines_stay(close, blank):
    """Without boxes of close lines side by side (each line a box, or two
    boxes parted with no blank line between them: no row of pdfminer.six's
    boxes) nothing shows the columns, and the lines keep their order."""
    text = _review(close, blank)
    _, after, _ = stage_lines(text)
    assert flat(after) == flat([t for t in text.split("\n") if t])


def _mixed_modules(wa: int, wb: int, pattern: str) -> tuple[list[str], list[str], str]:
    """Two modules side by side, each of two columns, in measures wa and wb,
    printed box by box as pdfminer.six groups them: now a row of one module,
    now a row of the other (``pattern``: the module of each row printed, in
    order). Returns the lines of each module in reading order and the page."""
    a, b = wrap(PARAS[:2], wa), wrap(PARAS[2:4], wb)
    rows = {m: [[t for t in row if t] for row in itertools.zip_longest(*columns(lines, 2))]
            for m, lines in (("a", a), ("b", b))}
    out = HEAD[:1] + [""]
    for m in pattern:
        if rows[m]:
            out += [x for t in rows[m].pop(0) for x in (t.strip(), "")]
    for m in "ab":                       # (the rows left over, in order)
        out += [x for row in rows[m] for t in row for x in (t.strip(), "")]
    return a, b, "\n".join(out)


@pytest.mark.parametrize("wa,wb,pattern", [(16, 11, "aabab" "bbabaabab"), (12, 16, "abbaab" "aabbab"),
                                           (15, 10, "aababbab" "baab")])
def test_two_modules_of_different_measures_mixed_row_by_row_are_told_apart(wa, wb, pattern):
    """pdfminer.six groups the boxes of two modules side by side by their
    nearness, so their rows come mixed with no period: the lines of each
    measure are one module's (``period_split_measures``), each read apart by
    its own period; not where the measures are as near as an indent, nor
    where the modules come one after the other, nor with the rule off."""
    from reflow.order.decoder import Evidence
    from reflow.order.period import _measure_modules
    p = dict(PERIOD.rules["O603"].params)
    a, b, text = _mixed_modules(wa, wb, pattern)
    frags = _frags_blank(text.split("\n"))
    got = _measure_modules(frags, Evidence(frags, p), p)
    assert len(got) == 2
    full = {m: {t.strip() for t in lines if len(t.strip()) == w and not t.endswith("。")}
            for m, lines, w in (("a", a, wa), ("b", b, wb))}   # full lines that go on
    texts = [{frags[k].text for k in s} for s in got]
    one, two = (texts if texts[0] & full["a"] else texts[::-1])
    assert full["a"] <= one and full["b"] <= two
    assert not one & full["b"] and not two & full["a"]
    for q, pat in ((dict(p, period_split_measures=0.0), pattern), (p, "a" * 12 + "b" * 12)):
        _, _, text = _mixed_modules(wa, wb, pat)
        frags = _frags_blank(text.split("\n"))
        assert _measure_modules(frags, Evidence(frags, q), q) == []
    _, _, text = _mixed_modules(wa, wa + 2, pattern)        # measures an indent apart: one module's
    frags = _frags_blank(text.split("\n"))
    assert _measure_modules(frags, Evidence(frags, p), p) == []


def test_a_runs_columns_go_on_past_another_modules_head_in_the_next_run():
    """pdfminer.six prints the rows of a module's k columns down to the level
    of the head of the module beside it, then that head and the column top
    beside it read down, then the rows of all the columns: the k columns go
    on in the first k columns of the next run (``period_carry_margin``),
    where their seams say so (a word broken across each)."""
    import pathlib
    import reflow
    page = pathlib.Path(__file__).parent / "gold" / "pages" / "g36" / "pdfminer.txt"
    text = reflow.write(reflow.clean(page.read_text(encoding="utf-8")), "text")
    for a, b in (("比增长41.2%；全市新能源汽", "车产业链规模以上企业实现营"),
                 ("企业负责人介绍，公司今", "年新投产的一条产线采用了全")):
        assert a + b in text.replace("\n", "")


@pytest.mark.parametrize("jump", [True, False])
def test_a_column_that_jumps_to_another_page_leaves_the_run_a_column_fewer(jump):
    """（下转第2版） ends its column's text on the page, as a paragraph's last
    line does: the rows under it interleave the other columns only
    (``period_jump_ends``); without it their lines are read a column off."""
    rules = copy.deepcopy(PERIOD)
    rules.rules["O603"].params["period_jump_ends"] = jump
    lines = wrap(PARAS[:4], 13)
    cols = columns(lines, 4)
    cols[3] = cols[3][:len(cols[0]) - 4] + ["（下转第2版）"]
    _, after, _ = order_stage_lines("\n".join(HEAD[:1] + [""] + _boxes(cols, set()).split("\n")), rules)
    want = flat(HEAD[:1] + [t for c in cols for t in c])
    assert (flat(after) == want) == jump


def _apart_page(block: int) -> list:
    """Frags of a page as default pdftotext prints two columns whose
    baselines are offset: each line alone between blank lines, the columns
    alternating row after row, then a brief printed as one block of
    ``block`` lines."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    rows = ["本报讯 河畔公园提升改造工程近日完工，园内新", "设的透水步道连通了东西两个入口，夜间照明灯",
            "建了一条环湖步道，全长约两公里，沿途设置了", "具也全部更换为节能产品。附近居民王阿姨说，",
            "休息座椅和饮水点，方便市民散步和锻炼身体。", "以前晚上不敢来，现在天黑后也常来走一走。"]
    brief = ["本报讯 城西社区食堂昨日正式开门迎客，主要面向", "辖区内的老年人和上班族，提供早中晚三餐，老年",
             "人凭卡就餐可享受八折优惠，每天接待居民三百", "余人次。食堂由街道委托专业餐饮企业运营，菜",
             "品每周更新，价格在全市同类食堂中处于较低水", "平。街道还为行动不便的老人提供送餐上门服务，",
             "由志愿者每天按时送到家中，目前已有六十多位", "老人登记使用。"][:block]
    frags, blank = [], 0
    for k, t in enumerate(rows + brief):
        f = _frag(t, Line(t, 1, k + 1), k, None, 0)
        blank += 1 if k < len(rows) + 1 else 0      # a blank line before each row, and before the brief
        f.blank = blank
        frags.append(f)
    return frags


@pytest.mark.parametrize("block,penalised", [(8, True), (3, False)])
def test_a_line_printed_alone_among_lines_alone_does_not_read_on_into_the_next(block, penalised):
    """O603 period_apart: default pdftotext prints a column's lines at its
    line pitch as one block; where it printed each line alone between blank
    lines, alternating columns, a full line that stops mid-sentence does not
    read on in order into the next line. Only on a page printed in blocks (a
    block of four lines or more, most lines not apart: not pdfminer.six's
    boxes of a line or a few each), and never from a line that ends its
    sentence."""
    from reflow.order.decoder import Evidence
    from reflow.order.period import _links
    frags = _apart_page(block)
    p = dict(PERIOD.rules["O603"].params)
    ev = Evidence(frags, p)
    on = _links(frags, ev, 2, p)
    off = _links(frags, ev, 2, {**p, "period_apart": 0.0})
    drop = on[0][1] - off[0][1]
    assert p["period_apart"] > 0
    assert drop == (pytest.approx(-p["period_apart"]) if penalised else 0.0)
    assert on[0][2] == off[0][2]                     # the link to the column's next line is untouched
    assert on[4][1] == off[4][1]                     # 锻炼身体。 ends its sentence
    assert all(on[k][1] == off[k][1] for k in range(6, len(frags)))   # the brief's block reads on


def _boxed(lines: list[str]) -> str:
    """Lines as pdfminer.six prints a page whose every line is a box of its own."""
    return "\n\n".join(lines) + "\n"


def _grid(cols: list[list[str]]) -> list[str]:
    """Columns interleaved row by row (a shorter column skips its last rows)."""
    return [c[r] for r in range(max(map(len, cols))) for c in cols if r < len(c)]


@pytest.mark.parametrize("weight", [6.0, 0.0])
def test_no_column_goes_on_in_a_report_first_line(weight):
    """Two modules of three columns one under the other, a line a box
    (pdfminer.six), the second opening with its dateline under a headline as
    wide as a column: the first module's columns stop mid-sentence at their
    foot (snaking columns), so read on by the period they would take the
    headline and the report's first line as their next lines, one run
    through both modules. A sentence does not go on in a report's first line
    (period_dateline): the first run ends above the headline, and its
    columns go on in each other, not in the module below."""
    text = ("今年以来，青禾市把老旧小区改造作为民生实事，全市共有一百二十个小区纳入改造计划，涉及居民四万多户。"
            "改造内容包括更新供水管网、整修屋面外墙、加装电梯和增设停车位，街道还邀请居民代表参与方案设计，"
            "施工期间设立现场接待点，及时回应居民的意见和建议，目前已有八十个小区完成主体工程，居民满意度明显提升。"
            "市住建局表示，下一步将继续完善长效管理机制，推动物业服务进小区，让改造成果惠及更多群众。")
    top = [text[k:k + 13] for k in range(0, len(text), 13)]
    top = [top[0:5], top[5:10], top[10:]]
    bottom = [["本报讯（记者林川）记者近日", "从青禾港务集团获悉，今年上", "半年青禾港完成货物吞吐量一",
               "亿二千万吨，同比增长百分之"],
              ["十一，其中集装箱吞吐量增长", "明显。港务集团有关负责人介", "绍，上半年新开通外贸航线四",
               "条，海铁联运班列开行八百列。"],
              ["下半年，港口将加快建设", "自动化码头，力争全年吞吐量", "再创新高，服务腹地进一步向", "内陆延伸。"]]
    mid = "青禾港上半年吞吐量增长约一成"
    page = _boxed(["青禾日报", "2025年7月9日 星期三", "第2版　经济", "老旧小区改造惠及四万户"] +
                  _grid(top) + [mid] + _grid(bottom) + ["责任编辑：苗一禾　版式设计：岑远舟"])
    rules = copy.deepcopy(PERIOD)
    rules.rules["O603"].params["period_dateline"] = weight
    _, after, state = order_stage_lines(page, rules)
    got = [l for l in after if l.strip()]
    nxt = dict(zip(got, got[1:]))
    note = next(e.note for e in state.tracer.events if e.code == "O603" and "interleaved" in e.note)
    spans = [(int(a), int(b)) for a, b in re.findall(r"lines (\d+)-(\d+): \d+ columns interleaved", note)]
    mid_no = 2 * (4 + sum(map(len, top))) + 1       # the headline's line number
    one_run = any(a < mid_no < b for a, b in spans)
    if weight:
        assert spans and not one_run, note
        assert nxt[top[0][-1]] == top[1][0] and nxt[top[1][-1]] == top[2][0]
        assert nxt[bottom[0][0]] == bottom[0][1] and nxt[bottom[0][-1]] == bottom[1][0]
    else:
        assert one_run, note                 # the failure the rule is there for
