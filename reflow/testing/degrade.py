"""Degradations: what PDF extractors and OCR engines do to a printed page, done on purpose.

``wrap`` sets a ``PageSpec`` into a column of a given width, as a typesetter
would (first-line indents, marks that may not start or end a line, Latin words
kept whole or hyphenated at a line end), and prints it the way an extractor
does: one text line per printed line. The other degradations take a
``Degraded`` page and damage it further: justified lines letter-spaced, OCR
spaces between characters, a blank line after every line, a headline moved
after its body, running heads inside the text stream, columns merged, printed
side by side or interleaved. Each one records the truth it destroys as a
``Damage``, so a property can check that a cleaner gives it back.

Pure functions of their arguments (randomness comes from an explicit
``seed``); no hypothesis needed. They do not draw pages: ``strategies`` does.

>>> from reflow.testing.spec import ArticleSpec, PageSpec
>>> page = PageSpec((ArticleSpec(("第一，引领创新，驱动技术新突破。鼓励开源合作创新，分享成果。",
...                               "第二，培育生态。"), headline="开源合作"),))
>>> d = wrap(page, width=10)
>>> print(d.raw, end="")
开源合作
第一，引领创新，
驱动技术新突破。鼓励
开源合作创新，分享成
果。
第二，培育生态。
>>> print(blank_lines(d).raw.count("\\n\\n"))
6
>>> [x.name for x in letter_space(d, share=1.0).damage]
['wrap', 'letter_space']
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from typing import Iterable

from .spec import ArticleSpec, PageSpec

# Marks that may not start a line and marks that may not end one (GB/T 15834).
NO_START = set("，。、；：？！）》」』】〕〉”’…—%‰·,.;:?!)]}")
NO_END = set("（《「『【〔〈“‘([{")
CLOSE_SENTENCE = set("。！？")
HYPHENS = {"-": "ASCII hyphen-minus", "\u2010": "U+2010 HYPHEN (WeasyPrint)",
           "\u00ad": "U+00AD SOFT HYPHEN (Typst)", "\u00ac": "NOT SIGN (ABBYY)"}

_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2015\u2018"
                   "\u2019\u201c\u201d\u2026\u00b7\U00020000-\U0003fffd]")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-%+']*[A-Za-z0-9%]|[A-Za-z0-9]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                  "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\U00020000-\U0003134f]")
# the bracket of an opening dateline or byline: （记者 张伟）, 【本報訊】, 【記者林怡君／南嶼報導】
_OPENING = re.compile("^[^（(【]{0,24}([（(](?=[^（）()]{0,2}(?:记者|記者|通讯员|通訊員))[^（）()]{0,40}[）)]"
                      "|【[^【】]{0,40}】)")


def em(text: str) -> float:
    """Printed width in em: Han and Chinese marks one, Latin letters, digits and spaces half.

    >>> em("GLM-4.5发布"), em("新型载体")
    (5.5, 4.0)
    """
    return sum(1.0 if _WIDE.match(c) else 0.5 for c in text)


# ---------------------------------------------------------------- the record
@dataclass(frozen=True)
class Line:
    """One text line of the degraded page and what it was in print.

    ``role`` is furniture, kicker, headline, subheadline, byline, body, caption,
    credit, closing, continuation or blank; ``article``/``para`` index the
    truth; ``first``/``last`` say whether it opens or ends its paragraph.
    """
    text: str
    role: str
    article: int | None = None
    para: int | None = None
    first: bool = False
    last: bool = False


@dataclass(frozen=True)
class Damage:
    """What one degradation destroyed: its name, in words, and exactly what."""
    name: str
    destroyed: str
    detail: tuple = ()


class Degraded:
    """A damaged page: its text lines, the truth it was made from, and every damage done.

    Immutable by convention: every degradation returns a new one. Its ``repr`` is
    short (width, damage, raw text), so a hypothesis failure shows the page itself.
    """
    __slots__ = ("page", "lines", "width", "damage")

    def __init__(self, page: PageSpec, lines: tuple[Line, ...], width: int,
                 damage: tuple[Damage, ...] = ()) -> None:
        self.page = page
        self.lines = tuple(lines)
        self.width = width
        self.damage = tuple(damage)

    @property
    def raw(self) -> str:
        """The raw text a cleaner gets: the lines joined by line breaks."""
        return "".join(line.text + "\n" for line in self.lines)

    @property
    def names(self) -> tuple[str, ...]:
        """The degradations applied, in order."""
        return tuple(d.name for d in self.damage if d.name != "ambiguous")

    @property
    def ambiguous(self) -> tuple:
        """Paragraph starts (article, paragraph) that no cleaner can see in this text."""
        return next((d.detail for d in self.damage if d.name == "ambiguous"), ())

    def then(self, lines: Iterable[Line], damage: Damage) -> "Degraded":
        return Degraded(self.page, tuple(lines), self.width, self.damage + (damage,))

    def describe(self) -> str:
        """The raw text and what was done to it, for a test's failure note."""
        head = "degraded page (width %d em; %s):" % (self.width, ", ".join(self.names))
        return head + "\n" + "\n".join("  |" + line.text for line in self.lines)

    def __repr__(self) -> str:
        return "Degraded(width=%d, damage=%r, raw=%r)" % (self.width, self.names, self.raw)

    def _repr_pretty_(self, p, cycle) -> None:   # hypothesis and IPython print this
        p.text(repr(self))


