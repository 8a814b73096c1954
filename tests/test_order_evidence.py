"""The order stage's seam evidence, as the decoders read it, equals its plain definition.

``Evidence.seam_ij`` (and the decoder's closure over lists, ``Decoder._seam_fn``)
read each fragment's n-gram ends, marks and paragraph-shape terms from lists
made once per page; ``Evidence._seam_plain`` and ``Decoder._seam_info`` work
them out from the fragments, as first written. Both must give the same score
for every seam a decoder may try on the gold pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reflow import order
from reflow.engine import Options, State
from reflow.model import Document
from reflow.read import lines_from_text
from reflow.rules import load_rules
from tests.test_order_search import _pages

RULES = load_rules()
GOLD = Path(__file__).resolve().parent / "gold" / "pages"
P3 = RULES.rules["O603"].params
DATELINE = RULES.rules["J301"].params["dateline_pattern"]


@pytest.mark.parametrize("source", ["pdftotext", "pdftotext-layout", "pdfminer", "tesseract",
                                    "pymupdf"])
def test_seam_terms_equal_their_definition_on_gold_pages(source):
    paths = sorted(GOLD.glob("*/%s.txt" % source))[::3]
    assert paths
    pairs = 0
    for path in paths:
        for frags, layout in _pages(path.read_text(encoding="utf-8")):
            dec = order.Decoder(frags, layout, P3, DATELINE)
            ev, fast = dec.ev, dec._seam_fn()
            for j in range(len(frags)):
                for i in range(max(0, j - 16), j):
                    plain = ev._seam_plain(i, frags[i], frags[j], j)
                    assert ev.seam_ij(i, j) == plain
                    assert ev.seam(i, frags[i], frags[j], j) == plain
                    assert fast(i, j) == dec._seam_info(i, j)
                    pairs += 1
    assert pairs > 100


@pytest.mark.parametrize("head,full,dateline", [
    ("书屋开到家门口", "连日来，江南市多个社区的居民在家门口用上了", "本报讯（记者 林川）连日来，江南"),
    ("書屋開到家門口", "連日來，江南市多個社區的居民在家門口用上了", "本報訊（記者 林川）連日來，江南")])
def test_a_report_opens_after_a_headline_not_inside_a_sentence(head, full, dateline):
    """A line that opens with a report's dateline goes on after a headline (no
    mark of a sentence) and not after a full column line that stops mid-sentence."""
    text = "\n".join([head, full, full, full, dateline])
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    frags = order.fragments(state.lines, False, RULES)[0]
    with_it = order.Evidence(frags, P3, opens=DATELINE)
    without = order.Evidence(frags, P3)
    w = P3["w_report"]
    assert w > 0
    assert with_it.seam_ij(0, 4) == pytest.approx(without.seam_ij(0, 4) + w)
    assert with_it.seam_ij(3, 4) == pytest.approx(without.seam_ij(3, 4) - w)
    assert with_it.seam_ij(0, 1) == without.seam_ij(0, 1)     # no dateline: no say


def test_seam_of_lines_from_elsewhere_is_worked_out_from_them():
    text = "第一栏的第一行文字写到\n这里为止，然后第二栏\n开始另一段文字的内容\n自动驾驶公交车上路了"
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    frags = order.fragments(state.lines, False, RULES)[0]
    ev = order.Evidence(frags, P3)
    other = order.fragments(state.lines, False, RULES)[0]   # equal fragments, not the page's own
    for i in range(len(frags)):
        for j in range(len(frags)):
            assert ev.seam(i, other[i], other[j], j) == ev._seam_plain(i, frags[i], frags[j], j)


@pytest.mark.parametrize("source", ["pdftotext", "pdfminer", "tesseract"])
def test_seam_terms_with_the_word_list_equal_their_definition(source):
    """The period decoder keeps the bigrams of Chinese words (``reflow.hanlex``)
    in its evidence: the precomputed terms give what the plain definition gives,
    and some seam on these pages is scored by the word list."""
    from reflow.order.decoder import Evidence
    paths = sorted(GOLD.glob("*/%s.txt" % source))[::4]
    by_words = 0
    for path in paths:
        for frags, layout in _pages(path.read_text(encoding="utf-8")):
            if layout:
                continue
            ev = Evidence(frags, P3)
            for j in range(len(frags)):
                for i in range(max(0, j - 8), j):
                    assert ev.seam_ij(i, j) == ev._seam_plain(i, frags[i], frags[j], j)
                    ta, tb = ev._tail_gram[i], ev._head_gram[j]
                    if ta and tb and ta[-1] + tb[0] not in ev.grams and \
                            ev._ngram_ij(i, j) > 0:
                        by_words += 1
    assert by_words > 0


def test_a_short_line_and_a_headline_get_nothing_from_the_word_list():
    """A line breaks inside a word only when it is full, and goes on in a
    column's line: a short line before the seam, or a short line without a
    sentence end after it (a headline), earns nothing from the words of Chinese."""
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.model import Line
    texts = ["临溪县的稻田陆续进入收割期，丰", "收的稻谷当天就能烘干入仓，再也", "不用担心连续阴雨造成霉变问题。",
             "合作社今年新添了两台烘干设备，", "农户普遍反映收成比去年好得多。", "这里迎来丰", "收季节里的田野",
             "稻谷收下来当天就能烘干入仓了。"]
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    ev = Evidence(frags, P3)
    assert ev._ngram_ij(0, 1) > 0               # 丰|收 between two full lines
    assert ev._ngram_ij(5, 1) < 0               # after a short line: nothing from the words
    assert ev._ngram_ij(0, 6) < 0               # before a headline-like short line: nothing
    ev.without_lexicon()
    assert ev._ngram_ij(0, 1) < 0               # the page's own bigrams do not know 丰收


_MERGED_ROWS = {
    "zh-Hans": ["书屋开到家门口", "", "社区图书馆", "",
                "本报讯（记者 林川）连日来，江 借阅记录还能同步到全市公共图",
                "南市多个社区的居民在家门口用 书馆系统。退休工人周大爷说，",
                "上了新建的智慧书屋。书屋配备 以前去市图书馆要坐四十分钟公",
                "自助借还设备和电子阅读屏，全 交车，现在下楼走几步就能借到"],
    "zh-Hant": ["書屋開到家門口", "", "社區圖書館", "",
                "本報訊（記者 林川）連日來，江 借閱記錄還能同步到全市公共圖",
                "南市多個社區的居民在家門口用 書館系統。退休工人周大爺說，",
                "上了新建的智慧書屋。書屋配備 以前去市圖書館要坐四十分鐘公",
                "自助借還設備和電子閱讀屏，全 交車，現在下樓走幾步就能借到"],
}


def _merged_frags(rows):
    state = State(lines_from_text("\n".join(rows)), RULES, Options(), Document("", ""))
    return order.fragments(state.lines, False, RULES)[0]


@pytest.mark.parametrize("script", sorted(_MERGED_ROWS))
def test_a_merged_line_goes_on_in_the_piece_below_it_in_its_block(script):
    """Default pdftotext prints a block of one column's lines, a blank line
    after it, the lines of the columns beside it that stood on the same
    baselines appended to them: where two text lines of one block are cut into
    as many column lines, piece k of the first goes on in piece k of the
    second (``w_block``)."""
    frags = _merged_frags(_MERGED_ROWS[script])
    assert [f.row for f in frags] == [0, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    w = P3["w_block"]
    assert w > 0
    ev = order.Evidence(frags, P3)
    plain = order.Evidence(frags, dict(P3, w_block=0.0))
    for i, j in [(2, 4), (3, 5), (4, 6), (5, 7), (6, 8), (7, 9)]:
        assert ev.seam_ij(i, j) == pytest.approx(plain.seam_ij(i, j) + w)
        assert ev._seam_plain(i, frags[i], frags[j], j) == ev.seam_ij(i, j)
    for i, j in [(2, 5), (3, 4), (2, 6), (4, 3), (0, 1), (1, 2)]:
        assert ev.seam_ij(i, j) == plain.seam_ij(i, j)     # another column, or not the row below
    # the search over merged rows has its own term for the rows' places (w_slot)
    dec = order.Decoder(frags, False, P3)
    bare = order.Evidence(frags, dict(P3, w_block=0.0), words=False)
    assert dec.ev.seam_ij(2, 4) == bare.seam_ij(2, 4)


@pytest.mark.parametrize("script", sorted(_MERGED_ROWS))
def test_merged_lines_of_two_blocks_do_not_line_up(script):
    """A blank line ends pdftotext's block: the next text line starts another
    block, whose pieces need not stand under this one's (columns of offset
    baselines pair up differently). A page printed without blank lines shows
    no blocks, and a -layout page's pieces are placed by their start cells."""
    page = _MERGED_ROWS[script]
    frags = _merged_frags(page[:6] + [""] + page[6:])
    assert [f.row for f in frags] == [0, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert frags[6].blank == frags[5].blank + 1
    ev = order.Evidence(frags, P3)
    plain = order.Evidence(frags, dict(P3, w_block=0.0))
    assert ev.seam_ij(2, 4) == pytest.approx(plain.seam_ij(2, 4) + P3["w_block"])
    assert ev.seam_ij(4, 6) == plain.seam_ij(4, 6)          # across the blank line
    assert ev.seam_ij(5, 7) == plain.seam_ij(5, 7)
    assert ev.seam_ij(6, 8) == pytest.approx(plain.seam_ij(6, 8) + P3["w_block"])
    bare = _merged_frags([line for line in page if line])
    assert not order.Evidence(bare, P3)._below
    for f in frags:
        f.x = 0 if f.piece == 0 else 20
    assert not order.Evidence(frags, P3)._below


_FEET = ["书屋开到家门口", "",
         "由城市学校的骨干教师", "负责线上主讲，乡村学", "校的教师在教室里组织", "互动、辅导答疑。截至", "今年七月，全县已有四", "",
         "王芳", "",
         "上了新课，学生们也能", "上到高质量的课程。据", "县教育局统计，实施两", "年来，参与学校学生的", "",
         "生，他们不是旁观者，", "而是课堂的共同设计者", "。一些年轻教师也在这", "个过程中快速成长。毕", "",
         "清晨七点，云澜县青川 高了八分，学生对英语 教，她通过共同体参与",
         "镇中心小学五年级教室 科学等课程的兴趣明显 了二十多次集体备课，"]


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_no_foot_of_a_column_goes_on_in_a_later_foot(script):
    """Default pdftotext may print the feet of neighbouring columns as solid
    blocks one after the other, left to right, each stopping mid-sentence, a
    byline's names printed apart between two of them: the seam into a later
    foot from any earlier one, or from the names between, pays
    w_solid_apart (dev p05), not only the seam right before it."""
    rows = _FEET
    if script == "zh-Hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        rows = [conv.convert(t) for t in rows]
    frags = _merged_frags(rows)
    assert [f.flat[:2] for f in frags[5:8]] == [conv.convert(t) for t in ["今年", "王芳", "上了"]] \
        if script == "zh-Hant" else ["今年", "王芳", "上了"]
    dec = order.Decoder(frags, False, P3)
    plain = order.Decoder(frags, False, dict(P3, w_solid_apart=0.0))
    w = P3["w_solid_apart"]
    assert w > 0
    for i, j in [(5, 7), (6, 7), (5, 11), (10, 11)]:     # feet 1, 2, 3 and the names
        assert dec._seam_info(i, j)[0] == pytest.approx(plain._seam_info(i, j)[0] - w)
        assert dec._seam_fn()(i, j) == dec._seam_info(i, j)
    for i, j in [(1, 2), (7, 8), (0, 1)]:            # inside a foot, a headline over it
        assert dec._seam_info(i, j)[0] == plain._seam_info(i, j)[0]


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_the_search_links_a_bracket_left_open_to_the_line_that_closes_it(script):
    """A column line that leaves a round bracket open (a dateline's byline cut
    by the line's end: 本报讯（记者) goes on in the line that closes it (柳岸）从…),
    in the search as in the period pass (w_bracket, as period_bracket), not
    in a line beside it that closes none."""
    from reflow.model import Line
    from reflow.order.columns import _frag
    texts = [("本报讯（记者", 0, 0), ("江南市多个社区的居民在家", 0, 1),
             ("柳岸）连日来，江南市多个", 1, 0), ("门口用上了新建的智慧书屋", 1, 1)]
    if script == "zh-Hant":
        import opencc
        conv = opencc.OpenCC("s2t")
        texts = [(conv.convert(t), r, k) for t, r, k in texts]
    frags = [_frag(t, Line(t, 1, r + 1), r, None, k) for t, r, k in texts]
    w = P3["w_bracket"]
    assert w > 0
    for layout in (False, True):
        dec = order.Decoder(frags, layout, P3)
        plain = order.Decoder(frags, layout, dict(P3, w_bracket=0.0))
        assert dec._seam_info(0, 2)[0] == pytest.approx(plain._seam_info(0, 2)[0] + w)
        assert dec._seam_info(0, 3)[0] == plain._seam_info(0, 3)[0]
        assert dec._seam_info(1, 2)[0] == plain._seam_info(1, 2)[0]
        assert dec._seam_fn()(0, 2) == dec._seam_info(0, 2)


def test_a_line_a_little_wider_than_the_widest_measure_is_full_for_the_word_list():
    """O603 lexicon_wide: marks set half an em where two meet (”，), curly
    quotes and digits make a full line look wider than its measure in em: a
    line up to lexicon_wide em wider than the page's widest measure that stops
    inside a word goes on in the line that completes it; a line far wider
    (a headline across the columns) gets nothing from the words."""
    from reflow.order.columns import _frag
    from reflow.order.decoder import Evidence
    from reflow.model import Line
    texts = ["临溪县的稻田陆续进入收割期，丰收", "的稻谷当天就能烘干入仓，再也不用",
             "担心连续阴雨造成霉变问题。合作社", "今年新添了两台“烘干设备”，农户很喜",   # 17 em: one over
             "悦，都说年景比去年好得多，真高兴。",
             "临溪县今年稻谷获得好收成烘干设备解决了农户心头难题喜"]                     # 26 em: far over
    frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(texts)]
    ev = Evidence(frags, P3)
    assert P3["lexicon_wide"] > 0 and frags[3].width > max(ev.modes)
    assert ev._ngram_ij(3, 4) > 0               # 喜|悦 after the wide full line
    assert ev.seam_ij(3, 4) == ev._seam_plain(3, frags[3], frags[4], 4)
    assert ev._ngram_ij(5, 4) < 0               # after a line far wider: nothing from the words
    off = Evidence(frags, {**P3, "lexicon_wide": 0.0})
    assert off._ngram_ij(3, 4) < 0
