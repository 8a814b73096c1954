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
from heapq import heappush, heapreplace, nlargest
from typing import NamedTuple

from .columns import Frag
from .decoder import Evidence, _body_line, dateline_under_phrase, solid_blocks
from .period import _sub_line

_NONE = -1
_new = tuple.__new__
_LOWEST = float("-inf")
_KEEP = object()        # a seam a placement leaves as it was
_LATIN = re.compile("[A-Za-z]")


class _Weights:
    """The search's parameters (O607), read once."""

    DEFAULTS = {"beam": 96, "max_columns": 6, "w_new": 4.0, "w_open": 1.0, "w_level": 1.5,
                "w_empty": 20.0, "w_block": 2.0, "w_aside": 6.0, "w_aside_head": 0.5,
                "w_head": 4.0, "w_reopen": 7.0, "w_shift": 1.5, "w_shift_row": 0.2,
                "max_shift": 1, "w_wide": 6.0, "w_short": 2.0, "one_short": 0.7,
                "wide_tolerance": 1.5, "min_measure": 5.0, "w_module": 20.0, "w_ended": 8.0,
                "w_report_head": 4.0, "open_low": False, "module_any": False, "solid_fallback": True, "caption_fallback": True, "caption_aside": False,
                "sub_rows": 0}

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
    # worked out as the state is made, not each time it is ranked (not part of
    # a state's key: both follow from its counts, tails and heads)
    seams: tuple = ()     # the seam of each column's tail to the next one's head (None: none yet)
    ending: float = 0.0   # ``close(st, False)``: what ending the grid here scores


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
        # a line inside its block, lines of the block right above and below it
        self.inside = [self.in_block[i] and i + 1 < len(lines) and self.in_block[i + 1] for i in range(len(lines))]
        # a whole line without a mark of a sentence that fills no measure: a headline's
        self.head = [len(ln) == 1 and not _body_line(frags[ln[0]]) and not ev.full_column_line(ln[0])
                     for ln in lines]
        # a subheadline's whole line (——…, no mark of a sentence): left out of
        # an open grid it is the head stack's, not the next module's headline
        # (sub_rows: it neither ends the grid nor reopens it)
        self.sub = [k.sub_rows > 0 and len(ln) == 1 and _sub_line(frags[ln[0]]) for ln in lines]
        # left out of the grid: cheap for a whole line without a mark of a sentence
        self.aside = [k.w_aside_head if len(ln) == 1 and not _body_line(frags[ln[0]]) else k.w_aside
                      for ln in lines]
        # a fragment that opens a report with its dateline (本报讯…)
        self.report = [ev.opens is not None and ev.opens.match(f.flat) is not None for f in frags]
        # a report's dateline opening a line right under a whole line with no
        # mark of a clause (its headline, its byline): a new module starts there;
        # module_any: wherever it stands (pdftotext prints the modules of a row
        # one after the other, a report's first line right under the last
        # line of the module beside it)
        self.module = [i > 0 and len(lines[i - 1]) == 1 and dateline_under_phrase(frags, ln[0], ev.opens) or
                       k.module_any and i > 0 and self.report[ln[0]]
                       for i, ln in enumerate(lines)]
        self.measures = [m for m in ev.modes if m >= k.min_measure] or \
            [max((f.width for f in frags), default=1.0)]
        self.widest = max((f.width for f in frags), default=1.0)
        self._fit: dict[tuple, float] = {}
        self._seams: dict[int, float] = {}   # seam_ij by i * len(frags) + j
        self._fits: dict[tuple, tuple] = {}
        self._n = len(frags)
        self._weights_one = (k.w_open, k.w_level, k.w_report_head, k.w_block, k.w_head, k.w_ended, k.w_module)
        # every term of a new grid's placement but the seams is a cost (``below``)
        self._costs_only = min(k.w_open, k.w_head, k.w_report_head, k.w_level, k.w_wide, k.w_short) >= 0

    def seam(self, i: int, j: int) -> float:
        """``ev.seam_ij(i, j)``, worked out once per pair: the search tries
        the same seams from many states."""
        key = i * self._n + j
        got = self._seams.get(key)
        if got is None:
            got = self._seams[key] = self.ev.seam_ij(i, j)
        return got

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

    def final_close(self, st: _State) -> float:
        """``close(st)`` from the state's ``ending``, bit for bit."""
        if not st.counts:
            return 0.0
        return st.ending - self.k.w_empty * st.counts.count(0)

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

    def new_base(self, st: _State) -> float:
        """What a new grid started after ``st`` scores before its first line:
        ``st``'s score with its grid closed."""
        return st.score + self.final_close(st) - (self.k.w_new if st.columns else 0.0)

    def fresh(self, score: float, back, n: int) -> list[_State]:
        """The new grids a line of n pieces may start, scored from ``score``."""
        k = self.k
        return [_State(score, cols, (0,) * cols, (_NONE,) * cols, (_NONE,) * cols, _NONE,
                       (0,) * cols, m, False, back, (None,) * (cols - 1))
                for cols in range(max(1, n), int(k.max_columns) + 1)
                for m in (self.measures if cols > 1 else (-self.widest,))]

    def below(self, b: float, cols: int, m: float, i: int, n: int, floor: float) -> bool:
        """Does every placement of line i (n pieces) in a new grid of cols
        columns of measure m, from a base score b or less, rank below
        ``floor``? Only said of a line of one piece, and only where every
        term but the seams is a cost (the weights and fits not negative):
        then a placement scores at most the base less its opening, fit and
        headline terms, and its ending at most the levels' term of the
        grid's other columns (``place_one``); a margin far wider than
        rounding keeps the answer safe."""
        k = self.k
        if n != 1 or not self._costs_only:
            return False
        fit = self._fits.get((i, m))
        fit = (self.fits(i, m) if fit is None else fit)[0]
        bound = b - k.w_open - fit - (k.w_head if self.head[i] else 0.0) - \
            (k.w_level * (cols - 2) if cols >= 2 else 0.0)
        return bound < floor - 1e-9 * max(1.0, abs(floor), abs(b))

    def place(self, st: _State, i: int, fresh: bool, s0: float, out: dict, cut=None) -> None:
        """Line i's pieces in columns c, c + 1, … of the grid of ``st``, for
        each c in turn, from the score ``s0``, each placement kept in
        ``out`` (as ``_made`` reads it); none where they cannot stand on one
        row, nor where ``cut`` (a ``_Cut``) drops it: it cannot make the
        beam. A line of two pieces or more: ``place_one`` places one piece.

        Written for speed (a page's search places a line hundreds of times):
        the terms are added to the score one by one in a fixed order, so a
        placement scores bit for bit the same however it is reached."""
        k, ln = self.k, self.lines[i]
        n = len(ln)
        columns, counts0, tails0, heads0, left0, offsets0, measure = \
            st[1], st[2], st[3], st[4], st[5], st[6], st[7]
        max_shift, w_shift, w_shift_row = k.max_shift, k.w_shift, k.w_shift_row
        w_open, w_level, w_report_head, w_block, w_head, w_ended, w_module = self._weights_one
        seam, report, seams_get, nj = self.seam, self.report, self._seams.get, self._n
        fits = self.fits(i, measure)
        last = columns - 1
        head = self.head[i]
        ended = head and not fresh and last and all(t == _NONE or not self.ev.end_mid[t] for t in tails0)
        module = not fresh and self.module[i]
        block = not fresh and self.in_block[i] and left0 != _NONE
        kind = "new" if fresh else "put"
        setdefault = out.setdefault
        if cut is None:
            floor, rep, prune = _LOWEST, False, False
        else:
            floor, rep, prune, heap, width = cut.floor, cut.rep, cut.last, cut.heap, cut.width
        for c in range(columns - n + 1):
            s = s0
            offsets = list(offsets0)
            for q in range(n - 1):
                # columns on offset baselines: a row of one column beside the row
                # above or below it in the next, as long as the offset lasts
                diff = counts0[c + q + 1] - counts0[c + q]
                was = offsets[c + q]
                if was < -max_shift and (diff - was > max_shift or was - diff > max_shift):
                    # a column that starts low (open_low) stands beside its left
                    # neighbour's rows that far down; level with them, it did
                    # not start low after all
                    was = offsets[c + q] = 0
                if was >= -max_shift and (diff > max_shift or -diff > max_shift):
                    break
                if diff != was:
                    if was == int(was):
                        s -= w_shift + w_shift_row * abs(diff - was)
                    # (a low start is known to the row: beside the neighbour's
                    # line printed before it, or the one after; the first merged
                    # line tells which)
                    offsets[c + q] = diff
            else:
                counts, tails, heads = list(counts0), list(tails0), list(heads0)
                for q, j in enumerate(ln):
                    col = c + q
                    t = tails[col]
                    if t != _NONE:
                        got = seams_get(t * nj + j)
                        s += seam(t, j) if got is None else got
                    else:
                        heads[col] = j
                        s -= w_open
                        if col > 0 and report[j]:
                            # a report's dateline opens its module: the grid's first
                            # column, never the top of a column read after another
                            s -= w_report_head
                    tails[col] = j
                    counts[col] += 1
                    s -= fits[q]
                if head:
                    s -= w_head
                    if ended:
                        # every column ends a sentence: the module ends, and a headline
                        # under it is the next module's, not a crosshead in a column
                        s -= w_ended
                if module:
                    s -= w_module
                # the seams between columns that the line's pieces changed
                if last:
                    seams = list(st[10])
                    for b in range(c - 1 if c else 0, c + n if c + n < last else last):
                        tb, hb = tails[b], heads[b + 1]
                        if tb != _NONE and hb != _NONE:
                            got = seams_get(tb * nj + hb)
                            seams[b] = seam(tb, hb) if got is None else got
                        else:
                            seams[b] = None
                    # ``close(st, False)``, bit for bit: the seams in order, then the levels
                    sc = 0.0
                    for v in seams:
                        if v is not None:
                            sc += v
                    ending = sc - w_level * (max(counts) * last - sum(counts) + counts[last])
                else:
                    seams, ending = (), 0.0
                left = c
                if block:
                    # a block spans columns from its left one: its merged lines start
                    # there; a line of one piece stands in any column (the block may
                    # reach further left in a lower row, where a column's line stood
                    # on a baseline of its own)
                    if c == left0:
                        s += w_block
                    elif n > 1:
                        s -= w_block
                    left = min(c, left0)
                # below the floor (``_Cut``): dropped where that is exact;
                # else counted towards the floor where the state stands for its kind
                v = s + ending
                if v < floor:
                    if prune:
                        continue
                elif rep:
                    if len(heap) < width:
                        heappush(heap, v)
                        if len(heap) == width:
                            floor = cut.floor = heap[0]
                    elif v > floor:
                        heapreplace(heap, v)
                        floor = cut.floor = heap[0]
                key = (columns, tuple(counts), tuple(tails), tuple(heads), left, tuple(offsets), measure, False)
                got = (s, ending, st, c, kind, tuple(seams), _KEEP, None)
                old = setdefault(key, got)      # (the key hashed once where it is new)
                if old is not got and old[0] < s:
                    out[key] = got

    def place_one(self, st: _State, i: int, fresh: bool, s0: float, out: dict, cut=None) -> None:
        """``place`` of a line of one piece (most lines) in each column of
        the grid of ``st`` in turn, from the score ``s0``, each placement
        kept in ``out`` (as ``_made`` reads it): the same terms added in the
        same order, and only the seams of the two column boundaries beside
        the column redone; ``cut`` as ``place`` reads it (a placement's key
        is made only where it is kept)."""
        j = self.lines[i][0]
        counts, tails, heads, seams0 = st[2], st[3], st[4], st[10]
        columns, left0 = st[1], st[5]
        last = columns - 1
        fit = self._fits.get((i, st[7]))
        fit = (self.fits(i, st[7]) if fit is None else fit)[0]
        seam, seams_get, nj, setdefault = self.seam, self._seams.get, self._n, out.setdefault
        w_open, w_level, w_report_head, w_block, w_head, w_ended, w_module = self._weights_one
        report = self.report[j]
        # the terms after the seam that do not depend on the column
        head = self.head[i]
        ended = head and not fresh and last and all(t == _NONE or not self.ev.end_mid[t] for t in tails)
        module = not fresh and self.module[i]
        block = not fresh and self.in_block[i] and left0 != _NONE
        kind = "new" if fresh else "put"
        if cut is None:
            floor, rep, prune = _LOWEST, False, False
        else:
            floor, rep, prune, heap, width = cut.floor, cut.rep, cut.last, cut.heap, cut.width
        offsets, measure = st[6], st[7]
        # a column opened by a line inside a block, right after its left
        # neighbour's k-th line and not going on from it (no seam's evidence),
        # starts low (open_low): beside that line or the next, k - 1 or k
        # rows down (its offset k - 0.5 until a merged line tells)
        low = self.k.open_low and self.inside[i] and j > 0 and self.seam(j - 1, j) <= 0
        max_shift = self.k.max_shift
        # the levels' term of ``close``: the top count times the columns but
        # the last, less their counts (whole numbers: worked out from the
        # state's own)
        top0, below0 = (max(counts), sum(counts) - counts[last]) if counts else (0, 0)
        # the seams summed as ``close`` sums them, up to each boundary: a
        # placement changes the seams from the one before its column on only
        pre = [0.0]
        acc = 0.0
        for v in seams0:
            if v is not None:
                acc += v
            pre.append(acc)
        # the parent's counts, tails and heads as lists, each changed at the
        # column placed in and changed back: one tuple made of each per
        # placement kept
        count_l = tail_l = head_l = None
        for c in range(columns):
            s = s0
            t = tails[c]
            vl = _KEEP
            offsets_c = offsets
            if t != _NONE:
                got = seams_get(t * nj + j)
                s += seam(t, j) if got is None else got
            else:
                s -= w_open
                if c > 0:
                    if low and tails[c - 1] == j - 1 and counts[c - 1] - 1 > max_shift:
                        offsets_c = offsets[:c - 1] + (0.5 - counts[c - 1],) + offsets[c:]
                    if report:
                        # a report's dateline opens its module: the grid's first
                        # column, never the top of a column read after another
                        s -= w_report_head
                    tb = tails[c - 1]
                    if tb != _NONE:
                        vl = seams_get(tb * nj + j)
                        if vl is None:
                            vl = seam(tb, j)
            n_c = counts[c] + 1
            s -= fit
            if head:
                s -= w_head
                if ended:
                    # every column ends a sentence: the module ends, and a headline
                    # under it is the next module's, not a crosshead in a column
                    s -= w_ended
            if module:
                s -= w_module
            vc = None
            if last:
                # ``close(st, False)``, bit for bit: the seams in order, then the levels
                sc = pre[c] if vl is _KEEP else pre[c - 1] + vl
                if c < last:
                    hb = heads[c + 1]
                    if hb != _NONE:
                        vc = seams_get(j * nj + hb)
                        if vc is None:
                            vc = seam(j, hb)
                        sc += vc
                    for v in seams0[c + 1:]:
                        if v is not None:
                            sc += v
                ending = sc - w_level * ((n_c if n_c > top0 else top0) * last -
                                         (below0 + 1 if c < last else below0))
            else:
                ending = 0.0
            left = c
            if block:
                # a line of one piece stands in any column of its block
                if c == left0:
                    s += w_block
                left = c if c < left0 else left0
            # below the floor (``_Cut``): dropped where that is exact;
            # else counted towards the floor where the state stands for its kind
            v = s + ending
            if v < floor:
                if prune:
                    continue
            elif rep:
                if len(heap) < width:
                    heappush(heap, v)
                    if len(heap) == width:
                        floor = cut.floor = heap[0]
                elif v > floor:
                    heapreplace(heap, v)
                    floor = cut.floor = heap[0]
            if count_l is None:
                count_l, tail_l = list(counts), list(tails)
            count_l[c] = n_c
            counts_c = tuple(count_l)
            count_l[c] = counts[c]
            if t == _NONE:
                if head_l is None:
                    head_l = list(heads)
                head_l[c] = j
                heads_c = tuple(head_l)
                head_l[c] = heads[c]
            else:
                heads_c = heads
            tail_l[c] = j
            key = (columns, counts_c, tuple(tail_l), heads_c, left, offsets_c, measure, False)
            tail_l[c] = t
            got = (s, ending, st, c, kind, None, vl, vc)
            old = setdefault(key, got)          # (the key hashed once where it is new)
            if old is not got and old[0] < s:
                out[key] = got

    def moves_one(self, beam: list[_State], kinds: list, i: int, cut: "_Cut", out: dict) -> int:
        """Every state's moves for line i of one piece, kept in ``out`` in
        the order the search makes them: left out of the grid, then
        ``place_one`` from the state as it stands; ``cut`` drops a move that
        cannot make the beam (``kinds``: ``_kinds`` of the beam). The same
        terms in the same order as ``place_one``, the line's own worked out
        once. Gives how many keys the first state's moves made."""
        k = self.k
        j = self.lines[i][0]
        seam, seams_get, nj, setdefault = self.seam, self._seams.get, self._n, out.setdefault
        w_open, w_level, w_report_head, w_block, w_head, w_ended, w_module = self._weights_one
        w_reopen, aside = k.w_reopen, self.aside[i]
        report, head, module, in_block = self.report[j], self.head[i], self.module[i], self.in_block[i]
        end_mid = self.ev.end_mid
        fits_get, fit_of = self._fits.get, {}
        floor, heap, width = cut.floor, cut.heap, cut.width
        # a column opened low (``place_one``)
        low = k.open_low and self.inside[i] and j > 0 and self.seam(j - 1, j) <= 0
        max_shift = k.max_shift
        at0 = 0
        for at, st in enumerate(beam):
            rep, prune = kinds[at]
            score, columns, counts, tails, heads, left0, offsets, measure, headed, _, seams0, ending0 = st
            # left out of the grid; a headline there ends the grid, as
            # pdftotext prints a module's rows before the next module's headline
            s = score - aside
            if not (prune and s + ending0 < floor):
                key = (columns, counts, tails, heads, _NONE, offsets, measure, headed or head and any(counts))
                got = (s, ending0, st, 0, "aside", seams0, _KEEP, None)
                old = setdefault(key, got)
                if old is not got and old[0] < s:
                    out[key] = got
            # the state as it stands, going on after a headline left out while
            # its grid was open (a cost: the grid reopens under it)
            s0 = score - (w_reopen if headed else 0.0)
            fit = fit_of.get(measure)
            if fit is None:
                fit = fits_get((i, measure))
                fit = fit_of[measure] = (self.fits(i, measure) if fit is None else fit)[0]
            last = columns - 1
            ended = head and last and all(t == _NONE or not end_mid[t] for t in tails)
            block = in_block and left0 != _NONE
            # the levels' term of ``close``: the top count times the columns but
            # the last, less their counts (whole numbers: worked out from the
            # state's own)
            top0, below0 = (max(counts), sum(counts) - counts[last]) if counts else (0, 0)
            # the seams summed as ``close`` sums them, up to each boundary: a
            # placement changes the seams from the one before its column on only
            pre = [0.0]
            acc = 0.0
            for v in seams0:
                if v is not None:
                    acc += v
                pre.append(acc)
            # the parent's counts, tails and heads as lists, each changed at the
            # column placed in and changed back: one tuple made of each per
            # placement kept
            count_l = tail_l = head_l = None
            for c in range(columns):
                s = s0
                t = tails[c]
                vl = _KEEP
                offsets_c = offsets
                if t != _NONE:
                    got = seams_get(t * nj + j)
                    s += seam(t, j) if got is None else got
                else:
                    s -= w_open
                    if c > 0:
                        if low and tails[c - 1] == j - 1 and counts[c - 1] - 1 > max_shift:
                            offsets_c = offsets[:c - 1] + (0.5 - counts[c - 1],) + offsets[c:]
                        if report:
                            s -= w_report_head
                        tb = tails[c - 1]
                        if tb != _NONE:
                            vl = seams_get(tb * nj + j)
                            if vl is None:
                                vl = seam(tb, j)
                n_c = counts[c] + 1
                s -= fit
                if head:
                    s -= w_head
                    if ended:
                        s -= w_ended
                if module:
                    s -= w_module
                vc = None
                if last:
                    sc = pre[c] if vl is _KEEP else pre[c - 1] + vl
                    if c < last:
                        hb = heads[c + 1]
                        if hb != _NONE:
                            vc = seams_get(j * nj + hb)
                            if vc is None:
                                vc = seam(j, hb)
                            sc += vc
                        for v in seams0[c + 1:]:
                            if v is not None:
                                sc += v
                    ending = sc - w_level * ((n_c if n_c > top0 else top0) * last -
                                             (below0 + 1 if c < last else below0))
                else:
                    ending = 0.0
                left = c
                if block:
                    if c == left0:
                        s += w_block
                    left = c if c < left0 else left0
                # below the floor: dropped where that is exact; else counted
                # towards the floor where the state stands for its kind
                v = s + ending
                if v < floor:
                    if prune:
                        continue
                elif rep:
                    if len(heap) < width:
                        heappush(heap, v)
                        if len(heap) == width:
                            floor = heap[0]
                    elif v > floor:
                        heapreplace(heap, v)
                        floor = heap[0]
                if count_l is None:
                    count_l, tail_l = list(counts), list(tails)
                count_l[c] = n_c
                counts_c = tuple(count_l)
                count_l[c] = counts[c]
                if t == _NONE:
                    if head_l is None:
                        head_l = list(heads)
                    head_l[c] = j
                    heads_c = tuple(head_l)
                    head_l[c] = heads[c]
                else:
                    heads_c = heads
                tail_l[c] = j
                key = (columns, counts_c, tuple(tail_l), heads_c, left, offsets_c, measure, False)
                tail_l[c] = t
                got = (s, ending, st, c, "put", None, vl, vc)
                old = setdefault(key, got)
                if old is not got and old[0] < s:
                    out[key] = got
            if at == 0:
                at0 = len(out)
        cut.floor = floor
        return at0

    def fits(self, i: int, m: float) -> tuple:
        """``fit`` of each piece of line i in a column of measure m."""
        key = (i, m)
        got = self._fits.get(key)
        if got is None:
            got = self._fits[key] = tuple(self.fit(j, m) for j in self.lines[i])
        return got


