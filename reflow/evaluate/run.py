"""Running ``reflow eval``: gold pages found, reflow run on them (or predictions read), each scored.

Holds the source names and their raw files, ``find_pages``, ``run_reflow``
(reflow in-process; a crash is that page's error), ``read_prediction``
(stored TEI), ``score_task`` (one page and source; a top-level function, so
worker processes can run it) and ``evaluate``, which gives a ``Report``. It
does not average or print: ``report`` does.
"""
from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import reflow  # clean_file and write are looked up at call time

from ..engine import Options
from .metrics import score_page
from .readers import EvalPage, TEIError, load_gold, parse_tei, read_gold
from .report import aggregate

SOURCES = {
    "pdftotext": "pdftotext.txt",
    "pdftotext-layout": "pdftotext-layout.txt",
    "pymupdf": "pymupdf.txt",
    "pdfminer": "pdfminer.txt",
    "tesseract": "tesseract.txt",
    "tesseract-hocr": "tesseract.hocr",
    "raw": "raw.txt",  # single-source sample folders; not scored unless asked for
}
DEFAULT_SOURCES = ("pdftotext", "pdftotext-layout", "pymupdf", "pdfminer", "tesseract",
                   "tesseract-hocr")


class EvalError(ValueError):
    """A gold folder, source or prediction folder that cannot be evaluated."""


def find_pages(gold_dir: str | Path) -> list[Path]:
    """Page folders (holding gold.json) of a gold folder, its pages/ subfolder, or a page folder itself."""
    top = Path(gold_dir)
    if not top.is_dir():
        raise EvalError("%s: no such folder" % top)
    if (top / "gold.json").is_file():
        return [top]
    if (top / "pages").is_dir():
        top = top / "pages"
    pages = sorted(d for d in top.iterdir() if (d / "gold.json").is_file())
    if not pages:
        raise EvalError("%s: no gold pages (folders holding gold.json)" % gold_dir)
    return pages


def prediction_path(pred_dir: str | Path, page: str, source: str) -> Path | None:
    """The TEI prediction for a page and source: <pred>/<page>/<source>.xml, else <pred>/<page>-<source>.xml."""
    for path in (Path(pred_dir) / page / ("%s.xml" % source),
                 Path(pred_dir) / ("%s-%s.xml" % (page, source))):
        if path.is_file():
            return path
    return None


def _first_line(e: BaseException) -> str:
    """The first line of an exception's message ('' if it has none)."""
    return (str(e).splitlines() or [""])[0]


def run_reflow(path: Path, opts: Options) -> tuple[EvalPage | None, str | None]:
    """Clean one raw file in-process and read its TEI: (page, None), or (None, what failed)."""
    try:
        tei = reflow.write(reflow.clean_file(path, opts), "tei")
    except Exception as e:  # any failure of the cleaner is an error of that page, not of eval
        return None, "crash: %s: %s" % (type(e).__name__, _first_line(e))
    try:
        return parse_tei(tei), None
    except TEIError as e:
        return None, "invalid: %s" % str(e)[:200]


def read_prediction(pred_dir: str | Path, page: str, source: str) -> tuple[EvalPage | None, str | None]:
    """Read a stored TEI prediction: (page, None), or (None, what is wrong with it)."""
    path = prediction_path(pred_dir, page, source)
    if path is None:
        return None, "missing: no %s/%s.xml or %s-%s.xml" % (page, source, page, source)
    try:
        return parse_tei(path.read_bytes()), None
    except TEIError as e:
        return None, "invalid: %s" % str(e)[:200]
    except OSError as e:
        return None, "unreadable: %s" % e


@dataclass
class Result:
    """The score of one page and source."""
    metrics: dict[str, float | None]
    notes: dict[str, Any]
    error: str | None = None


def score_task(task: tuple[str, str, Options, str | None]) -> Result:
    """Score one (page folder, source, options, prediction folder); a top-level function for worker processes."""
    page_dir, source, opts, pred_dir = task
    gold = load_gold(page_dir)
    if pred_dir is not None:
        out, error = read_prediction(pred_dir, Path(page_dir).name, source)
    else:
        out, error = run_reflow(Path(page_dir) / SOURCES[source], opts)
    metrics, notes = score_page(gold, out or EvalPage())
    if error:
        notes["error"] = error
    return Result(metrics, notes, error)


@dataclass
class Report:
    """Results of an evaluation: per (page, source), with the sources and page languages."""
    results: dict[tuple[str, str], Result]
    sources: list[str]
    langs: dict[str, str]
    seconds: float = 0.0

    def aggregate(self) -> dict[str, Any]:
        """Macro averages per source, overall and by language (see ``aggregate``)."""
        return aggregate(self.results, self.sources, self.langs)


def _gold_lang(page_dir: Path) -> str:
    """The language of a gold page, checking on the way that its gold.json can be read."""
    path = page_dir / "gold.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        read_gold(gold)
    except (OSError, ValueError, AttributeError, TypeError) as e:
        raise EvalError("%s: not a usable gold answer: %s" % (path, _first_line(e))) from None
    return gold.get("lang") or "?"


def evaluate(gold_dir: str | Path, sources: Iterable[str] | None = None,
             pages: Iterable[str] | None = None, opts: Options | None = None,
             pred: str | Path | None = None,
             jobs: int = 1) -> Report:
    """Score reflow (or the TEI files in pred) on every gold page and source of gold_dir.

    A (page, source) pair is scored when its raw file exists (or, with pred,
    its prediction does). Raises EvalError for a missing folder, a folder
    without gold pages, an unreadable gold.json, an unknown source or page.
    """
    sources = list(sources or DEFAULT_SOURCES)
    for s in sources:
        if s not in SOURCES:
            raise EvalError("unknown source %r (known: %s)" % (s, ", ".join(SOURCES)))
    if pred is not None and not Path(pred).is_dir():
        raise EvalError("%s: no such prediction folder" % pred)
    page_dirs = find_pages(gold_dir)
    if pages:
        want = list(dict.fromkeys(pages))
        have = {d.name for d in page_dirs}
        missing = [p for p in want if p not in have]
        if missing:
            raise EvalError("no page %s in %s" % (", ".join(missing), gold_dir))
        page_dirs = [d for d in page_dirs if d.name in want]
    langs = {d.name: _gold_lang(d) for d in page_dirs}
    opts = opts if opts is not None else Options()
    tasks = [(str(d), s, opts, None if pred is None else str(pred))
             for d in page_dirs for s in sources
             if (d / SOURCES[s]).is_file()
             or (pred is not None and prediction_path(pred, d.name, s) is not None)]
    if not tasks:
        raise EvalError("no page in %s has a file for the sources %s" % (gold_dir, ", ".join(sources)))
    start = time.perf_counter()
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as ex:
            scored = list(ex.map(score_task, tasks, chunksize=max(1, len(tasks) // (4 * jobs))))
    else:
        scored = [score_task(t) for t in tasks]
    results = {(Path(t[0]).name, t[1]): r for t, r in zip(tasks, scored)}
    used = [s for s in sources if any(t[1] == s for t in tasks)]
    langs = {page: lang for page, lang in langs.items() if any(p == page for p, _ in results)}
    return Report(results, used, langs, time.perf_counter() - start)

