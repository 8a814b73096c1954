"""Writers: TEI that validates against tei_all in every shape, Markdown escaping, text round trip."""
from __future__ import annotations

import json

import pytest

import reflow
from reflow.model import (Article, Byline, Credit, Document, Figure, Furniture, Note, PageBreak,
                          Paragraph, Seg)
from reflow.writers.markdown import escape

from .conftest import GOLD, SEED, assert_valid_tei

SHAPES = {
    "empty": "",
    "furniture only": "星海日报\n2025年7月30日 星期三\n第1版　要闻\n责任编辑：王晓明\n",
    "headline after body": "本报讯（记者 张伟）北京智谱公司发布新一代旗舰大模型，综合性能跻身全球领先行列。\n\n"
                           "“北京造”大模型综合性能全球领先\n",
    "crosshead": "清晨7点50分，青川镇中心小学五年级教室里，32名学生端坐在座位上，目光投向大屏幕。\n\n"
                 "屏幕两端的同一堂课\n\n在青川镇中心小学，记者看到，教室里除了大屏幕，学生端坐在座位上。\n",
    "credit-only figure": "漫画：徐骏\n\n今年以来，开源大模型迎来密集发布期。\n",
    "control characters": "正文\x07第一句\x1b。\x00\n",
    "editor's note": "编者按：近年来，开源模型发展迅速。\n\n本报讯（记者 张伟）7月28日晚，智谱发布新模型。\n",
    "two pages": "第一页的正文写到这里为止。\n（下转第2版）\n\f（上接第1版）\n第二页的正文从这里开始。\n",
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_tei_validates(tei_schema, name):
    data = SHAPES[name].encode("utf-8")
    doc = reflow.clean(data, errors="replace")
    assert_valid_tei(tei_schema, reflow.write(doc, "tei"))


def test_tei_validates_on_seed_and_gold_pages(tei_schema):
    paths = [SEED] + sorted(GOLD.glob("g0[1-6]/*.txt")) + sorted(GOLD.glob("g0[1-3]/*.hocr"))
    for path in paths:
        assert_valid_tei(tei_schema, reflow.write(reflow.clean_file(path), "tei"))


def test_tei_corpus_validates(tei_schema):
    docs = [reflow.clean(SHAPES["crosshead"]), reflow.clean(SHAPES["headline after body"])]
    assert_valid_tei(tei_schema, reflow.write_many(docs, "tei"))


def _hand_doc() -> Document:
    p = Paragraph("本报讯（记者 张伟 李娜）7月29日上午，星海市开通首条线路。", 1, 3, 4,
                  segs=[Seg(0, 3, "dateline"), Seg(3, 13, "byline", ["张伟", "李娜"])])
    art = Article(kicker="智慧交通再提速", headline="星海首条自动驾驶公交线路开通运营",
                  subheadline="全程12.6公里　设站18座", dateline="本报讯",
                  bylines=[Byline("记者", ["张伟", "李娜"], "（记者 张伟 李娜）", inline=True)],
                  body=[p, Figure(["7月29日，乘客登上巴士。"], [Credit("本报记者 刘洋 摄", ["刘洋"])]),
                        Note("编者按：这是一则说明。"), PageBreak(2),
                        Paragraph("屏幕两端", 2, 1, 1, crosshead=True)],
                  closing=["（作者单位：星海大学）"], continued_to="（下转第5版）")
    return Document("hand.txt", "0123456789abcdef", pages=2, articles=[art],
                    furniture=[Furniture("星海日报", "L101", 1, 1, "running-head")])


def test_tei_shape_of_a_full_article(tei_schema):
    tei = reflow.write(_hand_doc(), "tei")
    assert_valid_tei(tei_schema, tei)
    assert '<seg type="dateline">本报讯</seg><seg type="byline">（记者 <persName>张伟</persName> ' \
           '<persName>李娜</persName>）</seg>7月29日' in tei
    assert '<p rend="crosshead">屏幕两端</p>' in tei
    assert '<note type="credit">本报记者 <persName>刘洋</persName> 摄</note>' in tei
    assert tei.index('<head type="kicker">') < tei.index('<head type="main">') < tei.index("<p><seg")
    assert '<fw type="header">星海日报</fw>' in tei


def test_writers_do_not_change_text():
    doc = _hand_doc()
    before = repr(doc)
    for fmt in reflow.FORMATS:
        reflow.write(doc, fmt)
    assert repr(doc) == before


@pytest.mark.parametrize("text,expected", [
    ("1. 第一条", "1\\. 第一条"),
    ("# 不是标题", "\\# 不是标题"),
    ("*重点*和_下划线_", "\\*重点\\*和\\_下划线\\_"),
    ("<b>与[链接]", "\\<b\\>与\\[链接\\]"),
    ("- 列表", "\\- 列表"),
    ("2025年7月", "2025年7月"),
])
def test_markdown_escape(text, expected):
    assert escape(text) == expected


def test_markdown_shape():
    md = reflow.write(_hand_doc(), "md")
    assert md.splitlines()[:5] == ["*智慧交通再提速*", "", "# 星海首条自动驾驶公交线路开通运营", "",
                                   "## 全程12.6公里　设站18座"]
    assert "> 7月29日，乘客登上巴士。\n>\n> 本报记者 刘洋 摄" in md
    assert "### 屏幕两端" in md


def test_json_and_jsonl_agree():
    doc = reflow.clean_file(SEED)
    whole = json.loads(reflow.write(doc, "json"))
    lines = [json.loads(x) for x in reflow.write(doc, "jsonl").splitlines()]
    assert [a["text"] for a in whole["articles"]] == [r["text"] for r in lines]
    assert whole["articles"][2]["captions"] == ["上图：检测列车在进行联调联试作业。", "下图：检测列车驶出包头站。"]
    assert whole["articles"][2]["credits"] == ["新华社发（连振/摄）"]
    assert whole["articles"][0]["closing"] == ["（作者单位：中国信息通信研究院人工智能研究所工程师）"]


def test_article_ids_are_stable():
    a = reflow.clean_file(SEED)
    b = reflow.clean(SEED.read_bytes(), name="other-name.txt")
    assert [a.article_id(k) for k in range(3)] == [b.article_id(k) for k in range(3)]
    c = reflow.clean(SEED.read_bytes() + b"\n")
    assert a.doc_id != c.doc_id


def _paragraph_texts(doc):
    return [p.text for a in doc.articles for p in a.paragraphs]


@pytest.mark.parametrize("path", [SEED] + sorted(GOLD.glob("g1[0-5]/pymupdf.txt")),
                         ids=lambda p: p.parent.name + "/" + p.name)
def test_text_output_cleans_to_the_same_paragraphs(path):
    doc = reflow.clean_file(path)
    again = reflow.clean(reflow.write(doc, "text"))
    assert _paragraph_texts(again) == _paragraph_texts(doc)


def test_provenance_of_paragraphs_in_json():
    doc = reflow.clean_file(SEED)
    art = json.loads(reflow.write(doc, "json"))["articles"][1]
    first = art["paragraph_sources"][0]
    assert first["page"] == 1 and first["lines"][0][0] == doc.articles[1].paragraphs[0].first_line
    assert len(art["paragraph_sources"]) == len(art["paragraphs"])


def test_tei_facsimile_links_paragraphs_to_ocr_boxes(tei_schema):
    hocr = sorted(GOLD.glob("g01/tesseract.hocr"))[0]
    doc = reflow.clean_file(hocr)
    tei = reflow.write(doc, "tei", facs=True)
    assert_valid_tei(tei_schema, tei)
    from lxml import etree
    root = etree.fromstring(tei.encode())
    ns = {"t": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
    zones = set(root.xpath("//t:facsimile//t:zone/@xml:id", namespaces=ns))
    refs = [r.lstrip("#") for f in root.xpath("//t:p/@facs", namespaces=ns) for r in f.split()]
    assert refs and set(refs) <= zones
    assert "facsimile" not in reflow.write(doc, "tei")
