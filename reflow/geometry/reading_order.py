"""Reading order of an OCR page from its boxes (O701): the XY-cut, or the source's own order.

Holds ``Block`` (lines stacked in one column region), ``Cutter`` (the
recursive XY-cut: modules side by side at vertical white space as wide as
the space between bands, bands at white space wider than the leading, columns at
gutters no word crosses, or at gutters the rows' own wide gaps show one above
the other where the engine filled them, a line across a gutter cut there,
headlines that span columns before the columns under them, a merged first
row of columns cut like the rows under it, a caption set apart kept whole),
the gutter
finders, and the
orders that need no cut (``region_order`` from PAGE ReadingOrder,
``source_order``). It does not measure indents or mark paragraph starts:
``paragraph_evidence`` does.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..chars import NO_LINE_START, em_width
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
        self.voted: set[float] = set()     # cuts found from the rows' gaps (no clean channel)
        self.edges: list[float] = []       # top and bottom of headlines across such a cut
        self.marks: list[tuple[Item, str]] = []  # gutter marks taken off column lines cut there
        self.grid: list[float] = []        # x of every gutter cut on the page so far
        self.gaps: dict[int, tuple[Item, list[tuple[float, float]]]] = {}  # a line's wide gaps, once
        self.splits: list[tuple[Item, list[Item]]] = []  # lines cut at such a gutter, and their pieces

    def order(self, items: list[Item]) -> list[Block]:
        self.columns = 0
        self.grid = []
        self.gaps = {}
        return self._cut(items, self._new_column(), 0)

    def _new_column(self) -> int:
        self.columns += 1
        return self.columns

    def _cut(self, items: list[Item], column: int, depth: int) -> list[Block]:
        if len(items) <= 1 or depth > self.p.get("max_depth", 48):
            return [Block(_stack(items, self.near), column)] if items else []
        recurse = lambda parts: [b for part in parts for b in self._cut(part, column, depth + 1)]
        modules = self._modules(items)
        if modules:
            return [b for m in modules for b in self._cut(m, self._new_column(), depth + 1)]
        # wide white space across the region always parts bands
        parts = self._rows(items, self.p.get("row_gap_em", 1.5) * self.em)
        if len(parts) > 1:
            return recurse(self._heads_with_modules(parts))
        self.edges = []
        cuts, blocked, gutters = self._columns(items)
        # (not where a column's text runs on past a headline beside it: a crosshead's row)
        rows = [y for y in self._over_heads(items) if not _text_runs_past(items, gutters, y, self.span)]
        if rows:
            return recurse(_bands(items, rows))
        if blocked:
            # a headline spanning the columns blocks their gutters: it is a band
            # of its own, however narrow the white space around it (but a cut
            # across columns that run on above and below it is no band's edge)
            rows = [y for y in self._around(items, blocked)
                    if not _columns_run_on(items, gutters, y)]
            if not rows and self.edges:
                # a headline across a gutter found from the rows' gaps, its
                # box touching the rows under it: parted at its own edges
                rows = [y for y in self.edges if len(_bands(items, [y])) > 1]
            if rows:
                return recurse(_bands(items, rows))
        # narrower white space parts bands too, unless the columns run on
        # across it (paragraphs of the columns that happen to start on one row)
        rows = _row_cuts(items, self.p.get("row_gap_weak_em", 0.8) * self.em)
        if gutters:
            rows = [y for y in rows if not _columns_run_on(items, gutters, y)]
        if rows:
            return recurse(_bands(items, rows))
        rows = self._top_row(items, cuts)
        if rows:
            return recurse(_bands(items, rows))
        if cuts:
            # the page's column grid: gutters that run down merged_rows lines
            # (the lines across it or ending or starting at it), not a running
            # head's pieces
            self.grid.extend(c for c in cuts if sum(
                1 for it in items if it.x0 < c < it.x1 or abs(it.x1 - c) < self.near or
                abs(it.x0 - c) < self.near) >= self.p.get("merged_rows", 4))
            slabs: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
            reach = {c: self.p.get("vote_reach_em", 0.75) * self.em for c in cuts if c in self.voted}
            for it in items:
                lone: list[str] = []
                pieces = _split(it, cuts, reach, self.em, self.p, lone)
                self.marks.extend((pieces[0][1], t) for t in lone)
                if reach and len(pieces) > 1:
                    self.splits.append((it, [piece for _, piece in pieces]))
                for n, (k, piece) in enumerate(pieces):
                    if n and reach and k - 1 < len(cuts) and cuts[k - 1] in reach:
                        self._gutter_mark(piece)
                    slabs[k].append(piece)
            return [b for slab in slabs if slab for b in self._cut(slab, self._new_column(), depth + 1)]
        if self._columnar(items):
            # lines much narrower than the region, yet no cut: bands of different
            # column grids touch; part them at the widest white space between rows
            parts = self._widest(items)
            if len(parts) > 1:
                return recurse(parts)
        return [Block(_stack(items, self.near), column)]

    def _modules(self, items: list[Item]) -> list[list[Item]]:
        """Modules set side by side, left to right: the region parted at
        vertical white space ``module_gap_em`` wide (as wide as the space
        between bands) that runs down all of it, no word and no line across
        it, two lines or more on each side; or nothing. A column gutter is
        narrower, and a headline over its columns crosses it."""
        wide = self.p.get("module_gap_em", 0) * self.em
        if wide <= 0:
            return []
        left, right = min(it.x0 for it in items), max(it.x1 for it in items)
        least = self.p.get("min_column_em", 5.0) * self.em
        cuts = [c for c in ((a + b) / 2 for a, b in _white([b for it in items for b in _word_boxes(it)], wide))
                if c - left >= least and right - c >= least and
                not any(it.x0 < c < it.x1 for it in items)]
        if not cuts:
            return []
        slabs: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
        for it in items:
            slabs[_slab((it.x0 + it.x1) / 2, cuts)].append(it)
        return slabs if all(len(sl) >= 2 for sl in slabs) else []

    def _over_heads(self, items: list[Item]) -> list[float]:
        """Cuts at white space across the whole region, however narrow, right
        over a line of display type that has lines above it: no column's text
        goes on into a headline, so the columns above end there, even where
        the gutters of the articles under it run on in line with theirs (the
        caller drops a cut where other columns run on past it: a crosshead's
        row)."""
        spans = sorted((it.y0, it.y1, _size(it) >= self.span) for it in items)
        near = 0.5 * self.em
        cuts = []
        reach = spans[0][1]
        for k, (y0, y1, _) in enumerate(spans[1:], 1):
            if y0 > reach and any(tall for a, _, tall in spans[k:] if a <= y0 + near) and \
                    not any(tall and reach - self.near <= b <= reach for _, b, tall in spans[:k]):
                # (not a headline's next line: a line of display type right above)
                cuts.append((reach + y0) / 2)
            reach = max(reach, y1)
        return cuts

    def _top_row(self, items: list[Item], cuts: list[float]) -> list[float]:
        """A cut under the region's first row when that row is set in larger
        type than the lines under it (top_row_ratio) and the white under it,
        across the whole region, is wider than twice the leading of the lines
        under it: a subheadline or a headline's second line over the columns,
        however narrow the white (nothing beside it runs on across it) — but
        not a row that the region's gutters part (the headlines of modules
        side by side, each read with its own module)."""
        ratio = self.p.get("top_row_ratio", 0)
        if ratio <= 0 or not cuts:
            return []
        rows = _row_cuts(items, 1e-9)
        if not rows:
            return []
        y = rows[0]
        above = [it for it in items if (it.y0 + it.y1) / 2 < y]
        below = [it for it in items if (it.y0 + it.y1) / 2 >= y]
        if len(below) < 2 or _stacked(above) or \
                len({_slab((it.x0 + it.x1) / 2, cuts) for it in above}) > 1:
            return []
        sizes = sorted(_size(it) for it in below)
        if max(_size(it) for it in above) < ratio * sizes[len(sizes) // 2]:
            return []
        gap = min(it.y0 for it in below) - max(it.y1 for it in above)
        lead = _leading(below)
        return [y] if lead is not None and gap > 2 * lead else []

    def _heads_with_modules(self, parts: list[list[Item]]) -> list[list[Item]]:
        """Bands, with a row of headlines joined to the band under it when the
        two make modules set side by side (``_modules``), each module holding
        a headline of the row and text of the band: the headlines of modules
        stand on one row, each over its own photo, caption and text, and the
        white a photo leaves between a headline and its text is the module's,
        not a band's edge across the page."""
        out: list[list[Item]] = []
        k = 0
        while k < len(parts):
            heads = parts[k]
            if k + 1 < len(parts) and len(heads) >= 2 and all(_size(it) >= self.span for it in heads):
                modules = self._modules(heads + parts[k + 1])
                if modules and all(any(it in m for it in heads) and not all(it in heads for it in m)
                                   for m in modules):
                    out.append(heads + parts[k + 1])
                    k += 2
                    continue
            out.append(heads)
            k += 1
        return out

    def _gutter_mark(self, piece: Item) -> None:
        """Take off the start of a column line cut at a gutter found from the
        rows' gaps the marks the gutter or its rule was read as: a mark that
        may not start a line (a closing quote, a comma) or a bar; kept in
        ``marks`` for the record."""
        w = piece.words[0] if piece.words else None
        if w is None:
            return
        t = w.text.lstrip()
        lead = 0
        while lead < min(2, len(t) - 1) and (t[lead] in NO_LINE_START or t[lead] in _BARS):
            lead += 1
        if not lead:
            return
        edges = _glyph_edges(Word(t, w.box))
        piece.words[0] = Word(t[lead:], (edges[lead], w.box[1], w.box[2], w.box[3]), w.conf, w.space_before)
        self.marks.append((piece, t[:lead]))

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
                        not self._under_text(it, items) and (
                            _overlap(_word_boxes(it), x0, x1) >= cover * (x1 - x0) and
                            not self._over_columns(it, items, c) or
                            self._apart_below(it, items))]
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
        kept = self._columns_apart(items, cuts)
        if not kept and not blocked and self.p.get("vote_share", 0) > 0:
            # no white channel at all: the engine read the rows across a gutter
            # its boxes and the marks it read in it filled; the rows' own wide
            # gaps, one above the other, show where it runs
            voted = self._voted(items)
            for _, c in voted:
                # a headline across it spans the columns: a band of its own
                for it in items:
                    if it.x0 < c < it.x1 and it not in blocked and _size(it) >= self.span:
                        blocked.append(it)
                        self.edges.extend((it.y0, it.y1))
            if voted and not blocked:
                kept = self._columns_apart(items, voted)
                self.voted.update(kept)
            runs = runs + [(c, c) for _, c in voted]
        return kept, blocked, [(a + b) / 2 for a, b in runs]

    def _voted(self, items: list[Item]) -> list[tuple[float, float]]:
        """Gutters that many merged rows show one above the other as a gap much
        wider than the row's own gaps between words (or a row's end and the
        next column's start), with no clean white channel to find: OCR boxes
        and a column rule read as a mark fill a narrow gutter in some rows.
        A phrase space of a headline or a byline is one row wide; a column's
        wide gaps (after its marks, between Latin words) scatter from row to row."""
        em = self.em
        tol = self.p.get("vote_tolerance_em", 0.25) * em
        rows = []
        for it in items:
            if _size(it) >= self.span or not it.words or not all(_valid(w.box) for w in it.words):
                continue
            gaps = self.gaps.get(id(it))
            if gaps is None or gaps[0] is not it:
                gaps = self.gaps[id(it)] = (it, _wide_gaps(it, em, self.p))
            rows.append(gaps)
        merged = self.p.get("merged_rows", 4)
        if len(rows) < min(merged, self.p.get("vote_grid_rows", 2) if self.grid else merged):
            return []
        left, right = min(it.x0 for it, _ in rows), max(it.x1 for it, _ in rows)
        step = max(em / 8, 1.0)
        reach = self.p.get("vote_reach_em", 0.75) * em
        size = int((right - left) / step) + 2
        votes, seen = [0] * size, [0] * size     # differences, summed below

        def add(counts: list[int], a: float, b: float, d: int = 1) -> None:
            """Count the sample points x = left + k * step with a <= x <= b."""
            i = max(1, int((a - left) / step) + (0 if (a - left) % step == 0 else 1))
            j = min(size - 1, int((b - left) / step))
            if i <= j:
                counts[i] += d
                if j + 1 < size:
                    counts[j + 1] -= d
        for it, gaps in rows:
            # a row that crosses x votes where one of its wide gaps is
            add(seen, it.x0 + 1e-9, it.x1 - 1e-9)
            merged_gaps: list[list[float]] = []
            for a, b in sorted(gaps):
                a, b = max(a - tol, it.x0 + 1e-9), min(b + tol, it.x1 - 1e-9)
                if merged_gaps and a <= merged_gaps[-1][1]:
                    merged_gaps[-1][1] = max(merged_gaps[-1][1], b)
                else:
                    merged_gaps.append([a, b])
            for a, b in merged_gaps:
                add(votes, a, b)
            # a column line that ends just left of x, or starts just right of
            # it, votes too (one row's two pieces, one on each side, once)
            add(votes, it.x1, it.x1 + reach)
            add(seen, it.x1, it.x1 + reach)
            add(votes, it.x0 - reach, it.x0)
            add(seen, it.x0 - reach, it.x0)
            for e, _ in rows:
                if e is not it and 0 <= it.x0 - e.x1 <= 2 * reach and _same_row(e, it, 2 * reach):
                    add(votes, max(e.x1, it.x0 - reach), min(e.x1 + reach, it.x0), -1)
                    add(seen, max(e.x1, it.x0 - reach), min(e.x1 + reach, it.x0), -1)
                    break
        scores = []
        v = n = 0
        for k in range(1, size):
            v += votes[k]
            n += seen[k]
            x = left + k * step
            if x >= right:
                break
            scores.append((x, v, n))
        share = self.p.get("vote_share", 0.6)
        # the columns of a page share its grid: at a gutter already cut above,
        # a short module's few rows are enough
        grid = self.p.get("vote_grid_rows", 2)
        near = self.p.get("vote_grid_em", 0.5) * em
        ok = [(x, v) for x, v, n in scores if v >= share * n and
              (v >= merged or v >= grid and any(abs(x - g) <= near for g in self.grid))]
        out: list[tuple[float, float]] = []
        least = self.p.get("min_column_em", 5.0) * em
        while ok:
            best = max(v for _, v in ok)
            # the middle of the widest stretch of x that the most rows vote for
            xs = [x for x, v in ok if v == best]
            runs, cur = [], [xs[0]]
            for a, b in zip(xs, xs[1:]):
                if b - a > step * 1.5:
                    runs.append(cur)
                    cur = []
                cur.append(b)
            runs.append(cur)
            run = max(runs, key=lambda r: r[-1] - r[0])
            c = (run[0] + run[-1]) / 2
            out.append((best, c))         # (the count of votes ranks it, as width ranks a channel)
            ok = [(x, v) for x, v in ok if abs(x - c) >= least]
        return out

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


    def _apart_below(self, it: Item, items: list[Item]) -> bool:
        """Is the white space under this line, on its x range, wider than the
        leading of running text (row_gap_weak_em)? With none right above it
        either, it stands apart from the columns of the region under it (a
        caption under a photo): no row of theirs, whatever gaps its words leave."""
        gap = self.p.get("row_gap_weak_em", 0.8) * self.em
        if not any(o.y0 > it.y1 for o in items):
            return False   # no columns under it in the region to part it from
        return not any(o is not it and _size(o) < self.span and _right_under(o, it, gap) and
                       min(o.x1, it.x1) - max(o.x0, it.x0) > 0 for o in items)

    def _over_columns(self, it: Item, items: list[Item], c: float) -> bool:
        """Do lines of text of the page's size stand right under this one, at
        no more than the leading of running text (row_gap_weak_em), on both
        sides of the gutter at c, each under its x range? Then it is the first
        row of those columns that the engine merged, unless it is centred over
        them (a subheadline set tight over its text); a subheadline set apart
        from them has more white space under it than the leading."""
        gap = self.p.get("row_gap_weak_em", 0.8) * self.em
        lm, rm = it.x0 - min(o.x0 for o in items), max(o.x1 for o in items) - it.x1
        if min(lm, rm) >= self.em and abs(lm - rm) <= self.em:
            return False   # centred over them: a subheadline's place
        left = right = False
        for o in items:
            if o is it or _size(o) >= self.span or not _right_under(o, it, gap) or \
                    min(o.x1, it.x1) - max(o.x0, it.x0) <= 0:
                continue
            if o.x1 <= c:
                left = True
            elif o.x0 >= c:
                right = True
        return left and right

    def _under_text(self, it: Item, items: list[Item]) -> bool:
        """Does a line of text of the page's size sit right above this one, on
        its x range (so it is a row of the columns that the engine merged, not a
        subheadline or a caption set apart under a headline or a photo)?"""
        near = self.near
        return any(o is not it and _size(o) < self.span and it.y0 - near <= o.y1 <= it.y0 and
                   min(o.x1, it.x1) - max(o.x0, it.x0) > 0 for o in items)


