"""Plain text writer: every printed block as a paragraph, blank lines between them.

Headlines, bylines printed on their own line, paragraphs, captions and
credits, closing lines; paragraphs separated by one blank line and articles by
two. Cleaning this text again gives the same paragraphs. Furniture is left out
(it is in the JSON and TEI outputs).
"""
from __future__ import annotations

from ..model import Article, Document, Figure, Note, Paragraph


def article_blocks(art: Article) -> list[str]:
    """The printed blocks of an article, in reading order."""
    out = [t for t in (art.kicker, art.headline, art.subheadline) if t]
    seen = set()
    for b in art.bylines:
        if not b.inline and not b.trailing and b.text and b.text not in seen:
            seen.add(b.text)
            out.append(b.text)
    for item in art.body:
        if isinstance(item, Paragraph):
            out.append(item.text)
        elif isinstance(item, Figure):
            out.extend(item.captions)
            out.extend(c.text for c in item.credits)
        elif isinstance(item, Note):
            out.append(item.text)
    for b in art.bylines:
        if b.trailing and not b.inline and b.text and b.text not in seen:
            seen.add(b.text)
            out.append(b.text)
    out.extend(art.closing)
    return out


def write_text(doc: Document) -> str:
    arts = ["\n\n".join(article_blocks(a)) for a in doc.articles]
    arts = [a for a in arts if a]
    return "\n\n\n".join(arts) + ("\n" if arts else "")
