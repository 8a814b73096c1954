"""``reflow eval``: reflow's quality measured on pages with gold answers, inside the project.

Holds the reader of reflow's TEI output and the reader of ``gold.json`` into
one neutral shape (``EvalPage`` of ``EvalArticle``: kicker, main and sub
headlines, body paragraphs, captions, byline names, and all text), the
metrics (CER, paragraph F1, paragraph-boundary F1, article B-cubed F1,
article exact match, headline stack, bylines, captions, furniture leak, Han
recall), the runner (reflow in-process, or a folder of TEI predictions), the
averages per source, language and overall, the report (table, worst pages,
JSON, quality floors) and the click command ``eval_cmd``.

The metric definitions are those of the evaluation kit the project is
measured with (a gold page folder holds ``gold.json`` and the raw files
``pdftotext.txt``, ``pdftotext-layout.txt``, ``pymupdf.txt``,
``pdfminer.txt``, ``tesseract.txt``, ``tesseract.hocr``); this is the
project's own implementation of them and it reads nothing outside the gold
folder it is given. It does not clean, fix or judge text by anything but the
gold: a prediction is scored as it is.

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

import collections
import json
import math
import re
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import click
from lxml import etree
from rapidfuzz.distance import LCSseq, Levenshtein

import reflow  # clean_file and write are looked up at call time

from .engine import SPACING, Options
from .rules import RuleError, load_rules

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{%s}" % TEI_NS

SOURCES = {
    "pdftotext": "pdftotext.txt",
    "pdftotext-layout": "pdftotext-layout.txt",
    "pymupdf": "pymupdf.txt",
    "pdfminer": "pdfminer.txt",
    "tesseract": "tesseract.txt",
    "tesseract-hocr": "tesseract.hocr",
    "raw": "raw.txt",  # single-source sample folders; not scored unless asked for
}
DEFAULT_SOURCES = ("pdftotext", "pdftotext-layout", "pymupdf", "pdfminer", "tesseract",
                   "tesseract-hocr")
METRICS = ("cer", "para_f1", "break_f1", "b3_f1", "art_em", "headline", "head_sim", "kicker",
           "sub", "byline_f1", "caption_f1", "leak", "han_recall")
LOWER_IS_BETTER = ("cer", "leak")
LABELS = {"cer": "CER", "para_f1": "paraF1", "break_f1": "brkF1", "b3_f1": "B3F1",
          "art_em": "artEM", "headline": "head", "head_sim": "hSim", "kicker": "kick",
          "sub": "sub", "byline_f1": "bylF1", "caption_f1": "capF1", "leak": "leak",
          "han_recall": "HanR"}
MATCH_MIN = 0.6  # share of a gold paragraph an output article must hold to own it
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
WS = re.compile(r"\s+")

NOT_BODY = {"figure", "note", "fw", "closer", "trailer", "byline", "head"}
NOT_IN_PARAGRAPH = {"fw", "note", "pb", "cb", "lb", "figure"}
NOT_HEADING = {"figure", "table", "list", "note"}


class EvalError(ValueError):
    """A gold folder, source or prediction folder that cannot be evaluated."""


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


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------
def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(matched: int, n_out: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    >>> prf(1, 2, 1)
    (0.5, 1.0, 0.6666666666666666)
    """
    p = matched / n_out if n_out else 0.0
    r = matched / n_gold if n_gold else 0.0
    return p, r, f1(p, r)


def _paragraphs(page: EvalPage) -> list[str]:
    return [p for a in page.articles for p in a.paragraphs]


def paragraph_prf(gold: EvalPage, out: EvalPage) -> tuple[float, float, float]:
    """Exact-match P/R/F1 over the multisets of normalized paragraphs (empty output ones dropped)."""
    g = collections.Counter(norm_para(p) for p in _paragraphs(gold))
    o = collections.Counter(n for n in map(norm_para, _paragraphs(out)) if n)
    return prf(sum((g & o).values()), sum(o.values()), sum(g.values()))


def map_paragraphs(gold: EvalPage, out: EvalPage) -> list[int | None]:
    """For every gold paragraph (page order), the index of the output article that holds it.

    That is the article whose body (its paragraphs joined by newlines) has the
    longest common subsequence with the paragraph (the first on ties), if
    that covers at least 60% of the paragraph; else None: the paragraph is lost.
    """
    bodies = ["\n".join(a.paragraphs) for a in out.articles]
    labels: list[int | None] = []
    for p in _paragraphs(gold):
        best, best_j = 0, None
        for j, body in enumerate(bodies):
            if body:
                s = LCSseq.similarity(p, body)
                if s > best:
                    best, best_j = s, j
        labels.append(best_j if best_j is not None and best >= MATCH_MIN * len(p) else None)
    return labels


