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
A run ends with a row whose lines have no successor (the columns stop), and
another may start after it: cheaply before a line that is no column's line
(a headline across the columns), so that the rows of two articles, one under
the other, are not chained across the headline between them.
The links make the column streams; ``streams`` puts them in reading order.
The work is the page's lines times the periods tried, squared at most: linear.
It does not read merged or side-by-side lines: ``decoder`` does.
"""
from __future__ import annotations

import dataclasses
import itertools
import re

from ..chars import bracket_depth, closes_first
from ..label import ends_unit
from .blocks import _blocks
from .columns import _LETTERS, _NARROWER, Frag
from .decoder import _CLAUSE, _HANG, Evidence, _body_line, dateline_under_phrase
from .pieces import printed_in_blocks

_WORD = re.compile(r"[A-Za-z]{4,}")
_ROLE = re.compile("[:：]")     # a staff line's or a credit's role (责任编辑：), which a report's head holds none of
# a photo's credit: who took it (摄), sent it (发) or gave it (图／)
_PHOTO = re.compile("[摄攝发發]|[图圖][ \u3000]*[/／]")
# a marker that the article goes on on a later page: （下转第5版）, （转A4版）
_JUMP_ON = re.compile("^[（(](?:下转|下轉|转至|轉至|转|轉)第?[0-9A-Z一二三四五六七八九十]{1,4}(?:版|頁|页)"
                      "[^（）()]{0,12}[）)]$")
# an opening bracket or quote, which ends no printed line (GB/T 15834)
_OPENERS = frozenset("（(【〔《〈「『“‘[")


def _full(f: Frag, ev: Evidence, p: dict) -> bool:
    """Is f a full column line: letter-spaced by justification, or as wide as
    one of the page's column measures?"""
    tol = p.get("period_full_tolerance", 1.5)
    return f.spaced or f.width >= p.get("long_line", 5.0) and \
        any(abs(f.width - m) <= tol for m in ev.modes)


def _text_measures(frags: list[Frag], ev: Evidence, p: dict) -> list[float]:
    """The page's column measures (``Evidence.modes``) that column lines
    fill: the measure, not the text, ends a full line, so some of its lines
    go on mid-sentence with a mark of a sentence inside them
    (``period_measure_lines`` or more). A width that only a few short lines
    of a page share (a paragraph's last line, a headline's phrase, a credit:
    three lines make a mode) is no column's measure."""
    least = p.get("period_measure_lines", 1)
    out = []
    for m in ev.modes:
        n = sum(1 for k, f in enumerate(frags)
                if not f.spaced and abs(f.width - m) <= 0.5 and ev.end_mid[k] and _body_line(f))
        if n >= least:
            out.append(m)
    return out


def _fills(f: Frag, measures: list[float], p: dict) -> bool:
    """Is f a full column line of one of these measures (``_full``)?"""
    tol = p.get("period_full_tolerance", 1.5)
    return f.spaced or f.width >= p.get("long_line", 5.0) and any(abs(f.width - m) <= tol for m in measures)


def _no_column_line(ev: Evidence, i: int, j: int, p: dict) -> bool:
    """Can line j not be the next line of line i's column? A full column line
    that stops mid-sentence goes on in a line of the same measure (a full
    line, or the paragraph's last line, which ends its sentence): a line wider
    than its measure, or a clearly shorter one that is no column line
    (``_column_like``: a headline, a running head), belongs to no column
    there. A line's width with Latin words in it is a guess: after such a
    line only a line clearly shorter than it at its narrowest and no column
    line of that measure counts; a line b with Latin words is left alone.
    (``_no_column_fn`` answers it for every pair of a page's lines.)"""
    return _no_column_fn(ev, p)(i, j)


def _first_line(f: Frag, ev: Evidence, p: dict) -> bool:
    """Is f as wide as a paragraph's first line, indented two em from one of
    the page's column measures?"""
    tol = p.get("period_full_tolerance", 1.5)
    return not f.spaced and f.width >= p.get("long_line", 5.0) and \
        any(abs(f.width + 2.0 - m) <= tol for m in ev.modes)


def _no_successor(ev: Evidence, i: int) -> float:
    """The score of line i having no successor (past the page's end, or in
    the last row of a run): a line that stops mid-sentence has one somewhere,
    so it scores as a seam whose bigram the document does not know."""
    return -ev.p.get("ngram_absent", 0.2) if ev.end_mid[i] else 0.0


# a dateline cut before its 电 (新华社日内瓦7月28日⏎电（记者…）)
_DATE_END = re.compile("[0-9]{1,2}月[0-9]{1,2}日$")


def _links(frags: list[Frag], ev: Evidence, top: int, p: dict, caption=None, dateline=None
           ) -> list[list[float]]:
    """The seam score of each line followed by the line ``d`` below it, for
    d = 1 … top (index 0 unused); past the page's end, ``_no_successor``. A
    line that leaves a round bracket open (本报讯（记者赵磊 通讯员) is followed
    by the line that closes it (孙悦）记者…), and a dateline cut after its date
    (新华社日内瓦7月28日) by the line that starts with its 电: ``period_bracket``
    for that seam. A link of offset d from a body line into a run of d or more
    lines of a head (``_stack_runs``: a headline stack, a byline, staff
    lines) pays ``period_stack``: k columns that end above a module's head
    do not go on through it, row after row, into the next module's columns.
    A link of offset d > 1 into a line of a caption's box (``caption``,
    ``_caption_boxes``) pays ``period_no_column``: no column goes on in a
    caption. So does a link of offset 1 from a column's line that stops
    mid-sentence into a wider line or a head over text (``_off_column``):
    read in order there, the page leaves the column; and one that breaks a
    pair of quotation marks (``_quotes_apart``; ``dateline``: the pattern of a
    report's opening dateline, whose line with no quotation mark ends outside
    every quotation, with ``period_quote_dateline``) pays ``period_quote``.
    A link of offset d > 1 from a line that stops mid-sentence with a mark of
    a clause in it into a report's first line under its head
    (``dateline_under_phrase``), or into that head (no colon of a staff
    line's role in it), pays ``period_dateline``: no sentence goes on there,
    so k columns that stop mid-sentence at a module's foot do not go on into
    the next module."""
    n = len(frags)
    w = p.get("period_no_column", 1.5)
    bonus = p.get("period_bracket", 1.0)
    opens = [bracket_depth(f.flat) > 0 or _DATE_END.search(f.flat) is not None for f in frags]
    closes = [closes_first(f.flat) or f.flat[:1] in "电電" for f in frags]
    if frags is ev.frags:
        seam = ev.seam_ij               # the page's own lines: their terms are worked out
    else:
        def seam(i: int, j: int) -> float:
            return ev.seam(i, frags[i], frags[j], j)
    no_column = _no_column_fn(ev, p)
    stack = _stack_runs(frags, ev, p)
    w_stack = p.get("period_stack", 1.5)
    off = _off_column(frags, ev, p)
    quoted = _quotes_apart(frags, ev, dateline if p.get("period_quote_dateline", False) else None)
    w_quote = p.get("period_quote", 1.5)
    apart = _apart_run(frags, ev, p)
    w_apart = p.get("period_apart", 0.0)
    # a report's first line under its head opens a paragraph: no column line
    # that stops mid-sentence goes on in it, nor in that head (period_dateline)
    w_opens = p.get("period_dateline", 0.0) if dateline is not None else 0.0
    report = [w_opens > 0 and dateline_under_phrase(frags, j, dateline) for j in range(n)]
    body = [_CLAUSE.search(f.flat) is not None for f in frags]
    out = []
    for i in range(n):
        row = [_no_successor(ev, i)] * (top + 1)
        for d in range(1, top + 1):
            j = i + d
            if j < n:
                row[d] = seam(i, j)
                if opens[i] and closes[j]:
                    row[d] += bonus
                # evidence against interleaving: a page read in order never pays it
                if d > 1 and (no_column(i, j) or caption is not None and caption[j]):
                    row[d] -= w
                elif d == 1 and off[i]:
                    row[d] -= w                  # but where reading on in order leaves the column
                if d == 1 and quoted[i]:
                    row[d] -= w_quote            # … or breaks a pair of quotation marks
                if d == 1 and apart[i]:
                    row[d] -= w_apart            # … or into a line printed alone (period_apart)
                # a row of d lines of a headline stack is no row of d columns
                if d > 1 and stack[j] >= d and not stack[i]:
                    row[d] -= w_stack
                if d > 1 and (report[j] or j + 1 < n and report[j + 1] and not _ROLE.search(frags[j].flat)) \
                        and ev.end_mid[i] and body[i]:
                    row[d] -= w_opens            # a sentence does not go on in a report's head or first line
        out.append(row)
    return out


# a line that stops inside a sentence: on a character or a mark inside one (a
# closing bracket may close a line of its own: a jump line, a credit)
_IN_SENTENCE_END = re.compile(r"[^\W_]$|[，、；：]$")


def _apart_run(frags: list[Frag], ev: Evidence, p: dict) -> list[bool]:
    """Is line i, a full column line that stops mid-sentence, one of a run of
    three or more lines that default pdftotext printed each alone between
    blank lines, the line after it one of them too? pdftotext prints the lines of one column that stand
    at its line pitch as one block, with no blank line between them; it
    prints each line as a block of its own where the lines of neighbouring
    columns stand at baselines offset from each other, and then prints them
    row after row, alternating columns: the line after such a line is
    another column's. Not on a page printed box by box (pdfminer.six makes a
    box of every line that stands apart, in one column too)."""
    n = len(frags)
    out = [False] * n
    if p.get("period_apart", 0.0) <= 0 or n < 3 or boxed_page(frags) or \
            not printed_in_blocks(frags, int(p.get("period_apart_block", 4))):
        return out

    def alone(i: int) -> bool:
        before = i == 0 or (frags[i].blank != frags[i - 1].blank and frags[i].row != frags[i - 1].row)
        after = i + 1 >= n or (frags[i + 1].blank != frags[i].blank and frags[i + 1].row != frags[i].row)
        return before and after

    one = [alone(i) for i in range(n)]
    for i in range(n - 1):
        if one[i] and one[i + 1] and (i + 2 < n and one[i + 2] or i > 0 and one[i - 1]) and \
                ev.end_mid[i] and _full(frags[i], ev, p) and _IN_SENTENCE_END.search(frags[i].flat):
            out[i] = True
    return out


def _part(f: Frag) -> bool:
    """Is f a part of its source line (cut from a merged line), whose width
    tells its column's measure less surely than a whole line's?"""
    return len(f.text.strip()) < len(f.line.text.strip())


def _off_column(frags: list[Frag], ev: Evidence, p: dict) -> list[bool]:
    """Is the line after line i no line of i's column: line i a column's
    body line (a mark of a sentence in it, no Latin word) as wide as a
    measure of the page, or as its paragraph's indented first line, no
    narrower than ``lexicon_min_share`` of the page's widest measure (not a
    dateline cut at its bracket, nor a continuation marker), that stops
    mid-sentence; the next line, unspaced and without Latin words, more than
    two em and the tolerance wider than it, or narrower than it and no
    column line of its measure (``_column_like``: no mark of a sentence,
    no subheadline) with a body line under it (a head over text: a
    crosshead, a headline, not the staff lines at a page's foot)? A full
    column line that stops mid-sentence goes on in a line of its own measure
    (``_no_column_line``), and a sentence does not go on in a head: read in
    order, such a seam leaves the column, as where the extractor interleaves
    columns of two measures, reads a row across modules, or prints the
    lines of a column beside a crosshead of the next one. On
    a page printed box by box only, and not from a line whose width is a
    guess: a part cut from its source line, or a line with a space inside (a
    byline's gap), whose measure its width misses by more than an indent."""
    tol = p.get("period_full_tolerance", 1.5)
    least = p.get("lexicon_min_share", 0.6) * max(ev.modes, default=0.0)
    out = [False] * len(frags)
    if not boxed_page(frags):
        return out                       # (box by box, a line is a whole column line)
    for i in range(len(frags) - 1):
        f, b = frags[i], frags[i + 1]
        if not ev.end_mid[i] or f.spaced or b.spaced or f.width < least or not _body_line(f) or \
                _part(f) or _part(b) or " " in f.text.strip() or \
                _WORD.search(f.flat) or _WORD.search(b.flat):
            continue
        if not (_full(f, ev, p) or _first_line(f, ev, p)):
            continue
        if b.width > f.width + 2.0 + tol:
            out[i] = True                # wider than the column
        elif b.width < f.width - tol and not _column_like(b, f.width, p) and not _sub_line(b) and \
                i + 2 < len(frags) and _body_line(frags[i + 2]):
            out[i] = True                # a head over text
    return out


# paired quotation marks (GB/T 15834): double quotes, corner brackets (traditional
# script), book-title marks; the mark of each pair and whether it opens (single
# quotes are left out: ’ is also an apostrophe)
_QUOTE_MARKS = {"\u201c": ("“", True), "\u201d": ("“", False), "「": ("「", True), "」": ("「", False),
                "『": ("『", True), "』": ("『", False), "《": ("《", True), "》": ("《", False)}


