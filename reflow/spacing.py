"""The spacing stage: the spaces inside a line, decided by what the line is.

Holds the stage runner (each spacing rule applies to the lines whose label it
names) and the mechanisms: spaced-out Chinese, the Han–Latin spacing policy
(none, pangu, keep) and the phrase spaces of headlines. Spaces that a line
break stands for are not here: the assemble stage chooses the glue.

>>> from reflow.model import Line
>>> space_lines([Line("在近日举行的 2025 年世界", 1, 1)])[0].text
'在近日举行的2025年世界'
"""
from __future__ import annotations

import re

from . import chars
from .engine import Options, State, apply_text_rule, mechanism
from .model import BYLINE, CREDIT, FURNITURE, Document, Line
from .rules import Rule, load_rules
from .trace import LineMap, Tracer, substitute

DEFAULT_LABELS = ("body", "caption", "closing", "note", "dateline", "continuation", "headline")


_WS = re.compile("[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]")


def run(state: State) -> None:
    # spacing rules change spaces; only the pangu policy adds them where none are
    spaced = [line for line in state.lines if _WS.search(line.text)]
    for line in spaced:
        if line.label == "headline":
            line.phrase_gap = max((len(m.group(0)) + m.group(0).count("\u3000")
                                   for m in _PHRASE_GAP.finditer(line.text)), default=0)
    for rule in state.rules.stage("spacing"):
        labels = set(rule.params.get("labels", DEFAULT_LABELS))
        # the pangu policy adds spaces; a protected bracket may open on a line without one
        whole = (rule.params.get("mechanism") == "han_latin" and state.opts.spacing == "pangu") \
            or "protect_pattern" in rule.params
        lines = [line for line in (state.lines if whole else spaced) if line.label in labels]
        if not lines:
            continue
        text = "\n".join(line.text for line in lines)
        lmap = LineMap(lines)
        new = apply_text_rule(rule, text, state.tracer, lambda o: lmap.locate(text, o), state)
        if new is text:
            continue
        for line, t in zip(lines, new.split("\n")):
            line.text = t


def space_lines(lines: list[Line], opts: Options = Options()) -> list[Line]:
    """Apply the spacing rules to lines (a convenience for examples and tests)."""
    state = State(lines, load_rules(), opts, Document(source="", doc_id=""))
    run(state)
    return state.lines


def _protected(rule: Rule, text: str) -> list[tuple[int, int]]:
    """Spans of brackets whose text, line breaks taken out, opens with a role."""
    regex = rule.params.get("protect_pattern")
    role = rule.params.get("role_pattern")
    if regex is None:
        return []
    return [m.span() for m in regex.finditer(text)
            if role is None or role.match(m.group("inner").replace("\n", ""))]


def _outside(matches, spans: list[tuple[int, int]]):
    """The matches that do not fall inside a protected span."""
    if not spans:
        yield from matches
        return
    i = 0
    for m in matches:
        s = m.start()
        while i < len(spans) and spans[i][1] <= s:
            i += 1
        if i < len(spans) and spans[i][0] <= s < spans[i][1]:
            continue
        yield m


