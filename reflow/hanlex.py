"""Which two Han characters hold together as part of a Chinese word.

``bigram_scores`` reads ``data/han-bigrams.txt.gz`` (made from jieba's word
list by ``data/make_han_bigrams.py``; simplified and traditional) into a dict
from a bigram to the score its grade earns. The order stage uses it across a
seam between two lines: a line that ends mid-word is continued by the line
whose first character completes the word (`丰|富`), which the document's own
n-grams miss when the word occurs once.

>>> scores = bigram_scores((1.0, 2.0, 3.0, 4.0))
>>> scores["丰富"], scores["豐富"], "了的" in scores
(4.0, 4.0, False)
>>> "丰富" in words_from(2), "地热" in words_from(2)
(True, False)
"""
from __future__ import annotations

import functools
import gzip
from pathlib import Path

PATH = Path(__file__).with_name("data") / "han-bigrams.txt.gz"


@functools.lru_cache(maxsize=1)
def _grades() -> tuple[str, ...]:
    """The file's lines: the bigrams of grade 1, 2, … written one after the other."""
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        return tuple(fh.read().split("\n")[:-1])


@functools.lru_cache(maxsize=4)
def bigram_scores(scores: tuple[float, ...]) -> dict[str, float]:
    """Bigram -> the score of its grade (``scores[k]`` for grade k + 1; a grade
    past the end of ``scores`` takes the last score)."""
    out: dict[str, float] = {}
    for k, line in enumerate(_grades()):
        if not scores:
            break
        s = scores[min(k, len(scores) - 1)]
        it = iter(line)
        out.update(dict.fromkeys(map(str.__add__, it, it), s))
    return out


@functools.lru_cache(maxsize=4)
def words_from(grade: int) -> frozenset[str]:
    """The bigrams of this grade or a stronger one."""
    return frozenset(bg for line in _grades()[grade - 1:] for bg in map(str.__add__, *[iter(line)] * 2))
