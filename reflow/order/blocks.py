"""Blocks of lines put back in order (O606).

An extractor that reads a page box by box (default ``pdftotext``, pdfminer)
prints each block of a column in order inside and sets blocks apart by a blank
line, but may print the blocks themselves out of order: the second half of a
column before its first, the top of the next column before the foot of this
one. Such a page reads on line after line (``stage._reads_on``, or the period
model finds no interleaving) and is left to this pass: a block whose last line
is a full column line (or a paragraph's first line) that stops mid-word goes
on in the one block whose first line completes the word — a word of Chinese
across the seam whose halves make no word with their other neighbours
(``hanlex.breaks_inside_word``: 以|及, 处|理), a hyphenated Latin word
(Uni-|on) or a mark that may not start a line — when the block printed after
it does not go on with it and the block printed above that one stops
mid-sentence without going on into it — or, on a page with first-line
indents, the moved block opens with a full line (no paragraph's first line)
and is not just one block away; either way with no word of any grade (单|极)
across the seams as printed. On such a page a block whose full last line
stops at a mark inside a sentence (，、；：) goes on in the one block of its
measure that opens with a full line no block leads into, taking along the
paragraphs printed after it (``_clause_cands``, ``_carry``). Blocks that nothing continues keep
their order; each is followed by the blocks that continue it. A page with a
blank line between most lines has no boxes to move (pdfminer's noise).
"""
from __future__ import annotations

from typing import Callable

import regex

from ..hanlex import breaks_inside_word
from .columns import _HYPHEN_END, _LATIN_START, _NO_START, Frag
from .decoder import Evidence

_INDENT = 2.0     # em: a paragraph's first-line indent
# a line's end where a word may break: a Han character, a letter or digit, a hyphen
_BREAKS = regex.compile(r"[\p{Han}A-Za-z0-9\-]$")


def _blocks(frags: list[Frag]) -> list[list[int]]:
    """Runs of lines with no blank line between them (``Frag.blank`` counts
    the blank lines above a row)."""
    out: list[list[int]] = []
    for j, f in enumerate(frags):
        if out and f.blank == frags[j - 1].blank:
            out[-1].append(j)
        else:
            out.append([j])
    return out


def _open_end(ev: Evidence, t: int) -> bool:
    """Does fragment t end a column's block mid-sentence: full to a column
    measure of the page (a short line without a mark is a headline's or a
    label's), or wider than all of them (Latin words stretch a line)?"""
    f = ev.frags[t]
    if not ev.end_mid[t] or not _BREAKS.search(f.flat):
        return False
    m = ev.measure[t]
    if m is None:
        return bool(ev.modes) and f.width > max(ev.modes)
    if ev.full_column_line(t):
        return True
    # a paragraph's first line, short by its indent (which plain text loses)
    return t > 0 and not ev.end_mid[t - 1] and ev.frags[t - 1].blank == f.blank and \
        f.width >= m - _INDENT - ev.p.get("short_tolerance", 1.5)


def _no_paragraph_start(ev: Evidence, h: int) -> bool:
    """On a page with first-line indents, is line h, a block's first, a full
    column line (no paragraph's indented first line), so that it opens no
    paragraph and goes on from the block it continues, whatever the block
    above it ends with?"""
    f = ev.frags[h]
    return ev.indents and not f.spaced and ev.full_column_line(h) and \
        ev.measure[h] is not None and abs(f.width - ev.measure[h]) <= ev.p.get("full_tolerance", 0.75)


_CLAUSE_END = frozenset("，、；：,;:")   # marks inside a sentence: no paragraph ends with one


def _column_measure(ev: Evidence, t: int) -> float | None:
    """The column measure line t fills: its own (``Evidence.measure``), or
    the widest of the page when t is wider than all (Latin words, digits
    and quotes stretch a line), else None."""
    m = ev.measure[t]
    if m is None and ev.modes and ev.frags[t].width > max(ev.modes):
        return max(ev.modes)
    return m


def _full_to(ev: Evidence, h: int, t: int) -> bool:
    """Is line h full to the measure of line t (``_column_measure``), no
    paragraph's indented first line? Where that is the page's widest, taken
    for a line wider than all, h is within ``wide_tolerance`` of t's width."""
    f, m = ev.frags[h], _column_measure(ev, t)
    if f.spaced or m is None or _column_measure(ev, h) != m:
        return False
    if ev.measure[h] is None or ev.measure[t] is None:
        return abs(f.width - ev.frags[t].width) <= ev.p.get("wide_tolerance", 1.5)
    return f.width > m - ev.p.get("full_tolerance", 0.75)


