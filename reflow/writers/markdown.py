"""Markdown writer (CommonMark): headline stack, byline line, paragraphs, captions as quotes.

The kicker is an emphasised line above the ``#`` main headline, the
subheadline a ``##`` heading below it; a byline printed on its own line comes
next, then the paragraphs (a crosshead as ``###``), captions and credits as
block quotes, closing lines last. Articles are separated by ``---``. Text that
Markdown would read as markup is escaped, so the rendered page shows the text
as printed.
"""
from __future__ import annotations

import re

from ..model import Document, Figure, Note, Paragraph

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """Escape what CommonMark would read as markup.

    >>> escape("1. 第一条 *重点*")
    '1\\\\. 第一条 \\\\*重点\\\\*'
    """
    text = _INLINE.sub(r"\\\1", text)
    m = _BLOCK_START.match(text)
    if m:
        mark = m.group(2)
        if mark[-1] in ".)":
            text = m.group(1) + mark[:-1] + "\\" + mark[-1] + text[m.end():]
        else:
            text = m.group(1) + "\\" + text[len(m.group(1)):]
    return text


def _article(art) -> list[str]:
    out: list[str] = []
    if art.kicker:
        out.append("*%s*" % escape(art.kicker))
    if art.headline:
        out.append("# %s" % escape(art.headline))
    if art.subheadline:
        out.append("## %s" % escape(art.subheadline))
    seen = set()
    for b in art.bylines:
        if not b.inline and not b.trailing and b.text and b.text not in seen:
            seen.add(b.text)
            out.append(escape(b.text))
    for item in art.body:
        if isinstance(item, Paragraph):
            out.append(("### %s" if item.crosshead else "%s") % escape(item.text))
        elif isinstance(item, Figure):
            quote = [escape(c) for c in item.captions] + [escape(c.text) for c in item.credits]
            out.append("\n>\n".join("> " + q for q in quote))
        elif isinstance(item, Note):
            out.append("> **%s**" % escape(item.text))
    for b in art.bylines:
        if b.trailing and not b.inline and b.text and b.text not in seen:
            seen.add(b.text)
            out.append(escape(b.text))
    out.extend(escape(c) for c in art.closing)
    return out


def write_markdown(doc: Document) -> str:
    arts = ["\n\n".join(_article(a)) for a in doc.articles]
    arts = [a for a in arts if a]
    return "\n\n---\n\n".join(arts) + ("\n" if arts else "")
