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

import re

from ..chars import em_width
from ..hanlex import breaks_inside_word
from ..label import ends_unit
from ..model import Line

# a run of text a -layout row sets apart by two spaces or more
_PIECE = re.compile(r"\S+(?: \S+)*")
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
    for q in range(row + 1, min(len(lines), row + 1 + int(p.get("tail_rows", 6)))):
        if lines[q].page != lines[row].page:
            return None
        for k, (a, b, text) in enumerate(_pieces(lines[q])):
            if a < s - drift and b <= s + drift or a >= e:
                continue            # another column's line, beside the headline's cells
            if abs(a - s) > drift or em_width(text) > p.get("tail_em", 3.0) or _MARKS.search(text) or \
                    not (breaks_inside_word(head, text, int(p.get("tail_grade", 2))) or
                         _said(lines, row, q, head[-2:] + text[:2])):
                return None
            if k != len(_pieces(lines[q])) - 1:
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
    return Line(stripped.rstrip(), line.page, line.lineno, blank_before=line.blank_before,
                indent=indent, phrase_space_after=line.phrase_space_after,
                label=line.label, rule=line.rule, par_start=line.par_start)


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
        out[row] = Line(line.text.rstrip() + tail, line.page, line.lineno,
                        blank_before=line.blank_before, indent=line.indent,
                        phrase_space_after=False,
                        label=line.label, rule=line.rule, par_start=line.par_start)
        rest = _without(out[q], a, b)
        if rest is not None:
            out[q] = rest
        else:
            gone = out.pop(q)
            if q < len(out) and gone.blank_before:
                nxt = out[q]
                out[q] = Line(nxt.text, nxt.page, nxt.lineno, blank_before=nxt.blank_before + gone.blank_before,
                              indent=nxt.indent, phrase_space_after=nxt.phrase_space_after,
                              label=nxt.label, rule=nxt.rule, par_start=nxt.par_start)
        row += 1
    return out
