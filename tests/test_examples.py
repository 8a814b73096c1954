"""examples/ holds what reflow makes of the seed page in every format, kept current here.

After a change that alters the output on purpose, regenerate them with
``python -m tests.test_examples`` and read the diff before committing.
"""
from __future__ import annotations

import pytest

import reflow
from reflow.writers import EXTENSIONS

from .conftest import ROOT, SEED

EXAMPLES = ROOT / "examples"


def _expected(fmt: str) -> str:
    return reflow.write(reflow.clean_file(SEED), fmt)


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_example_is_current(fmt):
    path = EXAMPLES / ("seed" + EXTENSIONS[fmt])
    assert path.read_text(encoding="utf-8") == _expected(fmt), \
        "%s is out of date: run python -m tests.test_examples" % path.name


def regenerate() -> None:
    for fmt, ext in EXTENSIONS.items():
        (EXAMPLES / ("seed" + ext)).write_text(_expected(fmt), encoding="utf-8")


if __name__ == "__main__":
    regenerate()
