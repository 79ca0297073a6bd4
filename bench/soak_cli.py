"""The soak through the real CLI: fuzzed batches of containers, pages and rule files.

    python bench/soak.py --cli 1500             # rounds for 1,500 s, -j 1 and -j 2 in turn
    python bench/soak.py --cli-seed 17 --keep x # rebuild round 17 into x/, run it, show what it found

Each round builds a directory from its seed alone (fuzzed pages from soak.py, JSON
Lines, JSON arrays, WARC files, gzip members cut or concatenated, odd file names,
FIFOs and links to /dev/zero), sometimes a rules directory of hostile TOML,
FiveFilters and language-pack files applied with ``--site``, and a sentinel page.
It runs ``cleanup`` on it and counts as unexpected: a traceback, an "internal
error", an exit code other than 0, 123 (and 2 for a hostile rules directory), a
sentinel page missing from the output (a batch abort), output JSON that strict
parsers reject, and a run still going after HANG_SECONDS.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import soak_inputs as mk

HANG_SECONDS = 240  # a round still running after this is a hang (the page limit is 30 s)
MAX_BYTES = 2_000_000  # --max-bytes of every round: the huge-line mutators pass it cheaply
OUTPUTS = ("stdout", "jsonl", "jsonl.gz", "dir-text", "dir-json")


@dataclass
class Round:
    """One fuzzed batch: where it is, how it runs, what it holds."""

    seed: int
    root: Path
    args: list[str]
    output: str
    hostile_rules: bool
    made: list[str] = field(default_factory=list)  # what each input is, for the report
    stdin: bytes | None = None  # piped in as "-" next to the directory
    sentinel: bool = True  # False when a flag (--input-format, --encoding, --check) keeps it out
    codes: tuple[int, ...] = (0, 123)  # exit codes that are fine (plus 2 with hostile rules)


def _cleanup_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("cleanup")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cleanup"]


# --- building a round -----------------------------------------------------------------------------


def _page_text(rng: random.Random, corpus) -> str:
    """A benchmark page or a slice of one, as text (pages inside containers)."""
    _, page = rng.choice(corpus.html if rng.random() < 0.7 else corpus.text)
    text = page.decode("utf-8", "replace")
    if len(text) > 6000 and rng.random() < 0.8:
        start = rng.randrange(len(text) - 4000)
        text = text[start : start + 4000]
    return text if rng.random() < 0.7 else mk.article(rng)


def _name(rng: random.Random, i: int, suffix: str) -> bytes:
    """A file name, sometimes hostile: byte \\xff, a newline, a leading dash, 200 characters."""
    base = f"{i:02d}"
    odd = mk.pick(rng, b"", b"", b"", b"", b"\xff", b"\nerror: forged", b" -x", "é".encode(), b"-" + b"n" * 200)
    return base.encode() + odd + suffix.encode()


def _container(rng: random.Random, corpus, kind: str) -> tuple[str, bytes]:
    """A JSON Lines, JSON array or WARC file, maybe gzipped with its members cut or concatenated."""
    pages = [_page_text(rng, corpus) for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.2:
        k = rng.randrange(len(pages))
        pages[k] = pages[k][: len(pages[k]) // 2] + rng.choice(mk.SURROGATES) + pages[k][len(pages[k]) // 2 :]
    if kind == "warc":
        raw = [p.encode("utf-8", "surrogatepass") if rng.random() < 0.8 else mk.charset_page(rng, p) for p in pages]
        data, members = mk.warc_file(rng, raw)
        suffix = mk.pick(rng, ".warc", ".warc.gz", ".warc.gz", ".arc.gz", ".bin")
    elif kind == "json":
        data, members, suffix = mk.json_array_file(rng, pages), None, mk.pick(rng, ".json", ".json.gz", ".jsonl")
    else:
        data, members = mk.jsonl_file(rng, pages), None
        suffix = mk.pick(rng, ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
    if suffix.endswith(".gz"):
        data = mk.gzip_mutated(rng, data, members)
    return f"{kind}{suffix}", data


def _page(rng: random.Random, corpus, seed: int) -> tuple[str, bytes]:
    """A fuzzed page from soak.py, or one with surrogates or an odd charset."""
    from soak import fuzzed

    r = rng.random()
    if r < 0.5:
        label, data = fuzzed(seed, corpus)
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        return label, raw
    text = _page_text(rng, corpus)
    if r < 0.75:
        return "surrogates", mk.surrogate_page(rng, text)
    return "charset", mk.charset_page(rng, text)


def _special(rng: random.Random, path: Path) -> str:
    """A FIFO, a link to /dev/zero, a broken link, a link loop or a directory named like a page."""
    how = rng.randrange(5)
    if how == 0:
        os.mkfifo(path)
    elif how == 1:
        path.symlink_to("/dev/zero")
    elif how == 2:
        path.symlink_to(path.parent / "missing")
    elif how == 3:
        path.symlink_to(path)
    else:
        path.mkdir()
    return ("fifo", "dev-zero", "broken-link", "link-loop", "directory")[how]


def _inputs(rng: random.Random, corpus, seed: int, src: Path) -> list[str]:
    (src / "00-sentinel.html").write_text(mk.good_page())
    made = []
    for i in range(1, rng.randint(3, 10)):
        r = rng.random()
        if r < 0.03:
            made.append(_special(rng, src / f"{i:02d}.html"))
            continue
        if r < 0.5:
            label, data = _container(rng, corpus, mk.pick(rng, "jsonl", "jsonl", "warc", "warc", "json"))
            suffix = label[label.index(".") :]
        else:
            label, data = _page(rng, corpus, seed * 100 + i)
            suffix = mk.pick(rng, ".html", ".txt", ".htm", ".html.gz") if r < 0.97 else ""
            data = mk.gzip_mutated(rng, data) if suffix.endswith(".gz") else data
        (src / os.fsdecode(_name(rng, i, suffix))).write_bytes(data)
        made.append(label.split("+")[0].split(":")[0])
    return made


def _put(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path``, replacing what an earlier mutator left there (a FIFO would block)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.write_bytes(data)


def _rules(rng: random.Random, rules: Path) -> list[str]:
    """A rules directory of hostile files for host soak.example (and global.txt, lang/xx.toml)."""
    rules.mkdir()
    made = []
    for _ in range(rng.randint(1, 3)):
        what = mk.pick(rng, "toml", "toml", "ftr", "ftr", "global", "lang", "special")
        if what == "toml":
            _put(rules / f"{mk.HOST}.toml", mk.toml_site(rng))
        elif what in ("ftr", "global"):
            _put(rules / (f"{mk.HOST}.txt" if what == "ftr" else "global.txt"), mk.ftr_file(rng))
        elif what == "lang":
            (rules / "lang").mkdir(exist_ok=True)
            _put(rules / "lang" / "xx.toml", mk.lang_pack(rng))
        else:
            target = rules / f"{mk.HOST}.{mk.pick(rng, 'toml', 'txt')}"
            _put(target, b"")
            target.unlink()
            what = "rules-" + _special(rng, target)
        made.append(what)
    return made


# No utf-7: the decoder does not take it, so --encoding utf-7 is a usage error.
TEXT_CODECS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "shift_jis", "gb18030", "koi8-r")


def _flags(rng: random.Random, root: Path, output: str) -> tuple[list[str], bool, tuple[int, ...]]:
    """Extra flags, each now and then; whether the sentinel must appear, and the exit codes that are fine."""
    args: list[str] = []
    sentinel, codes = True, (0, 123)
    if rng.random() < 0.08:
        args += ["--input-format", mk.pick(rng, "page", "jsonl", "json", "warc")]
        sentinel = False
    if rng.random() < 0.05:
        args += ["--encoding", rng.choice(TEXT_CODECS)]
        sentinel = False
    if rng.random() < 0.05:
        args += [mk.pick(rng, "--html-field", "--text-field", "--url-field", "--id-field"), mk.pick(rng, "id", "", "x")]
    if rng.random() < 0.1:
        args += ["--explain-file", str(root / "explain.txt")]
    if rng.random() < 0.05:
        args += mk.pick(rng, ["--timeout", "1"], ["--max-memory", "150"], ["--timeout", "0", "--max-memory", "0"])
    if rng.random() < 0.03:
        args.append("--learn")
    if output.startswith("dir") and rng.random() < 0.08:
        args.append(mk.pick(rng, "--check", "--diff", "--skip-existing", "--prune"))
        if args[-1] in ("--check", "--diff"):
            sentinel, codes = False, (0, 1, 123)
    if rng.random() < 0.05:
        args.append("-v")
    return args, sentinel, codes


def build(seed: int, corpus, root: Path) -> Round:
    """Round ``seed`` in ``root``: inputs, maybe rules, and the command line."""
    rng = random.Random(seed)
    src = root / "in"
    src.mkdir(parents=True)
    made = _inputs(rng, corpus, seed, src)
    jobs = "1" if seed % 2 == 0 else "2"
    args = [*_cleanup_cmd(), "-q", "--no-config", "-j", jobs, "--max-bytes", str(MAX_BYTES)]
    hostile = rng.random() < 0.35
    if hostile:
        made += _rules(rng, root / "rules")
        args += ["--rules", str(root / "rules")]
        if any((root / "rules").glob(f"{mk.HOST}.*")):  # else --site is a usage error, and nothing runs
            args += ["--site", mk.HOST]
    output = rng.choice(OUTPUTS)
    if output == "stdout":
        args += ["-f", "jsonl"]
    elif output.startswith("jsonl"):
        args += ["-o", str(root / f"out.{output}")]
    else:
        args += ["-f", output[4:], "-o", str(root / "out")]
    if rng.random() < 0.1:
        args.append("--all-statuses")
    extra, sentinel, codes = _flags(rng, root, output)
    args += extra
    stdin = None
    # A container or a page piped in: sniffed from its first bytes, read as a stream (--learn refuses stdin).
    if rng.random() < 0.15 and "--learn" not in extra:
        label, stdin = (
            _container(rng, corpus, mk.pick(rng, "jsonl", "warc", "json"))
            if rng.random() < 0.7
            else (_page(rng, corpus, seed * 100 + 99))
        )
        made.append("stdin-" + label.split("+")[0])
        args.append("-")
    return Round(seed, root, [*args, str(src)], output, hostile, made, stdin, sentinel, codes)


# --- running and judging a round ------------------------------------------------------------------


@dataclass
class Verdict:
    """What one round did: its problems (unexpected) and what else it said."""

    seed: int
    code: int | None
    seconds: float
    problems: list[str] = field(default_factory=list)
    refused: Counter = field(default_factory=Counter)


def _run(args: list[str], stdin: bytes | None = None) -> tuple[int | None, bytes, bytes, float]:
    start = time.monotonic()
    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(stdin, timeout=HANG_SECONDS)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return code, out, err, time.monotonic() - start


def _outputs(rnd: Round, stdout: bytes) -> tuple[str, list[str]]:
    """All output text of the round, and the JSON Lines among it (to parse strictly)."""
    if rnd.output == "stdout":
        text = stdout.decode("utf-8", "replace")
        return text, text.split("\n")  # not splitlines(): U+2028 and U+0085 are valid inside a JSON string
    if rnd.output.startswith("jsonl"):
        path = rnd.root / f"out.{rnd.output}"
        if not path.exists():
            return "", []
        raw = gzip.decompress(path.read_bytes()) if rnd.output.endswith(".gz") else path.read_bytes()
        text = raw.decode("utf-8", "replace")
        return text, text.split("\n")
    out = rnd.root / "out"
    texts = [p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file()] if out.exists() else []
    return "\n".join(texts), texts if rnd.output == "dir-json" else []


def _strict(text: str) -> None:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    json.loads(text, parse_constant=refuse)


ERROR_LINE = re.compile(r"^error: .*?: (.*)$")
# The sentinel stopped by --timeout 1 or --max-memory 150 on a loaded machine: no batch abort.
LIMITED_SENTINEL = re.compile(r"00-sentinel\.html: (?:took longer than|needed more than)")


def judge(rnd: Round, code: int | None, stdout: bytes, stderr: bytes, seconds: float) -> Verdict:
    """The round's problems: tracebacks, internal errors, odd exits, a lost sentinel, bad JSON, a hang."""
    v = Verdict(rnd.seed, code, seconds)
    err = stderr.decode("utf-8", "replace")
    if code is None:
        v.problems.append(f"hang: still running after {HANG_SECONDS} s")
    if "Traceback (most recent call last)" in err:
        last = [ln for ln in err.splitlines() if ln and not ln.startswith(" ")][-1]
        v.problems.append(f"traceback: {last[:160]}")
    for line in err.splitlines():
        if "internal error" in line:
            v.problems.append("internal error: " + line.split("internal error:", 1)[1].strip()[:140])
        elif m := ERROR_LINE.match(line):
            v.refused[_shape(m.group(1))] += 1
    if code is not None and code not in rnd.codes and not (code == 2 and rnd.hostile_rules):
        last = err.strip().splitlines()[-1][:160] if err.strip() else "(nothing on stderr)"
        v.problems.append(f"exit {code}: {last}")
    if code == 2 and rnd.hostile_rules and "Traceback" not in err:
        v.refused["exit 2: " + _shape(err.strip().splitlines()[-1] if err.strip() else "(silent)")] += 1
    if code in rnd.codes:
        text, jsons = _outputs(rnd, stdout)
        if rnd.sentinel and mk.SENTINEL not in text and not LIMITED_SENTINEL.search(err):
            v.problems.append(f"batch abort: the sentinel page is missing from the output (exit {code})")
        for item in filter(None, jsons):
            try:
                _strict(item)
            except ValueError as exc:
                v.problems.append(f"output JSON rejected by a strict parser: {str(exc)[:100]}")
                break
    return v


