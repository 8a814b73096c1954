"""Reading bytes: encodings, BOMs, form feeds, formats, script detection."""
from __future__ import annotations

import pytest

import reflow
from reflow.read import InputError, decode, detect_format, detect_lang, lines_from_text

TEXT = "本报讯（记者 张伟）星海市首条自动驾驶公交线路开通运营。首批投放的12辆巴士从高铁站出发。"
TRAD = "【本報訊】颱風「海鷗」持續朝東北方向移動，南嶼氣象站預估其暴風圈最快明天清晨接觸陸地。"


@pytest.mark.parametrize("data,expected", [
    (TEXT.encode("utf-8"), TEXT),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
    (TEXT.encode("utf-16"), TEXT),
    (TEXT.encode("gb18030"), TEXT),
    (TRAD.encode("big5"), TRAD),
])
def test_encodings(data, expected):
    assert decode(data)[0] == expected


def test_gb18030_and_big5_are_named_in_warnings():
    assert "GB18030" in decode(TEXT.encode("gb18030"))[1][0]
    assert "BIG5" in decode(TRAD.encode("big5"))[1][0]


def test_undecodable_names_offset():
    head = TEXT[:10].encode("utf-8")
    data = head + b"\xff\xfe\xfa" + b"abc"
    with pytest.raises(InputError, match="offset %d" % len(head)):
        decode(data)


def test_errors_replace_counts():
    data = b"abc\xff\xfedef"
    text, warnings = decode(data, "replace")
    assert text.count("\ufffd") == 2
    assert "2 undecodable" in warnings[0]


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_form_feed_pages_and_trailing_form_feed():
    lines = lines_from_text("第一页。\n\f第二页。\n\f")
    assert [(l.page, l.text) for l in lines] == [(1, "第一页。"), (2, "第二页。")]
    doc = reflow.clean("第一页。\n\f第二页。\n\f")
    assert doc.pages == 2


def test_line_numbers_and_indent():
    lines = lines_from_text("\n\n　　第一行\n  第二行\r\n第三行")
    assert [(l.lineno, l.indent, l.blank_before) for l in lines] == [(3, 2.0, 2), (4, 1.0, 0), (5, 0.0, 0)]


def test_detect_format():
    assert detect_format(TEXT) == "text"
    assert detect_format('<?xml version="1.0"?><html><body><div class="ocr_page">') == "hocr"
    assert detect_format('<?xml version="1.0"?><alto xmlns="x">') == "alto"


def test_detect_lang():
    assert detect_lang(TEXT) == "zh-Hans"
    assert detect_lang(TRAD) == "zh-Hant"
    assert reflow.clean(TRAD).lang == "zh-Hant"


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
<div class="ocr_page" id="page_1" title="bbox 0 0 1000 1000">
<div class="ocr_carea" id="block_1_1" title="bbox 0 0 500 500">
<p class="ocr_par" id="par_1_1" title="bbox 0 0 500 100">
<span class="ocr_header" id="line_1_1" title="bbox 0 0 500 40"><span class="ocrx_word" title="bbox 0 0 40 40; x_wconf 90">荷</span> <span class="ocrx_word" title="bbox 40 0 80 40; x_wconf 91">塘</span><span class="ocrx_word" title="bbox 80 0 120 40; x_wconf 92">消夏</span></span>
</p>
<p class="ocr_par" id="par_1_2" title="bbox 0 100 500 300">
<span class="ocr_line" id="line_1_2" title="bbox 0 100 500 140; x_size 30"><span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">新</span> <span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">华</span> <span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">社</span><span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">电，市民</span></span>
<span class="ocr_line" id="line_1_3" title="bbox 0 150 500 190"><span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">前来观赏。</span></span>
<span class="ocr_textfloat" id="line_1_4" title="bbox 0 200 500 240"><span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">Flappy</span> <span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">Bird</span></span>
<span class="ocr_caption" id="line_1_5" title="bbox 0 250 500 290"><span class="ocrx_word" title="bbox 0 100 40 140; x_wconf 90">上图：荷花。</span></span>
</p></div></div></body></html>"""


def test_hocr_read_as_text():
    from reflow.ocrxml import hocr_lines
    lines = hocr_lines(HOCR)
    assert [l.text for l in lines] == ["荷 塘 消夏", "新 华 社 电，市民", "前来观赏。", "Flappy Bird",
                                       "上图：荷花。"]
    assert [l.par_start for l in lines] == [True, True, False, False, False]
    assert lines[1].font_size == 30.0 and lines[0].conf == 0.91


def test_hocr_cleaned_by_auto_detection():
    doc = reflow.clean(HOCR)
    text = reflow.write(doc, "text")
    assert "荷塘消夏" in text
    assert "新华社电，市民前来观赏。" in text
    assert "Flappy Bird" in text


def test_hocr_doctype_never_loaded_and_entities_not_expanded():
    hostile = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               '<html><body><div class="ocr_page"><span class="ocr_line">'
               '<span class="ocrx_word">&xxe;正文</span></span></div></body></html>')
    doc = reflow.clean(hostile)
    assert "root:" not in reflow.write(doc, "text")
