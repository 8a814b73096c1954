"""The quality gate: reflow on its own gold pages must not fall below the pinned floors.

Runs ``reflow eval`` in-process on every page of ``tests/gold/pages`` and
every source, and compares the averages (per source and overall) with
``tests/quality_floors.toml``: a metric below its floor (for cer, leak and
errors: above its ceiling) fails the test. The floors only ever rise; see the
comment at the top of the floors file for how to raise them.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from reflow.evaluate import DEFAULT_SOURCES, check_floors, evaluate, find_pages

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "pages"
FLOORS = HERE / "quality_floors.toml"


def test_gold_pages_are_there():
    # part of the repository: a missing folder is a failure, never a skip
    assert GOLD.is_dir(), "%s is missing: the gold pages are part of the repository" % GOLD
    pages = find_pages(GOLD)
    assert len(pages) >= 36
    for page in pages:
        for name in ("pdftotext.txt", "pdftotext-layout.txt", "pymupdf.txt", "pdfminer.txt",
                     "tesseract.txt", "tesseract.hocr"):
            assert (page / name).is_file(), "%s/%s is missing" % (page.name, name)


def test_floors_cover_every_source():
    pinned = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(pinned["sources"]) == set(DEFAULT_SOURCES)
    assert "cer" in pinned["overall"] and "errors" in pinned["overall"]


def test_quality_does_not_fall_below_the_floors():
    assert GOLD.is_dir(), "%s is missing" % GOLD
    report = evaluate(GOLD, DEFAULT_SOURCES)
    agg = report.aggregate()
    pinned = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    bad = check_floors(agg, pinned)
    assert not bad, (
        "quality fell below the floors of tests/quality_floors.toml:\n  " + "\n  ".join(bad)
        + "\nsee where with: python -m reflow.evaluate tests/gold/pages --worst 10"
        + "\n(floors are never lowered to make a change pass)")
