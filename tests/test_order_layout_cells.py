"""-layout cells: where a piece cut off at a single space belongs, and how far
a centred headline reaches (O602, O603, O604)."""
from __future__ import annotations

from reflow.model import Line
from reflow.order.columns import (_aligned_cut, _column_line, _frag, _place_merged, _since_gap, _wide_line,
                                  rejoin_split_rows, split_row)
from reflow.order.stage import _centred_over


def test_since_gap_counts_only_text_after_the_last_run_of_spaces():
    text = "左栏的文字很长很长   展 了 in-situ 目中开展"
    end = text.index("目中")
    wide, narrow = _since_gap(text, end)
    assert wide == 2             # 展 了: the left column's text stands at its own cell
    assert narrow == len("in-situ")


def test_since_gap_without_a_run_counts_the_whole_row():
    text = "第一栏文字 第二栏"
    assert _since_gap(text, text.index("第二")) == (5, 0)


def _piece(text: str, row: int, x: int, merged: bool):
    line = Line(" " * x + text, 1, row + 1)
    f = _frag(text, line, row, x, 1, start=x, end=x + len(text))
    f.merged = merged
    return f


def test_place_merged_puts_cut_pieces_back_at_the_cell_of_pieces_apart():
    # a column starts at cell 30 where a run of spaces stands before it; on
    # rows where it was cut at a single space after 20 Han characters it
    # stands at 24: a share of .3 cell a Han character puts it back
    apart = [_piece("甲乙丙", r, 30, False) for r in range(3)]
    cut = []
    for r in range(3, 6):
        line = Line("字" * 20 + " 丁戊己", 1, r + 1)
        f = _frag("丁戊己", line, r, 24, 1, start=21, end=24)
        f.merged = True
        cut.append(f)
    _place_merged(apart + cut)
    assert all(abs(f.xp - 30) < 1 for f in cut)
    assert all(f.xp == f.x for f in apart)


def test_centred_headline_reaches_the_mirror_of_its_start():
    head = _piece("深海机器人完成首次科考任务", 10, 17, False)
    right = _piece("探测。", 11, 65, False)
    far = _piece("探测。", 11, 70, False)
    assert _centred_over(head, right, [head], 84)      # 17 .. 84 - 17 = 67
    assert not _centred_over(head, far, [head], 84)
    assert not _centred_over(head, right, [head, far], 84)   # one of several phrases
    left = _piece("标题", 10, 0, False)
    assert not _centred_over(left, right, [left], 84)        # at the margin: not centred


def test_rows_whose_last_pieces_start_within_the_drift_end_in_different_columns():
    # a row of three columns and one of two whose last piece starts three
    # cells right of the first row's middle piece: the same column, drifted,
    # so the second row ends a column earlier (no scaling to the row's end)
    from reflow.order.columns import StartGaps
    three = [_piece("甲乙丙丁", 5, x, False) for x in (21, 36, 52)]
    for k, f in enumerate(three):
        f.piece = k
    two = [_piece("甲乙丙丁", 6, x, False) for x in (21, 39)]
    for k, f in enumerate(two):
        f.piece = k
    gaps = StartGaps(three + two)
    assert not gaps.same_end(5, 6)
    four = [_piece("甲乙丙丁", 7, x, False) for x in (21, 37, 53)]
    gaps = StartGaps(three + four)
    assert gaps.same_end(5, 7)                   # as many pieces



def test_rows_of_as_many_pieces_whose_last_pieces_lie_beyond_the_drift_end_in_different_columns():
    # a row of a box at the margin and the third column (cells 0, 80), and a
    # row of the first two columns (32, 57) after seventeen Han characters: its
    # last piece may stand seventeen cells left of its cell, no more, so it
    # cannot be the third column's: the rows end in different columns
    from reflow.order.columns import StartGaps
    top = [_piece("编者按：县域是产业发展的重要空间。近", 5, 0, False), _piece("了。", 5, 80, False)]
    low = [_piece("十年前，宏远还是一家为大企业做来料", 6, 32, False),
           _piece("西陵县工业和信息化局局长聂永刚介", 6, 57, False)]
    frags = top + low
    for f, xn in zip(frags, (0.0, 98.0, 32.0, 74.0)):    # Han characters left of it counted twice
        f.xn = xn
    assert not StartGaps(frags).same_end(5, 6)
    near = [_piece("十年前，宏远还是一家为大企业做来料", 7, 32, False),
            _piece("西陵县工业和信息化局局长聂永刚介", 7, 78, False)]
    for f in near:
        f.xn = float(f.x + 17)
    assert StartGaps(top + near).same_end(5, 7)      # within the drift: one column


