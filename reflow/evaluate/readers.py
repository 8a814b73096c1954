"""The readers of ``reflow eval``: reflow's TEI output and ``gold.json``, into one shape.

Holds the neutral shape both sides are read into (``EvalPage`` of
``EvalArticle``: kicker, main and sub headlines, body paragraphs, captions,
byline names, and all text), the reader of TEI (``parse_tei``), the reader of
gold (``read_gold``, ``load_gold``) and the two ways text is normalized for
comparison (``norm_para``, ``nows``). It does not score: ``metrics`` compares
the pages read here.

How the TEI is read (namespace http://www.tei-c.org/ns/1.0):

* articles: every ``div[@type='article']`` under ``TEI/text/body``; an
  element belongs to the innermost article div around it;
* headings: ``head[@type='kicker']``, ``head[@type='main']`` (else the first
  ``head`` without ``@type``), ``head[@type='sub']`` (the first of each),
  not those inside figure, table, list or note;
* paragraphs: the ``p`` of the article, except inside figure, note, fw,
  closer, trailer, byline or head; a paragraph's text is all text inside it
  except that of fw, note, pb, cb, lb and figure children;
* captions: the ``head`` and ``p`` children of a ``figure``, and ``figDesc``;
* names: the text of ``persName`` and ``docAuthor`` outside ``figure``
  (photographers in photo credits are not bylines);
* text: everything inside ``TEI/text`` (for Han recall).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{%s}" % TEI_NS
WS = re.compile(r"\s+")

NOT_BODY = {"figure", "note", "fw", "closer", "trailer", "byline", "head"}
NOT_IN_PARAGRAPH = {"fw", "note", "pb", "cb", "lb", "figure"}
NOT_HEADING = {"figure", "table", "list", "note"}


class TEIError(ValueError):
    """Output that is not usable TEI (not XML, or not a TEI document)."""


# --------------------------------------------------------------------------
# the neutral shape both sides are read into
# --------------------------------------------------------------------------
@dataclass
class EvalArticle:
    """One article as the metrics see it."""
    paragraphs: list[str] = field(default_factory=list)
    main: str | None = None
    kicker: str | None = None
    sub: str | None = None
    names: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


@dataclass
class EvalPage:
    """One page: its articles in order, all its text, and (gold only) furniture and language."""
    articles: list[EvalArticle] = field(default_factory=list)
    text: str = ""
    furniture: list[str] = field(default_factory=list)
    lang: str = ""


def norm_para(s: str) -> str:
    """A paragraph for exact comparison: stripped, whitespace runs as one space.

    >>> norm_para("  a \\n b ")
    'a b'
    """
    return WS.sub(" ", s).strip()


def nows(s: str) -> str:
    """s without any whitespace (headlines, names, captions, furniture are compared so)."""
    return WS.sub("", s)


# --------------------------------------------------------------------------
# reading TEI
# --------------------------------------------------------------------------
def _local(el) -> str:
    """Local name of an element; '' for comments and processing instructions."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _is_article(el) -> bool:
    return el.tag == _T + "div" and el.get("type") == "article"


def _owner(el):
    """The innermost article div around el, or None."""
    for anc in el.iterancestors():
        if _is_article(anc):
            return anc
    return None


def _inside(el, stop, names: set[str] | tuple[str, ...]) -> bool:
    """Is el inside an element named in names, below the element stop?"""
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if _local(anc) in names:
            return True
    return False


def paragraph_text(el) -> str:
    """All text of a p except that of fw, note, pb, cb, lb and figure placed inside it."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and _local(child) not in NOT_IN_PARAGRAPH:
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _read_article(div) -> EvalArticle:
    """The elements of one article div that no nested article div owns."""
    art = EvalArticle()
    untyped = None
    tags = [_T + t for t in ("head", "p", "figDesc", "persName", "docAuthor")]
    for el in div.iter(*tags):
        if _owner(el) is not div:
            continue
        name = _local(el)
        text = "".join(el.itertext())
        if name in ("head", "p") and _local(el.getparent()) == "figure":
            if nows(text):
                art.captions.append(text)
        elif name == "head":
            if _inside(el, div, NOT_HEADING):
                continue
            kind = el.get("type")
            if kind in ("kicker", "main", "sub") and getattr(art, kind) is None:
                setattr(art, kind, text)
            elif kind is None and untyped is None:
                untyped = text
        elif name == "p":
            if not _inside(el, div, NOT_BODY):
                art.paragraphs.append(paragraph_text(el))
        elif name == "figDesc":
            if nows(text):
                art.captions.append(text)
        elif not _inside(el, div, ("figure",)) and nows(text):
            art.names.append(text)
    if art.main is None:
        art.main = untyped
    return art


def parse_tei(data: str | bytes) -> EvalPage:
    """Read TEI output into an EvalPage; raise TEIError if it is not usable TEI.

    Parsed safely: no entity expansion, no network access.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise TEIError("invalid XML: %s" % e) from None
    if root is None or root.tag != _T + "TEI":
        raise TEIError("root element is %s, not TEI" % (None if root is None else root.tag))
    page = EvalPage()
    for text_el in root.findall(_T + "text"):
        for body in text_el.findall(_T + "body"):
            for div in body.iter(_T + "div"):
                if _is_article(div):
                    page.articles.append(_read_article(div))
    text_el = root.find(_T + "text")
    page.text = "".join(text_el.itertext()) if text_el is not None else ""
    return page


# --------------------------------------------------------------------------
# reading gold
# --------------------------------------------------------------------------
def _strings(value) -> list[str]:
    """A gold field that may be missing, one string or a list of strings, as a list."""
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def read_gold(gold: dict[str, Any]) -> EvalPage:
    """A parsed gold.json as an EvalPage; its text is everything the articles print."""
    page = EvalPage(furniture=list(gold.get("furniture") or []), lang=gold.get("lang") or "")
    texts: list[str] = []
    for a in gold.get("articles") or []:
        page.articles.append(EvalArticle(
            paragraphs=list(a.get("paragraphs") or []), main=a.get("headline"),
            kicker=a.get("kicker"), sub=a.get("subheadline"),
            names=[n for b in a.get("bylines") or [] for n in b.get("names") or []],
            captions=_strings(a.get("captions"))))
        texts += [a.get("kicker"), a.get("headline"), a.get("subheadline")]
        for key in ("byline_lines", "paragraphs", "closing", "captions", "credits"):
            texts += _strings(a.get(key))
    page.text = "\n".join(t for t in texts if t)
    return page


def load_gold(page_dir: str | Path) -> EvalPage:
    """Read <page_dir>/gold.json."""
    path = Path(page_dir) / "gold.json"
    return read_gold(json.loads(path.read_text(encoding="utf-8")))