def gold_article_labels(gold: EvalPage) -> list[int]:
    """For every gold paragraph, the index of its gold article."""
    return [i for i, a in enumerate(gold.articles) for _ in a.paragraphs]


def bcubed(gold_labels: list[int], out_labels: list[int | None]) -> tuple[float, float, float] | None:
    """B-cubed P/R/F1 of the output clustering of gold paragraphs; a lost one scores 0 and 0.

    >>> [round(x, 3) for x in bcubed([0, 0, 1], [0, 0, 0])]   # two articles run together
    [0.556, 1.0, 0.714]
    >>> [round(x, 3) for x in bcubed([0, 0], [0, None])]      # one paragraph lost
    [0.5, 0.25, 0.333]
    """
    n = len(gold_labels)
    if not n:
        return None
    out = [o if o is not None else ("lost", i) for i, o in enumerate(out_labels)]
    pairs = collections.Counter(zip(gold_labels, out))
    g_size, o_size = collections.Counter(gold_labels), collections.Counter(out)
    kept = [(g, o) for g, o in zip(gold_labels, out) if not isinstance(o, tuple)]
    p = sum(pairs[g, o] / o_size[o] for g, o in kept) / n
    r = sum(pairs[g, o] / g_size[g] for g, o in kept) / n
    return p, r, f1(p, r)


def paragraphs_in_gold_order(out: EvalPage, labels: list[int | None]) -> list[str]:
    """The output paragraphs with its articles put in the gold's article order.

    Each output article goes where the first gold paragraph mapped to it is;
    articles nothing was mapped to keep their order, at the end.
    """
    first: dict[int, int] = {}
    for i, label in enumerate(labels):
        if label is not None:
            first.setdefault(label, i)
    order = sorted(range(len(out.articles)), key=lambda j: (first.get(j, len(labels)), j))
    return [p for j in order for p in out.articles[j].paragraphs]


def cer(gold_paras: list[str], out_paras: list[str]) -> float:
    """Edit distance of the bodies (paragraphs joined by newlines) over the gold body's length.

    >>> cer(["abcd"], ["abXd"])
    0.25
    """
    gold = "\n".join(gold_paras)
    return Levenshtein.distance(gold, "\n".join(out_paras)) / max(1, len(gold))


def _stream(paras: list[str]) -> tuple[str, list[int]]:
    """Non-whitespace characters of the paragraphs, and where each paragraph after the first starts."""
    chars: list[str] = []
    starts: list[int] = []
    for p in paras:
        c = nows(p)
        if not c:
            continue
        if chars:
            starts.append(len(chars))
        chars.extend(c)
    return "".join(chars), starts


def _aligned_positions(gold: str, out: str) -> list[int]:
    """For every position in out (and its end), the gold position the alignment maps it to."""
    pos = [0] * (len(out) + 1)
    for op in Levenshtein.opcodes(gold, out):
        span = op.src_end - op.src_start
        diagonal = op.tag in ("equal", "replace")
        for k in range(op.dest_end - op.dest_start):
            pos[op.dest_start + k] = op.src_start + (k if diagonal and k < span else 0)
        pos[op.dest_end] = op.src_end
    return pos


def boundary_counts(gold_paras: list[str], out_paras: list[str],
                    tol: int = 1) -> tuple[int, int, int, int] | None:
    """(output starts that hit, output starts, gold starts that were hit, gold starts).

    Both sides are reduced to their non-whitespace characters, the output is
    aligned to the gold, and every output paragraph start (after the first)
    is mapped to a gold position; it hits if a gold paragraph starts within
    tol characters. None when neither side has a boundary.
    """
    g_chars, g_starts = _stream(gold_paras)
    o_chars, o_starts = _stream(out_paras)
    if not g_starts and not o_starts:
        return None
    pos = _aligned_positions(g_chars, o_chars)
    mapped = [pos[j] for j in o_starts]
    near = range(-tol, tol + 1)
    g_set, m_set = set(g_starts), set(mapped)
    hit_o = sum(1 for x in mapped if any(x + d in g_set for d in near))
    hit_g = sum(1 for x in g_starts if any(x + d in m_set for d in near))
    return hit_o, len(o_starts), hit_g, len(g_starts)


