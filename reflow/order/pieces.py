"""Column pieces printed apart read on into each other (O608).

Default pdftotext prints the rows where several columns stand side by side
(beside an editor's note, a photo, the foot of another column) as blocks of
one line each, one column's line after the other's, and the rest of each
column elsewhere, as blocks of its own in no fixed order. The period model
(O603) reads such rows back into one stream per column, and O604 puts whole
streams in order; but a stream of the period model holds pieces of a column
printed apart, and O604 links only whole streams. This pass cuts the reading
into units, the pieces printed together (a run's column, a block printed
whole), and reads each unit whose last line stops mid-sentence at a full
column line on into the one unit whose first line continues the sentence,
best seams first: the column's lines come back together wherever pdftotext
printed its pieces.
"""
from __future__ import annotations

from .blocks import _BREAKS, _blocks, _open_end
from .columns import _NO_START, Frag
from .decoder import Evidence, _body_line


def printed_in_blocks(frags: list[Frag], lines: int = 4) -> bool:
    """Was the page printed in blocks of a column's lines (default pdftotext),
    not in pdfminer.six's boxes of one to three lines? A block of ``lines``
    printed lines or more says so; a block counts its printed lines, not its
    pieces, so a box line cut at Latin word spaces still counts once."""
    return any(len({id(frags[j].line) for j in b}) >= lines for b in _blocks(frags))


def units_of(frags: list[Frag], ordered: list[list[int]], runs: list[tuple[int, int, int]]) -> list[list[int]]:
    """The units of a reading (streams in order): each stream cut between two
    of its lines that were printed apart (not next to each other, or a blank
    line between), unless both stand in runs of interleaved lines with only
    interleaved lines between them (a column goes on from one run into the
    run right after it)."""
    in_run = set()
    for a, b, _ in runs:
        in_run.update(range(a, b + 1))
    out: list[list[int]] = []
    for st in ordered:
        cur = [st[0]]
        for x, y in zip(st, st[1:]):
            interleaved = all(i in in_run for i in range(min(x, y), max(x, y) + 1))
            if interleaved or (y == x + 1 and frags[y].blank == frags[x].blank):
                cur.append(y)
            else:
                out.append(cur)
                cur = [y]
        out.append(cur)
    return out


def _first_line_end(ev: Evidence, t: int) -> bool:
    """Is line t a paragraph's first line (short of its measure by the indent
    plain text loses, within ``short_tolerance``) that stops mid-sentence
    where a word may break, right under a line of its block that ends a
    sentence or is a crosshead (no mark of a sentence, shorter still)?"""
    f = ev.frags[t]
    m = ev.measure[t]
    if t == 0 or m is None or f.spaced or not ev.end_mid[t] or not _BREAKS.search(f.flat):
        return False
    short = m - 2.0 - ev.p.get("short_tolerance", 1.5)    # narrower than an indented first line
    if ev.full_column_line(t) or f.width < short:
        return False
    above = ev.frags[t - 1]
    if above.blank != f.blank:
        return False
    return not ev.end_mid[t - 1] or not _body_line(above) and above.width < short