# ---------------------------------------------------------------- typesetting
def _units(text: str) -> list[str]:
    """Unbreakable pieces of a text: a Han character or mark, a Latin word, a space,
    a two-em dash or ellipsis."""
    out: list[str] = []
    i = 0
    while i < len(text):
        m = _LATIN.match(text, i)
        if m:
            out.append(m.group(0))
            i = m.end()
        elif text[i] in "—…" and text[i + 1:i + 2] == text[i]:
            out.append(text[i:i + 2])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return out


def _is_word(unit: str) -> bool:
    return bool(_LATIN.fullmatch(unit))


class _Setter:
    """Greedy line filling of one paragraph into a column of ``width`` em."""

    def __init__(self, width: int, kinsoku: str, hyphen: str | None) -> None:
        self.width = width
        self.kinsoku = kinsoku
        self.hyphen = hyphen
        self.split: list[tuple[str, str]] = []      # (word, part before the hyphen)
        self.lexical_breaks: list[str] = []

    def set(self, text: str, first_width: float) -> list[str]:
        lines: list[str] = []
        cur: list[str] = []
        room = first_width
        pending = _units(text)
        pending.reverse()
        while pending:
            u = pending.pop()
            used = em("".join(cur))
            if used + em(u) <= room or not cur:
                if cur or u != " ":
                    cur.append(u)
                continue
            carry = self._overflow(cur, u, room - used)
            if carry is None:          # the unit hung into the margin
                continue
            lines.append("".join(cur).rstrip(" "))
            cur, room = [], self.width
            while carry and carry[0] == " ":
                carry.pop(0)
            pending.extend(reversed(carry))
        if cur:
            lines.append("".join(cur).rstrip(" "))
        return [line for line in lines if line]

    def _overflow(self, cur: list[str], u: str, left: float) -> list[str] | None:
        """End the line ``cur`` before unit ``u``; returns the units that open the
        next line, or None when ``u`` stays on this line (a hanging mark)."""
        if u == " ":
            return []
        if u[0] in NO_START:
            if self.kinsoku == "hang" and len(u) == 1 and cur[-1][-1:] not in NO_START:
                cur.append(u)
                return None
            carry = [u]
            while len(cur) > 1 and (carry[0][0] in NO_START or cur[-1][-1] in NO_END):
                carry.insert(0, cur.pop())
            return carry
        if _is_word(u):
            head, tail = self._break_word(u, left)
            if head:
                cur.append(head)
                return [tail]
        carry = [u]
        while len(cur) > 1 and cur[-1][-1] in NO_END:
            carry.insert(0, cur.pop())
        return carry

    def _break_word(self, word: str, left: float) -> tuple[str, str]:
        """Where a Latin word may break at a line end: after a lexical hyphen, or
        at a typesetter's hyphen in a long lowercase word."""
        cuts = [k + 1 for k, c in enumerate(word[:-1]) if c == "-" and k > 0]
        fits = [k for k in cuts if em(word[:k]) <= left]
        if fits:
            self.lexical_breaks.append(word)
            return word[:fits[-1]], word[fits[-1]:]
        if self.hyphen is None or not word.isalpha() or not word.islower() or len(word) < 7:
            return "", word
        ks = [k for k in _syllable_cuts(word) if em(word[:k]) + 0.5 <= left]
        if not ks:
            return "", word
        self.split.append((word, word[:ks[-1]]))
        return word[:ks[-1]] + self.hyphen, word[ks[-1]:]


