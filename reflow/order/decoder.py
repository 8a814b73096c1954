"""The order stage's decoder: which column stream each fragment belongs to (O603).

Holds ``Evidence`` (link scores between fragments: the document's own
character n-grams across a seam, sentence continuity, paragraph shape on a
page with first-line indents) and ``Decoder``, a bounded beam over
assignments of fragments to column streams, linear in the page's length. It
does not put the streams in reading order: ``streams`` does.
"""
from __future__ import annotations

import bisect
import collections
import itertools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..chars import bracket_depth, closes_first
from ..hanlex import bigram_scores
from ..label import ends_unit
from .columns import _CURLY, _HYPHEN_END, _LATIN_START, _NO_END, _NO_START, _PUNCT, Frag, StartGaps, column_widths

# a mark of a sentence or a clause, which a headline holds none of
_MARKS = frozenset("，。；：、！？…,;:!?")
# marks that hang past a full line's measure rather than start the next line
# (O603: the word list's measures here, the period pass's in period.py)
_HANG = frozenset("，。、；：？！）》”’」』")
_HAS_MARK = re.compile("[%s]" % "".join(map(re.escape, sorted(_MARKS)))).search   # one of them


class Evidence:
    """Link scores between fragments: does b continue a?"""

    def __init__(self, frags: list[Frag], p: dict, words: bool = True, opens=None,
                 blocks: bool = True, grams: set[str] | None = None) -> None:
        """``words``: also score a seam by the bigrams of Chinese words
        (``reflow.hanlex``, graded by ``lexicon_scores``) where a full line
        may break inside a word; the document's own n-grams always count.
        ``opens``: the pattern of a report's opening dateline (本报讯, 新华社…电),
        or None. ``blocks``: a piece of a merged line goes on in the piece
        below it in its block (``_block_below``, weight ``w_block``); the
        search over merged rows has its own term for it (``w_slot``).
        ``grams``: the document's n-grams, when they were read off it already
        (the evidence of a part of a page's lines is the whole page's), else
        read off the fragments."""
        self.p = p
        self._blocks = blocks
        self.frags = frags
        self.opens = opens
        self.grams = doc_grams([f.flat for f in frags]) if grams is None else grams
        # Chinese words across the seam (丰|富): the score of the bigram's grade
        self._lex_empty: dict[str, float] = {}
        self.lex = bigram_scores(tuple(p.get("lexicon_scores", ()))) if words else self._lex_empty
        self.end_mid = [not ends_unit(f.flat) for f in frags]
        self.indents = indented_page(frags, p)
        modes = column_widths([f.text for f in frags], {"min_column": p.get("long_line", 5.0),
                                                         "mode_support": p.get("mode_support", 3)})
        self.modes = modes               # the page's column measures
        self.measure = [_nearest_measure(f.width, modes, p) for f in frags]
        self._widest = max(modes, default=0.0)
        self._prepare()

    def _prepare(self) -> None:
        """What a seam needs of each fragment, worked out once per fragment: a
        page's seams are scored many times more often than it has lines."""
        p, frags = self.p, self.frags
        # the ends of each line for the n-grams: (last mark, last two) and (first, first two);
        # None when the line is empty or its end is a mark (no evidence either way)
        self._tail_gram = [f.flat[-2:] if f.flat and f.flat[-1] not in _PUNCT else None
                           for f in frags]
        self._head_gram = [f.flat[:2] if f.flat and f.flat[0] not in _PUNCT else None
                           for f in frags]
        self._empty = [not f.flat for f in frags]
        if self.lex:
            # a line somewhat wider than the page's widest measure is full to it
            # (O603 lexicon_wide): marks set half an em where two meet, curly
            # quotes and digits make its width in em a guess
            lexm = [self._lex_measure(f.width, m, f.flat[-1:]) for f, m in zip(frags, self.measure)]
            # a line breaks inside a word only when it is full: a short line's
            # bigram across the seam says nothing of the words of Chinese
            self._lex = [self.lex if self._mid_word(f, m) else self._lex_empty
                         for f, m in zip(frags, lexm)]
            # … and it goes on in a column's line: a full one, or a paragraph's
            # last (it ends a sentence); not in a short line without one (a headline)
            self._word_head = [self._column_line(f, m, mid)
                               for f, m, mid in zip(frags, lexm, self.end_mid)]
        else:
            self.without_lexicon()
        self._no_start = [bool(f.flat) and f.flat[0] in _NO_START for f in frags]
        self._no_end = [bool(f.flat) and f.flat[-1] in _NO_END for f in frags]
        self._hyphen = [_HYPHEN_END.search(f.flat) is not None for f in frags]
        self._latin = [_LATIN_START.match(f.flat) is not None for f in frags]
        self._w = (p.get("w_ngram", 1.0), p.get("ngram_absent", 0.2), p.get("ngram_bigram", 2.5),
                   p.get("ngram_trigram", 1.0), p.get("w_no_start", 2.0), p.get("w_hyphen", 2.0))
        # a report opens with its dateline: after a headline or a paragraph's
        # end, never inside a sentence that a full column line leaves open
        w_report = p.get("w_report", 0.0) if self.opens is not None else 0.0
        self._report = [w_report > 0 and self.opens.match(f.flat) is not None for f in frags]
        tol = p.get("full_tolerance", 0.75)
        self._after_report = [
            w_report if not mid or _HAS_MARK(f.flat) is None else
            -w_report if f.spaced or m is not None and abs(f.width - m) <= tol else 0.0
            for f, m, mid in zip(frags, self.measure, self.end_mid)]
        # paragraph shape: the terms of ``shape`` that depend on one side of the seam only
        short_tol = p.get("short_tolerance", 1.5)
        self._w_first = p.get("w_first", 1.0)
        shp = []
        for f, m, mid in zip(frags, self.measure, self.end_mid):
            if m is None:
                shp.append(None)
                continue
            b_full = abs(f.width - m) <= tol
            b_first = abs(f.width - (m - 2.0)) <= tol
            a_full = f.spaced or abs(f.width - m) <= tol
            a_short = not f.spaced and f.width < m - short_tol
            # as the line after the seam (None: no say), then as the line before it
            shp.append((None if f.spaced else (b_first, b_full),
                        1 if not mid and a_short else 2 if mid and a_full else 0))
        self._shape = shp
        self._below = _block_below(frags) if self._blocks and p.get("w_block", 0.0) > 0 else {}

    def _lex_measure(self, width: float, m: float | None, last: str = "") -> float | None:
        """The measure a line of this width (its own: ``m``) fills for the
        words of Chinese: a line up to ``lexicon_wide`` em wider than the
        page's widest measure fills that one (O603 lexicon_wide), unless a
        mark hung past the measure (``last``, its last character) makes all
        of the excess: such a line is read as it was."""
        wide = self.p.get("lexicon_wide", 0.0)
        if m is not None or wide <= 0 or not self.modes or width > self._widest + wide:
            return m
        if last in _HANG and width - 1.0 <= self._widest + self.p.get("full_tolerance", 0.75):
            return m
        return self._widest

    def without_lexicon(self) -> None:
        """Score seams by the document's own n-grams only."""
        self.lex = self._lex_empty
        self._lex = [self._lex_empty] * len(self.frags)
        self._word_head = [False] * len(self.frags)

    def _mid_word(self, f: Frag, m: float | None) -> bool:
        """Could f be a column line broken inside a word: full to a measure
        of the page that is no narrower than ``lexicon_min_share`` of its
        widest (a short measure may be made of headlines and pieces)?"""
        if m is None or m < self.p.get("lexicon_min_share", 0.6) * self._widest:
            return False
        return f.spaced or f.width >= m - self.p.get("short_tolerance", 1.5)

    def full_column_line(self, i: int) -> bool:
        """Is fragment i full to a column measure of the page that is no
        narrower than ``lexicon_min_share`` of its widest?"""
        return self._mid_word(self.frags[i], self.measure[i])

    def _column_line(self, f: Frag, m: float | None, mid: bool) -> bool:
        """Could f go on a word broken at a line's end: a full column line, or
        a paragraph's last (it ends a sentence), not a short line without one?"""
        return not mid or self._mid_word(f, m)

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
        lex = self.lex if self.lex and \
            self._mid_word(a, self._lex_measure(a.width, _nearest_measure(a.width, self.modes, p), a.flat[-1:])) and \
            self._column_line(b, self._lex_measure(b.width, _nearest_measure(b.width, self.modes, p), b.flat[-1:]),
                              not ends_unit(b.flat)) \
            else self._lex_empty
        if ta[-1] + tb[0] not in g:
            return lex.get(ta[-1] + tb[0], -p.get("ngram_absent", 0.2))
        score = p.get("ngram_bigram", 2.5)
        if len(ta) == 2 and ta + tb[0] in g or len(tb) == 2 and ta[-1] + tb in g:
            score += p.get("ngram_trigram", 1.0)
        return max(score, lex.get(ta[-1] + tb[0], score))

    def seam(self, i: int, a: Frag, b: Frag, j: int | None = None) -> float:
        """Sentence continuity of a → b: a mark that may not start a line needs a
        line that ended mid-sentence before it."""
        n = len(self.frags)
        if j is not None and 0 <= i < n and 0 <= j < n and a is self.frags[i] and b is self.frags[j]:
            return self.seam_ij(i, j)    # the page's own lines: their terms are worked out
        return self._seam_plain(i, a, b, j)

    def _seam_plain(self, i: int, a: Frag, b: Frag, j: int | None = None) -> float:
        """``seam`` as first written, term by term from the fragments (the
        tests hold ``seam_ij`` to it)."""
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
        if j is not None and 0 <= i < len(self.frags) and 0 <= j < len(self.frags) and self._report[j]:
            s += self._after_report[i]
        if j is not None and self._below.get(i) == j:
            s += p.get("w_block", 0.0)
        return s


    def _shape_ij(self, i: int, j: int) -> float:
        """``shape(i, j)`` from the fragments' precomputed terms."""
        if not self.indents:
            return 0.0
        sb = self._shape[j]
        if sb is None or sb[0] is None or self.measure[i] != self.measure[j]:
            return 0.0
        first, full = sb[0]
        kind = self._shape[i][1]
        w = self._w_first
        if kind == 1:
            return w if first else -2 * w if full else 0.0
        if kind == 2:
            return -w if first else 0.0
        return 0.0

    def _ngram_ij(self, i: int, j: int) -> float:
        """``ngram(frags[i], frags[j])`` from the fragments' precomputed ends."""
        ta, tb = self._tail_gram[i], self._head_gram[j]
        if ta is None or tb is None:
            return 0.0
        g = self.grams
        lex = self._lex[i] if self._word_head[j] else self._lex_empty
        if ta[-1] + tb[0] not in g:
            return lex.get(ta[-1] + tb[0], -self._w[1])
        score = self._w[2]
        if len(ta) == 2 and ta + tb[0] in g or len(tb) == 2 and ta[-1] + tb in g:
            score += self._w[3]
        return max(score, lex.get(ta[-1] + tb[0], score))

    def seam_ij(self, i: int, j: int) -> float:
        """``seam(i, frags[i], frags[j], j)``, bit for bit, from precomputed
        terms (the decoders score every seam they try with it): ``_ngram_ij``
        and ``_shape_ij`` written out here, in the same order of operations
        (the tests hold them and ``_seam_plain`` to one another)."""
        w_ngram, absent, bigram, trigram, w_no_start, w_hyphen = self._w
        ta, tb = self._tail_gram[i], self._head_gram[j]
        if ta is None or tb is None:
            ng = 0.0
        else:
            g = self.grams
            pair = ta[-1] + tb[0]
            if pair not in g:
                ng = (self._lex[i] if self._word_head[j] else self._lex_empty).get(pair, -absent)
            else:
                ng = bigram
                if len(ta) == 2 and ta + tb[0] in g or len(tb) == 2 and ta[-1] + tb in g:
                    ng += trigram
                lex = self._lex[i] if self._word_head[j] else self._lex_empty
                if lex:
                    ng = max(ng, lex.get(pair, ng))
        s = w_ngram * ng
        if self.indents:
            s += self._shape_ij(i, j)
        else:
            s += 0.0
        if self._no_start[j]:
            s += w_no_start if self.end_mid[i] else -w_no_start
        if self._no_end[i]:
            s += w_no_start * 0.5
        if self._hyphen[i]:
            s += w_hyphen * (1 if self._latin[j] else -1)
        if self._report[j]:
            s += self._after_report[i]
        if self._below and self._below.get(i) == j:
            s += self.p["w_block"]
        return s