def boundary_f1(gold_paras: list[str], out_paras: list[str], tol: int = 1) -> float | None:
    """F1 of paragraph boundaries, robust to character errors (see boundary_counts).

    With no boundary on either side: 1 if there is any text, None if there is none.

    >>> boundary_f1(["abc", "def"], ["abc", "def"])
    1.0
    >>> boundary_f1(["abcdef"], ["abc", "def"])
    0.0
    """
    counts = boundary_counts(gold_paras, out_paras, tol)
    if counts is None:
        return 1.0 if "".join(gold_paras + out_paras).strip() else None
    hit_o, n_o, hit_g, n_g = counts
    return f1(hit_o / n_o if n_o else 0.0, hit_g / n_g if n_g else 0.0)


def article_exact(gold: EvalPage, out: EvalPage) -> float | None:
    """Share of gold articles whose paragraphs (a multiset) are exactly one output article's."""
    def bag(a: EvalArticle) -> collections.Counter:
        return collections.Counter(n for n in map(norm_para, a.paragraphs) if n)
    out_bags = [bag(a) for a in out.articles]
    gold_bags = [collections.Counter(map(norm_para, a.paragraphs))
                 for a in gold.articles if a.paragraphs]
    if not gold_bags:
        return None
    return sum(1 for b in gold_bags if b in out_bags) / len(gold_bags)


def caption_prf(gold: EvalPage, out: EvalPage) -> tuple[float, float, float] | None:
    """P/R/F1 of the page's captions (whitespace removed); None when the gold has none."""
    def bag(page: EvalPage) -> collections.Counter:
        return collections.Counter(c for a in page.articles for c in map(nows, a.captions) if c)
    g, o = bag(gold), bag(out)
    if not g:
        return None
    return prf(sum((g & o).values()), sum(o.values()), sum(g.values()))


def matched_articles(gold: EvalPage, out: EvalPage,
                     labels: list[int | None]) -> list[EvalArticle | None]:
    """For every gold article, the output article most of its text (by length) was mapped to."""
    matches: list[EvalArticle | None] = []
    k = 0
    for a in gold.articles:
        weight: dict[int, int] = {}
        for p in a.paragraphs:
            label = labels[k]
            k += 1
            if label is not None:
                weight[label] = weight.get(label, 0) + len(p)
        matches.append(out.articles[max(weight, key=weight.get)] if weight else None)
    return matches


def heading_scores(gold: EvalPage, matches: list[EvalArticle | None]) -> dict[str, float | None]:
    """head / kicker / sub exact match (whitespace removed) and head_sim, over gold articles having one."""
    hits = collections.Counter()
    totals = collections.Counter()
    sims = []
    for a, m in zip(gold.articles, matches):
        if a.main:
            got = nows(m.main) if m is not None and m.main else ""
            sims.append(1 - Levenshtein.normalized_distance(nows(a.main), got))
        for kind in ("main", "kicker", "sub"):
            want = getattr(a, kind)
            if want:
                totals[kind] += 1
                have = getattr(m, kind) if m is not None else None
                if have and nows(have) == nows(want):
                    hits[kind] += 1
    ratio = lambda kind: hits[kind] / totals[kind] if totals[kind] else None  # noqa: E731
    return {"headline": ratio("main"), "kicker": ratio("kicker"), "sub": ratio("sub"),
            "head_sim": sum(sims) / len(sims) if sims else None}


def byline_prf(gold: EvalPage, out: EvalPage) -> tuple[float, float, float] | None:
    """P/R/F1 of the page's set of byline names; None when the gold has no names."""
    g = {nows(n) for a in gold.articles for n in a.names} - {""}
    o = {nows(n) for a in out.articles for n in a.names} - {""}
    if not g:
        return None
    return prf(len(g & o), len(o), len(g))


def _visible(page: EvalPage) -> str:
    """Headings and paragraphs of all articles, whitespace removed, NUL-separated."""
    parts = []
    for a in page.articles:
        parts += [a.kicker or "", a.main or "", a.sub or ""] + a.paragraphs
    return "\x00".join(nows(x) for x in parts)


def leaked_furniture(gold: EvalPage, out: EvalPage) -> tuple[list[str], int]:
    """(furniture strings found in output paragraphs or headings more often than in the gold's, their number)."""
    g, o = _visible(gold), _visible(out)
    furniture = [f for f in map(nows, gold.furniture) if f]
    return [f for f in furniture if o.count(f) > g.count(f)], len(furniture)


def han_recall(gold: EvalPage, out: EvalPage) -> float:
    """Share of the multiset of Han characters the gold articles print that the output has anywhere."""
    g = collections.Counter(HAN.findall(gold.text))
    o = collections.Counter(HAN.findall(out.text))
    return sum((g & o).values()) / max(1, sum(g.values()))


