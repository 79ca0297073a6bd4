#!/usr/bin/env python3
"""Score cleanup on the shared benchmark, end to end, and time it.

    python bench/quality.py text            # the 181 full-page text dumps
    python bench/quality.py html            # the 181 HTML pages (gzip)
    python bench/quality.py text --out DIR  # keep the outputs (default: a temp dir)
    python bench/quality.py text --runs 5   # speed: the median of 5 runs, one process each

Writes one ``<id>.txt`` per page holding ``Result.text`` (the body: the gold
has no headline and no captions), then runs ``../shared/bench/score.py`` on
the directory. Timing covers ``clean()`` only: files are read into memory
first, so the figure is the library's throughput, not the disk's.

Each timed run is a fresh process that cleans every page once, so nothing
one run learned (the line-rule verdicts it remembers) helps the next. The
machine's speed drifts by 10 % or more between runs: ``--runs N`` reports
the median and the range of N runs.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402


def load(kind: str) -> list[tuple[str, bytes]]:
    """(page id, raw bytes) for every benchmark page of ``kind``, decompressed."""
    if kind == "text":
        return [(p.stem, p.read_bytes()) for p in sorted((BENCH / "scrapinghub" / "text").glob("*.txt"))]
    return [
        (p.name.split(".")[0], gzip.decompress(p.read_bytes()))
        for p in sorted((BENCH / "scrapinghub" / "html").glob("*.html.gz"))
    ]


def timed_run(pages: list[tuple[str, bytes]]) -> tuple[dict, float, float]:
    """Results by page id, and wall and CPU seconds of cleaning every page once."""
    # Warm-up outside the timing, on pages that are not in the benchmark: imports,
    # the rule registry and the site files load once per process, not per page.
    clean("Warm-up page.\n\nThe council met on Tuesday and voted to close the old bridge for repairs.\n")
    clean("<html><body><p>The council met on Tuesday and voted to close the bridge.</p></body></html>")
    start, cpu_start = time.perf_counter(), time.process_time()
    results = {page_id: clean(data) for page_id, data in pages}
    return results, time.perf_counter() - start, time.process_time() - cpu_start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("text", "html"))
    parser.add_argument("--out", type=Path, help="directory for the outputs (kept)")
    parser.add_argument("--worst", type=int, default=10, help="list the N lowest-F1 pages")
    parser.add_argument("--runs", type=int, default=1, help="timed runs, each in its own process (median reported)")
    parser.add_argument("--time-only", action="store_true", help=argparse.SUPPRESS)  # one timed run, as JSON
    args = parser.parse_args()
    pages = load(args.kind)
    if args.time_only:
        print(json.dumps(timed_run(pages)[1:]))
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix=f"cleanup-{args.kind}-"))
    out.mkdir(parents=True, exist_ok=True)
    size = sum(len(data) for _, data in pages)
    results, elapsed, cpu = timed_run(pages)
    extractors = collections.Counter()
    for page_id, result in results.items():
        extractors[result.extractor] += 1
        (out / f"{page_id}.txt").write_text(result.text, encoding="utf-8")
    if args.runs > 1:  # this run made the outputs; the figures come from N fresh processes
        command = [sys.executable, __file__, args.kind, "--time-only"]
        times = [
            json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            for _ in range(args.runs)
        ]
        elapsed, cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
        fastest, slowest = min(t[0] for t in times), max(t[0] for t in times)
        print(
            f"{args.kind}: {len(pages)} pages, {size / 1e6:.2f} MB; median of {args.runs} runs, one process each: "
            f"{elapsed:.3f} s, {len(pages) / elapsed:.1f} pages/s, {size / 1e6 / elapsed:.1f} MB/s "
            f"(runs {size / 1e6 / slowest:.1f}-{size / 1e6 / fastest:.1f} MB/s; "
            f"CPU time {cpu:.3f} s: {size / 1e6 / cpu:.1f} MB/s)"
        )
    else:
        print(
            f"{args.kind}: {len(pages)} pages, {size / 1e6:.2f} MB in {elapsed:.2f} s: "
            f"{len(pages) / elapsed:.1f} pages/s, {size / 1e6 / elapsed:.1f} MB/s "
            f"(CPU time {cpu:.2f} s: {size / 1e6 / cpu:.1f} MB/s)"
        )
    print("extractor paths: " + ", ".join(f"{k} {v}" for k, v in sorted(extractors.items())))
    print(f"outputs in {out}")
    score = subprocess.run(
        [sys.executable, str(BENCH / "score.py"), str(out), "--worst", str(args.worst)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(score.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
