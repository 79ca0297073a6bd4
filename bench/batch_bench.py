"""Batch benchmark of the real ``cleanup`` command: -j speed-up, memory over long runs, start-up time.

Replicates the Scrapinghub benchmark pages (html/*.html.gz and text/*.txt)
into a temporary tree and runs the installed CLI as subprocesses:

* wall time of ``cleanup -q -j 1 -o OUT TREE`` and ``-j 2`` on --pages pages,
  and whether both outputs (and a second -j 2 run) are byte-identical;
* peak resident memory of the whole process tree (main, fork server,
  workers), sampled from /proc, on --pages and on --rss-pages pages;
* ``cleanup --version`` wall time.

    python bench/batch_bench.py                      # 2,000 pages, 10,000 for memory
    python bench/batch_bench.py --pages 2000 --rss-pages 0
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import filecmp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"
if not BENCH.exists():
    BENCH = Path("/work/shared/bench/scrapinghub")


def cleanup_command() -> list[str]:
    exe = Path(sys.executable).with_name("cleanup")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cleanup"]


def replicate(root: Path, count: int) -> Path:
    """``count`` pages under root/copyNN/{html,text}/, hard-linked (copied if links fail)."""
    originals = sorted((BENCH / "html").glob("*.html.gz")) + sorted((BENCH / "text").glob("*.txt"))
    if not originals:
        sys.exit(f"no benchmark pages under {BENCH}")
    made = 0
    while made < count:
        for page in originals:
            if made == count:
                break
            target = root / f"copy{made // len(originals):03d}" / page.parent.name / page.name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:
                shutil.copyfile(page, target)
            made += 1
    return root


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        tree.extend(frontier)
    return tree


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Adopt orphaned descendants (the fork server outlives the CLI briefly), so their CPU time is counted."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _reap() -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def cpu_seconds() -> float:
    """User + system CPU time of every waited-for descendant so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], sample_rss: bool = True) -> tuple[float, int, int, int]:
    """Run the CLI; return (seconds, exit code, peak tree RSS KiB, peak single-process RSS KiB).

    Sampling /proc costs CPU, so the timing runs go without it.
    """
    start = time.perf_counter()
    proc = subprocess.Popen([*cleanup_command(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0]

    def sample() -> None:
        while sample_rss and proc.poll() is None:
            sizes = [_rss_kib(p) for p in _descendants(proc.pid)]
            peaks[0] = max(peaks[0], sum(sizes))
            peaks[1] = max(peaks[1], max(sizes, default=0))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 123):
        sys.exit(f"cleanup {' '.join(args)} exited {proc.returncode}: {err.decode()[-2000:]}")
    return seconds, proc.returncode, peaks[0], peaks[1]


def same_tree(a: Path, b: Path) -> bool:
    """True when both directories hold the same files with the same bytes."""
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def speed(tmp: Path, pages: int, repeat: int) -> None:
    tree = replicate(tmp / "pages", pages)
    best = {}
    for jobs in (1, 2):
        times, cpu = [], []
        for n in range(repeat):
            out = tmp / f"out-j{jobs}-{n}"
            before = cpu_seconds()
            seconds, code, _, _ = run(["-q", "-j", str(jobs), "-o", str(out), str(tree)], sample_rss=False)
            _reap()
            times.append(seconds)
            cpu.append(cpu_seconds() - before)
        best[jobs] = min(times)
        print(
            f"{pages:,} pages  -j {jobs}: wall "
            + ", ".join(f"{t:.2f}" for t in times)
            + " s; CPU (all processes) "
            + ", ".join(f"{c:.2f}" for c in cpu)
            + f" s  (exit {code})"
        )
    print(
        f"speed-up -j 2 vs -j 1 (best of {repeat}): {best[1] / best[2]:.2f}x; "
        f"load average now: {os.getloadavg()[0]:.2f}"
    )
    print(f"-j 1 and -j 2 outputs byte-identical: {same_tree(tmp / 'out-j1-0', tmp / 'out-j2-0')}")
    if repeat > 1:
        print(f"two -j 2 runs byte-identical: {same_tree(tmp / 'out-j2-0', tmp / 'out-j2-1')}")


def memory(tmp: Path, small: int, large: int) -> None:
    peaks = {}
    for count in (small, large):
        tree = replicate(tmp / f"rss{count}", count)
        seconds, code, tree_rss, one_rss = run(["-q", "-j", "2", "-o", str(tmp / f"rss-out{count}"), str(tree)])
        peaks[count] = tree_rss
        print(
            f"{count:,} pages  -j 2: {seconds:6.2f} s  exit {code}  peak RSS tree {tree_rss / 1024:6.1f} MiB, "
            f"largest process {one_rss / 1024:6.1f} MiB"
        )
    print(f"peak tree RSS growth from {small:,} to {large:,} pages: {(peaks[large] - peaks[small]) / 1024:+.1f} MiB")


def version(repeat: int = 10) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*cleanup_command(), "--version"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"cleanup --version: median {statistics.median(times):.3f} s, max {max(times):.3f} s ({repeat} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages for the -j 1 / -j 2 timing")
    parser.add_argument("--rss-pages", type=int, default=10000, help="pages for the memory run (0: skip)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per -j value (the best counts)")
    args = parser.parse_args()
    become_subreaper()
    print(
        f"command: {' '.join(cleanup_command())}; cores: {len(os.sched_getaffinity(0))}; "
        f"load average before: {os.getloadavg()[0]:.2f} (timings need an otherwise idle machine)"
    )
    version()
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        speed(Path(tmp), args.pages, args.repeat)
        if args.rss_pages:
            memory(Path(tmp), args.pages, args.rss_pages)


if __name__ == "__main__":
    main()
