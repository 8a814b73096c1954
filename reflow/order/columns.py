"""The order stage's fragments: text lines cut into printed column lines.

Holds ``Frag`` (one printed column line and where it came from), the column
measures of a page (``column_widths``: modes of the widths of runs no column
gap can split), the cut of a merged line at single spaces (``split_merged``,
O601), the test for a ``pdftotext -layout`` page (``layout_page``, O602) and
``fragments``, which cuts a page's lines; also the character sets the other
modules of the stage share. It does not decide which column a fragment
belongs to: ``decoder`` does.
"""
from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
from dataclasses import dataclass

from .. import chars
from ..chars import bigram_share, bracket_depth, closes_first, em_width
from ..label import ends_unit
from ..model import Line

_NO_START = chars.NO_LINE_START
_NO_END = chars.NO_LINE_END
# NB: the set of the class pattern's own characters, its ranges not expanded:
# `！-／` gives `！`, `-`, `／` only, so `，` `。` `（` `）` `《` `》` are not in it and
# the n-gram evidence (``decoder.Evidence.ngram``, ``stage._reads_on``) counts
# seams after them. The seam weights were set with it so: expanding the ranges
# alone made the gold pages worse (pdfminer CER 0.428 -> 0.449, pdftotext
# 0.540 -> 0.561), since a known `，开` across a seam is evidence after all.
_PUNCT = set(chars.CLASSES["cjk_punct"]) | set(",.;:!?()[]'\"-")
_RUN = re.compile(r"\S+")
_WHITE = re.compile(r"\s")   # what parts two runs of _RUN
_LATIN_START = re.compile(chars.cls("latin"))
_WORD_END = re.compile(chars.cls("latin") + "{2}$")
_WORD_START = re.compile(chars.cls("latin") + "{2}")
_LETTERS = re.compile("[A-Za-z]")
# one space between a Latin letter or digit and a Han character (8 月, AI 复盘);
# and the same junction without the space, to weigh how a page sets them
_AUTOSPACE = re.compile("[A-Za-z0-9] (?=%s)" % chars.cls("han"))
_JUNCTION = re.compile("[A-Za-z0-9] ?(?=%s)" % chars.cls("han"))
_NARROWER = 0.15     # em a Latin letter of proportional type may be narrower than em_width says
_HYPHEN_END = re.compile(chars.cls("alnum") + "[-\u2010\u00ad]$")
_CURLY = re.compile("[“”‘’]")   # quotes a CJK font sets an em wide, a Latin font half an em
_BROKEN_END = re.compile("[A-Za-z]{2}[-\u2010\u00ad]$")   # a Latin word broken at a line end
# a soft hyphen inside a text line after a Latin word's head, right before a
# character that is no Latin letter: it ended a printed line (split_merged)
_SHY_INSIDE = re.compile(r"[A-Za-z]{2}\u00ad(?=[^\sA-Za-z\u00ad-])")


@dataclass(slots=True)
class Frag:
    """One printed column line: a whole text line or a piece cut from one."""
    text: str            # as printed, inner spaces kept
    line: Line           # the source line (provenance)
    row: int             # index of the source line on its page
    x: int | None        # start cell in a -layout line, else None
    width: float         # em, spaces ignored
    spaced: bool         # letter-spaced: a stretched (so full) justified line
    indent: float = 0.0  # first-line indent seen in a -layout line, em
    piece: int = 0       # index of the piece in its source line
    start: int = 0       # span of the piece in the source line's text
    end: int = 0
    upto: int = -1       # last piece index when pieces were put back together
    flat: str = ""       # the text without spaces
    merged: bool = False  # cut from its line at a single space (O601)
    blank: int = 0        # blank source lines between its row and the row before
    xn: float | None = None  # x counting Han characters before it twice (-layout), for the decoder
    xr: float | None = None  # x scaled to the page's typical row end (-layout), for the decoder
    xp: float | None = None  # x a piece cut at a single space would stand at, set apart (-layout), for the decoder
    lines: int = 1        # source lines it holds: a box of close lines read as one (pdfminer.six)
    latin: float = 0.0    # em its Latin text may print wider than ``width`` says (-layout: ``latin_doubt``)


def _spaced(text: str) -> bool:
    """A justified line letter-spaced by the extractor: `价 将 与 普 通`."""
    toks = text.split()
    if len(toks) < 4:
        return False
    single = sum(1 for t in toks if em_width(t) <= 1.5)
    return single >= 0.6 * len(toks)


_CAPITAL = re.compile("[A-Z]")
_WORD_SPACE = re.compile("(?<=[0-9A-Za-z.,)]) +(?=[0-9A-Za-z(])")


def latin_doubt(text: str, p: dict) -> float:
    """Em a line's Latin text may print wider than ``em_width`` says: a
    capital letter is wider than the average letter (``capital_doubt`` each)
    and a space between Latin words prints about a third of an em
    (``word_space_doubt``; em_width counts none), so a full line holding
    ``CC BY-NC 4.0`` measures short of its column and would tell its stream a
    measure its next full line seems too wide for."""
    if not p.get("latin_measure", False):
        return 0.0
    return p.get("capital_doubt", 0.0) * len(_CAPITAL.findall(text)) + \
        p.get("word_space_doubt", 0.0) * len(_WORD_SPACE.findall(text))


def _frag(text: str, line: Line, row: int, x: int | None, piece: int,
          start: int = 0, end: int = 0) -> Frag:
    return Frag(text, line, row, x, em_width(text), _spaced(text), 0.0, piece, start,
                end or len(line.text), -1, text.replace(" ", ""))


@functools.lru_cache(maxsize=4096)
def _cells(text: str, words: bool = False, autospace: bool = False) -> tuple[tuple[int, int], ...]:
    """Spans of the runs a column gap may separate: letter-spaced runs of single
    characters stay together (a gap needs a longer run on one side).
    ``autospace``: one space between a Latin letter or digit and a Han
    character is the typesetter's (O601 autospace_whole), inside one line.
    Cached: a page's lines are cut into cells for the page's measures, for the
    measures around each row and again to split them."""
    if _WHITE.search(text) is None:
        return ((0, len(text)),) if text else ()   # one run (most lines): no gap to keep
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    if not runs:
        return ()
    cells = [list(runs[0])]
    for (s0, e0), (s1, e1) in zip(runs, runs[1:]):
        left, right = text[s0:e0], text[s1:e1]
        if _HYPHEN_END.search(left) and len(left) > 1:
            cells.append([s1, e1])       # a word broken at a line end ends its column line
        elif _HYPHEN_END.search(right) and len(right) > 1 or \
                em_width(left) <= 1.5 and em_width(right) <= 1.5:
            cells[-1][1] = e1            # inside a letter-spaced run, or the broken word
        elif words and _WORD_END.search(left) and _WORD_START.match(right):
            cells[-1][1] = e1            # a space between two Latin words: a word space
        elif autospace and e0 + 1 == s1 and _AUTOSPACE.match(text, e0 - 1):
            cells[-1][1] = e1            # the typesetter's space after a number or a Latin word
        else:
            cells.append([s1, e1])
    return tuple(map(tuple, cells))


def _split_widths(widths: list[float], width: float, p: dict,
                  least: list[float] | None = None) -> tuple[float, list[int]] | None:
    """Best cut of cells of these widths into column lines of ``width`` em:
    (cost, indices after which to cut), or None when no cut fits. ``least``:
    the cells' widths with their curly quotes as narrow as a Latin font sets
    them (half an em: a CJK font sets them an em wide), for the test that a
    piece fits its column."""
    over = p.get("over_tolerance", 1.5)
    n = len(widths)
    least = widths if least is None else least
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for j in range(1, n + 1):
        w = lo = 0.0
        for i in range(j - 1, -1, -1):
            w += widths[i]
            lo += least[i]
            if lo > width + over:
                break
            if best[i] is None:
                continue
            cost = best[i][0] + max(0.0, width - w) ** 1.5 + p.get("cut_cost", 0.5)
            cuts = best[i][1] + ([i - 1] if i else [])
            if best[j] is None or cost < best[j][0] - 1e-9:
                best[j] = (cost, cuts)
    return best[n]


def _cell_widths(text: str, p: dict) -> tuple[int, ...]:
    """The rounded widths of a line's cells that are wide enough to be a column line."""
    return _wide_cells(text, p.get("min_column", 5.0))


@functools.lru_cache(maxsize=4096)
def _wide_cells(text: str, low: float) -> tuple[int, ...]:
    return tuple(round(w) for w in (em_width(text[s:e]) for s, e in _cells(text, True)) if w >= low)


def column_widths(texts: list[str], p: dict) -> list[float]:
    """The column widths of a page: modes of the widths of its cells (runs no
    column gap can split), the full lines of each column being the most frequent."""
    low = p.get("min_column", 5.0)
    # one count over all the cells (a Counter.update per line costs more than
    # the line's few cells)
    hist = collections.Counter(itertools.chain.from_iterable(map(_wide_cells, texts, itertools.repeat(low))))
    return _modes(hist, p)


def _window_widths(cells: list[tuple[int, ...]], row: int, radius: int, p: dict) -> list[float]:
    """column_widths of the rows within ``radius`` of one row, from the rows'
    cell widths (``_cell_widths``): what ``_local_widths`` gives for that row,
    for a page that asks for the measures of a few rows only. The sliding pass
    keeps widths whose count fell to nought, which only a ``mode_support`` of
    nought or less could take for a measure: such a page is measured by it."""
    lo, hi = max(0, row - radius), row + radius + 1
    return _modes(collections.Counter(itertools.chain.from_iterable(cells[lo:hi])), p)


def _local_widths(texts: list[str], radius: int, p: dict) -> list[list[float]]:
    """column_widths of the rows within ``radius`` of each row, in one sliding pass."""
    cells = [_cell_widths(t, p) for t in texts]
    hist: collections.Counter = collections.Counter()
    for r in range(min(radius + 1, len(texts))):
        hist.update(cells[r])
    out = []
    for r in range(len(texts)):
        out.append(_modes(hist, p))
        if r + radius + 1 < len(texts):
            hist.update(cells[r + radius + 1])
        if r - radius >= 0:
            hist.subtract(cells[r - radius])
    return out


def _modes(hist: collections.Counter, p: dict) -> list[float]:
    support = p.get("mode_support", 3)
    modes = []
    for w, c in hist.items():
        if c >= support and c >= hist.get(w - 1, 0) and c >= hist.get(w + 1, 0) and \
                c >= hist.get(w - 2, 0) * 0.5 and hist.get(w + 2, 0) <= c:
            modes.append(float(w))   # not the first lines (two em short) of a wider measure
    return sorted(modes)


def _best_cut(text: str, cells: tuple[tuple[int, int], ...], modes: list[float],
              p: dict) -> tuple[float, list[int]] | None:
    """_split_widths for the widest measure that fits: fewest cuts."""
    widths = [em_width(text[s:e]) for s, e in cells]
    doubt = p.get("quote_doubt", 0.5)
    narrow = _NARROWER if p.get("narrow_latin", False) else 0.0
    least = [w - doubt * len(_CURLY.findall(text, s, e)) - narrow * len(_LETTERS.findall(text, s, e))
             for w, (s, e) in zip(widths, cells)]
    for w in sorted(modes, reverse=True):
        found = _split_widths(widths, w, p, least)
        if found is not None:
            return found
    return None


