"""The polish stage: punctuation that needs a whole paragraph, such as quote pairing.

Holds the quote-pairing mechanism (P401), which runs on each assembled block
because a quotation may open on one line and close on the next. It does not
touch spaces or line breaks.

>>> pair_quotes_text('他说"好"。', "“”")
'他说“好”。'
"""
from __future__ import annotations

import re

from .engine import State
from .trace import substitute

_QUOTES = re.compile('["“”「」]')


def run(state: State) -> None:
    if not state.rules.on("P401") or not state.blocks:
        return
    rule = state.rules.get("P401")
    han = rule.params["han_pattern"]
    style = _style(state)
    for block in state.blocks:
        if block.kind == "furniture" or not any('"' in p for p in block.parts):
            continue
        text = block.text
        if not han.search(text):
            continue
        offsets = block.offsets()

        def where(off, offsets=offsets):
            start, line = offsets[0]
            for s, ln in offsets:
                if s <= off:
                    start, line = s, ln
            return line.page, line.lineno, off - start
        new = substitute(text, _QUOTES.finditer(text), _pairing(style), "P401",
                         state.tracer, where)
        if new != text:
            _respread(block, new)


def _style(state: State) -> str:
    text = "".join(line.text for line in state.lines)
    return "「」" if text.count("「") > text.count("“") else "“”"


def _pairing(style: str):
    """A replacement function that walks the quotes of one paragraph in order."""
    open_, close = style
    state = {"open": False}

    def repl(m):
        q = m.group(0)
        if q in "“「":
            state["open"] = True
            return None
        if q in "”」":
            state["open"] = False
            return None
        if state["open"]:
            state["open"] = False
            return close
        state["open"] = True
        return open_
    return repl


def pair_quotes_text(text: str, style: str = "“”") -> str:
    """Pair the straight quotes of one paragraph (for examples and tests)."""
    return "".join(_walk(text, style))


def _walk(text: str, style: str):
    repl = _pairing(style)
    last = 0
    for m in _QUOTES.finditer(text):
        yield text[last:m.start()]
        yield repl(m) or m.group(0)
        last = m.end()
    yield text[last:]


def _respread(block, new: str) -> None:
    """Put a same-length new text back into the block's line parts."""
    pos = 0
    for i, part in enumerate(block.parts):
        if i:
            pos += len(block.glue[i - 1])
        block.parts[i] = new[pos:pos + len(part)]
        pos += len(part)
