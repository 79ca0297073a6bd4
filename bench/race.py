"""Race one HTML-stage function against its version at a git revision, in one process.

    python bench/race.py scorer.measure [--against main] [--sets scrapinghub,portal] [--rounds 5]

The machine is shared: two runs of the same code differ by up to 30 %, so a
change to one stage is measured here, not by two benchmark runs. Both versions
(the working tree's and ``--against``'s ``cleanup/html/<module>.py``) take turns
over every page of a set, each round, and the best round of each counts (CPU
time). Their results are compared on every page (``same``); for ``scorer.measure``
the scores are compared bit for bit.

The pages are parsed once (``parse_html``, ``drop_invisible``) and handed to
the function as ``ARGUMENTS`` says; functions that change the page are not raced.
"""

from __future__ import annotations

import argparse
import struct
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from html_bench import load_pages

from cleanup.html.chrome import find_marks
from cleanup.html.dom import body_of
from cleanup.html.extract import drop_invisible
from cleanup.html.parse import parse_html

ROOT = Path(__file__).resolve().parent.parent


def _each_element(fn: Callable[[Any], Any]) -> Callable[[Any], list[Any]]:
    return lambda doc: [fn(el) for el in body_of(doc).iter()]


# function -> (arguments from a parsed page, how to call the function with them)
ARGUMENTS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "chrome.find_marks": lambda doc: (doc,),  # marks.find_marks before the third round
    "scorer.measure": lambda doc: (body_of(doc), find_marks(doc)),
    "meta.read_metadata": lambda doc: (doc,),
    "lines.lines_of": lambda doc: (body_of(doc),),
    "captions.unnamed_caption": lambda doc: (doc,),
}
PER_ELEMENT = {"captions.unnamed_caption"}


def versions(name: str, against: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """(the function at ``against``, the working tree's) for ``module.function``."""
    module, function = name.split(".")
    path = f"cleanup/html/{module}.py"
    source = subprocess.run(["git", "show", f"{against}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True)
    old = types.ModuleType(f"race_{module}_{against}".replace("-", "_"))
    sys.modules[old.__name__] = old  # dataclasses look their module up
    exec(compile(source.stdout, f"{against}:{path}", "exec"), old.__dict__)
    new = __import__(f"cleanup.html.{module}", fromlist=[function])
    pair = getattr(old, function), getattr(new, function)
    return (_each_element(pair[0]), _each_element(pair[1])) if name in PER_ELEMENT else pair


def comparable(value: Any) -> Any:
    """A result in a form that compares exactly: scores as their floats' bytes, dataclasses as fields."""
    if isinstance(value, dict):
        return [(k, comparable(v)) for k, v in value.items()]
    if isinstance(value, tuple) and all(isinstance(x, float) for x in value):
        return tuple(struct.pack("<d", x) for x in value)
    if hasattr(value, "__dataclass_fields__"):
        return tuple(comparable(getattr(value, f)) for f in value.__dataclass_fields__)
    return value


def race(name: str, against: str, pages: list[str], rounds: int) -> str:
    """One line: both versions' best ms a page, their ratio, and whether every result is the same."""
    docs = []
    for markup in pages:
        doc = parse_html(markup)
        drop_invisible(doc)
        docs.append(doc)
    calls = [ARGUMENTS[name](doc) for doc in docs]
    old, new = versions(name, against)
    best = {"old": float("inf"), "new": float("inf")}
    for _ in range(rounds):
        for tag, fn in (("old", old), ("new", new)):
            start = time.process_time()
            for args in calls:
                fn(*args)
            best[tag] = min(best[tag], time.process_time() - start)
    same = all(comparable(old(*args)) == comparable(new(*args)) for args in calls)
    per = {tag: 1000 * sec / len(docs) for tag, sec in best.items()}
    ratio = best["old"] / best["new"] if best["new"] else float("nan")
    return f"{name}: {against} {per['old']:.3f} ms a page, working tree {per['new']:.3f} ({ratio:.2f}x), same={same}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("function", choices=sorted(ARGUMENTS))
    parser.add_argument("--against", default="main", help="git revision of the old version")
    parser.add_argument("--sets", default="scrapinghub,readability,portal")
    parser.add_argument("--rounds", type=int, default=5, help="best of N rounds")
    args = parser.parse_args()
    for name in args.sets.split(","):
        pages = list(load_pages(name).values())
        print(f"{name} ({len(pages)} pages): {race(args.function, args.against, pages, args.rounds)}")


if __name__ == "__main__":
    main()
