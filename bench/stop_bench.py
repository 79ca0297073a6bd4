"""Seconds from a stop signal to the last process of a ``cleanup`` run, with slow pages in flight.

Each case runs ``cleanup -j N -o OUT TREE`` in a session of its own on 4 quick
pages and 2 pathological ones (480,000 elements, just under the element cap:
many seconds of libxml2 each, as in tests/test_processes.py), waits until the
quick outputs are written and one more second, then sends the signal: SIGINT to the group (Ctrl-C), SIGTERM to the group
(timeout, systemd, CI) or SIGKILL to the main process. It reports the seconds
until the main process exits and until no process of the session is left
(workers, fork server, resource tracker), giving up at --give-up seconds.

    python bench/stop_bench.py                       # the installed cleanup
    python bench/stop_bench.py --cmd "python -m cleanup" --repeat 3 --terminal
"""

from __future__ import annotations

import argparse
import os
import pty
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A tag of 30,000 attributes was the slow page until the attribute cap refused it at once, and
# the batch then ended before the signal: 480,000 elements stay under the element cap.
SLOW_BLOCKS = 240_000
PARAGRAPH = "The council approved the new budget on Tuesday after a long debate about schools and roads."
CASES = (("SIGINT to the group", signal.SIGINT, True), ("SIGTERM to the group", signal.SIGTERM, True))
CASES += (("SIGKILL to the main process", signal.SIGKILL, False),)


def batch(root: Path) -> Path:
    root.mkdir(parents=True)
    for n in range(4):
        (root / f"a{n}.txt").write_text(f"Story {n}\n\n{PARAGRAPH}\n\n{PARAGRAPH} {n}\n")
    blocks = "<div><p>Slow paragraph text here.</p></div>" * SLOW_BLOCKS
    for n in range(2):
        (root / f"z{n}.html").write_text(f"<html><body>{blocks}<p>{PARAGRAPH}</p></body></html>")
    return root


def session(sid: int) -> list[int]:
    """Live (non-zombie) processes of session ``sid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state, _, _, sess = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:4]
            except (OSError, ValueError):
                continue
            if int(sess) == sid and state != "Z":
                found.append(int(entry.name))
    return found


def _like_a_terminal() -> None:
    """In the child: SIGINT handled by default, as under a shell prompt. A bench started in the
    background (``cmd &``) inherits SIGINT ignored, and cleanup keeps an ignored signal ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def one(cmd: list[str], jobs: int, sig: int, group: bool, give_up: float, terminal: bool) -> tuple[float, float]:
    """Seconds to the main process's exit and to the last process of the session."""
    main_end, their_end = pty.openpty()  # stderr on a terminal: a progress bar, so workers from the fork server
    with tempfile.TemporaryDirectory() as tmp, os.fdopen(main_end, "rb"), os.fdopen(their_end, "wb") as tty:
        src, out = batch(Path(tmp) / "in"), Path(tmp) / "out"
        args = [*cmd, "-q", "-j", str(jobs), "-o", str(out), str(src)]
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stderr=tty if terminal else subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_like_a_terminal,
            cwd=tmp,
        )
        while len(list(out.glob("a*.txt"))) < 4:
            time.sleep(0.02)
        time.sleep(1)
        since = time.monotonic()
        os.killpg(proc.pid, sig) if group else os.kill(proc.pid, sig)
        main = all_gone = float("inf")
        while time.monotonic() - since < give_up:
            if main == float("inf") and proc.poll() is not None:
                main = time.monotonic() - since
            if proc.poll() is not None and not session(proc.pid):
                all_gone = time.monotonic() - since
                break
            time.sleep(0.01)
        for pid in session(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.wait()
        return main, all_gone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    exe = Path(sys.executable).with_name("cleanup")
    parser.add_argument("--cmd", default=str(exe) if exe.exists() else f"{sys.executable} -m cleanup")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--give-up", type=float, default=60.0)
    parser.add_argument("--terminal", action="store_true", help="stderr on a pseudo-terminal")
    args = parser.parse_args()
    cmd = shlex.split(args.cmd)
    where = "stderr on a terminal" if args.terminal else "stderr to /dev/null"
    print(f"command: {args.cmd}; {where}; load average before: {os.getloadavg()[0]:.2f}")
    for name, sig, group in CASES:
        for jobs in (1, 2):
            runs = [one(cmd, jobs, sig, group, args.give_up, args.terminal) for _ in range(args.repeat)]
            shown = ", ".join(f"{m:.2f}/{a:.2f}" for m, a in runs)
            print(f"{name:28} -j {jobs}: main/all gone after {shown} s")


if __name__ == "__main__":
    main()
