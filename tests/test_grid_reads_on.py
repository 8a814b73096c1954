"""O607 reads_on: a page read in blocks with a merged line among them is read
as grids only where a grid that holds no merged line keeps its lines in the
order given (only a merged line shows which lines stand side by side)."""
from __future__ import annotations

from reflow.order.grid import _unseen_rows


def _back(moves):
    """The linked list of moves a search keeps: (back, line, (kind, column, columns))."""
    back = None
    for i, move in enumerate(moves):
        back = (back, i, move)
    return back


def test_a_grid_without_a_merged_line_that_reorders_its_lines_is_unseen():
    lines = [[0], [1], [2], [3]]
    moves = [("new", 0, 2), ("put", 1, 2), ("put", 0, 2), ("put", 1, 2)]    # read 0, 2, 1, 3
    assert _unseen_rows(lines, _back(moves))


def test_a_grid_that_keeps_the_order_given_or_holds_a_merged_line_is_seen():
    lines = [[0], [1], [2], [3]]
    in_order = [("new", 0, 2), ("put", 0, 2), ("put", 1, 2), ("put", 1, 2)]  # read 0, 1, 2, 3
    assert not _unseen_rows(lines, _back(in_order))
    merged = [[0], [1], [2, 3], [4]]
    moves = [("new", 0, 2), ("put", 1, 2), ("put", 0, 2), ("put", 1, 2)]
    assert not _unseen_rows(merged, _back(moves))
    # a line left out of the grid is no line of it
    lines = [[0], [1], [2]]
    moves = [("new", 0, 2), ("aside", 0, 2), ("put", 1, 2)]
    assert not _unseen_rows(lines, _back(moves))
