#!/usr/bin/env python3
"""Benchmark the converter: documents per second, and the time to import N documents.

    .venv/bin/python scripts/bench_convert.py [--rounds 100] [--import-n 1000] [--seeds DIR]

1. Parse (and parse + render) the seeds, `--rounds` times each, on one core: each figure is the
   best of three runs, timed by the wall clock and by this process's CPU time.
2. Import `--import-n` documents (variants of the seeds, scripts/make_corpus.py `variant`:
   other numbers, dates, titles and figures) with one `vanban import` into a copy of the portal,
   as staff would: reading, converting, validating and writing each file. Issue 19's goal is
   1,000 documents in ≤ 10 s; the same run prints the parse time of those documents alone, the
   comparison that says how much of an import is the converter.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import seed_texts, variant  # noqa: E402

from vanban.importer import run_import  # noqa: E402
from vanban.pipeline import convert  # noqa: E402
from vanban.render import render_markdown  # noqa: E402


def parse_rates(texts: list[tuple[str, str]], rounds: int) -> list[tuple[str, float, float, float]]:
    rows = []
    for label, fn in (("parse", lambda t, n: convert(t, n)),
                      ("parse + render Markdown", lambda t, n: render_markdown(convert(t, n)))):
        wall, cpu = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(rounds):
                for name, text in texts:
                    fn(text, name)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        docs = rounds * len(texts)
        ms = statistics.median(cpu) / docs * 1000
        rows.append((label, docs / min(wall), docs / min(cpu), ms))
    return rows


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the import's workers)."""
    usage = (resource.getrusage(resource.RUSAGE_SELF),
             resource.getrusage(resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in usage)


def import_time(texts: list[tuple[str, str]], n: int) -> tuple[float, float, float, int, int]:
    """(wall and CPU seconds of one `vanban import` of n files, seconds to parse them alone,
    imported, refused)"""
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "docs", work / "docs")
        shutil.copytree(ROOT / "data", work / "data")
        src = work / "in"
        src.mkdir()
        files = []
        for i in range(n):
            name, text = texts[i % len(texts)]
            path = src / f"{i:05d}_{name}"
            path.write_text(variant(text, rng, i), encoding="utf-8")
            files.append(path)
        start = time.perf_counter()
        for path in files:
            convert(path.read_text(encoding="utf-8"), path.name)
        parse_s = time.perf_counter() - start
        start, cpu = time.perf_counter(), _cpu()
        result = run_import(files, work / "docs", work / "data", lang="en")
        return (time.perf_counter() - start, _cpu() - cpu, parse_s, len(result.planned),
                len(result.refused))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--import-n", type=int, default=1000)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    texts = seed_texts(args.seeds)
    print(f"Python {sys.version.split()[0]} ({sys.executable}); {len(texts)} seed documents")
    print(f"{'step':<26}{'docs/s':>9}{'docs/s CPU':>12}{'ms/doc CPU':>12}")
    for label, wall_dps, dps, ms in parse_rates(texts, args.rounds):
        print(f"{label:<26}{wall_dps:>9.0f}{dps:>12.0f}{ms:>12.2f}")
    if args.import_n:
        seconds, cpu, parse_s, imported, refused = import_time(texts, args.import_n)
        print(f"import of {args.import_n} documents: {seconds:.1f} s wall, {cpu:.1f} s CPU on "
              f"{os.cpu_count()} cores ({imported} imported, {refused} refused); their parse "
              f"alone {parse_s:.1f} s; goal ≤ 10 s for 1,000 — "
              + ("met" if seconds * 1000 / args.import_n <= 10 else "NOT met")
              + f" (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
