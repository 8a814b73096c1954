"""OCR's merged head rows put at the top of their columns (O606 ``ocr_head_rows``).

Tesseract may read the first one or two rows of an article set in several
columns as one text line each, the columns' lines side by side with a gap
between them, and only then the rest of each column as a block of its own,
left to right. This pass cuts such a row at its gaps into as many pieces as
there are columns, each piece no wider than a column line, and puts piece i
of each head row at the top of the i-th column block below: the blocks below
start at a blank line, open with a line of the column measure, and the
full columns (all but the last) are about as deep as one another; where the
row's piece stops mid-sentence the block goes on with it.
"""
from __future__ import annotations

import collections
import dataclasses
import itertools
import re

from ..chars import em_width as _em
from ..model import Line

_GAP = re.compile(r" +")
_WIDE = re.compile(r"  +")
_ENDS = tuple("。！？…”」』）)")


def _measure(lines: list[Line]) -> float | None:
    """The page's column measure: the commonest width (em) of lines without a gap."""
    hist = collections.Counter(round(_em(ln.text)) for ln in lines
                               if not _GAP.search(ln.text.strip()) and _em(ln.text) >= 4)
    if not hist:
        return None
    return float(hist.most_common(1)[0][0])


def _pieces(text: str, m: float, tol: float) -> list[str]:
    """The row cut at its gaps, neighbours merged while they fit one column line."""
    parts = [p for p in _GAP.split(text.strip()) if p]
    out: list[str] = []
    for p in parts:
        if out and _em(out[-1] + p) <= m + tol:
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def _head_row(line: Line, m: float, tol: float, short: float) -> list[str] | None:
    """The pieces of a merged head row, or None when the line is none: two or
    more pieces, each no wider than the measure and, but for a paragraph's
    last line, about as wide (a Latin term or a label beside a column line
    is no column line)."""
    text = line.text.strip()
    if not _GAP.search(text):
        return None
    ps = _pieces(text, m, tol)
    if len(ps) < 2 or any(_em(p) > m + tol for p in ps):
        return None
    if any(_em(p) < m - short and not p.endswith(_ENDS) for p in ps):
        return None
    return ps


def head_rows(lines: list[Line], p: dict, tracer=None) -> list[Line] | None:
    """The page's lines with OCR's merged head rows moved to the tops of
    their columns, or None when the page shows no such rows."""
    most = int(p.get("ocr_head_rows", 0))
    if most <= 0 or len(lines) < 6:
        return None
    m = _measure(lines)
    if m is None or m < 6:
        return None
    tol, short = 1.0, 2.5
    # a row's piece may be a paragraph's first line, its 2 em indent lost to OCR
    short += float(p.get("ocr_head_indent", 0))
    depth_tol = int(p.get("ocr_head_depth_tol", 2))
    i = 0
    while i < len(lines):
        ps = _head_row(lines[i], m, tol, short)
        if ps is None:
            i += 1
            continue
        rows = [ps]
        j = i + 1
        while j < len(lines) and len(rows) < most and lines[j].blank_before <= 1:
            nxt = _head_row(lines[j], m, tol, short)
            if nxt is None or len(nxt) != len(ps):
                break
            rows.append(nxt)
            j += 1
        # a row cut in two may be a line with a phrase set apart, or two columns
        # that run side by side further down (O605's): three columns at least
        got = None if len(ps) < 3 else _place(lines, i, j, rows, m, tol, short, depth_tol)
        if got is None and len(ps) >= 3 and p.get("ocr_head_merged_blocks", False):
            got = _place_merged(lines, i, j, rows, m, tol, short, depth_tol)
        if got is not None:
            if tracer is not None:
                for r in range(i, j):
                    tracer.decide("O606", "move", lines[r], lines[r].text[:24], " | ".join(rows[r - i])[:32],
                                  "OCR's merged head row cut into %d columns, each piece put at the top of its column" % len(ps))
            return got
        i = j
    return None


