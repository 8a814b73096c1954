"""Every example in docs/testing.md runs and shows what the page says."""
from __future__ import annotations

import doctest

import pytest

from reflow.testing import properties

from .conftest import ROOT


def test_docs_testing_examples_run(request, monkeypatch):
    # the page validates TEI with tei_schema(): give it the session's schema, loaded once
    try:
        schema = request.getfixturevalue("tei_schema")
    except pytest.skip.Exception:
        schema = None
    monkeypatch.setattr(properties, "tei_schema", lambda: schema)
    result = doctest.testfile(str(ROOT / "docs" / "testing.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                              raise_on_error=False, verbose=False)
    assert result.attempted > 30
    assert result.failed == 0, "%d of %d examples in docs/testing.md failed (run: python -m " \
        "doctest -v docs/testing.md)" % (result.failed, result.attempted)
