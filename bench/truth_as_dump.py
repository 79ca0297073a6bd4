#!/usr/bin/env python3
"""What cleanup throws away of a page that is all article: each dev page's truth, cleaned as a page of its own.

    python bench/truth_as_dump.py                 # text mode: the truth as a dump (headline, blank line, body)
    python bench/truth_as_dump.py --mode html     # HTML mode: the truth as <article><h1>..</h1><p>..</p></article>
    python bench/truth_as_dump.py --worst 20      # the pages that lose most, with the rules that took the text

Every character of such an input is article text (as far as the truth goes: the
Readability set's truth is a peer's output and holds some chrome), so every
removal is a loss, and the recall of the output against the truth measures
what the rules eat of real stories: a list or table that ends the run of prose,
a paragraph a phrase rule takes for chrome. It is the promise "never lose
article text" as a number. Recall uses ../shared/bench/score.py's metric; the
rules are summed by characters removed, over the pages below --below.
"""

from __future__ import annotations

import argparse
import collections
import html
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = ("scrapinghub", "readability", "portal")
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402

_spec = importlib.util.spec_from_file_location("score", SHARED / "bench" / "score.py")
assert _spec is not None and _spec.loader is not None
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

NO_HEADLINE = "A headline for this page"


def as_page(headline: str, body: str, mode: str) -> bytes:
    """The truth as a text dump or as a minimal HTML article page."""
    if mode == "text":
        return f"{headline}\n\n{body}\n".encode()
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    title = html.escape(headline)
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )
    return page.encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("text", "html"), default="text")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages of lowest recall")
    parser.add_argument("--below", type=float, default=0.98, help="sum the removing rules over pages below this recall")
    args = parser.parse_args()
    rows, rules = [], collections.Counter()
    for name in SETS:
        truth = json.loads((SHARED / "bench" / name / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id, item in sorted(truth.items()):
            body = item["articleBody"]
            if not body.strip():
                continue
            headline = (item.get("headline") or NO_HEADLINE).strip()
            result = clean(as_page(headline, body, args.mode))
            recall = score.recall(*score.page_counts(body, result.text))
            rows.append((recall, name, page_id))
            if recall < args.below:
                for removed in result.removed:
                    if removed.text.strip() != headline:
                        rules[removed.rule] += len(removed.text)
    print(f"{args.mode} mode, {len(rows)} pages: mean recall {sum(r[0] for r in rows) / len(rows):.4f}")
    for name in SETS:
        mine = [r[0] for r in rows if r[1] == name]
        below = sum(r < args.below for r in mine)
        print(f"  {name:12} {sum(mine) / len(mine):.4f}  ({below} pages below {args.below})")
    print(f"characters removed on the pages below {args.below}, by rule:")
    for rule, chars in rules.most_common():
        print(f"  {chars:8d}  {rule}")
    for recall, name, page_id in sorted(rows)[: args.worst]:
        print(f"  {recall:.3f}  {name:12} {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
