"""Hypothesis strategies for Chinese newspaper text: sentences, articles, pages, degraded pages.

Text comes from a small compositional grammar of news sentences over the
built-in vocabulary (``vocab``): subjects, verbs and objects, numbers with
units, dates like 7月28日, quotes “…”, book titles 《…》, Latin names with and
without lexical hyphens (GLM-4.5, COVID-19), English phrases with a Chinese
gloss, foreign names with ·. Articles add headline groups, datelines, bylines
(in brackets or on a line of their own), a photo caption and credit, an
affiliation; pages add running heads, staff lines, page numbers and
continuation markers. Traditional articles are the same grammar converted
with OpenCC, with 「」 quotes and 【本報訊】 datelines. Everything shrinks
towards the first template and the first word of each list, so a failing
example comes out short and plain.

It does not damage pages (``degrade`` does) or check a cleaner (``properties``).

>>> from reflow.testing.strategies import sentences, articles, pages, degraded_pages, example
>>> s = example(sentences())
>>> s[-1] in "。？”" and len(s) > 10
True
>>> art = example(articles(lang="zh-Hant"), seed=3)
>>> art.lang, art.headline is not None
('zh-Hant', True)
>>> d = example(degraded_pages(steps=("blank_lines",)), seed=1)
>>> d.names[0], d.names[-1]
('wrap', 'blank_lines')
"""
from __future__ import annotations

import datetime
import functools

from hypothesis import strategies as st

from . import degrade, vocab as V
from .spec import ArticleSpec, PageSpec

LANGS = ("zh-Hans", "zh-Hant")


# Strategies are built once and reused: hypothesis draws much faster from a
# strategy object it has seen than from a new one each time.
@functools.lru_cache(maxsize=None)
def _sampled(seq: tuple):
    return st.sampled_from(seq)


@functools.lru_cache(maxsize=None)
def _ints(lo: int, hi: int):
    return st.integers(lo, hi)


@functools.lru_cache(maxsize=None)
def _cached(factory, *args):
    return factory(*args)


def _pick(draw, seq):
    return draw(_sampled(tuple(seq)))


def _int(draw, lo: int, hi: int) -> int:
    return draw(_ints(lo, hi))


def _num(draw, lo: int = 2, hi: int = 3000) -> str:
    return str(_int(draw, lo, hi))


def _decimal(draw) -> str:
    return "%d.%d" % (_int(draw, 0, 99), _int(draw, 1, 9))


def _date(draw) -> tuple[int, int]:
    return _int(draw, 1, 12), _int(draw, 1, 28)


# ---------------------------------------------------------------- sentences
def _clause(draw) -> str:
    return _pick(draw, V.SUBJECTS) + _pick(draw, V.MODALS) + _pick(draw, V.ACTIONS)


def _t_done(draw) -> str:
    m, d = _date(draw)
    return "%d月%d日%s，%s%s%s。" % (m, d, _pick(draw, V.TIMES_OF_DAY), _pick(draw, V.PLACES),
                                 _pick(draw, V.TOPICS), _pick(draw, V.DONE))


def _t_clauses(draw) -> str:
    return "%s，%s。" % (_clause(draw), _pick(draw, V.REASONS))


def _t_figures(draw) -> str:
    k = _int(draw, 0, len(V.METRICS) - 1)
    return "%s，%s%s达到%s%s，%s%s%%。" % (
        _pick(draw, V.PERIODS), _pick(draw, V.PLACES), V.METRICS[k], _num(draw),
        V.METRIC_UNITS[k], _pick(draw, V.PERCENT_WORDS), _decimal(draw))


def _t_org(draw) -> str:
    return "据%s介绍，%s已建成%s%s%s，%s。" % (
        _pick(draw, V.ORGS), _pick(draw, V.PERIODS), _pick(draw, V.TOPICS), _num(draw, 2, 200),
        _pick(draw, V.UNITS), _clause(draw))


def _t_said(draw) -> str:
    return "%s%s%s表示，“%s，%s。”" % (_pick(draw, V.ORGS), _pick(draw, V.TITLES),
                                   _pick(draw, V.NAMES), _clause(draw), _pick(draw, V.REASONS))


def _t_quote_first(draw) -> str:
    return "“%s。”%s%s说。" % (_clause(draw), _pick(draw, V.SUBJECTS), _pick(draw, V.NAMES))


def _t_book(draw) -> str:
    return "根据《%s》，%s将在%d年底前建成%s%s%s。" % (
        _pick(draw, V.BOOKS), _pick(draw, V.PLACES), _int(draw, 2025, 2030),
        _pick(draw, V.TOPICS), _num(draw, 2, 500), _pick(draw, V.UNITS))