_BOUND = 1000.0   # the cost of a new stream inside a solid block: far more than any page's seams
# marks of a sentence or an aside: body lines hold them, headlines set phrases apart by spaces
_SENTENCE_MARKS = frozenset("，。；！？…,;!?（）【】()")
# one of them, found by a compiled character class (the order stage asks of
# every line many times; a set's intersection with the text builds a set first)
_HAS_SENTENCE_MARK = re.compile("[%s]" % "".join(map(re.escape, sorted(_SENTENCE_MARKS)))).search


def _body_line(f: Frag) -> bool:
    """Does f hold a mark of a sentence, as a body line does and a headline not?"""
    return _HAS_SENTENCE_MARK(f.flat) is not None


def solid_blocks(frags: list[Frag], p: dict) -> list[tuple[int, int]]:
    """The first and last fragment of each solid block (O603 ``solid_lines``):
    on a page of merged lines, a run of at least ``solid_lines`` whole text
    lines set apart by a blank line above and below, with no merged line in
    it, is a block the extractor read down one column, its lines in the order
    printed (pdftotext merges the lines of neighbouring columns where it takes
    them for one block; a block it kept apart is one column's)."""
    n = len(frags)
    out: list[tuple[int, int]] = []
    least = int(p.get("solid_lines", 0))
    if least < 2:
        return out
    pieces = collections.Counter(f.row for f in frags)
    a = 0
    while a < n:
        b = a
        while b + 1 < n and frags[b + 1].blank == frags[b].blank and frags[b + 1].row == frags[b].row + 1 \
                and pieces[frags[b + 1].row] == 1 and pieces[frags[b].row] == 1:
            b += 1
        # (``blank`` counts the blank lines above a fragment on its page)
        closed = (a == 0 or frags[a].blank > frags[a - 1].blank) and \
            (b + 1 == n or frags[b + 1].blank > frags[b].blank)
        if closed and b - a + 1 >= least and pieces[frags[a].row] == 1:
            out.append((a, b))
        a = b + 1
    return out


