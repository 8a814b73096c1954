"""The one Document model: what readers build, stages refine and writers serialize.

Plain dataclasses, picklable, with no behaviour beyond small derived views.
It does not know any format: reading and writing live in ``read`` and
``writers``.

>>> doc = Document(source="page.txt", doc_id="0" * 16, lang="zh-Hans")
>>> doc.articles
[]
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Line labels: what a printed line is, decided before anything is joined.
BODY = "body"
FURNITURE = "furniture"          # running head/foot, folio, staff line
CONTINUATION = "continuation"    # （下转第5版）
HEADLINE = "headline"            # a line of a headline stack (kicker/main/sub decided later)
BYLINE = "byline"                # a byline printed on its own line
DATELINE = "dateline"            # a dateline printed on its own line
CAPTION = "caption"
CREDIT = "credit"
CLOSING = "closing"              # （作者单位：…） （完）
NOTE = "note"                    # 编者按：…
CROSSHEAD = "crosshead"          # a 小标题 between paragraphs of one article


@dataclass(slots=True)
class Line:
    """One printed line as the source gave it, with where it came from."""
    text: str
    page: int                     # 1-based page number
    lineno: int                   # 1-based line number in the source
    blank_before: int = 0         # blank source lines right before this one
    indent: float = 0.0           # leading white space, in em
    phrase_space_after: bool = False  # the line ends in an ideographic space (U+3000)
    label: str = BODY
    rule: str | None = None       # code of the rule that gave the label
    par_start: bool | None = None  # a reader's paragraph hint (hOCR ocr_par)
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    conf: float | None = None     # the OCR engine's confidence, 0..1 (hOCR, ALTO, PAGE)
    box_id: str | None = None     # id of the source element (hOCR/ALTO/PAGE)
    # the widest run of spaces between two phrases of a headline row, as the
    # source gave it, before S203 set one ideographic space there
    phrase_gap: int = 0
    # a -layout piece of a headline row that heads a module of its own beside
    # the headline left of it (O602 module_heads), never that headline's phrase
    module_head: bool = False


@dataclass(slots=True)
class Event:
    """One step of the trace: a text change or a structural decision.

    ``kind`` is ``edit`` (text changed in place), ``remove`` (text left the
    text flow and was recorded), ``label`` (a line got a role), ``break`` /
    ``join`` (a line break became a paragraph break or was joined), ``move``
    (a block was put somewhere else), ``convert`` (OpenCC substitution).
    """
    code: str
    kind: str
    page: int
    line: int
    col: int
    before: str
    after: str
    note: str = ""


@dataclass(slots=True)
class Removal:
    """Text that left the text flow on purpose, with the rule that took it."""
    text: str
    rule: str
    page: int
    line: int
    kind: str = ""                # e.g. running-head, folio, staff, control-char


@dataclass(slots=True)
class Seg:
    """An inline span of a paragraph: an opening dateline or byline."""
    start: int
    end: int
    type: str                     # dateline | byline
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    text: str
    page: int
    first_line: int
    last_line: int
    crosshead: bool = False
    segs: list[Seg] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)   # source line numbers, in order
    boxes: list[str] = field(default_factory=list)   # OCR box ids (hOCR/ALTO/PAGE lines)


@dataclass(slots=True)
class Byline:
    role: str
    names: list[str]
    text: str = ""                # as printed
    inline: bool = False          # inside the first paragraph
    trailing: bool = False        # printed after the body


@dataclass(slots=True)
class Credit:
    text: str
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    captions: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    page: int = 1
    first_line: int = 0


@dataclass(slots=True)
class Note:
    text: str
    type: str = "editor"
    page: int = 1
    first_line: int = 0


@dataclass(slots=True)
class PageBreak:
    page: int                     # the page that starts here


BodyItem = Paragraph | Figure | Note | PageBreak


@dataclass(slots=True)
class Article:
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    body: list[BodyItem] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    continued_from: str | None = None
    continued_to: str | None = None
    prev_part: int | None = None  # index of the article this one continues
    next_part: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.body if isinstance(b, Paragraph)]

    @property
    def figures(self) -> list[Figure]:
        return [b for b in self.body if isinstance(b, Figure)]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def pages(self) -> list[int]:
        pages = [b.page for b in self.body if not isinstance(b, PageBreak)]
        return sorted(set(pages))

    def line_span(self) -> tuple[int, int]:
        firsts = [b.first_line for b in self.body
                  if isinstance(b, (Paragraph, Figure, Note))]
        lasts = [b.last_line for b in self.paragraphs] or firsts
        return (min(firsts) if firsts else 0, max(lasts) if lasts else 0)


@dataclass(slots=True)
class Furniture:
    text: str
    rule: str
    page: int
    line: int
    kind: str = ""                # running-head, folio, section, staff, page-number


@dataclass(slots=True)
class Document:
    source: str
    doc_id: str
    lang: str = "zh-Hans"
    pages: int = 1
    articles: list[Article] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    trace: list[Event] = field(default_factory=list)
    zones: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)
    # OCR box id -> (page, bbox): where each box of a paragraph's provenance is

    def article_id(self, index: int) -> str:
        """Stable id of an article: the source's content hash and its index.

        >>> Document(source="", doc_id="abc").article_id(2)
        'abc-002'
        """
        return "%s-%03d" % (self.doc_id, index)
