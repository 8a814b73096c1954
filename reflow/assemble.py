"""The assemble stage: at every line break, does the paragraph go on? And with what glue?

Holds the line-break decision (J301: column width measured locally, short last
lines, first-line indents, sentence ends, the marks that may not start or end a
line, blank lines judged per page), the glue (J304: nothing between Chinese,
one space between Latin words), line-break hyphens (J302), the byline
separator restored at a break (J303) and the dateline that opens its paragraph
(J305). It makes ``Block``s; it does not decide what a block is beyond the
label of its lines: ``segment`` finds headlines and articles.

>>> from reflow.read import lines_from_text
>>> blocks = assemble_lines(lines_from_text("指明了清晰路径。\\n第一，引领创新，驱动技术\\n新突破。鼓励开源合作创新，分\\n享成果。"))
>>> [b.text for b in blocks]
['指明了清晰路径。', '第一，引领创新，驱动技术新突破。鼓励开源合作创新，分享成果。']
"""
from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import chars
from .chars import bigram_share, em_width
from .engine import Options, State
from .hanlex import breaks_inside_word, grades
from .label import ends_unit, paragraph_lines
from .model import BODY, BYLINE, CAPTION, CLOSING, CREDIT, DATELINE, FURNITURE, NOTE, Document, Line
from .rules import load_rules

# labels whose lines may continue each other inside one block
_FLOW = {BODY, NOTE}
_MULTILINE = {CAPTION, CLOSING}
# a closing line (（作者单位：…) that leaves its bracket open (OCR reads （ as 〈 or <)
# goes on in a line that only closes it: the rest of the unit, wrapped
_CLOSING_OPEN = re.compile("[（(〈<][^）)〉>]*$")
_CLOSES_LINE = re.compile("[^（(〈<）)〉>]{0,20}[）)〉>][ 　]*$")

_NO_START = chars.NO_LINE_START
_NO_END = chars.NO_LINE_END
_OPENERS = set(chars.CLASSES["opener"])
_OPENER_MARKS = chars.CLASSES["opener"]
_HYPHENS = chars.LINE_HYPHENS
_ALNUM = re.compile(chars.cls("alnum"))
_LATIN_HEAD = re.compile("^[%s]*[%s][%s\\-.'%%‰]*[%s]*" % (
    "".join(_OPENERS), chars.CLASSES["alnum"], chars.CLASSES["alnum"],
    chars.CLASSES["no_line_start"]))
_WORD_TAIL = re.compile("[%s]+$" % chars.CLASSES["alnum"])
_WORD_HEAD = re.compile("^[%s]+" % chars.CLASSES["alnum"])
_ASCII_TAIL = re.compile(r"[A-Za-z0-9.,;:!?%)\]'\"]$")
_ASCII_HEAD = re.compile(r"^[A-Za-z0-9(\[]")
_HAN_END = re.compile(chars.cls("han") + "$")
_HAN_START = re.compile("^" + chars.cls("han"))
_NAME = re.compile("[%s·]{2,4}" % chars.CLASSES["han"])
_NARROW = re.compile(r"[!-~\u00c0-\u024f]")
# marks that end a clause or a sentence: headlines part their phrases with spaces
_CLAUSE_MARK = re.compile("[，。；！？]")
_SENTENCE_MARK = re.compile("[，。；：、！？…,;:!?]")   # any mark of a sentence; a headline holds none
_SUB_OPENS = re.compile("[ 　]*(?:——|--)")             # the dash that opens a sub (——云岭县推进…见闻)
# two Chinese marks in a row are set in less than two em (GB/T 15834 print
# compresses adjacent punctuation: ”， takes about one and a half), so a line's
# width is doubtful by half an em for each such pair
_MARK = "，。、；：？！\u2018\u2019\u201c\u201d（）《》「」『』"
_PAIRS = re.compile("(?=[%s][%s])" % (_MARK, _MARK))


# what may follow a dateline on its line: the byline's bracket, a gap
_BYLINE_BRACKET = re.compile("[ 　】]*(?:[（(][^（）()]{1,24}[）)])?[ 　]*")


@dataclass(slots=True)
class Block:
    """Consecutive lines that make one unit: a paragraph, a caption, a headline line."""
    kind: str
    lines: list[Line]
    parts: list[str] = field(default_factory=list)   # line texts after glue decisions
    glue: list[str] = field(default_factory=list)    # glue before parts[1:]
    rule: str | None = None
    wide: bool = False   # its first line is wider than the column (it spans columns)

    @property
    def text(self) -> str:
        out = [self.parts[0]] if self.parts else []
        for g, p in zip(self.glue, self.parts[1:]):
            out.append(g)
            out.append(p)
        return "".join(out)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def first_line(self) -> int:
        return self.lines[0].lineno

    @property
    def last_line(self) -> int:
        return self.lines[-1].lineno

    def joined(self, other: "Block", glue: str = "", kind: str | None = None) -> "Block":
        """This block and ``other`` as one (``glue`` between them), of ``kind`` or
        this block's kind; not marked wide, which only assemble's column measure says."""
        return Block(kind or self.kind, self.lines + other.lines, self.parts + other.parts,
                     self.glue + [glue] + other.glue, self.rule)

    def split(self, k: int) -> tuple["Block", "Block"]:
        """This block cut before its line ``k``: the lines above, and the rest."""
        return (Block(self.kind, self.lines[:k], self.parts[:k], self.glue[:k - 1], self.rule, self.wide),
                Block(self.kind, self.lines[k:], self.parts[k:], self.glue[k:], self.rule))

    def offsets(self) -> list[tuple[int, Line]]:
        """Start offset of each line's part in ``text``."""
        out, pos = [], 0
        for i, (line, part) in enumerate(zip(self.lines, self.parts)):
            if i:
                pos += len(self.glue[i - 1])
            out.append((pos, line))
            pos += len(part)
        return out


# ---------------------------------------------------------------- measures
class Column:
    """Local column width around each body line, from its neighbours only.

    For every line, the typical full width of up to ``window`` body lines
    above it and below it (the second widest, so one stray wide line does not
    count), computed in one pass each way; a page break or an excluded line
    (a headline between articles) bounds the window.
    """

    def __init__(self, lines: list[Line], window: int, min_lines: int = 2) -> None:
        self.lines = lines
        self.min_lines = min_lines
        self.width = [em_width(line.text) + line.indent if line.label in _FLOW else 0.0
                      for line in lines]
        self._page = [line.page for line in lines]       # for the sweeps, read four times
        self._flow = [line.label in _FLOW for line in lines]
        self.window = window
        self.excluded: set[int] = set()
        self._measure()

    def exclude(self, lines: set[int]) -> None:
        """Measure the column without these lines (headlines found on a first pass)."""
        self.excluded = lines
        self._measure()

    def _measure(self) -> None:
        n = len(self.lines)
        self._before, _, nb = self._sweep(range(n))
        after, after_far, na = self._sweep(range(n - 1, -1, -1))
        after.reverse()
        after_far.reverse()
        na.reverse()
        self._after = after
        # around(i), asked of every line several times: the near estimate
        # above; below, the near one or, where it rests on too few lines, the far
        self._around = list(zip(self._before, [a if a is not None else f
                                               for a, f in zip(after, after_far)]))
        self._support = [x + y for x, y in zip(nb, na)]

    def _sweep(self, order) -> tuple[list, list, list[int]]:
        """One pass in reading order (or backwards): for each line the typical
        width of the window behind it, near and far: near is cut at an
        excluded line (a headline between articles), far looks past it (what
        the top of a page has to go by); and the lines each rests on."""
        pages, flow, width, excluded = self._page, self._flow, self.width, self.excluded
        window, min_lines = self.window, self.min_lines
        nears: list[float | None] = []
        fars: list[float | None] = []
        counts: list[int] = []
        add_near, add_far, add_count = nears.append, fars.append, counts.append
        near: list[float] = []
        far: list[float] = []
        page = None
        same = True              # far is near (no excluded line yet): only near is kept
        # the typical widths change only when a line joins a window: measured then
        typical = typical_far = None
        for i in order:
            if pages[i] != page:
                near = []
                page = pages[i]
                same = True
                typical = _second_widest(near, min_lines)
            add_near(typical)
            if same:
                add_far(typical)
                add_count(len(near))
            else:
                add_far(typical_far)
                add_count(len(near) if len(near) >= min_lines else len(far))
            if i in excluded:
                if same:
                    far, typical_far, same = near, typical, False
                near = []
                typical = _second_widest(near, min_lines)
            elif flow[i]:
                # (_second_widest, inlined: the hot spot of the sweep)
                w = width[i]
                near.append(w)
                n = len(near)
                if n > window:
                    gone = near.pop(0)
                    n -= 1
                    # a full window that takes w for gone keeps its second widest
                    # where w == gone (the same widths), or where neither reaches
                    # it (every width at or above it stays, and w adds none above)
                    if n >= 3 and typical is not None and (
                            w == gone or w <= typical and gone < typical):
                        pass
                    else:
                        typical = None if n < min_lines else sorted(near)[-2] if n >= 3 else max(near)
                else:
                    typical = None if n < min_lines else sorted(near)[-2] if n >= 3 else max(near)
                if not same:
                    far.append(width[i])
                    n = len(far)
                    if n > window:
                        del far[0]
                        n -= 1
                    typical_far = None if n < min_lines else sorted(far)[-2] if n >= 3 else max(far)
        return nears, fars, counts

    def support(self, i: int) -> int:
        """How many neighbouring lines the two estimates around line i rest on."""
        return self._support[i]

    def before(self, i: int) -> float | None:
        """Typical full width of the lines above line i (without it)."""
        return self._before[i]

    def after(self, i: int) -> float | None:
        """Typical full width of the lines below line i (without it)."""
        return self._after[i]

    def around(self, i: int) -> tuple[float | None, float | None]:
        """Both estimates. Where a headline below leaves too few lines, the lines
        past it are the column the headline stands over (the top of a page);
        the lines past a headline above belong to another article."""
        return self._around[i]


