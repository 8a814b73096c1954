"""``reflow eval``: the click command, from options to the table, the JSON or the floors.

Holds ``eval_cmd`` and the error it shows in one line. It holds no reading,
scoring or averaging: ``run``, ``report`` and ``gate`` do those.
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Iterable

import click

from ..engine import SPACING, Options
from ..rules import RuleError, load_rules
from .gate import floors_toml
from .report import format_table, report_json, worst_lines
from .run import SOURCES, EvalError, _first_line, evaluate

class EvalFailure(click.ClickException):
    """A one-line error on stderr, exit code 1."""
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo("reflow: %s" % self.format_message(), err=True)


def _split(values: Iterable[str], upper: bool = False) -> list[str]:
    """Values given several times or comma-separated, as one list."""
    out = []
    for v in values:
        out += [x.strip().upper() if upper else x.strip() for x in v.split(",") if x.strip()]
    return out


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("gold_dir", type=click.Path(file_okay=False))
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="Score only this source (repeatable or comma-separated): %s."
                   % ", ".join(SOURCES))
@click.option("--page", "pages", multiple=True, metavar="ID",
              help="Score only this page (repeatable or comma-separated), e.g. g07.")
@click.option("--pred", type=click.Path(file_okay=False), metavar="DIR",
              help="Score stored TEI instead of running reflow: DIR/<page>/<source>.xml or "
                   "DIR/<page>-<source>.xml (source names as in --source; tesseract.hocr is "
                   "tesseract-hocr). A missing or invalid file counts as an error.")
@click.option("--json", "as_json", is_flag=True,
              help="Print all numbers as JSON: overall, per_source, by_lang, pages.")
@click.option("--worst", default=5, show_default=True, metavar="N",
              help="Show the N worst pages and what went wrong (0: none).")
@click.option("--spacing", type=click.Choice(SPACING), default="none",
              show_default=True, help="Passed to reflow, as in reflow clean.")
@click.option("--disable", multiple=True, metavar="CODE",
              help="Switch off a rule while scoring (J302, or J302,S202); repeatable.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="An extra rule file (TOML) while scoring; repeatable.")
@click.option("--jobs", default=1, show_default=True, metavar="N",
              help="Worker processes (1: in this process, deterministic and simplest).")
@click.option("--floors", "print_floors", is_flag=True,
              help="Print the averages as quality floors (the tests/quality_floors.toml format).")
@click.option("--ratchet", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Like --floors, but no value looser than in FILE (floors only rise).")
def eval_cmd(gold_dir, sources, pages, pred, as_json, worst, spacing, disable, rules, jobs,
             print_floors, ratchet) -> None:
    """Score reflow on gold pages: clean every raw file of every page in-process
    and compare the TEI with gold.json.

    GOLD_DIR holds page folders (each with gold.json and raw files named by
    source: pdftotext.txt, pdftotext-layout.txt, pymupdf.txt, pdfminer.txt,
    tesseract.txt, tesseract.hocr), or is their parent holding pages/.
    Prints averages per source, overall and by language (CER and leak: lower
    is better; all others higher), then the worst pages with what went wrong.
    A crash of the cleaner or invalid TEI is an error of that page, scored
    as empty output.

    \b
    Examples:
      reflow eval tests/gold/pages
      reflow eval tests/gold/pages --source pymupdf --source tesseract --worst 10
      reflow eval tests/gold/pages --page g07 --disable J302
      reflow eval tests/gold/pages --json > scores.json
      reflow eval tests/gold/pages --pred out/      # score stored TEI files
      reflow eval tests/gold/pages --ratchet tests/quality_floors.toml
    """
    try:
        opts = Options(spacing=spacing, rules=tuple(rules), disable=tuple(_split(disable, True)))
        load_rules(opts.rules, opts.disable)  # a broken rule file fails once, here
        base = None
        if ratchet:
            base = tomllib.loads(Path(ratchet).read_text(encoding="utf-8"))
        report = evaluate(gold_dir, _split(sources) or None, _split(pages) or None, opts,
                          pred, max(1, jobs))
    except (EvalError, RuleError, tomllib.TOMLDecodeError, OSError) as e:
        raise EvalFailure(_first_line(e)) from None
    agg = report.aggregate()
    if print_floors or ratchet:
        click.echo(floors_toml(agg, report.sources, base=base, pages=str(gold_dir),
                               file=str(ratchet or "FILE")), nl=False)
        return
    if as_json:
        click.echo(json.dumps(report_json(report), ensure_ascii=False, indent=1))
        return
    n_pages = len({p for p, _ in report.results})
    click.echo("%s: %d pages x %d sources, %s; %.1f s" % (
        gold_dir, n_pages, len(report.sources), "predictions in %s" % pred if pred else "reflow",
        report.seconds))
    click.echo("CER and leak: lower is better; all others: higher is better\n")
    click.echo(format_table(agg, report.sources, "predictions" if pred else "reflow"))
    errors = [(k, r.error) for k, r in sorted(report.results.items()) if r.error]
    if errors:
        click.echo("\nerrors: %d (first: %s/%s: %s)" % (len(errors), *errors[0][0], errors[0][1]))
    lines = worst_lines(report.results, worst)
    if lines:
        click.echo("")
        click.echo("\n".join(lines))