def _block_below(frags: list[Frag]) -> dict[int, int]:
    """Piece k of a merged text line -> piece k of the next text line, where
    the two lines are cut into as many column lines at single spaces and no
    blank line stands between them (one block of an extractor that reads by
    text lines: default pdftotext). A block is one column's lines, and the
    lines of its neighbours that stood on the same baselines were appended to
    them in column order, so the pieces of two such rows line up column by
    column. A page printed without blank lines (two at least) shows no blocks:
    its rows may pair other columns from line to line (offset baselines)."""
    if len({f.blank for f in frags}) < 3:
        return {}
    rows: dict[int, list[int]] = {}
    for k, f in enumerate(frags):
        if f.x is not None:
            return {}                    # a -layout page: its pieces' places tell the columns
        rows.setdefault(f.row, []).append(k)
    out: dict[int, int] = {}
    for row, ks in rows.items():
        nx = rows.get(row + 1)
        if nx is None or len(ks) < 2 or len(nx) != len(ks) or frags[nx[0]].blank != frags[ks[0]].blank:
            continue
        if not all(frags[k].merged for k in ks[1:] + nx[1:]):
            continue
        out.update(zip(ks, nx))
    return out


def doc_grams(texts: list[str]) -> set[str]:
    """The n-grams (bigrams and trigrams) of the texts, each read within its
    own text: only whether the document uses an n-gram counts.

    Read off the texts joined by line breaks in one pass: the n-grams across
    a break hold one, and no seam asks for a line break (a fragment is a
    piece of one line: it holds none itself).

    >>> grams = doc_grams(["丰富", "多彩"])
    >>> "丰富" in grams, "富多" in grams, "富多彩" in grams
    (True, False, False)
    """
    key = tuple(texts)
    for k, got in tuple(_GRAMS):     # (a copy made at once: threads may share the cache)
        if k == key:
            return got
    joined = "\n".join(texts)
    n = len(joined)
    # (sliced out of the text: no string of one character made on the way)
    grams = {joined[k:k + 2] for k in range(n - 1)}
    grams.update([joined[k:k + 3] for k in range(n - 2)])    # trigrams
    _GRAMS.appendleft((key, grams))
    return grams


# the last few pages' n-grams by their texts: a page's stages read evidence
# off the same lines more than once (no caller changes the set it is given)
_GRAMS: collections.deque = collections.deque(maxlen=2)


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
    # (a page's lines come in few widths: each is looked at once)
    counts = collections.Counter(widths)
    first = sum(n for w, n in counts.items()
                if any(1.5 <= m - w <= 2.5 and hist[m] >= 2 * hist[round(w * 2) / 2] for m in top))
    return first >= p.get("indent_share", 0.04) * len(widths)


class Stream(NamedTuple):
    """An open column stream of a hypothesis: its last fragment and its measure.
    (A named tuple: the search makes one for every move it keeps.)"""
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


def _grow(s: "Stream | None", sid: int, j: int, b: "Frag", rank: float = 0.0,
          width: float | None = None) -> "Stream":
    """``s`` with fragment j (``b``) added, or a new stream of it; ``width``:
    what b adds to the stream's measure, if not its own width
    (``Decoder.grown_width``)."""
    recent = () if s is None else s.recent
    if not b.spaced:
        recent = (recent + (b.width if width is None else width,))[-6:]
    x = b.x if b.x is not None or s is None else s.x
    return Stream(sid, j, _measure(recent), x, 1 if s is None else s.n + 1, recent,
                  rank if s is None else s.rank)


_SCORE = operator.itemgetter(0)      # of a move
_CLAUSE = re.compile("[，、；,;。！？!?]")   # marks of a clause, which a headline holds none of


def dateline_under_phrase(frags: list[Frag], j: int, opens) -> bool:
    """Does fragment j open a report with its dateline (the pattern
    ``opens``) right under a fragment with no mark of a clause (its headline
    or byline)? Where a new module starts (``Decoder._module_starts``, the
    period's change of offset), each adding its own evidence."""
    return j > 0 and opens is not None and opens.match(frags[j].flat) is not None and \
        not _CLAUSE.search(frags[j - 1].flat)
_AGE = operator.itemgetter(7)        # of a stream tuple
_RANK = operator.attrgetter("rank")  # of a stream


def _cycle_table(ranks: list[float], prev: float, stay: bool, w_mode: float,
                 w_row_end: float, w_skip_column: float) -> dict[float, float]:
    """The reading mode's score of each stream a line may go on, by its rank.

    Interleaved columns come row by row, each row left to right: after a
    line of one column comes the line of the next column, or, after the
    last column, the line of the first. A well-ordered run reads down one
    column; going from one way of reading to the other has a cost.
    ``ranks`` are the sorted ranks of the open streams (two or more), ``prev``
    the rank of the stream of the line before, ``stay`` whether that line
    stayed on its stream. Columns skipped count from a rank's first place.
    """
    first_higher = bisect.bisect_right(ranks, prev)   # ranks[first_higher:]: right of prev
    higher = first_higher < len(ranks)
    mode = 0.0 if not stay else -w_mode
    out: dict[float, float] = {}
    for i, rank in enumerate(ranks):
        if rank in out:
            continue
        if rank == prev:                 # reading down one column
            out[rank] = 0.0 if stay else -w_mode
        elif higher and rank == ranks[first_higher]:
            out[rank] = mode
        elif rank == ranks[0]:
            out[rank] = mode - (w_row_end if higher else 0.0)
        elif rank > prev:
            out[rank] = mode - w_skip_column * (i - first_higher)
        else:
            out[rank] = mode - w_skip_column * (i + (1 if higher else 0))
    return out


