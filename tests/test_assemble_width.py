"""The line-break decider (J301): the column's typical width
(``assemble._second_widest``) equals its definition, the middle of the three
widest lines, the widest of one or two; and the decisions a line's marks settle."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reflow.assemble import _second_widest


def definition(widths: list[float], min_lines: int) -> float | None:
    if len(widths) < min_lines:
        return None
    top = sorted(widths, reverse=True)[:3]
    return top[(len(top) - 1) // 2]


@given(st.lists(st.floats(min_value=0, max_value=60, allow_nan=False), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=4))
def test_property_second_widest_equals_its_definition(widths, min_lines):
    assert _second_widest(list(widths), min_lines) == definition(widths, min_lines)


def test_second_widest_ignores_one_stray_wide_line():
    assert _second_widest([12.0, 30.0, 12.5, 11.0], 2) == 12.5
    assert _second_widest([12.0, 11.0], 2) == 12.0
    assert _second_widest([12.0], 2) is None


def _decider(texts: list[str]):
    from reflow.assemble import Decider
    from reflow.model import Line
    from reflow.rules import load_rules
    lines = [Line(t, 1, k + 1) for k, t in enumerate(texts)]
    for line in lines:
        line.label = "body"
    return Decider(lines, load_rules().rules["J301"].params)


def test_a_line_opening_with_a_dash_under_a_line_without_marks_is_a_sub():
    """A line as wide as its column but holding no mark of a sentence, over a
    line that opens with a dash: a main headline and its sub, not a sentence
    going on (the column's measure alone cannot tell here)."""
    d = _decider(["【記者林怡君／南岬報導】濱海公", "路拓寬工程昨日完工，南岬至北",
                  "南岬至北灣通行時間縮短了", "——全線雙向四車道設自行車道",
                  "灣全長18公里改為雙向四車道，", "通行時間由40分鐘縮短至25分"])
    assert d.decide(2) == (False, "a sub's dash opens the next line under a headline")


def test_a_dash_that_goes_on_a_sentence_is_joined():
    d = _decider(["【記者林怡君／南岬報導】濱海公", "路拓寬工程昨日完工，南岬至北",
                  "他说，最难忘的是第一次登台", "——那天台下坐满了从村里来的",
                  "灣全長18公里改為雙向四車道，", "通行時間由40分鐘縮短至25分"])
    assert d.decide(2)[0] is True


def test_a_phrase_set_apart_by_blank_lines_is_no_sentence_going_on():
    """A line with no mark at all after two blank lines and before another
    (-layout's kicker over a stack: 绿色转型按下“加速键”) stands alone, however
    full it looks against the column: a headline's phrase, not a sentence
    that goes on across the blank line. Both scripts."""
    from pathlib import Path

    import opencc

    import reflow
    raw = (Path(__file__).parent / "gold" / "pages" / "g39" / "pdftotext-layout.txt").read_text(encoding="utf-8")
    conv = opencc.OpenCC("s2t").convert
    for text, kicker in ((raw, "绿色转型按下“加速键”"), (conv(raw), conv("绿色转型按下“加速键”"))):
        assert kicker in [a.kicker for a in reflow.clean(text).articles]


def _indented_decider(texts: list[str], indents: dict[int, float]):
    from reflow.assemble import Decider
    from reflow.model import Line
    from reflow.rules import load_rules
    lines = [Line(t, 1, k + 1, indent=indents.get(k, 0.0)) for k, t in enumerate(texts)]
    return Decider(lines, load_rules().rules["J301"].params)


def test_a_first_line_short_by_the_indent_that_stops_mid_sentence_goes_on():
    """A paragraph's first line that shows no indent, but is short by about
    one, after a sentence's end, stopping mid-sentence on a Han character: the
    extractor gave its indent to the line under it (-layout's drift). The
    paragraph goes on there; a line that ends its sentence does not. Both
    scripts."""
    import opencc
    conv = opencc.OpenCC("s2t").convert
    body = ["图书馆方面介绍，今年年底前还", "将新增三个借阅点，方便市民。", "此外，该馆还将推出夏夜读",
            "书会系列活动，每周六晚邀", "请作家学者与读者面对面交流读", "书体会，首场活动已经报满了。",
            "馆方表示，活动全部免费参加，", "市民可通过官方网站提前预约。"]
    for texts in (body, [conv(t) for t in body]):
        k = 2
        d = _indented_decider(texts, {0: 2.0, 3: 2.0})
        assert d.decide(k)[0] is True
        ended = list(texts)
        ended[k] = texts[k][:-1] + "。"
        d = _indented_decider(ended, {0: 2.0, 3: 2.0})
        assert d.decide(k)[0] is False


def test_cleaned_text_of_a_short_page_is_cleaned_the_same_again():
    """reflow's text output of a short page (two headline lines and one
    paragraph, a blank line after each) is whole paragraphs: its blank lines
    are no extractor's noise, so cleaning it again changes nothing (found by
    the thorough profile's idempotence property). Both scripts."""
    import opencc

    import reflow
    raw = ("星海日报\n2025年1月1日 星期三\n第1版\u3000要闻\n城市治水迈入“数字时代”\n星海智慧书屋投入使用\n"
           "\u3000\u3000市民可以通过\n手机查看实时信\n息，这一做法值得\n推广。\n责任编辑：张伟\n")
    for text in (raw, opencc.OpenCC("s2t").convert(raw)):
        once = reflow.write(reflow.clean(text), "text")
        assert "\n\n市民" in once or "\n\n市民" in opencc.OpenCC("t2s").convert(once)
        assert reflow.write(reflow.clean(once), "text") == once


def test_caption_heads_takes_the_line_over_a_caption_and_its_credit():
    """caption_heads: a short line without marks over a wider caption line
    that ends a sentence over a credit is the photo item's headline; the
    first line of a wrapped caption (at least as wide as its end) is not."""
    d = _decider(["丰收的喜悦写在农民脸上，今年全镇水稻长势良好。", "雨夜里的城市守护者",
                  "9月19日晚，排水工人在青川大道疏通管道。", "本报记者 王林 摄"])
    d.lines[3].label = "credit"
    assert d._heads_a_caption(1)
    assert d.decide(1) == (False, "the line heads a photo's caption and credit: a headline")
    wrapped = _decider(["丰收的喜悦写在农民脸上，今年全镇水稻长势良好。", "雨夜里排水工人在青川大道冒雨疏通堵塞的",
                        "管道。", "本报记者 王林 摄"])
    wrapped.lines[3].label = "credit"
    assert not wrapped._heads_a_caption(1)
    assert wrapped.decide(1)[0] is True


def test_heads_indented_takes_a_markless_line_over_an_indented_line_as_a_heading():
    """heads_indented: no mark, under a paragraph's end, over a line short by
    the dropped indent (then full lines): a heading. Not when the line under
    it holds Latin letters (OCR's garble), whose width is only a guess."""
    body = ["推出“冬日探宝”研学计", "划，面向中小学生开设文", "物修复、考古体验和手工", "制作等活动二十余场。"]
    d = _decider(["游乐区，深受居民欢迎。", "市博物馆推出寒假研学活动", "寒假将至，市博物馆"] + body)
    assert d.decide(1) == (False, "a line without marks between a paragraph's end and an indented first line: a heading")
    ocr = _decider(["游乐区，深受居民欢迎。", "市博物馆推出寒假研学活动", "HT, 寒假将至市博物"] + body)
    assert not ocr._heads_a_paragraph(1)
