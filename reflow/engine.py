"""The rule engine: the state the stages share and the way a text rule is applied.

Holds ``Options`` (everything a user can set, the same for CLI and API),
``State`` (what flows through the stages), the registry of mechanisms (rules
whose logic needs Python: ``@mechanism("name")``) and ``apply_text_rule``,
which applies a map, regex or text mechanism to a text and records every real
change. It does not know the order of stages: ``pipeline`` does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .model import Document, Line
from .rules import Rule, RuleSet
from .trace import Tracer, substitute

SPACING = ("none", "pangu", "keep")
CONVERSIONS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw",
               "t2hk", "hk2t", "tw2t", "t2jp", "jp2t")
FORMATS = ("auto", "text", "hocr", "alto", "page")


@dataclass(frozen=True)
class Options:
    """What a user can choose; the CLI flags map one to one onto these fields."""
    from_format: str = "auto"       # auto | text | hocr | alto | page
    spacing: str = "none"           # none | pangu | keep: the Han–Latin/digit space
    convert: str | None = None      # an OpenCC profile such as t2s, s2t, s2twp
    rules: tuple[str, ...] = ()     # extra rule files
    disable: tuple[str, ...] = ()   # rule codes switched off
    errors: str = "strict"          # strict | replace: undecodable bytes

    def __post_init__(self) -> None:
        if self.spacing not in SPACING:
            raise ValueError("spacing must be one of %s, not %r" % (", ".join(SPACING), self.spacing))
        if self.convert is not None and self.convert not in CONVERSIONS:
            raise ValueError("convert must be one of %s, not %r"
                             % (", ".join(CONVERSIONS), self.convert))
        if self.from_format not in FORMATS:
            raise ValueError("from_format must be one of %s, not %r"
                             % (", ".join(FORMATS), self.from_format))
        if self.errors not in ("strict", "replace"):
            raise ValueError("errors must be strict or replace, not %r" % self.errors)


@dataclass
class State:
    """What the stages share while one document is cleaned."""
    lines: list[Line]
    rules: RuleSet
    opts: Options
    doc: Document
    tracer: Tracer = field(default_factory=Tracer)
    blocks: list = field(default_factory=list)


Mechanism = Callable[..., str]
MECHANISMS: dict[str, Callable] = {}


def mechanism(name: str) -> Callable[[Callable], Callable]:
    """Register the Python side of a rule with ``kind = "mechanism"``."""
    def deco(fn: Callable) -> Callable:
        MECHANISMS[name] = fn
        return fn
    return deco


def apply_text_rule(rule: Rule, text: str, tracer: Tracer,
                    where: Callable[[int], tuple[int, int, int]],
                    state: State | None = None) -> str:
    """Apply one text rule to ``text``; every real change becomes an event.

    >>> from reflow.rules import load_rules
    >>> rule = load_rules().get("N103")
    >>> t = Tracer()
    >>> apply_text_rule(rule, "ＧＬＭ", t, lambda o: (1, 1, o))
    'GLM'
    >>> [e.code for e in t.events]
    ['N103', 'N103', 'N103']
    """
    if rule.trigger is not None and rule.trigger.search(text) is None:
        return text  # a quick scan for what the rule needs; most pages lack it
    if rule.kind == "map":
        table = rule.table
        return substitute(text, rule.regex.finditer(text), lambda m: table[m.group("k")],
                          rule.code, tracer, where)
    if rule.kind == "regex":
        template = rule.replace
        return substitute(text, rule.regex.finditer(text), lambda m: m.expand(template),
                          rule.code, tracer, where)
    if rule.kind == "mechanism":
        fn = MECHANISMS.get(rule.params["mechanism"])
        if fn is None:
            from . import pipeline  # noqa: F401  (imports every stage, which registers its mechanisms)
            fn = MECHANISMS.get(rule.params["mechanism"])
        if fn is None:
            raise KeyError("rule %s names an unknown mechanism %r"
                           % (rule.code, rule.params["mechanism"]))
        return fn(rule, text, tracer, where, state)
    raise ValueError("rule %s of kind %s is not a text rule" % (rule.code, rule.kind))
