"""Soak test: clean every benchmark page and a large fuzzed corpus; report crashes, time, memory.

    python bench/soak.py                      # full run: benchmark pages + 100,000 fuzzed inputs
    python bench/soak.py --count 2000         # a quick run
    python bench/soak.py --seed 4711 --dump x # rebuild one fuzzed input, clean it, save it to x
    python bench/soak.py --cli 1500           # the real CLI on fuzzed batches for 1,500 s (bench/soak_cli.py)
    python bench/soak.py --cli-seed 17 --keep x  # rebuild CLI round 17 into x/ and run it

Every fuzzed input is built from its seed alone (plus the sorted benchmark files),
so any failure printed here is reproduced with ``--seed``. Not part of the test
suite. Exit status 1 when an exception other than CleanupError escaped, an
input took longer than MAX_SECONDS, or memory grew past the bound below.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import random
import resource
import signal
import sys
import time
import traceback
import tracemalloc
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cleanup import CleanupError, clean

BENCH = Path("/work/shared/bench/scrapinghub")
MAX_SECONDS = 2.0  # per input, from the reliability issue
HANG_SECONDS = 60  # an input still running after this is reported as a hang
# Memory bound per input: tracemalloc peak (Python allocations; libxml2's own are not seen)
# at most MEMORY_FACTOR x input size + MEMORY_CONSTANT.
MEMORY_FACTOR = 10
MEMORY_CONSTANT = 32_000_000
MEMORY_SAMPLE = 97  # every 97th fuzzed input is measured with tracemalloc (it slows cleaning)

PROSE = (
    "The council voted on Tuesday to close the old bridge for repairs after engineers found cracks.",
    "“We had no choice,” the mayor said, adding that the work would take at least six months.",
    "Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux de réparation.",
    "市议会周二投票决定关闭旧桥进行维修，工程师此前在桥墩上发现了裂缝。",
)
CHROME = (
    "Home",
    "Menu",
    "Skip to content",
    "Advertisement",
    "Share this article",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "Read more",
    "Recent Stories",
    "Related:",
    "[jwp-video n=”1″]",
    "{{ article.related_links }}",
    "© 2024 Example News. All rights reserved.",
    "Photo: Reuters",
)
ODD = ("\u00a0", "\u200b", "\ufeff", "\u200d", "\u2028", "\r\n", "\r", "\t", "\x1b", "\u0301")
TAGS = (
    "div",
    "p",
    "span",
    "table",
    "tr",
    "td",
    "li",
    "ul",
    "a",
    "b",
    "section",
    "article",
    "nav",
    "footer",
    "script",
    "style",
    "svg",
    "math",
    "template",
    "iframe",
    "form",
    "select",
)
CODECS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "utf-8-sig")
MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\x1f\x8b\x08\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"<html>",
    b"GIF89a",
)


@dataclass
class Corpus:
    """Benchmark pages, decoded once per worker."""

    html: list[tuple[str, bytes]] = field(default_factory=list)
    text: list[tuple[str, bytes]] = field(default_factory=list)

    @classmethod
    def load(cls) -> Corpus:
        """Every benchmark page, in sorted order (seeds depend on it)."""
        html = [(p.name, gzip.decompress(p.read_bytes())) for p in sorted((BENCH / "html").glob("*.html.gz"))]
        text = [(p.name, p.read_bytes()) for p in sorted((BENCH / "text").glob("*.txt"))]
        return cls(html, text)


# --- fuzzed inputs: each a pure function of (seed, corpus) ----------------------------------------


def _slice(rng: random.Random, data: bytes, full: bool) -> bytes:
    if full or len(data) < 4096:
        return data
    size = rng.choice((512, 2048, 8192))
    start = rng.randrange(0, max(1, len(data) - size))
    return data[start : start + size]


def _flip(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _tag_soup(rng: random.Random, text: str) -> str:
    out = []
    for piece in text.split(">"):
        if rng.random() < 0.1:
            tag = rng.choice(TAGS)
            piece += rng.choice((f"><{tag}", f"></{tag}", f"><{tag} colspan=99999999", "><!--", "><![CDATA["))
        out.append(piece)
    return ">".join(out)


def _deep(rng: random.Random, text: str) -> str:
    depth = rng.choices((100, 500, 1500, 3000, 12000), weights=(40, 30, 20, 8, 2))[0]
    tag = rng.choice(TAGS)
    cut = rng.randrange(len(text) + 1)
    closes = f"</{tag}>" * depth if rng.random() < 0.5 else ""
    return text[:cut] + f"<{tag}>" * depth + text[cut:] + closes


def _huge_attribute(rng: random.Random, text: str) -> str:
    size = rng.choices((10_000, 100_000, 1_000_000), weights=(70, 25, 5))[0]
    cut = rng.randrange(len(text) + 1)
    value = rng.choice(("a", "nav ", 'x"', "&amp;", "é"))
    return text[:cut] + f"<div class='{value * (size // len(value))}'>" + text[cut:]


def _salt(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(ODD))
    return "".join(chars)


def _lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    op = rng.randrange(3)
    if op == 0:
        rng.shuffle(lines)
    elif op == 1 and lines:
        lines = [ln for ln in lines for _ in range(rng.choice((1, 1, 2)))]
    else:
        lines = [ln for ln in lines if rng.random() < 0.7]
    return rng.choice(("\n", "\r\n", "\r")).join(lines)


def _encode(rng: random.Random, text: str) -> bytes:
    data = text.encode(rng.choice(CODECS), errors="replace")
    r = rng.random()
    if r < 0.1:
        data = gzip.compress(data)
    elif r < 0.13:
        data = gzip.compress(data)[: rng.randrange(1, 200)]
    elif r < 0.16:
        data = rng.choice(MAGIC) + data
    return data


TEXT_MUTATIONS = (_tag_soup, _deep, _huge_attribute, _salt, _lines)


def _mutated(rng: random.Random, corpus: Corpus, html: bool) -> tuple[str, bytes | str]:
    name, page = rng.choice(corpus.html if html else corpus.text)
    full = rng.random() < 0.02
    data = _slice(rng, page, full)
    steps = [f"{'full' if full else 'slice'}:{name}"]
    if rng.random() < 0.5:
        data = data[: rng.randrange(len(data) + 1)]
        steps.append("truncate")
    if rng.random() < 0.3:
        data = _flip(rng, data)
        steps.append("flip")
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.randint(0, 2)):
        mutation = rng.choice(TEXT_MUTATIONS)
        if mutation in (_deep, _huge_attribute) and full:
            continue  # a full page plus megabytes of markup: measured by the hostile cases instead
        text = mutation(rng, text)
        steps.append(mutation.__name__.lstrip("_"))
    if rng.random() < 0.5:
        steps.append("encode")
        return "+".join(steps), _encode(rng, text)
    return "+".join(steps), text


def _synthetic(rng: random.Random) -> tuple[str, bytes | str]:
    lines = [rng.choice((rng.choice(PROSE), rng.choice(CHROME), "")) for _ in range(rng.randint(0, 80))]
    text = _salt(rng, "\n".join(lines)) if lines and rng.random() < 0.5 else "\n".join(lines)
    if rng.random() < 0.4:
        text = "".join(f"<{rng.choice(TAGS)}>{ln}" for ln in text.split("\n"))
        if rng.random() < 0.5:
            text = "<html><body>" + text
        return "synthetic-html", text
    return "synthetic-text", _encode(rng, text) if rng.random() < 0.3 else text


def _random_bytes(rng: random.Random) -> tuple[str, bytes]:
    data = rng.randbytes(rng.randrange(0, 4096))
    if rng.random() < 0.3:
        data = rng.choice(MAGIC) + data
    return "random-bytes", data


def fuzzed(seed: int, corpus: Corpus) -> tuple[str, bytes | str]:
    """The fuzzed input for ``seed``: its label (how it was made) and its data."""
    rng = random.Random(seed)
    r = rng.random()
    if r < 0.40:
        return _mutated(rng, corpus, html=True)
    if r < 0.70:
        return _mutated(rng, corpus, html=False)
    if r < 0.90:
        return _synthetic(rng)
    return _random_bytes(rng)


def hostile() -> list[tuple[str, str]]:
    """Hand-made hostile HTML pages whose time is reported one by one."""
    article = "".join(f"<p>{p}</p>" for p in PROSE)
    return [
        ("nested-10000-div", "<html><body>" + "<div>" * 10_000 + article + "</div>" * 10_000),
        ("nested-20000-unclosed", "<html><body>" + "<div><span>" * 10_000 + article),
        ("absurd-colspan", f"<html><body><table><tr><td colspan=999999999>{article}</td></tr></table>"),
        ("attribute-5mb", "<html><body><div class='" + "a" * 5_000_000 + f"'>{article}</div></body></html>"),
        ("unclosed-tags", "<html><body>" + "<p><b><i><table><tr><td>" * 2000 + article),
        ("no-body", f"<html><head><title>T</title></head>{article}"),
    ]


# --- running ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What cleaning one input did."""

    key: str  # seed number or page name
    label: str
    size: int
    seconds: float
    error: str | None = None  # "Type: message @ file:line" for an unexpected exception
    refused: str | None = None  # CleanupError class name
    peak: int | None = None  # tracemalloc peak, bytes, when measured


