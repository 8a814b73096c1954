"""The label stage: what each printed line is, decided before anything is joined.

Holds the runner of line rules (``kind = "line"``: a pattern over one whole
line gives it a label such as furniture, byline, caption) and the mechanisms
that need more than one line (a line repeated on several pages is furniture).
Multi-line units (a caption to its sentence end, an affiliation to its closing
bracket) carry their label over to the lines that continue them. It does not
decide paragraph breaks or headlines from layout: ``assemble`` and ``segment``
do, with the evidence of the whole column.

>>> from reflow.model import Line
>>> lines = [Line("星海日报", 1, 1), Line("新华社发（连振/摄）", 1, 2), Line("正文。", 1, 3)]
>>> [l.label for l in label_lines(lines)]
['furniture', 'credit', 'body']
"""
from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
import statistics
from dataclasses import replace

from . import chars
from .engine import Options, State, mechanism
from .model import BODY, BYLINE, CONTINUATION, CREDIT, FURNITURE, HEADLINE, Document, Furniture, Line
from .rules import Rule, load_rules

_SENTENCE_END = re.compile(chars.expand("[{sentence_end}][{closer}]*$|[：；:;][{closer}]*$"))
# the same test without a regex scan of the whole line (ends_unit runs tens of
# times per line): take the closers off the end, look at the last mark
_UNIT_MARKS = frozenset(chars.CLASSES["sentence_end"] + "：；:;")
_CLOSERS = chars.CLASSES["closer"]
_OPEN = "（("
_CLOSE = "）)"


@functools.lru_cache(maxsize=4096)
def ends_unit(text: str) -> bool:
    """Does a line end a sentence (so a new unit may follow)?

    Cached: the stages ask it of the same line several times (seven times a
    line on the gold pages, nine in ten asked again).

    >>> ends_unit("指明了清晰路径。"), ends_unit("“全优生”。"), ends_unit("新突破")
    (True, True, False)
    """
    if text.endswith("\n"):
        return _SENTENCE_END.search(text) is not None  # $ also matches before a final newline
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _UNIT_MARKS


_SENTENCE_MARK = re.compile("[，。；！？,;!?]")