def _second_widest(widths: list[float], min_lines: int) -> float | None:
    """The typical full width of a window: the second widest of its three widest
    lines (one stray wide line does not count), None below min_lines."""
    n = len(widths)
    if n < min_lines:
        return None
    if n >= 3:
        return sorted(widths)[-2]
    # of one or two lines the widest (the middle of the sorted top, rounded up)
    return max(widths)


def _typical(widths: list[float], min_count: int) -> float | None:
    """The width most of these lines share within half an em (justified lines all
    have the column's), the narrower on a tie; None unless min_count agree.

    >>> _typical([12.1, 12.0, 14.5], 2), _typical([19.5, 16.7], 2)
    (12.0, None)
    """
    best, best_n = None, 0
    for w in widths:
        n = sum(1 for v in widths if abs(v - w) <= 0.5)
        if n > best_n or (n == best_n and w < best):
            best, best_n = w, n
    return best if best_n >= min_count else None


def _explained(b: str) -> float:
    """Width a line start could not give to the line before (kinsoku, a Latin word)."""
    if not b:
        return 0.0
    m = _LATIN_HEAD.match(b)
    if m:
        return em_width(m.group(0)) + 0.5
    if len(b) > 1 and b[1] in _NO_START:
        # one character went down with the mark that may not start a line (a
        # mark print may hang in the margin or compress), and with each further
        # such mark after it, which takes its own room (方⏎案》，星海…: the line
        # above had no room for 案 and two marks)
        k = 2
        while k < len(b) and b[k] in _NO_START:
            k += 1
        return 1.0 + em_width(b[2:k])
    if len(b) > 1 and (b[1] in _OPENERS or b[0] in _OPENERS):
        return 1.0  # one character went down with the mark that may not start a line
    return 0.0


# ---------------------------------------------------------------- decisions
@dataclass(slots=True)
class Page:
    blank_noise: bool      # blank lines after (nearly) every line mean nothing
    indent_informative: bool


def _page_habits(lines: list[Line], params: dict) -> dict[int, Page]:
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    out = {}
    for page, pl in by_page.items():
        body = [l for l in pl if l.label in _FLOW]
        pairs = max(1, len(body) - 1)
        gaps = [(a, b) for a, b in zip(body, body[1:]) if b.blank_before]
        # a blank line where no paragraph can end (after a comma, before a
        # closing mark, after a full line that stops mid-sentence) shows that
        # this extractor puts blank lines anywhere
        widths = sorted((em_width(l.text) for l in body), reverse=True)
        full = widths[min(2, len(widths) - 1)] - params.get("full_tolerance", 1.0) if widths else 0
        impossible = sum(1 for a, b in gaps if a.text[-1] in _MID or b.text[0] in _NO_START or
                         (not ends_unit(a.text) and em_width(a.text) >= full))
        # (lines that are whole paragraphs — cleaned text — end where their
        # blank lines are, whatever a headline line's width suggests)
        noise = len(gaps) / pairs >= params.get("blank_noise_share", 0.5) and \
            impossible >= max(2, params.get("blank_noise_evidence", 0.03) * len(gaps)) and \
            not paragraph_lines(body)
        indented = [k for k, l in enumerate(body) if l.indent > 0]
        # an extractor's drift indents lines anywhere; a paragraph's indent comes
        # right after a sentence's end, however short the paragraphs
        after_end = all(ends_unit(body[k - 1].text) for k in indented if k)
        out[page] = Page(blank_noise=noise,
                         indent_informative=0 < len(indented) and (
                             after_end or len(indented) <= params.get("indent_share", 0.35) * max(1, len(body))))
    return out


_MID = set("，、；") | _NO_END | _HYPHENS


# a line that stops on a Chinese character (a word or a sentence goes on)
_HAN_END = re.compile(chars.cls("han") + "$")

# marks print may hang past the line's end, into the margin (标点悬挂)
_HANGING = frozenset("。，、．")

# a line that ends a character or two after a clause mark: a clause just begun
_CLAUSE_TAIL = re.compile("[，、；：][^，。、；：！？!?]{1,2}$")
def _clause_open(text: str) -> bool:
    """Does a line end on a comma or an enumeration comma, a clause left open?
    Not where a quoted term opened a few characters before it, past the
    line's start (到“用得好，): OCR may have read the term's closing quote as
    the comma, and the line is a heading's.

    >>> _clause_open("“育种就像一场马拉松，"), _clause_open("从“看得见”到“用得好，")
    (True, False)
    """
    if not text or text[-1] not in "，、":
        return False
    k = max(text.rfind(o) for o in "“「『")
    return not (k > 0 and not any(c in text[k:] for c in "”」』") and len(text) - k - 2 <= 8)
_ANY_MARK = re.compile("[，、；：。！？,;:!?（）()]")


# curly quotes are of ambiguous width: a CJK font sets them an em wide, a Latin
# one (that many typesetters take them from) half an em
_QUOTE_DOUBT = 0.5
_QUOTES = re.compile("[\u2018\u2019\u201c\u201d]")


# a line that opens with a quotation mark, and the mark that closes each
_OPEN_QUOTE = re.compile("[“「『‘]")
_LIST_MARK = re.compile("[，、；：]")


def _quotes(text: str) -> int:
    return len(_QUOTES.findall(text))


