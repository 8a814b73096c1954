"""The normalize stage: characters as Chinese print has them, line by line.

Holds the stage runner (every normalize rule over the whole document text,
which keeps its line breaks) and the mechanisms that need code: removal with a
record, bracket pairing, OpenCC conversion. It never joins or splits lines and
never corrects a character: an OCR misreading stays.

>>> from reflow.engine import Options
>>> from reflow.model import Line
>>> normalize_lines([Line("ＧＬＭ－４．５发布(记者 张伟)", 1, 1)])[0].text
'GLM-4.5发布（记者 张伟）'
"""
from __future__ import annotations

import functools
import itertools
import re

from .chars import CJK, HAN, count_han, letter_spaced
from .engine import Options, State, apply_text_rule, mechanism
from .model import Document, Line, Removal
from .rules import Rule, load_rules
from .trace import LineMap, Tracer, substitute


def run(state: State) -> None:
    """Apply every enabled normalize rule to the lines, in pipeline order."""
    rules = state.rules.stage("normalize")
    if not state.lines or not rules:
        return
    text = "\n".join(line.text for line in state.lines)
    lmap = LineMap(state.lines)
    holder = [text]

    def where(offset: int) -> tuple[int, int, int]:
        return lmap.locate(holder[0], offset)

    for rule in rules:
        new = apply_text_rule(rule, holder[0], state.tracer, where, state)
        # (a rule that changed nothing gives the text itself back: no count)
        if new is not holder[0] and new.count("\n") != holder[0].count("\n"):
            raise AssertionError("rule %s changed the number of lines" % rule.code)
        holder[0] = new
    for line, new_text in zip(state.lines, holder[0].split("\n")):
        line.text = new_text
    # a line that only held removed characters is no longer a line
    state.lines[:] = [line for line in state.lines if line.text.strip()]


def normalize_lines(lines: list[Line], opts: Options = Options()) -> list[Line]:
    """Normalize lines with the shipped rules (a convenience for examples)."""
    state = State(lines, load_rules(), opts, Document(source="", doc_id=""))
    run(state)
    return state.lines


@mechanism("drop_and_record")
def drop_and_record(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Remove what the rule's chars_pattern matches; list it in doc.removed."""
    regex = rule.params["chars_pattern"]

    def repl(m):
        if state is not None:
            page, line, _ = where(m.start())
            state.doc.removed.append(Removal(m.group(0), rule.code, page, line,
                                             rule.params.get("kind", "")))
        return ""
    return substitute(text, regex.finditer(text), repl, rule.code, tracer, where,
                      kind="remove")


def _is_chinese(ch: str) -> bool:
    return bool(ch) and CJK.match(ch) is not None


@mechanism("pair_brackets")
def pair_brackets(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Make a bracket pair full-width when it touches Chinese text."""
    regex = rule.params["pair_pattern"]

    def repl(m):
        whole = m.group(0)
        opening, closing, inner = whole[0], whole[-1], m.group(1)
        if opening == "（" and closing == "）":
            return None
        start, end = m.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        chinese = (opening == "（" or closing == "）" or HAN.search(inner)
                   or _is_chinese(before) or _is_chinese(after))
        if not chinese:
            return None
        return "（" + inner + "）"
    return substitute(text, regex.finditer(text), repl, rule.code, tracer, where)


@mechanism("page_letter_spacing")
def page_letter_spacing(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """On each page where most lines of text are letter-spaced (an OCR engine's
    spaces between characters), remove one space between two CJK characters."""
    lines = text.split("\n")
    pages = [line.page for line in state.lines] if state is not None and \
        len(state.lines) == len(lines) else [1] * len(lines)
    share, least = float(rule.params.get("min_share", 0.6)), int(rule.params.get("min_lines", 3))
    # the letter-spaced lines first (most lines hold no space: no work), the
    # page's lines of text counted only where there are enough of them
    apart: dict[int, int] = {}
    for t, page in zip(lines, pages):
        if letter_spaced(t) and count_han(t) >= 4:
            apart[page] = apart.get(page, 0) + 1
    candidates = {page for page, n in apart.items() if n >= least}
    if not candidates:
        return text
    total: dict[int, int] = {}
    for t, page in zip(lines, pages):
        if page in candidates and count_han(t) >= 4:
            total[page] = total.get(page, 0) + 1
    spaced = {page for page in candidates if apart[page] >= share * total[page]}
    if not spaced:
        return text
    starts = list(itertools.accumulate((len(t) + 1 for t in lines[:-1]), initial=0))
    spans = [(s, s + len(t)) for s, t, page in zip(starts, lines, pages) if page in spaced]
    role = rule.params.get("role_end_pattern")
    # the space after a role that opens a bracket is the byline's separator
    # (（记 者 张 伟） reads （记者 张伟）): print sets the names apart from the role;
    # the names may go on in the next line (（记 者 张⏎伟）)
    pattern = rule.params["gap_pattern"]
    if state is None or state.opts.spacing != "keep":
        pattern = re.compile(pattern.pattern + "|" + rule.params["alnum_gap_pattern"].pattern)
    names = rule.params.get("names_pattern")

    def separator(m: re.Match, a: int) -> bool:
        return role is not None and names is not None and \
            role.search(text[max(a, m.start() - 16):m.start()].replace(" ", "")) is not None and \
            names.match(re.sub("[ \n]", "", text[m.end():m.end() + 48])) is not None
    gaps = (m for a, b in spans for m in pattern.finditer(text, a, b) if not separator(m, a))
    return substitute(text, gaps, lambda m: "", rule.code, tracer, where)


@functools.lru_cache(maxsize=16)
def _converter(profile: str):
    import opencc
    return opencc.OpenCC(profile)


@mechanism("opencc")
def opencc_convert(rule: Rule, text: str, tracer: Tracer, where, state) -> str:
    """Convert through OpenCC when the options name a profile; trace each change."""
    profile = state.opts.convert if state is not None else None
    if not profile:
        return text
    conv = _converter(profile)
    out_lines = []
    offset = 0
    for line in text.split("\n"):
        new = conv.convert(line)
        if new != line:
            _trace_diff(rule.code, line, new, offset, tracer, where)
        out_lines.append(new)
        offset += len(line) + 1
    return "\n".join(out_lines)


def _trace_diff(code: str, old: str, new: str, offset: int, tracer: Tracer, where) -> None:
    """One event per run of changed characters (or one per line when lengths differ)."""
    if len(old) != len(new):
        page, lineno, col = where(offset)
        tracer.edit(code, page, lineno, col, old, 0, len(old), new, kind="convert")
        return
    i = 0
    n = len(old)
    while i < n:
        if old[i] == new[i]:
            i += 1
            continue
        j = i
        while j < n and old[j] != new[j]:
            j += 1
        page, lineno, col = where(offset + i)
        tracer.edit(code, page, lineno, col, old, i, j, new[i:j], kind="convert")
        i = j