def test_an_indented_first_line_counts_two_em_more_in_its_column_measure():
    # a paragraph's first line holds two em less than its column: after a
    # line that ends its paragraph, indented a few cells, it tells a measure
    # two em wider, so a full line under it is no line too wide for the column
    from reflow import order
    from reflow.rules import load_rules
    p3 = load_rules().rules["O603"].params
    frags = [_piece("死亡的风险会大幅提高。", 5, 51, False),    # a paragraph's last line
             _piece("研究团队建议，县府应尽速将珊瑚覆盖", 6, 55, False),   # indented four cells
             _piece("较高的海域划设为保护区，限制观光潜", 7, 53, False),
             _piece("与船只下锚，并减少陆源污水排入。驻", 8, 51, False)]
    dec = order.Decoder(frags, True, p3)
    first = frags[1]
    assert dec.grown_width(0, 51, 1, 2) == first.width + 2.0
    assert dec.grown_width(0, 51, 1, 1) == first.width       # a line alone: maybe another block's
    assert dec.grown_width(2, 53, 3, 2) == frags[3].width     # after a line that goes on
    assert dec.grown_width(0, 55, 2, 2) == frags[2].width     # not indented
    assert order.Decoder(frags, True, {**p3, "first_line_measure": False}).grown_width(0, 51, 1, 2) == \
        first.width


def test_a_row_whose_last_piece_stands_in_the_cell_of_the_others_last_but_one_ends_earlier():
    # the middle column's pieces cut off at a single space stand pushed left
    # (x 58) but are put back at their cell (xp 67): the row of two pieces
    # ends in that column, not in the last one
    from reflow.order.columns import StartGaps
    three = [_piece("甲乙丙丁", 5, x, False) for x in (35, 58, 95)]
    three[1].xp = 66.8
    for k, f in enumerate(three):
        f.piece = k
    two = [_piece("甲乙丙丁", 6, x, False) for x in (35, 67)]
    for k, f in enumerate(two):
        f.piece = k
    assert not StartGaps(three + two).same_end(5, 6)


def test_rows_skipped_that_hold_a_line_in_the_cell_are_counted():
    from reflow.order.columns import StartGaps
    frags = [_piece("甲乙丙丁", 1, 0, False), _piece("戊己", 2, 0, False),
             _piece("庚辛壬癸", 3, 0, False), _piece("子丑寅卯", 3, 30, False)]
    for f in frags:
        f.xn = float(f.x)
    gaps = StartGaps(frags)
    assert gaps.taken(0, 2, 6, 4) == 1        # row 2 holds a line in the cell
    assert gaps.taken(0, 3, 6, 4) == 0        # not in the cell of a piece 30 cells right
    assert gaps.taken(0, 1, 6, 4) == 0        # no row skipped


_SPREAD_WORDS_PAGE = """\
  无人机送货近日飞进了山区，   一个半小时。平台对全部超视距
一架载着药品的无人机从物流园    飞行（beyond   visual   line   of
起飞，十八分钟后降落在卫生院    sight）实施全程监控，确保飞行
楼顶。过去这段山路开车单程要    安全。
"""


def test_latin_words_a_justified_line_spread_apart_stay_one_column_line():
    # -layout sets the stretched word spaces of a justified line's Latin
    # words as runs of spaces: the words are one column line, not columns
    from reflow import order
    from reflow.read import lines_from_text
    from reflow.rules import load_rules
    rules = load_rules()
    lines = lines_from_text(_SPREAD_WORDS_PAGE)
    frags, _ = order.fragments(lines, True, rules)
    texts = [f.text for f in frags if f.row == 1]
    assert texts == ["一架载着药品的无人机从物流园", "飞行（beyond   visual   line   of"]


