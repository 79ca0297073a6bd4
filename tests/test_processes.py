"""Processes and time: the page time limit, and no process left behind after any signal.

Each test runs the real ``cleanup`` command in a session of its own, on a batch
with pathological pages that keep a worker busy inside libxml2 for many seconds
(a ``<div>`` with 30,000 attributes: parsing is quadratic in them). Every
process of the run (main, workers, fork server, resource tracker) stays in
that session, so "none left" is checked by reading the session id of every
process in /proc.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from cleanup.cli.signals import Terminated, signals
from cleanup.output.write import signals_deferred

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def test_a_signal_another_thread_takes_waits_for_the_write_to_finish() -> None:
    """The flaky SIGTERM test's race: the kernel gave SIGTERM to a helper thread mid-write.

    The main thread blocks the signal around the write, so the kernel hands it
    to the only thread that does not, the helper; Python then ran the handler
    in the main thread at its next switch (the sleeps), inside the write.
    """
    steps: list[str] = []
    release = threading.Event()
    helper = threading.Thread(target=release.wait, daemon=True)  # blocked in C, SIGTERM not blocked
    helper.start()
    try:
        with pytest.raises(Terminated), signals():
            with signals_deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(20):
                    time.sleep(0.001)
                steps.append("write finished")
            steps.append("after the write")
    finally:
        release.set()
    assert steps == ["write finished"]