class Decider:
    """The line-break decision J301 for two body lines a → b."""

    def __init__(self, lines: list[Line], params: dict) -> None:
        self.lines = lines
        self.p = params
        self.col = Column(lines, int(params.get("window", 6)), int(params.get("min_lines", 2)))
        self.pages = _page_habits(lines, params)
        self._unit: dict[int, bool] = {}
        # facts of a line alone, whatever the column: asked on both passes
        self._opens_report: dict[int, bool] = {}
        self._may_stand_short: dict[int, bool] = {}
        self._indent_habit: dict[int, bool] = {}
        self.opens = params.get("dateline_pattern")
        self.word_grade = int(params.get("word_grade", 2))
        self.bound = params.get("bound_start_pattern")
        self.narrow = [len(_NARROW.findall(line.text)) for line in lines]
        self.pairs = [len(_PAIRS.findall(line.text)) for line in lines]
        self.marked = [_ANY_MARK.search(line.text) is not None for line in lines]
        self._slack_of = [min(params.get("latin_slack", 1.0), params.get("narrow_doubt", 0.15) * n)
                          for n in self.narrow]
        # what a line's width leaves in doubt when it looks wider than its column
        nd, pd, hd = params.get("narrow_doubt", 0.15), params.get("pair_doubt", 0.5), \
            params.get("hang_doubt", 1.0)
        self._wide_doubt = [nd * n + pd * k + hd if line.text[-1:] in _HANGING else nd * n + pd * k
                            for line, n, k in zip(lines, self.narrow, self.pairs)]
        # what each line's start could not give to the line above (past the
        # last line: nothing)
        self._given = [_explained(self._start_of(j)) for j in range(len(lines) + 1)]
        self._unit_short = params.get("unit_short", 4.0)
        self._unit_short_weak = params.get("unit_short_weak", 2.5)
        self._measure_wide()
        # a first pass finds the lines that plainly stand alone (headlines wider or
        # far shorter than the column); the column is then measured without them
        self._indent_asked: set[int] = set()
        alone = {i for i in range(len(lines) - 1) if lines[i].label in _FLOW and self.unit(i)}
        if alone:
            first, around, support = self._unit, self.col._around, self.col._support
            self.col.exclude(alone)
            self._measure_wide()
            # a line's answer stands where the column around it is measured the
            # same (its width, both estimates, their support: all that unit()
            # reads of the column) and it did not ask whether the next line is
            # indented (that reads the excluded lines themselves)
            again, support_again = self.col._around, self.col._support
            self._unit = {i: res for i, res in first.items()
                          if around[i] == again[i] and support[i] == support_again[i] and
                          i not in self._indent_asked}

    def short_by(self, i: int) -> float | None:
        """How much narrower line i is than both neighbouring column estimates."""
        before, after = self.col.around(i)
        widths = [w for w in (before, after) if w is not None]
        if not widths:
            return None
        return min(widths) - self.col.width[i]

    def _measure_wide(self) -> None:
        """``wide`` of every line, once per column measure: asked about three
        times of each line."""
        col = self.col
        need, margin = self.p.get("wide_support", 4), self.p.get("wide_margin", 1.5)
        out = []
        for (before, after), support, w, doubt in zip(col._around, col._support, col.width,
                                                        self._wide_doubt):
            widest = after if before is None else before if after is None else max(before, after)
            out.append(widest is not None and support >= need and w > widest + margin + doubt)
        self._wide_of = out

    def wide(self, i: int) -> bool:
        """Wider than the column on both sides, measured on enough lines."""
        return self._wide_of[i]

    def unit(self, i: int) -> bool:
        """A line that stands alone: wider than its column, or without a sentence
        end yet far too short for it (a headline or byline no pattern knew) —
        or short enough and followed by what looks like a paragraph's indented
        first line, which no wrapped body line can be."""
        got = self._unit.get(i)
        if got is not None:
            return got
        # a line wider than its column stands alone (a headline over the columns),
        # but not one that stops mid-sentence and is longer than any headline or
        # holds a clause mark (headlines separate phrases with spaces): a wide
        # block's text (a photo story, briefs set across the page) goes on
        text = self.lines[i].text
        opens = self._opens_report.get(i)
        if opens is None:
            opens = self._opens_report[i] = \
                self.opens is not None and bool(self.opens.match(text)) and not ends_unit(text)
        if opens:
            res = False      # a dateline opens a report that goes on
        else:
            res = self._wide_of[i] and (ends_unit(text) or self._head_shaped(i)) or \
                self._short_alone(i)
        self._unit[i] = res
        return res

    def _head_shaped(self, i: int) -> bool:
        """Could line i stand alone as a headline or a one-line caption: no longer
        than one, and a whole sentence or no clause mark at all, and not inside
        a bracket the line above opened (张伟）市民可以…: a headline's brackets
        close on its line)?"""
        text = self.lines[i].text
        return len(text) <= self.p.get("unit_max_chars", 40) and \
            (ends_unit(text) or not _CLAUSE_MARK.search(text)) and not chars.closes_first(text)

    def _short_alone(self, i: int) -> bool:
        may = self._may_stand_short.get(i)
        if may is None:
            may = self._may_stand_short[i] = self._shaped_to_stand_short(i)
        if not may:
            return False
        short = self._shortness(i)
        if short is None:
            return False
        if short >= self._unit_short:
            return True
        if short < self._unit_short_weak:
            return False
        self._indent_asked.add(i)
        return self._indented(i + 1)

    def _shaped_to_stand_short(self, i: int) -> bool:
        """The tests of ``_short_alone`` that do not measure the column: could
        line i, by its own text and its neighbours' widths, stand alone?"""
        text = self.lines[i].text
        if ends_unit(text) or text[-1] in _NO_END or text[-1] in _HYPHENS or _ALNUM.match(text[-1]):
            return False
        if text[-1] in "，、；：":
            return False     # a clause goes on: no headline or byline ends with a comma
        if self._amid_text(i):
            return False     # a full line of its own measure, among text lines no wider
        if _OPEN_QUOTE.match(text) and chars.CLOSING[text[0]] not in text and \
                (_LIST_MARK.search(text) or len(text) > 2 and _HAN_END.search(text)):
            return False     # inside a quotation that goes on, past a clause mark or a
            #                  word: a headline's quote closes on its line ("巡回法庭"开进社区)
        return True

    def _amid_text(self, i: int) -> bool:
        """Is line i text between two text lines of its page (each holds a mark
        of a clause or a sentence, as no headline line does) and no narrower
        than either? Then it is a full line of a narrow module, however wide
        the columns around the module that the window measures."""
        lines = self.lines
        if i == 0 or i + 1 >= len(lines):
            return False
        a, b, c = lines[i - 1], lines[i], lines[i + 1]
        marked = self.marked
        if not (marked[i - 1] and marked[i] and marked[i + 1] and a.page == b.page == c.page and
                a.label in _FLOW and c.label in _FLOW):
            return False
        w = self.col.width
        return w[i] >= max(w[i - 1], w[i + 1]) - self.p.get("full_tolerance", 1.0)

    def _shortness(self, i: int) -> float | None:
        """How much line i falls short of its column, less what its width leaves
        in doubt and what the next line's start explains; measured together with
        a bold dateline set before it on the same line (an extractor cut the line
        at the change of face)."""
        short = self.short_by(i)
        if short is None:
            return None
        short -= self._given_up(i + 1) + self._slack(i)
        if self._after_bold_lead(i):
            short -= em_width(self.lines[i - 1].text)
        return short

    def _after_bold_lead(self, i: int) -> bool:
        """Does line i follow a line that is only a report's opening dateline
        (本报讯（记者 潘悦）), a report that goes on?"""
        if i == 0 or self.opens is None:
            return False
        a, b = self.lines[i - 1], self.lines[i]
        if a.page != b.page or b.blank_before or a.label not in _FLOW and a.label != DATELINE:
            return False
        m = self.opens.match(a.text)
        return m is not None and _BYLINE_BRACKET.fullmatch(a.text[m.end():]) is not None

    def _leads_into_unit(self, j: int) -> bool:
        """Does line j, free of any mark of a sentence, stand right over a line
        that stands alone and holds none either (a headline)? Text that stops
        mid-sentence goes on in the line after it, which a headline is not:
        line j is a headline's too (a kicker over its main)."""
        k = j + 1
        if k >= len(self.lines) or self.lines[k].page != self.lines[j].page or \
                self.lines[k].label not in _FLOW:
            return False
        a, b = self.lines[j].text, self.lines[k].text
        return not _SENTENCE_MARK.search(a) and not _SENTENCE_MARK.search(b) and self.unit(k)

    def _heads_a_report(self, j: int) -> bool:
        """Do line j, set apart by a blank line above, and the one under it,
        neither with any mark of a sentence, the second standing alone, stand
        right over a line that opens with a dateline? That is a headline stack
        over its report (a box extractor read it after another column's last
        line), never a sentence's end."""
        k = j + 2
        if self.opens is not None and k < len(self.lines) and \
                (self.lines[j].blank_before > 0 or self._stack_alone(j)) and \
                self.lines[k].page == self.lines[j].page and self._leads_into_unit(j) and \
                self.opens.match(self.lines[k].text) is not None:
            return True
        return self._stacked_head(j)

    def _stack_alone(self, j: int) -> bool:
        """Do line j and the one under it, no blank line above or between them,
        stand together as a stack: line j standing alone itself (far too short
        for the column)? A layout extractor sets a side headline in the gutter
        beside the next column's text; a paragraph's short last line (OCR lost
        its full stop) has a blank line under it where blank lines part blocks."""
        return bool(self.p.get("stack_alone", False)) and j + 1 < len(self.lines) and \
            self.lines[j + 1].blank_before == 0 and self.unit(j)

    def _stacked_head(self, j: int) -> bool:
        """Is line j, a block of its own with no mark of a sentence, right over
        a line that heads the report under it, and does that report speak of
        it (its first lines hold ``head_share`` of line j's word pairs, more
        than the lines above j do)? Default pdftotext prints display lines
        as blocks of their own in content-stream order: the headlines of two
        reports may come one after the other over the first's dateline, and
        the first is no end of the sentence above it."""
        share = self.p.get("head_share", 0.0)
        lines = self.lines
        if not share or j + 2 >= len(lines) or not lines[j].blank_before or \
                lines[j + 1].page != lines[j].page:
            return False
        text = lines[j].text
        if _SENTENCE_MARK.search(text) or ends_unit(text) or \
                len(text) > self.p.get("unit_max_chars", 40) or not self._heads_a_report_alone(j + 1):
            return False
        reach = 2 * int(self.p.get("window", 6))
        page = lines[j].page
        below = "".join(l.text for l in lines[j + 2:j + 2 + reach] if l.page == page)
        above = "".join(l.text for l in lines[max(0, j - reach):j] if l.page == page)
        there = bigram_share(text, below)
        return there >= share and there > bigram_share(text, above)

    def _heads_a_report_alone(self, j: int) -> bool:
        """Is line j, with no mark of a sentence and not a full column line,
        right over a line that opens with a dateline? A report begins there,
        so line j ends no sentence of the text above it: it is the report's
        headline (OCR read it after another column's last line)."""
        lines = self.lines
        if self.opens is None or j + 1 >= len(lines) or lines[j + 1].page != lines[j].page:
            return False
        return self.opens.match(lines[j + 1].text) is not None and self._head_like(j)

    def _head_like(self, j: int) -> bool:
        """Could line j be a headline's line: no mark of a sentence, no
        sentence's end, no longer than ``unit_max_chars``, not a full column
        line that stops mid-sentence?"""
        text = self.lines[j].text
        return _SENTENCE_MARK.search(text) is None and not ends_unit(text) and \
            len(text) <= self.p.get("unit_max_chars", 40) and not self._full_mid_sentence(j)

    def _heads_a_byline(self, j: int) -> bool:
        """Is line j, with no mark of a sentence and not a full column line,
        right over a line that is a byline of its own (L111)? A byline line
        stands under its article's headline, at the head of the text, never
        inside a sentence: line j is that headline (a box extractor read it
        after another column's last line), not the end of the sentence above."""
        lines = self.lines
        if not self.p.get("byline_heads", False) or j + 1 >= len(lines) or \
                lines[j + 1].page != lines[j].page or lines[j + 1].label != BYLINE:
            return False
        return lines[j].label in _FLOW and self._head_like(j)

    def _heads_a_paragraph(self, i: int) -> bool:
        """Is line i, holding no mark of a sentence, between a paragraph's end
        and a paragraph's first line that the extractor shows short by its
        indent? Text that stops mid-sentence goes on in its paragraph, which
        starts no new one under it: line i is a headline or a crosshead,
        however wide it is beside a narrow column (a headline set over it)."""
        if i == 0 or not self.p.get("heads_indented", False):
            return False
        a, b = self.lines[i - 1], self.lines[i]
        if a.page != b.page or a.label not in _FLOW or not ends_unit(a.text) or b.label not in _FLOW or \
                self.pages[b.page].indent_informative:
            return False     # (where the extractor shows indents, the crosshead test reads them)
        text = b.text
        if _SENTENCE_MARK.search(text) or len(text) > self.p.get("unit_max_chars", 40):
            return False
        # (a line whose Latin letters make its width a guess shows no indent)
        return self._slack(i + 1) == 0 and self._indented(i + 1) and \
            not breaks_inside_word(text, self.lines[i + 1].text.strip(), self.word_grade)

    def _heads_a_caption(self, j: int) -> bool:
        """Is line j, with no mark of a sentence, right over a photo's caption:
        one line, wider than j, that ends a sentence right over a photo's credit
        (L110)? A photo news item prints its headline, the caption and the
        credit, then its text: line j is that headline, neither the end of the
        sentence above nor the start of the caption (a caption's first line,
        wrapped, is at least as wide as its last)."""
        lines = self.lines
        if not self.p.get("caption_heads", False) or j + 2 >= len(lines) or \
                lines[j + 2].label != CREDIT or lines[j + 1].label not in _FLOW or \
                not lines[j].page == lines[j + 1].page == lines[j + 2].page:
            return False
        return lines[j].label in _FLOW and self._head_like(j) and ends_unit(lines[j + 1].text) and \
            self.col.width[j + 1] - self.col.width[j] > self.p.get("full_tolerance", 1.0)

    def _last_of_run(self, j: int) -> bool:
        """Is line j the last body line of its page (nothing of the text follows)?"""
        k = j + 1
        return k >= len(self.lines) or self.lines[k].page != self.lines[j].page

    def _start_of(self, j: int) -> str:
        """The start of line j, with the line after it when j holds only opening marks."""
        if j >= len(self.lines):
            return ""
        text = self.lines[j].text
        if j + 1 < len(self.lines) and not text.lstrip(_OPENER_MARKS):   # only opening marks
            text += self.lines[j + 1].text
        return text

    def _given_up(self, j: int) -> float:
        """``_explained`` of the start of line j: asked many times of each line."""
        given = self._given
        if j < len(given):
            return given[j]
        return _explained(self._start_of(j))

    def _slack(self, i: int) -> float:
        """Doubt about line i's width: Latin letters and digits are only estimated."""
        return self._slack_of[i]

    def _above_given(self, j: int) -> float | None:
        """The column above line j as ``Column.before`` measures it, each line
        counted with the character it gave up to the next (pushed down with
        its mark, 息，): the typical width of the window's lines so."""
        lines, col = self.lines, self.col
        widths: list[float] = []
        k = j - 1
        while k >= 0 and len(widths) < col.window and lines[k].page == lines[j].page and \
                k not in col.excluded:
            if lines[k].label in _FLOW:
                widths.append(col.width[k] + min(self._given_up(k + 1), 1.0))
            k -= 1
        return _second_widest(widths, col.min_lines)

    def _indented(self, j: int) -> bool:
        """Is line j a paragraph's first line: about two em shorter than the full
        lines right after it (measured on them, not on a wider window that may
        reach into the next article)?"""
        lines = self.lines
        if j + 1 >= len(lines):
            return False
        b, c = lines[j], lines[j + 1]
        if b.label not in _FLOW or c.label not in _FLOW or c.page != b.page or ends_unit(b.text):
            return False
        # the column is measured on the full lines after j, not on one that ends
        # short because a long Latin word could not be split onto it, nor on one
        # whose many Latin letters make its width a guess; of two full lines the
        # narrower (punctuation may be set narrow in one)
        excluded = self.col.excluded
        stop = min(j + 6, len(lines))
        if excluded:
            stop = next((k for k in range(j + 1, stop) if k in excluded), stop)
            #          (a headline below starts another text)
        ks = [k for k in range(j + 1, stop)
              if lines[k].label in _FLOW and lines[k].page == b.page and
              (k == j + 1 or not ends_unit(lines[k].text))]
        # (a line that gave a character up to the next, pushed down with its
        # mark, is as wide as the column with it — no wider than the column above)
        above = self.col.before(j)
        width, given_up, narrow = self.col.width, self._given, self.narrow
        reliable = self.p.get("narrow_reliable", 4)
        clean = [min(width[k] + given_up[k + 1],
                     max(above, width[k]) if above is not None else width[k])
                 for k in ks if given_up[k + 1] <= 1.0 and narrow[k] <= reliable]
        ref = _typical(clean, 2) if len(clean) >= 2 else None
        if ref is None and above is not None:
            # no two lines below agree on it (Latin letters, the paragraph's end,
            # a headline): the column above, the same measure, gives it — each
            # line there as wide as it is with the character it gave up
            ref = max(above, self._above_given(j) or 0.0)
        if ref is None:
            if not ks:
                return False
            ref = min(self.col.width[k] for k in ks[:2])
        lo, hi = self.p.get("indent_min", 1.5), self.p.get("indent_max", 2.6)
        short = ref - self.col.width[j]
        given = self._given_up(j + 1)
        under_end = j > 0 and ends_unit(lines[j - 1].text)     # a paragraph may start here
        tj = b.text
        split = under_end and len(tj) > 1 and tj[-1] in _HYPHENS and _ALNUM.match(tj[-2]) and \
            _ALNUM.match(c.text[0])
        if split:
            # a typesetter split the word at the end (mac-⏎hine) to fill the
            # line: none of it went down whole, so the shortness is the indent
            # (less the doubt about its Latin letters' width)
            given = self._slack(j)
        indent = short - given
        # (a Latin word after a Chinese character follows without a word space)
        room = given - 0.5 if _LATIN_HEAD.match(c.text) and not _ALNUM.match(tj[-1]) else given
        if not split and not lo <= indent <= hi and lo <= short < hi + given and \
                short - room >= self.p.get("push_room", 0.4) and under_end:
            # under a sentence's end, the start of the next line that could not
            # be given to line j did not fit an indented line (全天开放“⏎跑”…: no
            # room for 跑 there): a line set full would have kept it (it is
            # shorter than a push leaves a line). What went down leaves its line
            # short by less than its own width, not by exactly that: a line
            # short by more than a pushed Latin word and its space (项目采用了
            # digital⏎twin…) would have held the word set full, so an indent
            # took the room; the indent is what the room left unused cannot
            # explain, anywhere from the shortness less the word to the shortness
            indent = min(short, hi)
        # (or, on a page whose extractor kept no indent, the paragraph's short
        # last line: a paragraph of two lines under a sentence's end)
        c_full = ref - self.col.width[j + 1] <= self.p.get("full_tolerance", 1.0) or \
            not ends_unit(c.text) or (under_end and not self.pages[b.page].indent_informative and
                                      self.col.width[j + 1] <= ref + self._slack(j + 1))
        return lo <= indent <= hi and c_full

    def decide(self, i: int, open_bracket: bool = False, so_far: int = 1) -> tuple[bool, str]:
        """Join line i+1 to line i? Returns (join, reason). ``open_bracket``: the
        paragraph so far has a round bracket opened in its last few characters
        and not closed (（记者⏎邵明⏎远）): no paragraph ends inside it.
        ``so_far``: the lines of line i's paragraph so far, line i included."""
        a, b = self.lines[i], self.lines[i + 1]
        ta, tb = a.text, b.text
        if a.page != b.page:
            return False, "page break"
        habits = self.pages[a.page]
        if ta[-1] in _HYPHENS and len(ta) > 1 and _ALNUM.match(ta[-2]) and _ALNUM.match(tb[0]):
            return True, "line-end hyphen"
        if ta[-1] in _NO_END:
            return True, "line ends with an opening mark"
        if _SUB_OPENS.match(tb) and not _SENTENCE_MARK.search(ta):
            return False, "a sub's dash opens the next line under a headline"
        if open_bracket:
            return True, "a bracket opened just before is still open"
        if tb[0] in _NO_START:
            return True, "line starts with a mark that may not start a line"
        if self.bound is not None and self.bound.match(tb) and not ends_unit(ta) and \
                ta[-1] + tb[0] in grades():
            return True, "line starts with a character that ends the word the line above breaks"
        if b.blank_before and not habits.blank_noise:
            if self.p.get("dateline_goes_on", False) and self._lone_dateline(i):
                return True, "a dateline alone on its line opens the text under it"
            if self._goes_on(i):
                return True, "a sentence goes on across a blank line"
            return False, "blank line"
        if b.par_start and b.blank_before == 0 and b.bbox is not None:
            return False, "reader's paragraph start"
        if b.par_start is False and b.bbox is not None:
            return True, "the reader's geometry: the paragraph goes on"
        if self._pushed_down(i):
            return True, "a character went down with a mark that may not start a line"
        if (habits.indent_informative and b.indent > 0 and a.indent == 0 or
                habits.indent_informative and b.indent > a.indent > 0) and \
                (not self._full_mid_sentence(i) and not self._first_mid_sentence(i) or
                 self._crosshead(i)):
            if self._inside_word(i):
                return True, "a word goes on in the next line, whatever its indent"
            return False, "indented line"
        if self.opens is not None and self.opens.match(tb):
            return False, "a dateline opens the next line"
        if self._heads_a_caption(i):
            return False, "the line heads a photo's caption and credit: a headline"
        if self.unit(i) and not self._running(i, so_far > 1):
            if self._lost_indent_goes_on(i):
                return True, "a paragraph's first line, its indent dropped, goes on in the full line under it"
            return False, "short or wide line without sentence end"
        # a wider line after a column line starts something set across (a headline,
        # a caption); after a line about as wide (the same measure), text that
        # stops mid-sentence goes on
        if self.wide(i + 1) and (ends_unit(ta) or self._head_shaped(i + 1) or
                                 self.col.width[i + 1] - self.col.width[i] >
                                 self.p.get("indent_max", 2.6) + self._slack(i + 1) +
                                 _QUOTE_DOUBT * _quotes(tb)) and not self._inside_word(i):
            return False, "next line is wider than the column"
        final = ends_unit(ta)
        if final and self.unit(i + 1):
            return False, "next line stands alone"
        if final and self._heads_a_caption(i + 1):
            return False, "next line heads a photo's caption and credit"
        if final and self._leads_into_unit(i + 1):
            return False, "next line leads into a line that stands alone"
        if final and not ends_unit(tb) and self._last_of_run(i + 1):
            return False, "next line ends its column without a sentence end"
        if not final and self._heads_a_paragraph(i):
            return False, "a line without marks between a paragraph's end and an indented first line: a heading"
        if not final:
            if self._heads_a_report(i + 1):
                return False, "the next lines head a report: its headline, not this sentence's end"
            if self._heads_a_report_alone(i + 1):
                return False, "the next line heads the report under it: its headline, not this sentence's end"
            if self._heads_a_byline(i + 1):
                return False, "the next line stands over a byline line: its headline, not this sentence's end"
            return True, "sentence goes on"
        return self._after_sentence_end(i, so_far > 2)

    def _running(self, i: int, entered: bool) -> bool:
        """Is line i running text that a sentence entered and leaves open: in
        its paragraph after a line that stopped mid-sentence, and stopping on a
        Chinese character itself? Such a line is no headline standing alone,
        however much wider it looks than a narrow column's ragged neighbours (a
        dash of two em, a character pushed down with a mark), nor however short
        (a column's last line beside a photo, or one that a broken reading
        order left mid-sentence: the sentence goes on in the next line). One
        of the two shows a mark of a sentence, a bracket or a dash inside it:
        the lines of a headline stack, which hold none, stand alone."""
        if not entered or i == 0:
            return False
        above, text = self.lines[i - 1].text, self.lines[i].text
        return self.lines[i - 1].page == self.lines[i].page and not ends_unit(above) and \
            _HAN_END.search(above) is not None and _HAN_END.search(text) is not None and \
            (_sentence_marked(above) or _sentence_marked(text))

    def _lost_indent_goes_on(self, i: int) -> bool:
        """Is line i, short and stopping mid-sentence, a paragraph's first line
        whose indent the extractor dropped? It opens a paragraph (under a
        sentence's end or a heading), holds a mark of a clause (text: a headline that holds
        one stands over a dateline, a byline or an indented first line, not over
        running text), and the line under it is a full line that is not itself
        indented, on a page whose paragraphs start indented. A headline or a
        byline standing alone has a new start under it; this line's sentence
        runs on into a full line."""
        if i == 0 or i + 1 >= len(self.lines):
            return False
        a, b, c = self.lines[i - 1], self.lines[i], self.lines[i + 1]
        if a.page != b.page or c.page != b.page or c.label not in _FLOW:
            return False
        if not (ends_unit(a.text) or a.label not in _FLOW or self.unit(i - 1)):
            return False     # (a paragraph opens under a sentence's end or a heading)
        text = b.text
        if ends_unit(text) or not _HAN_END.search(text) or not _CLAUSE_MARK.search(text[:-1]):
            return False
        if self._wide_of[i] or self.opens is not None and self.opens.match(c.text):
            return False
        short, below = self.short_by(i), self.short_by(i + 1)
        if short is None or below is None or below > self.p.get("full_tolerance", 1.0) + self._slack(i + 1):
            return False
        if short > self.p.get("indent_max", 2.6) + self.p.get("unit_short", 4.0) or self._indented(i + 1):
            return False
        return self._indents_paragraphs(b.page)

    def _full_first_line(self, i: int, deficit: float) -> bool:
        """Is line i, short by an indent and ending a sentence, the first line of a
        paragraph that goes on? Only on a page whose paragraphs start indented
        (an extractor that drops the indent's spaces leaves them two em short):
        line i opens a paragraph, is short by about the indent, and the line after
        it is a full line, not itself indented as the next paragraph's would be."""
        if not (self.p.get("indent_min", 1.5) <= deficit <= self.p.get("indent_max", 2.6)):
            return False
        if i == 0 or not ends_unit(self.lines[i - 1].text) or self._indented(i + 1):
            return False
        if self.short_by(i + 1) is None or self.short_by(i + 1) > self.p.get("full_tolerance", 1.0):
            return False
        return self._indents_paragraphs(self.lines[i].page)

    def _indents_paragraphs(self, page: int) -> bool:
        """Do this page's paragraphs start with an indented line? Of the lines
        that follow a short line ending a sentence (a paragraph's end), most
        are short by about the indent."""
        got = self._indent_habit.get(page)
        if got is None:
            lo, hi = self.p.get("indent_min", 1.5), self.p.get("indent_max", 2.6)
            shorts = [self.short_by(j) for j in range(1, len(self.lines) - 1)
                      if self.lines[j].page == page and self.lines[j].label in _FLOW and
                      ends_unit(self.lines[j - 1].text) and
                      (self.short_by(j - 1) or 0) >= self.p.get("short_last_line", 1.0)]
            indented = sum(1 for w in shorts if w is not None and lo <= w <= hi)
            got = indented >= 2 and indented * 2 > len(shorts)
            self._indent_habit[page] = got
        return got

    def _goes_on(self, i: int) -> bool:
        """A full line that stops mid-sentence cannot end a paragraph, blank line or
        not: OCR and some extractors put a blank line where a column or block ends."""
        text = self.lines[i].text
        if ends_unit(text) or self.unit(i + 1) and not self._inside_word(i) or self._indented(i + 1) or \
                self.opens is not None and self.opens.match(self.lines[i + 1].text):
            return False    # (a dateline opens a report: 机器人，负责⏎【記者孫詠晴／…】)
        if self.lines[i].blank_before >= 2 and not _ANY_MARK.search(text):
            return False    # a phrase set apart by blank lines on both sides: a headline
        if self._lone_phrase(i):
            return False    # a phrase alone in its block under a sentence's end, over a paragraph's start
        if _SUB_OPENS.match(text) and not _SENTENCE_MARK.search(text):
            return False    # a subheadline (——记…见闻) ends at its line: no sentence runs on from it
        nxt = self.lines[i + 1]
        if nxt.blank_before >= 2 and not _ANY_MARK.search(nxt.text) and \
                len(nxt.text) <= self.p.get("unit_max_chars", 40):
            return False    # a phrase after two blank lines or more heads what follows
        if self._block_of_a_phrase(i + 1) and not self._inside_word(i):
            return False    # a short phrase that is a block of its own: a headline's line
        if _CLAUSE_TAIL.search(text) or _clause_open(self._with_line_above(i).rstrip()):
            return True     # a clause just begun (，最繁忙的时候，每) or left open (一场马拉松，):
            # running text, never a paragraph's or a unit's end
        if self.unit(i):
            return False
        if self._inside_word(i):
            return True     # a word broken at the line's end goes on past the blank line
        short = self._shortness(i)
        if short is not None and short <= self.p.get("full_tolerance", 1.0):
            return True
        return self.p.get("first_line_goes_on", False) and self._first_line_open(i)

    def _first_line_open(self, i: int) -> bool:
        """Is line i a paragraph's indented first line (short of its column by
        an indent, ``indent_min`` to ``indent_max``, under a sentence's end or
        no body line) of running text (a mark of a sentence in it) that stops
        mid-sentence on a Chinese character, over a line of running text? A paragraph of one line ends its sentence: the
        first line goes on in the next, whatever blank line the extractor put
        between (pdfminer.six makes a box of a paragraph's first line apart
        from the rest where the indent leaves its left edge unaligned)."""
        a, b = self.lines[i].text, self.lines[i + 1].text
        if not _HAN_END.search(a) or not _SENTENCE_MARK.search(a) or not _SENTENCE_MARK.search(b):
            return False
        if i > 0:
            above = self.lines[i - 1]
            if above.page == self.lines[i].page and above.label in _FLOW and not ends_unit(above.text):
                return False    # a line inside a paragraph (short: OCR lost glyphs of it)
        short = self.short_by(i)
        return short is not None and \
            self.p.get("indent_min", 1.5) <= short <= self.p.get("indent_max", 3.5)

    def _lone_dateline(self, i: int) -> bool:
        """Is line i only a report's opening dateline and its byline in brackets
        (中新社枫林8月24日电（记者 郝思彤）), over a line of running text (a mark
        of a sentence in it, no dateline of its own)? The report's text goes on
        in that line: the dateline opens its first paragraph, whatever blank
        line the extractor put after it (pdfminer.six boxes a bold dateline
        apart from the text)."""
        if self.opens is None:
            return False
        a, b = self.lines[i], self.lines[i + 1]
        m = self.opens.match(a.text)
        return m is not None and a.page == b.page and b.label in _FLOW and \
            _BYLINE_BRACKET.fullmatch(a.text[m.end():]) is not None and \
            _SENTENCE_MARK.search(b.text) is not None and self.opens.match(b.text) is None

    def _with_line_above(self, i: int) -> str:
        """Line i's text, after the line above it where no blank line parts
        them (a quote the block opened there is still open)."""
        a = self.lines[i]
        if i > 0 and not a.blank_before and self.lines[i - 1].page == a.page:
            return self.lines[i - 1].text + a.text
        return a.text

    def _lone_phrase(self, i: int) -> bool:
        """Is line i a block of its own (a blank line above and below) with no
        mark at all, under a sentence's end (or no body line), not broken inside
        a word onto the line below, over a line that opens a paragraph (a
        dateline, or short of its column by an indent: indent_min to
        indent_max)? A sentence that goes on across a blank line has begun in
        the block above; a phrase that starts after a finished sentence, alone
        in its block, over a new paragraph, is a headline's line that OCR read
        between two blocks of a column, however full it looks. (A paragraph's
        first line that an extractor boxed apart, as pdfminer.six does, has its
        paragraph's full second line under it.)"""
        if not self.p.get("lone_phrase", False) or i + 1 >= len(self.lines):
            return False
        a, b = self.lines[i], self.lines[i + 1]
        if not (a.blank_before and b.blank_before) or a.page != b.page or self.marked[i] or \
                len(a.text) > self.p.get("unit_max_chars", 40):
            return False
        if i > 0:
            above = self.lines[i - 1]
            if above.page == a.page and above.label in _FLOW and not ends_unit(above.text):
                return False
        if self._inside_word(i):
            return False
        if self.opens is not None and self.opens.match(b.text):
            return True
        short = self.short_by(i + 1)
        return short is not None and self.p.get("indent_min", 1.5) <= short <= self.p.get("indent_max", 3.5)

    def _block_of_a_phrase(self, j: int) -> bool:
        """Are line j and the line after it each a block of its own (a blank
        line above and below), both free of any mark? Text that goes on across
        a blank line ends its sentence in the block it goes on in, or fills it;
        two lone phrases in a row are a headline stack (a kicker and its main
        that OCR read between two blocks of a column)."""
        lines = self.lines
        if j + 2 >= len(lines):
            return False
        b, c, d = lines[j], lines[j + 1], lines[j + 2]
        return bool(b.blank_before and c.blank_before and d.blank_before) and \
            b.page == c.page == d.page and c.label in _FLOW and \
            not self.marked[j] and not self.marked[j + 1]

    def _inside_word(self, i: int) -> bool:
        """Does line i stop mid-sentence inside a word of Chinese that the next
        line completes (成绩提|高了, 生活指|导同样)? No paragraph ends there: an
        indent the extractor shows on the next line is drift (a -layout column
        beside a photo, a line pushed by the one above)."""
        a, b = self.lines[i].text, self.lines[i + 1].text.strip()
        if ends_unit(a) or not _HAN_END.search(a) or self.unit(i):
            return False
        return breaks_inside_word(a, b, self.word_grade)

    def _pushed_down(self, i: int) -> bool:
        """Does line i stop on a Chinese character mid-sentence, short of its
        column by no more than an indent and a character, while the next line
        starts with one character and a mark that may not start a line? The
        typesetter pushed that character down with its mark (在青川镇中心小⏎学，
        记者…): the sentence goes on, whatever indent the extractor's drift shows."""
        ta, tb = self.lines[i].text, self.lines[i + 1].text
        if len(tb) < 2 or tb[1] not in _NO_START or ends_unit(ta) or not _HAN_END.search(ta):
            return False     # (the rare mark first: asked at every break)
        short = self.short_by(i)
        return short is not None and short <= self.p.get("indent_max", 2.6) + 1.5

    def _crosshead(self, i: int) -> bool:
        """Is line i, shown without an indent right under a paragraph's end and
        over an indented line, a crosshead: no mark of a sentence in it? A line
        after a paragraph's end starts something; a paragraph would show its
        indent, so this one is a heading, however full it is."""
        a = self.lines[i]
        if i == 0 or a.indent > 0 or _SENTENCE_MARK.search(a.text):
            return False
        above = self.lines[i - 1]
        return above.page == a.page and above.label in _FLOW and ends_unit(above.text)

    def _full_mid_sentence(self, i: int) -> bool:
        """Does line i fill its column (no wider: a headline) and stop on a
        Chinese character, mid-sentence? No paragraph ends so: an indent seen on
        the next line is the extractor's drift (-layout sets Han wider than its
        character cells), not a paragraph start."""
        text = self.lines[i].text
        if ends_unit(text) or not _HAN_END.search(text):
            return False
        short = self.short_by(i)
        return short is not None and abs(short) <= self.p.get("full_tolerance", 1.0)

    def _first_mid_sentence(self, i: int) -> bool:
        """Is line i a paragraph's first line whose indent the extractor gave
        to the line under it: it opens after a sentence end, is short by about
        the indent, shows none itself and stops on a Chinese character,
        mid-sentence? A paragraph of one such line does not end there."""
        a = self.lines[i]
        if a.indent > 0 or i == 0 or not ends_unit(self.lines[i - 1].text) or \
                ends_unit(a.text) or not _HAN_END.search(a.text):
            return False
        short = self.short_by(i)
        return short is not None and \
            self.p.get("indent_min", 1.5) <= short <= self.p.get("indent_max", 2.6)

    def _pair_measure(self, i: int) -> float | None:
        """The column of a body too short to measure it without lines i and
        i+1 (a report of four lines): the typical width of the text lines from
        the one above i to the one under i+1, these two included: the widest
        that two of them share (within half an em). Two lines of one width are
        the column's full lines, whatever ends them; one wide line alone
        measures nothing."""
        lines, width = self.lines, self.col.width
        page = lines[i].page
        near = [width[k] for k in range(max(0, i - 1), min(len(lines), i + 3))
                if lines[k].page == page and lines[k].label in _FLOW]
        shared = [w for w in near if sum(1 for v in near if abs(v - w) <= 0.5) >= 2]
        return max(shared, default=None)

    def _after_sentence_end(self, i: int, joined: bool = False) -> tuple[bool, str]:
        before = self.col.before(i)
        after_b = self.col.after(i + 1)
        ref = [w for w in (before, after_b) if w is not None]
        if not ref:
            width = self._pair_measure(i)
            if width is None:
                return False, "sentence end on a lone line"
            ref = [width]
        width = min(ref)
        if joined and before is not None and not ends_unit(self.lines[i - 1].text) and \
                self._slack(i - 1) == 0:
            # the line above in the paragraph (not its first, whose indent is a
            # guess) goes on: the paragraph's column is at least that wide (up to
            # the column above), whatever short lines of the next paragraphs say
            width = max(width, min(self.col.width[i - 1], before))
        deficit = width - self.col.width[i] - self._given_up(i + 1)
        if deficit >= self.p.get("short_last_line", 1.0) + self._slack(i):
            if not self._full_first_line(i, deficit):
                return False, "short last line"
        # a full line that ends a sentence: a break only if b is an indented first line
        if self._indented(i + 1):
            return False, "next line is indented"
        return True, "full line"


