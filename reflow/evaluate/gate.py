"""The quality gate of ``reflow eval``: floors pinned in ``tests/quality_floors.toml``.

Holds the floors file's header, ``floors`` and ``floors_toml`` (floors from
the current averages, never looser than a base file: the ratchet) and
``check_floors`` (what falls below its floor). It does not evaluate:
``tests/test_quality_gate.py`` runs ``evaluate`` and checks the averages here.
(Not named ``floors.py``: the module would then share its name with the
function ``floors`` the package exports.)
"""
from __future__ import annotations

import math
from typing import Any

from .metrics import LOWER_IS_BETTER, METRICS

FLOORS_HEADER = """\
# Quality floors of reflow on its own gold pages (%(pages)s, all sources),
# checked by tests/test_quality_gate.py.
#
# Every metric must stay at or above its floor; cer and leak (lower is better)
# and errors are ceilings: they must stay at or below. The values are the
# numbers measured when they were pinned minus a margin of %(margin).2f (cer and leak:
# plus the margin), rounded outwards to two decimals.
#
# Floors are only ever raised, as quality rises; never lower one to make a
# change pass: fix the change, or show why the gold is wrong. To raise them
# after an improvement, print the current numbers in this format (values never
# looser than the file's) and replace this file with the output:
#
#   python -m reflow.evaluate %(pages)s --ratchet %(file)s
#
# (`--floors` instead of `--ratchet FILE` prints fresh floors from the
# current numbers alone; `reflow eval %(pages)s` shows the table and
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
                base: dict[str, Any] | None = None, pages: str = "tests/gold/pages",
                file: str = "tests/quality_floors.toml") -> str:
    """The floors file text: header comment, [overall] and [sources.<name>] tables.

    pages and file name the page folder and the floors file in the header's
    ratchet command (one floors file per page set).
    """
    lines = [FLOORS_HEADER % {"margin": margin, "pages": pages, "file": file}]
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

