"""How the order stage's time grows with page length (it should stay near-linear).

Builds interleaved, merged and side-by-side pages of 1x, 2x, 4x, 8x, 16x a base
text (the same builders the tests use), times the stage (CPU time, best of
three) with the standard library and prints seconds per 1,000 lines and the beam
decoder's candidate moves per line (the stage reads interleaved pages with the
period decoder, O603 ``period``: their seconds are its; the moves column is the
beam's, which merged and side-by-side pages use). Run:
``python benchmarks/order_scaling.py``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_order import PARAS, columns, interleaved, merged, side_by_side, wrap  # noqa: E402

from reflow import order  # noqa: E402
from reflow.engine import Options, State  # noqa: E402
from reflow.model import Document  # noqa: E402
from reflow.read import lines_from_text  # noqa: E402
from reflow.rules import load_rules  # noqa: E402

RULES = load_rules()


def pages(k: int) -> dict[str, str]:
    cols = columns(wrap(PARAS * k, 12), 3)
    return {"interleaved": interleaved(cols), "merged": merged(cols),
            "side-by-side": side_by_side(cols, 12)}


def measure(text: str, repeat: int = 3) -> tuple[int, float]:
    best = None
    for _ in range(repeat):
        state = State(lines_from_text(text), RULES, Options(), Document("", ""))
        n = len(state.lines)
        t0 = time.process_time()
        order.run(state)
        dt = time.process_time() - t0
        best = dt if best is None else min(best, dt)
    return n, best


def main() -> None:
    print("%-13s %6s %9s %12s %10s" % ("damage", "lines", "seconds", "s/1000 lines", "moves/line"))
    for k in (1, 2, 4, 8, 16):
        for name, text in pages(k).items():
            n, dt = measure(text)
            state = State(lines_from_text(text), RULES, Options(), Document("", ""))
            layout = order.layout_page(state.lines, RULES.rules["O602"].params)
            frags, _ = order.fragments(state.lines, layout, RULES)
            dec = order.Decoder(frags, layout, RULES.rules["O603"].params)
            dec.run()
            print("%-13s %6d %9.3f %12.3f %10.1f" % (name, n, dt, 1000 * dt / n, dec.ops / len(frags)))


if __name__ == "__main__":
    main()
