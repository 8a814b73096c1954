"""The column's typical width (``assemble._second_widest``) equals its definition:
the middle of the three widest lines, the widest of one or two."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reflow.assemble import _second_widest


def definition(widths: list[float], min_lines: int) -> float | None:
    if len(widths) < min_lines:
        return None
    top = sorted(widths, reverse=True)[:3]
    return top[(len(top) - 1) // 2]


@given(st.lists(st.floats(min_value=0, max_value=60, allow_nan=False), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=4))
def test_property_second_widest_equals_its_definition(widths, min_lines):
    assert _second_widest(list(widths), min_lines) == definition(widths, min_lines)


def test_second_widest_ignores_one_stray_wide_line():
    assert _second_widest([12.0, 30.0, 12.5, 11.0], 2) == 12.5
    assert _second_widest([12.0, 11.0], 2) == 12.0
    assert _second_widest([12.0], 2) is None