def split_merged(text: str, modes: list[float], p: dict) -> list[tuple[int, int]]:
    """Spans of the column lines a merged text line holds (one span when it fits
    one column).

    >>> split_merged("士从星海高铁站出发，途 公司技术总监韩冬介绍， 在新闻里看过无人驾驶，", [11.0], {})
    [(0, 11), (12, 23), (24, 35)]
    """
    cells = _cells(text)
    whole = [(cells[0][0], cells[-1][1])] if cells else []
    # a soft hyphen prints only where a Latin word breaks at a line's end: one
    # inside a text line, with no space after it, before what is no Latin
    # letter, ended a column line, and the next column's line follows it
    # (compu\u00ad“只讲概念”)
    m = _SHY_INSIDE.search(text) if cells and p.get("shy_cut", False) else None
    if m is not None:
        at = m.end()
        head = split_merged(text[:at], modes, p)
        rest = split_merged(text[at:], modes, p)
        return head + [(at + s, at + e) for s, e in rest]
    if len(cells) < 2 or not modes:
        return whole
    # a word broken by a line-end hyphen ends its column line: whatever
    # follows it after a space is the next column's (vehicle-to- 好。”)
    for k in range(len(cells) - 1):
        a, b = cells[k]
        if b - a > 1 and _BROKEN_END.search(text, a, b):
            head = split_merged(text[:b], modes, p)
            rest = split_merged(text[cells[k + 1][0]:], modes, p)
            return head + [(cells[k + 1][0] + s, cells[k + 1][0] + e) for s, e in rest]
    # a line no wider than a column is one column line, its Latin letters
    # taken as narrow as proportional type sets them (em_width's guess is wide)
    if em_width(text) - _NARROWER * len(_LETTERS.findall(text)) <= \
            max(modes) + p.get("over_tolerance", 1.5):
        return whole
    # a space between two Latin words is a word space: no cut there, unless
    # no cut fits without one
    # (O601 autospace_whole: nor at the typesetter's space after a number
    # or a Latin word, not even then)
    auto = bool(p.get("autospace", False))
    words = _cells(text, True, auto)
    found = _best_cut(text, words, modes, p)
    if auto:
        cells = _cells(text, False, True)
    if found is None and words != cells:
        words = cells
        found = _best_cut(text, cells, modes, p)
    if found is None:
        return whole
    cells = words
    out, start = [], 0
    for c in found[1] + [len(cells) - 1]:
        out.append((cells[start][0], cells[c][1]))
        start = c + 1
    return [q for a, b in out for q in _cut_after_sentences(text, a, b)]


# a space right after a mark that ends a sentence, before a Han character or an opening mark
_SENTENCE_GAP = re.compile("(?<=[。！？])[ ]+(?=[\u3400-\u9fff“「（《])")


def _cut_after_sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A piece of a merged line cut where a space follows a mark that ends
    a sentence: Chinese print sets no space after 。！？ inside a line (a
    letter-spaced line has spaces everywhere and is no merged line), so the
    space is a gutter, and a paragraph's short last line (方便。) stands
    before the next column's line."""
    if _spaced(text[a:b]):
        return [(a, b)]
    out, s = [], a
    for m in _SENTENCE_GAP.finditer(text, a, b):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, b))
    return out


_ALNUM = re.compile("[A-Za-z0-9]")


def _least_width(piece: str, doubt: float) -> float:
    """The em ``piece`` holds at least: its Latin letters as narrow as
    proportional type sets them, its curly quotes ``doubt`` em narrower (a
    font may set them half wide)."""
    return em_width(piece) - _NARROWER * len(_LETTERS.findall(piece)) - doubt * len(_CURLY.findall(piece))


def _space_cells(text: str, a: int, b: int, single: set[int],
                 words: bool = False) -> tuple[tuple[int, int], ...] | None:
    """The cells of the -layout piece ``text[a:b]`` between its single
    spaces (``_cells``), or None when it cannot be cut at one: one cell, a
    piece already cut off at a single space (``single``), or a letter-spaced
    run (a justified line stretched to its measure, however -layout pushed
    it)."""
    cells = _cells(text[a:b], words)
    if len(cells) < 2 or a in single or any(" " in text[a + c:a + d] for c, d in cells):
        return None
    return cells


def _cut_nearest(text: str, a: int, cells: tuple[tuple[int, int], ...], target: float,
                 over: float) -> list[tuple[int, int]] | None:
    """The piece at ``a`` with ``cells`` (offsets in it) cut at the single space
    that leaves its first part nearest ``target`` em wide, within ``over``: the
    two spans, or None when no space comes that near."""
    best = None
    for k in range(1, len(cells)):
        miss = abs(em_width(text[a + cells[0][0]:a + cells[k - 1][1]]) - target)
        if miss <= over and (best is None or miss < best[0]):
            best = (miss, k)
    if best is None:
        return None
    k = best[1]
    return [(a + cells[0][0], a + cells[k - 1][1]), (a + cells[k][0], a + cells[-1][1])]


def _rows_near(lines: list[Line], row: int, near: int) -> list[int]:
    """Up to ``near`` rows above ``row`` and below it, within its block (no
    blank line between): the rows whose pieces tell its columns."""
    rows = []
    for step in (-1, 1):
        q = row
        for _ in range(near):
            if (q == 0 or lines[q].blank_before) if step < 0 else \
                    q + 1 >= len(lines) or lines[q + 1].blank_before:
                break
            q += step
            rows.append(q)
    return rows


def _sure_measures(text: str, spans: list[tuple[int, int]], widest: float) -> list[tuple[float, int, int]]:
    """The measures a row's merged pieces show by themselves, each with the
    index of the space it ends at and of the line's start: a piece wider
    than any column line of the page's measures holds two column lines, and
    a single space between two Han characters in it (outside a round
    bracket; not in a letter-spaced line) is their gutter, as Chinese print
    sets no space between two Han characters inside a line (a space next to
    a curly quote is the extractor's, where the Latin font's quote meets the
    Han text). The width of the piece up to that space is the measure of its
    module, which may be wider than the page's (a module set to a measure of
    its own). Only a piece with one such space tells it."""
    out = []
    for a, b in spans:
        piece = text[a:b].strip()
        if em_width(piece) <= widest or _spaced(piece):
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip())
        gaps = [g for g in _gutter_spaces(text, a, a + len(piece), 0)
                if not _CURLY.match(text, g - 1) and not _CURLY.match(text, g + 1)]
        if len(gaps) == 1:
            out.append((float(round(em_width(text[a:gaps[0]]))), gaps[0], a))
    return out


def _own_measures(lines: list[Line], per_row: list, widest: float, near: int,
                  drift: int) -> list[list[tuple[int, float, int]]]:
    """For each row, the measures its merged pieces and those of the rows
    around it in its block (``near`` rows up and down) show by themselves
    (``_sure_measures``; none where a piece on a row around it starts
    inside the line, more than ``drift`` cells from its ends): (row,
    measure, index of the gutter's space)."""
    if near <= 0:
        return [[] for _ in lines]
    leads = [int(round(l.indent * 2)) for l in lines]
    starts = [[leads[q] + s for s, e in spans] for q, (spans, _) in enumerate(per_row)]
    sure = []
    for q, (spans, _) in enumerate(per_row):
        # a column starting inside the line on a row around it: the line
        # holds more than one column before its gap, no module's measure
        sure.append([(w, i) for w, i, a in _sure_measures(lines[q].text, spans, widest)
                     if not any(leads[q] + a + drift < x < leads[q] + i - drift
                                for r in _rows_near(lines, q, near) for x in starts[r])])
    return [[(q, w, i) for q in [row] + _rows_near(lines, row, near) for w, i in sure[q]]
            for row in range(len(lines))]


def _unglue(lines: list[Line], per_row: list, modes: list[float], p1: dict, p2: dict,
            measures_at=None, own=None) -> None:
    """Cut each -layout piece wider than any column line that runs across a
    gutter of the rows around it in its block (glue_rows, no blank line
    between: a run of split_spaces spaces or more between two of their
    pieces) where its column lines were glued (``_glued_cut``), to the
    measures of the rows around it (``measures_at``; a module beside it may be set
    wider): a cut between two characters only in the cells of such a gutter,
    give or take the drift (glue_drift cells). ``own``: for each row, the
    measures merged pieces near it show by themselves (``_own_measures``),
    taken with the others, their gutters' cells for cells of such a gutter."""
    leads = [int(round(l.indent * 2)) for l in lines]
    gap = int(p2.get("split_spaces", 2))
    near = int(p2.get("glue_rows", 3))
    drift = int(p2.get("glue_drift", 4))
    over = p1.get("over_tolerance", 1.5)
    widest = max(modes) + over
    fit = {**p1, "glue_cost": p2.get("glue_cost", 1.0)}
    own = own if own is not None else [[] for _ in lines]
    def at(q: int, i: int) -> float:
        # the cell of index i of row q with the Latin letters before it taken
        # half a cell: -layout gives a letter a cell, though it prints half as
        # wide as the Han characters that fill the cells of a full row
        return leads[q] + i - 0.5 * len(_LETTERS.findall(lines[q].text, 0, i))

    gutters = []
    for q, (spans, _) in enumerate(per_row):
        gutters.append([(at(q, e1), at(q, s2)) for (s1, e1), (s2, e2) in zip(spans, spans[1:])
                        if s2 - e1 >= gap])
    for row, (spans, single) in enumerate(per_row):
        text = lines[row].text
        if not any(em_width(text[a:b].strip()) > widest for a, b in spans):
            continue
        # (and the sure gutters of the rows around it, as cut cells)
        cols = [g for q in _rows_near(lines, row, near) for g in gutters[q]] + \
            [(at(q, i), at(q, i + 1)) for q, _, i in own[row]]
        if not cols:
            continue
        out, cut = [], set(single)
        for k, (a, b) in enumerate(spans):
            x0, x1 = at(row, a), at(row, b)
            inside = [(g0, g1) for g0, g1 in cols if x0 + 2 < g0 and g1 < x1 - 2]
            if em_width(text[a:b].strip()) <= widest or not inside:
                out.append((a, b))
                continue
            ok = (lambda i, row=row, inside=inside:
                  any(g0 - drift <= at(row, i) <= g1 + drift for g0, g1 in inside))
            local = measures_at(row) if measures_at is not None else []
            if own[row]:
                local = (local or list(modes)) + [w for _, w, _ in own[row]]
            got = _glued_cut(text, a, b, local or modes, fit, k == 0 and 2 <= leads[row] <= 8, ok)
            out.extend(got)
            cut.update(c for c, _ in got[1:])
        per_row[row] = (out, cut)