_VOWELS = set("aeiouy")


def _syllable_cuts(word: str) -> list[int]:
    """Break points a hyphenator would allow, roughly: V-CV and VC-CV, three letters
    kept on each side (inter-na-tion-al).

    >>> _syllable_cuts("international")
    [5, 7, 10]
    """
    v = [c in _VOWELS for c in word]
    return [k for k in range(3, len(word) - 2)
            if (v[k - 1] and not v[k] and v[k + 1])
            or (v[k - 2] and not v[k - 1] and not v[k] and v[k + 1])]


def wrap(page: PageSpec, width: int = 14, indent: str = "short", kinsoku: str = "hang",
         hyphen: str | None = None) -> Degraded:
    """Set every paragraph of ``page`` into a column ``width`` em wide, one text line per
    printed line, as default pdftotext and PyMuPDF print a single column.

    ``indent`` is how the two-em first-line indent survives extraction: "short"
    (a first line two em shorter, the commonest), "spaces" (two U+3000) or
    "none" (lost: then a full last line leaves no trace of the paragraph end).
    ``kinsoku`` "hang" lets one closing mark hang into the margin, "push" moves
    the last character down with it. ``hyphen`` (``-``, U+2010, U+00AD, ``¬``)
    splits long lowercase English words at a line end; None pushes them down.
    Headlines, byline lines, credits and furniture are one line each, captions
    and closing lines wrap like the body.

    >>> page = PageSpec((ArticleSpec(("采用了international collaboration（国际合作）的方法。",)),))
    >>> print(wrap(page, width=9, hyphen="-").raw, end="")
    采用了interna-
    tional collabora-
    tion（国际合作）的
    方法。
    >>> print(wrap(page, width=9, indent="spaces").raw, end="")
    　　采用了
    international
    collaboration（国
    际合作）的方法。
    """
    if indent not in ("short", "spaces", "none"):
        raise ValueError("indent must be short, spaces or none, not %r" % indent)
    if hyphen is not None and hyphen not in HYPHENS:
        raise ValueError("hyphen must be one of %s or None" % ", ".join(map(repr, HYPHENS)))
    setter = _Setter(width, kinsoku, hyphen)
    lines = [Line(t, "furniture") for t in page.running_head]
    for k, art in enumerate(page.articles):
        lines += _set_article(art, k, setter, width, indent)
    lines += [Line(t, "furniture") for t in page.running_foot]
    damage = [Damage("wrap", "paragraph boundaries: each paragraph is cut into column lines",
                     tuple(tuple(a.paragraphs) for a in page.articles))]
    if setter.split:
        damage.append(Damage("hyphenate", "words split at a line end by a typesetter's hyphen "
                             + HYPHENS[hyphen], tuple(setter.split)))
    if setter.lexical_breaks:
        damage.append(Damage("lexical-break", "lexical hyphens that fell at a line end (to keep)",
                             tuple(setter.lexical_breaks)))
    unclear = _ambiguous(lines, width, indent)
    if unclear:
        damage.append(Damage("ambiguous", "paragraph boundaries the text cannot show (a full "
                             "last line before a paragraph too short to show its indent, or "
                             "no indent at all)", unclear))
    return Degraded(page, tuple(lines), width, tuple(damage))


_SENTENCE_END = re.compile("[。！？…!?][”’」』）》)\"']*$|[：；:;][”’」』）》)\"']*$")


