"""The order stage: reading order restored from plain text, before lines are joined.

Placeholder: well-ordered input passes unchanged.
"""
from __future__ import annotations

from .engine import State


def run(state: State) -> None:
    """Restore the reading order of state.lines (nothing yet)."""
    return None