def _t_english(draw) -> str:
    k = _int(draw, 0, len(V.ENGLISH) - 1)
    return "项目采用了%s（%s）的思路，%s。" % (V.ENGLISH[k], V.GLOSSES[k], _clause(draw))


def _t_latin(draw) -> str:
    return "%s%s通过%s%s，“%s”正在成为现实。" % (
        _pick(draw, V.SUBJECTS), _pick(draw, V.MODALS), _pick(draw, V.LATIN_NAMES),
        _pick(draw, V.ACTIONS), _pick(draw, V.QUOTED))


def _t_lexical(draw) -> str:
    return "在%s上，%s发布了基于%s的新成果，%s。" % (
        _pick(draw, V.EVENTS), _pick(draw, V.ORGS), _pick(draw, V.LEXICAL), _pick(draw, V.REASONS))


def _t_foreign(draw) -> str:
    return "来自%s的游客%s说，%s，“%s”让她印象深刻。" % (
        _pick(draw, V.COUNTRIES), _pick(draw, V.FOREIGN_NAMES), _clause(draw), _pick(draw, V.QUOTED))


def _t_question(draw) -> str:
    return "%s为何%s？%s。" % (_pick(draw, V.SUBJECTS), _pick(draw, V.ACTIONS), _pick(draw, V.REASONS))


def _t_semicolon(draw) -> str:
    return "%s；%s，%s。" % (_clause(draw), _clause(draw), _pick(draw, V.REASONS))


def _t_dash(draw) -> str:
    return "%s还有一大亮点——%s%s。" % (_pick(draw, V.TOPICS), _pick(draw, V.SUBJECTS),
                                  _pick(draw, V.ACTIONS))


#: the sentence templates by name; ``kinds`` arguments choose among them
TEMPLATES = {
    "clauses": _t_clauses, "done": _t_done, "figures": _t_figures, "org": _t_org,
    "said": _t_said, "quote_first": _t_quote_first, "book": _t_book, "english": _t_english,
    "latin": _t_latin, "lexical": _t_lexical, "foreign": _t_foreign, "question": _t_question,
    "semicolon": _t_semicolon, "dash": _t_dash,
}
#: templates with Latin script: English phrases (hyphenated at line ends), names, lexical hyphens
LATIN_KINDS = ("english", "lexical", "latin")


@st.composite
def sentences(draw, lang: str = "zh-Hans", kinds: tuple[str, ...] | None = None) -> str:
    """One news sentence (or two short ones), ending with its punctuation; ``kinds``
    names the templates to use (default all, see ``TEMPLATES``).

    >>> s = example(sentences(kinds=("lexical",)), seed=0)
    >>> s.startswith("在") and "的新成果，" in s
    True
    """
    names = kinds or tuple(TEMPLATES)
    text = TEMPLATES[_pick(draw, names)](draw)
    return to_traditional(text) if lang == "zh-Hant" else text


@st.composite
def paragraphs(draw, lang: str = "zh-Hans", min_sentences: int = 1, max_sentences: int = 4,
               kinds: tuple[str, ...] | None = None) -> str:
    """A body paragraph: ``min_sentences`` to ``max_sentences`` sentences; with ``kinds``
    the first sentence is of one of those kinds, the others of any."""
    n = _int(draw, min_sentences, max_sentences)
    return "".join(draw(_sentences(lang, kinds if k == 0 else None)) for k in range(n))


_sentences = functools.lru_cache(maxsize=None)(sentences)


# ---------------------------------------------------------------- Traditional
@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc
    return opencc.OpenCC("s2tw")


_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def to_traditional(text: str) -> str:
    """Simplified grammar text as a Taiwanese or Hong Kong paper prints it.

    >>> to_traditional("他说：“这是《国际合作倡议》。”")
    '他說：「這是《國際合作倡議》。」'
    """
    return _s2t().convert(text).translate(_QUOTES)


# ---------------------------------------------------------------- articles
#: how an article may open: a dateline with a bracketed byline of one name
#: (本报讯（记者 张伟）), of several names, of several roles (（记者赵磊 通讯员孙悦）),
#: an agency dateline (新华社北京7月28日电（记者 张伟）), a Traditional bracket
#: (【本報訊】, 【記者林怡君／南嶼報導】), a byline printed on its own line
#: (本报记者　王芳, ▶ 杨冰夷: commentary), or nothing.
OPENINGS = ("dateline", "names", "roles", "agency", "bracket", "byline_line", "none")


