"""The words of OCR lines: stray glyphs dropped (O704), boxes clipped, words rejoined (O703).

Holds ``strays`` (marks a column rule or a frame left, recorded as
removals), ``clip_words`` (a word box drawn over the words after it) and
``join_words``: nothing between Chinese characters, one space between Latin
words at a word gap, a space between Chinese words only where the gap stands
out from the line's own spacing. It does not cut or order lines:
``reading_order`` does.
"""
from __future__ import annotations

import re

from .. import chars
from ..model import Event, Removal
from .ocrpage import OcrPage, Reading, Word, _valid

_HAN = re.compile(chars.cls("han"))
_WIDE = chars.CJK


def clip_words(words: list[Word]) -> None:
    """Tesseract sometimes boxes a word of two Han characters far too wide, over
    the words after it: clip a box's right edge at the next word's left edge.

    >>> ws = [Word("星海", (0, 0, 300, 50)), Word("首", (100, 0, 150, 50))]
    >>> clip_words(ws); ws[0].box
    (0, 0, 100, 50)
    """
    for a, b in zip(words, words[1:]):
        if _valid(a.box) and _valid(b.box) and a.box[0] < b.box[0] < a.box[2]:
            a.box = (a.box[0], a.box[1], b.box[0], a.box[3])


# ---------------------------------------------------------------- stray glyphs (O704)
def strays(page: OcrPage, p: dict, reading: Reading) -> None:
    """Drop words that are only marks a rule or a frame left (``|``, ``¦``), and
    low-confidence words made only of rule-like marks; on a Chinese page, drop a
    line that is a photo's texture read as text; record each removal."""
    always = set(p.get("always", "|¦│┃"))
    marks = set(p.get("marks", "|¦│┃_~=-—―─━·•.,'`\""))
    max_conf = float(p.get("max_conf", 0.5))
    chinese = _chinese_page(page)
    kept_lines = []
    for line in page.lines:
        if chinese and _texture(line.words, p):
            text = " ".join(w.text.strip() for w in line.words)
            reading.removed.append(Removal(text, "O704", page.number, line.seq, "picture-texture"))
            reading.events.append(Event("O704", "remove", page.number, line.seq, 0, text, "",
                                        "a picture read as text (no Han, short low-confidence words)"))
            continue
        keep = []
        for w in line.words:
            t = w.text.strip()
            stray = bool(t) and (all(c in always for c in t) or
                                 all(c in marks for c in t) and w.conf is not None and
                                 w.conf < max_conf and len(line.words) > 1 or
                                 all(c in marks for c in t) and len(line.words) == 1 and
                                 (w.conf is None or w.conf < max_conf) and len(t) <= 2)
            if not stray and chinese and _edge_letters(w, line.words, p):
                stray = True
            if stray:
                reading.removed.append(Removal(t, "O704", page.number, line.seq, "stray-glyph"))
                reading.events.append(Event("O704", "remove", page.number, line.seq, 0, t, "",
                                            "stray glyph%s" % ("" if w.conf is None else
                                                               " (confidence %.2f)" % w.conf)))
            else:
                keep.append(w)
        if line.words and not keep:
            continue
        line.words = keep
        kept_lines.append(line)
    page.lines = kept_lines


_LETTERS = re.compile(r"[A-Za-z]{1,4}")


def _edge_letters(w, words: list, p: dict) -> bool:
    """A few letters the engine doubts, alone on their line or first or last
    on a line of Chinese words only (three words or more): a picture's edge or
    a rule beside display type (电解 mil)."""
    t = w.text.strip()
    if w.conf is None or w.conf >= float(p.get("edge_letters_conf", 0.6)) or \
            not _LETTERS.fullmatch(t) or (w is not words[0] and w is not words[-1]) or len(words) == 2:
        return False
    return all(_HAN_WORD.fullmatch(v.text.strip()) for v in words if v is not w)  # (alone: a line of its own)


_HAN_WORD = re.compile("%s+" % chars.cls("han"))


def _chinese_page(page: OcrPage) -> bool:
    """Are most of the page's letters Han?"""
    han = total = 0
    for line in page.lines:
        for w in line.words:
            t = w.text  # a word of letters only (most are) is counted without a loop
            total += len(t) if t.isalpha() else sum(1 for c in t if c.isalpha())
            han += len(_HAN.findall(w.text))
    return total > 0 and han > total / 2


def _texture(words: list[Word], p: dict) -> bool:
    """OCR reads a photo's texture as a row of short Latin scraps it doubts
    (fi tg id &): no Han, no digit, every word at most two characters, at least
    two words, and a mean confidence below ``texture_max_conf``.

    >>> ws = [Word("fi", (0, 0, 9, 9), 0.64), Word("tg", (20, 0, 29, 9), 0.27), Word("&", (40, 0, 49, 9), 0.0)]
    >>> _texture(ws, {}), _texture(ws[:1], {}), _texture([Word("AI", (0, 0, 9, 9), 0.3)] * 2, {"texture_max_conf": 0.2})
    (True, False, False)
    """
    if len(words) < 2 or any(w.conf is None for w in words):
        return False
    texts = [w.text.strip() for w in words]
    if any(len(t) > int(p.get("texture_max_len", 2)) or _HAN.search(t) or
           any(c.isdigit() for c in t) for t in texts):
        return False
    return sum(w.conf for w in words) / len(words) < float(p.get("texture_max_conf", 0.5))