def _line(text: str, lineno: int, blank: int = 0) -> Line:
    lead = len(text) - len(text.lstrip(" "))
    return Line(text.lstrip(" "), 1, lineno, blank_before=blank, indent=lead / 2)


_SPLIT = {"split_spaces": 2, "split_rows": True}


def test_split_row_takes_a_quote_line_inside_the_cells_of_the_piece_above():
    # -layout started a new text line at a Latin font's curly quote: the
    # rest of the row stands on the next line, inside the cells the piece
    # above would fill at two cells a Han character
    a = _line("彭晓）12月9日，青川河综合治 年淤积，水质较差，每到夏天   边走一走，", 1)
    b = _line(" " * 38 + "“水清了，人也舒坦   治理成果持续发挥作用。", 2)
    assert split_row(a, b, _SPLIT) == 38
    out = rejoin_split_rows([a, b], _SPLIT)
    assert len(out) == 1
    assert out[0].text.startswith(a.text + "“水清了，人也舒坦")
    # nothing lost, and the column right of it keeps its cell
    assert out[0].text.replace(" ", "") == (a.text + b.text).replace(" ", "")
    assert out[0].text.index("治理") == b.text.index("治理") + 38


def test_split_row_leaves_a_quote_line_after_a_sentence_end_or_at_its_own_cell():
    # the piece above ended its sentence: the quote opens the column's next line
    a = _line("份证即可借阅图书。退休工人   周大爷说完了。", 1)
    b = _line(" " * 32 + "“现在下楼就能借到书，晚", 2)
    assert split_row(a, b, _SPLIT) is None
    # the quote line starts left of the piece above: another column's line
    a = _line("第一栏的文字写到这里，   第二栏的文字写到", 1)
    b = _line(" " * 5 + "“第一栏的下一行文字", 2)
    assert split_row(a, b, _SPLIT) is None
    # a blank line between: no split row
    a = _line("周大爷说，", 1)
    b = _line(" " * 6 + "“现在下楼就能借到书，晚", 3, blank=1)
    assert split_row(a, b, _SPLIT) is None
    assert rejoin_split_rows([a, b], {**_SPLIT, "split_rows": False}) == [a, b]


def _raw(lines):
    import re
    out = []
    for l in lines:
        pieces, s = [], 0
        for m in re.finditer(" {2,}", l.text):
            pieces.append((s, m.start()))
            s = m.end()
        pieces.append((s, len(l.text)))
        out.append(pieces)
    return out


_WIDE = ({"over_tolerance": 1.5}, {"wide_line_drift": 3, "wide_line_tolerance": 3.0, "glue_drift": 4})


def test_wide_line_keeps_a_wide_modules_line_with_number_spaces_whole():
    lines = [_line(t, i + 1) for i, t in enumerate([
        "本报讯（记者 严冰）第六届城东少儿围棋公开赛 8 月 23 日至 24 日在市青少年",
        "宫举行，千余名年龄在 5 岁至 14 岁之间的棋童参赛。比赛按年龄和段位分为四",
        "个组别，采用积分编排制进行。",
        "赛事期间，主办方还邀请职业棋手开展了指导棋和 AI 复盘讲座，帮助孩子们了"])]
    raw = _raw(lines)
    assert _wide_line(lines, raw, 0, 0, len(lines[0].text), 4, *_WIDE)


def test_wide_line_leaves_two_columns_merged_at_a_gutter_to_be_cut():
    # the gutter eaten by the drift: a single space between Han characters
    # at about one cell row after row
    lines = [_line(t, i + 1) for i, t in enumerate([
        "本报讯（记者 孙咏晴）由三名大学毕业生创立的 最难的不是技术，而是取得农民信任，很多长辈一开始",
        "新创公司田眼科技开发出一套手机软件，农民只要 觉得手机怎么可能比老经验准，不愿意尝试新的办法",
        "拍下叶片照片，系统就能在数秒内判读病虫害种类 并提供防治建议，目前已累积超过两万名使用者了"])]
    raw = _raw(lines)
    assert not _wide_line(lines, raw, 0, 0, len(lines[0].text), 4, *_WIDE)


def _per_row(lines):
    return [(list(spans), set()) for spans in _raw(lines)]


