"""Geometry of OCR pages: reading order, words rejoined and paragraph evidence, from boxes.

The readers of ``ocrxml`` turn hOCR, ALTO and PAGE XML into ``OcrPage``s (lines of
words with boxes); this module turns those into the ``Line``s the stages work on:

- stray glyphs (a column rule read as ``|``) leave the text and are recorded (O704);
- the page is cut into columns and bands by its white space (XY-cut: rows of the
  page at gaps wider than the leading, columns at gutters that no word crosses),
  an OCR line that runs across a gutter is cut there, headlines that span
  several columns come before the columns under them, and the lines of a
  column are read top to bottom (O701);
- the words of a line are rejoined: nothing between Chinese characters, one
  space between Latin words when their gap is a word gap, a space between Chinese
  words only where the gap stands out from the line's own spacing (O703);
- each line gets its first-line indent in em measured against its column's left
  edge, and ``par_start`` where the pixels show a paragraph start: a first-line
  indent, a short last line above, a line of a larger size, a line set apart
  from its column's edges (O702).

It does not label lines or decide how lines are joined: the label and assemble
stages do, with the evidence left in ``Line.indent``, ``Line.par_start``,
``Line.font_size`` and ``Line.bbox``. (Longer than the modules around it: the
page model, the XY-cut, word glue and paragraph evidence share the Item type
and are read together; each section stands alone.)

>>> words = [Word("新", (0, 0, 50, 50)), Word("华", (52, 0, 102, 50)), Word("社", (104, 0, 154, 50))]
>>> page = OcrPage(1, [OcrLine(words, (0, 0, 154, 50), 1)])
>>> [l.text for l in layout([page]).lines]
['新华社']
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from . import chars
from .chars import em_width
from .engine import mechanism
from .model import Event, Line, Removal

Box = tuple[float, float, float, float]

_HAN = re.compile(chars.cls("han"))
_WIDE = chars.CJK
_NO_PAR_END = set("，、；：,;:-\u2010\u00ad\u00ac") | set(chars.CLASSES["no_line_end"].replace("\\", ""))


# ---------------------------------------------------------------- the model read from XML
@dataclass(slots=True)
class Word:
    """One word (or glyph run) as the OCR engine boxed it."""
    text: str
    box: Box | None = None
    conf: float | None = None         # 0..1
    space_before: bool | None = None  # the source says so (ALTO SP); None: unknown


@dataclass(slots=True)
class OcrLine:
    """One text line of an OCR file, before any geometry decision."""
    words: list[Word]
    box: Box | None
    seq: int                          # ordinal of the line element in the source (1-based)
    id: str | None = None
    kind: str = "line"                # line | header | footer | caption | textfloat | heading
    font_size: float | None = None    # as the source gives it (hOCR x_size px, ALTO/PAGE pt)
    font_px: bool = False             # font_size is in the units of the boxes
    conf: float | None = None         # 0..1, when the source gives one for the line
    region: str | None = None         # id of the block / region holding the line
    text: str | None = None           # line text when the source has no words


@dataclass(slots=True)
class OcrPage:
    number: int
    lines: list[OcrLine]
    box: Box | None = None
    order: list[str] | None = None    # region ids in the source's explicit reading order


@dataclass(slots=True)
class Reading:
    """What a geometry reading gives the pipeline: lines, removals, events, warnings."""
    lines: list[Line] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- items: line pieces with boxes
@dataclass(slots=True)
class Item:
    """A printed column line: a whole OCR line or the piece of one on one side of a gutter."""
    line: OcrLine
    words: list[Word]
    box: Box
    page: int
    piece: int = 0
    text: str = ""
    # filled by the paragraph pass
    indent: float = 0.0
    start: bool | None = None
    tall: bool = False
    why: str = ""           # the geometry that made it a paragraph start

    @property
    def x0(self) -> float:
        return self.box[0]

    @property
    def x1(self) -> float:
        return self.box[2]

    @property
    def y0(self) -> float:
        return self.box[1]

    @property
    def y1(self) -> float:
        return self.box[3]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _valid(box: Box | None) -> bool:
    return box is not None and box[2] > box[0] and box[3] > box[1]


def clip_words(words: list[Word]) -> None:
    """Tesseract sometimes boxes a word of two Han characters far too wide, over
    the words after it: clip a box's right edge at the next word's left edge.

    >>> ws = [Word("星海", (0, 0, 300, 50)), Word("首", (100, 0, 150, 50))]
    >>> clip_words(ws); ws[0].box
    (0, 0, 100, 50)
    """
    for a, b in zip(words, words[1:]):
        if _valid(a.box) and _valid(b.box) and a.box[0] < b.box[0] < a.box[2]:
            a.box = (a.box[0], a.box[1], b.box[0], a.box[3])


def _items(page: OcrPage) -> list[Item]:
    out = []
    for line in page.lines:
        boxes = [w.box for w in line.words if _valid(w.box)]
        box = line.box if _valid(line.box) else (_union(boxes) if boxes else None)
        if boxes and len(boxes) == len(line.words):
            wb = _union(boxes)
            # word boxes say where the ink is; the line box may hold unread noise
            box = wb if box is None else (max(box[0], wb[0]) if wb[0] < box[2] else box[0],
                                          box[1], min(box[2], wb[2]) if wb[2] > box[0] else box[2],
                                          box[3])
        if box is None or not _valid(box):
            continue
        out.append(Item(line, list(line.words), box, page.number))
    return out


def split_wide(items: list[Item], em: float, p: dict) -> list[Item]:
    """Cut lines at gaps wider than ``split_gap_em``: no printed line of text has
    one (justification spreads its slack over every gap); an engine's line that
    does holds separate units (the paper's name, the date and the folio of a
    running head)."""
    limit = p.get("split_gap_em", 3.0) * em
    out = []
    for it in items:
        ws = it.words
        if len(ws) < 2 or not all(_valid(w.box) for w in ws):
            out.append(it)
            continue
        groups = [[ws[0]]]
        for a, b in zip(ws, ws[1:]):
            if b.box[0] - a.box[2] >= limit:
                groups.append([])
            groups[-1].append(b)
        if len(groups) == 1:
            out.append(it)
            continue
        for n, g in enumerate(groups):
            wb = _union([w.box for w in g])
            out.append(Item(it.line, g, (wb[0], it.y0, wb[2], it.y1), it.page, it.piece + n))
    return out


def _no_geometry(page: OcrPage) -> list[Item]:
    """Lines without usable boxes keep the source's order."""
    return [Item(line, list(line.words), (0.0, float(k), 1.0, k + 1.0), page.number)
            for k, line in enumerate(page.lines)]


