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


@pytest.mark.parametrize("source", ["pdftotext", "pdftotext-layout", "pdfminer", "tesseract",
                                    "pymupdf"])
def test_seam_terms_equal_their_definition_on_gold_pages(source):
    paths = sorted(GOLD.glob("*/%s.txt" % source))[::3]
    assert paths
    pairs = 0
    for path in paths:
        for frags, layout in _pages(path.read_text(encoding="utf-8")):
            dec = order.Decoder(frags, layout, P3)
            ev, fast = dec.ev, dec._seam_fn()
            for j in range(len(frags)):
                for i in range(max(0, j - 16), j):
                    plain = ev._seam_plain(i, frags[i], frags[j], j)
                    assert ev.seam_ij(i, j) == plain
                    assert ev.seam(i, frags[i], frags[j], j) == plain
                    assert fast(i, j) == dec._seam_info(i, j)
                    pairs += 1
    assert pairs > 100


def test_seam_of_lines_from_elsewhere_is_worked_out_from_them():
    text = "第一栏的第一行文字写到\n这里为止，然后第二栏\n开始另一段文字的内容\n自动驾驶公交车上路了"
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    frags = order.fragments(state.lines, False, RULES)[0]
    ev = order.Evidence(frags, P3)
    other = order.fragments(state.lines, False, RULES)[0]   # equal fragments, not the page's own
    for i in range(len(frags)):
        for j in range(len(frags)):
            assert ev.seam(i, other[i], other[j], j) == ev._seam_plain(i, frags[i], frags[j], j)