@st.composite
def _opening(draw, lang: str, kinds: tuple[str, ...]) -> tuple[str, str | None, tuple]:
    """(printed opening, dateline, bylines) of a report's first paragraph."""
    names = list(dict.fromkeys(_pick(draw, V.NAMES) for _ in range(2)))
    if lang == "zh-Hant":
        names = [to_traditional(n) for n in names]
    kind = _pick(draw, kinds)
    role = "記者" if lang == "zh-Hant" else "记者"
    agency = "本報訊" if lang == "zh-Hant" else "本报讯"
    if kind == "dateline":
        return "%s（%s %s）" % (agency, role, names[0]), agency, ((role, (names[0],)),)
    if kind == "names":
        return ("%s（%s %s）" % (agency, role, " ".join(names)), agency,
                ((role, tuple(names)),))
    if kind == "roles" and len(names) == 2:
        other = "通訊員" if lang == "zh-Hant" else "通讯员"
        return ("%s（%s%s %s%s）" % (agency, role, names[0], other, names[1]), agency,
                ((role, (names[0],)), (other, (names[1],))))
    if kind == "agency":
        m, d = _date(draw)
        city = _pick(draw, V.DATELINE_CITIES)
        head = ("新华社%s%d月%d日电" if _int(draw, 0, 1) == 1 else "本报%s%d月%d日电") % (city, m, d)
        if lang == "zh-Hant":
            head = to_traditional(head)
        return "%s（%s %s）" % (head, role, names[0]), head, ((role, (names[0],)),)
    if kind == "bracket" and lang == "zh-Hant":
        if _int(draw, 0, 1) == 1:
            return "【本報訊】", "本報訊", ()
        place = to_traditional(_pick(draw, V.PLACES).rstrip("市县区镇"))
        return ("【記者%s／%s報導】" % (names[0], place), place + "報導", (("記者", (names[0],)),))
    if kind == "none":
        return "", None, ()
    return "%s（%s %s）" % (agency, role, names[0]), agency, ((role, (names[0],)),)


@functools.lru_cache(maxsize=None)
def _paragraphs(lang: str, kinds):
    return paragraphs(lang, kinds=kinds)


@st.composite
def headline_groups(draw, lang: str = "zh-Hans", stacks: bool = True
                    ) -> tuple[str | None, str, str | None]:
    """(kicker, headline, subheadline): a main headline, with ``stacks`` sometimes a
    kicker above it and a subheadline (—— or phrase-spaced) below it.

    >>> example(headline_groups(), seed=0)[1] is not None
    True
    """
    place = _pick(draw, V.PLACES)
    topic = _pick(draw, V.TOPICS)
    head = (place.rstrip("市县区镇") if len(place) > 2 else place) + topic + _pick(draw, V.HEAD_VERBS)
    kicker = sub = None
    if stacks and _int(draw, 0, 1) == 1:
        kicker = _pick(draw, V.KICKERS)
    if stacks and _int(draw, 0, 1) == 1:
        if _int(draw, 0, 1) == 1:
            sub = _pick(draw, V.SUB_TEMPLATES).format(place=_pick(draw, V.PLACES), topic=topic)
        else:
            k = _int(draw, 0, len(V.METRICS) - 1)
            sub = "%s%s%s　%s%s%%" % (V.METRICS[k], _num(draw, 2, 900), V.METRIC_UNITS[k],
                                     _pick(draw, V.PERCENT_WORDS), _decimal(draw))
    conv = to_traditional if lang == "zh-Hant" else (lambda t: t)
    return (conv(kicker) if kicker else None, conv(head), conv(sub) if sub else None)