class _Cut:
    """Which of a line's moves cannot make the beam, told before the move's
    key is made (a line's moves number several times the beam; making and
    hashing the keys of those that never make it was much of the search).

    A move's key makes the beam where fewer than ``beam`` keys rank above
    it: by value (score + ending; a key's value is that of its best move,
    the first of equals) and, between equal values, by where the key was first
    made. Two moves make one key only from states of one kind (the same
    counts, heads and measure: a placement writes its line's fragments, new
    to the grid, into the tails of the columns it takes and counts them
    there, a line left out changes none of these; offsets are no part of a
    kind, as a placement may set one), and no two moves of one state make
    one key. So the moves of the first state of each
    kind are of keys apart, and the least of the best ``beam`` of their values
    so far (``heap``; ``seed`` puts in the lines left out first) is a
    ``floor`` no higher than the value of the beam's last key. A move of the
    last state of its kind worth less than the floor is dropped, and the
    beam stays as it was, bit for bit: the key it would make ranks below
    ``beam`` others, and no later move makes it (a later move of that key
    would take the place where it was first made); an earlier move of that key
    keeps its key's place and a value below the floor (a key's ending is
    the same however it is made). ``rep`` and ``last``: is the state whose
    moves are made the first, the last of its kind."""

    __slots__ = ("heap", "width", "floor", "rep", "last")

    def __init__(self, width: int) -> None:
        self.heap: list[float] = []
        self.width = width
        self.floor = _LOWEST
        self.rep = self.last = False

    @classmethod
    def fixed(cls, floor: float) -> "_Cut":
        """A cut that drops every move below ``floor``."""
        cut = cls(0)
        cut.floor, cut.last = floor, True
        return cut

    def seed(self, values: list[float]) -> None:
        """The floor from these values (of keys apart) before any other."""
        self.heap = heap = nlargest(self.width, values)
        heap.reverse()      # (ascending: a heap)
        if len(heap) >= self.width:
            self.floor = heap[0]


