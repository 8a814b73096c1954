"""O607 column grid: where its reading stands against a solid block."""
from __future__ import annotations

from reflow import normalize, order
from reflow.engine import Options, State
from reflow.model import Document
from reflow.order.decoder import Evidence, solid_blocks
from reflow.read import lines_from_text
from reflow.rules import load_rules

from .conftest import GOLD

RULES = load_rules()


def _grid(name: str, **params):
    """A gold page's pdftotext fragments and the grid's reading of them."""
    text = (GOLD / name / "pdftotext.txt").read_text(encoding="utf-8")
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    normalize.run(state)
    frags = order.fragments(state.lines, False, RULES)[0]
    ev = Evidence(frags, RULES.rules["O603"].params, True, RULES.rules["J301"].params.get("dateline_pattern"))
    credit = RULES.get("L110").regex
    return frags, order.grid_order(frags, ev, {**RULES.rules["O607"].params, **params}, credit)


def _parts_a_block(frags, seq) -> bool:
    at = {j: n for n, j in enumerate(seq)}
    return any(at[j + 1] != at[j] + 1 for a, b in solid_blocks(frags, RULES.rules["O603"].params)
               for j in range(a, b))


def test_the_grid_reading_stands_where_it_parts_a_block_of_lines_from_several_columns():
    # gold g46: pdftotext stacked lines of two columns into one block with no
    # merged line; the grid parts it, and its reading is kept (the old
    # fallback gave the page to O603's beam, which read it far worse)
    frags, seq = _grid("g46")
    assert seq is not None and _parts_a_block(frags, seq)
    got = "".join(frags[j].flat for j in seq)
    assert "岱川把发展低空经济（low-altitudeeconomy）列入重点产业规划，先后开通" in got
    assert "52个，覆盖全市9个山区乡镇。截至6月底，各条航线累计飞行" in got
    assert _grid("g46", solid_fallback=True)[1] is None


def test_a_parted_block_over_a_photo_credit_leaves_its_caption_out_of_the_grid():
    # gold g36: the block the grid parts stands right over a photo's credit
    # (a caption's block); the grid knows no captions, so it reads the page
    # again with the caption's lines out of its columns, read after them
    frags, seq = _grid("g36")
    assert seq is not None
    got = "".join(frags[j].flat for j in seq)
    assert "9月29日，滨江一家新能源汽车工厂的总装车间。本报记者殷实摄" in got
    assert "新能源汽车产业9月29日" not in got
    # without that second reading O603's beam takes the page; the first
    # reading took the caption into a column
    assert _grid("g36", caption_aside=False)[1] is None
    frags, seq = _grid("g36", caption_fallback=False)
    assert seq is not None and _parts_a_block(frags, seq)
    assert "新能源汽车产业9月29日，滨江一家" in "".join(frags[j].flat for j in seq)   # in a column


def test_a_new_grid_left_unplaced_by_its_bound_would_have_ranked_below_the_beam(monkeypatch):
    # speed only: the search does not place a new grid whose placements all
    # rank below the beam's other candidates (``_Grid.below``); every grid
    # so left out is placed here after all, and none of its placements may
    # reach the floor; the readings are the same with and without the bound
    from reflow.order import grid
    below = grid._Grid.below
    checked = []

    def checking(self, b, cols, m, i, n, floor):
        got = below(self, b, cols, m, i, n, floor)
        if got:
            for base in self.fresh(b, None, n):
                if base.columns == cols and base.measure == m:
                    out: dict = {}
                    self.place_one(base, i, True, base.score, out)
                    assert all(v[0] + v[1] < floor for v in out.values())
                    checked.append(len(out))
        return got

    pages = [p.name for p in sorted(GOLD.iterdir()) if (p / "pdftotext.txt").exists()][:8]
    monkeypatch.setattr(grid._Grid, "below", checking)
    with_bound = [_grid(name)[1] for name in pages]
    assert checked                 # the bound left grids out on these pages
    monkeypatch.setattr(grid._Grid, "below", lambda *a: False)
    assert [_grid(name)[1] for name in pages] == with_bound