# ---------------------------------------------------------------- stray glyphs (O704)
def strays(page: OcrPage, p: dict, reading: Reading) -> None:
    """Drop words that are only marks a rule or a frame left (``|``, ``¦``), and
    low-confidence words made only of rule-like marks; record each removal."""
    always = set(p.get("always", "|¦│┃"))
    marks = set(p.get("marks", "|¦│┃_~=-—―─━·•.,'`\""))
    max_conf = float(p.get("max_conf", 0.5))
    kept_lines = []
    for line in page.lines:
        keep = []
        for w in line.words:
            t = w.text.strip()
            stray = bool(t) and (all(c in always for c in t) or
                                 all(c in marks for c in t) and w.conf is not None and
                                 w.conf < max_conf and len(line.words) > 1 or
                                 all(c in marks for c in t) and len(line.words) == 1 and
                                 (w.conf is None or w.conf < max_conf) and len(t) <= 2)
            if stray:
                reading.removed.append(Removal(t, "O704", page.number, line.seq, "stray-glyph"))
                reading.events.append(Event("O704", "remove", page.number, line.seq, 0, t, "",
                                            "stray glyph%s" % ("" if w.conf is None else
                                                               " (confidence %.2f)" % w.conf)))
            else:
                keep.append(w)
        if line.words and not keep:
            continue
        line.words = keep
        kept_lines.append(line)
    page.lines = kept_lines


# ---------------------------------------------------------------- word glue (O703)
def _is_wide(ch: str) -> bool:
    return bool(_WIDE.match(ch))