def _first_line_cut(lines: list[Line], per_row: list, near_at, p1: dict, p2: dict) -> int:
    """Cut a -layout piece that starts a paragraph's first line in its column
    and holds more than that line can: a first line is indented two em and
    holds two em less than the measure, so a piece that starts a few cells
    right of the column's left edge (``indent_min_cells`` to
    ``indent_max_cells`` right of the start of the piece under it, on the
    next row of its block) and is wider than the line under it less two em
    holds the start of the next column's line too, which -layout set a
    single space after it (the column left of a column's short line ran over
    its cells: 本报讯（记者 冉晓峰）记者8月26日从嘉 区。). The line under it
    is a full line of a measure around the row; the cut is made at the single
    space that leaves the first line nearest two em short of that measure,
    within the tolerance of a column line. Returns the cuts made."""
    lo = int(p2.get("indent_min_cells", 2))
    hi = int(p2.get("indent_max_cells", 8))
    over = p1.get("over_tolerance", 1.5)
    full = p2.get("first_line_tolerance", 0.75)
    doubt = p1.get("quote_doubt", 0.5)
    leads = [int(round(l.indent * 2)) for l in lines]
    made = 0
    for row in range(len(lines) - 1):
        spans, single = per_row[row]
        text = lines[row].text
        out = []
        for a, b in spans:
            x = leads[row] + a
            cells = _space_cells(text, a, b, single)
            if cells is None:
                out.append((a, b))
                continue
            # the column's left edge: the start of a piece under it in the
            # next rows of its block (a piece cut off at a single space stands
            # where -layout pushed it, not at its column's cell: it tells none)
            col, q = [], row
            while not col and q < min(row + 3, len(lines) - 1) and not lines[q + 1].blank_before:
                q += 1
                col = [(s, e) for s, e in per_row[q][0]
                       if s not in per_row[q][1] and lo <= x - (leads[q] + s) <= hi]
            if len(col) != 1:
                out.append((a, b))
                continue
            m = em_width(lines[q].text[col[0][0]:col[0][1]].strip())
            narrow = _least_width(text[a:b].strip(), doubt)
            if not any(abs(m - w) <= over for w in near_at(q)) or narrow <= m - 2.0 + full:
                out.append((a, b))
                continue
            cut = _cut_nearest(text, a, cells, m - 2.0, over)
            if cut is None:
                out.append((a, b))
                continue
            out += cut
            single.add(cut[1][0])
            made += 1
        per_row[row] = (out, single)
    return made


def _column_cut(lines: list[Line], per_row: list, p1: dict, p2: dict) -> int:
    """Cut a -layout piece wider than its own column at a single space: the
    pieces that start in its cell (within ``column_drift`` cells) on the rows
    around it in its block (``column_rows`` up and down, no blank line
    between; two or more, none cut off at a single space, which -layout
    pushed off their cells) are its column's lines, and the widest of them
    is the column's measure; a piece clearly wider (``over_tolerance``) holds
    the next column's line too, set a single space after it. The measures of
    the page or of the rows around it may be wider (a wider module under or
    over the column), so the piece fit one of them and stayed whole
    (接受多種行動支付。市府表示，導入後攤 顯縮短。). The cut leaves the first
    line nearest the measure without running over it. Returns the cuts made."""
    drift = int(p2.get("column_drift", 1))
    near = int(p2.get("column_rows", 3))
    over = p1.get("over_tolerance", 1.5)
    doubt = p1.get("quote_doubt", 0.5)
    leads = [int(round(l.indent * 2)) for l in lines]
    made = 0
    for row in range(len(lines)):
        spans, single = per_row[row]
        text = lines[row].text
        out = []
        for a, b in spans:
            cells = _space_cells(text, a, b, single, True)   # (a space between two Latin words is a word space)
            if cells is None:
                out.append((a, b))
                continue
            x = leads[row] + a
            widths = [em_width(lines[q].text[s:e].strip())
                      for q in _rows_near(lines, row, near) for s, e in per_row[q][0]
                      if s not in per_row[q][1] and abs(leads[q] + s - x) <= drift]
            narrow = _least_width(text[a:b].strip(), doubt)
            if len(widths) < 2 or narrow <= max(widths) + over:
                out.append((a, b))
                continue
            m = max(widths)
            cut = _cut_nearest(text, a, cells, m, over)
            if cut is None:
                out.append((a, b))
                continue
            out += cut
            single.add(cut[1][0])
            made += 1
        # a Latin word the cut left at the end of the next column's line goes
        # on with the Latin word after a single space, which O601 cut off it:
        # a space between two Latin words is a word space
        k = 0
        while k + 1 < len(out):
            (a, b), (c, d) = out[k], out[k + 1]
            if c in single and c - b == 1 and _WORD_END.search(text, a, b) and _WORD_START.match(text, c) and \
                    a in single:
                out[k:k + 2] = [(a, d)]
                single.discard(c)
                continue
            k += 1
        per_row[row] = (out, single)
    return made


def _glued_cut(text: str, a: int, b: int, modes: list[float], p: dict,
               indented: bool, ok=lambda i: True) -> list[tuple[int, int]]:
    """A -layout piece wider than any column line holds column lines glued
    with no space between them: -layout sets a column right after the text
    left of it when that text ran over its cells (a gutter of one space, or of
    none). Cut it where its pieces make column lines of the widest measure
    that fits: each but the last full (the first two em short when its row is
    indented: a paragraph's first line), the last no wider. A cut at a space
    is taken before one between two characters, and a cut after a Latin word
    broken by a soft hyphen before both (the hyphen ends its line); none
    inside a Latin word or a number, none before a mark that may not start a
    line or after one that may not end it. The piece stays whole when no cut
    fits."""
    over = p.get("over_tolerance", 1.5)
    piece = text[a:b]
    if not modes or em_width(piece.strip()) <= max(modes) + over:
        return [(a, b)]
    n = len(piece)
    # where a column line may end (k: after piece[k - 1]) and the next start
    ends: list[tuple[int, int, float]] = []   # (end, next start, cost of the cut)
    for k in range(1, n):
        left, right = piece[k - 1], piece[k]
        if left == " " or right == " ":
            if right == " " and left != " ":
                nxt = k
                while nxt < n and piece[nxt] == " ":
                    nxt += 1
                if nxt < n:
                    ends.append((k, nxt, 0.0))
            continue
        if _ALNUM.match(left) and _ALNUM.match(right) or right in _NO_START or left in _NO_END or \
                not ok(a + k):
            continue
        if left in "\u00ad\u2010" and _BROKEN_END.search(piece, 0, k):
            ends.append((k, k, -p.get("glue_cost", 1.0)))   # a word broken at its line's end
            continue
        ends.append((k, k, p.get("glue_cost", 1.0)))
    doubt = p.get("quote_doubt", 0.5)

    def width(i: int, j: int) -> tuple[float, float]:
        t = piece[i:j].strip()
        w = em_width(t)
        return w, w - doubt * len(_CURLY.findall(t)) - _NARROWER * len(_LETTERS.findall(t))

    start = len(piece) - len(piece.lstrip())
    for m in sorted((x for x in modes if x >= 0.5 * max(modes)), reverse=True):
        # best[i]: (cost, cuts) of the pieces before start i
        best: dict[int, tuple[float, list[tuple[int, int]]]] = {start: (0.0, [])}
        order = [start] + sorted({nx for _, nx, _ in ends if nx > start})
        for i in order:
            if i not in best:
                continue
            cost, cuts = best[i]
            first = not cuts
            target = m - 2.0 if first and indented else m
            for k, nx, c in ends:
                if k <= i:
                    continue
                w, lo = width(i, k)
                if lo > m + over:
                    break
                if abs(w - target) > over and abs(lo - target) > over:
                    continue      # a line with one after it is full
                total = cost + min(abs(w - target), abs(lo - target)) + c
                if nx not in best or total < best[nx][0] - 1e-9:
                    best[nx] = (total, cuts + [(i, k)])
        done = [(cost + 0.0, cuts + [(i, n)]) for i, (cost, cuts) in best.items()
                if cuts and width(i, n)[1] <= m + over]
        if done:
            cost, cuts = min(done, key=lambda d: d[0])
            return [(a + i + (len(piece[i:j]) - len(piece[i:j].lstrip())),
                     a + i + len(piece[i:j].rstrip())) for i, j in cuts]
    return [(a, b)]


def layout_page(lines: list[Line], p: dict) -> bool:
    """Does the page look like ``pdftotext -layout``: columns side by side,
    separated by runs of spaces, on a good share of its lines?"""
    gap = re.compile(r"\S {%d,}\S" % int(p.get("gap_spaces", 3)))
    long = [l for l in lines if em_width(l.text) >= p.get("min_line", 6.0)]
    if len(long) < p.get("min_lines", 6):
        return False
    gapped = sum(1 for l in long if gap.search(l.text))
    # a column's line set alone is led by the spaces of the columns left of it;
    # some rows still show two columns apart (a page of one column led by
    # centred crossheads shows none)
    lead = p.get("lead_em", 4.0)
    led = sum(1 for l in long if l.indent >= lead and not gap.search(l.text))
    share = p.get("layout_share", 0.25)
    return gapped >= share * len(long) or \
        gapped >= p.get("layout_gap_min", 0.1) * len(long) and gapped + led >= share * len(long)


_QUOTE_OPEN = "“‘"     # the curly quotes a Latin font sets, on another baseline than the Han glyphs


def split_row(a: Line, b: Line, p: dict) -> int | None:
    """Is ``b`` the rest of ``a``'s row that pdftotext -layout printed on a
    line of its own? A curly quote set in a Latin font sits on another
    baseline than the Han glyphs around it, and -layout may start a new
    text line at it: the row's text from the quote on (the rest of that
    column line, and the lines of the columns right of it) stands on the
    next line, led by spaces. Such a line has no blank line above it, opens
    with the quote, and starts right of the start of the last piece of the
    line above, within the cells that piece would fill at two cells a Han
    character (-layout gives it one each, so the quote lands inside them);
    that piece stops short mid-sentence (no mark of a sentence's end), as
    the rest of its column line is the quote's. Returns the cell where
    ``b``'s first piece starts, or None."""
    if b.blank_before or b.page != a.page or not b.text or b.text[0] not in _QUOTE_OPEN:
        return None
    gap = re.compile(" {%d,}" % int(p.get("split_spaces", 2)))
    starts = [0] + [m.end() for m in gap.finditer(a.text)]
    last = a.text[starts[-1]:]
    if not last or ends_unit(last):
        return None
    la = int(round(a.indent * 2)) + starts[-1]
    lb = int(round(b.indent * 2))
    return lb if la < lb <= la + 2 * len(last) else None


def _quote_joined(lines: list[Line], per_row: list, p1: dict, p2: dict) -> None:
    """-layout gives a Han character one cell though it prints two, and sets
    a curly quote of a Latin font (another font run) at its true place: the
    rest of a column line from such a quote on, or after one, may stand a run
    of spaces right of the text before it, a piece of its own. A row holds one
    line a column, so a row with one piece more than every row around it in
    its block (``quote_join_rows`` up and down, some of them holding one
    piece less) whose two pieces meet at a curly quote (or at the one space
    an extractor sets between a Han character and a Latin word, inside a
    line: ``_font_space``), no more cells apart
    than the wide characters before the gap since the last run of spaces
    could drift (two headlines side by side stand further apart), together no
    wider than the widest piece around it (``over_tolerance``), holds one
    column line: the two pieces are one again."""
    near = int(p2.get("quote_join_rows", 3))
    over = p1.get("over_tolerance", 1.5)
    marks = bool(p2.get("quote_join_marks", False))
    for row, (spans, single) in enumerate(per_row):
        if len(spans) < 2:
            continue
        around = _rows_near(lines, row, near)
        counts = [len(per_row[q][0]) for q in around]
        if not counts:
            continue
        more = max(counts) == len(spans) - 1
        if not (more or marks):
            continue
        text = lines[row].text
        widest = max(em_width(lines[q].text[a:b].strip()) for q in around for a, b in per_row[q][0])
        for k in range(len(spans) - 1):
            (a, b), (c, d) = spans[k], spans[k + 1]
            left, right = text[a:b].strip(), text[c:d].strip()
            if more and (right[:1] in _QUOTE_OPEN or left[-1:] in "”’" or _font_space(text, b, c)) or \
                    marks and right[:1] in _QUOTE_OPENS and left[-1:] in _QUOTED_AFTER:
                if c - b <= _since_gap(text, b)[0] and em_width(left) + em_width(right) <= widest + over:
                    spans[k:k + 2] = [(a, d)]
                    single.discard(c)
                    break