def _quote_marks(text: str, last: bool) -> dict[str, bool]:
    """For each pair of quotation marks in the line, does its last mark (or
    its first, ``last`` False) open the pair?"""
    out: dict[str, bool] = {}
    for ch in reversed(text) if last else text:
        q = _QUOTE_MARKS.get(ch)
        if q is not None and q[0] not in out:
            out[q[0]] = q[1]
    return out


def _quotes_apart(frags: list[Frag], ev: Evidence, dateline=None) -> list[bool]:
    """Does reading on in order from line i into line i + 1 break a pair of
    quotation marks: line i ends outside a quotation (its last mark of the
    pair closes it) and line i + 1 starts inside one (its first mark closes
    it), or line i stops mid-sentence inside a quotation (its last mark opens
    it) and line i + 1 opens another before closing it? Quotation marks come
    in pairs and a quotation does not nest in one of the same marks (GB/T
    15834): the two lines are no neighbours of one column, the extractor
    interleaved columns there. On a page printed box by box only.
    ``dateline``: the pattern of a report's opening dateline, or None; a
    line it opens that holds no quotation mark ends outside every quotation
    (a report starts outside one: O603 ``period_quote_dateline``)."""
    out = [False] * len(frags)
    if not boxed_page(frags):
        return out
    ends = [_quote_marks(f.flat, True) for f in frags]
    # a report's first line, opening with its dateline, starts outside any
    # quotation: holding no quotation mark, it ends outside every one
    for i in range(len(frags) - 1):
        if not ends[i] and dateline is not None and dateline.match(frags[i].flat) is not None:
            ends[i] = {q[0]: False for q in _QUOTE_MARKS.values()}
        if not ends[i]:
            continue
        starts = _quote_marks(frags[i + 1].flat, False)
        out[i] = any(mark in starts and (not opens and not starts[mark] or
                                         opens and starts[mark] and ev.end_mid[i])
                     for mark, opens in ends[i].items())
    return out


def _stack_runs(frags: list[Frag], ev: Evidence, p: dict) -> list[int]:
    """For each line, how many lines in a row around it (itself too) are
    lines of a head: no mark of a sentence, no column's full measure, not
    letter-spaced, no Latin word (a headline, a subheadline, a byline, a
    staff line); 0 for a line that is not. A crosshead inside a column is
    one such line among column lines; a module's head stacks several."""
    head = [not f.spaced and not _body_line(f) and not _full(f, ev, p) and not _WORD.search(f.flat)
            for f in frags]
    out = [0] * len(frags)
    k = 0
    while k < len(frags):
        if not head[k]:
            k += 1
            continue
        end = k
        while end < len(frags) and head[end]:
            end += 1
        out[k:end] = [end - k] * (end - k)
        k = end
    return out


def _no_column_fn(ev: Evidence, p: dict):
    """``_no_column_line(ev, i, j, p)`` as a function of (i, j), with what
    it asks of each line worked out once (``_links`` asks it of every line
    and the few lines below it)."""
    frags = ev.frags
    tol = p.get("period_full_tolerance", 1.5)
    # as the line above: ends mid-sentence, unspaced; as the line below: unspaced, no Latin word
    above = [mid and not f.spaced for f, mid in zip(frags, ev.end_mid)]
    below = [not f.spaced and not _WORD.search(f.flat) for f in frags]
    # the line above's measure: its narrowest width when it holds Latin words (None
    # for a line that is no column line), else its width when it is full or a first line
    least: list[float | None] = []
    worded: list[bool] = []
    for f, ok in zip(frags, above):
        word = ok and _WORD.search(f.flat) is not None
        worded.append(word)
        if not ok:
            least.append(None)
        elif word:
            least.append(f.width - _NARROWER * len(_LETTERS.findall(f.flat)))
        else:
            least.append(f.width if _full(f, ev, p) or _first_line(f, ev, p) else None)

    def no_column(i: int, j: int) -> bool:
        if not above[i] or not below[j]:
            return False
        m = least[i]
        if m is None:
            return False
        b = frags[j]
        if worded[i]:
            return b.width < m - 2.0 and not _column_like(b, m, p)
        if b.width > m + 2.0 + tol:
            return True
        return b.width < m and not _column_like(b, m, p)
    return no_column


def measure_blocks(frags: list[Frag], ev: Evidence, p: dict) -> list[tuple[int, int]]:
    """Lines of a block set in order between interleaved columns (a photo
    story's text between the rows of a report): four or more lines in a row
    that fill one measure, which the full lines right before and after them
    (there are some on both sides) miss by more than an indent: two columns
    side by side alternate their lines and never give four lines of another
    measure in a row. Returns (first, last) of each block."""
    tol = p.get("period_full_tolerance", 1.5)
    n = len(frags)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        f = frags[i]
        if f.spaced or not _full(f, ev, p) or _WORD.search(f.flat):
            i += 1
            continue
        j = i
        while j + 1 < n and (frags[j + 1].spaced or abs(frags[j + 1].width - f.width) <= tol):
            j += 1
        if j - i + 1 >= p.get("period_block_lines", 4):
            first = i - 1 if i and abs(frags[i - 1].width - (f.width - 2.0)) <= tol else i
            if j + 1 < n and not ev.end_mid[j + 1] and frags[j + 1].width < f.width - tol:
                j += 1                   # and end with a paragraph's last line
            # (full lines that go on a sentence: a paragraph's last line or a
            # caption's may match a short measure of the page by chance)
            before = [g for k, g in enumerate(frags[max(0, first - 2):first], max(0, first - 2))
                      if not g.spaced and _full(g, ev, p) and ev.end_mid[k]]
            after = [g for k, g in enumerate(frags[j + 1:j + 3], j + 1)
                     if not g.spaced and _full(g, ev, p) and ev.end_mid[k]]
            if before and after and all(abs(g.width - f.width) > 2.0 + tol for g in before + after) \
                    and _reads_down(ev, first, j):
                out.append((first, j))           # (it may open with an indented first line)
        i = j + 1
    return out


def _reads_down(ev: Evidence, a: int, b: int) -> bool:
    """Do the lines a..b read on line by line (a block set in order), not
    every other line (two columns of one measure interleaved row by row):
    the seams to the next line that the evidence likes are no fewer than
    those to the line after it?"""
    here = sum(1 for k in range(a, b) if ev.seam_ij(k, k + 1) > 0)
    skip = sum(1 for k in range(a, b - 1) if ev.seam_ij(k, k + 2) > 0)
    return here >= skip


def _column_like(f: Frag, measure: float, p: dict) -> bool:
    """Could f be a line of a column of this measure: letter-spaced by
    justification, as wide as the measure, or no wider and holding a mark of
    a sentence (a paragraph's last line ends with one)? A headline, a byline
    or a running head holds none: print sets their phrases apart by spaces."""
    tol = p.get("period_full_tolerance", 1.5)
    if f.spaced or abs(f.width - measure) <= tol:
        return True
    return f.width <= measure + tol and _body_line(f)


def _first_end_relief(ev: Evidence, i: int, j: int, p: dict) -> float:
    """What the paragraph shape of the seam i → j (``Evidence.shape``) takes
    off too much where line i is as wide as a paragraph's indented first line
    and ends a sentence and line j is a full line of its measure: a first line
    whose sentence ends at its end goes on in a full line about as often as a
    paragraph's last line is two em short, so the seam weighs
    ``period_first_end_full`` times w_first, not -2 times (-2: no relief)."""
    if not ev.indents or j >= len(ev.frags) or ev.end_mid[i] or ev.measure[i] != ev.measure[j]:
        return 0.0
    a, b = ev._shape[i], ev._shape[j]
    if a is None or b is None or a[0] is None or b[0] is None or a[1] != 1:
        return 0.0
    if not (a[0][0] and b[0][1]):    # i two em short (a first line's width), j full
        return 0.0
    return (2.0 + p.get("period_first_end_full", -2.0)) * ev._w_first


def _opens_column(f: Frag, measure: float, p: dict) -> bool:
    """Could f be in the first row of a column of this measure: a column
    line (``_column_like``) or a paragraph's first line, two em short?"""
    tol = p.get("period_full_tolerance", 1.5)
    if _sub_line(f) or _phrases(f):
        return False
    return _column_like(f, measure, p) or abs(f.width - (measure - 2.0)) <= tol


def _phrases(f: Frag) -> bool:
    """Is f a headline's phrases (藏书约三千册　全天开放): an ideographic space
    between them and no mark of a sentence? A column line runs on unbroken,
    but for a dateline set apart from its text (新华社北京电　城郊的…)."""
    t = f.flat.strip("\u3000")
    return "\u3000" in t and not f.spaced and not _body_line(f) and _DATELINE_SPACE.match(t) is None


# a dateline (agency, place, 电 or 讯) set apart from the text by a space
_DATELINE_SPACE = re.compile("^[^\u3000]{1,20}[电電讯訊]\u3000")


def _sub_line(f: Frag) -> bool:
    """Is f a subheadline (——江北警方破获一起电信网络诈骗案): it opens with a dash
    and holds no mark of a sentence? However wide, it is no column's line."""
    return f.flat[:1] == "\u2014" and not _body_line(f)


def _head_table(frags: list[Frag], top: int, p: dict) -> list[list[bool]]:
    """Is line j, right after a row of d column lines, no column's line of
    theirs (``_column_like`` with the widest line of the two rows above it as
    the measure)? For every line j and d = 0 … top (False for d < 2), the
    widest line above worked out as the rows above grow. Lines with Latin
    words are left alone (their width is a guess)."""
    long = p.get("long_line", 5.0)
    none = float("-inf")                 # no unspaced line above
    widths = [none if g.spaced else g.width for g in frags]
    out = []
    for j, f in enumerate(frags):
        row = [False] * (top + 1)
        out.append(row)
        if _WORD.search(f.flat):
            continue
        widest = none
        lo = j
        last = None
        for d in range(1, top + 1):
            start = max(0, j - 2 * d)
            if start < lo:
                w = max(widths[start:lo])
                if w > widest:
                    widest = w
                lo = start
            if d >= 2 and widest >= long:
                if last is None or last[0] != widest:
                    last = (widest, not _column_like(f, widest, p))
                row[d] = last[1]
    return out