def lint(rules: Path) -> list[str]:
    """``cleanup rules lint`` on the round's rules directory: exit 0, 1 or 2, never a traceback or a hang."""
    code, out, err, _ = _run([*_cleanup_cmd(), "rules", "lint", str(rules)])
    text = (out + err).decode("utf-8", "replace")
    if code is None:
        return [f"rules lint: hang: still running after {HANG_SECONDS} s"]
    if "Traceback (most recent call last)" in text:
        return ["rules lint: traceback: " + [ln for ln in text.splitlines() if ln and not ln.startswith(" ")][-1][:160]]
    return [] if code in (0, 1, 2) else [f"rules lint: exit {code}"]


def _shape(message: str) -> str:
    """An error message with its numbers, paths and quoted parts blanked: one key per kind of refusal."""
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"\d[\d,.]*", "N", message)
    return message[:90]


def play(seed: int, corpus, keep: Path | None = None) -> Verdict:
    """Build, run and judge round ``seed`` (in ``keep`` if given, else a temporary directory)."""
    root = keep or Path(tempfile.mkdtemp(prefix=f"soak-{seed}-"))
    if keep and keep.exists():
        shutil.rmtree(keep)
    try:
        rnd = build(seed, corpus, root)
        code, out, err, seconds = _run(rnd.args, rnd.stdin)
        verdict = judge(rnd, code, out, err, seconds)
        if rnd.hostile_rules:
            verdict.problems += lint(root / "rules")
        if keep:
            (root / "stderr.txt").write_bytes(err)
            print(" ".join(map(repr, rnd.args)) + f"\nmade: {rnd.made}\nexit {code}, {seconds:.1f} s")
            print(err.decode("utf-8", "replace")[-3000:])
        return verdict
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