# ---------------------------------------------------------------- word glue (O703)
def _is_wide(ch: str) -> bool:
    return bool(_WIDE.match(ch))


def join_words(words: list[Word], em: float, p: dict | None) -> str:
    """The text of a line from its words: nothing between Chinese, one space
    between Latin words at a word gap; ``p`` None joins with one space (rule off).

    >>> ws = [Word("multi-sensor", (0, 0, 300, 40)), Word("fusion", (330, 0, 460, 40)),
    ...       Word("感", (470, 0, 510, 40)), Word("知", (515, 0, 555, 40))]
    >>> join_words(ws, 50, {})
    'multi-sensor fusion感知'
    """
    texts = [w.text.strip() for w in words]
    pairs = [(w, t) for w, t in zip(words, texts) if t]
    if not pairs:
        return ""
    if p is None:
        return " ".join(t for _, t in pairs)
    gaps = []
    for (a, ta), (b, tb) in zip(pairs, pairs[1:]):
        gaps.append(b.box[0] - a.box[2] if _valid(a.box) and _valid(b.box) else None)
    han_gaps = sorted(g for g, ((_, ta), (_, tb)) in zip(gaps, zip(pairs, pairs[1:]))
                      if g is not None and g >= 0 and _is_wide(ta[-1]) and _is_wide(tb[0]))
    typical = han_gaps[len(han_gaps) // 4] if han_gaps else 0.0   # the tight end of the line
    pitches = [_pitch(a, ta, b, tb, g) for g, ((a, ta), (b, tb)) in zip(gaps, zip(pairs, pairs[1:]))]
    han_pitches = sorted(x for x in pitches if x is not None)
    pitch = han_pitches[len(han_pitches) // 2] if han_pitches else None   # the line's own
    out = [pairs[0][1]]
    for gap, step, ((a, ta), (b, tb)) in zip(gaps, pitches, zip(pairs, pairs[1:])):
        out.append(_glue(ta, tb, gap, a, b, em, typical, p, len(han_gaps),
                         None if step is None or pitch is None else step - pitch))
        out.append(tb)
    return "".join(out)


def _pitch(a: Word, ta: str, b: Word, tb: str, gap: float | None) -> float | None:
    """From the middle of Han character a to the middle of Han character b
    (each boxed as a word, as Tesseract does for chi_sim): the line's pitch
    where the gap falls, whatever their ink widths (口 is as wide as its em,
    尹 narrower)."""
    if gap is None or gap < 0 or len(ta) != 1 or len(tb) != 1 or \
            not (_HAN.match(ta) and _HAN.match(tb)) or not (_valid(a.box) and _valid(b.box)):
        return None                  # a word of several characters: its box may not share fairly
    return gap + ((a.box[2] - a.box[0]) + (b.box[2] - b.box[0])) / 2


def _glue(ta: str, tb: str, gap: float | None, a: Word, b: Word, em: float, typical: float,
          p: dict, n_han: int, excess: float | None = None) -> str:
    if _is_wide(ta[-1]) or _is_wide(tb[0]):
        if not (_HAN.match(ta[-1]) and _HAN.match(tb[0])) or gap is None or em <= 0:
            return ""
        # a space printed between Chinese words (本报记者 刘洋) is far wider than
        # the line's own spacing, which justification may have stretched; its em
        # is the two words' own type size where the boxes give it (one OCR line
        # may hold a masthead and a small page label: 第12版　文化)
        if _valid(a.box) and _valid(b.box):
            em = min(em, max(a.box[3] - a.box[1], b.box[3] - b.box[1]))
        wide = gap >= p.get("han_space_em", 0.6) * em and \
            gap >= p.get("han_space_ratio", 3.0) * max(typical, p.get("han_gap_floor", 0.1) * em) and \
            n_han >= p.get("han_space_support", 3)
        # … or, measured from the middles of the characters, a step that
        # exceeds the line's own pitch by a good part of an em (a space set
        # between narrow glyphs: 口 尹书白)
        pitch_em = p.get("han_space_pitch_em", 0.0)
        if not wide and pitch_em > 0 and excess is not None and n_han >= p.get("han_space_support", 3):
            wide = excess >= pitch_em * em and gap >= p.get("han_space_gap_em", 0.5) * em
        # too few gaps to measure the line's spacing on (a short running head or
        # label): a gap of a whole em is a space all the same
        alone = n_han < p.get("han_space_support", 3) and gap >= p.get("han_space_alone_em", 1.0) * em
        return " " if wide or alone else ""
    if b.space_before is not None:
        return " " if b.space_before else ""
    if gap is None or gap < 0 or em <= 0:
        return " "                    # boxes say nothing: the engine's word break stands
    return " " if gap >= p.get("latin_join_em", 0.12) * em else ""

