"""Benchmark the HTML engine against trafilatura and readability-lxml in one process.

    python bench/html_bench.py [--sets scrapinghub,readability,portal] [--peers trafilatura,readability]
                               [--repeat N] [--half even|odd] [--worst N] [--profile N] [--out DIR]

Loads every page of each set once (decoded by cleanup's own decoder before any
timing), runs each extractor over all of them and prints, per set and in one run:
pages/s and MB/s of lxml's parse alone (the floor of any lxml-based tool),
cleanup and each peer, cleanup's ratio to each (the machine's speed drifts 10-20 %
between runs; the ratios of one run do not), cleanup's time split by stage
(bench/html_stages.py, in a run of its own), the process's peak RSS, and how many
pages took each extractor path. Outputs go to ``DIR/<set>/<name>/<id>.txt`` and
each directory is scored with the shared ``score.py``. ``--half`` scores only the
even- or odd-indexed pages (sorted ids) so rules can be tuned on one half and
checked on the other. ``--profile N`` writes cProfile's top N of cleanup's run to
``DIR/<set>/profile.txt``. Peers come from requirements-bench.txt.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from html_stages import profile, stage_split

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
SETS = ("scrapinghub", "readability", "portal")
SCORE = BENCH / "score.py"


def load_pages(name: str) -> dict[str, str]:
    """Every page id of a set -> its markup decoded as cleanup decodes it, sorted by id."""
    from cleanup.input.decode import read_page

    return {
        p.name.removesuffix(".html.gz"): read_page(gzip.decompress(p.read_bytes())).text
        for p in sorted((BENCH / name / "html").glob("*.html.gz"))
    }


def ours(markup: str) -> tuple[str, str]:
    """Body text and extractor path of the whole pipeline, ``cleanup.clean`` (what users get)."""
    from cleanup import clean

    result = clean(markup)
    return result.text, result.extractor


def lxml_parse(markup: str) -> tuple[str, str]:
    """lxml's HTML parse alone, with the parser options cleanup uses: the floor for any lxml-based tool."""
    from lxml import etree

    etree.fromstring(markup, etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True))
    return "", "lxml"


def count_readability_calls() -> list[int]:
    """Wrap the readability adapter so the run can report how often it was consulted."""
    import cleanup.html.extract

    calls = [0]
    adapter = cleanup.html.extract.readability_container

    def counted(doc: object) -> object:
        calls[0] += 1
        return adapter(doc)

    cleanup.html.extract.readability_container = counted
    return calls


def trafilatura_peer(markup: str) -> tuple[str, str]:
    """trafilatura.extract with its defaults except comments, which the gold leaves out."""
    import trafilatura

    return trafilatura.extract(markup, include_comments=False) or "", "trafilatura"


def readability_peer(markup: str) -> tuple[str, str]:
    """readability-lxml summary, text only."""
    import lxml.html
    from readability import Document

    html = Document(markup).summary(html_partial=True)
    return lxml.html.fromstring(html).text_content(), "readability"


EXTRACTORS: dict[str, Callable[[str], tuple[str, str]]] = {
    "lxml": lxml_parse,
    "cleanup": ours,
    "trafilatura": trafilatura_peer,
    "readability": readability_peer,
}


def run(names: list[str], pages: dict[str, str], out: Path, repeat: int) -> list[dict[str, Timing]]:
    """CPU and wall seconds of each extractor over all pages, per repeat; writes outputs.

    The extractors take turns page by page, so a change in the machine's load (it is
    shared) falls on all of them alike; CPU time (``time.process_time``) is what the
    ratios use, since other processes' load inflates wall time unevenly.
    """
    fns = {name: EXTRACTORS[name] for name in names}
    for fn in fns.values():
        fn(next(iter(pages.values())))  # warm imports outside the timing
    runs, results = [], {name: dict[str, tuple[str, str]]() for name in names}
    for _ in range(repeat):
        cpu, wall = dict.fromkeys(names, 0.0), dict.fromkeys(names, 0.0)
        for pid, markup in pages.items():
            for name, fn in fns.items():
                start_cpu, start_wall = time.process_time(), time.perf_counter()
                results[name][pid] = fn(markup)
                cpu[name] += time.process_time() - start_cpu
                wall[name] += time.perf_counter() - start_wall
        runs.append({name: Timing(cpu[name], wall[name]) for name in names})
    for name in names:
        paths = collections.Counter(path for _, path in results[name].values())
        runs[-1][name] = runs[-1][name]._replace(paths=paths)
        if name != "lxml":
            (out / name).mkdir(parents=True, exist_ok=True)
            for pid, (text, _) in results[name].items():
                (out / name / f"{pid}.txt").write_text(text, encoding="utf-8")
    return runs


class Timing(NamedTuple):
    """Seconds one extractor took for all pages, and how many pages took each extractor path."""

    cpu: float
    wall: float
    paths: collections.Counter | None = None


