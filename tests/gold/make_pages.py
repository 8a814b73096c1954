#!/usr/bin/env python3
"""Build reflow's own gold page set (and its small held-out set).

From the article data in ``tests/gold/articles/gNN.toml`` this script

1. lays out each newspaper page and typesets it to PDF with a real engine
   (WeasyPrint or Typst, chosen per page in the file's ``[layout]`` table);
2. verifies the PDF against the gold answer: every paragraph, headline, byline
   line, caption, credit, closing line and furniture string must be found in
   the PDF's own text (PyMuPDF, whitespace removed, typesetter hyphens undone),
   no glyph may be missing (.notdef / U+FFFD) and every character must be in
   the page's chosen fonts;
3. extracts the PDF with real tools (poppler pdftotext plain and -layout,
   PyMuPDF, pdfminer.six, Tesseract 5 on a 300-dpi rendering, text and hOCR);
4. writes ``pages/<id>/gold.json`` and ``index.json``.

``--set heldout`` builds the held-out set instead, made the same way from
``tests/gold/articles/hNN.toml``: it writes ``heldout/<id>/`` (the extractor
outputs and ``gold.json``) and ``heldout/index.json`` (``"split": "heldout"``),
and numbers its articles ``ha01``, ``ha02`` … so that they never collide with
the gold set's ``a01`` … ids.

Usage::

    python tests/gold/make_pages.py --out tests/gold/pages            # everything
    python tests/gold/make_pages.py --out tests/gold/pages --pages g01,g02
    python tests/gold/make_pages.py --no-ocr                          # skip Tesseract
    python tests/gold/make_pages.py --verify-only                     # typeset + verify
    python tests/gold/make_pages.py --set heldout                     # held-out set -> heldout/
    python tests/gold/make_pages.py --set heldout --pages h01,h02
    python tests/gold/make_pages.py --variant 1 --out /tmp/v1 --no-ocr  # a layout variant

Any verification failure names the page and the string and exits non-zero.
Everything is deterministic: every layout choice is written in the data.

``--variant N`` (N >= 1) typesets the same articles in a different layout, to
give fresh pages nobody tuned on: a random generator seeded with the page id
and N redraws the engine, page width, body size, gutter, module gap, fonts,
furniture placement, masthead order, headline alignment, each module's column
count and some headline placements, within the ranges the data already uses
(see ``variant``). The committed data is not changed; ``--out`` is required,
the PDFs are built under ``<out>/build``, ``index.json`` is written to
``<out>`` and lists only the pages that passed verification; a page whose
variant fails verification is reported and skipped (exit status 0).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
BUILD = HERE / "build"

# The page sets: article files, default output folder, index.json, article id format.
SETS = {
    "gold": {"glob": "g*.toml", "out": HERE / "pages", "index": HERE / "index.json", "art_id": "a%02d"},
    "heldout": {"glob": "h*.toml", "out": HERE / "heldout", "index": HERE / "heldout" / "index.json",
                "art_id": "ha%02d"},
}

GOLD_KEYS = ("kicker", "headline", "subheadline", "dateline", "bylines", "byline_lines",
             "paragraphs", "closing", "captions", "credits")

# Latin runs get lang="en" so the typesetter may hyphenate them.
LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9’'\-\.&+/]*(?:[ ][A-Za-z0-9][A-Za-z0-9’'\-\.&+/]*)*")


class GoldError(Exception):
    pass


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

@dataclass
class Part:
    """The piece of an article typeset on one page of the PDF."""
    art: dict
    page: int                    # 0-based page of the PDF
    paragraphs: list             # [(text, kind)] kind: p | cont | crosshead | note
    first: bool                  # carries the headline stack, bylines, photo
    last: bool                   # carries the closing lines
    marker_before: str | None = None
    marker_after: str | None = None
    cell: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------
# layout variants (--variant N)
# ---------------------------------------------------------------------------

def variant_pools(pages):
    """Values the data already uses, per key (fonts per language)."""
    pools = {"gutter": sorted({params(pg)["gutter"] for pg in pages}),
             "head_order": sorted({tuple(params(pg)["head_order"]) for pg in pages})}
    for pg in pages:
        p = params(pg)
        for k in ("body_font", "head_font"):
            pools.setdefault((k, pg["lang"]), set()).add(p[k])
    return {k: sorted(v) if isinstance(v, set) else v for k, v in pools.items()}


def variant(page, n, pools):
    """The page laid out anew: layout choices redrawn with a generator seeded
    with the page id and n. Articles, mastheads and the rows of modules stay;
    every value drawn is one the data uses somewhere (widths 150-330 mm, body
    9-10.6 pt, gutters 1.4-8 mm, 1-6 columns)."""
    rng = random.Random("%s/variant/%d" % (page["id"], n))
    lay = dict(page["layout"])
    p = params(page)
    if rng.random() < 0.5:
        lay["engine"] = "typst" if p["engine"] == "weasyprint" else "weasyprint"
    lay["width"] = int(min(330, max(150, round(p["width"] * rng.uniform(0.85, 1.15)))))
    lay["size"] = round(rng.uniform(9.0, 10.6), 1)
    lay["gutter"] = rng.choice(pools["gutter"])
    lay["module_gap"] = rng.choice((4, 5, 6, 7, 8))
    lay["furniture"] = rng.choice(("flow", "margin"))
    lay["head_order"] = list(rng.choice(pools["head_order"]))
    lay["headline_align"] = rng.choice(("center", "left"))
    for k in ("body_font", "head_font"):
        if rng.random() < 0.5:
            lay[k] = rng.choice(pools[(k, page["lang"])])
    new = dict(page, layout=lay)
    inner = lay["width"] - 2 * p["margin"]
    rows = {}
    for pg in page_rows(page):
        for row in pg:
            for key in row:
                rows.setdefault(key, row)
    arts = []
    for art in page["articles"]:
        art = dict(art)
        cell = dict(art.get("cell", {}))
        row = rows[art["key"]]
        frac = cell.get("width") or 1.0 / len(row)
        cols = cell.get("cols", 2)
        if cols >= 2:
            cols = min(6, max(2, cols + rng.choice((-1, 0, 0, 1))))
        head = cell.get("head", "span")
        r = rng.random()
        if head == "span" and cols >= 2 and r < 0.15:
            head = "after"
        elif head == "span" and cols >= 2 and r < 0.3:
            head = "col"
        elif head in ("after", "col") and r < 0.3:
            head = "span"
        # no column narrower than about 10 characters of body text
        width = frac * inner * (1 - cell.get("side_w", 0.28) if head == "side" else 1)
        while cols > 1 and (width - (cols - 1) * lay["gutter"]) / cols * 2.835 / lay["size"] < 10:
            cols -= 1
        cell["cols"] = cols
        cell["head"] = head
        art["cell"] = cell
        arts.append(art)
    new["articles"] = arts
    return new


def load_pages(which="gold"):
    pages = []
    n = 0
    for path in sorted(ARTICLES.glob(SETS[which]["glob"])):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        data["id"] = path.stem
        for art in data["articles"]:
            n += 1
            art["id"] = SETS[which]["art_id"] % n
            art.setdefault("key", art["id"])
            art.setdefault("lang", data["lang"])
            for k in GOLD_KEYS:
                if k in ("kicker", "headline", "subheadline", "dateline"):
                    art.setdefault(k, None)
                else:
                    art.setdefault(k, [])
        pages.append(data)
    return pages


def page_rows(page):
    """Rows of article keys per PDF page: [[row, row, ...], ...]."""
    lay = page["layout"]
    if "pages" in lay:
        return lay["pages"]
    return [lay["rows"]]


def split_article(art, npages_seen):
    """Paragraph pieces of an article for each occurrence (1 or 2 parts)."""
    cross = set(art.get("crossheads", []))
    kinds = []
    for i, p in enumerate(art["paragraphs"]):
        if p in cross:
            kinds.append("crosshead")
        elif i == 0 and art.get("editor_note"):
            kinds.append("note")
        else:
            kinds.append("p")
    paras = list(zip(art["paragraphs"], kinds))
    if npages_seen == 1:
        return [paras]
    pi, ci = art["split"]
    if ci:
        text, kind = paras[pi]
        first = paras[:pi] + [(text[:ci], kind)]
        second = [(text[ci:], "cont")] + paras[pi + 1:]
    else:
        first, second = paras[:pi], paras[pi:]
    return [first, second]


def build_parts(page):
    arts = {a["key"]: a for a in page["articles"]}
    rows = page_rows(page)
    seen = {}
    for pg in rows:
        for row in pg:
            for key in row:
                seen[key] = seen.get(key, 0) + 1
    pieces = {k: split_article(arts[k], n) for k, n in seen.items()}
    used = {}
    layout_rows = []
    for pno, pg in enumerate(rows):
        prow = []
        for row in pg:
            cells = []
            for key in row:
                art = arts[key]
                idx = used.get(key, 0)
                used[key] = idx + 1
                total = seen[key]
                cell = dict(art.get("cell", {}))
                if idx == 1:
                    cell.update(art.get("cell2", {}))
                part = Part(art=art, page=pno, paragraphs=pieces[key][idx],
                            first=idx == 0, last=idx == total - 1, cell=cell)
                if idx == 0 and (total > 1 or art.get("continued_to")):
                    part.marker_after = art["continued_to"]
                if idx == total - 1 and art.get("continued_from"):
                    if total > 1 or not art.get("continued_to"):
                        part.marker_before = art["continued_from"]
                if total == 1 and art.get("continued_from") and art.get("continued_to"):
                    part.marker_before = art["continued_from"]
                cells.append(part)
            prow.append(cells)
        layout_rows.append(prow)
    missing = set(arts) - set(seen)
    if missing:
        raise GoldError("%s: articles not placed: %s" % (page["id"], sorted(missing)))
    return layout_rows


def mastheads(page):
    m = page["masthead"]
    heads = [m]
    for extra in page.get("masthead2", []) if isinstance(page.get("masthead2"), list) else (
            [page["masthead2"]] if "masthead2" in page else []):
        h = dict(m)
        h.update(extra)
        heads.append(h)
    return heads


def furniture(page, parts_rows):
    out = []

    def add(s):
        if s and s not in out:
            out.append(s)

    for m in mastheads(page)[:len(parts_rows)]:
        for k in ("paper", "date", "page", "section"):
            add(m.get(k))
        for s in m.get("staff", []):
            add(s)
        add(m.get("folio"))
        add(m.get("web"))
    for pg in parts_rows:
        for row in pg:
            for part in row:
                add(part.cell.get("label"))
                add(part.marker_before)
                add(part.marker_after)
    for s in page.get("extra_furniture", []):
        add(s)
    return out


def gold_of(page, parts_rows):
    arts = []
    for a in page["articles"]:
        g = {"id": a["id"], "lang": a["lang"]}
        for k in GOLD_KEYS:
            g[k] = a[k]
        # a byline printed at the text's end (（记者 李娜）) is a byline line too
        g["byline_lines"] = a["byline_lines"] + a.get("byline_end", [])
        if a.get("continued_to"):
            g["continued_to"] = a["continued_to"]
        if a.get("continued_from"):
            g["continued_from"] = a["continued_from"]
        if a.get("editor_note"):
            # an editor's note is a note of the article, not a body paragraph
            # (its key comes last, as in the committed gold.json files)
            g["notes"] = g["paragraphs"][:1]
            g["paragraphs"] = g["paragraphs"][1:]
        arts.append(g)
    # reading order: as placed (rows top to bottom, left to right), first occurrence
    order = []
    for pg in parts_rows:
        for row in pg:
            for part in row:
                if part.art["id"] not in order:
                    order.append(part.art["id"])
    arts.sort(key=lambda g: order.index(g["id"]))
    return {"id": page["id"], "lang": page["lang"], "furniture": furniture(page, parts_rows),
            "articles": arts}


# ---------------------------------------------------------------------------
# layout parameters
# ---------------------------------------------------------------------------

DEFAULTS = {
    "engine": "weasyprint",
    "width": 297,            # mm; the height is fitted to the content
    "margin": 12,            # mm, sides
    "body_font": "Noto Serif CJK SC",
    "head_font": "Noto Sans CJK SC",
    "size": 9.5,             # pt, body
    "leading": 1.5,          # line height (weasyprint) / derived for typst
    "indent": True,
    "hyphenate": True,
    "gutter": 4,             # mm between the columns of one article
    "module_gap": 6,         # mm between articles of a row
    "furniture": "flow",     # weasyprint: flow | margin
    "head_order": ["paper", "date", "page"],
    "staff_layout": "line",  # line | stack
    "cjk_latin_spacing": False,   # typst: thin gap between Han and Latin
    "rules": True,           # hairlines between modules
    "headline_align": "center",
}


def params(page):
    p = dict(DEFAULTS)
    p.update(page["layout"])
    return p


def latin_spans(text):
    """Split text into (chunk, is_latin) pieces."""
    out = []
    pos = 0
    for m in LATIN_RE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def main_size(headline, width_mm, lo, hi, lines=1):
    n = max(len(headline.replace("\u3000", "")) + 1, 4)
    pt = width_mm * 2.835 * 0.92 * lines / n
    return round(max(lo, min(hi, pt)), 1)


# ---------------------------------------------------------------------------
# WeasyPrint
# ---------------------------------------------------------------------------

def h(s):
    return html.escape(s, quote=False)


def wp_text(text):
    out = []
    for chunk, latin in latin_spans(text):
        if latin:
            out.append('<span lang="en">%s</span>' % h(chunk))
        else:
            out.append(h(chunk))
    return "".join(out)


def wp_headstack(part, p, width_mm, mode):
    a = part.art
    align = part.cell.get("align", p["headline_align"])
    hf = part.cell.get("head_font", p["head_font"])
    out = ['<div class="hs" style="text-align:%s;font-family:\'%s\'">' % (align, hf)]
    if mode in ("col", "side"):
        ms = main_size(a["headline"], width_mm, 13, 20, lines=2)
    else:
        ms = main_size(a["headline"], width_mm, 15, part.cell.get("max_head", 34))
    if a["kicker"]:
        out.append('<div class="kicker" style="font-size:%.1fpt">%s</div>' % (max(10, ms * 0.45), h(a["kicker"])))
    out.append('<div class="main" style="font-size:%.1fpt">%s</div>' % (ms, h(a["headline"])))
    if a["subheadline"]:
        out.append('<div class="sub" style="font-size:%.1fpt">%s</div>' % (max(10, ms * 0.5), h(a["subheadline"])))
    out.append("</div>")
    return "".join(out), ms


def wp_bylines(part):
    return "".join('<div class="bl">%s</div>' % h(s) for s in part.art["byline_lines"])


def wp_photo(part, p, mode):
    a = part.art
    if not (a["captions"] or a["credits"]) or part.cell.get("photo", "top") == "none":
        return ""
    nphoto = part.cell.get("photos", max(1, sum(c.startswith(("上图", "下图", "左图", "右图")) for c in a["captions"])))
    ph = part.cell.get("photo_h", 45)
    out = ['<div class="fig">']
    for i in range(nphoto):
        out.append('<div class="ph" style="height:%smm"></div>' % (ph if i == 0 else ph * 0.8))
    credit_first = part.cell.get("credit_first", False)
    if part.cell.get("credit_inline"):
        # the credit set right after the last caption, on its line
        caps = [wp_text(c) for c in a["captions"]]
        caps[-1] += "\u3000" + h("\u3000".join(a["credits"]))
        out.extend('<div class="cap">%s</div>' % c for c in caps)
        out.append("</div>")
        return "".join(out)
    if credit_first:
        out.extend('<div class="credit">%s</div>' % h(c) for c in a["credits"])
    out.extend('<div class="cap">%s</div>' % wp_text(c) for c in a["captions"])
    if not credit_first:
        out.extend('<div class="credit">%s</div>' % h(c) for c in a["credits"])
    out.append("</div>")
    return "".join(out)


def wp_body(part, p):
    out = []
    if part.marker_before:
        out.append('<p class="marker mb">%s</p>' % h(part.marker_before))
    for text, kind in part.paragraphs:
        out.append('<p class="%s">%s</p>' % (kind, wp_text(text)))
    if part.last:
        out.extend('<p class="closing">%s</p>' % wp_text(c) for c in part.art["closing"])
        out.extend('<p class="cont">%s</p>' % wp_text(c) for c in part.art.get("byline_end", []))
    if part.marker_after:
        out.append('<p class="marker ma">%s</p>' % h(part.marker_after))
    return "".join(out)


def wp_cell(part, p, width_mm):
    c = part.cell
    cols = c.get("cols", 2)
    gutter = c.get("gutter", p["gutter"])
    mode = c.get("head", "span") if part.first else "none"
    photo_pos = c.get("photo", "top")
    out = ['<section class="art" style="flex:0 0 %.3f%%">' % (c.get("_w", 1.0) * 100)]
    if c.get("label") and part.first:
        out.append('<div class="label">%s</div>' % h(c["label"]))
    colw = (width_mm - gutter * (cols - 1)) / cols
    photo = wp_photo(part, p, mode) if part.first else ""
    body = wp_body(part, p)
    bylines = wp_bylines(part) if part.first else ""
    colstyle = "columns:%d;column-gap:%smm;%s" % (cols, gutter, "column-rule:0.4pt solid #999;" if c.get("col_rule") else "")
    if mode == "span":
        hs, _ = wp_headstack(part, p, width_mm, mode)
        out.append(hs + bylines)
        if photo_pos == "top":
            out.append(photo)
        inflow = photo if photo_pos == "col" else ""
        tail = photo if photo_pos == "bottom" else ""
        out.append('<div class="body" style="%s">%s%s%s</div>' % (colstyle, inflow, body, tail if photo_pos == "end" else ""))
        if photo_pos == "bottom":
            out.append(tail)
    elif mode == "col":
        hs, _ = wp_headstack(part, p, colw, mode)
        inflow = photo if photo_pos in ("top", "col") else ""
        out.append('<div class="body" style="%s">%s%s%s%s</div>' % (colstyle, hs, bylines, inflow, body))
        if photo_pos == "bottom":
            out.append(photo)
    elif mode == "side":
        sw = c.get("side_w", 0.28)
        side_mm = width_mm * sw
        hs, _ = wp_headstack(part, p, side_mm, mode)
        rest = width_mm - side_mm - gutter
        colw = (rest - gutter * (cols - 1)) / cols
        side_photo = photo if photo_pos == "side" else ""
        main_photo = photo if photo_pos in ("top", "col") else ""
        out.append('<div style="display:flex;gap:%smm"><div class="side" style="flex:0 0 %.2fmm">%s%s%s</div>'
                   '<div style="flex:1 1 auto"><div class="body" style="%s">%s%s</div></div></div>'
                   % (gutter, side_mm, hs, bylines, side_photo, colstyle, main_photo, body))
    elif mode == "after":
        hs, ms = wp_headstack(part, p, width_mm, "span")
        a = part.art
        # estimated height of the headline stack (it is drawn after the body)
        hmm = ms * 0.3528 * 1.35 + 2
        if a["kicker"]:
            hmm += max(10, ms * 0.45) * 0.3528 * 1.4 + 1
        if a["subheadline"]:
            hmm += max(10, ms * 0.5) * 0.3528 * 1.4 * (1 + len(a["subheadline"]) * max(10, ms * 0.5) * 0.3528 // width_mm) + 1
        out.append('<div style="position:relative;padding-top:%.1fmm">' % (hmm + 3))
        out.append(bylines)
        if photo_pos == "top":
            out.append(photo)
        out.append('<div class="body" style="%s">%s%s</div>' % (colstyle, photo if photo_pos == "col" else "", body))
        out.append('<div style="position:absolute;top:0;left:0;right:0">%s</div></div>' % hs)
    else:  # continuation part: no headline
        out.append('<div class="body" style="%s">%s</div>' % (colstyle, body))
    out.append("</section>")
    return "".join(out)


def wp_masthead(m, p, pno):
    items = {"paper": '<span class="paper">%s</span>' % h(m["paper"]),
             "date": '<span class="date">%s</span>' % h(m["date"]),
             "page": '<span class="pg">%s</span>' % h("\u3000".join(x for x in (m.get("page"), m.get("section")) if x))}
    order = [k for k in p["head_order"] if k in items]
    staff = m.get("staff", [])
    if p["staff_layout"] == "stack":
        foot = "".join("<div>%s</div>" % h(s) for s in staff)
    else:
        foot = h("\u3000".join(staff))
    if m.get("folio"):
        foot = '<span class="folio">%s</span>' % h(m["folio"]) + foot
    if m.get("web"):
        foot += "<div>%s</div>" % h(m["web"])
    return order, items, foot


def weasy_html(page, rows, p):
    lang = page["lang"]
    width = p["width"]
    inner = width - 2 * p["margin"]
    css = []
    body = []
    height = p.get("_height", 2000)
    top = 22 if p["furniture"] == "margin" else 10
    css.append("@page { size: %smm %smm; margin: %smm %smm %smm %smm; }" % (width, height, top, p["margin"], 16, p["margin"]))
    for pno, pg in enumerate(rows):
        m = mastheads(page)[pno]
        order, items, foot = wp_masthead(m, p, pno)
        name = "pg%d" % pno
        if p["furniture"] == "margin":
            slots = ["top-left", "top-center", "top-right"]
            rules = []
            for slot, k in zip(slots, order):
                txt = {"paper": m["paper"], "date": m["date"],
                       "page": "\u3000".join(x for x in (m.get("page"), m.get("section")) if x)}[k]
                fs = "20pt" if k == "paper" else "10pt"
                rules.append('@%s { content: "%s"; font-size: %s; font-family: "%s"; border-bottom: 0.8pt solid black; }'
                             % (slot, txt, fs, p["head_font"]))
            staff = m.get("staff", [])
            if m.get("folio"):
                rules.append('@bottom-right { content: "%s"; font-size: 9pt; border-top: 0.5pt solid black; }' % m["folio"])
            rules.append('@bottom-left { content: "%s"; font-size: 8pt; border-top: 0.5pt solid black; }'
                         % "\u3000".join(staff))
            css.append("@page %s { %s }" % (name, " ".join(rules)))
        else:
            css.append("@page %s { }" % name)
        sec = ['<div class="pagebox" style="page:%s;%s">' % (name, "break-before:page;" if pno else "")]
        if p["furniture"] == "flow":
            sec.append('<div class="mast">%s</div>' % "".join(items[k] for k in order))
        for ri, row in enumerate(pg):
            widths = [part.cell.get("width") for part in row]
            free = 1.0 - sum(w for w in widths if w)
            nfree = sum(1 for w in widths if not w)
            gap = p["module_gap"]
            avail = inner - gap * (len(row) - 1)
            cells = []
            for part, w in zip(row, widths):
                w = w if w else free / nfree
                part.cell["_w"] = w * avail / inner
                cells.append(wp_cell(part, p, w * avail))
            sep = '<div class="vrule"></div>' if p["rules"] and len(row) > 1 else ""
            cls = "row ruled" if p["rules"] and ri else "row"
            sec.append('<div class="%s" style="gap:%smm">%s</div>' % (cls, gap, "".join(cells)))
        if p["furniture"] == "flow":
            sec.append('<div class="foot">%s</div>' % foot)
        sec.append("</div>")
        body.append("".join(sec))
    lh = p["leading"]
    indent = "2em" if p["indent"] else "0"
    pspace = "0" if p["indent"] else "0.45em"
    hyph = "auto" if p["hyphenate"] else "manual"
    css.append("""