@st.composite
def articles(draw, lang: str | None = "zh-Hans", min_paragraphs: int = 1, max_paragraphs: int = 4,
             headline: bool | None = True, stacks: bool = True,
             openings: tuple[str, ...] = OPENINGS, figures: bool = True,
             closings: bool = True, kinds: tuple[str, ...] | None = None) -> ArticleSpec:
    """A clean news article as printed.

    ``lang`` zh-Hans, zh-Hant or None (either). ``headline`` True (always),
    False (never) or None (either); ``stacks`` allows a kicker and a
    subheadline around it. ``openings`` are the ways the body may open (see
    ``OPENINGS``); an article without a headline always opens with a dateline
    or a byline line, so its start stays visible. A photo caption and credit
    (``figures``) may sit above or below the body; commentary may close with
    its author's affiliation (``closings``). ``kinds`` chooses the templates of
    each paragraph's first sentence (``LATIN_KINDS`` for Latin in every paragraph).

    >>> art = example(articles(), seed=2)
    >>> all(p.endswith(("。", "”", "」", "？")) for p in art.paragraphs)
    True
    """
    lang = lang or _pick(draw, LANGS)
    conv = to_traditional if lang == "zh-Hant" else (lambda t: t)
    kicker, head, sub = draw(_cached(headline_groups, lang, stacks))
    has_head = _int(draw, 0, 1) == 1 if headline is None else headline
    if not has_head:
        kicker = head = sub = None
        openings = tuple(o for o in openings if o != "none") or ("dateline",)
    opening, dateline, bylines, byline_line = "", None, (), None
    commentary = "byline_line" in openings and \
        _int(draw, 0, len(openings) - 1) == len(openings) - 1
    if commentary:
        name = _pick(draw, V.NAMES)
        style = _int(draw, 0, 2)
        names = (name,) if style else (name, _pick(draw, V.NAMES))
        names = tuple(dict.fromkeys(conv(n) for n in names))
        byline_line = ("▶ " + names[0]) if style == 2 else \
            conv("本报记者") + "\u3000" + "\u3000".join(names)
        bylines = (("作者" if style == 2 else conv("记者"), names),)
    else:
        starts = tuple(o for o in openings if o != "byline_line") or ("dateline",)
        opening, dateline, bylines = draw(_cached(_opening, lang, starts))
    n = _int(draw, min_paragraphs, max_paragraphs)
    paras = [draw(_paragraphs(lang, kinds)) for _ in range(n)]
    paras[0] = opening + paras[0]
    captions, credits, first = (), (), False
    if figures and _int(draw, 0, 3) == 3:
        captions, credits, first = draw(_cached(_figure, lang))
    closing = ()
    if closings and commentary and _int(draw, 0, 1) == 1:
        closing = (conv("（作者单位：%s）" % _pick(draw, V.AFFILIATIONS)),)
    return ArticleSpec(tuple(paras), headline=head, kicker=kicker, subheadline=sub,
                       dateline=dateline, bylines=bylines, byline_line=byline_line,
                       captions=captions, credits=credits, figure_first=first,
                       closing=closing, lang=lang)