def join_words(words: list[Word], em: float, p: dict | None) -> str:
    """The text of a line from its words: nothing between Chinese, one space
    between Latin words at a word gap; ``p`` None joins with one space (rule off).

    >>> ws = [Word("multi-sensor", (0, 0, 300, 40)), Word("fusion", (330, 0, 460, 40)),
    ...       Word("感", (470, 0, 510, 40)), Word("知", (515, 0, 555, 40))]
    >>> join_words(ws, 50, {})
    'multi-sensor fusion感知'
    """
    texts = [w.text.strip() for w in words]
    pairs = [(w, t) for w, t in zip(words, texts) if t]
    if not pairs:
        return ""
    if p is None:
        return " ".join(t for _, t in pairs)
    gaps = []
    for (a, ta), (b, tb) in zip(pairs, pairs[1:]):
        gaps.append(b.box[0] - a.box[2] if _valid(a.box) and _valid(b.box) else None)
    han_gaps = sorted(g for g, ((_, ta), (_, tb)) in zip(gaps, zip(pairs, pairs[1:]))
                      if g is not None and g >= 0 and _is_wide(ta[-1]) and _is_wide(tb[0]))
    typical = han_gaps[len(han_gaps) // 4] if han_gaps else 0.0   # the tight end of the line
    out = [pairs[0][1]]
    for gap, ((a, ta), (b, tb)) in zip(gaps, zip(pairs, pairs[1:])):
        out.append(_glue(ta, tb, gap, a, b, em, typical, p, len(han_gaps)))
        out.append(tb)
    return "".join(out)


def _glue(ta: str, tb: str, gap: float | None, a: Word, b: Word, em: float, typical: float,
          p: dict, n_han: int) -> str:
    if _is_wide(ta[-1]) or _is_wide(tb[0]):
        if not (_HAN.match(ta[-1]) and _HAN.match(tb[0])) or gap is None or em <= 0:
            return ""
        # a space printed between Chinese words (本报记者 刘洋) is far wider than
        # the line's own spacing, which justification may have stretched
        wide = gap >= p.get("han_space_em", 0.6) * em and \
            gap >= p.get("han_space_ratio", 3.0) * max(typical, p.get("han_gap_floor", 0.1) * em) and \
            n_han >= p.get("han_space_support", 3)
        return " " if wide else ""
    if b.space_before is not None:
        return " " if b.space_before else ""
    if gap is None or gap < 0 or em <= 0:
        return " "                    # boxes say nothing: the engine's word break stands
    return " " if gap >= p.get("latin_join_em", 0.12) * em else ""


# ---------------------------------------------------------------- measures
def _median(xs: list[float], default: float = 0.0) -> float:
    return statistics.median(xs) if xs else default


def body_em(items: list[Item]) -> float:
    """The page's em in box units: the median advance per character of lines with
    enough text (box width over width in em), else the median line height."""
    adv = []
    for it in items:
        w = em_width(it.text.replace(" ", ""))
        if w >= 4 and it.x1 > it.x0:
            adv.append((it.x1 - it.x0) / w)
    if len(adv) >= 3:
        return _median(adv)
    return _median([it.height for it in items], 1.0) or 1.0


def _size(it: Item) -> float:
    """The type size of a line in box units: its height, or less when the median
    height of its words' boxes or the source's font size (in box units) is less
    (an engine's line box may hold two merged rows; its size estimate may be a
    whole block's; single glyphs may be boxed taller than their line)."""
    size = it.height
    heights = sorted(w.box[3] - w.box[1] for w in it.words if _valid(w.box))
    if heights:
        size = min(size, heights[len(heights) // 2])
    fs = it.line.font_size
    if it.line.font_px and fs:
        size = min(size, fs)
    return size


# ---------------------------------------------------------------- reading order (O701)
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
        args = (self.p.get("gutter_em", 0.5) * self.em, self.p.get("gutter_noise", 0.1),
                self.p.get("gutter_clear_em", 0.3) * self.em)
        runs = _gutters([b for it in items for b in _word_boxes(it)], *args)
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
            # a line is cut at a gutter only where columns run above or below it
            # (lines beside it on its own row say nothing: a running head's date)
            if any(not _supported(it, c, items) for it in crossing):
                continue
            if any(it.x1 <= c for it in items) and any(it.x0 >= c for it in items):
                cuts.append(c)
        return cuts, blocked, [(a + b) / 2 for a, b in runs]


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


# ---------------------------------------------------------------- paragraph evidence (O702)
def paragraphs(blocks: list[Block], em: float, sizes: float, p: dict) -> None:
    """Set ``indent`` (em) and ``start`` on every item from its column's edges."""
    window = int(p.get("window", 6))
    lo, hi = p.get("indent_min", 1.2), p.get("indent_max", 3.4)
    short_min = p.get("short_min", 1.2)
    tall = p.get("headline_ratio", 1.35)
    columns: dict[int, list[Item]] = {}
    for b in blocks:
        columns.setdefault(b.column, []).extend(b.items)
    measure: dict[int, tuple[float, float, bool]] = {}
    for col in columns.values():
        for i, it in enumerate(col):
            it.tall = sizes > 0 and _size(it) >= tall * sizes
            near = [c for c in col[max(0, i - window):i] + col[i + 1:i + 1 + window]
                    if not c.tall]
            if len(near) < 2:
                near = [c for c in col if c is not it and not c.tall]   # a short column
            if not near or it.tall:
                measure[id(it)] = (0.0, 0.0, False)
                continue
            left = _median([c.x0 for c in near])
            right = _median([c.x1 for c in near])
            measure[id(it)] = ((it.x0 - left) / em, (right - it.x1) / em, True)
    prev: Item | None = None
    prev_unit = True
    for b in blocks:
        for it in b.items:
            offset, short, known = measure[id(it)]
            it.indent = round(offset, 1) if known and offset >= lo else 0.0
            unit = it.tall or not known or offset > hi
            if prev is None:
                it.start, it.why = True, ""
            elif it.tall:
                it.start, it.why = True, "a line of a larger size"
            elif unit:
                it.start, it.why = True, "a line apart from its column's edges"
            elif prev_unit:
                it.start, it.why = True, "after a line that stands alone"
            elif lo <= offset <= hi:
                it.start, it.why = True, "first-line indent of %.1f em" % offset
            else:
                p_off, p_short, p_known = measure[id(prev)]
                it.start = p_known and p_short >= short_min and prev.text[-1:] not in _NO_PAR_END
                it.why = "the line above stops %.1f em short" % p_short if it.start else ""
            prev, prev_unit = it, unit


# ---------------------------------------------------------------- the whole page
def _rule(rules, code: str) -> dict | None:
    if rules is None:
        return {}
    return rules.rules[code].params if rules.on(code) and code in rules.rules else None


def layout(pages: list[OcrPage], rules=None) -> Reading:
    """Lines in reading order with geometry evidence, from pages read from OCR XML."""
    reading = Reading()
    p_order = _rule(rules, "O701")
    p_par = _rule(rules, "O702")
    p_glue = _rule(rules, "O703")
    p_stray = _rule(rules, "O704")
    for page in pages:
        if p_stray is not None:
            strays(page, p_stray, reading)
        for line in page.lines:
            clip_words(line.words)
        items = _items(page)
        geometric = len(items) == len(page.lines)
        if not geometric:
            items = _no_geometry(page)
        for it in items:
            it.text = _line_text(it, p_glue)
        items = [it for it in items if it.text]
        if not items:
            continue
        em = body_em(items)
        if geometric and p_order is not None:
            items = split_wide(items, em, p_order)
            for it in items:
                if it.piece:
                    it.text = _line_text(it, p_glue)
        sizes = _median([_size(it) for it in items if em_width(it.text) >= 4]) or \
            _median([_size(it) for it in items])
        blocks = None
        if geometric and p_order is not None:
            if p_order.get("trust_reading_order", True):
                blocks = region_order(page, items)
            if blocks is None:
                blocks = Cutter(em, sizes, p_order).order(items)
        if blocks is None:
            blocks = source_order(items)
        # pieces cut at a gutter get their own text
        for b in blocks:
            for it in b.items:
                if it.piece or len(it.words) != len(it.line.words):
                    it.text = _line_text(it, p_glue)
            b.items = [it for it in b.items if it.text]
        if geometric and p_par is not None:
            paragraphs(blocks, em, sizes, p_par)
        if p_glue is not None:
            _glue_events(blocks, reading)
        _emit(blocks, reading, geometric)
    return reading


def _line_text(it: Item, p_glue: dict | None) -> str:
    if not it.words:
        return (it.line.text or "").strip()
    em = it.height if it.height > 0 else 0.0
    return join_words(it.words, em, p_glue)


def _glue_events(blocks: list[Block], reading: Reading) -> None:
    """One O703 event per line whose words were rejoined otherwise than with
    one space (what the engine's text output would have)."""
    for b in blocks:
        for it in b.items:
            spaced = " ".join(w.text.strip() for w in it.words if w.text.strip())
            if it.words and spaced != it.text:
                reading.events.append(Event("O703", "edit", it.page, it.line.seq, 0,
                                            _bound(spaced), _bound(it.text), "words rejoined from boxes"))


def _bound(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _emit(blocks: list[Block], reading: Reading, geometric: bool) -> None:
    prev_seq = None
    for b in blocks:
        for it in b.items:
            line = it.line
            confs = [w.conf for w in it.words if w.conf is not None]
            conf = sum(confs) / len(confs) if confs else line.conf
            reading.lines.append(Line(
                it.text, it.page, line.seq, indent=it.indent, par_start=it.start,
                bbox=tuple(float(v) for v in it.box) if geometric else None,
                font_size=line.font_size if line.font_size else (it.height if geometric else None),
                conf=conf, box_id=line.id))
            if prev_seq is not None and line.seq < prev_seq:
                reading.events.append(Event("O701", "move", it.page, line.seq, 0,
                                            "", it.text[:12], "reading order from geometry"))
            if it.start and it.why:
                reading.events.append(Event("O702", "break", it.page, line.seq, 0,
                                            "", "\u00b6" + it.text[:12], it.why))
            prev_seq = line.seq


# ---------------------------------------------------------------- rules as text mechanisms
@mechanism("geometry_order")
@mechanism("geometry_paragraphs")
@mechanism("geometry_glue")
@mechanism("stray_glyphs")
def geometry_text(rule, text: str, tracer, where, state=None) -> str:
    """Geometry rules act when OCR XML is read (``ocrxml``); a bare text has no
    boxes, so applied to one they change nothing.

    >>> geometry_text(None, "新华社电", None, None)
    '新华社电'
    """
    return text


__all__ = ["Word", "OcrLine", "OcrPage", "Reading", "layout", "join_words", "clip_words"]