def linked_units(frags: list[Frag], units: list[list[int]], ev: Evidence, p: dict,
                 links: list[tuple[int, int, float | None]] | None = None) -> list[list[int]]:
    """The units in reading order: a unit whose last line stops mid-sentence
    at a full column line (or a paragraph's first line, short by its indent:
    ``blocks._open_end``) goes on in the unit whose first line continues it —
    a body line or a full column line (no headline, no byline; none right
    above a report's dateline), no paragraph's indented first line of a
    unit of the same measure — when their seam (O603's evidence with the
    words of Chinese) scores ``min_seam`` or more; the best seams are taken
    first, each unit goes on in one unit and from one, and no ring forms.
    Units that nothing continues keep their order, each followed by the units
    that continue it. ``links``: a list to which each link is added, as (the
    line it goes on from, the line it goes on in, the seam's score, None
    for the one pair left, ``_forced``)."""
    tol = p.get("measure_tolerance", 2.0)
    head_tol = p.get("head_tolerance", 1.5)
    min_seam = p.get("min_seam", 1.0)
    width = [max((frags[j].width for j in u if not frags[j].spaced), default=0.0) for u in units]
    pairs = []
    opens: list[int] = []
    for a, ua in enumerate(units):
        t = ua[-1]
        first = _first_line_end(ev, t)
        if not (frags[t].spaced and ev.end_mid[t] or first or _open_end(ev, t)):
            continue
        opens.append(a)
        for b, ub in enumerate(units):
            if a == b:
                continue
            h = ub[0]
            head = frags[h]
            if len(ub) > 1 and abs(width[a] - width[b]) > tol:
                continue                 # the columns of one article share a measure
            if len(ub) > 1 and head.flat[:1] not in _NO_START and not head.spaced and \
                    head.width < width[b] - head_tol:
                continue                 # an indented or short first line starts a paragraph
            if not _body_line(head) and not (head.spaced or ev.full_column_line(h)):
                continue                 # a headline, a byline goes on from no column
            if ev.opens is not None and any(ev.opens.match(frags[j].flat) for j in ub[1:3]):
                continue                 # a report's headline, over its dateline
            sc = ev.seam_ij(t, h)
            if first and frags[t].flat[-1:] and head.flat[:1]:
                # a paragraph's first line, short by its indent, breaks inside words as a full line does
                sc = max(sc, sc + ev.lex.get(frags[t].flat[-1] + head.flat[0], 0.0))
            if sc >= min_seam:
                pairs.append((sc, a, b))
    pairs.sort(key=lambda x: -x[0])
    nxt: dict[int, int] = {}
    has_prev: set[int] = set()
    for sc, a, b in pairs:
        if a in nxt or b in has_prev:
            continue
        c = b
        while c in nxt:
            c = nxt[c]
        if c == a:
            continue                     # no ring
        nxt[a] = b
        has_prev.add(b)
        if links is not None:
            links.append((units[a][-1], units[b][0], sc))
    if p.get("forced", True):
        _forced(frags, units, ev, p, width, opens, nxt, has_prev, links)
    order: list[int] = []
    for k in range(len(units)):
        if k in has_prev:
            continue
        c = k
        order.append(c)
        while c in nxt:
            c = nxt[c]
            order.append(c)
    return [units[i] for i in order]


def _forced(frags: list[Frag], units: list[list[int]], ev: Evidence, p: dict, width: list[float],
            opens: list[int], nxt: dict[int, int], has_prev: set[int],
            links: list[tuple[int, int, float | None]] | None) -> None:
    """When, after the links by the seams, exactly one pair is left of a unit
    that stops mid-sentence and goes on in none and a unit that opens with a
    full line of the same measure mid-sentence (no paragraph's first line, no
    headline) that none goes on in, neither a ring, the one goes on in the
    other: each column's piece goes on somewhere, whatever its seam says."""
    tol = p.get("measure_tolerance", 2.0)
    full_tol = p.get("full_tolerance", 0.75)
    starts = []
    for b, ub in enumerate(units):
        h = ub[0]
        f = frags[h]
        if b in has_prev or ev.measure[h] is None or not ev.end_mid[ub[-1]] and len(ub) == 1:
            continue
        if f.spaced or f.flat[:1] in _NO_START or \
                abs(f.width - ev.measure[h]) <= full_tol and ev.full_column_line(h) and _body_line(f):
            starts.append(b)
    cands = []
    for a in opens:
        if a in nxt:
            continue
        for b in starts:
            if a == b or abs(width[a] - width[b]) > tol:
                continue
            c = b
            while c in nxt:
                c = nxt[c]
            if c == a:
                continue
            cands.append((a, b))
    if len(cands) != 1:
        return
    a, b = cands[0]
    nxt[a] = b
    has_prev.add(b)
    if links is not None:
        links.append((units[a][-1], units[b][0], None))
