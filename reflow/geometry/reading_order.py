"""Reading order of an OCR page from its boxes (O701): the XY-cut, or the source's own order.

Holds ``Block`` (lines stacked in one column region), ``Cutter`` (the
recursive XY-cut: bands at white space wider than the leading, columns at
gutters no word crosses, a line across a gutter cut there, headlines that
span columns before the columns under them), the gutter finder, and the
orders that need no cut (``region_order`` from PAGE ReadingOrder,
``source_order``). It does not measure indents or mark paragraph starts:
``paragraph_evidence`` does.
"""
from __future__ import annotations

from dataclasses import dataclass

from .ocrpage import Box, Item, OcrPage, Word, _size, _union, _valid

@dataclass(slots=True)
class Block:
    """Lines stacked in one column region, in reading order; ``column`` names
    the slab of the last vertical cut above them (the column they belong to)."""
    items: list[Item]
    column: int


class Cutter:
    """Recursive XY-cut of a page's items into column blocks in reading order."""

    def __init__(self, em: float, size: float, p: dict) -> None:
        self.em = em
        self.p = p
        self.span = p.get("span_ratio", 1.35) * size if size > 0 else float("inf")
        self.near = p.get("merge_gap_em", 1.5) * em
        self.columns = 0

    def order(self, items: list[Item]) -> list[Block]:
        self.columns = 0
        return self._cut(items, self._new_column(), 0)

    def _new_column(self) -> int:
        self.columns += 1
        return self.columns

    def _cut(self, items: list[Item], column: int, depth: int) -> list[Block]:
        if len(items) <= 1 or depth > self.p.get("max_depth", 48):
            return [Block(_stack(items, self.near), column)] if items else []
        recurse = lambda parts: [b for part in parts for b in self._cut(part, column, depth + 1)]
        # wide white space across the region always parts bands
        parts = self._rows(items, self.p.get("row_gap_em", 1.5) * self.em)
        if len(parts) > 1:
            return recurse(parts)
        cuts, blocked, gutters = self._columns(items)
        if blocked:
            # a headline spanning the columns blocks their gutters: it is a band
            # of its own, however narrow the white space around it (but a cut
            # across columns that run on above and below it is no band's edge)
            rows = [y for y in self._around(items, blocked)
                    if not _columns_run_on(items, gutters, y)]
            if rows:
                return recurse(_bands(items, rows))
        # narrower white space parts bands too, unless the columns run on
        # across it (paragraphs of the columns that happen to start on one row)
        rows = _row_cuts(items, self.p.get("row_gap_weak_em", 0.8) * self.em)
        if gutters:
            rows = [y for y in rows if not _columns_run_on(items, gutters, y)]
        if rows:
            return recurse(_bands(items, rows))
        if cuts:
            slabs: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
            for it in items:
                for k, piece in _split(it, cuts):
                    slabs[k].append(piece)
            return [b for slab in slabs if slab for b in self._cut(slab, self._new_column(), depth + 1)]
        if self._columnar(items):
            # lines much narrower than the region, yet no cut: bands of different
            # column grids touch; part them at the widest white space between rows
            parts = self._widest(items)
            if len(parts) > 1:
                return recurse(parts)
        return [Block(_stack(items, self.near), column)]

    def _columnar(self, items: list[Item]) -> bool:
        """Are the lines of a region side by side in columns (much narrower than it)?"""
        width = max(it.x1 for it in items) - min(it.x0 for it in items)
        widths = sorted(it.x1 - it.x0 for it in items)
        return width > 0 and widths[len(widths) // 2] < self.p.get("column_share", 0.6) * width

    @staticmethod
    def _widest(items: list[Item]) -> list[list[Item]]:
        spans = sorted((it.y0, it.y1) for it in items)
        best, cut = 0.0, None
        reach = spans[0][1]
        for y0, y1 in spans[1:]:
            if y0 - reach > best:
                best, cut = y0 - reach, (reach + y0) / 2
            reach = max(reach, y1)
        return _bands(items, [cut]) if cut is not None else [items]

    @staticmethod
    def _rows(items: list[Item], min_gap: float) -> list[list[Item]]:
        """Bands separated by horizontal white space of at least ``min_gap``."""
        return _bands(items, _row_cuts(items, min_gap))

    def _around(self, items: list[Item], blocked: list[Item]) -> list[float]:
        """Cuts at any white space right above and below the blocking lines."""
        spans = sorted((it.y0, it.y1) for it in items)
        gaps = []
        reach = spans[0][1]
        for y0, y1 in spans[1:]:
            if y0 > reach:
                gaps.append((reach, y0))
            reach = max(reach, y1)
        cuts = set()
        near = self.p.get("merge_gap_em", 1.5) * self.em
        for it in blocked:
            # only the white space that touches the headline's own lines
            above = [g for g in gaps if it.y0 - near <= g[1] <= it.y0 + 1e-9]
            below = [g for g in gaps if it.y1 - 1e-9 <= g[0] <= it.y1 + near]
            if above:
                cuts.add(sum(max(above, key=lambda g: g[1])) / 2)
            if below:
                cuts.add(sum(min(below, key=lambda g: g[0])) / 2)
        return sorted(cuts)

    def _columns(self, items: list[Item]) -> tuple[list[float], list[Item], list[float]]:
        """Gutters to cut at, and the lines that block gutters.

        A gutter is vertical white space at least ``gutter_em`` wide that the
        words of the region do not cross (but for OCR noise), with whole lines
        on both sides (a gap inside one line is no gutter). A line that runs
        across a gutter with a clean gap there is cut at it (an engine merged two
        column lines); a line of a headline's size, or one whose own words
        cover the gutter, spans the columns and blocks it."""
        normal = gutter = self.p.get("gutter_em", 0.5) * self.em
        if len(items) >= self.p.get("narrow_gutter_lines", float("inf")):
            # many lines confirm a narrow gutter: no headline phrase gap runs down them all
            gutter = self.p.get("narrow_gutter_em", 0.5) * self.em
        args = (gutter, self.p.get("gutter_noise", 0.1), self.p.get("gutter_clear_em", 0.3) * self.em)
        runs = _gutters([b for it in items for b in _word_boxes(it)], *args)
        merged = self.p.get("merged_rows", 4)
        narrow = self.p.get("narrow_gutter_em", 0.5) * self.em
        if narrow < gutter and len(items) >= merged:
            # a narrow channel that many merged rows cross with a clean gap
            # confirms itself, however few lines the region holds
            for x0, x1 in _gutters([b for it in items for b in _word_boxes(it)], narrow, *args[1:]):
                c = (x0 + x1) / 2
                if sum(1 for it in items if it.x0 < c < it.x1) >= merged and \
                        not any(a <= c <= b for a, b in runs):
                    runs.append((x0, x1))
            runs.sort()
        tall = [it for it in items if _size(it) >= self.span]
        if tall:
            # headline-size lines do not hide the gutters under them: they block them
            for x0, x1 in _gutters([b for it in items if _size(it) < self.span
                                    for b in _word_boxes(it)], *args):
                c = (x0 + x1) / 2
                if any(t.x0 < c < t.x1 for t in tall) and not any(a <= c <= b for a, b in runs):
                    runs.append((x0, x1))
            runs.sort()
        blocked: list[Item] = []
        cuts = []
        cover = self.p.get("span_cover", 0.5)
        for x0, x1 in runs:
            c = (x0 + x1) / 2
            crossing = [it for it in items if it.x0 < c < it.x1]
            spanning = [it for it in crossing if _size(it) >= self.span or
                        _overlap(_word_boxes(it), x0, x1) >= cover * (x1 - x0) and
                        not self._under_text(it, items)]
            if spanning:
                blocked.extend(t for t in spanning if t not in blocked)
                continue
            # a white channel that runs down through many lines at one x is
            # a gutter the engine read its rows across (every line merged)
            if len(crossing) >= self.p.get("merged_rows", 4):
                cuts.append((x1 - x0, c))
                continue
            # a line is cut at a gutter only where columns run above or below it
            # (lines beside it on its own row say nothing: a running head's date)
            if any(not _supported(it, c, items) for it in crossing):
                continue
            # a narrow gutter needs columns on both sides, not a line or two
            need = 1 if x1 - x0 >= normal else int(self.p.get("narrow_gutter_side", 3))
            if sum(1 for it in items if it.x1 <= c) >= need and sum(1 for it in items if it.x0 >= c) >= need:
                cuts.append((x1 - x0, c))
        return self._columns_apart(items, cuts), blocked, [(a + b) / 2 for a, b in runs]

    def _columns_apart(self, items: list[Item], cuts: list[tuple[float, float]]) -> list[float]:
        """The cuts that leave columns at least ``min_column_em`` wide: no
        column of print is narrower, so of cuts closer than that to each other
        or to the region's edge (white channels inside one column, a texture
        read as text) the widest gutter is kept."""
        least = self.p.get("min_column_em", 5.0) * self.em
        left, right = min(it.x0 for it in items), max(it.x1 for it in items)
        kept: list[float] = []
        for _, c in sorted(cuts, key=lambda t: -t[0]):
            if c - left >= least and right - c >= least and all(abs(c - k) >= least for k in kept):
                kept.append(c)
        return sorted(kept)


    def _under_text(self, it: Item, items: list[Item]) -> bool:
        """Does a line of text of the page's size sit right above this one, on
        its x range (so it is a row of the columns that the engine merged, not a
        subheadline or a caption set apart under a headline or a photo)?"""
        near = self.near
        return any(o is not it and _size(o) < self.span and it.y0 - near <= o.y1 <= it.y0 and
                   min(o.x1, it.x1) - max(o.x0, it.x0) > 0 for o in items)


def _supported(it: Item, c: float, items: list[Item]) -> bool:
    """Are there whole lines left and right of x = c above or below this line?"""
    off_row = [o for o in items if o is not it and (o.y1 <= it.y0 or o.y0 >= it.y1)]
    return any(o.x1 <= c for o in off_row) and any(o.x0 >= c for o in off_row)


def _overlap(boxes: list[Box], x0: float, x1: float) -> float:
    return sum(max(0.0, min(b[2], x1) - max(b[0], x0)) for b in boxes)


def _gutters(boxes: list[Box], min_gap: float, noise: float,
             clear: float = float("inf")) -> list[tuple[float, float]]:
    """The vertical runs of white space at least ``min_gap`` wide,
    where at most ``noise`` times the typical number of words covering an x
    position of the region cross (OCR noise: a glyph of the next column read
    into a line, a speck), if no word at all crosses a stretch ``clear`` wide
    or the crossing words are as few next to the columns on both sides.

    >>> _gutters([(0, 0, 100, 10), (0, 20, 100, 30), (130, 0, 230, 10), (130, 20, 230, 30)], 20, 0.05)
    [(100, 130)]
    """
    events = sorted([(b[0], 1) for b in boxes] + [(b[2], -1) for b in boxes])
    runs = []                  # (x0, x1, count) pieces of constant coverage
    count = 0
    for (x, d), (nx, _) in zip(events, events[1:]):
        count += d
        if nx > x:
            runs.append((x, nx, count))
    if not runs:
        return []
    weights = sorted((c, x1 - x0) for x0, x1, c in runs if c > 0)
    total = sum(w for _, w in weights)
    acc, typical = 0.0, 0
    for c, w in weights:            # the coverage at the median x position
        acc += w
        if acc >= total / 2:
            typical = c
            break
    limit = int(noise * typical + 0.5)
    out = []
    start = None
    for x0, x1, c in runs:
        if c <= limit:
            start = x0 if start is None else start
            end = x1
            continue
        if start is not None and end - start >= min_gap and (
                _clear(runs, start, end) >= clear or _local_ok(runs, start, end, min_gap, noise)):
            out.append((start, end))
        start = None
    return out


def _clear(runs: list[tuple[float, float, int]], x0: float, x1: float) -> float:
    """Width of the widest stretch of [x0, x1] that no word covers."""
    best = cur = 0.0
    for a, b, c in runs:
        if b <= x0 or a >= x1:
            continue
        cur = cur + (min(b, x1) - max(a, x0)) if c == 0 else 0.0
        best = max(best, cur)
    return best


def _local_ok(runs: list[tuple[float, float, int]], x0: float, x1: float, reach: float,
              noise: float) -> bool:
    """The words crossing a gutter are few next to the columns on both sides of
    it (a thin column of a few lines is no excuse for noise in a gutter)."""
    inside = max((c for a, b, c in runs if a < x1 and b > x0), default=0)
    left = max((c for a, b, c in runs if a < x0 and b > x0 - 2 * reach), default=0)
    right = max((c for a, b, c in runs if a < x1 + 2 * reach and b > x1), default=0)
    return inside <= int(noise * min(left, right) + 0.5)


def _word_boxes(it: Item) -> list[Box]:
    boxes = [w.box for w in it.words if _valid(w.box)]
    if len(boxes) != len(it.words) or not boxes:
        return [it.box]
    return boxes


def _row_cuts(items: list[Item], min_gap: float) -> list[float]:
    """Middles of the horizontal white space at least ``min_gap`` high."""
    spans = sorted((it.y0, it.y1) for it in items)
    cuts = []
    reach = spans[0][1]
    for y0, y1 in spans[1:]:
        if y0 - reach >= min_gap and y0 > reach:
            cuts.append((reach + y0) / 2)
        reach = max(reach, y1)
    return cuts


def _columns_run_on(items: list[Item], cuts: list[float], y: float) -> bool:
    """Do two or more of the columns between the gutters (all of them, when
    there are fewer) have two lines or more both above and below y?"""
    count = 0
    for k in range(len(cuts) + 1):
        lo = cuts[k - 1] if k else float("-inf")
        hi = cuts[k] if k < len(cuts) else float("inf")
        inside = [it for it in items if lo <= (it.x0 + it.x1) / 2 < hi]
        # a lone caption or credit above a column is no column running on
        if sum(1 for it in inside if it.y1 < y) >= 2 and sum(1 for it in inside if it.y0 > y) >= 2:
            count += 1
    return count >= min(2, len(cuts) + 1)


def _bands(items: list[Item], cuts: list[float]) -> list[list[Item]]:
    if not cuts:
        return [items]
    rows: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
    for it in items:
        rows[_slab((it.y0 + it.y1) / 2, cuts)].append(it)
    return [r for r in rows if r]


def _slab(x: float, cuts: list[float]) -> int:
    return sum(1 for c in cuts if x > c)


def _split(it: Item, cuts: list[float]) -> list[tuple[int, Item]]:
    """The pieces of an item on each side of the cuts (each word by its centre)."""
    boxes = [w.box for w in it.words]
    if not it.words or not all(_valid(b) for b in boxes):
        return [(_slab((it.x0 + it.x1) / 2, cuts), it)]
    groups: dict[int, list[Word]] = {}
    for w in it.words:
        groups.setdefault(_slab((w.box[0] + w.box[2]) / 2, cuts), []).append(w)
    if len(groups) == 1:
        return [(next(iter(groups)), it)]
    out = []
    for n, k in enumerate(sorted(groups)):
        ws = groups[k]
        wb = _union([w.box for w in ws])
        out.append((k, Item(it.line, ws, (wb[0], it.y0, wb[2], it.y1), it.page, it.piece + n)))
    return out


def _stack(items: list[Item], near: float = 0.0) -> list[Item]:
    """Lines of one column, top to bottom; pieces the engine made of one printed
    line (side by side on the same row, at most ``near`` apart, all with word
    boxes) are merged left to right, other lines of one row stay apart, left
    to right."""
    rows: list[list[Item]] = []
    for it in sorted(items, key=lambda it: ((it.y0 + it.y1) / 2, it.x0)):
        row = rows[-1] if rows else None
        if row is not None and all(_same_row(o, it, near) for o in row):
            row.append(it)
        else:
            rows.append([it])
    out: list[Item] = []
    for row in rows:
        row.sort(key=lambda it: it.x0)
        if len(row) > 1 and all(it.words and all(_valid(w.box) for w in it.words) for it in row):
            out.append(Item(row[0].line, [w for it in row for w in it.words],
                            _union([it.box for it in row]), row[0].page, row[0].piece + 1))
        else:
            out.extend(row)
    return out


def _same_row(a: Item, b: Item, near: float) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    gap = max(b.x0 - a.x1, a.x0 - b.x1)
    return overlap >= 0.6 * min(a.height, b.height) and 0 <= gap <= near


def source_order(items: list[Item]) -> list[Block]:
    """The source's own order, one block (reading order switched off)."""
    return [Block(sorted(items, key=lambda it: (it.line.seq, it.piece)), 1)]


def region_order(page: OcrPage, items: list[Item]) -> list[Block] | None:
    """Blocks in the source's explicit reading order (PAGE ReadingOrder), when it
    names the region of every line; lines of a region top to bottom."""
    if not page.order:
        return None
    rank = {rid: k for k, rid in enumerate(page.order)}
    if any(it.line.region not in rank for it in items):
        return None
    by_region: dict[str, list[Item]] = {}
    for it in items:
        by_region.setdefault(it.line.region, []).append(it)
    out: list[Block] = []
    column = 0
    for rid in sorted(by_region, key=lambda r: rank[r]):
        its = _stack(by_region[rid])
        x0, x1 = min(it.x0 for it in its), max(it.x1 for it in its)
        if out:
            p0 = min(it.x0 for it in out[-1].items)
            p1 = max(it.x1 for it in out[-1].items)
            same = min(x1, p1) - max(x0, p0) >= 0.5 * min(x1 - x0, p1 - p0)
        else:
            same = False
        column += 0 if same else 1     # regions read one below the other: one column
        out.append(Block(its, column))
    return out