def ratios(timings: dict[str, Timing]) -> str:
    """cleanup's speed as a multiple of each other extractor's, by CPU time (and by wall time)."""
    ours_cpu, ours_wall = timings["cleanup"].cpu, timings["cleanup"].wall
    return "  ".join(
        f"{t.cpu / ours_cpu:.2f}x {peer} (wall {t.wall / ours_wall:.2f}x)"
        for peer, t in timings.items()
        if peer != "cleanup"
    )


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cleanup_peak_rss_mib(pages: list[str]) -> float:
    """Peak resident memory of a forked child that cleans every page once: cleanup's own
    peak with the pages loaded, apart from the peers this process also runs."""
    pid = os.fork()
    if pid == 0:  # the child: clean, then leave without running the parent's exit handlers
        for markup in pages:
            ours(markup)
        os._exit(0)
    return os.wait4(pid, 0)[2].ru_maxrss / 1024


def half_scores(gold_path: Path, pred_dir: Path, ids: list[str]) -> str:
    """F1/precision/recall over ``ids`` only, with score.py's own functions."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rows = [score.page_counts(gold[i]["articleBody"], score.read_prediction(pred_dir, i) or "") for i in ids]
    p = sum(score.precision(*c) for c in rows if c[0] + c[1] > 0) / max(1, len(rows))
    r = sum(score.recall(*c) for c in rows if c[0] + c[2] > 0) / max(1, len(rows))
    return f"F1 {2 * p * r / (p + r) if p + r else 0:.3f}  precision {p:.3f}  recall {r:.3f}"


def bench_set(name: str, args: argparse.Namespace, names: list[str], calls: list[int]) -> None:
    """Time, split, write and score every extractor on one dev set."""
    pages = load_pages(name)
    megabytes = sum(len(m.encode("utf-8")) for m in pages.values()) / 1e6
    out = args.out / name
    print(f"== {name}: {len(pages)} pages, {megabytes:.1f} MB decoded; peak RSS {peak_rss_mib():.0f} MiB")
    alone = cleanup_peak_rss_mib(list(pages.values()))  # forked before the peers run (on the first set: load)
    before = calls[0]
    runs = run(names, pages, out, args.repeat)
    best = {n: Timing(min(r[n].cpu for r in runs), min(r[n].wall for r in runs), runs[-1][n].paths) for n in names}
    for extractor, timing in best.items():
        shown = f"  paths: {dict(sorted(timing.paths.items()))}" if extractor != "lxml" and timing.paths else ""
        print(
            f"{extractor:12s} {len(pages) / timing.cpu:7.1f} pages/s {megabytes / timing.cpu:6.2f} MB/s "
            f"(CPU time, best of {len(runs)}; wall {len(pages) / timing.wall:.1f} pages/s){shown}"
        )
    count = args.repeat * len(pages) + 1  # +1: the warm-up call
    print(f"{'':12s} cleanup's readability adapter consulted {calls[0] - before} times in {count} extractions")
    print(f"{'':12s} peak RSS: cleanup alone {alone:.0f} MiB, this process (all extractors) {peak_rss_mib():.0f} MiB")
    print(f"cleanup vs   {ratios(best)}  (best of {len(runs)})")
    if len(runs) > 1:
        print(f"{'':12s} {ratios(runs[0])}  (first run: cleanup's caches start cold)")
    print(f"stages (ms per page): {stage_split(ours, list(pages.values()))}")
    if args.profile:
        profile(ours, list(pages.values()), args.profile, out / "profile.txt")
        print(f"profile: {out / 'profile.txt'}")
    for extractor in (n for n in names if n != "lxml"):
        print(f"\n-- {name} {extractor}")
        score(name, out / extractor, list(pages), args)
    print()


def score(name: str, pred_dir: Path, ids: list[str], args: argparse.Namespace) -> None:
    """Print the shared score.py's figures for one output directory."""
    gold = BENCH / name / "ground-truth.json"
    if args.half:
        chosen = ids[args.half == "odd" :: 2]
        print(f"{args.half} half ({len(chosen)} pages): {half_scores(gold, pred_dir, chosen)}")
        return
    cmd = [sys.executable, str(SCORE), str(pred_dir), "--gold", str(gold), "--worst", str(args.worst)]
    print(subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.rstrip())


def main() -> int:
    """Run, time, split, write and score every requested extractor on every requested set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/html_bench"))
    parser.add_argument("--sets", default="scrapinghub", help=f"comma list of {', '.join(SETS)}")
    parser.add_argument("--peers", default="trafilatura", help="comma list, '' for none")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timed runs")
    parser.add_argument("--half", choices=("even", "odd"), help="score one half of the pages")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="write cProfile's top N functions")
    args = parser.parse_args()
    names = ["lxml", "cleanup", *[p for p in args.peers.split(",") if p]]
    calls = count_readability_calls()
    for name in args.sets.split(","):
        bench_set(name, args, names, calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
