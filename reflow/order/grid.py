"""The column grid of a page of merged lines (default pdftotext, O607).

Default pdftotext reads a page block by block. Where the gutter is narrow it
appends to a column's line the lines of the columns beside it that stand on
the same baseline, a space apart (O601 cuts them), and wherever it prints a
column's lines, it prints them in the order printed. So a module is a grid:
each column a stream of lines, and the pieces of one text line stand in
neighbouring columns on one row — the columns they fall in have read as
many lines before them (or, where a column's baselines are offset from its
neighbour's, one more or less, for as long as the offset lasts). The search
reads the text lines in the order given and places each line's pieces in
such columns, or leaves a line out of the grid (a headline, a running head),
scored by the seams between a column's lines (``Evidence``), by how the
lines fill the grid's measure, and by the blocks (a merged line printed right
under another line of its block, no blank line between, starts in the
block's left column); a module's columns are read one after the other, each
column's last line going on in the next one's first, and they end level but
for the last, which may be shorter. A grid ends where a new one starts.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .columns import Frag
from .decoder import Evidence, _body_line, dateline_under_phrase, solid_blocks

_NONE = -1
_LATIN = re.compile("[A-Za-z]")


class _Weights:
    """The search's parameters (O607), read once."""

    DEFAULTS = {"beam": 96, "max_columns": 6, "w_new": 4.0, "w_open": 1.0, "w_level": 1.5,
                "w_empty": 20.0, "w_block": 2.0, "w_aside": 6.0, "w_aside_head": 0.5,
                "w_head": 4.0, "w_reopen": 7.0, "w_shift": 1.5, "w_shift_row": 0.2,
                "max_shift": 1, "w_wide": 6.0, "w_short": 2.0, "one_short": 0.7,
                "wide_tolerance": 1.5, "min_measure": 5.0, "w_module": 20.0, "w_ended": 8.0,
                "w_report_head": 4.0, "solid_fallback": True, "caption_fallback": True, "caption_aside": False}

    def __init__(self, p: dict) -> None:
        for name, default in self.DEFAULTS.items():
            setattr(self, name, p.get(name, default))


class _State(NamedTuple):
    score: float
    columns: int          # the open grid's columns (0: none yet)
    counts: tuple         # lines each column holds so far
    tails: tuple          # each column's last fragment (_NONE: none yet)
    heads: tuple          # each column's first fragment
    left: int             # the left column of the block of the last line (_NONE: none)
    offsets: tuple        # rows each column stands off its left neighbour
    measure: float        # the grid's column measure (negative: one column, the page's widest)
    headed: bool          # a headline was left out while the grid was open
    back: tuple | None    # (back, line, move): the moves, as a linked list


def _text_lines(frags: list[Frag]) -> list[list[int]]:
    """The fragments of each text line, in the order given."""
    out: list[list[int]] = []
    for j, f in enumerate(frags):
        if out and frags[out[-1][0]].row == f.row:
            out[-1].append(j)
        else:
            out.append([j])
    return out