def _viterbi(frags: list[Frag], ev: Evidence, e: list[list[float]], top: int,
             p: dict, opens=None, caption=None, close=()) -> list[int]:
    """The offset of each line's successor (0: none, the last row of a run):
    the best path over offsets. A change of offset (also from and back to
    reading in order at the page's start) costs ``period_switch``, but only
    ``period_break`` from reading in order at a line that opens a report with
    its dateline (the pattern ``opens``) right under a headline-like line
    (``dateline_under_phrase``, and no seam from it that the evidence likes):
    a new module's columns start there, as many as it has,
    after the run above ended and its headline was read. A run of
    offset d may instead end with d lines that have no successor, its last
    row; a new run starts on the next line, at the cost of a switch, or of
    ``period_break`` when that line is no column's line (``_head_table``).
    Around a row of boxes of close lines (``close``, ``_close_rows``: its
    first box, its last, its columns k), a run of k starts at its first box
    and ends after its last at a run's break: the lines above and below it
    are no lines of its columns.

    On a page printed box by box (``boxed_page``), one column of a run of d
    may end before the others: its last line, a paragraph's short last line,
    has no successor and the run goes on with d - 1 columns, at the cost of
    ``period_break`` (``period_full_last`` at a full line that ends a
    sentence, a paragraph that fills its last line; a switch at any other
    line). With
    ``period_short_restart``, such a run remembers that it went on a column
    short: its grid is still d columns, so after its last row a new run of d
    (the next module's columns, under its headline) starts at a run's break,
    as one of d - 1 does; a run of d - 1 that lost no column does not.

    States: (d, 0) a line linked d lines on; (d, r) the r-th line of the last
    row of a run of offset d (d ≥ 2, 1 ≤ r ≤ d); (d, -1) a column of a run of
    d ends on this line (d ≥ 3); (d, r + _DROP) as (d, r), in a run that went
    on a column short."""
    n = len(e)
    switch = p.get("period_switch", 6.0)
    brk = p.get("period_break", 1.5)
    neg = float("-inf")
    boxed = boxed_page(frags)
    # a run that goes on a column short remembers it (r + _DROP) where
    # ``period_short_restart``: its grid is still d + 1 columns
    short = boxed and bool(p.get("period_short_restart", False))
    states = [(d, 0) for d in range(1, top + 1)] + \
        [(d, r) for d in range(2, top + 1) for r in range(1, d + 1)] + \
        ([(d, -1) for d in range(3, top + 1)] if boxed else []) + \
        ([(d, r + _DROP) for d in range(2, top) for r in range(0, d + 1)] if short else [])
    index = {s: k for k, s in enumerate(states)}
    # a column of a run of d ends before the others: its last line (a
    # paragraph's short last line) has no successor and the run goes on with d - 1
    # (a width that only short lines share does not make a line full: ``_text_measures``)
    measures = _text_measures(frags, ev, p) if boxed else []
    # (a column may also end on a full line that ends its paragraph, the
    # paragraph's text filling its last line: ``full_last``, below)
    # (a marker that the article goes on on another page ends its column too:
    # nothing of that column follows it on the page, ``period_jump_ends``)
    jump = p.get("period_jump_ends", False)
    ended = [(ends_unit(f.flat) or jump and _JUMP_ON.match(f.flat) is not None) and not f.spaced
             for f in frags] if boxed else []
    full_last = [e and _fills(f, measures, p) for e, f in zip(ended, frags)]
    last_line = [e and not full for e, full in zip(ended, full_last)]
    # a column's line above a paragraph's last line: full, or a body line
    above = [_full(f, ev, p) or _body_line(f) for f in frags] if boxed else []

    # how many lines the box of each line holds (lines with no blank line
    # between them; a box read as one line counts its lines)
    box_size = [f.lines for f in frags]
    for box in _blocks(frags) if boxed else []:
        for q in box:
            box_size[q] = max(box_size[q], len(box))

    # a column of a run of d may end on line i, a paragraph's last line,
    # under a line of its column's text (d lines up), not under a headline's
    # phrases that a run of d only just took in; and not in a row after a
    # box of three lines or more: the extractor printed that column's lines
    # of the rows below in it, so the rows below lack that column for a
    # while, though no column ended. A short last line costs a run's break;
    # a full one, less telling (a full line ends a sentence inside a
    # paragraph too), ``period_full_last``, between a break and a switch
    w_full_last = p.get("period_full_last", switch)

    def end_cost(i: int, d: int) -> float:
        # what a column of a run of d ending on line i costs
        if (last_line[i] or full_last[i]) and i >= d and above[i - d] and \
                all(box_size[k] <= 2 for k in range(i - d, i)):
            return brk if last_line[i] else w_full_last
        return switch
    body = [k for k, (d, r) in enumerate(states) if r in (0, _DROP)]
    in_order = index[(1, 0)]
    ends = [k for k, (d, r) in enumerate(states) if r in (d, d + _DROP) and d >= 2]
    # the state a line of the last row comes from: the row's line before it, or the run's body
    before = [index[(d, r - 1)] if r > 0 and r != _DROP else k for k, (d, r) in enumerate(states)]

    def emit(i: int, s: tuple[int, int]) -> float:
        return e[i][s[0]] if s[1] in (0, _DROP) else _no_successor(ev, i)
    drops = {d: index[(d, -1)] for d in range(3, top + 1)} if boxed else {}
    # the states by their way in, each kind gone through in a loop of its own
    # (the pass below is the page's lines times its states): (state, state of
    # the line before) where a column ends; (state, d, the drop state into it)
    # of a run's body; (state, d, state before) where the last row begins, and
    # where it goes on
    column_ends = [(k, index[(d, 0)], index.get((d, _DROP))) for k, (d, r) in enumerate(states) if r == -1]
    run_body = [(k, d, None if short else drops.get(d + 1)) for k, (d, r) in enumerate(states) if r == 0]
    # where a run goes on a column short, its body remembers it
    short_body = [(k, drops.get(d + 1)) for k, (d, r) in enumerate(states) if r == _DROP]
    row_starts = [(k, d, before[k]) for k, (d, r) in enumerate(states) if r == 1]
    short_rows = [(k, before[k]) for k, (d, r) in enumerate(states) if r == 1 + _DROP]
    row_goes_on = [(k, before[k]) for k, (d, r) in enumerate(states) if 2 <= r <= d or r > 1 + _DROP]

    # a report's dateline under a phrase that likes no seam into any line below
    # (a column's line goes on somewhere)
    head_above = [False] + [dateline_under_phrase(frags, i, opens) and max(e[i - 1][1:]) <= 0
                            for i in range(1, n)]
    head_like = _head_table(frags, top, p)
    for a, b, k in close:                # the visible breaks around a row of close boxes
        head_above[a] = True
        if b + 1 < n:
            head_like[b + 1] = list(head_like[b + 1])
            head_like[b + 1][k] = True
    for i, cap in enumerate(caption or []):
        if cap:                          # a caption's box is no column's line
            head_like[i] = [False, False] + [True] * (top - 1)
    score = [neg] * len(states)
    for s in states:
        if 0 <= s[1] <= 1:   # a page opens in a run's body or on its last row
            score[index[s]] = emit(0, s) - (0.0 if s == (1, 0) else switch)
    back: list[list[int]] = []
    for i in range(1, n):
        best_body = max(body, key=score.__getitem__)
        best_end = max(ends, key=score.__getitem__) if ends else None
        # a new run after a last row: at a switch's cost, or cheaply before a line
        # that is no column's line when the columns go on (the same period) or
        # the page goes on in order
        heads = head_like[i]
        cheap = [(score[k] - brk, k) for k in ends if score[k] > neg and heads[states[k][0]]]
        restart: dict[int, tuple[float, int]] = {}
        base = [(score[best_end] - switch, best_end)] if best_end is not None else []
        if not cheap:
            got = max(base, default=(neg, 0))
            for d in range(1, top + 1):
                restart[d] = got
        else:
            by_d: dict[int, list] = {}
            for c in cheap:
                d, r = states[c[1]]
                by_d.setdefault(d, []).append(c)
                if r > _DROP:                # a column short: the grid is d + 1 columns
                    by_d.setdefault(d + 1, []).append(c)
            restart[1] = max(base + cheap, default=(neg, 0))
            for d in range(2, top + 1):
                restart[d] = max(base + by_d.get(d, []), default=(neg, 0))
        new = [neg] * len(states)
        bk = [0] * len(states)
        row, none = e[i], _no_successor(ev, i)
        # a new module's columns start right under its headline, read in
        # order after the run above ended: changing the offset from reading
        # in order there costs no more than a run's break
        changed, via = score[best_body] - switch, best_body
        if head_above[i] and score[in_order] - brk > changed:
            changed, via = score[in_order] - brk, in_order
        # of the ways into a state, the first best in this order is taken
        for k, frm, frm2 in column_ends:                     # a column ends here
            if frm2 is not None and score[frm2] > score[frm]:
                frm = frm2
            new[k], bk[k] = score[frm] - end_cost(i, states[k][0]) + none, frm
        for k, d, drop in run_body:
            sc, frm = score[k], k                            # goes on
            if changed > sc:
                sc, frm = changed, via                       # changes offset
            if drop is not None and score[drop] > sc:
                sc, frm = score[drop], drop                  # the run goes on, a column fewer
            if best_end is not None:
                got = restart[d]                             # a new run after a last row
                if got[0] > sc:
                    sc, frm = got
            new[k], bk[k] = sc + row[d], frm
        for k, d, frm in row_starts:                         # the last row begins
            sc = score[frm]
            if best_end is not None:
                got = restart[d]                             # a new run after a last row
                if got[0] > sc:
                    sc, frm = got
            new[k], bk[k] = sc + none, frm
        for k, drop in short_body:                           # a column short
            sc, frm = score[k], k                            # goes on
            if end_cost(i - 1, states[k][0] + 1) < switch and score[drop] > sc:
                sc, frm = score[drop], drop                  # a column ends: the run goes on
            new[k], bk[k] = sc + row[states[k][0]], frm
        for k, frm in short_rows:                            # its last row begins
            new[k], bk[k] = score[frm] + none, frm
        for k, frm in row_goes_on:                           # the last row goes on
            new[k], bk[k] = score[frm] + none, frm
        back.append(bk)
        score = new
    k = max(range(len(states)), key=lambda k: score[k])
    path = [k]
    for bk in reversed(back):
        k = bk[k]
        path.append(k)
    path.reverse()
    return [states[k][0] if states[k][1] in (0, _DROP) else 0 for k in path]


_DROP = 1000   # the mark of a state of a run gone on a column short (``_viterbi``)


def _caption_boxes(frags: list[Frag], credit, p: dict) -> list[bool]:
    """Is line k a line of a caption's box: on a page printed box by box
    (pdfminer.six), a box of ``period_caption_lines`` lines or fewer that
    ends a sentence, right before a whole photo credit line (``credit``,
    L110's shape, naming who took the photo, 摄, who sent it, 发, or 图／; a
    drawing's credit, 漫画：, may stand under an article's last lines with no
    caption)? A photo's caption is set under the photo, its credit right
    after it, and the extractor makes a box of the caption's lines and
    another of the credit, put where the photo stands, after the rows of the
    columns beside it: its lines are no column's lines, however close their
    width comes to the columns' measure, no column goes on in them, and a
    run of columns may end right before them. All False with no pattern, on
    another page or with ``period_caption_lines`` 0."""
    n = len(frags)
    out = [False] * n
    most = int(p.get("period_caption_lines", 0))
    if credit is None or most <= 0 or not boxed_page(frags):
        return out
    for box in _blocks(frags):
        k, end = box[0], box[-1] + 1
        credit_line = frags[end].line.text if end < n else ""
        if end - k <= most and credit.search(credit_line) is not None and \
                _PHOTO.search(credit_line) is not None and ends_unit(frags[end - 1].flat) and \
                credit.search(frags[k].line.text) is None:
            out[k:end] = [True] * (end - k)
    return out


def _full_row(frags: list[Frag], ev: Evidence, s: int, d: int, p: dict,
              measures: list[float] | None = None) -> bool:
    """Are the d lines from s a row of d full column lines: each letter-spaced
    by justification or as wide as a measure of the page? (A short headline
    is as wide as an indented first line: a row with one does not count.)
    With ``measures`` (the measures column lines fill, ``_text_measures``), a
    line with no mark of a sentence must fill one of them: a headline or a
    byline (no mark of a sentence) may be as wide as a short measure of the
    page that headlines, bylines and credits make, but fills no column's."""
    if s + d > len(frags):
        return False
    return all(_full(frags[k], ev, p) and not _sub_line(frags[k]) and
               (measures is None or _body_line(frags[k]) or _fills(frags[k], measures, p))
               for k in range(s, s + d))


def _body_row(frags: list[Frag], s: int, d: int, e: list[list[float]]) -> bool:
    """Do most of the d lines from s read as text: a mark of a sentence in
    it, or a seam into the run the page's evidence likes? A headline stack as
    wide as a narrower column's measure holds neither (a page may set
    articles in several measures)."""
    text = sum(1 for k in range(s, min(s + d, len(frags))) if _body_line(frags[k]) or e[k][d] > 0)
    return 2 * text > d


def _runs(offsets: list[int]) -> list[tuple[int, int, int]]:
    """The runs of interleaved lines: (first, last, offset), each the lines
    linked d lines on and the last row after them (offset 0)."""
    out: list[tuple[int, int, int]] = []
    n = len(offsets)
    i = 0
    while i < n:
        d = offsets[i]
        if d < 2:
            i += 1
            continue
        end = i
        while end + 1 < n and offsets[end + 1] == d:
            end += 1
        tail = end
        while tail + 1 < n and tail - end < d and offsets[tail + 1] == 0:
            tail += 1
        out.append((i, tail, d))
        i = tail + 1
    return out


def _row_begun(frags: list[Frag], offsets: list[int], e: list[list[float]], s: int, d: int,
               last: int, measure: float, p: dict) -> int:
    """O603 period_mid_row: the first line of a run of d columns that the pass
    began inside its first row, the row's first lines read in order before
    it: fewer than d column lines of the measure (``_opens_column``) with a
    mark of a sentence in each (a headline as wide as a narrow measure holds
    none) right under a line that is no column's (a byline, a headline), none of which
    the evidence holds to the line under it or keeps from the run (their
    seams known neither way), open the run. The extractor prints the first
    row of the columns right under their head, whole; a run that starts
    inside it leaves the columns' top lines on the stream of the column
    beside them. Returns the run's first line (s when no such lines)."""
    weak = p.get("period_weak", 0.5)
    k = s
    while k - 1 > last and s - (k - 1) < d and offsets[k - 1] == 1 and \
            _opens_column(frags[k - 1], measure, p) and _body_line(frags[k - 1]) and \
            e[k - 1][1] <= weak and e[k - 1][d] >= -weak:
        k -= 1
    if k == s or k - 1 <= last or k - 1 < 0:
        return s
    above = frags[k - 1]
    if _opens_column(above, measure, p) or _body_line(above):
        return s                     # a column's line above: no row's start
    return k