def test_aligned_cut_cuts_a_short_line_glued_where_the_columns_start():
    lines = [_line(t, i + 1) for i, t in enumerate([
        "天傍晚都要到河边走一走，感   建立长效管护机制，组织志愿",
        "觉心情舒畅多了，老街坊们都   者开展巡河护河活动，让治理",
        "又清了，鱼虾都回来了，家住 好得很。"])]
    per_row = _per_row(lines)
    assert _aligned_cut(lines, per_row, {"aligned_rows": 2, "glue_drift": 4}) == 1
    text = lines[2].text
    assert [text[a:b] for a, b in per_row[2][0]] == ["又清了，鱼虾都回来了，家住", "好得很。"]


def test_aligned_cut_leaves_a_credit_and_a_lone_row_whole():
    lines = [_line(t, i + 1) for i, t in enumerate([
        "天傍晚都要到河   建立长效管护机制，组织志愿",
        "觉心情舒畅多了   者开展巡河护河活动，让治理",
        "本报记者 葛亦然 摄"])]
    per_row = _per_row(lines)
    # a credit's names: no mark of a clause, word spaces
    assert _aligned_cut(lines, per_row, {"aligned_rows": 2, "glue_drift": 4}) == 0
    # one row of evidence is not enough
    lines = [_line(t, i + 1) for i, t in enumerate([
        "天傍晚都要到河边走一走，感   建立长效管护机制，组织志愿",
        "又清了，鱼虾都回来了，家住 好得很。"])]
    assert _aligned_cut(lines, _per_row(lines), {"aligned_rows": 2, "glue_drift": 4}) == 0


def test_column_line_takes_curly_quotes_as_narrow_as_a_latin_font_sets_them():
    # two column lines of a 17-em measure, each with curly quotes counted an
    # em wide (19 em): -layout's quotes are often a Latin font's, half an em,
    # so each is a column line and the row no headline row kept whole
    assert _column_line("贴”改为“按餐补贴”，每为老人提供一份", [17.0], {})
    assert _column_line("民生工程，既不能完全依靠财政“输血”，", [17.0], {})
    # a piece clearly wider than the measure is none, quotes or not
    assert not _column_line("民生工程，既不能完全依靠财政再拨款来“输血”，", [17.0], {})
    # nor one far narrower (a headline's phrase)
    assert not _column_line("社区食堂", [17.0], {})


_LATIN_ROWS = [
    (0, [(0, "编者按：山风、溪水、林间的鸟叫声，这些日常")]),
    (1, [(39, "问：五年下来，这个声音资料库现在如何被使用？")]),
    (2, [(0, "的声音正随着山区生态变化而逐渐改变。录音工作者")]),
    (3, [(39, "答：所有录音都以开放许可（CC BY-SA 4.0）放在网上")]),
    (4, [(0, "林雨晴花了五年走访东岭山区十二个村庄，录下超过三千"),
         (37, "平台，任何人都可以免费收听和下载。去年我们和东岭大学")]),
    (5, [(0, "小时的鸟鸣录音。本报记者日前与她对谈，听她讲讲山"),
         (37, "合作，把其中四百多段录音整理成自然教材，让小学生在课")]),
    (6, [(0, "里的声音故事。"), (37, "堂上听见山林里的各种鸟叫；也有剧团的声音设计师把鸟鸣和")]),
    (7, [(37, "溪流用进演出里。最让我高兴的是，一位住在城里的老先生")]),
]


def _latin_streams(p3: dict) -> list[int]:
    from reflow import order
    from reflow.order.columns import latin_doubt
    frags = []
    for row, pieces in _LATIN_ROWS:
        for k, (x, text) in enumerate(pieces):
            f = _piece(text, row, x, False)
            f.piece = k
            f.latin = latin_doubt(text, p3)
            frags.append(f)
    sids = order.Decoder(frags, True, p3).run()
    return [sids[j] for j, f in enumerate(frags) if f.x >= 37]


def test_a_full_line_after_one_with_latin_capitals_goes_on_in_its_column():
    # 答：…（CC BY-SA 4.0）… fills its column, but em_width counts its capitals
    # as average letters and its word spaces as nothing: 23.3 em of a 26 em
    # column. Taken as wide as it may print, it tells its stream a measure
    # the next full line (平台，…) is no line too wide for
    from reflow.rules import load_rules
    p3 = dict(load_rules().rules["O603"].params)
    assert len(set(_latin_streams(p3))) == 1
    assert len(set(_latin_streams({**p3, "latin_measure": False}))) == 2