class _Grid:
    """The terms of the search that depend on the page alone."""

    def __init__(self, frags: list[Frag], ev: Evidence, k: _Weights) -> None:
        self.f, self.ev, self.k = frags, ev, k
        self.lines = lines = _text_lines(frags)
        # a line printed right under the line before it, in one block
        self.in_block = [i > 0 and frags[ln[0]].blank == frags[lines[i - 1][0]].blank and
                         frags[ln[0]].row == frags[lines[i - 1][0]].row + 1 for i, ln in enumerate(lines)]
        # a whole line without a mark of a sentence that fills no measure: a headline's
        self.head = [len(ln) == 1 and not _body_line(frags[ln[0]]) and not ev.full_column_line(ln[0])
                     for ln in lines]
        # left out of the grid: cheap for a whole line without a mark of a sentence
        self.aside = [k.w_aside_head if len(ln) == 1 and not _body_line(frags[ln[0]]) else k.w_aside
                      for ln in lines]
        # a report's dateline opening a line right under a whole line with no
        # mark of a clause (its headline, its byline): a new module starts there
        self.module = [i > 0 and len(lines[i - 1]) == 1 and dateline_under_phrase(frags, ln[0], ev.opens)
                       for i, ln in enumerate(lines)]
        # a fragment that opens a report with its dateline (本报讯…)
        self.report = [ev.opens is not None and ev.opens.match(f.flat) is not None for f in frags]
        self.measures = [m for m in ev.modes if m >= k.min_measure] or \
            [max((f.width for f in frags), default=1.0)]
        self.widest = max((f.width for f in frags), default=1.0)
        self._fit: dict[tuple, float] = {}

    def close(self, st: _State, final: bool = True) -> float:
        """What a grid's columns score when it ends: each column's last line
        going on in the next one's first, the columns level but for the last
        (``final``: and none empty)."""
        counts = st.counts
        if not counts:
            return 0.0
        sc = 0.0
        for c in range(len(counts) - 1):
            if st.tails[c] != _NONE and st.heads[c + 1] != _NONE:
                sc += self.ev.seam_ij(st.tails[c], st.heads[c + 1])
        top = max(counts)
        sc -= self.k.w_level * sum(top - n for n in counts[:-1])
        if final:
            sc -= self.k.w_empty * sum(1 for n in counts if n == 0)
        return sc

    def fit(self, j: int, m: float) -> float:
        """What fragment j costs in a column of measure m: a justified
        column's lines fill its measure, but a paragraph's last line (it
        ends a sentence) and its first (two em short); a line wider than the
        measure is none of its lines, a short line that stops mid-sentence
        rarely one. One column (m negative, the page's widest line) reads
        its lines in order as wide as they come, but a line much shorter
        than the page that stops mid-sentence is rarely one of them."""
        key = (j, m)
        got = self._fit.get(key)
        if got is not None:
            return got
        f, k, mid = self.f[j], self.k, self.ev.end_mid[j] and not self.f[j].spaced
        if m < 0:
            got = k.w_short if mid and f.width < k.one_short * -m else 0.0
        elif f.width > m + k.wide_tolerance + 0.25 * len(_LATIN.findall(f.text)):
            got = k.w_wide       # (Latin letters' widths are a guess)
        elif mid and f.width < m - 2.0 - k.wide_tolerance:
            got = k.w_short
        else:
            got = 0.0
        self._fit[key] = got
        return got

    def reopen(self, st: _State) -> _State:
        """The state as it stands, going on after a headline left out while
        its grid was open (a cost: the grid reopens under it)."""
        return st._replace(score=st.score - (self.k.w_reopen if st.headed else 0.0))

    def new_base(self, st: _State) -> float:
        """What a new grid started after ``st`` scores before its first line:
        ``st``'s score with its grid closed."""
        return st.score + self.close(st) - (self.k.w_new if st.columns else 0.0)

    def fresh(self, score: float, back, n: int) -> list[_State]:
        """The new grids a line of n pieces may start, scored from ``score``."""
        k = self.k
        return [_State(score, cols, (0,) * cols, (_NONE,) * cols, (_NONE,) * cols, _NONE,
                       (0,) * cols, m, False, back)
                for cols in range(max(1, n), int(k.max_columns) + 1)
                for m in (self.measures if cols > 1 else (-self.widest,))]

    def place(self, st: _State, i: int, c: int, fresh: bool) -> _State | None:
        """Line i's pieces in columns c, c + 1, … of the grid of ``st``, or
        None where they cannot stand on one row."""
        k, ln = self.k, self.lines[i]
        n = len(ln)
        s = st.score
        offsets = list(st.offsets)
        for q in range(n - 1):
            # columns on offset baselines: a row of one column beside the row
            # above or below it in the next, as long as the offset lasts
            diff = st.counts[c + q + 1] - st.counts[c + q]
            if abs(diff) > k.max_shift:
                return None
            if diff != offsets[c + q]:
                s -= k.w_shift + k.w_shift_row * abs(diff - offsets[c + q])
                offsets[c + q] = diff
        counts, tails, heads = list(st.counts), list(st.tails), list(st.heads)
        for q, j in enumerate(ln):
            col = c + q
            if tails[col] != _NONE:
                s += self.ev.seam_ij(tails[col], j)
            else:
                heads[col] = j
                s -= k.w_open
                if col > 0 and self.report[j]:
                    # a report's dateline opens its module: the grid's first
                    # column, never the top of a column read after another
                    s -= k.w_report_head
            tails[col] = j
            counts[col] += 1
            s -= self.fit(j, st.measure)
        if self.head[i]:
            s -= k.w_head
            if not fresh and len(st.tails) > 1 and \
                    all(t == _NONE or not self.ev.end_mid[t] for t in st.tails):
                # every column ends a sentence: the module ends, and a headline
                # under it is the next module's, not a crosshead in a column
                s -= k.w_ended
        if self.module[i] and not fresh:
            s -= k.w_module
        left = c
        if self.in_block[i] and not fresh and st.left != _NONE:
            # a block spans columns from its left one: its merged lines start
            # there; a line of one piece stands in any column (the block may
            # reach further left in a lower row, where a column's line stood
            # on a baseline of its own)
            if c == st.left:
                s += k.w_block
            elif n > 1:
                s -= k.w_block
            left = min(c, st.left)
        return _State(s, st.columns, tuple(counts), tuple(tails), tuple(heads), left, tuple(offsets),
                      st.measure, False, (st.back, i, ("new" if fresh else "put", c, st.columns)))