def _first_text_row(frags: list[Frag], ev: Evidence, i: int, end: int, d: int, p: dict,
                    e: list[list[float]]) -> int:
    """The first row of a run i..end of d columns that holds no row of d
    full lines: its first row of d column lines (``_opens_column``, the
    measure the run's widest full line) that reads as text (``_body_row``),
    or end + 1 when it has none. A run of two or three rows under a
    headline may hold no full row: each row has a paragraph's indented first
    line (a report opening with its dateline) or its short last line in it,
    as the columns of a short report open and close. Without a full line in
    the run, it has no measure: none."""
    full = [frags[k].width for k in range(i, end + 1) if _full(frags[k], ev, p) and not _sub_line(frags[k])]
    if not full:
        return end + 1
    measure = max(full)
    for s in range(i, end - d + 2):
        if all(_opens_column(frags[k], measure, p) for k in range(s, s + d)) and _body_row(frags, s, d, e):
            return s
    return end + 1


def _trim_heads(frags: list[Frag], ev: Evidence, offsets: list[int], p: dict,
                e: list[list[float]], close=()) -> None:
    """A run of k interleaved columns starts at its first row of k full column
    lines, or at the rows of column lines right above it (columns that open
    with a paragraph, or with the end of one: ``_opens_column``): the lines
    above (a running head, a headline stack, a byline set over the columns)
    are no column's lines and keep their order. On a page printed box by
    box, a line with no mark of a sentence in a full row must fill a measure
    of the column lines (``period_text_rows``), and a run with no full row
    starts at its first row of column lines (``period_short_runs``). A run
    of k around a row of k close boxes (``close``, ``_close_rows``) keeps
    the rows from the first box of column lines over that row."""
    last = -1
    weak = p.get("period_weak", 0.5)
    boxed = boxed_page(frags)
    # on a page printed box by box, a full row fills the measures column lines
    # fill: a short headline or a byline may match a short measure of the page
    measures = _text_measures(frags, ev, p) if boxed and p.get("period_text_rows", False) else None
    for i, end, d in _runs(offsets):
        s = i
        while s <= end and not (_full_row(frags, ev, s, d, p, measures) and _body_row(frags, s, d, e)):
            s += 1
        if s > end and boxed and p.get("period_short_runs", False):
            s = _first_text_row(frags, ev, i, end, d, p, e)
        if s <= end:
            measure = max(frags[k].width for k in range(s, s + d))
            while s - d >= i and all(_opens_column(frags[k], measure, p) for k in range(s - d, s)):
                s -= d                   # a row of column lines above the first full row
            # the rows may be cut one line off: a column line right above whose
            # seam into the run the page's own text confirms is the run's too,
            # or a body line (a mark of a sentence: no headline) whose seam into
            # the run it likes no less than the seam to the line under it
            while s - 1 >= i and _opens_column(frags[s - 1], measure, p) and \
                    (e[s - 1][d] > 0 or e[s - 1][d] >= e[s - 1][1] and _body_line(frags[s - 1])):
                s -= 1
            if s == i:
                # the pass may begin a run a row late when the first row's seams
                # are known neither way: a row right above, read in order, of
                # column lines of the measure, none of which the evidence holds
                # to the line under it or keeps from the run, is its first row
                while s - d > last and all(
                        _opens_column(frags[k], measure, p) and offsets[k] == 1 and
                        e[k][1] <= weak and e[k][d] >= -weak for k in range(s - d, s)):
                    s -= d
                if s == i and boxed and p.get("period_mid_row", False):
                    s = _row_begun(frags, offsets, e, s, d, last, measure, p)
            # or a line late, in a run long enough that its period is sure:
            # the first column's first line, a body line (a mark of a
            # sentence) under what is no text (a headline, a byline, a
            # credit), that likes the run's seam no less than the one to
            # the line under it (also above the rows read in order it took)
            if s - 1 > last and offsets[s - 1] == 1 and \
                    end - i + 2 >= p.get("period_sure_rows", 8) * d and \
                    _opens_column(frags[s - 1], measure, p) and _body_line(frags[s - 1]) and \
                    e[s - 1][d] + _first_end_relief(ev, s - 1, s - 1 + d, p) >= e[s - 1][1] - 1e-9 and \
                    (s - 2 <= last or not _body_line(frags[s - 2])):
                s -= 1
        for a, b, k in close:
            if k == d and i <= a < s:
                s = a                    # the column lines over a row of close boxes
        for k in range(i, min(s, end + 1)):
            offsets[k] = 1
        for k in range(s, i):
            offsets[k] = d
        last = end


def lone_lines(frags: list[Frag], ev: Evidence, p: dict, credit) -> list[tuple[int, int]]:
    """Photo credits between column lines (新华社发（李晓峰/摄）): a credit
    is set under its photo, never inside a column's text, so one with a full
    column line right above and right below it sits between the rows of
    interleaved columns, where the extractor put the photo's place in its
    order: the lines around it full and of one measure (a caption's last
    line above it is short). Each is a block of one line (first, last), like
    ``measure_blocks``'. So is a stray piece between such lines: a glyph or
    two and no mark (a paragraph's last line ends with one), which an
    extractor cut off a letter-spaced line (发 of 发 布 期 。) and put out of
    its place; in the rows it would shift every column after it by one. So
    is an opening bracket alone before a line that starts with a letter, a
    digit or a Han character: it ends no printed line (GB/T 15834), so it was
    cut off the start of the line after it.
    ``credit``: the pattern of a whole credit line (L110), or None."""
    tol = p.get("period_full_tolerance", 1.5)
    stray = int(p.get("period_stray", 2))
    out = []
    for k in range(1, len(frags) - 1):
        a, b, f = frags[k - 1], frags[k + 1], frags[k]
        if f.flat in _OPENERS and b.flat and b.flat[0] not in _OPENERS and b.flat[0].isalnum():
            out.append((k, k))       # an opening bracket cut off the line it opens
            continue
        if not f.flat or not _full(a, ev, p):
            continue
        if credit is not None and credit.search(f.line.text) is not None:
            if _full(b, ev, p) and abs(a.width - b.width) <= tol:
                out.append((k, k))
        elif len(f.flat) <= stray and f.flat.isalnum() and not f.spaced and \
                (_full(b, ev, p) and abs(a.width - b.width) <= tol or
                 abs(b.width - (a.width - 2.0)) <= tol and not _phrases(b)):
            out.append((k, k))       # a paragraph's first line may come next
    return out


def period_streams(frags: list[Frag], ev: Evidence, p: dict, credit=None, opens=None, ahead=None,
                   behind=None, dealt=None, pairs=None, singles=None) -> tuple[list[int], list[tuple[int, int, int]], list[tuple[int, int]]]:
    """The stream id of each fragment, the runs of interleaved lines found
    (first fragment, last fragment, columns; none when the page reads in
    order) and the blocks set in order between the rows (first, last). A line
    claimed as successor by two lines goes with the better seam. A block
    (``measure_blocks``, and a credit between column lines: ``lone_lines``
    with the pattern ``credit``) is taken out first, so that the columns
    around it run on across it, and is a stream of its own. ``opens``: the
    pattern of a report's opening dateline (its period may change there), or None.
    On a page printed box by box with a row of boxes of close lines
    (``box_units``), a reading that parts two lines of one box gives way to
    the reading of the boxes, each box one line; on one whose boxes are all
    of one line but one of close lines (``lone_box``), so does any reading
    when, in the reading of the boxes, that box stands in a run for rows of
    its column (``_late_boxes``). ``ahead``: a list to which each column
    printed ahead of the rows (``_ahead_columns``) is added, as (its first
    line, its lines printed ahead), or None. ``behind``: a list to which
    each column's top line printed after the rows (``_behind_tops``) is
    added, as (that line, the column line read on after it), or None.
    ``pairs``: a list to which each column's first line and short last
    line printed together ahead of the rows (``_ahead_pairs``) is added, as
    (first line, last line, the column line read after the first, the
    column's last line in the run), or None.
    ``dealt``: a list to which each stretch between two runs dealt out to
    their columns as read-down chains (``_gap_chains``) is added, as (its
    first line's number, its last line's number, columns), or None.
    ``singles``: a list to which the page's share of lines in runs is added
    where a page printed a line a box was read again at a lower cost of a
    change of period (``_singles_reread``), or None.

    >>> from reflow.order.columns import _frag
    >>> from reflow.model import Line
    >>> text = ["本报讯（记者林川）连日", "据市文化部门介绍，智慧书", "来，江南市多个社区的居民",
    ...         "屋由街道提供场地，图书馆", "在家门口用上了新建的智慧", "统一配送图书，每个书屋藏",
    ...         "书屋。书屋配备自助借还设", "书约三千册，涵盖文学历史", "备和电子阅读屏，全天开放", "和科普读物。"]
    >>> frags = [_frag(t, Line(t, 1, k + 1), k, None, 0) for k, t in enumerate(text)]
    >>> sids, runs, blocks = period_streams(frags, Evidence(frags, {}), {"period_switch": 3.0})
    >>> sids, runs
    ([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], [(0, 9, 2)])
    """
    chose: list[tuple[int, int, int]] = []
    got = _streams(frags, ev, p, credit, opens, chose)
    units = box_units(frags, p)
    other: list[tuple[int, int, int]] = []
    if units is not None and not _keeps(got[0], units):
        got, chose = _by_units(frags, units, ev, p, credit, opens, other), other
    elif units is not None and p.get("period_close_rows", 0.0) > 0:
        # a row of close boxes shows columns side by side that the lines, read
        # in order, did not: the boxes read as lines, its run taken there
        by = _by_units(frags, units, ev, p, credit, opens, other)
        if _more_runs(got[1], by[1]):
            got, chose = by, other
    elif units is None:
        units = lone_box(frags, p)
        if units is not None:
            by = _by_units(frags, units, ev, p, credit, opens, other)
            if by[3]:                    # the box read as rows of its column
                got, chose = by, other
    if p.get("period_singles_switch", 0.0) > 0 and single_boxes(frags, p):
        got, chose = _singles_reread(frags, ev, p, credit, opens, got, chose, singles)
    if dealt is not None:
        dealt.extend(chose)
    if p.get("period_ahead_margin", 0) > 0:
        got = _ahead_columns(frags, ev, p, got, ahead)
    if behind is not None and p.get("period_behind_margin", 0) > 0 and boxed_page(frags):
        behind.extend(_behind_tops(frags, ev, p, got))
    if pairs is not None and p.get("period_pair_margin", 0) > 0 and boxed_page(frags):
        pairs.extend(_ahead_pairs(frags, ev, p, got))
    return got[:3]


def _ahead_pairs(frags: list[Frag], ev: Evidence, p: dict, got) -> list[tuple[int, int, int, int]]:
    """A column's first and last lines printed together ahead of the rows
    (pdfminer.six): where a column's paragraph opens at its top and closes
    short at its foot, the extractor may take the indented first line and
    the short last line for one box and print them one after the other
    before (or as the first row of) the run of interleaved rows. A
    paragraph's indented first line of the run's measure that stops
    mid-sentence, followed by a short line that ends a sentence, printed
    after the run before it and no later than the run's first row, in no
    block set in order, is read on into a full line of the run's first two
    rows that opens its stream (a column with no head), where the two are
    read one after the other and that column's last line read is a full
    line of the measure that stops mid-sentence: the short line goes on
    after that last line. Taken when the seam into the top or the seam onto
    the short line has evidence (``_pair_evidence``: a word of the lexicon
    it breaks or a pair of characters the page holds elsewhere) and the two
    seams gain at least ``period_pair_margin`` over the seam into the short
    line and the last line with no successor (``_pair_gain``). Each first
    line and each top at most once, the best gain first. Returns (first line,
    last line, top, the column's last line in the run)."""
    tol = p.get("period_full_tolerance", 1.5)
    sids, runs = got[0], got[1]
    inside = {x for a, b in got[2] for x in range(a, b + 1)}
    cands = []
    prev = -1
    for i, end, d in runs:
        lo, prev = max(prev + 1, i - 2 * d), end
        if d < 2:
            continue
        rows = range(i, min(end, i + 2 * d - 1) + 1)
        measure = max(frags[x].width for x in rows)
        tops = [t for t in rows if _full(frags[t], ev, p) and abs(frags[t].width - measure) <= tol
                and not any(sids[z] == sids[t] for z in range(t))]      # a column with no head
        for x in range(lo, min(end, i + d)):
            y = x + 1
            fx, fy = frags[x], frags[y]
            if x in inside or y in inside or not ev.end_mid[x] or ev.end_mid[y] or \
                    not _first_line(fx, ev, p) or abs(fx.width + 2.0 - measure) > tol or \
                    _full(fy, ev, p) or fy.width >= fx.width:
                continue             # an indented first line, then a short last line
            if next((z for z in range(x + 1, len(sids)) if sids[z] == sids[x]), None) != y:
                continue             # x is read on into a column's line already
            for t in tops:
                if t <= y or sids[t] in (sids[x], sids[y]):
                    continue
                last = max(z for z in range(t, len(sids)) if sids[z] == sids[t])
                if not _full(frags[last], ev, p) or abs(frags[last].width - measure) > tol:
                    continue             # the column's last line read is no full line of its measure
                gain = _pair_gain(frags, ev, p, x, y, t, last) if ev.end_mid[last] else None
                if gain is None:
                    continue             # no word, no pair of the page's across either seam
                if gain >= p["period_pair_margin"]:
                    cands.append((gain, x, y, t, last))
    out: list[tuple[int, int, int, int]] = []
    for gain, x, y, t, last in sorted(cands, reverse=True):
        if all(x != a and t != c for a, _, c, _ in out):
            out.append((x, y, t, last))
    return out


