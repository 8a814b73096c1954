"""Every case of every rule, one test each (``pytest -k J302`` runs one rule).

How a case is checked depends on the rule's stage:
- normalize and spacing rules (map, regex, text mechanisms): the rule alone is
  applied to ``before`` (lines labelled ``line`` or body) and must give ``after``
  (or leave ``before`` unchanged when there is no ``after``);
- label rules: the label stage runs on the lines of ``before`` (text, or hOCR
  read into lines with boxes); with ``label`` this rule must give a line that
  label, without it this rule labels nothing;
- order, assemble and polish rules: ``before`` is raw input, cleaned by the whole
  pipeline and written as text, which must equal ``after`` (or ``before``);
- segment rules: ``before`` is raw input; the ``expect`` fields must hold for
  the cleaned document.
"""
from __future__ import annotations

import pytest

import reflow
from reflow import label as label_stage
from reflow.engine import Options, State, apply_text_rule
from reflow.model import Document, Line
from reflow.ocrxml import ocr_lines, sniff_format
from reflow.read import lines_from_text
from reflow.rules import load_rules
from reflow.trace import LineMap, Tracer

RULES = load_rules()


def _cases():
    for code in sorted(RULES.rules):
        rule = RULES.rules[code]
        for k, case in enumerate(rule.cases):
            yield pytest.param(rule, case, id="%s_%d" % (code, k))


def _opts(case) -> Options:
    return Options(spacing=case.get("spacing", "none"), convert=case.get("convert"))


def _text_rule(rule, case):
    lines = [Line(t, 1, i + 1, label=case.get("line", "body"))
             for i, t in enumerate(case["before"].split("\n"))]
    state = State(lines, RULES, _opts(case), Document("", ""))
    text = "\n".join(l.text for l in lines)
    lm = LineMap(lines)
    return apply_text_rule(rule, text, Tracer(), lambda o: lm.locate(text, o), state)


def _label_rule(rule, case):
    before = case["before"]
    # a case written as hOCR is read as the pipeline reads it: lines with boxes
    lines = ocr_lines(before, "hocr") if sniff_format(before) == "hocr" else lines_from_text(before)
    state = State(lines, RULES, Options(), Document("", ""))
    label_stage.run(state)
    return [(l.label, l.rule) for l in state.lines]


def _article_fields(doc):
    arts = doc.articles
    first = arts[0] if arts else None
    names = [n for a in arts for b in a.bylines for n in b.names]
    return {
        "headline": (first.headline or "") if first else "",
        "kicker": (first.kicker or "") if first else "",
        "subheadline": (first.subheadline or "") if first else "",
        "dateline": (first.dateline or "") if first else "",
        "bylines": names,
        "captions": [c for a in arts for f in a.figures for c in f.captions],
        "credits": [n for a in arts for f in a.figures for c in f.credits for n in c.names],
        "closing": [c for a in arts for c in a.closing],
        "crosshead": [p.text for a in arts for p in a.paragraphs if p.crosshead],
        "articles": len(arts),
        "paragraphs": sum(len(a.paragraphs) for a in arts),
    }


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_rule_case(rule, case):
    before = case["before"]
    if rule.stage in ("normalize", "spacing") and rule.kind != "line":
        assert _text_rule(rule, case) == case.get("after", before)
    elif rule.stage == "label":
        got = _label_rule(rule, case)
        mine = [lab for lab, code in got if code == rule.code]
        if "label" in case:
            assert case["label"] in mine, got
        else:
            assert not mine, got
    elif rule.stage == "segment":
        doc = reflow.clean(before, _opts(case))
        fields = _article_fields(doc)
        for key, want in case["expect"].items():
            assert fields[key] == want, (key, fields[key])
        if "after" in case:   # the articles in reading order, as plain text
            assert reflow.write(doc, "text").strip() == case["after"].strip()
        if case.get("fires") is True:
            assert rule.code in {e.code for e in doc.trace} or rule.kind == "mechanism"
    else:
        doc = reflow.clean(before, _opts(case))
        assert reflow.write(doc, "text").strip() == case.get("after", before).strip()
