"""The order stage itself: ``run`` over the pages of ``state.lines``.

Holds ``run`` and ``_page_order`` (per page: fragments cut, streams decoded
and ordered, the new order kept only on a page that shows the damage), the
tests for that damage, the lines emitted with their ``move`` events and
first-line indents, and ``order_text``, the rules' entry point on a bare
text. It does not score seams or search: ``decoder`` does.
"""
from __future__ import annotations

import collections
import functools
import re

from ..engine import State, mechanism
from ..label import ends_unit, paragraph_lines
from ..model import Line
from .blocks import chained_order, head_columns
from .columns import (_PUNCT, CLAUSE_MARKS, Frag, _frag, apart_gaps, fragments, glue_mark_lines,
                      latin_doubt, layout_page, rejoin_split_rows)
from .decoder import Decoder, Evidence, _body_line
from .grid import grid_order
from .head_tails import head_tails, side_heads
from .module_heads import glue_datelines, mark_module_heads, module_heads
from .ocr_tops import head_rows
from .gutter import aligned_page, led_document, page_order
from .period import _OPENERS, _links, boxed_page, period_streams, resume_at
from .pieces import linked_units, printed_in_blocks, units_of
from .streams import late_column, order_by_position, order_streams, side_modules

def _page_order(lines: list[Line], state: State, ocr: bool = True, heads: bool = True) -> list[Line] | None:
    """The lines of one page in reading order, or None to leave it as it is.
    ``ocr``: the document's lines are never led by spaces, so its merged
    lines may be OCR's (O605), whatever their gaps. ``heads``: look for OCR's
    merged head rows (O606 ``ocr_head_rows``), not yet moved."""
    rules = state.rules
    if len(lines) < 3:
        return None
    if paragraph_lines(lines) and not (rules.on("O602") and rules.rules["O602"].params.get("sentence_rows", False)
                                       and layout_page(lines, rules.rules["O602"].params)):
        # no columns to put in order; but a -layout page's rows (runs of spaces
        # between text on a share of them) hold several columns' lines, and the
        # last column's line ends a sentence where its paragraph ends (O602
        # sentence_rows): a small page may have most of its rows end so
        return None
    if any(line.bbox is not None for line in lines):
        return None                      # lines with boxes are ordered by their geometry
    moved = head_rows(lines, rules.rules["O606"].params, state.tracer) \
        if heads and ocr and rules.on("O606") else None
    if moved is not None:             # OCR's merged head rows put at the tops of their columns
        got = _page_order(moved, state, ocr, False)
        return moved if got is None else got
    o605 = ocr and rules.on("O605")
    # a page of OCR text is no -layout page, however wide its gaps, unless
    # its pieces start at one cell row after row: its gaps scatter
    layout = rules.on("O602") and layout_page(lines, rules.rules["O602"].params) and \
        not (o605 and not aligned_page(lines, rules.rules["O605"].params))
    if o605 and not layout:
        got = page_order(lines, state)   # OCR's merged column lines, cut at one offset
        if got is not None:
            return got
    if not rules.on("O603"):
        return None
    p3 = rules.rules["O603"].params
    glued: dict[int, list[int]] = {}
    if layout:
        lines = rejoin_split_rows(lines, rules.rules["O602"].params, state.tracer)
        if rules.rules["O602"].params.get("dateline_gap", False):
            lines = glue_datelines(lines, _dateline(state), int(rules.rules["O602"].params.get("gap_spaces", 3)),
                                   state.tracer)
        if rules.on("O611"):
            lines = head_tails(lines, rules.rules["O611"].params, state.tracer)
            # a byline, a credit or a dateline is no headline's wrapped line
            stops = [rules.rules[c].regex for c in ("L110", "L111") if rules.on(c)]
            if "dateline_pattern" in rules.rules["O602"].params:
                stops.append(rules.rules["O602"].params["dateline_pattern"])
            lines = side_heads(lines, rules.rules["O611"].params, state.tracer, stops)
    elif rules.on("O601"):
        lines, glued = glue_mark_lines(lines, rules.rules["O601"].params, state.tracer)
    own = module_heads(lines, rules.rules["O602"].params, _dateline(state), _credit(state)) if layout else set()
    frags, cuts = fragments(lines, layout, rules, glued)
    apart = sum(map(len, glued.values()))     # lines O601 glued on: as printed, apart
    if layout:
        for f in frags:
            f.latin = latin_doubt(f.text, p3)
    p4 = rules.rules["O604"].params if rules.on("O604") else {}
    if not layout and not _cut_rows(frags, p3):
        # read in order line by line (no search), its blocks may yet be out of order;
        # a page printed box by box is searched even so: a column read down box
        # after box reads on, and its lines may outnumber the rows interleaved beside it
        if not boxed_page(frags) and _reads_on(frags, p3):
            got = _chained(frags, lines, state)
            if got is None and rules.on("O607") and rules.rules["O607"].params.get("reads_on", False) and \
                    frags[-1].blank and any(f.piece for f in frags) and not (ocr and _ocr_gaps(lines, p3)):
                # O607 reads_on: a page printed in blocks (blank lines between
                # them), in order, but a merged line among them (one space: OCR's
                # gaps are left in place, below): a block whose lines are two
                # columns' lines by their baselines
                got = _grid(frags, lines, state, p3, True)
                got = None if got is False else got
            # O603 reads_on_period: the rest of the page may read on well enough to
            # outweigh one module whose columns interleave line by line; its runs
            # are still read by their period (where their seams show it)
            if got is None and p3.get("period", False) and p3.get("reads_on_period", False) and \
                    not (ocr and _ocr_gaps(lines, p3)):
                got = _interleaved(frags, lines, state, p3, p4)
            return got
        if p3.get("period", False):
            got = _interleaved(frags, lines, state, p3, p4)
            return got if got is not None else _chained(frags, lines, state)
    if ocr and not layout and _ocr_gaps(lines, p3):
        return None              # OCR's merged lines that O605 could not cut: left in place
    if not layout and p3.get("period", False) and p3.get("period_cut_share", 0) > 0 and \
            2 * len({f.row for f in frags if f.piece}) <= len({f.row for f in frags}) + apart:
        # merged lines on some rows only, cut apart, may leave the columns'
        # lines interleaved row by row, each in its turn: read by their period
        # when runs of it hold most of the page (where most rows hold several
        # columns' lines, their places on the row tell the columns: the search).
        # The page's lines are counted as the extractor printed them: a line
        # glued back on the line above (O601 glue_marks) still counts
        # (O603 period_apart's one-line blocks weigh nothing here: where merged lines are
        # cut row after row, the grids of O607 read the rows by their pieces)
        # (O610: on a page printed in blocks, only where the runs hold all but
        # a few of its lines; the grid reads the rest)
        share = max(p3["period_cut_share"], _grid_share(frags, rules, p3))
        got = _interleaved(frags, lines, state, {**p3, "period_apart": 0.0}, p4, share, apart)
        if got is not None:
            return got
    if not layout and rules.on("O607") and _cut_rows(frags, p3):
        got = _grid(frags, lines, state, p3)
        if got is not False:
            return got
    dec = Decoder(frags, layout, p3, _dateline(state), _credit(state))
    sids = dec.run()
    if layout and rules.on("O604"):
        _lone_tops(frags, sids, p3)
        _across_gap_rows(frags, sids, dec.ev, p3)
        heads, stops = _head_rows_apart(frags, sids, dec.ev.modes, _byline(state), own)
        ordered = order_by_position(frags, sids, p4, side_modules(frags, heads, stops, _dateline(state)))
    else:
        ordered = order_streams(frags, sids, dec.ev, p4, rules.on("O604"))
    seq = [j for stream in ordered for j in stream]
    if not layout and rules.on("O604"):
        seq = _head_blocks_in_place(frags, seq, p4)
    if seq == list(range(len(frags))):
        return None
    if not layout and not _damaged(frags, seq, sids, cuts, dec.ev, p3):
        return None
    out = _emit(frags, seq, layout, lines, state, own=own)
    mark_module_heads(out, own, state.tracer, rules.rules["O602"].params)
    return out