def test_a_crosshead_flush_over_a_column_is_read_after_the_column_left_of_it():
    # a crosshead at the second column's start cell (row 7) stands a row
    # above the first column's first line (row 8, under a photo's caption):
    # the column it heads is read after the first column, so is it
    from reflow.order.streams import order_by_position
    from reflow.rules import load_rules
    p4 = dict(load_rules().rules["O604"].params)
    head = _piece("鸟鸣也需要被保存", 7, 37, False)
    left = [_piece("编者按：山风、溪水、林间的鸟叫声，这些日常", r, 0, False) for r in (8, 10, 12, 13)]
    right = [_piece("平台，任何人都可以免费收听和下载。去年我们", r, 37, False) for r in (9, 11, 12, 13)]
    frags = sorted([head] + left + right, key=lambda f: (f.row, f.x))
    sids = [0 if f is head else 1 if f in left else 2 for f in frags]
    ids = lambda ordered: [sids[m[0]] for m in ordered]
    assert ids(order_by_position(frags, sids, p4)) == [1, 0, 2]
    assert ids(order_by_position(frags, sids, {**p4, "heads_with_column": False})) == [0, 1, 2]


def test_a_line_with_latin_capitals_is_about_as_wide_as_the_full_line_below_it():
    # a column's staggered first lines, alone on their rows: the one holding
    # CC BY-SA 4.0 goes on in the full line two rows below, as wide once its
    # Latin text is taken as wide as it may print
    from reflow.order.columns import latin_doubt
    from reflow.order.stage import _goes_on_below
    from reflow.rules import load_rules
    p3 = load_rules().rules["O603"].params
    f = _piece("答：所有录音都以开放许可（CC BY-SA 4.0）放在网上", 3, 39, False)
    g = _piece("平台，任何人都可以免费收听和下载。去年我们和东岭大学", 5, 37, False)
    assert not _goes_on_below(f, g)            # 23.3 em against 26
    f.latin, g.latin = latin_doubt(f.text, p3), latin_doubt(g.text, p3)
    assert _goes_on_below(f, g)


_QUOTE_ROWS = """\
本报讯（记者 郑雨桐）青岚湖半程马拉松  者佩戴的芯片计时牌可实时上传配速和心率数
昨日清晨鸣枪开跑，来自二十多个省份的一  据，医疗团队据此对存在风险的跑者提前预警。
万名跑者参赛。最终，本地选手许知远以一  今年的赛事还设置了“家庭跑”和“无障碍
小时零五分获得男子冠军，女子冠军由来自  跑”项目，两百余名视障跑者在陪跑员的陪伴下
邻省的选手夏青获得，成绩为一小时十二分  完成了五公里的比赛。        “只要有一根陪跑绳，我
钟。组委会首次在赛道沿线设置了十二个智  们就能和大家一样奔跑。”视障跑者孟佳琪说。
能补给站，跑者可以随时补充饮水和能量，  据青岚市体育局统计，赛事期间全市酒店
"""


def _gap_spans(text: str) -> list[tuple[int, int]]:
    import re
    spans, s = [], 0
    for m in re.finditer(" {2,}", text):
        spans.append((s, m.start()))
        s = m.end()
    return spans + [(s, len(text))]