def _clip(s: str | None, n: int = 18) -> str:
    """A short quotation for the report."""
    if not s:
        return "none"
    s = norm_para(s)
    return "「%s」" % (s if len(s) <= n else s[:n] + "…")


def score_page(gold: EvalPage, out: EvalPage) -> tuple[dict[str, float | None], dict[str, Any]]:
    """All metrics of one output page against its gold, and notes on what went wrong."""
    m: dict[str, float | None] = {}
    notes: dict[str, Any] = {}
    gold_paras = _paragraphs(gold)
    m["para_p"], m["para_r"], m["para_f1"] = paragraph_prf(gold, out)

    labels = map_paragraphs(gold, out)
    m["b3_p"], m["b3_r"], m["b3_f1"] = bcubed(gold_article_labels(gold), labels) or (None,) * 3
    lost = [p for p, label in zip(gold_paras, labels) if label is None]

    ordered = paragraphs_in_gold_order(out, labels)
    m["cer"] = cer(gold_paras, ordered)
    m["break_f1"] = boundary_f1(gold_paras, ordered)
    counts = boundary_counts(gold_paras, ordered)

    m["art_em"] = article_exact(gold, out)
    m["caption_p"], m["caption_r"], m["caption_f1"] = caption_prf(gold, out) or (None,) * 3
    matches = matched_articles(gold, out, labels)
    m.update(heading_scores(gold, matches))
    m["byline_p"], m["byline_r"], m["byline_f1"] = byline_prf(gold, out) or (None,) * 3
    leaked, n_furniture = leaked_furniture(gold, out)
    m["leak"] = len(leaked) / n_furniture if n_furniture else None
    m["han_recall"] = han_recall(gold, out)

    notes["articles"] = [len(gold.articles), len(out.articles)]
    notes["paragraphs"] = [len(gold_paras), len([p for p in _paragraphs(out) if nows(p)])]
    notes["lost"] = [_clip(p) for p in lost]
    if counts:
        hit_o, n_o, hit_g, n_g = counts
        notes["missed_breaks"], notes["extra_breaks"] = n_g - hit_g, n_o - hit_o
    notes["headlines"] = ["want %s got %s" % (_clip(a.main), _clip(mt.main if mt else None))
                          for a, mt in zip(gold.articles, matches)
                          if a.main and not (mt and mt.main and nows(mt.main) == nows(a.main))]
    notes["leaked"] = leaked
    return m, notes


# --------------------------------------------------------------------------
# finding pages and running reflow
# --------------------------------------------------------------------------
def find_pages(gold_dir: str | Path) -> list[Path]:
    """Page folders (holding gold.json) of a gold folder, its pages/ subfolder, or a page folder itself."""
    top = Path(gold_dir)
    if not top.is_dir():
        raise EvalError("%s: no such folder" % top)
    if (top / "gold.json").is_file():
        return [top]
    if (top / "pages").is_dir():
        top = top / "pages"
    pages = sorted(d for d in top.iterdir() if (d / "gold.json").is_file())
    if not pages:
        raise EvalError("%s: no gold pages (folders holding gold.json)" % gold_dir)
    return pages


def prediction_path(pred_dir: str | Path, page: str, source: str) -> Path | None:
    """The TEI prediction for a page and source: <pred>/<page>/<source>.xml, else <pred>/<page>-<source>.xml."""
    for path in (Path(pred_dir) / page / ("%s.xml" % source),
                 Path(pred_dir) / ("%s-%s.xml" % (page, source))):
        if path.is_file():
            return path
    return None


def _first_line(e: BaseException) -> str:
    """The first line of an exception's message ('' if it has none)."""
    return (str(e).splitlines() or [""])[0]


def run_reflow(path: Path, opts: Options) -> tuple[EvalPage | None, str | None]:
    """Clean one raw file in-process and read its TEI: (page, None), or (None, what failed)."""
    try:
        tei = reflow.write(reflow.clean_file(path, opts), "tei")
    except Exception as e:  # any failure of the cleaner is an error of that page, not of eval
        return None, "crash: %s: %s" % (type(e).__name__, _first_line(e))
    try:
        return parse_tei(tei), None
    except TEIError as e:
        return None, "invalid: %s" % str(e)[:200]


def read_prediction(pred_dir: str | Path, page: str, source: str) -> tuple[EvalPage | None, str | None]:
    """Read a stored TEI prediction: (page, None), or (None, what is wrong with it)."""
    path = prediction_path(pred_dir, page, source)
    if path is None:
        return None, "missing: no %s/%s.xml or %s-%s.xml" % (page, source, page, source)
    try:
        return parse_tei(path.read_bytes()), None
    except TEIError as e:
        return None, "invalid: %s" % str(e)[:200]
    except OSError as e:
        return None, "unreadable: %s" % e


