"""OCR XML input: safe parsing, and hOCR, ALTO and PAGE XML read into lines with boxes.

Holds the one safe XML parser every OCR format goes through (a DOCTYPE is
allowed but never loaded, no entity is expanded, nothing is fetched from the
network, libxml2's depth limit, a size limit, entity declarations that nest
refused), format sniffing, and one reader per format that builds the same
``geometry.OcrPage`` model: lines of words with boxes, confidences (0..1) and
font sizes where the file gives them. ``geometry.layout`` then decides reading
order, word glue and paragraph evidence. It does not decide anything from
the text itself: the stages do.

>>> doc = ('<html><body><div class="ocr_page" title="bbox 0 0 800 600">'
...        '<span class="ocr_line" title="bbox 10 10 160 50">'
...        '<span class="ocrx_word" title="bbox 10 10 50 50; x_wconf 93">新</span> '
...        '<span class="ocrx_word" title="bbox 55 10 95 50; x_wconf 90">华</span> '
...        '<span class="ocrx_word" title="bbox 100 10 160 50; x_wconf 91">社电</span>'
...        '</span></div></body></html>')
>>> [(l.text, l.bbox) for l in ocr_lines(doc, "hocr")]
[('新华社电', (10.0, 10.0, 160.0, 50.0))]
"""
from __future__ import annotations

import re

from lxml import etree, html as lhtml

from .geometry import OcrLine, OcrPage, Reading, Word, layout
from .model import Line
from .read import InputError

MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 256                      # libxml2's own limit without XML_PARSE_HUGE
LINE_CLASSES = ("ocr_line", "ocr_textfloat", "ocr_caption", "ocr_header", "ocr_footer")
_BBOX = re.compile(r"\bbbox\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)")
_WCONF = re.compile(r"\bx_wconf\s+(-?[\d.]+)")
_FSIZE = re.compile(r"\bx_size\s+([\d.]+)")
_PPAGENO = re.compile(r"\bppageno\s+(\d+)")
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_ENTITY = re.compile(r"<!ENTITY\s+(%\s+)?[^\s]+\s+(?P<rest>(?:\"[^\"]*\"|'[^']*'|[^>])*)>", re.S)
FORMATS = ("hocr", "alto", "page")


# ---------------------------------------------------------------- safe parsing
def _check_entities(text: str, what: str) -> None:
    """Refuse entity declarations whose value refers to other entities (the
    'billion laughs' bomb) before any parser sees them. Other declarations are
    harmless here: no entity is ever expanded or loaded."""
    if text.find("<!ENTITY") < 0:
        return
    for ent in _ENTITY.finditer(text):
        rest = ent.group("rest").lstrip()
        if rest.startswith(("SYSTEM", "PUBLIC")):
            continue
        if any("&" in a + b or "%" in a + b for a, b in _QUOTED.findall(rest)):
            raise InputError("%s declares entities that refer to other entities "
                             "(an entity expansion bomb); refused" % what)


def parse_xml(text: str, what: str = "XML"):
    """Parse XML safely; a broken or hostile file is an ``InputError``.

    >>> parse_xml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>').tag
    'x'
    """
    if len(text) > MAX_BYTES:
        raise InputError("%s input is larger than %d MB" % (what, MAX_BYTES // 2**20))
    _check_entities(text, what)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    data = text.encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(_drop_declaration(data), parser)
    except etree.XMLSyntaxError as e:
        raise InputError("not well-formed %s: %s" % (what, _one_line(e))) from None
    if root is None:
        raise InputError("empty %s document" % what)
    return root


def _drop_declaration(data: bytes) -> bytes:
    """The text is already Unicode: an encoding declaration must not re-decode it."""
    s = data.lstrip()
    if s.startswith(b"<?xml"):
        end = s.find(b"?>")
        if end > 0:
            return s[end + 2:]
    return data


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())[:300]


def _parse_hocr(text: str):
    """hOCR is XHTML (Tesseract) or HTML (other engines): XML first, then, for
    a file that is not XML at all, the HTML parser (no DTD, no network)."""
    try:
        return parse_xml(text, "hOCR")
    except InputError:
        if text.lstrip()[:5].lower() == "<?xml":
            raise                        # declared XML: broken or hostile, say so
    _check_entities(text, "hOCR")
    parser = lhtml.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lhtml.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError("not readable hOCR: %s" % _one_line(e)) from None
    _check_depth(root, "hOCR")
    return root


def _check_depth(root, what: str) -> None:
    stack = [(root, 1)]
    while stack:
        el, d = stack.pop()
        if d > MAX_DEPTH:
            raise InputError("%s nests elements deeper than %d levels" % (what, MAX_DEPTH))
        stack.extend((c, d + 1) for c in el)


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str:
    """Text of an element and its element children; an unexpanded entity
    reference contributes nothing (its tail stays)."""
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str):
            parts.append(_text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def sniff_format(text: str) -> str:
    """text, hocr, alto or page, from the content (the root element, for XML).

    >>> sniff_format('<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">')
    'alto'
    >>> sniff_format('<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">')
    'page'
    >>> sniff_format("新华社北京7月28日电")
    'text'
    """
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return "text"
    m = re.search(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s>/]",
                  re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", head,
                         flags=re.S | re.I))
    root = m.group(2).lower() if m else ""
    if root == "alto":
        return "alto"
    if root == "pcgts":
        return "page"
    low = text[:200000].lower()
    if root == "html" and ("ocr_page" in low or "ocr_line" in low or "ocrx_word" in low):
        return "hocr"
    if "class=\"ocr_page\"" in low or "class='ocr_page'" in low:
        return "hocr"
    return "text"