def paragraph_lines(lines: list[Line]) -> bool:
    """Are the longer lines whole paragraphs (most end their sentence), as in text
    that was cleaned already, rather than column lines (which mostly stop
    mid-sentence)?

    >>> from reflow.model import Line
    >>> paragraph_lines([Line("标题", 1, 1), Line("第一段写完了。", 1, 2), Line("第二段也写完了。", 1, 3)])
    True
    """
    from .chars import em_width
    own = [em_width(line.text) for line in lines]
    if not own:
        return False
    median = sorted(own)[len(own) // 2]
    long = [line for line, w in zip(lines, own) if w >= median]
    if len(long) >= 2 and sum(1 for line in long if ends_unit(line.text)) > 0.5 * len(long):
        return True
    # a short text of a few paragraphs and headlines, a blank line after each
    # (reflow's own text output): every line with a mark of a sentence ends one
    # (the blank lines looked at first: column lines mostly have none)
    if not all(line.blank_before for line in lines[1:]):
        return False
    marked = [line for line in lines if _SENTENCE_MARK.search(line.text)]
    return bool(marked) and all(ends_unit(line.text) for line in marked)


def run(state: State) -> None:
    if not state.lines:
        return
    view: _View | None = None
    for rule in state.rules.stage("label"):
        if rule.kind == "line":
            if view is None:
                view = _View(state.lines)
            if rule.params.get("letter_spaced"):
                _apply_line_rule(rule, state, view.top, view.bottom, *view.spaced_closed())
            else:
                _apply_line_rule(rule, state, view.top, view.bottom, view.text, view.starts)
        elif rule.kind == "mechanism":
            count = len(state.lines)
            MECH[rule.params["mechanism"]](rule, state)
            if len(state.lines) != count:
                view = None  # a mechanism split a line: the views are made again
    for line in state.lines:
        if line.label == FURNITURE:
            state.doc.furniture.append(Furniture(line.text, line.rule or "", line.page,
                                                 line.lineno, _role_of(state, line.rule)))


class _View:
    """The page text the line rules match, with each line's start and its place
    from the page's edges."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.top, self.bottom = _edges(lines)
        # a line whose characters are all set apart (letter-spaced display type, an
        # OCR engine's spaces between Han characters) is matched as it reads: the
        # rules' patterns see 本报记者 刘洋 摄 for 本 报 记 者  刘 洋  摄 (the line
        # keeps its spaces; the spacing stage closes them)
        texts = [chars.letters_closed(line.text) if chars.letter_spaced(line.text) else line.text
                 for line in lines]
        self.text, self.starts = _joined(texts)
        self._closed: tuple[str, list[int]] | None = None

    def spaced_closed(self) -> tuple[str, list[int]]:
        """The text with every single space between two Han characters taken out:
        display type set letter-spaced (短 讯, 图 片 新 闻), matched as it reads."""
        if self._closed is None:
            self._closed = _joined([_LETTER_SPACE.sub("", line.text) for line in self.lines])
        return self._closed


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    return "\n".join(texts), list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))


def _edges(lines: list[Line]) -> tuple[list[int], list[int]]:
    """Index of each line from the top and from the bottom of its page, in the
    source's order: running heads and feet are at the page's edges as the
    extractor gave it, wherever the order stage put the columns' lines (the
    cells of one merged line share its place)."""
    ranks: dict[int, list[int]] = collections.defaultdict(list)
    for line in lines:
        ranks[line.page].append(line.lineno)
    index = {page: {n: k for k, n in enumerate(sorted(set(nos)))} for page, nos in ranks.items()}
    top, bottom = [], []
    for line in lines:
        k = index[line.page][line.lineno]
        top.append(k)
        bottom.append(len(index[line.page]) - 1 - k)
    return top, bottom


def _apply_line_rule(rule: Rule, state: State, top: list[int], bottom: list[int],
                     text: str, starts: list[int]) -> None:
    """One pass of the rule's pattern over the whole page text (its ^ and $ are
    line anchors), then the conditions on each line it matched."""
    lines = state.lines
    edge = rule.params.get("edge")
    prev_cond = rule.params.get("prev")
    next_cond = rule.params.get("next")
    until = rule.params.get("until")
    max_lines = int(rule.params.get("max_lines", 1))
    apart = rule.params.get("apart")
    max_conf = rule.params.get("max_conf")
    centred = rule.params.get("centred")
    beside = rule.params.get("beside")
    beside_size = rule.params.get("beside_max_size")
    row_of = rule.params.get("row_of")
    done = -1  # lines up to here were taken by a unit that went on over them
    source = _source_order(lines) if prev_cond == "role_near" else {}
    # OCR's reading of a photo's edge or a rule (L120's shape) sets a block apart as a blank line does
    noise = state.rules.get("L120").regex if apart == "edge" and state.rules.on("L120") else None
    # a report opens on a line of its own with its dateline: the line above it ends a block
    opener = state.rules.param("G501", "dateline_pattern") if apart == "edge" and state.rules.on("G501") \
        else None
    for m in rule.regex.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        line = lines[i]
        if i <= done or m.start() != starts[i] or line.label != BODY:
            continue
        if edge is not None and top[i] >= edge and bottom[i] >= edge:
            continue
        if prev_cond == "unit_end" and i and lines[i - 1].page == line.page and \
                lines[i - 1].label == BODY and not ends_unit(lines[i - 1].text):
            continue
        if prev_cond == "sentence" and not (i and lines[i - 1].page == line.page and
                                            ends_unit(lines[i - 1].text)):
            continue     # only right under a line that ends a sentence (a caption)
        if prev_cond == "bracket_closed" and i and lines[i - 1].page == line.page and \
                _ROUND_OPEN.search(lines[i - 1].text):
            continue     # inside a bracket the line above opened: （记者骆佳⏎通讯员詹文⏎斌）
        if prev_cond == "page" and not (i and lines[i - 1].page == line.page and
                                        lines[i - 1].label == FURNITURE and
                                        _ENDS_WITH_PAGE.search(lines[i - 1].text)) and \
                (not _between_heads(state, i) or _has_section(state, line.page)):
            continue     # only right under a running head that ends with the page,
            # or between two lines of the running head of a page with no section yet
        if prev_cond == "role" and not (i and lines[i - 1].page == line.page and
                                        lines[i - 1].label == BYLINE and lines[i - 1].rule == "L111" and
                                        _role_alone(state, lines[i - 1].text)):
            continue     # only right under a byline line that is a role alone (本报记者)
        if prev_cond == "role_near" and not _role_near(state, line, int(rule.params.get("near", 12)), source):
            continue     # only a few source lines under a role alone whose names are missing
        if apart is not None and not _apart(lines, i, apart, rule, noise, opener) and \
                not (centred is not None and line.indent >= centred):
            continue     # (a line indented that far is centred: a headline row)
        if max_conf is not None and line.conf is not None and line.conf > max_conf:
            continue     # the engine is sure of the line's words
        if beside is not None and not _beside(state, i, beside):
            continue     # only next to a line of that role (a running head's other part)
        if row_of is not None and not _piece_of_row(state, i, row_of):
            continue     # only a piece of an OCR line whose other piece is of that role, on its row
        if beside_size is not None and _display_under(state, i, beside, float(beside_size)):
            continue     # set larger than the running head, under it: the page's display type
        if next_cond == "not_text" and _text_goes_on(lines, i):
            continue     # the line under it goes on as text (a paragraph it opens)
        _set(state, line, rule.code, rule.label, rule.role)
        if until in ("sentence_end", "close_bracket"):
            done = _extend(state, rule, i + 1, until, max_lines) - 1


def _text_goes_on(lines: list[Line], i: int) -> bool:
    """Does the line under line i, on its page, read as text going on from it:
    no blank line or indent between, nor the start of a paragraph the OCR
    boxes show (``_box_starts``: its blank line), a body line holding a mark
    of a clause or a sentence (not a headline's phrase)?"""
    j = i + 1
    if j >= len(lines) or lines[j].page != lines[i].page:
        return False
    b = lines[j]
    return b.label == BODY and not b.blank_before and b.indent <= 0 and not _box_starts(b) and \
        _SENTENCE_MARK.search(b.text) is not None


def _neighbours_are(state: State, i: int, role: str | list[str]) -> list[bool]:
    """Are the lines right above and right below line i, on its page,
    furniture of that role?"""
    lines = state.lines
    roles = (role,) if isinstance(role, str) else tuple(role)
    return [0 <= k < len(lines) and lines[k].page == lines[i].page and
            lines[k].label == FURNITURE and _role_of(state, lines[k].rule) in roles
            for k in (i - 1, i + 1)]


def _between_heads(state: State, i: int) -> bool:
    """Is line i between two lines of its page's running head (paper, date,
    page, read by an extractor as lines of their own)?"""
    return all(_neighbours_are(state, i, "running-head"))


def _has_section(state: State, page: int) -> bool:
    """Has a line of this page been taken as its section label already?"""
    return any(line.page == page and line.label == FURNITURE and
               _role_of(state, line.rule) == "section" for line in state.lines)


def _beside(state: State, i: int, role: str | list[str]) -> bool:
    """Is the line above or below line i, on its page, furniture of that role?"""
    return any(_neighbours_are(state, i, role))


def _piece_of_row(state: State, i: int, role: str | list[str]) -> bool:
    """Is line i a piece of an OCR line (its box's, same page and source line)
    whose other piece, on the same row (their boxes overlapping by half the
    lower one's height), is furniture of that role? Text without boxes: no."""
    line = state.lines[i]
    if line.bbox is None:
        return False
    roles = (role,) if isinstance(role, str) else tuple(role)
    for other in state.lines:
        if other is line or other.page != line.page or other.lineno != line.lineno or \
                other.bbox is None or other.label != FURNITURE or \
                _role_of(state, other.rule) not in roles:
            continue
        overlap = min(line.bbox[3], other.bbox[3]) - max(line.bbox[1], other.bbox[1])
        if overlap >= 0.5 * min(line.bbox[3] - line.bbox[1], other.bbox[3] - other.bbox[1]):
            return True
    return False


def _display_under(state: State, i: int, role: str | list[str], ratio: float) -> bool:
    """Does line i stand under every line of that role on its page (its box's
    top below their boxes' bottoms) and in a type larger than all of them
    (its box ``ratio`` times the tallest of theirs or more), over a line that
    is no text (no mark of a clause or a sentence: a headline's line; the
    other pieces of its own source line aside)? Where a
    line or the page's lines of that role have no box, no."""
    line = state.lines[i]
    j = i + 1
    while j < len(state.lines) and state.lines[j].page == line.page and \
            state.lines[j].lineno == line.lineno:
        j += 1       # the other pieces of its own source line
    if j >= len(state.lines) or state.lines[j].page != line.page or \
            _SENTENCE_MARK.search(state.lines[j].text):
        return False
    roles = (role,) if isinstance(role, str) else tuple(role)
    boxes = [l.bbox for l in state.lines if l.page == line.page and l is not line and
             l.bbox is not None and l.label == FURNITURE and _role_of(state, l.rule) in roles]
    if line.bbox is None or not boxes:
        return False
    return line.bbox[1] >= max(b[3] for b in boxes) and \
        line.bbox[3] - line.bbox[1] >= ratio * max(b[3] - b[1] for b in boxes)


def _role_of(state: State, code: str | None) -> str:
    rule = state.rules.rules.get(code or "")
    return (rule.role or rule.params.get("role", "")) if rule else ""


def _source_order(lines: list[Line]) -> dict[int, tuple[list[int], list[Line]]]:
    """Each page's lines in the source's order, with their line numbers (to
    bisect): the order stage may have moved them."""
    pages: dict[int, list[Line]] = collections.defaultdict(list)
    for line in lines:
        pages[line.page].append(line)
    out = {}
    for page, got in pages.items():
        got.sort(key=lambda l: l.lineno)
        out[page] = ([l.lineno for l in got], got)
    return out


def _role_near(state: State, line: Line, near: int,
               source: dict[int, tuple[list[int], list[Line]]]) -> bool:
    """Is there, at most ``near`` source lines above the line on its page, a
    byline line that is a role alone (本报记者), with nothing under it but lines
    of text and other names — its names still missing?"""
    numbers, ordered = source[line.page]
    above = ordered[bisect.bisect_left(numbers, line.lineno - near):bisect.bisect_left(numbers, line.lineno)]
    for l in reversed(above):
        if l.label == BYLINE and l.rule == "L111":
            return _role_alone(state, l.text)
        if l.label not in (BODY, BYLINE) or l.label == BYLINE and l.rule != "L125":
            return False
    return False


def _role_alone(state: State, text: str) -> bool:
    """Is the line a byline's role word alone (本报记者), its names set apart?"""
    role = state.rules.param("G509", "role_pattern")
    return role is not None and role.fullmatch(text.strip()) is not None


def _apart(lines: list[Line], i: int, how: str, rule: Rule | None = None,
           noise: re.Pattern | None = None, opener: re.Pattern | None = None) -> bool:
    """Is line i set apart by blank lines (or a page's edge): "alone", on both
    sides; "edge", on one side at least (the first or last line of a block);
    "edge-run", in a run of lines the rule's pattern matches that reaches the
    first or last line of a block (what OCR read off a picture, line by line)?
    With ``noise`` (L120's pattern), a line of OCR's junk next to it, what
    the engine read off a photo or a rule between two modules, is such an
    edge too; so, with ``opener`` (G501's dateline), is a line right above
    one that opens a report with its dateline (Tesseract prints no blank line
    between a headline row and the report under it). A line "alone" may also
    be a block of its own that an OCR engine boxed (``_box_starts``: its box
    starts there, and the next line's box after it): hOCR gives no blank lines."""
    line = lines[i]
    above = i == 0 or lines[i - 1].page != line.page or line.blank_before > 0 or \
        noise is not None and noise.search(lines[i - 1].text) is not None
    below = i + 1 >= len(lines) or lines[i + 1].page != line.page or lines[i + 1].blank_before > 0 or \
        noise is not None and noise.search(lines[i + 1].text) is not None or \
        opener is not None and opener.match(lines[i + 1].text.lstrip(" \u3000")) is not None
    if how == "alone":
        return (above or _box_starts(line)) and (below or i + 1 < len(lines) and _box_starts(lines[i + 1]))
    if how == "edge-run":
        # the page's furniture (a section label, the running head) is no part
        # of a text block: a line right next to it is at its block's edge; so
        # is a line that opens a block the OCR engine boxed, or one the next
        # box follows (hOCR gives no blank lines)
        # (but not inside running text: a box that cuts a line of it off from
        # the sentence it goes on in, a garbled line of that paragraph)
        boxed = not (i and _runs_on(lines[i - 1]))
        above = above or lines[i - 1].label == FURNITURE or boxed and _box_starts(line)
        below = below or i + 1 < len(lines) and lines[i + 1].page == line.page and \
            (lines[i + 1].label == FURNITURE or boxed and _box_starts(lines[i + 1]))
    if above or below or how != "edge-run" or rule is None:
        return above or below
    return _run_to_edge(lines, i, -1, rule) or _run_to_edge(lines, i, 1, rule)


def _runs_on(line: Line) -> bool:
    """Is the line running text that stops mid-sentence: a body line with a
    mark of a clause or a sentence (no headline has one) that ends none?"""
    return line.label == BODY and _SENTENCE_MARK.search(line.text) is not None and \
        not ends_unit(line.text)


def _box_starts(line: Line) -> bool:
    """Is the line the first of a block an OCR engine boxed (hOCR ocr_par)?
    The engine's layout analysis sets a box around each block of print it
    finds apart from the rest, as a blank line sets it apart in plain text."""
    return bool(line.par_start) and line.bbox is not None


def _run_to_edge(lines: list[Line], i: int, step: int, rule: Rule) -> bool:
    """Do the lines from i on (up for step -1, down for +1) all match the rule
    until the block ends?"""
    page = lines[i].page
    while True:
        j = i + step
        if j < 0 or j >= len(lines) or lines[j].page != page or \
                (lines[i] if step < 0 else lines[j]).blank_before > 0:
            return True
        if rule.regex.search(lines[j].text) is None:
            return False
        i = j


# a running head's last part is the page: 第6版, A05, B3 版
_ENDS_WITH_PAGE = re.compile("(?:第[ 　]*[0-9一二三四五六七八九十]{1,3}[ 　]*版|(?<![A-Za-z0-9])[A-Z][ 　]?[0-9]{1,2}[ 　]*版?)[ 　]*$")

# a single space between two Han characters: letter-spaced display type
_LETTER_SPACE = re.compile("(?<=%s) (?=%s)" % (chars.cls("han"), chars.cls("han")))

# a round bracket opened near the line's end on a few Han characters (（记者骆佳)
_ROUND_OPEN = re.compile("[（(][\u4e00-\u9fff 　]{1,10}$")


def _set(state: State, line: Line, code: str, label: str, role: str | None) -> None:
    line.label = label
    line.rule = code
    line.par_start = True
    state.tracer.decide(code, "label", line, line.text[:16], label, role or "")


def _extend(state: State, rule: Rule, i: int, until: str, max_lines: int) -> int:
    """Give the rule's label to the lines that continue the unit at i-1."""
    lines = state.lines
    start = lines[i - 1]
    depth = _depth(start.text) if until == "close_bracket" else 0
    done = (depth <= 0) if until == "close_bracket" else ends_unit(start.text)
    count = 1
    while not done and i < len(lines) and count < max_lines:
        line = lines[i]
        if line.label != BODY or line.page != start.page:
            break
        line.label = rule.label
        line.rule = rule.code
        line.par_start = False
        count += 1
        i += 1
        if until == "close_bracket":
            depth += _depth(line.text)
            done = depth <= 0
        else:
            done = ends_unit(line.text)
    return i


def _depth(text: str) -> int:
    return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)


