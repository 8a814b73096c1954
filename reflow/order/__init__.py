"""The order stage: reading order restored from plain text, before lines are joined.

Extractors scramble multi-column pages in three ways that plain text still shows:
``pdftotext -layout`` puts the columns of a row side by side on one text line
(O602), default ``pdftotext`` merges lines of neighbouring columns across a
narrow gutter with a single space (O601), and pdfminer, default ``pdftotext``
and line-level OCR interleave column lines row by row (O603). Per page, this
stage cuts text lines into fragments (one printed column line each), decodes
which column stream each fragment belongs to with a bounded beam (the
column's measure, the start cell of a -layout piece, sentence continuity, the
document's own character n-grams, rows read left to right), puts the streams
in reading order (O604: by position on -layout pages, else by the
continuation of a column's last line in another's first) and rewrites
``state.lines`` — only on a page that shows the damage: a -layout page, merged
lines cut row after row, or interleaving with clearly better seams. Pieces of
one line that stay neighbours are put back together. Split lines keep their
source ``lineno``; every cut and every changed neighbour is a ``move`` event.
It does not decide paragraph breaks: ``assemble`` does, helped by the
first-line indents a -layout page shows.

OCR text that merged two columns (Tesseract's plain text of a narrow gutter)
is cut first, at the near-constant offset of its runs of rows, and read
column by column, the marks the gutter was read as recorded as removed (O605).
A page that reads on line by line but was printed box by box with its boxes
out of order has each block that stops inside a word followed by the one
block that completes the word (O606). A page of merged lines cut row
after row (default pdftotext) is read as grids of columns: each text line's
pieces on one row of neighbouring columns, each column's lines in the
order printed (O607). Where default pdftotext printed a column in pieces
apart (rows of columns side by side a line a block, the rest of each column
in blocks of its own), each piece that stops mid-sentence goes on in the
piece that continues it (O608). A large headline's last characters that
-layout printed as a lone piece some rows below it go back at its end (O611).

The package holds, a module each: ``gutter`` (OCR's merged column lines,
O605), ``blocks`` (blocks printed out of order, O606), ``columns`` (text lines cut into
fragments, the column measures, -layout detection), ``decoder`` (the
evidence that one fragment continues another, and the beam that assigns
fragments to streams), ``grid`` (the grids of columns of a page of merged
lines, O607), ``streams`` (the streams put in reading order), ``pieces`` (a
column's pieces printed apart read on into each other, O608), ``head_tails``
(a large headline's wrapped tail put back, O611) and
``stage`` (``run``: a page's damage judged, the new order emitted with its
events). Every name they make public is importable from here.

>>> from reflow.read import lines_from_text
>>> from reflow.pipeline import clean
>>> clean("第一栏的第一行文字写到\\n这里为止。").articles[0].paragraphs[0].text
'第一栏的第一行文字写到这里为止。'
"""
from __future__ import annotations

from .columns import Frag, column_widths, fragments, layout_page, split_merged
from .decoder import Decoder, Evidence, Hyp, Stream, indented_page
from .grid import grid_order
from .stage import order_text, run, seam_hits
from .streams import order_by_position, order_streams

__all__ = ["Frag", "column_widths", "fragments", "layout_page", "split_merged", "Decoder",
           "Evidence", "Hyp", "Stream", "indented_page", "grid_order", "order_text", "run", "seam_hits",
           "order_by_position", "order_streams"]
