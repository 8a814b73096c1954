"""Recording what the rules did: events with a source position and a bounded window.

Holds the ``Tracer`` that stages call when a rule really changed something,
and the helpers that turn offsets into page/line/column. It does not decide
anything itself, and it never stores whole lines: before/after are a window of
a few characters around the change.

>>> t = Tracer()
>>> t.edit("N110", 1, 3, 2, "中国,北京", 2, 3, "，")
>>> t.events[0].before, t.events[0].after
('中国,北京', '中国，北京')
"""
from __future__ import annotations

import bisect
from typing import Callable, Iterable

from .model import Event, Line

WINDOW = 6  # characters of context on each side of a change


def window(text: str, start: int, end: int, new: str, width: int = WINDOW) -> tuple[str, str]:
    """Before/after strings of a change of text[start:end] into new, with context.

    >>> window("一二三四五六七八九十", 4, 5, "X", 2)
    ('三四五六七', '三四X六七')
    """
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return left + text[start:end] + right, left + new + right


class Tracer:
    """Collects events; ``fired`` is the set of rule codes that did something."""

    __slots__ = ("events", "fired")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.fired: set[str] = set()

    def add(self, event: Event) -> None:
        self.events.append(event)
        self.fired.add(event.code)

    def edit(self, code: str, page: int, line: int, col: int, text: str,
             start: int, end: int, new: str, kind: str = "edit", note: str = "") -> None:
        before, after = window(text, start, end, new)
        self.add(Event(code, kind, page, line, col, before, after, note))

    def decide(self, code: str, kind: str, line: Line, before: str, after: str,
               note: str = "") -> None:
        """A structural decision about a line (label, break, join, move)."""
        self.add(Event(code, kind, line.page, line.lineno, 0, _bound(before), _bound(after), note))


def _bound(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class LineMap:
    """Maps offsets of a text made by joining lines with "\\n" back to lines.

    >>> from reflow.model import Line
    >>> lm = LineMap([Line("ab", 1, 7), Line("cd", 1, 9)])
    >>> lm.locate("ab\\ncd", 4)
    (1, 9, 1)
    """

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._text: str | None = None
        self._starts: list[int] = []

    def locate(self, text: str, offset: int) -> tuple[int, int, int]:
        if text is not self._text:
            self._text = text
            starts = [0]
            find = text.find
            pos = find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        i = bisect.bisect_right(self._starts, offset) - 1
        line = self.lines[min(i, len(self.lines) - 1)]
        return line.page, line.lineno, offset - self._starts[i]


def substitute(text: str, matches: Iterable, repl: Callable, code: str,
               tracer: Tracer, where: Callable[[int], tuple[int, int, int]],
               kind: str = "edit") -> str:
    """Apply ``repl(match) -> str | None`` to each match, recording real changes.

    ``where(offset)`` gives (page, line, col) of an offset of ``text``.
    """
    parts: list[str] = []
    last = 0
    for m in matches:
        new = repl(m)
        old = m.group(0)
        if new is None or new == old:
            continue
        start, end = m.span()
        parts.append(text[last:start])
        parts.append(new)
        last = end
        page, line, col = where(start)
        tracer.edit(code, page, line, col, text, start, end, new, kind=kind)
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