# ---------------------------------------------------------------- glue
@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "english-words.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split())


class Glue:
    """The glue between two joined lines, with J302/J303/J304 decisions."""

    def __init__(self, state: State, lines: list[Line]) -> None:
        self.state = state
        self.lines = lines
        self.on = state.rules.on
        self.spacing = state.opts.spacing
        self._lower: str | None = None
        byline = state.rules.param("J303", "open_pattern")
        self.byline_open = byline
        self.name_head = state.rules.param("J303", "head_pattern")
        self.role_tail = state.rules.param("J303", "role_tail_pattern")
        self.role_then_name = state.rules.param("J303", "role_then_name_pattern")
        self.role_glued = state.rules.param("J303", "role_glued_pattern")
        self.role = state.rules.param("G509", "role_pattern")

    def lower_text(self) -> str:
        if self._lower is None:
            # the page's own words decide a hyphen; joined only when one arises
            self._lower = " ".join(line.text for line in self.lines).lower()
        return self._lower

    def hyphen(self, a: str, b: str) -> tuple[str, str]:
        """(new a, glue) for a line ending in a hyphen before an alnum line start."""
        mark = a[-1]
        left_m = _WORD_TAIL.search(a[:-1])
        right_m = _WORD_HEAD.match(b)
        left = left_m.group(0) if left_m else ""
        right = right_m.group(0) if right_m else ""
        if not self.on("J302"):
            return a, ""
        if mark in "\u00ad\u00ac":
            return a[:-1], ""
        if not left or not right or any(c.isdigit() for c in left + right) or right[0].isupper():
            return a, ""
        hyphenated = (left + "-" + right).lower()
        joined = (left + right).lower()
        text = self.lower_text()
        if text.count(hyphenated) > 0:
            return a, ""
        if text.count(joined) > 0 or (joined in english_words() and right[0].islower()):
            return a[:-1], ""
        # a compound joins words (real-time, end-to-end); a typesetter splits one
        # word into pieces that are not words (interop-erability)
        words = english_words()
        if len(left) >= 3 and len(right) >= 3 and left[1:].islower() and right.islower() and \
                left.isalpha() and right.isalpha() and \
                (left.lower() not in words or right not in words):
            return a[:-1], ""
        return a, ""

    def byline_gap(self, a: str, b: str) -> str:
        """The separator to restore between two names a line break split apart."""
        if not self.on("J303") or self.byline_open is None:
            return ""
        m = self.byline_open.search(a)
        if m is None:
            return ""
        inner = m.group("inner")
        sep_m = re.search(r"[ \u3000、]", inner)
        sep = sep_m.group(0) if sep_m else " "
        tail = re.split(r"[ \u3000、]", inner)[-1]
        if not inner.strip():
            # （记者 | 张伟）: a space, unless this bracket writes role and name
            # together further on (（记者⏎方静怡 通讯员邵明远）)
            if not _HAN_START.match(b):
                return ""
            rest = b.split("）", 1)[0].split(")", 1)[0]
            return "" if self.role_glued.search(rest) else " "
        if self.role_tail.search(inner):
            # a role ends the line (记者赵磊 通讯员 | 孙悦): its name follows it the
            # way the first name in the bracket follows its role
            return "" if self.role_then_name.match(inner) else " "
        if self.role is not None:
            r = self.role.match(tail + b)
            if r is not None and r.end() > len(tail):
                return ""        # a role cut at the line end (通讯⏎员邹敏): one word
        if _NAME.fullmatch(tail) and self.name_head.match(b):
            return sep
        return ""

    def between(self, a: str, b: str) -> tuple[str, str, str]:
        """(new a, glue, rule code) for joining a and b."""
        if a[-1] in _HYPHENS and len(a) > 1 and _ALNUM.match(a[-2]) and _ALNUM.match(b[0]):
            new_a, glue = self.hyphen(a, b)
            return new_a, glue, "J302"
        gap = self.byline_gap(a, b)
        if gap:
            return a, gap, "J303"
        if _ASCII_TAIL.search(a) and _ASCII_HEAD.match(b) and self.on("J304"):
            return a, " ", "J304"
        if self.spacing == "pangu" and self.on("J304") and (
                (_HAN_END.search(a) and _ASCII_HEAD.match(b) and b[0] not in "([") or
                (_ASCII_TAIL.search(a) and a[-1] not in ")]" and _HAN_START.match(b))):
            return a, " ", "J304"
        return a, "", ""