def _more_runs(old: list[tuple[int, int, int]], new: list[tuple[int, int, int]]) -> bool:
    """Does the reading with runs ``new`` read by their period lines that
    the one with runs ``old`` reads in order, and none the other way round?"""
    def lines(runs):
        return {x for a, b, _ in runs for x in range(a, b + 1)}
    before, after = lines(old), lines(new)
    return bool(after - before) and not before - after


def _behind_tops(frags: list[Frag], ev: Evidence, p: dict, got) -> list[tuple[int, int]]:
    """Columns' top lines printed after the rows they start (pdfminer.six):
    where the columns of a module snake (a column's last line, a paragraph's
    first line, sits at its foot and the paragraph goes on at the top of the
    next column), the extractor may take those foot lines for boxes of their
    own and print them after the rows, far from the column top they run
    into. A paragraph's indented first line of a run's measure, printed
    after the run and before the next run (the rows printed after that are
    another module's), in no block set in order, that stops mid-sentence,
    is read on into a line of the run's first two rows (a column's top, or
    the line under a top the run took a row early): the column from there
    follows it where it is printed (``resume_at``), when the seam breaks a
    word of the lexicon (``_first_line_word``) and the streams' seams
    (``_streams_score``) gain at least ``period_behind_margin`` by it; each
    line and each top at most once,
    the best gain first. Returns (line, the line read after it)."""
    tol = p.get("period_full_tolerance", 1.5)
    sids, runs = got[0], got[1]
    inside = {x for i, end, _ in runs for x in range(i, end + 1)} | \
        {x for a, b in got[2] for x in range(a, b + 1)}      # a block set in order: no column's
    streams: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        streams.setdefault(sid, []).append(j)
    cands = []
    for i, end, d in runs:
        if d < 2:
            continue
        measure = max(frags[x].width for x in range(i, min(end, i + 2 * d - 1) + 1))
        tops = [t for t in range(i, min(end, i + 2 * d - 1) + 1)
                if _full(frags[t], ev, p) and abs(frags[t].width - measure) <= tol]
        stop = min((a for a, _, _ in runs if a > end), default=len(frags))
        for x in range(end + 1, stop):      # printed before the next run's rows
            f = frags[x]
            if x in inside or not ev.end_mid[x] or not _first_line(f, ev, p) or \
                    abs(f.width + 2.0 - measure) > tol:
                continue             # an indented first line of the run's measure
            for t in tops:
                word = _first_line_word(frags, ev, p, x, t)
                if word is None:
                    continue             # no word of the lexicon's across the seam
                gain = _moved_gain(ev, streams[sids[x]], streams[sids[t]], x, t) + word
                if gain >= p["period_behind_margin"]:
                    cands.append((gain, x, t))
    out: list[tuple[int, int]] = []
    for gain, x, t in sorted(cands, reverse=True):
        if all(x != a and t != b for a, b in out):
            out.append((x, t))
    return out


def _pair_evidence(frags: list[Frag], ev: Evidence, p: dict, a: int, b: int) -> float | None:
    """The evidence across the seam a → b that the two lines read on (a
    word of the lexicon it breaks, ``_first_line_word``, or a pair of
    characters the page holds elsewhere: 0), or None."""
    word = _first_line_word(frags, ev, p, a, b)
    if word is not None:
        return word
    ta, tb = frags[a].flat[-1:], frags[b].flat[:1]
    return 0.0 if ta and tb and ta + tb in ev.grams else None


def _pair_gain(frags: list[Frag], ev: Evidence, p: dict, x: int, y: int, t: int, last: int
               ) -> float | None:
    """How much the seams x → t (a column's top gets the first line it
    goes on from) and last → y (a column's last line that stops mid-sentence
    gets the short line it ends on) gain over x → y and last with no
    successor, each with the evidence across it (``_pair_evidence``); None
    when neither seam has any."""
    into, onto = _pair_evidence(frags, ev, p, x, t), _pair_evidence(frags, ev, p, last, y)
    if into is None and onto is None:
        return None
    return ev.seam_ij(x, t) + (into or 0.0) + ev.seam_ij(last, y) + (onto or 0.0) - \
        ev.seam_ij(x, y) - _no_successor(ev, last)


def _first_line_word(frags: list[Frag], ev: Evidence, p: dict, x: int, t: int) -> float | None:
    """The word of the lexicon that the seam x → t breaks (介 ⏎ 绍, 服务中 ⏎
    心), or None: a column's foot line read into a column's top is taken
    only where it breaks a word, not on a bigram that the page holds
    elsewhere by chance. Returns what the seam's score (``seam_ij``) leaves
    out of that word: a paragraph's indented first line is set full to its
    measure two em short, so it breaks inside a word as a full line does,
    and the lexicon speaks for its seam too (``seam_ij`` asks it only after
    a full line), or 0 where the seam's score holds the word already."""
    ta, tb = frags[x].flat[-1:], frags[t].flat[:1]
    word = ev.lex.get(ta + tb, 0.0) if ta and tb and ev.lex else 0.0
    if word <= 0:
        return None
    if ta + tb in ev.grams or ev.full_column_line(x):
        return 0.0
    return p.get("w_ngram", 1.0) * word


def _moved_gain(ev: Evidence, sx: list[int], st: list[int], x: int, t: int) -> float:
    """How much the seams of streams sx (holding line x) and st (holding
    line t) gain (``_streams_score``) when the lines of st from t on are
    read right after x, in sx (``resume_at``); nothing when x is in st."""
    if sx is st:
        return float("-inf")
    return _streams_score(ev, resume_at([list(sx), list(st)], x, t)) - _streams_score(ev, [sx, st])


def resume_at(streams: list[list[int]], x: int, t: int) -> list[list[int]]:
    """The streams with the lines of the one holding t, from t on, read
    right after line x in its stream: a column's top line printed after the
    rows is where the extractor's order reaches the column it starts
    (``_behind_tops``). Streams left empty are dropped."""
    sx = next(s for s in streams if x in s)
    st = next(s for s in streams if t in s)
    if sx is st:
        return streams               # x is in that column already
    tail = st[st.index(t):]
    del st[st.index(t):]
    at = sx.index(x) + 1
    sx[at:at] = tail
    return [s for s in streams if s]


def _column_top(frags: list[Frag], ev: Evidence, p: dict, a: int) -> bool:
    """Does line a open a module's columns: a full body line (a column's
    line) right under a line that is no full line of its measure (a
    headline, a byline)?"""
    tol = p.get("period_full_tolerance", 1.5)
    return a > 0 and _full(frags[a], ev, p) and _body_line(frags[a]) and \
        not (_full(frags[a - 1], ev, p) and abs(frags[a - 1].width - frags[a].width) <= tol)


def _chain(frags: list[Frag], ev: Evidence, p: dict, a: int, k: int) -> bool:
    """Do the k lines from a chain as one column's lines read down: full
    lines of one measure, not letter-spaced, each stopping mid-sentence
    (its column goes on), the first a body line (a mark of a sentence: no
    headline)?"""
    tol = p.get("period_full_tolerance", 1.5)
    if a + k > len(frags):
        return False
    return _body_line(frags[a]) and all(_full(frags[x], ev, p) and ev.end_mid[x] and
               not frags[x].spaced and abs(frags[x].width - frags[a].width) <= tol
               for x in range(a, a + k))


def _module_end(frags: list[Frag], ev: Evidence, p: dict, c: int, measure: float) -> int:
    """The last line of the columns of this measure from line c: the line
    before the next line with no mark of a sentence that is no full line of
    the measure (a headline, staff lines), or the page's last line."""
    tol = p.get("period_full_tolerance", 1.5)
    e = c
    while e + 1 < len(frags) and (_body_line(frags[e + 1]) or _full(frags[e + 1], ev, p) and
                                  abs(frags[e + 1].width - measure) <= tol):
        e += 1
    return e


def _streams_score(ev: Evidence, streams: list[list[int]]) -> float:
    """The seams of the streams' lines, each stream's last line with no
    successor (``_no_successor``)."""
    return sum(sum(ev.seam_ij(x, y) for x, y in zip(s, s[1:])) + _no_successor(ev, s[-1])
               for s in streams if s)


def _ahead_streams(frags: list[Frag], ev: Evidence, p: dict, a: int, k: int, r: int, d: int,
                   e: int, close: bool) -> list[list[int]]:
    """The column streams of lines a..e when the first column's k top lines
    come first, then r rows of the d columns beside it, then rows of all
    d + 1 columns (``_ahead_columns``), each row left to right. With
    ``close``, a column ends at a line that ends a sentence short of its
    measure (its last line: a module's columns end from the right, the rows
    under it hold the columns left of it)."""
    c = a + k + r * d
    streams = [list(range(a, a + k))] + [list(range(a + k + t, c, d)) for t in range(d)]
    open_ = list(range(d + 1))
    t = 0
    for x in range(c, e + 1):
        col = open_[t % len(open_)]
        streams[col].append(x)
        if close and len(open_) > 1 and not ev.end_mid[x] and not _full(frags[x], ev, p):
            open_.remove(col)
        else:
            t += 1
        if t >= len(open_):
            t = 0
    return streams


def _ahead_columns(frags: list[Frag], ev: Evidence, p: dict, got, ahead=None):
    """A column printed ahead of the interleave (pdfminer.six): the first k
    lines of a module's first column read down one after the other (they
    chain as one column: ``_chain``), then about k rows of the d columns
    beside it interleaved (k; k + 1 where the first column starts a line
    lower, under a continuation line; k - 1), then the rows of all d + 1
    columns to the module's end (``_module_end``). The extractor took the
    first column's top lines for a block of their own where the columns'
    tops did not align. Under each column's top (``_column_top``) the
    reading of that shape whose seams read best (``_ahead_reading``)
    replaces the streams of its lines; each is added to the list ``ahead``
    (first line, k) when one is given."""
    if not boxed_page(frags):
        return got
    sids = list(got[0])
    runs = list(got[1])
    # for each line, the first line from it on that is neither a full column
    # line nor a paragraph's indented first line (len(frags): none)
    n = len(frags)
    not_full = [n] * (n + 1)
    for x in range(n - 1, -1, -1):
        f = frags[x]
        not_full[x] = not_full[x + 1] if _full(f, ev, p) or _first_line(f, ev, p) else x
    a = 0
    while a + 1 < len(frags):
        a += 1
        if not _column_top(frags, ev, p, a):
            continue
        best = _ahead_reading(frags, ev, p, got, a, not_full)
        if best is not None:
            streams, e, d, k = best
            if ahead is not None:
                ahead.append((a, k))
            sid = max(sids) + 1
            for st in streams:
                for x in st:
                    sids[x] = sid
                sid += 1
            runs = [r for r in runs if r[1] < a or r[0] > e] + [(a, e, d + 1)]
            a = e
    return sids, sorted(runs), got[2]


def _ahead_reading(frags: list[Frag], ev: Evidence, p: dict, got, a: int, not_full: list[int]
                   ) -> tuple[list[list[int]], int, int, int] | None:
    """The best reading of a column printed ahead from line a
    (``_ahead_columns``): its streams, its last line, d and k, or None. Only
    where the pass found a run of d or d + 1 columns that starts inside the
    k lines or right under them (the rows there read with one column fewer
    than the module's), the lines of the k rows are full column lines (or a
    paragraph's indented first line), and no block set in order lies among
    the lines; and only when its seams (``_streams_score``) beat those of
    the reading found by ``period_ahead_margin``. Of readings whose seams
    read alike, the one of k rows, and the one that keeps every column to
    the last rows, goes first. ``not_full``: for each line, the first line
    from it on that is neither full nor a first line (``_ahead_columns``)."""
    n = len(frags)
    top = int(p.get("period_max", 6))
    best = None
    for k in range(2, int(p.get("period_ahead_lines", 10)) + 1):
        if not _chain(frags, ev, p, a, k):
            break
        for d, rows, close in itertools.product(range(1, top), (k, k + 1, k - 1), (False, True)):
            c = a + k + rows * d
            if rows < 1 or c + d >= n or not_full[a + k] < c:
                continue
            if not any(a < i <= a + k <= end for i, end, q in got[1] if q in (d, d + 1) and q > 1):
                continue             # no run of the columns found right under the chain's top
            e = _module_end(frags, ev, p, c, frags[a].width)
            if e < c + d or any(x <= e and y >= a for x, y in got[2]):
                continue
            cur: dict[int, list[int]] = {}
            for x in range(a, e + 1):
                cur.setdefault(got[0][x], []).append(x)
            streams = _ahead_streams(frags, ev, p, a, k, rows, d, e, close)
            gain = _streams_score(ev, streams) - _streams_score(ev, list(cur.values()))
            if gain >= p["period_ahead_margin"] and (best is None or gain > best[0] + 1e-9):
                best = (gain, streams, e, d, k)
    return None if best is None else best[1:]


