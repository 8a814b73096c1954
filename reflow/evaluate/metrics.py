"""The metrics of ``reflow eval``: one output page scored against its gold page.

Holds the metric names (``METRICS``, which are lower-is-better, their table
labels), each metric (CER, paragraph F1, paragraph-boundary F1, article
B-cubed F1, article exact match, headline stack, bylines, captions,
furniture leak, Han recall) and ``score_page``, which computes them all with
notes on what went wrong. It does not read files or run reflow: it takes the
``EvalPage``s that ``readers`` makes.
"""
from __future__ import annotations

import collections
import re
from typing import Any

from rapidfuzz.distance import LCSseq, Levenshtein

from .readers import EvalArticle, EvalPage, norm_para, nows

METRICS = ("cer", "para_f1", "break_f1", "b3_f1", "art_em", "headline", "head_sim", "kicker",
           "sub", "byline_f1", "caption_f1", "leak", "han_recall")
LOWER_IS_BETTER = ("cer", "leak")
LABELS = {"cer": "CER", "para_f1": "paraF1", "break_f1": "brkF1", "b3_f1": "B3F1",
          "art_em": "artEM", "headline": "head", "head_sim": "hSim", "kicker": "kick",
          "sub": "sub", "byline_f1": "bylF1", "caption_f1": "capF1", "leak": "leak",
          "han_recall": "HanR"}
MATCH_MIN = 0.6  # share of a gold paragraph an output article must hold to own it
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


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