# ---------------------------------------------------------------- stage
def merge_fragments(state: State) -> None:
    """J306: a run of one-character lines is one printed line an extractor cut up.

    Extractors that emit each glyph of a stretched line as its own span print
    发⏎布⏎期⏎。⏎从⏎GLM-4.5到 for the printed line 发布期。从GLM-4.5到: the run and
    the line after it are joined back before any break is decided.
    """
    if not state.rules.on("J306"):
        return
    min_run = int(state.rules.param("J306", "min_run", 2))
    lines = state.lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].label in _FLOW and len(lines[j].text) == 1 and \
                lines[j].page == lines[i].page:
            j += 1
        if j - i < min_run:
            out.append(lines[i])
            i += 1
            continue
        if j < len(lines) and lines[j].label in _FLOW and lines[j].page == lines[i].page:
            j += 1
        first = lines[i]
        text = "".join(l.text for l in lines[i:j])
        state.tracer.decide("J306", "join", first, "\u23ce".join(l.text for l in lines[i:j]), text,
                            "%d lines were one printed line" % (j - i))
        first.text = text
        out.append(first)
        i = j
    state.lines[:] = out
    _merge_split_tails(state, int(state.rules.param("J306", "tail_max", 8)),
                       int(state.rules.param("J306", "reach", 8)))


