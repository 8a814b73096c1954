"""Paragraph evidence of an OCR page (O702): first-line indents and paragraph starts.

Holds ``paragraphs``, which gives every line its indent in em against its
column's edges and ``start`` where the geometry shows a paragraph start (an
indent, a short last line above, a larger size, a line set apart), with the
reason. It does not join lines into paragraphs: the assemble stage does,
with this evidence.
"""
from __future__ import annotations

from .. import chars
from .ocrpage import Item, _median, _size
from .reading_order import Block

_SENTENCE_END = set(chars.CLASSES["sentence_end"]) | set("」』”）)")   # a sentence end, or its closing mark
_NO_PAR_END = set("，、；：,;:") | chars.LINE_HYPHENS | chars.NO_LINE_END


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
    leading: dict[int, float] = {}
    for key, col in columns.items():
        gaps = [b.y0 - a.y1 for a, b in zip(col, col[1:])
                if b.y0 >= a.y1 - 0.5 * a.height and min(a.x1, b.x1) > max(a.x0, b.x0)]
        leading[key] = _median(gaps) if len(gaps) >= 4 else -1.0
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
    spaced = p.get("spaced_ratio", 0.0)
    for b in blocks:
        lead = leading.get(b.column, -1.0)
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
            elif _set_apart_below(prev, it, p.get("apart_lines", 4.0)):
                it.start, it.why = True, "a line far below the last, beside it: a picture between"
            elif lo <= offset <= hi:
                it.start, it.why = True, "first-line indent of %.1f em" % offset
            elif spaced > 0 and lead >= 0 and prev.text[-1:] in _SENTENCE_END and \
                    it.y0 - prev.y1 > max(spaced * lead, lead + 0.3 * min(it.height, prev.height)) and \
                    min(it.x1, prev.x1) > max(it.x0, prev.x0):
                it.start, it.why = True, "space between paragraphs over it"
            else:
                p_off, p_short, p_known = measure[id(prev)]
                it.start = p_known and p_short >= short_min and prev.text[-1:] not in _NO_PAR_END and \
                    not _goes_on(prev, it, p)
                it.why = "the line above stops %.1f em short" % p_short if it.start else ""
            prev, prev_unit = it, unit



def _goes_on(above: Item, it: Item, p: dict) -> bool:
    """Does a paragraph go on past a short line, its evidence notwithstanding?
    A line that stops short inside a paragraph (not its first line) on a Han
    character, no mark after it, stops mid-sentence: the engine lost glyphs
    at its end, or read a wide gap in it as the line's end, and a paragraph
    of Chinese print ends on a mark. Not where the line under it stands
    farther below than the column's leading (``goes_on_gap`` of a line's
    height): a unit set apart under it (a crosshead under a note whose
    closing mark the engine lost)."""
    ratio = p.get("goes_on_gap", 0.0)
    if ratio <= 0 or above.start or not ("\u3400" <= above.text[-1:] <= "\u9fff"):
        return False
    return it.y0 - above.y1 <= ratio * min(above.height, it.height)


def _set_apart_below(above: Item, it: Item, lines: float) -> bool:
    """Is the line far below the line read before it (more than ``lines``
    line heights) and not under it (their spans do not overlap)? A paragraph
    goes on down its own column, or from a column's foot up to the next
    column's top; a line that lies far lower and off to the side begins
    something else: a picture stands between (a caption under a photo, after
    what OCR read in the photo)."""
    gap = it.y0 - above.y1
    return gap > lines * max(it.height, 1.0) and (it.x1 <= above.x0 or it.x0 >= above.x1)
