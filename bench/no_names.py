#!/usr/bin/env python3
"""HTML mode on pages whose class and id names say nothing: every class and id attribute taken out.

    python bench/no_names.py                        # the three dev sets, cleanup and trafilatura
    python bench/no_names.py --sets portal          # one set

Sites built with CSS-in-JS or utility classes name nothing ("css-1x2y3z", "mt-4 flex"), and
the class/id vocabulary (chrome words, article-body names) then has nothing to read. This
cleans each dev page as it is and with every ``class`` and ``id`` attribute removed from the
raw bytes, and prints F1 (precision/recall) of both, for cleanup and for trafilatura, with
../shared/bench/score.py's metric: how much of the quality rests on the names.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402

_spec = importlib.util.spec_from_file_location("score", SHARED / "bench" / "score.py")
assert _spec is not None and _spec.loader is not None
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

NAMES_RE = re.compile(rb"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def f1(pairs: list[tuple[float, float]]) -> str:
    """F1 (precision/recall) of per-page (precision, recall) pairs, as score.py averages them."""
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    both = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{both:.3f} ({precision:.3f}/{recall:.3f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="scrapinghub,readability,portal")
    args = parser.parse_args()
    import trafilatura

    extractors = {
        "cleanup": lambda page: clean(page).text,
        # As bench/html_bench.py runs it: its defaults but comments, which the truth leaves out.
        "trafilatura": lambda page: trafilatura.extract(page.decode("utf-8", "replace"), include_comments=False) or "",
    }
    print(f"{'set':12} {'extractor':12} {'as served':22} {'no class/id':22}")
    for name in args.sets.split(","):
        truth = json.loads((SHARED / "bench" / name / "ground-truth.json").read_text(encoding="utf-8"))
        pages = sorted((SHARED / "bench" / name / "html").glob("*.html.gz"))
        for label, extract in extractors.items():
            served, bare = [], []
            for path in pages:
                gold = truth[path.name.removesuffix(".html.gz")]["articleBody"]
                raw = gzip.decompress(path.read_bytes())
                for out, page in ((served, raw), (bare, NAMES_RE.sub(b"", raw))):
                    counts = score.page_counts(gold, extract(page))
                    out.append((score.precision(*counts), score.recall(*counts)))
            print(f"{name:12} {label:12} {f1(served):22} {f1(bare):22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
