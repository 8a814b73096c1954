"""The rules loader: TOML files in ``rules/`` become checked ``Rule`` objects.

A rule file holds either one rule (top-level ``code``, ``name`` … and its
``[[case]]`` tables) or a family (``[[rule]]`` tables, each with
``[[rule.case]]``). ``rules/vocab.toml`` names word lists that patterns use as
``{name}`` (expanded to an alternation), next to the character classes of
``reflow.chars`` (``{han}``). ``rules/pipeline.toml`` gives the order of the
rules inside each stage. This module does not apply rules: the stages do.

>>> rs = load_rules()
>>> rs.get("N103").name
'fullwidth-alnum'
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import chars

STAGES = ("normalize", "order", "label", "spacing", "assemble", "polish", "segment")
KINDS = ("map", "regex", "mechanism", "line")
CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
REQUIRED = ("code", "name", "stage", "kind", "summary", "why")
KNOWN_KEYS = set(REQUIRED) | {
    "case", "map", "pattern", "replace", "flags", "left", "right",
    "mechanism", "params", "label", "role", "aliases", "enabled", "file", "trigger",
}
CASE_KEYS = {"before", "after", "label", "line", "note", "lang", "spacing", "convert", "expect", "fires"}


class RuleError(ValueError):
    """A rule file that cannot be loaded; the message names file and key."""


@dataclass(slots=True)
class Rule:
    code: str
    name: str
    stage: str
    kind: str
    summary: str
    why: str
    file: str
    cases: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    enabled: bool = True
    # compiled forms, filled by the loader
    regex: Any = None
    table: dict[str, str] | None = None
    replace: str | None = None
    label: str | None = None
    role: str | None = None
    trigger: Any = None           # a pattern that must occur for the rule to act

    def describe(self) -> str:
        return "%s %s (%s): %s" % (self.code, self.name, self.stage, self.summary)


@functools.lru_cache(maxsize=1)
def rules_dir() -> Path:
    """Where the shipped rules live: inside the installed package (the wheel
    maps ``rules/`` there), else the ``rules/`` folder of a source checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent / "rules"):
        if (cand / "pipeline.toml").is_file():
            return cand
    raise RuleError("cannot find the rules folder (looked in %s and %s)"
                    % (here / "rules", here.parent / "rules"))


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise RuleError("%s: not valid TOML: %s" % (path, e)) from None
    except OSError as e:
        raise RuleError("%s: cannot read: %s" % (path, e.strerror)) from None


def _alternation(words: list[str]) -> str:
    """The words as one regex alternation that tries them in the given order,
    written as a tree of their shared beginnings: the regex engine tries a
    branch's first character before its rest, so a line start not opening any
    word costs one test per distinct first character, not one per word. Words
    that begin differently cannot both match at one place, so the tree finds
    what the flat list would.

    >>> _alternation(["中新社", "中新网", "人民网", "中新"])
    '(?:中新(?:社|网|)|人民网)'
    """
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w)
    branches = []
    for first, group in groups.items():
        if first == "" or len(group) == 1:
            branches += [re.escape(w) for w in group]
            continue
        rest = [w[1:] for w in group]
        while all(rest) and len({w[0] for w in rest}) == 1:  # a longer shared beginning
            first += rest[0][0]
            rest = [w[1:] for w in rest]
        branches.append(re.escape(first) + _alternation(rest))
    return "(?:%s)" % "|".join(branches)


def load_vocab(path: Path) -> dict[str, str]:
    """Word lists from vocab.toml as regex alternations, longest first; a key
    whose value is one string is a pattern made of the lists (``{agency}``)."""
    data = _read_toml(path)
    out = {}
    made = {}
    for name, words in data.items():
        if isinstance(words, str):
            made[name] = words
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise RuleError("%s: key '%s': a vocabulary must be a list of strings or a pattern"
                            % (path, name))
        out[name] = _alternation(sorted(set(words), key=lambda w: (-len(w), w)))
    for name, pattern in made.items():
        out[name] = "(?:%s)" % chars.expand(pattern, out)
    return out


def _compile(pattern: str, flags: Iterable[str], where: str, vocab: dict[str, str]):
    flag = 0
    for f in flags:
        if not hasattr(re, f):
            raise RuleError("%s: key 'flags': unknown flag %r" % (where, f))
        flag |= getattr(re, f)
    text = chars.expand(pattern, vocab)
    try:
        return re.compile(text, flag)
    except re.error:
        pass
    try:  # the regex module knows \p{…} and variable lookbehind
        import regex
        return regex.compile(text, flag | regex.V0)
    except Exception as e:  # noqa: BLE001 - any compile error is the rule's
        raise RuleError("%s: key 'pattern': does not compile: %s" % (where, e)) from None