# ---------------------------------------------------------------- entry points
def ocr_pages(text: str, fmt: str) -> list[OcrPage]:
    """The pages of an OCR XML document of the given format, as the file has them."""
    if fmt == "hocr":
        root = _parse_hocr(text)
        pages = read_hocr(root)
        if not pages:
            raise InputError("not hOCR: no ocr_page or ocr_line elements (root element <%s>)"
                             % (_local(root) or "?"))
        return pages
    if fmt == "alto":
        return read_alto(_expect(parse_xml(text, "ALTO"), "alto", "ALTO"))
    if fmt == "page":
        return read_page(_expect(parse_xml(text, "PAGE XML"), "PcGts", "PAGE XML"))
    raise InputError("unknown input format %r (reflow reads text, hocr, alto and page)" % fmt)


def _expect(root, name: str, what: str):
    if _local(root) != name:
        raise InputError("not %s: the root element is <%s>, not <%s>"
                         % (what, _local(root) or "?", name))
    return root


def ocr_read(text: str, fmt: str, rules=None) -> Reading:
    """Lines in reading order, with removals and events, from OCR XML.

    ``rules`` is the run's ``RuleSet`` (O701–O704 and their parameters); None
    uses the shipped rules.
    """
    if rules is None:
        from .rules import load_rules
        rules = load_rules()
    if text.lstrip("\ufeff \t\r\n")[:1] != "<":
        raise InputError("not %s: the input is not XML (use --from text to read it as text)"
                         % {"hocr": "hOCR", "alto": "ALTO", "page": "PAGE XML"}.get(fmt, fmt))
    pages = ocr_pages(text, fmt)
    got = layout(pages, rules)
    if not got.lines and not any(p.lines for p in pages):
        got.warnings.append("no text lines found in the %s input" % fmt)
    return got


def ocr_lines(text: str, fmt: str, rules=None) -> list[Line]:
    """Lines of an OCR XML document of the given format (hocr, alto, page), in
    reading order, with boxes and paragraph evidence from the geometry."""
    return ocr_read(text, fmt, rules).lines


# ---------------------------------------------------------------- hOCR
def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _is_word(cls: str | None) -> bool:
    """Is ``ocrx_word`` among these classes? (Asked of every element: the plain
    class string first, without making a set.)"""
    return cls == "ocrx_word" or bool(cls) and "ocrx_word" in cls.split()


def _bbox(title: str):
    m = _BBOX.search(title or "")
    return tuple(float(v) for v in m.groups()) if m else None


def _hocr_words(el) -> list[Word]:
    words = []
    for w in el.iter():
        if isinstance(w.tag, str) and _is_word(w.get("class")):
            t = _text(w).strip()
            if not t:
                continue
            title = w.get("title") or ""
            m = _WCONF.search(title)
            conf = max(0.0, min(1.0, float(m.group(1)) / 100)) if m else None
            words.append(Word(t, _bbox(title), conf))
    return words


