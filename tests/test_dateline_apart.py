"""G519: a line that opens with a dateline starts its paragraph, so short
lines above it that OCR put in the same paragraph box (a sub set a little
larger than the text, not in display type) are cut off as a headline line."""
from __future__ import annotations

from pathlib import Path

import reflow
from reflow.engine import Options

PAGE = Path(__file__).resolve().parent / "gold" / "pages" / "g06" / "tesseract.hocr"
SUB = "業界憂司機適應需時\u3000乘客普遍歡迎"


def _first(disable: tuple[str, ...] = ()):
    return reflow.clean_file(PAGE, Options(disable=disable)).articles[0]


def test_a_sub_in_the_leads_paragraph_box_is_cut_off_and_read_as_the_sub():
    art = _first()
    assert art.subheadline == SUB
    assert art.paragraphs[0].text.startswith("【本報訊】")
    assert "G519" in {e.code for e in reflow.clean_file(PAGE, Options()).trace}


def test_without_g519_the_reader_geometry_joins_the_sub_to_the_lead():
    art = _first(("G519",))
    assert art.subheadline != SUB
    assert art.paragraphs[0].text.startswith("業界憂")


def test_lines_that_end_a_sentence_or_open_with_a_dateline_stay():
    text = ("記者昨日在旺角隨機訪問多名乘客，大部分表示歡迎。\n"
            "【本報訊】運輸署昨日宣布，由下月起在九龍區18條綠色專線小巴路線試行電子支付。\n")
    doc = reflow.clean(text, Options())
    assert "G519" not in {e.code for e in doc.trace}
