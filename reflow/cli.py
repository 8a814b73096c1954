"""The command line: ``reflow clean``, ``reflow rules``, ``reflow explain``.

Holds argument parsing, input and output handling and error reporting (exit 0
ok, 1 input error with a one-line message, 2 usage error); every flag maps onto
a field of ``Options``. It holds no cleaning logic.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from . import __version__
from .engine import CONVERSIONS, FORMATS as INPUT_FORMATS, SPACING, Options
from .model import Document
from .pipeline import clean, clean_file, clean_issue
from .read import InputError
from .rules import STAGES, RuleError, load_rules
from .writers import EXTENSIONS, FORMATS, write, write_many


class InputFailure(click.ClickException):
    """An input or rule error: one line on stderr, exit code 1."""
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo("reflow: %s" % self.format_message(), err=True)


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


def _options(from_format: str, spacing: str, convert: str | None, rules: tuple[str, ...],
             disable: tuple[str, ...], errors: str) -> Options:
    opts = Options(from_format=from_format, spacing=spacing, convert=convert,
                   rules=tuple(rules), disable=_split_codes(disable), errors=errors)
    try:
        load_rules(opts.rules, opts.disable)  # fail early, once, with the file and key
    except RuleError as e:
        raise InputFailure(str(e)) from None
    return opts


def _explain(doc: Document) -> None:
    err = sys.stderr
    err.write("# trace of %s: %d events (code, page:line:col, kind, before -> after)\n"
              % (doc.source, len(doc.trace)))
    for ev in doc.trace:
        note = "  (%s)" % ev.note if ev.note else ""
        err.write("%s  p%d:%d:%d  %-7s %r -> %r%s\n" % (ev.code, ev.page, ev.line, ev.col,
                                                       ev.kind, ev.before, ev.after, note))
    for r in doc.removed:
        err.write("removed  p%d:%d  %s %r\n" % (r.page, r.line, r.rule, r.text))


def _read_one(path: str, opts: Options) -> Document:
    if path == "-":
        data = sys.stdin.buffer.read()
        return clean(data, opts, name="<stdin>")
    return clean_file(path, opts)


def _out_path(output: str | None, n_inputs: int) -> tuple[Path | None, bool]:
    """(path, is_dir) for -o."""
    if output is None:
        return None, False
    p = Path(output)
    is_dir = p.is_dir() or output.endswith(("/", "\\")) or (n_inputs > 1 and not p.suffix)
    return p, is_dir


class _Group(click.Group):
    """The commands; ``batch`` and ``eval`` are imported when they are asked for,
    so that ``reflow clean`` on one page does not load the process pool and the
    evaluation kit first (about a tenth of its start-up)."""

    LAZY = {"batch": ("reflow.batch", "batch_cmd"), "eval": ("reflow.evaluate", "eval_cmd")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            module, attr = self.LAZY[name]
            self.add_command(getattr(importlib.import_module(module), attr))
        return super().get_command(ctx, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reflow")
def main() -> None:
    """Turn raw text of Chinese newspaper pages into clean, structured articles.

    \b
    Examples:
      tesseract page.png - -l chi_sim | reflow clean --to md
      reflow clean page.txt --to tei -o page.xml
      reflow clean pages/*.txt --to jsonl > corpus.jsonl
      reflow clean page.txt --explain --to text 2> trace.txt
      reflow batch pages/ -o out/  # a corpus: every core, JSONL shards, resumable
      reflow eval tests/gold/pages # quality on pages with gold answers
      reflow rules                 # the rule catalogue
      reflow explain J302          # one rule, its why and its cases
    """


@main.command("clean")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="Output format: Markdown, TEI XML, JSON (one document), JSONL (one "
                   "article per line) or plain text.")
@click.option("-o", "--output", metavar="FILE|DIR",
              help="Write here instead of stdout; a folder (existing, or ending in /) gets "
                   "one file per input.")
@click.option("--from", "from_format", type=click.Choice(INPUT_FORMATS), default="auto",
              show_default=True, help="Input format; auto recognises hOCR by its content.")
@click.option("--spacing", type=click.Choice(SPACING), default="none", show_default=True,
              help="Space between Han and Latin letters or digits: none (as print has "
                   "it), pangu (one space), keep (as the input has it).")
@click.option("--convert", type=click.Choice(CONVERSIONS), default=None,
              help="Convert the script with OpenCC, e.g. t2s (traditional to simplified), "
                   "s2t, s2twp. Off by default.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="An extra rule file (TOML); may be given several times. "
                                   "A rule with a shipped code replaces it.")
@click.option("--disable", multiple=True, metavar="CODE",
              help="Switch off a rule by code (J302) or several (J302,S202).")
@click.option("--explain", is_flag=True,
              help="Print the trace to stderr: every change and decision with its rule code.")
@click.option("--facs", is_flag=True,
              help="With --to tei and OCR XML input: the boxes become facsimile zones and "
                   "every paragraph points to the boxes it came from.")
@click.option("--issue", is_flag=True,
              help="The FILES are the pages of one issue, in this order: one document, so "
                   "repeated running heads are furniture and jumped articles are joined.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="Undecodable bytes: stop with an error, or replace "
                                      "them by U+FFFD and warn.")
def clean_cmd(files, fmt, output, from_format, spacing, convert, rules, disable, explain,
              facs, issue, errors) -> None:
    """Clean raw page text (files, or - / a pipe for stdin) into articles.

    Input is the text an OCR engine or a PDF extractor gave (UTF-8, GB18030 or
    Big5; form feeds separate pages) or Tesseract hOCR. Warnings go to stderr,
    output to stdout or -o. Exit status: 0 ok, 1 an input could not be read,
    2 wrong usage.
    """
    opts = _options(from_format, spacing, convert, rules, disable, errors)
    if not files:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input: give FILES, or pipe text in (… | reflow clean)")
        files = ("-",)
    out, out_dir = _out_path(output, len(files))
    docs: list[Document] = []
    failed = 0
    if issue:
        if "-" in files:
            raise click.UsageError("--issue reads files, not stdin")
        try:
            docs = [clean_issue(files, opts)]
        except (InputError, RuleError) as e:
            raise InputFailure(str(e)) from None
        files = ()
        out_dir = False
    for path in files:
        try:
            doc = _read_one(path, opts)
        except (InputError, RuleError) as e:
            failed += 1
            click.echo("reflow: %s" % e, err=True)
            continue
        for w in doc.warnings:
            click.echo("reflow: %s: %s" % (doc.source, w), err=True)
        if explain:
            _explain(doc)
        if out_dir:
            out.mkdir(parents=True, exist_ok=True)
            name = Path(doc.source if path != "-" else "stdin").stem + EXTENSIONS[fmt]
            (out / name).write_text(write(doc, fmt, facs=facs), encoding="utf-8")
        else:
            docs.append(doc)
    if not out_dir and (docs or not failed):
        text = write_many(docs, fmt, facs=facs) if docs else ""
        if out is not None:
            out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
    if failed:
        sys.exit(1)


def _catalogue(rules: tuple[str, ...]):
    """The shipped rules with the user's files, or a one-line error (exit 1)."""
    try:
        return load_rules(rules)
    except RuleError as e:
        raise InputFailure(str(e)) from None


@main.command("rules")
@click.option("--stage", type=click.Choice(STAGES), help="Only the rules of one stage.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Include an extra rule file.")
def rules_cmd(stage, rules) -> None:
    """List the rule catalogue: code, name, stage and what each rule does."""
    rs = _catalogue(rules)
    for st in STAGES:
        if stage and st != stage:
            continue
        codes = rs.order.get(st, [])
        if not codes:
            continue
        click.echo("%s:" % st)
        for code in codes:
            r = rs.rules[code]
            flag = "" if r.enabled else "  [off]"
            click.echo("  %s  %-28s %s%s" % (code, r.name, r.summary, flag))


@main.command("explain")
@click.argument("code")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Include an extra rule file.")
def explain_cmd(code, rules) -> None:
    """Show one rule: what it does, why, its parameters and its cases."""
    rs = _catalogue(rules)
    code = code.upper()
    try:
        rule = rs.get(code)
    except KeyError:
        raise InputFailure("no rule %s (see `reflow rules`)" % code) from None
    click.echo("%s  %s  (stage %s, %s)" % (rule.code, rule.name, rule.stage, rule.kind))
    click.echo("file: rules/%s/%s" % (rule.stage, rule.file))
    click.echo("\n%s\n\nwhy:\n%s" % (rule.summary, "\n".join("  " + l for l in rule.why.splitlines())))
    params = {k: getattr(v, "pattern", v) for k, v in rule.params.items() if k != "mechanism"}
    if params:
        click.echo("\nparameters:")
        for k, v in params.items():
            click.echo("  %s = %s" % (k, v))
    click.echo("\ncases:")
    for case in rule.cases:
        before = case["before"].replace("\n", "⏎")
        if "after" in case:
            click.echo("  %r\n    -> %r" % (before, case["after"].replace("\n", "⏎")))
        elif "label" in case:
            click.echo("  %r\n    -> labelled %s" % (before, case["label"]))
        elif "expect" in case:
            click.echo("  %r\n    -> %s" % (before, case["expect"]))
        else:
            click.echo("  %r\n    -> unchanged" % before)
        if case.get("note"):
            click.echo("     (%s)" % case["note"])


if __name__ == "__main__":  # pragma: no cover
    main()
