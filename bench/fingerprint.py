#!/usr/bin/env python3
"""A sha256 of every result's JSON on the shared dev sets, both modes: proof that a refactor changed nothing.

    python bench/fingerprint.py > before.txt      # on the old code
    python bench/fingerprint.py | diff before.txt -   # on the new code: no output means byte-identical

One line per page: ``set mode page-id sha256``, then one line per set and mode
hashing those. ``--golden`` adds the fixtures' results too; ``--rules DIR`` cleans
with a rules directory (``--rules ../shared/ftr-site-config``: every FiveFilters config).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
SETS = ("scrapinghub", "readability", "portal")
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402
from cleanup.model import Options  # noqa: E402


def pages(name: str, mode: str) -> list[tuple[str, bytes]]:
    """(page id, raw bytes) of one set and mode, sorted by id."""
    if mode == "text":
        return [(p.stem, p.read_bytes()) for p in sorted((BENCH / name / "text").glob("*.txt"))]
    return [
        (p.name.removesuffix(".html.gz"), gzip.decompress(p.read_bytes()))
        for p in sorted((BENCH / name / "html").glob("*.html.gz"))
    ]


def digest(result: object) -> str:
    """The sha256 of a result's JSON with sorted keys."""
    data = json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)  # type: ignore[attr-defined]
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--golden", action="store_true", help="also hash every fixture's result")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--rules", type=Path, help="clean with this rules directory (site files, FiveFilters)")
    args = parser.parse_args()
    options = Options(rules_dirs=(args.rules,)) if args.rules else Options()
    for name in args.sets.split(","):
        for mode in ("text", "html"):
            total = hashlib.sha256()
            for page_id, data in pages(name, mode):
                line = f"{name} {mode} {page_id} {digest(clean(data, options))}"
                total.update(line.encode())
                print(line)
            print(f"TOTAL {name} {mode} {total.hexdigest()}")
    if args.golden:
        for path in sorted((ROOT / "fixtures").glob("*/input.*")):
            print(f"fixture {path.parent.name} {digest(clean(path.read_bytes(), options))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