CORPUS: Corpus | None = None


def _init_worker() -> None:
    global CORPUS
    CORPUS = Corpus.load()
    signal.signal(signal.SIGALRM, _on_alarm)


def _on_alarm(signum: int, frame: object) -> None:
    raise TimeoutError(f"still running after {HANG_SECONDS} s")


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if "/cleanup/" in f.filename] or frames
    last = own[-1] if own else None
    return f"{Path(last.filename).name}:{last.lineno}" if last else "?"


def run_one(key: str, label: str, data: bytes | str, measure: bool) -> Outcome:
    """Clean one input, timing it and catching what escapes."""
    size = len(data)
    if measure:
        tracemalloc.start()
    signal.alarm(HANG_SECONDS)
    start = time.perf_counter()
    error = refused = None
    try:
        clean(data)
    except CleanupError as exc:
        refused = type(exc).__name__
    except Exception as exc:  # the point of the soak: anything else is a bug to report
        error = f"{type(exc).__name__}: {str(exc)[:120]} @ {_where(exc)}"
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - start
    peak = None
    if measure:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Outcome(key, label, size, seconds, error, refused, peak)


def run_seed(seed: int) -> Outcome:
    """Build and clean fuzzed input ``seed``."""
    assert CORPUS is not None
    label, data = fuzzed(seed, CORPUS)
    return run_one(str(seed), label, data, measure=seed % MEMORY_SAMPLE == 0)