@dataclass
class Result:
    """The score of one page and source."""
    metrics: dict[str, float | None]
    notes: dict[str, Any]
    error: str | None = None


def score_task(task: tuple[str, str, Options, str | None]) -> Result:
    """Score one (page folder, source, options, prediction folder); a top-level function for worker processes."""
    page_dir, source, opts, pred_dir = task
    gold = load_gold(page_dir)
    if pred_dir is not None:
        out, error = read_prediction(pred_dir, Path(page_dir).name, source)
    else:
        out, error = run_reflow(Path(page_dir) / SOURCES[source], opts)
    metrics, notes = score_page(gold, out or EvalPage())
    if error:
        notes["error"] = error
    return Result(metrics, notes, error)


@dataclass
class Report:
    """Results of an evaluation: per (page, source), with the sources and page languages."""
    results: dict[tuple[str, str], Result]
    sources: list[str]
    langs: dict[str, str]
    seconds: float = 0.0

    def aggregate(self) -> dict[str, Any]:
        """Macro averages per source, overall and by language (see ``aggregate``)."""
        return aggregate(self.results, self.sources, self.langs)


def _gold_lang(page_dir: Path) -> str:
    """The language of a gold page, checking on the way that its gold.json can be read."""
    path = page_dir / "gold.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        read_gold(gold)
    except (OSError, ValueError, AttributeError, TypeError) as e:
        raise EvalError("%s: not a usable gold answer: %s" % (path, _first_line(e))) from None
    return gold.get("lang") or "?"


