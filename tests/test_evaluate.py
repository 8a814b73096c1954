"""Tests of reflow.evaluate: the TEI and gold readers, each metric on hand-made pages, the CLI."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import reflow
from reflow import evaluate as ev
from reflow.evaluate import EvalArticle, EvalPage, eval_cmd, parse_tei, read_gold, score_page

TEI_NS = "http://www.tei-c.org/ns/1.0"

# paragraphs long enough that an LCS mapping is unambiguous
A1 = "本报讯（记者 张伟）新区图书馆昨日正式开放，首批藏书十二万册，市民可刷身份证借阅。"
A2 = "馆长李明介绍，图书馆设有少儿阅览区和自习区，工作日开放至晚上九点。"
A3 = "据了解，明年还将在东部片区建设一座分馆，方便周边居民就近借阅图书。"
B1 = "新华社北京8月11日电 全国暑期旅游市场持续升温，亲子游和研学游成为热门选择。"
B2 = "业内人士表示，入境便利化措施落地后，来华旅游的外国游客明显增多。"


def gold_page() -> dict:
    """A two-article gold page in the gold.json shape."""
    return {
        "id": "t01", "lang": "zh-Hans",
        "furniture": ["江川日报", "第1版", "要闻"],
        "articles": [
            {"kicker": "文化惠民", "headline": "新区图书馆开放", "subheadline": "藏书十二万册",
             "bylines": [{"role": "记者", "names": ["张伟"]}], "byline_lines": [],
             "paragraphs": [A1, A2, A3], "closing": [], "captions": ["图书馆外景"],
             "credits": ["本报记者 王芳 摄"]},
            {"kicker": None, "headline": "暑期旅游市场升温", "subheadline": None,
             "bylines": [], "byline_lines": [], "paragraphs": [B1, B2], "closing": [],
             "captions": [], "credits": []},
        ],
    }


def div(paragraphs, main=None, kicker=None, sub=None, captions=(), credit=None, names=(),
        inner="") -> str:
    """One article div in the shape reflow writes."""
    heads = "".join('<head type="%s">%s</head>' % (t, x)
                    for t, x in (("kicker", kicker), ("main", main), ("sub", sub)) if x)
    byline = "<byline>%s</byline>" % "".join("<persName>%s</persName>" % n for n in names) \
        if names else ""
    fig = ""
    if captions or credit:
        fig = "<figure>%s%s</figure>" % (
            "".join("<head>%s</head>" % c for c in captions),
            '<note type="credit">本报记者 <persName>%s</persName> 摄</note>' % credit
            if credit else "")
    ps = "".join("<p>%s</p>" % p for p in paragraphs)
    return '<div type="article">%s%s%s%s%s</div>' % (heads, byline, ps, fig, inner)


def tei(*divs: str, furniture: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="%s"><teiHeader/><text><body>'
            '%s%s</body></text></TEI>' % (TEI_NS, furniture, "".join(divs)))


def perfect_tei() -> str:
    return tei(div([A1, A2, A3], "新区图书馆开放", "文化惠民", "藏书十二万册", ["图书馆外景"],
                   credit="王芳", names=["张伟"]),
               div([B1, B2], "暑期旅游市场升温"),
               furniture='<fw type="header">江川日报</fw><fw type="header">第1版　要闻</fw>')


def scores(tei_text: str, gold: dict | None = None) -> dict:
    return score_page(read_gold(gold or gold_page()), parse_tei(tei_text))[0]


# --------------------------------------------------------------------------
# readers
# --------------------------------------------------------------------------
def test_read_gold_collects_names_captions_and_printed_text():
    g = read_gold(gold_page())
    assert [a.main for a in g.articles] == ["新区图书馆开放", "暑期旅游市场升温"]
    assert g.articles[0].names == ["张伟"] and g.articles[0].captions == ["图书馆外景"]
    assert "王芳" in g.text and "文化惠民" in g.text and B2 in g.text
    assert g.furniture == ["江川日报", "第1版", "要闻"]


def test_tei_reading_rules():
    page = parse_tei(tei(
        '<div type="article"><head>无类型标题</head><head type="sub">副题</head>'
        '<byline><persName>张伟</persName><p>不是正文</p></byline>'
        '<p>正<fw>第3版</fw>文<note>注</note><lb/>一<seg><persName>李明</persName></seg>段</p>'
        '<figure><head>图说</head><figDesc>描述</figDesc>'
        '<note type="credit"><persName>王芳</persName></note></figure>'
        '<closer><p>（作者单位：某大学）</p></closer><note><p>注释段</p></note></div>'))
    [a] = page.articles
    assert a.main == "无类型标题" and a.sub == "副题" and a.kicker is None
    assert a.paragraphs == ["正文一李明段"]
    assert a.captions == ["图说", "描述"]
    assert a.names == ["张伟", "李明"]  # the photographer in the figure is not a byline
    assert "第3版" in page.text and "王芳" in page.text


def test_nested_article_div_owns_its_elements():
    outer = div([A1], "外层标题", inner=div([B1], "内层标题"))
    page = parse_tei(tei(outer))
    assert [a.main for a in page.articles] == ["外层标题", "内层标题"]
    assert page.articles[0].paragraphs == [A1] and page.articles[1].paragraphs == [B1]


def test_typed_main_wins_over_untyped_head():
    page = parse_tei(tei('<div type="article"><head>栏目</head><head type="main">主题</head></div>'))
    assert page.articles[0].main == "主题"


@pytest.mark.parametrize("data", ["<TEI", "<html/>", '<TEI xmlns="urn:other"/>', ""])
def test_not_tei_raises(data):
    with pytest.raises(ev.TEIError):
        parse_tei(data)


def test_entities_are_not_expanded():
    doc = ('<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<TEI xmlns="%s"><text><body><div type="article"><p>a&x;b</p></div></body></text></TEI>'
           % TEI_NS)
    assert "root:" not in parse_tei(doc).articles[0].paragraphs[0]


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------
def test_perfect_prediction():
    m = scores(perfect_tei())
    assert m["cer"] == 0
    for key in ("para_f1", "break_f1", "b3_f1", "art_em", "headline", "head_sim", "kicker",
                "sub", "byline_f1", "caption_f1", "han_recall"):
        assert m[key] == 1, key
    assert m["leak"] == 0


def test_one_paragraph_split_in_two():
    gold = {"id": "t", "lang": "zh-Hans", "furniture": [], "articles": [
        {"headline": "标题", "paragraphs": ["甲乙丙丁", "戊己庚辛", "壬癸子丑"]}]}
    m = scores(tei(div(["甲乙丙丁", "戊己", "庚辛", "壬癸子丑"], "标题")), gold)
    # 2 of 4 output paragraphs exact, 2 of 3 gold: P 1/2, R 2/3, F1 4/7
    assert m["para_f1"] == pytest.approx(4 / 7)
    # stream 甲乙丙丁戊己庚辛壬癸子丑: gold starts {4, 8}, output starts {4, 6, 8};
    # 6 is 2 away from any gold start: P 2/3, R 2/2, F1 0.8
    assert m["break_f1"] == pytest.approx(0.8)
    assert m["cer"] == pytest.approx(1 / 14)  # one inserted newline, gold body 14 chars
    assert m["b3_f1"] == 1 and m["headline"] == 1 and m["art_em"] == 0


def test_lost_paragraph_and_missing_headline():
    m = scores(tei(div([A1, A2, A3], "新区图书馆开放"),
                   div(["完全无关的另一段文字，与金标准中的任何段落都不相同。"], "别的标题")))
    # B1, B2 lost: 3 of 5 gold paragraphs kept, each with precision 1 and recall 1
    assert m["b3_p"] == pytest.approx(3 / 5) and m["b3_r"] == pytest.approx(3 / 5)
    assert m["b3_f1"] == pytest.approx(3 / 5)
    assert m["headline"] == 0.5 and m["art_em"] == 0.5
    assert m["head_sim"] == pytest.approx(0.5)  # 1.0 for the first, 0 for the unmatched one


def test_two_articles_run_together_lower_b3_precision():
    m = scores(tei(div([A1, A2, A3, B1, B2], "新区图书馆开放")))
    # each A paragraph: 3/5 of its cluster shares its article; each B: 2/5
    assert m["b3_p"] == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert m["b3_r"] == 1
    assert m["headline"] == 0.5  # the B article's matched output has A's headline


def test_article_order_does_not_count_in_cer():
    m = scores(tei(div([B1, B2], "暑期旅游市场升温"), div([A1, A2, A3], "新区图书馆开放")))
    assert m["cer"] == 0 and m["break_f1"] == 1 and m["b3_f1"] == 1


def test_leaked_furniture_counted_only_beyond_the_golds_own_uses():
    gold = gold_page()
    gold["articles"][1]["paragraphs"] = [B1 + "要闻", B2]  # the gold prints 要闻 once itself
    m = scores(tei(div([A1, A2, A3, "江川日报"], "新区图书馆开放"),
                   div([B1 + "要闻", B2], "第 1 版")), gold)
    assert m["leak"] == pytest.approx(2 / 3)  # 江川日报 and 第1版 (spaces ignored), not 要闻
    _, notes = score_page(read_gold(gold), parse_tei(tei(div([A1, "江川日报"]))))
    assert notes["leaked"] == ["江川日报"]


def test_bylines_and_captions():
    m = scores(tei(div([A1, A2, A3], names=["张伟", "王芳"], captions=["图书馆 外景", "多余"]),
                   div([B1, B2])))
    assert m["byline_p"] == 0.5 and m["byline_r"] == 1
    assert m["caption_p"] == 0.5 and m["caption_r"] == 1  # whitespace ignored


def test_empty_output_scores_zero():
    m, notes = score_page(read_gold(gold_page()), EvalPage())
    assert m["cer"] == 1 and m["para_f1"] == 0 and m["b3_f1"] == 0 and m["han_recall"] == 0
    assert m["break_f1"] == 0 and len(notes["lost"]) == 5


def test_han_recall_counts_a_multiset():
    gold = EvalPage([EvalArticle(["中中国"])], text="中中国")
    assert ev.han_recall(gold, EvalPage(text="中国")) == pytest.approx(2 / 3)


def test_aggregate_ignores_none_and_counts_errors():
    r1 = ev.Result({"cer": 0.2, "kicker": None}, {})
    r2 = ev.Result({"cer": 0.4, "kicker": 1.0}, {}, error="crash")
    agg = ev.aggregate({("a", "pymupdf"): r1, ("b", "pymupdf"): r2}, ["pymupdf"],
                       {"a": "zh-Hans", "b": "zh-Hant"})
    assert agg["overall"]["cer"] == pytest.approx(0.3) and agg["overall"]["kicker"] == 1.0
    assert agg["overall"]["errors"] == 1 and agg["overall"]["pages"] == 2
    assert agg["by_lang"]["zh-Hant"]["cer"] == pytest.approx(0.4)


def test_floors_round_outwards_and_ratchet_never_loosens():
    agg = {"overall": {"cer": 0.4567, "b3_f1": 0.6789, "errors": 0}, "per_source": {}}
    assert ev.floors(agg, []) == {"overall": {"cer": 0.47, "b3_f1": 0.66, "errors": 0}}
    base = {"overall": {"cer": 0.45, "b3_f1": 0.70}}
    assert ev.floors(agg, [], base=base)["overall"] == {"cer": 0.45, "b3_f1": 0.70, "errors": 0}
    assert ev.check_floors(agg, {"overall": {"b3_f1": 0.70}}) == [
        "overall.b3_f1 = 0.6789, below its floor 0.7"]
    assert ev.check_floors(agg, {"overall": {"cer": 0.45}})[0].endswith("above its ceiling 0.45")


# --------------------------------------------------------------------------
# running and the command
# --------------------------------------------------------------------------
RAW = "江川日报\n\n新区图书馆开放\n\n" + A1 + "\n" + A2 + "\n"


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    page = tmp_path / "pages" / "t01"
    page.mkdir(parents=True)
    (page / "gold.json").write_text(json.dumps(gold_page(), ensure_ascii=False), encoding="utf-8")
    (page / "pymupdf.txt").write_text(RAW, encoding="utf-8")
    (page / "tesseract.txt").write_text(RAW, encoding="utf-8")
    return tmp_path / "pages"


def test_predictions_folder_scores_stored_tei_and_invalid_is_an_error(gold_dir, tmp_path):
    pred = tmp_path / "pred"
    (pred / "t01").mkdir(parents=True)
    (pred / "t01" / "pymupdf.xml").write_text(perfect_tei(), encoding="utf-8")
    (pred / "t01-tesseract.xml").write_text("<TEI><unclosed>", encoding="utf-8")
    report = ev.evaluate(gold_dir, pred=pred)
    good, bad = report.results["t01", "pymupdf"], report.results["t01", "tesseract"]
    assert good.error is None and good.metrics["b3_f1"] == 1
    assert bad.error.startswith("invalid") and bad.metrics["cer"] == 1
    assert report.aggregate()["overall"]["errors"] == 1


def test_a_crash_of_the_cleaner_is_an_error_not_a_crash_of_eval(gold_dir, monkeypatch):
    def boom(path, opts=None):
        raise RuntimeError("cleaner exploded")
    monkeypatch.setattr(reflow, "clean_file", boom)
    report = ev.evaluate(gold_dir, sources=["pymupdf"])
    r = report.results["t01", "pymupdf"]
    assert r.error == "crash: RuntimeError: cleaner exploded" and r.metrics["para_f1"] == 0


def test_cli_table(gold_dir):
    res = CliRunner().invoke(eval_cmd, [str(gold_dir.parent), "--worst", "2"])
    assert res.exit_code == 0, res.output
    assert "CER  paraF1   brkF1    B3F1" in res.output
    for row in ("pymupdf ", "tesseract ", "overall "):
        assert row in res.output
    assert "worst 2" in res.output


def test_cli_json(gold_dir):
    res = CliRunner().invoke(eval_cmd, [str(gold_dir), "--json", "--source", "pymupdf"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) >= {"overall", "per_source", "pages"}
    assert list(data["per_source"]) == ["pymupdf"] and list(data["pages"]) == ["t01/pymupdf"]
    for key in ev.METRICS + ("errors", "pages"):
        assert key in data["overall"], key
    assert data["overall"]["pages"] == 1


def test_cli_floors_output_is_toml(gold_dir):
    res = CliRunner().invoke(eval_cmd, [str(gold_dir), "--floors"])
    assert res.exit_code == 0, res.output
    data = tomllib.loads(res.output)
    assert set(data["sources"]) == {"pymupdf", "tesseract"} and "cer" in data["overall"]


@pytest.mark.parametrize("args, message", [
    (["{tmp}/nowhere"], "no such folder"),
    (["{tmp}"], "no gold pages"),
    (["{gold}", "--source", "ocrad"], "unknown source 'ocrad'"),
    (["{gold}", "--page", "t99"], "no page t99"),
    (["{gold}", "--rules", "{tmp}/none.toml"], "no such rule file"),
    (["{gold}", "--pred", "{tmp}/none"], "no such prediction folder"),
])
def test_cli_errors_are_one_line_exit_1(gold_dir, tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    args = [a.format(tmp=tmp_path / "empty", gold=gold_dir) for a in args]
    res = CliRunner().invoke(eval_cmd, args)
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], res.output


def test_broken_gold_json_is_a_one_line_error(gold_dir):
    (gold_dir / "t01" / "gold.json").write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, [str(gold_dir)])
    assert res.exit_code == 1 and "not a usable gold answer" in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_cli_help_teaches():
    res = CliRunner().invoke(eval_cmd, ["--help"])
    assert res.exit_code == 0 and "Examples:" in res.output and "--pred" in res.output