def read_hocr(root) -> list[OcrPage]:
    """Pages of an hOCR tree: one ``OcrLine`` per ``ocr_line`` (textfloat,
    caption, header, footer), words from ``ocrx_word``; a line without word
    elements keeps its own text."""
    pages: list[OcrPage] = []
    page: OcrPage | None = None
    seq = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("class") == "ocrx_word":
            continue  # most elements are words: neither a page nor a line
        cls = _classes(el)
        if "ocr_page" in cls:
            page = OcrPage(len(pages) + 1, [], _bbox(el.get("title") or ""))
            pages.append(page)
            continue
        kinds = cls.intersection(LINE_CLASSES)
        if not kinds:
            continue
        if page is None:
            page = OcrPage(1, [])
            pages.append(page)
        seq += 1
        title = el.get("title") or ""
        words = _hocr_words(el)
        text = None if words else " ".join(_text(el).split())
        if not words and not text:
            continue
        fs = _FSIZE.search(title)
        region = None
        for anc in el.iterancestors():
            if "ocr_carea" in _classes(anc) or "ocr_par" in _classes(anc):
                region = anc.get("id")
                break
        page.lines.append(OcrLine(words, _bbox(title), seq, el.get("id"),
                                  sorted(kinds)[0][4:], float(fs.group(1)) if fs else None,
                                  font_px=True, region=region, text=text))
    return pages


def hocr_lines(text: str) -> list[Line]:
    """Lines of an hOCR file as the file groups them, without any geometry
    decision: words joined by one space, one Line per ``ocr_line`` (or
    textfloat, caption, header), ``par_start`` on the first line of each
    ``ocr_par`` and ``blank_before`` 1 there. ``ocr_lines(text, "hocr")`` is
    the reading the pipeline uses.
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
        words = _hocr_words(el)
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
        confs = [w.conf for w in words if w.conf is not None]
        out.append(Line(" ".join(w.text for w in words), max(page, 1), lineno,
                        blank_before=1 if start and out else 0,
                        par_start=start, bbox=_bbox(title),
                        font_size=float(fs.group(1)) if fs else None,
                        conf=(sum(confs) / len(confs)) if confs else None,
                        box_id=el.get("id")))
    return out


# ---------------------------------------------------------------- ALTO
def _num(el, name: str) -> float | None:
    v = el.get(name)
    if v is None:
        return None
    try:
        return float(v)
    except ValueError:
        return None


def _alto_box(el):
    x, y, w, h = (_num(el, k) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if None in (x, y, w, h):
        return None
    return (x, y, x + w, y + h)


def _alto_styles(root) -> dict[str, float]:
    sizes = {}
    for el in root.iter():
        if _local(el) == "TextStyle" and el.get("ID"):
            fs = _num(el, "FONTSIZE")
            if fs:
                sizes[el.get("ID")] = fs
    return sizes


def _style_size(el, sizes: dict[str, float]) -> float | None:
    for ref in (el.get("STYLEREFS") or el.get("STYLE") or "").split():
        if ref in sizes:
            return sizes[ref]
    return None


def read_alto(root) -> list[OcrPage]:
    """Pages of an ALTO tree (v1 to v4, any namespace): ``TextLine``s of
    ``String``s (CONTENT, WC as confidence), ``SP`` as an explicit word space,
    ``HYP`` as the line-end hyphen it prints; font size from ``TextStyle``."""
    sizes = _alto_styles(root)
    # a file that marks spaces with SP means "no space" where it has none;
    # in one that never does, the boxes decide
    uses_sp = any(_local(el) == "SP" for el in root.iter())
    pages: list[OcrPage] = []
    seq = 0
    page_els = [el for el in root.iter() if _local(el) == "Page"] or [root]
    for k, pel in enumerate(page_els, 1):
        page = OcrPage(k, [], _alto_box(pel) or _page_size(pel))
        pages.append(page)
        for line in pel.iter():
            if _local(line) != "TextLine":
                continue
            seq += 1
            block = line.getparent()
            words: list[Word] = []
            space = None
            line_size = _style_size(line, sizes) or (
                _style_size(block, sizes) if block is not None else None)
            string_sizes = []
            for c in line:
                name = _local(c)
                if name == "String":
                    t = c.get("CONTENT") or ""
                    if not t.strip():
                        continue
                    wc = _num(c, "WC")
                    words.append(Word(t, _alto_box(c), wc if wc is None else max(0.0, min(1.0, wc)),
                                      space if words and uses_sp else None))
                    space = False
                    s = _style_size(c, sizes)
                    if s:
                        string_sizes.append(s)
                elif name == "SP":
                    space = True
                elif name == "HYP" and words:
                    words[-1].text += c.get("CONTENT") or "-"
            if not words:
                continue
            size = line_size or (max(set(string_sizes), key=string_sizes.count)
                                 if string_sizes else None)
            page.lines.append(OcrLine(words, _alto_box(line), seq, line.get("ID"),
                                      "line", size, region=block.get("ID") if block is not None
                                      else None))
    return pages


def _page_size(pel):
    w, h = _num(pel, "WIDTH"), _num(pel, "HEIGHT")
    return (0.0, 0.0, w, h) if w and h else None


# ---------------------------------------------------------------- PAGE XML
_POINT = re.compile(r"(-?[\d.]+)\s*,\s*(-?[\d.]+)")


def _coords(el):
    """The bounding box of an element's ``Coords`` (points attribute, or the
    ``Point`` children of the 2010 schema)."""
    for c in el:
        if _local(c) != "Coords":
            continue
        pts = [(float(x), float(y)) for x, y in _POINT.findall(c.get("points") or "")]
        if not pts:
            pts = [(float(p.get("x", 0)), float(p.get("y", 0))) for p in c if _local(p) == "Point"]
        if pts:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            return (min(xs), min(ys), max(xs), max(ys))
    return None


def _equiv(el) -> tuple[str | None, float | None]:
    """Text and confidence of an element's first (lowest index) ``TextEquiv``."""
    best = None
    for c in el:
        if _local(c) == "TextEquiv":
            idx = c.get("index")
            key = int(idx) if idx and idx.lstrip("-").isdigit() else 0
            if best is None or key < best[0]:
                best = (key, c)
    if best is None:
        return None, None
    te = best[1]
    text = None
    for u in te:
        if _local(u) == "Unicode":
            text = _text(u)
    conf = _num(te, "conf")
    return text, conf


