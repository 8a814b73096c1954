"""The properties catch a deliberately broken rule, and hypothesis shows the minimal page.

Each test breaks reflow on purpose (a monkeypatched mechanism, or a rule switched
off with ``disable=``), runs a property of reflow.testing as a hypothesis test
of its own, and checks that it fails with a falsifying example; the report is
printed (``pytest -s`` shows it). Nothing here changes reflow outside the test.
"""
from __future__ import annotations

from hypothesis import HealthCheck, Phase, assume, given, settings

import reflow
from reflow import assemble
from reflow.testing import strategies as S
from reflow.testing.properties import assert_hyphens, assert_recovers

REPORTS = S.degraded_pages(S.pages(max_articles=1, max_paragraphs=3, headline=False,
                                   figures=False, openings=("dateline",)),
                           kinsoku=("push",), hyphens=(None,))
LATIN = S.degraded_pages(S.pages(max_articles=1, max_paragraphs=2, headline=False, figures=False,
                                 furniture=False, openings=("dateline",), kinds=S.LATIN_KINDS),
                         kinsoku=("push",), hyphens=("-", "\u2010"), widths=(8, 12))


# how hypothesis introduces the minimal example in the failure (6.1xx: "Failing test case")
FALSIFYING = "Failing test case"


def falsify(check, strategy, clean=reflow.clean, max_examples=60) -> str | None:
    """Run ``check(doc, page)`` over ``strategy`` as one hypothesis test; the failure
    report with its (shrunk) falsifying example, or None when it held."""
    @settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(page):
        assume(not page.ambiguous)
        check(clean(page.raw), page)
    try:
        run()
    except AssertionError as e:
        return "\n".join([str(e)] + list(getattr(e, "__notes__", [])))
    return None


def _fields(doc, page):
    assert_recovers(doc, page, ("paragraphs",))


def _lexical(page):
    return any(d.name == "lexical-break" for d in page.damage)


def _split(page):
    return any(d.name == "hyphenate" for d in page.damage)


def test_the_properties_hold_for_reflow_as_shipped():
    assert falsify(_fields, REPORTS, max_examples=20) is None
    assert falsify(assert_hyphens, LATIN.filter(lambda p: _lexical(p) or _split(p)),
                   max_examples=20) is None


def test_a_rule_that_always_joins_lines_is_caught(monkeypatch):
    monkeypatch.setattr(assemble.Decider, "decide", lambda self, i, *a, **k: (True, "broken: always join"))
    report = falsify(_fields, REPORTS)
    print("\n--- always join ---\n" + str(report))
    assert report is not None and FALSIFYING in report
    assert "articles not recovered" in report


def test_a_rule_that_always_drops_line_end_hyphens_is_caught(monkeypatch):
    monkeypatch.setattr(assemble.Glue, "hyphen", lambda self, a, b: (a[:-1], ""))
    report = falsify(assert_hyphens, LATIN.filter(_lexical))
    print("\n--- always drop the hyphen ---\n" + str(report))
    assert report is not None and FALSIFYING in report
    assert "lexical-break" in report


def test_switching_off_the_hyphen_rule_is_caught():
    report = falsify(assert_hyphens, LATIN.filter(_split),
                     clean=lambda raw: reflow.clean(raw, disable=("J302",)))
    print("\n--- J302 disabled ---\n" + str(report))
    assert report is not None and FALSIFYING in report
    assert "hyphenate" in report
