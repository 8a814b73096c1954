"""O602 module_heads: the headlines of modules set side by side on one
``pdftotext -layout`` row, told from the phrases of one headline.

A row of phrases with no mark of a clause, printed far apart, is either one
headline set across its columns (首场降雪来临 … 环卫工人彻夜除雪) or the
headlines of two modules set side by side, each over its own rectangle
(风筝节上“巨龙”腾空 … 高温下的“城市美容师”). The gap between them does not
tell: a wide headline's phrases may stand as far apart as two modules'
headlines. What stands under them does: each module opens its own report
(a dateline) or prints its own photo (a credit), and one headline's report
opens once. A phrase under whose cells (to the next phrase) a line opens
with a dateline or is a credit, while the cells left of it (back to the
previous module's headline) hold a line of the same kind, heads a module of
its own. ``module_heads`` finds such phrases on a page's raw rows;
``mark_module_heads`` sets ``Line.module_head`` on the lines the order stage
cut from them (G504 then never joins them to the headline before them).
"""
from __future__ import annotations

import re

from ..label import ends_unit
from ..model import Line
from .columns import _NO_HEAD_MARKS
from .head_tails import _pieces

_SENTENCE = re.compile("[。！？]")


def _kind(text: str, opens, credit) -> str | None:
    """What a piece opens: a report (its dateline), a photo's credit, or nothing."""
    if opens is not None and opens.match(text):
        return "dateline"
    if credit is not None and credit.match(text):
        return "credit"
    return None


def _head_row(ps: list[tuple[int, int, str]]) -> bool:
    """Two pieces or more, none with a mark of a clause nor a sentence's end."""
    return len(ps) > 1 and not any(_NO_HEAD_MARKS.search(t) or ends_unit(t) for _, _, t in ps)


def module_heads(lines: list[Line], p: dict, opens, credit) -> set[tuple[int, str]]:
    """(source line number, text) of the pieces of a page's -layout rows that
    head a module of their own, beside the headline left of them (O602
    ``module_rows``: rows below looked at, nonblank; ``module_drift``: cells
    a line's start may stand right of its headline's, its first-line
    indent). The rows looked at stop at the next band's headlines: a row
    after a blank line with no mark of a sentence that is no credit."""
    rows = int(p.get("module_rows", 0))
    if rows <= 0 or (opens is None and credit is None):
        return set()
    drift = int(p.get("module_drift", 2))
    out: set[tuple[int, str]] = set()
    for i, line in enumerate(lines):
        ps = _pieces(line)
        if not _head_row(ps):
            continue
        below: list[tuple[int, str]] = []     # (start cell, kind) of the openers under the row
        seen = 0
        for nxt in lines[i + 1:]:
            if not nxt.text.strip():
                continue
            qs = _pieces(nxt)
            kinds = [_kind(t, opens, credit) for _, _, t in qs]
            if nxt.blank_before and not _SENTENCE.search(nxt.text) and not any(kinds):
                break                          # the next band's headlines
            below += [(s, k) for (s, _, _), k in zip(qs, kinds) if k]
            seen += 1
            if seen >= rows:
                break
        if not below:
            continue
        lo = -1
        for k in range(1, len(ps)):
            x = ps[k][0] - drift
            hi = ps[k + 1][0] - drift if k + 1 < len(ps) else 1 << 30
            left = {kind for s, kind in below if lo <= s < x}
            right = {kind for s, kind in below if x <= s < hi}
            if left & right:
                out.add((line.lineno, ps[k][2]))
                lo = x
    return out


def mark_module_heads(out: list[Line], heads: set[tuple[int, str]], tracer) -> None:
    """Set ``module_head`` on the ordered lines cut from such pieces, on record."""
    if not heads:
        return
    for line in out:
        if (line.lineno, line.text.strip()) in heads:
            line.module_head = True
            tracer.decide("O602", "label", line, line.text.strip(), "module head",
                          "a headline beside another on its row, over a module of its own")