def _clause_cands(ev: Evidence, blocks: list[list[int]]) -> dict[int, list[int]]:
    """On a page with first-line indents, the blocks that may go on a block
    whose full last line stops at a mark inside a sentence (，、；：): no
    word breaks there, but the sentence goes on in the first line of another
    block of its column, a full line of its measure (no paragraph's first
    line) that the block printed above it does not lead into (that one ends
    a sentence, or no column line of that measure). Keyed by such blocks
    (not the last), each with its candidates (neither itself nor the next)."""
    if not ev.indents:
        return {}
    out: dict[int, list[int]] = {}
    for k, b in enumerate(blocks[:-1]):
        t = b[-1]
        m = _column_measure(ev, t)
        if ev.frags[t].flat[-1:] not in _CLAUSE_END or not ev.end_mid[t] or m is None or \
                not _full_to(ev, t, t) or m < ev.p.get("lexicon_min_share", 0.6) * max(ev.modes) or \
                _full_to(ev, blocks[k + 1][0], t):
            continue             # (the block printed after it may go on with it: it stays)
        out[k] = [c for c in range(len(blocks))
                  if c not in (k, k + 1) and _full_to(ev, blocks[c][0], t)
                  and not (c and ev.end_mid[blocks[c - 1][-1]] and _full_to(ev, blocks[c - 1][-1], t))]
    return out


def _carry(ev: Evidence, blocks: list[list[int]], links: dict[int, int], moved: list[int]) -> None:
    """A block moved after the block it continues takes along the blocks of
    its column printed right after it: each that opens a paragraph with an
    indented first line of the measure right after a block that ends one (a
    column's paragraphs in the order printed), up to a block that is no such
    paragraph (a headline, another measure). ``moved``: the blocks moved
    after a block that stops at a mark inside a sentence (``_clause_cands``)."""
    tol = ev.p.get("full_tolerance", 0.75)
    targets = set(links.values())
    for c in sorted(moved):
        k, m = c, _column_measure(ev, blocks[c][0])
        while m is not None and k + 1 < len(blocks) and k not in links and \
                k + 1 not in targets and k + 1 not in links:
            t, h = blocks[k][-1], blocks[k + 1][0]
            f = ev.frags[h]
            if ev.end_mid[t] or f.spaced or abs(f.width - (m - 2.0)) > tol or \
                    not any(_column_measure(ev, x) == m for x in blocks[k + 1][1:]):
                break
            links[k] = k + 1
            targets.add(k + 1)
            k += 1


def _goes_on(a: str, b: str, min_grade: int) -> bool:
    """Does line b go on line a, which stops mid-word: a word of Chinese
    across the seam (a bigram of grade ``min_grade`` or more; the page's own
    bigrams alone join unrelated lines of narrow columns too often), a
    hyphenated Latin word, or a mark that may not start a line?"""
    if not a or not b:
        return False
    if _HYPHEN_END.search(a):
        return _LATIN_START.match(b) is not None
    if b[0] in _NO_START:
        return True
    return breaks_inside_word(a, b, min_grade)


def chained_order(frags: list[Frag], evidence: Callable[[], Evidence], p: dict,
                  movable: Callable[[int], bool] | None = None,
                  blocks: list[list[int]] | None = None) -> list[int] | None:
    """The fragments' order with blocks moved after the block they continue,
    or None when no block moves. ``evidence`` makes the page's seam evidence,
    asked for only when some block's end goes on in another block's start.
    ``movable``: which blocks (by their first fragment) may move; all when None.
    ``blocks``: the page's blocks in order (``head_columns``), when not as printed."""
    if blocks is None:
        blocks = _blocks(frags)
    if len(blocks) < 3 or 2 * len(blocks) > len(frags):
        return None      # blank lines between most lines are no boxes' bounds (pdfminer's noise)
    heads = [b[0] for b in blocks]
    min_grade = int(p.get("min_grade", 2))
    starts = [frags[h].flat for h in heads]
    # for each block that ends where a word may break, the blocks (other than
    # itself and the next) whose first line goes on with its last
    cands = {k: [c for c, s in enumerate(starts) if c not in (k, k + 1) and _goes_on(a, s, min_grade)]
             for k, b in enumerate(blocks) for a in [frags[b[-1]].flat] if _BREAKS.search(a)}
    # (not among OCR's cut columns, ``movable``: a cut piece's width tells no measure surely)
    clause = p.get("clause_ends", False) and movable is None and \
        any(frags[b[-1]].flat[-1:] in _CLAUSE_END for b in blocks[:-1])
    if not any(cands.values()) and not clause:
        return None
    ev = evidence()
    by_clause = _clause_cands(ev, blocks) if clause else {}
    cands.update(by_clause)
    claims: dict[int, list[int]] = {}
    for k, cs in cands.items():
        t = blocks[k][-1]
        if len(cs) != 1 or not (_open_end(ev, t) or k in by_clause) or \
                k + 1 < len(blocks) and (ev.seam_ij(t, heads[k + 1]) >= 0 or
                                         _goes_on(frags[t].flat, starts[k + 1], 1)):
            continue                 # not one block, no more, goes on with it; it ends no column
            #                          line mid-word; or the next block may go on with it (its
            #                          seam evidence, or a word of any grade across that seam)
        claims.setdefault(cs[0], []).append(k)
    links: dict[int, int] = {}
    for c, ks in claims.items():
        # two blocks end where this one goes on: neither is sure; and a block is
        # out of place only when the block above it stops mid-sentence at a
        # column's full line that it does not go on (a block after a sentence's
        # end may well be where it belongs) — or, on a page with first-line
        # indents, it opens with a full line, no paragraph's first line (but
        # one block away it stays: a headline or caption stands between the
        # two halves of a column as printed)
        if movable is not None and not movable(heads[c]) or \
                c > 0 and _goes_on(frags[blocks[c - 1][-1]].flat, starts[c], 1):
            continue                 # (the block printed above it may complete a word into it
            #                          too: a word of any grade, 单|极, is doubt enough to stay)
        if len(ks) == 1 and c > 0 and (_open_end(ev, blocks[c - 1][-1]) and
                                       ev.seam_ij(blocks[c - 1][-1], heads[c]) < 0 or
                                       ks[0] != c - 2 and _no_paragraph_start(ev, heads[c])):
            links[ks[0]] = c
        elif len(ks) == 1 and c == 0 and ks[0] in by_clause:
            links[ks[0]] = c         # the page's first block: no block above leads into it
    if not links:
        return None
    if by_clause:
        _carry(ev, blocks, links, [c for k, c in links.items() if k in by_clause])
    targets = set(links.values())
    order: list[int] = []
    seen: set[int] = set()

    def follow(k: int) -> None:
        while k is not None and k not in seen:
            seen.add(k)
            order.append(k)
            k = links.get(k)
    for k in range(len(blocks)):
        if k not in targets:
            follow(k)
    for k in range(len(blocks)):     # a ring of links (no block before it) is read where it starts
        follow(k)
    seq = [j for k in order for j in blocks[k]]
    return None if seq == list(range(len(frags))) else seq