def label_lines(lines: list[Line], opts: Options = Options()) -> list[Line]:
    """Label lines with the shipped rules (a convenience for examples and tests)."""
    state = State(lines, load_rules(), opts, Document(source="", doc_id=""))
    run(state)
    return state.lines


MECH = {}


def _register(name):
    def deco(fn):
        MECH[name] = fn
        mechanism(name)(fn)
        return fn
    return deco


@_register("repeated_lines")
def repeated_lines(rule: Rule, state: State) -> None:
    """A short line repeated near the top or bottom of several pages is furniture."""
    pages = {line.page for line in state.lines}
    min_pages = int(rule.params.get("min_pages", 2))
    if len(pages) < min_pages:
        return
    edge = int(rule.params.get("edge", 4))
    max_len = int(rule.params.get("max_len", 30))
    top, bottom = _edges(state.lines)
    seen: dict[str, set[int]] = collections.defaultdict(set)
    key = re.compile(r"[\s\u3000]+|\d+")
    for i, line in enumerate(state.lines):
        if (top[i] < edge or bottom[i] < edge) and len(line.text) <= max_len:
            seen[key.sub("", line.text)].add(line.page)
    for i, line in enumerate(state.lines):
        if line.label != BODY or len(line.text) > max_len or not (top[i] < edge or bottom[i] < edge):
            continue
        k = key.sub("", line.text)
        if k and len(seen.get(k, ())) >= min_pages:
            _set(state, line, rule.code, FURNITURE, rule.params.get("role", "running-head"))


