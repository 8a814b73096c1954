"""OCR XML input: safe parsing, and hOCR read into ``Line``s.

Holds the one safe XML parser every OCR format goes through (a DOCTYPE is
allowed but never loaded, no entity expansion, no network, libxml2's depth
limit) and the hOCR reader: Tesseract's words joined into lines, lines grouped
into its paragraphs (``ocr_par``), with boxes and confidences kept. It does not
decide reading order or paragraph breaks; the stages do.
"""
from __future__ import annotations

import re

from lxml import etree, html as lhtml

from .model import Line
from .read import InputError

MAX_BYTES = 512 * 1024 * 1024
LINE_CLASSES = ("ocr_line", "ocr_textfloat", "ocr_caption", "ocr_header", "ocr_footer")
_BBOX = re.compile(r"\bbbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_WCONF = re.compile(r"\bx_wconf\s+(-?[\d.]+)")
_FSIZE = re.compile(r"\bx_size\s+([\d.]+)")


def parse_xml(text: str, what: str = "XML"):
    """Parse XML safely; a broken or hostile file is an ``InputError``.

    >>> parse_xml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>').tag
    'x'
    """
    if len(text) > MAX_BYTES:
        raise InputError("%s input is larger than %d MB" % (what, MAX_BYTES // 2**20))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    data = text.encode("utf-8")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError("not well-formed %s: %s" % (what, e)) from None
    if root is None:
        raise InputError("empty %s document" % what)
    return root


def _parse_hocr(text: str):
    try:
        return parse_xml(text, "hOCR")
    except InputError:
        pass
    # Not XHTML: read it as HTML (no DTD, no network, no entity files).
    parser = lhtml.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lhtml.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError("not readable hOCR: %s" % e) from None
    return root


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _bbox(title: str):
    m = _BBOX.search(title or "")
    return tuple(float(v) for v in m.groups()) if m else None


def ocr_lines(text: str, fmt: str) -> list[Line]:
    """Lines of an OCR XML document of the given format (hocr, alto, page)."""
    if fmt == "hocr":
        return hocr_lines(text)
    raise InputError("%s input is not supported yet: reflow reads plain text and hOCR "
                     "(use --from text to read the file as text)" % fmt.upper())


def hocr_lines(text: str) -> list[Line]:
    """Lines of an hOCR file: words joined by one space, one Line per
    ``ocr_line`` (or textfloat, caption, header), ``par_start`` on the first
    line of each ``ocr_par``; ``blank_before`` 1 there so paragraph hints act
    like the blank lines of plain text.
    """
    root = _parse_hocr(text)
    out: list[Line] = []
    page = 0
    lineno = 0
    seen_par = None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        cls = _classes(el)
        if "ocr_page" in cls:
            page += 1
            seen_par = None
            continue
        if not cls.intersection(LINE_CLASSES):
            continue
        words = []
        confs = []
        for w in el.iter():
            if isinstance(w.tag, str) and "ocrx_word" in _classes(w):
                t = "".join(w.itertext()).strip()
                if t:
                    words.append(t)
                    m = _WCONF.search(w.get("title") or "")
                    if m:
                        confs.append(float(m.group(1)))
        if not words:
            continue
        lineno += 1
        par = None
        for anc in el.iterancestors():
            if "ocr_par" in _classes(anc) or "ocr_carea" in _classes(anc):
                par = anc
                break
        start = par is None or par is not seen_par
        seen_par = par
        title = el.get("title") or ""
        fs = _FSIZE.search(title)
        out.append(Line(" ".join(words), max(page, 1), lineno,
                        blank_before=1 if start and out else 0,
                        par_start=start, bbox=_bbox(title),
                        font_size=float(fs.group(1)) if fs else None,
                        conf=(sum(confs) / len(confs)) if confs else None,
                        box_id=el.get("id")))
    return out
