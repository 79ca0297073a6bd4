"""Benchmark the HTML engine against trafilatura (and readability-lxml) in one process.

    .venv/bin/python bench/html_bench.py [--out DIR] [--peers trafilatura,readability]
                                         [--repeat N] [--half even|odd] [--worst N]

Loads every benchmark page once (gzip decoded before any timing), runs each extractor
over all of them, prints pages/s and MB/s side by side and how many pages took each
extractor path, writes ``DIR/<name>/<id>.txt`` and scores each directory with the shared
``score.py``. ``--half`` scores only the even- or odd-indexed pages (sorted ids) so rules can
be tuned on one half and checked on the other. Peers come from requirements-bench.txt.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
PAGES_DIR = BENCH / "scrapinghub" / "html"
GOLD = BENCH / "scrapinghub" / "ground-truth.json"
SCORE = BENCH / "score.py"


def load_pages() -> dict[str, str]:
    """Every page id -> decoded markup, sorted by id."""
    return {
        p.name.removesuffix(".html.gz"): gzip.decompress(p.read_bytes()).decode("utf-8")
        for p in sorted(PAGES_DIR.glob("*.html.gz"))
    }


def ours(markup: str) -> tuple[str, str]:
    """Body text and extractor path of the whole pipeline, ``cleanup.clean`` (what users get)."""
    from cleanup import clean

    result = clean(markup)
    return result.text, result.extractor


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
    "cleanup": ours,
    "trafilatura": trafilatura_peer,
    "readability": readability_peer,
}


def run(name: str, pages: dict[str, str], out: Path, repeat: int) -> tuple[float, collections.Counter]:
    """Best-of-``repeat`` seconds for all pages; writes outputs; counts extractor paths."""
    fn = EXTRACTORS[name]
    fn(next(iter(pages.values())))  # warm imports outside the timing
    best, paths, results = float("inf"), collections.Counter(), {}
    for _ in range(repeat):
        start = time.perf_counter()
        results = {pid: fn(markup) for pid, markup in pages.items()}
        best = min(best, time.perf_counter() - start)
    target = out / name
    target.mkdir(parents=True, exist_ok=True)
    for pid, (text, path) in results.items():
        (target / f"{pid}.txt").write_text(text, encoding="utf-8")
        paths[path] += 1
    return best, paths


def half_scores(pred_dir: Path, ids: list[str]) -> str:
    """F1/precision/recall over ``ids`` only, with score.py's own functions."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = [score.page_counts(gold[i]["articleBody"], score.read_prediction(pred_dir, i) or "") for i in ids]
    p = sum(score.precision(*c) for c in rows if c[0] + c[1] > 0) / max(1, len(rows))
    r = sum(score.recall(*c) for c in rows if c[0] + c[2] > 0) / max(1, len(rows))
    return f"F1 {2 * p * r / (p + r) if p + r else 0:.3f}  precision {p:.3f}  recall {r:.3f}"


def main() -> int:
    """Run, time, write and score every requested extractor."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/html_bench"))
    parser.add_argument("--peers", default="trafilatura", help="comma list, '' for none")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timed runs")
    parser.add_argument("--half", choices=("even", "odd"), help="score one half of the pages")
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    pages = load_pages()
    megabytes = sum(len(m.encode("utf-8")) for m in pages.values()) / 1e6
    names = ["cleanup", *[p for p in args.peers.split(",") if p]]
    print(f"{len(pages)} pages, {megabytes:.1f} MB decoded")
    calls = count_readability_calls()
    for name in names:
        seconds, paths = run(name, pages, args.out, args.repeat)
        print(
            f"{name:12s} {len(pages) / seconds:7.1f} pages/s {megabytes / seconds:6.2f} MB/s  "
            f"paths: {dict(sorted(paths.items()))}"
        )
        if name == "cleanup":
            runs = args.repeat * len(pages) + 1  # +1: the warm-up call
            print(f"{'':12s} readability adapter consulted {calls[0]} times in {runs} extractions")
    ids = list(pages)
    for name in names:
        print(f"\n== {name}")
        if args.half:
            chosen = ids[args.half == "odd" :: 2]
            print(f"{args.half} half ({len(chosen)} pages): {half_scores(args.out / name, chosen)}")
        else:
            cmd = [sys.executable, str(SCORE), str(args.out / name), "--worst", str(args.worst)]
            print(subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
