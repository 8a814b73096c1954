"""The order stage's stream order (O604): column streams put in reading order.

Holds ``order_streams`` (a stream whose last line stops mid-sentence goes on
in the stream whose first line continues it) and ``order_by_position`` (on a
-layout page: columns left to right, then the next row of modules). It does
not find the streams: ``decoder`` does.
"""
from __future__ import annotations

from .columns import _BAND_ROWS, _NO_START, Frag, apart_gaps, module_gutter
from .decoder import Evidence, _body_line
from .period import _column_like, _first_line, _full, _phrases, _sub_line

def order_streams(frags: list[Frag], sids: list[int], ev: Evidence, p: dict,
                  link: bool, modules: list[tuple[int, int]] | None = None) -> list[list[int]]:
    """Column streams in reading order: a stream whose last line stops mid-sentence
    goes on in the stream whose first line continues it; the rest keep the order
    of their first fragment. ``modules``: the (first, last) lines of the
    page's modules of interleaved columns (runs of one module's columns
    back to back), where known: a stream that starts in a module goes on in
    no stream that starts in an earlier one (a module's columns go on in
    the module's own columns, read before the next module)."""
    streams: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        streams.setdefault(sid, []).append(j)
    members = list(streams.values())
    nxt: dict[int, int] = {}
    if link:
        width = [max((frags[j].width for j in m if not frags[j].spaced), default=0.0)
                 for m in members]
        home = [next((k for k, (a, b) in enumerate(modules or []) if a <= m[0] <= b), None)
                for m in members]
        pairs = []
        for a, ma in enumerate(members):
            tail = frags[ma[-1]]
            if not ev.end_mid[ma[-1]] or len(ma) < p.get("min_stream", 2) or \
                    not _column_end(ev, ma[-1]):
                continue                     # a headline, a byline stops no sentence
            for b, mb in enumerate(members):
                if a == b or len(mb) < p.get("min_stream", 2):
                    continue
                head = frags[mb[0]]
                if head.flat[:1] not in _NO_START and not head.spaced and \
                        head.width < width[b] - p.get("head_tolerance", 1.5):
                    continue                 # an indented or short first line starts something
                if abs(width[a] - width[b]) > p.get("measure_tolerance", 2.0):
                    continue                 # columns of one article share a measure
                if home[a] is not None and home[b] is not None and home[b] < home[a]:
                    continue                 # no column goes on back in an earlier module
                if home[a] is not None and home[b] is not None and home[b] > home[a] and \
                        p.get("period_module_ahead", False):
                    continue                 # nor on in a later one: its columns go on in its own
                sc = ev.ngram(tail, head) + (p.get("w_no_start", 2.0) if head.flat[:1] in _NO_START else 0)
                sc -= p.get("w_distance", 0.02) * abs(mb[0] - ma[0])
                if mb[0] < ma[0] and not ev.end_mid[mb[0] - 1 if mb[0] else 0]:
                    sc -= p.get("w_backward", 0.5)
                pairs.append((sc, a, b))
        pairs.sort(key=lambda t: -t[0])
        has_prev: set[int] = set()
        for sc, a, b in pairs:
            if sc < p.get("link_min", -1.0) or a in nxt or b in has_prev:
                continue
            c = b                            # no cycles
            while c in nxt:
                c = nxt[c]
            if c == a:
                continue
            nxt[a] = b
            has_prev.add(b)
    heads = [i for i in range(len(members)) if i not in set(nxt.values())]
    chains = []
    for h in heads:
        chain, c = [h], h
        while c in nxt:
            c = nxt[c]
            chain.append(c)
        chains.append(chain)
    chains.sort(key=lambda ch: min(members[i][0] for i in ch))
    return [members[i] for ch in chains for i in ch]