html { font-family: '%(bf)s'; font-size: %(size)spt; line-height: %(lh)s; }
body { margin: 0; }
.mast { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1.2pt solid black; padding-bottom: 1.5mm; margin-bottom: 4mm; font-family: '%(hf)s'; }
.mast .paper { font-size: 22pt; font-weight: bold; }
.mast .date, .mast .pg { font-size: 10pt; }
.foot { border-top: 0.6pt solid black; margin-top: 4mm; padding-top: 1mm; font-size: 8pt; }
.foot .folio { float: right; font-size: 9pt; }
.row { display: flex; align-items: flex-start; margin-bottom: 4mm; }
.row.ruled { border-top: 0.5pt solid #444; padding-top: 3mm; }
.art { min-width: 0; }
.hs { margin-bottom: 2.5mm; line-height: 1.3; }
.hs .main { font-weight: bold; }
.hs .kicker, .hs .sub { margin: 0.6mm 0; }
.bl { font-family: '%(hf)s'; font-size: 0.95em; margin: 0 0 1.5mm 0; }
.label { display: inline-block; background: #222; color: white; font-family: '%(hf)s'; font-size: 10pt; padding: 0.5mm 2mm; margin-bottom: 2mm; }
.body { text-align: justify; }
p { margin: 0 0 %(ps)s 0; text-indent: %(ind)s; orphans: 1; widows: 1; }
p.cont { text-indent: 0; }
p.crosshead { text-indent: 0; text-align: center; font-family: '%(hf)s'; font-weight: bold; margin: 1.2mm 0; break-after: avoid; }
p.note { text-indent: 0; font-family: '%(nf)s'; border: 0.5pt solid #555; padding: 1.5mm; margin-bottom: 2mm; }
p.closing { text-indent: 0; text-align: right; }
p.marker { text-indent: 0; text-align: right; font-family: '%(hf)s'; font-size: 0.9em; }
p.marker.mb { text-align: left; }
span[lang=en] { hyphens: %(hy)s; }
.fig { margin: 0 0 2.5mm 0; break-inside: avoid; }
.ph { background: #b9b9b9; margin-bottom: 1mm; }
.cap { font-family: '%(hf)s'; font-size: 0.85em; line-height: 1.35; text-align: justify; }
.credit { font-family: '%(hf)s'; font-size: 0.8em; text-align: right; line-height: 1.35; }
.side .hs { text-align: left; }
""" % {"bf": p["body_font"], "hf": p["head_font"], "size": p["size"], "lh": lh, "ind": indent, "ps": pspace,
       "hy": hyph, "nf": p.get("note_font", p["body_font"])})
    htmllang = "zh-Hant" if lang == "zh-Hant" else "zh-Hans"
    return ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><style>%s</style></head><body>%s</body></html>'
            % (htmllang, "\n".join(css), "".join(body)))


def render_weasy(page, rows, p, pdf):
    import weasyprint
    import pymupdf
    # pass 1 on a tall page, then fit the height to the content
    p1 = dict(p, _height=2400)
    weasyprint.HTML(string=weasy_html(page, rows, p1)).write_pdf(pdf)
    doc = pymupdf.open(pdf)
    bottom = 0
    for pg in doc:
        ys = [b[3] for b in pg.get_text("blocks") if b[3] < pg.rect.height - 16 * 2.835 - 2]
        ys += [d["rect"].y1 for d in pg.get_drawings() if d["rect"].y1 < pg.rect.height - 16 * 2.835 - 2]
        bottom = max(bottom, max(ys or [0]))
    doc.close()
    height = bottom / 2.835 + 16 + 4
    if p.get("height"):
        height = max(height, p["height"])
    p2 = dict(p, _height=round(height, 1))
    weasyprint.HTML(string=weasy_html(page, rows, p2)).write_pdf(pdf)


# ---------------------------------------------------------------------------
# Typst
# ---------------------------------------------------------------------------

def ts(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def ty_text(text, p):
    out = []
    for chunk, latin in latin_spans(text):
        if latin:
            out.append('#text(lang: "en", hyphenate: %s)[#%s]' % ("true" if p["hyphenate"] else "false", ts(chunk)))
        else:
            out.append("#" + ts(chunk))
    return "".join(out)


def ty_headstack(part, p, width_mm, mode):
    a = part.art
    align = part.cell.get("align", p["headline_align"])
    if mode in ("side", "col"):
        align = "left" if align == "center" and mode == "side" else align
        ms = main_size(a["headline"], width_mm, 13, 20, lines=2)
    else:
        ms = main_size(a["headline"], width_mm, 15, part.cell.get("max_head", 34))
    hf = part.cell.get("head_font", p["head_font"])
    lines = []
    if a["kicker"]:
        lines.append('text(size: %.1fpt)[#%s]' % (max(10, ms * 0.45), ts(a["kicker"])))
    lines.append('text(size: %.1fpt, weight: "bold")[#%s]' % (ms, ts(a["headline"])))
    if a["subheadline"]:
        lines.append('text(size: %.1fpt)[#%s]' % (max(10, ms * 0.5), ts(a["subheadline"])))
    inner = ", ".join("par(first-line-indent: 0pt, justify: false, leading: 0.5em, %s)" % l for l in lines)
    return ('block(width: 100%%, below: 3mm)[#set text(font: "%s"); #set align(%s); #stack(spacing: 1.8mm, %s)]'
            % (hf, align, inner))


def ty_bylines(part):
    return "".join('#block(below: 1.6mm)[#set par(first-line-indent: 0pt); #text(font: HF)[#%s]]\n' % ts(s)
                   for s in part.art["byline_lines"])


def ty_photo(part, p):
    a = part.art
    if not (a["captions"] or a["credits"]) or part.cell.get("photo", "top") == "none":
        return ""
    nphoto = part.cell.get("photos", max(1, sum(c.startswith(("上图", "下图", "左图", "右图")) for c in a["captions"])))
    ph = part.cell.get("photo_h", 45)
    out = ["#block(width: 100%, below: 3mm, breakable: false)["]
    out.append("#set par(first-line-indent: 0pt)")
    for i in range(nphoto):
        out.append("#block(fill: luma(185), width: 100%%, height: %smm, below: 1mm)[]" % (ph if i == 0 else round(ph * 0.8, 1)))
    caps = ["#block(below: 0.8mm)[#text(font: HF, size: 0.85em)[%s]]" % ty_text(c, p) for c in a["captions"]]
    creds = ["#block(width: 100%%, below: 0.8mm)[#align(right)[#text(font: HF, size: 0.8em)[#%s]]]" % ts(c) for c in a["credits"]]
    if part.cell.get("credit_inline"):
        # the credit set right after the last caption, on its line
        caps[-1] = "#block(below: 0.8mm)[#text(font: HF, size: 0.85em)[%s\u3000#%s]]" % (
            ty_text(a["captions"][-1], p), ts("\u3000".join(a["credits"])))
        creds = []
    out.extend(creds + caps if part.cell.get("credit_first") else caps + creds)
    out.append("]")
    return "\n".join(out)


def ty_body(part, p):
    out = []
    if part.marker_before:
        out.append("#block[#set par(first-line-indent: 0pt); #text(font: HF, size: 0.9em)[#%s]]" % ts(part.marker_before))
    for text, kind in part.paragraphs:
        if kind == "crosshead":
            out.append('#block(above: 2mm, below: 2mm, sticky: true)[#set par(first-line-indent: 0pt); #align(center)[#text(font: HF, weight: "bold")[%s]]]' % ty_text(text, p))
        elif kind == "note":
            out.append('#block(stroke: 0.5pt + luma(80), inset: 1.5mm, below: 2.5mm, width: 100%%)[#set par(first-line-indent: 0pt); #text(font: NF)[%s]]' % ty_text(text, p))
        elif kind == "cont":
            out.append("#block[#set par(first-line-indent: 0pt); %s]" % ty_text(text, p))
        else:
            out.append(ty_text(text, p))
    if part.last:
        out.extend("#block(width: 100%%)[#set par(first-line-indent: 0pt); #align(right)[%s]]" % ty_text(c, p) for c in part.art["closing"])
        out.extend("#block[#set par(first-line-indent: 0pt); %s]" % ty_text(c, p) for c in part.art.get("byline_end", []))
    if part.marker_after:
        out.append("#block(width: 100%%)[#set par(first-line-indent: 0pt); #align(right)[#text(font: HF, size: 0.9em)[#%s]]]" % ts(part.marker_after))
    return "\n\n".join(out)


def ty_cell(part, p, width_mm):
    c = part.cell
    cols = c.get("cols", 2)
    gutter = c.get("gutter", p["gutter"])
    mode = c.get("head", "span") if part.first else "none"
    photo_pos = c.get("photo", "top")
    colw = (width_mm - gutter * (cols - 1)) / cols
    photo = ty_photo(part, p) if part.first else ""
    bylines = ty_bylines(part) if part.first else ""
    body = ty_body(part, p)
    out = []
    if c.get("label") and part.first:
        out.append('#box(fill: luma(30), inset: (x: 2mm, y: 1mm))[#text(fill: white, font: HF, size: 10pt)[#%s]]\n#v(1mm)' % ts(c["label"]))

    def cols_block(content):
        return "#balanced(%d, %smm)[\n%s\n]" % (cols, gutter, content)

    if mode == "span":
        out.append("#" + ty_headstack(part, p, width_mm, mode))
        out.append(bylines)
        if photo_pos == "top":
            out.append(photo)
        out.append(cols_block((photo + "\n\n" if photo_pos == "col" else "") + body))
        if photo_pos == "bottom":
            out.append(photo)
    elif mode == "col":
        hs = "#" + ty_headstack(part, p, colw, mode)
        out.append(cols_block(hs + "\n" + bylines + "\n" + (photo if photo_pos in ("top", "col") else "") + "\n\n" + body))
        if photo_pos == "bottom":
            out.append(photo)
    elif mode == "side":
        sw = c.get("side_w", 0.28)
        side_mm = width_mm * sw
        hs = "#" + ty_headstack(part, p, side_mm, mode)
        side = hs + "\n" + bylines + "\n" + (photo if photo_pos == "side" else "")
        main = (photo if photo_pos in ("top", "col") else "") + "\n" + cols_block(body)
        out.append("#grid(columns: (%.2fmm, 1fr), column-gutter: %smm,\n[%s],\n[%s])" % (side_mm, gutter, side, main))
    elif mode == "after":
        hs = ty_headstack(part, p, width_mm, "span")
        inner = bylines + "\n" + (photo if photo_pos == "top" else "") + "\n" + cols_block((photo if photo_pos == "col" else "") + "\n\n" + body)
        out.append("#headlast(%s)[\n%s\n]" % (hs, inner))
    else:
        out.append(cols_block(body))
    return "\n".join(out)


TYPST_PRELUDE = r"""
#let balanced(n, gutter, body) = layout(size => {
  let w = (size.width - gutter * (n - 1)) / n
  let h = measure(block(width: w, body)).height
  block(height: h / n + SLACK, width: 100%, columns(n, gutter: gutter, body))
})
#let headlast(hs, body) = layout(size => {
  let h = measure(block(width: size.width, hs)).height
  block(width: 100%)[#v(h + 1mm) #body #place(top + left, block(width: size.width, hs))]
})
"""


def typst_source(page, rows, p):
    width = p["width"]
    inner = width - 2 * p["margin"]
    region = "tw" if page["lang"] == "zh-Hant" else "cn"
    if page["lang"] == "zh-Hant" and p.get("region"):
        region = p["region"]
    src = []
    hf = p["head_font"]
    src.append('#let HF = "%s"' % hf)
    src.append('#let NF = "%s"' % p.get("note_font", p["body_font"]))
    src.append(TYPST_PRELUDE.replace("SLACK", p.get("slack", "3.2em")))
    src.append('#set text(font: "%s", size: %spt, lang: "zh", region: "%s", hyphenate: false, cjk-latin-spacing: %s)'
               % (p["body_font"], p["size"], region, "auto" if p["cjk_latin_spacing"] else "none"))
    lead = round((p["leading"] - 1.0), 2)
    if p["indent"]:
        src.append("#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: %sem, spacing: %sem)" % (lead, lead))
    else:
        src.append("#set par(justify: true, first-line-indent: 0pt, leading: %sem, spacing: %sem)" % (lead, lead + 0.45))
    for pno, pg in enumerate(rows):
        m = mastheads(page)[pno]
        pagestr = "\u3000".join(x for x in (m.get("page"), m.get("section")) if x)
        items = {"paper": '[#text(size: 20pt, weight: "bold")[#%s]]' % ts(m["paper"]),
                 "date": '[#%s]' % ts(m["date"]), "page": '[#%s]' % ts(pagestr)}
        order = [k for k in p["head_order"] if k in items]
        aligns = ["left", "center", "right"]
        header = ('[#set text(font: HF, size: 10pt); #grid(columns: (1fr, auto, 1fr), align: (left + bottom, center + bottom, right + bottom), %s) #v(-1mm) #line(length: 100%%, stroke: 1.2pt)]'
                  % ", ".join(items[k] for k in order))
        staff = m.get("staff", [])
        if p["staff_layout"] == "stack":
            foot = " #linebreak() ".join("#%s" % ts(s) for s in staff)
        else:
            foot = "#" + ts("\u3000".join(staff))
        folio = ('#place(right + bottom)[#text(size: 9pt)[#%s]]' % ts(m["folio"])) if m.get("folio") else ""
        if m.get("web"):
            foot += " #linebreak() #%s" % ts(m["web"])
        footer = '[#line(length: 100%%, stroke: 0.6pt) #set text(font: HF, size: 8pt); #set par(first-line-indent: 0pt); %s %s]' % (foot, folio)
        if pno:
            src.append("#pagebreak()")
        src.append("#set page(width: %smm, height: auto, margin: (x: %smm, top: 26mm, bottom: 20mm), header: %s, footer: %s)"
                   % (width, p["margin"], header, footer))
        for ri, row in enumerate(pg):
            widths = [part.cell.get("width") for part in row]
            free = 1.0 - sum(w for w in widths if w)
            nfree = sum(1 for w in widths if not w)
            gap = p["module_gap"]
            avail = inner - gap * (len(row) - 1)
            cells = []
            fr = []
            for part, w in zip(row, widths):
                w = w if w else free / nfree
                fr.append("%.4ffr" % w)
                cells.append("[\n%s\n]" % ty_cell(part, p, w * avail))
            if ri and p["rules"]:
                src.append("#line(length: 100%, stroke: 0.5pt + luma(60))")
            stroke = ', stroke: (x, y) => if x > 0 { (left: 0.4pt + luma(100)) }' if p["rules"] and len(row) > 1 else ""
            src.append("#grid(columns: (%s), column-gutter: %smm, inset: (x, y) => if x > 0 { (left: %smm) } else { 0pt }%s,\n%s)"
                       % (", ".join(fr), gap / 2, gap / 2, stroke, ",\n".join(cells)))
            src.append("#v(3mm)")
    return "\n".join(src) + "\n"


def render_typst(page, rows, p, pdf):
    import typst
    src = typst_source(page, rows, p)
    typ = Path(pdf).with_suffix(".typ")
    typ.write_text(src, encoding="utf-8")
    typst.compile(str(typ), output=str(pdf))


# ---------------------------------------------------------------------------
# verification
# ---------------------------------------------------------------------------

WS_RE = re.compile(r"\s+")


def squash(s):
    return WS_RE.sub("", s)


def pdf_plain(pdf):
    import pymupdf
    doc = pymupdf.open(pdf)
    pages = [pg.get_text() for pg in doc]
    doc.close()
    return pages


def norm_pdf_text(t):
    t = t.replace("\u00ad", "")
    t = re.sub("\u2010[ \t]*\n", "", t)
    return squash(t)


_cmap_cache = {}


def font_cmap(family, bold=False):
    key = (family, bold)
    if key not in _cmap_cache:
        from fontTools.ttLib import TTCollection, TTFont
        pat = family + (":bold" if bold else "")
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", pat],
                             capture_output=True, text=True, check=True).stdout
        path, idx, fam = out.split("\t")
        if family.lower() not in fam.lower():
            raise GoldError("font %r is not installed (fc-match gave %r)" % (family, fam))
        if path.endswith((".ttc", ".otc")):
            font = TTCollection(path).fonts[int(idx)]
        else:
            font = TTFont(path)
        _cmap_cache[key] = set(font.getBestCmap())
    return _cmap_cache[key]


def verify(page, gold, rows, p, pdf):
    """Raise GoldError naming the page and string on any mismatch."""
    import pymupdf
    pid = page["id"]
    errors = []
    doc = pymupdf.open(pdf)
    if len(doc) != len(rows):
        errors.append("PDF has %d pages, layout has %d" % (len(doc), len(rows)))
    raw_pages = [pg.get_text() for pg in doc]
    # missing glyphs: .notdef (glyph 0) or U+FFFD in the text
    for pno, pg in enumerate(doc):
        for span in pg.get_texttrace():
            for ch in span["chars"]:
                if ch[1] == 0 and not chr(ch[0]).isspace():
                    errors.append("missing glyph (tofu) for %r on PDF page %d in font %s" % (chr(ch[0]), pno + 1, span.get("font")))
    doc.close()
    full = norm_pdf_text("\n".join(raw_pages))
    if "\ufffd" in full:
        errors.append("U+FFFD in PDF text")
    strings = list(gold["furniture"])
    for a in gold["articles"]:
        for k in ("kicker", "headline", "subheadline"):
            if a[k]:
                strings.append(a[k])
        for k in ("byline_lines", "closing", "captions", "credits"):
            strings.extend(a[k])
    for pg in rows:
        for row in pg:
            for part in row:
                strings.extend(t for t, _ in part.paragraphs)
    for s in strings:
        if squash(s) not in full:
            errors.append("not found in PDF text: %r" % s)
    # paragraph pieces must make up the gold paragraphs exactly
    for a in page["articles"]:
        pieces = [t for pg in rows for row in pg for part in row if part.art is a for t, _ in part.paragraphs]
        if "".join(pieces) != "".join(a["paragraphs"]):
            errors.append("%s: typeset pieces do not add up to the gold paragraphs" % a["id"])
    # fonts cover every character they set
    body_chars = set()
    head_chars = set()
    for a in page["articles"]:
        for t in a["paragraphs"] + a["closing"]:
            body_chars.update(t)
        for t in [a["kicker"], a["headline"], a["subheadline"]] + a["byline_lines"] + a["captions"] + a["credits"]:
            if t:
                head_chars.update(t)
    for s in gold["furniture"]:
        head_chars.update(s)
    checks = [(p["body_font"], False, body_chars), (p["head_font"], False, head_chars | body_chars)]
    if any(a.get("crossheads") for a in page["articles"]) or True:
        checks.append((p["head_font"], True, head_chars))
    for fam, bold, chars in checks:
        cmap = font_cmap(fam, bold)
        miss = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
        if miss:
            errors.append("font %s%s lacks %s" % (fam, " bold" if bold else "", "".join(miss)))
    if errors:
        raise GoldError("%s: %d verification error(s):\n  " % (pid, len(errors)) + "\n  ".join(errors))


# ---------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------

def extract(pdf, outdir, lang, ocr=True):
    import pymupdf
    from pdfminer.high_level import extract_text
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(outdir / "pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), str(outdir / "pdftotext-layout.txt")], check=True)
    doc = pymupdf.open(pdf)
    (outdir / "pymupdf.txt").write_text("\f".join(pg.get_text() for pg in doc), encoding="utf-8")
    doc.close()
    (outdir / "pdfminer.txt").write_text(extract_text(str(pdf)), encoding="utf-8")
    if ocr:
        run_tesseract(pdf, outdir, lang)


def run_tesseract(pdf, outdir, lang):
    work = Path(pdf).parent / "ocr"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(work / "page")], check=True)
    images = sorted(work.glob("page*.png"))
    listfile = work / "images.txt"
    listfile.write_text("".join("%s\n" % i for i in images))
    tl = "chi_tra+eng" if lang == "zh-Hant" else "chi_sim+eng"
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    src = str(images[0]) if len(images) == 1 else str(listfile)
    subprocess.run(["tesseract", src, str(work / "out"), "-l", tl, "txt", "hocr"], check=True,
                   env=env, capture_output=True)
    txt = (work / "out.txt").read_text(encoding="utf-8")
    txt = txt.rstrip("\f")
    (outdir / "tesseract.txt").write_text(txt, encoding="utf-8")
    hocr = (work / "out.hocr").read_text(encoding="utf-8")
    for i, img in enumerate(images):   # no build paths in the committed file
        hocr = hocr.replace(str(img), "page-%d.png" % (i + 1) if len(images) > 1 else "page.png")
    (outdir / "tesseract.hocr").write_text(hocr, encoding="utf-8")


# ---------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------

def typeset(page):
    rows = build_parts(page)
    p = params(page)
    gold = gold_of(page, rows)
    bdir = Path(page.get("_build", BUILD)) / page["id"]
    bdir.mkdir(parents=True, exist_ok=True)
    pdf = bdir / "page.pdf"
    if p["engine"] == "weasyprint":
        render_weasy(page, rows, p, pdf)
    elif p["engine"] == "typst":
        render_typst(page, rows, p, pdf)
    else:
        raise GoldError("%s: unknown engine %r" % (page["id"], p["engine"]))
    verify(page, gold, rows, p, pdf)
    return gold, pdf


def do_page(page, out, ocr, verify_only):
    gold, pdf = typeset(page)
    if verify_only:
        return page["id"], "verified"
    pdir = out / page["id"]
    extract(pdf, pdir, page["lang"], ocr=ocr)
    (pdir / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return page["id"], "ok"


def page_table(pages):
    """Markdown table of the pages for README.md (from the data and its header comments)."""
    rows = ["| page | lang | engine | PDF pages | width mm | articles (columns, headline placement) | body / headline font | gutter mm | indent | hyphenation | what it exercises |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for pg in pages:
        p = params(pg)
        arts = []
        for a in pg["articles"]:
            c = a.get("cell", {})
            arts.append("%s %d col %s" % (a["id"], c.get("cols", 2), c.get("head", "span")))
        note = ""
        for line in (ARTICLES / (pg["id"] + ".toml")).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                note += " " + line.lstrip("# ").strip()
            else:
                break
        rows.append("| %s | %s | %s | %d | %s | %s | %s / %s | %s | %s | %s | %s |" % (
            pg["id"], pg["lang"], p["engine"], len(page_rows(pg)), p["width"], "; ".join(arts),
            p["body_font"], p["head_font"], p["gutter"], "2em" if p["indent"] else "none",
            "on" if p["hyphenate"] else "off", note.strip().replace("|", "/")))
    return "\n".join(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", dest="which", choices=sorted(SETS), default="gold",
                    help="page set: gold (articles/g*.toml -> pages/) or heldout (articles/h*.toml -> heldout/)")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: the set's, pages/ or heldout/)")
    ap.add_argument("--pages", help="comma-separated page ids (default: all)")
    ap.add_argument("--no-ocr", action="store_true", help="skip Tesseract (keep existing OCR files)")
    ap.add_argument("--verify-only", action="store_true", help="typeset and verify, write nothing")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--table", action="store_true", help="print the README's page table and exit")
    ap.add_argument("--variant", type=int, default=0, metavar="N",
                    help="N >= 1: a layout variant of every page (needs --out; skips pages that fail verification)")
    args = ap.parse_args(argv)
    pages = load_pages(args.which)
    index_path = SETS[args.which]["index"]
    if args.variant:
        if args.out is None:
            ap.error("--variant needs --out")
        pools = variant_pools(pages)
        pages = [dict(variant(pg, args.variant, pools), _build=str(args.out / "build")) for pg in pages]
        index_path = args.out / "index.json"
    if args.out is None:
        args.out = SETS[args.which]["out"]
    if args.table:
        print(page_table(pages))
        return 0
    want = set(args.pages.split(",")) if args.pages else None
    todo = [pg for pg in pages if want is None or pg["id"] in want]
    if want and len(todo) != len(want):
        ap.error("unknown page id(s): %s" % sorted(want - {pg["id"] for pg in pages}))
    failures = []
    failed = set()
    with cf.ProcessPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(do_page, pg, args.out, not args.no_ocr, args.verify_only): pg["id"] for pg in todo}
        for fut in cf.as_completed(futs):
            try:
                pid, status = fut.result()
                print("%s: %s" % (pid, status), flush=True)
            except GoldError as e:
                failed.add(futs[fut])
                failures.append(str(e))
                print("FAIL %s" % e, file=sys.stderr, flush=True)
            except Exception as e:  # a crash in one page must still be reported by name
                failed.add(futs[fut])
                failures.append("%s: %r" % (futs[fut], e))
                print("FAIL %s: %r" % (futs[fut], e), file=sys.stderr, flush=True)
    if args.variant:
        for pid in failed:   # a skipped page leaves no stale files behind
            shutil.rmtree(args.out / pid, ignore_errors=True)
    if not args.verify_only and (args.variant or not failures):
        index = {"split": args.which if not args.variant else "%s-variant%d" % (args.which, args.variant),
                 "pages": [{"id": pg["id"], "lang": pg["lang"],
                            "articles": [a["id"] for a in gold_of(pg, build_parts(pg))["articles"]]}
                           for pg in pages if pg["id"] not in failed]}
        index_path.parent.mkdir(parents=True, exist_ok=True)
        index_path.write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if failures and args.variant:
        print("\n%d of %d variant page(s) failed verification and were skipped" % (len(failures), len(todo)),
              file=sys.stderr)
        print("%d page(s) done" % (len(todo) - len(failures)))
        return 0
    if failures:
        print("\n%d page(s) failed verification" % len(failures), file=sys.stderr)
        return 1
    print("%d page(s) done" % len(todo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