@st.composite
def _figure(draw, lang: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    conv = to_traditional if lang == "zh-Hant" else (lambda t: t)
    m, d = _date(draw)
    caption = "%d月%d日，%s在%s%s。" % (m, d, _pick(draw, V.SUBJECTS), _pick(draw, V.PLACES),
                                    _pick(draw, V.ACTIONS))
    if _int(draw, 0, 1) == 1:
        caption = "上图：" + caption
    name = _pick(draw, V.NAMES)
    credit = _pick(draw, ("本报记者 %s 摄", "新华社发（%s/摄）")) % name
    return (conv(caption),), (conv(credit),), _int(draw, 0, 1) == 1


# ---------------------------------------------------------------- pages
@st.composite
def running_heads(draw, lang: str = "zh-Hans") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(running head lines, running foot lines): paper name, date with weekday, page and
    section above; staff lines and sometimes a page number below.

    >>> head, foot = example(running_heads(), seed=0)
    >>> head[0] in ("星海日报", "星海日报 2025年1月1日 星期三 第1版 要闻") or len(head) > 0
    True
    """
    conv = to_traditional if lang == "zh-Hant" else (lambda t: t)
    m, d = _date(draw)
    weekday = V.WEEKDAYS[datetime.date(2025, m, d).weekday()]
    paper, section = _pick(draw, V.PAPERS), _pick(draw, V.SECTIONS)
    page_no = _int(draw, 1, 16)
    date = "2025年%d月%d日 星期%s" % (m, d, weekday)
    folio = "第%d版" % page_no
    style = _int(draw, 0, 2)
    if style == 0:
        head = (paper, date, folio + "\u3000" + section)
    elif style == 1:
        head = ("%s %s %s %s" % (paper, date, folio, section),)
    else:
        head = (paper, folio + "\u3000" + section, date)
    staff = "%s：%s" % (_pick(draw, V.STAFF[:1]), _pick(draw, V.NAMES))
    foot = (staff,)
    if _int(draw, 0, 1) == 1:
        foot = (staff + "\u3000%s：%s" % (_pick(draw, V.STAFF[1:]), _pick(draw, V.NAMES)),)
    if _int(draw, 0, 1) == 1:
        foot += (str(page_no),)
    return tuple(conv(h) for h in head), tuple(conv(f) for f in foot)


@st.composite
def pages(draw, min_articles: int = 1, max_articles: int = 4, lang: str | None = None,
          furniture: bool = True, continuation: bool = True, **article_options) -> PageSpec:
    """A page: one to four articles in reading order, with running head and foot and
    sometimes a continuation marker （下转第5版） after the last article.

    Every article but the first has a headline (the first may open with a
    dateline or a byline line instead), so where an article starts is printed.
    ``article_options`` go to ``articles`` (``max_paragraphs=2``, ``figures=False`` …).

    >>> page = example(pages(max_articles=2), seed=5)
    >>> 1 <= len(page.articles) <= 2 and page.lang in ("zh-Hans", "zh-Hant")
    True
    """
    lang = lang or _pick(draw, LANGS)
    n = _int(draw, min_articles, max_articles)
    arts = []
    for k in range(n):
        options = dict(article_options)
        options.setdefault("headline", None if k == 0 else True)
        arts.append(draw(articles(lang=lang, **options)))
    head, foot = draw(_cached(running_heads, lang)) if furniture else ((), ())
    if continuation and _int(draw, 0, 3) == 3:
        marker = "（下转第%d版）" % _int(draw, 2, 20)
        from dataclasses import replace
        arts[-1] = replace(arts[-1], continued_to=marker if lang == "zh-Hans" else to_traditional(marker))
    return PageSpec(tuple(arts), running_head=head, running_foot=foot, lang=lang)


# ---------------------------------------------------------------- degraded pages
STEPS = ("letter_space", "ocr_spaces", "blank_lines", "headline_after_body",
         "running_heads_inside", "merged_columns", "side_by_side", "interleaved_columns")


def _apply(draw, d: degrade.Degraded, step: str) -> degrade.Degraded:
    seed = _int(draw, 0, 2 ** 16)
    if step == "letter_space":
        return degrade.letter_space(d, share=_pick(draw, (0.5, 1.0, 0.2)), seed=seed)
    if step == "ocr_spaces":
        return degrade.ocr_spaces(d, rate=_pick(draw, (0.3, 1.0, 0.1)), seed=seed)
    if step == "blank_lines":
        return degrade.blank_lines(d)
    if step == "headline_after_body":
        return degrade.headline_after_body(d, _int(draw, 0, len(d.page.articles) - 1))
    if step == "running_heads_inside":
        return degrade.running_heads_inside(d, at=_pick(draw, (0.5, 0.0, 0.25, 0.75, 1.0)))
    modes = {"merged_columns": "merged", "side_by_side": "side_by_side",
             "interleaved_columns": "interleaved"}
    if step in modes:
        return degrade.columns(d, _int(draw, 2, 3), modes[step])
    raise ValueError("unknown degradation %r; known: %s" % (step, ", ".join(STEPS)))


@st.composite
def degraded_pages(draw, page=None, steps: tuple[str, ...] = (), widths: tuple[int, int] = (8, 20),
                   indents: tuple[str, ...] = ("short", "spaces"),
                   kinsoku: tuple[str, ...] = ("hang", "push"),
                   hyphens: tuple = (None, "-", "\u2010", "\u00ad")) -> degrade.Degraded:
    """A page wrapped into a column (``degrade.wrap``), then damaged by each of ``steps``
    in order (names from ``STEPS``), every choice drawn by hypothesis.

    ``page`` is a strategy for the ``PageSpec`` (default ``pages()``); ``widths``
    the range of column widths in em; ``indents``, ``kinsoku`` and ``hyphens``
    the typesetting styles to draw from.

    >>> d = example(degraded_pages(steps=("letter_space",), widths=(10, 10)), seed=0)
    >>> d.width, d.names[0]
    (10, 'wrap')
    """
    spec = draw(page if page is not None else pages())
    width = _int(draw, *widths)
    d = degrade.wrap(spec, width, indent=_pick(draw, indents), kinsoku=_pick(draw, kinsoku),
                     hyphen=_pick(draw, hyphens))
    for step in steps:
        d = _apply(draw, d, step)
    return d


# ---------------------------------------------------------------- helpers
def example(strategy, seed: int = 0):
    """One value of ``strategy``, the same for the same seed (for docs and notebooks;
    tests should use ``@given``).

    >>> example(st.integers(0, 10), seed=1) == example(st.integers(0, 10), seed=1)
    True
    """
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    found = []

    @hseed(seed)
    @settings(max_examples=5, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def grab(value):
        found.append(value)
    grab()
    return found[-1]


__all__ = ["sentences", "paragraphs", "headline_groups", "articles", "running_heads", "pages",
           "degraded_pages", "to_traditional", "example", "STEPS", "TEMPLATES", "LATIN_KINDS", "LANGS", "OPENINGS"]