def _right_under(o: Item, it: Item, gap: float) -> bool:
    """Does line o stand right under line it: its middle below it's, the white
    between them no more than gap (OCR's boxes of neighbouring rows may overlap)?"""
    return (o.y0 + o.y1) / 2 > (it.y0 + it.y1) / 2 and o.y0 - it.y1 <= gap and o.y0 > it.y0


_BARS = "|\u00a6\u2502\u2503"
_GUTTER_MARKS = "\u201d\u201c\"'|\u00a6="


def _wide_gaps(it: Item, em: float, p: dict) -> list[tuple[float, float]]:
    """The gaps between the words of a line much wider than its own gaps
    between words, a word that is only marks a gutter or its rule was read
    as (quotes, a bar) counted as white, and so are such marks at a word's edge."""
    boxes = []
    for w in it.words:
        t = w.text.strip()
        if not t or all(ch in _GUTTER_MARKS for ch in t):
            continue
        x0, x1 = w.box[0], w.box[2]
        lead = len(t) - len(t.lstrip(_GUTTER_MARKS))
        tail = len(t) - len(t.rstrip(_GUTTER_MARKS))
        if lead or tail:
            width = em_width(t) or 1.0
            unit = (x1 - x0) / width
            x0 += em_width(t[:lead]) * unit
            x1 -= em_width(t[len(t) - tail:]) * unit if tail else 0.0
        if x1 > x0:
            boxes.append((x0, x1))
    gaps = [b[0] - a[1] for a, b in zip(boxes, boxes[1:])]
    positive = sorted(g for g in gaps if g > 0)
    if not positive:
        return []
    typical = positive[len(positive) // 2]
    least = max(p.get("vote_gap_ratio", 1.5) * typical, p.get("vote_gap_em", 0.5) * em)
    return [(a[1], b[0]) for a, b in zip(boxes, boxes[1:]) if b[0] - a[1] >= least]


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


def _white(boxes: list[Box], min_gap: float) -> list[tuple[float, float]]:
    """The vertical runs of white space at least ``min_gap`` wide that no box
    crosses at all, between the first box and the last.

    >>> _white([(0, 0, 100, 10), (130, 0, 230, 10), (50, 20, 110, 30)], 15)
    [(110, 130)]
    """
    out = []
    reach = None
    for x0, _, x1, _ in sorted(boxes):
        if reach is not None and x0 - reach >= min_gap:
            out.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
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
    boxes = [b for w in it.words if (b := w.box) is not None and b[2] > b[0] and b[3] > b[1]]   # (_valid)
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


def _text_runs_past(items: list[Item], cuts: list[float], y: float, heads: float) -> bool:
    """Does the text of a column between the gutters run on across y: two
    lines or more, one under the other, above and below it, and no line of a
    headline's size (``heads``) on the first row under y over the column (a
    headline centred over the next column may cover it; OCR's junk off a rule
    stands on its row)?"""
    for lo, hi, inside in _column_slices(items, cuts):
        if not _runs_across(inside, y):
            continue
        under = [it for it in items if it.y0 > y and it.x0 < hi and it.x1 > lo]
        first = min(under, key=lambda it: it.y0)
        if not any(_size(it) >= heads for it in under if it.y0 < first.y1):
            return True
    return False


def _columns_run_on(items: list[Item], cuts: list[float], y: float) -> bool:
    """Do two or more of the columns between the gutters (all of them, when
    there are fewer) have two lines or more, one under the other, both above
    and below y?"""
    count = sum(1 for _, _, inside in _column_slices(items, cuts) if _runs_across(inside, y))
    return count >= min(2, len(cuts) + 1)


def _column_slices(items: list[Item], cuts: list[float]):
    """(left edge, right edge, lines) of each column between the gutters at ``cuts``."""
    for k in range(len(cuts) + 1):
        lo = cuts[k - 1] if k else float("-inf")
        hi = cuts[k] if k < len(cuts) else float("inf")
        yield lo, hi, [it for it in items if lo <= (it.x0 + it.x1) / 2 < hi]


def _runs_across(lines: list[Item], y: float) -> bool:
    """Does a column's text run on across y: two lines or more, one under the
    other, both above and below it? (A lone caption or credit above a column
    is no column running on, nor are the pieces of one row side by side: a
    headline and the junk OCR read off its rule or photo beside it.)"""
    return _stacked([it for it in lines if it.y1 < y]) and _stacked([it for it in lines if it.y0 > y])


def _leading(lines: list[Item], window: int = 8) -> float | None:
    """The median white between a line and the next line under it on its x
    range (looked for among the next ``window`` lines down): the leading of
    running text. None when no line has one under it."""
    lines = sorted(lines, key=lambda it: it.y0)
    gaps = []
    for k, it in enumerate(lines):
        for o in lines[k + 1:k + 1 + window]:
            if o.y0 > (it.y0 + it.y1) / 2 and min(o.x1, it.x1) - max(o.x0, it.x0) > 0:
                gaps.append(max(0.0, o.y0 - it.y1))
                break
    if not gaps:
        return None
    gaps.sort()
    return gaps[len(gaps) // 2]


def _stacked(lines: list[Item]) -> bool:
    """Are two of the lines one under the other (the middle of the lower one
    below the bottom of the upper one), not pieces of one row?"""
    if len(lines) < 2:
        return False
    lines = sorted(lines, key=lambda it: it.y0)
    bottom = lines[0].y1
    for it in lines[1:]:
        if (it.y0 + it.y1) / 2 > bottom:
            return True
        bottom = min(bottom, it.y1)
    return False


def _bands(items: list[Item], cuts: list[float]) -> list[list[Item]]:
    if not cuts:
        return [items]
    rows: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
    for it in items:
        rows[_slab((it.y0 + it.y1) / 2, cuts)].append(it)
    return [r for r in rows if r]


def _slab(x: float, cuts: list[float]) -> int:
    return sum(1 for c in cuts if x > c)


def _split(it: Item, cuts: list[float], reach: dict[float, float] | None = None,
           em: float = 0.0, p: dict | None = None, dropped: list[str] | None = None
           ) -> list[tuple[int, Item]]:
    """The pieces of an item on each side of the cuts (each word by its centre).
    A cut in ``reach`` (x: how far) moves to the widest of the line's wide
    gaps between words that far from it (a gutter found from the rows' gaps
    runs through each row's own gap), and a word the engine boxed across such a
    cut goes to its sides by its glyphs' estimated places."""
    boxes = [w.box for w in it.words]
    if not it.words or not all(_valid(b) for b in boxes):
        return [(_slab((it.x0 + it.x1) / 2, cuts), it)]
    words = it.words
    if reach:
        wide = _wide_gaps(it, em, p) if p is not None else []
        gaps = {c: _row_cut(wide, c, reach[c]) for c in cuts if c in reach}
        moved = {c: (g[0] + g[1]) / 2 for c, g in gaps.items()}
        cuts = sorted(moved.get(c, c) for c in cuts)
        words = [piece for w in it.words for piece in _cut_word(w, sorted(moved.values()), cuts)]
        # a word of marks alone in the gap is the gutter's (its rule read as a quote or a bar)
        lone = [w for w in words if w.text.strip() and all(ch in _GUTTER_MARKS for ch in w.text.strip())
                and any(g[0] < (w.box[0] + w.box[2]) / 2 < g[1] for g in gaps.values())]
        if lone and len(lone) < len(words):
            words = [w for w in words if w not in lone]
            if dropped is not None:
                dropped.extend(w.text.strip() for w in lone)
    groups: dict[int, list[Word]] = {}
    for w in words:
        groups.setdefault(_slab((w.box[0] + w.box[2]) / 2, cuts), []).append(w)
    if len(groups) == 1:
        return [(next(iter(groups)), it)]
    out = []
    for n, k in enumerate(sorted(groups)):
        ws = groups[k]
        wb = _union([w.box for w in ws])
        out.append((k, Item(it.line, ws, (wb[0], it.y0, wb[2], it.y1), it.page, it.piece + n)))
    return out


def _row_cut(gaps: list[tuple[float, float]], c: float, reach: float) -> tuple[float, float]:
    """The widest of a row's wide gaps within ``reach`` of x = c (an empty
    one at c when the row has none there)."""
    best, at = 0.0, (c, c)
    for x0, x1 in gaps:
        if x1 - x0 > best and x1 >= c - reach and x0 <= c + reach:
            best, at = x1 - x0, (x0, x1)
    return at


def _glyph_edges(w: Word) -> list[float]:
    """The estimated left edges of a word's glyphs and its right edge (Han
    glyphs an em wide, letters, digits and ASCII marks half of one)."""
    text = w.text
    widths = [em_width(ch) or 0.5 for ch in text]
    total = sum(widths) or 1.0
    unit = (w.box[2] - w.box[0]) / total
    edges = [w.box[0]]
    for wd in widths:
        edges.append(edges[-1] + wd * unit)
    return edges


def _cut_word(w: Word, through: list[float], cuts: list[float]) -> list[Word]:
    """A word split where one of the cuts ``through`` runs through it, each
    glyph going to the side of its estimated centre among all ``cuts``; a word
    no such cut crosses, whole."""
    if len(w.text) < 2 or not any(w.box[0] < c < w.box[2] for c in through):
        return [w]
    edges = _glyph_edges(w)
    pieces: dict[int, list[int]] = {}
    for k in range(len(w.text)):
        pieces.setdefault(_slab((edges[k] + edges[k + 1]) / 2, cuts), []).append(k)
    if len(pieces) == 1:
        return [w]
    out = []
    for ks in pieces.values():
        text = "".join(w.text[k] for k in ks)
        if not text.strip():
            continue
        out.append(Word(text, (edges[ks[0]], w.box[1], edges[ks[-1] + 1], w.box[3]), w.conf,
                        w.space_before if ks[0] == 0 else False))
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


# how far, as a share of the lower line's height, the engine's boxes of two
# pieces of one printed line may overlap: a glyph's ink reaches past its cell
_INK_OVERLAP = 0.2


def _same_row(a: Item, b: Item, near: float) -> bool:
    """Are a and b pieces side by side on one row, at most ``near`` apart? The
    boxes the engine drew round two pieces of one printed line may overlap by
    a sliver (a glyph's ink past its cell: 云澜县推进城乡教育月 | 见闻 two pixels
    into each other), which is no line set over another."""
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    gap = max(b.x0 - a.x1, a.x0 - b.x1)
    low = min(a.height, b.height)
    return overlap >= 0.6 * low and -_INK_OVERLAP * low <= gap <= near


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

