"""OCR pages: a sub over the text waits for no main headline read after it (G505 ``_interrupts``).

Tesseract may lose a main headline set in display type and keep the sub
under it (——…, which it reads as 一一…). A display line read later, after
text that OCR cut off mid-sentence, is then another report's headline: print
sets a sub under its main, never over one still to come. A kicker over the
text is another matter: OCR may read the column beside it before the main
headline, which then interrupts the text and stays with it.
"""
from __future__ import annotations

import reflow
from reflow.engine import Options


def _line(y: int, size: int, text: str) -> str:
    x1 = 100 + size * len(text)
    return ('<span class="ocr_line" title="bbox 100 %d %d %d; x_size %d">'
            '<span class="ocrx_word" title="bbox 100 %d %d %d; x_wconf 90">%s</span></span>'
            % (y, x1, y + size, size, y, x1, y + size, text))


def _par(*lines: str) -> str:
    return '<div class="ocr_carea"><p class="ocr_par">\n%s\n</p></div>' % "\n".join(lines)


def _page(top: str) -> str:
    """A stack line over a byline and a text OCR cut mid-sentence, then a
    headline in display type over a report whose dateline lost its first
    character (报讯 for 本报讯)."""
    return "\n".join([
        '<html><body><div class="ocr_page" title="bbox 0 0 1200 1600">',
        _par(_line(100, 60, top)),
        _par(_line(200, 40, "本报记者 王芳")),
        _par(_line(300, 40, "清晨，青禾县老旧小区改造后的口"),
             _line(350, 40, "袋公园里，老人们陆续走出家门，"),
             _line(400, 40, "长椅上坐满了晒太阳的居民。老")),
        _par(_line(500, 90, "城西三座口袋公园开放")),
        _par(_line(650, 40, "报讯（记者 李娜）11月3日，城西"),
             _line(700, 40, "新建的三座口袋公园向市民开放，"),
             _line(750, 40, "每座公园都配有健身器材。")),
        "</div></body></html>"])


def _heads(doc) -> list[tuple]:
    return [(a.kicker, a.headline) for a in doc.articles]


def test_a_sub_over_the_text_waits_for_no_main_read_after_it():
    doc = reflow.clean(_page("一一青禾县推进老旧小区改造见闻"), Options())
    assert len(doc.articles) == 2
    assert doc.articles[1].headline == "城西三座口袋公园开放"
    assert "报讯" in doc.articles[1].paragraphs[0].text


def test_a_kicker_over_the_text_takes_the_main_read_after_it():
    # must not change: a kicker's main may come after the column OCR read first
    doc = reflow.clean(_page("老城新貌"), Options())
    assert _heads(doc) == [("老城新貌", "城西三座口袋公园开放")]
