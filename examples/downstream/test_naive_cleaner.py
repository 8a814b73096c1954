"""Properties of naive_cleaner, checked on pages reflow.testing makes.

Run ``pytest examples/downstream`` (with reflow[testing] installed): both tests
fail, each with the minimal page hypothesis found, because the cleaner has two
real bugs (see README.md). The strategies come as imports here and as the
plugin's fixtures (``reflow_degraded_pages``) in the second test.
"""
from __future__ import annotations

import re

from hypothesis import given, note, settings
from hypothesis import strategies as st

from reflow.testing import strategies as S
from reflow.testing.properties import assert_paragraphs

from naive_cleaner import clean

# one report without a headline, wrapped into a column of 8 to 20 em
REPORTS = S.degraded_pages(S.pages(max_articles=1, max_paragraphs=3, headline=False, figures=False,
                                   openings=("dateline",)), kinsoku=("push",), hyphens=(None,))
# the same, with Latin names, English phrases and lexical hyphens (GLM-4.5, COVID-19)
LATIN = S.degraded_pages(S.pages(max_articles=1, max_paragraphs=2, headline=False, figures=False,
                                 furniture=False,
                                 kinds=S.LATIN_KINDS), widths=(8, 12), hyphens=(None,))
LEXICAL = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9.]+)+")


@settings(max_examples=30, deadline=None)
@given(REPORTS)
def test_every_paragraph_comes_back(page):
    note(page.describe())
    assert_paragraphs(clean(page.raw), page)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_lexical_hyphens_survive(data, reflow_strategies):
    page = data.draw(LATIN)
    note(page.describe())
    text = "\n".join(clean(page.raw))
    for para in page.page.paragraphs()[0]:
        for word in LEXICAL.findall(para):
            assert word in text, "%s lost its hyphen" % word
