"""The segment stage: blocks become articles with headlines, datelines, bylines and figures.

Holds what a page's blocks are (a short block without a sentence end is a
headline line, G503; a short block above a credit is a caption, G507), where
articles begin and end (a headline group, a paragraph that opens with a
dateline, a byline line, a closing line: G508), how a headline group is split
into kicker, main and sub (G504) and attached to the article it belongs to,
also when the extractor put it after the body (G505) or printed its lines
apart from their text (G517), crossheads (G506), and
the dateline and bylines read from a paragraph's opening (G501, G502, G509).
It does not change any text: what a paragraph says was settled before.
"""
from __future__ import annotations

import collections
import functools
import re
import statistics
from dataclasses import dataclass, field

from . import chars
from .assemble import Block
from .chars import bigram_share, em_width, han_bigrams
from .engine import State
from .hanlex import breaks_inside_word, grades
from .label import ends_unit, paragraph_lines
from .order.columns import column_widths
from .model import (BODY, BYLINE, CAPTION, CLOSING, CONTINUATION, CREDIT, FURNITURE,
                    HEADLINE, NOTE, Article, Byline, Credit, Event, Figure, Furniture, Note,
                    PageBreak, Paragraph, Removal, Seg)

HEAD, CROSS = "head", "crosshead"
_SEP = re.compile("[ \u3000、，,”“\"|｜]+")  # OCR reads a wide space as ” or |
_HAN = re.compile(chars.cls("han"))
_CLAUSE = re.compile("[，、；]")
_STOP = re.compile("[。！？]")  # a headline never holds a sentence end
_SHORT_BRACKET = re.compile(r"[ 　]*[（(〈<《][^（）()〈〉<>《》]{1,16}[)）〉>》]")  # a dateline's byline bracket


@dataclass(slots=True)
class Item:
    kind: str
    block: Block
    text: str
    wide: bool = False
    dateline: re.Match | None = None
    # set in display type: its type size clearly above the page's body text (G503)
    display: bool = False
    # its type size by each measure the source gives (G504; None: none given)
    measures: tuple = ()


@dataclass(slots=True)
class Draft:
    """An article while it is being put together."""
    heads: list[Item] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    closed: bool = False
    # the text under the headline is a later chunk of its story, whose lead
    # comes further down (G505, ``_heads_a_lead_below``)
    chunk: bool = False

    def has_body(self) -> bool:
        return any(it.kind == BODY for it in self.items)

    def has_text(self) -> bool:
        """A body other than OCR's junk read off display type (Latin letters
        and marks, no Han: a kicker or sub it could not read) is no article's
        text: a dateline under it still opens this article."""
        return any(it.kind == BODY and (_HAN.search(it.text) or not it.display) for it in self.items)

    def empty(self) -> bool:
        return not self.heads and not self.items


# ---------------------------------------------------------------- classify
def _classify(state: State) -> list[Item]:
    p = state.rules.param
    max_chars = int(p("G503", "max_chars", 40))
    max_lines = int(p("G503", "max_lines", 2))
    linked = p("G503", "linked_pattern")
    word_grade = int(p("G503", "word_grade", 2))
    dl = p("G501", "dateline_pattern") if state.rules.on("G501") else None
    ocr_junk = p("G501", "ocr_junk_pattern")
    name = p("G503", "name_start_pattern")
    items: list[Item] = []
    blocks = _join_split_datelines(state.blocks, dl, state) if dl is not None else state.blocks
    body_lines = int(p("G503", "body_min_lines", 3))
    body_sizes = _body_sizes(blocks, body_lines)
    # lines the order stage cut from one source line carry that line's box and
    # size, a row's that may hold a headline beside them: no size of their own
    seen = collections.Counter((line.page, line.lineno) for line in state.lines)
    body_sizes["cut"] = frozenset(key for key, c in seen.items() if c > 1)
    display = float(p("G503", "display_ratio", 1.3))
    if state.rules.on("G503"):
        blocks = _display_apart(blocks, body_sizes, display, max_lines, state)
    if dl is not None and state.rules.on("G519"):
        blocks = _dateline_apart(blocks, dl, int(p("G519", "max_lines", 2)), state)
    for k, block in enumerate(blocks):
        text = block.text
        kind = block.kind
        item = Item(kind, block, text, display=_display(blocks, k, body_sizes, display, body_lines),
                    measures=_measures(block, body_sizes))
        if kind == BODY and state.rules.on("G509") and _author_under_head(items, block, blocks, k, name):
            # a name alone between a headline and its text: the author's byline
            item.kind = BYLINE
            _event(state, "G509", "label", item, "byline", "a name alone under a headline, over its text")
        elif kind == BODY:
            if dl is not None:
                item.dateline = _dateline_match(text, dl, ocr_junk)
                if item.dateline is not None:
                    _event(state, "G501", "label", item, "dateline " + item.dateline.group(0))
            if state.rules.on("G503") and item.dateline is None and item.display and \
                    len(block.lines) <= max_lines and len(text) <= max_chars and _HAN.search(text):
                # set in display type: a headline line, whatever OCR made of its
                # phrase space (a comma, a full stop) or wherever a text rule would put it
                item.kind = HEAD
                _event(state, "G503", "label", item, "headline", "set in display type")
            elif state.rules.on("G503") and item.dateline is None and not _list_entry(text, items) and \
                    not _completes_word(items, text, word_grade) and (
                    _headline_like(text, len(block.lines), max_chars, max_lines, linked) or
                    _over_byline(text, block, blocks[k + 1] if k + 1 < len(blocks) else None,
                                 max_chars, linked) or
                    _under_section(state, text, block, max_chars, linked)):
                item.kind = HEAD
                _event(state, "G503", "label", item, "headline")
            elif state.rules.on("G503") and item.dateline is None and items and items[-1].kind == HEAD and \
                    items[-1].block.page == block.page and len(block.lines) == 1 and \
                    len(text) <= max_chars and not ends_unit(text) and _WRAPPED_END.match(text):
                # one character, then OCR's mark for a phrase space, right under a
                # headline line: no text opens with a sentence of one character,
                # and no phrase is one character — the headline's end, wrapped
                # (校園束⏎併。別只算經濟帳)
                item.kind = HEAD
                _event(state, "G503", "label", item, "headline",
                       "one character and OCR's phrase space under a headline line: its wrapped end")
            elif state.rules.on("G503") and item.dateline is None and \
                    _top_of_text(items, block.page) and _phrases_marked(text, block, max_chars) and \
                    _dateline_below(blocks, k, dl, ocr_junk):
                # between a headline line and its report's dateline nothing of the
                # text stands: two phrases parted by a mark there are the stack's
                # line, whose phrase space OCR read as that mark (需時、.乘客)
                item.kind = HEAD
                _event(state, "G503", "label", item, "headline",
                       "two phrases between a headline and its dateline: OCR's mark for a phrase space")
            elif state.rules.on("G503") and item.dateline is None and \
                    _between_reports(items, block, text, max_chars, linked) and \
                    _dateline_below(blocks, k, dl, ocr_junk):
                # a text has ended its sentence above, the next report opens with
                # its dateline below: the line between them is that report's
                # headline, whose phrase space or glyph OCR read as a clause mark
                item.kind = HEAD
                _event(state, "G503", "label", item, "headline",
                       "a line between a finished text and a dateline: OCR's mark in a headline")
        elif kind == HEADLINE:
            item.kind = HEAD
        if item.kind == BODY and items and _left_clause(item, items[-1], dl):
            # a clause line left alone (a headline's shape but for its comma) that
            # goes on the text above, which stops mid-sentence: one paragraph
            prev = items[-1]
            _event(state, "G503", "join", item, prev.text[-6:] + "\u23ce" + text[:6],
                   "a clause left alone goes on the text above")
            prev.block = prev.block.joined(block, kind=BODY)
            prev.text = prev.text + text
            continue
        items.append(item)
    if state.rules.on("G507"):
        _captions_above_credits(items, int(p("G507", "max_chars", 60)), int(p("G507", "max_lines", 4)),
                                state)
    items = [it for it in items if it.kind != "merged"]
    if state.rules.on("G503"):
        _junk_in_stack(items, state)
    if state.rules.on("G515"):
        items = _display_junk(items, state)
    _merge_wrapped_heads(items, state, body_sizes)
    if state.rules.on("G512"):
        _captions_before_datelines(items, state)
    if state.rules.on("G511"):
        items = _across_figures(items, state)
    if state.rules.on("G507"):
        # after G511: a sentence that ran around the credit is whole again
        _captions_apart(items, int(p("G507", "max_chars", 60)), state)
    if state.rules.on("G513"):
        items = _continued_elsewhere(_joined_at_words(items, state), state)
    return items


_LATIN_LETTERS = re.compile("[A-Za-z]{2,}")


def _height(line) -> float | None:
    """The height of a line's box, where the source gives one."""
    if line.bbox is not None and line.bbox[3] > line.bbox[1]:
        return line.bbox[3] - line.bbox[1]
    return None


def _stated(line) -> float | None:
    """The type size the source states for a line (hOCR x_size)."""
    return line.font_size or None


# two measures of a line's type size; each strays on its own: Tesseract's size
# estimate (x_size) by half on single lines of body type, the box's height where
# a line was cut from a row that also held display type (Han glyphs fill the em
# square, so a line of Han is as tall as its type). A line is in display type
# only where every measure the source gives says so.
_MEASURES = (_stated, _height)


def _body_sizes(blocks: list[Block], min_lines: int) -> dict[tuple, float]:
    """The type size of each page's body text by each measure, where the source
    gives sizes (OCR boxes): the median size of the lines of its long
    paragraphs, which only body text makes; a short block may be a headline
    or a caption."""
    got: dict[tuple, list[float]] = collections.defaultdict(list)
    for b in blocks:
        if b.kind == BODY and len(b.lines) >= min_lines:
            for m in _MEASURES:
                got[b.page, m].extend(v for v in map(m, b.lines) if v)
    return {key: statistics.median(sizes) for key, sizes in got.items() if sizes}


def _cut_from_row(lines, body_sizes: dict) -> bool:
    """Was one of these lines cut by the order stage from a source line that
    held more (``body_sizes["cut"]``)? Its box and size are the row's."""
    cut = body_sizes.get("cut", ())
    return bool(cut) and any((line.page, line.lineno) in cut for line in lines)


def _display(blocks: list[Block], k: int, body_sizes: dict[tuple, float], ratio: float,
             min_lines: int) -> bool:
    """Is every line of block k set in display type: ``ratio`` times the
    page's body size or more (a headline's type; a crosshead is body size or
    a little larger), and as much larger than the long paragraphs right above
    and below it on the page? OCR may measure a run of body lines far too
    large (a photo or a rule beside them); a line as large as its neighbours
    is of their type."""
    block = blocks[k]
    if _cut_from_row(block.lines, body_sizes):
        return False
    used = [m for m in _MEASURES if (block.page, m) in body_sizes]
    return bool(used) and all(_display_by(blocks, k, body_sizes[block.page, m], ratio, min_lines, m)
                              for m in used)


def _display_by(blocks: list[Block], k: int, body: float, ratio: float, min_lines: int,
                measure) -> bool:
    block = blocks[k]
    sizes = [measure(line) for line in block.lines]
    if not all(sizes) or min(sizes) < ratio * body:
        return False
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(blocks) and blocks[j].page == block.page:
            near = blocks[j]
            if near.kind == BODY and len(near.lines) >= min_lines:
                got = [v for v in map(measure, near.lines) if v]
                if got and min(sizes) < ratio * statistics.median(got):
                    return False
                break
            j += step
    return True


def _measures(block: Block, body_sizes: dict) -> tuple:
    """The type size of a block's largest line by each measure, None where the
    source gives none; for a line cut from a row only the size the source
    states (the row's box is no measure of the line)."""
    cut = _cut_from_row(block.lines, body_sizes)
    got = []
    for m in _MEASURES if not cut else (_stated,):
        sizes = [m(line) for line in block.lines]
        got.append(max(sizes) if all(sizes) else None)
    return tuple(got)


def _junk_in_stack(items: list[Item], state: State) -> None:
    """Lines in display type without Han (OCR's misreading of large type:
    Latin letters and marks) between two headline lines on a page are lines of
    that stack, not text: nothing of the body stands between the lines of a
    headline group. So are such lines right on top of a stack that are set
    clearly larger than its first line (the sizes the OCR boxes give): the
    main headline in the page's largest type, which OCR read as letters,
    over its sub, which it read (ARON PA over 东江大桥通车后　轮渡将于年底停航)."""
    ratio = float(state.rules.param("G504", "size_ratio", 1.15))
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and items[j].kind == BODY and items[j].display and \
                not _HAN.search(items[j].text):
            j += 1
        if j > i and i > 0 and j < len(items) and items[i - 1].kind == HEAD and \
                items[j].kind == HEAD and items[i - 1].block.page == items[j].block.page:
            for it in items[i:j]:
                it.kind = HEAD
                _event(state, "G503", "label", it, "headline", "OCR's junk in display type inside a stack")
        elif j > i and j < len(items) and items[j].kind == HEAD and (i == 0 or items[i - 1].kind != HEAD) and \
                items[i].block.page == items[j].block.page and \
                all(_larger(it.measures, items[j].measures, ratio) and _above(it, items[j])
                    for it in items[i:j]):
            for it in items[i:j]:
                it.kind = HEAD
                _event(state, "G503", "label", it, "headline",
                       "OCR's junk for the main headline, set larger than the stack's line under it")
        i = j + 1 if j > i else i + 1


def _display_junk(items: list[Item], state: State) -> list[Item]:
    """G515: a block of text set in display type (G503's measures) with Latin
    letters and without a single Han character is OCR's reading of a headline
    it could not read (ath ARIE, MSpE“ER”BS): no body text of a Chinese page
    is display type, and letters alone make no headline of it. It leaves the
    text, recorded as removed OCR junk. (Figures alone, a large number, stay.)"""
    max_lines = int(state.rules.param("G515", "max_lines", 2))
    out = []
    for it in items:
        if it.kind == BODY and it.display and len(it.block.lines) <= max_lines and \
                not _HAN.search(it.text) and _LATIN_LETTER.search(it.text) and it.dateline is None:
            line = it.block.lines[0]
            state.doc.removed.append(Removal(it.text.strip(), "G515", line.page, line.lineno, "ocr-junk"))
            _event(state, "G515", "remove", it, "", "letters in display type: OCR's reading of a headline")
            continue
        out.append(it)
    return out


def _above(a: Item, b: Item) -> bool:
    """Does item a stand above item b on the page (its boxes end where b's
    begin, or higher), not beside it on b's row? Without boxes, no."""
    boxes = [line.bbox for line in a.block.lines if line.bbox is not None]
    tops = [line.bbox[1] for line in b.block.lines if line.bbox is not None]
    if not boxes or not tops:
        return False
    top, bottom = min(x[1] for x in boxes), max(x[3] for x in boxes)
    return bottom <= min(tops) + 0.25 * (bottom - top)   # a sliver of ink may reach into b's box


def _display_apart(blocks: list[Block], body_sizes: dict[tuple, float], ratio: float,
                   max_lines: int, state: State) -> list[Block]:
    """A paragraph whose first lines (``max_lines`` at most) are set in display
    type and the rest in body type is a headline line that the line breaks
    joined to the text under it (OCR put them in one paragraph box): the
    display lines are cut off as a block of their own. A run of body lines
    that OCR measured large (the same size for many lines) is no headline.
    A line the order stage cut from a row carries the row's sizes, the
    largest of what the row holds: it may stand for the display type of a
    headline beside it, never for type smaller than the row's, so a cut line
    can be none of the display lines, but one that measures as body type is
    body type (a row set in body type holds no headline)."""
    out: list[Block] = []
    for b in blocks:
        k = min((_display_lines(b, body_sizes.get((b.page, m)), ratio, m) for m in _MEASURES
                 if (b.page, m) in body_sizes), default=0)
        if _cut_from_row(b.lines[:max(k, 1)], body_sizes):
            out.append(b)
            continue
        if b.kind != BODY or not 0 < k <= max_lines:
            out.append(b)
            continue
        head, tail = b.split(k)
        state.tracer.decide("G503", "break", tail.lines[0], head.text[-6:] + "\u23ce" + tail.text[:6],
                            head.text[-6:] + "\u00b6" + tail.text[:6],
                            "a line in display type over text in body type")
        out.extend((head, tail))
    return out


def _dateline_apart(blocks: list[Block], dl: re.Pattern, max_lines: int, state: State) -> list[Block]:
    """G519: a report's dateline opens its first paragraph, so nothing of that
    paragraph stands before it. A paragraph whose line k (1 <= k <= max_lines)
    opens with a dateline, the lines above it ending no sentence, is a
    headline line (a sub set a little larger than the text, not in display
    type) that OCR put in one paragraph box with the lead: those lines are cut
    off as a block of their own."""
    out: list[Block] = []
    cut = bool(state.rules.param("G519", "cut_dateline", False))

    def opens(lines, k: int) -> bool:
        first = lines[k].text.strip()
        if dl.match(first) is not None:
            return True
        # a dateline a narrow column cut at the line's end (中新社斯德哥尔摩10⏎月21日电)
        m = dl.match(first + lines[k + 1].text.strip()) if cut and k + 1 < len(lines) else None
        return m is not None and m.end() > len(first)

    for b in blocks:
        k = next((k for k in range(1, min(max_lines, len(b.lines) - 1) + 1)
                  if opens(b.lines, k)), None) if b.kind == BODY else None
        if k is None:
            out.append(b)
            continue
        head, tail = b.split(k)
        if ends_unit(head.text) or not _HAN.search(head.text) or dl.match(head.text.strip()) is not None:
            out.append(b)     # (a dateline above opens the paragraph itself)
            continue
        state.tracer.decide("G519", "break", tail.lines[0], head.text[-6:] + "\u23ce" + tail.text[:6],
                            head.text[-6:] + "\u00b6" + tail.text[:6],
                            "a dateline opens its paragraph: the line above it is no part of it")
        out.extend((head, tail))
    return out


def _display_lines(b: Block, body: float, ratio: float, measure) -> int:
    """How many first lines of block b are in display type by ``measure``, the
    rest (one line or more) in body type; 0 if not so."""
    sizes = [measure(line) or 0.0 for line in b.lines]
    k = 0
    while k < len(sizes) and sizes[k] >= ratio * body:
        k += 1
    rest = sizes[k:]
    if not k or not rest or not all(rest) or min(sizes[:k]) < ratio * statistics.median(rest):
        return 0
    return k


def _author_under_head(items: list[Item], block, blocks, k: int, name_start) -> bool:
    """Is block k a line that may be a person's name alone (李五: two or three
    characters, a common surname first), right under a headline line and
    right over text (a sentence's mark in the next block)? Commentary prints
    its author so, with no role before the name."""
    if len(block.lines) != 1 or not items or items[-1].kind != HEAD or k + 1 >= len(blocks):
        return False
    nxt = blocks[k + 1]
    return _may_be_name(block.text.strip(), name_start) and nxt.kind == BODY and \
        nxt.page == block.page and _CLAUSE.search(nxt.text) is not None


def _page_modes(items: list[Item], page: int, p: dict) -> list[float]:
    """The measures of the body lines of a page (modes of their widths)."""
    texts = [l.text for it in items if it.kind == BODY and it.block.page == page for l in it.block.lines]
    return column_widths(texts, {"min_column": p.get("long_line", 5.0), "mode_support": p.get("mode_support", 3)})


def _full_line(text: str, modes: list[float], p: dict) -> bool:
    """Is a line full to one of the page's measures (no narrower than
    ``min_share`` of its widest: a short measure may be made of headlines)?"""
    w = em_width(text.strip())
    top = max(modes, default=0.0)
    tol = p.get("full_tolerance", 1.0)
    # Latin letters are measured as a guess: a line with them may seem wider
    wide = tol + (p.get("latin_slack", 2.0) if _LATIN_LETTERS.search(text) else 0.0)
    return any(m - tol <= w <= m + wide and m >= p.get("min_share", 0.6) * top for m in modes)


