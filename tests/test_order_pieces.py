"""O608: the pieces of a column that default pdftotext printed apart, read
on into each other (reflow/order/pieces.py)."""
from __future__ import annotations

from reflow.model import Line
from reflow.order.columns import _frag
from reflow.order.decoder import Evidence
from reflow.order.pieces import linked_units, printed_in_blocks, units_of
from reflow.rules import load_rules

RULES = load_rules()
P3 = RULES.rules["O603"].params
P8 = RULES.rules["O608"].params


def _page(blocks: list[list[str]]):
    """Fragments of blocks of lines, a blank line between blocks, and the
    blocks as units (indices)."""
    frags, units, k = [], [], 0
    for b, block in enumerate(blocks):
        units.append([])
        for t in block:
            f = _frag(t, Line(t, 1, k + 1), k, None, 0)
            f.blank = b
            frags.append(f)
            units[-1].append(k)
            k += 1
    return frags, units


def _texts(frags, units):
    return [frags[u[0]].flat[:4] for u in units]


TOP = ["本报讯江南市城东街道新建的智慧书屋近日",
       "正式开放，书架上摆放着三千多册图书。据",
       "街道负责社区文化工作的工作人员王芳介"]
OTHER = ["退休教师周大爷告诉记者，他几乎每",   # a paragraph's first line: the indent lost
         "天都来看报纸，他说书屋很方便。"]
REST = ["绍，书屋由街道提供场地，图书馆负责配送",
        "图书并定期轮换，志愿者则轮流值班管理。"]


def test_a_piece_goes_on_in_the_piece_that_completes_its_word():
    frags, units = _page([TOP, OTHER, REST])
    links: list = []
    got = linked_units(frags, units, Evidence(frags, P3, True), P8, links)
    assert _texts(frags, got) == ["本报讯江", "绍，书屋", "退休教师"]
    assert len(links) == 1 and links[0][2] is not None


def test_the_one_pair_left_goes_on_whatever_its_seam():
    top = TOP[:2] + ["街道负责社区文化工作的工作人员王芳说明"]
    rest = ["天每晚，书屋由街道提供场地，图书馆配送"] + REST[1:]
    frags, units = _page([top, OTHER, rest])
    links: list = []
    got = linked_units(frags, units, Evidence(frags, P3, True), P8, links)
    assert _texts(frags, got) == ["本报讯江", "天每晚，", "退休教师"]
    assert links and links[0][2] is None
    # two such pairs left: neither is sure, nothing moves
    other = OTHER[:1] + ["天都来这里看报纸，他说书屋开到家门口以后"]
    frags, units = _page([top, other, rest, ["很充实，邻居们也常常来这里坐一坐聊天。"] * 1 + REST[1:]])
    got = linked_units(frags, units, Evidence(frags, P3, True), P8)
    assert [u[0] for u in got] == [u[0] for u in units]


def test_units_cut_where_a_stream_was_printed_apart():
    frags, units = _page([TOP, OTHER, REST])
    stream = [j for u in (units[0], units[2]) for j in u]
    assert units_of(frags, [stream, units[1]], []) == [units[0], units[2], units[1]]


def test_blocks_count_printed_lines_not_pieces():
    """pdfminer.six's box of two lines stays a box of two lines when a Latin
    word space cuts one of its lines into pieces; three printed lines in one
    block are pdftotext's column block."""
    frags = []
    for k, t in enumerate(["社企创办人陈嘉敏（Karen Chan）表示，", "厨房每天供应饭盒。"]):
        line = Line(t, 1, k + 1)
        for _ in range(2):                 # two pieces of one printed line
            f = _frag(t, line, k, None, 0)
            f.blank = 0
            frags.append(f)
    assert not printed_in_blocks(frags, 3)
    frags, _ = _page([TOP])
    for f in frags:
        f.blank = 0
    assert printed_in_blocks(frags, 3)
    assert not printed_in_blocks(frags, 4)
