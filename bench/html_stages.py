"""Where cleanup's HTML time goes: per-stage timers and a cProfile run, for bench/html_bench.py.

    python bench/html_bench.py --profile 40        # cProfile top 40 of cleanup's run, to a file

The stage timers wrap the functions ``extract_html`` and ``clean_html`` call by
name (their module globals), so the library carries no timing code. A stage
is the sum of its functions' wall time; ``other`` is the rest of ``clean()``:
decoding, site choice, the result and its metadata (language, byline, date).
The wrappers cost a little themselves, so the split is taken in a run of its own,
never in the timed one, and it counts CPU time (``time.process_time``), which
other processes' load does not inflate as much as wall time.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Stage -> the names extract_html (cleanup.html.extract) calls for it. None of them calls another.
EXTRACT_STAGES = {
    "parse": ("parse_html", "drop_invisible"),
    "metadata": ("read_metadata", "read_site_page"),
    "marks": ("find_marks",),
    "scorer": ("rescue_marks",),
    "container": (
        "find_evidence",
        "spare_named",
        "generic_choice",
        "choose_containers",
        "with_lead",
        "apply_site_strip",
    ),
    "lines": ("take_captions", "outside_removals", "strip_chrome", "lines_of", "drop_headline", "drop_link_lines"),
}
# Stage -> the names clean_html (cleanup.pipeline) calls for it.
PIPELINE_STAGES = {"text rules": ("run_rules",)}
STAGES = (*EXTRACT_STAGES, *PIPELINE_STAGES, "other")


# CPU time of this process: the machine is shared, and other processes' load would show in wall time.
CLOCK = time.process_time


def _timed(fn: Callable[..., Any], totals: dict[str, float], stage: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = CLOCK()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[stage] += CLOCK() - start

    return wrapper


@contextlib.contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """Seconds per stage of every ``clean()`` of HTML made inside the block ('other' filled at exit)."""
    import cleanup.html.extract as extract
    import cleanup.pipeline as pipeline

    totals = dict.fromkeys(STAGES, 0.0)
    saved = []
    for module, stages in ((extract, EXTRACT_STAGES), (pipeline, PIPELINE_STAGES)):
        for stage, names in stages.items():
            for name in names:
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, _timed(getattr(module, name), totals, stage))
    whole = pipeline.clean_html
    pipeline.clean_html = _timed(whole, totals, "other")
    try:
        yield totals
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
        pipeline.clean_html = whole
        totals["other"] -= sum(v for k, v in totals.items() if k != "other")


def stage_split(fn: Callable[[str], object], pages: list[str]) -> str:
    """One untimed-for-ratio run of ``fn`` over ``pages``, as ms per page and share per stage."""
    with stage_timers() as totals:
        for markup in pages:
            fn(markup)
    whole = sum(totals.values()) or 1.0
    shares = (f"{name} {1000 * sec / len(pages):.2f} ms ({100 * sec / whole:.0f}%)" for name, sec in totals.items())
    return "  ".join(shares)


def profile(fn: Callable[[str], object], pages: list[str], top: int, target: Path) -> None:
    """cProfile of ``fn`` over ``pages``: the ``top`` functions by own time and by cumulative time, to ``target``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for markup in pages:
        fn(markup)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    target.write_text(out.getvalue(), encoding="utf-8")
