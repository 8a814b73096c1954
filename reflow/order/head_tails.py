"""O611: a large-type headline's last characters that ``pdftotext -layout``
printed rows below it, put back at its end.

A headline set in large type wraps within its own measure: its second line
starts at the cell its first line starts at, some rows lower (a large line
spans several of the body's rows), and the rows between hold only the lines
of the columns beside it. Where that second line is a few characters only,
-layout prints them as a lone piece on a row of other columns' lines; read
as a line of its own it cuts the headline short (支 ... 付) and lands in a
body as a stray character.
"""
from __future__ import annotations

import dataclasses
import re

from ..chars import em_width
from ..hanlex import breaks_inside_word
from ..label import ends_unit
from ..model import Line
from .columns import _NO_HEAD_MARKS as _CLAUSE   # a headline's phrase holds none of these marks
from .columns import _PIECE                      # a run of text a -layout row sets apart by two spaces or more
# any mark of a sentence or a clause, an aside's bracket, a quote: a
# headline's wrapped tail of a few characters holds none
_MARKS = re.compile("[，。；！？、：,;!?（）()“”‘’「」『』《》〈〉【】/／·•—…]")


def _pieces(line: Line) -> list[tuple[int, int, str]]:
    """The pieces of a -layout line: (first cell, end cell, text)."""
    lead = int(round(line.indent * 2))
    return [(lead + m.start(), lead + m.end(), m.group()) for m in _PIECE.finditer(line.text)]


def _tail(lines: list[Line], row: int, s: int, e: int, head: str, p: dict) -> tuple[int, int] | None:
    """The row and piece index of the tail of the headline piece ``head``
    (cells s..e, the last piece of ``row``), or None: the first piece below
    that reaches into those cells starts within ``tail_drift`` cells of s,
    is at most ``tail_em`` wide with no mark, and completes a word the head
    stops inside (its last character and the tail's first), or the page's
    text holds the two together (``_said``)."""
    drift = int(p.get("tail_drift", 4))
    # a wrapped line is narrower than the line it wrapped from (tail_head):
    # the tail may be as wide as the head less one em, however short tail_em
    tail_head = bool(p.get("tail_head", False))
    widest = max(p.get("tail_em", 3.0), em_width(head) - 1.0 if tail_head else 0.0)
    for q in range(row + 1, min(len(lines), row + 1 + int(p.get("tail_rows", 6)))):
        if lines[q].page != lines[row].page:
            return None
        ps = _pieces(lines[q])
        for k, (a, b, text) in enumerate(ps):
            if a < s - drift and b <= s + drift or a >= e:
                continue            # another column's line, beside the headline's cells
            if abs(a - s) > drift or em_width(text) > widest or _MARKS.search(text) or \
                    not (breaks_inside_word(head, text, int(p.get("tail_grade", 2))) or
                         _said(lines, row, q, head[-2:] + text[:2]) or
                         tail_head and len(text) >= 2 and _said(lines, row, q, head[-1:] + text[:2])):
                return None
            if k != len(ps) - 1:
                return None     # text right of it on its row: a line's start, no headline's end
            return q, k
    return None


def _said(lines: list[Line], row: int, q: int, seam: str) -> bool:
    """Does a line of the page other than rows ``row`` and ``q`` hold
    ``seam`` (a headline's last two characters and its tail's first two):
    a headline restates the words of its text (自助 ⏎ 借阅点: 自助借阅点)."""
    page = lines[row].page
    return any(k not in (row, q) and line.page == page and seam in line.text.replace(" ", "")
               for k, line in enumerate(lines))


def _without(line: Line, a: int, b: int) -> Line | None:
    """The line with its piece at cells a..b taken out (None: nothing left);
    the pieces after it stay at their cells."""
    lead = int(round(line.indent * 2))
    text = line.text[:a - lead] + " " * (b - a) + line.text[b - lead:]
    if not text.strip():
        return None
    stripped = text.lstrip()
    indent = line.indent + (len(text) - len(stripped)) / 2
    return dataclasses.replace(line, text=stripped.rstrip(), indent=indent)


def head_tails(lines: list[Line], p: dict, tracer=None) -> list[Line]:
    """The lines of a -layout page with each large-type headline's lone tail
    (``_tail``) put back at the end of the headline's line: that line's last
    piece, no column line (``head_em`` wide at least, no mark of a clause and
    no sentence's end), over cells the rows down to the tail leave empty.
    A row the tail stood alone on goes, its blank lines on the next line.
    Each join is on record (O611)."""
    out = list(lines)
    row = 0
    while row < len(out):
        line = out[row]
        ps = _pieces(line)
        if not ps:
            row += 1
            continue
        s, e, head = ps[-1]
        got = None
        if em_width(head) >= p.get("head_em", 4.0) and not _MARKS.search(head) and not ends_unit(head) \
                and not line.phrase_space_after:
            got = _tail(out, row, s, e, head, p)
        if got is None:
            row += 1
            continue
        q, k = got
        a, b, tail = _pieces(out[q])[k]
        if tracer is not None:
            tracer.decide("O611", "join", line, head[-12:], tail,
                          "a large headline's last characters, printed %d rows below it (line %d)"
                          % (q - row, out[q].lineno))
        out[row] = dataclasses.replace(line, text=line.text.rstrip() + tail, phrase_space_after=False)
        _take(out, q, a, b)
        row += 1
    return out


