"""The seed page: its 19 printed paragraphs come out exactly, and its three articles.

The expected paragraphs (tests/fixtures/seed-paragraphs.txt) were checked by
hand against the printed page: none split or glued, no spaced-out characters,
GLM-4.5 intact everywhere.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import reflow

from .conftest import SEED

EXPECTED = (Path(__file__).parent / "fixtures" / "seed-paragraphs.txt").read_text(
    encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def doc():
    return reflow.clean_file(SEED)


def test_nineteen_paragraphs(doc):
    got = [p.text for a in doc.articles for p in a.paragraphs]
    assert len(EXPECTED) == 19
    assert len(got) == 19


@pytest.mark.parametrize("k", range(19))
def test_paragraph(doc, k):
    got = [p.text for a in doc.articles for p in a.paragraphs]
    assert got[k] == EXPECTED[k]


@pytest.mark.parametrize("snippet", ["GLM-4.5", "“B站”", "“Flappy Bird”小游戏", "2025年世界",
                                     "7月28日晚", "Hugging-Face榜单"])
def test_print_forms(doc, snippet):
    assert snippet in "\n".join(p.text for a in doc.articles for p in a.paragraphs)


def test_no_spaced_out_text_and_no_broken_glm(doc):
    text = "\n".join(p.text for a in doc.articles for p in a.paragraphs)
    import re
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text.replace("记者 张伟", ""))
    assert text.count("GLM-4.5") == 6
    assert "GLM-\n" not in text and "GLM- 4.5" not in text


def test_three_articles(doc):
    assert len(doc.articles) == 3


def test_opinion_piece(doc):
    a = doc.articles[0]
    assert a.headline is None
    assert [(b.role, b.names) for b in a.bylines] == [("作者", ["杨冰夷"])]
    assert a.closing == ["（作者单位：中国信息通信研究院人工智能研究所工程师）"]
    assert len(a.paragraphs) == 10


def test_glm_report(doc):
    a = doc.articles[1]
    assert a.kicker == "位列国际开源社区Hugging-Face榜单第二"
    assert a.headline == "“北京造”大模型综合性能全球领先"
    assert a.subheadline is None
    assert a.dateline == "本报讯"
    assert [(b.role, b.names) for b in a.bylines] == [("记者", ["张伟"])]
    assert a.paragraphs[0].text.startswith("本报讯（记者 张伟）7月28日晚")
    assert len(a.paragraphs) == 8


def test_photo_story(doc):
    a = doc.articles[2]
    assert a.headline is None
    assert len(a.paragraphs) == 1
    captions = [c for f in a.figures for c in f.captions]
    assert captions == ["上图：检测列车在进行联调联试作业。", "下图：检测列车驶出包头站。"]
    credits = [c for f in a.figures for c in f.credits]
    assert [c.text for c in credits] == ["新华社发（连振/摄）"]
    assert credits[0].names == ["连振"]


def test_headline_written_first_in_tei(doc):
    tei = reflow.write(doc, "tei")
    div = tei.split('<div type="article"')[2]
    assert div.index('<head type="kicker">') < div.index('<head type="main">') < div.index("<p>")
