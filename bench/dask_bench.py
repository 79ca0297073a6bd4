"""Cluster benchmark: ``cleanup --scheduler`` on a 2-worker LocalCluster against ``-j 2``, in the same run.

* wall time of ``cleanup -q -j 2 -o OUT TREE`` and ``cleanup -q --scheduler ADDR -o OUT TREE``
  on --pages benchmark pages (the Scrapinghub dev pages repeated), runs alternated,
  best of --repeat each; the ratio (-j 2 time / cluster time, target >= 0.85) and
  whether the outputs are byte-identical;
* the client process's peak RSS (its own ru_maxrss, from wait4) on --rss-inputs tiny
  generated pages;
* the figures the scaling estimate needs: core-seconds per page (from -j 1 on --cost-pages
  of the same pages), the client's CPU per input, and the scheduler's cost per empty task.

    python bench/dask_bench.py                       # 2,000 pages, 100,000 tiny inputs
    python bench/dask_bench.py --pages 500 --rss-inputs 0
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_bench import cleanup_command, replicate, same_tree


def timed(args: list[str]) -> tuple[float, int, float, int]:
    """Run the CLI; (wall seconds, exit code, its own CPU seconds, its own peak RSS KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*cleanup_command(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 123):
        sys.exit(f"cleanup {' '.join(args)} exited {code}: {err.decode()[-2000:]}")
    return seconds, code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def speed(tmp: Path, address: str, pages: int, repeat: int) -> float:
    """-j 2 against the cluster, alternated; returns the client's CPU seconds per page."""
    tree = replicate(tmp / "pages", pages)
    runs: dict[str, list[float]] = {"-j 2": [], "cluster": []}
    client_cpu = []
    for n in range(repeat):
        for name, flags in (("-j 2", ["-j", "2"]), ("cluster", ["--scheduler", address])):
            seconds, code, cpu, _ = timed(["-q", *flags, "-o", str(tmp / f"out-{name[:2]}-{n}"), str(tree)])
            runs[name].append(seconds)
            if name == "cluster":
                client_cpu.append(cpu)
            print(f"{pages:,} pages  {name:8}: {seconds:6.2f} s  (exit {code})", flush=True)
    best = {name: min(times) for name, times in runs.items()}
    print(
        f"best of {repeat}: -j 2 {best['-j 2']:.2f} s ({pages / best['-j 2']:.0f} pages/s), "
        f"cluster {best['cluster']:.2f} s ({pages / best['cluster']:.0f} pages/s); "
        f"ratio {best['-j 2'] / best['cluster']:.2f} (target >= 0.85); load average {os.getloadavg()[0]:.2f}"
    )
    print(f"cluster and -j 2 outputs byte-identical: {same_tree(tmp / 'out--j-0', tmp / 'out-cl-0')}")
    moved = sum(p.stat().st_size for p in (tmp / "out-cl-0").rglob("*") if p.is_file()) / pages
    print(f"bytes back to the client per page (the rendered output): {moved:,.0f}; {task_bytes(tree):,.0f} sent")
    per_page = min(client_cpu) / pages
    print(f"client CPU (cluster run, incl. start-up): {min(client_cpu):.2f} s, {per_page * 1000:.2f} ms/page")
    return per_page


def task_bytes(tree: Path) -> float:
    """Pickled bytes per page of a full page task (what the client sends: paths, not pages)."""
    import pickle

    from cleanup.batch.plan import MAX_PAGES_PER_TASK, Pages
    from cleanup.input.sources import Source

    paths = sorted(tree.rglob("*.*"))[:MAX_PAGES_PER_TASK]
    task = Pages(tuple(Source(str(p), p.relative_to(tree), path=p.resolve()) for p in paths))
    return len(pickle.dumps(task)) / len(paths)


def page_cost(tmp: Path, pages: int) -> float:
    """Core-seconds per page: -j 1 over the first ``pages`` benchmark pages (one process, start-up included)."""
    tree = replicate(tmp / "cost", pages)
    seconds, _, cpu, _ = timed(["-q", "-j", "1", "-o", str(tmp / "out-j1"), str(tree)])
    print(f"-j 1: {seconds:.2f} s wall, {cpu:.2f} s CPU: {cpu / pages * 1000:.1f} ms per page")
    return cpu / pages


def task_overhead(client: object, count: int = 2000) -> float:
    """Scheduler + client CPU seconds per empty task (both run in this process; CPU time, so load-proof)."""
    start, cpu = time.perf_counter(), time.process_time()
    futures = client.map(int, range(count), pure=False)  # type: ignore[attr-defined]
    client.gather(futures)  # type: ignore[attr-defined]
    wall, per_task = (time.perf_counter() - start) / count, (time.process_time() - cpu) / count
    print(
        f"empty tasks ({count:,} through the scheduler): {wall * 1000:.2f} ms wall each, "
        f"{per_task * 1000:.2f} ms of scheduler + client CPU each"
    )
    return per_task


def tiny_tree(root: Path, count: int) -> Path:
    """``count`` tiny pages in directories of 1,000."""
    for n in range(count):
        page = root / f"d{n // 1000:03d}" / f"p{n:06d}.html"
        if n % 1000 == 0:
            page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><body><h1>Page {n}</h1><p>Tiny page number {n}, a sentence.</p></body></html>")
    return root


def client_memory(tmp: Path, address: str, count: int) -> float:
    """Runs the tiny inputs; returns the client's CPU seconds per input (start-up amortised)."""
    tree = tiny_tree(tmp / "tiny", count)
    seconds, code, cpu, peak = timed(["-q", "--scheduler", address, "-o", str(tmp / "tiny-out"), str(tree)])
    print(
        f"{count:,} tiny inputs on the cluster: {seconds:.1f} s (exit {code}); client peak RSS {peak / 1024:.1f} MiB "
        f"(target < 300 MB), client CPU {cpu:.1f} s ({cpu / count * 1000:.2f} ms per input)"
    )
    return cpu / count


def scaling(page_s: float, task_s: float, client_s: float, pages_per_task: int) -> None:
    """Pages/s on paper: workers, scheduler and client, whichever is slowest."""
    print(f"\nscaling on paper ({page_s * 1000:.1f} ms/page on a core, {pages_per_task} pages per task):")
    for cores in (8, 64, 512):
        workers = cores / page_s
        scheduler = pages_per_task / task_s
        client = 1 / client_s
        limit = min(workers, scheduler, client)
        what = "workers" if limit == workers else "scheduler" if limit == scheduler else "client"
        print(
            f"  {cores:3} cores: workers {workers:8,.0f}, scheduler {scheduler:8,.0f}, client {client:8,.0f} "
            f"pages/s -> {limit:8,.0f} pages/s (bound: {what})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rss-inputs", type=int, default=100_000)
    parser.add_argument("--cost-pages", type=int, default=500, help="pages for the -j 1 per-page cost")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from cleanup.batch.plan import MAX_PAGES_PER_TASK

    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster.scheduler_address, set_as_default=False) as client,
    ):
        address = cluster.scheduler_address
        client_s = speed(Path(tmp), address, args.pages, args.repeat)
        page_s = page_cost(Path(tmp), args.cost_pages)
        task_s = task_overhead(client)
        if args.rss_inputs:
            client_s = client_memory(Path(tmp), address, args.rss_inputs)
        scaling(page_s, task_s, client_s, MAX_PAGES_PER_TASK)


if __name__ == "__main__":
    main()
