"""TEI P5 writer: one Document as a TEI document (or several as a teiCorpus).

The shape validates against tei_all: furniture as ``fw`` between articles,
``div type="article"`` with ``head`` first (kicker, main, sub), then bylines,
then paragraphs, figures, notes and page breaks, then closing lines; an inline
dateline or byline as ``seg`` inside the first ``p``. A pure function of the
Document: it never changes text.
"""
from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..model import Article, Document, Figure, Note, PageBreak, Paragraph

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = "{%s}" % TEI_NS
_LANG = "{%s}lang" % XML_NS
_ID = "{%s}id" % XML_NS
FW_TYPE = {"running-head": "header", "section": "header", "page-number": "pageNum",
           "staff": "footer", "folio": "header"}


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, _T + tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _header(root, doc: Document) -> None:
    header = _el(root, "teiHeader")
    fd = _el(header, "fileDesc")
    ts = _el(fd, "titleStmt")
    _el(ts, "title", doc.source or doc.doc_id)
    ps = _el(fd, "publicationStmt")
    _el(ps, "p", "Cleaned by reflow %s from %s (sha256 %s…)." % (__version__, doc.source or "input",
                                                               doc.doc_id))
    sd = _el(fd, "sourceDesc")
    _el(sd, "p", "Raw page text of %d page%s." % (doc.pages, "" if doc.pages == 1 else "s"))


def _names(parent, text: str, names: list[str]) -> None:
    """Write text into parent, wrapping each name (first occurrence, in order) in persName."""
    pos = 0
    last = None
    for name in names:
        k = text.find(name, pos)
        if k < 0:
            continue
        chunk = text[pos:k]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = _el(parent, "persName", name)
        pos = k + len(name)
    rest = text[pos:]
    if last is None:
        parent.text = (parent.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _paragraph(div, p: Paragraph, zone_ids: dict[str, str] | None = None) -> None:
    el = _el(div, "p", rend="crosshead" if p.crosshead else None)
    if zone_ids and p.boxes:
        refs = [zone_ids[b] for b in p.boxes if b in zone_ids]
        if refs:
            el.set("facs", " ".join("#" + r for r in refs))
    text = p.text
    pos = 0
    last = None
    for seg in sorted(p.segs, key=lambda s: s.start):
        if seg.start < pos:
            continue
        chunk = text[pos:seg.start]
        if last is None:
            el.text = (el.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = _el(el, "seg", type=seg.type)
        _names(last, text[seg.start:seg.end], seg.names)
        pos = seg.end
    rest = text[pos:]
    if last is None:
        el.text = (el.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def _figure(div, fig: Figure) -> None:
    el = _el(div, "figure")
    for cap in fig.captions:
        _el(el, "head", cap)
    for credit in fig.credits:
        note = _el(el, "note", type="credit")
        _names(note, credit.text, credit.names)


def _article(body, art: Article, ident: str, zone_ids: dict[str, str] | None = None) -> None:
    div = _el(body, "div", type="article")
    div.set(_ID, ident)
    if art.prev_part is not None:
        div.set("prev", "#%s" % ident.rsplit("-", 1)[0] + "-%03d" % art.prev_part)
    if art.next_part is not None:
        div.set("next", "#%s" % ident.rsplit("-", 1)[0] + "-%03d" % art.next_part)
    for kind, text in (("kicker", art.kicker), ("main", art.headline), ("sub", art.subheadline)):
        if text:
            _el(div, "head", text, type=kind)
    leading = [b for b in art.bylines if not b.inline and not b.trailing]
    written = set()
    for b in leading:
        if b.text in written:
            continue
        written.add(b.text)
        el = _el(div, "byline")
        _names(el, b.text or " ".join(b.names),
               [n for x in leading if x.text == b.text for n in x.names])
    if art.continued_from:
        _el(div, "note", art.continued_from, type="continuation")
    for item in art.body:
        if isinstance(item, Paragraph):
            _paragraph(div, item, zone_ids)
        elif isinstance(item, Figure):
            _figure(div, item)
        elif isinstance(item, Note):
            _el(div, "note", item.text, type=item.type)
        elif isinstance(item, PageBreak):
            _el(div, "pb", n=str(item.page))
    if not art.paragraphs:
        # figures and notes are not enough for tei_all: a div needs a paragraph
        _el(div, "p")
    trailing = [b for b in art.bylines if b.trailing and not b.inline]
    for b in trailing:
        el = _el(div, "byline")
        _names(el, b.text or " ".join(b.names), b.names)
    if art.continued_to:
        _el(div, "trailer", art.continued_to)
    for line in art.closing:
        _el(div, "closer", line)


_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")


def _facsimile(root, doc: Document) -> dict[str, str]:
    """One zone per OCR box, grouped by page; returns box id -> zone xml:id."""
    if not doc.zones:
        return {}
    fac = _el(root, "facsimile")
    surfaces: dict[int, etree._Element] = {}
    ids: dict[str, str] = {}
    for box, (page, (x0, y0, x1, y1)) in doc.zones.items():
        surface = surfaces.get(page)
        if surface is None:
            surface = surfaces[page] = _el(fac, "surface", n=str(page))
        zid = "z%s-%s" % (doc.doc_id, _NOT_NAME.sub("_", box))
        zone = _el(surface, "zone", ulx="%g" % x0, uly="%g" % y0, lrx="%g" % x1, lry="%g" % y1)
        zone.set(_ID, zid)
        ids[box] = zid
    return ids


def document_element(doc: Document, tag: str = "TEI", facs: bool = False) -> etree._Element:
    root = etree.Element(_T + tag, nsmap={None: TEI_NS})
    root.set(_LANG, doc.lang)
    _header(root, doc)
    zone_ids = _facsimile(root, doc) if facs else None
    text = _el(root, "text")
    body = _el(text, "body")
    first_page = {}
    for k, art in enumerate(doc.articles):
        first_page.setdefault(art.pages[0] if art.pages else 1, []).append(k)
    furniture = {}
    for f in doc.furniture:
        furniture.setdefault(f.page, []).append(f)
    pages = sorted(set(first_page) | set(furniture)) or [1]
    base = "a" + doc.doc_id
    for page in pages:
        if doc.pages > 1:
            _el(body, "pb", n=str(page))
        for f in furniture.get(page, []):
            _el(body, "fw", f.text, type=FW_TYPE.get(f.kind, "header"))
        for k in first_page.get(page, []):
            _article(body, doc.articles[k], "%s-%03d" % (base, k), zone_ids)
    if not doc.articles:
        div = _el(body, "div", type="page")
        _el(div, "p")
    return root


def write_tei(doc: Document, facs: bool = False) -> str:
    """The TEI document as a string with an XML declaration. With ``facs``, OCR
    boxes become facsimile zones and each paragraph points to its boxes."""
    root = document_element(doc, facs=facs)
    return etree.tostring(root, encoding="unicode", pretty_print=True).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', ""])


def write_corpus(docs: list[Document], facs: bool = False) -> str:
    """Several documents as one teiCorpus."""
    root = etree.Element(_T + "teiCorpus", nsmap={None: TEI_NS})
    header = _el(root, "teiHeader")
    fd = _el(header, "fileDesc")
    _el(_el(fd, "titleStmt"), "title", "reflow corpus of %d documents" % len(docs))
    _el(_el(fd, "publicationStmt"), "p", "Cleaned by reflow %s." % __version__)
    _el(_el(fd, "sourceDesc"), "p", ", ".join(d.source for d in docs) or "no input")
    for doc in docs:
        root.append(document_element(doc, facs=facs))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="unicode", pretty_print=True)