_HAN_CHAR = re.compile(chars.cls("han"))


def _inside(a: tuple, b: tuple) -> float:
    """The share of box a's area that lies inside box b."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return w * h / area if w > 0 and h > 0 and area > 0 else 0.0


def _median_of(values: list[float]) -> float:
    return statistics.median_high(values) if values else 0.0


@_register("junk_in_display_line")
def junk_in_display_line(rule: Rule, state: State) -> None:
    """A short line of marks, letters and one Han glyph at most whose box lies
    inside the box of a line set in display type is OCR's second reading of
    that line's large glyphs (Tesseract reads the strokes of a headline's
    characters again as small lines of their own): no printed line stands
    inside another. Only a display line's box that holds no line of text
    counts: one that does was boxed over the text beside it."""
    p = rule.params
    ratio = float(p.get("display_ratio", 1.5))
    share = float(p.get("inside", 0.6))
    max_han = int(p.get("max_han", 1))
    max_chars = int(p.get("max_chars", 8))
    min_han = int(p.get("head_min_han", 3))
    pages: dict[int, list[Line]] = collections.defaultdict(list)
    for line in state.lines:
        if line.bbox is not None and line.bbox[3] > line.bbox[1]:
            pages[line.page].append(line)
    for page, lines in pages.items():
        text_lines = [l for l in lines if len(_HAN_CHAR.findall(l.text)) >= 4]
        if len(text_lines) < 3:
            continue
        body = _median_of([l.bbox[3] - l.bbox[1] for l in text_lines])
        body_size = _median_of([l.font_size for l in text_lines if l.font_size])

        def junk(l: Line) -> bool:
            t = "".join(l.text.split())
            return bool(t) and len(t) <= max_chars and len(_HAN_CHAR.findall(t)) <= max_han

        for head in lines:
            if head.bbox[3] - head.bbox[1] < ratio * body or len(_HAN_CHAR.findall(head.text)) < min_han or \
                    body_size and not (head.font_size and head.font_size >= ratio * body_size):
                continue     # display type by every measure the source gives (a box may hold two rows)
            inner = [l for l in lines if l is not head and (l.lineno != head.lineno) and
                     _inside(l.bbox, head.bbox) >= share]
            if not inner or not all(junk(l) for l in inner):
                continue     # a box over lines of text: not the display line's own
            for l in inner:
                if l.label == BODY:
                    _set(state, l, rule.code, FURNITURE, rule.role)


_CREDIT_REACH = 64   # characters: a credit with its agency, role and names is shorter


@_register("credit_after_sentence")
def credit_after_sentence(rule: Rule, state: State) -> None:
    """A photo credit set on the line of the sentence before it (…在老街上游览。
    本报记者 刘洋摄): the line is cut after the sentence and the credit becomes a
    line of its own, as if it stood under the caption."""
    credit = state.rules.rules.get(rule.params.get("credit_rule", "L110"))
    if credit is None or credit.regex is None or not state.rules.on(credit.code):
        return
    ends = rule.params["sentence_end_pattern"]
    out: list[Line] = []
    for line in state.lines:
        out.append(line)
        if line.label != BODY:
            continue
        text = line.text
        cut = None
        # a credit is short: only a sentence end near the line's end can precede one
        for m in ends.finditer(text, max(0, len(text) - _CREDIT_REACH)):
            if m.end() < len(text) and credit.regex.match(text[m.end():]) is not None:
                cut = m
                break
        if cut is None:
            continue
        head = text[:cut.start()] + cut.group(1)
        tail = replace(line, text=text[cut.end():].strip(), blank_before=0, indent=0.0,
                       phrase_space_after=False)
        line.text = head
        out.append(tail)
        _set(state, tail, rule.code, CREDIT, None)
    if len(out) != len(state.lines):
        state.lines[:] = out


@_register("credit_opens_line")
def credit_opens_line(rule: Rule, state: State) -> None:
    """A photo credit that OCR read on one line with the column line beside it
    (MICE 周启航摄 企业共同研发，采用了…): the credit is cut off before the text
    and becomes a line of its own, labelled credit; the text stays a line.
    L110's pattern is the credit's shape here, whether L110 runs or not."""
    _cut_opening(rule, state, rule.params.get("credit_rule", "L110"), CREDIT)


@_register("continuation_opens_line")
def continuation_opens_line(rule: Rule, state: State) -> None:
    """A jump line that OCR read on one line with the column lines beside it
    (（上接第1版）      留住老师才能留住学生      师之一。…): the marker is cut
    off before them and becomes a line of its own, labelled continuation;
    the rest stays a line. L104's pattern is the marker's shape here."""
    _cut_opening(rule, state, rule.params.get("marker_rule", "L104"), CONTINUATION)


def _cut_opening(rule: Rule, state: State, shape_code: str, label: str) -> None:
    """Cut off the opening of each body line that is a whole unit of the shape
    rule's pattern, set apart by the rule's gap_pattern from a run that opens
    as its text_start_pattern says; the opening becomes a line of its own,
    labelled ``label``, before the rest."""
    shape = state.rules.rules.get(shape_code)
    if shape is None or shape.regex is None:
        return
    gap, text_start = rule.params["gap_pattern"], rule.params["text_start_pattern"]
    out: list[Line] = []
    for line in state.lines:
        text = line.text
        cut = None
        if line.label == BODY:
            for m in gap.finditer(text):
                if m.start() > _CREDIT_REACH:
                    break     # the unit is short; a gap that far in is the line's own
                if m.start() and shape.regex.match(text[:m.start()]) is not None and \
                        text_start.match(text, m.end()) is not None:
                    cut = m
                    break
        if cut is None:
            out.append(line)
            continue
        head = replace(line, text=text[:cut.start()], phrase_space_after=False)
        line.text = text[cut.end():]
        line.blank_before = 0
        out.append(head)
        out.append(line)
        _set(state, head, rule.code, label, None)
    if len(out) != len(state.lines):
        state.lines[:] = out


__all__ = ["run", "label_lines", "ends_unit", "HEADLINE"]