def _indent_visible(para: list[Line], width: int) -> bool:
    """Does a short first line show its indent? Not when what opens the next line (a
    Latin word, a character pushed down with a closing mark) would not have fit on
    it without the indent either."""
    if len(para) < 2:
        return False
    units = _units(para[1].text)
    head = units[0]
    if len(units) > 1 and units[1][0] in NO_START:
        head += units[1]
    gap = 0.5 if _is_word(units[0]) and _LATIN.search(para[0].text[-1:]) else 0.0
    doubt = 1.0 if _is_word(units[0]) else 0.0     # Latin widths are only estimated
    return em(para[0].text) + gap + em(head) + doubt <= width


def _ambiguous(lines: list[Line], width: int, indent: str) -> tuple:
    """(article, paragraph) of each paragraph start that the text cannot show.

    With a visible indent (U+3000 spaces) every start shows. With a first line
    printed two em short, a start shows when the paragraph before ends in a short
    line, or when the short first line is followed by a full line and what opens
    that line would have fit on the first without the indent; and a short
    last line after a line that ends a sentence reads as well as a one-line
    paragraph of its own. Without any indent, only a short last line shows a
    start, and every line that ends a sentence might end a paragraph.
    """
    if indent == "spaces":
        return ()
    paras: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        if line.role == "body":
            paras.setdefault((line.article, line.para), []).append(line)
    out = []
    keys = list(paras)
    for prev, key in zip([None] + keys, keys):
        cur = paras[key]
        full_before = prev is not None and prev[0] == key[0] and \
            em(paras[prev][-1].text) >= width - 1
        shows = _indent_visible(cur, width) and \
            (len(cur) >= 3 or (len(cur) == 2 and em(cur[1].text) >= width - 1))
        if indent == "none" and full_before or indent == "short" and full_before and not shows:
            out.append(key)
        elif indent == "short" and len(cur) >= 2 and _SENTENCE_END.search(cur[-2].text) and \
                em(cur[-1].text) <= width - 2:
            out.append(key)         # the last line reads as well as a one-line paragraph
        elif indent == "none" and any(_SENTENCE_END.search(x.text) for x in cur[:-1]):
            out.append(key)
    return tuple(out)


def _set_article(art: ArticleSpec, k: int, setter: _Setter, width: int,
                 indent: str) -> list[Line]:
    out = [Line(text, role, k) for role, text in art.head_lines()]
    if art.byline_line:
        out.append(Line(art.byline_line, "byline", k))
    figure = _set_figure(art, k, setter, width)
    if art.figure_first:
        out += figure
    for j, para in enumerate(art.paragraphs):
        first_width = width - 2 if indent != "none" else width
        texts = setter.set(para, first_width)
        for n, text in enumerate(texts):
            prefix = "\u3000\u3000" if n == 0 and indent == "spaces" else ""
            out.append(Line(prefix + text, "body", k, j, n == 0, n == len(texts) - 1))
    if not art.figure_first:
        out += figure
    for text in art.closing:
        out += [Line(t, "closing", k) for t in setter.set(text, width)]
    if art.continued_to:
        out.append(Line(art.continued_to, "continuation", k))
    return out


def _set_figure(art: ArticleSpec, k: int, setter: _Setter, width: int) -> list[Line]:
    out = []
    for text in art.captions:
        out += [Line(t, "caption", k) for t in setter.set(text, width)]
    return out + [Line(t, "credit", k) for t in art.credits]


# ---------------------------------------------------------------- in-line damage
def _full(d: Degraded, line: Line) -> bool:
    return line.role == "body" and not line.last and em(line.text) >= d.width - 1


def _opening_brackets(lines: tuple[Line, ...]) -> dict[int, set[int]]:
    """Line index -> offsets inside the bracket that opens a paragraph (a byline keeps
    its own spaces, so no space may be added or taken there), across line breaks."""
    out: dict[int, set[int]] = {}
    i = 0
    while i < len(lines):
        if lines[i].role != "body" or not lines[i].first:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].role == "body" and not lines[j].first:
            j += 1
        texts = [ln.text for ln in lines[i:j]]
        m = _OPENING.match("".join(texts))
        if m:
            start, end, pos = m.start(1), m.end(1), 0
            for k, text in enumerate(texts):
                inside = {o - pos for o in range(start + 1, end) if pos <= o <= pos + len(text)}
                if inside:
                    out[i + k] = inside
                pos += len(text)
        i = j
    return out


