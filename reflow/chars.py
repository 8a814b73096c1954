"""Character classes of Chinese print, shared by the rules loader and the stages.

Holds the named classes that rule patterns use as ``{han}``, ``{cjk_punct}``,
``{latin}`` … and a few fast measurements built on them (display width in em).
It does not hold any rule: what to do with these classes lives in ``rules/``.

>>> em_width("新型载体")
4.0
>>> em_width("GLM-4.5发布")
5.65
"""
from __future__ import annotations

import functools
import re

# Each class is the body of a regex character class (no brackets), so classes
# can be combined: "[{han}{digit}]".
CLASSES: dict[str, str] = {
    # unified ideographs, extension A, compatibility ideographs, extensions B+
    "han": "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f",
    # CJK symbols and punctuation, full-width forms, and the marks that Chinese
    # print sets full-width although Unicode calls them ambiguous: “”‘’—…·
    "cjk_punct": "\u3001-\u3006\u3008-\u3011\u3014-\u301f\u3030\uff01-\uff0f"
                 "\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2015\u2018"
                 "\u2019\u201c\u201d\u2026\u00b7\u2027\u30fb\ufe10-\ufe19"
                 "\ufe30-\ufe6b",
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f",
    "digit": "0-9",
    "alnum": "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f",
    # horizontal white space as extractors print it (not the line break)
    "space": " \t\u00a0\u2000-\u200a\u202f\u205f",
    "ideographic_space": "\u3000",
    # marks that may not start a line (GB/T 15834, kinsoku): a line that starts
    # with one of them continues the line before it
    "no_line_start": "，。、；：？！）》」』】〕〉”’%‰·,.;:?!)\\]}\uff09\uff3d\uff5d",
    # marks that may not end a line: a line that ends with one continues
    "no_line_end": "（《「『【〔〈“‘(\\[{",
    # marks that end a sentence
    "sentence_end": "。！？…!?",
    # closing marks that may follow a sentence end: 。” 。） ！」
    "closer": "”’」』）》】〕〉)\"'",
    # opening brackets and quotes
    "opener": "（《「『【〔〈“‘(",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def expand(pattern: str, extra: dict[str, str] | None = None) -> str:
    """Replace ``{name}`` by the character class body of that name.

    Unknown names are left alone, so regex quantifiers like ``{2,3}`` survive.

    >>> expand("[{digit}]{2}")
    '[0-9]{2}'
    """
    table = CLASSES if not extra else {**CLASSES, **extra}

    def sub(m: re.Match) -> str:
        return table.get(m.group(1), m.group(0))
    return _PLACEHOLDER.sub(sub, pattern)


def cls(*names: str) -> str:
    """A bracketed character class uniting the named classes.

    >>> cls("digit")
    '[0-9]'
    """
    return "[" + "".join(CLASSES[n] for n in names) + "]"


HAN = re.compile(cls("han"))
CJK = re.compile(cls("han", "cjk_punct", "ideographic_space"))
LATIN = re.compile(cls("latin"))

# The kinsoku classes as sets of characters, for tests on one character: a
# line that starts with a NO_LINE_START mark, or follows a line that ends with
# a NO_LINE_END mark or a LINE_HYPHENS hyphen, continues the line before it.
NO_LINE_START = frozenset(CLASSES["no_line_start"].replace("\\", ""))
NO_LINE_END = frozenset(CLASSES["no_line_end"].replace("\\", ""))
# hyphens a typesetter or extractor leaves at a line end: ASCII, U+2010,
# soft hyphen, and the not sign some extractors print for the soft hyphen
LINE_HYPHENS = frozenset("-\u2010\u00ad\u00ac")

# Width in em as print sets it: Han and CJK punctuation are one em, ASCII
# letters, digits and marks about half an em, spaces nothing (an extractor's
# spaces are mostly justification slack).
_SPACES = " \t\u00a0\u3000"
_NARROW_OR_SPACE = re.compile("[\u0021-\u007e\u00a1-\u024f\u2010-\u2013%s]" % _SPACES)
_SPACE_ONLY = re.compile("[%s]" % _SPACES)


@functools.lru_cache(maxsize=4096)
def em_width(text: str) -> float:
    """Printed width of ``text`` in em, ignoring white space.

    Cached: the stages measure the same line and the same piece of a line
    many times (about nine times each on a page).

    >>> em_width("　　第一，引领创新")
    7.0
    """
    if _NARROW_OR_SPACE.search(text) is None:
        return float(len(text))   # all of it an em wide (no space, no letter either)
    narrow_or_space = len(_NARROW_OR_SPACE.findall(text))
    spaces = len(_SPACE_ONLY.findall(text))
    letters = len(_LETTER.findall(text))
    return (len(text) - narrow_or_space) + 0.5 * (narrow_or_space - spaces) + LETTER_EXTRA * letters


# Latin letters in CJK fonts average a little over half an em; digits and marks half.
LETTER_EXTRA = 0.05
_LETTER = re.compile("[A-Za-z]")


def count_han(text: str) -> int:
    """Number of Han characters.

    >>> count_han("GLM-4.5模型")
    2
    """
    return len(HAN.findall(text))


@functools.lru_cache(maxsize=32)
def han_bigrams(text: str) -> frozenset[str]:
    """The bigrams of the text's Han characters, read as one run. Cached: one
    text is compared with several headlines."""
    han = "".join(HAN.findall(text))
    return frozenset(map(str.__add__, han, han[1:]))


def bigram_share(head: str, text: str) -> float:
    """The share of ``head``'s Han bigrams that ``text`` holds too (0.0 for a
    head without any): how much of its words a headline shares with a text."""
    hb = han_bigrams(head)
    if not hb:
        return 0.0
    return len(hb & han_bigrams(text)) / len(hb)


_CJK_C = cls("han", "cjk_punct")
_CJK_GAP = re.compile("(?<=%s)[ \t\u00a0\u3000]+(?=%s)" % (_CJK_C, _CJK_C))
_CJK_PAIR = re.compile("%s(?=%s)" % (_CJK_C, _CJK_C))
_HAN_C = cls("han")
_HAN_GAP = re.compile("(?<=%s)[ \t\u00a0\u3000]+(?=%s)" % (_HAN_C, _HAN_C))
_HAN_PAIR = re.compile("%s(?=%s)" % (_HAN_C, _HAN_C))


def letter_spaced(text: str) -> bool:
    """Are most neighbouring CJK characters of a line set apart by white
    space (at least three gaps, and 70% of the neighbours): display type set
    letter-spaced, or an OCR engine's spaces between Han characters?

    >>> letter_spaced("本 报 记 者 刘 洋 摄"), letter_spaced("本报记者 刘洋 摄")
    (True, False)
    >>> letter_spaced("版 式：印 枫"), letter_spaced("星期三 第1版 要闻")
    (True, False)
    """
    if " " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return False     # (most lines: no space at all)
    gaps = len(_CJK_GAP.findall(text))
    if gaps < 2:
        return False
    pairs = len(_CJK_PAIR.findall(text))
    if gaps >= 3 and gaps >= 0.7 * (gaps + pairs):
        return True
    # a short line (版 式：印 枫): OCR sets no space at a mark, so only Han
    # characters tell — two gaps at least, and no two of them side by side
    return _HAN_PAIR.search(text) is None and len(_HAN_GAP.findall(text)) >= 2


def letters_closed(text: str) -> str:
    """A letter-spaced line as it reads: one space between CJK characters
    taken out, a wider gap (a word gap in spaced type) kept as one space.

    >>> letters_closed("本 报 记 者  刘 洋  摄")
    '本报记者 刘洋 摄'
    """
    out, last = [], 0
    for m in _CJK_GAP.finditer(text):
        out.append(text[last:m.start()])
        out.append("" if m.group() == " " else " ")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# an opening quotation mark or bracket and the mark that closes it
CLOSING = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "（": "）"}


def bracket_depth(text: str) -> int:
    """Round brackets a line leaves open (negative: closes more than it opens).

    >>> bracket_depth("本报讯（记者"), bracket_depth("张伟）市民")
    (1, -1)
    """
    # (counted by str.count, not a loop over the characters)
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def closes_first(text: str) -> bool:
    """Does the line close a round bracket before it opens one (it began inside one)?

    >>> closes_first("张伟）市民（图）"), closes_first("市民（图）")
    (True, False)
    """
    m = _ROUND.search(text)
    return m is not None and m.group(0) in "）)"


_ROUND = re.compile("[（()）]")
