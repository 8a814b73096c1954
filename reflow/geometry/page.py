"""The geometry of one OCR page after another: ``layout``, from ``OcrPage``s to ``Line``s.

Holds ``layout`` (per page: stray glyphs out, word boxes clipped, items and
their text, the reading order, the paragraph evidence, then the lines and
their O701, O702 and O703 events) and ``geometry_text``, the geometry rules'
no-op on a bare text. It holds none of the measures itself: the modules
beside it do.
"""
from __future__ import annotations

from ..chars import em_width
from ..engine import mechanism
from ..model import Event, Line, Removal
from .ocrpage import (Item, OcrPage, Reading, _items, _median, _no_geometry, _size, body_em,
                      join_display, split_wide)
from .paragraph_evidence import paragraphs
from .reading_order import Block, Cutter, region_order, source_order
from .words import clip_words, join_words, strays

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
        if geometric and p_order is not None:
            for a, b in join_display(items, sizes, p_order):
                left, right = _line_text(a, p_glue), _line_text(b, p_glue)
                reading.events.append(Event("O701", "move", b.page, b.line.seq, 0, _bound(right),
                                            _bound(left + " \u2016 " + right),
                                            "one line of display type the engine read in two, joined"))
            for it in items:
                if it.piece:
                    it.text = _line_text(it, p_glue)
        blocks = None
        cutter = None
        if geometric and p_order is not None:
            if p_order.get("trust_reading_order", True):
                blocks = region_order(page, items)
            if blocks is None:
                cutter = Cutter(em, sizes, p_order)
                blocks = cutter.order(items)
                for it, mark in cutter.marks:
                    reading.removed.append(Removal(mark, "O701", it.page, it.line.seq, "gutter-mark"))
                    reading.events.append(Event("O701", "remove", it.page, it.line.seq, 0, mark, "",
                                                "a gutter read as a glyph"))
        if blocks is None:
            blocks = source_order(items)
        # pieces cut at a gutter get their own text
        for b in blocks:
            for it in b.items:
                if it.piece or len(it.words) != len(it.line.words):
                    it.text = _line_text(it, p_glue)
            b.items = [it for it in b.items if it.text]
        for it, pieces in (cutter.splits if cutter is not None else ()):
            texts = [p.text or _line_text(p, p_glue) for p in pieces]
            cut = " \u2016 ".join([texts[0][-12:]] + [t[:12] for t in texts[1:-1]] + [texts[-1][:12]])
            reading.events.append(Event("O701", "move", it.page, it.line.seq, 0, _bound(it.text),
                                        cut, "merged column lines cut at a gutter the rows' gaps show"))
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

