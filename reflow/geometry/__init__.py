"""Geometry of OCR pages: reading order, words rejoined and paragraph evidence, from boxes.

The readers of ``ocrxml`` turn hOCR, ALTO and PAGE XML into ``OcrPage``s (lines of
words with boxes); this package turns those into the ``Line``s the stages work on:

- stray glyphs (a column rule read as ``|``) leave the text and are recorded (O704);
- the page is cut into modules, bands and columns by its white space (XY-cut:
  modules side by side at vertical white space as wide as the space between
  bands that no line crosses, rows of the page at gaps wider than the leading, columns at gutters that no word crosses,
  or, where the engine filled a narrow gutter, that most rows show as a wide gap
  at one x),
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
``Line.font_size`` and ``Line.bbox``.

The package holds, a module each: ``ocrpage`` (the page model read from XML,
``Item``: a line or a piece of one with its box, and the page's measures),
``words`` (stray glyphs, clipped word boxes, words rejoined),
``reading_order`` (the XY-cut and the source's own orders),
``paragraph_evidence`` (indents and paragraph starts) and ``page``
(``layout``: all of it over each page, and the events it records). Every
public name of the one module ``geometry`` was is importable from here.

>>> words = [Word("新", (0, 0, 50, 50)), Word("华", (52, 0, 102, 50)), Word("社", (104, 0, 154, 50))]
>>> page = OcrPage(1, [OcrLine(words, (0, 0, 154, 50), 1)])
>>> [l.text for l in layout([page]).lines]
['新华社']
"""
from __future__ import annotations

from .ocrpage import OcrLine, OcrPage, Reading, Word
from .page import layout
from .words import clip_words, join_words

# the other names of the one module this package once was, still reflow.geometry.NAME
from .ocrpage import Box, Item, body_em, split_wide  # noqa: F401
from .page import geometry_text  # noqa: F401
from .paragraph_evidence import paragraphs  # noqa: F401
from .reading_order import Block, Cutter, region_order, source_order  # noqa: F401
from .words import strays  # noqa: F401

__all__ = ["Word", "OcrLine", "OcrPage", "Reading", "layout", "join_words", "clip_words"]
