#!/usr/bin/env python3
"""Text-mode speed against boilerpy3, in one process and run, as MB/s of input and their ratio.

    python bench/text_bench.py                  # one run: MB/s of each, the ratios, the split by stage
    python bench/text_bench.py --runs 5         # 5 fresh processes, alternating order: the median ratios
    python bench/text_bench.py --profile 30     # also a cProfile of cleanup's pass, top 30 by own time
    python bench/text_bench.py --set portal     # another shared set (default: scrapinghub)
    python bench/text_bench.py --passes         # each extractor over every page, then the next

What is compared (every input read into memory first; timing covers the
extraction calls only):

- ``cleanup``: ``clean()`` on each text dump (``SET/text/*.txt``, bytes as on
  disk), the whole pipeline users get. MB/s = the dumps' bytes / seconds.
- ``boilerpy3-dumps``: boilerpy3 1.0.7 ``ArticleExtractor`` on the *same
  dumps*, each non-blank line given as one ``<p>`` (boilerpy3 reads HTML only;
  a dump given as it is comes out empty). MB/s = the same dumps' bytes /
  seconds. This is the like-for-like text peer: same pages, same bytes.
- ``boilerpy3-html``: boilerpy3's ``ArticleExtractor`` on the set's HTML
  pages (``SET/html/*.html.gz``, decoded first). MB/s = the HTML's bytes /
  seconds. HTML is ~19x larger than its dump, so this ratio says how fast we
  get through a page's text against how fast boilerpy3 gets through its
  markup; it is not the same work.

Each extractor sees every page once after warm-up calls on the seed dump and
the golden fixtures' dumps (in no dev set: the patterns compiled at first use are not
timed, as over a crawl), so nothing a first pass memoised (cleanup keeps line
verdicts by text) helps a second.
The three calls take turns page by page and are timed in CPU seconds of
this process (``time.process_time``): a change in the machine's load, or
time spent waiting for a core other jobs hold, hits all three alike or not
at all. ``--passes`` times each extractor's whole pass instead, as a cross-check
(it gave the same ratio, 1.39x against 1.48x, with a wider spread). ``--runs N`` repeats the run in N
fresh processes, alternating which extractor goes first: only ratios taken
in the same run mean anything.

The split by stage and the profile each run in a fresh process of their
own (cleanup's memos start empty, as in the timed run), with timers wrapped
around each stage (own time: a stage's time leaves out the stages it calls)
or under cProfile, so they are slower than the timed run: read their shares,
not their seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import html
import inspect
import json
import logging
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402

# The warm-up pages: the seed dump and the golden fixtures' text dumps (in no dev set), so that the
# patterns and phrase indexes cleanup builds at first use (the date-line RE2 alone takes 9 ms, and
# the seed holds no line that asks for it) are not timed as if each page paid for them, as a crawl
# of thousands does not. boilerpy3 warms up on the same pages as <p>s.
SEED = ROOT.parent / "shared" / "seed" / "rollcall-obama-hollande.txt"
WARM_TEXTS = [
    *([SEED.read_bytes()] if SEED.exists() else [b"Warm-up page.\n\nThe council met on Tuesday.\n"]),
    *(path.read_bytes() for path in sorted((ROOT / "fixtures").glob("*/input.txt"))),
]


def load(name: str) -> tuple[list[bytes], list[str]]:
    """The set's text dumps (bytes) and HTML pages, each sorted by id (one of each per id).

    The HTML is decoded as UTF-8, U+FFFD for a byte that is not (a few
    portal pages are cp1252): boilerpy3 takes text, not bytes.
    """
    dumps = [p.read_bytes() for p in sorted((BENCH / name / "text").glob("*.txt"))]
    raw = sorted((BENCH / name / "html").glob("*.html.gz"))
    if len(raw) != len(dumps):
        raise SystemExit(f"{name}: {len(dumps)} dumps but {len(raw)} HTML pages")
    return dumps, [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in raw]


def as_paragraphs(dump: bytes) -> str:
    """A dump as HTML boilerpy3 can read: one ``<p>`` per non-blank line."""
    lines = dump.decode("utf-8", "replace").splitlines()
    return "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines if t.strip()) + "</body></html>"


def boilerpy3() -> Callable[[str], str]:
    """boilerpy3's ArticleExtractor, its parse-error log silenced (it logs a traceback per bad page)."""
    from boilerpy3 import extractors

    logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)
    return extractors.ArticleExtractor(raise_on_failure=False).get_content


