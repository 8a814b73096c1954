"""``reflow batch``, the click command: options in, ``run_batch``, failures and a summary on stderr.

Holds ``batch_cmd``; the options it shares with ``reflow clean`` come from
``reflow.cli``. It does none of the work: ``run.run_batch`` does.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..engine import CONVERSIONS, FORMATS as INPUT_FORMATS, SPACING, Options
from ..read import InputError
from .inputs import DEFAULT_INCLUDE
from .run import BATCH_FORMATS, run_batch

def _options(from_format, spacing, convert, rules, disable, errors) -> Options:
    from ..cli import _options as cli_options
    return cli_options(from_format, spacing, convert, rules, disable, errors)


@click.command("batch", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "out_dir", required=True, metavar="OUT_DIR",
              type=click.Path(file_okay=False), help="The folder to write into.")
@click.option("--to", "fmt", type=click.Choice(BATCH_FORMATS), default="jsonl",
              show_default=True, help="jsonl: shards part-NNNNN.jsonl, one article per "
                                      "line; md, tei, json, text: one file per input.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: every core).")
@click.option("--resume", is_flag=True,
              help="Skip the shards an earlier (interrupted) run into OUT_DIR finished.")
@click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Inputs per shard: the unit of output files (jsonl) and of resuming.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Names of input files inside folders (default *.txt and *.hocr; "
                   "e.g. --include '*.xml' for ALTO or PAGE XML). May be repeated.")
@click.option("--from", "from_format", type=click.Choice(INPUT_FORMATS), default="auto",
              show_default=True, help="Input format; auto recognises OCR XML by content.")
@click.option("--spacing", type=click.Choice(SPACING), default="none", show_default=True,
              help="Space between Han and Latin letters or digits.")
@click.option("--convert", type=click.Choice(CONVERSIONS), default=None,
              help="Convert the script with OpenCC (t2s, s2t, …). Off by default.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="An extra rule file (TOML); may be repeated.")
@click.option("--disable", multiple=True, metavar="CODE", help="Switch off a rule by code.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="Undecodable bytes: fail that input, or replace them.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def batch_cmd(inputs, out_dir, fmt, jobs, resume, shard_size, include, from_format, spacing,
              convert, rules, disable, errors, quiet) -> None:
    """Clean a corpus: files, folders (walked) and globs, on every core.

    \b
    Examples:
      reflow batch pages/ -o out/                    # out/part-00000.jsonl …
      reflow batch 'scans/**/*.txt' -o out/ -j 8 --resume
      reflow batch pages/ -o tei/ --to tei           # one .xml per input

    A failing input goes to OUT_DIR/errors.jsonl and the batch goes on. A
    progress bar shows on a terminal; a summary ends the run. Exit status: 0
    every input cleaned, 1 some input failed, 2 wrong usage.
    """
    from ..cli import InputFailure
    opts = _options(from_format, spacing, convert, rules, disable, errors)
    shown = [0]

    def report(err: dict) -> None:
        shown[0] += 1
        if shown[0] <= 20:
            sys.stderr.write("\r\x1b[2K" if sys.stderr.isatty() and not quiet else "")
            click.echo("reflow: %s: %s" % (err["file"], err["reason"]), err=True)
        elif shown[0] == 21:
            click.echo("reflow: more failures: see %s" % (Path(out_dir) / "errors.jsonl"),
                       err=True)
    try:
        summary = run_batch(inputs, out_dir, fmt, opts, jobs=jobs, resume=resume,
                            shard_size=shard_size, include=include or DEFAULT_INCLUDE,
                            progress=False if quiet else None, on_error=report)
    except InputError as e:
        raise InputFailure(str(e)) from None
    except KeyboardInterrupt:
        click.echo("\nreflow: interrupted; run again with --resume to go on", err=True)
        sys.exit(130)
    if not quiet:
        if not summary.files:
            click.echo("reflow: no input files (inside folders only %s are read; see "
                       "--include)" % ", ".join(include or DEFAULT_INCLUDE), err=True)
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)