# --- the whole run --------------------------------------------------------------------------------


def run(seconds: float, first_seed: int, corpus) -> int:
    """Rounds from ``first_seed`` on until ``seconds`` have passed; report; exit 1 on any problem."""
    start = time.monotonic()
    problems: dict[str, list[int]] = defaultdict(list)
    refused: Counter = Counter()
    codes: Counter = Counter()
    slowest: Verdict | None = None
    seed = first_seed
    while time.monotonic() - start < seconds:
        v = play(seed, corpus)
        codes[(seed % 2 + 1, v.code)] += 1
        refused.update(v.refused)
        for p in v.problems:
            problems[p].append(seed)
            print(f"seed {seed}: {p}", file=sys.stderr, flush=True)
        if slowest is None or v.seconds > slowest.seconds:
            slowest = v
        seed += 1
        if (seed - first_seed) % 50 == 0:
            print(f"... {seed - first_seed} rounds, {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    return report(seed - first_seed, time.monotonic() - start, problems, refused, codes, slowest)


def report(rounds: int, wall: float, problems, refused: Counter, codes: Counter, slowest: Verdict | None) -> int:
    """Print the CLI soak's totals."""
    print(f"\n== CLI rounds: {rounds:,} in {wall:.0f} s (seeds alternate -j 1 and -j 2)")
    by_jobs = {j: {str(c): n for (jj, c), n in sorted(codes.items(), key=str) if jj == j} for j in (1, 2)}
    print(f"exit codes: -j 1 {by_jobs[1]}, -j 2 {by_jobs[2]}")
    print(f"per-input refusals: {sum(refused.values()):,} ({len(refused)} kinds)")
    for shape, n in refused.most_common(40):
        print(f"  {n:>6} x {shape}")
    n = sum(len(s) for s in problems.values())
    print(f"unexpected: {n} ({len(problems)} distinct)")
    for p, seeds in sorted(problems.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(seeds):>5} x {p}\n        e.g. seeds {', '.join(map(str, seeds[:6]))}")
    if slowest:
        print(f"slowest round: seed {slowest.seed}, {slowest.seconds:.1f} s (exit {slowest.code})")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of any cleanup process: {children:.0f} MB")
    return 1 if problems else 0