def _streams(frags: list[Frag], ev: Evidence, p: dict, credit, opens, dealt=None
             ) -> tuple[list[int], list[tuple[int, int, int]], list[tuple[int, int]], int]:
    """period_streams line by line, and the boxes read as rows of their column
    (``_late_boxes``). A module of its own measure interleaved with another
    (``_measure_modules``) is taken out and read on its own."""
    modules = _measure_modules(frags, ev, p)
    if modules:
        inside = {k for m in modules for k in m}
        keep = [k for k in range(len(frags)) if k not in inside]
        parts = []
        for idx in [keep] + [sorted(m) for m in modules]:
            if not idx:
                continue
            sub = [frags[k] for k in idx]
            sub_ev = Evidence(sub, p, words=bool(ev.lex), grams=ev.grams)
            if idx is keep:
                parts.append((idx, _streams(sub, sub_ev, p, credit, opens, dealt)))
            else:                        # one module's lines: its columns, no block of another measure
                s2, r2, l2 = _period(sub, sub_ev, p, opens, credit, dealt)
                parts.append((idx, (s2, r2, [], l2)))
        sids = [-1] * len(frags)
        runs: list[tuple[int, int, int]] = []
        blocks: list[tuple[int, int]] = []
        base = 0
        late = 0
        for idx, (s2, r2, b2, l2) in parts:
            for k, sid in zip(idx, s2):
                sids[k] = base + sid
            base += max(s2, default=-1) + 1
            runs += [(idx[a], idx[b], d) for a, b, d in r2]
            blocks += [(idx[a], idx[b]) for a, b in b2]
            late += l2
        return sids, sorted(runs), sorted(blocks), late
    blocks = measure_blocks(frags, ev, p)
    taken = {k for a, b in blocks for k in range(a, b + 1)}
    blocks = sorted(blocks + [b for b in lone_lines(frags, ev, p, credit) if b[0] not in taken])
    if not blocks:
        sids, runs, late = _period(frags, ev, p, opens, credit, dealt)
        return sids, runs, blocks, late
    inside = {k for a, b in blocks for k in range(a, b + 1)}
    keep = [k for k in range(len(frags)) if k not in inside]
    sub = [frags[k] for k in keep]
    sub_ev = Evidence(sub, p, words=bool(ev.lex), grams=ev.grams)   # the block's n-grams too
    sub_sids, sub_runs, late = _period(sub, sub_ev, p, opens, credit, dealt) if sub else ([], [], 0)
    sids = [-1] * len(frags)
    for k, sid in zip(keep, sub_sids):
        sids[k] = sid
    sid = max(sub_sids, default=-1) + 1
    for a, b in blocks:                  # each block read in order, a stream of its own
        for k in range(a, b + 1):
            sids[k] = sid
        sid += 1
    return sids, [(keep[a], keep[b], d) for a, b, d in sub_runs], blocks, late


def _measure_modules(frags: list[Frag], ev: Evidence, p: dict) -> list[set[int]]:
    """The lines of a module set in a measure of its own that pdfminer.six
    interleaved with the lines of another module beside it: on a page printed
    box by box, in a stretch of body lines (a mark of a sentence in each, or
    full), two measures ``period_split_measures`` em or more apart, each with
    ``period_split_lines`` full lines or more, whose lines change from one
    measure to the other ``period_split_switches`` times or more. The
    extractor groups boxes by their nearness, not by module, so the rows of
    two modules side by side come mixed, now a row of one, now lines of the
    other; but a column's lines keep their order, so each module's lines,
    read apart, are its columns interleaved as on a page of one module. A
    full line goes with its measure; a line between (a paragraph's short
    last line, a line with Latin words whose width is a guess) with the
    module whose last line before it stops mid-sentence,
    the better seam (``seam_ij``) if both do, else the nearer. Returns the
    lines of each module (none: no such stretch)."""
    apart_em = p.get("period_split_measures", 0.0)
    if apart_em <= 0 or not boxed_page(frags):
        return []
    least = int(p.get("period_split_lines", 6))
    n = len(frags)
    # the measures that column lines fill (``_text_measures``)
    modes = sorted(_text_measures(frags, ev, p), reverse=True)

    def measure(k: int) -> float | None:
        f = frags[k]
        if f.spaced or _WORD.search(f.flat) or not ev.end_mid[k]:
            return None
        # a full line (a mark hung past the measure), or a paragraph's first
        # line two em short, when no other measure is as near
        widths = (f.width, f.width - 1.0) if f.flat[-1:] in _HANG else (f.width,)
        fits = {m for m in modes for w in widths if abs(w - m) <= 0.5 or abs(w + 2.0 - m) <= 0.5}
        return fits.pop() if len(fits) == 1 else None

    ms = [measure(k) for k in range(n)]
    body = [_body_line(f) or m is not None for f, m in zip(frags, ms)]
    out: list[set[int]] = []
    k = 0
    while k < n:
        if not _body_line(frags[k]):
            k += 1                       # (a stretch opens with a body line, not a headline)
            continue
        end = k
        while end + 1 < n and body[end + 1]:
            end += 1
        while end > k and not _body_line(frags[end]):
            end -= 1
        span = range(k, end + 1)
        counts: dict[float, int] = {}
        for x in span:
            if ms[x] is not None:
                counts[ms[x]] = counts.get(ms[x], 0) + 1
        big = sorted((m for m, c in counts.items() if c >= least), key=lambda m: -counts[m])
        pair = next(((a, b) for a, b in itertools.combinations(big, 2) if abs(a - b) >= apart_em), None)
        if pair is not None:
            cls: dict[int, float] = {}
            last: dict[float, int] = {}
            for x in span:
                m = ms[x] if ms[x] in pair else None
                if m is None:
                    cands = [(ev.end_mid[last[c]], ev.seam_ij(last[c], x), last[c], c) for c in pair if c in last]
                    if not cands:
                        continue
                    m = max(cands)[3]
                cls[x] = m
                last[m] = x
            seq = [cls[x] for x in span if x in cls]
            switches = sum(1 for a, b in zip(seq, seq[1:]) if a != b)
            if switches >= p.get("period_split_switches", 6):
                for m in pair:
                    out.append({x for x, c in cls.items() if c == m})
        k = end + 1
    return out


def _period(frags: list[Frag], ev: Evidence, p: dict, opens=None, credit=None, dealt=None
            ) -> tuple[list[int], list[tuple[int, int, int]], int]:
    """period_streams on lines that hold no block set in order, and the
    boxes read as rows of their column (``_late_boxes``). ``credit``: the
    pattern of a whole credit line (L110), or None."""
    n = len(frags)
    top = max(1, min(int(p.get("period_max", 6)), n - 1))
    caption = _caption_boxes(frags, credit, p)
    e = _links(frags, ev, top, p, caption, opens)
    close = _close_rows(frags, ev, p, e)
    w_close = p.get("period_close_rows", 0.0)
    for a, b, k in close:                # the columns a row of close boxes shows go on
        for x in range(a, b - k + 1):
            e[x][k] += w_close
    offsets = _viterbi(frags, ev, e, top, p, opens, caption, close) if n > 1 else [1] * n
    _trim_heads(frags, ev, offsets, p, e, close)
    if p.get("period_joins_margin", 0) > 0:
        _rejoin_runs(frags, ev, e, offsets, top, p, opens)
    if p.get("period_cut_first_lines", False):
        _cut_before_first_lines(frags, ev, offsets, p)
    alone = _lone_column(frags, ev, e, offsets, p) if p.get("period_lone_margin", 0) > 0 and boxed_page(frags) else {}
    runs = _runs(offsets)
    late = _late_boxes(frags, ev, e, offsets, runs)
    chains = {} if late else _gap_chains(frags, ev, e, offsets, runs, p, opens, dealt)
    chains = {**chains, **{x: t for x, t in alone.items() if x not in chains and t not in chains.values()}}
    if not late and p.get("period_carry_margin", 0) > 0 and boxed_page(frags):
        carried = _carry_runs(frags, ev, e, offsets, runs, p, set(chains) | set(chains.values()))
        if carried:
            chains = {**chains, **carried}
            runs = _runs(offsets)
    pred: dict[int, int] = {b: a for a, b in late.items()}
    pred.update({b: a for a, b in chains.items()})
    pred_fixed = set(pred)
    for i, d in enumerate(offsets):
        j = i + d
        if i in late or i in chains:
            continue
        if d and j < n and j not in late.values() and j not in pred_fixed and (j not in pred or e[i][d] > e[pred[j]][j - pred[j]]):
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
    return sids, runs, len(late)


def _columns_score(ev: Evidence, e: list[list[float]], s: int, t: int, k: int) -> tuple[float, float]:
    """The seams of lines s … t read as k columns interleaved line by line:
    each line's link k lines on, and each column's last line joined to the
    next column's first (the last column's: no successor); and the best
    seam of those joins."""
    score, join = 0.0, float("-inf")
    for x in range(s, t + 1):
        if x + k <= t:
            score += e[x][k]
            continue
        c = (x - s) % k
        if c < k - 1 and s + c + 1 <= t:
            seam = ev.seam_ij(x, s + c + 1)
            join = max(join, seam)
            score += seam
        else:
            score += _no_successor(ev, x)
    return score, join


def _rejoin_runs(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int], top: int,
                 p: dict, opens=None) -> None:
    """A run's period read again with the seams where its columns join: k
    columns interleaved put each column's last line in the run's last row
    and the next column's first line in its first row, and a column stops
    anywhere, mid-word as often as not (上半|年), so those k - 1 joins tell
    the period as much as the links inside the columns do. Where no link
    inside the columns has evidence (a short module of narrow columns, its
    seams unknown bigrams), the pass may keep the period of the run above
    it. A run whose first row is a module's (its first line, or its second
    line under a head the run took in, read in order, opens a report with
    its dateline: ``dateline_under_phrase``) is read as k columns for every
    k up to ``top`` that gives it two rows or more, and the best reading
    replaces the run's where it beats it by ``period_joins_margin`` and one
    of its joins is a seam the evidence likes. Offsets are rewritten in
    place."""
    margin = p.get("period_joins_margin", 0.0)
    for i, t, d in _runs(offsets):
        base = _columns_score(ev, e, i, t, d)[0]
        best, got = base + margin, None
        for s in (i, i + 1):
            if not dateline_under_phrase(frags, s, opens):
                continue                 # not the first row of a module's columns
            lead = e[i][1] if s > i else 0.0
            for k in range(2, top + 1):
                if (s, k) == (i, d) or t - s + 1 < 2 * k:
                    continue
                sc, join = _columns_score(ev, e, s, t, k)
                sc += lead
                if sc > best and join > 0:       # a join the evidence likes
                    best, got = sc, (s, k)
        if got is None:
            continue
        s, k = got
        if s > i:
            offsets[i] = 1
        for x in range(s, t + 1):
            offsets[x] = k if x + k <= t else 0


def _lone_column(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int], p: dict
                 ) -> dict[int, int]:
    """The runs whose columns stop at a row but one, that column going on
    alone, read down (``period_lone_margin``): a photo set under the other
    columns of a module. pdfminer.six prints the rows of the columns side by
    side, then, where the photo stands, its caption's and credit's boxes
    among the lone column's lines, read down. Taken only on evidence: in
    that row one line stops mid-sentence and the others end a sentence (the
    columns that stop by the photo end there); a line of the next row that
    continues it (a seam the page's evidence likes) starts the lone lines,
    and the lines before it, between the row and it, all end a sentence (a
    caption: no column line cut off); the lone lines that stop mid-sentence
    are full column lines or a paragraph's indented first line; and reading
    that line on into them, and them in order, beats the run's reading of
    the same lines by the margin. Changes ``offsets`` (the row and the lines
    after it read in order or on no successor) and returns the link of the
    going-on line into the lone lines."""
    margin = p.get("period_lone_margin", 0.0)
    n = len(frags)
    out: dict[int, int] = {}

    def score(succ: dict[int, int], lines: range) -> float:
        return sum(e[k][succ[k] - k] if k in succ else _no_successor(ev, k) for k in lines)

    for a, end, d in _runs(offsets):
        best = None
        for s in range(a, end - 2 * d + 2, d):
            row = range(s, s + d)
            if any(offsets[k] != d for k in row):
                break
            mid = [k for k in row if ev.end_mid[k]]
            if len(mid) != 1:
                continue
            x = mid[0]
            for t in range(s + d, min(s + 2 * d, end + 1)):
                if t - x > len(e[x]) - 1 or e[x][t - x] <= 0:
                    continue
                if any(ev.end_mid[k] for k in range(s + d, t)):
                    break
                lone = range(t, end + 1)
                if any(ev.end_mid[k] and not (_full(frags[k], ev, p) or _first_line(frags[k], ev, p))
                       for k in lone[:-1]):
                    continue
                lines = range(s, end + 1)
                old = score({k: k + offsets[k] for k in lines if offsets[k] and k + offsets[k] <= end}, lines)
                succ = {x: t, **{k: k + 1 for k in lone[:-1]}}
                gain = score(succ, lines) - old
                if gain > margin and (best is None or gain > best[0]):
                    best = (gain, s, x, t)
        if best is None:
            continue
        _, s, x, t = best
        for k in range(s, end + 1):
            offsets[k] = 1 if t <= k < end else 0
        out[x] = t
    return out