def _char_class(chars_: Iterable[str]) -> str:
    """A regex class of single characters, consecutive code points as ranges.

    >>> _char_class("abcx")
    '[a-cx]'
    """
    points = sorted({ord(c) for c in chars_})
    parts, start = [], 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k] != points[k - 1] + 1:
            lo, hi = points[start], points[k - 1]
            parts.append(re.escape(chr(lo)) if lo == hi else
                         "%s-%s" % (re.escape(chr(lo)), re.escape(chr(hi))))
            start = k
    return "[%s]" % "".join(parts)


def _make_rule(raw: dict, path: Path, vocab: dict[str, str]) -> Rule:
    where = str(path)
    if not isinstance(raw, dict):
        raise RuleError("%s: a rule must be a table" % where)
    for key in REQUIRED:
        if key not in raw:
            raise RuleError("%s: key '%s' is missing" % (where, key))
        if not isinstance(raw[key], str):
            raise RuleError("%s: key '%s' must be a string" % (where, key))
    code = raw["code"]
    where = "%s [%s]" % (path, code)
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise RuleError("%s: unknown key '%s'" % (where, sorted(unknown)[0]))
    if not CODE_RE.match(code):
        raise RuleError("%s: key 'code': %r is not a letter and three digits" % (where, code))
    if raw["stage"] not in STAGES:
        raise RuleError("%s: key 'stage': %r is not one of %s"
                        % (where, raw["stage"], ", ".join(STAGES)))
    if raw["kind"] not in KINDS:
        raise RuleError("%s: key 'kind': %r is not one of %s"
                        % (where, raw["kind"], ", ".join(KINDS)))
    cases = raw.get("case", [])
    if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
        raise RuleError("%s: key 'case': must be an array of tables ([[case]])" % where)
    for i, case in enumerate(cases):
        if "before" not in case or not isinstance(case["before"], str):
            raise RuleError("%s: key 'case[%d].before' is missing or not a string" % (where, i))
        bad = set(case) - CASE_KEYS
        if bad:
            raise RuleError("%s: key 'case[%d].%s' is unknown" % (where, i, sorted(bad)[0]))
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise RuleError("%s: key 'params' must be a table" % where)
    rule = Rule(code=code, name=raw["name"], stage=raw["stage"], kind=raw["kind"],
                summary=raw["summary"].strip(), why=raw["why"].strip(),
                file=path.name, cases=cases, params=params,
                aliases=list(raw.get("aliases", [])),
                enabled=bool(raw.get("enabled", True)))
    kind = rule.kind
    if "trigger" in raw:
        if not isinstance(raw["trigger"], str):
            raise RuleError("%s: key 'trigger' must be a string (a pattern)" % where)
        rule.trigger = _compile(raw["trigger"], [], where + " trigger", vocab)
    if kind == "map":
        table = raw.get("map")
        if not isinstance(table, dict) or not table:
            raise RuleError("%s: key 'map' must be a non-empty table" % where)
        for k, v in table.items():
            if not isinstance(v, str) or not k:
                raise RuleError("%s: key 'map.%s' must map a string to a string" % (where, k))
        rule.table = dict(table)
        if rule.trigger is None:  # nothing to do unless a key's first character is there
            rule.trigger = _compile(_char_class(k[0] for k in table), [], where, vocab)
        if all(len(k) == 1 for k in table):  # a class is far faster than an alternation
            keys = _char_class(table)
        else:
            keys = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        if isinstance(raw.get("pattern"), str):
            # the whole match is replaced by the table's value for group k
            if "{keys}" not in raw["pattern"]:
                raise RuleError("%s: key 'pattern': a map pattern must contain {keys}" % where)
            pat = raw["pattern"].replace("{keys}", "(?P<k>%s)" % keys)
        else:
            pat = "%s(?P<k>%s)%s" % (
                "(?<=%s)" % raw["left"] if raw.get("left") else "", keys,
                "(?=%s)" % raw["right"] if raw.get("right") else "")
        rule.regex = _compile(pat, raw.get("flags", []), where, vocab)
    elif kind in ("regex", "line"):
        if not isinstance(raw.get("pattern"), str):
            raise RuleError("%s: key 'pattern' is missing or not a string" % where)
        flags = list(raw.get("flags", []))
        if kind == "line" and "MULTILINE" not in flags:
            flags.append("MULTILINE")  # a line rule's ^ and $ are line anchors
        rule.regex = _compile(raw["pattern"], flags, where, vocab)
        if kind == "regex":
            if not isinstance(raw.get("replace"), str):
                raise RuleError("%s: key 'replace' is missing or not a string" % where)
            rule.replace = raw["replace"]
        else:
            if not isinstance(raw.get("label"), str):
                raise RuleError("%s: key 'label' is missing or not a string" % where)
            rule.label = raw["label"]
            rule.role = raw.get("role")
    else:  # mechanism
        if not isinstance(raw.get("mechanism"), str):
            raise RuleError("%s: key 'mechanism' is missing or not a string" % where)
        params["mechanism"] = raw["mechanism"]
        for key, val in list(params.items()):
            if key.endswith("_pattern") and isinstance(val, str):
                params[key] = _compile(val, raw.get("flags", []), "%s params.%s" % (where, key), vocab)
    return rule