_QUOTE_OPENS = "“‘「『"     # a quote a column line opens a speech with
_QUOTED_AFTER = "，。：；！？"   # the marks a speech's quote follows inside a paragraph (说，“…)


def _font_space(text: str, b: int, c: int) -> bool:
    """Is the gap between two pieces one space between a Latin letter or
    digit and a Han character: the space an extractor sets where the Latin
    font meets the Han one inside a line (手機 App), no gutter?"""
    return c - b == 1 and 0 < b and c < len(text) and \
        (bool(_ALNUM.match(text[b - 1])) != bool(_ALNUM.match(text[c])))


def rejoin_split_rows(lines: list[Line], p: dict, tracer=None) -> list[Line]:
    """The lines of a -layout page with each row that -layout split at a
    curly quote (``split_row``) one line again: the quote's piece glued to
    the end of the line above (one column line), the pieces after it kept
    at their cells (or a run of ``split_spaces`` spaces after the line when
    it reaches past them). Each join is on record (O602)."""
    if not p.get("split_rows", False):
        return lines
    gap = re.compile(" {%d,}" % int(p.get("split_spaces", 2)))
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        lb = split_row(prev, line, p) if prev is not None else None
        if lb is None:
            out.append(line)
            continue
        m = gap.search(line.text)
        head, rest = (line.text[:m.start()], line.text[m.start():]) if m else (line.text, "")
        text = prev.text + head
        if rest:
            # the rest of the row at its cells, as -layout printed it
            at = int(round(prev.indent * 2)) + len(text)
            want = lb + m.start()
            text += " " * max(0, want - at) + rest
        joined = Line(text, prev.page, prev.lineno, blank_before=prev.blank_before,
                      indent=prev.indent, phrase_space_after=line.phrase_space_after,
                      label=prev.label, rule=prev.rule, par_start=prev.par_start)
        if tracer is not None:
            tracer.decide("O602", "join", prev, prev.text[-12:], head[:12],
                          "a row -layout split at a curly quote, one line again (line %d)" % line.lineno)
        out[-1] = joined
    return out


def glue_mark_lines(lines: list[Line], p: dict, tracer=None) -> tuple[list[Line], dict[int, list[int]]]:
    """The lines of a page read line by line with each line that opens with a
    mark no printed line opens with (``chars.NO_LINE_START``: ，。”）… GB/T
    15834) glued to the end of the line above it, where no blank line parts
    them (``glue_marks``): default pdftotext starts a new text line where a
    closing quote or a mark is set in another font, so the printed line's
    tail, and the columns' lines right of it, land on the next text line.
    An opening quote or bracket may open a line and is left alone. Each glue
    is on record (O601). Returns the lines and, by row, the offsets where
    lines were glued on (a glued line's curly quotes beside such an offset
    were set in another font, a Latin one: half an em, ``fragments``)."""
    glued: dict[int, list[int]] = {}
    if not p.get("glue_marks", False):
        return lines, glued
    out: list[Line] = []
    radius = int(p.get("local_rows", 8))
    widths = [em_width(l.text.strip()) for l in lines]
    for k, line in enumerate(lines):
        prev = out[-1] if out else None
        head = line.text.lstrip()
        if prev is None or line.blank_before or not head or head[0] not in _NO_START or \
                not prev.text.strip() or line.page != prev.page:
            out.append(line)
            continue
        # the tail completes a line that stopped short where the extractor met
        # the other font: glued, that line is no wider than the lines around
        # it (a whole line above it is another column's, as where lines of
        # columns interleave)
        piece = prev.text.rstrip().rsplit(" ", 1)[-1] + head.split(" ", 1)[0]
        around = widths[max(0, k - 1 - radius):k - 1] + widths[k + 1:k + 1 + radius]
        if _least_width(piece, p.get("quote_doubt", 0.5)) > max(around, default=0.0) + p.get("over_tolerance", 1.5):
            out.append(line)
            continue
        joined = Line(prev.text.rstrip() + head, prev.page, prev.lineno, blank_before=prev.blank_before,
                      indent=prev.indent, phrase_space_after=line.phrase_space_after,
                      label=prev.label, rule=prev.rule, par_start=prev.par_start)
        glued.setdefault(len(out) - 1, []).append(len(prev.text.rstrip()))
        if tracer is not None:
            tracer.decide("O601", "join", prev, prev.text.rstrip()[-12:], head[:12],
                          "a line opening with a mark no printed line opens with is the tail "
                          "of the line above (line %d)" % line.lineno)
        out[-1] = joined
    return out, glued


def fragments(lines: list[Line], layout: bool, rules,
              glued: dict[int, list[int]] | None = None,
              autospace: bool = True) -> tuple[list[Frag], int]:
    """Cut the page's lines into column lines; returns (fragments, cuts made).
    ``autospace``: O601 autospace_whole may hold (see ``_autospaced``); on a
    page that still shows merged rows with it, the extractor merges columns'
    lines, and a gutter may fall after a number as anywhere: the page is cut
    again without it.
    ``glued``: by row, the offsets where O601 glued a line on the line above
    (``glue_mark_lines``): there the extractor met a mark of another font, so
    the row is cut, and the piece that holds the glue measured, with its
    curly quotes as narrow as a Latin font sets them."""
    glued = glued or {}
    p1 = rules.rules["O601"].params if "O601" in rules.rules else {}
    cut_merged = rules.on("O601")
    p2 = rules.rules["O602"].params if layout else {}
    # curly quotes half an em wide, as a Latin font sets them, where the
    # pieces' places show the columns (-layout); else as wide as they look,
    # but on a row among merged rows (``doubt_rows``, below)
    texts = [l.text for l in lines]
    auto = autospace and not layout and p1.get("autospace_whole", False) and _autospaced(texts, p1)
    if auto:
        p1 = {**p1, "autospace": True}
    p_cut = p1 if layout else {**p1, "quote_doubt": 0.0}
    radius = int(p1.get("local_rows", 8))
    measured: dict[str, list] = {}
    under: dict[int, list[float]] = {}   # measures(row), asked for at two levels of a line
    near: dict[int, list[float]] = {}    # near_at(row)

    def page_modes() -> list[float]:
        # the page's column measures, measured once and only if a line needs them
        if "page" not in measured:
            measured["page"] = column_widths(texts, p1)
        return measured["page"]

    def near_at(row: int) -> list[float]:
        # the measures around a row, likewise; a page asks for those of a few
        # of its rows only, so each is counted from its own window of rows
        got = near.get(row)
        if got is None:
            if p1.get("mode_support", 3) <= 0:
                if "near" not in measured:
                    measured["near"] = _local_widths(texts, radius, p1)
                got = measured["near"][row]
            else:
                if "cells" not in measured:
                    measured["cells"] = [_cell_widths(t, p1) for t in texts]
                got = _window_widths(measured["cells"], row, radius, p1)
            near[row] = got
        return got

    def near_apart(row: int) -> list[float]:
        # the measures of the rows around a row but its own (O602 head_row_apart)
        if "cells" not in measured:
            measured["cells"] = [_cell_widths(t, p1) for t in texts]
        cells = measured["cells"]
        hist = collections.Counter(itertools.chain.from_iterable(cells[max(0, row - radius):row + radius + 1]))
        hist.subtract(cells[row])
        return _modes(+hist, p1)

    def measures(row: int) -> list[float]:
        # the measures around a row and those of the pieces of the two rows under
        # it (a one-column module beside wider columns shows its own there)
        if row not in under:
            under[row] = near_at(row) + [em_width(t) for q in (row + 1, row + 2) if q < len(texts)
                                         for t in big_gap.split(texts[q]) if t.strip()]
        return under[row]

    def kept(text: str, ps: list[tuple[int, int]], row: int) -> list[tuple[int, int]]:
        # pieces of a -layout line that are no columns' lines after all: a byline's
        # bracket, a dateline and its text, a caption and its credit
        ps = _bracket_kept(text, ps)
        if bracket_open and len(ps) > 1:
            ps = _bracket_kept(text, _bracket_open_kept(text, ps, measures(row), p2))
        if len(ps) > 1:
            ps = _no_start_kept(text, ps, stray_gap, no_start_drift)
            ps = _no_end_moved(text, ps, stray_gap)
            ps = _broken_kept(text, ps, stray_gap)
        if spread > 0 and len(ps) > 1:
            ps = _spread_kept(text, ps, near_at(row), p2)
        if dash_gap > 0 and len(ps) > 1:
            ps = _dash_kept(text, ps, near_at(row), p2)
        if alone is not None and _any_piece(text, ps, alone):
            ps = _dateline_kept(text, ps, alone, near_at(row), measures(row), p2)
        if credit is not None and len(ps) > 1:
            ps = _credit_kept(text, ps, credit)
        return ps

    out: list[Frag] = []
    cuts = 0
    blanks = [0] * len(lines)
    for r in range(1, len(lines)):
        blanks[r] = blanks[r - 1] + lines[r].blank_before
    big_gap = re.compile(" {%d,}" % int(p2.get("split_spaces", 2))) if layout else None
    alone = p2.get("dateline_pattern") if layout else None
    spread = int(p2.get("spread_gap", 0)) if layout else 0
    word_gap = int(p2.get("word_gap", 0)) if layout else 0
    stray_gap = int(p2.get("stray_gap", 14))
    dash_gap = int(p2.get("dash_gap", 0)) if layout else 0
    no_start_drift = bool(p2.get("no_start_drift", False))
    bracket_open = bool(p2.get("bracket_open", False))
    pause_end = bool(p2.get("head_row_pause_end", False))
    head_apart = bool(p2.get("head_row_apart", False))
    quote_close = bool(p2.get("head_row_quote_close", False))
    doubt_rows = int(p1.get("doubt_rows", 2))
    ideographic_whole = bool(p1.get("ideographic_whole", False))
    bracket_whole = bool(p1.get("bracket_whole", False))
    credit = rules.rules["L110"].regex if layout and rules.on("L110") else None
    j301 = rules.rules.get("J301")
    opens = j301.params.get("dateline_pattern") if layout and j301 is not None and rules.on("J301") else None

    def cut(sub: str, row: int, pc: dict) -> list[tuple[int, int]]:
        if (modes := page_modes()) and em_width(sub) <= max(modes) + p1.get("over_tolerance", 1.5):
            return split_merged(sub, modes, pc)   # fits a column: whole, as with any modes
        return split_merged(sub, sorted(set(modes) | set(near_at(row))), pc)

    def row_pieces(row: int) -> list[tuple[int, int]]:
        text = lines[row].text
        if big_gap is None:
            return [(0, len(text))]
        pieces, s = [], 0
        for m in big_gap.finditer(text):
            pieces.append((s, m.start()))
            s = m.end()
        pieces.append((s, len(text)))
        return kept(text, pieces, row)

    glue_on = layout and p2.get("glued_cut", False)
    raw = [row_pieces(row) for row in range(len(lines))]
    wide_rows = int(p2.get("wide_line_rows", 0)) if layout else 0
    per_row: list[tuple[list[tuple[int, int]], set[int]]] = []
    doubted: list[int] = []     # rows left whole only because their curly quotes looked wide
    for row, line in enumerate(lines):
        pieces = raw[row]
        spans = []
        single: set[int] = set()     # starts of pieces cut at a single space
        for s, e in pieces:
            sub = line.text[s:e]
            if not cut_merged:
                # uncut, but its spaces trimmed as a cut trims them (an indent of
                # ideographic spaces is the piece's lead, whoever cuts)
                got = [(len(sub) - len(sub.lstrip()), len(sub.rstrip()))]
            elif len(cells := _cells(sub)) < 2 and not (p1.get("shy_cut", False) and _SHY_INSIDE.search(sub)):
                # one run holds one column: whole, whatever the measures (what
                # split_merged gives for it)
                got = [(cells[0][0], cells[0][1])] if cells else []
            elif wide_rows > 0 and _wide_line(lines, raw, row, s, e, wide_rows, p1, p2):
                got = [(len(sub) - len(sub.lstrip()), len(sub.rstrip()))]   # a wide module's line
            else:
                got = cut(sub, row, {**p1, "narrow_latin": True} if row in glued else p_cut)
                if not layout and ideographic_whole:
                    got = _ideographic_kept(sub, got)
                if not layout and bracket_whole and len(got) > 1:
                    got = _bracket_kept(sub, got)
                if not layout and len(got) == 1 and _CURLY.search(sub) and doubt_rows > 0:
                    doubted.append(row)
            got = [(a, b) for a, b in got if sub[a:b].strip()]
            if layout:
                got = kept(sub, got, row)     # no gutter inside them here either
            if len(got) > 1:
                single.update(s + a for a, b in got[1:])
            if s:
                spans.extend((s + a, s + b) for a, b in got)
            else:
                spans.extend(got)
        if word_gap > 0 and len(spans) > 1:
            # (across the runs of spaces, once the pieces are cut at single spaces)
            spans = _words_kept(line.text, spans, word_gap, near_at(row), p2)
        per_row.append((spans, single))
    aligned: set[int] = set()    # rows cut where the columns start on the rows around (no head rows)
    if layout and cut_merged and p2.get("aligned_rows", 0) > 0:
        cuts += _aligned_cut(lines, per_row, p2, aligned if p2.get("aligned_text", False) else None)
    own: list[list] = [[] for _ in lines]
    if glue_on and page_modes():
        own = _own_measures(lines, per_row, max(page_modes()) + p1.get("over_tolerance", 1.5),
                            int(p2.get("own_measure_rows", 0)), int(p2.get("glue_drift", 4)))
        _unglue(lines, per_row, page_modes(), p1, p2, near_at, own)
    if layout and cut_merged and p2.get("first_line_cut", False):
        cuts += _first_line_cut(lines, per_row, near_at, p1, p2)
    if layout and cut_merged and p2.get("column_cut", False):
        cuts += _column_cut(lines, per_row, p1, p2)
    if layout and p2.get("quote_join_rows", 0) > 0:
        _quote_joined(lines, per_row, p1, p2)
    if doubted:
        # on a page read line by line, a row among merged rows (one cut
        # within doubt_rows rows) is cut with its curly quotes as narrow as a
        # Latin font sets them: columns merge on every row of a narrow gutter,
        # and a justified line with quotes holds more characters than its
        # measure; a lone wide row elsewhere stays whole (a wide module's line)
        merged_rows = [r for r, (sp, _) in enumerate(per_row) if len(sp) > 1]
        for row in doubted:
            if not any(0 < abs(r - row) <= doubt_rows for r in merged_rows):
                continue
            text = lines[row].text
            got = [(a, b) for a, b in cut(text, row, p1) if text[a:b].strip()]
            if ideographic_whole:
                got = _ideographic_kept(text, got)
            if bracket_whole and len(got) > 1:
                got = _bracket_kept(text, got)
            if len(got) > 1:
                per_row[row] = (got, {a for a, b in got[1:]})
    for row, line in enumerate(lines):
        lead = int(round(line.indent * 2)) if layout else 0
        spans, single = per_row[row]
        if layout:
            spans = _join_stray(line.text, spans, p2, opens)
            mine = near_at(row) + [w for _, w, _ in own[row]]   # (a module's own measure too)
            if len(spans) > 1 and head_apart and not any(_NO_HEAD_MARKS.search(line.text[s:e]) for s, e in spans):
                # a row with no mark of a clause: its pieces vouch for no
                # measure of their own (a gutter under pieces a column apart
                # still parts them: _modules_below)
                mine = near_apart(row) + [w for _, w, _ in own[row]]
            if len(spans) > 1 and row not in aligned and not any(_column_line(line.text[s:e], mine, p2) or
                                          _TEXT_MARKS.search(line.text[s:e]) for s, e in spans) and \
                    not (pause_end and _PAUSE_END.search(line.text[spans[-1][0]:spans[-1][1]])) and \
                    not _wraps_above(lines, row, line, spans, lead) and \
                    not _modules_below(lines, row, line.text, spans, lead, opens, quote_close,
                                       p2.get("head_row_dateline", False)):
                spans = [(spans[0][0], spans[-1][1])]   # a head row: phrases, not columns
        cuts += len(spans) - 1
        for k, (s, e) in enumerate(spans):
            frag = _frag(line.text[s:e].strip(), line, row, lead + s if layout else None, k, s, e)
            frag.merged = s in single
            frag.blank = blanks[row]
            if any(s <= g <= e for g in glued.get(row, ())):
                frag.width -= p1.get("quote_doubt", 0.5) * len(_CURLY.findall(frag.text))
            out.append(frag)
    if auto and cuts:
        return fragments(lines, layout, rules, glued, autospace=False)
    if layout:
        _scale_rows(out)
        if credit is not None:
            _credits_under(out, credit)
    return out, cuts


