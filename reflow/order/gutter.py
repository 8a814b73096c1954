"""The order stage's OCR gutters (O605): merged column lines of OCR text cut
at a near-constant offset and read column by column.

An OCR engine that fails to find the gutter between two columns (Tesseract's
plain text of a narrow-gutter page) prints a line of each column on one text
line: the first column's line, a gap of one or a few spaces, often a mark the
gutter or a column rule was read as (``”``, ``。”``, ``|``), and the second
column's line. Han glyphs have a fixed width, so the first column's lines are
all about as wide in em: the cut falls at a near-constant offset in em, row
after row. Holds ``page_order``: runs of rows cut at one offset found, each
run read column by column (the first column's lines, then the rest, cut
again where they hold a third column, at the measure the run showed; the
left pieces on a few rows only where a wide gap shows that gutter), a
first column that goes on below the run in lines of its own measure
followed down before the second column is read; a run split at a blank
line where the engine printed the next columns as a block below the first;
the marks left in a gutter recorded as removed; a run stopped at a row of
display type alone between blank lines; each column's piece of a run a
block of its own, put after the block whose word it completes (O606's
chains: OCR prints the columns band by band); a report's first row above a
run, its offset missed by the names OCR garbled in its dateline, read from
its right end, and joined to two rows below it to make a short module's
run; rows whose letters and digits make their em estimate drift kept on
a run; the last two rows two side-by-side modules share, the first
column's short last line after a wide gap under a row whose gutter shows
surely, a run of their own (``_last_rows``). ``led_document`` and ``aligned_page`` tell OCR text
from a -layout page, whose pieces are read by position. Everything outside
the runs keeps its place. The work is linear in the page's characters.
It does not read pages whose columns are interleaved line by line or set side
by side with their positions: ``period`` and ``decoder`` do.
"""
from __future__ import annotations

import collections
import dataclasses
import functools
import math
import re
import statistics
from dataclasses import dataclass

from .. import chars
from ..hanlex import breaks_inside_word
from ..label import ends_unit
from ..model import Event, Line, Removal
from .blocks import chained_order
from .columns import _frag
from .decoder import Evidence

_TOKEN = re.compile(r"\S+")
_CLAUSE = re.compile("[，。；：、！？]")
_HAN = re.compile(chars.cls("han"))
Span = tuple[int, int, int]           # (row, start, end) of a piece of a line's text


@dataclass(slots=True)
class Cut:
    """Where a text line may hold the end of one column line and the start of the next."""
    x: float                           # em of the text before the cut, spaces ignored
    left_end: int                      # the left piece ends here …
    right_start: int                   # … and the right piece starts here
    strays: tuple[tuple[int, int], ...]  # spans of gutter marks between them
    spaces: int                        # spaces in the gap (0: a mark glued between glyphs)
    weak: bool = False                 # may go on a run, not start one
    rest: float = 0.0                  # em after a wide gap that follows a sentence's end (0: none)
    comma: bool = False                # a comma glued to the next glyph: only where the row has no gap
    ends: bool = False                 # the short last line of a module's first column (``_last_rows``)


def _cuts(text: str, s: int, e: int, p: dict) -> list[Cut]:
    """The places where text[s:e] may be cut between two column lines: a gap
    of spaces, with the gutter's marks in it or at the start of the right piece
    (a mark that may not start a line cannot start a column line), or a
    column rule's bar glued between two Han glyphs."""
    marks = set(p.get("gutter_marks", "”“\"'。、，,.·|¦:：;；"))
    bars = set(p.get("bars", "|¦│┃"))
    glued = set(p.get("glued_marks", "”“\"[]"))
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text, s, e)]
    widths = [_width(text[a:b]) for a, b in toks]
    lone = [len(text[a:b]) <= 2 and all(c in marks for c in text[a:b]) for a, b in toks]
    out: list[Cut] = []
    x = 0.0
    for i, (a, b) in enumerate(toks):
        x += widths[i]
        # (the glyphs of a token are looked at one by one only when it holds
        # a bar or a sentence's end: most hold neither)
        tok = text[a:b]
        # a bar glued inside a word: a column rule read without a gap
        if not bars.isdisjoint(tok):
            for k in range(a + 1, b - 1):
                if text[k] in bars and _HAN.match(text[k - 1]) and _HAN.match(text[k + 1]):
                    out.append(Cut(x - _width(text[k:b]), k, k + 1, ((k, k + 1),), 0))
        # a sentence's end glued to the next column's first glyph: OCR lost
        # the gap; such a cut may go on a run, not start one (a comma glued
        # to the next word is the text's own far too often)
        # (and so does a full-width comma glued to the next glyph: the
        # normalizer folds OCR's `, ` into `，`, taking the space that was
        # the gutter with it)
        if not _SENTENCE_END.isdisjoint(tok) or not _GLUED_COMMA.isdisjoint(tok):
            for k in range(a + 1, b):
                if text[k] in chars.NO_LINE_START:
                    continue
                if text[k - 1] in _SENTENCE_END or \
                        text[k - 1] in _CLOSE and k > a + 1 and text[k - 2] in _SENTENCE_END:
                    out.append(Cut(x - _width(text[k:b]), k, k, (), 0, True))
                elif text[k - 1] in _GLUED_COMMA and _column_line(text[k:e], p.get("min_column", 5.0)):
                    out.append(Cut(x - _width(text[k:b]), k, k, (), 0, True, comma=True))
        # a quote or bracket glued between two column lines: the gutter read
        # as a mark without a gap; such a cut may go on a run, not start one
        # (the text's own quotes are glued to its words far too often)
        if not glued.isdisjoint(tok):
            for k in range(a + 1, b - 1):
                if text[k] not in glued or text[k - 1] in glued or text[k - 1] in marks:
                    continue
                m = k + 1
                while m < b - 1 and m - k < 2 and text[m] in glued:
                    m += 1
                if text[m] in glued or text[m] in marks:
                    continue
                own = _own_mark(text, s, e, k, m)
                if own == "left":
                    out.append(Cut(x - _width(text[m:b]), m, m, (), 0, True))
                elif own == "right":
                    out.append(Cut(x - _width(text[k:b]), k, k, (), 0, True))
                else:
                    out.append(Cut(x - _width(text[k:b]), k, m, ((k, m),), 0, True))
        if lone[i]:
            continue
        j, strays = i + 1, []
        while j < len(toks) and lone[j] and len(strays) < 2:
            strays.append(toks[j])
            j += 1
        if j >= len(toks):
            continue
        if widths[i] <= 1.5 and widths[j] <= 1.5:
            continue                   # letter-spacing inside one stretched line (its marks spaced too)
        end, cx = b, x
        if p.get("tail_marks", True) and b - a > 1 and text[b - 1] in glued and \
                text[b - 1] in _OPENS and _HAN.match(text[b - 2]) and \
                _own_mark(text, s, e, b - 1, b) is None and not strays:
            # (a closing quote glued to the end of the left line before the
            # gap, closing nothing that line opened: the gutter read as a
            # mark, 配送图” 还组织; the left line ends before it)
            end, cx = b - 1, x - _width(text[b - 1])
            strays.append((b - 1, b))
        start = toks[j][0]
        lead = start
        while lead < toks[j][1] - 1 and lead - start < 2 and \
                (text[lead] in chars.NO_LINE_START or text[lead] in bars):
            lead += 1                  # a gutter mark glued to the next column's line
        if lead > start:
            strays.append((start, lead))
        # the space OCR prints after its stand-in for a full-width mark (`, `)
        # is no gap of its own: such a cut may go on a run, not start one
        # (and so is the space OCR and extractors print between Han text and
        # a word or number of letters and digits inside one line)
        weak = not strays and toks[j][0] - b == 1 and \
            (text[b - 1] in ",;:!?" or _ALNUM.match(text[b - 1]) is not None or
             _ALNUM.match(text[toks[j][0]]) is not None)
        if weak and _LETTER.match(text[b - 1]) and _LETTER.match(text[toks[j][0]]):
            continue                   # a Latin phrase's own word space (Response System)
        # (a wide gap after a sentence's end, the rest of the row one
        # column's line, no wide gap in it: a paragraph's short last line)
        ends = toks[j][0] - b >= p.get("short_gap", 3) and \
            (text[b - 1] in _SENTENCE_END or b - a > 1 and
             text[b - 1] in _CLOSE and text[b - 2] in _SENTENCE_END) and \
            "  " not in text[lead:e].strip()
        out.append(Cut(cx, end, lead, tuple(strays), toks[j][0] - b, weak,
                       _width(text[lead:e]) if ends else 0.0))
    return out