def _take(out: list[Line], q: int, a: int, b: int) -> None:
    """Take the piece at columns a..b out of line q, in place; a line left
    empty goes, and its blank lines above pass to the line after it."""
    rest = _without(out[q], a, b)
    if rest is not None:
        out[q] = rest
        return
    gone = out.pop(q)
    if q < len(out) and gone.blank_before:
        nxt = out[q]
        out[q] = dataclasses.replace(nxt, blank_before=nxt.blank_before + gone.blank_before)


# a lone character a stretched line left behind, set a space apart
_STRAY = re.compile(r"^\S \S|\S \S$")
# a run of one character between spaces: a justified line stretched
_SPREAD = re.compile(r"(?:^|\s)\S\s")


def _side_tail(lines: list[Line], row: int, s: int, e: int, head: str, p: dict, credit) -> tuple[int, int] | None:
    """The row and piece index of the next line of a headline set beside its
    columns, whose line at ``row`` is the piece at cells s..e, or None: the
    first piece below that reaches into those cells starts within
    ``tail_drift`` cells of s, is the first piece of its row, at most
    ``side_em`` wide with no mark of a clause, no sentence's end and no
    credit, and some row from the headline's down to it holds a column's
    line right of it on a row between the two (the columns beside the
    headline: its large type spans their rows)."""
    drift = int(p.get("tail_drift", 4))
    beside = False
    for q in range(row, min(len(lines), row + 1 + int(p.get("side_rows", 6)))):
        if lines[q].page != lines[row].page or q > row and lines[q].blank_before:
            return None     # a blank row: no column beside fills the headline's rows
        ps = _pieces(lines[q])
        if q > row:
            for k, (a, b, text) in enumerate(ps):
                if b <= s - drift and a < s - drift:
                    continue
                if a >= e:
                    break
                if k > 0 and ps[k - 1][1] > s - drift or abs(a - s) > drift or \
                        em_width(text) > min(p.get("side_em", 0.0), em_width(head) + 0.5) or \
                        _CLAUSE.search(text) or ends_unit(text) or _SPREAD.search(text) or \
                        any(c.search(text) for c in credit):
                    return None
                if not beside or q == row + 1:
                    return None     # no column's line between: a stacked headline's next line
                return q, k
            beside = beside or any(e + 2 <= a <= e + int(p.get("side_gap", 24)) for a, _, _ in ps)
    return None


def _text_above(lines: list[Line], row: int, s: int, e: int) -> bool:
    """Does the row right above ``row`` (no blank row between) hold a piece
    over cells s..e with a mark of a clause or a sentence's end: a column's
    line the piece there goes on from, no headline set apart from it."""
    if row == 0 or lines[row].blank_before or lines[row - 1].page != lines[row].page:
        return False
    return any(a < e and b > s and (_CLAUSE.search(text) or ends_unit(text))
               for a, b, text in _pieces(lines[row - 1]))


def side_heads(lines: list[Line], p: dict, tracer=None, credit=()) -> list[Line]:
    """The lines of a -layout page with each headline set beside its columns
    whole on its first row: a large headline set left of its columns wraps
    within its own narrow measure, and -layout prints its next line some rows
    lower, on a row of the columns' lines beside it (``_side_tail``); read
    apart, it lands in the body or reads as a subheading. The headline's
    line is the first piece of its row, at least ``head_em`` wide, with no
    mark of a clause and no sentence's end; its next line joins it after an
    ideographic space (a phrase space, never a gutter) where the spaces after
    it leave room, and leaves its own row. Each join is on record (O611
    side_em)."""
    if p.get("side_em", 0.0) <= 0:
        return lines
    out = list(lines)
    row = 0
    while row < len(out):
        line = out[row]
        ps = _pieces(line)
        if not ps or line.phrase_space_after:
            row += 1
            continue
        s, e, head = ps[0]
        got = None
        if em_width(head) >= p.get("head_em", 4.0) and not _CLAUSE.search(head) and not ends_unit(head) \
                and not _text_above(out, row, s, e) \
                and not any(c.search(head) for c in credit) and not _STRAY.search(head) and \
                not (len(ps) > 1 and (len(ps[1][2]) == 1 or _STRAY.search(ps[1][2][:3]))):
            got = _side_tail(out, row, s, e, head, p, credit)
        if got is None:
            row += 1
            continue
        q, k = got
        a, b, tail = _pieces(out[q])[k]
        lead = int(round(line.indent * 2))
        text = line.text
        room = text[e - lead:e - lead + len(tail) + 3]
        if len(ps) > 1 and (len(room) < len(tail) + 3 or room.strip()):
            row += 1
            continue
        if tracer is not None:
            tracer.decide("O611", "side", line, head[-12:], tail,
                          "the next line of a headline set beside its columns, printed %d rows below it (line %d)"
                          % (q - row, out[q].lineno))
        joined = text[:e - lead] + "\u3000" + tail + text[e - lead + len(tail) + 1:]
        out[row] = dataclasses.replace(line, text=joined.rstrip())
        _take(out, q, a, b)
    return out
