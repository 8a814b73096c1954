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

>>> from reflow.read import lines_from_text
>>> from reflow.pipeline import clean
>>> clean("第一栏的第一行文字写到\\n这里为止。").articles[0].paragraphs[0].text
'第一栏的第一行文字写到这里为止。'
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from . import chars
from .chars import em_width
from .engine import State, mechanism
from .label import ends_unit, paragraph_lines
from .model import Line

_NO_START = set(chars.CLASSES["no_line_start"].replace("\\", ""))
_NO_END = set(chars.CLASSES["no_line_end"].replace("\\", ""))
_PUNCT = set(chars.CLASSES["cjk_punct"]) | set(",.;:!?()[]'\"-")
_RUN = re.compile(r"\S+")
_GAP = re.compile(r" +")
_LATIN_START = re.compile(chars.cls("latin"))
_HYPHEN_END = re.compile(chars.cls("alnum") + "[-\u2010\u00ad]$")


# ---------------------------------------------------------------- fragments
@dataclass(slots=True)
class Frag:
    """One printed column line: a whole text line or a piece cut from one."""
    text: str            # as printed, inner spaces kept
    line: Line           # the source line (provenance)
    row: int             # index of the source line on its page
    x: int | None        # start cell in a -layout line, else None
    width: float         # em, spaces ignored
    spaced: bool         # letter-spaced: a stretched (so full) justified line
    indent: float = 0.0  # first-line indent seen in a -layout line, em
    piece: int = 0       # index of the piece in its source line
    start: int = 0       # span of the piece in the source line's text
    end: int = 0
    upto: int = -1       # last piece index when pieces were put back together
    flat: str = ""       # the text without spaces
    merged: bool = False  # cut from its line at a single space (O601)
    blank: int = 0        # blank source lines between its row and the row before


def _spaced(text: str) -> bool:
    """A justified line letter-spaced by the extractor: `价 将 与 普 通`."""
    toks = text.split()
    if len(toks) < 4:
        return False
    single = sum(1 for t in toks if em_width(t) <= 1.5)
    return single >= 0.6 * len(toks)


def _frag(text: str, line: Line, row: int, x: int | None, piece: int,
          start: int = 0, end: int = 0) -> Frag:
    return Frag(text, line, row, x, em_width(text), _spaced(text), 0.0, piece, start,
                end or len(line.text), -1, text.replace(" ", ""))


def _cells(text: str) -> list[tuple[int, int]]:
    """Spans of the runs a column gap may separate: letter-spaced runs of single
    characters stay together (a gap needs a longer run on one side)."""
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    if not runs:
        return []
    cells = [list(runs[0])]
    for (s0, e0), (s1, e1) in zip(runs, runs[1:]):
        left, right = text[s0:e0], text[s1:e1]
        if _HYPHEN_END.search(left) and len(left) > 1:
            cells.append([s1, e1])       # a word broken at a line end ends its column line
        elif _HYPHEN_END.search(right) and len(right) > 1 or \
                em_width(left) <= 1.5 and em_width(right) <= 1.5:
            cells[-1][1] = e1            # inside a letter-spaced run, or the broken word
        else:
            cells.append([s1, e1])
    return [(s, e) for s, e in cells]


def _split_widths(widths: list[float], width: float, p: dict) -> tuple[float, list[int]] | None:
    """Best cut of cells of these widths into column lines of ``width`` em:
    (cost, indices after which to cut), or None when no cut fits."""
    over = p.get("over_tolerance", 1.5)
    n = len(widths)
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for j in range(1, n + 1):
        w = 0.0
        for i in range(j - 1, -1, -1):
            w += widths[i]
            if w > width + over:
                break
            if best[i] is None:
                continue
            cost = best[i][0] + max(0.0, width - w) ** 1.5 + p.get("cut_cost", 0.5)
            cuts = best[i][1] + ([i - 1] if i else [])
            if best[j] is None or cost < best[j][0] - 1e-9:
                best[j] = (cost, cuts)
    return best[n]


def _cell_widths(text: str, p: dict) -> list[int]:
    """The rounded widths of a line's cells that are wide enough to be a column line."""
    low = p.get("min_column", 5.0)
    return [round(w) for w in (em_width(text[s:e]) for s, e in _cells(text)) if w >= low]


def column_widths(texts: list[str], p: dict) -> list[float]:
    """The column widths of a page: modes of the widths of its cells (runs no
    column gap can split), the full lines of each column being the most frequent."""
    hist: collections.Counter = collections.Counter()
    for text in texts:
        hist.update(_cell_widths(text, p))
    return _modes(hist, p)