def run_page(job: tuple[str, int]) -> Outcome:
    """Clean benchmark page ``index`` of ``kind`` ("html" or "text"); always measured."""
    assert CORPUS is not None
    kind, index = job
    name, data = (CORPUS.html if kind == "html" else CORPUS.text)[index]
    return run_one(name, f"bench-{kind}", data, measure=True)


def run_hostile(index: int) -> Outcome:
    """Clean hand-made hostile page ``index``."""
    name, data = hostile()[index]
    return run_one(name, "hostile", data, measure=True)


# --- report -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """Totals over all outcomes."""

    count: int = 0
    refused: Counter = field(default_factory=Counter)
    errors: dict[str, list[Outcome]] = field(default_factory=lambda: defaultdict(list))
    slow: list[Outcome] = field(default_factory=list)
    memory: list[Outcome] = field(default_factory=list)
    slowest: Outcome | None = None
    worst_memory: Outcome | None = None

    def add(self, o: Outcome) -> None:
        """Count one outcome."""
        self.count += 1
        if o.refused:
            self.refused[o.refused] += 1
        if o.error:
            self.errors[o.error].append(o)
        if o.seconds > MAX_SECONDS:
            self.slow.append(o)
        if self.slowest is None or o.seconds > self.slowest.seconds:
            self.slowest = o
        if o.peak is not None:
            if o.peak > MEMORY_FACTOR * o.size + MEMORY_CONSTANT:
                self.memory.append(o)
            if self.worst_memory is None or _excess(o) > _excess(self.worst_memory):
                self.worst_memory = o

    def failed(self) -> bool:
        """True when any of the issue's limits was broken."""
        return bool(self.errors or self.slow or self.memory)


def _excess(o: Outcome) -> int:
    """Tracemalloc peak beyond MEMORY_FACTOR x size: the input closest to the memory bound."""
    return (o.peak or 0) - MEMORY_FACTOR * o.size


def _describe(o: Outcome) -> str:
    return f"{o.key} [{o.label}] {o.size:,} chars/bytes, {o.seconds:.2f} s"


