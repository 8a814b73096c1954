"""The report of ``reflow eval``: averages per source, overall and by language, and how they are shown.

Holds ``mean``, ``aggregate`` (macro averages), the table of averages, the
ranking of the worst pages with what went wrong, and the JSON report. It
does not hold the quality floors: ``gate`` does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .metrics import LABELS, METRICS, _clip

if TYPE_CHECKING:
    from .run import Report, Result

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