@mechanism("spaced_out")
def spaced_out(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Remove spaces between two Chinese characters, outside bylines; inside a
    byline's bracket a run of spaces (a justified line's) is one separator."""
    dated = rule.params.get("dateline_gap_pattern")
    if dated is not None:
        text = substitute(text, map(_Gap, dated.finditer(text)), lambda m: "\u3000",
                          rule.code, tracer, where)
    phrases = rule.params.get("phrase_gap_pattern")
    if phrases is not None and not (state is not None and any(l.bbox is not None for l in state.lines)):
        # a line of Han phrases set apart by single spaces, no mark in it: the
        # printed space between a headline's phrases, extracted as an ASCII space
        spaces = (s for m in phrases.finditer(text) for s in _ONE_SPACE.finditer(text, m.start(), m.end()))
        # (not inside a byline's bracket that a line break cut: 本报讯（记者⏎张伟 通讯员李⏎娜）)
        text = substitute(text, _outside(spaces, _protected(rule, text)), lambda m: "\u3000",
                          rule.code, tracer, where)
    gaps = rule.params["gap_pattern"].finditer(text)
    text = substitute(text, _outside(gaps, _protected(rule, text)), lambda m: "",
                      rule.code, tracer, where)
    spans = _protected(rule, text)
    if not spans:
        return text
    runs = (m for m in _SPACE_RUN.finditer(text)
            if any(a <= m.start() < b for a, b in spans))
    return substitute(text, runs, lambda m: " ", rule.code, tracer, where)


_SPACE_RUN = re.compile("[ \t\u00a0]{2,}")
_ONE_SPACE = re.compile(" ")


class _Gap:
    """A match's named group ``gap`` as a match of its own, for ``substitute``."""

    def __init__(self, m: re.Match):
        self._m = m

    def span(self) -> tuple[int, int]:
        return self._m.span("gap")

    def group(self, k: int = 0) -> str:
        return self._m.group("gap")


def _policy(state) -> str:
    return state.opts.spacing if state is not None else "none"


@mechanism("han_latin")
def han_latin(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Apply the Han–Latin spacing policy: none (remove), pangu (one space), keep."""
    policy = _policy(state)
    if policy == "keep":
        return text
    spans = _protected(rule, text)
    if policy == "none":
        gaps = rule.params["gap_pattern"].finditer(text)
        return substitute(text, _outside(gaps, spans), lambda m: "", rule.code, tracer, where)
    # pangu: exactly one space where Han touches Latin or digits
    text = substitute(text, _outside(rule.params["gap_pattern"].finditer(text), spans),
                      lambda m: " ", rule.code, tracer, where)
    spans = _protected(rule, text)
    return substitute(text, _outside(rule.params["touch_pattern"].finditer(text), spans),
                      lambda m: " ", rule.code, tracer, where)


_CJK = chars.cls("han", "cjk_punct")
# a run of spaces between two phrases of a row, counted in spaces (half an em;
# an ideographic space is two)
_PHRASE_GAP = re.compile("(?<=\\S)(?: |\u3000)+(?=\\S)")
_HAN_GAP = re.compile("(?<=%s)([ \t\u00a0\u3000]+)(?=%s)" % (_CJK, _CJK))
_MIXED_GAP = re.compile("(?<=%s)([ \t\u00a0\u3000]+)(?=[%s])|(?<=[%s%%])([ \t\u00a0\u3000]+)(?=%s)"
                        % (_CJK, chars.CLASSES["alnum"], chars.CLASSES["alnum"], _CJK))


@mechanism("headline_spaces")
def headline_spaces(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Letter-spaced headline lines lose their spaces; phrase gaps become U+3000."""
    out = []
    offset = 0
    for line in text.split("\n"):
        out.append(_headline_line(rule, line, offset, tracer, where, _policy(state)))
        offset += len(line) + 1
    return "\n".join(out)


def _headline_line(rule: Rule, line: str, offset: int, tracer: Tracer, where, policy: str) -> str:
    letter_spaced = chars.letter_spaced(line)

    def at(o: int) -> tuple[int, int, int]:
        return where(offset + o)

    def mixed(m):
        gap = m.group(0)
        if not letter_spaced and ("\u3000" in gap or len(gap) >= 2):
            return "\u3000"
        return "" if policy == "none" else (" " if policy == "pangu" else None)

    han_gap = "" if letter_spaced else "\u3000"
    line = substitute(line, _HAN_GAP.finditer(line), lambda m: han_gap, rule.code, tracer, at)
    return substitute(line, _MIXED_GAP.finditer(line), mixed, rule.code, tracer, at)


__all__ = ["run", "space_lines", "BYLINE", "CREDIT", "FURNITURE"]