def test_a_column_line_split_at_a_latin_font_quote_is_one_piece_again():
    # -layout sets the Latin-font quote of 比赛。“只要… at its true place, a
    # run of spaces right of the Han text before it (given a cell a
    # character: eight cells short after ten Han characters): the row holds three pieces where every row around it holds
    # two, and 完成了五公里的比赛。 with “只要有一根陪跑绳，我 is no wider
    # than a column line: one line again
    from reflow.order.columns import _quote_joined
    from reflow.rules import load_rules
    rules = load_rules().rules
    lines = [Line(t, 1, k + 1) for k, t in enumerate(_QUOTE_ROWS.splitlines())]
    per_row = [(_gap_spans(l.text), set()) for l in lines]
    _quote_joined(lines, per_row, rules["O601"].params, rules["O602"].params)
    text = lines[4].text
    assert [text[a:b].split()[0] for a, b in per_row[4][0]] == ["邻省的选手夏青获得，成绩为一小时十二分", "完成了五公里的比赛。"]
    assert text[slice(*per_row[4][0][1])].endswith("“只要有一根陪跑绳，我")
    assert [len(s) for s, _ in per_row] == [2] * 7
    # two headlines side by side stand further apart than the drift of the text before them
    heads = [Line("劳动教育基地“上新”" + " " * 40 + "“十佳”评选揭晓", 1, 1)] + lines[5:]
    per_row = [(_gap_spans(l.text), set()) for l in heads]
    per_row[0] = ([(0, 10), (50, 57)], set())
    _quote_joined(heads, per_row, rules["O601"].params, rules["O602"].params)
    assert len(per_row[0][0]) == 2


def test_a_column_line_cut_at_the_space_before_a_latin_word_is_one_piece_again():
    # 手機 App: the space the extractor sets where the Latin font meets the
    # Han one, inside a line; a row cut there holds one piece more than the
    # rows around it, and the two pieces together are no wider than a line
    from reflow.order.columns import _quote_joined
    from reflow.rules import load_rules
    rules = load_rules().rules
    rows = ["新創公司「田眼科技」，開發出一套手機 App，農民只要 覺得手機怎麼可能比老經驗準」。",
            "拍下葉片照片，系統就能在數秒內判讀病蟲害種類並提供  方表示，將評估成效後再決定是否。",
            "防治建議，目前已累積超過兩萬名使用者，預計明年  院方將持續追蹤使用情形。"]
    lines = [Line(t, 1, k + 1) for k, t in enumerate(rows)]
    head = rows[0]
    cuts = [(0, head.index(" App")), (head.index("App"), head.index(" 覺得")), (head.index("覺得"), len(head))]
    per_row = [(cuts, {c for c, _ in cuts[1:]})] + [(_gap_spans(t), set()) for t in rows[1:]]
    _quote_joined(lines, per_row, rules["O601"].params, rules["O602"].params)
    assert [head[a:b] for a, b in per_row[0][0]] == ["新創公司「田眼科技」，開發出一套手機 App，農民只要",
                                                     "覺得手機怎麼可能比老經驗準」。"]
    assert per_row[0][1] == {head.index("覺得")}


def _rows(*texts: str) -> tuple[list[Line], list]:
    lines = [Line(t, 1, k + 1) for k, t in enumerate(texts)]
    per_row = []
    for t in lines:
        spans, s = [], 0
        for part in t.text.split("  "):
            if part.strip():
                spans.append((s, s + len(part)))
            s += len(part) + 2
        per_row.append((spans, set()))
    return lines, per_row


def test_a_space_between_two_han_characters_of_a_wide_piece_tells_its_modules_measure():
    from reflow.order.columns import _own_measures
    lines, per_row = _rows("步道，沿着湖边一直通到山脚下的茶园，满园飘香，吸引了不少外地游客前来观",
                           "每天清晨都有不少居民在这里散步健身和 赏。公园管理处表示，今后还将增设")
    own = _own_measures(lines, per_row, 12.0, 2, 4)
    assert [(q, w) for q, w, _ in own[0]] == [(1, 18.0)]      # the row above learns it too
    assert own[1] == own[0]


def test_a_space_next_to_a_curly_quote_tells_no_measure():
    from reflow.order.columns import _own_measures
    lines, per_row = _rows("每天清晨都有不少居民在这里散步健身和， “公园管理处表示，今后还将增设")
    assert _own_measures(lines, per_row, 12.0, 2, 4) == [[]]


def test_a_column_starting_inside_the_line_before_the_space_tells_no_measure():
    from reflow.order.columns import _own_measures
    # the wide piece holds two columns glued before its space: the row under
    # it shows the second one starting in the middle
    lines, per_row = _rows("市里新建的一批社区书屋近日陆续投入使用受到了欢迎 书屋由街道提供场地图书馆",
                           "统一配送图书市民凭身  份证即可借阅还能通过  手机预约想看的新书")
    assert _own_measures(lines, per_row, 12.0, 2, 4)[0] == []


