"""A small cleaner of the kind a corpus project writes first: join the lines, drop the hyphens.

It joins the lines of a page into paragraphs, ending a paragraph at a line
that ends a sentence, strips leading spaces, and drops a hyphen at a line end
("Hug-" + "ging" is "Hugging"). It looks right on the first page one tries,
and ``test_naive_cleaner.py`` shows what reflow.testing finds in it.

>>> clean("本报讯（记者 张伟）7月28日晚，北京\\n智谱发布新模型。\\n")
['本报讯（记者 张伟）7月28日晚，北京智谱发布新模型。']
"""
from __future__ import annotations

SENTENCE_END = ("。", "！", "？", "”", "」")


def clean(raw: str) -> list[str]:
    """The paragraphs of a page's raw text."""
    paragraphs: list[str] = []
    current = ""
    for line in raw.splitlines():
        line = line.strip(" \u3000")
        if not line:
            continue
        if current.endswith("-"):
            current = current[:-1]          # a line-end hyphen splits a word
        current += line
        if line.endswith(SENTENCE_END):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