def _kinds(beam: list[_State]) -> list[tuple[bool, bool]]:
    """Per state of the beam, of its kind (its counts, heads and measure):
    is it the first state, is it the last. Kinds are told apart by
    their hashes: two kinds of one hash are taken for one, which only makes
    fewer states first or last of their kind (``_Cut`` stays exact)."""
    kinds = [hash((st[2], st[4], st[7])) for st in beam]
    last = {kind: a for a, kind in enumerate(kinds)}                  # (the last index wins)
    first = {kind: a for a, kind in reversed(list(enumerate(kinds)))}  # (the first index wins)
    return [(first[kind] == a, last[kind] == a) for a, kind in enumerate(kinds)]


def _search(g: _Grid, k: _Weights, aside_only: frozenset = frozenset(), seen: bool = False) -> list[int] | None:
    """The best grid's reading of the page; the text lines in ``aside_only``
    are left out of the grid whatever it costs (a caption's). ``seen``: None
    where a grid that holds no merged line reads its lines out of the order
    given (no row of it was seen side by side)."""
    beam = [_State(0.0, 0, (), (), (), _NONE, (), 0.0, False, None)]
    w_empty, w_new = k.w_empty, k.w_new
    # a subheadline's line is no column's line, however wide
    aside_only = aside_only | {i for i, s in enumerate(g.sub) if s}
    for i, ln in enumerate(g.lines):
        n = len(ln)
        cand: dict[tuple, _State] = {}
        setdefault = cand.setdefault
        # ``g.new_base`` of each state, inline
        bases = [st[0] + (st[11] - w_empty * st[2].count(0) if st[2] else 0.0) - (w_new if st[1] else 0.0)
                 for st in beam]
        top = max(bases)
        place = g.place_one if n == 1 else g.place
        tie = top - 1e-9 * max(1.0, abs(top))
        aside, head = g.aside[i], g.head[i]
        w_reopen = k.w_reopen
        at0 = 0
        cut = _Cut(int(k.beam))
        kinds = _kinds(beam)
        cut.seed([st[0] - aside + st[11] for st, (rep, _) in zip(beam, kinds) if rep])
        if n == 1 and i not in aside_only:
            at0 = g.moves_one(beam, kinds, i, cut, cand)
        else:
            for at, (st, (cut.rep, cut.last)) in enumerate(zip(beam, kinds)):
                # left out of the grid; a headline there ends the grid, as
                # pdftotext prints a module's rows before the next module's headline
                sc = st[0] - aside
                if not (cut.last and sc + st[11] < cut.floor):
                    key = (st[1], st[2], st[3], st[4], _NONE, st[6], st[7],
                           st[8] or head and not g.sub[i] and any(st[2]))
                    got = (sc, st[11], st, 0, "aside", st[10], _KEEP, None)
                    old = setdefault(key, got)
                    if old is not got and old[0] < sc:
                        cand[key] = got
                # the state as it stands, going on after a headline left out while
                # its grid was open (a cost: the grid reopens under it)
                here = st[0] - (w_reopen if st[8] else 0.0)
                if i not in aside_only:
                    place(st, i, False, here, cand, cut)
                if at == 0:
                    at0 = len(cand)     # the new grids' placements rank from here
        keys = [-(got[0] + got[1]) for got in cand.values()]
        # A new grid's first line scores the same from every state but for
        # the state's own score with its grid closed: only the best state (the
        # first of equals, as the beam is ranked) can win a new grid's place,
        # so new grids are placed once per line, not once per state. States
        # within rounding of the best are tried in beam order, up to the first
        # best one, so that the winner is the one a placement from every state
        # would keep. A new grid's placements are states no other move makes (one line
        # in a grid of none), ranked as if placed after the first state's
        # moves; a grid whose placements all rank below ``beam`` others
        # from the best state (``below``) is placed from none.
        floor = -sorted(keys)[int(k.beam) - 1] if len(keys) >= k.beam else None
        new: dict[tuple, _State] = {}
        tied = []
        if i not in aside_only:
            for st, b in zip(beam, bases):
                if b >= tie:
                    tied.append((st, b))
                    if b == top:
                        # a new grid's placements differ by their base score
                        # alone, and a later state's, no better, replaces none
                        # of the first best state's (a tie keeps the first)
                        break
        # placed from one state, a new grid's placement below the floor is
        # dropped: ``beam`` others rank above it, and no other move makes its key
        # (from two, a later state's move may make it)
        cut = _Cut.fixed(floor) if floor is not None and len(tied) == 1 else None
        for st, b in tied:
            for base in g.fresh(b, st.back, n):
                if floor is None or not g.below(top, base[1], base[7], i, n, floor):
                    place(base, i, True, base.score, new, cut)
        # ranked with what ending the grid here costs: a grid that left
        # columns behind pays for them now, not only where it ends
        items = list(cand.items())
        if new:
            items[at0:at0] = new.items()
            keys[at0:at0] = [-(got[0] + got[1]) for got in new.values()]
        beam = [_made(items[x], i) for x in sorted(range(len(items)), key=keys.__getitem__)[:int(k.beam)]]
    best = max(beam, key=lambda st: st.score + g.close(st))
    if seen and _unseen_rows(g.lines, best.back):
        return None
    return _read(g.lines, best.back, g)