def _place(lines: list[Line], i: int, j: int, rows: list[list[str]], m: float, tol: float,
           short: float, depth_tol: int) -> list[Line] | None:
    n = len(rows[0])
    below = lines[j:]
    if not below or below[0].blank_before < 1:
        return None
    def fits(ln: Line) -> bool:
        t = ln.text.strip()
        return not _GAP.search(t) and m - short <= _em(t) <= m + tol
    # the column lines below: a run of lines without gaps, up to the measure
    end = 0
    while end < len(below) and _em(below[end].text) <= m + tol:
        end += 1
    below = below[:end]
    if not below or not fits(below[0]):
        return None
    cands = [k for k in range(1, len(below)) if below[k].blank_before >= 1 and fits(below[k])]
    if len(cands) < n - 1 or len(cands) > 24:
        return None
    last = rows[-1]
    best = None
    for combo in itertools.combinations(cands, n - 1):
        starts = (0,) + combo
        depths = [b - a for a, b in zip(starts, starts[1:])]
        if depths and max(depths) - min(depths) > depth_tol:
            continue
        # evidence: the line above a column's start ends its column (a sentence's
        # end or a short line), or the row's piece stops mid-sentence
        score = 0
        for col, k in enumerate(combo, 1):
            above = below[k - 1].text.strip()
            if above.endswith(_ENDS) or _em(above) < m - short:
                score += 1
            if not last[col].endswith(_ENDS):
                score += 1
        key = (score, -(max(depths) - min(depths) if depths else 0))
        if best is None or key > best[0]:
            best = (key, starts)
    if best is None:
        return None
    return _rebuilt(lines, i, j, rows, {k: (col, 1) for col, k in enumerate(best[1])})


def _rebuilt(lines: list[Line], i: int, j: int, rows: list[list[str]],
             at: dict[int, tuple[int, int]]) -> list[Line]:
    """The page with head rows i..j-1 taken apart: the block that starts k
    lines below them (``at[k]`` = its first column and how many columns it
    holds) gets those columns' pieces of every head row on top, at a gap
    where it holds more than one, with the block's blank lines above them."""
    out = list(lines[:i])
    for k, ln in enumerate(lines[j:]):
        if k in at:
            col, width = at[k]
            for r, row in enumerate(rows):
                out.append(dataclasses.replace(lines[i + r], text="    ".join(row[col:col + width]),
                                               blank_before=ln.blank_before if r == 0 else 0))
            ln = dataclasses.replace(ln, blank_before=0)
        out.append(ln)
    return out


def _columns_of(text: str, m: float, tol: float) -> int | None:
    """How many columns' lines a line below a head row holds side by side:
    1 for a column line, k for k pieces at a gap each no wider than the
    measure, None for a line that is neither (wider, or a piece too wide)."""
    t = text.strip()
    if not _GAP.search(t):
        return 1 if _em(t) <= m + tol else None
    ps = _pieces(t, m, tol)
    if any(_em(q) > m + tol for q in ps):
        return None
    return len(ps)


def _place_merged(lines: list[Line], i: int, j: int, rows: list[list[str]], m: float, tol: float,
                  short: float, depth_tol: int) -> list[Line] | None:
    """O606 ocr_head_merged_blocks: the head row's columns go on in the blocks
    below, left to right, but a block may hold two or more columns' lines
    side by side (Tesseract read them as one block of merged lines): each
    block takes as many of the row's pieces as it holds columns, those of a
    merged block together at a gap on its first line (O605 cuts it later)."""
    n = len(rows[0])
    below = lines[j:]
    if not below or below[0].blank_before < 1:
        return None
    # OCR sets a merged row's columns apart by a run of spaces (a PDF
    # extractor's merged lines hold one space)
    if any(len(_WIDE.findall(lines[r].text.strip())) < n - 1 for r in range(i, j)):
        return None
    blocks: list[tuple[int, int, int]] = []      # start, end (exclusive), columns
    taken = 0
    k = 0
    while k < len(below) and taken < n:
        end = k + 1
        while end < len(below) and below[end].blank_before < 1:
            end += 1
        cols = [_columns_of(ln.text, m, tol) for ln in below[k:end]]
        if any(c is None for c in cols):
            return None
        # the block opens with full lines of its columns, each as wide as the measure
        width = cols[0]
        first = _pieces(below[k].text, m, tol) if width > 1 else [below[k].text.strip()]
        if any(_em(q) < m - short for q in first) or max(cols) != width:
            return None
        blocks.append((k, end, width))
        taken += width
        k = end
    if taken != n or len(blocks) < 2 or all(b[2] == 1 for b in blocks):
        return None
    depths = [b[1] - b[0] for b in blocks[:-1]]
    if any(d < 3 for d in depths):
        return None          # a column's rest runs some lines deep
    if depths and max(depths) - min(depths) > depth_tol:
        return None
    at = {}
    col = 0
    for start, _end, width in blocks:
        at[start] = (col, width)
        col += width
    return _rebuilt(lines, i, j, rows, at)