def late_column(frags: list[Frag], ordered: list[list[int]], ev: Evidence, p: dict,
                runs: list[tuple[int, int, int]], opens=None) -> tuple[list[int], tuple[int, int, int]] | None:
    """A page's first column printed after the columns right of it: an
    extractor that prints box by box (pdfminer.six) may put a column that
    starts lower (under a photo, beside the headline) after the others, read
    whole, outside the rows it interleaves. On a page with first-line indents
    the first full line of the first run of columns (or of the row above where
    the run was found to begin), when it is right under a line that is no
    column's (a byline, a headline's phrases or a subheadline, however wide:
    neither is that first line), is no paragraph's first line: it goes on
    from a column's last line. That
    column is read in order, outside the runs: in its stream, lines of the
    measure that open with a paragraph's first line (a mark of a sentence,
    two em short of the measure) or a report's dateline (``opens``) under a
    line that is no column's (a credit, a crosshead) or nothing, up to the
    first full line of the measure that stops mid-sentence and that no column
    line goes on from (a headline, a staff line, a paragraph's indented first
    line or nothing follows it). It is read right before the line it goes on
    in. One such column on the page only (of several, the one that opens
    with a report's dateline: the lead column opens the report); else None.
    Returns the lines in the
    new order and (the column's first line, its last, the line it goes on in)."""
    seq = [j for stream in ordered for j in stream]
    if not ev.indents or not runs:
        return None
    tol = p.get("period_full_tolerance", 1.5)
    # the first column line: the first full line (no headline's phrases, no subheadline) of
    # the first run of columns, or of the row above where it was found to begin
    top = runs[0][0] - runs[0][2]
    head_k = next((k for k, j in enumerate(seq) if j >= top and not frags[j].spaced and
                   _full(frags[j], ev, p) and ev.full_column_line(j) and not _phrases(frags[j]) and
                   not _sub_line(frags[j])), None)
    if not head_k:
        return None
    h = seq[head_k]
    hf, before = frags[h], frags[seq[head_k - 1]]
    if hf.spaced or _body_line(before) or before.spaced or \
            abs(before.width - hf.width) <= tol and not _phrases(before) and not _sub_line(before):
        return None                      # (a headline's phrases, a subheadline may be as wide as the measure)
    found = []
    done = 0
    for stream in ordered:
        done += len(stream)
        if done <= head_k or h in stream:
            continue
        for k, t in enumerate(stream):
            f = frags[t]
            if not ev.end_mid[t] or f.spaced or abs(f.width - hf.width) > tol:
                continue
            nxt = frags[stream[k + 1]] if k + 1 < len(stream) else None
            if nxt is not None and (nxt.spaced or _column_like(nxt, hf.width, p)) and \
                    not (_first_line(nxt, ev, p) and not _full(nxt, ev, p)):
                continue                 # a column line goes on from it (no paragraph's first line)
            a = k
            while a > 0 and _column_like(frags[stream[a - 1]], hf.width, p):
                a -= 1
            g = frags[stream[a]]
            if a > 0 and (_body_line(frags[stream[a - 1]]) or frags[stream[a - 1]].spaced):
                continue                 # the line above it in its stream is a column's
            if not (_body_line(g) and not g.spaced and abs(g.width + 2.0 - hf.width) <= tol) and \
                    not (opens is not None and opens.match(g.flat)):
                continue                 # no paragraph's first line, no report's dateline opens it
            block = stream[a:k + 1]
            if len(block) < 2 or block != list(range(block[0], block[-1] + 1)) or \
                    any(i <= j <= e for i, e, _ in runs for j in block):
                continue                 # a column the extractor printed whole, outside the runs
            found.append(block)
            break                        # (a column's end: the lines after it are another's)
    if len(found) > 1 and opens is not None:
        # the page's first column opens its report: of several such columns, the
        # one whose first line is the report's dateline
        found = [b for b in found if opens.match(frags[b[0]].flat)]
    if len(found) != 1:
        return None
    block = found[0]
    taken = set(block)
    rest = [j for j in seq if j not in taken]
    at = rest.index(h)
    return rest[:at] + block + rest[at:], (block[0], block[-1], h)


def _column_end(ev: Evidence, t: int) -> bool:
    """Is line t, a stream's last, a column's line that a sentence runs over:
    full to a measure of the page, or letter-spaced by justification? A
    headline or a byline that closes a stream holds no sentence to go on."""
    return ev.frags[t].spaced or ev.full_column_line(t)


