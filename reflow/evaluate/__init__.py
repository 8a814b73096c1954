"""``reflow eval``: reflow's quality measured on pages with gold answers, inside the project.

The package holds, a module each:

* ``readers``: the reader of reflow's TEI output and the reader of
  ``gold.json`` into one neutral shape (``EvalPage`` of ``EvalArticle``:
  kicker, main and sub headlines, body paragraphs, captions, byline names,
  and all text);
* ``metrics``: the metrics (CER, paragraph F1, paragraph-boundary F1, article
  B-cubed F1, article exact match, headline stack, bylines, captions,
  furniture leak, Han recall) and ``score_page``;
* ``run``: the runner (reflow in-process, or a folder of TEI predictions)
  over the gold pages, ``evaluate`` and its ``Report``;
* ``report``: the averages per source, language and overall, and the report
  (table, worst pages, JSON);
* ``gate``: the quality floors (``tests/quality_floors.toml``);
* ``cli``: the click command ``eval_cmd`` (``python -m reflow.evaluate`` runs it).

Every name they make public is importable from here (``from reflow.evaluate
import evaluate, eval_cmd``).

The metric definitions are those of the evaluation kit the project is
measured with (a gold page folder holds ``gold.json`` and the raw files
``pdftotext.txt``, ``pdftotext-layout.txt``, ``pymupdf.txt``,
``pdfminer.txt``, ``tesseract.txt``, ``tesseract.hocr``); this is the
project's own implementation of them and it reads nothing outside the gold
folder it is given. It does not clean, fix or judge text by anything but the
gold: a prediction is scored as it is.
"""
from __future__ import annotations

from .cli import EvalFailure, eval_cmd
from .gate import FLOORS_HEADER, check_floors, floors, floors_toml
from .metrics import (LABELS, LOWER_IS_BETTER, MATCH_MIN, METRICS, HAN, article_exact,
                      bcubed, boundary_counts, boundary_f1, byline_prf, caption_prf, cer, f1,
                      gold_article_labels, han_recall, heading_scores, leaked_furniture,
                      map_paragraphs, matched_articles, paragraph_prf,
                      paragraphs_in_gold_order, prf, score_page)
from .readers import (NOT_BODY, NOT_HEADING, NOT_IN_PARAGRAPH, TEI_NS, WS, EvalArticle,
                      EvalPage, TEIError, load_gold, norm_para, nows, paragraph_text,
                      parse_tei, read_gold)
from .report import aggregate, format_table, mean, page_quality, report_json, worst_lines
from .run import (DEFAULT_SOURCES, SOURCES, EvalError, Report, Result, evaluate, find_pages,
                  prediction_path, read_prediction, run_reflow, score_task)

__all__ = [
    "EvalFailure", "eval_cmd",
    "FLOORS_HEADER", "check_floors", "floors", "floors_toml",
    "LABELS", "LOWER_IS_BETTER", "MATCH_MIN", "METRICS", "HAN", "article_exact", "bcubed",
    "boundary_counts", "boundary_f1", "byline_prf", "caption_prf", "cer", "f1",
    "gold_article_labels", "han_recall", "heading_scores", "leaked_furniture",
    "map_paragraphs", "matched_articles", "paragraph_prf", "paragraphs_in_gold_order", "prf",
    "score_page",
    "NOT_BODY", "NOT_HEADING", "NOT_IN_PARAGRAPH", "TEI_NS", "WS", "EvalArticle", "EvalPage",
    "TEIError", "load_gold", "norm_para", "nows", "paragraph_text", "parse_tei", "read_gold",
    "aggregate", "format_table", "mean", "page_quality", "report_json", "worst_lines",
    "DEFAULT_SOURCES", "SOURCES", "EvalError", "Report", "Result", "evaluate", "find_pages",
    "prediction_path", "read_prediction", "run_reflow", "score_task",
]
