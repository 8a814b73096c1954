"""O701 on OCR boxes: which rows stand over the columns as a band of their own.

A headline's row stays one row however many pieces OCR made of it (the junk
it read off a rule or a photo beside the headline is no column running on
above the cut under the headline); the first row of columns that the engine
merged across a gutter, right over the columns at the leading of running
text, is their row and is cut at the gutter, not a subheadline over them;
a caption that stands apart (white above and below it) stays whole.
"""
from __future__ import annotations

import pytest

import reflow

GLYPH, GAP = 30, 30          # a glyph's advance and a gutter, in pixels
COLS = (100, 430, 760)       # the left edge of each column of ten glyphs

TEXTS = {
    "zh-Hans": ("社区书屋由街道提供场地图书馆统一配送图书并定期轮换每个书屋藏书约三千册涵盖文学历史"
                "科普和少儿读物今年以来全市已建成书屋六十个累计接待读者二十多万人次退休工人周大爷",
                "过来坐一坐感觉很方便社区工作人员表示书屋不只是借书的地方也成了邻里交流的新空间下"
                "一步将根据居民的需求调整图书的种类和开放方式让阅读真正融入日常生活业内人士认为把",
                "公共文化服务送到居民身边是提升城市文化品质的重要举措这类阅读空间有望继续推广开来"
                "市图书馆还将组织志愿者定期到各个书屋开展读书会和亲子阅读活动吸引更多居民走进来",
                "社区书屋遍布全城", "居民在社区书屋里挑选图书",
                "寒潮来袭全市迎来降温", "市气象台预计未来三天仍有小到中雪，最低气温将降至零下六摄氏度，"
                "交管部门提醒驾车出行要减速慢行，保持安全车距，尽量选择公共交通工具出行。"),
    "zh-Hant": ("社區書屋由街道提供場地圖書館統一配送圖書並定期輪換每個書屋藏書約三千冊涵蓋文學歷史"
                "科普和少兒讀物今年以來全市已建成書屋六十個累計接待讀者二十多萬人次退休工人周大爺",
                "過來坐一坐感覺很方便社區工作人員表示書屋不只是借書的地方也成了鄰里交流的新空間下"
                "一步將根據居民的需求調整圖書的種類和開放方式讓閱讀真正融入日常生活業內人士認為把",
                "公共文化服務送到居民身邊是提升城市文化品質的重要舉措這類閱讀空間有望繼續推廣開來"
                "市圖書館還將組織志願者定期到各個書屋開展讀書會和親子閱讀活動吸引更多居民走進來",
                "社區書屋遍布全城", "居民在社區書屋裡挑選圖書",
                "寒潮來襲全市迎來降溫", "市氣象台預計未來三天仍有小到中雪，最低氣溫將降至零下六攝氏度，"
                "交管部門提醒駕車出行要減速慢行，保持安全車距，儘量選擇公共交通工具出行。"),
}


def _word(x0, y0, x1, y1, t):
    return "<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 95'>%s</span>" % (x0, y0, x1, y1, t)


def _line(words, size):
    return "<span class='ocr_line' title='bbox %d %d %d %d; x_size %d'>%s</span>" % (
        min(w[0] for w in words), min(w[1] for w in words), max(w[2] for w in words),
        max(w[3] for w in words), size, "".join(_word(*w) for w in words))


def _glyphs(text, x, y0, size=GLYPH):
    return [(x + size * k, y0, x + size * k + size - 4, y0 + size, ch) for k, ch in enumerate(text)]


def _page(lines) -> bytes:
    return ("<html><body><div class='ocr_page' title='bbox 0 0 1200 1200'>%s</div></body></html>"
            % "\n".join(lines)).encode("utf-8")


