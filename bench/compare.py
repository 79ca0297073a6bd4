#!/usr/bin/env python3
"""Speed of this checkout against another one, in the same run, as a ratio.

    python bench/compare.py ../other-checkout [--runs 5]

Alternates timed runs of ``bench/quality.py MODE --time-only`` (one fresh
process each: the 181 ScrapingHub pages, cleaned once, in memory) between the
two checkouts, so drift of the machine hits both alike, and prints the median
time of each and their ratio per mode. Each checkout runs with its own code on
``sys.path`` (``bench/quality.py`` puts its checkout first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(checkout: Path, mode: str) -> float:
    """Wall seconds of one fresh process cleaning the pages once."""
    command = [sys.executable, str(checkout / "bench" / "quality.py"), mode, "--time-only"]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=checkout).stdout
    return float(json.loads(out)[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. a git worktree of the old code)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--modes", default="text,html")
    args = parser.parse_args()
    for mode in args.modes.split(","):
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.runs):
            ours.append(one_run(ROOT, mode))
            theirs.append(one_run(args.other.resolve(), mode))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(
            f"{mode}: this checkout {a:.3f} s, other {b:.3f} s (medians of {args.runs}); "
            f"speed of this checkout = {b / a:.2f}x the other's"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