def _joined_at_words(items: list[Item], state: State) -> list[Item]:
    """G513 on neighbours: a paragraph of text (it holds a clause mark) that
    stops inside a word of Chinese the paragraph right after it completes
    (教育专家提醒，远|程教学) goes on in it, however short its last line looked
    to the line-break rule (a column's foot, a photo beside it)."""
    min_grade = int(state.rules.param("G513", "min_grade", 2))
    out: list[Item] = []
    for it in items:
        last = out[-1] if out else None
        if last is not None and last.kind == BODY and it.kind == BODY and it.dateline is None and \
                last.block.page == it.block.page and not ends_unit(last.text) and \
                _CLAUSE.search(last.text) and breaks_inside_word(last.text, it.text, min_grade):
            _event(state, "G513", "join", it, last.text[-6:] + "\u23ce" + it.text[:6],
                   "the paragraph goes on in the next, which completes its last word")
            last.block = last.block.joined(it.block, kind=BODY)
            last.text = last.text + it.text
            continue
        out.append(it)
    return out


def _continued_elsewhere(items: list[Item], state: State) -> list[Item]:
    """G513: a paragraph whose last line is full and stops inside a word goes
    on in the paragraph, elsewhere on the page, whose first line is full too
    (no indent: no paragraph's start) and completes the word (丰|收: a bigram
    of Chinese words, ``reflow.hanlex``, or one the page uses): an extractor
    put a column's chunk away from the chunk it continues. Each side takes
    only its one best partner, and only a partner better than any other."""
    p = state.rules.rules["G513"].params
    grade = grades()
    min_grade = float(p.get("min_grade", 2))
    modes = {pg: _page_modes(items, pg, p) for pg in {it.block.page for it in items}}
    ends = [k for k, it in enumerate(items)
            if it.kind == BODY and not ends_unit(it.text) and _HAN.search(it.text[-1:])
            and _full_line(it.block.lines[-1].text, modes[it.block.page], p)]
    if not ends:
        return list(items)
    # the page's own bigrams that a seam may be: those that begin with an end's last character
    doc = _bigrams_from([it.text for it in items], {items[a].text[-1] for a in ends})
    # a chunk's first line is full (no paragraph's indented start), or it is
    # the one short last line of a paragraph, which ends its sentence
    starts = [k for k, it in enumerate(items)
              if it.kind == BODY and it.dateline is None and _HAN.search(it.text[:1])
              and (_full_line(it.block.lines[0].text, modes[it.block.page], p) or
                   len(it.block.lines) == 1 and ends_unit(it.text))
              and not (k and items[k - 1].kind == BODY and not ends_unit(items[k - 1].text))]

    def score(a: int, b: int) -> float:
        seam = items[a].text[-1] + items[b].text[0]
        return max(grade.get(seam, 0), min_grade + 0.5 if seam in doc else 0.0)

    best: dict[int, int] = {}
    for a in ends:
        cands = sorted(((score(a, b), b) for b in starts
                        if b != a + 1 and items[b].block.page == items[a].block.page), reverse=True)
        if cands and cands[0][0] >= min_grade and (len(cands) == 1 or cands[1][0] < cands[0][0]):
            best[a] = cands[0][1]
    taken = {a: b for a, b in best.items() if sum(1 for b2 in best.values() if b2 == b) == 1}
    for a in list(taken):                 # no cycle: a paragraph goes on in none of its own chain
        c, seen = a, set()
        while c in taken and c not in seen:
            seen.add(c)
            c = taken[c]
        if c == a or c in seen:
            del taken[a]
    moved = set(taken.values())
    out: list[Item] = []
    for k, it in enumerate(items):
        if k in moved:
            continue
        c = k
        while c in taken:                 # a chain of continuations
            q = items[taken[c]]
            _event(state, "G513", "join", q, it.text[-6:] + "\u23ce" + q.text[:6],
                   "the paragraph goes on in a chunk set elsewhere")
            it.block = it.block.joined(q.block, kind=BODY)
            it.text = it.text + q.text
            c = taken[c]
        out.append(it)
    return out


def _bigrams_from(texts: list[str], firsts: set[str]) -> set[str]:
    """The bigrams of these texts that begin with one of ``firsts``.

    >>> sorted(_bigrams_from(["丰收丰富", "丰"], {"丰"}))
    ['丰富', '丰收']
    """
    out: set[str] = set()
    for t in texts:
        for c in firsts:
            k = t.find(c)
            while 0 <= k < len(t) - 1:
                out.add(t[k:k + 2])
                k = t.find(c, k + 1)
    return out


