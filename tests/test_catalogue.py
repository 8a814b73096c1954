"""The rule catalogue: unique codes, both kinds of case for every rule, clear load errors."""
from __future__ import annotations

import opencc
import pytest

import reflow.pipeline  # noqa: F401  (imports every stage, which registers its mechanisms)
from reflow.engine import MECHANISMS
from reflow.rules import RuleError, load_rules, rules_dir

RULES = load_rules()
# mechanisms implemented by stage code rather than as text mechanisms
STRUCTURAL = {
    "repeated_lines", "line_break", "line_break_hyphen", "byline_separator", "latin_glue",
    "dateline_join", "fragments", "pair_quotes", "dateline", "inline_byline", "headline_block",
    "headline_stack", "headline_attach", "crosshead", "caption_above_credit",
    "article_boundary", "names", "continued_parts", "paragraph_across_figure",
    "caption_before_dateline", "paragraph_continued_elsewhere", "headline_after_lead",
    "headline_type_size", "display_junk", "headline_lines_apart", "foot_line_as_text",
    "dateline_apart", "phrase_inside_sentence", "junk_head",
}


def _changes(rule, case) -> bool:
    if "fires" in case:
        return bool(case["fires"])
    if rule.stage == "label":
        return "label" in case
    return "after" in case and case["after"] != case["before"]


@pytest.mark.parametrize("code", sorted(RULES.rules))
def test_rule_has_changing_and_unchanging_cases(code):
    rule = RULES.rules[code]
    kinds = {_changes(rule, c) for c in rule.cases}
    assert kinds == {True, False}, "%s needs a case that changes and one that must not" % code


@pytest.mark.parametrize("code", sorted(RULES.rules))
def test_rule_is_documented(code):
    rule = RULES.rules[code]
    assert rule.summary and len(rule.why) > 40
    assert rule.file.startswith(code), "file name starts with the rule's code"


def test_mechanisms_exist():
    names = {r.params["mechanism"] for r in RULES.rules.values() if r.kind == "mechanism"}
    unknown = names - set(MECHANISMS) - STRUCTURAL
    assert not unknown


def test_every_rule_is_in_the_pipeline_order():
    for code, rule in RULES.rules.items():
        assert code in RULES.order[rule.stage]


def test_duplicate_code_in_user_file_replaces(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text(open(rules_dir() / "normalize" / "N111-ascii-full-stop.toml",
                      encoding="utf-8").read().replace("ascii-full-stop", "my-full-stop"),
                 encoding="utf-8")
    assert load_rules([f]).get("N111").name == "my-full-stop"
    assert load_rules().get("N111").name == "ascii-full-stop"


@pytest.mark.parametrize("content,key", [
    ('code = "X101"\nname = "x"\nstage = "normalize"\nkind = "regex"\nsummary = "s"\n'
     'why = "w"\npattern = "a("\nreplace = "b"\n', "pattern"),
    ('code = "X102"\nname = "x"\nstage = "normalize"\nkind = "regex"\nsummary = "s"\n'
     'why = "w"\npattern = "a"\n', "replace"),
    ('code = "X103"\nname = "x"\nstage = "nowhere"\nkind = "regex"\nsummary = "s"\n'
     'why = "w"\npattern = "a"\nreplace = ""\n', "stage"),
    ('name = "x"\nstage = "normalize"\nkind = "regex"\nsummary = "s"\nwhy = "w"\n', "code"),
    ('code = "X105"\nname = "x"\nstage = "normalize"\nkind = "regex"\nsummary = "s"\n'
     'why = "w"\npattern = "a"\nreplace = ""\ncolour = 1\n', "colour"),
    ('code = "X106"\nname = "x"\nstage = "normalize"\nkind = "map"\nsummary = "s"\n'
     'why = "w"\n[map]\n', "map"),
    ('code = "X107"\nname = "x"\nstage = "normalize"\nkind = "regex"\nsummary = "s"\n'
     'why = "w"\npattern = "a"\nreplace = ""\n[[case]]\nafter = "b"\n', "case[0].before"),
    ('code = "X108" = broken', "TOML"),
])
def test_malformed_rule_file_names_file_and_key(tmp_path, content, key):
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([f])
    assert str(f) in str(err.value)
    assert key in str(err.value)


def test_unknown_disabled_code_is_an_error():
    with pytest.raises(RuleError, match="Z999"):
        load_rules(disabled=["Z999"])


def test_missing_user_rule_file(tmp_path):
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules([tmp_path / "absent.toml"])


# ---------------------------------------------------------------- both scripts
def _script(text: str) -> set[str]:
    """The scripts a case's text is written in: {'S'}, {'T'}, or both when it
    holds no character that differs between them (digits, Latin, shared Han)."""
    trad = _T2S.convert(text) != text
    simp = _S2T.convert(text) != text
    if trad == simp:
        return {"S", "T"}
    return {"T"} if trad else {"S"}


def _must(rule, case) -> str:
    """'match' for a case the rule must recognise, 'not' for one it must leave."""
    if rule.stage == "label":
        return "match" if case.get("label") else "not"
    if case.get("fires") is not None:
        return "match" if case["fires"] else "not"
    absent = any(v in ("", []) for v in case.get("expect", {}).values())
    return "not" if absent else "match"


_T2S, _S2T = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.rules.items()
                                        if r.stage in ("label", "segment")))
def test_every_recogniser_has_cases_both_ways_in_both_scripts(code):
    """Each line-labelling and structure rule shows a case it must recognise
    and one it must leave alone, in simplified and in traditional script."""
    rule = RULES.rules[code]
    have = {(_must(rule, c), s) for c in rule.cases for s in _script(c["before"])}
    missing = {(m, s) for m in ("match", "not") for s in ("S", "T")} - have
    assert not missing, "%s lacks cases: %s" % (code, sorted(missing))