def _unseen_rows(lines: list[list[int]], back) -> bool:
    """Does a grid of the moves on record hold no merged line and read its
    lines out of the order given? Only a merged line shows which lines stand
    side by side; lines of one piece each, shared out among columns by their
    seams alone, are no grid's evidence."""
    moves = []
    while back is not None:
        back, i, move = back
        moves.append((i, move))
    grids: list[tuple[list[list[int]], list[int], list[bool]]] = []
    for i, (kind, c, columns) in reversed(moves):
        if kind == "new":
            grids.append(([[] for _ in range(columns)], [], [False]))
        if kind != "aside":
            cols, given, merged = grids[-1]
            given.append(i)
            merged[0] = merged[0] or len(lines[i]) > 1
            cols[c].append(i)
    return any(not merged[0] and [i for col in cols for i in col] != given for cols, given, merged in grids)


def grid_order(frags: list[Frag], ev: Evidence, p: dict, credit=None, seen: bool = False) -> list[int] | None:
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
    seq = _search(g, k, seen=seen)
    if seq is None:
        return None
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
        return _search(g, k, frozenset(aside), seen=seen)
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


def _made(item: tuple, i: int) -> _State:
    """The state of a candidate kept in the beam. A candidate is kept as
    its key and (score, ending, the state it came from, its column, its
    kind of move, its seams or None, then the seams changed of a line of one
    piece: the one before its column (_KEEP: none) and its column's own):
    most candidates never make the beam, and are never made states."""
    key, (s, ending, st, c, kind, seams, vl, vc) = item
    if seams is None:
        seams = list(st[10])
        if vl is not _KEEP:
            seams[c - 1] = vl
        if c < len(seams):
            seams[c] = vc
        seams = tuple(seams)
    return _new(_State, (s, *key, (st[9], i, (kind, c, key[0])), seams, ending))