def head_columns(frags: list[Frag], evidence: Callable[[], Evidence], p: dict) -> list[list[int]] | None:
    """The page's blocks, in order, when a block opens with rows of merged column
    lines (cut by O601) and goes on in one column: with narrow gutters
    default pdftotext merges the top rows of side-by-side columns into one
    block, prints the rest of the leftmost column under them, and the rest
    of each other column in a block of its own after it, left to right; a
    row of merged lines right after those blocks is the columns' foot. Piece
    i of each head row is column i's line (a row with fewer pieces, or a
    single line between cut rows, gives its lines to the columns that have
    the fewest so far, left to right: a column's first line, indented, may
    stand a little lower); column i goes on in the i-th block after, when its
    last line stops mid-sentence at a full column line and that block opens
    with a full line: each column is one block. None when no block is so."""
    min_rows = int(p.get("head_rows", 0))
    if min_rows <= 0:
        return None
    blocks = _blocks(frags)
    pieces: dict[int, int] = {}
    for f in frags:
        pieces[f.row] = max(pieces.get(f.row, 0), f.piece + 1)
    ev = None
    for k, block in enumerate(blocks):
        rows: list[int] = []
        for j in block:
            if frags[j].row not in rows:
                rows.append(frags[j].row)
        # the head: rows cut into pieces, single lines only between two of them
        head = 0
        while head < len(rows) and (pieces[rows[head]] > 1 or
                                    head + 1 < len(rows) and head > 0 and pieces[rows[head + 1]] > 1):
            head += 1
        cut = [r for r in rows[:head] if pieces[r] > 1]
        if len(cut) < min_rows or head == len(rows):
            continue
        width = max(pieces[r] for r in cut)
        if k + width > len(blocks):
            continue
        streams: list[list[int]] = [[] for _ in range(width)]
        head_rows = set(rows[:head])
        for r in rows[:head]:
            members = [j for j in block if frags[j].row == r]
            if len(members) == width:
                slots = list(range(width))
            else:       # the columns with the fewest lines so far, left to right
                slots = sorted(sorted(range(width), key=lambda s: len(streams[s]))[:len(members)])
            for s, j in zip(slots, members):
                streams[s].append(j)
        streams[0].extend(j for j in block if frags[j].row not in head_rows)
        if ev is None:
            ev = evidence()
        # column i goes on in the i-th block after: its last line stops
        # mid-sentence at a full line, and the block opens with a full line
        if not all(_open_end(ev, streams[i][-1]) and ev.full_column_line(blocks[k + i][0])
                   for i in range(1, width)):
            continue
        for i in range(1, width):
            streams[i].extend(blocks[k + i])
        used = set(range(k, k + width))
        # a row of merged lines right after them: the columns' last lines
        foot = k + width
        if foot < len(blocks):
            fb = blocks[foot]
            if len({frags[j].row for j in fb}) == 1 and 1 < len(fb) <= width:
                for s, j in enumerate(fb):
                    streams[s].append(j)
                used.add(foot)
        return blocks[:k] + streams + [b for m, b in enumerate(blocks) if m > k and m not in used]
    return None