def _grid(frags: list[Frag], lines: list[Line], state: State, p3: dict,
          gain: bool = False) -> list[Line] | None | bool:
    """O607: a page of merged lines cut row after row, read as grids of
    columns; False where ``grid_order`` gives the page up (a parted solid
    block, as O607's solid_fallback and caption_fallback say: the search
    decodes the page then). ``gain``: a page that reads on (O607
    ``reads_on``), read so only where each grid without a merged line keeps
    its lines in the order given, and with more true-looking seams than that
    order (``seam_hits``); else None. Such a page is searched with a beam of
    its own (``reads_on_beam``): its few merged lines leave the grid few
    placements to weigh, and most such pages are given back unchanged."""
    # (the pieces' widths are the cuts' guesses: a piece wider than every
    # measure may hold a glyph of the next column's line, no full line of
    # one, so O603 lexicon_wide does not hold here)
    ev = Evidence(frags, {**p3, "lexicon_wide": 0.0}, True, _dateline(state))
    p = state.rules.rules["O607"].params
    if gain:
        p = {**p, "beam": p.get("reads_on_beam", p.get("beam", 96))}
    seq = grid_order(frags, ev, p, _credit(state), gain)
    if seq is None:
        return False
    if seq == list(range(len(frags))):
        return None
    if gain and seam_hits(frags, seq, ev, p3) <= seam_hits(frags, list(range(len(frags))), ev, p3):
        return None
    # the page's damage and the seams' evidence are O603's: both decisions are on record
    state.tracer.decide("O603", "move", lines[0], "", "", "a page read in blocks, a merged line among them, "
                        "more true-looking seams as grids (O607 reads_on)" if gain else
                        "merged lines cut row after row: read as grids (O607)")
    return _emit(frags, seq, False, lines, state, "merged rows read as grids of columns", rule="O607")


def _chained(frags: list[Frag], lines: list[Line], state: State) -> list[Line] | None:
    """O606: a page read in order line by line, its blocks put back in order."""
    if not state.rules.on("O606"):
        return None
    p3, p6 = state.rules.rules["O603"].params, state.rules.rules["O606"].params
    evidence = functools.lru_cache(maxsize=1)(lambda: Evidence(frags, p3, True, _dateline(state)))
    blocks = head_columns(frags, evidence, p6)
    seq = chained_order(frags, evidence, p6, blocks=blocks)
    if seq is None and blocks is not None:
        seq = [j for b in blocks for j in b]     # merged rows over a block: its columns
        seq = None if seq == list(range(len(frags))) else seq
    if seq is None:
        return None
    return _emit(frags, seq, False, lines, state, rule="O606")


@functools.lru_cache(maxsize=4)
def _gap_pattern(spaces: int) -> re.Pattern:
    return re.compile(r"\S {%d,}\S" % spaces)


def _dateline(state: State):
    """The pattern of a report's opening dateline (J301's), or None."""
    rule = state.rules.rules.get("J301")
    return rule.params.get("dateline_pattern") if rule is not None and state.rules.on("J301") else None


def _credit(state: State):
    """The pattern of a photo's credit (L110's), or None."""
    return state.rules.get("L110").regex if state.rules.on("L110") else None


def _byline(state: State):
    """The pattern of a byline printed on its own line (L111's), or None."""
    return state.rules.get("L111").regex if state.rules.on("L111") else None


def _ocr_gaps(lines: list[Line], p: dict) -> bool:
    """Does a line hold a run of spaces between two glyphs, the gap OCR
    prints where it saw one (a PDF extractor's merged lines hold one space)?"""
    spaces = int(p.get("ocr_gap", 2))
    if spaces <= 0:
        return False
    pat = _gap_pattern(spaces)
    return any(pat.search(line.text) for line in lines)


