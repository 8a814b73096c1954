"""Regenerate han-bigrams.txt.gz from the word list of jieba (MIT licence).

    pip download --no-deps --no-binary :all: jieba==0.42.1
    tar xzf jieba-0.42.1.tar.gz
    python reflow/data/make_han_bigrams.py jieba-0.42.1/jieba/dict.txt

Each word of the list (with its frequency) is also read in traditional script
through OpenCC (s2t, s2tw, s2hk), so traditional pages are served too. A
bigram of two Han characters inside a word counts the word's frequency; its
pointwise mutual information against the characters' own counts grades it
(0 <= PMI < 2, < 4, < 6, >= 6: grades 1 to 4). Bigrams never seen inside a
word, or seen less often than chance (PMI < 0), are left out. The file holds
one line per grade, its bigrams written one after the other, sorted.
"""
from __future__ import annotations

import collections
import gzip
import math
import re
import sys
from pathlib import Path

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
SMOOTH = 50          # added to each character's count: rare characters do not make a bigram strong
BOUNDS = (0.0, 2.0, 4.0, 6.0)


def grade_bigrams(words: list[tuple[str, int]]) -> dict[str, int]:
    pair: collections.Counter = collections.Counter()
    char: collections.Counter = collections.Counter()
    for w, f in words:
        if len(w) < 2:
            continue
        for bg in {a + b for a, b in zip(w, w[1:]) if _HAN.match(a) and _HAN.match(b)}:
            pair[bg] += f
        for c in set(w):
            char[c] += f
    total = sum(char.values())
    graded = {}
    for bg, n in pair.items():
        pmi = math.log((n + 1) * total / ((char[bg[0]] + SMOOTH) * (char[bg[1]] + SMOOTH)))
        grade = sum(pmi >= b for b in BOUNDS)
        if grade:
            graded[bg] = grade
    return graded


def main(dict_path: str, out: str = str(Path(__file__).with_name("han-bigrams.txt.gz"))) -> None:
    import opencc
    words, freqs = [], []
    for line in Path(dict_path).read_text(encoding="utf-8").splitlines():
        w, f, *_ = line.split(" ")
        words.append(w)
        freqs.append(int(f))
    joined = "\n".join(words)
    variants = [words] + [opencc.OpenCC(c + ".json").convert(joined).split("\n")
                          for c in ("s2t", "s2tw", "s2hk")]
    graded = grade_bigrams([(w, f) for v in variants for w, f in zip(v, freqs)])
    lines = ["".join(sorted(bg for bg, g in graded.items() if g == k)) for k in range(1, len(BOUNDS) + 1)]
    with open(out, "wb") as fh:
        fh.write(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))


if __name__ == "__main__":
    main(*sys.argv[1:])
