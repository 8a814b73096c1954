"""The OCR page model: words, lines and pages with boxes from OCR XML, and items cut from them.

Holds ``Word``, ``OcrLine``, ``OcrPage`` (what the readers of ``ocrxml``
build), ``Reading`` (what a geometry reading gives the pipeline), ``Item``
(a printed column line: a whole OCR line or a piece of one, with its box),
the items of a page (``_items``, ``split_wide`` at gaps no printed line has)
and the page's measures (``body_em``, a line's type size). It takes no
decision on order, words or paragraphs: ``reading_order``, ``words`` and
``paragraph_evidence`` do.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import re

from ..chars import em_width
from ..model import Event, Line, Removal

Box = tuple[float, float, float, float]
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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


def join_display(items: list[Item], sizes: float, p: dict) -> list[tuple[Item, Item]]:
    """Join the two lines an engine made of one line of display type: side by
    side on one row, both of a headline's size (``span_ratio`` times the
    page's text or more) and of one size, parted by less than
    ``display_gap_em`` of their own em. Print sets no two units that close in
    display type but a headline's phrases (other headlines on the row stand a
    gutter or more apart, and the running head's pieces are not display
    type); the engine parts them where it misreads a glyph or a quote mark of
    the line as a line of its own. The joined line spans the gutters under it
    as the printed one does, instead of its pieces being read into the
    columns under them. A piece with no Han character (letters OCR read off
    display type, or a photo) is left to the label stage's noise rules. Items
    are joined in place; the pairs joined are
    returned (left piece, right piece)."""
    limit = p.get("display_gap_em", 0.0)
    span = p.get("span_ratio", 1.35) * sizes
    if limit <= 0 or sizes <= 0:
        return []
    joined: list[tuple[Item, Item]] = []
    changed = True
    while changed:
        changed = False
        heads = sorted((it for it in items if it.words and all(_valid(w.box) for w in it.words) and
                        _size(it) >= span and any(_HAN.search(w.text) for w in it.words)),
                       key=lambda it: it.x0)
        for a in heads:
            for b in heads:
                if a is b or a.line is b.line or b.x0 < a.x0:
                    continue
                sa, sb = _size(a), _size(b)
                gap = b.x0 - a.x1
                overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
                if max(sa, sb) > 1.25 * min(sa, sb) or overlap < 0.7 * min(a.height, b.height) or \
                        not -0.2 * min(sa, sb) <= gap <= limit * min(sa, sb) or \
                        any(o is not a and o is not b and o.x0 < b.x0 and o.x1 > a.x1 and
                            min(o.y1, a.y1) > max(o.y0, a.y0) for o in items):
                    continue
                merged = Item(a.line, a.words + b.words, _union([a.box, b.box]), a.page, a.piece + 1)
                items[items.index(a)] = merged
                items.remove(b)
                joined.append((a, b))
                changed = True
                break
            if changed:
                break
    return joined


def _no_geometry(page: OcrPage) -> list[Item]:
    """Lines without usable boxes keep the source's order."""
    return [Item(line, list(line.words), (0.0, float(k), 1.0, k + 1.0), page.number)
            for k, line in enumerate(page.lines)]


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
    # (``_valid`` inline: a line's size is asked for of every line, many times)
    heights = [b[3] - b[1] for w in it.words if (b := w.box) is not None and b[2] > b[0] and b[3] > b[1]]
    if heights:
        heights.sort()
        size = min(size, heights[len(heights) // 2])
    fs = it.line.font_size
    # the font size can only lower a size above it: where the size is no
    # greater, the glyphs' test cannot change it and is not asked
    if it.line.font_px and fs and size > fs and not _glyphs_outgrow(it, fs):
        size = min(size, fs)
    return size


def _glyphs_outgrow(it: Item, fs: float, ratio: float = 1.4) -> bool:
    """Are the line's Han glyphs boxed far taller than the size the engine
    gave the line? A Han glyph fills its em square, so its box is the type
    size; an engine that estimates a row's size from its small marks (the
    quotes round a phrase of a headline it read apart from the rest) gives a
    display line the size of body text. Only glyphs whose boxes agree, two
    at least, measure it: a box that swallowed ink beside it is no measure."""
    hs = sorted(w.box[3] - w.box[1] for w in it.words if _valid(w.box) and _HAN.search(w.text))
    # glyph boxes that agree (a box swallowing a neighbour's ink is no measure)
    return len(hs) >= 2 and hs[-1] <= 1.2 * hs[0] and hs[0] >= ratio * fs