@dataclass
class RuleSet:
    rules: dict[str, Rule]
    order: dict[str, list[str]]
    disabled: frozenset[str] = frozenset()

    def get(self, code: str) -> Rule:
        code = self.alias.get(code, code)
        return self.rules[code]

    @functools.cached_property
    def alias(self) -> dict[str, str]:
        return {a: r.code for r in self.rules.values() for a in r.aliases}

    def on(self, code: str) -> bool:
        rule = self.rules.get(code)
        return rule is not None and rule.enabled and code not in self.disabled

    def stage(self, name: str) -> list[Rule]:
        """The enabled rules of a stage, in pipeline order."""
        return [self.rules[c] for c in self.order.get(name, []) if self.on(c)]

    def param(self, code: str, key: str, default: Any = None) -> Any:
        rule = self.rules.get(code)
        return default if rule is None else rule.params.get(key, default)

    def with_disabled(self, codes: Iterable[str]) -> "RuleSet":
        codes = {self.alias.get(c, c) for c in codes}
        unknown = sorted(c for c in codes if c not in self.rules)
        if unknown:
            raise RuleError("unknown rule code: %s (see `reflow rules`)" % ", ".join(unknown))
        return RuleSet(self.rules, self.order, frozenset(self.disabled | codes))


def _rule_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.toml")
                  if p.name not in ("pipeline.toml", "vocab.toml"))


def _rules_in(path: Path, vocab: dict[str, str]) -> list[Rule]:
    data = _read_toml(path)
    if "rule" in data:
        items = data["rule"]
        if not isinstance(items, list):
            raise RuleError("%s: key 'rule' must be an array of tables ([[rule]])" % path)
        return [_make_rule(r, path, vocab) for r in items]
    return [_make_rule(data, path, vocab)]


def _order(root: Path, rules: dict[str, Rule]) -> dict[str, list[str]]:
    data = _read_toml(root / "pipeline.toml")
    order: dict[str, list[str]] = {}
    listed = data.get("order", {})
    for stage in STAGES:
        codes = listed.get(stage, [])
        for c in codes:
            if c not in rules:
                raise RuleError("%s: key 'order.%s': unknown rule %s"
                                % (root / "pipeline.toml", stage, c))
            if rules[c].stage != stage:
                raise RuleError("%s: key 'order.%s': %s belongs to stage %s"
                                % (root / "pipeline.toml", stage, c, rules[c].stage))
        rest = sorted(c for c, r in rules.items() if r.stage == stage and c not in codes)
        order[stage] = list(codes) + rest
    return order


@functools.lru_cache(maxsize=8)
def _load(root: str, extra: tuple[str, ...]) -> RuleSet:
    base = Path(root)
    vocab = load_vocab(base / "vocab.toml")
    rules: dict[str, Rule] = {}
    files = _rule_files(base) + [Path(p) for p in extra]
    for path in files:
        for rule in _rules_in(path, vocab):
            if rule.code in rules and str(path) not in extra:
                raise RuleError("%s: key 'code': %s is already defined in %s"
                                % (path, rule.code, rules[rule.code].file))
            rules[rule.code] = rule  # a user file may replace a shipped rule
    return RuleSet(rules, _order(base, rules))


def load_rules(extra: Iterable[str | Path] = (), disabled: Iterable[str] = ()) -> RuleSet:
    """The shipped rules, plus user rule files, minus disabled codes.

    A user file may add rules or replace a shipped rule by using its code.
    """
    extra_t = tuple(str(Path(p)) for p in extra)
    for p in extra_t:
        if not Path(p).is_file():
            raise RuleError("%s: no such rule file" % p)
    rs = _load(str(rules_dir()), extra_t)
    disabled = tuple(disabled)
    return rs.with_disabled(disabled) if disabled else rs


def vocabulary() -> dict[str, list[str]]:
    """The raw word lists of vocab.toml (for mechanisms that need sets)."""
    return _vocab_lists(str(rules_dir()))


@functools.lru_cache(maxsize=2)
def _vocab_lists(root: str) -> dict[str, list[str]]:
    return {k: list(v) for k, v in _read_toml(Path(root) / "vocab.toml").items()}
