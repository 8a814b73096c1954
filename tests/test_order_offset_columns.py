"""O610: pages of default pdftotext printed in blocks whose merged lines are
cut row after row but hold half the rows or fewer are read as grids (O607)
unless a period holds nearly all their lines, and pages printed a line a
block are left to the period."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import reflow
from reflow.rules import rules_dir

TEXT = ("本报讯（记者 林川）连日来，江南市多个社区的居民在家门口用上了新建的智慧书屋。"
        "书屋配备自助借还设备和电子阅读屏，全天开放，市民刷身份证即可借阅图书，借阅记录还能同步到全市公共图书馆系统。"
        "在城东街道的一处书屋里，退休工人周大爷正在翻阅一本地方志。他说，以前去市图书馆要坐四十分钟公交车，"
        "现在下楼走几步就能借到想看的书，晚上吃完饭也可以过来坐一坐，感觉很方便。"
        "据了解，今年全市还将新建智慧书屋五十家，覆盖所有街道，并在书屋里开设读书会和亲子阅读课。"
        "市图书馆负责人表示，智慧书屋的图书将定期轮换，市民也可以通过手机预约想借的书，第二天就能送到家门口的书屋。")
MARKS = "，。、；：？！”）》"


def _page(rows: str, apart: bool) -> str:
    """TEXT set in three columns of 12 em (a mark hangs at a line's end) and
    printed as pdftotext would: each word of ``rows`` a text line holding
    those columns' next lines, a space apart; ``apart``: a blank line after
    each text line (a line a block)."""
    lines, cur = [], ""
    for ch in TEXT:
        if len(cur) >= 12 and ch not in MARKS:
            lines.append(cur)
            cur = ""
        cur += ch
    lines.append(cur)
    n = (len(lines) + 2) // 3
    cols = {"A": lines[:n], "B": lines[n:2 * n], "C": lines[2 * n:]}
    out = ["江南晚报", "", "第3版", "", "智慧书屋开进社区", ""]
    for row in rows.split():
        out.append(" ".join(cols[c].pop(0) for c in row if cols[c]))
        if apart:
            out.append("")
    return "\n".join(out + ["", "责任编辑：王芳"])


@pytest.fixture(scope="module")
def on(tmp_path_factory) -> tuple[str, ...]:
    """O610 as shipped, but for ``period_share`` set to 0.86 in an extra rule
    file (the test holds whatever value ships)."""
    shipped = (Path(rules_dir()) / "order" / "O610-offset-columns.toml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^period_share = [0-9.]+", "period_share = 0.86", shipped)
    assert n == 1
    path = tmp_path_factory.mktemp("rules") / "O610.toml"
    path.write_text(text, encoding="utf-8")
    return (str(path),)


def _read(text: str, rules: tuple[str, ...] = (), disable: tuple[str, ...] = ()):
    doc = reflow.clean(text, reflow.Options(rules=rules, disable=disable))
    return doc, {e.code for e in doc.trace}


def test_third_column_between_merged_rows_read_as_grid(on):
    # the third column on baselines a fraction below the first two: merged
    # with them on two rows only, alone between their merged rows
    page = _page("AB C AB C ABC AB C AB C ABC AB C AB", apart=False)
    doc, codes = _read(page, on)
    assert "O607" in codes
    assert reflow.write(doc, "text").strip().endswith(TEXT)
    doc, codes = _read(page, disable=("O610",))   # switched off: the period reads it
    assert "O607" not in codes
    assert not reflow.write(doc, "text").strip().endswith(TEXT)


def test_a_line_a_block_left_to_the_period(on):
    # merged lines cut row after row, but most lines printed alone: the
    # columns interleaved a line a block, not a grid's blocks
    page = _page("A B C AB C AB C AB C A B C A B C A B C A B", apart=True)
    doc, codes = _read(page, on)
    assert "O607" not in codes
    assert reflow.write(doc, "text") == reflow.write(_read(page, disable=("O610",))[0], "text")