_OPENS = {"”": "“", "」": "「", "]": "[", "』": "『"}
_CLOSES = {v: k for k, v in _OPENS.items()}


def _own_mark(text: str, s: int, e: int, k: int, m: int) -> str | None:
    """Is the glued mark text[k:m] the text's own: a closing quote or bracket
    that closes one the left piece opened ("left"), an opening one that the
    right piece closes ("right")? None: the gutter's."""
    mark = text[k]
    if mark in _OPENS:
        op = _OPENS[mark]
        return "left" if text.count(op, s, k) > text.count(mark, s, k) else None
    if mark in _CLOSES:
        cl = _CLOSES[mark]
        rest = text[m:e]
        c = rest.find(cl)
        return "right" if c >= 0 and mark not in rest[:c] else None
    return None


_SENTENCE_END = set("。！？；!?;")
_GLUED_COMMA = set("，、")
_CLOSE = set("”」』）)\"'")
_HALF = re.compile(r"[A-Za-z0-9%]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_LETTER = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=8)
def _hint_pattern(marks: str, bars: str, tails: str) -> re.Pattern:
    m, b = re.escape(marks), re.escape(bars)
    lead = re.escape("".join(sorted(chars.NO_LINE_START)))
    tail = r"|%s[%s] \S" % (_HAN.pattern, re.escape(tails)) if tails else ""
    return re.compile(r"\S {2,}\S|\S [%s]{1,2} \S|\S [%s]|[%s]%s" % (m, lead, b, tail))


def _hint_of(p: dict) -> re.Pattern:
    """The pattern of a line that shows a gutter (a cheap look before the
    search), for these parameters: a gap of two spaces or more, a lone mark
    between spaces, a mark that may not start a line after a space, a bar, or
    a closing quote glued to a Han glyph before a space (``tail_marks``)."""
    tails = "".join(c for c in p.get("glued_marks", "”“\"[]") if c in _OPENS) if p.get("tail_marks", True) else ""
    return _hint_pattern(p.get("gutter_marks", "”“\"'。、，,.·|¦:：;；"), p.get("bars", "|¦│┃"), tails)


def _width(text: str) -> float:
    """Em of an OCR text: a letter or digit is half an em, any other glyph a
    whole one (OCR prints a full-width mark as its ASCII stand-in: `, ` for `，`)."""
    half = len(_HALF.findall(text))
    return len(text) - text.count(" ") - half * 0.5


def _find(cuts: list[Cut], x: float, tol: float, low: float) -> Cut | None:
    """The cut nearest to offset x, within tol em."""
    best = None
    for c in cuts:
        if c.x >= low and abs(c.x - x) <= tol and (best is None or abs(c.x - x) < abs(best.x - x)):
            best = c
    return best


def _short(cuts: list[Cut], x: float, tol: float, low: float) -> Cut | None:
    """A wide gap left of the offset: a column line that ends its paragraph
    short, then the next column's line (OCR prints a wide gap as several spaces)."""
    wide = [c for c in cuts if c.spaces >= 2 and 1.0 <= c.x < x - tol]
    return wide[-1] if wide else None


def _gutter_shows(texts: list[str], spans: list[Span], cuts: list[Cut], p: dict,
                  regular: bool = False) -> bool:
    """Is the run an OCR engine's merged columns: column lines on both sides
    of the cut on most rows, and the gutter itself showing on several of them
    (a mark it was read as, or a gap wider than one space)? A single space
    alone is also what a PDF extractor's merged lines show (O601, decoded with
    the other column streams) and what sets a headline's phrases apart.
    ``regular`` (a run of a page's own lines, not of a run's pieces): or the
    gutter shows once and nearly every row of a long run has a gap at the
    offset (OCR prints a narrow gutter as one space row after row; a
    headline's phrases never line up so many rows deep)."""
    both = _both(texts, spans, cuts, p)
    shows = sum(1 for c in cuts if c.strays or c.spaces >= 2)
    gaps = sum(1 for c in cuts if c.spaces)
    sure = set(p.get("glued_marks", "”“\"[]")) | set(p.get("bars", "|¦│┃"))
    marked = sum(1 for r, c in zip(spans, cuts) if any(not sure.isdisjoint(texts[r[0]][a:b]) for a, b in c.strays))
    return both >= p.get("min_rows", 3) and \
        (shows >= max(p.get("min_gutter_rows", 2), p.get("gutter_share", 0.25) * len(cuts)) or
         # (a quote or a bar the gutter was read as, on a run whose every
         # row has a gap at the offset: no PDF extractor prints the gutter
         # so, and a comma in a gap is OCR's `, ` as often)
         marked >= p.get("marked_rows", 0) > 0 and gaps == len(cuts) and
         shows >= p.get("gutter_share", 0.25) * len(cuts) or
         regular and shows >= 1 and gaps >= p.get("regular_rows", 5) and
         gaps >= p.get("regular_share", 0.8) * len(cuts))


def _match(cands: list[Cut], x: float, tol: float, low: float,
           inside: bool) -> tuple[Cut | None, float | None]:
    """The cut of a row that goes on a run cut at offset x, and the offset
    it shows (None when it shows none): a gap at the offset; else a gap two
    em left of it, a paragraph's first line whose indent OCR dropped; else,
    inside a run, a wide gap further left (``_short``: the widths of the text
    after it say nothing of the offset); else a mark glued between the two
    column lines at the offset, where OCR lost the gap. Inside a run, a
    wide gap after a sentence's end left of the gap at the offset, the rest
    of the row no wider than a column line, is the cut: the column's line
    ends its paragraph short there, and the gap at the offset is a word
    space of the next column's line (International Library Day 活动)."""
    spaced = [c for c in cands if c.spaces]
    c = _find(spaced, x, tol, low)
    if c is not None:
        short = [d for d in spaced if d.rest and d.rest <= x + tol and 1.0 <= d.x < c.x - tol] \
            if inside else []
        return (short[-1], None) if short else (c, c.x)
    c = _find(spaced, x - _INDENT, tol, low)
    if c is not None:
        return c, c.x + _INDENT
    c = _short(cands, x, tol, low) if inside else None
    if c is not None:
        return c, None
    gapless = not spaced
    c = _find([d for d in cands if not d.spaces and (gapless or not d.comma)], x, tol, low)
    return c, (c.x if c is not None and not c.comma else None)


_INDENT = 2.0   # em: a paragraph's first line is indented by two characters


def _chain(cand: list[list[Cut]], i: int, stop: int, x0: float, known: bool,
           p: dict, texts: list[str] | None = None,
           spans: list[Span] | None = None) -> tuple[list[Cut], list[float]]:
    """The rows from i on that go on a run cut at x0: their cuts and the
    offsets they show. A row that shows no cut at the offset, between two
    rows that do, holds two column lines all the same (the columns run side
    by side): it is cut at the measure (``_at_measure``)."""
    tol = p.get("cut_tolerance", 1.5)
    low = p.get("min_column", 5.0)
    cuts: list[Cut] = []
    xs: list[float] = []
    for k in range(i, stop):
        x = statistics.median(xs) if xs else x0
        c, shown = _match(cand[k], x, tol, low, bool(xs) or known)
        if xs and texts is not None and spans is not None and _led_gap(texts, spans[k]):
            c, shown = _empty_column(texts, spans[k], x), None
        if c is None and xs and texts is not None and spans is not None:
            c = _latin_drift(texts, spans[k], cand[k], x, p)
        if c is None and xs and texts is not None and spans is not None and k + 1 < stop and \
                _match(cand[k + 1], x, tol, low, True)[1] is not None:
            r, s, e = spans[k]
            c = _at_measure(texts[r], s, e, x, p)
        if c is None:
            break
        cuts.append(c)
        if shown is not None and shown >= low:
            xs.append(shown)
    while cuts and cuts[-1].comma:
        cuts.pop()                     # (a glued comma goes on a run only above a row that shows its cut)
    return cuts, xs


def _led_gap(texts: list[str], span: Span) -> bool:
    """Does a run's piece start with a gap: the piece of a row that skipped
    an empty column (``_skips``)?"""
    r, s, e = span
    return s < e and texts[r][s] == " " and texts[r][s:e].strip() != ""


def _skips(texts: list[str], spans: list[Span], cuts: list[Cut], x: float, p: dict) -> list[bool]:
    """For each row of a run cut at offset x: does its gap hold a whole
    column left empty, the right piece a line of a column further right?
    An article that ends inside a band leaves its column empty below its
    last line, and OCR prints the empty column as a wide gap (skip_spaces
    or more; a gutter is a few spaces) after a full column line, and the
    row's right piece then holds fewer column lines than the run's widest
    right piece. OCR's count of spaces for an em varies too much from row
    to row (one to nearly three) to place a piece by its gap alone."""
    need = p.get("skip_spaces", 0)
    if not need:
        return [False] * len(cuts)
    tol = p.get("cut_tolerance", 1.5)
    widths = [_width(texts[r][c.right_start:e]) for (r, s, e), c in zip(spans, cuts)]
    slots = [math.ceil((w - tol) / x) if w > tol else 0 for w in widths]
    # (a row cut short of the offset holds the rest of its first column's
    # width in its right piece: it says nothing of the run's column count)
    most = max((n for c, n in zip(cuts, slots) if abs(c.x - x) <= tol), default=0)
    return [c.spaces >= need and abs(c.x - x) <= tol and 0 < n < most
            for c, n in zip(cuts, slots)]


def _empty_column(texts: list[str], span: Span, x: float) -> Cut:
    """The cut of a piece that starts with a gap (``_led_gap``): its column
    is empty on this row, so its left piece is empty and the text after the
    gap goes on the next column. OCR's count of spaces for a gap varies
    from row to row (one row prints an em as one space, another as two), so
    no gap is read as two empty columns."""
    r, s, e = span
    lead = len(texts[r][s:e]) - len(texts[r][s:e].lstrip(" "))
    return Cut(x, s, s + lead, (), 0, True)


def _latin_drift(texts: list[str], span: Span, cands: list[Cut], x: float, p: dict) -> Cut | None:
    """Inside a run, the gap of a row whose letters and digits before it
    put it off the offset by more than the tolerance, but within latin_slack
    em for each of them: a letter or digit is counted half an em, but print
    sets Latin proportionally (a long English term, a URL, a model number is
    wider or narrower than that). Such a row goes on the run; it tells
    nothing of the offset."""
    per = p.get("latin_slack", 0.0)
    if not per:
        return None
    tol = p.get("cut_tolerance", 1.5)
    r, s, e = span
    best = None
    for c in cands:
        if not c.spaces or c.x < p.get("min_column", 5.0):
            continue
        off = abs(c.x - x)
        if off <= tol + per * len(_HALF.findall(texts[r], s, c.left_end)) and (best is None or off < best[0]):
            best = (off, c)
    return best[1] if best else None


def _at_measure(text: str, s: int, e: int, x: float, p: dict) -> Cut | None:
    """The cut of text[s:e] at x em, counting a Han glyph and OCR's ASCII
    stand-in for a full-width mark an em each, a letter or digit half an
    em: at a space within the tolerance, else at the glyph boundary nearest
    to x; a mark that may not start a line stays at the end of the left
    line, a quote, bracket or bar the gutter was read as is taken out. None
    when either side would be no column line."""
    tol = p.get("cut_tolerance", 1.5)
    glued = set(p.get("glued_marks", "”“\"[]")) | set(p.get("bars", "|¦│┃"))
    space: tuple[int, float] | None = None
    glyph: tuple[int, float] | None = None
    w = 0.0
    for k in range(s, e):
        ch = text[k]
        if ch == " ":
            if abs(w - x) <= tol and (space is None or abs(w - x) < abs(space[1] - x)):
                space = (k, w)
            continue
        if k > s and text[k - 1] != " " and abs(w - x) <= 0.5 and \
                (glyph is None or abs(w - x) < abs(glyph[1] - x)):
            glyph = (k, w)
        w += _width(ch)
    best = space or glyph
    if best is None:
        return None
    left_end, at = best
    while left_end < e and text[left_end] in chars.NO_LINE_START and text[left_end] not in glued:
        left_end += 1                  # a comma or a stop ends the left line
        at += 1.0
    right = left_end
    while right < e and text[right] == " ":
        right += 1
    lead = right
    while lead < e and lead - right < 2 and text[lead] in glued:
        lead += 1
    own = _own_mark(text, s, e, right, lead) if lead > right else None
    if own == "left":
        left_end, right = lead, lead   # a closing quote of the left line's own
    elif own == "right":
        lead = right                   # an opening quote of the right line's own
    strays = ((right, lead),) if lead > right else ()
    if at < p.get("min_measure", 10.0) or not _column_line(text[lead:e], p.get("min_column", 5.0)):
        return None
    return Cut(at, left_end, lead, strays, 0, True)


def _head_rows(texts: list[str], spans: list[Span], blanks: frozenset[int],
               blank_rows: float = 0.0) -> list[int]:
    """The whole rows that stand alone between two blank lines with no clause
    mark or sentence end in them: OCR prints a row of display type (the
    headlines of the modules below, side by side) as a block of its own, and
    no two column lines of text go without a mark for that long. (A piece of
    a row, inside one column, may be a crosshead: the column goes on under it.)"""
    last = max((r for r, _, _ in spans), default=0)

    def lone(r: int) -> bool:
        return r in blanks and (r + 1 in blanks or r == last)

    def lone_text(k: int) -> bool:
        # a neighbouring row alone between blank lines, a clause mark in it:
        # OCR printed a blank line between every row here, rows of text
        if not 0 <= k < len(spans):
            return False
        r, s, e = spans[k]
        return s == 0 and lone(r) and _CLAUSE.search(texts[r], s, e) is not None

    def glyphs(k: int) -> float:
        r, s, e = spans[k]
        return _width(texts[r][s:e])

    def among_text(k: int) -> bool:
        # beside a row of text alone so, and holding as many glyphs: display
        # type is larger, fewer of its glyphs fill a row of the same columns
        return any(lone_text(j) and glyphs(k) >= blank_rows * glyphs(j) for j in (k - 1, k + 1))
    return [k for k, (r, s, e) in enumerate(spans)
            if s == 0 and e >= len(texts[r].rstrip()) and lone(r) and
            _HAN.search(texts[r], s, e) is not None and _CLAUSE.search(texts[r], s, e) is None and
            not (blank_rows and among_text(k))]


def _runs(texts: list[str], spans: list[Span], p: dict, measure: float | None = None,
          halves: bool = False, blanks: frozenset[int] = frozenset()
          ) -> list[tuple[int, int, list[Cut], float]]:
    """Runs of consecutive spans cut at one offset: (first, last, cuts, offset).
    ``measure``: the offset of the run these spans were cut from; the columns
    of a page share one measure, and so do the runs found on it. A run does
    not go on into a row of display type (``_head_rows``): the columns under
    it are other modules'."""
    tol = p.get("cut_tolerance", 1.5)
    low = p.get("min_column", 5.0)
    need = p.get("min_rows", 3)
    loose = p.get("loose_start", False)
    cand = [_cuts(texts[r], s, e, p) for r, s, e in spans]
    heads = _head_rows(texts, spans, blanks, p.get("blank_rows", 0.0))
    known = [] if measure is None else [measure]
    out: list[tuple[int, int, list[Cut], float]] = []
    i = 0
    while i < len(spans) - 1:
        # a run starts at two rows cut at one offset, the first maybe a
        # paragraph's first line, short by the indent OCR dropped
        nxt = [d for d in cand[i + 1] if d.spaces and not d.weak]
        starts = {x for c in cand[i] if c.spaces and not c.weak and c.x >= low
                  for x in (c.x, c.x + _INDENT) if _find(nxt, x, tol, low)}
        if p.get("weak_second", True) and i + 2 < len(spans):
            # (or over a row whose gap at the offset is weak, the space OCR
            # prints before a number that starts the second column's line,
            # when the row under it shows the cut again)
            weak2 = [d for d in cand[i + 1] if d.spaces and d.weak and not d.comma]
            third = [d for d in cand[i + 2] if d.spaces and not d.weak]
            starts |= {x for c in cand[i] if c.spaces and not c.weak and c.x >= low
                       for x in (c.x, c.x + _INDENT) if _find(weak2, x, tol, low) and _find(third, x, tol, low)}
        if loose:
            # (or a one-space gap after a digit or a letter over a wide gap
            # between two Han glyphs at the same offset: the gutter shows on
            # the second row; a wide gap between letters is a letter-spaced
            # phrase's, World  Athletics)
            row = texts[spans[i + 1][0]]
            wide = [d for d in nxt if d.spaces >= 2 and
                    _HAN.match(row[d.left_end - 1]) and _HAN.match(row[d.right_start])]
            starts |= {c.x for c in cand[i] if c.weak and c.spaces and not c.comma and c.x >= low
                       and _find(wide, c.x, tol, low)}
        starts = sorted(starts)
        got = None
        floor = out[-1][1] + 1 if out else 0
        for x0, at in [(x, False) for x in starts] + [(m, True) for m in known]:
            stop = next((h for h in heads if h > i), len(spans))
            cuts, xs = _chain(cand, i, stop, x0, at, p, texts, spans)
            k = i + len(cuts)
            if not xs:
                continue
            mid = statistics.median(xs)
            seen = any(abs(mid - m) <= tol for m in known)
            # (half a run's measure, on the lines left of its cut: two
            # columns' lines cut at one offset on most of them)
            least = max(need, 0.5 * len(spans)) if halves else 2
            if len(cuts) >= need and len(xs) >= 2 and \
                    _gutter_shows(texts, spans[i:k], cuts, p, measure is None) or \
                    seen and len(cuts) >= least and _both(texts, spans[i:k], cuts, p) >= least - 1 and \
                    (not halves or 2 * sum(1 for c in cuts if c.spaces) >= len(cuts)) or \
                    halves and seen and _sure_halves(texts, spans[i:k], cuts, p):
                got = (i, k - 1, cuts, mid)
                break
            if not at and len(cuts) == need - 1 and len(xs) >= 2:
                # (two rows only, the row above them a third: a short
                # module's first row, its offset missed by the dateline)
                first, more = _above(texts, spans, cand, i, k - 1, cuts, mid, floor, p, True)
                if len(more) >= need and _gutter_shows(texts, spans[first:k], more, p):
                    got = (first, k - 1, more, mid)
                    break
        if got is None and measure is None:
            got = _last_rows(texts, spans, cand, i, blanks, p)
        if got is None:
            i += 1
            continue
        first, last, cuts, mid = got
        first, cuts = _above(texts, spans, cand, first, last, cuts, mid, floor, p, blanks=blanks)
        out.append((first, last, cuts, mid))
        if not any(abs(mid - m) <= tol for m in known):
            known.append(mid)        # a few measures a page: the search stays linear
        i = last + 1
    return out


def _sure_halves(texts: list[str], spans: list[Span], cuts: list[Cut], p: dict) -> bool:
    """Do the left pieces of a run cut at twice the measure show the gutter
    between their two columns surely, at the measure the parent run showed:
    at least ``halves_rows`` rows, each with a column line on both sides of
    its cut, most of them a gap at it, and at least one a wide gap (two
    spaces or more) with no letter or digit on either side? OCR prints a
    word space inside a line as one space, never several between two
    glyphs or marks (a letter-spaced phrase, World  Athletics, is no
    gutter), and the
    letters and digits of OCR'd lines make their em estimates drift: a
    gutter that shows so at the offset of half the parent's cut is the first
    of three columns merged side by side, however few rows it holds."""
    need = p.get("halves_rows", 0)
    if not need or len(cuts) < need or _both(texts, spans, cuts, p) < len(cuts):
        return False
    if 2 * sum(1 for c in cuts if c.spaces) < len(cuts):
        return False
    for (r, s, e), c in zip(spans, cuts):
        t = texts[r]
        if c.spaces >= 2 and c.left_end > s and c.right_start < e and \
                not _ALNUM.match(t[c.left_end - 1]) and not _ALNUM.match(t[c.right_start]):
            return True
    return False


def _last_rows(texts: list[str], spans: list[Span], cand: list[list[Cut]], i: int,
               blanks: frozenset[int], p: dict) -> tuple[int, int, list[Cut], float] | None:
    """The last two rows that two side-by-side modules share, as a run of
    their own: the first shows the gutter surely (a mark in it or glued for
    it, or a gap of ``last_gap`` spaces or more) with column lines on both
    sides, and the second, no blank line above it, ends its first column's
    paragraph short there, a gap of ``last_gap`` spaces or more after its
    sentence's end (李说。      ), its cut at or left of the first row's, the
    rest of the row no wider than a column line (the columns of a page share
    one measure).
    OCR prints a word space inside a column's line as one space, never
    several after a sentence's end: such a gap is the empty rest of a short
    last line and the gutter. Two rows cut at one offset prove nothing, but
    a column's short last line beside the other column's line shows two
    columns whatever their offset. The first column ends there: no line
    below the run goes on with it."""
    gap = p.get("last_gap", 0)
    if not gap or i + 1 >= len(spans) or spans[i + 1][0] in blanks or \
            spans[i + 1][0] != spans[i][0] + 1:
        return None
    tol = p.get("cut_tolerance", 1.5)
    low = p.get("min_column", 5.0)
    short = next((c for c in cand[i + 1] if c.rest and c.spaces >= gap), None)
    if short is None:
        return None
    r, s, e = spans[i]
    text = texts[r]
    sure = [c for c in cand[i] if (c.strays or c.spaces >= gap) and c.x >= max(low, short.x - tol)
            and _column_line(text[s:c.left_end], low) and _column_line(text[c.right_start:e], low)
            and short.rest <= c.x + tol]
    if not sure:
        return None
    c = sure[-1]
    return (i, i + 1, [c, dataclasses.replace(short, ends=True)], c.x)


def _above(texts: list[str], spans: list[Span], cand: list[list[Cut]], first: int, last: int,
           cuts: list[Cut], mid: float, floor: int, p: dict,
           gap: bool = False, blanks: frozenset[int] = frozenset()) -> tuple[int, list[Cut]]:
    """The run's first row and cuts with the rows above it that go on it
    (their offset first missed by the indent OCR dropped, or by a glyph it
    lost or added; or read from their right end, ``_right_cut``), down to
    span ``floor``. ``gap``: only rows whose cut is a gap (for a run they
    make: a mark glued between two glyphs may be the text's own)."""
    tol = p.get("cut_tolerance", 1.5)
    low = p.get("min_column", 5.0)
    comma = p.get("comma_above", False)
    cuts = list(cuts)
    right = _right_measure(texts, spans[first:last + 1], cuts)
    while first - 1 >= floor:
        c, shown = _match(cand[first - 1], mid, tol, low, False)
        # (a row with no gap whose comma falls at the offset goes on the run
        # right above a row that shows its cut, as it does inside the run; not
        # across a blank line: a line set across both columns, its comma
        # anywhere, is a block of its own)
        glued = comma and c is not None and c.comma and not cuts[0].comma and \
            (cuts[0].spaces > 0 or bool(cuts[0].strays)) and spans[first][0] not in blanks
        if (c is None or shown is None) and not glued:
            c = _right_cut(texts, spans[first - 1], cand[first - 1], mid, right, tol, low,
                           p.get("right_columns", 0.0))
        if c is None or gap and not c.spaces or _both(texts, [spans[first - 1]], [c], p) < 1:
            break
        first -= 1
        cuts.insert(0, c)
    return first, cuts


def _right_measure(texts: list[str], spans: list[Span], cuts: list[Cut]) -> float | None:
    """The em of the run's right pieces that are full lines (not a
    paragraph's short last line): the measure of the column right of the cut."""
    widths = [_width(texts[r][c.right_start:e].strip()) for (r, s, e), c in zip(spans, cuts)
              if not ends_unit(texts[r][c.right_start:e].strip())]
    return statistics.median(widths) if widths else None


def _right_cut(texts: list[str], span: Span, cands: list[Cut], x: float, right: float | None,
               tol: float, low: float, columns: float = 0.0) -> Cut | None:
    """The cut of the row above a run read from its right end: a gap, or a
    mark the gutter was read as, whose right piece is as wide as the run's
    right column lines, and whose left piece is no wider than the run's
    offset. A report's first row starts with its dateline and the reporter's
    names, which OCR often reads as a few Latin letters (记者 HA BSE) or
    drops: the left piece then falls short of the offset by several em, but
    the right column's line is whole and full. (A row with no clause mark,
    a headline's, is no column text.)"""
    r, s, e = span
    if right is None or _CLAUSE.search(texts[r], s, e) is None:
        return None
    best = None
    for c in cands:
        if not (c.spaces or c.strays) or not low <= c.x <= x + tol:
            continue
        piece = texts[r][c.right_start:e].strip()
        off = abs(_width(piece) - right)
        if off > tol and columns:
            # (or the right piece holds the lines of two columns or more,
            # a wide gap between them, as wide as one another and no wider
            # than the run's offset: the first row of a run three columns
            # wide; the columns of a page share one measure)
            ws = [_width(t) for t in _WIDE_GAP.split(piece)]
            if len(ws) >= 2 and min(ws) >= columns and max(ws) - min(ws) <= tol and max(ws) <= x + tol:
                off = max(ws) - min(ws)
        if off <= tol and (best is None or off < best[0]):
            best = (off, c)
    return best[1] if best else None


_WIDE_GAP = re.compile(r" {2,}")


def _both(texts: list[str], spans: list[Span], cuts: list[Cut], p: dict) -> int:
    """Rows with a column line on each side of their cut (``_column_line``)."""
    low = p.get("min_column", 5.0)
    return sum(1 for (r, s, e), c in zip(spans, cuts)
               if _column_line(texts[r][s:c.left_end], low) and _column_line(texts[r][c.right_start:e], low))


def _column_line(piece: str, low: float) -> bool:
    """Is a piece of a merged row a column's line: low em wide, or the short
    last line of a paragraph (Han text that ends a sentence)? A short
    module's columns run side by side for a few rows only, and the last row
    they share often holds the end of a paragraph in one of them (说。)."""
    piece = piece.strip()
    return _width(piece) >= low or ends_unit(piece) and _HAN.search(piece) is not None


def _thread(texts: list[str], spans: list[Span], p: dict, cut_rows: list,
            measure: float | None = None, halves: bool = False,
            blanks: frozenset[int] = frozenset(), opens: re.Pattern | None = None,
            heads: set[Span] | None = None) -> list[Span]:
    """The spans in reading order: each run read column by column.
    ``blanks``: the rows with a blank line before them; ``opens``: the
    pattern of a report's opening dateline (``_head_to_module``); ``heads``
    gets the right headlines moved to their module's first column line."""
    runs = _runs(texts, spans, p, measure, halves, blanks)
    if not runs:
        return spans
    if blanks:
        runs = _blocks(texts, spans, runs, blanks, p)
    out: list[Span] = []
    i = 0
    runs_at = {f for f, _, _, _ in runs}
    for first, last, cuts, mid in runs:
        out.extend(spans[i:first])
        left = [(r, s, c.left_end) for (r, s, e), c in zip(spans[first:last + 1], cuts)]
        # (a row whose gap holds an empty column keeps the gap in front of
        # its right piece: that piece is a column's further right)
        skips = _skips(texts, spans[first:last + 1], cuts, mid, p)
        right = [(r, c.left_end if skip else c.right_start, e)
                 for (r, s, e), c, skip in zip(spans[first:last + 1], cuts, skips)]
        cut_rows.append((left, right, cuts))
        # (a module's first column that ended on the run's last row goes
        # on in no line below it)
        k = last + 1 if cuts[-1].ends else _below(texts, spans, last + 1, left, runs_at, p)
        # (a run cut at twice the measure holds two columns left of its cut)
        out.extend(_thread(texts, left, p, cut_rows, mid / 2, True, blanks, opens, heads))
        seq = _thread(texts, right, p, cut_rows, mid, False, blanks, opens, heads)
        out.extend(_head_to_module(texts, seq, left, opens, p, heads))
        i = k
    out.extend(spans[i:])
    return out


def _head_to_module(texts: list[str], seq: list[Span], left: list[Span],
                    opens: re.Pattern | None, p: dict, heads: set[Span] | None = None) -> list[Span]:
    """The right column's spans with the right piece of the run's top row moved
    to where the right module's text starts. OCR reads the headlines of two
    modules set side by side as one row, gap and all, over the columns of
    both; the right headline is cut off with the second column, which is the
    left module's own when that module is two columns wide. A row with no mark of
    a clause on either side of its cut is display type; the module it heads
    starts at the first column line of the row under it that opens with a
    report's dateline (本报讯, 新华社…电), further right. Where no such line
    opens a report (OCR often reads a dateline's brackets and glyphs as
    Latin junk), the left headline tells: wider than the lines of the column
    under it by more than twice the cut's tolerance (``head_span``), it spans
    that column and the next, so the next column is the left module's and the
    right headline heads the first column line of the row under it further
    right still."""
    if opens is None or len(seq) < 3:
        return seq
    head_left = left[0]
    head = seq[0]
    row = head[0]
    left_text = texts[row][head_left[1]:head_left[2]].strip()
    head_text = texts[row][head[1]:head[2]].strip()
    if head_left[0] != row or not head_text or \
            _CLAUSE.search(head_text) is not None or _CLAUSE.search(left_text) is not None:
        return seq
    def opens_report(sp: Span) -> bool:
        return sp[0] == row + 1 and opens.match(texts[sp[0]][sp[1]:sp[2]].strip()) is not None
    if opens_report(seq[1]):
        return seq
    at = next((j for j in range(2, len(seq)) if opens_report(seq[j])), None)
    if at is None and p.get("head_span", False) and seq[1][0] == row + 1:
        # (the column's full lines, a paragraph's last line left out, are
        # as wide as its measure; a headline set larger is wider than it reads)
        below = [_width(t) for t in (texts[r][s:e].strip() for r, s, e in left[1:])
                 if t and not ends_unit(t)]
        tol = p.get("cut_tolerance", 1.5)
        if len(below) >= 2 and _width(left_text) > statistics.median(below) + tol:
            at = next((j for j in range(2, len(seq)) if seq[j][0] == row + 1), None)
    if at is None:
        return seq
    if heads is not None:
        heads.add(head)
    return seq[1:at] + [head] + seq[at:]


def _below(texts: list[str], spans: list[Span], k: int, left: list[Span],
           runs_at: set[int], p: dict, letters: bool = False) -> int:
    """The first column goes on below the run in lines of its measure (the
    second column ended higher): its lines from span k on are added to
    ``left``, read down before the second column. Returns the span after them.
    ``letters``: a line above counts its letters an em each, as the line
    below does (a report's first lines, its names read as letters)."""
    tol = p.get("cut_tolerance", 1.5)
    measure = max(_width(texts[r][s:e]) for r, s, e in left)
    while k < len(spans) and k not in runs_at:
        r, s, e = spans[k]
        prev = texts[left[-1][0]][left[-1][1]:left[-1][2]]
        here = texts[r][s:e]
        # (a letter may be a Han glyph OCR could not read: an em at most)
        most = len(here) - here.count(" ")
        wide = max(_width(prev), len(prev) - prev.count(" ") if letters else 0.0)
        full = wide >= measure - tol and not ends_unit(prev.strip())
        fits = _width(here) <= measure + tol and "  " not in here.strip() and \
            (most >= measure - tol or ends_unit(here.strip()))
        # (or a line of text as wide as the column that goes on, after a
        # line that ended its paragraph: the first column's next
        # paragraph, which goes on at the top of the second; not a piece
        # cut off its row after a wide gap, another column's, a column
        # left empty between them)
        before = texts[r][:s]
        goes_on = len(before) - len(before.rstrip()) <= 2 and \
            measure - _INDENT - tol <= _width(here) <= measure + tol and "  " not in here.strip() and \
            not ends_unit(here.strip()) and _CLAUSE.search(here) is not None
        if not (full and fits or goes_on):
            break
        left.append(spans[k])
        k += 1
    return k


def _blocks(texts: list[str], spans: list[Span], runs: list, blanks: frozenset[int],
            p: dict) -> list:
    """Runs split at a blank line where OCR printed the next columns of an
    article as a block of their own below the first ones: the second
    column's line under the blank line completes a word that the first
    column's last line below it breaks (投资风 | 险), not one that the second
    column's line above the blank line breaks. Inside one block the engine
    puts blank lines between rows that run on in every column."""
    out = []
    runs_at = {f for f, _, _, _ in runs}
    for first, last, cuts, mid in runs:
        for j in range(first + 2, last):
            r, s, e = spans[j]
            if j < first + 2 or r not in blanks or spans[j - 1][0] == r:
                continue               # (two rows a block at least)
            head = texts[r][cuts[j - first].right_start:e].strip()
            above = spans[j - 1]
            prev = texts[above[0]][cuts[j - 1 - first].right_start:above[2]].strip()
            left = [(rr, ss, c.left_end) for (rr, ss, ee), c in zip(spans[j:last + 1], cuts[j - first:])]
            _below(texts, spans, last + 1, left, runs_at, p)
            bottom = texts[left[-1][0]][left[-1][1]:left[-1][2]].strip()
            if breaks_inside_word(bottom, head) and not breaks_inside_word(prev, head):
                out.append((first, j - 1, cuts[:j - first], mid))
                first, cuts = j, cuts[j - first:]
        out.append((first, last, cuts, mid))
    return out


def led_document(lines: list[Line], rules) -> bool:
    """Are the document's lines led by spaces: a layout-preserving
    extractor's text (O602), which pads a line to its first glyph's position
    and a paragraph's first line by its indent? OCR text starts every line at
    its first glyph. Decided over the whole document: one input comes from one
    extractor, and a short page may hold no indented line."""
    if not rules.on("O605"):
        return True
    p = rules.rules["O605"].params
    led = sum(1 for line in lines if line.indent > 0)
    return led >= max(p.get("max_led_lines", 2), p.get("led_share", 0.04) * len(lines))


_GAP = re.compile(r"\S( {2,})\S")


def aligned_page(lines: list[Line], p: dict) -> bool:
    """Do the pieces after the wide gaps of a page start at the same character
    cell row after row, as a layout-preserving extractor pads them to their
    positions? OCR prints a gap's spaces about as wide as the gap, never to a
    cell, so its pieces' starts scatter."""
    starts = collections.Counter(m.end(1) for line in lines for m in _GAP.finditer(line.text))
    rows = sum(1 for line in lines if _GAP.search(line.text))
    if not starts:
        return False
    top = starts.most_common(1)[0][1]
    if top >= p.get("min_rows", 3) and top >= p.get("aligned_share", 0.5) * rows:
        return True
    # modules set side by side or one over another each have gutters of
    # their own: pieces start at a few cells, each one row after row
    share = p.get("aligned_starts_share", 0.0)
    lone = sum(n for n in starts.values() if n < p.get("min_rows", 3))
    return share > 0 and lone <= (1.0 - share) * sum(starts.values())


_PHRASE_GAP = re.compile(r"\S {4,}\S")   # a headline row's phrases set apart (L121's gap)


def _two_reports(texts: list[str], spans: list[Span], p: dict, cut_rows: list,
                 blanks: frozenset[int], opens: re.Pattern | None,
                 above: dict[int, int]) -> list[list[Span]]:
    """The page's spans in parts, read apart: where a row under a row of
    headlines side by side (Han phrases set far apart, no mark of a clause)
    opens with a report's dateline and holds, after a gap, another piece
    that opens with one, OCR printed the first lines of two modules side by
    side, each under its headline. The row is cut there (with no run of rows
    to show the cut: a module one column wide beside another's two). The left
    report's lines go on below in lines of its measure and make a part of
    their own; the right piece goes on with the rows after them (``above``:
    the row that comes before such a row in reading order)."""
    if opens is None:
        return [spans]
    parts: list[list[Span]] = []
    start, r = 0, 1
    while r < len(texts):
        head, row = texts[r - 1], texts[r]
        cut = None
        if _HAN.search(head) is not None and _CLAUSE.search(head) is None and \
                _PHRASE_GAP.search(head) is not None and opens.match(row.strip()) is not None:
            cut = next((c for c in _cuts(row, 0, len(row), p) if c.spaces >= 2 and
                        opens.match(row[c.right_start:].strip()) is not None), None)
        if cut is None or _runs(texts, spans[r:r + 4], p, blanks=blanks):
            r += 1
            continue
        left, right = [(r, 0, cut.left_end)], (r, cut.right_start, len(row))
        k = _below(texts, spans, r + 1, left, set(), p, letters=True)
        parts += [spans[start:r], list(left)]
        cut_rows.append((left[:1], [right], [cut]))
        if k < len(spans):
            above[spans[k][0]] = r
        spans = spans[:k - 1] + [right] + spans[k:]
        start, r = k - 1, k
    parts.append(spans[start:])
    return parts


def _report_opening(state) -> re.Pattern | None:
    """The pattern of a report's opening dateline (本报讯, 新华社…电), as the
    streams read it (J301's), or None when that rule is off."""
    j301 = state.rules.rules.get("J301")
    return j301.params.get("dateline_pattern") if j301 is not None and state.rules.on("J301") else None


def page_order(lines: list[Line], state) -> list[Line] | None:
    """The lines of one OCR page with merged column lines cut and read column
    by column, or None when no run of rows is cut at one offset."""
    p = state.rules.rules["O605"].params
    texts = [line.text for line in lines]
    hint = _hint_of(p).search      # looked up once a page
    if len(list(filter(None, map(hint, texts)))) < p.get("min_gutter_rows", 2):
        return None   # no line shows a gutter: spared the search
    spans = [(r, 0, len(t)) for r, t in enumerate(texts)]
    cut_rows: list = []
    blanks = frozenset(r for r, line in enumerate(lines) if line.blank_before)
    opens = _report_opening(state)
    above: dict[int, int] = {}
    heads: set[Span] = set()
    seq = []
    for k, part in enumerate(_two_reports(texts, spans, p, cut_rows, blanks, opens, above)):
        # (a left report's own lines are read as they come)
        seq.extend(part if k % 2 else _thread(texts, part, p, cut_rows, blanks=blanks, opens=opens,
                                               heads=heads))
    if not cut_rows:
        return None
    tracer, doc = state.tracer, state.doc
    strays: dict[int, list[tuple[int, int]]] = {}
    for left, right, cuts in cut_rows:
        for (r, s, e), (_, rs, _), c in zip(left, right, cuts):
            line = lines[r]
            tracer.decide("O605", "move", line, line.text[max(s, e - 12):rs + 12],
                          line.text[max(s, e - 12):e] + " \u2016 " + line.text[rs:rs + 12],
                          "merged column lines cut at %.1f em" % c.x)
            strays.setdefault(r, []).extend(c.strays)
    for r, marks in strays.items():
        for a, b in marks:
            t = lines[r].text[a:b]
            doc.removed.append(Removal(t, "O605", lines[r].page, lines[r].lineno, "gutter-mark"))
            tracer.add(Event("O605", "remove", lines[r].page, lines[r].lineno, a,
                             lines[r].text[max(0, a - 6):b + 6], "", "a gutter read as a glyph"))
    noise = sum(1 for l in lines[1:] if l.blank_before) >= 0.5 * max(1, len(lines) - 1)
    # a blank line between two rows that are both cut stands across every
    # column at once: the engine's gap between rows, no paragraph's end in any
    # one column's text (a line with a clause mark; before a markless piece,
    # a headline, it may be the module's edge and stays)
    cut = {r for left, _, _ in cut_rows for r, _, _ in left}
    # where each column's piece of a run starts: a block of its own (O606)
    col_starts = {(sp[0][0], sp[0][1]) for left, right, _ in cut_rows for sp in (left, right) if sp}
    block: list[bool] = []
    out: list[Line] = []
    prev: Span | None = None
    for r, s, e in seq:
        src = lines[r]
        text = src.text[s:e].strip()
        if not text:
            continue
        first = s == 0
        across = r in cut and above.get(r, r - 1) in cut and _CLAUSE.search(text) is not None
        # (a right headline moved to its module's first column line is a
        # display line of its own: the gap OCR left around it stays)
        apart = (r, s, e) in heads or (prev is not None and prev in heads)
        new = Line(text, src.page, src.lineno,
                   blank_before=max(1, src.blank_before) if apart else
                   src.blank_before if (first or noise) and not across else 0,
                   indent=src.indent if first else 0.0, label=src.label, rule=src.rule,
                   par_start=src.par_start, bbox=src.bbox, font_size=src.font_size,
                   conf=src.conf, box_id=src.box_id)
        if prev is not None and not (prev[0] == r - 1 and first and prev[2] >= len(lines[prev[0]].text.rstrip())):
            pt = lines[prev[0]].text[prev[1]:prev[2]].strip()
            tracer.decide("O605", "move", new, pt[-6:] + "\u23ce" + text[:6],
                          pt[-6:] + "\u23ce" + text[:6],
                          "a right headline read where its module starts" if (r, s, e) in heads
                          else "read column by column")
        out.append(new)
        prev = (r, s, e)
        block.append((r, s) in col_starts)
    return _chain_blocks(out, block, state)


def _chain_blocks(out: list[Line], block: list[bool], state) -> list[Line]:
    """The lines read column by column, with the blocks put back in order
    (O606): each column's piece of a run is a block of its own (``block``:
    the lines that start one), and such a block whose first line completes
    the word another block's last line breaks goes on after that block. OCR
    prints a page's columns band by band (a band of rows merged across the
    columns, then the band below it), so one column's text comes in pieces,
    one in each band; only those pieces move, not a block OCR printed
    apart itself (a headline, a photo's lines)."""
    if not state.rules.on("O606") or not any(block):
        return out
    frags = []
    b = 0
    for j, (line, starts) in enumerate(zip(out, block)):
        if j and (line.blank_before or starts):
            b += 1
        f = _frag(line.text, line, j, None, 0)
        f.blank = b
        frags.append(f)
    p3, p6 = state.rules.rules["O603"].params, state.rules.rules["O606"].params
    opens = _report_opening(state)
    seq = chained_order(frags, lambda: Evidence(frags, p3, True, opens), p6, lambda h: block[h])
    if seq is None:
        return out
    for k, j in enumerate(seq):
        if k and seq[k - 1] != j - 1:
            prev = out[seq[k - 1]].text
            state.tracer.decide("O606", "move", out[j], prev[-6:] + "\u23ce" + out[j].text[:6],
                                prev[-6:] + "\u23ce" + out[j].text[:6],
                                "a column's piece goes on the block whose word it completes")
    return [out[j] for j in seq]