def test_same_end_equals_its_definition_on_gold_layout_pages():
    # ``StartGaps.same_end`` reads each row's ends worked out once per row:
    # it must say what the plain definition says for every pair of rows
    from pathlib import Path

    from reflow.order.columns import StartGaps, _last_aligned, _last_beyond, _last_within_drift
    from tests.test_order_search import _pages
    gold = Path(__file__).parent / "gold" / "pages"
    n = 0
    for path in sorted(gold.glob("*/pdftotext-layout.txt")):
        for frags, layout in _pages(path.read_text(encoding="utf-8")):
            if not layout:
                continue
            gaps = StartGaps(frags)
            rows = sorted(gaps.starts)
            for ra in rows:
                for rb in rows:
                    sa, sb = gaps.starts[ra], gaps.starts[rb]
                    if len(sa) == len(sb):
                        want = _last_within_drift(sa, sb)
                    else:
                        want = not _last_aligned(sa, sb) and any(_last_beyond(sa, sb, k) for k in (0, 1))
                    assert gaps.same_end(ra, rb) == want
                    n += 1
    assert n > 1000


def _layout_rows(path_text: str) -> list:
    from reflow.read import lines_from_text
    return lines_from_text(path_text)


_HEAD_ROW_PAGE = """\
      城西公园迎市民           健身有了新去处
  【本报讯】城西体育公园昨天正    不少附近居民表示，家门口多了  一位晨练的市民
式对外开放，公园设有足球场、篮   一个好去处，周末可以带孩子来踢   说步道很平整。
球场和一条三公里长的健身步道，   球。
市民都可以免费使用这些场地。      管理处还将定期举办健身讲座和
  公园管理处介绍，夜间照明将开  亲子运动会，公园停车场有两百个
放到晚上十点，方便上班族下班后   车位，周末常常停满。
前来锻炼。
"""


def test_head_row_pieces_vouch_for_no_measure_of_their_own():
    # O602 head_row_apart: the headline's two phrases (7 em) and the two lines
    # of a narrow column (7 em) make a 7 em measure only with the headline's
    # own row counted; left out, neither phrase is a column line: kept whole
    from reflow.order.columns import fragments
    from reflow.rules import load_rules
    rules = load_rules()
    lines = _layout_rows(_HEAD_ROW_PAGE)
    frags, _ = fragments(lines, True, rules)
    assert [f.text for f in frags if f.row == 0] == ["城西公园迎市民           健身有了新去处"]
    params = rules.rules["O602"].params
    params["head_row_apart"] = False
    try:
        frags, _ = fragments(lines, True, rules)
    finally:
        params["head_row_apart"] = True
    assert [f.text for f in frags if f.row == 0] == ["城西公园迎市民", "健身有了新去处"]


def test_head_row_with_a_credit_slash_is_no_head_row():
    # a slash (a credit's, a byline's) is no headline's: the row's own pieces
    # still vouch for the measure, and the row is cut
    from reflow.order.columns import fragments
    from reflow.rules import load_rules
    rules = load_rules()
    lines = _layout_rows(_HEAD_ROW_PAGE.replace("健身有了新去处", "记者／王明摄影"))
    frags, _ = fragments(lines, True, rules)
    assert [f.text for f in frags if f.row == 0] == ["城西公园迎市民", "记者／王明摄影"]


def test_runs_on_past_a_quote_closed_on_a_han_character():
    # O602 head_row_quote_close: the left column stops on 」 after a Han
    # character, mid-sentence (推动「传统戏曲进校园」⏎计划); the right column
    # opens mid-sentence at its edge: one text, no two modules
    from reflow.order.columns import _runs_on
    left = ["【本报讯】老师一边示范，一边", "纠正学生的手势，推动「传统戏曲进校园」"]
    right = ["单的转身要练好几百次，他说。", "偶，吸引孩子的兴趣。"]
    assert _runs_on(left, right, [30, 30], quote_close=True)
    assert not _runs_on(left, right, [30, 30])
    # a sentence closed inside the quote ends there
    ended = left[:1] + ["他说：「我们会继续练下去。」"]
    assert not _runs_on(ended, right, [30, 30], quote_close=True)