def _local_widths(texts: list[str], radius: int, p: dict) -> list[list[float]]:
    """column_widths of the rows within ``radius`` of each row, in one sliding pass."""
    cells = [_cell_widths(t, p) for t in texts]
    hist: collections.Counter = collections.Counter()
    for r in range(min(radius + 1, len(texts))):
        hist.update(cells[r])
    out = []
    for r in range(len(texts)):
        out.append(_modes(hist, p))
        if r + radius + 1 < len(texts):
            hist.update(cells[r + radius + 1])
        if r - radius >= 0:
            hist.subtract(cells[r - radius])
    return out


def _modes(hist: collections.Counter, p: dict) -> list[float]:
    support = p.get("mode_support", 3)
    modes = []
    for w, c in hist.items():
        if c >= support and c >= hist.get(w - 1, 0) and c >= hist.get(w + 1, 0) and \
                c >= hist.get(w - 2, 0) * 0.5 and hist.get(w + 2, 0) <= c:
            modes.append(float(w))   # not the first lines (two em short) of a wider measure
    return sorted(modes)


def split_merged(text: str, modes: list[float], p: dict) -> list[tuple[int, int]]:
    """Spans of the column lines a merged text line holds (one span when it fits
    one column).

    >>> split_merged("士从星海高铁站出发，途 公司技术总监韩冬介绍， 在新闻里看过无人驾驶，", [11.0], {})
    [(0, 11), (12, 23), (24, 35)]
    """
    cells = _cells(text)
    whole = [(cells[0][0], cells[-1][1])] if cells else []
    if len(cells) < 2 or not modes:
        return whole
    total = em_width(text)
    if total <= max(modes) + p.get("over_tolerance", 1.5):
        return whole
    widths = [em_width(text[s:e]) for s, e in cells]
    found = None
    for w in sorted(modes, reverse=True):   # the widest measure that fits: fewest cuts
        found = _split_widths(widths, w, p)
        if found is not None:
            break
    if found is None:
        return whole
    out, start = [], 0
    for c in found[1] + [len(cells) - 1]:
        out.append((cells[start][0], cells[c][1]))
        start = c + 1
    return out


# ---------------------------------------------------------------- detection
def layout_page(lines: list[Line], p: dict) -> bool:
    """Does the page look like ``pdftotext -layout``: columns side by side,
    separated by runs of spaces, on a good share of its lines?"""
    gap = re.compile(r"\S {%d,}\S" % int(p.get("gap_spaces", 3)))
    long = [l for l in lines if em_width(l.text) >= p.get("min_line", 6.0)]
    if len(long) < p.get("min_lines", 6):
        return False
    wide = sum(1 for l in long if gap.search(l.text))
    return wide >= p.get("layout_share", 0.25) * len(long)


def fragments(lines: list[Line], layout: bool, rules) -> tuple[list[Frag], int]:
    """Cut the page's lines into column lines; returns (fragments, cuts made)."""
    # the column measures are measured whether or not merged lines are cut (O601)
    p1 = rules.rules["O601"].params if "O601" in rules.rules else {}
    cut_merged = rules.on("O601")
    p2 = rules.rules["O602"].params if layout else {}
    texts = [l.text for l in lines]
    radius = int(p1.get("local_rows", 8))
    page_modes = column_widths(texts, p1)
    near = _local_widths(texts, radius, p1)
    local = [sorted(set(page_modes) | set(m)) for m in near]
    out: list[Frag] = []
    cuts = 0
    blanks = [0] * len(lines)
    for r in range(1, len(lines)):
        blanks[r] = blanks[r - 1] + lines[r].blank_before
    big_gap = re.compile(" {%d,}" % int(p2.get("split_spaces", 2))) if layout else None
    for row, line in enumerate(lines):
        lead = int(round(line.indent * 2)) if layout else 0
        pieces = [(0, len(line.text))]
        if big_gap is not None:
            pieces, s = [], 0
            for m in big_gap.finditer(line.text):
                pieces.append((s, m.start()))
                s = m.end()
            pieces.append((s, len(line.text)))
        spans = []
        single: set[int] = set()     # starts of pieces cut at a single space
        for s, e in pieces:
            sub = line.text[s:e]
            got = split_merged(sub, local[row], p1) if cut_merged else [(0, len(sub))]
            got = [(a, b) for a, b in got if sub[a:b].strip()]
            single.update(s + a for a, b in got[1:])
            spans.extend((s + a, s + b) for a, b in got)
        if layout:
            spans = _join_stray(line.text, spans, p2)
            if len(spans) > 1 and not any(_column_line(line.text[s:e], near[row], p2)
                                          for s, e in spans):
                spans = [(spans[0][0], spans[-1][1])]   # a head row: phrases, not columns
        cuts += len(spans) - 1
        for k, (s, e) in enumerate(spans):
            frag = _frag(line.text[s:e].strip(), line, row, lead + s if layout else None, k, s, e)
            frag.merged = s in single
            frag.blank = blanks[row]
            out.append(frag)
    return out, cuts