def test_the_moves_the_search_drops_below_its_floor_leave_every_beam_as_it_was(monkeypatch):
    # speed only: a move of the last state of its kind worth less than the
    # floor (``_Cut``) is dropped before its key is made; every beam of the
    # search, state by state in order, is the one made without the cut, for
    # the rule's beam and narrower ones (where more moves fall below the floor)
    from reflow.order import grid
    made, kept = [], []
    real_made, real_one = grid._made, grid._Grid.moves_one

    def recording(item, i):
        st = real_made(item, i)
        made.append(st[:9] + st[10:])
        return st

    def counting(self, beam, kinds, i, cut, out):
        at0 = real_one(self, beam, kinds, i, cut, out)
        kept.append(len(out))
        return at0

    monkeypatch.setattr(grid, "_made", recording)
    monkeypatch.setattr(grid._Grid, "moves_one", counting)
    pages = [p.name for p in sorted(GOLD.iterdir()) if (p / "pdftotext.txt").exists()][:6]
    runs = {}
    for cut in (True, False):
        if not cut:
            monkeypatch.setattr(grid, "_kinds", lambda beam: [(False, False)] * len(beam))
            monkeypatch.setattr(grid._Cut, "fixed", classmethod(lambda cls, floor: cls(0)))
        made.clear()
        kept.clear()
        readings = [_grid(name, beam=beam)[1] for beam in (8, 24, 96) for name in pages]
        runs[cut] = (readings, list(made), sum(kept))
    assert runs[True][:2] == runs[False][:2]
    assert runs[True][2] < 0.7 * runs[False][2]      # most moves below the floor were dropped


def test_the_moves_of_a_line_of_one_piece_are_place_ones_from_every_state(monkeypatch):
    # moves_one makes a line's moves in one loop over the beam: the same
    # moves, in the same order, as the line left out and ``place_one`` from
    # each state (place_one still places new grids: the two must not part)
    from reflow.order import grid
    real_one = grid._Grid.moves_one
    compared = []

    def comparing(self, beam, kinds, i, cut, out):
        at0 = real_one(self, beam, [(False, False)] * len(beam), i, grid._Cut(0), out)
        want: dict = {}
        aside, head = self.aside[i], self.head[i]
        for at, st in enumerate(beam):
            key = (st[1], st[2], st[3], st[4], grid._NONE, st[6], st[7], st[8] or head and any(st[2]))
            got = (st[0] - aside, st[11], st, 0, "aside", st[10], grid._KEEP, None)
            if want.setdefault(key, got)[0] < got[0]:
                want[key] = got
            self.place_one(st, i, False, st[0] - (self.k.w_reopen if st[8] else 0.0), want)
            if at == 0:
                assert at0 == len(want)
        assert list(out.items()) == list(want.items())
        compared.append(len(out))
        return at0

    monkeypatch.setattr(grid._Grid, "moves_one", comparing)
    for name in [p.name for p in sorted(GOLD.iterdir()) if (p / "pdftotext.txt").exists()][:4]:
        _grid(name, beam=16)
    assert sum(compared) > 1000


def test_a_report_opened_inside_a_column_starts_a_module_of_its_own():
    # gold g53: pdftotext printed the two modules of a row of briefs one after
    # the other under a stack of their headlines; the second opens with its
    # dateline right under the last line of the first module's column, not
    # under a headline. A line that opens a report starts a new module wherever
    # it stands (module_any), so the second brief's columns are its own
    frags, seq = _grid("g53")
    got = "".join(frags[j].flat for j in seq)
    assert "本报讯（记者鲁晴）市青少年宫今年寒假将举办10期儿童冬令营" in got
    frags, seq = _grid("g53", module_any=False)
    assert "本报讯（记者鲁晴）市青少年宫今年寒假将举办10期儿童冬令营" not in "".join(frags[j].flat for j in seq)


def _grid_at(root, name: str, **params):
    text = (root / name / "pdftotext.txt").read_text(encoding="utf-8")
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    normalize.run(state)
    frags = order.fragments(state.lines, False, RULES)[0]
    ev = Evidence(frags, RULES.rules["O603"].params, True, RULES.rules["J301"].params.get("dateline_pattern"))
    seq = order.grid_order(frags, ev, {**RULES.rules["O607"].params, **params}, RULES.get("L110").regex)
    return "".join(frags[j].flat for j in seq)


def test_a_subheadline_among_a_grids_first_rows_is_read_in_the_head_stack():
    # variant1 g34: pdftotext printed the headline's last line and its sub
    # among the first rows of the two columns beside the report's first
    # column; the sub is no column's line, and goes with its headline's line
    # before the report, whose first column the next grid reads (sub_rows)
    variant = GOLD.parent / "variant1"
    got = _grid_at(variant, "g34")
    assert "10亿元——“麻辣味道”加速走向海外餐桌本报讯（记者冉晓峰）" in got.replace(" ", "")
    old = _grid_at(variant, "g34", sub_rows=0)
    assert "谭——“麻辣味道”加速走向海外餐桌装" in old.replace(" ", "")


def test_a_subheadline_under_a_headline_left_out_of_the_grid_stays_under_it():
    # gold g22: the headline is left out of the open grid first: it ends the
    # grid, and its sub goes on under it, not before the grid's columns
    got = _grid("g22")[1]
    assert got == _grid("g22", sub_rows=0)[1]
    frags = _grid("g22")[0]
    text = "".join(frags[j].flat for j in got)
    assert "光伏板下种出“绿色长廊”——白沙县" in text
