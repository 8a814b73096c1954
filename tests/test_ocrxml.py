"""OCR XML input: hOCR, ALTO and PAGE read into lines in reading order, safely.

The fixtures in tests/fixtures/ocr are one small two-column page with a
headline spanning both columns, written in each format version (hOCR as
Tesseract writes it, ALTO v2/v3/v4, PAGE 2013/2019; ``make_fixtures.py``
writes them). The engine's line order is scrambled (right column first,
headline in the middle, one row of both columns merged into one line with a
column rule read as ``|``); the expected text is in ``expected-2col.txt``.
Hostile and broken files each end in a one-line ``InputError`` or a safe parse,
within a bounded time (a worker thread joined with a timeout; no wall-clock
assertions).
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import reflow
from reflow.geometry import Word, join_words
from reflow.ocrxml import hocr_lines, ocr_read, parse_xml, sniff_format
from reflow.read import InputError
from reflow.rules import load_rules

FIX = Path(__file__).resolve().parent / "fixtures" / "ocr"
EXPECTED = (FIX / "expected-2col.txt").read_text(encoding="utf-8")
FILES = [("tesseract-2col.hocr", "hocr"), ("alto-v2.xml", "alto"), ("alto-v3.xml", "alto"),
         ("alto-v4.xml", "alto"), ("page-2013.xml", "page"), ("page-2019.xml", "page")]
BOUND = 60  # seconds a hostile input may take at most before the test calls it a hang


def bounded(fn, *args, **kwargs):
    """Run fn in a worker thread; fail if it does not finish within BOUND.
    Returns ("ok", value) or ("error", exception)."""
    box: dict = {}

    def run():
        try:
            box["ok"] = fn(*args, **kwargs)
        except BaseException as e:  # noqa: BLE001 - the test inspects it
            box["error"] = e
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(BOUND)
    assert not t.is_alive(), "did not finish: a hang"
    return ("error", box["error"]) if "error" in box else ("ok", box["ok"])


def one_line_input_error(fn, *args, **kwargs) -> str:
    kind, got = bounded(fn, *args, **kwargs)
    assert kind == "error" and isinstance(got, InputError), got
    msg = str(got)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


def text_of(source, **opts) -> str:
    return reflow.write(reflow.clean(source, **opts), "text")


# ---------------------------------------------------------------- the formats
@pytest.mark.parametrize("name,fmt", FILES)
def test_every_format_version_reads_the_page_in_reading_order(name, fmt):
    data = (FIX / name).read_bytes()
    assert text_of(data, from_format=fmt) == EXPECTED


@pytest.mark.parametrize("name,fmt", FILES)
def test_auto_detection_recognises_the_format(name, fmt):
    data = (FIX / name).read_bytes()
    assert sniff_format(data.decode("utf-8")) == fmt
    assert text_of(data) == EXPECTED


def test_sniff_format_plain_text_and_other_xml():
    assert sniff_format("新华社北京7月28日电") == "text"
    assert sniff_format("<?xml version='1.0'?><!-- c --><tei/>") == "text"
    assert sniff_format('<?xml version="1.0"?>\n<alto:alto xmlns:alto="x">') == "alto"


def test_hocr_lines_carry_geometry_and_provenance():
    got = ocr_read((FIX / "tesseract-2col.hocr").read_text(encoding="utf-8"), "hocr")
    lines = got.lines
    assert lines[0].text == "通栏大标题示例" and lines[0].font_size == 80.0
    assert [l.text for l in lines[1:3]] == ["第一段从这里开始", "写到这里还没有写完整"]
    first = lines[1]
    assert first.indent == pytest.approx(2.0, abs=0.3) and first.par_start is True
    assert lines[2].indent == 0.0 and lines[2].par_start is False
    assert first.box_id == "line_1_6" and first.bbox == (180.0, 240.0, 496.0, 276.0)
    assert all(l.conf is not None and 0.0 <= l.conf <= 1.0 for l in lines)
    # the merged row became one line in each column, both from source line 3
    merged = [l for l in lines if l.box_id == "line_1_3"]
    assert [l.text for l in merged] == ["个句子，接着写这里。", "第三段说Big Data"]
    assert merged[0].lineno == merged[1].lineno == 3


def test_stray_glyph_is_recorded_as_removed_not_text():
    got = ocr_read((FIX / "tesseract-2col.hocr").read_text(encoding="utf-8"), "hocr")
    assert not any("|" in l.text for l in got.lines)
    assert [(r.text, r.rule, r.line) for r in got.removed] == [("|", "O704", 3)]
    assert any(e.code == "O704" and e.kind == "remove" for e in got.events)


def test_rules_switched_off():
    text = (FIX / "tesseract-2col.hocr").read_text(encoding="utf-8")
    keep = ocr_read(text, "hocr", load_rules(disabled=["O704"]))
    assert any("|" in l.text for l in keep.lines) and not keep.removed
    spaced = ocr_read(text, "hocr", load_rules(disabled=["O703"]))
    assert spaced.lines[0].text == "通 栏 大 标 题 示 例"
    unordered = ocr_read(text, "hocr", load_rules(disabled=["O701"]))
    assert unordered.lines[0].text.startswith("行，然后转到右栏继续")
    plain = ocr_read(text, "hocr", load_rules(disabled=["O702"]))
    assert all(l.par_start is None and l.indent == 0.0 for l in plain.lines)


def test_pages_keep_their_order():
    page = '<div class="ocr_page" title="bbox 0 0 800 600">%s</div>'
    line = ('<span class="ocr_line" title="bbox 100 %d 400 %d"><span class="ocrx_word" '
            'title="bbox 100 %d 400 %d">%s</span></span>')
    doc = ("<html><body>" + page % (line % (300, 340, 300, 340, "第一页下面一行。")) +
           page % (line % (100, 140, 100, 140, "第二页上面一行。")) + "</body></html>")
    lines = ocr_read(doc, "hocr").lines
    assert [(l.page, l.text) for l in lines] == [(1, "第一页下面一行。"), (2, "第二页上面一行。")]
    assert reflow.clean(doc).pages == 2


def test_hocr_lines_is_the_plain_reading():
    lines = hocr_lines((FIX / "tesseract-2col.hocr").read_text(encoding="utf-8"))
    assert lines[0].text == "行 ， 然 后 转 到 右 栏 继 续"   # as the file has it


# ---------------------------------------------------------------- word glue
def _w(text, x0, x1, space=None):
    return Word(text, (x0, 0, x1, 40), 0.9, space)


@pytest.mark.parametrize("words,expected", [
    ([_w("新", 0, 36), _w("华", 40, 76), _w("社", 80, 116)], "新华社"),
    ([_w("采", 0, 36), _w("用", 40, 76), _w("end-to-end", 80, 300), _w("的", 304, 340)], "采用end-to-end的"),
    ([_w("Hugging", 0, 140), _w("Face", 152, 230)], "Hugging Face"),
    ([_w("12", 0, 40), _w(".6", 41, 70)], "12.6"),
    ([_w("Wi", 0, 40), _w("Fi", 60, 100, space=False)], "WiFi"),
    ([_w("本", 0, 36), _w("报", 38, 74), _w("记", 76, 112), _w("者", 114, 150),
      _w("刘", 190, 226), _w("洋", 228, 264)], "本报记者 刘洋"),
])
def test_words_rejoined_from_boxes(words, expected):
    assert join_words(words, 40, load_rules().rules["O703"].params) == expected


def test_stretched_line_gaps_are_no_spaces():
    # a justified line stretched evenly: wide gaps everywhere, no space
    words = [_w(c, k * 70, k * 70 + 36) for k, c in enumerate("发布期从到")]
    assert join_words(words, 40, load_rules().rules["O703"].params) == "发布期从到"


# ---------------------------------------------------------------- hostile and broken files
@pytest.fixture()
def secret(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("TOP-SECRET-0xC0FFEE", encoding="utf-8")
    return p


def _hocr_with(body: str, doctype: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<html xmlns="http://www.w3.org/1999/xhtml">'
            '<body><div class="ocr_page" title="bbox 0 0 800 600"><span class="ocr_line" '
            'title="bbox 10 10 300 50"><span class="ocrx_word" title="bbox 10 10 300 50">%s'
            '</span></span></div></body></html>' % (doctype, body))


def test_xxe_to_a_local_file_is_never_read(secret):
    doctype = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://%s">]>' % secret
    kind, got = bounded(text_of, _hocr_with("正文&xxe;结束。", doctype))
    assert kind == "ok" and "TOP-SECRET" not in got and "正文" in got
    alto = ('<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY xxe SYSTEM "file://%s">]>'
            '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace>'
            '<TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20">'
            '<String CONTENT="&xxe;" HPOS="0" VPOS="0" WIDTH="100" HEIGHT="20"/>'
            '</TextLine></TextBlock></PrintSpace></Page></Layout></alto>' % secret)
    kind, got = bounded(text_of, alto, from_format="alto")
    assert ("TOP-SECRET" not in str(got))
    assert kind == "ok" or isinstance(got, InputError)


def test_external_dtd_is_never_loaded(secret):
    doctype = '<!DOCTYPE html SYSTEM "file://%s">' % secret
    kind, got = bounded(text_of, _hocr_with("正文。", doctype))
    assert kind == "ok" and "TOP-SECRET" not in got


BOMB = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' +
        "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                for i in range(1, 10)) + ']>')


@pytest.mark.parametrize("doc,fmt", [
    (_hocr_with("&lol9;", BOMB), "hocr"),
    ('<?xml version="1.0"?>' + BOMB + '<alto><Layout><Page><PrintSpace><TextBlock><TextLine>'
     '<String CONTENT="&lol9;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>', "alto"),
    ('<?xml version="1.0"?>' + BOMB + '<PcGts><Page><TextRegion><TextLine><TextEquiv>'
     '<Unicode>&lol9;</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>', "page"),
])
def test_billion_laughs_is_refused(doc, fmt):
    msg = one_line_input_error(reflow.clean, doc, from_format=fmt)
    assert "entit" in msg


@pytest.mark.parametrize("fmt,open_,close", [
    ("alto", "<alto>" + "<TextBlock>" * 5000, "</TextBlock>" * 5000 + "</alto>"),
    ("page", "<PcGts><Page>" + "<TextRegion>" * 5000, "</TextRegion>" * 5000 + "</Page></PcGts>"),
    ("hocr", '<?xml version="1.0"?><html><body>' + "<div>" * 5000, "</div>" * 5000 + "</body></html>"),
])
def test_huge_depth_is_refused(fmt, open_, close):
    one_line_input_error(reflow.clean, open_ + "x" + close, from_format=fmt)


def test_huge_depth_in_html_hocr_is_a_safe_parse():
    # not XML at all: the HTML parser caps the depth itself (a safe parse)
    doc = ('<html><body><div class="ocr_page">' + "<div>" * 100000 + '<span class="ocr_line">'
           '<span class="ocrx_word">正文。</span></span>' + "</div>" * 100000 + "</div></body></html>")
    kind, got = bounded(reflow.clean, doc, from_format="hocr")
    assert kind == "ok" or isinstance(got, InputError) and "\n" not in str(got)


@pytest.mark.parametrize("name,fmt", [n for n in FILES])
def test_truncated_file_is_an_input_error(name, fmt):
    text = (FIX / name).read_text(encoding="utf-8")
    msg = one_line_input_error(reflow.clean, text[: len(text) // 2], from_format=fmt)
    assert "well-formed" in msg


@pytest.mark.parametrize("data,fmt,words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "alto", "binary"),
    ("新华社北京7月28日电 记者张伟".encode("utf-8"), "alto", "not ALTO"),
    ("新华社北京7月28日电".encode("utf-8"), "page", "not PAGE"),
    ((FIX / "tesseract-2col.hocr").read_bytes(), "page", "root element is <html>"),
    ((FIX / "alto-v4.xml").read_bytes(), "page", "root element is <alto>"),
    ((FIX / "page-2019.xml").read_bytes(), "alto", "root element is <PcGts>"),
    ((FIX / "alto-v2.xml").read_bytes(), "hocr", "not hOCR"),
])
def test_wrong_format_is_a_one_line_error(data, fmt, words):
    msg = one_line_input_error(reflow.clean, data, from_format=fmt)
    assert words in msg


def test_parse_xml_plain_entity_is_not_expanded():
    root = parse_xml('<!DOCTYPE x [<!ENTITY a "secret">]><x>&a;</x>')
    assert "secret" not in "".join(root.itertext()).replace("&a;", "")


def test_cli_wrong_format_exit_status_and_one_line(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("新华社北京7月28日电", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reflow.cli", "clean", str(f), "--from", "alto"],
                          capture_output=True, text=True, timeout=BOUND)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "not ALTO" in proc.stderr


def test_line_level_page_lines_on_one_row_keep_their_text():
    doc = ('<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
           '<Page imageWidth="1000" imageHeight="800"><TextRegion id="r1">'
           '<TextLine id="a"><Coords points="100,100 300,100 300,140 100,140"/>'
           '<TextEquiv><Unicode>责任编辑：王晓明</Unicode></TextEquiv></TextLine>'
           '<TextLine id="b"><Coords points="330,100 530,100 530,140 330,140"/>'
           '<TextEquiv><Unicode>版式设计：刘洋</Unicode></TextEquiv></TextLine>'
           '</TextRegion></Page></PcGts>')
    lines = ocr_read(doc, "page").lines
    assert [(l.text, l.box_id) for l in lines] == [("责任编辑：王晓明", "a"), ("版式设计：刘洋", "b")]


def test_every_geometry_decision_is_an_event():
    got = ocr_read((FIX / "tesseract-2col.hocr").read_text(encoding="utf-8"), "hocr")
    codes = {e.code for e in got.events}
    assert codes == {"O701", "O702", "O703", "O704"}
    breaks = [e for e in got.events if e.code == "O702"]
    assert any("indent" in e.note for e in breaks) and any("alone" in e.note for e in breaks)
    assert all(len(e.before) <= 32 and len(e.after) <= 32 for e in got.events)


# ---------------------------------------------------------------- narrow gutters
_LEFT = ("社区书屋由街道提供场地图书馆统一配送图书并定期轮换每个书屋藏书约三千册涵盖文学历史"
         "科普和少儿读物今年以来全市已建成书屋六十个累计接待读者二十多万人次退休工人周大爷"
         "说以前去市图书馆要坐四十分钟公交车现在下楼走几步就能借到想看的书晚上吃完饭也可以")
_RIGHT = ("过来坐一坐感觉很方便社区工作人员表示书屋不只是借书的地方也成了邻里交流的新空间下"
          "一步将根据居民的需求调整图书的种类和开放方式让阅读真正融入日常生活业内人士认为把"
          "公共文化服务送到居民身边是提升城市文化品质的重要举措这类阅读空间有望继续推广开来")


def _two_columns_hocr(rows: int, gap: int, apart: int = 3) -> bytes:
    """Tesseract-style hOCR of two columns of ten 30-pixel glyphs, a gutter
    ``gap`` pixels wide between them; the engine read every row but one of
    ``apart`` (every row when 0) as one line across the gutter, that one as a
    line per column."""
    def line(y0: int, y1: int, chars: list[tuple[int, str]]) -> str:
        words = "".join("<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 95'>%s</span>"
                        % (x0, y0, x0 + 28, y1, ch) for x0, ch in chars)
        return "<span class='ocr_line' title='bbox %d %d %d %d; x_size 30'>%s</span>" % (
            chars[0][0], y0, chars[-1][0] + 28, y1, words)
    lines = []
    for r in range(rows):
        y0, y1 = 100 + 45 * r, 130 + 45 * r
        chars = [(100 + 30 * k + (gap if k >= 10 else 0), ch)
                 for k, ch in enumerate(_LEFT[10 * r:10 * r + 10] + _RIGHT[10 * r:10 * r + 10])]
        lines += [line(y0, y1, chars[:10]), line(y0, y1, chars[10:])] if apart and r % apart == apart - 1 else \
            [line(y0, y1, chars)]
    body = ("<div class='ocr_page' title='bbox 0 0 1000 1000'><div class='ocr_carea' title='bbox "
            "100 100 %d %d'><p class='ocr_par'>%s</p></div></div>" % (700 + gap, 130 + 45 * rows, "".join(lines)))
    return ("<?xml version='1.0' encoding='UTF-8'?><html xmlns='http://www.w3.org/1999/xhtml'><head>"
            "<meta name='ocr-system' content='tesseract 5'/></head><body>%s</body></html>" % body).encode("utf-8")


def test_a_narrow_gutter_that_many_lines_confirm_cuts_the_merged_rows():
    """A gutter of 0.4 em between two columns of twelve rows, no glyph across
    it on any row: the rows the engine merged are cut there, and the left
    column is read before the right."""
    got = text_of(_two_columns_hocr(12, 12)).replace("\n", "")
    assert _LEFT[:120] in got and _RIGHT[:120] in got


def test_a_gutter_the_engine_read_every_row_across_is_cut():
    """A gutter of two thirds of an em that runs down ten rows, every one of
    which the engine read as one line across it (no line stands on either
    side alone): the white channel through so many lines is the gutter; the
    rows are cut there and the left column is read before the right."""
    got = text_of(_two_columns_hocr(10, 20, apart=0)).replace("\n", "")
    assert _LEFT[:100] in got and _RIGHT[:100] in got


def test_a_narrow_gutter_read_across_on_a_short_module_is_cut():
    """A module of five rows, every one read across a gutter of 0.4 em (a
    justified line's last mark and an OCR box eat into a narrow gutter): too
    few lines for a narrow gutter by the count of the region's lines, but five
    merged rows with a clean gap at one x confirm it."""
    got = text_of(_two_columns_hocr(5, 12, apart=0)).replace("\n", "")
    assert _LEFT[:50] in got and _RIGHT[:50] in got


def test_a_narrow_gap_on_a_few_lines_cuts_nothing():
    """The same gap on a few lines (a headline's phrase gap, a short block) is
    no gutter: the merged rows stay whole, read row by row."""
    got = text_of(_two_columns_hocr(4, 12)).replace("\n", "")
    assert _LEFT[:10] + _RIGHT[:10] in got


def test_cuts_closer_than_a_column_keep_the_widest_gutter():
    """No column of print is narrower than five em: of two cuts closer than
    that (a white channel inside a column beside the gutter) the wider gutter
    stays, and a cut that would leave a sliver at the region's edge goes."""
    from types import SimpleNamespace
    from reflow.geometry.reading_order import Cutter
    cutter = Cutter(30.0, 30.0, {"min_column_em": 5.0})
    items = [SimpleNamespace(x0=100.0, x1=1000.0)]
    cuts = [(12.0, 400.0), (40.0, 430.0), (20.0, 700.0), (30.0, 900.0)]
    assert cutter._columns_apart(items, cuts) == [430.0, 700.0]


def _filled_gutter_hocr(rows: int, headline: str = "", byline: str = "") -> bytes:
    """Tesseract-style hOCR of two columns of ten 30-pixel glyphs (boxes 26
    pixels wide) and an 18-pixel gutter that the engine read every row across
    and filled on some: every fourth row boxes the last glyph of the left
    column and the first of the right as one word over the gutter, the row
    after it reads the column rule as a closing quote glued to the right
    column's first glyph, the others show the plain gap. A ``headline`` (60
    pixels, U+3000 a phrase space) over both columns, a ``byline`` (one row,
    U+3000 a wide gap) a line's leading above them."""
    def word(x0, y0, x1, y1, t):
        return "<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 95'>%s</span>" % (x0, y0, x1, y1, t)

    def line(ws, y0, y1, size):
        return "<span class='ocr_line' title='bbox %d %d %d %d; x_size %d'>%s</span>" % (
            ws[0][0], y0, ws[-1][2], y1, size, "".join(word(*w) for w in ws))
    out, top = [], 100
    if headline:
        out.append(line([(100 + 60 * k, 20, 156 + 60 * k, 80, ch) for k, ch in enumerate(headline)
                         if ch != "\u3000"], 20, 80, 60))
    if byline:
        out.append(line([(100 + 30 * k, 100, 126 + 30 * k, 130, ch) for k, ch in enumerate(byline)
                         if ch != "\u3000"], 100, 130, 30))
        top = 165
    for r in range(rows):
        y0, y1 = top + 45 * r, top + 45 * r + 30
        text = _LEFT[10 * r:10 * r + 10] + _RIGHT[10 * r:10 * r + 10]
        ws = [(100 + 30 * k + (18 if k >= 10 else 0), y0, 126 + 30 * k + (18 if k >= 10 else 0), y1, ch)
              for k, ch in enumerate(text)]
        if r % 4 == 0:
            ws[9:11] = [(ws[9][0], y0, ws[10][2], y1, ws[9][4] + ws[10][4])]
        elif r % 4 == 1:
            ws[10] = (ws[10][0] - 14, y0, ws[10][2], y1, "\u201d" + ws[10][4])
        out.append(line(ws, y0, y1, 30))
    return ("<html><body><div class='ocr_page' title='bbox 0 0 1000 1000'>%s</div></body></html>"
            % "\n".join(out)).encode("utf-8")


def test_a_gutter_the_engine_filled_is_found_from_the_rows_gaps():
    """No white channel runs down the gutter (a word boxed over it, the column
    rule read as a closing quote), yet most rows show a gap there much wider
    than their gaps between glyphs, one above the other: the rows are cut
    there (each cut traced), the left column read before the right, and the
    quote the rule was read as is taken out and recorded."""
    doc = reflow.clean(_filled_gutter_hocr(8))
    got = reflow.write(doc, "text").replace("\n", "")
    assert _LEFT[:80] + _RIGHT[:80] in got
    assert "\u201d" not in got
    assert [(r.text, r.rule, r.kind) for r in doc.removed] == [("\u201d", "O701", "gutter-mark")] * 2
    cut = [e for e in doc.trace if e.code == "O701" and "rows' gaps" in e.note]
    assert len(cut) == 8 and all("\u2016" in e.after for e in cut)


def test_a_headline_phrase_space_over_a_filled_gutter_is_no_cut():
    """A headline's phrase space and a byline's wide gap stand right over the
    gutter, but each is one row: the headline and the byline stay whole and
    come before the columns under them, which are cut at the gutter."""
    got = text_of(_filled_gutter_hocr(8, headline="通栏大标题\u3000分两段", byline="本报记者\u3000\u3000\u3000王芳\u3000\u3000刘洋"))
    heads, body = got.split("\n\n", 1)[0], got.replace("\n", "")
    assert heads.startswith("通栏大标题") and heads.endswith("分两段")
    assert "王芳" in got.split(_LEFT[:10])[0] and "刘洋" in got.split(_LEFT[:10])[0]
    assert _LEFT[:80] + _RIGHT[:80] in body


def test_wide_gaps_on_a_few_rows_are_no_gutter():
    """Three rows with the gap: fewer than a gutter runs down, read row by row."""
    got = text_of(_filled_gutter_hocr(3)).replace("\n", "")
    assert _LEFT[10:20] + "\u201d" + _RIGHT[10:20] in got or _LEFT[10:20] + _RIGHT[10:20] in got
    assert got.index(_RIGHT[:5]) < got.index(_LEFT[10:15])



def test_a_caption_far_below_what_ocr_read_in_the_photo_starts_a_paragraph():
    """A gold page's hOCR: the last line OCR read in a photo (stray glyphs)
    and the caption's line far below it, under the photo and off to its
    side, are not one paragraph: a picture stands between them."""
    page = Path(__file__).resolve().parent / "gold" / "pages" / "g02" / "tesseract.hocr"
    paragraphs = text_of(page.read_bytes()).split("\n\n")
    caption = [p for p in paragraphs if "乘客在海港站月臺候車" in p]
    assert caption and caption[0].startswith("北濱輕軌環線"), caption
