"""The order stage's decoder: which column stream each fragment belongs to (O603).

Holds ``Evidence`` (link scores between fragments: the document's own
character n-grams across a seam, sentence continuity, paragraph shape on a
page with first-line indents) and ``Decoder``, a bounded beam over
assignments of fragments to column streams, linear in the page's length. It
does not put the streams in reading order: ``streams`` does.
"""
from __future__ import annotations

import collections
from dataclasses import dataclass

from ..label import ends_unit
from .columns import _HYPHEN_END, _LATIN_START, _NO_END, _NO_START, _PUNCT, Frag, column_widths

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

