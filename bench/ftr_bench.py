#!/usr/bin/env python3
"""F1 and clean time with every FiveFilters config loaded, against the generic extractor alone.

    python bench/ftr_bench.py                       # the three dev sets, HTML pages
    python bench/ftr_bench.py --rules DIR --runs 3  # another checkout; median CPU time of 3 runs
    python bench/ftr_bench.py --sets portal         # one set

For each dev set (scrapinghub, readability, portal) the HTML pages are cleaned
twice in this process, without and with ``--rules ../shared/ftr-site-config``;
each output is scored with ``../shared/bench/score.py``'s metric, unrounded. Time is CPU seconds of
``clean()`` alone (pages read first), after a warm-up page for each
configuration, so the one-time listing of the rule directory is not counted.
The two configurations alternate page by page, so machine drift hits both.
A full collection of Python's garbage collector costs about 40 ms and lands in
whichever configuration's page triggers it, which moves a set's share by several
points from run to run; ``--collect`` runs the collector before each timed
clean, outside the timing (the cyclic collector's own cost is then left out of
both configurations).
Prints one line per set: F1 without, with, the difference, the time per page
and its growth, and how many pages a FiveFilters rule touched.

    python bench/ftr_bench.py --processes --runs 5  # time: each configuration in fresh processes

Interleaved in one process, the configuration that cleans a page second finds the
first one's memos of that page's lines and phrases warm: cleaning a page again
costs a quarter less. That favours neither side only if both warm the other
alike, and they do not (a site body gives other lines than the generic
container), so the interleaved growth is not the growth a crawl sees, where
each page is cleaned once. ``--processes`` times each configuration cleaning
every page once in a process of its own (after the warm-up page), ``--runs``
times, the order of the two alternating, and takes the median of each; F1 is
read from the interleaved run, whose outputs are the same.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = ("scrapinghub", "readability", "portal")
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402
from cleanup.model import Options  # noqa: E402

WARM_UP = "<html><head><link rel=canonical href='https://example.com/a'></head><body><p>Warm.</p></body></html>"


def pages(name: str) -> list[tuple[str, bytes]]:
    """(page id, raw HTML) of one dev set, sorted by id."""
    found = sorted((SHARED / "bench" / name / "html").glob("*.html.gz"))
    return [(p.name.removesuffix(".html.gz"), gzip.decompress(p.read_bytes())) for p in found]


def run(
    data: list[tuple[str, bytes]], configs: tuple[Options, Options], collect: bool = False
) -> tuple[list[dict], list[float]]:
    """Results by page id and CPU seconds per configuration, the two run page by page in turn.

    Interleaving page by page (the order swapped every page) puts both configurations
    under the same machine load: on a shared machine the speed drifts by 10 % or more.
    """
    for options in configs:
        clean(WARM_UP, options)
    results: list[dict] = [{}, {}]
    seconds = [0.0, 0.0]
    for n, (page_id, raw) in enumerate(data):
        for i in (0, 1) if n % 2 == 0 else (1, 0):
            if collect:
                gc.collect()  # outside the timing: a full collection lands in neither configuration's page
            start = time.process_time()
            try:
                results[i][page_id] = clean(raw, configs[i])
            except Exception as exc:  # a page the library refuses scores as empty, as in the CLI
                print(f"  {page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            seconds[i] += time.process_time() - start
    return results, seconds


def one_pass(name: str, rules: str | None) -> float:
    """CPU seconds of one configuration cleaning every page of a set once, in this process."""
    options = Options(rules_dirs=(rules,)) if rules else Options()
    clean(WARM_UP, options)
    data = pages(name)
    start = time.process_time()
    for page_id, raw in data:
        try:
            clean(raw, options)
        except Exception as exc:  # a page the library refuses costs what it cost, as in the interleaved run
            print(f"  {page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return time.process_time() - start


def in_processes(name: str, rules: str, runs: int) -> tuple[float, float]:
    """Median CPU seconds of the generic configuration and of the one with ``rules``, each pass in a fresh
    process; the order of the two alternates from run to run."""
    times: dict[bool, list[float]] = {False: [], True: []}
    for n in range(runs):
        for with_rules in (False, True) if n % 2 == 0 else (True, False):
            given = str(Path(rules).resolve()) if with_rules else None  # the child runs in bench/
            code = f"import ftr_bench; print(ftr_bench.one_pass({name!r}, {given!r}))"
            out = subprocess.run(
                [sys.executable, "-c", code], cwd=Path(__file__).parent, capture_output=True, text=True
            )
            sys.stderr.write(out.stderr)  # a refused page, or why the pass failed
            if out.returncode != 0:
                raise SystemExit(f"{name}: the timed pass failed (exit {out.returncode})")
            times[with_rules].append(float(out.stdout.split()[-1]))
    return statistics.median(times[False]), statistics.median(times[True])


def f1(name: str, results: dict) -> float:
    """F1 of the results' texts by the shared scorer's own functions (score.py rounds to 3 places)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "bench" / "score.py")
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    gold = json.loads((SHARED / "bench" / name / "ground-truth.json").read_text(encoding="utf-8"))
    rows = [
        score.page_counts(item.get("articleBody", ""), results[k].text if k in results else "")
        for k, item in sorted(gold.items())
    ]
    p = statistics.mean(score.precision(*c) for c in rows if c[0] + c[1] > 0)
    r = statistics.mean(score.recall(*c) for c in rows if c[0] + c[2] > 0)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(SHARED / "ftr-site-config"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sets", nargs="+", choices=SETS, default=SETS)
    parser.add_argument(
        "--collect",
        action="store_true",
        help="run Python's garbage collector before each timed clean, outside the timing",
    )
    parser.add_argument(
        "--processes",
        action="store_true",
        help="time each configuration cleaning every page once in fresh processes (as a crawl does)",
    )
    args = parser.parse_args()
    plain, ftr = Options(), Options(rules_dirs=(args.rules,))
    for name in args.sets:
        data = pages(name)
        times: dict[str, list[float]] = {"plain": [], "ftr": []}
        for _ in range(1 if args.processes else args.runs):
            (base, with_rules), (t0, t1) = run(data, (plain, ftr), args.collect)
            times["plain"].append(t0)
            times["ftr"].append(t1)
        a, b = f1(name, base), f1(name, with_rules)
        t0, t1 = statistics.median(times["plain"]), statistics.median(times["ftr"])
        if args.processes:
            t0, t1 = in_processes(name, args.rules, args.runs)
        touched = sum(1 for r in with_rules.values() if any(":" in x.rule for x in r.removed))
        body = sum(1 for r in with_rules.values() if r.extractor == "site-rule")
        print(
            f"{name:12s} pages {len(data):4d}  F1 {a:.4f} -> {b:.4f} ({b - a:+.4f})  "
            f"ms/page {1000 * t0 / len(data):6.1f} -> {1000 * t1 / len(data):6.1f} ({100 * (t1 / t0 - 1):+.1f} %)  "
            f"pages with a FiveFilters removal {touched}, body found by a site rule {body}"
        )


if __name__ == "__main__":
    main()
