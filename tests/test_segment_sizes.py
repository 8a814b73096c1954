"""Type size as the segment stage reads it from OCR boxes (G503, G504).

The page's body size is the median of its long paragraphs' lines; a block is
in display type only when every measure the source gives (the stated size and
the box's height) says so; two lines are of one size when one measure finds
them so, and one is clearly larger only when every measure finds it larger.
"""
from __future__ import annotations

from reflow import segment
from reflow.assemble import Block
from reflow.model import BODY, Line


def _line(n: int, size: float, height: float | None = None, lineno: int | None = None) -> Line:
    height = size if height is None else height
    return Line("x", 1, lineno or n, bbox=(0.0, 10.0 * n, 100.0, 10.0 * n + height), font_size=size)


def _block(*lines: Line) -> Block:
    return Block(BODY, list(lines), [l.text for l in lines], [""] * (len(lines) - 1))


def _page(head: Block) -> list[Block]:
    body = [_block(*(_line(10 * k + i, 30) for i in range(4))) for k in (1, 2)]
    return [head, *body]


def _sizes(blocks: list[Block]) -> dict:
    return segment._body_sizes(blocks, 3)


def test_body_size_is_the_median_of_long_paragraphs():
    blocks = _page(_block(_line(1, 90)))
    sizes = _sizes(blocks)
    assert sizes[1, segment._stated] == 30
    assert sizes[1, segment._height] == 30


def test_display_needs_every_measure():
    big = _page(_block(_line(1, 90)))
    assert segment._display(big, 0, _sizes(big), 1.3, 3)
    # OCR's size estimate strays on one line of body type: its box says body
    stray = _page(_block(_line(1, 90, height=30)))
    assert not segment._display(stray, 0, _sizes(stray), 1.3, 3)


def test_display_is_relative_to_the_paragraphs_around_it():
    # a run of body lines OCR measured as large as the line: no display type
    blocks = [_block(*(_line(i, 30) for i in range(4))),
              _block(*(_line(10 + i, 30) for i in range(4))),
              _block(*(_line(20 + i, 90) for i in range(4))),
              _block(_line(30, 90)),
              _block(*(_line(40 + i, 90) for i in range(4)))]
    assert not segment._display(blocks, 3, _sizes(blocks), 1.3, 3)


def test_same_size_and_larger():
    assert segment._same_size((116, 76), (116, 61), 1.05)        # one measure agrees
    assert not segment._same_size((100, 80), (80, 60), 1.05)
    assert segment._larger((154, 121), (68, 112), 1.15)          # both larger, one by the ratio
    assert not segment._larger((78, 80), (101, 79), 1.15)        # the measures disagree
    assert not segment._larger((100, 100), (90, 90), 1.15)       # larger, but by neither ratio


def test_stack_by_size():
    texts = ["引题", "主题前半", "主题后半", "副题"]
    sizes = [(45, 45), (80, 80), (80, 79), (50, 50)]
    assert segment._stack_by_size(texts, sizes, 1.15, 1.05) == ("引题", "主题前半\u3000主题后半", "副题")
    # a line neither of the main's size nor clearly smaller: the text decides
    assert segment._stack_by_size(texts, [(45, 45), (80, 80), (72, 72), (50, 50)], 1.15, 1.05) is None


class _Tracer:
    def __init__(self) -> None:
        self.events: list = []

    def decide(self, *args) -> None:
        self.events.append(args)


class _State:
    def __init__(self) -> None:
        self.tracer = _Tracer()


def test_display_line_cut_off_a_cut_row_of_body_type():
    # a headline line joined to a piece of a row the order stage cut at a
    # gutter: the piece carries the row's sizes, body type here, so it is body
    # type and the headline line is cut off
    head = _block(_line(1, 90), _line(2, 30, lineno=2))
    blocks = _page(head)
    sizes = _sizes(blocks)
    sizes["cut"] = frozenset({(1, 2)})
    out = segment._display_apart(blocks, sizes, 1.3, 2, _State())
    assert [len(b.lines) for b in out[:2]] == [1, 1]
    # the row measured large (it holds display type beside the piece): the
    # piece is no display line, and nothing is cut off it
    first = _block(_line(1, 90, lineno=1), _line(2, 30))
    blocks = _page(first)
    sizes = _sizes(blocks)
    sizes["cut"] = frozenset({(1, 1)})
    out = segment._display_apart(blocks, sizes, 1.3, 2, _State())
    assert len(out) == len(blocks)


def _item(size: float) -> segment.Item:
    return segment.Item(BODY, _block(_line(1, size)), "x", measures=(size, size))


def test_a_kicker_is_smaller_than_its_main_line():
    assert segment._kicker_sized(_item(45), [_item(80)], 1.15)
    assert not segment._kicker_sized(_item(140), [_item(100)], 1.15)
    assert not segment._kicker_sized(_item(80), [_item(82)], 1.15)   # one size: no kicker
    # no sizes to compare (text sources): it may be
    assert segment._kicker_sized(segment.Item(BODY, _block(_line(1, 45)), "x"), [_item(80)], 1.15)


def _hocr(rows: list[tuple[str, int, int]]) -> bytes:
    """A one-column hOCR page: each row (text, top, type size) one line whose
    words are its glyphs (Latin runs one word each), left-aligned at x 100."""
    lines = []
    for text, top, size in rows:
        words, x = [], 100
        for word in text.split(" "):
            cells = [word] if word.isascii() else list(word)
            for ch in cells:
                w = size * len(ch) // (2 if ch.isascii() else 1)
                words.append("<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 90'>%s</span>"
                             % (x, top, x + w - 2, top + size, ch))
                x += w
            x += size // 3
        lines.append("<span class='ocr_line' title='bbox 100 %d %d %d; x_size %d'>%s</span>"
                     % (top, x, top + size, size, "".join(words)))
    return ("<html><body><div class='ocr_page' title='bbox 0 0 2000 2000'>%s</div></body></html>"
            % "\n".join(lines)).encode("utf-8")


def test_letters_in_display_type_over_a_smaller_headline_line_are_its_main_headline_misread():
    """OCR read the main headline, in the page's largest type, as letters
    (ARON PA) and the smaller sub under it cleanly: the sub is the sub, not
    the main headline, and the letters are no text of the report (G503, G504)."""
    import reflow
    sub = "东江渡口将于年底停航"
    body = ("本报讯（记者 张伟）汽笛一声长鸣，东江渡3号缓缓驶离码头。再过十二天，"
            "这条运营了一百多年的航线就要停航了。随着东江大桥上月通车，"
            "渡口将于十二月三十一日正式退出历史舞台。老船工说，他撑了三十八年船。"
            "市交通局表示，渡口的候船厅将改造成东江渡口记忆馆，向市民免费开放。")
    rows = [("ARON PA", 20, 100), (sub, 140, 48)]
    rows += [(body[k:k + 24], 220 + 45 * (k // 24), 30) for k in range(0, len(body), 24)]
    doc = reflow.clean(_hocr(rows))
    art = doc.articles[0]
    assert (art.headline, art.subheadline) == (None, sub), (art.kicker, art.headline, art.subheadline)
    assert "ARON" not in reflow.write(doc, "text")
    assert any(r.text == "ARON PA" for r in doc.removed)