def timed(fn: Callable, item: object) -> float:
    """CPU seconds of this process in one call of ``fn``."""
    start = time.process_time()
    fn(item)
    return time.process_time() - start


def one_run(name: str, boilerpy_first: bool, passes: bool = False) -> dict[str, float]:
    """MB/s of cleanup and of boilerpy3 on dumps and HTML, in this process, after one warm-up call each.

    Page by page, the three calls in turn, so a change in the machine's load
    hits all three alike (``passes``: each extractor over every page, then the
    next). CPU time: time spent waiting for a core other jobs hold is not counted.
    """
    dumps, pages = load(name)
    wrapped = [as_paragraphs(d) for d in dumps]
    peer = boilerpy3()
    for warm in WARM_TEXTS:
        clean(warm)
        peer(as_paragraphs(warm))
    calls: list[tuple[str, Callable, list]] = [("cleanup", clean, dumps)]
    peers = [("boilerpy3-dumps", peer, wrapped), ("boilerpy3-html", peer, pages)]
    calls = [*peers, *calls] if boilerpy_first else [*calls, *peers]
    seconds = dict.fromkeys((label for label, _, _ in calls), 0.0)
    if passes:
        for label, fn, inputs in calls:
            seconds[label] = timed(lambda items, f=fn: [f(x) for x in items], inputs)
    for k in range(0 if passes else len(dumps)):
        for label, fn, inputs in calls:
            seconds[label] += timed(fn, inputs[k])
    dump_mb = sum(map(len, dumps)) / 1e6
    html_mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    return {
        "pages": len(dumps),
        "dump_mb": dump_mb,
        "html_mb": html_mb,
        "cleanup": dump_mb / seconds["cleanup"],
        "boilerpy3-dumps": dump_mb / seconds["boilerpy3-dumps"],
        "boilerpy3-html": html_mb / seconds["boilerpy3-html"],
    }


def ratios(run: dict[str, float]) -> tuple[float, float]:
    """cleanup's MB/s over boilerpy3's, on the dumps and on the HTML."""
    return run["cleanup"] / run["boilerpy3-dumps"], run["cleanup"] / run["boilerpy3-html"]


def report(run: dict[str, float]) -> None:
    """One run's MB/s and ratios."""
    dumps, pages = ratios(run)
    print(f"{run['pages']:.0f} pages: {run['dump_mb']:.2f} MB of dumps, {run['html_mb']:.2f} MB of HTML")
    print(f"cleanup (text mode, dumps)      {run['cleanup']:6.2f} MB/s")
    print(f"boilerpy3 (same dumps as <p>)   {run['boilerpy3-dumps']:6.2f} MB/s   cleanup = {dumps:.2f}x")
    print(f"boilerpy3 (the HTML pages)      {run['boilerpy3-html']:6.2f} MB/s   cleanup = {pages:.2f}x")


def fresh_runs(name: str, count: int, passes: bool) -> None:
    """``count`` fresh processes, alternating order; each run and the median ratios."""
    found: list[tuple[float, float]] = []
    for k in range(count):
        order = ["--boilerpy-first"] if k % 2 else []
        command = [sys.executable, __file__, "--set", name, "--json", *order, *(["--passes"] if passes else [])]
        run = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        found.append(ratios(run))
        dumps, pages = found[-1]
        print(f"run {k + 1}: cleanup {run['cleanup']:.2f} MB/s, {dumps:.2f}x (same dumps), {pages:.2f}x (HTML)")
    print(
        f"median of {count}: cleanup = {statistics.median(r[0] for r in found):.2f}x boilerpy3 on the same dumps, "
        f"{statistics.median(r[1] for r in found):.2f}x boilerpy3's MB/s on the HTML pages"
    )