def report(title: str, t: Tally) -> None:
    """Print one section of the report."""
    print(f"\n== {title}: {t.count:,} inputs")
    print(f"refused with CleanupError: {dict(t.refused) or 0}")
    n_errors = sum(len(v) for v in t.errors.values())
    print(f"unexpected exceptions: {n_errors} ({len(t.errors)} distinct)")
    for error, outs in sorted(t.errors.items(), key=lambda kv: -len(kv[1])):
        seeds = ", ".join(o.key for o in outs[:5])
        print(f"  {len(outs):>6} x {error}\n         e.g. {seeds}")
    if t.slowest:
        print(f"slowest: {_describe(t.slowest)}")
    print(f"over {MAX_SECONDS} s: {len(t.slow)}")
    for o in sorted(t.slow, key=lambda o: -o.seconds)[:10]:
        print(f"  {_describe(o)}")
    if t.worst_memory:
        o = t.worst_memory
        print(f"closest to the memory bound: peak {o.peak:,} bytes for {_describe(o)}")
    print(f"over {MEMORY_FACTOR} x size + {MEMORY_CONSTANT:,} bytes: {len(t.memory)}")
    for o in t.memory[:10]:
        print(f"  peak {o.peak:,} for {_describe(o)}")


def _peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def soak(count: int, workers: int) -> int:
    """Run everything; return the exit status."""
    corpus = Corpus.load()
    start = time.monotonic()
    sections = {"benchmark pages": Tally(), "hostile pages": Tally(), "fuzzed inputs": Tally()}
    with multiprocessing.Pool(workers, initializer=_init_worker, maxtasksperchild=5000) as pool:
        pages = [("html", i) for i in range(len(corpus.html))] + [("text", i) for i in range(len(corpus.text))]
        for o in pool.imap_unordered(run_page, pages):
            sections["benchmark pages"].add(o)
        for o in pool.imap_unordered(run_hostile, range(len(hostile()))):
            sections["hostile pages"].add(o)
            print(f"hostile {_describe(o)}{' ' + o.error if o.error else ''}", flush=True)
        for done, o in enumerate(pool.imap_unordered(run_seed, range(count), chunksize=50), start=1):
            sections["fuzzed inputs"].add(o)
            if done % 10_000 == 0:
                print(f"... {done:,} fuzzed inputs, {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    for title, tally in sections.items():
        report(title, tally)
    own, children = _peak_rss_mb()
    print(f"\npeak RSS: workers {children:.0f} MB (largest worker), parent {own:.0f} MB")
    print(f"wall time: {time.monotonic() - start:.0f} s with {workers} workers")
    return 1 if any(t.failed() for t in sections.values()) else 0


def reproduce(seed: int, dump: Path | None) -> int:
    """Rebuild fuzzed input ``seed``, optionally save it, clean it in this process."""
    label, data = fuzzed(seed, Corpus.load())
    if dump:
        dump.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    print(f"seed {seed}: {label}, {len(data):,} {'bytes' if isinstance(data, bytes) else 'chars'}")
    start = time.perf_counter()
    try:
        result = clean(data)
    except CleanupError as exc:
        print(f"{type(exc).__name__}: {exc}")
    else:
        print(f"ok: {result.kind}/{result.extractor}, {len(result.paragraphs)} paragraphs")
    print(f"{time.perf_counter() - start:.2f} s")
    return 0


def main() -> int:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="fuzzed inputs (default 100,000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, help="reproduce one fuzzed input (traceback shown)")
    parser.add_argument("--dump", type=Path, help="with --seed: write the input to this file")
    parser.add_argument("--cli", type=float, metavar="SECONDS", help="run fuzzed batches through the CLI this long")
    parser.add_argument("--first", type=int, default=0, help="with --cli: the first round's seed")
    parser.add_argument("--cli-seed", type=int, help="rebuild and run one CLI round")
    parser.add_argument("--keep", type=Path, help="with --cli-seed: build the round in this directory and keep it")
    args = parser.parse_args()
    if args.cli is not None or args.cli_seed is not None:
        import soak_cli

        if args.cli_seed is not None:
            return 1 if soak_cli.play(args.cli_seed, Corpus.load(), args.keep).problems else 0
        return soak_cli.run(args.cli, args.first, Corpus.load())
    if args.seed is not None:
        return reproduce(args.seed, args.dump)
    return soak(args.count, args.workers)


if __name__ == "__main__":
    sys.exit(main())
