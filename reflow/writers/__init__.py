"""Writers: pure serializers of one Document model (Markdown, TEI, JSON, JSONL, text).

Each writer is a function of a Document (or a list of them) to a string; none
changes text. ``write`` picks one by name; ``write_many`` joins several
documents the way each format does (JSONL and text concatenate, TEI makes a
teiCorpus, JSON an array).

>>> from reflow import clean
>>> print(write(clean("指明了清晰路径。"), "text"), end="")
指明了清晰路径。
"""
from __future__ import annotations

import json

from ..model import Document
from .jsonout import document_dict, write_json, write_jsonl
from .markdown import write_markdown
from .tei import write_corpus, write_tei
from .text import write_text

FORMATS = ("md", "tei", "json", "jsonl", "text")
EXTENSIONS = {"md": ".md", "tei": ".xml", "json": ".json", "jsonl": ".jsonl", "text": ".txt"}
_WRITERS = {"md": write_markdown, "tei": write_tei, "json": write_json,
            "jsonl": write_jsonl, "text": write_text}


def write(doc: Document, fmt: str, facs: bool = False) -> str:
    """One document in the named format (``facs``: TEI links paragraphs to OCR boxes)."""
    if fmt not in _WRITERS:
        raise ValueError("unknown format %r (one of %s)" % (fmt, ", ".join(FORMATS)))
    if fmt == "tei":
        return write_tei(doc, facs=facs)
    return _WRITERS[fmt](doc)


def write_many(docs: list[Document], fmt: str, facs: bool = False) -> str:
    """Several documents as one output of the named format."""
    if fmt == "tei":
        return write_corpus(docs, facs) if len(docs) != 1 else write_tei(docs[0], facs)
    if fmt == "json":
        if len(docs) == 1:
            return write_json(docs[0])
        return json.dumps([document_dict(d) for d in docs], ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        return "\n---\n\n".join(write_markdown(d) for d in docs)
    return "".join(write(d, fmt) for d in docs)


__all__ = ["write", "write_many", "FORMATS", "EXTENSIONS", "document_dict"]
