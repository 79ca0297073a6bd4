#!/usr/bin/env python3
"""Is text output a fixed point? Clean every dev page, clean the text output again, count changes.

    python bench/idempotence.py text         # the 181 scrapinghub full-page text dumps
    python bench/idempotence.py html         # the 181 HTML pages: their text output, cleaned again
    python bench/idempotence.py text --set portal   # another dev set
    python bench/idempotence.py text --show 3   # print the first 3 changed pages (what the second pass drops)

The output of ``cleanup page`` (``Result.to_text()``: headline, blank line,
body) is cleaned again as text; a page counts as changed when the second
output differs from the first. The second pass can only remove lines, so a
change is text the first pass kept and the second threw away.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quality import SETS, load

from cleanup import CleanupError, clean


def second_pass(data: bytes) -> tuple[str, str] | None:
    """(first output, second output), or None when the page is refused."""
    try:
        once = clean(data).to_text()
        return once, clean(once).to_text()
    except CleanupError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("text", "html"))
    parser.add_argument("--set", choices=SETS, default="scrapinghub", help="dev set (default: scrapinghub)")
    parser.add_argument("--show", type=int, default=0, help="print the diff of the first N changed pages")
    args = parser.parse_args()
    changed, refused, shown = [], 0, 0
    pages = load(args.set, args.kind)
    for page_id, data in pages:
        outputs = second_pass(data)
        if outputs is None:
            refused += 1
            continue
        once, twice = outputs
        if once != twice:
            changed.append(page_id)
            if shown < args.show:
                shown += 1
                diff = difflib.unified_diff(once.splitlines(), twice.splitlines(), "once", "twice", lineterm="", n=1)
                print(f"--- {page_id}\n" + "\n".join(list(diff)[:40]))
    print(f"{args.set} {args.kind}: {len(changed)} changed of {len(pages)} when cleaned again ({refused} refused)")
    for page_id in changed:
        print(f"  {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