def _text(source) -> str:
    return reflow.write(reflow.clean(source), "text").replace("\n", "")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_headline_row_with_junk_beside_it_is_read_before_the_columns(lang):
    """Under a report set across the page, the next article: its headline
    over the second and third of three columns, the first column starting
    beside it only under it; OCR read three bits of a rule on the headline's
    row as lines of their own, two over the second column, one over the
    third. Pieces side by side on one row are one row, not a column running
    on above the white under the headline: the headline's row is a band of
    its own and is read before every column, so the first column is the
    second article's text, not the end of the report above."""
    one, two, three, head, _, head1, text1 = TEXTS[lang]
    lines = [_line(_glyphs(head1, 100, 20, 70), 70)]
    lines += [_line(_glyphs(text1[30 * r:30 * r + 30], 100, 130 + 45 * r), 30) for r in range(0, len(text1) // 30 + 1)
              if text1[30 * r:30 * r + 30]]
    top = 130 + 45 * (len(text1) // 30 + 1) + 80
    lines += [_line(_glyphs(head, 480, top, 70), 70),
              _line([(460, top, 490, top + 30, "st")], 30), _line([(600, top, 630, top + 30, "ae")], 30),
              _line([(900, top, 960, top + 30, "a=")], 30)]
    for r in range(8):
        y0 = top + 110 + 45 * r
        lines += [_line(_glyphs(t[10 * r:10 * r + 10], x, y0), 30) for t, x in zip((one, two, three), COLS)]
    doc = reflow.clean(_page(lines))
    assert [a.headline for a in doc.articles] == [head1, head]
    assert one[:80] in doc.articles[1].text and two[:80] in doc.articles[1].text
    assert text1[:20] in doc.articles[0].text and one[:10] not in doc.articles[0].text


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_merged_first_row_over_its_columns_is_cut_at_the_gutter(lang):
    """Under a caption set apart from them, two columns whose first row the
    engine read as one line across the gutter, the column rule read as a quote
    and boxed with the glyph before it over the gutter; the rows under it are
    whole column lines, at the
    leading of running text. That row is the columns' first, cut at the
    gutter, not a subheadline over them: each column reads on unbroken. The
    caption, white above it and more white than the leading under it (its
    photo's credit beside it at the right), is no row of the columns and
    stays whole."""
    one, two, _, _, caption, _, _ = TEXTS[lang]
    credit = "通讯员周明摄"
    lines = [_line(_glyphs(caption[:10], 100, 20) + _glyphs(caption[10:], 100 + 10 * GLYPH + 40, 20), 30),
             _line(_glyphs(credit, 726 - len(credit) * GLYPH, 58), 30)]
    for r in range(8):
        y0 = 100 + 45 * r
        left, right = _glyphs(one[10 * r:10 * r + 10], COLS[0], y0), _glyphs(two[10 * r:10 * r + 10], COLS[1], y0)
        if r == 0:
            a = left.pop()   # the column rule read as a quote, boxed with the glyph before it
            lines.append(_line(left + [(a[0], y0, a[2] + GLYPH - 4, a[3], a[4] + "\u201d")] + right, 30))
        else:
            lines += [_line(left, 30), _line(right, 30)]
    got = _text(_page(lines)).replace("\u201d", "")
    assert one[:80] in got and two[:80] in got
    assert caption in got


MODULES = {
    "zh-Hans": (("晒盐人的夏天", "8月16日，盐工在南场盐田收盐。",
                 "8月16日，滨海县南场盐田迎来今年第二个收盐高峰。一大早，盐工们推着木耙走进结晶池，"
                 "将白花花的海盐归拢成垄，再用小车运到岸边堆垛。"),
                ("高温下的城市美容师", "8月17日中午，环卫工人在滨海大道清扫路面。",
                 "连日来，滨海市最高气温持续在35摄氏度以上。为保障环卫工人安全度夏，市城管部门调整"
                 "作业时间，避开午间高温时段。")),
    "zh-Hant": (("曬鹽人的夏天", "8月16日，鹽工在南場鹽田收鹽。",
                 "8月16日，濱海縣南場鹽田迎來今年第二個收鹽高峰。一大早，鹽工們推著木耙走進結晶池，"
                 "將白花花的海鹽歸攏成壟，再用小車運到岸邊堆垛。"),
                ("高溫下的城市美容師", "8月17日中午，環衛工人在濱海大道清掃路面。",
                 "連日來，濱海市最高氣溫持續在35攝氏度以上。為保障環衛工人安全度夏，市城管部門調整"
                 "作業時間，避開午間高溫時段。")),
}


@pytest.mark.parametrize("lang", sorted(MODULES))
def test_headlines_of_modules_side_by_side_stay_with_their_modules(lang):
    """Under a line set across the page, two modules side by side, their
    headlines on one row, each over a photo (white far wider than a band's
    edge) with its caption and text under it.
    The photos' white is the modules', not a band's edge across the page: each
    module is read whole, headline first, so each article has its own text."""
    one, two, *_ = TEXTS[lang]
    lines = [_line(_glyphs(one[:40], 100, 20), 30)]   # a report's last line across the page above
    for (head, caption, text), x in zip(MODULES[lang], (100, 800)):
        lines.append(_line(_glyphs(head, x, 120, 60), 60))
        lines.append(_line(_glyphs(caption, x, 500), 30))
        lines += [_line(_glyphs(text[20 * r:20 * r + 20], x, 560 + 45 * r), 30)
                  for r in range(len(text) // 20 + 1) if text[20 * r:20 * r + 20]]
    doc = reflow.clean(_page(lines))
    got = [(a.headline, a.text) for a in doc.articles if a.headline]
    assert [h for h, _ in got] == [m[0] for m in MODULES[lang]]
    for (head, _, text), (_, body) in zip(MODULES[lang], got):
        assert text[:30] in body.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_headline_under_columns_ends_them_though_gutters_run_on(lang):
    """A report in two columns, and under it two articles side by side whose
    gutter runs on in line with the report's, their headlines a narrow white
    (half an em, less than a band's edge) under the report's last rows. No
    column's text goes on into a headline: the report's columns end there and
    are read whole before the articles under them."""
    one, two, three, head, _, head1, _ = TEXTS[lang]
    (h2, _, t2), (h3, _, t3) = MODULES[lang]
    h3 = h3[-5:]
    lines = [_line(_glyphs(head1, 100, 20, 60), 60)]
    for r in range(4):
        lines += [_line(_glyphs(t[10 * r:10 * r + 10], x, 110 + 45 * r), 30) for t, x in ((one, 100), (two, 430))]
    lines += [_line(_glyphs(h2, 100, 290, 45), 45), _line(_glyphs(h3, 430, 290, 45), 45)]
    for r in range(4):
        lines += [_line(_glyphs(t[10 * r:10 * r + 10], x, 350 + 45 * r), 30) for t, x in ((three, 100), (t3, 430))]
    doc = reflow.clean(_page(lines))
    arts = {a.headline: a.text.replace("\n", "") for a in doc.articles}
    assert one[:40] + two[:40] in arts[head1]
    assert three[:40] in arts[h2] and t3[:20] in arts[h3].replace(" ", "")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_headline_in_two_lines_beside_a_column_stays_whole(lang):
    """A short report's headline set in two lines over its first column, its
    second column starting at the top beside them; the white between the two
    headline lines falls in line with the leading between the second column's
    rows. A headline's next line is no headline under ended columns: the two
    lines stay one headline, and the columns are read after it."""
    one, two, *_ = TEXTS[lang]
    h1, h2 = ("国庆假期", "消费季启动") if lang == "zh-Hans" else ("國慶假期", "消費季啟動")
    lines = [_line(_glyphs(h1, 100, 100, 55), 55), _line(_glyphs(h2, 100, 170, 55), 55)]
    lines += [_line(_glyphs(two[10 * r:10 * r + 10], 430, 100 + 35 * r), 30) for r in range(8)]
    lines += [_line(_glyphs(one[10 * r:10 * r + 10], 100, 250 + 35 * r), 30) for r in range(4)]
    doc = reflow.clean(_page(lines))
    assert doc.articles[0].headline.replace("\u3000", "") == h1 + h2
    assert one[:40] + two[:80] in doc.articles[0].text.replace("\n", "")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_subheadline_over_the_later_columns_is_read_before_the_first(lang):
    """A headline across the page; under it a subheadline set in larger type
    than the text over the second column only, and the first column starting
    a little lower, beside its end, with the byline. The white under the
    subheadline is narrow (less than a band's edge) but wider than twice the
    leading of the text, and no gutter parts the row: it is a band of its
    own, read before the first column."""
    one, two, _, head, _, _, _ = TEXTS[lang]
    sub = "——" + ("书屋成了邻里交流的新空间" if lang == "zh-Hans" else "書屋成了鄰里交流的新空間")
    byline = "本报记者 周明" if lang == "zh-Hans" else "本報記者 周明"
    lines = [_line(_glyphs(head, 100, 20, 70), 70),
             _line(_glyphs(sub, 430, 140, 36), 36),
             _line(_glyphs(byline.replace(" ", ""), 100, 196), 30)]
    for r in range(8):
        y0 = 236 + 36 * r
        lines += [_line(_glyphs(t[10 * r:10 * r + 10], x, y0), 30) for t, x in ((one, 100), (two, 430))]
    doc = reflow.clean(_page(lines))
    assert len(doc.articles) == 1
    art = doc.articles[0]
    assert (art.subheadline or "").endswith(sub[2:])
    assert one[:80] + two[:80] in art.text.replace("\n", "")


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_crosshead_in_display_type_beside_running_text_parts_no_band(lang):
    """Two columns whose rows stand on one grid; the second holds a crosshead
    set in display type, the first runs on beside it. The white over the
    crosshead runs across both columns (their leading), but the first
    column's text goes on past it: no band's edge, the columns are read whole,
    the first before the second."""
    one, two, *_ = TEXTS[lang]
    cross = "书屋成新空间" if lang == "zh-Hans" else "書屋成新空間"
    lines = [_line(_glyphs(head, x, 20, 70), 70) for head, x in ((TEXTS[lang][3], 100),)]
    right = [two[10 * r:10 * r + 10] for r in range(8)]
    for r in range(9):
        y0 = 130 + 45 * r
        lines.append(_line(_glyphs(one[10 * r:10 * r + 10] if r < 8 else one[80:], 100, y0), 30))
        if r == 4:
            lines.append(_line(_glyphs(cross, 430, y0 - 4, 42), 42))
        else:
            lines.append(_line(_glyphs(right[r - (r > 4)], 430, y0), 30))
    got = _text(_page(lines))
    assert one[:80] in got and got.index(one[70:80]) < got.index(two[:10])


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_two_pieces_of_one_line_whose_boxes_overlap_by_a_sliver_are_one_row(lang):
    """The engine boxed a subheadline as two lines whose boxes overlap by two
    pixels (a glyph's ink past its cell), the right piece a little shorter and
    so centred a little higher: one printed line, read left to right, not the
    right piece first (the left piece's last glyph ends at x 556)."""
    one, two, three, head, _, _, _ = TEXTS[lang]
    sub = "——" + one[:12]
    left, right = sub[:10], sub[10:]
    lines = [_line(_glyphs(head, 200, 20, 70), 70),
             _line(_glyphs(left, 200, 120, 36), 36),
             _line([(554 + 34 * k, 121, 554 + 34 * k + 30, 151, ch)
                    for k, ch in enumerate(right)], 30)]
    for r in range(8):
        y0 = 220 + 45 * r
        lines += [_line(_glyphs(t[10 * r:10 * r + 10], x, y0), 30) for t, x in zip((two, three), COLS[:2])]
    got = _text(_page(lines))
    assert sub in got, got
