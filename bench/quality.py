#!/usr/bin/env python3
"""Score cleanup on the three shared dev sets, in both modes, and time it.

    python bench/quality.py                     # every set, text and HTML: F1, precision, recall, pages/s
    python bench/quality.py text                # text dumps only (html: HTML pages only)
    python bench/quality.py --sets portal       # one set (scrapinghub, readability, portal; comma-separated)
    python bench/quality.py text --out DIR      # keep the outputs: DIR/<set>-<mode>/<id>.txt
    python bench/quality.py text --runs 9       # speed on ScrapingHub: the median of 9 runs, one process each
    python bench/quality.py --json              # the figures as JSON
    python bench/quality.py --update-floors     # re-pin the quality gate's floors (tests/quality_floors.json)

Writes one ``<id>.txt`` per page holding ``Result.text`` (the body: the gold
has no headline and no captions), then runs the shared ``score.py`` on the
directory. Timing covers ``clean()`` only: files are read into memory first,
so the figure is the library's throughput, not the disk's.

Each timed run of ``--runs N`` is a fresh process that cleans every page once,
so nothing one run learned (the line-rule verdicts it remembers) helps the
next. The machine's speed drifts by 10 % or more between runs: ``--runs N``
reports the median and the range of N runs.
"""

from __future__ import annotations

import argparse
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
SETS = ("scrapinghub", "readability", "portal")
FLOORS = ROOT / "tests" / "quality_floors.json"
FLOOR_MARGIN = 0.002  # floors sit this far under the measured figure: rounding, not a licence to regress
MODES = ("text", "html")
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402


def load(name: str, mode: str) -> list[tuple[str, bytes]]:
    """(page id, raw bytes) of every page of one set in one mode, decompressed, sorted by id."""
    if mode == "text":
        return [(p.stem, p.read_bytes()) for p in sorted((BENCH / name / "text").glob("*.txt"))]
    return [
        (p.name.removesuffix(".html.gz"), gzip.decompress(p.read_bytes()))
        for p in sorted((BENCH / name / "html").glob("*.html.gz"))
    ]


def warm_up() -> None:
    """Imports, the rule registry and the site files load once per process, outside any timing."""
    clean("Warm-up page.\n\nThe council met on Tuesday and voted to close the old bridge for repairs.\n")
    clean("<html><body><p>The council met on Tuesday and voted to close the bridge.</p></body></html>")


def timed_run(pages: list[tuple[str, bytes]]) -> tuple[dict[str, str], float, float]:
    """Body text by page id, and wall and CPU seconds of cleaning every page once."""
    warm_up()
    start, cpu_start = time.perf_counter(), time.process_time()
    texts = {page_id: clean(data).text for page_id, data in pages}
    return texts, time.perf_counter() - start, time.process_time() - cpu_start


def score(out: Path, name: str, worst: int = 0) -> tuple[dict[str, float], str]:
    """F1, precision and recall of the outputs in ``out`` against the set's gold, and score.py's report."""
    gold = BENCH / name / "ground-truth.json"
    command = [sys.executable, str(BENCH / "score.py"), str(out), "--gold", str(gold), "--worst", str(worst)]
    report = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in report.splitlines() if x.startswith("F1"))
    parts = line.split()
    return {"f1": float(parts[1]), "precision": float(parts[3]), "recall": float(parts[5])}, report


def measure(name: str, mode: str, out: Path, worst: int = 0) -> dict[str, float]:
    """Clean one set in one mode into ``out`` and score it."""
    pages = load(name, mode)
    texts, elapsed, _ = timed_run(pages)
    out.mkdir(parents=True, exist_ok=True)
    for page_id, text in texts.items():
        (out / f"{page_id}.txt").write_text(text, encoding="utf-8")
    figures, report = score(out, name, worst)
    if worst:
        print(report, end="")
    return {**figures, "pages": len(pages), "pages_per_s": len(pages) / elapsed}


def speed_runs(mode: str, runs: int) -> str:
    """Median and range of ``runs`` timed runs on ScrapingHub, each in a fresh process."""
    command = [sys.executable, __file__, mode, "--time-only"]
    times = [
        json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout) for _ in range(runs)
    ]
    size = sum(len(data) for _, data in load("scrapinghub", mode)) / 1e6
    elapsed, cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
    fastest, slowest = min(t[0] for t in times), max(t[0] for t in times)
    return (
        f"{mode}: scrapinghub, {size:.2f} MB; median of {runs} runs, one process each: {elapsed:.3f} s, "
        f"{181 / elapsed:.1f} pages/s, {size / elapsed:.1f} MB/s (runs {size / slowest:.1f}-{size / fastest:.1f} "
        f"MB/s; CPU time {cpu:.3f} s)"
    )


def update_floors(figures: dict[str, dict[str, float]], allow_regression: bool) -> list[str]:
    """Write the gate's floors from ``figures``; refuse to lower one unless ``allow_regression``.

    Like trafilatura's eval gate: a floor is raised when the figures rise, and
    lowered only on purpose (with the reason in the commit message).
    """
    old = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    new, lowered = dict(old), []  # sets not measured this time keep their floors
    for key, f in sorted(figures.items()):
        floor = {m: round(f[m] - FLOOR_MARGIN, 3) for m in ("f1", "recall")}
        for metric, value in floor.items():
            before = old.get(key, {}).get(metric)
            if before is not None and value < before:
                lowered.append(f"{key} {metric}: {before} -> {value}")
                floor[metric] = value if allow_regression else before
        new[key] = floor
    FLOORS.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return lowered


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=MODES, help="one mode only (default: both)")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated dev sets (default: all three)")
    parser.add_argument("--out", type=Path, help="keep the outputs under DIR/<set>-<mode>/")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages of each set and mode")
    parser.add_argument("--runs", type=int, default=0, help="speed: N timed runs on ScrapingHub, one process each")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--update-floors", action="store_true", help="re-pin tests/quality_floors.json")
    parser.add_argument("--allow-regression", action="store_true", help="with --update-floors: may lower a floor")
    parser.add_argument("--time-only", action="store_true", help=argparse.SUPPRESS)  # one timed run, as JSON
    args = parser.parse_args()
    modes = (args.mode,) if args.mode else MODES
    if args.time_only:
        print(json.dumps(timed_run(load("scrapinghub", modes[0]))[1:]))
        return 0
    root = args.out or Path(tempfile.mkdtemp(prefix="cleanup-quality-"))
    figures = {
        f"{name} {mode}": measure(name, mode, root / f"{name}-{mode}", args.worst)
        for name in args.sets.split(",")
        for mode in modes
    }
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        print(f"{'set':12} {'mode':5} {'pages':>5} {'F1':>6} {'prec.':>6} {'recall':>6} {'pages/s':>8}")
        for key, f in figures.items():
            name, mode = key.split()
            print(
                f"{name:12} {mode:5} {f['pages']:5.0f} {f['f1']:6.3f} {f['precision']:6.3f} "
                f"{f['recall']:6.3f} {f['pages_per_s']:8.1f}"
            )
        print(f"outputs in {root}")
    if args.update_floors:
        for line in update_floors(figures, args.allow_regression):
            print(("lowered: " if args.allow_regression else "kept (use --allow-regression): ") + line)
    for mode in modes if args.runs else ():
        print(speed_runs(mode, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
