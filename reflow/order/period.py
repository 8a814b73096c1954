"""The order stage's period decoder: columns interleaved line by line (O603).

An extractor that makes a box of each column line (pdfminer.six) or reads a
page line by line across its columns emits the rows of k columns one after
the other: the next line of a column comes k lines later, for as long as the
k columns run side by side. Holds ``period_streams``: for every line, the
offset of the line that continues it (1 when the page reads down a column),
chosen by a Viterbi pass that pools the seam evidence (``Evidence.seam``: the
document's own n-grams, marks that may not start a line, broken words) over
whole runs of rows, so that one period must beat reading in order on many
seams together before it is taken. Leaving the given order (offset 1) costs
as much as coming back to it, so a page with no clear period stays as it is.
The links make the column streams; ``streams`` puts them in reading order.
The work is the page's lines times the periods tried, squared at most: linear.
"""
from __future__ import annotations

from .columns import Frag
from .decoder import Evidence


def _links(frags: list[Frag], ev: Evidence, top: int) -> list[list[float]]:
    """The seam score of each line followed by the line ``d`` below it, for
    d = 1 … top (index 0 unused); past the page's end no evidence (0)."""
    n = len(frags)
    out = []
    for i in range(n):
        row = [0.0] * (top + 1)
        for d in range(1, top + 1):
            if i + d < n:
                row[d] = ev.seam(i, frags[i], frags[i + d], i + d)
        out.append(row)
    return out


def _viterbi(e: list[list[float]], top: int, switch: float) -> list[int]:
    """The offset of each line's successor: the best path over offsets, each
    change of offset (also from and back to reading in order at the page's
    start and end) costing ``switch``."""
    n = len(e)
    offsets = range(1, top + 1)
    score = [0.0] + [e[0][d] - (0.0 if d == 1 else switch) for d in offsets]
    back: list[list[int]] = []
    for i in range(1, n):
        best = max(offsets, key=score.__getitem__)
        new = [0.0] * (top + 1)
        bk = [0] * (top + 1)
        for d in offsets:
            jump = score[best] - switch
            if score[d] >= jump:
                new[d], bk[d] = score[d] + e[i][d], d
            else:
                new[d], bk[d] = jump + e[i][d], best
        back.append(bk)
        score = new
    d = max(offsets, key=lambda d: score[d] - (0.0 if d == 1 else switch))
    out = [d]
    for bk in reversed(back):
        d = bk[d]
        out.append(d)
    out.reverse()
    return out


def _full_row(frags: list[Frag], ev: Evidence, s: int, d: int, p: dict) -> bool:
    """Are the d lines from s a row of d full column lines: each letter-spaced
    by justification or as wide as a measure of the page? (A short headline
    is as wide as an indented first line: a row with one does not count.)"""
    if s + d > len(frags):
        return False
    tol = p.get("period_full_tolerance", 1.5)
    return all(frags[k].spaced or frags[k].width >= p.get("long_line", 5.0) and
               any(abs(frags[k].width - m) <= tol for m in ev.modes) for k in range(s, s + d))


def _first_row(frags: list[Frag], ev: Evidence, s: int, d: int, p: dict) -> bool:
    """Are the d lines from s the first row of columns: each a full column
    line or one two em short of a measure (a paragraph's indented first line)?"""
    if s < 0 or s + d > len(frags):
        return False
    tol = p.get("period_full_tolerance", 1.5)
    for k in range(s, s + d):
        f = frags[k]
        if f.spaced or any(abs(f.width - m) <= tol for m in ev.modes):
            continue
        if f.width < p.get("long_line", 5.0) or \
                not any(abs(f.width - (m - 2.0)) <= tol for m in ev.modes):
            return False
    return True


def _trim_heads(frags: list[Frag], ev: Evidence, offsets: list[int], p: dict) -> None:
    """A run of k interleaved columns starts at its first row of k full column
    lines, or at the row right above it when that one holds full lines and
    indented first lines (columns that open with a paragraph): the lines above (a running head, a headline stack, a byline set
    over the columns) are no column's lines and keep their order."""
    n = len(frags)
    i = 0
    while i < n:
        d = offsets[i]
        if d == 1:
            i += 1
            continue
        end = i
        while end + 1 < n and offsets[end + 1] == d:
            end += 1
        s = i
        while s <= end and not _full_row(frags, ev, s, d, p):
            s += 1
        if s <= end and s - d >= i and _first_row(frags, ev, s - d, d, p):
            s -= d                       # the row above holds the columns' first lines
        for k in range(i, min(s, end + 1)):
            offsets[k] = 1
        i = end + 1


def period_streams(frags: list[Frag], ev: Evidence, p: dict
                   ) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The stream id of each fragment, and the runs of interleaved lines found
    (first fragment, last fragment, columns); no runs when the page reads in
    order. A line claimed as successor by two lines goes with the better seam.

    >>> from reflow.order.columns import _frag
    >>> from reflow.model import Line
    >>> text = ["本报讯（记者林川）连日", "据市文化部门介绍，智慧书", "来，江南市多个社区的居民",
    ...         "屋由街道提供场地，图书馆", "在家门口用上了新建的智慧", "统一配送图书，每个书屋藏",
    ...         "书屋。书屋配备自助借还设", "书约三千册，涵盖文学历史", "备和电子阅读屏，全天开放", "和科普读物。"]
    >>> frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(text)]
    >>> sids, runs = period_streams(frags, Evidence(frags, {}), {"period_switch": 3.0})
    >>> sids, runs
    ([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], [(0, 8, 2)])
    """
    n = len(frags)
    top = max(1, min(int(p.get("period_max", 6)), n - 1))
    e = _links(frags, ev, top)
    offsets = _viterbi(e, top, p.get("period_switch", 6.0)) if n > 1 else [1] * n
    _trim_heads(frags, ev, offsets, p)
    runs: list[tuple[int, int, int]] = []
    for i, d in enumerate(offsets):
        if d == 1:
            continue
        if runs and runs[-1][1] == i - 1 and runs[-1][2] == d:
            runs[-1] = (runs[-1][0], i, d)
        else:
            runs.append((i, i, d))
    pred: dict[int, int] = {}
    for i, d in enumerate(offsets):
        j = i + d
        if j < n and (j not in pred or e[i][d] > e[pred[j]][j - pred[j]]):
            pred[j] = i
    succ = {i: j for j, i in pred.items()}
    sids = [-1] * n
    sid = 0
    for i in range(n):
        if sids[i] >= 0:
            continue
        c: int | None = i
        while c is not None and sids[c] < 0:
            sids[c] = sid
            c = succ.get(c)
        sid += 1
    return sids, runs
