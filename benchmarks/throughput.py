"""Throughput of ``reflow clean`` in MB of raw input per second, on one core.

The corpus is made by repeating and varying real extractor output: every text
source of the project's gold pages (tests/gold/pages) and the seed page, plus
any folder given with --pages (for example the evaluation kit's dev pages),
each copy with its digits rotated so that no two copies are the same text.
Every page is cleaned and written as JSONL, as a corpus build does.

    python benchmarks/throughput.py                 # about 20 MB, all formats of input
    python benchmarks/throughput.py --size 100 --pages ../shared/eval/dev/pages
    python benchmarks/throughput.py --profile       # where the time goes (cProfile)
    python benchmarks/throughput.py --size 3 --repeat 5   # best of five passes

The rate is raw input over the CPU seconds of this process (what one core
does, whatever else the machine runs); the wall-clock seconds are printed
beside it. On a shared machine both vary from pass to pass by a quarter or
more: compare two versions by the best of several passes (``--repeat``),
run one after the other, never by one pass each.

No timing is asserted anywhere in the tests; this script is where speed is measured.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reflow  # noqa: E402

ROTATE = str.maketrans("0123456789", "1234567890")


def source_pages(extra: list[Path]) -> list[bytes]:
    dirs = [ROOT / "tests" / "gold" / "pages"] + extra
    pages = [(ROOT / "seeds" / "000_9694df9fe0a1c290.txt").read_bytes()]
    for d in dirs:
        pages += [p.read_bytes() for p in sorted(d.glob("*/*.txt"))]
    return pages


def corpus(pages: list[bytes], size_mb: float) -> list[bytes]:
    """Copies of the pages, each with its digits rotated once more, to size_mb."""
    out, total, k = [], 0, 0
    texts = [p.decode("utf-8") for p in pages]
    while total < size_mb * 1e6:
        text = texts[k % len(texts)]
        for _ in range(k // len(texts) % 10):
            text = text.translate(ROTATE)
        data = text.encode("utf-8")
        out.append(data)
        total += len(data)
        k += 1
    return out


def run(docs: list[bytes]) -> tuple[float, float, int]:
    """Clean and write every page: (wall seconds, CPU seconds, articles)."""
    wall, cpu = time.perf_counter(), time.process_time()
    n_articles = 0
    for data in docs:
        doc = reflow.clean(data)
        reflow.write(doc, "jsonl")
        n_articles += len(doc.articles)
    return time.perf_counter() - wall, time.process_time() - cpu, n_articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--pages", type=Path, action="append", default=[],
                    help="another folder of <page>/*.txt raw files to add to the corpus")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="passes over the corpus; the best (least CPU time) counts (default 1)")
    args = ap.parse_args()
    docs = corpus(source_pages(args.pages), args.size)
    mb = sum(len(d) for d in docs) / 1e6
    run(docs[:20])  # warm up: rules loaded, patterns compiled
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run(docs)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    passes = [run(docs) for _ in range(max(1, args.repeat))]
    wall, cpu, n_articles = min(passes, key=lambda r: r[1])   # the least disturbed pass
    print("%d pages, %.1f MB, %d articles in %.1f s CPU (%.1f s wall): %.2f MB/s on one core"
          % (len(docs), mb, n_articles, cpu, wall, mb / cpu))


if __name__ == "__main__":
    main()