def letter_space(d: Degraded, share: float = 0.5, seed: int = 0) -> Degraded:
    """Justified lines printed with a space between characters (`等 新 型 载 体`), as
    pdftotext prints a stretched line. A full body line is spaced with probability
    ``share``; a line holding part of the bracket that opens a paragraph is left
    alone (a byline's own space would become indistinguishable). Latin words keep
    their letters together.

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> d = wrap(PageSpec((ArticleSpec(("依托开源基金会等新型载体开展开源治理工作。",)),)), 8)
    >>> print(letter_space(d, share=1.0).raw, end="")
    依托开源基金
    会 等 新 型 载 体 开 展
    开源治理工作。
    """
    rng = random.Random(seed)
    out, spaced = [], []
    keep = _opening_brackets(d.lines)
    for i, line in enumerate(d.lines):
        if _full(d, line) and i not in keep and rng.random() < share:
            line = replace(line, text=" ".join(_units(line.text)).replace("   ", " "))
            spaced.append(i)
        out.append(line)
    return d.then(out, Damage("letter_space", "the spacing of justified lines: spaces between "
                              "characters that print does not have", tuple(spaced)))


def ocr_spaces(d: Degraded, rate: float = 0.2, seed: int = 0,
               roles: tuple[str, ...] = ("body", "caption", "closing")) -> Degraded:
    """OCR word splitting: a space between two characters where at least one is Chinese
    (`新 华 社 北 京 7 月 28 日 电`), at random with probability ``rate``; never inside
    a Latin word or the bracket that opens a paragraph (a byline keeps its own spaces,
    so added ones could not be told from them).

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> d = wrap(PageSpec((ArticleSpec(("新华社北京7月28日电，会议开幕。",)),)), 20)
    >>> print(ocr_spaces(d, rate=1.0).raw, end="")
    新 华 社 北 京 7 月 28 日 电 ， 会 议 开 幕 。
    """
    rng = random.Random(seed)
    out, where = [], []
    keep = _opening_brackets(d.lines)
    for i, line in enumerate(d.lines):
        if line.role in roles:
            text = _ocr_line(line.text, rate, rng, keep.get(i, set()))
            if text != line.text:
                where.append(i)
                line = replace(line, text=text)
        out.append(line)
    return d.then(out, Damage("ocr_spaces", "spaces between characters from OCR word splitting",
                              tuple(where)))


def _ocr_line(text: str, rate: float, rng: random.Random, protected: set[int]) -> str:
    units = _units(text)
    out, pos = [], 0
    for k, u in enumerate(units):
        if k and u != " " and units[k - 1] != " " and pos not in protected and \
                (_CJK.match(u[0]) or _CJK.match(units[k - 1][-1])) and \
                not units[k - 1].startswith("\u3000") and rng.random() < rate:
            out.append(" ")
        out.append(u)
        pos += len(u)
    return "".join(out)


def blank_lines(d: Degraded) -> Degraded:
    """A blank line after every line, as some extractors print: blank lines then mean nothing."""
    out = []
    for line in d.lines:
        out += [line, Line("", "blank")]
    return d.then(out, Damage("blank_lines", "the meaning of blank lines: one after every line"))


# ---------------------------------------------------------------- order damage
def headline_after_body(d: Degraded, article: int = 0) -> Degraded:
    """The headline group of one article printed after its body (and its figure and
    closing lines), as PyMuPDF reads an absolutely placed headline.

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> d = wrap(PageSpec((ArticleSpec(("正文第一段。",), headline="标题"),)), 10)
    >>> print(headline_after_body(d).raw, end="")
    正文第一段。
    标题
    """
    heads = [ln for ln in d.lines if ln.article == article
             and ln.role in ("kicker", "headline", "subheadline")]
    if not heads:
        return d.then(d.lines, Damage("headline_after_body", "nothing: the article has no headline"))
    rest = [ln for ln in d.lines if ln not in heads]
    last = max(i for i, ln in enumerate(rest) if ln.article == article)
    out = rest[:last + 1] + heads + rest[last + 1:]
    return d.then(out, Damage("headline_after_body", "the headline group's place above its "
                              "body", (article, tuple(h.text for h in heads))))


