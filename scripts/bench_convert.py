#!/usr/bin/env python3
"""Benchmark the converter: documents per second for parsing (and rendering) the seeds.

    .venv/bin/python scripts/bench_convert.py [--rounds 250] [--seeds ../shared/seeds]

Prints one table; the goal is ≥ 500 documents/s for parsing on one core. Each figure is the
best of three runs, timed twice: by the wall clock and by the CPU time of this process (the
work one core does, which other programs on a shared machine do not add to). Every round
parses every seed afresh, exactly as an import does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.pipeline import convert  # noqa: E402
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
    for label, fn in (("parse", lambda t, n: convert(t, n)),
                      ("parse + render Markdown", lambda t, n: render_markdown(convert(t, n)))):
        wall, cpu = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(args.rounds):
                for name, text in texts:
                    fn(text, name)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        docs = args.rounds * len(texts)
        rows.append((label, docs / min(wall), docs / min(cpu),
                     size * args.rounds / min(cpu) / 2**20, statistics.median(cpu) / docs * 1000))
    print(f"{len(texts)} seed documents ({size / 1024:.0f} KB), {args.rounds} rounds, one core")
    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(f"{'step':<26}{'docs/s':>9}{'docs/s CPU':>12}{'MB/s CPU':>10}{'ms/doc CPU':>12}")
    for label, wall_dps, dps, mbs, ms in rows:
        print(f"{label:<26}{wall_dps:>9.0f}{dps:>12.0f}{mbs:>10.1f}{ms:>12.2f}")
    print("goal: parse ≥ 500 docs/s on one core (CPU time) —",
          "met" if rows[0][2] >= 500 else "NOT met")


if __name__ == "__main__":
    main()