def _interleaved(frags: list[Frag], lines: list[Line], state: State, p3: dict,
                 p4: dict, share: float = 0.0, glued: int = 0) -> list[Line] | None:
    """A page with no merged lines: its lines in reading order when runs of
    them interleave columns line by line (``period_streams``), else None; with
    ``share``, only when the runs hold at least that share of its lines, with
    the ``glued`` lines O601 glued back on the lines above them counted as
    the extractor printed them (apart)."""
    ev = Evidence(frags, p3)
    ahead: list[tuple[int, int]] = []
    behind: list[tuple[int, int]] = []
    pairs: list[tuple[int, int, int, int]] = []
    dealt: list[tuple[int, int, int]] = []
    singles: list[float] = []
    sids, runs, blocks = period_streams(frags, ev, p3, _credit(state), _dateline(state), ahead, behind, dealt,
                                        pairs, singles)
    if not runs or sum(b - a + 1 for a, b, _ in runs) < share * (len(frags) + glued):
        return None
    if not _runs_shown(frags, ev, runs, p3):
        return None
    ev.without_lexicon()       # streams are linked by the page's own n-grams
    if boxed_page(frags):
        # box by box, a line a box: a run's columns first appear in their
        # order, left to right, so a link that moves one needs evidence for its seam
        p4 = dict(p4, link_min=p4.get("period_link_min", p4.get("link_min", -1.0)))
    modules = _modules(frags, runs, p3, p4.get("period_module_heads", False)) \
        if p4.get("period_modules", False) else None
    ordered = order_streams(frags, sids, ev, p4, state.rules.on("O604"), modules)
    _tops_home(ordered, behind)
    _pairs_home(ordered, pairs)
    # a glyph an extractor cut off a letter-spaced line goes back before the one
    # letter-spaced line it makes a word of the document's with (发 ⏎ 布 期 。)
    back = _strays_home(frags, blocks, ordered, ev, p3)
    for a, home in back.items():
        state.tracer.decide("O603", "move", frags[home].line, frags[a].flat + "\u23ce" + frags[home].flat[:6],
                            frags[home].flat[:8], "an opening bracket cut off the line it opens goes back to it"
                            if frags[a].flat in _OPENERS else "a glyph cut off a letter-spaced line goes back to it")
    # a block set in order between the rows goes on no column: read after them
    starts = {a for a, _ in blocks} - set(back)
    ordered = [st for st in ordered if st[0] not in starts] + [st for st in ordered if st[0] in starts]
    if state.rules.on("O608"):
        # O608: a page printed in blocks of a column's lines (pdftotext, not
        # pdfminer.six's boxes of one to three lines): its units read on
        p8 = state.rules.rules["O608"].params
        if printed_in_blocks(frags, int(p8.get("block_lines", 4))):
            links: list[tuple[int, int, float | None]] = []
            ordered = linked_units(frags, units_of(frags, ordered, runs),
                                   Evidence(frags, p3, True, _dateline(state)), p8, links)
            for t, h, sc in links:
                state.tracer.decide("O608", "move", frags[h].line, frags[t].flat[-6:] + "\u23ce" + frags[h].flat[:6],
                                    frags[h].flat[:8], "a column's piece printed apart goes on in "
                                    "the piece that continues its sentence (seam %.1f)" % sc if sc is not None else
                                    "the one column piece left that stops mid-sentence goes on in the one "
                                    "left that opens mid-sentence")
    seq = [j for stream in ordered for j in stream]
    if p4.get("late_column", False):
        late = late_column(frags, ordered, ev, p3, runs, _dateline(state))
        if late is not None:
            seq, (a, b, h) = late
            state.tracer.decide("O604", "move", frags[a].line, frags[b].flat[-6:] + "\u23ce" + frags[h].flat[:6],
                                frags[a].flat[:8], "a column printed after the columns right of it goes "
                                "on in the first column line under the headline")
    if seq == list(range(len(frags))):
        return None
    note = "; ".join("lines %d-%d: %d columns interleaved" % (frags[a].line.lineno, frags[b].line.lineno, k)
                     for a, b, k in runs)
    note += "".join("; lines %d-%d: dealt out to %d columns read down (period_chains_lines)" % d for d in dealt)
    note += "".join("; a page printed a line a box, read mostly in order, read again at a lower cost of a "
                    "change of period (period_singles_switch): runs hold %.0f%% of its lines" % (100 * x)
                    for x in singles)
    note += "".join("; line %d: a column's top %d lines printed ahead of the rows" % (frags[a].line.lineno, k)
                    for a, k in ahead)
    note += "".join("; line %d: a column's top line printed after the rows, read on into line %d" %
                    (frags[x].line.lineno, frags[t].line.lineno) for x, t in behind)
    note += "".join("; lines %d-%d: a column's first and last lines printed ahead of the rows, read "
                    "on into line %d and after line %d" % (frags[x].line.lineno, frags[y].line.lineno,
                    frags[t].line.lineno, frags[e].line.lineno) for x, y, t, e in pairs)
    return _emit(frags, seq, False, lines, state, note)


def _tops_home(ordered: list[list[int]], behind: list[tuple[int, int]]) -> None:
    """Read each column's top line printed after the rows (``behind``:
    (line, the column line read after it), ``_behind_tops``) on into its
    column, where it is printed (``resume_at``)."""
    for x, t in behind:
        ordered[:] = resume_at(ordered, x, t)


def _pairs_home(ordered: list[list[int]], pairs: list[tuple[int, int, int, int]]) -> None:
    """Read each column's first and last lines printed ahead of the rows
    (``pairs``: (first, last, the column line after the first, the column's
    last line), ``_ahead_pairs``) into their column: the column is read
    where its first line was, before the lines read after that pair, with
    the first line before its top and the last line after its last; lines
    read on after its last line go on as a stream of their own after it,
    and so does the stream read after the column (its next column, read on
    from the column's last line as from a foot that stopped mid-sentence)."""
    for x, y, t, e in pairs:
        k = next(n for n, st in enumerate(ordered) if x in st)
        sx = ordered[k]
        pre, post = sx[:sx.index(x)], [z for z in sx[sx.index(x) + 1:] if z != y]
        col = next(st for st in ordered if t in st)
        if col is sx:
            continue
        col = [z for z in col if z not in (x, y)]
        at = col.index(t)
        col.insert(at, x)
        rest: list[int] = []
        if e in col:
            rest = col[col.index(e) + 1:]
            col = col[:col.index(e) + 1] + [y]
        else:
            post.append(y)
        j = next(n for n, st in enumerate(ordered) if t in st)
        nxt = j + 1 if j + 1 < len(ordered) and j + 1 != k else None
        out = []
        for n, st in enumerate(ordered):
            if n == k:
                out += [pre, col, rest] + ([[z for z in ordered[nxt] if z not in (x, y)]]
                                           if nxt is not None else []) + [post]
            elif n != j and n != nxt:
                out.append([z for z in st if z not in (x, y)])
        ordered[:] = [st for st in out if st]


def _over_columns(f: Frag, measure: float, tol: float) -> bool:
    """Is f a headline set over several columns: wider than one column's
    measure, with no mark of a sentence (a caption or a body line has one),
    not letter-spaced (a justified column line)?"""
    return not f.spaced and f.width > measure + tol and not _body_line(f)


def _modules(frags: list[Frag], runs: list[tuple[int, int, int]], p: dict,
             heads: bool = False) -> list[tuple[int, int]]:
    """The modules of a page's runs of interleaved columns (first, last line).
    A run goes on the module of the run before it when a line between the two
    is as wide as that run's measure (a column line: the columns go on below a
    crosshead or a photo) or no line stands between them (they go on a column
    short, or one more); when only lines narrower than the measure stand
    between them (a headline, a byline, a section label), it opens the next
    module. With ``heads``, a headline set over several columns between the
    two (``_over_columns``) opens the next module whatever column lines
    stand beside it (the columns of another article's run start under it)."""
    tol = p.get("period_full_tolerance", 1.5)
    out: list[tuple[int, int]] = []
    measure = 0.0                        # the measure of the run before
    for a, b, _ in runs:
        between = frags[out[-1][1] + 1:a] if out else []
        if out and (not between or any(f.spaced or f.width >= measure - tol for f in between)) and \
                not (heads and any(_over_columns(f, measure, tol) for f in between)):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        measure = max((f.width for f in frags[a:b + 1] if not f.spaced), default=measure)
    return out


