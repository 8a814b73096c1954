"""The quality gate: reflow on its own gold pages must not fall below the pinned floors.

Runs ``reflow eval`` in-process on every page of ``tests/gold/pages`` and
every source, and compares the averages (per source and overall) with
``tests/quality_floors.toml``: a metric below its floor (for cer, leak and
errors: above its ceiling) fails the test. The floors only ever rise; see the
comment at the top of the floors file for how to raise them.

The same gate holds on ``tests/gold/variant1`` (floors in
``tests/quality_floors_variant1.toml``): the same articles typeset in other
layouts by ``make_pages.py --variant 1`` and read by the same six sources.
A rule fitted to the gold pages' layouts shows there as a loss.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reflow.evaluate import DEFAULT_SOURCES, check_floors, evaluate, find_pages

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "pages"
FLOORS = HERE / "quality_floors.toml"
VARIANT = HERE / "gold" / "variant1"
SOURCE_FILES = ("pdftotext.txt", "pdftotext-layout.txt", "pymupdf.txt", "pdfminer.txt",
                "tesseract.txt", "tesseract.hocr")
VARIANT_FLOORS = HERE / "quality_floors_variant1.toml"


@pytest.mark.parametrize("pages_dir", [GOLD, VARIANT], ids=["gold", "variant1"])
def test_pages_are_there(pages_dir):
    # part of the repository: a missing folder is a failure, never a skip
    assert pages_dir.is_dir(), "%s is missing: the pages are part of the repository" % pages_dir
    pages = find_pages(pages_dir)
    assert len(pages) >= 36
    for page in pages:
        for name in SOURCE_FILES:
            assert (page / name).is_file(), "%s/%s is missing" % (page.name, name)


@pytest.mark.parametrize("floors_file, sources", [
    (FLOORS, DEFAULT_SOURCES), (VARIANT_FLOORS, DEFAULT_SOURCES)], ids=["gold", "variant1"])
def test_floors_cover_every_source(floors_file, sources):
    pinned = tomllib.loads(floors_file.read_text(encoding="utf-8"))
    assert set(pinned["sources"]) == set(sources)
    assert "cer" in pinned["overall"] and "errors" in pinned["overall"]


@pytest.mark.parametrize("pages, floors_file, sources", [
    (GOLD, FLOORS, DEFAULT_SOURCES), (VARIANT, VARIANT_FLOORS, DEFAULT_SOURCES)],
    ids=["gold", "variant1"])
def test_quality_does_not_fall_below_the_floors(pages, floors_file, sources):
    assert pages.is_dir(), "%s is missing" % pages
    report = evaluate(pages, sources)
    agg = report.aggregate()
    pinned = tomllib.loads(floors_file.read_text(encoding="utf-8"))
    bad = check_floors(agg, pinned)
    where = "tests/gold/%s" % pages.name
    assert not bad, (
        "quality fell below the floors of tests/%s:\n  " % floors_file.name + "\n  ".join(bad)
        + "\nsee where with: python -m reflow.evaluate %s --worst 10" % where
        + "\n(floors are never lowered to make a change pass)")