def evaluate(gold_dir: str | Path, sources: Iterable[str] | None = None,
             pages: Iterable[str] | None = None, opts: Options | None = None,
             pred: str | Path | None = None,
             jobs: int = 1) -> Report:
    """Score reflow (or the TEI files in pred) on every gold page and source of gold_dir.

    A (page, source) pair is scored when its raw file exists (or, with pred,
    its prediction does). Raises EvalError for a missing folder, a folder
    without gold pages, an unreadable gold.json, an unknown source or page.
    """
    sources = list(sources or DEFAULT_SOURCES)
    for s in sources:
        if s not in SOURCES:
            raise EvalError("unknown source %r (known: %s)" % (s, ", ".join(SOURCES)))
    if pred is not None and not Path(pred).is_dir():
        raise EvalError("%s: no such prediction folder" % pred)
    page_dirs = find_pages(gold_dir)
    if pages:
        want = list(dict.fromkeys(pages))
        have = {d.name for d in page_dirs}
        missing = [p for p in want if p not in have]
        if missing:
            raise EvalError("no page %s in %s" % (", ".join(missing), gold_dir))
        page_dirs = [d for d in page_dirs if d.name in want]
    langs = {d.name: _gold_lang(d) for d in page_dirs}
    opts = opts if opts is not None else Options()
    tasks = [(str(d), s, opts, None if pred is None else str(pred))
             for d in page_dirs for s in sources
             if (d / SOURCES[s]).is_file()
             or (pred is not None and prediction_path(pred, d.name, s) is not None)]
    if not tasks:
        raise EvalError("no page in %s has a file for the sources %s" % (gold_dir, ", ".join(sources)))
    start = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as ex:
            scored = list(ex.map(score_task, tasks, chunksize=max(1, len(tasks) // (4 * jobs))))
    else:
        scored = [score_task(t) for t in tasks]
    results = {(Path(t[0]).name, t[1]): r for t, r in zip(tasks, scored)}
    used = [s for s in sources if any(t[1] == s for t in tasks)]
    langs = {page: lang for page, lang in langs.items() if any(p == page for p, _ in results)}
    return Report(results, used, langs, time.perf_counter() - start)


# --------------------------------------------------------------------------
# averages and report
# --------------------------------------------------------------------------
def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that are not None (None if there are none).

    >>> mean([1.0, None, 0.0])
    0.5
    """
    xs = [x for x in values if x is not None]
    return sum(xs) / len(xs) if xs else None


def _average(rows: list[Result], keys: list[str]) -> dict[str, Any]:
    row = {k: mean(r.metrics.get(k) for r in rows) for k in keys}
    row["errors"] = sum(1 for r in rows if r.error)
    row["pages"] = len(rows)
    return row


def aggregate(results: dict[tuple[str, str], Result], sources: list[str],
              langs: dict[str, str]) -> dict[str, Any]:
    """Macro averages (each page counts once, None ignored) per source, overall and by language."""
    keys = sorted({k for r in results.values() for k in r.metrics})
    return {
        "overall": _average(list(results.values()), keys),
        "per_source": {s: _average([r for (_, src), r in results.items() if src == s], keys)
                       for s in sources},
        "by_lang": {lang: _average([r for (pg, _), r in results.items() if langs[pg] == lang], keys)
                    for lang in sorted(set(langs.values()))},
    }


def _fmt(v: float | None) -> str:
    return "-" if v is None else "%.3f" % v


def format_table(agg: dict[str, Any], sources: list[str], title: str = "reflow") -> str:
    """The table of averages: a row per source, overall, and by language when there are several."""
    head = "%-17s" % title + "".join("%8s" % LABELS[c] for c in METRICS) + "%5s" % "err"
    lines = [head, "-" * len(head)]
    rows = [(s, agg["per_source"][s]) for s in sources] + [("overall", agg["overall"])]
    if len(agg["by_lang"]) > 1:
        rows += [("  " + lang, row) for lang, row in agg["by_lang"].items()]
    for name, row in rows:
        lines.append("%-17s" % name + "".join("%8s" % _fmt(row.get(c)) for c in METRICS)
                     + "%5d" % row["errors"])
    return "\n".join(lines)


def page_quality(m: dict[str, float | None]) -> float:
    """One number to rank pages by: mean of 1-CER (clipped), paraF1, brkF1, B3F1, hSim, 1-leak."""
    parts = [None if m.get("cer") is None else 1 - min(1.0, m["cer"]), m.get("para_f1"),
             m.get("break_f1"), m.get("b3_f1"), m.get("head_sim"),
             None if m.get("leak") is None else 1 - m["leak"]]
    return mean(parts) or 0.0


def worst_lines(results: dict[tuple[str, str], Result], n: int) -> list[str]:
    """Short lines on the n worst pages: their numbers and what went wrong."""
    if n <= 0 or not results:
        return []
    ranked = sorted(results.items(), key=lambda kv: (kv[1].error is None,
                                                     page_quality(kv[1].metrics), kv[0]))
    lines = ["worst %d (ranked by the mean of 1-CER, paraF1, brkF1, B3F1, hSim, 1-leak):"
             % min(n, len(ranked))]
    for (page, source), r in ranked[:n]:
        m, notes = r.metrics, r.notes
        lines.append("  %-24s %.3f  " % ("%s/%s" % (page, source), page_quality(m)) + "  ".join(
            "%s %s" % (LABELS[k], _fmt(m.get(k)))
            for k in ("cer", "para_f1", "break_f1", "b3_f1", "head_sim", "leak")))
        if r.error:
            lines.append("      error: %s" % r.error)
            continue
        g_art, o_art = notes["articles"]
        g_par, o_par = notes["paragraphs"]
        lines.append("      articles %d (gold %d); paragraphs %d (gold %d); paragraph starts: "
                     "%d missed, %d spurious"
                     % (o_art, g_art, o_par, g_par, notes.get("missed_breaks", 0),
                        notes.get("extra_breaks", 0)))
        if notes["lost"]:
            lines.append("      lost %d of %d paragraphs: %s" % (
                len(notes["lost"]), g_par, " ".join(notes["lost"][:3])))
        for h in notes["headlines"][:3]:
            lines.append("      headline: %s" % h)
        if len(notes["headlines"]) > 3:
            lines.append("      … and %d more headlines" % (len(notes["headlines"]) - 3))
        if notes["leaked"]:
            lines.append("      leaked furniture: %s" % " ".join(_clip(f) for f in notes["leaked"]))
    return lines


def report_json(report: Report) -> dict[str, Any]:
    """The JSON report: overall, per_source, by_lang and pages ("<page>/<source>": metrics, error, notes)."""
    out = report.aggregate()
    out["pages"] = {"%s/%s" % k: dict(r.metrics, error=r.error, notes=r.notes)
                    for k, r in sorted(report.results.items())}
    return out


# --------------------------------------------------------------------------
# quality floors (tests/quality_floors.toml)
# --------------------------------------------------------------------------
FLOORS_HEADER = """\
# Quality floors of reflow on its own gold pages (tests/gold/pages, all sources),
# checked by tests/test_quality_gate.py.
#
# Every metric must stay at or above its floor; cer and leak (lower is better)
# and errors are ceilings: they must stay at or below. The values are the
# numbers measured when they were pinned minus a margin of %.2f (cer and leak:
# plus the margin), rounded outwards to two decimals.
#
# Floors are only ever raised, as quality rises; never lower one to make a
# change pass: fix the change, or show why the gold is wrong. To raise them
# after an improvement, print the current numbers in this format (values never
# looser than the file's) and replace this file with the output:
#
#   python -m reflow.evaluate tests/gold/pages --ratchet tests/quality_floors.toml
#
# (`--floors` instead of `--ratchet FILE` prints fresh floors from the
# current numbers alone; `reflow eval tests/gold/pages` shows the table and
# the worst pages.) Each line's comment holds the number measured.
"""


def _outward(value: float, key: str, margin: float) -> float:
    """A floor (or, for cer and leak, a ceiling) a margin away from value, rounded outwards.

    >>> _outward(0.4567, "b3_f1", 0.01), _outward(0.4567, "cer", 0.01)
    (0.44, 0.47)
    """
    if key in LOWER_IS_BETTER:
        return math.ceil(round((value + margin) * 100, 6)) / 100
    return max(0.0, math.floor(round((value - margin) * 100, 6)) / 100)


def floors(agg: dict[str, Any], sources: list[str], margin: float = 0.01,
           base: dict[str, Any] | None = None) -> dict[str, dict[str, float]]:
    """Floors per table ("overall", "sources.<name>") from averages; never looser than base."""
    tables = {"overall": agg["overall"]}
    tables.update(("sources.%s" % s, agg["per_source"][s]) for s in sources)
    out: dict[str, dict[str, float]] = {}
    for name, row in tables.items():
        old = _table(base or {}, name)
        pinned: dict[str, float] = {}
        for key in METRICS:
            if row.get(key) is None:
                continue
            value = _outward(row[key], key, margin)
            if key in old:
                value = min(value, old[key]) if key in LOWER_IS_BETTER else max(value, old[key])
            pinned[key] = value
        pinned["errors"] = min(row["errors"], old.get("errors", row["errors"]))
        out[name] = pinned
    return out


def _table(data: dict[str, Any], dotted: str) -> dict[str, Any]:
    """data["sources"]["x"] for "sources.x"; {} when absent."""
    for part in dotted.split("."):
        data = data.get(part) or {}
    return data


def floors_toml(agg: dict[str, Any], sources: list[str], margin: float = 0.01,
                base: dict[str, Any] | None = None) -> str:
    """The floors file text: header comment, [overall] and [sources.<name>] tables."""
    lines = [FLOORS_HEADER % margin]
    for name, pinned in floors(agg, sources, margin, base).items():
        row = agg["overall"] if name == "overall" else agg["per_source"][name.split(".", 1)[1]]
        lines.append("[%s]" % name)
        for key, value in pinned.items():
            kind = "ceiling" if key in LOWER_IS_BETTER or key == "errors" else "floor"
            now = "%d" % row[key] if key == "errors" else "%.4f" % row[key]
            shown = "%d" % value if key == "errors" else "%.2f" % value
            lines.append("%-11s= %-5s # %s; now %s" % (key, shown, kind, now))
        lines.append("")
    return "\n".join(lines)


def check_floors(agg: dict[str, Any], pinned: dict[str, Any]) -> list[str]:
    """What falls below its floor (or above its ceiling): one line each; [] when all hold."""
    bad = []
    rows = {"overall": agg["overall"]}
    rows.update(("sources.%s" % s, row) for s, row in agg["per_source"].items())
    tables = {"overall": pinned.get("overall", {})}
    tables.update(("sources.%s" % s, t) for s, t in (pinned.get("sources") or {}).items())
    for name, table in tables.items():
        if name not in rows:
            bad.append("%s: pinned in the floors but not evaluated" % name)
            continue
        for key, limit in table.items():
            value = rows[name].get(key)
            if value is None:
                bad.append("%s.%s: pinned at %s but not measured" % (name, key, limit))
            elif key in LOWER_IS_BETTER or key == "errors":
                if value > limit + 1e-9:
                    bad.append("%s.%s = %.4f, above its ceiling %s" % (name, key, value, limit))
            elif value < limit - 1e-9:
                bad.append("%s.%s = %.4f, below its floor %s" % (name, key, value, limit))
    for name in rows:
        if name not in tables:
            bad.append("%s: evaluated but has no floors" % name)
    return bad


# --------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------
class EvalFailure(click.ClickException):
    """A one-line error on stderr, exit code 1."""
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo("reflow: %s" % self.format_message(), err=True)


def _split(values: Iterable[str], upper: bool = False) -> list[str]:
    """Values given several times or comma-separated, as one list."""
    out = []
    for v in values:
        out += [x.strip().upper() if upper else x.strip() for x in v.split(",") if x.strip()]
    return out


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("gold_dir", type=click.Path(file_okay=False))
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="Score only this source (repeatable or comma-separated): %s."
                   % ", ".join(SOURCES))
@click.option("--page", "pages", multiple=True, metavar="ID",
              help="Score only this page (repeatable or comma-separated), e.g. g07.")
@click.option("--pred", type=click.Path(file_okay=False), metavar="DIR",
              help="Score stored TEI instead of running reflow: DIR/<page>/<source>.xml or "
                   "DIR/<page>-<source>.xml (source names as in --source; tesseract.hocr is "
                   "tesseract-hocr). A missing or invalid file counts as an error.")
@click.option("--json", "as_json", is_flag=True,
              help="Print all numbers as JSON: overall, per_source, by_lang, pages.")
@click.option("--worst", default=5, show_default=True, metavar="N",
              help="Show the N worst pages and what went wrong (0: none).")
@click.option("--spacing", type=click.Choice(SPACING), default="none",
              show_default=True, help="Passed to reflow, as in reflow clean.")
@click.option("--disable", multiple=True, metavar="CODE",
              help="Switch off a rule while scoring (J302, or J302,S202); repeatable.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="An extra rule file (TOML) while scoring; repeatable.")
@click.option("--jobs", default=1, show_default=True, metavar="N",
              help="Worker processes (1: in this process, deterministic and simplest).")
@click.option("--floors", "print_floors", is_flag=True,
              help="Print the averages as quality floors (the tests/quality_floors.toml format).")
@click.option("--ratchet", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Like --floors, but no value looser than in FILE (floors only rise).")
def eval_cmd(gold_dir, sources, pages, pred, as_json, worst, spacing, disable, rules, jobs,
             print_floors, ratchet) -> None:
    """Score reflow on gold pages: clean every raw file of every page in-process
    and compare the TEI with gold.json.

    GOLD_DIR holds page folders (each with gold.json and raw files named by
    source: pdftotext.txt, pdftotext-layout.txt, pymupdf.txt, pdfminer.txt,
    tesseract.txt, tesseract.hocr), or is their parent holding pages/.
    Prints averages per source, overall and by language (CER and leak: lower
    is better; all others higher), then the worst pages with what went wrong.
    A crash of the cleaner or invalid TEI is an error of that page, scored
    as empty output.

    \b
    Examples:
      reflow eval tests/gold/pages
      reflow eval tests/gold/pages --source pymupdf --source tesseract --worst 10
      reflow eval tests/gold/pages --page g07 --disable J302
      reflow eval tests/gold/pages --json > scores.json
      reflow eval tests/gold/pages --pred out/      # score stored TEI files
      reflow eval tests/gold/pages --ratchet tests/quality_floors.toml
    """
    try:
        opts = Options(spacing=spacing, rules=tuple(rules), disable=tuple(_split(disable, True)))
        load_rules(opts.rules, opts.disable)  # a broken rule file fails once, here
        base = None
        if ratchet:
            base = tomllib.loads(Path(ratchet).read_text(encoding="utf-8"))
        report = evaluate(gold_dir, _split(sources) or None, _split(pages) or None, opts,
                          pred, max(1, jobs))
    except (EvalError, RuleError, tomllib.TOMLDecodeError, OSError) as e:
        raise EvalFailure(_first_line(e)) from None
    agg = report.aggregate()
    if print_floors or ratchet:
        click.echo(floors_toml(agg, report.sources, base=base), nl=False)
        return
    if as_json:
        click.echo(json.dumps(report_json(report), ensure_ascii=False, indent=1))
        return
    n_pages = len({p for p, _ in report.results})
    click.echo("%s: %d pages x %d sources, %s; %.1f s" % (
        gold_dir, n_pages, len(report.sources), "predictions in %s" % pred if pred else "reflow",
        report.seconds))
    click.echo("CER and leak: lower is better; all others: higher is better\n")
    click.echo(format_table(agg, report.sources, "predictions" if pred else "reflow"))
    errors = [(k, r.error) for k, r in sorted(report.results.items()) if r.error]
    if errors:
        click.echo("\nerrors: %d (first: %s/%s: %s)" % (len(errors), *errors[0][0], errors[0][1]))
    lines = worst_lines(report.results, worst)
    if lines:
        click.echo("")
        click.echo("\n".join(lines))


if __name__ == "__main__":  # python -m reflow.evaluate …: run the command of the imported module
    from reflow.evaluate import eval_cmd as _eval_cmd
    _eval_cmd(prog_name="python -m reflow.evaluate")