STAGES: dict[str, tuple[str, ...]] = {  # label -> "module:attribute" of the functions it times
    "decode": ("cleanup.pipeline:read_page",),
    "split into lines": ("cleanup.pipeline:stripped_lines",),
    "site choice": ("cleanup.pipeline:choose_site",),
    "coarse window": ("cleanup.text.window:coarse_bounds",),
    "units": ("cleanup.text.window:units", "cleanup.pipeline:units", "cleanup.pipeline:Units"),
    "line rules": ("cleanup.pipeline:apply_line_rules",),
    "chrome-phrase": ("cleanup.pipeline:apply_phrase_rule",),
    "headline (find_title)": ("cleanup.pipeline:find_title",),
    "article finder: article_bounds": ("cleanup.text.article:article_bounds",),
    "article finder: bio_start": ("cleanup.text.article_end:bio_start",),
    "result: language detect/pick": ("cleanup.lang:detect", "cleanup.lang:pick"),
    "result: metadata, removals": ("cleanup.pipeline:build_result",),
}


class StageTimer:
    """Own time per stage: a wrapped call's time, less that of the wrapped calls it makes."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self._inner: list[float] = []

    def wrap(self, label: str, fn: Callable) -> Callable:
        """``fn`` timed under ``label``; a generator's items are taken inside the timer."""

        def timed_call(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            self._inner.append(0.0)
            try:
                result = fn(*args, **kwargs)
                return list(result) if inspect.isgenerator(result) else result
            finally:
                spent = time.perf_counter() - start
                self.own[label] = self.own.get(label, 0.0) + spent - self._inner.pop()
                if self._inner:
                    self._inner[-1] += spent

        return timed_call

    def install(self) -> None:
        """Wrap every STAGES function where it is looked up, and each block rule (by rule name)."""
        import importlib

        from cleanup.rules import BLOCK_RULES

        for label, targets in STAGES.items():
            for target in targets:
                module_name, attribute = target.split(":")
                module = importlib.import_module(module_name)
                setattr(module, attribute, self.wrap(label, getattr(module, attribute)))
        for rule in BLOCK_RULES:  # rules hash by identity: a new func leaves the rule tables' keys alone
            object.__setattr__(rule, "func", self.wrap(f"block rule {rule.name}", rule.func))


def stages_child(name: str) -> None:
    """cleanup's pass over the dumps with every stage timed (run in a fresh process)."""
    dumps, _ = load(name)
    timer = StageTimer()
    timer.install()
    for warm in WARM_TEXTS:
        clean(warm)
    timer.own.clear()
    total = timer.wrap("other (glue, Verdicts, page chrome removals)", clean)
    start = time.perf_counter()
    for data in dumps:
        total(data)
    wall = time.perf_counter() - start
    print(f"cleanup's time by stage ({len(dumps)} dumps, {wall:.2f} s with timers; own time, largest first):")
    for label, seconds in sorted(timer.own.items(), key=lambda kv: -kv[1]):
        print(f"  {label:48s} {seconds:6.3f} s {100 * seconds / wall:5.1f} %")


def profile_child(name: str, top: int) -> None:
    """cProfile of cleanup's pass over the dumps (run in a fresh process), top N by own time."""
    dumps, _ = load(name)
    for warm in WARM_TEXTS:
        clean(warm)
    profiler = cProfile.Profile()
    profiler.enable()
    for data in dumps:
        clean(data)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def child(name: str, *flags: str) -> None:
    """Run this script with ``flags`` in a fresh process and print what it prints."""
    command = [sys.executable, __file__, "--set", name, *flags]
    print(subprocess.run(command, capture_output=True, text=True, check=True).stdout.rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", default="scrapinghub", help="scrapinghub, readability or portal")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes; the median ratios")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile top N (own time)")
    parser.add_argument("--no-stages", action="store_true", help="skip the split by stage")
    parser.add_argument("--passes", action="store_true", help="time whole passes, not pages in turn")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--boilerpy-first", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=("stages", "profile"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(one_run(args.set, args.boilerpy_first, args.passes)))
        return 0
    if args.child:
        stages_child(args.set) if args.child == "stages" else profile_child(args.set, args.profile)
        return 0
    if args.runs > 1:
        fresh_runs(args.set, args.runs, args.passes)
    else:
        report(one_run(args.set, args.boilerpy_first, args.passes))
    if not args.no_stages:
        print()
        child(args.set, "--child", "stages")
    if args.profile:
        print()
        child(args.set, "--child", "profile", "--profile", str(args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