def _merge_split_tails(state: State, tail_max: int, reach: int) -> None:
    """A short line that opens a quote or bracket and fills out the line above to
    the column's width is that printed line's tail: an extractor started a new
    line at the font change of the opening mark (…效果。⏎“原来机器)."""
    lines = state.lines
    widths = [em_width(l.text) if l.label in _FLOW else 0.0 for l in lines]
    keep = [True] * len(lines)
    opens = state.rules.rules["J301"].params.get("dateline_pattern") if "J301" in state.rules.rules else None
    for j in range(1, len(lines)):
        a, b = lines[j - 1], lines[j]
        if not keep[j - 1] or b.label not in _FLOW or a.label not in _FLOW or \
                a.page != b.page or len(b.text) > tail_max or b.text[0] not in _OPENERS or \
                ends_unit(b.text) or (opens is not None and opens.match(b.text)):
            continue    # (a dateline in brackets opens a report, it ends no line)
        # the column: the third widest line nearby (paragraph ends, crossheads
        # and other cut lines are narrower; a stray wide line is outvoted)
        near = sorted((widths[k] for k in range(max(0, j - reach), min(len(lines), j + reach + 1))
                       if k not in (j - 1, j) and lines[k].label in _FLOW
                       and lines[k].page == b.page), reverse=True)
        if len(near) < 3:
            continue
        column = near[2]
        # the line above must be a line the tail was cut from, not a paragraph's
        # short last line (信息？⏎“驾驶员也能 opens a new paragraph)
        if abs(widths[j - 1] + widths[j] - column) <= 1.5 and widths[j - 1] < column - 0.5 and \
                widths[j - 1] >= column / 2:
            state.tracer.decide("J306", "join", b, a.text[-6:] + "\u23ce" + b.text,
                                a.text[-6:] + b.text, "the tail of the line above")
            a.text += b.text
            widths[j - 1] += widths[j]
            keep[j] = False
    state.lines[:] = [l for l, k in zip(lines, keep) if k]


