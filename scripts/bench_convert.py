#!/usr/bin/env python3
"""Benchmark the converter: documents per second for parsing (and rendering) the seeds.

    .venv/bin/python scripts/bench_convert.py [--rounds 250] [--seeds ../shared/seeds]

Prints one table; the goal is ≥ 500 documents/s for parsing on one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.parser import parse  # noqa: E402
from vanban.render import render_markdown  # noqa: E402
from vanban.sources import read_source  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=250)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    texts = [(p.name, read_source(p)) for p in sorted(args.seeds.glob("*.txt"))]
    if not texts:
        sys.exit(f"no seeds in {args.seeds}")
    size = sum(len(t.encode()) for _, t in texts)
    rows = []
    for label, fn in (("parse", lambda t, n: parse(t, n)),
                      ("parse + render Markdown", lambda t, n: render_markdown(parse(t, n)))):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(args.rounds):
                for name, text in texts:
                    fn(text, name)
            runs.append(time.perf_counter() - start)
        best = min(runs)
        docs = args.rounds * len(texts)
        rows.append((label, docs / best, size * args.rounds / best / 2**20,
                     statistics.median(runs) / docs * 1000))
    print(f"{len(texts)} seed documents ({size / 1024:.0f} KB), {args.rounds} rounds, one core")
    print(f"{'step':<26}{'docs/s':>10}{'MB/s':>8}{'ms/doc':>9}")
    for label, dps, mbs, ms in rows:
        print(f"{label:<26}{dps:>10.0f}{mbs:>8.1f}{ms:>9.2f}")
    print("goal: parse ≥ 500 docs/s —", "met" if rows[0][1] >= 500 else "NOT met")


if __name__ == "__main__":
    main()