def _read(lines: list[list[int]], back, g: "_Grid | None" = None) -> list[int]:
    """The reading order of the moves on record: the lines left out before a
    grid's first line in their place, its columns one after the other, then
    the lines left out while it was open. But a subheadline's line (``sub``)
    left out of a grid still in its first rows (no column has read more
    than ``sub_rows`` lines, one of them stops mid-sentence: its module goes
    on), before any other line left out of it (a headline's: the sub goes on
    under it), stands in the head stack over the grid, which pdftotext
    printed among the grid's first rows: it goes before the columns, and
    with it the headline's line printed right before it (one line or two
    above: a headline's whole line the grid took into a column). Where that
    grid holds no report's dateline and the next grid opens with one, the
    head stack is that report's, printed over its first column, which
    pdftotext printed after the columns beside it: the stack and the next
    grid come first, then this grid's columns."""
    moves = []
    while back is not None:
        back, i, move = back
        moves.append((i, move))
    moves.reverse()
    out: list[int] = []
    cols: list[list[int]] = []
    after: list[int] = []
    where: dict[int, int] = {}       # the column of each line of the open grid's (one piece)
    stack: list[int] = []            # the head stack pulled out of the open grid
    held: list[int] = []             # a headless grid read after the next one
    for i, (kind, c, columns) in moves:
        if kind == "aside":
            if any(cols) and not after and g is not None and g.sub[i] and _opening(g, cols):
                for h in (i - 2, i - 1):
                    if h in where and g.head[h]:
                        cols[where[h]].remove(lines[h][0])
                        stack.extend(lines[h])
                stack.extend(lines[i])
                continue
            (after if any(cols) else out).extend(lines[i])
            continue
        if kind == "new":
            grid = [j for col in cols for j in col]
            out.extend(stack)
            if held or not (stack and g.report[lines[i][0]] and _opening(g, cols, ended=True) and
                            not any(g.report[j] for j in grid)):
                out.extend(grid)
                out.extend(held)
                out.extend(after)
                held = []
            else:
                held = grid + after
            cols, after, where, stack = [[] for _ in range(columns)], [], {}, []
        for q, j in enumerate(lines[i]):
            cols[c + q].append(j)
        if len(lines[i]) == 1:
            where[i] = c
    out.extend(stack)
    out.extend(j for col in cols for j in col)
    out.extend(held)
    out.extend(after)
    return out


def _opening(g: "_Grid", cols: list[list[int]], ended: bool = False) -> bool:
    """Is a grid still in its first rows: no column has read more than
    ``sub_rows`` lines, and one stops mid-sentence (its module goes on;
    ``ended``: the grid ends there, and the rule is left out)?"""
    return max(map(len, cols)) <= g.k.sub_rows and (ended or any(col and g.ev.end_mid[col[-1]] for col in cols))