def _lead_found_later(drafts: list[Draft], state: State) -> list[Draft]:
    """G505: a headline group over text without a dateline, when a text
    further down the page that opens with its dateline (or its byline line)
    has no headline, speaks of it as much as of its own text and shares words
    with that text: that text is its beginning, which the extractor put after
    a later chunk of the same story; its paragraphs go first under the headline."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    out = list(drafts)
    k = 0
    while k < len(out):
        h = out[k]
        bodies = [it for it in h.items if it.kind == BODY]
        if not h.heads or not bodies or any(it.dateline is not None for it in bodies):
            k += 1
            continue
        page = bodies[0].block.page
        head = "".join(x.text for x in h.heads)
        h_text = _body_text(h)
        here = bigram_share(head, h_text)
        for j in range(k + 1, len(out)):
            d = out[j]
            db = [it for it in d.items if it.kind == BODY]
            # a text opens with its dateline (the text above not closed yet), or
            # with its byline line above it (the text above without a byline:
            # its end, closing line and all, may come first)
            opens = bool(db) and (db[0].dateline is not None and not h.closed or
                                  d.items[0].kind == BYLINE and
                                  not any(it.kind == BYLINE for it in h.items) or
                                  d.items[0].kind == NOTE and
                                  not any(it.kind == NOTE for it in h.items))
            # a chunk's lead may have taken a phrase of the headline (a layout
            # extractor's cut) from below it: the phrase goes back to the stack
            if d.heads and not h.chunk or not opens or db[0].block.page != page:
                continue
            d_text = _body_text(d)
            if d.items[0].kind == NOTE:   # an editor's note speaks of the story as its lead does
                d_text = d.items[0].text + "\n" + d_text
            there = bigram_share(head, d_text)
            # one story: either text shares words with the other (the shorter
            # one's share counts: a long text shares a small part of itself)
            shared = max(bigram_share(d_text, h_text), bigram_share(h_text, d_text))
            if there >= margin and there >= here - margin and shared >= margin / 4:
                _event(state, "G505", "move", h.heads[0], "headline of the report below",
                       "the report is its lead, put after a later chunk of the story")
                # the byline lines under the headline stay under it
                k0 = 0
                while k0 < len(h.items) and h.items[k0].kind == BYLINE and d.items[0].kind != BYLINE:
                    k0 += 1
                h.items = h.items[:k0] + d.items + h.items[k0:]
                h.heads = h.heads + d.heads
                del out[j]
            break
        k += 1
    return out


def _goes_on_below(items: list[Item], i: int, kinds: tuple = (CAPTION, CREDIT)) -> int | None:
    """The paragraph below the figure in which paragraph i, stopping
    mid-sentence (on a Han character) right above the figure's captions and
    credits (items of ``kinds``), goes on: one on its page that opens with a
    Han character and no dateline; else None."""
    it = items[i]
    if it.kind != BODY or ends_unit(it.text) or not _HAN.search(it.text[-1:]):
        return None
    j = i + 1
    while j < len(items) and items[j].kind in kinds:
        j += 1
    if j == i + 1 or j >= len(items):
        return None
    nxt = items[j]
    if nxt.kind != BODY or nxt.dateline is not None or not _HAN.search(nxt.text[:1]) or \
            nxt.block.page != it.block.page:
        return None
    return j


def _across_figures(items: list[Item], state: State) -> list[Item]:
    """G511: a paragraph that stops mid-sentence right above a photo's caption
    or credit goes on in the text right below them: the picture stood in the
    column, the sentence runs around it. The figure stays where it was."""
    out: list[Item] = []
    k = 0
    while k < len(items):
        it = items[k]
        out.append(it)
        k += 1
        j = _goes_on_below(items, k - 1)
        if j is None:
            continue
        nxt = items[j]
        _event(state, "G511", "join", nxt, it.text[-6:] + "\u23ce" + nxt.text[:6],
               "a sentence goes on below the figure")
        it.block = it.block.joined(nxt.block, kind=BODY)
        it.text = it.text + nxt.text
        out.extend(items[k:j])
        k = j + 1
    return out


def _join_split_datelines(blocks: list[Block], dl: re.Pattern, state: State) -> list[Block]:
    """A dateline is set in one run; where a line break fell inside it (新华社日内瓦
    7月28日⏎电 — a narrow column, an OCR line), the block that is all dateline
    start goes back onto the paragraph it opens."""
    out: list[Block] = []
    for b in blocks:
        a = out[-1] if out else None
        if a is not None and a.kind == BODY and b.kind == BODY and a.page == b.page and \
                dl.match(a.text) is None and dl.match(b.text) is None:
            # (a block that opens with a whole dateline of its own took nothing
            # from the block above: 厢导赏⏎本报讯)
            m = dl.match(a.text + b.text)
            if m is not None and m.end() > len(a.text):
                state.tracer.decide("G501", "join", a.lines[0], a.text[:16], a.text + b.text[:4],
                                    "a line break split the dateline")
                out[-1] = a.joined(b, kind=BODY)
                continue
        out.append(b)
    return out


def _event(state: State, code: str, kind: str, item: "Item", after: str, note: str = "") -> None:
    state.tracer.decide(code, kind, item.block.lines[0], item.text[:16], after, note)


def _left_clause(item: Item, prev: Item, dl: re.Pattern | None) -> bool:
    """Is item a single line with a clause mark, stopping mid-sentence, right
    after body text that stops mid-sentence too (no dateline between)?"""
    text = item.text
    return len(item.block.lines) == 1 and prev.kind == BODY and bool(_CLAUSE.search(text)) and \
        not ends_unit(text) and not ends_unit(prev.text) and _HAN.search(prev.text[-1:]) is not None and \
        _HAN.search(text[:1]) is not None and prev.block.page == item.block.page and \
        (dl is None or not dl.match(text))


_TITLE = re.compile(r"[ 　]*《[^《》\n]{1,24}》")


def _list_entry(text: str, items: list[Item]) -> bool:
    """A title alone (《厨房里的化学》) right after a paragraph that opens with a
    title is the next entry of a list of works, its description cut off below
    it (OCR, an extractor's line break): text, not a headline."""
    if not _TITLE.fullmatch(text.strip()):
        return False
    prev = next((it for it in reversed(items) if it.kind in (BODY, HEAD)), None)
    return prev is not None and prev.kind == BODY and _TITLE.match(prev.text) is not None


def _over_byline(text: str, block, nxt, max_chars: int, linked: re.Pattern | None) -> bool:
    """A line of one clause pair (跨境电商出海，合规是第一课) right above a byline
    printed on its own line (□ 程望舒, 本报评论员) is a headline after all: an
    opinion piece's title may hold a comma, and text is never followed by its
    author's name on a line of its own."""
    if nxt is None or nxt.kind != BYLINE or len(block.lines) != 1 or \
            not _headline_like(text.replace("，", "　"), 1, max_chars, 1, linked):
        return False
    return text.count("，") == 1 and not _CLAUSE.search(text.replace("，", ""))


def _one_comma_title(text: str, block, max_chars: int, linked: re.Pattern | None) -> bool:
    """Is a one-line block two phrases parted by one comma, headline-like but
    for it (跨境电商出海，合规是第一课)?"""
    return len(block.lines) == 1 and text.count("，") == 1 and \
        _headline_like(text.replace("，", "　"), 1, max_chars, 1, linked) and \
        not _CLAUSE.search(text.replace("，", ""))


def _under_section(state: State, text: str, block, max_chars: int,
                   linked: re.Pattern | None) -> bool:
    """A line of one clause pair right under a section label (观点, 评论: L102,
    L109; past OCR's junk off a rule, L120) is a headline: a section label heads
    its module, whose first line is the headline, and an opinion piece's title
    may hold a comma."""
    if not _one_comma_title(text, block, max_chars, linked):
        return False
    lines = state.lines
    first = block.lines[0]
    k = next((i for i, line in enumerate(lines) if line is first), None)
    while k:
        k -= 1
        line = lines[k]
        if line.page != first.page or line.label != FURNITURE:
            return False
        if line.rule in ("L102", "L109"):
            return True
        if line.rule != "L120":
            return False
    return False


def _completes_word(items: list[Item], text: str, word_grade: int) -> bool:
    """Does the block complete a word of Chinese that the text right above
    breaks off (教育专家提醒，远 | 程教学不能完全替代面)? That text holds a clause
    mark (no headline does) and stops mid-sentence: the block is its next line."""
    prev = items[-1] if items else None
    return prev is not None and prev.kind == BODY and not ends_unit(prev.text) and \
        _CLAUSE.search(prev.text) is not None and breaks_inside_word(prev.text, text, word_grade)


# two phrases parted by what OCR reads a phrase space as: a stray mark or two
# of four characters or more each (a clause just begun, ，負責, is text cut at a column's end)
_MARKED_PHRASES = re.compile("[^，、；,.;:：|”“\"' 　]{4,}[ 　]*[，、；,.;:：|”“\"']{1,2}[ 　]*[^，、；,.;:：|”“\"' 　]{4,}")


def _phrases_marked(text: str, block, max_chars: int) -> bool:
    """Is a one-line block two phrases of four characters or more, with Han
    characters and no sentence end, parted by a mark or two (OCR's reading of
    a headline's phrase space; a full stop too, inside the line)?"""
    bare = text.replace("。”", "”") if "“" not in text else text   # a stop OCR glued to the stray quote
    if bare.count("。") == 1 and not ends_unit(bare) and all(ln.bbox is None for ln in block.lines):
        # a full stop alone inside a line that ends no sentence: Tesseract's
        # reading of the phrase space (岭海高铁开通运营。 两地最快58分钟通达);
        # where OCR boxes give the line's type size, that size says it (G503 display)
        bare = bare.replace("。", "、")
    return len(block.lines) == 1 and len(text) <= max_chars and not ends_unit(text) and \
        not _STOP.search(bare) and _MARKED_PHRASES.fullmatch(bare.strip()) is not None and \
        len(_HAN.findall(text)) >= 4


def _between_reports(items: list[Item], block, text: str, max_chars: int,
                     linked: re.Pattern | None) -> bool:
    """Is a one-line block with Han and no sentence end or comma (but a mark OCR
    may have read for a headline's phrase space or a glyph: 青川河;台理工程通过验收,
    社区卫生服务中心;) set right after a body paragraph on its page that ends
    its sentence, or right under a headline line? A comma parts the clauses of text, which an extractor may
    leave between two reports."""
    if len(block.lines) != 1 or len(text) > max_chars or _STOP.search(text) or "，" in text or \
            "," in text or len(_HAN.findall(text)) < 4 or not items:
        return False
    prev = items[-1]
    if prev.block.page != block.page or linked is not None and linked.match(text) is not None:
        return False
    return prev.kind == HEAD or prev.kind == BODY and ends_unit(prev.text) and not _CLAUSE.search(prev.text[-1:])


def _top_of_text(items: list[Item], page: int) -> bool:
    """Does a block come right under a headline line, or first on its page
    (only furniture before it)?"""
    if items and items[-1].kind == HEAD:
        return True
    return all(it.kind in (FURNITURE, HEAD) for it in items if it.block.page == page)


def _dateline_below(blocks: list[Block], k: int, dl: re.Pattern | None,
                    ocr_junk: re.Pattern | None) -> bool:
    """Does the report's dateline paragraph come right after block k, past at
    most the photo set under the headline (its credit, and its caption right
    above that credit)?"""
    j = k + 1
    if j + 1 < len(blocks) and blocks[j].kind == BODY and blocks[j + 1].kind == CREDIT:
        j += 1          # the photo's caption, over its credit
    while j < len(blocks) and blocks[j].kind in (CAPTION, CREDIT):
        j += 1
    return j < len(blocks) and blocks[j].page == blocks[k].page and \
        dl is not None and _dateline_match(blocks[j].text, dl, ocr_junk) is not None


def _dateline_match(text: str, dl: re.Pattern, ocr_junk: re.Pattern | None) -> re.Match | None:
    """The report's dateline that opens the text, also past OCR's junk: what
    stands left of the report's first line (display type, a photo) read as
    Latin letters, a wide gap before the dateline (G501)."""
    got = dl.match(text)
    if got is None and ocr_junk is not None:
        junk = ocr_junk.match(text)
        if junk is not None:
            got = dl.match(text, junk.end())
    return got


def _headline_like(text: str, nlines: int, max_chars: int, max_lines: int,
                   linked: re.Pattern | None = None) -> bool:
    if nlines > max_lines or len(text) > max_chars or ends_unit(text) or _STOP.search(text):
        return False
    if linked is not None and linked.match(text):
        return False   # it opens with a word that ties it to a sentence before: text
    if text.count("《") > text.count("》") and _HAN.match(text[-1]):
        return False   # a title left open mid-word runs on in the text below
    if text[-1] in "，、（《“‘(-" or not _HAN.search(text):
        return False
    # print sets a headline's phrases apart by spaces, not commas: a block with a
    # clause mark is text left alone (its paragraph went on elsewhere on a
    # scrambled page, or a picture or a column end cut it short)
    return not _CLAUSE.search(text)


def _captions_above_credits(items: list[Item], max_chars: int, max_lines: int,
                            state: State) -> None:
    """An unmarked block right above a photo credit is that photo's caption."""
    i = -1
    while i + 2 < len(items):
        i += 1
        _split_caption_off(items, i, max_chars, max_lines, state)
        it, nxt = items[i], items[i + 1]
        if nxt.kind == CREDIT and it.kind == HEAD and not _CLAUSE.search(it.text) and \
                _open_marks(it.text) == 0 and _caption_below(items, i + 2, max_chars, max_lines):
            # a headline, the photo's credit, then a short sentence before the
            # body: the sentence is the caption, the headline stays one
            items[i + 2].kind = CAPTION
            _event(state, "G507", "label", items[i + 2], "caption", "below a credit, under a headline")
            continue
        if nxt.kind == CREDIT and it.kind == HEAD and i >= 2 and items[i - 1].kind == BODY and \
                items[i - 2].kind == HEAD and it.text.rstrip()[-1:] not in "。！？!?" and \
                len(items[i - 1].block.lines) <= max_lines and \
                _caption_shaped(items[i - 1], items[i - 2], max_chars):
            # a headline line, a short finished sentence, a headline line that
            # ends none, the credit: the extractor put the photo's caption
            # between the lines of the stack it stands under; the sentence is
            # the caption, over its credit; the lines around it are the headline's
            cap = items[i - 1]
            cap.kind = CAPTION
            items[i - 1], items[i] = items[i], cap
            _event(state, "G507", "move", cap, "caption", "above a credit, out of a headline stack")
            continue
        if nxt.kind == CREDIT and it.kind in (BODY, HEAD) and it.dateline is None and \
                len(it.text) <= max_chars and len(it.block.lines) <= max_lines and \
                _open_marks(it.text) <= 0 and not _stack_line(items, i) and \
                _goes_on_below(items, i, (CREDIT, FURNITURE)) is None:
            it.kind = CAPTION
            _event(state, "G507", "label", it, "caption", "above a credit")
            _wrapped_caption_start(items, i, state)


def _stack_line(items: list[Item], i: int) -> bool:
    """Is headline line i the last line of a stack, no caption: a headline
    line above it, and no sentence end of its own (a caption is a sentence)?
    A credit the order stage put after a stack leaves its caption elsewhere."""
    it = items[i]
    return it.kind == HEAD and i > 0 and items[i - 1].kind == HEAD and \
        it.text.rstrip()[-1:] not in "。！？!?"


def _captions_apart(items: list[Item], max_chars: int, state: State) -> None:
    """A credit with no caption by it, whose caption the extractor put
    elsewhere on the page (pdfminer orders a photo's caption and credit boxes
    apart): the page's one paragraph of a caption's shape — a single finished
    sentence, short, standing alone, not the page's last paragraph unless it
    opens with the day the photo was taken (7月29日，) — takes the credit
    under it; of several, the one so dated. Never a guess between equals."""
    for credit in [it for it in items if it.kind == CREDIT]:
        i = items.index(credit)
        if _PHOTO.search(credit.text) is None:
            continue                 # (a cartoon's credit, 漫画：…, needs no caption)
        page = credit.block.page
        phrase = items[i - 1] if i and _phrase_caption(items[i - 1]) else None
        if any(0 <= j < len(items) and items[j].kind == CAPTION and items[j] is not phrase
               for j in (i - 1, i + 1)):
            continue
        captions = [j for j, it in enumerate(items) if it.kind == CAPTION and
                    it.block.page == page and it is not phrase]
        if captions:
            continue                 # the page's captions are marked (上图：…): they are its
        shaped = [j for j, it in enumerate(items) if it.kind == BODY and it.block.page == page and
                  _caption_shaped(it, items[j - 1] if j else None, max_chars)]
        dated = [j for j in shaped if _CAPTION_OPEN.match(items[j].text)]
        # undated, a short last paragraph is more likely the text's end
        last = max((j for j, it in enumerate(items) if it.kind == BODY and it.block.page == page),
                   default=-1)
        shaped = [j for j in shaped if j in dated or j != last]
        if phrase is not None:
            # the phrase by the credit gives way only to a caption with more
            # of a caption's marks: dated, or right under a headline line
            # (the photo stood under the headline, its caption under the photo)
            shaped = [j for j in shaped if j in dated or j and items[j - 1].kind == HEAD]
        if len(shaped) > 1 and not dated:
            # of several, the one right under what OCR read in the photo
            # (L120's junk): the caption stands right under its photo
            under = [j for j in shaped if _under_photo(items[j], state)]
            if len(under) == 1:
                shaped = under
        pick = dated if len(dated) == 1 else shaped if len(shaped) == 1 else []
        if not pick and not dated:
            # the line breaks may have joined it to the text above, across a
            # blank line (that text stopped mid-sentence at a column's foot):
            # the page's one paragraph whose lines after its last blank line
            # are a dated caption's shape gives them up
            tails = [(j, k) for j, it in enumerate(items) if it.kind == BODY and it.block.page == page
                     for k in [_dated_tail(it, max_chars)] if k is not None]
            if len(tails) == 1:
                j, k = tails[0]
                above, below = items[j].block.split(k)
                items[j].block, items[j].text = above, above.text
                items.insert(j + 1, Item(BODY, below, below.text))
                _event(state, "G507", "break", items[j + 1], "caption apart",
                       "a dated caption's sentence after a blank line, for a credit with none by it")
                pick = [j + 1]
        if not pick:
            continue
        cap = items[pick[0]]
        cap.kind = CAPTION
        _credit_to(items, credit, cap, phrase, state)


def _credit_to(items: list[Item], credit: Item, cap: Item, phrase: "Item | None",
               state: State) -> None:
    """The credit goes under its caption, where that stands; a phrase that
    stood for its caption is text again."""
    items.remove(credit)
    items.insert(items.index(cap) + 1, credit)
    _event(state, "G507", "move", cap, "caption", "the page's one caption-shaped paragraph, "
           "for a credit with none by it")
    if phrase is not None:
        phrase.kind = BODY
        _event(state, "G507", "label", phrase, "body",
               "no sentence: the phrase above the credit is no caption, the page has its caption")


def _under_photo(it: Item, state: State) -> bool:
    """Is the line right above the paragraph's first line OCR's reading of a
    photo (letters and marks, L120's junk)?"""
    first = it.block.lines[0]
    k = next((k for k, l in enumerate(state.lines) if l is first), None)
    return k is not None and k > 0 and state.lines[k - 1].page == first.page and \
        state.lines[k - 1].rule == "L120"


def _phrase_caption(it: Item) -> bool:
    """Is a caption G507 found above a credit a phrase, no caption: a few
    characters (fewer than a caption needs to say who does what where) with
    no mark of a sentence, a display line's piece (a headline's, a line of
    text that OCR printed as a block of its own) that stood by the credit?"""
    text = it.text.strip()
    return it.kind == CAPTION and it.block.kind != CAPTION and \
        len(text) < _CAPTION_CHARS and _SENTENCE_MARKS.search(text) is None


# any mark of a clause or sentence
_SENTENCE_MARKS = re.compile("[，。；：！？、,.;:!?]")


def _dated_tail(it: Item, max_chars: int) -> int | None:
    """The index of the line after the last blank line of paragraph ``it``
    when the lines from there are a dated caption (7月29日，… one finished
    sentence, short), else None."""
    lines = it.block.lines
    k = max((j for j in range(1, len(lines)) if lines[j].blank_before), default=0)
    if not k:
        return None
    text = "".join(l.text for l in lines[k:])
    tail = Item(BODY, it.block, text)
    if not _CAPTION_OPEN.match(text) or not _caption_shaped(tail, None, max_chars):
        return None
    return k


# a photo's credit (摄, 攝影), not a cartoon's or a chart's
_PHOTO = re.compile("[摄攝]")
# reported words: a caption shows, it does not quote
_SPEECH = re.compile("(?:说|說|表示|介绍|介紹|指出)[，,：:]")
# a caption says who does what where: shorter, it is a sentence's cut-off end
_CAPTION_CHARS = 10
_JUNK = re.compile(r"[=|\\/<>_~^*#@$%&]")


def _caption_shaped(it: Item, before: "Item | None", max_chars: int) -> bool:
    """One finished sentence (it ends with 。 and holds no other sentence end),
    short but not a fragment (10 to max_chars characters), that starts a
    sentence (the paragraph before it ends one, or is none) and opens with a
    Han character or the day the photo was taken (7月29日，; not 2026年…, a
    sentence's end): no dateline, no reported words, no OCR junk."""
    text = it.text.strip()
    if not _CAPTION_CHARS <= len(text) <= max_chars or text[-1] != "。" or _STOP.search(text[:-1]):
        return False
    if it.dateline is not None or not (_HAN.match(text) or _CAPTION_OPEN.match(text)) or \
            _JUNK.search(text) or \
            _SPEECH.search(text):
        return False
    if len(re.split("[，,]", text, maxsplit=1)[0]) < 3:
        return False                 # 過，也有…: the end of a sentence cut off above
    # the day the photo was taken opens a sentence whatever stands above it
    return before is None or before.kind != BODY or ends_unit(before.text) or \
        _photo_noise(before) or _CAPTION_OPEN.match(text) is not None


def _photo_noise(it: Item) -> bool:
    """Is the paragraph what OCR read in a photo (letters and marks, no Han
    character: ASCH RBA)? The caption stands right under its photo, so such
    noise stands above it; it is no text whose sentence goes on."""
    return _HAN.search(it.text) is None


# how a photo caption opens: the day the photo was taken, or 图为 / 上图：
_CAPTION_OPEN = re.compile("[ 　]*(?:[0-9]{1,2}月[0-9]{1,2}日[，,]|(?:图|圖)(?:为|為)|[上下左右](?:图|圖)[：:])")


def _split_caption_off(items: list[Item], i: int, max_chars: int, max_lines: int,
                       state: State) -> None:
    """A caption right above its credit that the line breaks joined to the text
    above it across a blank line (the text stopped mid-sentence at a column's
    foot): the lines after the last blank line, if they are a caption's shape —
    short, one finished sentence — are split off to stand above the credit."""
    it, nxt = items[i], items[i + 1]
    lines = it.block.lines
    if nxt.kind != CREDIT or it.kind != BODY or it.dateline is not None or \
            len(it.text) <= max_chars and len(lines) <= max_lines:
        return      # (a block of a caption's size is G507's as it is)
    page = [l for l in state.lines if l.page == lines[0].page]
    if sum(1 for l in page if l.blank_before) * 2 > len(page):
        # blank lines after most lines (pdfminer) tell nothing; a caption's
        # opening does: the day the photo was taken (7月29日，…) or 图为
        k = max((j for j in range(max(1, len(lines) - max_lines), len(lines))
                 if _CAPTION_OPEN.match(lines[j].text)), default=0)
    else:
        k = max((j for j in range(1, len(lines)) if lines[j].blank_before), default=0)
    if not k or len(lines) - k > max_lines:
        return
    above, below = it.block.split(k)
    text = below.text
    if len(text) > max_chars or not ends_unit(text) or _open_marks(text) != 0:
        return
    it.block, it.text = above, above.text
    items.insert(i + 1, Item(BODY, below, text))
    _event(state, "G507", "break", items[i + 1], "caption apart",
           "a short sentence after a blank line, right above a credit")


def _captions_before_datelines(items: list[Item], state: State) -> None:
    """G512: a report's text opens with its dateline; one short finished
    sentence between a headline (or a photo's credit) and the paragraph that
    opens with the dateline, speaking of what that paragraph speaks of (a
    word shared), is the photo's caption, its credit lost or set elsewhere."""
    p = state.rules.param
    max_chars = int(p("G512", "max_chars", 40))
    max_lines = int(p("G512", "max_lines", 3))
    ocr_prefix = p("G502", "ocr_prefix_pattern")
    for k in range(1, len(items) - 1):
        before, it, after = items[k - 1], items[k], items[k + 1]
        if before.kind not in (HEAD, CREDIT) or not _caption_below(items, k, max_chars, max_lines):
            continue
        if _one_sentence(it.text) and not it.text.rstrip("”」』）)").endswith(_OPEN_CLAUSE) and \
                _opens_report(after, ocr_prefix) and _pairs(it.text) & _pairs(after.text):
            it.kind = CAPTION
            _event(state, "G512", "label", it, "caption", "between the headline and the dateline")


_HAN_PAIR = re.compile("(?=(%s{2}))" % chars.cls("han"))


def _pairs(text: str) -> set[str]:
    """Pairs of Chinese characters that stand side by side in the text."""
    return set(_HAN_PAIR.findall(text))


_OPEN_CLAUSE = ("；", "：", ";", ":")   # a sentence stopped here goes on: no caption ends so


def _one_sentence(text: str) -> bool:
    """No sentence end before the last one."""
    return not _STOP.search(text.rstrip("。！？”」』"))


def _opens_report(item: Item, ocr_prefix: re.Pattern | None) -> bool:
    """Does the paragraph open with a dateline, or with OCR's junk for one?"""
    return item.dateline is not None or _ocr_dateline(item.text, ocr_prefix)


def _ocr_dateline(text: str, ocr_prefix: re.Pattern | None) -> bool:
    """Does the text open with OCR's junk for a bold dateline and the byline's
    short bracket (ARIA 〈记者赵磊 通讯员孙悦), KATA (124 BA))? G502 reads such a
    bracket as the dateline's byline."""
    if _CLOSED_JUNK.match(text):
        return True
    junk = ocr_prefix.match(text) if ocr_prefix is not None else None
    return junk is not None and _SHORT_BRACKET.match(text, junk.end()) is not None


# Latin letters and a closing bracket that nothing opened, right before the
# text: OCR's reading of a bracketed dateline (【本報訊】 read as CASH))
_CLOSED_JUNK = re.compile("[ 　]*[A-Za-z]{2,8}[)）\\]】〉>][ 　]*%s" % chars.cls("han"))


def _caption_below(items: list[Item], k: int, max_chars: int, max_lines: int) -> bool:
    """Is item k a short sentence (a caption's shape) with more body after it?"""
    if k + 1 >= len(items):
        return False
    cap, after = items[k], items[k + 1]
    # a mark closed that it never opened: the rest of a sentence, not a caption
    return cap.kind == BODY and cap.dateline is None and ends_unit(cap.text) and \
        _open_marks(cap.text) == 0 and \
        len(cap.text) <= max_chars and len(cap.block.lines) <= max_lines and after.kind == BODY


def _wrapped_caption_start(items: list[Item], i: int, state: State) -> None:
    """A caption set in its own measure wraps: its first line, standing alone
    without a sentence end right above the rest of the caption, is its start."""
    if i == 0:
        return
    head, cap = items[i - 1], items[i]
    if head.kind != HEAD or head.block.kind == HEADLINE or len(head.block.lines) != 1 or \
            ends_unit(head.text):
        return
    # below a headline group, only a line with sentence punctuation is caption text
    if i >= 2 and items[i - 2].kind == HEAD and not _CLAUSE.search(head.text):
        return
    # the first line is as wide as the caption's measure, once the start of the
    # rest that could not be split off (在“双师课堂”) is counted — and not wider,
    # where the caption's own full lines show its measure
    head_w = em_width(head.text)
    # (a caption of one line below it: that line is its last, no wider than the
    # measure, which the first line filled and then some — no doubt to allow)
    doubt = 1 if len(cap.block.parts) > 1 else 0
    if head_w + em_width(_glued_start(cap.text)) < em_width(cap.block.parts[0]) - doubt:
        return
    if len(cap.block.parts) > 1 and head_w > max(em_width(x) for x in cap.block.parts[:-1]) + 1.5:
        return
    if _open_marks(head.text + cap.text) > 0:
        return      # a caption closes its quotes: a line that leaves one open is text's
    _event(state, "G507", "join", head, "caption start", "a caption wraps")
    cap.text = head.text + cap.text
    cap.block = head.block.joined(cap.block, kind=CAPTION)
    head.kind = "merged"


def _glued_start(text: str) -> str:
    """The start of a line that no line break could have split: a character with
    the quotation that follows it, a quotation, or one character.

    >>> _glued_start("在“双师课堂”上互动答题。"), _glued_start("调试数控机床。")
    ('在“双师课堂”', '调')
    """
    k = 1 if len(text) > 1 and text[1] in _QUOTE_OPEN else 0
    if text[k:k + 1] in _QUOTE_OPEN:
        close = text.find(chars.CLOSING[text[k]], k + 1, k + 14)
        if close > 0:
            return text[:close + 1]
    return text[:1]


_QUOTE_OPEN = set(chars.CLOSING)


def _open_marks(text: str) -> int:
    return sum(text.count(c) for c in "“「《（(") - sum(text.count(c) for c in "”」》）)")


def _split_block(block: Block) -> list[Block]:
    """A block's lines as blocks, except where the join was forced (a hyphen, an
    opening mark at the end, a mark that may not start a line, a word space)."""
    out = [Block(block.kind, [block.lines[0]], [block.parts[0]], [], block.rule)]
    for k in range(1, len(block.lines)):
        a, b, glue = block.lines[k - 1], block.lines[k], block.glue[k - 1]
        if glue or a.text[-1:] in _FORCED_END or b.text[:1] in _FORCED_START:
            last = out[-1]
            last.lines.append(b)
            last.parts.append(block.parts[k])
            last.glue.append(glue)
        else:
            out.append(Block(block.kind, [b], [block.parts[k]], [], block.rule))
    return out


_FORCED_END = chars.NO_LINE_END | chars.LINE_HYPHENS
_FORCED_START = chars.NO_LINE_START


def _merge_wrapped_heads(items: list[Item], state: State, body_sizes: dict | None = None) -> None:
    """Headline lines are read one by one, then a line that wraps onto the next is
    joined back: an open quote or bracket, a closing mark that starts the next
    line, or a seam the document's own text shows (大模型真⏎正 → 真正) — but
    not onto a line set in a clearly different type size (G516): a headline
    wraps in its own type, a deck in another is another line of the stack."""
    body = "\n".join(it.text for it in items if it.kind == BODY)
    name_start = state.rules.param("G503", "name_start_pattern")
    deck_ratio = float(state.rules.param("G516", "deck_ratio", 1.3)) if state.rules.on("G516") else None
    out: list[Item] = []
    for it in items:
        if it.kind == HEAD and len(it.block.lines) > 1:
            out.extend(Item(HEAD, b, b.text) for b in _split_block(it.block))
        else:
            out.append(it)
    items[:] = out
    i = 0
    while i < len(items) - 1:
        a, b = items[i], items[i + 1]
        if a.kind == HEAD and b.kind == HEAD and a.block.kind != HEADLINE and \
                b.block.kind != HEADLINE and a.block.page == b.block.page:
            # a phrase space at the line end: the headline goes on after it
            glue = "\u3000" if a.block.lines[-1].phrase_space_after else ""
            wraps = glue or _wraps(a.block.parts[-1], b.text, body, name_start)
            if wraps and deck_ratio is not None and body_sizes is not None and \
                    _sizes_apart(_measures(a.block, body_sizes), _measures(b.block, body_sizes),
                                 deck_ratio):
                _event(state, "G516", "break", b, a.text[-6:] + "\u00b6" + b.text[:6],
                       "a line in a clearly different type size: another deck, not the headline wrapped")
                wraps = False
            if wraps:
                _event(state, "G503", "join", a, a.text + glue + b.text,
                       "a headline wrapped at a phrase space" if glue else
                       "a headline wrapped over two lines")
                a.text = a.text + glue + b.text
                a.block = a.block.joined(b.block, glue)
                del items[i + 1]
                continue
        i += 1


_CLOSING = re.compile("[”’」』）)》〉】]")


def _quoted_fragment(a: str, b: str) -> bool:
    """Is ``a`` a line wholly inside a quotation it opens (“我, “原来机器) that
    ``b`` never closes: the start of a quote cut off a line of text, not a
    headline that wraps onto ``b``? (A headline's quote left open mid-line,
    聚焦“互联⏎互通, wraps even when OCR lost its closing mark.)"""
    return a.lstrip()[:1] in "“‘「『（(《〈" and _CLOSING.search(b) is None


_SPACE_READ = "。、，”|｜"   # what OCR reads a headline's phrase space as (G504)
_WRAPPED_END = re.compile("%s[%s]%s" % (chars.cls("han"), _SPACE_READ, chars.cls("han")))
_QUOTE_TERM_MAX = 8   # a quoted term in a headline is a word or a name (_closed_quote's reach)


def _quote_lost_close(a: str, b: str) -> bool:
    """Does ``a`` end in a quoted term whose closing mark OCR lost, rather than
    leave its quote open onto ``b``? A quoted term in a headline is a word or a
    name, eight characters at most; read on into ``b``, which never closes it,
    the quote would run longer (告别“着雨必沪 over 127处易沪总完成改造: the
    sub under the main), so the open quote says nothing of a wrap."""
    k = max(a.rfind("“"), a.rfind("「"))
    if k < 0 or _open_marks(a[k:]) != 1 or _CLOSING.search(b) is not None:
        return False
    run = len(a) - k - 1
    return 1 <= run and run + len(b.strip()) > _QUOTE_TERM_MAX


def _may_be_name(text: str, name_start) -> bool:
    """Could a short line be a person's name (李涛, 张伟明: two or three
    characters that open with a common surname, ``name_start``), a byline
    under a headline rather than a part of it?"""
    return name_start is not None and 2 <= len(text) <= 3 and name_start.match(text) is not None


def _wraps(a: str, b: str, body: str, name_start=None) -> bool:
    """Does headline line ``a`` (the last line read so far) wrap onto ``b``? A mark
    left open on ``a`` itself, or one that may not start ``b``, says so; a mark
    opened lines before does not (OCR loses closing marks). No deck of a
    headline stack is one character, or a word of two, after another line:
    such a line is the end of the line above (a kicker of two, 专访, comes
    first); two characters that open with a surname (``name_start``) may be
    the author's name under the headline."""
    if _open_marks(a) > 0 and not _quoted_fragment(a, b) and not _quote_lost_close(a, b) or \
            b[0] in chars.CLASSES["no_line_start"] or len(b.strip()) == 1:
        return True
    pair = b.strip()
    if len(pair) == 2 and grades().get(pair, 0) >= 1 and not _may_be_name(pair, name_start):
        return True
    if len(b) > 2 and (b[1] == "\u3000" or b[1] in _SPACE_READ and _HAN.match(b[2])) or \
            len(a) > 2 and a[-2] == "\u3000":
        return True      # no phrase is one character: 校園整⏎併　別只算經濟帳, 產卵　志⏎工夜間
    seams = (a[-2:] + b[:1], a[-1:] + b[:2])
    return any(len(s) == 3 and s in body for s in seams)


# ---------------------------------------------------------------- group
def _group(items: list[Item], state: State) -> list[Draft]:
    drafts: list[Draft] = [Draft()]
    pending_from: list[Item] = []
    i = 0
    n = len(items)
    cross_on = state.rules.on("G506")
    boundary_on = state.rules.on("G508")
    # in text whose lines are paragraphs (reflow's own text output), two blank
    # lines separate articles
    two_blank = boundary_on and paragraph_lines(state.lines)
    cross_max = int(state.rules.param("G506", "max_chars", 16))
    cross_same = float(state.rules.param("G506", "margin", 0.2))
    ocr_prefix = state.rules.param("G502", "ocr_prefix_pattern")
    lead_on = state.rules.on("G505")
    lead_margin = float(state.rules.param("G505", "margin", 0.2))
    # a brief's reporter in brackets at its end (L129), however it was labelled
    reporter = state.rules.get("L129").regex if state.rules.on("L129") else None
    # source lines that the order stage cut into several columns' lines
    # (O605's, in OCR text; lines with boxes are split by their geometry)
    seen = collections.Counter((line.page, line.lineno) for line in state.lines if line.bbox is None)
    pieces = frozenset(k for k, c in seen.items() if c > 1)
    while i < n:
        it = items[i]
        cur = drafts[-1]
        if it.kind == HEAD:
            j = i
            # (a headline over a module of its own opens a group of its own)
            while j < n and items[j].kind == HEAD and not (j > i and _own_module(items[j])):
                j += 1
            group = items[i:j]
            nxt = items[j] if j < n else None
            apart = two_blank and it.block.lines[0].blank_before >= 2
            # a crosshead divides a body, or follows an editor's note under the headline
            # (an editor's note opens an article, also one whose headline an
            # extractor put elsewhere)
            opened = cur.has_body() or any(x.kind == NOTE for x in cur.items)
            chunk = lead_on and len(group) == 1 and opened and \
                _heads_a_lead_below(group[0].text, cur, items, j, lead_margin)
            if cross_on and len(group) == 1 and opened and not cur.closed and not apart and \
                    not it.display and _crosshead(group[0], nxt, cross_max, ocr_prefix, pieces) and not chunk and \
                    (not _speaks_of_above(group[0].text, cur, nxt, cross_same, _jumped_from(drafts)) or
                     cur.heads and sum(1 for x in cur.items if x.kind == BODY) >= 2 and
                     _bare_below(items, j, reporter)):
                it.kind = CROSS
                _event(state, "G506", "label", it, "crosshead")
                cur.items.append(it)
                i = j
                continue
            if state.rules.on("G505") and _interrupts(cur, items, j, group, lead_margin,
                                                      float(state.rules.param("G505", "kicker_size_ratio", 1.15)),
                                                      bool(state.rules.param("G505", "one_byline", False))):
                # the group stands inside a sentence of a body that has no headline
                # yet (OCR read a column beside the headline before it): that
                # article's headline, and its text goes on below; a line over the
                # text already (a kicker read before the column) stays over it
                cur.heads = cur.heads + group
                _event(state, "G505", "move", group[0], "headline of the text it interrupts",
                       "the text above stops mid-sentence and goes on below")
                i = j
                while i < n and items[i].kind in _UNDER_HEAD:   # its byline and photo, under it
                    cur.items.append(items[i])
                    i += 1
                last = next(it for it in reversed(cur.items) if it.kind == BODY)
                nxt_body = items[i]
                _event(state, "G505", "join", nxt_body, last.text[-6:] + "\u23ce" + nxt_body.text[:6],
                       "the sentence goes on below the headline")
                last.block = last.block.joined(nxt_body.block, kind=BODY)
                last.text = last.text + nxt_body.text
                i += 1
                continue
            if _phrase_past_byline(cur, group) and state.rules.on("G504"):
                # a stack with only its byline under it takes the next headline line:
                # a phrase of the stack set beside the byline, which the extractor
                # read between them (百年渡口的最后一班船⏎东江大桥通车后⏎记者 …⏎轮渡将于年底停航)
                _event(state, "G504", "join", it, cur.heads[-1].text[:8] + "\u3000" + it.text[:8],
                       "a phrase of the headline read after its byline")
                cur.heads = cur.heads + group
                i = j
                continue
            if cross_on and not it.display and _first_crosshead(cur, group, nxt):
                # a full stack (kicker, main and sub, or a dashed sub) with only its
                # byline and photo lines under it: a line of one phrase that opens
                # the text below is its first crosshead, not a new article's headline
                it.kind = CROSS
                _event(state, "G506", "label", it, "crosshead",
                       "the article above has no text yet and its stack is full")
                cur.items.append(it)
                i = j
                continue
            if not cur.empty():
                drafts.append(Draft())
                if cur.closed:   # no crosshead of a closed article: a new one
                    _event(state, "G508", "break", it, "new article", "a headline after a closing line")
            drafts[-1].heads = group
            drafts[-1].chunk = chunk
            i = j
            continue
        reason = None
        if not boundary_on:
            pass
        elif two_blank and it.block.lines[0].blank_before >= 2 and not cur.empty():
            reason = "two blank lines between articles"
        elif it.kind == BODY and it.dateline is not None and (cur.has_text() or cur.closed):
            reason = "a paragraph that opens with a dateline"
        elif it.kind == BYLINE and (cur.has_body() or cur.closed) and _leads(items, i) and \
                not _names_apart(it):
            reason = "a byline line above a body"
        elif it.kind in (BODY, NOTE) and cur.closed:
            reason = "after a closing line"
        if reason:
            drafts.append(Draft())
            _event(state, "G508", "break", it, "new article", reason)
        cur = drafts[-1]
        if it.kind == FURNITURE:
            i += 1
            continue
        if it.kind == CONTINUATION:
            if _continued_from(it.text):
                # a jump page: what follows is the rest of an article begun elsewhere;
                # a headline right above the marker is that article's, repeated
                if cur.items and boundary_on:
                    drafts.append(Draft())
                    _event(state, "G508", "break", it, "new article", "a continuation from another page")
                pending_from.append(it)
            else:
                cur.items.append(it)
            i += 1
            continue
        if pending_from and it.kind == BODY:
            drafts[-1].items.append(Item(CONTINUATION, it.block, pending_from.pop(0).text))
        cur.items.append(it)
        if it.kind == CLOSING and boundary_on:
            cur.closed = True
        i += 1
    # a marker with no body after it (the extractor put it after the text it
    # heads): the last article keeps it, not the void
    drafts[-1].items.extend(pending_from)
    return [d for d in drafts if not d.empty()]


def _phrase_past_byline(cur: Draft, group: list[Item]) -> bool:
    """Is a one-line headline group the next phrase of the stack above it: that
    stack (one or two lines) has nothing under it yet but byline lines, on the
    same page? An article does not end before its text begins."""
    return len(group) == 1 and 0 < len(cur.heads) <= 2 and not cur.closed and bool(cur.items) and \
        all(x.kind == BYLINE for x in cur.items) and \
        group[0].block.page == cur.heads[-1].block.page


def _first_crosshead(cur: Draft, group: list[Item], nxt: Item | None) -> bool:
    """Is a one-line headline group the first crosshead of the article above:
    that article has a full stack (three lines, or a sub opened by a dash) and
    nothing under it yet but byline, credit and caption lines, and a paragraph
    without a dateline follows on the same page? An article does not end before
    its text begins, and its stack takes no fourth line."""
    if len(group) != 1 or nxt is None or nxt.kind not in (BODY, NOTE) or nxt.dateline is not None or \
            cur.closed or not cur.items or not cur.heads:
        return False
    full = len(cur.heads) >= 3 or any(_SUB_DASH.match(h.text.strip()) for h in cur.heads[1:])
    return full and all(x.kind in (BYLINE, CREDIT, CAPTION) for x in cur.items) and \
        group[0].block.page == cur.heads[-1].block.page == nxt.block.page


def _jumped_from(drafts: list[Draft]) -> str:
    """When the current draft is the rest of an article continued from another
    page (上接), the body of the part that jumped to it (下转), which it goes on."""
    cur = drafts[-1]
    if not any(it.kind == CONTINUATION and _continued_from(it.text) for it in cur.items):
        return ""
    for d in reversed(drafts[:-1]):
        if any(it.kind == CONTINUATION and not _continued_from(it.text) for it in d.items):
            return "\n".join(it.text for it in d.items if it.kind in (BODY, CAPTION))
    return ""


def _speaks_of_above(head: str, cur: Draft, nxt: Item, margin: float, before: str = "") -> bool:
    """A headline, not a crosshead: the paragraph below shares nothing with the body
    above, and the line shares far more with one side than with the other — with
    the body above, it is that body's headline put after it (G505), unless that
    body has its headline already; with the paragraph below, it heads a new
    article that opens without a dateline."""
    # the article so far, its photo's caption included (it shares the body's words)
    above = "\n".join([before] + [it.text for it in cur.items if it.kind in (BODY, CAPTION)])
    up, down = bigram_share(head, above), bigram_share(head, nxt.text)
    if up > down and cur.heads:
        return False   # the body above has its headline: this is no headline put after it
    return abs(up - down) >= margin and bigram_share(nxt.text, above) < margin / 4


def _bare_below(items: list[Item], j: int, reporter: re.Pattern | None = None) -> bool:
    """Would the text from item j on, up to the next headline, make an
    article with nothing an article of a page has: no dateline, no byline,
    no closing line, no photo? A report opens with its dateline or byline, a
    photo story has its caption, a brief closes with its source or its
    reporter (``reporter``: L129's pattern, read here whatever the line was
    labelled): text without any of them under a short line is the section of
    the article above that the line heads (a crosshead)."""
    for it in items[j:]:
        if reporter is not None and reporter.match(it.text):
            return False
        if it.kind in (HEAD, CONTINUATION):
            break
        if it.dateline is not None or it.kind in (BYLINE, CLOSING, CAPTION, CREDIT, NOTE):
            return False
    return True


def _heads_a_lead_below(head: str, cur: Draft, items: list[Item], j: int, margin: float) -> bool:
    """A headline, not a crosshead: a box extractor put a later chunk of a
    story (items j… without a dateline) between its headline and its lead, the
    paragraph further down that opens with its dateline before any other
    headline. The line speaks of that lead (at least margin, and margin more
    than of the article above) and the chunk shares words with it: one story,
    whose parts G505 puts back in order (``_lead_found_later``)."""
    k = j
    while k < len(items) and items[k].kind in (BODY, CAPTION, CREDIT) and items[k].dateline is None:
        k += 1
    if k == j or k == len(items) or items[k].kind != BODY or \
            items[k].block.page != items[j].block.page:
        return False
    lead = items[k].text
    above = "\n".join(it.text for it in cur.items if it.kind == BODY)
    there = bigram_share(head, lead)
    if there < margin or there < bigram_share(head, above) + margin:
        return False
    # every paragraph of the chunk is of the lead's story: it shares words with
    # the lead, and more than with the article above
    chunk = [it.text for it in items[j:k] if it.kind == BODY]
    return bool(chunk) and all(bigram_share(t, lead) >= max(margin / 4, bigram_share(t, above))
                               for t in chunk)


# what may stand between a headline group and its text: its byline, its photo
_UNDER_HEAD = (BYLINE, CAPTION, CREDIT)


def _kicker_sized(head: Item, group: list[Item], ratio: float) -> bool:
    """Can ``head`` be a kicker of ``group`` by type size: where the source
    gives sizes (OCR boxes), is the group's largest line clearly larger? With
    no sizes to compare it can."""
    sizes = [it.measures for it in group if it.measures and any(it.measures)]
    if not head.measures or not any(head.measures) or not sizes:
        return True
    largest = tuple(max((s[m] for s in sizes if m < len(s) and s[m]), default=None)
                    for m in range(len(head.measures)))
    if not any(x and y for x, y in zip(largest, head.measures)):
        return True
    return _larger(largest, head.measures, ratio)


def _interrupts(cur: Draft, items: list[Item], j: int, group: list[Item], margin: float,
                size_ratio: float | None = None, one_byline: bool = False) -> bool:
    """Does the headline group before item j stand inside a sentence of the
    current article: its last paragraph stops mid-sentence and the text after
    the group (past a byline and a photo's caption and credit) goes on without
    a dateline? The article has no headline yet, or only one line of it (a
    kicker, read before the column beside the rest), the group speaks of its
    text (margin of its words) and has no byline line of its own under it.
    ``one_byline``: nor does a group with a byline line under it interrupt an
    article that has a byline line already."""
    if len(cur.heads) > 1 or cur.closed or not cur.has_body():
        return False
    last = next((it for it in reversed(cur.items) if it.kind == BODY), None)
    if last is None or last is not cur.items[-1] or ends_unit(last.text):
        return False
    k = j
    while k < len(items) and items[k].kind in _UNDER_HEAD:
        k += 1
    if not (k < len(items) and items[k].kind == BODY and items[k].dateline is None and
            items[k].block.page == last.block.page):
        return False
    if one_byline and any(x.kind == BYLINE for x in cur.items) and \
            any(items[x].kind == BYLINE for x in range(j, k)):
        # the text above has its byline line already: the group's own byline
        # line under it opens another piece (an article has one byline at its head)
        return False
    if not cur.heads:
        return True
    if _SUB_DASH.match(cur.heads[0].text.strip()):
        # the one line over the text opens with a dash: a sub, which print sets
        # under its main headline, never over one to come (OCR lost the main)
        return False
    # a kicker is set smaller than the main line under it: a line over the text
    # that is not clearly smaller than the group's largest (OCR boxes) is that
    # text's own headline, and the group heads another report
    if size_ratio is not None and not _kicker_sized(cur.heads[0], group, size_ratio):
        return False
    # a headline line over the text already: the group must speak of that text,
    # and a byline line of its own under it opens another piece (a reply under a letter)
    return bigram_share("".join(h.text for h in group), _body_text(cur)) >= margin and \
        not any(items[x].kind == BYLINE for x in range(j, k))


def _continued_from(marker: str) -> bool:
    """（上接第1版） links back; （下转第5版） and （转A4版） link forward."""
    head = marker[:4]
    return re.search("上接|接|續|续", head) is not None and re.search("下|转|轉", head) is None


def _names_apart(item: Item) -> bool:
    """Is the byline item a line of names set apart from their role (L122, L125)?"""
    return item.block.lines[0].rule in ("L122", "L125")


def _leads(items: list[Item], i: int) -> bool:
    """Does the byline line at i stand above a body (rather than close one)?"""
    for it in items[i + 1:]:
        if it.kind in (BYLINE, CREDIT, CAPTION, FURNITURE):
            continue
        return it.kind in (BODY, NOTE)
    return False


def _crosshead(item: Item, nxt: Item | None, max_chars: int,
               ocr_prefix: re.Pattern | None = None, pieces: frozenset = frozenset()) -> bool:
    """A single short headline-like line between paragraphs of one article, set
    within the column (a line wider than the column spans it: a headline). A
    paragraph below that opens with OCR's junk for a bold dateline and a short
    bracket (ARIA（…）for 本报讯（记者…）) opens an article as a dateline does.
    ``pieces``: the source lines the order stage cut into several columns'
    lines; a line cut from one stands within its column, however many
    characters OCR made of it (junk read off a photo beside it)."""
    if nxt is not None and nxt.kind == CONTINUATION and not _continued_from(nxt.text):
        # right above （下转第4版）: nothing of a new article would be on this page;
        # it is a crosshead of the article that goes on there
        return len(item.text) <= max_chars and len(item.block.lines) <= 2
    if nxt is None or nxt.kind != BODY or nxt.dateline is not None or item.block.wide:
        return False
    if _ocr_dateline(nxt.text, ocr_prefix):
        return False
    piece = len(item.block.lines) == 1 and \
        (item.block.lines[0].page, item.block.lines[0].lineno) in pieces
    return (len(item.text) <= max_chars or piece) and len(item.block.lines) <= 2


# ---------------------------------------------------------------- headlines
def _own_module(it: Item) -> bool:
    """Is crosshead ``it`` a piece of a -layout headline row that the order
    stage found over a module of its own (O602 module_heads: under it a
    dateline or a credit of its own, beside the one under the headline)?"""
    return it.block.lines[0].module_head


def _rejoin_head_rows(drafts: list[Draft], state: State) -> None:
    """A headline row set across two columns is cut at the gutter by the order
    stage (暑假行山意外增 ‖ 消防處籲量力而為); its second phrase then stands at
    the top of the second column, read as a crosshead of the article. A
    crosshead cut from the same source line as the article's last headline
    line is that headline's next phrase (G504) — unless it is the headline of
    the next module set beside (全民運動會落幕 after 寒流來襲　高山可望降雪):
    it speaks of the text under it (margin more of its words than of the text
    between the headline and it), and the headline speaks of its own text at
    least as much as of the text under the phrase. It then heads an article
    of its own, that text its body."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    n = 0
    while n < len(drafts):
        d = drafts[n]
        n += 1
        if not d.heads:
            continue
        last = d.heads[-1]
        row = (last.block.page, last.block.lines[-1].lineno)
        for it in list(d.items):
            if it.kind == CROSS and len(it.block.lines) == 1 and \
                    (it.block.page, it.block.lines[0].lineno) == row:
                k = d.items.index(it)
                here = "\n".join(x.text for x in d.items[:k] if x.kind == BODY)
                there = "\n".join(x.text for x in d.items[k + 1:] if x.kind == BODY)
                head = "".join(h.text for h in d.heads)
                if _own_module(it) or \
                        there and bigram_share(it.text, there) >= bigram_share(it.text, here) + margin and \
                        bigram_share(head, here) >= bigram_share(head, there):
                    drafts.insert(n, Draft([Item(HEAD, it.block, it.text, it.wide)], d.items[k + 1:]))
                    d.items = d.items[:k]
                    _event(state, "G504", "label", it, "headline",
                           "the headline of the next module, set beside on the headline's row")
                    break
                d.items.remove(it)
                d.heads[-1] = Item(last.kind, last.block, last.text + "\u3000" + it.text, last.wide)
                _event(state, "G504", "join", it, last.text[:8] + "\u3000" + it.text[:8],
                       "a phrase of the headline's row, cut at the gutter")
                last = d.heads[-1]


def _heads_inside_sentence(drafts: list[Draft], state: State) -> list[Draft]:
    """G517: a headline group that stands inside a sentence of an article that
    has its headline (its last paragraph stops mid-sentence, the text under
    the group goes on without a dateline, on the same page) heads none of
    that text, and neither does a crosshead standing so (a crosshead stands
    between paragraphs): default pdftotext printed the headline of a report
    set across the column where the content stream has it. It goes to the
    next article when that one has no headline, opens with its dateline or
    its byline line and speaks of the group (G505 margin, and margin more
    than of the text around it), and the text under the group speaks of
    the article above at least as much as of that report (else it is a later
    chunk of the report, G505's); the text under the group goes on the
    sentence above."""
    margin = float(state.rules.param("G505", "margin", 0.2))

    def goes_on(last: Item | None, first: Item | None) -> bool:
        return last is not None and last.kind == BODY and not ends_unit(last.text) and \
            _HAN.search(last.text[-1:]) is not None and first is not None and \
            first.kind == BODY and first.dateline is None and first.block.page == last.block.page

    def takes(heads: list[Item], first: Item, nxt: Draft, above: str, under: str) -> bool:
        if nxt.heads or not nxt.has_body():
            return False
        opener = next(it for it in nxt.items if it.kind == BODY)
        if opener.dateline is None and nxt.items[0].kind != BYLINE:
            return False
        head = "".join(h.text for h in heads)
        below = _body_text(nxt)
        there, here = bigram_share(head, below), bigram_share(head, above + "\n" + under)
        if there < margin or there < here + margin:
            return False
        # the text under the line goes on the story above, not the one below
        # (a later chunk of the report below, put under its headline, is G505's)
        if bigram_share(under, above) < bigram_share(under, below):
            return False
        # printed in this order: the line, the text under it, then the report
        # (where the order stage put the report's opening before the text
        # under the line, the line stands where that stage put it, not where
        # the content stream had it)
        at = [(x.block.lines[0].page, x.block.lines[0].lineno) for x in (heads[0], first, opener)]
        if not at[0] < at[1] < at[2]:
            return False
        _event(state, "G517", "move", heads[0], "headline of the report below",
               "it stands inside a sentence of an article with its headline; overlap %.2f "
               "below vs %.2f" % (there, here))
        return True

    def join(last: Item, first: Item) -> None:
        _event(state, "G517", "join", first, last.text[-6:] + "\u23ce" + first.text[:6],
               "the sentence goes on below the headline")
        last.block = last.block.joined(first.block, kind=BODY)
        last.text = last.text + first.text

    out = list(drafts)
    k = 0
    while k < len(out) - 1:
        d, nxt = out[k], out[k + 1]
        # a crosshead inside a sentence of the article's text
        i = next((i for i in range(1, len(d.items) - 1) if d.heads and d.items[i].kind == CROSS and
                  goes_on(d.items[i - 1], d.items[i + 1])), None)
        if i is not None and not d.closed and \
                takes([d.items[i]], d.items[i + 1], nxt,
                      "\n".join(it.text for it in d.items[:i] if it.kind == BODY),
                      "\n".join(it.text for it in d.items[i + 1:] if it.kind == BODY)):
            cross = d.items[i]
            cross.kind = HEAD
            join(d.items[i - 1], d.items[i + 1])
            del d.items[i:i + 2]
            nxt.heads = [cross]
            continue
        # a headline group inside a sentence: a draft of its own
        if k + 2 < len(out):
            cur, after = out[k + 1], out[k + 2]
            last = d.items[-1] if d.items else None
            first = cur.items[0] if cur.items else None
            if d.heads and cur.heads and not d.closed and goes_on(last, first) and \
                    takes(cur.heads, first, after, _body_text(d), _body_text(cur)):
                join(last, first)
                d.items.extend(cur.items[1:])
                d.closed = cur.closed
                after.heads = cur.heads
                del out[k + 1]
                continue
        k += 1
    return out


_PARTICLE_END = "的地得之"   # a line that ends on a structural particle is a cut piece of text
_NOT_A_PHRASE = re.compile("[，、；：。！？,;:()（）〈〉《》【】]")   # clause marks and brackets: text, a byline


def _phrase_inside_sentence(drafts: list[Draft], state: State) -> None:
    """G520: a crosshead stands between paragraphs, after a sentence's end. A
    short line read as one inside a sentence of its article (the text above
    stops mid-sentence on a Chinese character, the text below goes on with no
    dateline, on the same page) that G517 gave to no other article is a phrase
    of this article's headline group, which OCR read where its row falls in
    the column's flow (舊街市活化 … 變身社區廚房 set across the columns' top):
    the sentence is joined again and the line goes on a line of the group
    after a phrase space: the phrases of one headline line are of about one
    length (G504's kicker_ratio), so on the line of one phrase nearest its
    width (the later one of a tie); where no line of one phrase is of about
    its length, it is a line of the group of its own, after the others. A line of three characters or fewer, or one that
    ends on a structural particle (在滨江经济技术开发区的), is a piece of text
    cut off its line and stays where it is; so is a line wider than max_em
    (a short phrase: a clause of text is longer) or one with a clause mark or
    a bracket (text, a bracketed byline)."""
    low = int(state.rules.param("G520", "min_han", 4))
    widest = float(state.rules.param("G520", "max_em", 9.0))
    ratio = float(state.rules.param("G504", "kicker_ratio", 0.6))
    for d in drafts:
        if not d.heads or d.closed:
            continue
        i = 1
        while i < len(d.items) - 1:
            above, it, below = d.items[i - 1], d.items[i], d.items[i + 1]
            text = it.text.strip()
            if it.kind == CROSS and len(_HAN.findall(text)) >= low and em_width(text) <= widest and \
                    text[-1:] not in _PARTICLE_END and not _NOT_A_PHRASE.search(text) and \
                    above.kind == BODY and not ends_unit(above.text) and _HAN.search(above.text[-1:]) and \
                    below.kind == BODY and below.dateline is None and below.block.page == above.block.page:
                # the phrases of one headline line are of about one length: the
                # phrase goes with the stack's line of one phrase nearest its width
                width = em_width(text)
                single = [k for k, h in enumerate(d.heads) if not _PHRASES.search(h.text.strip()) and
                          min(width, em_width(h.text.strip())) > ratio * max(width, em_width(h.text.strip()))]
                if single:
                    k = min(reversed(single), key=lambda k: abs(em_width(d.heads[k].text.strip()) - width))
                    last = d.heads[k]
                    _event(state, "G520", "join", it, last.text[-6:] + "\u3000" + text[:8],
                           "a phrase of the headline inside a sentence of the text: no crosshead")
                    d.heads[k] = Item(last.kind, last.block, last.text.rstrip() + "\u3000" + text, last.wide,
                                      display=last.display)
                else:
                    _event(state, "G520", "label", it, "headline",
                           "a line of the headline group inside a sentence of the text: no crosshead")
                    d.heads.append(Item(HEAD, it.block, text, it.wide, display=it.display))
                _event(state, "G520", "join", below, above.text[-6:] + "\u23ce" + below.text[:6],
                       "the sentence goes on past the headline's phrase")
                above.block = above.block.joined(below.block, kind=BODY)
                above.text = above.text + below.text
                del d.items[i:i + 2]
                continue
            i += 1


def _spoken_at(line: str, text: str) -> float:
    """Where a text speaks of a line: the mean place of the first occurrence
    of each of the line's Han character pairs that the text holds (the
    text's length when it holds none)."""
    at = [text.find(line[i:i + 2]) for i in range(len(line) - 1)
          if _HAN.match(line[i]) and _HAN.match(line[i + 1])]
    at = [x for x in at if x >= 0]
    return sum(at) / len(at) if at else float(len(text))


def _second_line_apart(drafts: list[Draft], state: State) -> list[Draft]:
    """G517: a headline line with no text under it (none before the next
    headline or the page's end) is a line of a two-line headline printed
    apart from the other: default pdftotext prints each display line as a
    block of its own, and the text set beside one may come between them. It
    joins the headline of one line, printed before it on the same page,
    whose text speaks of it (G505 margin, and margin more than any other
    article's text and than a caption under the line: a photo story's
    headline speaks of its caption); the line the text speaks of first is
    the first line."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    out = list(drafts)
    for d in list(out):
        if len(d.heads) != 1 or d.has_body() or d.chunk or \
                any(it.kind not in (CAPTION, CREDIT) for it in d.items):
            continue
        line = d.heads[0]
        at = (line.block.lines[0].page, line.block.lines[0].lineno)
        scores = []
        for c in out:
            if c is d or not c.has_body():
                continue
            text = _body_text(c)
            first = c.heads[0].block.lines[0] if c.heads else None
            ok = len(c.heads) == 1 and first.page == at[0] and first.lineno < at[1] and \
                len(c.heads[0].block.lines) == 1
            scores.append((bigram_share(line.text, text), ok, c, text))
        if not scores:
            continue
        scores.sort(key=lambda x: -x[0])
        best, ok, c, text = scores[0]
        runner = scores[1][0] if len(scores) > 1 else 0.0
        if not ok or best < margin or best < runner + margin:
            continue
        # words, not one pair that a reporter's role shares with a dateline
        if len(han_bigrams(line.text) & han_bigrams(text)) < 2:
            continue
        # a photo story's headline speaks of its own caption
        own = "\n".join(it.text for it in d.items if it.kind == CAPTION)
        if own and bigram_share(line.text, own) >= best - margin:
            continue
        # the headline says first what the lead says first: the line whose
        # words the text speaks of earlier is the first line
        first_line = _spoken_at(line.text, text) < _spoken_at(c.heads[0].text, text)
        pair = (line, c.heads[0]) if first_line else (c.heads[0], line)
        _event(state, "G517", "join", line, pair[0].text[:8] + "\u3000" + pair[1].text[:8],
               "a line of a headline printed apart, with no text of its own; "
               "overlap %.2f with its text" % best)
        c.heads = list(pair)
        d.heads = []
        if not d.items:
            out.remove(d)
    return out


def _split_side_by_side_heads(drafts: list[Draft], state: State) -> None:
    """Headlines of articles set side by side come out one after the other and
    read as one group (kicker, main, sub) over the first article, the second
    article left without one. When some lines at the group's start or end
    speak of the next article (a report that opens with its dateline and has
    no headline) clearly more than of the first, and the other lines do speak
    of the first, at least as much as of the next (a kicker that speaks of
    neither stays with its main), each article takes its own (G505)."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    apart = state.rules.on("G517")
    for k in range(len(drafts) - 1):
        cur, nxt = drafts[k], drafts[k + 1]
        heads = cur.heads
        if len(heads) == 1:
            # one line of phrases set a space apart: a layout extractor's row
            # may hold the headlines of two articles side by side
            heads = [Item(h.kind, h.block, t, h.wide) for h in heads for t in h.text.split("\u3000") if t]
        if len(heads) not in (2, 3) or nxt.heads or not cur.has_body() or not nxt.has_body():
            continue
        first_body = next(it for it in nxt.items if it.kind == BODY)
        # the next article opens with its dateline, or (G517) with its byline
        # line right over its text: either way a report that begins there
        by_byline = first_body.dateline is None and apart and nxt.items[0].kind == BYLINE and \
            len(nxt.items) > 1 and nxt.items[1] is first_body
        if first_body.dateline is None and not by_byline or \
                any(_SUB_DASH.match(h.text.strip()) for h in heads):
            continue
        here, there = _body_text(cur), _body_text(nxt)
        # a photo's caption right under the headlines speaks of them as the text does
        lead = next((it for it in cur.items if it.kind != CREDIT), None)
        if lead is not None and lead.kind == CAPTION:
            here = lead.text + "\n" + here
        best = None
        splits = [sm for c in range(1, len(heads)) for sm in ((heads[:c], heads[c:]), (heads[c:], heads[:c]))]
        if len(cur.heads) > 1:
            # a layout extractor's row may end in the next article's headline,
            # set a space apart after this one's phrases (a sub under them)
            for n, h in enumerate(heads):
                parts = [t for t in h.text.split("\u3000") if t]
                for c in range(1, len(parts)):
                    kept = Item(h.kind, h.block, "\u3000".join(parts[:c]), h.wide)
                    moved = Item(h.kind, h.block, "\u3000".join(parts[c:]), h.wide)
                    splits.append((heads[:n] + [kept] + heads[n + 1:], [moved]))
        for stay, move in splits:
            s_text, m_text = "".join(h.text for h in stay), "".join(h.text for h in move)
            m_here, m_there = bigram_share(m_text, here), bigram_share(m_text, there)
            s_here = bigram_share(s_text, here)
            if m_there >= m_here + margin and s_here >= bigram_share(s_text, there) and s_here > 0 and \
                    (best is None or m_there - m_here > best[0]):
                best = (m_there - m_here, stay, move, m_there, s_here)
        if best is None:
            continue
        _, stay, move, m_there, s_here = best
        if len(cur.heads) == 1:   # the phrases of one line: each side's phrases make its line
            h = cur.heads[0]
            stay, move = ([Item(h.kind, h.block, "\u3000".join(x.text for x in part), h.wide)]
                          for part in (stay, move))
        cur.heads, nxt.heads = stay, move
        state.tracer.decide("G517" if by_byline else "G505", "move", nxt.heads[0].block.lines[0],
                            nxt.heads[0].text[:16],
                            "headline of the next article",
                            "headlines side by side: overlap %.2f with the next article vs %.2f"
                            % (m_there, s_here))


def _split_two_modules(drafts: list[Draft], state: State) -> list[Draft]:
    """A headline row that holds the headlines of two modules set side by side
    (漁港清晨的喊價聲 ‖ 漁港導覽開放報名, the gutter between them) heads one
    draft whose text is both modules' texts, one after the other. When the
    text splits, where a module starts (a photo's caption or credit, a
    paragraph that opens with its dateline), into two parts of which one
    speaks of some of the row's phrases clearly more than the other (margin)
    and the other speaks of the rest at least as much (and of them at all),
    each part is an article under its own phrases (G505)."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    gutter = int(state.rules.param("G505", "row_gap", 4))
    apart = state.rules.on("G517")
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        # (G517) two headline lines, each a block of its own: default
        # pdftotext prints the headlines of two modules one after the other
        lines = apart and len(d.heads) == 2 and not d.chunk and \
            all(len(x.block.lines) == 1 for x in d.heads)
        if not lines and (len(d.heads) != 1 or d.chunk or len(d.heads[0].block.lines) != 1 or
                          d.heads[0].block.lines[0].phrase_gap < gutter):
            continue
        h = d.heads[0]
        phrases = [x.text.strip() for x in d.heads] if lines else \
            [t for t in h.text.split("\u3000") if t.strip()]
        if len(phrases) < 2:
            continue
        items = d.items
        best = None
        # a phrase without Han is OCR's reading of a headline it could not read:
        # it speaks of no text, and its module's text may be a brief without a
        # dateline, which may start at any paragraph (OCR's order may have left
        # the sentence above it unfinished)
        unread = any(not _HAN.search(t) for t in phrases)
        for k in range(1, len(items)):
            a, b = items[k - 1], items[k]
            start = (b.kind in (CAPTION, CREDIT) and a.kind == BODY) or \
                (a.kind in (CAPTION, CREDIT) and b.kind == BODY) or \
                (b.kind == BODY and b.dateline is not None) or \
                (unread and b.kind == BODY and a.kind == BODY)
            if not start:
                continue
            one, two = items[:k], items[k:]
            if not any(x.kind == BODY for x in one) or not any(x.kind == BODY for x in two):
                continue
            t1 = "\n".join(x.text for x in one if x.kind in (BODY, CAPTION))
            t2 = "\n".join(x.text for x in two if x.kind in (BODY, CAPTION))
            for c in range(1, len(phrases)):
                left, right = "\u3000".join(phrases[:c]), "\u3000".join(phrases[c:])
                for x, y in ((left, right), (right, left)):
                    x1, x2 = bigram_share(x, t1), bigram_share(x, t2)
                    y1, y2 = bigram_share(y, t1), bigram_share(y, t2)
                    if x1 >= x2 + margin and y2 >= y1 and y2 > 0 or \
                            y2 >= y1 + margin and x1 >= x2 and (x1 > 0 or not _HAN.search(x)):
                        # ties: the module's first paragraph speaks of its headline most
                        score = ((x1 - x2) + (y2 - y1), bigram_share(y, b.text) if y2 > y1 else
                                 bigram_share(x, a.text))
                        if best is None or score > best[0]:
                            best = (score, k, x, y, x1 - x2, y2 - y1)
        if best is None:
            continue
        _, k, x, y, dx, dy = best
        if lines:   # each line keeps its own block
            hx, hy = d.heads if d.heads[0].text.strip() == x else d.heads[::-1]
            d.heads = [hx]
            rest = Draft([hy], items[k:], d.closed)
        else:
            d.heads = [Item(h.kind, h.block, x, h.wide)]
            rest = Draft([Item(h.kind, h.block, y, h.wide)], items[k:], d.closed)
        d.items, d.closed = items[:k], False
        out.append(rest)
        state.tracer.decide("G517" if lines else "G505", "move", items[k].block.lines[0], y[:16],
                            "headline of the module whose text starts here",
                            ("two modules' headlines printed one after the other" if lines else
                             "a headline row of two modules") +
                            ": overlap %.2f and %.2f more with each one's own text" % (dx, dy))
    return out


def _attach_heads(drafts: list[Draft], state: State) -> None:
    """A headline group belongs to the body it speaks of (G505). Move it to the
    article before it when that one has none and the headline speaks of it (the
    extractor put the headline after the body); move it to the article after it
    when that one has none, the headline speaks of it and hardly of the body it
    stands above (a picture or another story read in between)."""
    g505, g521 = state.rules.on("G505"), state.rules.on("G521")
    if not (g505 or g521):
        return
    margin = float(state.rules.param("G505", "margin", 0.2))
    for k in range(1, len(drafts)):
        prev, cur = drafts[k - 1], drafts[k]
        if not cur.heads or prev.heads or not prev.has_body():
            continue
        head_text = "".join(h.text for h in cur.heads)
        before = bigram_share(head_text, _body_text(prev))
        after = bigram_share(head_text, _body_text(cur))
        starts_cur = any(it.kind == BODY and it.dateline is not None for it in cur.items[:2])
        if g505 and (not cur.has_body() or (before >= after + margin and not starts_cur)):
            prev.heads, cur.heads = cur.heads, []
            state.tracer.decide("G505", "move", prev.heads[0].block.lines[0], head_text[:16],
                                "headline of the article above",
                                "overlap %.2f above vs %.2f below" % (before, after))
        elif g521:
            _stack_after_report(prev, cur, margin, int(state.rules.param("G521", "min_pairs", 2)), state)
    if not g505:
        return
    reach = int(state.rules.param("G505", "reach", 2))
    for k in range(len(drafts) - 1):
        cur = drafts[k]
        if not cur.heads or not cur.has_body() or cur.chunk:
            continue
        # the first article below without a headline, past at most reach - 1 that have one
        nxt = next((d for d in drafts[k + 1:k + 1 + reach] if not d.heads), None)
        if nxt is None or not nxt.has_body():
            continue
        head_text = "".join(h.text for h in cur.heads)
        own = bigram_share(head_text, _body_text(cur))
        later = bigram_share(head_text, _body_text(nxt))
        if own <= margin / 2 and later >= own + margin:
            nxt.heads, cur.heads = cur.heads, []
            state.tracer.decide("G505", "move", nxt.heads[0].block.lines[0], head_text[:16],
                                "headline of the article below",
                                "overlap %.2f with the body it stands above vs %.2f below"
                                % (own, later))


def _stack_after_report(prev: Draft, cur: Draft, margin: float, min_pairs: int,
                        state: State) -> None:
    """G521: a report with no headline, then a headline group over a text
    that opens with its own dateline (or one G505 did not give the whole
    group to the report above). A module's headline may come after its
    text in the content stream (drawn last), so the group, or its first
    stack, is the headline of the report above: the group splits after the
    lines that lean to the text above (the sum of each line's share of words
    with the text above less its share with the text below is largest there;
    a dashed sub stays with the stack above it, a line that leans nowhere —
    a kicker — goes with the stack below). The part above must speak of the
    report above (its main line, the one that leans most: at least margin of
    its word pairs and min_pairs of them, and margin more than of the text below),
    the rest must not speak of it more than of the text below, and all of it
    stands on the report's page. The text below keeps the rest, or takes the
    next group the same way when the whole group went up."""
    above, below = _body_text(prev), _body_text(cur)
    last = next(it for it in reversed(prev.items) if it.kind == BODY)
    if any(h.block.page != last.block.page for h in cur.heads):
        return
    lean = [bigram_share(h.text, above) - bigram_share(h.text, below) for h in cur.heads]
    best, total, cut = 0.0, 0.0, 0
    for s, x in enumerate(lean, 1):
        total += x
        if total > best + 1e-9:
            best, cut = total, s
    while 0 < cut < len(cur.heads) and _SUB_DASH.match(cur.heads[cut].text.strip()):
        cut += 1
    if cut == 0:
        return
    part = "".join(h.text for h in cur.heads[:cut])
    rest = "".join(h.text for h in cur.heads[cut:])
    # the line of the part that leans most (its main) speaks of the report above
    main = cur.heads[max(range(cut), key=lean.__getitem__)].text
    up, down = bigram_share(main, above), bigram_share(main, below)
    if up < margin or up < down + margin or len(han_bigrams(main) & han_bigrams(above)) < min_pairs:
        return
    if rest and bigram_share(rest, above) > bigram_share(rest, below):
        return
    prev.heads, cur.heads = cur.heads[:cut], cur.heads[cut:]
    state.tracer.decide("G521", "move", prev.heads[0].block.lines[0], part[:16],
                        "headline of the report above",
                        "overlap %.2f above vs %.2f below; %d of %d lines"
                        % (up, down, cut, cut + len(cur.heads)))


def _text_under_stack(drafts: list[Draft], state: State) -> None:
    """An article does not end before its text begins: a headline group with
    no text under it yet (its photo's caption and credit, a byline line at
    most), and right after it a text without a headline that speaks of the
    group, are one article (a headline from further down stood between them
    and went to its own text)."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    k = 0
    while k < len(drafts) - 1:
        cur, nxt = drafts[k], drafts[k + 1]
        if cur.heads and not cur.has_body() and not cur.closed and not nxt.heads and nxt.has_body():
            head_text = "".join(h.text for h in cur.heads)
            share = bigram_share(head_text, _body_text(nxt))
            if share >= margin:
                first = next(it for it in nxt.items if it.kind == BODY)
                cur.items.extend(nxt.items)
                cur.closed = nxt.closed
                del drafts[k + 1]
                state.tracer.decide("G505", "join", first.block.lines[0], head_text[:16],
                                    "the text of the headline above",
                                    "a headline group with no text yet; overlap %.2f" % share)
                continue
        k += 1


def _text_of_picture_stack(drafts: list[Draft], state: State) -> None:
    """A headline group with no text, only its photo's caption and credit (a
    photo story), takes its text from the end of another article: a paragraph
    that speaks of the group and its captions (at least margin more than of
    the headline of the article it ended: less than margin/4) and shares
    little with the rest of that article's text (less than margin/2). A
    box extractor reads a block of another measure set between interleaved
    columns after them, so it lands under the last of their paragraphs."""
    margin = float(state.rules.param("G505", "margin", 0.2))
    for h in drafts:
        if not h.heads or h.has_body() or h.closed or \
                not any(it.kind in (CAPTION, CREDIT) for it in h.items):
            continue
        about = "\n".join([x.text for x in h.heads] +
                          [it.text for it in h.items if it.kind == CAPTION])
        page = h.heads[0].block.page
        for d in drafts:
            bodies = [it for it in d.items if it.kind == BODY]
            if d is h or not d.heads or len(bodies) < 2 or bodies[-1] is not d.items[-1] or \
                    bodies[-1].block.page != page:
                continue
            last = bodies[-1]
            rest = "\n".join(it.text for it in bodies[:-1])
            share = bigram_share(about, last.text)
            own = bigram_share("".join(x.text for x in d.heads), last.text)
            if share >= margin + own and own < margin / 4 and bigram_share(last.text, rest) < margin / 2:
                d.items.remove(last)
                credit = d.items[-1] if d.items[-1].kind == CREDIT else None
                if credit is not None and not any(it.kind == CREDIT for it in h.items):
                    # the photo's credit, read right before its text: the group's
                    d.items.remove(credit)
                    h.items.append(credit)
                h.items.append(last)
                state.tracer.decide("G505", "move", last.block.lines[0], last.text[:16],
                                    "the text of the photo story above",
                                    "overlap %.2f with its headline and captions, %.2f with "
                                    "the headline of the article it ended" % (share, own))
                break


def _headline_after_lead(drafts: list[Draft], state: State) -> None:
    """G514: a report with no headline group — its text opens with its dateline
    — whose lead paragraph is followed right away by a crosshead that speaks
    of it: that crosshead is the report's headline, which the extractor read
    after the lead (OCR reads a column beside the headline, or the lead under
    it, before the headline's own block). Every report a dateline opens has a
    headline; a crosshead heads a later part of its text, never the second
    paragraph, and is no report's only heading."""
    share_min = float(state.rules.param("G514", "min_share", 0.1))
    for d in drafts:
        if d.heads:
            continue
        texts = [it for it in d.items if it.kind in (BODY, CROSS)]
        if not texts or texts[0].kind != BODY or texts[0].dateline is None:
            continue
        if len(texts) < 2 or texts[1].kind != CROSS:
            continue     # (a crosshead further down heads a later part of the text)
        cross = texts[1]
        share = bigram_share(cross.text, texts[0].text)
        if share < share_min:
            continue
        d.items.remove(cross)
        cross.kind = HEAD
        d.heads.append(cross)
        _event(state, "G514", "label", cross, "headline",
               "a crosshead in a report with no headline; overlap %.2f with the text above" % share)


def _page_of(d: Draft) -> int | None:
    first = (d.heads + d.items)[:1]
    return first[0].block.lines[0].page if first else None


def _foot_line_as_text(drafts: list[Draft], state: State) -> list[Draft]:
    """G518: a single headline line, as long as the page's column lines, that
    ends its page mid-word (on a Han character) with no text, caption,
    byline or photo under it (a jump line at most) is no headline: print heads
    text, so it is the last line of a column whose sentence OCR or the page cut
    short. It goes back, as a paragraph, to the article above on its page, when
    that article has a headline and a body of its own (else G505 has made it
    that article's headline)."""
    p = state.rules.rules["G518"].params
    items = [it for d in drafts for it in d.items]
    modes: dict[int, list[float]] = {}
    out: list[Draft] = []
    for k, d in enumerate(drafts):
        page = _page_of(d)
        prev = out[-1] if out else None
        nxt = drafts[k + 1] if k + 1 < len(drafts) else None
        if prev is None or len(d.heads) != 1 or d.heads[0].display or \
                any(it.kind != CONTINUATION for it in d.items) or \
                (nxt is not None and _page_of(nxt) == page) or _page_of(prev) != page or \
                not prev.heads or not prev.has_text() or prev.closed or \
                _section_between(prev.items[-1] if prev.items else prev.heads[-1], d.heads[0], state):
            out.append(d)
            continue
        head = d.heads[0]
        if page not in modes:
            modes[page] = _page_modes(items, page, p)
        if len(head.block.lines) != 1 or not _HAN.search(head.text.rstrip()[-1:]) or \
                not _full_line(head.text, modes[page], p):
            out.append(d)
            continue
        head.kind = BODY
        _event(state, "G518", "label", head, "text of the article above",
               "a headline line at the page's foot with nothing under it")
        prev.items.extend([head] + d.items)
    return out


def _section_between(a: Item, b: Item, state: State) -> bool:
    """Is a section label (L102, L109) between items ``a`` and ``b`` in reading
    order? A line under it opens a part of the page of its own."""
    index = {id(line): k for k, line in enumerate(state.lines)}
    lo, hi = index.get(id(a.block.lines[-1])), index.get(id(b.block.lines[0]))
    if lo is None or hi is None:
        return False
    return any(line.label == FURNITURE and line.rule in ("L102", "L109") for line in state.lines[lo + 1:hi])


def _body_text(d: Draft) -> str:
    return "\n".join(it.text for it in d.items if it.kind == BODY)


def _split_heads(d: Draft, state: State) -> tuple[str | None, str | None, str | None]:
    """kicker, main, sub of a headline group (G504), recorded when it is a stack."""
    if state.rules.on("G504"):
        _junk_heads(d, state)
    if state.rules.on("G516"):
        _join_head_rows(d, state)
    kicker, main, sub = _stack(d, state)
    if (kicker or sub or len(d.heads) > 1) and state.rules.on("G504"):
        _event(state, "G504", "label", d.heads[0], "kicker=%s main=%s sub=%s" % (kicker, main, sub))
    elif len(d.heads) > 1:  # without G504 the lines are one headline
        return None, "\u3000".join(h.text.strip() for h in d.heads), None
    if state.rules.on("G504"):
        main = _unread_main(main, kicker or sub, d, state)
        kicker, main, sub = (_without_junk(t, d, state) for t in (kicker, main, sub))
        kicker, main, sub = (_without_section(t, d, state) for t in (kicker, main, sub))
        opened = [0]   # quotes the headline's lines opened so far, read in order
        kicker, main, sub = (_phrase_space(t, opened, d, state) for t in (kicker, main, sub))
        kicker, main, sub = (_opening_as_space(t, d, state) for t in (kicker, main, sub))
        sub = _sub_dash(sub, d, state)
        kicker, main, sub = (_closed_quote(t, d, state) for t in (kicker, main, sub))
    if state.rules.on("G522"):
        kicker, main, sub = (_junk_head(t, d, state) for t in (kicker, main, sub))
    return kicker, main, sub


def _row_box(item: Item) -> tuple | None:
    """The box of a headline item of one line (None: more lines, or no box)."""
    lines = item.block.lines
    return lines[0].bbox if len(lines) == 1 and lines[0].bbox is not None else None


def _line_sizes(item: Item) -> tuple:
    """The type size of a headline item's line by each measure (None where
    the source gives none)."""
    return tuple(max((m(line) or 0.0 for line in item.block.lines), default=0.0) or None
                 for m in _MEASURES)


def _headlines_apart(ba: tuple, bb: tuple, most: float) -> bool:
    """Do two boxes on one row stand further apart than a phrase space of
    their type: more than ``most`` times the lower box's height (0: no limit)?
    Print sets one em, two at most, between a headline line's phrases; the
    headlines of two reports set side by side in their own columns are a
    gutter and the columns' unused width apart."""
    gap = max(ba[0], bb[0]) - min(ba[2], bb[2])
    return most > 0 and gap > most * min(ba[3] - ba[1], bb[3] - bb[1])


def _side_by_side(heads: list[Item], state: State) -> bool:
    """Do two headline lines stand on one row a gutter apart (G516's
    phrase_gap_max): two reports' headlines side by side, not one wrapped?"""
    a, b = heads[0], heads[1]
    ba, bb = _row_box(a), _row_box(b)
    if ba is None or bb is None or not state.rules.on("G516"):
        return False
    high = min(ba[3], bb[3]) - max(ba[1], bb[1])
    return high >= float(state.rules.param("G516", "row_overlap", 0.5)) * min(ba[3] - ba[1], bb[3] - bb[1]) and \
        _headlines_apart(ba, bb, float(state.rules.param("G516", "phrase_gap_max", 0)))


def _join_head_rows(d: Draft, state: State) -> None:
    """Two headline lines of a group that stand side by side on one row (their
    boxes overlap in height by half the smaller one or more, and not in
    width), set in one type size (not deck_ratio apart), are the phrases of
    one headline line: read left to right, a phrase space between (G516).
    OCR may box one phrase taller than the other (a kicker's glyphs caught in
    its box), and the reading order then puts the right phrase first."""
    ratio = float(state.rules.param("G516", "deck_ratio", 1.3))
    overlap = float(state.rules.param("G516", "row_overlap", 0.5))
    apart = float(state.rules.param("G516", "phrase_gap_max", 0))
    heads = d.heads
    i = 0
    while i + 1 < len(heads):
        a, b = heads[i], heads[i + 1]
        ba, bb = _row_box(a), _row_box(b)
        if ba is None or bb is None or a.block.page != b.block.page or \
                _sizes_apart(_line_sizes(a), _line_sizes(b), ratio):
            i += 1
            continue
        high = min(ba[3], bb[3]) - max(ba[1], bb[1])
        if high < overlap * min(ba[3] - ba[1], bb[3] - bb[1]) or \
                min(ba[2], bb[2]) > max(ba[0], bb[0]) or _headlines_apart(ba, bb, apart):
            i += 1
            continue
        left, right = (a, b) if ba[0] <= bb[0] else (b, a)
        text = left.text.strip() + "\u3000" + right.text.strip()
        _event(state, "G516", "join", a, text,
               "two phrases of one headline line side by side on its row, read left to right")
        heads[i:i + 2] = [Item(HEAD, left.block.joined(right.block, "\u3000"), text, left.wide,
                               display=left.display or right.display)]


def _closed_quote(text: str | None, d: Draft, state: State) -> str | None:
    """A headline closes every quote it opens; one that ends in a quote left
    open — a few characters after the opening mark, at its very end — lost its
    closing mark (OCR drops it: 聚焦“互联互通): the mark is set back."""
    if not text:
        return text
    for o in "“「『《":
        c = chars.CLOSING[o]
        k = text.rfind(o)
        if k >= 0 and text.count(o) > text.count(c) and c not in text[k:] and \
                1 <= len(text) - k - 1 <= 8 and _HAN.search(text[-1]):
            fixed = text + c
            _head_event(d, state, "G504", "edit", text, fixed, "the quote the headline left open")
            return fixed
    return text


# an opening quote between two phrases that no closing quote after it pairs:
# a phrase of four characters or more before it, and after it a run longer
# than any quoted term of a headline (_closed_quote's reach, 8) to the end
_OPENING_SPACE = re.compile("(?<=[\\w）」』》]{4})“(?=[^”“]{9,}$)")


def _opening_as_space(text: str | None, d: Draft, state: State) -> str | None:
    """Tesseract reads the ideographic space between a headline's phrases as
    an opening quote too (枫林湖马拉松鸣枪开跑“3.2万名跑者参赛): a quote that
    nothing closes, after a phrase of its own and before a run of nine
    characters or more — a quoted term in a headline is short (a word, a
    name: “智造”, “探渊二号”), a phrase is a clause — is that space (an edit in
    the trace). A shorter run after it is a quoted term that lost its closing
    mark (_closed_quote)."""
    if not text:
        return text
    m = _OPENING_SPACE.search(text)
    if m is None or "”" in text[m.end():]:
        return text
    fixed = text[:m.start()] + "\u3000" + text[m.end():]
    _head_event(d, state, "G504", "edit", text, fixed, "OCR's opening quote for the space between a headline's phrases")
    return fixed


def _head_event(d: Draft, state: State, code: str, kind: str, before: str, after: str,
                note: str) -> None:
    """A trace event at the headline group's first line."""
    line = d.heads[0].block.lines[0]
    state.tracer.add(Event(code, kind, line.page, line.lineno, 0, before, after, note))


_LETTER_RUN = re.compile("[A-Za-z]+")


def _junk_head(text: str | None, d: Draft, state: State) -> str | None:
    """A kicker, main headline or sub that is mostly OCR's letters (yh py +A. y
    5合, Kz 7s元 ANSb se): fewer Han characters than ``han_share`` of its
    characters, no fewer Latin letters than Han, in two letter runs or more,
    none a word (``word_pattern``). Tesseract reads a photo's edge, a rule or
    display type it cannot read as such letters; no headline of a Chinese page
    is written so (a product or a model name is one run among Chinese words:
    GLM-4.5发布, 高股息ETF熱度不減). It is recorded as removed (G522), never a
    headline of the article."""
    if not text:
        return text
    p = state.rules.rules["G522"].params
    chars_ = re.sub(r"\s", "", text)
    han = len(_HAN.findall(chars_))
    runs = _LETTER_RUN.findall(text)
    letters = sum(map(len, runs))
    word = p.get("word_pattern")
    if han >= float(p.get("han_share", 0.25)) * len(chars_) or letters < int(p.get("min_letters", 3)) or \
            letters < han or len(runs) < int(p.get("min_runs", 2)) or \
            word is not None and word.search(text):
        return text
    # capitals' acronyms alone (APEC CEO峰会), with no mark OCR strays and
    # fewer than many_runs runs, are names a headline may hold
    acronym, marks = p.get("acronym_pattern"), str(p.get("stray_marks", ""))
    if acronym is not None and all(acronym.fullmatch(r) for r in runs) and \
            not any(c in marks for c in text) and len(runs) < int(p.get("many_runs", 4)):
        return text
    line = d.heads[0].block.lines[0]
    state.doc.removed.append(Removal(text.strip(), "G522", line.page, line.lineno, "ocr-junk"))
    _head_event(d, state, "G522", "remove", text[:24], "", "OCR's letters in the headline's place")
    return None


def _without_section(text: str | None, d: Draft, state: State) -> str | None:
    """A headline row's phrase that is a section label (短讯, 图片新闻: L102) is the
    page's furniture that a layout extractor set on the headline's row."""
    section = state.rules.rules.get("L102")
    if not text or "\u3000" not in text or section is None or not state.rules.on("L102"):
        return text
    phrases = text.split("\u3000")
    keep = [ph for ph in phrases if section.regex.fullmatch(ph) is None]
    if len(keep) == len(phrases) or not keep:
        return text
    line = d.heads[0].block.lines[0]
    for ph in phrases:
        if ph not in keep:
            state.doc.furniture.append(Furniture(ph, "L102", line.page, line.lineno, "section"))
            _head_event(d, state, "L102", "remove", ph, "", "a section label on the headline's row")
    return "\u3000".join(keep)


def _sub_dash(sub: str | None, d: Draft, state: State) -> str | None:
    """A sub's opening dash as print sets it (——): OCR reads it as 一一, some
    extractors as two hyphens (recorded in the trace)."""
    m = _SUB_DASH.match(sub or "")
    if m is None or m.group(0) == "——":
        return sub
    fixed = "——" + sub[m.end():]
    _head_event(d, state, "G504", "edit", sub, fixed, "the sub's opening dash")
    return fixed


# OCR's readings of the ideographic space between a headline's phrases: a
# closing quote that no opening one in the headline pairs (东江大桥通车后”轮渡
# 将于年底停航), two marks in a row (需時、.乘客), a prime (活化′百年) or a full
# stop between two characters (校園整併。別只算經濟帳: a headline ends no sentence)
_PHRASE_MARK = re.compile("(?<=[\\w）」』》])(?:。?”|。(?=%s)|[、，,.．]{2}|′| ?[|｜] ?)(?=[\\w“「『《（])"
                          % chars.cls("han"))


def _phrase_space(text: str | None, opened: list[int], d: Draft, state: State) -> str | None:
    """A headline's phrases with OCR's mark for the space between them made
    that space again (recorded in the trace). ``opened`` counts the quotes
    left open by the headline's lines before this one."""
    if not text:
        return text
    marks = {m.start(): m for m in _PHRASE_MARK.finditer(text)}
    out, last = [], 0
    for k, ch in enumerate(text):
        if ch == "“":
            opened[0] += 1
        elif ch == "”" and opened[0] > 0 and k not in marks:
            opened[0] -= 1
        m = marks.get(k)
        if m is None:
            continue
        if ch == "”" and opened[0] > 0:
            opened[0] -= 1
            continue      # the quote closes one the headline opened
        out.append(text[last:k] + "\u3000")
        last = m.end()
    if not out:
        return text
    fixed = "".join(out) + text[last:]
    _head_event(d, state, "G504", "edit", text, fixed, "OCR's mark for the space between a headline's phrases")
    return fixed


def _unread_main(main: str | None, other: str | None, d: Draft, state: State) -> str | None:
    """A main headline without a Chinese character over a kicker or sub that
    has them is OCR's misreading of the page's largest type (ARON PA over
    东江大桥通车后　轮渡将于年底停航): no headline of a Chinese page is letters
    alone. It is recorded as removed, and the group has no main headline."""
    if not main or not other or _HAN.search(main) or not _HAN.search(other):
        return main
    line = d.heads[0].block.lines[0]
    state.doc.removed.append(Removal(main, "G504", line.page, line.lineno, "ocr-junk"))
    _head_event(d, state, "G504", "remove", main, "", "OCR's letters for the main headline's display type")
    return None


_JUNK_MARK = re.compile(r"['\"()<>|\[\]{}=_~]")
# marks alone before a headline's first character: OCR's reading of a rule or
# a photo's edge beside it (=|人一条河流…); no headline opens with them
_RULE_MARKS = re.compile(r"[ =|｜_~]*[=|｜_~][ =|｜_~]*")


_TERM = re.compile("[A-Za-z0-9]{2,}")   # a Latin or numeric term: AI, 5G, G20


# Latin-1 marks no Chinese headline prints, and a Latin full stop outside a
# figure (2.3万 keeps its point): Chinese ends a sentence with 。
_STRAY = re.compile("[«»©®°¢£§¶•^`]|(?<![0-9])\\.|\\.(?![0-9])")


def _stray_line(text: str) -> bool:
    """A line of one Chinese character at most that is no phrase: a stray mark
    among it ([一, wel = .人 45, «　和), or neither a Chinese character nor a
    term of letters or digits (2, a page's number) — but not a dash (a sub's,
    on a line of its own). A Chinese character alone may be text cut off its
    line (吳 of 吳宥辰說): it stays."""
    t = text.strip()
    han = len(_HAN.findall(t))
    if not t or t[0] in _DASH_LIKE or han > 1:
        return False
    return _JUNK_MARK.search(t) is not None or _STRAY.search(t) is not None or \
        not han and _TERM.search(t) is None


def _junk_heads(d: Draft, state: State) -> None:
    """A line of a headline stack with one Chinese character at most and a
    stray mark (a bracket, a bar, =) among letters, digits or marks ([一,
    wel = .人 45) is OCR's reading of a photo's edge or a rule beside the
    headline, no part of the stack: a kicker, main or sub is a phrase of
    Chinese. It is recorded as removed, so the lines around it keep their
    places (the line above a sub's dash is the main headline)."""
    if len(d.heads) < 2:
        return
    keep = [h for h in d.heads if not _stray_line(h.text)]
    if len(keep) == len(d.heads) or not any(len(_HAN.findall(h.text)) > 1 for h in keep):
        return
    for h in d.heads:
        if h not in keep:
            line = h.block.lines[0]
            state.doc.removed.append(Removal(h.text.strip(), "G504", line.page, line.lineno, "ocr-junk"))
            _event(state, "G504", "remove", h, "", "OCR's marks off a picture in the headline stack")
    d.heads[:] = keep
_WORDLIKE = re.compile("[a-z]{5}")


def _without_junk(text: str | None, d: Draft, state: State) -> str | None:
    """A headline that opens with OCR's reading of its display type as letters
    and marks (ele '7gG5) Jest 南嶼預防性撤離山區居民): the run before the first
    Chinese character, two tokens or more with a quote, bracket or bar among
    them and no word, or marks alone that no headline opens with (=|, a rule
    read beside it), is recorded as removed."""
    if not text:
        return text
    m = _HAN.search(text)
    if m is None or m.start() == 0:
        return text
    junk = text[:m.start()]
    toks = junk.split()
    if not _RULE_MARKS.fullmatch(junk) and (
            len(toks) < 2 or not junk.isascii() or not _JUNK_MARK.search(junk) or _WORDLIKE.search(junk)):
        return text
    line = d.heads[0].block.lines[0]
    state.doc.removed.append(Removal(junk.strip(), "G504", line.page, line.lineno, "ocr-junk"))
    _head_event(d, state, "G504", "remove", text[:24], text[m.start():][:24],
                "OCR's letters for display type before the headline")
    return text[m.start():]


_DASH_LIKE = "—-－一"   # the first character of a sub's dash, or of OCR's reading of it
# a subheadline opens with a dash (——记某某); OCR reads the dash as 一一
_SUB_DASH = re.compile("(?:——|--|－－|一一(?=%s))" % chars.cls("han"))


def _type_sizes(d: Draft) -> list[tuple] | None:
    """The type size of each headline line by each measure, where the source
    gives one for every line."""
    sizes = [h.measures for h in d.heads]
    return sizes if all(any(m) for m in sizes) else None


def _same_size(a: tuple, b: tuple, same: float) -> bool:
    """Are two lines of one type size: does some measure find them within
    ``same`` of each other? The measures stray each on its own, seldom both
    so far apart at once."""
    return any(x and y and max(x, y) <= same * min(x, y) for x, y in zip(a, b))


def _sizes_apart(a: tuple, b: tuple, ratio: float) -> bool:
    """Are two lines set in clearly different type sizes: does every measure
    that gives both find one ``ratio`` times the other or more, the same one
    larger each time? (Each measure strays on its own, seldom both at once.)"""
    pairs = [(x, y) for x, y in zip(a, b) if x and y]
    return bool(pairs) and (all(x >= ratio * y for x, y in pairs) or
                            all(y >= ratio * x for x, y in pairs))


def _larger(a: tuple, b: tuple, ratio: float) -> bool:
    """Is line a set clearly larger than line b: larger by every measure that
    gives both, and ``ratio`` times or more by one of them?"""
    pairs = [(x, y) for x, y in zip(a, b) if x and y]
    return bool(pairs) and all(x > y for x, y in pairs) and any(x >= ratio * y for x, y in pairs)


# lines that are not a clean headline stack: clause marks (body text taken for
# headlines on a scrambled page) or Latin letters (OCR's reading of display type)
_NOT_A_STACK = re.compile("[，。；！？、：,;:A-Za-z]")
_LATIN_LETTER = re.compile("[A-Za-z]")
# a mark of a sentence, or Latin letters set off by a space (OCR's misreading
# of display type); a term of letters set in Chinese text (K-12, AI) is neither
_NOT_A_TERM = re.compile("[，。；！？、：,;:]|[A-Za-z][ 　]|[ 　][A-Za-z]")


def _wrapped_tail(first: str, second: str, state: State) -> bool:
    """Is ``second`` the main headline's end wrapped under ``first``: at most
    tail_max em and clearly shorter (kicker_ratio), neither opened by a dash
    nor a role nor a name, and no mark of a sentence or Latin letters in
    either? No sub is that short, and a kicker is the shorter line, not the
    longer."""
    tail = float(state.rules.param("G504", "tail_max", 0.0))
    ratio = float(state.rules.param("G504", "kicker_ratio", 0.6))
    role = state.rules.param("G509", "role_pattern")
    name = state.rules.param("G503", "name_start_pattern")
    return em_width(second) <= tail and em_width(second) <= ratio * em_width(first) and \
        not any(_NOT_A_STACK.search(t) for t in (first, second)) and second[:1] not in _DASH_LIKE and \
        (role is None or role.search(second) is None) and not _may_be_name(second, name)


def _stack(d: Draft, state: State) -> tuple[str | None, str | None, str | None]:
    texts = [h.text.strip() for h in d.heads]
    dash = next((k for k in range(1, len(texts)) if _SUB_DASH.match(texts[k])), None)
    sizes = _type_sizes(d) if dash is None else None
    ratio_size = float(state.rules.param("G504", "size_ratio", 1.15))
    same_size = float(state.rules.param("G504", "same_size", 1.05))
    if sizes and len(texts) == 2 and (_larger(sizes[0], sizes[1], ratio_size) or
                                      _larger(sizes[1], sizes[0], ratio_size)):
        # two lines in clearly different sizes: print sets the main headline
        # larger; the other is the kicker above it or the sub below it
        if _larger(sizes[1], sizes[0], ratio_size):
            return texts[0], texts[1], None
        return None, texts[0], texts[1]
    if sizes and len(texts) > 2:
        got = _stack_by_size(texts, sizes, ratio_size, same_size)
        if got is not None:
            return got
    if sizes and len(texts) == 2 and \
            _same_size(sizes[0], sizes[1], same_size) and not _side_by_side(d.heads, state) and \
            not any(_NOT_A_STACK.search(t) if not h.display else _LATIN_LETTER.search(t)
                    for h, t in zip(d.heads, texts)):
        # two lines in one type size: print sets a kicker and a sub smaller than
        # the main headline, so they are one headline wrapped at its phrase space
        # (a mark in a line of display type is OCR's reading of the phrase
        # space, no sign of body text taken for a headline; Latin letters are
        # its misreading of display type, no line of this headline to join)
        return None, texts[0] + "\u3000" + texts[1], None
    if dash is not None:
        if dash == 3 and state.rules.on("G517"):
            # two lines over the main one: default pdftotext prints display
            # lines in content-stream order, so the kicker may come between
            # the two lines of the main headline. The line the lead speaks of
            # is the main's first line, the one it does not the kicker (a
            # kicker sets the scene, the main says what the report says; the
            # report's text, which a column's cut may have carried out of its
            # lead)
            first_body = next((it for it in d.items if it.kind == BODY), None)
            lead = _body_text(d) if first_body is not None and first_body.dateline is not None else ""
            low = float(state.rules.param("G504", "kicker_lead_max", 0.15))
            more = float(state.rules.param("G504", "lead_margin", 0.15))
            shares = [bigram_share(t, lead) for t in texts[:2]]
            for m, k in ((0, 1), (1, 0)):
                if lead and shares[k] <= low and shares[m] > shares[k] + more and \
                        not _NOT_A_STACK.search(texts[m] + texts[k]):
                    _event(state, "G517", "label", d.heads[k], "kicker",
                           ("printed between the lines of the main headline" if m == 0 else
                            "over the two lines of the main headline") +
                           "; the text speaks of them (%.2f), not of it (%.2f)" % (shares[m], shares[k]))
                    return texts[k], texts[m] + "\u3000" + texts[2], "".join(texts[dash:])
        # the dash opens the sub, which may wrap; the line above it is the main
        # headline, any line above that the kicker — unless that line is the
        # end of the one above it, wrapped (a kicker is never longer than the
        # main under it, and no main is that short) — on text without type
        # sizes: where OCR boxes give them, a short line may be the part of a
        # main OCR could read, set larger than its kicker
        boxed = any(line.bbox is not None for h in d.heads[:2] for line in h.block.lines)
        if dash == 2 and state.rules.param("G504", "tail_over_dash", False) and \
                not boxed and _wrapped_tail(texts[0], texts[1], state):
            return None, texts[0] + texts[1], "".join(texts[dash:])
        kicker = "\u3000".join(texts[:dash - 1]) or None
        return kicker, texts[dash - 1], "".join(texts[dash:])
    ratio = float(state.rules.param("G504", "kicker_ratio", 0.6))
    # a last line of two phrases (a space or OCR's mark for it between them)
    # under lines of one phrase each is the sub: the lines over it are the
    # kicker, on top, and the main headline wrapped (在地晶片設計業者⏎搶進邊緣運算)
    sub_last = len(texts) > 3 and _two_phrases(texts[-1]) and not any(_two_phrases(t) for t in texts[:-1])
    while len(texts) > 3:
        # pieces of one phrase-spaced line (an extractor split at the spaces);
        # a first line clearly shorter than the next is a kicker over its main
        kicker_first = em_width(texts[0]) <= ratio * em_width(texts[1]) and \
            not _NOT_A_STACK.search(texts[0])
        k = min(range(1 if kicker_first or sub_last else 0, len(texts) - (2 if sub_last else 1)),
                key=lambda x: len(texts[x]) + len(texts[x + 1]))
        texts[k:k + 2] = [texts[k] + "\u3000" + texts[k + 1]]
    if len(texts) == 1:
        return None, texts[0], None
    if len(texts) == 3 and _phrases_apart(d.heads[1:], state):
        # the last two lines stand apart as blocks of their own, where a sub is
        # set tight under its main: the phrases of one main headline that an
        # extractor split at its phrase space
        return texts[0], texts[1] + "\u3000" + texts[2], None
    if len(texts) == 3:
        wider = float(state.rules.param("G504", "main_first", 1.2))
        if all(em_width(texts[0]) >= wider * em_width(t) for t in texts[1:]) and \
                not _NOT_A_STACK.search(texts[0]) and not any(_NOT_A_TERM.search(t) for t in texts[1:]):
            end = float(state.rules.param("G504", "cut_tail_max", 0.0))
            if em_width(texts[2]) <= end and em_width(texts[2]) < em_width(texts[1]) and \
                    not _PHRASES.search(texts[1] + texts[2]) and texts[2][:1] not in _DASH_LIKE and \
                    _furniture_between(d.heads[1], d.heads[2], state):
                # a last piece this short, shorter than the line before it and
                # read after page furniture (a running head, a section label):
                # OCR cut the main headline's row into two blocks and read the
                # top of the page above the second (the date, the kicker) between
                # them — the end of the main, the middle line the kicker (a sub
                # an extractor split comes in pieces one after the other)
                return texts[1], texts[0] + texts[2], None
            # a kicker is never longer than the main headline under it: the first
            # line is the main one, and the sub under it came in two pieces
            return None, texts[0], texts[1] + "\u3000" + texts[2]
        if _short_phrases(texts[1:], d.heads[1:], state):
            # a kicker over two short phrases of about one length that follow
            # each other: the main headline in two phrases, no sub (a sub
            # explains the main in a clause of its own, ten characters and
            # more)
            return texts[0], texts[1] + "\u3000" + texts[2], None
        if _kicker_phrases(texts, state):
            # two short phrases of about one length over a line far wider than
            # both: the kicker in two phrases, which an extractor split at its
            # phrase space, over the main headline — a main headline is the
            # stack's widest display line, longer than a short phrase, and no
            # main is set narrower than both the kicker above and the sub below
            return texts[0] + "\u3000" + texts[1], texts[2], None
        if state.rules.param("G504", "tail_of_three", False) and _wrapped_tail(texts[1], texts[2], state) and \
                not _NOT_A_STACK.search(texts[0]):
            # a last line this short under a longer middle one is no sub (a
            # clause of its own length) but the main headline's end, wrapped
            # in a narrow column, under its kicker — as of two lines
            return texts[0], texts[1] + texts[2], None
        return texts[0], texts[1], texts[2]
    first, second = texts
    if second.startswith(("——", "--")):
        return None, first, second
    if first.startswith(("——", "--")):
        return None, second, first
    if _short_phrases(texts, d.heads, state):
        # two short phrases, each a block of its own: one main headline that an
        # extractor split at its phrase space (a sub explains the main in a
        # clause of ten characters and more, and is set tight under it)
        return None, first + "\u3000" + second, None
    if _wrapped_tail(first, second, state):
        # a last line this short under a longer one is neither a sub (a clause
        # of its own length) nor a main under its kicker (a kicker is the
        # shorter): the end of the main headline, wrapped — unless it opens
        # with a dash or OCR's reading of one (a sub), names a role or is a
        # name of two or three characters that opens with a surname (a byline)
        return None, first + second, None
    first_body = next((it for it in d.items if it.kind == BODY), None)
    # a kicker sets the scene and rarely repeats the lead's words; a main headline
    # does — the lead of a report, which opens with its dateline and says what
    # happened (a feature opens on a scene: its words say nothing of the stack)
    lead = first_body.text if first_body is not None and first_body.dateline is not None else ""
    first_lead = bigram_share(first, lead)
    if em_width(first) <= ratio * em_width(second):
        repeat = float(state.rules.param("G504", "main_lead_min", 0.0))
        if not (repeat and lead and min(first_lead, bigram_share(second, lead)) >= repeat and
                not _PHRASES.search(second) and not _NOT_A_STACK.search(first + second)):
            return first, second, None
        # the lead already says what both lines say: neither sets the scene
        # as a kicker does — the shorter first line is the main headline,
        # short as print sets it, and the longer one under it its sub, which
        # explains it with the lead's details
        return None, first, second
    low = float(state.rules.param("G504", "kicker_lead_max", 0.15))
    more = float(state.rules.param("G504", "lead_margin", 0.15))
    if _PHRASES.search(first) and not _PHRASES.search(second) and \
            (em_width(second) <= ratio * em_width(first) or
             state.rules.param("G504", "kicker_after_lead", False) and lead and
             em_width(second) < em_width(first) and not _NOT_A_STACK.search(first + second) and
             bigram_share(second, lead) <= low and first_lead > bigram_share(second, lead) + more):
        # a main headline of two phrases over a single short phrase: the
        # kicker, which an extractor put after its main (pdfminer's boxes); a
        # sub explains the main and is a clause of its own length — and so
        # is a shorter line the lead does not speak of under a main it does
        # speak of (a kicker sets the scene, a sub explains the news)
        return second, first, None
    if lead and first_lead <= low and bigram_share(second, lead) > first_lead + more:
        return first, second, None
    return None, first, second


_PHRASES = re.compile("[^ 　][ 　]+[^ 　]")   # phrases set apart by a space


def _two_phrases(text: str) -> bool:
    """Is a headline line two phrases set apart by a space, or by OCR's mark for one?"""
    return _PHRASES.search(text.strip()) is not None or _MARKED_PHRASES.fullmatch(
        text.strip().replace("。", "、")) is not None


def _short_phrases(texts: list[str], heads: list[Item], state: State) -> bool:
    """Are two headline lines short phrases (``phrase_max`` em at most, no
    mark of a sentence) that are each a block of their own, or that follow
    each other at about one length (the shorter more than ``kicker_ratio``
    of the longer)?"""
    short = float(state.rules.param("G504", "phrase_max", 9.0))
    ratio = float(state.rules.param("G504", "kicker_ratio", 0.6))
    first, second = texts
    return em_width(first) <= short and em_width(second) <= short and \
        not any(_NOT_A_STACK.search(t) or _PHRASES.search(t) for t in texts) and \
        (_phrases_apart(heads, state) or _next_line(heads, state) and
         min(em_width(first), em_width(second)) > ratio * max(em_width(first), em_width(second)))


def _kicker_phrases(texts: list[str], state: State) -> bool:
    """Are the first two of three headline lines short phrases (``phrase_max``
    em at most, no mark of a sentence, no phrase space) of about one length
    (the shorter more than ``kicker_ratio`` of the longer), and the third
    a clean line wider than ``phrase_max`` em and ``kicker_phrases`` times each
    of them?"""
    wider = float(state.rules.param("G504", "kicker_phrases", 0.0))
    if not wider:
        return False
    short = float(state.rules.param("G504", "phrase_max", 9.0))
    ratio = float(state.rules.param("G504", "kicker_ratio", 0.6))
    w = [em_width(t) for t in texts]
    return all(x <= short for x in w[:2]) and min(w[:2]) > ratio * max(w[:2]) and \
        w[2] > short and all(w[2] >= wider * x for x in w[:2]) and \
        not any(_NOT_A_STACK.search(t) or _PHRASES.search(t) for t in texts[:2]) and \
        not _NOT_A_STACK.search(texts[2]) and texts[2][:1] not in _DASH_LIKE


def _stack_by_size(texts: list[str], sizes: list[tuple], ratio: float, same: float
                   ) -> tuple[str | None, str | None, str | None] | None:
    """Kicker, main and sub of a stack of three lines or more by type size: the
    largest line and the lines of its size right above and below it are the
    main headline, wrapped at its phrase spaces; the clearly smaller lines
    above it are the kicker, those below it the sub. None where a line is
    neither of the main's size nor clearly smaller (the text decides)."""
    common = next((k for k in range(len(sizes[0])) if all(s[k] for s in sizes)), None)
    if common is None:
        return None
    top = max(range(len(sizes)), key=lambda k: sizes[k][common])
    first = last = top
    while first > 0 and _same_size(sizes[first - 1], sizes[top], same):
        first -= 1
    while last + 1 < len(sizes) and _same_size(sizes[last + 1], sizes[top], same):
        last += 1
    rest = [k for k in range(len(sizes)) if not first <= k <= last]
    if not rest or not all(_larger(sizes[top], sizes[k], ratio) for k in rest):
        return None
    kicker = "\u3000".join(texts[:first]) or None
    sub = "\u3000".join(texts[last + 1:]) or None
    return kicker, "\u3000".join(texts[first:last + 1]), sub


def _furniture_between(a: Item, b: Item, state: State) -> bool:
    """Is a line of page furniture (a running head, a section label) between
    headline lines ``a`` and ``b`` in the source order?"""
    first, last = a.block.lines[-1], b.block.lines[0]
    if first.page != last.page:
        return False
    return any(l.page == first.page and first.lineno < l.lineno < last.lineno and l.label == FURNITURE
               for l in state.lines)


def _next_line(heads: list[Item], state: State) -> bool:
    """Does each headline line come right after the one above in reading
    order, nothing between them (a running head, a page label)?"""
    where = {id(line): k for k, line in enumerate(state.lines)}
    for a, b in zip(heads, heads[1:]):
        ka, kb = where.get(id(a.block.lines[-1])), where.get(id(b.block.lines[0]))
        if ka is None or kb is None or kb != ka + 1:
            return False
    return True


def _blank_after(head: Item, state: State) -> bool:
    """Does a blank line (or the page's end) follow the headline line in the
    source order?"""
    last = head.block.lines[-1]
    after = [l for l in state.lines if l.page == last.page and l.lineno > last.lineno]
    return not after or min(after, key=lambda l: l.lineno).blank_before


def _phrases_apart(heads: list[Item], state: State) -> bool:
    """Are the headline lines blocks of their own (a blank line before each),
    on a page whose blank lines say something (not one after every line)?"""
    if not all(h.block.lines[0].blank_before for h in heads) or \
            not state.rules.param("G504", "phrases_apart", True):
        return False
    if state.rules.param("G504", "apart_after", False) and not _blank_after(heads[-1], state):
        return False     # set tight on the text under it: that text's own headline
    page = heads[0].block.lines[0].page
    lines = [l for l in state.lines if l.page == page]
    blank = sum(1 for l in lines[1:] if l.blank_before)
    return blank < 0.5 * max(1, len(lines) - 1)


# ---------------------------------------------------------------- bylines
def _role(word: str) -> str:
    """The role of a byline word, without the paper's or agency's name.

    >>> [_role(w) for w in ("本报记者", "实习记者", "实习生", "新华社记者")]
    ['记者', '记者', '实习生', '记者']
    """
    for prefix in ("本报", "本報", "新华社", "新華社", "中新社", "特约", "特約", "见习", "見習",
                   "实习", "實習", "摄影", "攝影", "驻站", "駐站", "融媒体", "融媒體", "全媒体", "全媒體"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            word = word[len(prefix):]   # (实习记者 → 记者; 实习生 is a role of its own)
    return word


def parse_names(text: str, role_re: re.Pattern) -> list[Byline]:
    """Role groups and names of a byline's text.

    >>> import re
    >>> r = re.compile("记者|通讯员")
    >>> [(b.role, b.names) for b in parse_names("记者赵磊 通讯员孙悦", r)]
    [('记者', ['赵磊']), ('通讯员', ['孙悦'])]
    >>> [(b.role, b.names) for b in parse_names("记者赵磊通讯员孙悦", r)]
    [('记者', ['赵磊']), ('通讯员', ['孙悦'])]
    >>> [(b.role, b.names) for b in parse_names("AHRICE = 郑晓光 韦丽娜", r)]
    [('作者', ['郑晓光', '韦丽娜'])]
    """
    groups: list[Byline] = []
    for tok in _tokens(text, role_re):
        tok = _DID.sub("", tok).strip("：:／/")   # 张伟/文, 图/李娜: what the person did
        if not tok:
            continue
        m = role_re.match(tok) or _place_role(tok, role_re)
        if m:
            if m.start() and groups and not groups[-1].names and m.start() <= 3 and \
                    tok[m.start() - 1] not in _PLACE_END:
                # a role still without a name: the word before this role is
                # that name, OCR lost the space after it (记者”周明远通讯员“”陆佳);
                # a place speaks for the role after it (云澜县通讯员)
                groups[-1].names.append(tok[:m.start()])
            groups.append(Byline(_role(m.group(0)), []))
            rest = tok[m.end():].strip("：:／/ ")
            if rest:
                groups[-1].names.append(rest)
        elif groups:
            groups[-1].names.append(tok)
        else:
            groups.append(Byline("作者", [tok]))
    for g in groups:
        g.names = [_LATIN_AFTER_NAME.sub("", _LATIN_BEFORE_NAME.sub("", n))
                   for n in g.names if not _NOT_A_NAME.fullmatch(n)]
    return [g for g in groups if g.names or g.role]


_PLACE_END = "省市县縣区區镇鎮乡鄉村州"   # the last character of a place's name

# what a person of a byline did, before or after the name (文/张伟, 李娜/图)
_DID = re.compile("^(?:文|图|圖|摄影|攝影)[/／]|[/／](?:文|图|圖|摄|攝)$")
# no person's name: five or more Han characters without a name separator (·)
# (a name is two to four: a compound surname and two), text an extractor
# merged into the byline's bracket (陈号预约座位), or two names OCR ran
# together (童嘉木祁月); Latin
# letters alone, OCR's reading of a name set in another type face (记者 FLAS) —
# a Chinese byline writes a foreign reporter's name in Han characters; or a
# word holding a digit or a mark of a clause (a sentence merged into it); or
# marks alone, OCR's reading of the wide gap after a role (AHRICE = 郑晓光)
_NOT_A_NAME = re.compile(chars.cls("han") + "{5,}|[A-Za-z]+|.*[0-9０-９，。；！？,;!?].*|[^\\w]+")
# OCR's letters glued before a Han name (Bie司马静)
_LATIN_BEFORE_NAME = re.compile("^[A-Za-z]+(?=%s{2})" % chars.cls("han"))
# … and after it (包文轩HA: the gap after the name read as letters)
_LATIN_AFTER_NAME = re.compile("(?<=%s{2})[A-Za-z]+$" % chars.cls("han"))


def _place_role(tok: str, role_re: re.Pattern) -> "re.Match | None":
    """A role after the place or body it speaks for (星城市读者, 云澜县通讯员):
    two to six Han characters, then the role ending the word. The match is of
    the role alone, at the word's end, so the word gives no name."""
    m = _role_at_end(role_re.pattern).search(tok)
    if m is None or not 2 <= m.start() <= 6 or _HAN_RUN.fullmatch(tok[:m.start()]) is None:
        return None
    return role_re.match(tok, m.start()) if m.end() == len(tok) else None


@functools.lru_cache(maxsize=4)
def _role_at_end(pattern: str) -> re.Pattern:
    return re.compile("(?:%s)$" % pattern)


_HAN_RUN = re.compile(chars.cls("han") + "+")


def _tokens(text: str, role_re: re.Pattern) -> list[str]:
    """The byline's words, a role inside a run of names starting a word of its
    own: print and OCR may leave out the space (记者赵磊通讯员孙悦)."""
    out = []
    for tok in _SEP.split(text.strip()):
        cuts = [m.start() for m in role_re.finditer(tok)
                if m.start() >= 2 and m.end() + 2 <= len(tok)]   # a name on either side
        for a, b in zip([0] + cuts, cuts + [len(tok)]):
            out.append(tok[a:b])
    return out


class Names:
    """Byline and credit reading (G502, G509), from the rules' patterns."""

    def __init__(self, state: State) -> None:
        rules = state.rules
        self.state = state
        self.on = rules.on
        self.inline = rules.param("G502", "byline_pattern") if rules.on("G502") else None
        self.ocr_prefix = rules.param("G502", "ocr_prefix_pattern")
        self.lost_opener = rules.param("G502", "lost_opener_pattern") if rules.on("G502") else None
        self.reported = rules.param("G502", "reported_pattern") if rules.on("G502") else None
        self.role = rules.param("G509", "role_pattern")
        self.marker = rules.param("G509", "marker_pattern")
        self.credit_bracket = rules.param("G509", "credit_bracket_pattern")
        self.credit_strip = rules.param("G509", "credit_strip_pattern")
        self.bracket = rules.param("G509", "bracket_pattern")
        self.activity = rules.param("G509", "activity_pattern")

    def line(self, text: str) -> list[Byline]:
        """A byline printed on its own line."""
        if not self.on("G509"):
            return []
        m = self.marker.match(text)
        if m:
            rest = text[m.end():].strip()
            # a role after the marker (▶ 星城市读者　龚海鹏) says who the author is
            got = [b for b in parse_names(rest, self.role) if b.names and b.role != "作者"]
            for b in got:
                b.text = text
            return got or [Byline("作者", [n for n in (_DID.sub("", x) for x in _SEP.split(rest)) if n],
                                  text=text)]
        inner = self.bracket.match(text) if self.bracket is not None else None
        core = inner.group("inner") if inner else text
        if self.activity is not None:
            core = self.activity.sub("", core)    # 本报记者 张伟 摄影报道: what he did
        out = parse_names(core, self.role)
        for b in out:
            b.text = text
        return [b for b in out if b.names] or ([Byline(_role(text.strip()), [], text=text)]
                                               if self.role.fullmatch(text.strip()) else [])

    def credit_names(self, text: str) -> list[str]:
        """Photographer names of a credit line.

        Inside 发（…/摄） the names are in the bracket; otherwise what is left
        once the agency, role, label and 摄 are taken off.
        """
        if not self.on("G509"):
            return []
        m = self.credit_bracket.search(text)
        rest = m.group("names") if m else self.credit_strip.sub(" ", text)
        return [n for n in _SEP.split(rest.strip()) if n and not self.role.fullmatch(n)]


def _opening(p: Paragraph, item: Item, names: Names, art: Article) -> None:
    """Dateline and bracketed byline at the start of the first paragraph (G501/G502)."""
    text = p.text
    pos = 0
    if item.dateline is not None:
        dm = item.dateline
        g = dm.groupdict()
        art.dateline = g.get("place") or g.get("dateline")
        seg = Seg(dm.start(), dm.end(), "dateline")
        p.segs.append(seg)
        if g.get("bnames"):
            b = Byline(_role(g["brole"]), [n for n in _SEP.split(g["bnames"]) if n],
                       text=dm.group(0), inline=True)
            art.bylines.append(b)
            seg.names = list(b.names)
        pos = dm.end()
    if names.inline is None:
        return
    m = names.inline.match(text, pos)
    if m is None and item.dateline is not None and names.lost_opener is not None:
        m = names.lost_opener.match(text, pos)    # OCR lost the opening bracket
    if m is None and item.dateline is not None and names.reported is not None:
        m = names.reported.match(text, pos)       # 本报讯 记者张伟 通讯员李娜报道：
    if m is None and item.dateline is None and names.ocr_prefix is not None:
        # OCR read the bold dateline before the bracket as Latin junk (ARIA for 本报讯)
        junk = names.ocr_prefix.match(text)
        if junk is not None:
            m = names.inline.match(text, junk.end())
    if m is None:
        return
    groups = parse_names(m.group("inner"), names.role)
    groups = [g for g in groups if g.names]
    if not groups:
        return
    for g in groups:
        g.inline = True
        g.text = m.group(0)
    art.bylines.extend(groups)
    names.state.tracer.decide("G502", "label", item.block.lines[0], m.group(0),
                              "byline " + " ".join(n for g in groups for n in g.names))
    p.segs.append(Seg(m.start(), m.end(), "byline", [n for g in groups for n in g.names]))


# ---------------------------------------------------------------- build
def _paragraph(item: Item, crosshead: bool = False) -> Paragraph:
    b = item.block
    boxes = list(dict.fromkeys(l.box_id for l in b.lines if l.box_id))
    return Paragraph(item.text, b.page, b.first_line, b.last_line, crosshead=crosshead,
                     lines=[l.lineno for l in b.lines], boxes=boxes)


def _build(d: Draft, names: Names, state: State) -> Article:
    art = Article()
    if d.heads:
        art.kicker, art.headline, art.subheadline = _split_heads(d, state)
    figure: Figure | None = None
    page = None
    first_para = True
    for it in d.items:
        b = it.block
        if page is not None and b.page != page and art.body:
            art.body.append(PageBreak(b.page))
        page = b.page
        if it.kind in (CAPTION, CREDIT):
            if figure is None or (it.kind == CAPTION and figure.credits):
                figure = Figure(page=b.page, first_line=b.first_line)
                art.body.append(figure)
            if it.kind == CAPTION:
                figure.captions.append(it.text)
            else:
                who = names.credit_names(it.text)
                if who:
                    _event(state, "G509", "label", it, "photographer " + " ".join(who))
                figure.credits.append(Credit(it.text, who))
            continue
        figure = None
        if it.kind == BODY:
            p = _paragraph(it)
            if first_para:
                _opening(p, it, names, art)
                first_para = False
            art.body.append(p)
        elif it.kind == CROSS:
            art.body.append(_paragraph(it, crosshead=True))
        elif it.kind == NOTE:
            art.body.append(Note(it.text, "editor", b.page, b.first_line))
        elif it.kind == BYLINE:
            got = names.line(it.text)
            if got:
                _event(state, "G509", "label", it, "names " + " ".join(n for g in got for n in g.names))
            got = got or [Byline("", [], text=it.text)]
            for g in got:
                g.trailing = art.body != [] and any(isinstance(x, Paragraph) for x in art.body)
            last = art.bylines[-1] if art.bylines else None
            if last is not None and last.role and len(got) == 1 and _names_apart(it) and \
                    (not last.names or it.block.lines[0].rule == "L125"):
                # the names set apart from their role (L122 under it, L125 a few lines on)
                last.names = last.names + got[0].names
                last.text = last.text + "\u3000" + it.text.strip()
                continue
            art.bylines.extend(got)
        elif it.kind == CLOSING:
            art.closing.append(it.text)
        elif it.kind == CONTINUATION:
            if _continued_from(it.text):
                art.continued_from = it.text
            else:
                art.continued_to = it.text
        elif it.kind == HEAD:
            art.body.append(_paragraph(it))
    return art


def run(state: State) -> None:
    if not state.blocks:
        state.doc.articles = []
        return
    items = _classify(state)
    drafts = _group(items, state)
    if state.rules.on("G504"):
        _rejoin_head_rows(drafts, state)
    if state.rules.on("G517"):
        drafts = _heads_inside_sentence(drafts, state)
    if state.rules.on("G520"):
        _phrase_inside_sentence(drafts, state)
    if state.rules.on("G505"):
        _split_side_by_side_heads(drafts, state)
        drafts = _split_two_modules(drafts, state)
    _attach_heads(drafts, state)
    if state.rules.on("G505"):
        _text_under_stack(drafts, state)
        drafts = _lead_found_later(drafts, state)
        _text_of_picture_stack(drafts, state)
    if state.rules.on("G514"):
        _headline_after_lead(drafts, state)
    if state.rules.on("G517"):
        drafts = _second_line_apart(drafts, state)
    if state.rules.on("G518"):
        drafts = _foot_line_as_text(drafts, state)
    names = Names(state)
    articles = [_build(d, names, state) for d in drafts]
    state.doc.articles = [a for a in articles if a.body or a.headline or a.bylines or a.closing]
    for a in articles:  # a jump line with no article around it stays, as furniture
        if a not in state.doc.articles:
            for marker in (a.continued_from, a.continued_to):
                if marker:
                    state.doc.furniture.append(Furniture(marker, "L104", 1, 0, "continuation"))
    _join_parts(state)


def _join_parts(state: State) -> None:
    """G510: the parts of one article continued across pages of the same input
    (（下转第2版） … （上接第1版）) become one article with a page break inside;
    the jump lines are kept as furniture. Parts that cannot be matched keep
    their markers as continued_to / continued_from."""
    articles = state.doc.articles
    if not state.rules.on("G510"):
        return
    k = 0
    while k < len(articles):
        art = articles[k]
        if not art.continued_to or not art.pages:
            k += 1
            continue
        m = next((j for j in range(k + 1, len(articles)) if articles[j].continued_from
                  and articles[j].pages and articles[j].pages[0] > art.pages[-1]), None)
        if m is None:
            k += 1
            continue
        part = articles.pop(m)
        for marker, page in ((art.continued_to, art.pages[-1]), (part.continued_from, part.pages[0])):
            state.doc.furniture.append(Furniture(marker, "G510", page, 0, "continuation"))
        first = next((b for b in part.body if not isinstance(b, PageBreak)), None)
        if first is not None:
            state.tracer.add(Event("G510", "move", first.page, first.first_line, 0,
                                   (part.continued_from or "")[:16], art.continued_to[:16],
                                   "the article goes on from an earlier page"))
        heads = _own_heads(art, part, first, state)
        rest = [b for b in part.body if not isinstance(b, PageBreak) or b.page > part.pages[0]]
        if not heads and _sentence_jumps(art, rest, state):
            # the sentence cut at the jump goes on in the part's first paragraph
            # (教师何婉清正在调 … 试一套显微镜): one paragraph, the page break after it
            last, nxt = art.body[-1], rest.pop(0)
            state.tracer.add(Event("G510", "join", nxt.page, nxt.first_line, 0,
                                   last.text[-6:] + "\u23ce" + nxt.text[:6], last.text[-6:] + nxt.text[:6],
                                   "a sentence cut at the jump goes on in the continued part"))
            shift = len(last.text)
            last.text += nxt.text
            last.segs.extend(Seg(g.start + shift, g.end + shift, g.type, list(g.names)) for g in nxt.segs)
            last.lines.extend(nxt.lines)
            last.boxes.extend(nxt.boxes)
        art.body.append(PageBreak(part.pages[0]))
        art.body.extend(heads)
        art.body.extend(rest)
        art.bylines.extend(b for b in part.bylines if b.names and
                           all(b.names != x.names for x in art.bylines))
        art.closing.extend(part.closing)
        art.continued_to = part.continued_to
        # a jump page may repeat the headline; the article keeps its own
        k = k if art.continued_to else k + 1


def _sentence_jumps(art: Article, rest: list, state: State) -> bool:
    """Does the article's text stop mid-sentence at the jump (its last
    paragraph ends on a character or a clause mark, not a sentence's end)
    and the continued part open with a paragraph of text (G510
    ``join_sentence``)? A paragraph does not end mid-sentence: the jump cut
    it, and it goes on in the part's first paragraph."""
    if not state.rules.rules["G510"].params.get("join_sentence", False):
        return False
    if not art.body or not rest:
        return False
    last, nxt = art.body[-1], rest[0]
    return isinstance(last, Paragraph) and isinstance(nxt, Paragraph) and \
        not last.crosshead and not nxt.crosshead and bool(last.text) and bool(nxt.text) and \
        not ends_unit(last.text) and _HAN.search(last.text[-1:]) is not None


def _own_heads(art: Article, part: Article, first, state: State) -> list[Paragraph]:
    """The heads of a continued part that repeat none of the article's (a
    jump page may repeat the headline, or a part of it): another article's
    headline that the page's order put over the part. They are kept, as
    crossheads where the part begins, never dropped."""
    mine = _flat_head("".join(h for h in (art.kicker, art.headline, art.subheadline) if h))
    out = []
    for head in (part.kicker, part.headline, part.subheadline):
        if not head or _flat_head(head) in mine or mine and mine in _flat_head(head):
            continue
        page = first.page if first is not None else part.pages[0]
        at = first.first_line if first is not None else 0
        out.append(Paragraph(head, page, at, at, crosshead=True))
        state.tracer.add(Event("G510", "label", page, at, 0, head[:16], "crosshead",
                               "a head of the continued part that repeats none of the article's"))
    return out


def _flat_head(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


__all__ = ["run", "parse_names", "HEADLINE"]