def _strays_home(frags: list[Frag], blocks: list[tuple[int, int]], ordered: list[list[int]],
                 ev: Evidence, p: dict) -> dict[int, int]:
    """Put each stray glyph (a block of one line, at most period_stray
    characters, no mark) back at the start of the one letter-spaced line whose
    first character it makes a bigram of the document's with, as printed (a
    letter space between), and each opening bracket alone on its line back
    to the start of the line after it, which it opens; {stray: its line},
    their own streams taken out."""
    stray = int(p.get("period_stray", 2))
    placed: dict[int, int] = {}
    for a, b in blocks:
        f = frags[a]
        if a == b and f.flat in _OPENERS and a + 1 < len(frags):
            h = frags[a + 1]         # an opening bracket goes back to the line it opens
            h.text, h.flat, h.width = f.text + h.text, f.flat + h.flat, h.width + f.width
            placed[a] = a + 1
            continue
        if a != b or not f.flat or len(f.flat) > stray or not f.flat.isalnum():
            continue
        homes = [j for j, g in enumerate(frags) if g.spaced and j != a and g.flat and
                 g.flat[0].isalnum() and f.flat[-1] + g.flat[0] in ev.grams]
        if len(homes) != 1:
            continue
        h = frags[homes[0]]
        h.text, h.flat, h.width = f.text + " " + h.text, f.flat + h.flat, h.width + f.width
        placed[a] = homes[0]
    if placed:   # the strays' own streams, now empty
        ordered[:] = [st for st in ordered if not (len(st) == 1 and st[0] in placed)]
    return placed


_ALIGNED = 4    # cells (Han counted twice) within which two -layout pieces start together


def _starts_apart(f: Frag, row: list[Frag]) -> bool:
    """Does -layout piece f start where no piece of ``row`` starts (centred
    over the columns rather than a column's line)?"""
    return f.xn is not None and all(g.xn is None or abs(g.xn - f.xn) > _ALIGNED for g in row)


def _head_rows_apart(frags: list[Frag], sids: list[int], modes: list[float],
                     byline=None, own=()) -> tuple[list[int], set[int]]:
    """On a -layout page, a line that stands alone on its row above the first
    rows of columns (a headline stack, a byline over the article) is no column's
    line: it becomes a stream of its own, read in its place, before the columns
    below it — unless it is a column's first line, set higher than the others.
    So is a row of pieces that are a headline's phrases set far apart across
    the columns (枫林湖马拉松鸣枪开跑 … 3.2万名跑者参赛): no piece holds a mark of a
    sentence, and no piece is nearly as wide as a column, or the row stands
    between blank lines, or it comes after a blank line right above rows that
    hold another number of pieces (a headline over the next article's columns,
    anywhere on the page: -layout prints no blank line inside a column), its
    gaps narrower than its widest phrase (two articles' headlines side by side
    stand a column apart); its pieces stay one line — but for a piece a
    column apart that is a byline alone (``byline``: 本报评论员, ▶ 贺知远): no
    headline's phrase, it is the byline of the module it stands over, a
    stream of its own. The columns start at the first two rows in a row that
    each hold two or more pieces, not counting such headline rows; the running
    head above may hold several. Returns the rows that hold the headlines of
    modules side by side, each its own stream (``side_modules`` reads their
    modules one after the other), and the rows that end such a band: after a
    blank line, no mark of a sentence (the next headlines)."""
    per_row = collections.Counter(f.row for f in frags)
    rows = sorted(per_row)
    widest = max(modes, default=0.0)
    pieces: dict[int, list[Frag]] = collections.defaultdict(list)
    for f in frags:
        pieces[f.row].append(f)

    def phrases(r: int) -> bool:
        return per_row[r] > 1 and not any(_SENTENCE.search(f.flat) for f in pieces[r])

    def gap_above(r: int) -> bool:
        return pieces[r][0].line.blank_before > 0

    def set_apart(r: int) -> bool:
        """Between blank lines, or after one and over rows of another number of
        pieces; and its gaps narrower than its widest phrase (-layout prints
        two cells an em): the headlines of two articles side by side stand
        a column apart."""
        if not phrases(r) or not gap_above(r):
            return False
        if side_by_side(r):
            return False
        below = r + 1 if r + 1 in per_row else None
        if below is None or gap_above(below):
            return True
        return per_row[below] > 1 and (per_row[below] != per_row[r] or not aligned(r, below))

    groups = {r: _side_groups(pieces[r], own) for r in rows}

    def side_by_side(r: int) -> bool:
        """Do the pieces of row r stand a column apart, a gap at least as wide
        as its widest phrase: the headlines of two articles side by side, each
        over its own columns, not one headline's phrases?"""
        return groups[r][-1] > 0

    def aligned(r: int, below: int) -> bool:
        """Does each piece of row r start where a piece of the row below does
        (a column's first line), not centred over them (a headline)?"""
        return not any(_starts_apart(f, pieces[below]) for f in pieces[r])

    head_row = {r: widest > 0 and phrases(r) and all(f.width < widest - 3.5 for f in pieces[r])
                for r in rows}
    # the headlines of modules side by side, each over its own: after a blank
    # line; and the rows of headlines that end their band (after a blank line,
    # no mark of a sentence)
    sides = [r for r in rows if phrases(r) and gap_above(r) and side_by_side(r)]
    stops = {r for r in rows if gap_above(r) and not any(_SENTENCE.search(f.flat) for f in pieces[r])}
    apart = {r: set_apart(r) for r in rows}
    start = next((r for r, r2 in zip(rows, rows[1:])
                  if per_row[r] > 1 and per_row[r2] > 1 and not head_row[r] and not apart[r]), None)
    if start is None:
        return sides, stops
    fresh = max(sids, default=0) + 1
    row_stream: dict[tuple[int, int], int] = {}
    over, multi = _heads_over_columns(rows, per_row, pieces, start, gap_above)
    follows = _stream_next(sids)
    for j, f in enumerate(frags):
        if f.row in over:
            sids[j] = fresh              # a headline over the next article's columns
            fresh += 1
            continue
        if f.row >= start and not apart[f.row] and f.row not in sides:
            continue
        if per_row[f.row] == 1 and not _starts_a_column(f, frags, start) and \
                not _goes_on_below(f, frags[follows[j]] if j in follows else None):
            sids[j] = fresh
            fresh += 1
        elif head_row[f.row] and f.row < start or apart[f.row] or f.row in sides:
            above = _wrapped_from(f, frags, j, per_row)
            if above is not None:
                sids[j] = sids[above]        # the end of the headline above it
                continue
            # (the headlines of modules side by side: a stream each, over its module)
            key = (f.row, groups[f.row][f.piece] if f.row in sides or
                   _byline_apart(f, groups[f.row], byline) else 0)
            if key not in row_stream:
                row_stream[key] = fresh
                fresh += 1
            sids[j] = row_stream[key]
    # (a column does not go on under the headlines of modules side by side either)
    later = {r for r in sides if r >= start}
    if over or multi or later:
        _cut_at_heads(frags, sids, over | multi | later, over | later, pieces, fresh)
    return sides, stops