def _autospaced(texts: list[str], p: dict) -> bool:
    """O601 autospace_whole: does the page's typesetter space Latin and
    digits from Han? It does so at every junction (or none): where most of
    a page's junctions of a Latin letter or digit before a Han character
    hold one space, a space there is the typesetter's, inside a line; an
    extractor that merges columns' lines sets a space only where a gutter
    happens to fall after a number, among many junctions without one.

    >>> _autospaced(["2025 年8 月25 日", "1200 余名", "第3 版"], {"autospace_junctions": 3})
    True
    >>> _autospaced(["2025年8月25日 1200余名", "第3版 12 个"], {})
    False
    """
    spaced = total = 0
    for t in texts:
        for m in _JUNCTION.finditer(t):
            total += 1
            spaced += m.end() - m.start() == 2
    return total >= int(p.get("autospace_junctions", 6)) and spaced >= float(p.get("autospace_share", 0.75)) * total


# a sentence's end at the end of a text: 。！？ and any closing marks after it
_ENDS_SENTENCE = re.compile("[。！？][”’」』）)]*$")
# a mark of running text or of a book's title (a head's phrases hold none; nor
# does a colon tell text: a staff line's label-value pairs are phrases too)
_TEXT_LINE = re.compile("[，。、；《]")


def _ideographic_kept(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """O601 ideographic_whole: on a page read line by line, pieces parted by
    ideographic spaces only (U+3000) stay one line. An extractor that merges
    two columns' lines joins them with a Latin space; an ideographic space
    is the typesetter's, inside one printed line (a book's title before its
    blurb in a one-column list, a headline's phrases), never a gutter. After
    a sentence's end it sets apart what follows (a caption's credit): cut
    there as before. Only a line of text (a mark of a sentence or a book's
    title in it, ``_TEXT_LINE``): a head's or a staff line's phrases are cut
    as before.

    >>> _ideographic_kept("《星空》\u3000讲述一位天文学家 公司技术总监", [(0, 4), (5, 13), (14, 20)])
    [(0, 13), (14, 20)]
    >>> _ideographic_kept("市民在老街游览。\u3000本报记者 林海 摄", [(0, 8), (9, 13), (14, 19)])
    [(0, 8), (9, 13), (14, 19)]
    """
    if _TEXT_LINE.search(text) is None:
        return pieces            # a head's phrases: cut as before (the order stage rejoins neighbours)
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        gap = text[out[-1][1]:a] if out else ""
        if out and gap and set(gap) == {"\u3000"} and _ENDS_SENTENCE.search(text, 0, out[-1][1]) is None:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_SINGLE_SPACE = re.compile("(?<=\\S) (?=\\S)")
_HAN_SPACE = re.compile("(?<=[%s%s]) (?=[%s%s])" % ((chars.CLASSES["han"], chars.CLASSES["cjk_punct"]) * 2))


def _gutter_spaces(text: str, a: int, b: int, lead: int, han: bool = True) -> list[int]:
    """The cells of the single spaces of ``text[a:b]``; with ``han``, only
    those set between two Han characters or marks, where a gutter eaten by
    the drift shows (a space next to a number or a Latin word is the one an
    extractor sets where the Latin font meets the Han one, inside a line;
    one inside a round bracket is a byline's)."""
    if not han:
        return [lead + m.start() for m in _SINGLE_SPACE.finditer(text, a, b)]
    # a space inside a round bracket is a byline's (记者 严冰): a column
    # line's bracket closes in its own column
    return [lead + m.start() for m in _HAN_SPACE.finditer(text, a, b)
            if bracket_depth(text[a:m.start()]) <= 0]


def _aligned_cut(lines: list[Line], per_row: list, p2: dict, rows: set[int] | None = None) -> int:
    """Cut a -layout piece at a single space between two Han characters
    (outside a round bracket) where pieces start on ``aligned_rows`` rows or
    more around it in its block (``glue_drift`` cells on, up to two rows up
    and down): the columns of a module start at about one cell row after row,
    so such a space is the gutter between two of them that the drift ate,
    whatever the page's measures say (a module of a measure of its own, or a
    column's short last line glued to the line left of it: 了”。). A
    letter-spaced line (a justified line stretched) is left whole, and so is
    a piece with no mark of a clause (a photo credit's or a byline's names,
    a headline's phrases: their spaces are word spaces). Returns the cuts
    made; the rows cut go in ``rows``."""
    need = int(p2.get("aligned_rows", 1))
    glue = int(p2.get("glue_drift", 4))
    leads = [int(round(l.indent * 2)) for l in lines]
    starts = [[leads[q] + s for s, e in spans] for q, (spans, _) in enumerate(per_row)]
    if p2.get("aligned_spaces", False):
        # a gutter the drift ate on the rows around too: their single spaces
        # between Han characters in a line of text stand where a column starts
        # (not one next to a curly quote: -layout sets a space where the Latin
        # font of the quote meets the Han one, inside a line)
        for q, (spans, _) in enumerate(per_row):
            t = lines[q].text
            starts[q] = starts[q] + [g + 1 for a, b in spans
                                     if CLAUSE_MARKS.search(t, a, b) and not _spaced(t[a:b])
                                     for g in _gutter_spaces(t, a, b, leads[q])
                                     if not _CURLY.match(t[g - leads[q] - 1]) and not _CURLY.match(t[g - leads[q] + 1])]
    made = 0
    for row, (spans, single) in enumerate(per_row):
        text = lines[row].text
        near = _rows_near(lines, row, 2)
        out = []
        for a, b in spans:
            if _spaced(text[a:b]) or not CLAUSE_MARKS.search(text, a, b):
                out.append((a, b))   # a stretched line; a credit, a byline, a headline
                continue
            cells = [g for g in _gutter_spaces(text, a, b, leads[row])
                     if sum(any(abs(x - (g + 1)) <= glue for x in starts[q]) for q in near) >= need]
            k = a
            for g in cells:
                i = g - leads[row]
                if text[i + 1:i + 2] in _NO_START:
                    continue
                out.append((k, i))
                k = i + 1
                single.add(k)
                made += 1
                if rows is not None:
                    rows.add(row)
            out.append((k, b))
        per_row[row] = (out, single)
    return made


def _wide_line(lines: list[Line], raw: list, row: int, a: int, b: int, near: int,
               p1: dict, p2: dict) -> bool:
    """Is the -layout piece ``text[a:b]`` (a run of spaces before and after
    it) a line of a module set wider than the page's other columns? Such a
    module's lines start at one cell and fill one measure: two pieces or
    more on the rows around it in its block (``near`` rows up and down) start
    in its cell (``wide_line_drift`` cells) and are as wide
    (``wide_line_tolerance`` em, spaces counted half an em: the extractor's
    spaces around numbers stand for print's own gaps, and its digits print
    wider than half an em). A row of two columns
    merged at a gutter eaten by the drift shows that gutter as a single
    space at about one cell row after row (``glue_drift`` cells), between
    two Han characters on some of the rows: where none of its single spaces
    lines up with such a space of a piece starting in its cell, its spaces
    are word spaces (a byline's, the extractor's around a number) and it is
    one line, however much wider than the page's measures."""
    def width(t: str) -> float:
        t = t.strip()
        return em_width(t) + 0.5 * t.count(" ")

    text = lines[row].text
    piece = text[a:b]
    s0 = a + len(piece) - len(piece.lstrip())
    lead = int(round(lines[row].indent * 2))
    x, w = lead + s0, width(piece)
    drift = int(p2.get("wide_line_drift", 3))
    over = p2.get("wide_line_tolerance", 3.0)
    peers, theirs = 0, []
    for q in _rows_near(lines, row, near):
        tq, lq = lines[q].text, int(round(lines[q].indent * 2))
        for c, d in raw[q]:
            sq = c + len(tq[c:d]) - len(tq[c:d].lstrip())
            if abs(lq + sq - x) <= drift:
                theirs += _gutter_spaces(tq, c, d, lq)
                peers += abs(width(tq[c:d]) - w) <= over
    if peers < 2:
        return False
    mine = _gutter_spaces(text, a, b, lead, han=False)
    glue = int(p2.get("glue_drift", 4))
    return not any(abs(g - h) <= glue for g in mine for h in theirs)


def _credits_under(frags: list[Frag], credit) -> None:
    """-layout sets a photo's credit (L110) where print does: flush right or
    centred under its caption, so its start cell is no column's start. On a
    row of credits only, each credit takes the start cells of the piece it
    stands under on the row right above (its caption's last line): the last
    piece of that row to start at or left of it, the credit ending before
    the next piece starts (a caption's last line may be shorter than the
    credit's cells). A credit beside text on its row is left as it is."""
    above: list[Frag] = []
    row = None
    cur: list[Frag] = []
    mixed = {f.row for f in frags if credit.match(f.text) is None}
    for f in frags:
        if f.row != row:
            above, cur, row = (cur if row is not None and f.row == row + 1 and f.blank == cur[-1].blank
                               else []), [], f.row
        cur.append(f)
        if f.x is None or not above or f.row in mixed or credit.match(f.text) is None:
            continue
        left = [a for a in above if a.x is not None and a.x <= f.x]
        right = [a.x for a in above if a.x is not None and a.x > f.x]
        if left and credit.match(left[-1].text) is None and \
                (not right or f.x + len(f.text) <= min(right)):
            a = left[-1]
            f.x, f.xn, f.xr = a.x, a.xn, a.xr


def _scale_rows(frags: list[Frag]) -> None:
    """-layout counts a Han character as one cell though it prints about two,
    so a piece starts further left the more Han text stands left of it on its
    row: the same column starts at cell 36 under a photo and at 24 beside full
    lines. Two readings line it up again, for the search to take the nearer:
    ``xn`` counts the wide characters before a piece twice; ``xr`` scales a
    row of several pieces to the page's typical row end (a row's columns
    spread in proportion to where its last one ends). A third, ``xp``, puts a
    piece cut off at a single space back at its column's cell
    (``_place_merged``)."""
    for f in frags:
        if f.x is not None:
            f.xn = float(f.x + _wide_before(f.line.text, f.start))
    _place_merged(frags)
    lens = sorted(len(f.text) for f in frags if f.x is not None and len(f.text) >= 5)
    if not lens:
        return
    measure = lens[len(lens) // 2]      # a full column line, in cells
    ends: dict[int, int] = {}
    count: collections.Counter = collections.Counter()
    for f in frags:
        if f.x is not None:
            ends[f.row] = max(ends.get(f.row, 0), f.x + measure)
            count[f.row] += 1
    typical = sorted(ends[r] for r in ends if count[r] > 1)
    if not typical:
        return
    width = typical[len(typical) // 2]
    for f in frags:
        if f.x is not None:
            end = ends[f.row]
            f.xr = f.x * width / end if count[f.row] > 1 and 0.75 * width <= end <= 1.35 * width \
                else float(f.x)


def _place_merged(frags: list[Frag], steps: int = 16, near: float = 6.0) -> None:
    """-layout sets a piece after a run of spaces at its own cell, the same
    cell row after row, but a piece cut off its row at a single space right
    after the text left of it, which took a cell a character though a Han glyph
    prints wider: it stands left of its cell by a share of a cell for every
    Han character since the last run of spaces (text after such a run stands
    at its own cell), and right of it by half of one minus that share for
    every other character (a Latin letter or digit prints about half as wide
    as a Han one). The share is the page's (its fonts' size against the
    extractor's cell): the one that puts the most such pieces nearest the
    cells the pieces after runs of spaces start at. ``xp`` is that place."""
    apart = sorted(f.x for f in frags if f.x is not None and f.piece and not f.merged)
    cut = [(f, _since_gap(f.line.text, f.start)) for f in frags if f.x is not None and f.merged]
    for f in frags:
        if f.x is not None:
            f.xp = float(f.x)
    if not apart or not cut:
        return

    def at(f: Frag, wide: int, narrow: int, k: float) -> float:
        return f.x + k * wide - (1 - k) / 2 * narrow

    def nearest(x: float) -> float:      # the distance to the nearest cell in ``apart``
        i = bisect.bisect_left(apart, x)
        return min(abs(x - a) for a in apart[max(0, i - 1):i + 1])

    def cost(k: float) -> float:
        return sum(min(near, nearest(at(f, w, n, k))) for f, (w, n) in cut)

    best = min((cost(i / (steps - 1) * 1.5), i / (steps - 1) * 1.5) for i in range(steps))[1]
    for f, (w, n) in cut:
        f.xp = at(f, w, n, best)


def start_gap(a: Frag, b: Frag, same_end: bool = True) -> float:
    """Cells between two -layout pieces' starts, in the nearest of their four
    readings (as printed, ``xn``, ``xp``, ``xr``: ``_scale_rows``); ``xr`` only when
    their rows end in one column (``same_end``: ``StartGaps``)."""
    gap = min(abs(b.x - a.x),
              abs((b.x if b.xn is None else b.xn) - (a.x if a.xn is None else a.xn)),
              abs((b.x if b.xp is None else b.xp) - (a.x if a.xp is None else a.xp)))
    if same_end:
        gap = min(gap, abs((b.x if b.xr is None else b.xr) - (a.x if a.xr is None else a.xr)))
    return gap


class StartGaps:
    """``start_gap`` of two fragments by their indices, with the test of their
    rows that ``xr`` needs. ``xr`` scales a row to the page's typical row end,
    which lines up two rows only when both end in the same column: a row whose
    last column has no line there (a short column that ended, its paragraph
    done, beside the longer columns left of it) ends a column earlier, and
    scaled it stretches, so that a piece of the column left of the missing
    one lines up with that column's start on the rows above. Two rows end in
    one column when they hold as many pieces and their last pieces lie within
    the drift of one cell (``_last_within_drift``: a row of a box at the
    margin and the third column holds as many pieces as a row of the first
    two columns), or, holding different numbers, when each row's last piece
    starts right of the other's last but one, as printed or with the Han
    characters before it counted twice (the two readings that do not scale
    the row)."""

    def __init__(self, frags: list[Frag]) -> None:
        self.frags = frags
        self.starts: dict[int, list[tuple[float, float]]] = collections.defaultdict(list)
        for f in frags:
            if f.x is not None:
                self.starts[f.row].append((f.x, f.x if f.xn is None else f.xn,
                                           f.x if f.xp is None else f.xp))
        self._ends: dict[tuple[int, int], bool] = {}
        self._rows: dict[int, tuple] = {}
        # each piece's row and its start in the four readings of ``start_gap``
        self._starts = [(f.row, f.x, f.x if f.xn is None else f.xn, f.x if f.xp is None else f.xp,
                         f.x if f.xr is None else f.xr) for f in frags]

    def same_end(self, ra: int, rb: int) -> bool:
        key = (ra, rb)
        got = self._ends.get(key)
        if got is None:
            na, last_a, lo_a, hi_a, second_a, top_a = self._row_end(ra)
            nb, last_b, lo_b, hi_b, second_b, top_b = self._row_end(rb)
            if na == nb:
                # ``_last_within_drift``
                got = lo_a <= hi_b + _SAME_CELL and lo_b <= hi_a + _SAME_CELL
            else:
                # ``_last_aligned``, then ``_last_beyond`` in readings 0 and 1
                aligned = (nb >= 2 and any(abs(last_a[k] - second_b[k]) <= _SAME_CELL for k in range(3))) or \
                    (na >= 2 and any(abs(last_b[k] - second_a[k]) <= _SAME_CELL for k in range(3)))
                got = not aligned and any(
                    (nb < 2 or top_a[k][-1] > top_b[k][-2] + _SAME_CELL) and
                    (na < 2 or top_b[k][-1] > top_a[k][-2] + _SAME_CELL) for k in (0, 1))
            self._ends[key] = got
        return got

    def _row_end(self, r: int) -> tuple:
        """What ``same_end`` reads of row r's starts, worked out once per row:
        how many, the last piece (as ``_last_within_drift`` and
        ``_last_aligned`` take it) with its span, the last but one, and the
        two greatest starts in readings 0 and 1 (as ``_last_beyond`` sorts them)."""
        got = self._rows.get(r)
        if got is None:
            sr = self.starts[r]
            last = max(sr, key=lambda s: s[0])
            second = sorted(sr, key=lambda s: s[0])[-2] if len(sr) >= 2 else None
            top = tuple(sorted(s[k] for s in sr)[-2:] for k in (0, 1))
            got = self._rows[r] = (len(sr), last, last[0], max(last), second, top)
        return got

    def gap(self, i: int, j: int) -> float:
        """``start_gap(frags[i], frags[j], same_end(their rows))``, from the
        readings worked out once per piece."""
        ra, ax, axn, axp, axr = self._starts[i]
        rb, bx, bxn, bxp, bxr = self._starts[j]
        gap = min(abs(bx - ax), abs(bxn - axn), abs(bxp - axp))
        r = abs(bxr - axr)
        # (``xr`` counts only where it is nearer: the rows' test is asked then)
        if r < gap and self.same_end(ra, rb):
            gap = r
        return gap

    def taken(self, i: int, j: int, tol: float, cap: int) -> int:
        """The rows (at most ``cap``) between fragments i and j that hold a
        piece starting within ``tol`` cells of where both start, as printed
        or with the Han characters before it counted twice: a column has a
        line in every row, so the line skipped there is that column's."""
        ra, ax0, ax1 = self._starts[i][:3]
        rb, bx0, bx1 = self._starts[j][:3]
        if ax0 is None or bx0 is None:
            return 0
        # the cells near both, in each reading: [max - tol, min + tol]
        if ax0 < bx0:
            lo0, hi0 = bx0 - tol, ax0 + tol
        else:
            lo0, hi0 = ax0 - tol, bx0 + tol
        if ax1 < bx1:
            lo1, hi1 = bx1 - tol, ax1 + tol
        else:
            lo1, hi1 = ax1 - tol, bx1 + tol
        if lo0 > hi0 and lo1 > hi1:
            return 0           # (no cell is near both: most seams, between two columns)
        n = 0
        starts = self.starts
        for r in range(ra + 1, min(rb, ra + 1 + cap)):
            for x in starts.get(r, ()):
                if lo0 <= x[0] <= hi0 or lo1 <= x[1] <= hi1:
                    n += 1
                    break
        return n


def _last_within_drift(sa: list[tuple], sb: list[tuple]) -> bool:
    """Can the two rows' last pieces start in one column? A piece stands left
    of its column's cell by at most one cell for every wide character left of
    it (a Han glyph takes one cell and prints about two): its cell lies between
    where it starts as printed and with those characters counted twice. Two
    last pieces whose spans lie more than the drift apart are two columns."""
    la, lb = max(sa, key=lambda s: s[0]), max(sb, key=lambda s: s[0])
    lo_a, hi_a, lo_b, hi_b = la[0], max(la), lb[0], max(lb)
    return lo_a <= hi_b + _SAME_CELL and lo_b <= hi_a + _SAME_CELL


def _last_aligned(sa: list[tuple], sb: list[tuple]) -> bool:
    """Does one row's last piece start in the cell of the other's last but
    one, in any reading of their starts (as printed, Han characters counted
    twice, a piece cut off at a single space put back at its cell): the same
    column, so the row with fewer pieces ends a column earlier?"""
    for xa, xb in ((sa, sb), (sb, sa)):
        if len(xb) < 2:
            continue
        last = max(xa, key=lambda s: s[0])
        second = sorted(xb, key=lambda s: s[0])[-2]
        if any(abs(last[k] - second[k]) <= _SAME_CELL for k in range(3)):
            return True
    return False


def _last_beyond(sa: list[tuple[float, float]], sb: list[tuple[float, float]], k: int) -> bool:
    """Does each row's last piece start right of the other's last but one, in reading k?"""
    xa = sorted(s[k] for s in sa)
    xb = sorted(s[k] for s in sb)
    return (len(xb) < 2 or xa[-1] > xb[-2] + _SAME_CELL) and (len(xa) < 2 or xb[-1] > xa[-2] + _SAME_CELL)


# cells two -layout pieces of one column may start apart on two rows (the Han
# and Latin text left of them drifts them): no piece starts right of another
# by a column within them
_SAME_CELL = 4


def _wide_before(text: str, end: int) -> int:
    return len(_WIDE.findall(text, 0, end))


def _since_gap(text: str, end: int) -> tuple[int, int]:
    """Wide and narrow (other, not space) characters before ``end`` since the
    last run of spaces: -layout sets text after such a run at its own cell,
    so only these move a piece set right after them."""
    runs = [m.end() for m in _BIG_GAP.finditer(text, 0, end)]
    lo = runs[-1] if runs else 0
    wide = len(_WIDE.findall(text, lo, end))
    return wide, len(text[lo:end].replace(" ", "")) - wide


_WIDE = re.compile(   # characters East Asian fonts set full-width
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u201c\u201d\u2014]")


def _wraps_above(lines: list[Line], row: int, line: Line, spans: list[tuple[int, int]],
                 lead: int) -> bool:
    """Does a piece other than the row's first go on the line right above it:
    that line one piece, no sentence (a headline), starting in the same cell?
    Then the row holds the end of a wrapped headline beside something else
    (another article's headline), not one headline's phrases set apart."""
    if row == 0 or line.blank_before:
        return False
    above = lines[row - 1]
    if len(_BIG_GAP.split(above.text.strip())) != 1 or ends_unit(above.text.strip()):
        return False
    x = int(round(above.indent * 2)) + len(above.text) - len(above.text.lstrip())
    return any(abs(lead + s + len(line.text[s:e]) - len(line.text[s:e].lstrip()) - x) <= 1
               for s, e in spans[1:])


_BIG_GAP = re.compile(" {2,}")


def apart_gaps(spans: list[tuple[int, int]], widths: list[float]) -> list[int]:
    """The gaps of a -layout row (k: between piece k and k + 1) that stand a
    column apart: at least as wide as the row's widest piece (two cells an em).
    A phrase space inside one headline sets its phrases an em or two apart."""
    widest = max(widths, default=0.0)
    return [k for k in range(len(spans) - 1) if spans[k + 1][0] - spans[k][1] >= 2 * widest]


def module_gutter(below: list[tuple[int, list[tuple[int, int]], list[str]]], lo: int, hi: int,
                  stops=frozenset(), heads: tuple[str, str] | None = None,
                  min_rows: int = 3, opens=None, quote_close: bool = False,
                  dateline_own: bool = False) -> tuple[int, int] | None:
    """The gutter between two modules set side by side, under their headlines
    that end at cell ``lo`` and start at cell ``hi``: of the cells between, the
    one that runs down the most rows of ``below`` (row, cell spans of its
    pieces, their texts) with no piece across it and no row of ``stops`` (the
    next band's headlines) reached, with text on both sides on ``min_rows``
    rows or more — or, when one module is a photo beside the other's text (no
    row holds both), on ``min_rows`` rows on each side, and each headline of
    ``heads`` (left, right) shares more of its words with the text under it
    than the other headline does (of such, the one nearest the later
    headline). Of several that run as far, the one nearest the later headline
    (those left of it part the first module's own columns). ``opens``: the
    pattern of a report's opening dateline (a text right of the gutter that
    opens with it is a report of its own, no text running on). (last row,
    cell) or None."""
    best = beside = None
    for x in range(lo, hi + 1):
        last, both, left, right, starts = None, 0, [], [], []
        for q, spans, texts in below:
            if q in stops or any(s < x < e for s, e in spans):
                break
            last = q
            lt = [t for (s, e), t in zip(spans, texts) if e <= x]
            rt = [t for (s, e), t in zip(spans, texts) if s >= x]
            both += bool(lt and rt)
            left += lt
            right += rt
            starts += [s for (s, e), t in zip(spans, texts) if s >= x]
        if both >= min_rows and (_runs_on(left, right, starts, opens, quote_close) or
                                 (dateline_own and _dateline_once(left, right, opens))):
            continue     # one text set in two columns under one headline's phrases
        if both >= min_rows:
            if best is None or last >= best[0]:
                best = (last, x)
        elif heads is not None and len(left) >= min_rows and len(right) >= min_rows and \
                _own_heads(heads, left, right):
            beside = (last, x)       # the nearest the later headline: a photo beside a text
    return best if best is not None else beside


_CLOSERS = "」』”’》〉"


def _dateline_once(left: list[str], right: list[str], opens) -> bool:
    """O602 head_row_dateline: does the text left of a gutter open with a
    report's dateline (its letters maybe spaced apart by justification) and
    the text right of it hold none? Reports set side by side each open with
    their own dateline; a text right of the gutter with none under a text
    that opened with one is that report run on into its next column."""
    if opens is None:
        return False
    lt = [t.replace(" ", "") for t in left if CLAUSE_MARKS.search(t)]
    rk = [k for k, t in enumerate(right) if CLAUSE_MARKS.search(t)]
    if not lt or len(rk) < 3 or opens.match(lt[0]) is None:
        return False
    return not any(opens.match(t.replace(" ", "")) is not None for t in right)


def _runs_on(left: list[str], right: list[str], starts: list[int], opens=None, quote_close: bool = False) -> bool:
    """Does the text left of a gutter stop mid-sentence (on a Han character or
    a comma) and the text right of it begin mid-sentence, at its column's left edge (no indent, no opening
    mark): one text that runs on from one column into the next, no two
    modules? Only lines of text count (a mark of a clause or a sentence in
    them: not a caption's credit, a byline). A text right of the gutter
    that opens with a report's dateline (``opens``: 本报讯（记者 严冰）) starts
    a report of its own under its own headline: it runs on from nothing."""
    lt = [t for t in left if CLAUSE_MARKS.search(t)]
    rk = [k for k, t in enumerate(right) if CLAUSE_MARKS.search(t)]
    if not lt or not rk:
        return False
    a, b = lt[-1].rstrip(), right[rk[0]].lstrip()
    if opens is not None and opens.match(b) is not None:
        return False
    if quote_close:
        # a quote or a title closed on a Han character goes on as well
        # (推動「傳統戲曲進校園」⏎計畫): no sentence ended inside it
        a = a.rstrip(_CLOSERS) if chars.HAN.match(a.rstrip(_CLOSERS)[-1:]) else a
    if not (chars.HAN.match(a[-1:]) or a[-1:] in "，、") or not b or b[0] in _NO_END or \
            not chars.HAN.match(b[0]):
        return False     # (a sentence that stops on a Han character or a comma goes on)
    edge = sorted(starts[k] for k in rk)[len(rk) // 2] if len(rk) >= 3 else starts[rk[0]]
    return starts[rk[0]] <= edge + 1      # not indented: the sentence goes on there



def _own_heads(heads: tuple[str, str], left: list[str], right: list[str]) -> bool:
    """Does each headline share more of its words (bigrams) with the text on
    its own side than the other headline does?"""
    lt, rt = "".join(left), "".join(right)
    return bigram_share(heads[1], rt) > bigram_share(heads[0], rt) and \
        bigram_share(heads[0], lt) > bigram_share(heads[1], lt)


def _modules_below(lines: list[Line], row: int, text: str, spans: list[tuple[int, int]],
                   lead: int, opens=None, quote_close: bool = False, dateline_own: bool = False) -> bool:
    """Is a -layout row below the running head the headlines (or the photo
    credits) of modules side by side: pieces a column apart (``apart_gaps``),
    each gap over a gutter that parts their modules below (``module_gutter``,
    the rows down to the next band's headlines)? Else its pieces are one
    headline's phrases set far apart, kept together."""
    if row == 0:
        return False
    gaps = apart_gaps(spans, [em_width(text[s:e].strip()) for s, e in spans])
    if not gaps:
        return False
    below, stops = [], set()
    for q in range(row + 1, min(len(lines), row + 1 + _BAND_ROWS)):
        t = lines[q].text
        if lines[q].blank_before and not CLAUSE_MARKS.search(t):
            stops.add(q)
        q_lead = int(round(lines[q].indent * 2))
        found = list(_PIECE.finditer(t))
        below.append((q, [(q_lead + m.start(), q_lead + m.end()) for m in found], [m.group() for m in found]))
    cells = [(lead + s, lead + e) for s, e in spans]
    return all(module_gutter(below, cells[k][1], cells[k + 1][0], stops,
                             (text[spans[k][0]:spans[k][1]], text[spans[k + 1][0]:spans[k + 1][1]]),
                             opens=opens, quote_close=quote_close,
                             dateline_own=dateline_own) is not None
               for k in gaps)


# rows below a headline row looked at for its modules' gutter: more than a
# page's column holds, and the work per row stays bounded on any page
_BAND_ROWS = 120
# a run of text a -layout row sets apart by two spaces or more
_PIECE = re.compile(r"\S+(?: \S+)*")
# any mark of a sentence or a clause, or an aside's bracket: a headline's row holds none
CLAUSE_MARKS = re.compile("[，。；！？、：,;!?（）()]")


# marks of a clause, a credit's or a byline's slash, a dateline's bracket:
# a row of headline phrases holds none (O602 head_row_apart)
_NO_HEAD_MARKS = re.compile("[，。；！？、：,;!?（）()／/【】]")
# marks a headline's phrase never holds: a sentence's end, an aside's bracket
_TEXT_MARKS = re.compile("[。；！？（）()]")
# a pause mark a line of text breaks after mid-sentence at its column's edge;
# a headline's last phrase never ends on one
_PAUSE_END = re.compile("[，、,]\\s*$")


def _column_line(text: str, modes: list[float], p: dict) -> bool:
    """Could this piece be a line of a column: about as wide as a measure of
    the rows around it (a full line, or a first line two em short; its curly
    quotes and Latin letters as narrow as a Latin font may set them), or the
    end of a sentence (a paragraph's last line)?"""
    piece = text.strip()
    if ends_unit(piece.replace(" ", "")):
        return True
    w = em_width(piece)
    # its curly quotes may be half an em, as a Latin font sets them (O601
    # cuts a row to its columns so): no wider than a measure at that
    least = _least_width(piece, p.get("quote_doubt", 0.5))
    tol = p.get("over_tolerance", 1.5)
    return any(m - 2.0 - tol <= w and least <= m + tol for m in modes)


def _bracket_kept(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of a -layout line cut at a run of spaces, each that leaves a round
    bracket open joined to the next when that one closes it before opening
    another (本报讯（记者    谭晓）: a justified byline's spaces, no gutter — a
    column line's bracket closes in its own column). The joined piece is cut
    again where it holds two columns (O601)."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and bracket_depth(text[out[-1][0]:out[-1][1]]) > 0 and closes_first(text[a:b]):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def _bracket_open_kept(text: str, pieces: list[tuple[int, int]], widths: list[float], p: dict
                       ) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that leaves a round bracket open joined
    to the next when that one holds no bracket and no mark of a sentence (a
    name, 通讯) and the two fit a column line (O602 ``bracket_open``): a
    justified byline's spaces inside its bracket, which the next line closes
    (本报讯（记者殷实    通讯⏎员邹敏）…), are no gutter; the piece that
    then closes the bracket on its row joins them too (``_bracket_kept``
    again: 本报讯（记者  陈明  通讯员   李小华）)."""
    if not widths:
        return pieces
    limit = max(widths) + p.get("over_tolerance", 1.5)
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out:
            head, piece = text[out[-1][0]:out[-1][1]], text[a:b]
            if bracket_depth(head) > 0 and not _ROUND_ANY.search(piece) and \
                    not _SENTENCE_MARK.search(piece) and em_width(text[out[-1][0]:b]) <= limit:
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


_ROUND_ANY = re.compile("[（()）]")
_SENTENCE_MARK = re.compile("[，。；：！？、,;:!?]")


def _no_start_kept(text: str, pieces: list[tuple[int, int]], gap: int,
                   drift: bool = False) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that opens with a mark that may not
    start a line (，。、；：？！ and closing brackets, GB/T 15834) joined to the
    piece before it when at most ``gap`` cells part them: no column line
    starts so, and -layout sets such a mark apart after a closing quote, the
    wider the more a justified line stretched (宜水则水”  ，保留了). With
    ``drift`` (O602 no_start_drift), also when no more cells part them than
    the characters since the last run of spaces before it: the mark stands
    where its line's print ended, which the text before it, a cell a
    character, may fall that far short of (“存档”                    。因)."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and text[a:b].lstrip()[:1] in _NO_START and \
                (a - out[-1][1] <= gap or drift and a - out[-1][1] <= sum(_since_gap(text, out[-1][1]))):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def _no_end_moved(text: str, pieces: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """A mark that may not end a line (an opening bracket or quote, GB/T
    15834) set apart at the end of a -layout piece goes to the start of the
    piece after it, at most ``gap`` cells on: it opens that column's line,
    which a justified line stretched (18 （           vehicle-to-)."""
    out = list(pieces)
    for k in range(len(out) - 1):
        a, b = out[k]
        piece = text[a:b].rstrip()
        end = a + len(piece)
        if len(piece) >= 2 and piece[-1] in _NO_END and piece[-2] == " " and \
                out[k + 1][0] - end <= gap:
            out[k] = (a, a + len(piece[:-1].rstrip()))
            out[k + 1] = (end - 1, out[k + 1][1])
    return out


_BROKEN_WORD = re.compile("[A-Za-z]{2,}[-\u2010\u00ad]$")   # a Latin word's head, broken at a line end
_WORD_TAIL = re.compile("[A-Za-z]$")


def _broken_kept(text: str, pieces: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that is one Latin word broken by a
    line-end hyphen joined to the piece before it when that one ends on a
    Latin word at most ``gap`` cells before it: the hyphen ends its column
    line, so the broken word is that line's last, after a word space a
    justified line stretched (被recommendation   sys‐     缓解); no column
    line holds a broken word alone."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and a - out[-1][1] <= gap and _BROKEN_WORD.fullmatch(text[a:b].strip()) and \
                _WORD_TAIL.search(text[out[-1][0]:out[-1][1]].rstrip()):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def _words_kept(text: str, pieces: list[tuple[int, int]], gap: int, modes: list[float],
                p: dict) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that starts with a Latin word joined to
    the piece before it when that one ends with a Latin word at most ``gap``
    cells before it and the two fit one column line of a measure around the
    row: a justified line stretches the word spaces of its Latin words, each
    by the same share, into runs of spaces (（beyond       visual   line   of
    sight，); two columns' lines together are wider than any column line."""
    if not modes:
        return pieces
    limit = max(modes) + p.get("over_tolerance", 1.5)
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out:
            s0, e0 = out[-1]
            if a - e0 <= gap and _WORD_TAIL.search(text, s0, e0) and _LATIN_WORD.match(text, a) and \
                    em_width(text[s0:b]) <= limit:
                out[-1] = (s0, b)
                continue
        out.append((a, b))
    return out


_LATIN_WORD = re.compile("[A-Za-z]{2}")


def _spread_kept(text: str, pieces: list[tuple[int, int]], modes: list[float],
                 p: dict) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that holds no mark of a clause and is
    no column line on its own joined to the next when the gap between them is
    a few spaces and the two make one full column line of a measure around the
    row (通讯员   陆佳）12月8日上: a justified line spreads the space between a
    byline's words, no gutter).
    The next piece counts up to its first single space: it may hold the next
    column's line too, which O601 cuts off again; a line spread to its column's
    edge has the next column beside it (a headline's phrases end their row),
    but the spaces between two Latin words are a stretched word space at the
    row's end too (的護士Michelle   Ho亦說，)."""
    gap = int(p.get("spread_gap", 0))
    tol = p.get("over_tolerance", 1.5)
    out: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(pieces):
        if out:
            s0, e0 = out[-1]
            left, right = text[s0:e0].strip(), text[a:b]
            first = _cells(right)
            if k + 1 == len(pieces) and len(first) < 2 and \
                    not (_WORD_END.search(left) and _WORD_START.match(right)):
                out.append((a, b))
                continue     # nothing after them on the row: a headline's phrases, maybe
            wl = em_width(left)
            wr = em_width(right[first[0][0]:first[0][1]]) if first else 0.0
            if a - e0 <= gap and not CLAUSE_MARKS.search(left) and \
                    any(wl < m - 2.0 - tol and abs(wl + wr - m) <= tol for m in modes):
                out[-1] = (s0, b)
                continue
        out.append((a, b))
    return out


_DASH_OPEN = re.compile("^[—－-]{2}")   # a subheadline's opening dash


def _dash_kept(text: str, pieces: list[tuple[int, int]], modes: list[float], p: dict) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that opens with a subheadline's dash
    (——) and holds no mark of a clause joined to the next when a few spaces
    (``dash_gap`` cells) part them and the next is a headline's phrase too:
    no mark of a clause, no sentence's end, no column line of a measure
    around the row (——預計2028年完工    年處理量增三成: the phrase space of a
    subheadline set beside the columns of its report, no gutter; a column
    line would be as wide as its measure, or end its paragraph)."""
    gap = int(p.get("dash_gap", 0))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out:
            s0, e0 = out[-1]
            left, right = text[s0:e0].strip(), text[a:b].strip()
            if a - e0 <= gap and _DASH_OPEN.match(left) and not CLAUSE_MARKS.search(left) and \
                    right and not _NO_HEAD_MARKS.search(right) and not ends_unit(right) and \
                    not _column_line(right, modes, p):
                out[-1] = (s0, b)
                continue
        out.append((a, b))
    return out


def _any_piece(text: str, pieces: list[tuple[int, int]], pattern) -> bool:
    """Does any piece but the last match the pattern (a dateline alone)?"""
    return len(pieces) > 1 and any(pattern.match(text[a:b]) for a, b in pieces[:-1])


def _dateline_kept(text: str, pieces: list[tuple[int, int]], alone, modes: list[float],
                   widths: list[float], p: dict) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that is a dateline alone joined to the
    next when it falls well short of a column line and the two fit one
    (据新华社鹭洲12月2日电      随着最后一: the dateline's ideographic space
    stretched by a justified line, or the single space after it, is no gutter;
    a dateline that fills its narrow column's line is that line)."""
    if alone is None or not widths or len(pieces) < 2:
        return pieces
    limit = max(widths) + p.get("over_tolerance", 1.5)
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out:
            head = text[out[-1][0]:out[-1][1]]
            if alone.match(head) and not _column_line(head, modes, p) and \
                    em_width(text[out[-1][0]:b]) <= limit:
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


def _credit_kept(text: str, pieces: list[tuple[int, int]], credit) -> list[tuple[int, int]]:
    """Pieces of a -layout line, each that is a photo's credit (L110) joined
    to the piece before it when that one ends a sentence: a caption and its
    credit set on one row across the photo's width (颱風來襲前，民眾…物資。
    記者林怡君／攝影), not two columns' lines; the label stage cuts the credit off
    its caption again (L127)."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and credit.match(text[a:b]) is not None and ends_unit(text[out[-1][0]:out[-1][1]].rstrip()):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def _join_stray(text: str, spans: list[tuple[int, int]], p: dict, opens=None) -> list[tuple[int, int]]:
    """A stretched -layout line may leave a lone mark or character far from the
    rest of its line (`（           vehicle-to-`, `发    布 期`): a piece of at most
    ``stray_width`` em that cannot end a line goes with the piece after it —
    but not with a piece that opens a report with its dateline (``opens``):
    that piece starts its column's line, so nothing of its line stands left of
    it. The stray ends the piece before it instead, when that one does not end
    a sentence (綠蠵龜上岸產卵      志     【本報訊】: the last character of a
    headline's row, spread to its measure)."""
    out: list[list[int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        piece = text[s:e].strip()
        if i + 1 < len(spans) and em_width(piece) <= p.get("stray_width", 1.0) and \
                not ends_unit(piece) and spans[i + 1][0] - e <= p.get("stray_gap", 14):
            if opens is None or not opens.match(text[spans[i + 1][0]:spans[i + 1][1]].lstrip()):
                spans[i + 1] = (s, spans[i + 1][1])
                i += 1
                continue
            if out and not ends_unit(text[out[-1][0]:out[-1][1]].strip()):
                out[-1][1] = e           # the end of the line left of it
                i += 1
                continue
        out.append([s, e])
        i += 1
    return [(s, e) for s, e in out]

