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

import dataclasses
import re

from ..label import ends_unit
from ..model import Line
from .columns import _NO_HEAD_MARKS, _PIECE
from .head_tails import _pieces

_SENTENCE = re.compile("[。！？]")


def _kind(text: str, opens, credit) -> str | None:
    """What a piece opens: a report (its dateline), a photo's credit, or nothing."""
    if opens is not None and opens.match(text):
        return "dateline"
    if credit is not None and credit.match(text):
        return "credit"
    return None


def _bare(text: str, opens) -> int:
    """The length of a piece that is a dateline alone (本报讯, set apart from
    its text by a run of spaces), else 0."""
    m = opens.match(text) if opens is not None else None
    flat = text.replace(" ", "")
    return len(flat) if m is not None and not text[m.end():].strip() else 0


def _head_row(ps: list[tuple[int, int, str]]) -> bool:
    """Two pieces or more, none with a mark of a clause nor a sentence's end."""
    return len(ps) > 1 and not any(_NO_HEAD_MARKS.search(t) or ends_unit(t) for _, _, t in ps)


def module_heads(lines: list[Line], p: dict, opens, credit) -> dict[tuple[int, str], tuple[int, str] | None]:
    """(source line number, text) of the pieces of a page's -layout rows that
    head a module of their own, beside the headline left of them (O602
    ``module_rows``: rows below looked at, nonblank; ``module_drift``: cells
    a line's start may stand right of its headline's, its first-line
    indent). The rows looked at stop at the next band's headlines: a row
    after a blank line with no mark of a sentence that is no credit. Each
    maps to the dateline under it that opens its report (source line number,
    (the length of a piece that is a dateline alone, the piece's text with the
    next piece's, spaces dropped)), or None where a credit told it."""
    rows = int(p.get("module_rows", 0))
    if rows <= 0 or (opens is None and credit is None):
        return {}
    drift = int(p.get("module_drift", 2))
    out: dict[tuple[int, str], tuple[int, str] | None] = {}
    for i, line in enumerate(lines):
        ps = _pieces(line)
        if not _head_row(ps) or any(_kind(t, opens, credit) for _, _, t in ps):
            continue
        if i and not line.blank_before and lines[i - 1].text.strip() and \
                any(s < e0 and s0 < e for s, e, _ in ps[1:] for s0, e0, _ in _pieces(lines[i - 1])):
            continue                           # a column's line under the one above it
        below: list[tuple[int, str, int, str]] = []   # (start cell, kind, line, text) of the openers under the row
        seen = 0
        for nxt in lines[i + 1:]:
            if not nxt.text.strip():
                continue
            qs = _pieces(nxt)
            kinds = [_kind(t, opens, credit) for _, _, t in qs]
            if nxt.blank_before and not _SENTENCE.search(nxt.text) and not any(kinds):
                break                          # the next band's headlines
            # (an opener's text with the piece after it: the order stage may rejoin them)
            below += [(s, k, nxt.lineno, (_bare(t, opens), "".join(x for _, _, x in qs[n:n + 2]).replace(" ", "")))
                      for n, ((s, _, t), k) in enumerate(zip(qs, kinds)) if k]
            seen += 1
            if seen >= rows:
                break
        if not below:
            continue
        # where each phrase's cells begin for a line under it: a credit stands
        # under its photo, right of the module's left edge (the phrase's first
        # cell, less the drift); a dateline opens its column at the module's
        # left edge, which a headline centred over the module stands right
        # of: the middle of the gap between the phrase and the one before
        edge = {"credit": [s - drift for s, _, _ in ps],
                "dateline": [ps[0][0] - drift] + [min(s - drift, (e0 + s) // 2) for (_, e0, _), (s, _, _) in zip(ps, ps[1:])]}
        lo = {"credit": -1, "dateline": -1}
        for k in range(1, len(ps)):
            def zone(kind: str, left: bool) -> bool:
                return any(kind == kd and (lo[kd] <= s < edge[kd][k] if left else
                                           edge[kd][k] <= s < (edge[kd][k + 1] if k + 1 < len(ps) else 1 << 30))
                           for s, kd, _, _ in below)
            if any(zone(kd, True) and zone(kd, False) for kd in ("dateline", "credit")):
                hi = edge["dateline"][k + 1] if k + 1 < len(ps) else 1 << 30
                out[(line.lineno, ps[k][2])] = next(
                    ((q, t) for s, kind, q, t in below if edge["dateline"][k] <= s < hi and kind == "dateline"), None)
                lo = {kd: edge[kd][k] for kd in edge}
    return out


def _wrapped_end(x: Line, head: Line, dated: int, p: dict) -> bool:
    """Is line x a headline's wrapped end: at most ``module_tail_chars``
    characters with no mark of a clause, from a row between the headline's
    and the row of its report's dateline?"""
    t = x.text.strip()
    return head.lineno < x.lineno < dated and 0 < len(t) <= int(p.get("module_tail_chars", 3)) and \
        not _NO_HEAD_MARKS.search(t) and not ends_unit(t)


def _at(lines: list[Line], line: Line) -> int:
    """The index of this very line (not of an equal one)."""
    return next(k for k, x in enumerate(lines) if x is line)


def _prefix(a: str, b: str) -> bool:
    """Does one of the two texts start with the other?"""
    return a.startswith(b) or b.startswith(a)


def mark_module_heads(out: list[Line], heads: dict, tracer, p: dict | None = None) -> None:
    """Set ``module_head`` on the ordered lines cut from such pieces, on
    record; one read elsewhere than right before the line that opens its
    report with the dateline under it (a column of the module beside read
    between them) goes right before that line (O604 module_heads)."""
    if not heads:
        return
    for line in list(out):
        key = (line.lineno, line.text.strip())
        if key not in heads:
            continue
        line.module_head = True
        tracer.decide("O602", "label", line, key[1], "module head",
                      "a headline beside another on its row, over a module of its own")
        opener = heads[key]
        if opener is None:
            continue
        h = _at(out, line)
        # (the line that holds the dateline and text after it: a dateline
        # piece read apart from its text is where the order went wrong before)
        bare, text = opener[1]
        o = next((k for k, x in enumerate(out) if x.lineno == opener[0] and
                  len(x.text.replace(" ", "")) > bare and _prefix(x.text.replace(" ", ""), text)), None)
        if o is None:
            continue
        dated = out[o]
        # with its wrapped end (条”, 区): a line of a few characters
        # (module_tail_chars), no mark of a clause, from a row between the
        # headline's and the dateline's, wherever it was read
        tail = next((x for k, x in enumerate(out) if k != h and k != o and
                     _wrapped_end(x, line, opener[0], p or {})), None)
        run = [line] if tail is None else [line, tail]
        if _at(out, dated) - _at(out, line) == len(run) and (tail is None or _at(out, tail) == h + 1):
            continue                           # read in place already
        for x in run:
            del out[_at(out, x)]
        o = _at(out, dated)
        out[o:o] = run
        o += len(run) - 1
        tracer.decide("O604", "move", line, key[1], out[o].text.strip()[:8] + "\u23ce" + out[o + 1].text.strip()[:6],
                      "a module's headline read right before its report's dateline under it")



def glue_datelines(lines: list[Line], opens, gap_min: int = 3, tracer=None) -> list[Line]:
    """A dateline alone (本报讯), set apart from its report's first words by a
    run of spaces (the ideographic space print sets after it, which -layout
    prints as cells), opens that text on its column line: it is no column's
    line of its own, and read apart it lands wherever the search puts it.
    The run becomes one space, and the cells it gave up follow the text, so
    every other piece of the row keeps its start cell (O602 dateline_gap; a
    run of ``gap_min`` spaces or more, the gap that cuts a -layout row)."""
    if opens is None:
        return lines
    out = list(lines)
    for k, line in enumerate(out):
        text = line.text
        ms = list(_PIECE.finditer(text))
        new = text
        for m, n in zip(reversed(ms[:-1]), reversed(ms[1:])):
            d = opens.match(m.group())
            gap = n.start() - m.end()
            if d is None or m.group()[d.end():].strip() or gap < gap_min:
                continue
            tail = new[n.end():]
            new = new[:m.end()] + " " + new[n.start():n.end()] + (" " * (gap - 1) + tail if tail.strip() else tail)
        if new != text:
            out[k] = dataclasses.replace(line, text=new)
            if tracer is not None:
                tracer.decide("O602", "join", line, text.strip(), new.strip(),
                              "a dateline set apart from its text by a run of spaces")
    return out