def run(state: State) -> None:
    merge_fragments(state)
    # furniture is already recorded; a paragraph may go on across a running head
    lines = [line for line in state.lines if line.label != FURNITURE]
    state.blocks = []
    if not lines:
        return
    params = state.rules.rules["J301"].params if "J301" in state.rules.rules else {}
    decide_on = state.rules.on("J301")
    decider = Decider(lines, params)
    glue = Glue(state, lines)
    tracer = state.tracer
    block = _new_block(lines[0])
    block.wide = lines[0].label in _FLOW and decider.wide(0)
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        # the paragraph's end so far: a bracket may have opened a line or two above
        # (新华社北京8月11日电（记者⏎邵明⏎远）)
        join, reason, code = _join(a, b, i, decider, decide_on, state, "".join(block.parts[-2:]),
                                   len(block.lines))
        if not join:
            if code:
                tracer.decide(code, "break", b, a.text[-6:] + "\u23ce" + b.text[:6],
                              a.text[-6:] + "\u00b6" + b.text[:6], reason)
            state.blocks.append(block)
            block = _new_block(b)
            block.wide = b.label in _FLOW and decider.wide(i + 1)
            continue
        last = block.parts[-1]
        new_last, g, gcode = glue.between(last, b.text)
        if code == "J305" and not g and a.phrase_space_after:
            g = "\u3000"    # a dateline set apart from its text by a space (本报讯　经过…)
        if code:
            tracer.decide(code, "join", b, a.text[-6:] + "\u23ce" + b.text[:6], a.text[-6:] + g + b.text[:6],
                          reason)
        if gcode and (new_last != last or g):
            tracer.edit(gcode, a.page, a.lineno, len(new_last), last + "\u23ce" + b.text,
                        len(new_last), len(last) + 1, g)
        block.parts[-1] = new_last
        block.parts.append(b.text)
        block.glue.append(g)
        block.lines.append(b)
    state.blocks.append(block)


