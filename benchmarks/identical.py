"""Does a change keep every output the same? The check for speed work.

A change made for speed must not change what ``reflow clean`` gives. This
script cleans every raw page file (*.txt, *.hocr) of the project's gold pages
(tests/gold/pages), the seed pages and any folder given with --pages, and
hashes, per file, the JSON and TEI written of the document and its trace.
It does so for the working tree and for a base revision (``git archive`` of
it into a temporary folder, run with that folder first on the path), both on
the same input files, and lists every file whose output differs.

    python benchmarks/identical.py                      # against HEAD
    python benchmarks/identical.py --base main --pages ../shared/eval/dev/pages

Exit status 1 when any output differs.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_files(extra: list[Path]) -> list[Path]:
    """The raw page files: gold pages, seeds, then each extra folder's <page>/*."""
    out = sorted((ROOT / "seeds").glob("*.txt"))
    for d in [ROOT / "tests" / "gold" / "pages"] + extra:
        out += sorted(p for p in d.glob("*/*") if p.suffix in (".txt", ".hocr"))
    return out


def hashes(files: list[str]) -> dict[str, str]:
    """Per file, the hash of its JSON, its TEI and its trace (in this process's reflow)."""
    import reflow
    out = {}
    for f in files:
        doc = reflow.clean_file(f)
        text = reflow.write(doc, "json") + reflow.write(doc, "tei") + repr(doc.trace)
        out[f] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return out


def run_in(tree: Path, files: list[str]) -> dict[str, str]:
    """``hashes`` in a fresh interpreter whose reflow is the one in ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    got = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--hash-only"],
                         input=json.dumps(files), env=env, cwd=tree, capture_output=True,
                         text=True, check=True)
    return json.loads(got.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="HEAD", help="the revision to compare with (default HEAD)")
    ap.add_argument("--pages", type=Path, action="append", default=[],
                    help="another folder of <page>/*.txt|*.hocr raw files")
    ap.add_argument("--hash-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.hash_only:              # the child: file names on stdin, hashes on stdout
        json.dump(hashes(json.load(sys.stdin)), sys.stdout)
        return
    files = [str(p.resolve()) for p in page_files([p.resolve() for p in args.pages])]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp)
        before = run_in(Path(tmp), files)
    after = run_in(ROOT, files)
    changed = [f for f in files if before[f] != after[f]]
    for f in changed:
        print("changed:", os.path.relpath(f, ROOT))
    print("%d files, %d with a different output than %s" % (len(files), len(changed), args.base))
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