def _close_rows(frags: list[Frag], ev: Evidence, p: dict, e: list[list[float]]
                ) -> list[tuple[int, int, int]]:
    """The runs of columns that a row of boxes of close lines shows, on a
    page read box by box (each box one line, ``_by_units``): k ≥ 2 boxes
    side by side, a blank line after each (not a box parted where its
    lines' widths change), of as many lines each (two or more), of one
    measure (boxes
    of two rows may follow one another: of the periods up to their number,
    the one whose seams in the run the evidence likes best, ``e``).
    pdfminer.six makes one box of a column's lines that stand close: two
    such boxes one after the other are no one column's lines (it would have
    made one box of them) but the lines of k columns in one row, so the page
    interleaves k columns there. The run keeps its k columns up and down
    from the row for as long as its boxes are lines of columns of that
    measure (``_column_like``, or a paragraph's indented first line two em
    short), up to a visible break: a line that is none (a headline, a
    byline, staff lines, a subheadline), or one wider than the measure.
    Above the row, a line alone must hold a mark of a sentence (a headline
    may be as wide as a column), and a row of k lines is the columns' when
    none or all of them are phrases set apart by an ideographic space
    (``_column_row``: the entries of a list that open the columns side by
    side; one line of phrases is a headline's).
    Returns (first box, last box, k) for each; none with
    ``period_close_rows`` 0, or on a page of lines (no box of several)."""
    out: list[tuple[int, int, int]] = []
    if p.get("period_close_rows", 0.0) <= 0 or not boxed_page(frags):
        return out
    tol = p.get("period_full_tolerance", 1.5)
    n = len(frags)
    top = len(e[0]) - 1 if e else 0

    def column_line(f: Frag, measure: float, row: bool = False) -> bool:
        # a headline's phrases only in a row of k such lines (entries of a
        # list side by side, each column's first line), never alone
        return not _sub_line(f) and not _WORD.search(f.flat) and (row or not _phrases(f)) and \
            (_column_like(f, measure, p) or abs(f.width - (measure - 2.0)) <= tol)

    i = 0
    while i < n:
        j = i
        while j + 1 < n and frags[i].lines >= 2 and frags[j + 1].lines == frags[i].lines and \
                frags[j + 1].blank != frags[j].blank and \
                not frags[j + 1].spaced and abs(frags[j + 1].width - frags[i].width) <= tol:
            j += 1
        if j == i or frags[i].spaced:
            i = j + 1
            continue
        measure = max(frags[x].width for x in range(i, j + 1))
        best = None
        # boxes of close lines of two rows may follow one another (each row's
        # columns paired, or some): of the periods the boxes allow, the one
        # whose seams the page's evidence likes best, the row of them all on a tie
        for k in range(min(j - i + 1, top), 1, -1):
            a, b = i, j
            while a - k >= 0 and _column_row(frags[a - k:a], column_line, measure):
                a -= k                   # a row of k column lines above
            while a > 0 and column_line(frags[a - 1], measure) and _body_line(frags[a - 1]):
                a -= 1                   # a column line above (no headline as wide as a column)
            while b + 1 < n and column_line(frags[b + 1], measure):
                b += 1
            links = range(a, b - k + 1)
            sc = sum(e[x][k] for x in links) / max(1, len(links))
            if best is None or sc > best[0]:
                best = (sc, a, b, k)
        if best is None:
            i = j + 1
            continue
        _, a, b, k = best
        if not out or a > out[-1][1]:
            out.append((a, b, k))
        i = j + 1
    return out


def _column_row(row: list[Frag], column_line, measure: float) -> bool:
    """Is a row of k lines above the boxes of close lines a row of their
    columns: each a column line of the measure (``column_line``), none of
    them phrases set apart by an ideographic space (``_phrases``), or all
    of them (the entries of a list, one opening each column: a headline
    over the columns is one line, not k alike)?"""
    phrases = sum(1 for f in row if _phrases(f))
    return phrases in (0, len(row)) and all(column_line(f, measure, True) for f in row)


def _cut_before_first_lines(frags: list[Frag], ev: Evidence, offsets: list[int], p: dict) -> None:
    """A full column line that stops mid-sentence, read in order (offset 1)
    into a paragraph's indented first line of its measure (a body line two em
    short of it): a paragraph does not start inside a sentence, so the line
    after it is no line of its column. The extractor printed the columns read
    down one after the other there (a column's foot, then the next column's):
    the link is cut (offset 0), and the line goes on in the stream that
    continues it (``order_streams``). On a page printed box by box only, and
    between two boxes: the lines of one box are one column's, in order."""
    if not boxed_page(frags):
        return
    tol = p.get("period_full_tolerance", 1.5)
    for i in range(len(frags) - 1):
        f, g = frags[i], frags[i + 1]
        if offsets[i] != 1 or g.blank == f.blank or not ev.end_mid[i]:
            continue                     # no seam read in order between two boxes mid-sentence
        if f.spaced or g.spaced or _WORD.search(f.flat) or _WORD.search(g.flat):
            continue                     # (a width with Latin words or letter-spacing is a guess)
        if _body_line(f) and _body_line(g) and _full(f, ev, p) and not _full(g, ev, p) and \
                abs(g.width + 2.0 - f.width) <= tol:
            offsets[i] = 0


def _late_boxes(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int],
                runs: list[tuple[int, int, int]]) -> dict[int, int]:
    """A box of a column's k close lines among boxes of one line, inside a
    run of d columns, stands in one row for k rows of its column: the column
    has no line of its own in the k - 1 rows above it (the box printed in the
    place of its last row) or in the k - 1 rows below it (in the place of its
    first), which interleave d - 1 columns, and its line before or after them
    is d + (k - 1)(d - 1) lines from the box. Of the two readings that fit in
    the run, the one whose seams read better is taken (not where the run's
    own seam from that line reads better than the long one): the offsets of
    those rows are set so. Returns {a column's line: its next line, the long
    links}."""
    out: dict[int, int] = {}
    n = len(frags)
    top = len(e[0]) - 1 if e else 0

    def link(x: int, y: int) -> float:
        if y >= n:
            return _no_successor(ev, x)
        return e[x][y - x] if y - x <= top else ev.seam(x, frags[x], frags[y], y)

    boxes = [b for b, f in enumerate(frags) if f.lines > 1]
    if len(boxes) != 1:
        return out                       # none, or several (``lone_box``)
    b = boxes[0]
    k = frags[b].lines
    for i, end, d in runs:
        if not i <= b <= end:
            continue
        span = d + (k - 1) * (d - 1)
        best = None
        for a, c in ((b - span, b), (b, b + span)):
            if a < i or c > end or any(offsets[x] != d for x in range(a, c)):
                continue                 # that reading leaves the run
            if link(a, c) < e[a][d]:
                continue                 # the run's own seam from the line reads better
            zone = range(a + 1, c - d + 1)
            sc = link(a, c) + sum(link(x, x + d - 1) for x in zone)
            if best is None or sc > best[0]:
                best = (sc, a, c, zone)
        if best is not None:
            _, a, c, zone = best
            for x in zone:
                offsets[x] = d - 1
            offsets[a] = 0
            out[a] = c
    return out


def _linkers(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int],
             back: float | None = None):
    """The two scores the read-down passes weigh (``_gap_chains``,
    ``_carry_runs``): ``link(x, y)``, line x going on in line y (the seam
    table ``e`` where it reaches, else ``ev.seam``; past the page's last
    line, x going on in none; a line before x scores ``back`` where given),
    and ``current(x)``, the link the offsets give x now."""
    n = len(frags)
    top = len(e[0]) - 1 if e else 0

    def link(x: int, y: int) -> float:
        if y >= n:
            return _no_successor(ev, x)
        if back is not None and y <= x:
            return back
        return e[x][y - x] if 0 < y - x <= top else ev.seam(x, frags[x], frags[y], y)

    def current(x: int) -> float:
        d = offsets[x]
        return _no_successor(ev, x) if d == 0 or x + d >= n else link(x, x + d)

    return link, current