def order_by_position(frags: list[Frag], sids: list[int], p: dict,
                      modules: list[tuple[int, int, int]] = ()) -> list[list[int]]:
    """Column streams of a -layout page in reading order, from their position:
    a stream goes before one below it in the same column, and before one right
    of it in the same rows (columns left to right, then the next row of modules).
    ``modules``: bands of rows (first, last, split cell) that hold modules side
    by side (``side_modules``): every stream of the band left of the split goes
    before every stream right of it, its headline, caption and text read
    together before the next module's."""
    streams: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        streams.setdefault(sid, []).append(j)
    members = list(streams.values())
    boxes = []
    for m in members:
        xs = sorted(frags[j].x for j in m if frags[j].x is not None) or [0]
        x0 = xs[len(xs) // 2] if len(xs) > 2 else xs[0]
        width = max(frags[j].width for j in m)
        boxes.append((x0, x0 + p.get("cells_per_em", 1.0) * width, frags[m[0]].row, frags[m[-1]].row))
    n = len(members)
    slack = p.get("x_slack", 2)
    before: list[set[int]] = [set() for _ in range(n)]
    for a in range(n):
        ax0, ax1, ar0, ar1 = boxes[a]
        for b in range(n):
            if a == b:
                continue
            bx0, bx1, br0, br1 = boxes[b]
            overlap_x = min(ax1, bx1) - max(ax0, bx0) > slack
            overlap_r = min(ar1, br1) >= max(ar0, br0)
            if overlap_x and ar1 < br0 or ax1 <= bx0 + slack and overlap_r and ax0 < bx0:
                before[b].add(a)
    if p.get("heads_with_column", False):
        _heads_with_column(members, boxes, before, frags, slack)
    for r0, r1, split in modules:
        inside = [k for k, m in enumerate(members)
                  if all(r0 <= frags[j].row <= r1 and frags[j].x is not None for j in m)]
        left = [k for k in inside if all(_cells(frags[j])[1] <= split for j in members[k])]
        right = [k for k in inside if all(_cells(frags[j])[0] >= split for j in members[k])]
        for b in right:
            before[b].update(left)
    done: set[int] = set()
    out = []
    while len(done) < n:
        ready = [k for k in range(n) if k not in done and before[k] <= done]
        if not ready:                           # a cycle: take the topmost, leftmost
            ready = [k for k in range(n) if k not in done]
        k = min(ready, key=lambda k: (boxes[k][2], boxes[k][0]))
        done.add(k)
        out.append(members[k])
    return out


def _heads_with_column(members: list[list[int]], boxes: list[tuple], before: list[set[int]],
                       frags: list[Frag], slack: int) -> None:
    """A line alone in its stream set right over a column, flush at its
    start cell and within its cells (the column's first line a row or two
    below it, no blank line between: a crosshead; a headline is centred over
    its article's columns)
    and over no other stream is that column's head (a crosshead, a module's
    headline) and is read right before it, though it stands above the first
    line of the column left of it (that column starts lower, under a photo):
    it goes after the columns left of it that the column goes after and
    whose first line stands between it and the column's (the head stands
    among the columns' first rows, not over them all)."""
    for a, m in enumerate(members):
        if len(m) != 1 or frags[m[0]].x is None:
            continue
        ax0, ax1, ar0, _ = boxes[a]
        under = [b for b, (bx0, bx1, br0, _) in enumerate(boxes)
                 if b != a and abs(ax0 - bx0) <= slack and ax1 <= bx1 + slack and 0 < br0 - ar0 <= 2 and
                 frags[members[b][0]].blank == frags[m[0]].blank and len(members[b]) > 1]
        if len(under) != 1:
            continue
        b = under[0]
        before[a].update(c for c in before[b] if c != a and a not in before[c] and len(members[c]) > 1 and
                         ar0 < boxes[c][2] < boxes[b][2] and boxes[c][1] <= ax0 + slack)


def _cells(f: Frag) -> tuple[int, int]:
    """The cells a -layout piece covers on its text line: one a character."""
    return f.x, f.x + len(f.text)


def side_modules(frags: list[Frag], head_rows: list[int], stops: set[int] = frozenset(),
                 opens=None) -> list[tuple[int, int, int]]:
    """Bands of modules set side by side under a row of their headlines: for
    each row of ``head_rows`` (headlines a column apart, after a blank line)
    and each two of its headlines a column apart, the gutter between their
    modules (``module_gutter``; ``stops``: the rows of the next band's
    headlines; ``opens``: a report's opening dateline, as module_gutter
    reads it). Returns (head row, last row, gutter cell) for each."""
    rows: dict[int, list[Frag]] = {}
    for f in frags:
        if f.x is not None:
            rows.setdefault(f.row, []).append(f)
    out = []
    for r in head_rows:
        heads = sorted(rows.get(r, []), key=lambda f: f.x)
        spans = [_cells(f) for f in heads]
        below = [(q, [_cells(f) for f in rows[q]], [f.text for f in rows[q]])
                 for q in sorted(rows) if r < q <= r + _BAND_ROWS]
        for k in apart_gaps(spans, [f.width for f in heads]):
            got = module_gutter(below, spans[k][1], spans[k + 1][0], stops,
                                (heads[k].text, heads[k + 1].text), opens=opens)
            if got is not None:
                out.append((r, got[0], got[1]))
    return out
