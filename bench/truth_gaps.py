#!/usr/bin/env python3
"""How much of an HTML score is the truth's doing: the figures with two known truth problems set aside.

    python bench/truth_gaps.py                  # portal and readability (HTML pages)
    python bench/truth_gaps.py scrapinghub      # any of the shared sets

Two kinds of page are scored against a truth that no cleaner meant to drop
chrome could match:
- empty-gold pages: section fronts (a list of teasers, no article) whose truth
  is empty; any output scores precision 0 there, and empty output leaves the page
  out of both means;
- captions in the truth: the portal set's truth keeps photo and video captions
  at the top of the body, Readability.js's truth keeps figure captions; cleanup
  puts them in ``Result.captions``, apart from the body, by design.

For each set this prints F1/precision/recall as ``bench/quality.py`` scores them,
with the empty-gold pages left out, and with the captions put back in front of
the body (which costs ScrapingHub, whose truth has no captions: they stay apart).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from score import page_counts, precision, recall  # noqa: E402

from cleanup import clean  # noqa: E402

Counts = tuple[float, float, float]


def figures(rows: list[Counts]) -> str:
    """F1/precision/recall as score.py computes them (means over pages that have them)."""
    p = statistics.mean(precision(*c) for c in rows if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in rows if c[0] + c[2] > 0)
    return f"{2 * p * r / (p + r):.3f}/{p:.3f}/{r:.3f}"


def report(name: str) -> str:
    """One line of figures for one set's HTML pages."""
    gold = json.loads((BENCH / name / "ground-truth.json").read_text(encoding="utf-8"))
    scored, filled, captioned = [], [], []
    for page_id, item in sorted(gold.items()):
        result = clean(gzip.decompress((BENCH / name / "html" / f"{page_id}.html.gz").read_bytes()))
        body = item.get("articleBody", "")
        counts = page_counts(body, result.text)
        scored.append(counts)
        if body.strip():
            filled.append(counts)
        captioned.append(page_counts(body, "\n\n".join([*result.captions, result.text])))
    empty = len(scored) - len(filled)
    return (
        f"{name} html F1/P/R: as scored {figures(scored)}; {empty} empty-gold pages left out {figures(filled)};"
        f" captions put back in the body {figures(captioned)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", choices=("scrapinghub", "readability", "portal"), metavar="SET")
    for name in parser.parse_args().sets or ["portal", "readability"]:
        print(report(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