def _search(g: _Grid, k: _Weights, aside_only: frozenset = frozenset()) -> list[int]:
    """The best grid's reading of the page; the text lines in ``aside_only``
    are left out of the grid whatever it costs (a caption's)."""
    beam = [_State(0.0, 0, (), (), (), _NONE, (), 0.0, False, None)]
    for i, ln in enumerate(g.lines):
        n = len(ln)
        cand: dict[tuple, _State] = {}
        # A new grid's first line scores the same from every state but for
        # the state's own score with its grid closed: only the best state (the
        # first of equals, as the beam is ranked) can win a new grid's place,
        # so new grids are placed once per line, not once per state. States
        # within rounding of the best are all tried, in beam order, so that
        # the winner is the one a placement from every state would keep.
        bases = [g.new_base(st) for st in beam]
        top = max(bases)
        new: dict[tuple, _State] = {}
        for st, b in zip(beam, bases):
            if b >= top - 1e-9 * max(1.0, abs(top)):
                for base in ([] if i in aside_only else g.fresh(b, st.back, n)):
                    for c in range(base.columns - n + 1):
                        _put(new, g.place(base, i, c, True))
        for at, st in enumerate(beam):
            # left out of the grid; a headline there ends the grid, as
            # pdftotext prints a module's rows before the next module's headline
            _put(cand, st._replace(score=st.score - g.aside[i], left=_NONE,
                                  headed=st.headed or g.head[i] and any(st.counts),
                                  back=(st.back, i, ("aside", 0, st.columns))))
            here = g.reopen(st)
            for c in range(0 if i in aside_only else here.columns - n + 1):
                _put(cand, g.place(here, i, c, False))
            if at == 0:
                for st_new in new.values():
                    _put(cand, st_new)
        # ranked with what ending the grid here costs: a grid that left
        # columns behind pays for them now, not only where it ends
        beam = sorted(cand.values(), key=lambda st: -(st.score + g.close(st, False)))[:int(k.beam)]
    best = max(beam, key=lambda st: st.score + g.close(st))
    return _read(g.lines, best.back)


def grid_order(frags: list[Frag], ev: Evidence, p: dict, credit=None) -> list[int] | None:
    """The fragments in reading order as the best grid of columns reads
    them, or None where that reading parts a solid block (O603
    ``solid_lines``: whole lines set apart by blank lines, no merged line
    among them, taken for one column's lines in order): the grid is wrong
    there. With ``solid_fallback`` off, only a solid block printed right over
    a photo's credit (``caption_fallback``; ``credit``: L110's pattern) counts:
    pdftotext stacks into one block lines of different columns and modules
    that touch (a headline stack over the first column's lines, a column's
    foot over the next module's), so a block without merged lines need not
    be one column's, and the grid's rows are the stronger evidence; but the
    grid knows no captions, and a block over a credit holds a caption whose
    lines a parted reading has taken into a column. With ``caption_aside``
    on, the page is read again with those lines out of the grid (the line
    over the credit and those above it in its block that run into it),
    read after the grid's columns, instead of falling back."""
    k = _Weights(p)
    g = _Grid(frags, ev, k)
    seq = _search(g, k)
    blocks = solid_blocks(frags, ev.p)
    parted = _parted(seq, blocks)
    if k.solid_fallback:
        return None if parted else seq
    over = [(a, b) for a, b in parted if k.caption_fallback and _over_credit(frags, b, credit)]
    if not over:
        return seq
    if k.caption_aside:
        # the caption's lines left out of the grid, read after its columns:
        # the lines over the credit that run into it (they stop mid-sentence)
        line_of = {j: i for i, ln in enumerate(g.lines) for j in ln}
        aside = set()
        for a, b in over:
            q = b
            aside.add(line_of[q])
            while q > a and ev.end_mid[q - 1]:
                q -= 1
                aside.add(line_of[q])
        return _search(g, k, frozenset(aside))
    return None


def _parted(seq: list[int], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The blocks (first, last fragment) whose lines ``seq`` does not read one after the other."""
    at = {j: n for n, j in enumerate(seq)}
    return [(a, b) for a, b in blocks if any(at[j + 1] != at[j] + 1 for j in range(a, b))]


def _over_credit(frags: list[Frag], b: int, credit) -> bool:
    """Is the block that ends with fragment b printed right over a photo's
    credit (the next fragment, a whole line: 本报记者 殷实 摄)?"""
    if credit is None or b + 1 >= len(frags):
        return False
    f = frags[b + 1]
    return f.row != frags[b].row and (b + 2 >= len(frags) or frags[b + 2].row != f.row) and \
        credit.match(f.text) is not None


def _put(cand: dict[tuple, _State], st: _State | None) -> None:
    """Keep ``st`` unless a state of the same grid scores at least as well."""
    if st is None:
        return
    key = st[1:9]
    old = cand.get(key)
    if old is None or old.score < st.score:
        cand[key] = st


def _read(lines: list[list[int]], back) -> list[int]:
    """The reading order of the moves on record: the lines left out before a
    grid's first line in their place, its columns one after the other, then
    the lines left out while it was open."""
    moves = []
    while back is not None:
        back, i, move = back
        moves.append((i, move))
    moves.reverse()
    out: list[int] = []
    cols: list[list[int]] = []
    after: list[int] = []
    for i, (kind, c, columns) in moves:
        if kind == "aside":
            (after if any(cols) else out).extend(lines[i])
            continue
        if kind == "new":
            out.extend(j for col in cols for j in col)
            out.extend(after)
            cols, after = [[] for _ in range(columns)], []
        for q, j in enumerate(lines[i]):
            cols[c + q].append(j)
    out.extend(j for col in cols for j in col)
    out.extend(after)
    return out