@dataclass(slots=True)
class Hyp:
    score: float
    streams: tuple[Stream, ...]
    back: tuple | None   # (parent back, sid) — the assignment, as a linked list
    next_sid: int
    last_rank: float = 0.0  # rank of the stream of the last fragment placed
    stay: bool = True       # the last fragment went on the stream of the one before
    order: tuple[Stream, ...] = ()  # the streams sorted by rank (a stable sort)
    state: tuple = ()       # (tail, rounded measure) of each stream in that order: two
    #                         hypotheses with the same stay and state go on alike


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

    def __init__(self, frags: list[Frag], layout: bool, p: dict, opens=None, credit=None) -> None:
        self.f = frags
        self.credit = credit             # a photo credit's pattern (L110): no module's start
        self.layout = layout
        self.p = p
        # merged and side-by-side lines: the pieces' places say more than words,
        # and a cut piece's width is a guess (the words are measured on gold
        # pages to help interleaved lines only)
        self.ev = Evidence(frags, p, words=False, opens=opens, blocks=False)
        self.ops = 0     # candidate moves scored (for the scaling test)
        self.pieces = collections.Counter(f.row for f in frags)
        self.rows = not layout and any(f.piece for f in frags)
        self.k = _Weights(p)
        # the width at which a piece is too wide for a stream: on a -layout
        # page, with its curly quotes half an em, as a Latin font sets them
        # (O601 fits a piece to its column so; a CJK font sets them an em)
        doubt = p.get("quote_doubt", 0.5)
        self.narrow = [g.width - doubt * len(_CURLY.findall(g.text)) if layout else g.width
                       for g in frags]
        # the width a -layout piece tells its stream's measure: with its Latin
        # capitals and word spaces as wide as print may set them
        self.told = [g.width + g.latin for g in frags]
        spans = solid_blocks(frags, p) if self.rows else []
        self.bound = [False] * len(frags)
        for a, b in spans:
            for j in range(a + 1, b + 1):
                # a line with no mark of a sentence that fills no measure (a
                # headline over the block, a byline) may go on anywhere
                self.bound[j] = _body_line(frags[j - 1]) or \
                    self.ev.full_column_line(j - 1)
        # the first line of a solid block printed right after another solid
        # block that stops mid-sentence at a full column line
        self.apart = self._apart(spans)
        self.w_apart = p.get("w_solid_apart", 0.0)
        # a line that leaves a round bracket open (本报讯（记者赵磊) goes on in the
        # line that closes it (孙悦）记者…): the dateline's byline, cut by the gutter
        self.w_bracket = p.get("w_bracket", 0.0)
        self.opens = [bracket_depth(g.flat) > 0 for g in frags]
        self.closes = [closes_first(g.flat) for g in frags]
        # -layout start cells, read as rows allow (O603)
        self.gaps = StartGaps(frags) if layout else None
        # a -layout row's lone piece opens its stream at its column's place (O603 rank_by_cell)
        self.by_cell = layout and p.get("rank_by_cell", False)
        # a row skipped between two lines of a column that holds a line starting in their cell
        self.w_taken = p.get("w_skip_taken", 0.0) if layout else 0.0
        # the cells right of its column's edge where a -layout first line starts
        self.first_x = (p.get("first_line_min_cells", 2), p.get("first_line_max_cells", 8)) \
            if layout and p.get("first_line_measure", False) else None

    def grown_width(self, tail: int, x: int | None, j: int, n: int = 2) -> float:
        """The width fragment j adds to the measure of a stream whose last
        fragment is ``tail`` and whose last start cell is ``x``: its own, but
        two em more for a -layout paragraph's first line (after a line that
        ends its paragraph, starting ``first_line_min_cells`` to ``first_line_max_cells``
        right of it, on a stream of two lines or more: ``n``, its members; a
        line alone may be another block's, a caption's last), which holds two
        em less than its column's measure: a
        stream of short lines so far (a paragraph's ends and first lines) has
        a measure that only full lines show, and a full line after them is no
        line too wide for it."""
        b = self.f[j]
        lo_hi = self.first_x
        if lo_hi is not None and n >= 2 and b.x is not None and x is not None and not self.ev.end_mid[tail] and \
                lo_hi[0] <= b.x - x <= lo_hi[1]:
            return self.told[j] + 2.0
        return self.told[j]

    def _apart(self, spans: list[tuple[int, int]]) -> dict[int, frozenset[int]]:
        """{first line of a solid block: the last lines of the solid blocks
        printed before it, one after the other, that stop mid-sentence at a
        full column line}, where only lines that are no column's text stand
        between the blocks (a byline's names, a headline: no mark of a
        sentence, no full measure): the feet of neighbouring columns, printed
        left to right, none going on in the next."""
        ev, f = self.ev, self.f
        out: dict[int, frozenset[int]] = {}
        run: list[int] = []      # the feet printed so far that stop mid-sentence
        for k, (a, e) in enumerate(spans):
            between = range(spans[k - 1][1] + 1, a) if k else range(0)
            if k and not all(not _body_line(f[i]) and not f[i].spaced and not ev.full_column_line(i)
                             for i in between):
                run = []
            if run:
                out[a] = frozenset(run + list(between))   # the names between them go on in none either
            if ev.end_mid[e] and ev.full_column_line(e):
                run.append(e)
        return out

    def _seam_info(self, i: int, j: int) -> tuple | None:
        """What fragment j scores going on after fragment i, whatever the stream
        and the hypothesis: None when both are in one row (one row, one line of
        each column), else (score so far, slot bonus?, i may be a short line
        mid-sentence?). The score so far is the seam, and on a -layout page the
        start cells and rows; the rest of a move's score comes after it."""
        f, k = self.f, self.k
        a, b = f[i], f[j]
        if a.row == b.row or self.bound[j] and i != j - 1:
            return None
        score = self.ev.seam_ij(i, j)
        if i in self.apart.get(j, ()):
            score -= self.w_apart
        if self.opens[i] and self.closes[j]:
            score += self.w_bracket
        slot = False
        if self.layout:
            if a.x is not None and b.x is not None:
                dx = self.gaps.gap(i, j)
                if dx > k.x_tolerance:
                    score -= min(k.x_cap, k.w_x * (dx - k.x_tolerance))
            # a column has a line in every row, unless a photo or a gap interrupts it,
            # and -layout prints no blank line inside a column
            score -= k.w_skip * min(b.row - a.row - 1, k.skip_cap)
            if b.row - a.row > 1 and self.w_taken:
                score -= self.w_taken * self.gaps.taken(i, j, k.x_tolerance, k.skip_cap)
            score -= k.w_blank * min(b.blank - a.blank, k.blank_cap)
        else:
            # merged lines keep the rows: the k-th piece of a row goes on from
            # the k-th piece of the row before when both rows hold as many
            slot = self.rows and a.row == b.row - 1 and a.piece == b.piece and \
                self.pieces[a.row] == self.pieces[b.row] > 1
        short = not a.spaced and self.ev.end_mid[i] and a.flat[-1:] not in _NO_END
        return (score, slot, short)

    def _seam_fn(self):
        """``_seam_info`` as a function of (i, j) that reads the fragments'
        terms from lists made once (``Evidence.seam_ij`` inlined): the search
        asks it for every tail and line, bit for bit the same."""
        f, k, ev = self.f, self.k, self.ev
        rows = [g.row for g in f]
        xs = [g.x for g in f]
        start_gap = self.gaps.gap if self.gaps is not None else None
        blanks = [g.blank for g in f]
        piece = [g.piece for g in f]
        npieces = [self.pieces[g.row] for g in f]
        end_mid = ev.end_mid
        short_mid = [not g.spaced and mid and g.flat[-1:] not in _NO_END
                     for g, mid in zip(f, end_mid)]
        tail_gram, head_gram, grams = ev._tail_gram, ev._head_gram, ev.grams
        no_start, no_end, hyphen, latin = ev._no_start, ev._no_end, ev._hyphen, ev._latin
        w_ngram, absent, bigram, trigram, w_no_start, w_hyphen = ev._w
        half_no_start = w_no_start * 0.5
        # ``Evidence._shape_ij`` inlined: None on a page without first-line indents
        shapes = ev._shape if ev.indents else None
        measure, w_first = ev.measure, ev._w_first
        report, after_report = ev._report, ev._after_report
        layout, by_rows = self.layout, self.rows
        x_tol, x_cap, w_x = k.x_tolerance, k.x_cap, k.w_x
        w_skip, skip_cap, w_blank, blank_cap = k.w_skip, k.skip_cap, k.w_blank, k.blank_cap

        bound, apart_get, w_apart = self.bound, self.apart.get, self.w_apart
        opens, closes, w_bracket = self.opens, self.closes, self.w_bracket
        w_taken = self.w_taken
        taken = self.gaps.taken if layout else None

        def seam_info(i: int, j: int) -> tuple | None:
            if rows[i] == rows[j] or bound[j] and i != j - 1:
                return None
            ta, tb = tail_gram[i], head_gram[j]
            if ta is None or tb is None:
                ng = 0.0
            elif ta[-1] + tb[0] not in grams:
                ng = -absent
            else:
                ng = bigram
                if len(ta) == 2 and ta + tb[0] in grams or len(tb) == 2 and ta[-1] + tb in grams:
                    ng += trigram
            score = w_ngram * ng
            if shapes is None:
                score += 0.0
            else:
                sb = shapes[j]
                if sb is None or sb[0] is None or measure[i] != measure[j]:
                    score += 0.0
                else:
                    first, full = sb[0]
                    kind = shapes[i][1]
                    if kind == 1:
                        score += w_first if first else -2 * w_first if full else 0.0
                    elif kind == 2:
                        score += -w_first if first else 0.0
                    else:
                        score += 0.0
            if no_start[j]:
                score += w_no_start if end_mid[i] else -w_no_start
            if no_end[i]:
                score += half_no_start
            if hyphen[i]:
                score += w_hyphen * (1 if latin[j] else -1)
            if report[j]:
                score += after_report[i]
            if i in apart_get(j, ()):
                score -= w_apart
            if opens[i] and closes[j]:
                score += w_bracket
            slot = False
            if layout:
                if xs[i] is not None and xs[j] is not None:
                    dx = start_gap(i, j)
                    if dx > x_tol:
                        pen = w_x * (dx - x_tol)
                        score -= x_cap if x_cap <= pen else pen
                skip = rows[j] - rows[i] - 1
                score -= w_skip * (skip if skip <= skip_cap else skip_cap)
                if skip > 0 and w_taken:
                    score -= w_taken * taken(i, j, x_tol, skip_cap)
                gap = blanks[j] - blanks[i]
                score -= w_blank * (gap if gap <= blank_cap else blank_cap)
            else:
                slot = by_rows and rows[i] == rows[j] - 1 and piece[i] == piece[j] and \
                    npieces[i] == npieces[j] > 1
            return (score, slot, short_mid[i])
        return seam_info

    def _layout_seam_fn(self, w_wide: float, w_short_mid: float):
        """The -layout search's seams with exact pruning: two functions,
        ``text_bound(j)``, no less than what the terms of a -layout move onto
        any stream (``_seam_info``'s and ``run``'s ``what``'s) add to its score
        other than its start-cell, row and blank-line penalties, whatever the
        tail (each term's greatest value, whatever the fragment before: the
        parameters' signs need not be known); and ``seam(i, j, lim, top)``,
        ``_seam_info(i, j)`` bit for bit, or None (as for a move b cannot make)
        where the move scores less than ``lim`` (the floor less the best
        hypothesis's score) whatever the stream and the hypothesis: first by
        ``top`` (``text_bound(j)``) less a bound on the three penalties (the
        start cells' nearest reading, whether the rows end in one column or
        not), then, once the text terms are read, before the rows skipped
        whose cells are taken are counted. ``lim`` None: no pruning."""
        f, k, ev = self.f, self.k, self.ev
        rows = [g.row for g in f]
        blanks = [g.blank for g in f]
        starts = self.gaps._starts      # (row, then the start in each reading)
        same_end, taken = self.gaps.same_end, self.gaps.taken
        end_mid = ev.end_mid
        short_mid = [not g.spaced and mid and g.flat[-1:] not in _NO_END
                     for g, mid in zip(f, end_mid)]
        x_tol, x_cap, w_x = k.x_tolerance, k.x_cap, k.w_x
        w_skip, skip_cap, w_blank, blank_cap = k.w_skip, k.skip_cap, k.w_blank, k.blank_cap
        w_ngram, absent, bigram, trigram, w_no_start, w_hyphen = ev._w
        half_no_start = w_no_start * 0.5
        tail_gram, head_gram, grams = ev._tail_gram, ev._head_gram, ev.grams
        no_start, no_end, hyphen, latin = ev._no_start, ev._no_end, ev._hyphen, ev._latin
        shapes = ev._shape if ev.indents else None
        measure, w_first = ev.measure, ev._w_first
        report, after_report = ev._report, ev._after_report
        best_after_report = max([0.0] + after_report)
        bound, apart, apart_get, w_apart = self.bound, self.apart, self.apart.get, self.w_apart
        opens, closes, w_bracket = self.opens, self.closes, self.w_bracket
        w_taken = self.w_taken
        margin = 1e-6        # far above the rounding of a sum of a few terms
        # what a move may yet add past the rows' taken cells: the stream's width, the line's shortness
        rest = max(0.0, -w_wide) + max(0.0, -w_short_mid) + margin
        # the terms whatever fragment j: the tail's end (no_end, hyphen), a row
        # skipped whose cell is taken, a stream too wide or a line too short
        taken_most = max(0.0, -w_taken * skip_cap)
        common = max(0.0, half_no_start) + taken_most + rest
        x_grows = w_x >= 0
        ends: dict[int, bool] = {}       # ``same_end`` by the two rows, as one int
        span = max(rows, default=0) + 1

        def common_end(ri: int, rj: int) -> bool:
            """Do the two rows end in one column (``StartGaps.same_end``)?"""
            key = ri * span + rj
            got = ends.get(key)
            if got is None:
                got = ends[key] = same_end(ri, rj)
            return got
        ngram_best = max(0.0, w_ngram * -absent, w_ngram * bigram, w_ngram * (bigram + trigram))

        def text_bound(j: int) -> float:
            t = common
            if head_gram[j] is not None:
                t += ngram_best
            if shapes is not None:
                sb = shapes[j]
                if sb is not None and sb[0] is not None:
                    first, full = sb[0]
                    t += max(0.0, w_first if first else -2 * w_first if full else 0.0,
                             -w_first if first else 0.0)
            if no_start[j]:
                t += max(w_no_start, -w_no_start)
            t += max(0.0, w_hyphen * (1 if latin[j] else -1))
            if report[j]:
                t += best_after_report
            if j in apart:
                t += max(0.0, -w_apart)
            if closes[j]:
                t += max(0.0, w_bracket)
            return t

        def seam(i: int, j: int, lim: float | None = None, top: float = 0.0) -> tuple | None:
            ri, rj = rows[i], rows[j]
            if ri == rj or bound[j] and i != j - 1:
                return None
            _, ax, axn, axp, axr = starts[i]
            _, bx, bxn, bxp, bxr = starts[j]
            placed = ax is not None and bx is not None
            if placed:
                # the nearest of three readings (``start_gap``), without min's call
                dx = abs(bx - ax)
                d = abs(bxn - axn)
                if d < dx:
                    dx = d
                d = abs(bxp - axp)
                if d < dx:
                    dx = d
                r = abs(bxr - axr)
            skip = rj - ri - 1
            skip_pen = w_skip * (skip if skip <= skip_cap else skip_cap)
            gap = blanks[j] - blanks[i]
            blank_pen = w_blank * (gap if gap <= blank_cap else blank_cap)
            if lim is not None:
                # the penalties at least: the start cells' nearest reading is no
                # farther than the one ``StartGaps.gap`` takes (xr only where the
                # rows end in one column), so its penalty no greater where the
                # penalty grows with the distance (else that reading is taken)
                pen = skip_pen + blank_pen
                if placed:
                    d = r if r < dx and (x_grows or common_end(ri, rj)) else dx
                    if d > x_tol:
                        d = w_x * (d - x_tol)
                        pen += x_cap if x_cap <= d else d
                if top - pen < lim:
                    return None
            # ``_seam_info``'s terms in its order
            ta, tb = tail_gram[i], head_gram[j]
            if ta is None or tb is None:
                ng = 0.0
            elif ta[-1] + tb[0] not in grams:
                ng = -absent
            else:
                ng = bigram
                if len(ta) == 2 and ta + tb[0] in grams or len(tb) == 2 and ta[-1] + tb in grams:
                    ng += trigram
            score = w_ngram * ng
            if shapes is None:
                score += 0.0
            else:
                sb = shapes[j]
                if sb is None or sb[0] is None or measure[i] != measure[j]:
                    score += 0.0
                else:
                    first, full = sb[0]
                    kind = shapes[i][1]
                    if kind == 1:
                        score += w_first if first else -2 * w_first if full else 0.0
                    elif kind == 2:
                        score += -w_first if first else 0.0
                    else:
                        score += 0.0
            if no_start[j]:
                score += w_no_start if end_mid[i] else -w_no_start
            if no_end[i]:
                score += half_no_start
            if hyphen[i]:
                score += w_hyphen * (1 if latin[j] else -1)
            if report[j]:
                score += after_report[i]
            if i in apart_get(j, ()):
                score -= w_apart
            if opens[i] and closes[j]:
                score += w_bracket
            if placed:
                if r < dx and common_end(ri, rj):   # ``StartGaps.gap``
                    dx = r
                if dx > x_tol:
                    pen = w_x * (dx - x_tol)
                    score -= x_cap if x_cap <= pen else pen
            score -= skip_pen
            if skip > 0 and w_taken:
                if lim is not None and score + taken_most - blank_pen + rest < lim:
                    return None
                score -= w_taken * taken(i, j, x_tol, skip_cap)
            score -= blank_pen
            return (score, False, short_mid[i])
        return text_bound, seam

    def _new_score(self, j: int) -> float:
        b = self.f[j]
        score = -self.p.get("w_new", 3.0)
        if self.bound[j]:
            score -= _BOUND       # a solid block's line goes on from the line above it
        if b.flat[:1] in _NO_START:
            score -= self.p.get("w_no_start", 2.0)
        return score

    def run(self) -> list[int]:
        """The stream id of each fragment in the best hypothesis.

        Every move of every hypothesis is scored, the moves are taken best
        first, and a hypothesis is built for a move only when its state (the
        streams' tails and measures in rank order) is not in the beam yet,
        until the beam holds ``beam`` hypotheses. The parts of a move's score
        that depend on the stream alone (seam, measure, the grown stream) are
        computed once per stream object and fragment: hypotheses share most of
        their streams. A move's score adds its terms one by one in a fixed
        order (seam, layout or reading mode, slot, wide, short), so a move
        scores bit for bit the same however it was reached.

        Written for speed (``tests/test_order_search.py`` keeps the plain
        definition): streams and hypotheses are plain tuples (fields named
        where they are built; a hypothesis's streams, in the order found and
        in rank order, are lists, copied with one stream changed, which costs
        less than slicing tuples), each hypothesis keeps the ranks of its streams
        in order and a bound on the age of its oldest stream, so that a beam
        in which no stream closes is not filtered stream by stream; a
        hypothesis's state is a tuple of ints; what a move onto a stream
        scores is kept per stream shape (tail, measure, one member or more),
        which many stream objects of the beam share.
        """
        p, f, k, layout = self.p, self.f, self.k, self.layout
        beam_size = int(p.get("beam", 16))
        horizon = int(p.get("layout_horizon", 60) if layout else p.get("horizon", 14))
        w_mode = p.get("w_mode", 2.0)
        w_row_end = p.get("w_row_end", 1.0)
        w_skip_column = p.get("w_skip_column", 1.0)
        w_slot, w_wide, w_short_mid = k.w_slot, k.w_wide, k.w_short_mid
        wide_tolerance, short_tolerance = k.wide_tolerance, k.short_tolerance
        rows = [g.row for g in f]
        # a stream stays open while the age of its last fragment (its index, or
        # on a -layout page its row) is within the horizon of the fragment placed
        ages = rows if layout else list(range(len(f)))
        widths = [g.width for g in f]
        narrow = self.narrow
        first_x = self.first_x
        seam_info = self._seam_fn()
        if layout:
            text_bound, layout_seam = self._layout_seam_fn(w_wide, w_short_mid)
        new_rank = self._rank_rule()
        bisect_right = bisect.bisect_right
        tables: dict[tuple, dict[float, float]] = {}   # _cycle_table by its arguments
        measured: dict[tuple, float] = {}   # _measure by the recent widths: streams share them
        never = float("inf")
        # a stream's part of a hypothesis's state, (tail, rounded measure), as one int
        span = max((round(w) for w in widths), default=0) + 1
        # numbers of the search's caches: ``uid`` one per stream object, ``shape`` one per
        # (tail, measure, one member or more), all a move onto the stream depends on
        uid = itertools.count().__next__
        shape = itertools.count().__next__
        # (score, streams, back, next_sid, last_rank, stay, order, state, ranks, oldest)
        starts = self._module_starts()
        w_module = p.get("w_module", 4.0)
        beam: list[tuple] = [(0.0, [], None, 0, 0.0, True, [], (), (), never)]
        ops_total = 0
        for j, b in enumerate(f):
            new_sc = self._new_score(j)
            b_row = b.row
            age_j = ages[j]
            limit = (b_row if layout else j) - horizon
            start_j = starts[j]
            after_piece = j > 0 and rows[j - 1] == b_row   # the row's pieces go left to right
            cycles = not layout and j > 0
            b_spaced, b_width, b_narrow = b.spaced, b.width, narrow[j]
            b_told = self.told[j]
            info_of: dict[int, tuple] = {}   # per stream shape: what a move onto it scores
            seams: dict[int, tuple | None] = {}   # per tail: _seam_info
            info_get = info_of.get

            def what(s: tuple) -> tuple:
                """What a move of b onto stream s scores whatever the
                hypothesis, kept by the stream's shape: (None,) when it cannot
                go there, else (score so far, then on a page that is not
                -layout: (slot bonus?, too wide?, short mid-sentence?) or None
                for none of them)."""
                tail = s[1]
                if tail in seams:
                    seam = seams[tail]
                elif layout:                 # None too where it is under the floor in every hypothesis
                    seam = seams[tail] = layout_seam(tail, j, lim, top)
                else:
                    seam = seams[tail] = seam_info(tail, j)
                if seam is None:
                    info = (None,)
                else:
                    sn = s[4] >= 2
                    wide = sn and not b_spaced and b_narrow > s[2] + wide_tolerance
                    # shorter than a first line, mid-sentence
                    short = sn and seam[2] and widths[tail] < s[2] - 2.0 - short_tolerance
                    if layout:
                        score = seam[0]
                        if wide:
                            score -= w_wide
                        if short:
                            score -= w_short_mid
                        info = (score, None)
                    else:
                        sc = seam[0]
                        if tail < start_j:
                            sc -= w_module   # a column above a new module's report goes on below it
                        info = (sc, (seam[1], wide, short) if seam[1] or wide or short else None)
                info_of[s[9]] = info
                return info
            # each hypothesis with its open streams: a stream whose last fragment
            # is past the horizon closes, and leaves the rank order too (the
            # hypothesis itself where none closes, as on most lines)
            opened: list[tuple] = []
            ops = 0
            for hyp in beam:
                streams, oldest = hyp[1], hyp[9]
                if oldest < limit and streams:   # ``oldest`` is a bound: the true age first
                    oldest = min(map(_AGE, streams))
                    if oldest >= limit:
                        hyp = hyp[:9] + (oldest,)
                if oldest < limit:
                    live = [s for s in streams if s[7] >= limit]
                    kept = [(t, st) for t, st in zip(hyp[6], hyp[7]) if t[7] >= limit]
                    order = [t for t, _ in kept]
                    hyp = (hyp[0], live, hyp[2], hyp[3], hyp[4], hyp[5], order,
                           tuple([st for _, st in kept]), tuple([t[6] for t in order]),
                           min([t[7] for t in live]) if live else never)
                opened.append(hyp)
                ops += len(hyp[1])
            ops_total += ops
            # A bound under which no move is taken: the moves that open a new
            # stream from hypotheses of different states (open streams) make
            # different states too (b's part of a state is found in no other
            # stream's), so with ``beam`` states of them at ``floor`` or
            # better, the beam is full before the moves are worse than
            # ``floor``. Moves below it are not made, and the moves kept are
            # taken in the same order (a stable sort of fewer of them).
            # The beam holds its hypotheses best first (built from the moves
            # in order), so the first hypothesis of each state scores best of
            # its state, and the ``beam``-th state met is the ``beam``-th best.
            floor = -never
            if len(beam) >= beam_size:
                firsts: set[tuple] = set()
                for hyp in opened:
                    if hyp[7] not in firsts:
                        firsts.add(hyp[7])
                        if len(firsts) == beam_size:
                            floor = hyp[0] + new_sc
                            break
            # -layout: a move that scores under ``lim`` (the floor less the best
            # hypothesis's score) is under the floor in every hypothesis: its stream
            # is taken for one b cannot go on (``_layout_seam_fn``)
            lim, top = None, 0.0
            if layout and floor != -never:
                lim = floor - opened[0][0]   # (the best hypothesis is the first)
                top = text_bound(j)
            new_recent = () if b_spaced else (b_told,)
            new_width = _measure(new_recent)
            new_shape = shape()             # a stream b opens: one member, whatever the hypothesis
            new_state = j * span + round(new_width)
            while True:
                moves: list[tuple] = []
                append = moves.append
                for hyp in opened:
                    hs, live, last_rank, stay = hyp[0], hyp[1], hyp[4], hyp[5]
                    sc = hs + new_sc
                    if sc >= floor:
                        append((sc, hyp, None))
                    if not live:
                        continue
                    table = None
                    if cycles and len(live) >= 2:
                        # a page's hypotheses keep few sets of ranks: the tables are kept too
                        ranks = hyp[8]
                        tkey = (ranks, last_rank, stay)
                        table = tables.get(tkey)
                        if table is None:
                            table = tables[tkey] = _cycle_table(list(ranks), last_rank, stay,
                                                                w_mode, w_row_end, w_skip_column)
                    if layout:               # a -layout move's score is whole in info
                        for s in live:
                            info = info_get(s[9])
                            if info is None:
                                info = what(s)
                            score = info[0]
                            if score is None or after_piece and s[6] <= last_rank:
                                continue     # one row, one line of each column, left to right
                            score = hs + score
                            if score >= floor:
                                append((score, hyp, s))
                        continue
                    for s in live:
                        info = info_get(s[9])
                        if info is None:
                            info = what(s)
                        score = info[0]
                        if score is None or after_piece and s[6] <= last_rank:
                            continue         # one row, one line of each column, left to right
                        # as the reading mode's 0.0 when it has no say, so that -0.0 stays exact
                        score += 0.0 if table is None else table[s[6]]
                        extra = info[1]
                        if extra is not None:
                            if extra[0]:
                                score += w_slot
                            if extra[1]:
                                score -= w_wide
                            if extra[2]:
                                score -= w_short_mid
                        score = hs + score
                        if score >= floor:
                            append((score, hyp, s))
                moves.sort(key=_SCORE, reverse=True)   # stable: ties keep the order of the moves
                seen: set[tuple] = set()     # the states of nxt, one each
                nxt: list[tuple] = []
                grown: dict[int, tuple] = {}   # per stream object: it with b appended, and its state
                shapes: dict[float, int] = {}   # per measure: the shape of a stream b goes on
                for score, hyp, s in moves:
                    _, live, back, next_sid, last_rank, _, order, state, ranks, oldest = hyp
                    if s is None:
                        rank = new_rank(j, last_rank, ranks, order)
                        ns = (next_sid, j, new_width, b.x, 1, new_recent, rank, age_j, uid(), new_shape)
                        i = bisect_right(ranks, rank)
                        st = state[:i] + (new_state,) + state[i:]
                        seen.add((False, st))
                        if len(seen) == len(nxt):
                            continue     # an equal state, with a score at least as good, is in
                        streams = live.copy()
                        streams.append(ns)
                        new_order = order.copy()
                        new_order.insert(i, ns)
                        nh = (score, streams, (back, next_sid), next_sid + 1, rank, False,
                              new_order, st, ranks[:i] + (rank,) + ranks[i:],
                              oldest if oldest <= age_j else age_j)
                    else:
                        g = grown.get(s[8])
                        if g is None:
                            if b_spaced:             # the recent widths, so the measure, stay
                                recent, width = s[5], s[2]
                            else:
                                bw = b_told if first_x is None else self.grown_width(s[1], s[3], j, s[4])
                                recent = (s[5] + (bw,))[-6:]
                                width = measured.get(recent)
                                if width is None:
                                    width = measured[recent] = _measure(recent)
                            sh = shapes.get(width)
                            if sh is None:
                                sh = shapes[width] = shape()
                            ns = (s[0], j, width, s[3] if b.x is None else b.x, s[4] + 1, recent, s[6],
                                  age_j, uid(), sh)
                            g = grown[s[8]] = (ns, j * span + round(width))
                        ns = g[0]
                        rank = s[6]
                        stay = rank == last_rank
                        i = order.index(s)
                        st = state[:i] + (g[1],) + state[i + 1:]
                        seen.add((stay, st))
                        if len(seen) == len(nxt):
                            continue     # (one look at the set: a tuple's hash is not kept)
                        streams = live.copy()
                        streams[live.index(s)] = ns
                        new_order = order.copy()
                        new_order[i] = ns
                        nh = (score, streams, (back, s[0]), next_sid, rank, stay,
                              new_order, st, ranks,
                              age_j if age_j < oldest else oldest)
                    nxt.append(nh)
                    if len(nxt) >= beam_size:
                        break
                if len(nxt) >= beam_size or floor == -never:
                    break
                floor = -never   # (never: see above) a beam short of moves takes them all
                if lim is not None:          # the streams taken for none by the floor count again
                    lim = None
                    seams.clear()
                    info_of.clear()
            beam = nxt
        self.ops += ops_total
        out: list[int] = []
        node = beam[0][2]
        while node is not None:
            node, sid = node
            out.append(sid)
        out.reverse()
        return out

    def _module_starts(self) -> list[int]:
        """For each fragment, the index of the last fragment at or before it
        that opens a new module's report (0 for none): on a page that is not
        -layout, a whole line that opens with a report's dateline right under
        a whole line with no mark of a clause (its headline or a byline; not a
        photo's credit: the photo may stand among the columns of its module,
        which an extractor may print before it). The columns of the modules
        above end there: a stream open before it pays ``w_module`` to go on
        after it."""
        f = self.f
        out, last = [], 0
        for j, b in enumerate(f):
            if not self.layout and b.piece == 0 and self.pieces[b.row] == 1 and \
                    dateline_under_phrase(f, j, self.ev.opens) and \
                    f[j - 1].piece == 0 and self.pieces[f[j - 1].row] == 1 and \
                    (self.credit is None or self.credit.match(f[j - 1].text) is None):
                last = j
            out.append(last)
        return out

    def _rank_rule(self):
        """``_new_rank`` as a function of (j, rank of the last stream, the sorted
        ranks of the open streams), its case chosen once per fragment."""
        f, n = self.f, len(self.f)
        # per fragment: 0 right after the last stream, 1 left of all, 2 right of
        # all, 3 by its start cell (a -layout row's lone piece, ``_rank_by_cell``)
        case = []
        for j in range(n):
            if j and f[j - 1].row == f[j].row:
                case.append(0)
            elif j + 1 < n and f[j + 1].row == f[j].row:
                case.append(1)
            elif not self.layout and not self.rows and j:
                case.append(0)
            elif self.by_cell and f[j].x is not None:
                case.append(3)
            else:
                case.append(2)
        bisect_right = bisect.bisect_right
        by_cell = self._rank_by_cell

        def rank(j: int, last_rank: float, ranks: tuple, order: list) -> float:
            if not ranks:
                return 0.0
            c = case[j]
            if c == 0:
                i = bisect_right(ranks, last_rank)
                return (last_rank + ranks[i]) / 2 if i < len(ranks) else last_rank + 1.0
            if c == 1:
                return ranks[0] - 1.0
            if c == 3:
                return by_cell(f[j].x, ranks, [s[3] for s in order])
            return ranks[-1] + 1.0
        return rank

    def _rank_by_cell(self, x: int, ranks, xs) -> float:
        """The rank of a new stream that a -layout row's lone piece opens, by
        its start cell: right after the last stream (in rank order) whose
        last line starts at most ``x_tolerance`` cells right of it, left of
        all when none does. -layout prints a row's pieces left to right, so
        a stream's rank is its column's place: a caption under a photo left
        of the columns, alone on its row, stands left of them, and the
        columns' lines beside its next line go on right of it (ranked right
        of all, it would cut them off their columns)."""
        tol = self.k.x_tolerance
        i = 0
        while i < len(ranks) and xs[i] is not None and xs[i] <= x + tol:
            i += 1
        if i == len(ranks):
            return ranks[-1] + 1.0
        if i == 0:
            return ranks[0] - 1.0
        return (ranks[i - 1] + ranks[i]) / 2

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
        if self.by_cell and f[j].x is not None:
            order = sorted(live, key=lambda s: s.rank)
            return self._rank_by_cell(f[j].x, [s.rank for s in order], [s.x for s in order])
        return max(ranks) + 1.0

    def _alive(self, s: Stream, j: int, horizon: int) -> bool:
        if self.layout:
            return self.f[j].row - self.f[s.tail].row <= horizon
        return j - s.tail <= horizon

