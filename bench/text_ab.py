#!/usr/bin/env python3
"""Text mode before and after a change, in one process: the old code and this checkout cleaning each page in turns.

    python bench/text_ab.py --base main                # ScrapingHub's dumps, this checkout against main
    python bench/text_ab.py --base e7d1dfb --set portal

The base revision's ``cleanup`` package is taken with ``git archive`` into a
temporary directory and imported as ``cleanup_ref`` (``html_ab.export``),
beside this checkout's ``cleanup``. Each page is cleaned by both, in turns
(which goes first alternates), and the CPU seconds of each are summed
(``time.process_time``): on a shared machine a change in load hits both alike,
where two runs of ``text_bench.py`` can differ by more than a small change
gains. Both results are compared page by page (``to_dict``): the command fails
when an output differs. Run one fresh process per set: the memos of one set
change the cost of the next.

The two seats are not alike: with the same code on both sides (``--base HEAD``
on a clean checkout) the side in the first seat (this checkout, by default)
came out 1.03x faster on ScrapingHub and 1.10x on Readability and portal, run
after run (whichever package sat there). ``--base-first`` puts the base in that
seat; the geometric mean of the two runs' speed-ups cancels the seat (HEAD
against HEAD: 1.001x).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from html_ab import export  # noqa: E402  (git archive of the package, imported as cleanup_ref)

BENCH = ROOT.parent / "shared" / "bench"
WARM = b"Warm-up page.\n\nThe council met on Tuesday and voted to close the old bridge for repairs.\n"


def compare(dumps: list[bytes], new, old, changes_allowed: bool = False) -> tuple[float, float, int]:
    """CPU seconds of ``new`` and ``old`` over ``dumps``, taking turns page by page, and the pages
    whose results differ (without ``changes_allowed``, the first such page stops the run)."""
    new(WARM), old(WARM)
    spent = {new: 0.0, old: 0.0}
    differing = 0
    for k, data in enumerate(dumps):
        results = {}
        for clean in (new, old) if k % 2 else (old, new):
            start = time.process_time()
            results[clean] = clean(data)
            spent[clean] += time.process_time() - start
        if results[new].to_dict() != results[old].to_dict():
            if not changes_allowed:
                raise SystemExit(f"page {k}: the outputs differ (--allow-changes times it anyway)")
            differing += 1
    return spent[new], spent[old], differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--set", default="scrapinghub", help="scrapinghub, readability or portal")
    parser.add_argument(
        "--allow-changes", action="store_true", help="time a base whose results differ, and count those pages"
    )
    parser.add_argument("--base-first", action="store_true", help="the base in the first seat (see the docstring)")
    args = parser.parse_args()
    dumps = [p.read_bytes() for p in sorted((BENCH / args.set / "text").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        export(args.base, Path(tmp))
        sys.path[:0] = [str(ROOT), tmp]
        import cleanup_ref

        import cleanup

        if args.base_first:
            old, new, differing = compare(dumps, cleanup_ref.clean, cleanup.clean, args.allow_changes)
        else:
            new, old, differing = compare(dumps, cleanup.clean, cleanup_ref.clean, args.allow_changes)
    print(
        f"{args.set}: {len(dumps)} pages, base {old:.3f} s, this checkout {new:.3f} s, speed-up {old / new:.3f}x"
        + (" (base in the first seat)" if args.base_first else "")
        + (f", {differing} results differ" if args.allow_changes else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