def _byline_apart(f: Frag, groups: list[int], byline) -> bool:
    """Is -layout piece f of a headline row a byline alone (L111) set a column
    apart from the piece before it?"""
    return byline is not None and f.piece > 0 and f.piece < len(groups) and \
        groups[f.piece] != groups[f.piece - 1] and byline.match(f.text) is not None


def _stream_starts(frags: list[Frag], sids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """The fragments of each stream, and the first fragments of the streams by row."""
    members: dict[int, list[int]] = {}
    for j, sid in enumerate(sids):
        members.setdefault(sid, []).append(j)
    firsts: dict[int, list[int]] = {}
    for sid, m in members.items():
        firsts.setdefault(frags[m[0]].row, []).append(m[0])
    return members, firsts


def _lone_tops(frags: list[Frag], sids: list[int], p: dict) -> None:
    """A -layout line that the search left alone in its stream while the
    stream right under it, in the next row and within the drift of a column
    start (``x_tolerance`` cells), begins there: the column's first line (a
    paragraph's, indented; it holds a mark of a sentence or a clause, as no
    headline does), set apart by a seam the page does not know. It heads that
    stream."""
    tol = p.get("x_tolerance", 6)
    members, firsts = _stream_starts(frags, sids)
    for sid, m in members.items():
        if len(m) != 1 or frags[m[0]].x is None or not _SENTENCE.search(frags[m[0]].flat):
            continue                  # (a line without a mark is a headline's)
        f = frags[m[0]]
        below = [j for j in firsts.get(f.row + 1, []) if frags[j].x is not None and
                 abs(frags[j].x - f.x) <= tol and len(members[sids[j]]) > 1]
        if len(below) == 1:
            sids[m[0]] = sids[below[0]]


def _across_gap_rows(frags: list[Frag], sids: list[int], ev: Evidence, p: dict) -> None:
    """-layout: a stream of text (a mark of a sentence or a clause in it; a
    headline holds none) whose last line, a full column line, stops
    mid-sentence, and the one stream that
    begins in the next row within the drift of its column start (or one or
    two rows below, when nothing of its column stands in the row skipped: a
    byline or a photo's line beside it took the row) are one column: the
    second goes on the first. Never across a blank line."""
    tol = p.get("x_tolerance", 6)
    members, firsts = _stream_starts(frags, sids)
    xs_by_row: dict[int, list[int]] = {}
    for g in frags:
        if g.x is not None:
            xs_by_row.setdefault(g.row, []).append(g.x)
    for sid, m in list(members.items()):
        if sid not in members:
            continue                  # gone on another stream already
        m = members[sid]
        t = m[-1]
        f = frags[t]
        if f.x is None or not ev.end_mid[t] or not ev.full_column_line(t) or \
                not any(_SENTENCE.search(frags[k].flat) for k in m):
            continue                  # (a stream without a mark is a headline's)
        near = lambda j: frags[j].x is not None and abs(frags[j].x - f.x) <= tol and sids[j] != sid and \
            members[sids[j]][0] == j and \
            frags[j].blank == f.blank          # no blank line: -layout prints none inside a column
        below = [j for j in firsts.get(f.row + 1, []) if near(j)] or \
            [j for r in (f.row + 2, f.row + 3) for j in firsts.get(r, []) if near(j)]
        # (a row skipped holds nothing of the column: else another stream took it)
        taken = any(abs(x - f.x) <= tol for x in xs_by_row.get(f.row + 1, ()))
        if len(below) == 1 and (frags[below[0]].row == f.row + 1 or not taken):
            old = sids[below[0]]
            for j in members[old]:
                sids[j] = sid
            members[sid] = m + members.pop(old)


def _side_groups(ps: list[Frag], own=()) -> list[int]:
    """The headline each piece of a -layout row belongs to, numbered from the
    left: pieces a column apart (``apart_gaps``) are the headlines of two
    modules side by side; nearer ones are phrases of one headline — but for
    a piece over a module of its own (``own``: O602 module_heads, by source
    line number and text), the headline of that module."""
    gaps = set(apart_gaps([(f.start, f.end) for f in ps], [f.width for f in ps]))
    out, k = [0], 0
    for i in range(1, len(ps)):
        k += (i - 1) in gaps or (ps[i].line.lineno, ps[i].text.strip()) in own
        out.append(k)
    return out


def _cut_at_heads(frags: list[Frag], sids: list[int], over: set[int], own: set[int],
                  pieces: dict, fresh: int) -> None:
    """A column does not go on under the headline of the next article set
    over it: a stream whose next line lies below such a headline's row, the
    headline standing over its cells, starts a stream of its own there; so
    does a stream at a headline piece the search hung on it (rows of ``over``
    not in ``own``, the rows whose pieces are streams of their own already)."""
    last: dict[int, int] = {}
    renamed: dict[int, int] = {}
    edge = max((f.x + len(f.text) for f in frags if f.x is not None), default=0)
    for j, f in enumerate(frags):
        sid = sids[j]
        if f.row in own or f.x is None:
            continue
        cur = renamed.get(sid, sid)
        k = last.get(cur)
        if k is not None and (f.row in over or
                              any(frags[k].row < r < f.row and
                                  any(_overlap(h, f) or _centred_over(h, f, pieces[r], edge) for h in pieces[r])
                                  for r in over)):
            renamed[sid] = cur = fresh
            fresh += 1
        sids[j] = cur
        last[cur] = j


def _overlap(a: Frag, b: Frag) -> bool:
    """Do the spans of cells of two -layout pieces (two a Han character) overlap?"""
    if a.x is None or b.x is None:
        return False
    return min(a.x + 2 * a.width, b.x + 2 * b.width) > max(a.x, b.x)


def _centred_over(h: Frag, f: Frag, row: list[Frag], edge: int) -> bool:
    """Does the one headline of its row, set right of the margin, reach the
    cells of -layout piece f once read centred on the page? -layout counts a
    Han character one cell however large its type, so a big headline's span in
    cells falls short of where it prints; centred, its end mirrors its start
    about the page's middle (``edge``: the cell the widest row ends at)."""
    if len(row) != 1 or h.x is None or f.x is None or h.x <= 0:
        return False
    return edge - h.x > f.x >= h.x


def _heads_over_columns(rows: list[int], per_row: collections.Counter, pieces: dict,
                        start: int, gap_above) -> tuple[set[int], set[int]]:
    """Rows below the first columns that are headlines over the next articles'
    columns, as (rows of one piece, rows of several). After a blank line
    (-layout prints none inside a column): a stack of one-piece rows standing
    over each other, no mark of a sentence, right above a row of several
    pieces (a section label such as 短讯 may stand between, and then a blank
    line too); or one row of the headlines of articles side by side, above a
    row of more pieces. A one-piece row is a stream of its own; the pieces of
    a row of several stay where the search hung them, over their own
    article's columns."""
    out: set[int] = set()
    multi: set[int] = set()

    def centred(k: int) -> bool:
        """Is the one piece of row rows[k] a headline with a clause mark
        (跨境电商出海，合规是第一课): no sentence end, and not starting where
        any piece of the next row of several starts (a column's line does)?"""
        f = pieces[rows[k]][0]
        if _SENTENCE_END.search(f.flat):
            return False
        nxt = next((r for r in rows[k + 1:] if per_row[r] > 1), None)
        return nxt is not None and _starts_apart(f, pieces[nxt])

    for k, r in enumerate(rows):
        if r <= start or not gap_above(r):
            continue
        stack = []
        for k2, r2 in enumerate(rows[k:], k):
            if per_row[r2] != 1 or _SENTENCE.search(pieces[r2][0].flat) and not (not stack and centred(k2)) or \
                    (stack and (gap_above(r2) or not _overlap(pieces[stack[-1]][0], pieces[r2][0]))):
                break
            stack.append(r2)
        if not stack and any(_SENTENCE.search(f.flat) for f in pieces[r]):
            continue
        if not stack:
            stack = [r]          # the headlines of articles side by side, one row
        nxt = k + len(stack)
        beside = []              # other one-piece heads (a section label) before the columns
        while per_row[stack[0]] == 1 and nxt < len(rows) and per_row[rows[nxt]] == 1 and \
                not _SENTENCE.search(pieces[rows[nxt]][0].flat) and len(beside) < 2:
            beside.append(rows[nxt])
            nxt += 1
        below = rows[nxt] if nxt < len(rows) else None
        under = rows[nxt + 1] if below is not None and nxt + 1 < len(rows) else None
        if beside and under is not None and per_row[stack[0]] == 1 and any(
                _overlap(pieces[stack[-1]][0], f) and not _SENTENCE.search(f.flat) and
                _starts_apart(f, pieces[under]) for f in pieces[below]) and not any(
                _overlap(pieces[stack[-1]][0], pieces[b][0]) for b in beside):
            # the stack goes on in a phrase on the row below (a main under its
            # kicker, centred: not where a column below starts): the line
            # between, set beside it, is another module's headline
            continue
        if len(stack) <= 3 and below is not None and \
                per_row[below] > max(1, max(per_row[r2] for r2 in stack)) and \
                (not gap_above(below) or beside):
            (out if per_row[stack[0]] == 1 else multi).update(stack + beside)
            if _label_over_heads(stack, beside, below, under, per_row, pieces):
                multi.add(below)
    return out, multi


def _label_over_heads(stack: list[int], beside: list[int], below: int, under: int | None,
                      per_row: collections.Counter, pieces: dict) -> bool:
    """O604 label_heads: is the row of several pieces right under a one-piece
    row set over the next columns (a section label: 城事简讯) the headlines of
    the briefs set side by side under it — no piece with a mark of a sentence
    and a row of as many pieces or more under it — so that no column above
    goes on under them either?"""
    return len(stack) == 1 and not beside and under is not None and \
        per_row[under] >= per_row[below] and not any(_SENTENCE.search(f.flat) for f in pieces[below])


def _wrapped_from(f: Frag, frags: list[Frag], j: int, per_row: collections.Counter) -> int | None:
    """The fragment that a piece of a head row goes on from: the only piece
    of the row right above, with no blank line between, starting in the same
    cell (a headline wrapped beside another article's headline). None for the
    row's first piece, and when there is none."""
    if f.piece == 0 or f.x is None or f.line.blank_before:
        return None
    for k in range(j - 1, -1, -1):
        g = frags[k]
        if g.row < f.row - 1:
            break
        if g.row == f.row - 1 and per_row[g.row] == 1 and g.x is not None and abs(g.x - f.x) <= 1:
            return k
    return None


def _head_blocks_in_place(frags: list[Frag], seq: list[int], p: dict) -> list[int]:
    """On a page of merged lines, the short blocks at the top of the page
    whose lines hold no mark of a sentence (running heads, a headline stack)
    or that end with a photo's credit (its caption above it), up to the first
    block of text, are no column's start: the search may have
    hung their lines on top of the columns below; each is read whole, right
    before the line that followed it in the source (and before the short
    pieces from below it the search hung on top of that line)."""
    first = next((j for j, f in enumerate(frags) if f.merged), None)
    if first is None:
        return seq
    max_lines = int(p.get("head_block_lines", 3))
    blocks: list[list[int]] = []
    block: list[int] = []

    def close() -> bool:
        """Keep the block if it is a head (or a photo's caption over its
        credit); False once a block of text shows."""
        head = not any(_SENTENCE.search(frags[j].flat) for j in block)
        figure = bool(block) and _CREDIT_END.search(frags[block[-1]].flat) is not None
        if block and (head and len(block) <= max_lines or figure and len(block) <= max_lines + 1):
            blocks.append(list(block))
        block.clear()
        return head or figure

    for j in range(first):
        f = frags[j]
        cut = f.piece or f.start > 0 or f.end < len(f.line.text.rstrip())
        if cut or (block and (f.line.blank_before or frags[block[-1]].row != f.row - 1)):
            if not close():
                break
        if cut:
            break
        block.append(j)
    else:
        close()
    if not blocks:
        return seq
    taken = {j for b in blocks for j in b}
    out = [j for j in seq if j not in taken]
    short = p.get("short_piece", 5.0)
    for b in reversed(blocks):   # a block's successor may be the next block, put back first
        at = next((k for k, j in enumerate(out) if j == b[-1] + 1), len(out))
        # and before the short pieces from below it that the search hung on
        # top of that line (a word a merged line left alone: （beyond)
        while at > 0 and out[at - 1] > b[-1] and frags[out[at - 1]].width < short:
            at -= 1
        out[at:at] = b
    return out


# a photo credit ends its line: 通讯员 孙悦 摄, 新华社发（连振/摄）, 記者林怡君／攝影
_CREDIT_END = re.compile("(?:摄|攝|摄影|攝影)[）)]?$")

# marks of a sentence or an aside, which a headline's phrases do not hold
_SENTENCE = CLAUSE_MARKS
_SENTENCE_END = re.compile("[。；！？;!?]")


def _stream_next(sids: list[int]) -> dict[int, int]:
    """The next fragment of each fragment's stream, by index."""
    last: dict[int, int] = {}
    out: dict[int, int] = {}
    for j, sid in enumerate(sids):
        if sid in last:
            out[last[sid]] = j
        last[sid] = j
    return out


def _goes_on_below(f: Frag, g: Frag | None) -> bool:
    """Is -layout piece ``f``, alone on its row, a column's line that the
    search went on from in ``g``, the next line of its stream: a line of text
    (a mark of a clause in both; a headline or a byline holds none) that
    stops mid-sentence, and ``g`` starts a few rows below in the cell where
    it starts, about as wide, with no blank line between? -layout prints the
    first rows of columns whose baselines differ by a fraction of a line on
    lines of their own, one column's line after the other's, before the rows
    where they line up (gold g19): the column goes on below, not the line alone."""
    if g is None or f.x is None or g.x is None:
        return False
    return f.row < g.row <= f.row + _STAGGER_ROWS and abs(g.x - f.x) <= 2 and g.blank == f.blank and \
        _about_as_wide(f, g) and _SENTENCE.search(f.flat) is not None and \
        _SENTENCE.search(g.flat) is not None and not ends_unit(f.flat)


# rows a column's staggered first lines may stand above the rows where the columns line up
_STAGGER_ROWS = 6


def _starts_a_column(f: Frag, frags: list[Frag], start: int) -> bool:
    """Is ``f`` the first line of a column that starts higher than its
    neighbours: on the very next line, with no blank line between, a piece
    starts where it starts and is about as wide, one of the two holding a
    mark of a sentence (two centred lines of a headline stack hold none)? Or a column line of two
    columns whose rows -layout prints on lines of their own, one after the
    other (their baselines differ by half a line): a body line (a mark of a
    sentence), and two lines on, where it starts, another as wide."""
    if f.x is None:
        return False
    marked = _SENTENCE.search(f.flat) is not None
    return any(g.row == f.row + 1 and g.x is not None and abs(g.x - f.x) <= 2 and
               g.blank == f.blank and _about_as_wide(f, g) and
               (marked or _SENTENCE.search(g.flat) is not None) for g in frags) or \
        marked and any(
            g.row == f.row + 2 and g.x is not None and abs(g.x - f.x) <= 2 and g.blank == f.blank and
            _about_as_wide(f, g) for g in frags)


def _about_as_wide(f: Frag, g: Frag, tol: float = 2.5) -> bool:
    """Are two -layout lines about as wide as two lines of one column (a
    first line two em short of a full one, within ``tol``), their Latin text
    taken as wide as it may print (``Frag.latin``)?"""
    return abs(f.width - g.width) <= tol + max(f.latin, g.latin)


def _runs_shown(frags: list[Frag], ev: Evidence, runs: list[tuple[int, int, int]], p: dict) -> bool:
    """O603 period_run_evidence: do the seams show the columns interleaved? Lines printed in
    order (PyMuPDF's content stream) give the period search nothing to go
    on where the seams know no words either way; a run of k columns is
    read so only where at least ``period_run_evidence`` of its links of
    offset k hold a seam of positive evidence that beats reading on in
    order (a true interleave breaks a word at row after row). A page none
    of whose runs shows that is left in order (0: off). A page printed box
    by box (``boxed_page``: pdfminer.six's boxes, a blank line after each)
    is no content-stream print: its boxes show its columns (rows of boxes
    of close lines side by side, O603 period_close_rows), whatever the seams."""
    need = int(p.get("period_run_evidence", 0))
    if need <= 0 or boxed_page(frags):
        return True             # off, or its boxes show the columns, seams or none
    e = _links(frags, ev, max(k for _, _, k in runs), p)
    for a, b, k in runs:
        hits = sum(1 for i in range(a, b - k + 1) if e[i][k] > 0 and e[i][k] > e[i][1])
        if hits >= need:
            return True
    return False


def _grid_share(frags: list[Frag], rules, p3: dict) -> float:
    """O610: the share of its lines the runs of a period must hold for a page
    whose merged lines are cut row after row, but on half its rows or fewer,
    to be read by its period rather than as grids (O607): ``period_share``
    on a page printed in blocks of several lines, 0 (O603's own
    period_cut_share) where ``max_alone`` of its text lines or more are
    printed alone (a line a block: columns interleaved a line a block)."""
    if not (rules.on("O610") and rules.on("O607")):
        return 0.0
    p = rules.rules["O610"].params
    if not _cut_rows(frags, p3) or _alone_share(frags) >= p.get("max_alone", 0.5):
        return 0.0
    return p.get("period_share", 0.0)


def _alone_share(frags: list[Frag]) -> float:
    """The share of a page's text lines printed alone: a blank line (or the
    page's edge) before and after (``Frag.blank`` counts the blank lines so
    far, so a row apart has another count than its neighbours')."""
    rows: dict[int, int] = {}
    for f in frags:
        if f.piece == 0:
            rows[f.row] = f.blank
    order = sorted(rows)
    alone = sum(1 for k, r in enumerate(order)
                if (k == 0 or rows[r] != rows[order[k - 1]]) and
                (k + 1 == len(order) or rows[order[k + 1]] != rows[r]))
    return alone / max(1, len(order))


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
    than in the line k below, for any k up to ``period_max`` (where the next
    line of one of k interleaved columns would be)? Then the page is read in
    order and the search is spared."""
    texts = [f.flat for f in frags if len(f.flat) >= 4]
    # their bigrams, read off the texts joined by line breaks in one pass: the
    # bigrams across a break hold one, and no seam below asks for a line break
    # (a fragment is a piece of one line: it holds none itself)
    joined = "\n".join(texts)
    grams = set(map(str.__add__, joined, joined[1:]))
    # each text's last and first character, None for a mark (no evidence either way)
    tails = [t[-1] if t[-1] not in _PUNCT else None for t in texts]
    heads = [t[0] if t[0] not in _PUNCT else None for t in texts]

    def seams(k: int) -> int:
        return sum(1 for a, b in zip(tails, heads[k:])
                   if a is not None and b is not None and a + b in grams)
    here = seams(1)
    further = max(seams(k) for k in range(2, max(3, int(p.get("period_max", 6))) + 1))
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


def _rejoin(frags: list[Frag], seq: list[int], opens=None, own=()) -> tuple[list[Frag], list[int]]:
    """Pieces of one source line that stay neighbours in reading order are one
    line after all (a headline's phrases set apart by spaces, a stretched line):
    they are put back together as printed — but for a piece that opens a
    report with its dateline (``opens``): a paragraph's first line, never the
    rest of the piece before it (a side column's headline on its row); nor a
    piece that heads a module of its own (``own``, O602 module_heads)."""
    out: list[Frag] = []
    for j in seq:
        f = frags[j]
        last = out[-1] if out else None
        if last is not None and last.line is f.line and f.piece == max(last.piece, last.upto) + 1 and \
                not (opens is not None and opens.match(f.text) is not None) and \
                (f.line.lineno, f.text.strip()) not in own:
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


def _goes_on_column(prev: Frag | None, rule: str | None) -> bool:
    """O607: a column's line cut from a merged line, read right after a line
    that stops mid-sentence (the column before it, its last line), goes on
    from it: the blank line above its row is no paragraph's end."""
    return rule == "O607" and prev is not None and not ends_unit(prev.flat)


def _emit(frags: list[Frag], seq: list[int], layout: bool, lines: list[Line],
          state: State, note: str = "", rule: str | None = None, own=()) -> list[Line]:
    """The lines in the order ``seq``, each moved one on record: by the
    column streams' rules, or by ``rule`` alone when it made the order."""
    tracer = state.tracer
    _record_cuts(frags, layout, lines, tracer)
    frags, seq = _rejoin(frags, seq, _dateline(state), own)
    last_piece: collections.Counter = collections.Counter()
    for f in frags:
        last_piece[f.row] = max(last_piece[f.row], f.piece, f.upto)
    noise = sum(1 for l in lines[1:] if l.blank_before) >= 0.5 * max(1, len(lines) - 1)
    # the streams and their order made the page: both decisions are on record
    first = lines[0]
    if rule is not None:
        tracer.decide(rule, "move", first, "", "", note or "blocks put in reading order")
    else:
        if layout:
            tracer.decide("O602", "move", first, "", "", "a -layout page: columns side by side")
        tracer.decide("O603", "move", first, "", "", "column streams decoded" + (": " + note if note else ""))
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
            (1 if noise and not _goes_on_column(prev, rule) else 0)
        if layout and prev is not None and prev.row < f.row and not noise and \
                not _SENTENCE.search(prev.flat):
            # a headline read before what stands under it, a row or more below
            # (a caption, beside another module's): the blank lines between
            # their rows stand between them
            blank = max(blank, f.blank - prev.blank)
        if layout and not noise and src.blank_before and not _SENTENCE.search(f.flat):
            # a piece without a mark (a headline) on a row after a blank line:
            # -layout prints no blank line inside a column, so the blank is
            # above it, whatever is read before it
            blank = max(blank, src.blank_before)
        indent = src.indent if not layout or whole else f.indent
        new = Line(f.text, src.page, src.lineno, blank_before=blank, indent=indent,
                   label=src.label, rule=src.rule, par_start=src.par_start, bbox=src.bbox,
                   font_size=src.font_size, conf=src.conf, box_id=src.box_id)
        if not natural and prev is not None:
            tracer.decide(rule or ("O604" if prev.row > f.row else "O603"), "move", new,
                          _window(frags, j - 1, f) if j else f.flat[:6],
                          prev.flat[-6:] + "\u23ce" + f.flat[:6], "reading order")
        out.append(new)
        prev = f
    if layout:
        _indents(out, [frags[j] for j in seq], p2)
    return out


def _window(frags: list[Frag], i: int, f: Frag) -> str:
    return frags[i].flat[-6:] + "\u23ce" + f.flat[:6] if i >= 0 else f.flat[:6]


# phrases apart by runs of spaces, no mark of a sentence, a clause or a bracket
_HEAD_ROW = re.compile(r"[^\s，。；：！？、（）【】〔〕《》(),;:!?／/]+(?: {2,}[^\s，。；：！？、（）【】〔〕《》(),;:!?／/]+)+$")


def _indents(out: list[Line], frags: list[Frag], p: dict) -> None:
    """A -layout column line that starts about two characters right of its
    column's left edge is a paragraph's first line: give it an indent in em."""
    by_stream: list[tuple[Line, Frag]] = list(zip(out, frags))
    lo = p.get("indent_min_cells", 2)
    hi = p.get("indent_max_cells", 8)
    for k, (line, f) in enumerate(by_stream):
        whole = f.start == 0 and f.end >= len(f.line.text.rstrip())
        near = [g.x for _, g in by_stream[max(0, k - 4):k + 5]
                if g is not f and g.x is not None and f.x is not None and not g.merged and
                abs(g.x - f.x) <= hi + 4]
        if f.merged:
            # cut off its row at a single space: -layout set it right after the
            # text left of it, which ran over its cells, so its start tells no indent
            line.indent = 0.0
            continue
        if len(near) < 2 or _HEAD_ROW.match(f.text.strip()):
            # no column around it (a headline, a running head), or a row of
            # phrases set apart by runs of spaces, no marks among them (a
            # headline's, across the columns): it keeps its own lead
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
    ocr = not led_document(state.lines, state.rules)
    for page, lines in pages.items():
        got = _page_order(lines, state, ocr)
        if got is None:
            out.extend(lines)
        else:
            out.extend(got)
            changed = True
    if changed:
        state.lines[:] = out
    if state.rules.on("N101"):
        _inner_soft_hyphens(state)


_INNER_SHY = re.compile("\u00ad(?![ \t]*$)")


def _inner_soft_hyphens(state: State) -> None:
    """A soft hyphen that N101 kept for this stage (one before a space or a
    character other than a Latin letter: a column line's end beside the next
    column's line) and that the stage left inside a line prints nothing: it
    leaves the text, as N101 takes one out (a column line's end stays for
    the assemble stage, J302)."""
    for line in state.lines:
        if "\u00ad" not in line.text:
            continue
        for m in reversed(list(_INNER_SHY.finditer(line.text))):
            state.tracer.edit("N101", line.page, line.lineno, m.start(), line.text, m.start(), m.end(), "")
            line.text = line.text[:m.start()] + line.text[m.end():]


@mechanism("merged_lines")
@mechanism("ocr_gutters")
@mechanism("layout_columns")
@mechanism("column_streams")
@mechanism("stream_order")
@mechanism("block_chains")
@mechanism("column_grid")
@mechanism("column_pieces")
@mechanism("offset_columns")
@mechanism("head_tails")
def order_text(rule, text: str, tracer, where, state: State | None = None) -> str:
    """The order rules applied to a text alone: its lines in reading order.

    The stage works on ``state.lines`` (``run``); this entry point lets a rule
    be tried on a bare text, one line per printed line.
    """
    from ..model import Document
    from ..read import lines_from_text
    from ..rules import load_rules
    from ..engine import Options
    sub = State(lines_from_text(text), state.rules if state else load_rules(),
                state.opts if state else Options(), Document("", ""), tracer)
    run(sub)
    return "\n".join(line.text for line in sub.lines)