def _column_line(text: str, modes: list[float], p: dict) -> bool:
    """Could this piece be a line of a column: about as wide as a measure of
    the rows around it (a full line, or a first line two em short), or the
    end of a sentence (a paragraph's last line)?"""
    piece = text.strip()
    if ends_unit(piece.replace(" ", "")):
        return True
    w = em_width(piece)
    tol = p.get("over_tolerance", 1.5)
    return any(m - 2.0 - tol <= w <= m + tol for m in modes)


def _join_stray(text: str, spans: list[tuple[int, int]], p: dict) -> list[tuple[int, int]]:
    """A stretched -layout line may leave a lone mark or character far from the
    rest of its line (`（           vehicle-to-`, `发    布 期`): a piece of at most
    ``stray_width`` em that cannot end a line goes with the piece after it."""
    out: list[list[int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        piece = text[s:e].strip()
        if i + 1 < len(spans) and em_width(piece) <= p.get("stray_width", 1.0) and \
                not ends_unit(piece) and spans[i + 1][0] - e <= p.get("stray_gap", 14):
            spans[i + 1] = (s, spans[i + 1][1])
            i += 1
            continue
        out.append([s, e])
        i += 1
    return [(s, e) for s, e in out]


# ---------------------------------------------------------------- evidence
class Evidence:
    """Link scores between fragments: does b continue a?"""

    def __init__(self, frags: list[Frag], p: dict) -> None:
        self.p = p
        self.frags = frags
        grams: collections.Counter = collections.Counter()
        for f in frags:
            t = f.flat
            for k in (2, 3):
                for i in range(len(t) - k + 1):
                    grams[t[i:i + k]] += 1
        self.grams = grams
        self.end_mid = [not ends_unit(f.flat) for f in frags]
        self.indents = indented_page(frags, p)
        modes = column_widths([f.text for f in frags], {"min_column": p.get("long_line", 5.0),
                                                         "mode_support": p.get("mode_support", 3)})
        self.measure = [_nearest_measure(f.width, modes, p) for f in frags]

    def shape(self, i: int, j: int) -> float:
        """Paragraph shape across a seam, on a page with first-line indents:
        after a short line that ends a sentence comes a line two em short of
        the measure; after a full line that stops mid-sentence, no such line."""
        if not self.indents:
            return 0.0
        a, b, p = self.frags[i], self.frags[j], self.p
        m = self.measure[j]
        if m is None or b.spaced or self.measure[i] != m:
            return 0.0
        tol = p.get("full_tolerance", 0.75)
        full = abs(b.width - m) <= tol
        first = abs(b.width - (m - 2.0)) <= tol
        a_full = a.spaced or abs(a.width - m) <= tol
        a_short = not a.spaced and a.width < m - p.get("short_tolerance", 1.5)
        w = p.get("w_first", 1.0)
        if not self.end_mid[i] and a_short:
            return w if first else -2 * w if full else 0.0
        if self.end_mid[i] and a_full:
            return -w if first else 0.0
        return 0.0

    def ngram(self, a: Frag, b: Frag) -> float:
        """The document's own n-grams across the seam (`自动驾|驶公交`): a known
        bigram is about twenty times likelier on a true seam than between
        unrelated lines; a known trigram adds to it."""
        ta, tb = a.flat[-2:], b.flat[:2]
        if not ta or not tb:
            return 0.0
        g, p = self.grams, self.p
        if ta[-1] in _PUNCT or tb[0] in _PUNCT:
            return 0.0                   # marks pair with anything: no evidence
        if g.get(ta[-1] + tb[0], 0) == 0:
            return -p.get("ngram_absent", 0.2)
        score = p.get("ngram_bigram", 2.5)
        if len(ta) == 2 and g.get(ta + tb[0], 0) > 0 or len(tb) == 2 and g.get(ta[-1] + tb, 0) > 0:
            score += p.get("ngram_trigram", 1.0)
        return score

    def seam(self, i: int, a: Frag, b: Frag, j: int | None = None) -> float:
        """Sentence continuity of a → b: a mark that may not start a line needs a
        line that ended mid-sentence before it."""
        p = self.p
        s = p.get("w_ngram", 1.0) * self.ngram(a, b)
        if j is not None and i >= 0:
            s += self.shape(i, j)
        bt = b.flat
        if bt and bt[0] in _NO_START:
            s += p.get("w_no_start", 2.0) if self.end_mid[i] else -p.get("w_no_start", 2.0)
        if a.flat and a.flat[-1] in _NO_END:
            s += p.get("w_no_start", 2.0) * 0.5
        if _HYPHEN_END.search(a.flat):       # `know-` goes on with `ledge`, not with Han
            s += p.get("w_hyphen", 2.0) * (1 if _LATIN_START.match(bt) else -1)
        return s


def _nearest_measure(width: float, modes: list[float], p: dict) -> float | None:
    """The column measure a line of this width belongs to: the narrowest that
    holds it."""
    for m in modes:
        if width <= m + p.get("full_tolerance", 0.75):
            return m
    return None


def indented_page(frags: list[Frag], p: dict) -> bool:
    """Does the page set paragraphs with a first-line indent? Then a share of its
    lines is two em narrower than a column measure."""
    widths = [f.width for f in frags if not f.spaced and f.width >= p.get("long_line", 5.0)]
    hist = collections.Counter(round(w * 2) / 2 for w in widths)
    if not widths:
        return False
    top = [w for w, c in hist.items() if c >= p.get("mode_support", 3)]
    first = 0
    for w in widths:
        if any(1.5 <= m - w <= 2.5 and hist[m] >= 2 * hist[round(w * 2) / 2] for m in top):
            first += 1
    return first >= p.get("indent_share", 0.04) * len(widths)


# ---------------------------------------------------------------- decoding
@dataclass(slots=True, frozen=True)
class Stream:
    """An open column stream of a hypothesis: its last fragment and its measure."""
    sid: int
    tail: int            # index of its last fragment
    width: float         # the column measure, em (from ``recent``)
    x: int | None        # start cell of its last fragment (-layout)
    n: int               # members
    recent: tuple = ()   # widths of its last few unspaced members
    rank: float = 0.0    # left-to-right place among the streams


def _measure(recent: tuple) -> float:
    """A stream's measure: its widest recent line, unless that one is far wider
    than all others (a headline that ran into the column)."""
    if not recent:
        return 0.0
    top = sorted(recent)
    if len(top) >= 4 and top[-1] - top[-2] > 3.0:
        return top[-2]                   # one line far wider: a headline, not the column
    return top[-1]


def _grow(s: "Stream | None", sid: int, j: int, b: "Frag", rank: float = 0.0) -> "Stream":
    recent = () if s is None else s.recent
    if not b.spaced:
        recent = (recent + (b.width,))[-6:]
    x = b.x if b.x is not None or s is None else s.x
    return Stream(sid, j, _measure(recent), x, 1 if s is None else s.n + 1, recent,
                  rank if s is None else s.rank)


@dataclass(slots=True)
class Hyp:
    score: float
    streams: tuple[Stream, ...]
    back: tuple | None   # (parent back, sid) — the assignment, as a linked list
    next_sid: int
    last_rank: float = 0.0  # rank of the stream of the last fragment placed
    stay: bool = True       # the last fragment went on the stream of the one before


class _Weights:
    """The search's parameters read once (the inner loop scores many moves)."""

    DEFAULTS = {"x_tolerance": 6, "x_cap": 12.0, "w_x": 0.5, "w_skip": 0.5, "skip_cap": 4,
                "w_blank": 1.5, "blank_cap": 3, "w_slot": 1.5, "wide_tolerance": 1.5,
                "w_wide": 6.0, "short_tolerance": 1.5, "w_short_mid": 1.5}

    def __init__(self, p: dict) -> None:
        for name, default in self.DEFAULTS.items():
            setattr(self, name, p.get(name, default))


class Decoder:
    """Bounded beam over assignments of fragments to column streams.

    Each fragment joins an open stream (its last fragment is the predecessor)
    or opens a new one. Work per fragment is bounded by beam × open streams,
    so a page costs time linear in its length.
    """

    def __init__(self, frags: list[Frag], layout: bool, p: dict) -> None:
        self.f = frags
        self.layout = layout
        self.p = p
        self.ev = Evidence(frags, p)
        self.ops = 0     # candidate moves scored (for the scaling test)
        self._seams: dict[tuple[int, int], float] = {}
        self.pieces = collections.Counter(f.row for f in frags)
        self.rows = not layout and any(f.piece for f in frags)
        self.k = _Weights(p)

    def _cycle(self, hyp: Hyp, s: Stream, ranks: list[float], j: int) -> float:
        """Interleaved columns come row by row, each row left to right: after a
        line of one column comes the line of the next column, or, after the
        last column, the line of the first. A well-ordered run reads down one
        column; going from one way of reading to the other has a cost."""
        if not j or len(ranks) < 2:
            return 0.0
        p = self.p
        prev = hyp.last_rank
        if s.rank == prev:                   # reading down one column
            return 0.0 if hyp.stay else -p.get("w_mode", 2.0)
        mode = 0.0 if not hyp.stay else -p.get("w_mode", 2.0)
        higher = [r for r in ranks if r > prev]
        if higher and s.rank == higher[0]:
            return mode
        if s.rank == ranks[0]:
            return mode - (p.get("w_row_end", 1.0) if higher else 0.0)
        if s.rank > prev:
            return mode - p.get("w_skip_column", 1.0) * higher.index(s.rank)
        return mode - p.get("w_skip_column", 1.0) * (ranks.index(s.rank) + (1 if higher else 0))

    def _join_score(self, hyp: Hyp, s: Stream, j: int, ranks: list[float]) -> float | None:
        f, k = self.f, self.k
        a, b = f[s.tail], f[j]
        if a.row == b.row:
            return None                      # one row, one line of each column
        if j and f[j - 1].row == b.row and s.rank <= hyp.last_rank:
            return None                      # the pieces of a row go left to right
        key = (s.tail, j)
        score = self._seams.get(key)
        if score is None:
            score = self._seams[key] = self.ev.seam(s.tail, a, b, j)
        if self.layout:
            if a.x is not None and b.x is not None:
                dx = abs(b.x - a.x)
                if dx > k.x_tolerance:
                    score -= min(k.x_cap, k.w_x * (dx - k.x_tolerance))
            # a column has a line in every row, unless a photo or a gap interrupts it,
            # and -layout prints no blank line inside a column
            score -= k.w_skip * min(b.row - a.row - 1, k.skip_cap)
            score -= k.w_blank * min(b.blank - a.blank, k.blank_cap)
        else:
            score += self._cycle(hyp, s, ranks, j)
            # merged lines keep the rows: the k-th piece of a row goes on from
            # the k-th piece of the row before when both rows hold as many
            if self.rows and a.row == b.row - 1 and a.piece == b.piece and \
                    self.pieces[a.row] == self.pieces[b.row] > 1:
                score += k.w_slot
        if s.n >= 2 and not b.spaced and b.width > s.width + k.wide_tolerance:
            score -= k.w_wide
        if s.n >= 2 and not a.spaced and a.width < s.width - 2.0 - k.short_tolerance \
                and self.ev.end_mid[s.tail] and a.flat[-1:] not in _NO_END:
            score -= k.w_short_mid               # shorter than a first line, mid-sentence
        return score

    def _new_score(self, j: int) -> float:
        b = self.f[j]
        score = -self.p.get("w_new", 3.0)
        if b.flat[:1] in _NO_START:
            score -= self.p.get("w_no_start", 2.0)
        return score

    def run(self) -> list[int]:
        """The stream id of each fragment in the best hypothesis."""
        p = self.p
        beam_size = int(p.get("beam", 16))
        horizon = int(p.get("layout_horizon", 60) if self.layout else p.get("horizon", 14))
        beam = [Hyp(0.0, (), None, 0)]
        for j, b in enumerate(self.f):
            # score every move first; build hypotheses only for the best moves,
            # until the beam holds beam_size distinct ones
            moves = []
            for hyp in beam:
                live = tuple(s for s in hyp.streams if self._alive(s, j, horizon))
                ranks = sorted(s.rank for s in live)
                moves.append((hyp.score + self._new_score(j), hyp, live, None))
                for s in live:
                    sc = self._join_score(hyp, s, j, ranks)
                    self.ops += 1
                    if sc is not None:
                        moves.append((hyp.score + sc, hyp, live, s))
            moves.sort(key=lambda m: -m[0])
            seen: set[tuple] = set()
            nxt: list[Hyp] = []
            for score, hyp, live, s in moves:
                if s is None:
                    rank = self._new_rank(hyp, live, j)
                    ns = _grow(None, hyp.next_sid, j, b, rank)
                    streams = live + (ns,)
                    nh = Hyp(score, streams, (hyp.back, hyp.next_sid), hyp.next_sid + 1, rank,
                             False)
                else:
                    ns = _grow(s, s.sid, j, b)
                    streams = tuple(ns if t.sid == s.sid else t for t in live)
                    nh = Hyp(score, streams, (hyp.back, s.sid), hyp.next_sid, s.rank,
                             s.rank == hyp.last_rank)
                order_of = sorted(streams, key=lambda t: t.rank)
                key = (nh.stay,) + tuple((t.tail, round(t.width)) for t in order_of)
                if key in seen:
                    continue   # an equal state with a score at least as good is in already
                seen.add(key)
                nxt.append(nh)
                if len(nxt) >= beam_size:
                    break
            beam = nxt
        out: list[int] = []
        node = beam[0].back
        while node is not None:
            node, sid = node
            out.append(sid)
        out.reverse()
        return out

    def _new_rank(self, hyp: Hyp, live: tuple, j: int) -> float:
        """Where a new stream stands among the others: right after the stream of
        the piece before it in its row, left of all when it opens a row of
        several pieces, right of all otherwise."""
        f = self.f
        ranks = [s.rank for s in live]
        if not ranks:
            return 0.0
        if j and f[j - 1].row == f[j].row:
            right = [r for r in ranks if r > hyp.last_rank]
            return (hyp.last_rank + min(right)) / 2 if right else hyp.last_rank + 1.0
        if j + 1 < len(f) and f[j + 1].row == f[j].row:
            return min(ranks) - 1.0
        if not self.layout and not self.rows and j:
            right = [r for r in ranks if r > hyp.last_rank]
            return (hyp.last_rank + min(right)) / 2 if right else hyp.last_rank + 1.0
        return max(ranks) + 1.0

    def _alive(self, s: Stream, j: int, horizon: int) -> bool:
        if self.layout:
            return self.f[j].row - self.f[s.tail].row <= horizon
        return j - s.tail <= horizon


# ---------------------------------------------------------------- stream order
def order_streams(frags: list[Frag], sids: list[int], ev: Evidence, p: dict,
                  link: bool) -> list[list[int]]:
    """Column streams in reading order: a stream whose last line stops mid-sentence
    goes on in the stream whose first line continues it; the rest keep the order
    of their first fragment."""
    streams: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        streams.setdefault(sid, []).append(j)
    members = list(streams.values())
    nxt: dict[int, int] = {}
    if link:
        width = [max((frags[j].width for j in m if not frags[j].spaced), default=0.0)
                 for m in members]
        pairs = []
        for a, ma in enumerate(members):
            tail = frags[ma[-1]]
            if not ev.end_mid[ma[-1]] or len(ma) < p.get("min_stream", 2):
                continue
            for b, mb in enumerate(members):
                if a == b or len(mb) < p.get("min_stream", 2):
                    continue
                head = frags[mb[0]]
                if head.flat[:1] not in _NO_START and not head.spaced and \
                        head.width < width[b] - p.get("head_tolerance", 1.5):
                    continue                 # an indented or short first line starts something
                if abs(width[a] - width[b]) > p.get("measure_tolerance", 2.0):
                    continue                 # columns of one article share a measure
                sc = ev.ngram(tail, head) + (p.get("w_no_start", 2.0) if head.flat[:1] in _NO_START else 0)
                sc -= p.get("w_distance", 0.02) * abs(mb[0] - ma[0])
                if mb[0] < ma[0] and not ev.end_mid[mb[0] - 1 if mb[0] else 0]:
                    sc -= p.get("w_backward", 0.5)
                pairs.append((sc, a, b))
        pairs.sort(key=lambda t: -t[0])
        has_prev: set[int] = set()
        for sc, a, b in pairs:
            if sc < p.get("link_min", -1.0) or a in nxt or b in has_prev:
                continue
            c = b                            # no cycles
            while c in nxt:
                c = nxt[c]
            if c == a:
                continue
            nxt[a] = b
            has_prev.add(b)
    heads = [i for i in range(len(members)) if i not in set(nxt.values())]
    chains = []
    for h in heads:
        chain, c = [h], h
        while c in nxt:
            c = nxt[c]
            chain.append(c)
        chains.append(chain)
    chains.sort(key=lambda ch: min(members[i][0] for i in ch))
    return [members[i] for ch in chains for i in ch]


def order_by_position(frags: list[Frag], sids: list[int], p: dict) -> list[list[int]]:
    """Column streams of a -layout page in reading order, from their position:
    a stream goes before one below it in the same column, and before one right
    of it in the same rows (columns left to right, then the next row of modules)."""
    streams: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        streams.setdefault(sid, []).append(j)
    members = list(streams.values())
    boxes = []
    for m in members:
        xs = sorted(frags[j].x for j in m if frags[j].x is not None) or [0]
        x0 = xs[len(xs) // 2] if len(xs) > 2 else xs[0]
        width = max(frags[j].width for j in m)
        boxes.append((x0, x0 + p.get("cells_per_em", 1.0) * width, frags[m[0]].row, frags[m[-1]].row))
    n = len(members)
    slack = p.get("x_slack", 2)
    before: list[set[int]] = [set() for _ in range(n)]
    for a in range(n):
        ax0, ax1, ar0, ar1 = boxes[a]
        for b in range(n):
            if a == b:
                continue
            bx0, bx1, br0, br1 = boxes[b]
            overlap_x = min(ax1, bx1) - max(ax0, bx0) > slack
            overlap_r = min(ar1, br1) >= max(ar0, br0)
            if overlap_x and ar1 < br0 or ax1 <= bx0 + slack and overlap_r and ax0 < bx0:
                before[b].add(a)
    done: set[int] = set()
    out = []
    while len(done) < n:
        ready = [k for k in range(n) if k not in done and before[k] <= done]
        if not ready:                           # a cycle: take the topmost, leftmost
            ready = [k for k in range(n) if k not in done]
        k = min(ready, key=lambda k: (boxes[k][2], boxes[k][0]))
        done.add(k)
        out.append(members[k])
    return out


# ---------------------------------------------------------------- stage
def _page_order(lines: list[Line], state: State) -> list[Line] | None:
    """The lines of one page in reading order, or None to leave it as it is."""
    rules = state.rules
    if not rules.on("O603") or len(lines) < 3:
        return None
    if paragraph_lines(lines):
        return None  # no columns to put in order
    if any(line.bbox is not None for line in lines):
        return None                      # lines with boxes are ordered by their geometry
    p3 = rules.rules["O603"].params
    layout = rules.on("O602") and layout_page(lines, rules.rules["O602"].params)
    frags, cuts = fragments(lines, layout, rules)
    if not layout and not _cut_rows(frags, p3) and _reads_on(frags, p3):
        return None
    dec = Decoder(frags, layout, p3)
    sids = dec.run()
    p4 = rules.rules["O604"].params if rules.on("O604") else {}
    if layout and rules.on("O604"):
        ordered = order_by_position(frags, sids, p4)
    else:
        ordered = order_streams(frags, sids, dec.ev, p4, rules.on("O604"))
    seq = [j for stream in ordered for j in stream]
    if seq == list(range(len(frags))):
        return None
    if not layout and not _damaged(frags, seq, sids, cuts, dec.ev, p3):
        return None
    return _emit(frags, seq, layout, lines, state)


def _cut_rows(frags: list[Frag], p: dict) -> bool:
    """Merged lines cut row after row (columns merge on every row of a narrow
    gutter; a lone cut is more likely a headline's spaced phrases)."""
    cut_rows = sorted({f.row for f in frags if f.piece})
    near = p.get("cut_run_gap", 2)
    in_runs = sum(1 for k, r in enumerate(cut_rows)
                  if k and r - cut_rows[k - 1] <= near or
                  k + 1 < len(cut_rows) and cut_rows[k + 1] - r <= near)
    return in_runs >= max(p.get("min_cuts", 3), p.get("cut_share", 0.05) * len(frags))


def _reads_on(frags: list[Frag], p: dict) -> bool:
    """A quick look before the search: does each line go on in the line right
    after it (the document's own bigrams across the seam) clearly more often
    than in the line two or three below (where an interleaved column's next
    line would be)? Then the page is read in order and the search is spared."""
    texts = [f.flat for f in frags if len(f.flat) >= 4]
    grams: set[str] = set()
    for t in texts:
        grams.update(t[i:i + 2] for i in range(len(t) - 1))

    def seams(k: int) -> int:
        return sum(1 for a, b in zip(texts, texts[k:])
                   if a[-1] not in _PUNCT and b[0] not in _PUNCT and a[-1] + b[0] in grams)
    here, further = seams(1), max(seams(2), seams(3))
    return here > p.get("in_order_ratio", 1.0) * further + p.get("in_order_margin", 0)


def seam_hits(frags: list[Frag], seq: list[int], ev: Evidence, p: dict) -> int:
    """Seams of long lines ending mid-sentence whose n-grams the document knows
    (about one true seam in five; almost no seam between unrelated lines)."""
    hits = 0
    long = p.get("long_line", 5.0)
    for i, j in zip(seq, seq[1:]):
        a, b = frags[i], frags[j]
        if a.width >= long and b.width >= long and ev.end_mid[i] and ev.ngram(a, b) > 0:
            hits += 1
    return hits


def _damaged(frags: list[Frag], seq: list[int], sids: list[int], cuts: int, ev: Evidence,
             p: dict) -> bool:
    """Does the page show damage: merged lines cut row after row, or columns
    interleaved (most neighbours in different streams) with clearly more
    true-looking seams in the new order than in the given one?"""
    if _cut_rows(frags, p):
        return True
    switches = sum(1 for a, b in zip(sids, sids[1:]) if a != b)
    if switches < p.get("min_switch", 0.5) * max(1, len(sids) - 1):
        return False
    old = seam_hits(frags, list(range(len(frags))), ev, p)
    new = seam_hits(frags, seq, ev, p)
    return new - old >= p.get("min_gain", 4) and new >= p.get("gain_ratio", 1.5) * old


def _rejoin(frags: list[Frag], seq: list[int]) -> tuple[list[Frag], list[int]]:
    """Pieces of one source line that stay neighbours in reading order are one
    line after all (a headline's phrases set apart by spaces, a stretched line):
    they are put back together as printed."""
    out: list[Frag] = []
    for j in seq:
        f = frags[j]
        last = out[-1] if out else None
        if last is not None and last.line is f.line and f.piece == max(last.piece, last.upto) + 1:
            text = f.line.text[last.start:f.end].strip()
            joined = _frag(text, f.line, f.row, last.x, last.piece, last.start, f.end)
            joined.indent, joined.upto, joined.merged = last.indent, f.piece, last.merged
            out[-1] = joined
            continue
        out.append(f)
    return out, list(range(len(out)))


def _record_cuts(frags: list[Frag], layout: bool, lines: list[Line], tracer) -> None:
    """Every line cut into column lines is an event: O602 for the runs of
    spaces of a -layout line, O601 for a cut at a single space."""
    rows: dict[int, list[Frag]] = {}
    for f in frags:
        rows.setdefault(f.row, []).append(f)
    for row, pieces in rows.items():
        if len(pieces) < 2:
            continue
        line = lines[row]
        after = " \u2016 ".join(f.text[:8] for f in pieces)
        note = "%d column lines" % len(pieces)
        if layout and any(not f.merged for f in pieces[1:]):
            tracer.decide("O602", "move", line, line.text[:24], after, note)
        if any(f.merged for f in pieces):
            tracer.decide("O601", "move", line, line.text[:24], after, note + " (merged lines)")


def _emit(frags: list[Frag], seq: list[int], layout: bool, lines: list[Line],
          state: State) -> list[Line]:
    tracer = state.tracer
    _record_cuts(frags, layout, lines, tracer)
    frags, seq = _rejoin(frags, seq)
    last_piece: collections.Counter = collections.Counter()
    for f in frags:
        last_piece[f.row] = max(last_piece[f.row], f.piece, f.upto)
    noise = sum(1 for l in lines[1:] if l.blank_before) >= 0.5 * max(1, len(lines) - 1)
    # the streams and their order made the page: both decisions are on record
    first = lines[0]
    if layout:
        tracer.decide("O602", "move", first, "", "", "a -layout page: columns side by side")
    tracer.decide("O603", "move", first, "", "", "column streams decoded")
    tracer.decide("O604", "move", first, "", "", "column streams put in reading order")
    p2 = state.rules.rules["O602"].params if layout else {}
    out: list[Line] = []
    prev: Frag | None = None
    for j in seq:
        f = frags[j]
        src = f.line
        natural = prev is not None and (prev.row == f.row - 1 and f.piece == 0 and
                                         max(prev.piece, prev.upto) == last_piece[prev.row]) or \
            (prev is None and f.row == 0)
        whole = f.start == 0 and f.end >= len(src.text.rstrip())
        blank = src.blank_before if (noise or natural or whole) and f.piece == 0 else \
            (1 if noise else 0)
        indent = src.indent if not layout or whole else f.indent
        new = Line(f.text, src.page, src.lineno, blank_before=blank, indent=indent,
                   label=src.label, rule=src.rule, par_start=src.par_start, bbox=src.bbox,
                   font_size=src.font_size, conf=src.conf, box_id=src.box_id)
        if not natural and prev is not None:
            tracer.decide("O604" if prev.row > f.row else "O603", "move", new,
                          _window(frags, j - 1, f) if j else f.flat[:6],
                          prev.flat[-6:] + "\u23ce" + f.flat[:6], "reading order")
        out.append(new)
        prev = f
    if layout:
        _indents(out, [frags[j] for j in seq], p2)
    return out


def _window(frags: list[Frag], i: int, f: Frag) -> str:
    return frags[i].flat[-6:] + "\u23ce" + f.flat[:6] if i >= 0 else f.flat[:6]


def _indents(out: list[Line], frags: list[Frag], p: dict) -> None:
    """A -layout column line that starts about two characters right of its
    column's left edge is a paragraph's first line: give it an indent in em."""
    by_stream: list[tuple[Line, Frag]] = list(zip(out, frags))
    lo = p.get("indent_min_cells", 2)
    hi = p.get("indent_max_cells", 8)
    for k, (line, f) in enumerate(by_stream):
        whole = f.start == 0 and f.end >= len(f.line.text.rstrip())
        near = [g.x for _, g in by_stream[max(0, k - 4):k + 5]
                if g is not f and g.x is not None and f.x is not None and abs(g.x - f.x) <= hi + 4]
        if len(near) < 2:
            # no column around it (a headline, a running head): it keeps its own lead
            line.indent = f.line.indent if whole else 0.0
            continue
        line.indent = 0.0
        edge = min(near)
        if lo <= f.x - edge <= hi:
            line.indent = 2.0


def run(state: State) -> None:
    """Restore the reading order of each page of state.lines."""
    if not state.lines:
        return
    pages: dict[int, list[Line]] = {}
    for line in state.lines:
        pages.setdefault(line.page, []).append(line)
    out: list[Line] = []
    changed = False
    for page, lines in pages.items():
        got = _page_order(lines, state)
        if got is None:
            out.extend(lines)
        else:
            out.extend(got)
            changed = True
    if changed:
        state.lines[:] = out


@mechanism("merged_lines")
@mechanism("layout_columns")
@mechanism("column_streams")
@mechanism("stream_order")
def order_text(rule, text: str, tracer, where, state: State | None = None) -> str:
    """The order rules applied to a text alone: its lines in reading order.

    The stage works on ``state.lines`` (``run``); this entry point lets a rule
    be tried on a bare text, one line per printed line.
    """
    from .model import Document
    from .read import lines_from_text
    from .rules import load_rules
    from .engine import Options
    sub = State(lines_from_text(text), state.rules if state else load_rules(),
                state.opts if state else Options(), Document("", ""), tracer)
    run(sub)
    return "\n".join(line.text for line in sub.lines)
