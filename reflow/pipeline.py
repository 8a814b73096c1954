"""The pipeline: raw bytes or text in, one ``Document`` out, stage after stage.

read → normalize → order → label → spacing → assemble → polish → segment. Holds the
entry points the CLI and the Python API share (``clean``, ``clean_file``) and
nothing else: every decision lives in a stage, every parameter in ``rules/``.

>>> doc = clean("本报讯（记者 张伟）7月 28日晚，北\\n京智谱发布新模型。")
>>> doc.articles[0].paragraphs[0].text
'本报讯（记者 张伟）7月28日晚，北京智谱发布新模型。'
>>> doc.articles[0].dateline, [b.names for b in doc.articles[0].bylines]
('本报讯', [['张伟']])
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import assemble, label, normalize, order, polish, segment, spacing
from .engine import Options, State
from .model import Document, Line
from .ocrxml import ocr_read
from .read import InputError, decode, detect_format, detect_lang, lines_from_text
from .rules import RuleError, load_rules

STAGES = (normalize.run, order.run, label.run, spacing.run, assemble.run, polish.run, segment.run)
MAX_BYTES = 2 * 1024 ** 3


def _options(opts: Options | None, overrides: dict) -> Options:
    if opts is None:
        return Options(**overrides)
    if overrides:
        from dataclasses import replace
        return replace(opts, **overrides)
    return opts


def doc_hash(data: bytes) -> str:
    """The document id: the first 16 hex digits of the source's SHA-256.

    >>> doc_hash(b"")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()[:16]


def read_lines(text: str, fmt: str, rules=None, doc: Document | None = None
               ) -> tuple[list[Line], str]:
    """Lines of a decoded input, with the format actually read. OCR XML readers
    also record what they removed, warned and decided into ``doc``."""
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "text":
        return lines_from_text(text), fmt
    got = ocr_read(text, fmt, rules)
    if doc is not None:
        doc.removed.extend(got.removed)
        doc.warnings.extend(got.warnings)
        doc.trace.extend(got.events)
    return got.lines, fmt


def clean(source: str | bytes, opts: Options | None = None, *, name: str = "<string>",
          **overrides) -> Document:
    """Clean raw page text (str or bytes) into a Document.

    Keyword arguments are the fields of ``Options`` (spacing="pangu",
    convert="t2s", disable=("J302",), rules=("my-rules.toml",), from_format=…).
    Raises ``InputError`` for input that cannot be read and ``RuleError`` for a
    broken rule file.
    """
    opts = _options(opts, overrides)
    warnings: list[str] = []
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        text, warnings = decode(data, opts.errors)
    else:
        text = source
        data = text.encode("utf-8", errors="surrogatepass")
    rules = load_rules(opts.rules, opts.disable)
    doc = Document(source=name, doc_id=doc_hash(data), warnings=list(warnings))
    lines, _fmt = read_lines(text, opts.from_format, rules, doc)
    doc.pages = max((line.page for line in lines), default=1)
    doc.zones = {l.box_id: (l.page, l.bbox) for l in lines if l.box_id and l.bbox}
    state = State(lines, rules, opts, doc)
    for event in doc.trace:  # the reader's decisions come first in the trace
        state.tracer.add(event)
    for stage in STAGES:
        stage(state)
    doc.lang = detect_lang("".join(line.text for line in state.lines))
    doc.trace = state.tracer.events
    return doc


def clean_file(path: str | os.PathLike, opts: Options | None = None, **overrides) -> Document:
    """Clean one file; its name goes into the document's provenance."""
    p = Path(path)
    if p.is_dir():
        raise InputError("%s: is a directory (give files, or use reflow batch for folders)" % p)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError("%s: larger than %d GB" % (p, MAX_BYTES // 1024 ** 3))
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("%s: no such file" % p) from None
    except PermissionError:
        raise InputError("%s: permission denied" % p) from None
    except IsADirectoryError:
        raise InputError("%s: is a directory" % p) from None
    except OSError as e:
        raise InputError("%s: cannot read: %s" % (p, e.strerror or e)) from None
    try:
        return clean(data, opts, name=p.name, **overrides)
    except InputError as e:
        raise InputError("%s: %s" % (p, e)) from None


def clean_issue(paths: list[str | os.PathLike], opts: Options | None = None,
                **overrides) -> Document:
    """Clean several plain-text files as the pages of one issue, in the order
    given: one document, so that a running head repeated on its pages is
    recognised as furniture and an article continued on a later page is joined.
    """
    parts = []
    for path in paths:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError("%s: cannot read: %s" % (p, e.strerror or e)) from None
        opts_ = _options(opts, overrides)
        try:
            text, _ = decode(data, opts_.errors)
        except InputError as e:
            raise InputError("%s: %s" % (p, e)) from None
        if detect_format(text) != "text":
            raise InputError("%s: --issue joins plain-text pages; this is OCR XML" % p)
        parts.append(text.rstrip("\f\n"))
    name = "+".join(Path(p).name for p in paths)
    return clean("\n\f".join(parts) + "\n", opts, name=name, **overrides)


__all__ = ["clean", "clean_file", "clean_issue", "Options", "InputError", "RuleError", "doc_hash"]
