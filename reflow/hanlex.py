"""Which two Han characters hold together as part of a Chinese word.

``grades`` reads ``data/han-bigrams.txt.gz`` (made from jieba's word list by
``data/make_han_bigrams.py``; simplified and traditional) into a dict from a
bigram to its grade, 1 (weak) to 4 (a word's characters hardly occur apart);
``bigram_scores`` maps the grades to the scores a rule gives them. The order
stage uses them across a seam between two lines: a line that ends mid-word is
continued by the line whose first character completes the word (`丰|富`),
which the document's own n-grams miss when the word occurs once.

>>> grades()["丰富"], grades()["豐富"], "了的" in grades()
(4, 4, False)
>>> bigram_scores((0.5, 1.0))["丰富"]
1.0
"""
from __future__ import annotations

import functools
import gzip
from pathlib import Path

PATH = Path(__file__).with_name("data") / "han-bigrams.txt.gz"


@functools.lru_cache(maxsize=1)
def _by_grade() -> list[list[str]]:
    """The bigrams of each grade, 1 first: the file holds one line per grade,
    its bigrams written one after the other."""
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")[:-1]
    out = []
    for line in lines:
        it = iter(line)
        out.append(list(map(str.__add__, it, it)))
    return out


def _table(values: list) -> dict:
    """Bigram -> the value of its grade (``values[k]`` for grade k + 1)."""
    out: dict = {}
    for bigrams, value in zip(_by_grade(), values):
        out.update(dict.fromkeys(bigrams, value))
    return out


@functools.lru_cache(maxsize=1)
def grades() -> dict[str, int]:
    """Bigram -> grade."""
    return _table(range(1, len(_by_grade()) + 1))


@functools.lru_cache(maxsize=4)
def bigram_scores(scores: tuple[float, ...]) -> dict[str, float]:
    """Bigram -> the score of its grade (``scores[k]`` for grade k + 1; a grade
    past the end of ``scores`` takes the last score; no scores, no bigrams).
    Made from the file's lists as ``grades`` is, not from that dict: a table
    of each grade's score is a few set-ups of a dict, not one per bigram."""
    if not scores:
        return {}
    return _table([scores[min(g, len(scores)) - 1] for g in range(1, len(_by_grade()) + 1)])


def breaks_inside_word(a: str, b: str, min_grade: int = 2) -> bool:
    """Does a line that ends with text ``a`` break inside a word that the line
    starting with ``b`` completes: its last character and b's first make a
    word (a bigram of grade ``min_grade`` or more), and neither is found in a
    word with its own neighbour (通行|走进 and 管网|上 break between words)?

    >>> breaks_inside_word("丰", "富"), breaks_inside_word("通行", "走进", 1)
    (True, False)
    """
    if not a or not b:
        return False
    words = grades()
    return words.get(a[-1] + b[0], 0) >= min_grade and a[-2:] not in words and b[:2] not in words

