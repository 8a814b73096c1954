"""JSON and JSONL writers: the output contract's fields, for corpus builds.

JSON is one object per document (articles, furniture, removed, warnings);
JSONL is one article per line, each carrying its ``doc_id`` and ``page`` so
nothing of the document is lost when lines are shuffled into a corpus.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Article, Document, Figure, Note, Paragraph


def article_dict(doc: Document, art: Article, index: int) -> dict:
    paras = art.paragraphs
    first, last = art.line_span()
    figures = art.figures
    return {
        "id": doc.article_id(index),
        "text": art.text,
        "paragraphs": [p.text for p in paras],
        "paragraph_sources": [{"page": p.page, "lines": _spans(p.lines or [p.first_line, p.last_line]),
                               **({"boxes": p.boxes} if p.boxes else {})} for p in paras],
        "crossheads": [k for k, p in enumerate(paras) if p.crosshead],
        "kicker": art.kicker,
        "headline": art.headline,
        "subheadline": art.subheadline,
        "dateline": art.dateline,
        "bylines": [{"role": b.role, "names": list(b.names)} for b in art.bylines],
        "byline_lines": _unique(b.text for b in art.bylines if not b.inline and b.text),
        "captions": [c for f in figures for c in f.captions],
        "credits": [c.text for f in figures for c in f.credits],
        "photographers": [n for f in figures for c in f.credits for n in c.names],
        "notes": [b.text for b in art.body if isinstance(b, Note)],
        "closing": list(art.closing),
        "source": {"file": doc.source, "page": art.pages[0] if art.pages else 1,
                   "pages": art.pages, "first_line": first, "last_line": last},
        "continued_from": art.continued_from,
        "continued_to": art.continued_to,
        "lang": doc.lang,
        "warnings": list(art.warnings),
    }


def _spans(numbers: list[int]) -> list[list[int]]:
    """Source line numbers as [first, last] runs.

    >>> _spans([3, 4, 5, 9, 10])
    [[3, 5], [9, 10]]
    """
    out: list[list[int]] = []
    for n in numbers:
        if out and n in (out[-1][1], out[-1][1] + 1):
            out[-1][1] = n
        else:
            out.append([n, n])
    return out


def _unique(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def document_dict(doc: Document) -> dict:
    return {
        "id": doc.doc_id,
        "source": doc.source,
        "lang": doc.lang,
        "pages": doc.pages,
        "articles": [article_dict(doc, a, k) for k, a in enumerate(doc.articles)],
        "furniture": [asdict(f) for f in doc.furniture],
        "removed": [asdict(r) for r in doc.removed],
        "warnings": list(doc.warnings),
    }


def write_json(doc: Document) -> str:
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=1) + "\n"


def write_jsonl(doc: Document) -> str:
    lines = []
    for k, art in enumerate(doc.articles):
        rec = article_dict(doc, art, k)
        rec["doc_id"] = doc.doc_id
        rec["page"] = rec["source"]["page"]
        pages = set(rec["source"]["pages"])
        rec["furniture"] = [f.text for f in doc.furniture if f.page in pages]
        if k == 0:
            rec["doc_warnings"] = list(doc.warnings)
            rec["removed"] = [asdict(r) for r in doc.removed]
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


__all__ = ["write_json", "write_jsonl", "document_dict", "article_dict", "Figure", "Paragraph"]
