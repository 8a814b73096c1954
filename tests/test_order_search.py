"""The order stage's beam search (``Decoder.run``) equals its plain definition.

``Decoder.run`` is written for speed: it scores the parts of a move that do
not depend on the hypothesis once per stream, keeps each hypothesis's streams
in rank order as it goes and builds a hypothesis only for a move it keeps.
``reference_run`` below is the search as first written, one move at a time;
both must give the same stream of every fragment, on the gold pages and on
damaged pages made at random, with the same count of moves scored.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflow import normalize, order
from reflow.engine import Options, State
from reflow.model import Document
from reflow.order.columns import _NO_END
from reflow.order.decoder import Hyp, _grow
from reflow.read import lines_from_text
from reflow.rules import load_rules

from .test_order import PARAS, columns, interleaved, merged, side_by_side, wrap

RULES = load_rules()
GOLD = Path(__file__).resolve().parent / "gold" / "pages"
P3 = RULES.rules["O603"].params


def _xn(f):
    return f.x if f.xn is None else f.xn


def _xr(f):
    return f.x if f.xr is None else f.xr


def _xp(f):
    return f.x if f.xp is None else f.xp


def _cycle(dec, hyp, s, ranks, j):
    if not j or len(ranks) < 2:
        return 0.0
    p = dec.p
    prev = hyp.last_rank
    if s.rank == prev:
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


def _join_score(dec, hyp, s, j, ranks):
    f, k = dec.f, dec.k
    a, b = f[s.tail], f[j]
    if a.row == b.row:
        return None
    if dec.bound[j] and s.tail != j - 1:
        return None              # a solid block's line goes on from the line above it only
    if j and f[j - 1].row == b.row and s.rank <= hyp.last_rank:
        return None
    score = dec.ev.seam(s.tail, a, b, j)
    if s.tail in dec.apart.get(j, ()):
        score -= dec.w_apart
    if dec.opens[s.tail] and dec.closes[j]:
        score += dec.w_bracket
    if dec.layout:
        if a.x is not None and b.x is not None:
            # the nearest of the piece's four readings of its start (as printed,
            # Han characters before it counted twice, a piece cut at a single
            # space put back at its cell, scaled to a typical row: that one
            # only between rows that end in one column)
            dx = min(abs(b.x - a.x), abs(_xn(b) - _xn(a)), abs(_xp(b) - _xp(a)))
            if dec.gaps.same_end(a.row, b.row):
                dx = min(dx, abs(_xr(b) - _xr(a)))
            if dx > k.x_tolerance:
                score -= min(k.x_cap, k.w_x * (dx - k.x_tolerance))
        score -= k.w_skip * min(b.row - a.row - 1, k.skip_cap)
        if b.row - a.row > 1 and dec.w_taken:
            score -= dec.w_taken * dec.gaps.taken(s.tail, j, k.x_tolerance, k.skip_cap)
        score -= k.w_blank * min(b.blank - a.blank, k.blank_cap)
    else:
        score += _cycle(dec, hyp, s, ranks, j)
        if dec.rows and a.row == b.row - 1 and a.piece == b.piece and \
                dec.pieces[a.row] == dec.pieces[b.row] > 1:
            score += k.w_slot
    if s.n >= 2 and not b.spaced and dec.narrow[j] > s.width + k.wide_tolerance:
        score -= k.w_wide
    if s.n >= 2 and not a.spaced and a.width < s.width - 2.0 - k.short_tolerance \
            and dec.ev.end_mid[s.tail] and a.flat[-1:] not in _NO_END:
        score -= k.w_short_mid
    return score


def _alive(dec, s, j, horizon):
    if dec.layout:
        return dec.f[j].row - dec.f[s.tail].row <= horizon
    return j - s.tail <= horizon


def reference_run(dec) -> tuple[list[int], int]:
    """The beam search move by move: (stream ids, moves scored)."""
    p = dec.p
    ops = 0
    beam_size = int(p.get("beam", 16))
    horizon = int(p.get("layout_horizon", 60) if dec.layout else p.get("horizon", 14))
    beam = [Hyp(0.0, (), None, 0)]
    for j, b in enumerate(dec.f):
        moves = []
        for hyp in beam:
            live = tuple(s for s in hyp.streams if _alive(dec, s, j, horizon))
            ranks = sorted(s.rank for s in live)
            moves.append((hyp.score + dec._new_score(j), hyp, live, None))
            for s in live:
                sc = _join_score(dec, hyp, s, j, ranks)
                ops += 1
                if sc is not None:
                    moves.append((hyp.score + sc, hyp, live, s))
        moves.sort(key=lambda m: -m[0])
        seen: set[tuple] = set()
        nxt: list[Hyp] = []
        for score, hyp, live, s in moves:
            if s is None:
                rank = dec._new_rank(hyp, live, j)
                ns = _grow(None, hyp.next_sid, j, b, rank)
                nh = Hyp(score, live + (ns,), (hyp.back, hyp.next_sid), hyp.next_sid + 1, rank,
                         False)
            else:
                ns = _grow(s, s.sid, j, b, width=dec.grown_width(s.tail, s.x, j, s.n))
                nh = Hyp(score, tuple(ns if t.sid == s.sid else t for t in live),
                         (hyp.back, s.sid), hyp.next_sid, s.rank, s.rank == hyp.last_rank)
            key = (nh.stay,) + tuple((t.tail, round(t.width))
                                     for t in sorted(nh.streams, key=lambda t: t.rank))
            if key in seen:
                continue
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
    return out, ops


def _pages(text: str):
    state = State(lines_from_text(text), RULES, Options(), Document("", ""))
    normalize.run(state)
    pages: dict[int, list] = {}
    for line in state.lines:
        pages.setdefault(line.page, []).append(line)
    for lines in pages.values():
        if len(lines) >= 3:
            layout = order.layout_page(lines, RULES.rules["O602"].params)
            yield order.fragments(lines, layout, RULES)[0], layout


def _same(text: str, params: dict = P3) -> int:
    n = 0
    for frags, layout in _pages(text):
        dec = order.Decoder(frags, layout, params)
        ref = order.Decoder(frags, layout, params)
        assert dec.run() == reference_run(ref)[0]
        assert dec.ops == reference_run(ref)[1]
        n += 1
    return n


@pytest.mark.parametrize("source", ["pdftotext", "pdftotext-layout", "pdfminer", "tesseract"])
def test_search_equals_its_definition_on_gold_pages(source):
    paths = sorted(GOLD.glob("*/%s.txt" % source))[::4]   # every fourth page: a few seconds
    assert paths
    assert sum(_same(p.read_text(encoding="utf-8")) for p in paths) >= len(paths)


def test_search_equals_its_definition_with_a_narrow_beam():
    text = interleaved(columns(wrap(PARAS, 12), 3))
    assert _same(text, {**P3, "beam": 3, "horizon": 5})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARAS), min_size=1, max_size=4),
       st.integers(min_value=8, max_value=16), st.integers(min_value=2, max_value=4),
       st.sampled_from(["merged", "interleaved", "side_by_side"]))
def test_property_search_equals_its_definition(paras, width, n, how):
    cols = columns(wrap(paras, width), n)
    text = {"merged": lambda: merged(cols), "interleaved": lambda: interleaved(cols),
            "side_by_side": lambda: side_by_side(cols, width)}[how]()
    _same(text)


@pytest.mark.parametrize("params", [P3, {**P3, "w_first": -1.0, "w_hyphen": -2.0, "w_bracket": 1.5,
                                          "w_skip_taken": -0.5, "w_solid_apart": -1.0},
                                    {**P3, "w_x": -0.5, "x_cap": -1.0, "w_wide": -1.0}])
def test_layout_seams_pruned_only_under_the_floor(params):
    """The -layout search reads a seam's terms only as far as its score may yet
    reach the floor (``Decoder._layout_seam_fn``): unpruned, the seam is
    ``_seam_info``'s bit for bit; pruned (None), no move onto the stream,
    with whatever it may yet add, reaches the limit; on gold pages and with
    parameters of either sign."""
    rest = max(0.0, -params.get("w_wide", 6.0)) + max(0.0, -params.get("w_short_mid", 1.5))
    checked = pruned = 0
    for path in sorted(GOLD.glob("*/pdftotext-layout.txt"))[::6]:
        for frags, layout in _pages(path.read_text(encoding="utf-8")):
            if not layout:
                continue
            dec = order.Decoder(frags, layout, params)
            seam_info = dec._seam_fn()
            text_bound, seam = dec._layout_seam_fn(params.get("w_wide", 6.0), params.get("w_short_mid", 1.5))
            for j in range(len(frags)):
                top = text_bound(j)
                for i in range(max(0, j - 40), j):
                    exact = seam_info(i, j)
                    assert seam(i, j) == exact
                    for lim in (-12.0, -6.0, -3.0, -1.0, 0.0, 2.0):
                        got = seam(i, j, lim, top)
                        if got is None and exact is not None:
                            assert exact[0] + rest < lim
                            pruned += 1
                        else:
                            assert got == exact
                        checked += 1
    assert checked > 10000 and pruned > 1000