def _page_font(el) -> float | None:
    for c in el:
        if _local(c) == "TextStyle":
            return _num(c, "fontSize")
    return None


def read_page(root) -> list[OcrPage]:
    """The page of a PAGE XML tree (2010 to 2019 namespaces): ``TextLine``s of
    ``Word``s with ``Coords`` and ``TextEquiv``, or the line's own text when it
    has no words; the ``ReadingOrder`` as the source states it."""
    pages: list[OcrPage] = []
    seq = 0
    for k, pel in enumerate((el for el in root.iter() if _local(el) == "Page"), 1):
        w, h = _num(pel, "imageWidth"), _num(pel, "imageHeight")
        page = OcrPage(k, [], (0.0, 0.0, w, h) if w and h else None, _reading_order(pel))
        pages.append(page)
        for line in pel.iter():
            if _local(line) != "TextLine":
                continue
            seq += 1
            region = line.getparent()
            words = []
            for wel in line:
                if _local(wel) != "Word":
                    continue
                t, conf = _equiv(wel)
                if t and t.strip():
                    words.append(Word(t.strip(), _coords(wel), _conf01(conf)))
            ltext, lconf = _equiv(line)
            if not words and not (ltext and ltext.strip()):
                continue
            kind = "line"
            rtype = region.get("type") if region is not None else None
            if rtype in ("heading", "header", "footer", "caption", "page-number"):
                kind = rtype
            size = _page_font(line) or (_page_font(region) if region is not None else None)
            page.lines.append(OcrLine(words, _coords(line), seq, line.get("id"), kind, size,
                                      conf=_conf01(lconf),
                                      region=region.get("id") if region is not None else None,
                                      text=None if words else " ".join(ltext.split())))
    if not pages:
        raise InputError("not PAGE XML: no Page element")
    return pages


def _conf01(v: float | None) -> float | None:
    return None if v is None else max(0.0, min(1.0, v))


def _reading_order(pel) -> list[str] | None:
    """Region ids in the order the ``ReadingOrder`` gives (nested groups flattened)."""
    for ro in pel:
        if _local(ro) != "ReadingOrder":
            continue
        out: list[str] = []
        _walk_order(ro, out)
        return out or None
    return None


def _walk_order(el, out: list[str]) -> None:
    kids = [c for c in el if isinstance(c.tag, str)]
    if any(c.get("index") is not None for c in kids):
        kids.sort(key=lambda c: int(c.get("index")) if (c.get("index") or "").isdigit() else 0)
    for c in kids:
        ref = c.get("regionRef")
        if ref:
            out.append(ref)
        _walk_order(c, out)


__all__ = ["parse_xml", "sniff_format", "ocr_pages", "ocr_read", "ocr_lines", "hocr_lines",
           "read_hocr", "read_alto", "read_page", "InputError"]