def running_heads_inside(d: Degraded, at: float = 0.5, seed: int = 0) -> Degraded:
    """The running head (the page's top furniture) printed inside the text stream:
    between two body lines at fraction ``at`` of them (0 first, 1 last), possibly in
    the middle of a paragraph, as extractors emit a margin box where its content
    stream puts it.

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> page = PageSpec((ArticleSpec(("第一句话写到这里为止，第二句话也写完了。",)),), ("星海日报",))
    >>> print(running_heads_inside(wrap(page, 8), at=0.5).raw, end="")
    第一句话写到
    这里为止，第二句
    星海日报
    话也写完了。
    """
    heads = [ln for ln in d.lines if ln.role == "furniture" and ln.text in d.page.running_head]
    rest = [ln for ln in d.lines if ln not in heads]
    body = [i for i, ln in enumerate(rest) if ln.role == "body"]
    if not heads or len(body) < 2:
        return d.then(d.lines, Damage("running_heads_inside", "nothing: no running head or body"))
    k = min(len(body) - 2, max(0, int(at * (len(body) - 1))))
    pos = body[k] + 1
    out = rest[:pos] + heads + rest[pos:]
    return d.then(out, Damage("running_heads_inside", "the running head's place above the "
                              "text", (pos, tuple(h.text for h in heads))))


def columns(d: Degraded, n: int = 2, mode: str = "merged", gutter: int = 3) -> Degraded:
    """Each article's body set in ``n`` columns of equal height, then read row by
    row as an extractor does: "merged" (default pdftotext over a narrow gutter:
    the lines of a row joined by one space), "side_by_side" (pdftotext -layout:
    columns at fixed positions, padded with spaces, Han characters two cells wide)
    or "interleaved" (pdfminer, line OCR: the lines of a row one after another).

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> page = PageSpec((ArticleSpec(("一二三四五六七八九十甲乙丙丁戊己。",)),))
    >>> print(columns(wrap(page, 6, indent="none"), 2).raw, end="")
    一二三四五六 丙丁戊己。
    七八九十甲乙
    >>> print(columns(wrap(page, 6, indent="none"), 2, "interleaved").raw, end="")
    一二三四五六
    丙丁戊己。
    七八九十甲乙
    """
    if mode not in ("merged", "side_by_side", "interleaved"):
        raise ValueError("mode must be merged, side_by_side or interleaved, not %r" % mode)
    out: list[Line] = []
    i = 0
    lines = list(d.lines)
    while i < len(lines):
        if lines[i].role != "body":
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].role == "body" and lines[j].article == lines[i].article:
            j += 1
        out += _rows(lines[i:j], n, mode, d.width, gutter)
        i = j
    return d.then(out, Damage("columns", "reading order: %d columns read %s" % (n, mode),
                              (n, mode)))


def _rows(body: list[Line], n: int, mode: str, width: int, gutter: int) -> list[Line]:
    height = -(-len(body) // n)
    cols = [body[c * height:(c + 1) * height] for c in range(n)]
    out = []
    for r in range(height):
        row = [col[r] for col in cols if r < len(col)]
        if mode == "interleaved":
            out += row
            continue
        if mode == "merged":
            text = " ".join(ln.text.strip("\u3000") for ln in row)
        else:
            text = ""
            for c, col in enumerate(cols):
                if r < len(col):
                    x = c * (width * 2 + gutter)
                    text = text.ljust(x) if c else text
                    text += col[r].text
        out.append(replace(row[0], text=text.rstrip(), last=row[-1].last))
    return out


DEGRADATIONS = {
    "letter_space": letter_space, "ocr_spaces": ocr_spaces, "blank_lines": blank_lines,
    "headline_after_body": headline_after_body, "running_heads_inside": running_heads_inside,
    "columns": columns,
}

__all__ = ["wrap", "letter_space", "ocr_spaces", "blank_lines", "headline_after_body",
           "running_heads_inside", "columns", "Degraded", "Damage", "Line", "em", "DEGRADATIONS"]
