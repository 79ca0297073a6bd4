#!/usr/bin/env python3
"""This checkout's HTML mode against a git revision of it, in one process, taking turns page by page.

    python bench/html_ab.py main [--sets scrapinghub,readability,portal] [--repeat 2]

The revision's ``cleanup`` package is exported with ``git archive`` into a temporary
directory and imported under another name (``cleanup_ref``: its imports of itself are
rewritten), so both run in the same process on the same decoded pages. For each page the
revision cleans it, then this checkout does: a change in the machine's load (it is shared)
falls on both alike. Prints CPU ms a page of each (best of ``--repeat``), the speed-up, and
how many pages' results differ (a result's JSON compared whole: 0 for a pure speed change).
``--per-page K`` sums each page's least time of K turns instead (steadier under load; warm
verdict caches).
"""

from __future__ import annotations

import argparse
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from html_bench import SETS, load_pages  # noqa: E402

# ``from cleanup.x import``, ``import cleanup.x``, ``"cleanup.x"`` (resource and lazy import names).
SELF_IMPORT_RE = re.compile(r"""(\bfrom cleanup(?=[. ])|\bimport cleanup(?=[.\s])|(?<=["'])cleanup(?=\.))""")


def export(revision: str, target: Path) -> None:
    """``revision``'s cleanup package written to ``target/cleanup_ref``, importing itself by that name."""
    archive = subprocess.run(["git", "archive", revision, "cleanup"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    (target / "cleanup").rename(target / "cleanup_ref")
    for path in (target / "cleanup_ref").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(SELF_IMPORT_RE.sub(lambda m: m.group(0).replace("cleanup", "cleanup_ref"), source), "utf-8")


def turns(fns: dict[str, Callable[[str], object]], pages: list[str], repeat: int) -> dict[str, float]:
    """Best CPU seconds of each function over all pages, taking turns page by page."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        spent = dict.fromkeys(fns, 0.0)
        for markup in pages:
            for name, fn in fns.items():
                start = time.process_time()
                fn(markup)
                spent[name] += time.process_time() - start
        best = {name: min(best[name], spent[name]) for name in fns}
    return best


def page_minimums(fns: dict[str, Callable[[str], object]], pages: list[str], runs: int) -> dict[str, float]:
    """Sum over the pages of each function's least CPU seconds in ``runs`` turns on that page.

    A burst of load from other jobs inflates one turn, not the least of several, so this
    moves less between runs than ``turns`` (measured: 1.07x on all three sets in two runs,
    where ``turns`` gave 1.00-1.08x). The page is cleaned ``runs`` times in a row, so the
    verdict caches are warm for both sides: it measures the code, not a cold batch.
    """
    total = dict.fromkeys(fns, 0.0)
    for i, markup in enumerate(pages):
        least = dict.fromkeys(fns, float("inf"))
        for k in range(runs):
            names = list(fns) if (i + k) % 2 == 0 else list(reversed(fns))
            for name in names:
                start = time.process_time()
                fns[name](markup)
                least[name] = min(least[name], time.process_time() - start)
        for name in fns:
            total[name] += least[name]
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="git revision to compare with, e.g. main")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--repeat", type=int, default=2, help="best of N timed runs")
    parser.add_argument(
        "--per-page", type=int, default=0, metavar="K", help="instead: per page the least of K turns, summed"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export(args.revision, Path(tmp))
        sys.path.insert(0, tmp)
        ref = importlib.import_module("cleanup_ref").clean
        from cleanup import clean

        for name in args.sets.split(","):
            pages = list(load_pages(name).values())
            changed = sum(ref(m).to_dict() != clean(m).to_dict() for m in pages)  # also warms both
            fns = {args.revision: ref, "this": clean}
            if args.per_page:
                best, how = page_minimums(fns, pages, args.per_page), f"per page the least of {args.per_page}"
            else:
                best, how = turns(fns, pages, args.repeat), f"best of {args.repeat}"
            ms = {k: 1000 * v / len(pages) for k, v in best.items()}
            print(
                f"{name:12s} {args.revision} {ms[args.revision]:.2f} ms/page  this {ms['this']:.2f} ms/page  "
                f"speed-up {best[args.revision] / best['this']:.3f}x  (CPU, {how}; "
                f"{changed} of {len(pages)} results differ)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
