"""The pytest plugin of reflow.testing: strategies as fixtures and a ``--reflow-profile`` option.

Registered through the ``pytest11`` entry point, so every pytest run in an
environment with reflow installed loads this module: it imports nothing but
pytest and the standard library, and changes no setting unless asked. The
fixtures import hypothesis and the strategies when a test requests them;
``--reflow-profile ci|thorough`` registers reflow's hypothesis profiles
(``reflow-ci``, ``reflow-thorough``) and loads that one. ``-p no:reflow`` switches the plugin off.

Use the fixtures through ``st.data()`` (they are session-scoped, so hypothesis
accepts them):

.. code-block:: python

    from hypothesis import given, strategies as st

    @given(data=st.data())
    def test_my_cleaner(data, reflow_degraded_pages):
        page = data.draw(reflow_degraded_pages)
        assert my_clean(page.raw) == page.page.paragraphs()
"""
from __future__ import annotations

import pytest

PROFILE_CHOICES = ("ci", "thorough")


def pytest_addoption(parser) -> None:
    group = parser.getgroup("reflow", "reflow.testing (hypothesis strategies for newspaper pages)")
    group.addoption("--reflow-profile", action="store", default=None, choices=PROFILE_CHOICES,
                    help="load reflow's hypothesis profile: ci (fast, derandomized, no "
                         "deadline) or thorough (many examples, for nightly runs)")


def pytest_configure(config) -> None:
    name = config.getoption("reflow_profile", default=None)
    if name:
        from .profiles import load
        load(name)


def pytest_report_header(config):
    name = config.getoption("reflow_profile", default=None)
    return "reflow.testing: hypothesis profile %r" % name if name else None


def _strategies():
    from . import strategies
    return strategies


@pytest.fixture(scope="session")
def reflow_strategies():
    """The ``reflow.testing.strategies`` module."""
    return _strategies()


@pytest.fixture(scope="session")
def reflow_sentences():
    """A strategy of Chinese news sentences (Simplified)."""
    return _strategies().sentences()


@pytest.fixture(scope="session")
def reflow_articles():
    """A strategy of clean articles (``ArticleSpec``), Simplified or Traditional."""
    return _strategies().articles(lang=None)


@pytest.fixture(scope="session")
def reflow_pages():
    """A strategy of clean pages (``PageSpec``): one to four articles with furniture."""
    return _strategies().pages()


@pytest.fixture(scope="session")
def reflow_degraded_pages():
    """A strategy of pages wrapped into columns 8–20 em wide (``Degraded``), as
    pdftotext or PyMuPDF print a single column; ``.raw`` is the text, ``.page`` the truth."""
    return _strategies().degraded_pages()
