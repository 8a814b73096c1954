"""O605: OCR text whose lines hold the lines of two columns, the gutter between
them read as a mark, is cut at the near-constant offset and read column by
column; the gutter's marks are recorded as removed, every cut is a trace event."""
from __future__ import annotations

from reflow.pipeline import clean

# two columns of 14 em merged by OCR; the gutter read as ” , as 。” and as a bar
MERGED = "\n".join([
    "市文化部门介绍，智慧书屋由街 ”为了让书屋更有人气，不少社区",
    "道提供场地，图书馆统一配送图 ”还组织了读书分享会和亲子阅读",
    "书并定期轮换，每个书屋藏书约 。” 课。社区工作人员表示，书屋不",
    "三千册。今年以来，全市已建成 | 只是借书的地方，也成了邻里交",
    "书屋六十个。                   流的新空间。",
])


def test_merged_ocr_columns_are_read_column_by_column():
    doc = clean(MERGED)
    text = "\n".join(p.text for a in doc.articles for p in a.paragraphs)
    assert "由街道提供场地，图书馆统一配送图书并定期轮换，每个书屋藏书约三千册。" in text
    assert "不少社区还组织了读书分享会和亲子阅读课。社区工作人员表示，书屋不只是借书的地方" in text
    assert text.index("已建成书屋六十个。") < text.index("为了让书屋更有人气")
    assert "”" not in text and "|" not in text


def test_gutter_marks_are_recorded_and_cuts_traced():
    doc = clean(MERGED)
    removed = [(r.text, r.rule) for r in doc.removed]
    assert removed == [("”", "O605"), ("”", "O605"), ("。”", "O605"), ("|", "O605")]
    cuts = [e for e in doc.trace if e.code == "O605" and e.kind == "move" and "cut at" in e.note]
    assert [e.line for e in cuts] == [1, 2, 3, 4, 5]


def test_a_closing_quote_of_the_text_stays():
    text = "他说：“书屋就在家门口，真方便。”大家都笑了。"
    doc = clean(text)
    assert doc.articles[0].paragraphs[0].text == text
    assert not doc.removed


def test_single_spaces_alone_are_no_ocr_gutter():
    # a PDF extractor's merged lines (single spaces, no mark) are left to O601
    page = "\n".join([
        "市文化部门介绍，智慧书屋由街 为了让书屋更有人气，不少社区",
        "道提供场地，图书馆统一配送图 还组织了读书分享会和亲子阅读",
        "书并定期轮换，每个书屋藏书约 课。社区工作人员表示，书屋不",
        "三千册。今年以来，全市已建成 只是借书的地方，也成了邻里交",
    ])
    doc = clean(page)
    assert not any(e.code == "O605" for e in doc.trace)