def _new_block(line: Line) -> Block:
    kind = BODY if line.label == DATELINE else line.label
    return Block(kind, [line], [line.text], [], line.rule)


def _join(a: Line, b: Line, i: int, decider: Decider, decide_on: bool,
          state: State, block_text: str = "", so_far: int = 1) -> tuple[bool, str, str]:
    """(join?, reason, rule code to record) for the break between a and b;
    ``so_far``: the lines of a's paragraph so far, a included."""
    if a.label == DATELINE and b.label in _FLOW and a.page == b.page and state.rules.on("J305"):
        return True, "a dateline opens the paragraph below it", "J305"
    if a.label in _MULTILINE and b.label == a.label and b.par_start is False:
        return True, "the unit goes on", ""
    if a.label == CLOSING and b.label in _FLOW and a.page == b.page and decide_on and \
            _CLOSING_OPEN.search(a.text) and _CLOSES_LINE.match(b.text):
        return True, "the closing line's bracket closes on the next line", "J301"
    if a.label not in _FLOW or b.label not in _FLOW or b.label == NOTE:
        return False, "different kind of line", ""
    if not decide_on:
        return False, "line-break decision switched off", ""
    join, reason = decider.decide(i, _bracket_open(block_text), so_far)
    return join, reason, "J301"


def _sentence_marked(text: str) -> bool:
    """Does the line hold a mark of a sentence, a bracket, or a dash after
    its start (a sub's opening dash is no sentence's)?"""
    return _ANY_MARK.search(text) is not None or "\u2014\u2014" in text.lstrip(" \u3000\u2014-")


def _bracket_open(text: str, reach: int = 24) -> bool:
    """A round bracket opened within the last ``reach`` characters, not closed,
    and no sentence ended since (a bracket left open by damaged text is none).

    >>> _bracket_open("新华社北京8月11日电（记者"), _bracket_open("（完）"), _bracket_open("站点18（座。")
    (True, False, False)
    """
    return _open_bracket(reach).search(text[-reach - 1:]) is not None


@functools.lru_cache(maxsize=None)
def _open_bracket(reach: int) -> re.Pattern:
    return re.compile("[（(][^（）()。！？]{0,%d}$" % reach)


def assemble_lines(lines: list[Line], opts: Options = Options()) -> list[Block]:
    """Assemble lines into blocks with the shipped rules (for examples and tests)."""
    state = State(lines, load_rules(), opts, Document(source="", doc_id=""))
    run(state)
    return state.blocks