def _gap_chains(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int],
                runs: list[tuple[int, int, int]], p: dict, opens=None, dealt=None) -> dict[int, int]:
    """Between two runs of the same k columns, pdfminer.six may print the
    lines of a stretch column by column, not row by row: a line in one
    column that is not as tall as the others' (a crosshead, a short line
    before it with its space) moves the boxes of that column off the rows of
    the others, so for a few rows the extractor reads each column's lines
    down, one after the other, and the rows interleave again below. A
    stretch of up to ``period_chains_lines`` lines, from a row of the run
    above (each line of that row its column's last) to a row of the run
    below (each line its column's first, in the same order), is dealt out
    to the k columns as read-down chains: every line goes to one column, in
    the order printed, and the cuts are where the seams (the page's
    n-grams, the words of Chinese, a line that stops mid-sentence) read
    best. The chains are taken where their seams beat the reading of the
    runs on those lines by ``period_chains_margin`` or more; of such
    stretches, the one whose gain less ``period_chains_line`` per line dealt
    is best (the shortest that explains the seams). No stretch reaches
    across a line wider than the run's measure (a headline over the columns)
    or a report's opening (``opens``): a new module's columns do not go on
    from the run above. ``dealt``: a list to which each stretch taken is
    added (its first and last lines' numbers, k), or None. Returns {a line:
    its next line} for the links the chains set (empty when none)."""
    m_max = int(p.get("period_chains_lines", 0))
    margin = p.get("period_chains_margin", 4.0)
    per_line = p.get("period_chains_line", 0.3)
    tol = p.get("period_full_tolerance", 1.5)
    out: dict[int, int] = {}
    if m_max <= 0:
        return out
    link, current = _linkers(frags, ev, e, offsets, back=-1e9)

    for (i1, t1, k), (i2, t2, k2) in zip(runs, runs[1:]):
        if k != k2 or k > 4 or i2 - t1 - 1 > m_max:
            continue
        widths = sorted(f.width for f in frags[i1:t1 + 1])
        wide = widths[len(widths) // 2] + tol    # the run's measure: its lines' median width
        best = None
        for a in range(i1 + k, t1 + 2):
            if (a - i1) % k or i2 - a > m_max:
                continue
            for c in range(i2, t2 - k + 2):
                if (c - i2) % k:
                    continue
                m = c - a
                if m > m_max:
                    break
                if m < 1:
                    continue
                if any(frags[x].width > wide or opens is not None and opens.match(frags[x].flat)
                       for x in range(a - k, c + k)):
                    break                # a headline across the columns, a report's opening: a new module
                got = _deal(a, c, k, link)
                if got is None:
                    continue
                sc, chains = got
                cur = sum(current(x) for x in range(a - k, c))
                gain = sc - cur
                if gain >= margin and (best is None or gain - per_line * m > best[0]):
                    best = (gain - per_line * m, chains, a, c)
        if best is not None:
            if dealt is not None:
                dealt.append((frags[best[2]].line.lineno, frags[best[3] - 1].line.lineno, k))
            for chain in best[1]:
                for x, y in zip(chain, chain[1:]):
                    out[x] = y
    for x in out:
        offsets[x] = 0
    return out


def _carry_runs(frags: list[Frag], ev: Evidence, e: list[list[float]], offsets: list[int],
                runs: list[tuple[int, int, int]], p: dict, taken: set[int]) -> dict[int, int]:
    """A run of k columns whose columns go on, after lines printed between
    (another module's headline and the top of one of its columns, read down),
    as the first k columns of the next run of d ≥ k columns: pdfminer.six
    groups the boxes beside a module's head apart from the rows under it, so
    it prints the rows of the k columns down to that head's level, then the
    head and the lines beside it, then the rows of all d columns side by side.
    Each column of the run above ends mid-sentence (its last line, followed
    along the run) and its next line is the line of its place in the first
    row that continues it: the k lines from some line s of the run below, no
    more than a row into it (the lines of that run before s are read in order,
    a block beside the head: the run took them into its rows). Taken where
    the seams of those links (and of the lines before s read in order) beat
    the reading found by ``period_carry_margin`` or more; the best s. Lines
    of the dealt chains (``taken``) are left alone. Returns {a column's last
    line: its next line} for the links set; the offsets are set to match."""
    margin = p.get("period_carry_margin", 0.0)
    out: dict[int, int] = {}
    link, current = _linkers(frags, ev, e, offsets)

    for (i1, t1, k), (i2, t2, d) in zip(runs, runs[1:]):
        if d < k or k < 2:
            continue
        tails = []
        for c in range(k):
            x = i1 + c
            while x + k <= t1 and offsets[x] == k:
                x += k
            if offsets[x] == k and x + k < i2:
                x += k                   # the last row, read on in order after the run
            tails.append(x)
        if len(set(tails)) < k or any(not ev.end_mid[x] or x in taken for x in tails) or \
                max(tails) >= i2 or tails != sorted(tails):
            continue
        best = None
        for s in range(i2 + 1, min(i2 + d, t2 - k + 2)):
            heads = list(range(s, s + k))
            if any(offsets[y] != d or y in taken for y in heads) or \
                    any(x in taken or offsets[x] != d for x in range(i2, s)):
                continue
            gain = sum(link(x, y) - current(x) for x, y in zip(tails, heads))
            # the lines of the run before s, read in order, the last with no successor
            gain += sum(link(x, x + 1) - current(x) for x in range(i2, s - 1))
            gain += _no_successor(ev, s - 1) - current(s - 1)
            if gain >= margin and (best is None or gain > best[0]):
                best = (gain, s, heads)
        if best is not None:
            _, s, heads = best
            for x in range(i2, s - 1):
                offsets[x] = 1
            offsets[s - 1] = 0
            for x, y in zip(tails, heads):
                out[x] = y
                offsets[x] = 0
    return out


_DEAL_BEAM = 1000


def _deal(a: int, c: int, k: int, link) -> tuple[float, list[list[int]]] | None:
    """The best dealing of lines a … c-1 to k read-down chains, each from
    its line of the row a-k … a-1 to its line of the row c … c+k-1, and its
    score: the sum of the chains' seams. States are the chains' last lines
    (at most k times the lines squared for three columns; the best
    ``_DEAL_BEAM`` of them are kept)."""
    start = tuple(range(a - k, a))
    states: dict[tuple[int, ...], tuple[float, tuple]] = {start: (0.0, ())}
    for x in range(a, c):
        nxt: dict[tuple[int, ...], tuple[float, tuple]] = {}
        for st, (sc, back) in states.items():
            for col in range(k):
                s2 = sc + link(st[col], x)
                key = st[:col] + (x,) + st[col + 1:]
                if key not in nxt or s2 > nxt[key][0]:
                    nxt[key] = (s2, (back, col))
        if len(nxt) > _DEAL_BEAM:        # four columns over a long stretch: the best states
            nxt = dict(sorted(nxt.items(), key=lambda kv: -kv[1][0])[:_DEAL_BEAM])
        states = nxt
    best = None
    for st, (sc, back) in states.items():
        s2 = sc + sum(link(st[col], c + col) for col in range(k))
        if best is None or s2 > best[0]:
            best = (s2, back)
    if best is None:
        return None
    cols = []
    back = best[1]
    while back:
        back, col = back
        cols.append(col)
    cols.reverse()
    chains = [[a - k + col] for col in range(k)]
    for x, col in zip(range(a, c), cols):
        chains[col].append(x)
    for col in range(k):
        chains[col].append(c + col)
    return best[0], chains


def boxed_page(frags: list[Frag]) -> bool:
    """Was the page printed box by box: no merged lines cut apart (a cut at
    ideographic spaces only parts no merged lines: ``_cut_at_space``), and a
    blank line between most of its lines (pdfminer.six's boxes of one or two
    lines)?"""
    n = len(frags)
    if n < 2 or any(f.piece and _cut_at_space(f) for f in frags):
        return False
    apart = sum(1 for a, b in zip(frags, frags[1:]) if b.blank != a.blank)
    return 2 * apart >= n - 1


def _cut_at_space(f: Frag) -> bool:
    """Was piece f cut from its line where a Latin space stands before it (an
    extractor joins the lines of two columns it merged with one)? A cut at
    ideographic spaces only (U+3000) parts phrases the typesetter set apart
    on one printed line (a headline's or a subheadline's), not lines an
    extractor merged: such a page may still be printed box by box."""
    text = f.line.text[:f.start]
    return " " in text[len(text.rstrip(" \u3000")):]


def box_units(frags: list[Frag], p: dict) -> list[list[int]] | None:
    """The boxes of a page that an extractor printed box by box, a blank line
    after each (pdfminer.six makes a box of each column line where the lines
    stand apart, and of several where they stand close): the lines of one box,
    no blank line between them, are lines of one column in the order printed,
    so the columns interleave box by box, not line by line. Lines go in one
    box only when they are of one measure (``_one_column``: not a headline
    over a column's line). None when most lines are not apart (no boxes to
    read: a page read line by line), when merged lines were cut apart (an
    extractor that merges lines prints blocks, not boxes), or when no row of
    boxes of close lines shows (two neighbouring boxes of as many lines, two
    or more: the boxes then tell nothing the lines do not)."""
    units = _boxes(frags, p)
    # a row where the lines of every column stood close: boxes of as many lines side by side
    if units is None or not any(len(u) == len(v) >= 2 for u, v in zip(units, units[1:])):
        return None
    return _split_boxes(frags, units, p)


def _boxes(frags: list[Frag], p: dict) -> list[list[int]] | None:
    """The boxes of a page printed box by box (``box_units``), as printed;
    None on a page that is not."""
    if not boxed_page(frags):
        return None
    units = [[0]]
    for k in range(1, len(frags)):
        a, b = frags[k - 1], frags[k]
        if b.blank == a.blank and b.row != a.row and _one_column(a, b, p):
            units[-1].append(k)
        else:
            units.append([k])
    return units


def lone_box(frags: list[Frag], p: dict) -> list[list[int]] | None:
    """The boxes of a page printed box by box whose boxes are all of one line
    but one, of a column's close lines (``_one_column``): pdfminer.six makes a
    box of each column line where the lines stand apart, so such a box stands
    for rows of its column (``_late_boxes``). None on any other page (no box
    of close lines, or several: rows of them, or an extractor's blocks)."""
    units = _boxes(frags, p)
    if units is None or sum(1 for u in units if len(u) > 1) != 1:
        return None
    return units


def _split_boxes(frags: list[Frag], units: list[list[int]], p: dict) -> list[list[int]]:
    """Two boxes of one line that are one column's two close lines: a
    paragraph's last line (shorter, a sentence's end) and the next one's
    indented first line (two em short of the measure, its glyphs counted:
    justification may letter-space it) between boxes of two
    lines on both sides, in a row of them: the extractor split the column's
    box there, as neither edge of the two lines is aligned."""
    tol = p.get("period_full_tolerance", 1.5)
    out: list[list[int]] = []
    k = 0
    while k < len(units):
        u = units[k]
        if len(u) == 1 and 0 < k and k + 2 < len(units) and len(units[k + 1]) == 1 and \
                len(units[k - 1]) == len(units[k + 2]) == 2:
            a, b = frags[u[0]], frags[units[k + 1][0]]
            measure = max(frags[j].width for j in units[k - 1] + units[k + 2])
            if ends_unit(a.flat) and a.width < measure - tol and not a.spaced and \
                    abs(b.width - (measure - 2.0)) <= tol:
                out.append(u + units[k + 1])
                k += 2
                continue
        out.append(u)
        k += 1
    return out


def _one_column(a: Frag, b: Frag, p: dict) -> bool:
    """Can b be the line under a in one column: both of one measure, or a a
    paragraph's first line two em short of b, or b a paragraph's last line
    (shorter, a sentence's end)? A letter-spaced line's width is a guess
    short of its measure, within an indent."""
    tol = p.get("period_full_tolerance", 1.5)
    if a.spaced or b.spaced:
        return abs(a.width - b.width) <= 2.0 + tol
    if abs(a.width - b.width) <= tol or abs(a.width + 2.0 - b.width) <= tol:
        return True
    return b.width < a.width and ends_unit(b.flat)


def _keeps(sids: list[int], units: list[list[int]]) -> bool:
    """Does a reading keep each box's lines in one stream?"""
    return all(sids[k] == sids[u[0]] for u in units for k in u[1:])


def _unit(frags: list[Frag], unit: list[int]) -> Frag:
    """A box's lines as one line: the first line's start, the last line's
    end, the widest unspaced line's measure."""
    if len(unit) == 1:
        return frags[unit[0]]
    lines = [frags[k] for k in unit]
    plain = [f for f in lines if not f.spaced]
    widest = max(plain or lines, key=lambda f: f.width)
    return dataclasses.replace(lines[0], text=widest.text, width=widest.width,
                               spaced=widest.spaced, flat="".join(f.flat for f in lines),
                               lines=len(lines))


def _by_units(frags: list[Frag], units: list[list[int]], ev: Evidence, p: dict, credit, opens, dealt=None
              ) -> tuple[list[int], list[tuple[int, int, int]], list[tuple[int, int]], int]:
    """``_streams`` over a page's boxes, each read as one line, its answer
    given back line by line."""
    boxes = [_unit(frags, u) for u in units]
    box_ev = Evidence(boxes, p, words=bool(ev.lex), grams=ev.grams)
    sids, runs, blocks, late = _streams(boxes, box_ev, p, credit, opens, dealt)
    line_sids = [sids[k] for k, u in enumerate(units) for _ in u]
    return (line_sids, [(units[a][0], units[b][-1], d) for a, b, d in runs],
            [(units[a][0], units[b][-1]) for a, b in blocks], late)


def single_boxes(frags: list[Frag], p: dict) -> bool:
    """Was the page printed box by box with (nearly) every line a box of its
    own: ``period_singles_share`` of its boxes or more of one line? pdfminer.six
    makes a box of each line where the lines of a column stand apart (wide
    leading); its boxes then show nothing of the columns, so a run of lines
    printed one after another is no evidence that they are one column's."""
    share = p.get("period_singles_share", 0.9)
    units = _boxes(frags, p)
    return units is not None and sum(1 for u in units if len(u) == 1) >= share * len(units)


def _stream_hits(frags: list[Frag], ev: Evidence, sids: list[int], p: dict) -> int:
    """The links inside a reading's streams whose seams the evidence likes:
    between two long lines (``long_line``), the upper stopping mid-sentence,
    the seam (``Evidence.seam_ij``: the document's own n-grams, the bigrams
    of Chinese words, a mark that may not start a line) positive."""
    long = p.get("long_line", 5.0)
    last: dict[int, int] = {}
    hits = 0
    for k, sid in enumerate(sids):
        i = last.get(sid)
        if i is not None and ev.end_mid[i] and frags[i].width >= long and frags[k].width >= long \
                and ev.seam_ij(i, k) > 0:
            hits += 1
        last[sid] = k
    return hits


def _singles_reread(frags: list[Frag], ev: Evidence, p: dict, credit, opens, got, chose, singles=None):
    """O603 period_singles_switch: a page printed a line a box (``single_boxes``)
    that the period pass read mostly in order (its runs hold less than
    ``period_singles_cover`` of the lines) is read again with a change of
    period costing ``period_singles_switch``, not ``period_switch``. Lines in
    the order given show no column there, and the seams of rows of columns
    that end inside no word (a mark, a word's end at the line's end) say
    little either way, so a short run of rows pays more for its two
    switches than its few seams earn. The new reading is taken when its runs
    hold more lines, every line of the first reading's runs among them (the
    runs found at the full cost stand), and its streams hold
    ``period_singles_gain`` more links
    whose seams the evidence likes (``_stream_hits``) than the first
    reading's, and ``period_singles_ratio`` times as many (as ``stage._damaged``
    asks of a new order): a column printed a line a box and read in order holds many
    such links, which a few rows read across it by chance do not outweigh.
    Returns the reading taken and its stretches dealt out
    (``period_streams``' ``got`` and ``dealt``); ``singles`` (a list, or
    None) gets the share of lines the new runs hold when it is taken."""
    n = len(frags)
    cover = sum(b - a + 1 for a, b, _ in got[1])
    if cover >= p.get("period_singles_cover", 0.6) * n:
        return got, chose
    other: list[tuple[int, int, int]] = []
    alt = _streams(frags, ev, {**p, "period_switch": p["period_singles_switch"]}, credit, opens, other)
    more = sum(b - a + 1 for a, b, _ in alt[1])
    held = {k for a, b, _ in alt[1] for k in range(a, b + 1)}
    if more <= cover or any(k not in held for a, b, _ in got[1] for k in range(a, b + 1)):
        return got, chose                # (the first reading's runs stand: the second may only add to them)
    old, new = _stream_hits(frags, ev, got[0], p), _stream_hits(frags, ev, alt[0], p)
    if new - old < p.get("period_singles_gain", 2) or new < p.get("period_singles_ratio", 1.5) * old:
        return got, chose
    if singles is not None:
        singles.append(more / n)
    return alt, other
