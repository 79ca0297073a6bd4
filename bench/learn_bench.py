#!/usr/bin/env python3
"""``cleanup learn`` on the portal dev set: F1 without and with the rules learned per site.

    python bench/learn_bench.py                 # text dumps and HTML pages, all three schemes
    python bench/learn_bench.py --kinds text    # one kind
    python bench/learn_bench.py --out DIR       # also write the predictions, DIR/<kind>-<scheme>/<id>.txt
    python bench/learn_bench.py -v              # also print the rules learned (and --verbose-refused N)

The portal set (../shared/bench/portal) holds 71 pages of 4 portals; ground-truth.json
names each page's site group. For each group and kind the pages are cleaned by
the generic rules, rules are learned as ``cleanup learn --site HOST`` would
(``learn_page`` and ``learn_site``, the same first pass: line rules from text and
HTML pages, strip/body rules from HTML pages' DOM blocks), written as HOST.toml,
and the pages cleaned again with ``--rules DIR --site HOST``. Schemes:

- ``none``: the generic rules alone (the baseline);
- ``self``: learn from all the group's pages and score them (the issue's figure);
- ``split``: split-half: learn on the odd-numbered pages and score the even ones,
  and the other way round, so a score never comes from rules learned on the
  page itself (no learning of its own article text);
- ``five``: learn from 5 pages (the first 5 of the other half) and score the other half.

Scored with ../shared/bench/score.py's metric (imported, unrounded): mean precision
and mean recall over pages, F1 their harmonic mean.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT.parent / "shared" / "bench" / "portal"
sys.path.insert(0, str(ROOT))

from cleanup import clean  # noqa: E402
from cleanup.batch.learn import learn_page, site_host  # noqa: E402
from cleanup.model import Options  # noqa: E402
from cleanup.sites.learn import MIN_PAGES, MIN_SHARE, learn_site  # noqa: E402
from cleanup.sites.load import host_of  # noqa: E402


def scorer():
    spec = importlib.util.spec_from_file_location("score", PORTAL.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(kind: str, page_id: str) -> bytes:
    if kind == "text":
        return (PORTAL / "text" / f"{page_id}.txt").read_bytes()
    return gzip.decompress((PORTAL / "html" / f"{page_id}.html.gz").read_bytes())


def learned_dir(host: str, train: list[tuple[str, bytes]], tmp: Path, tag: str, args) -> Path:
    """A rules directory holding HOST.toml learned from ``train`` (empty when nothing was learned)."""
    pages = [learn_page(pid, raw, clean(raw, Options()), Options()) for pid, raw in train]
    found = learn_site(host, pages, args.min_pages, args.min_share)
    out = tmp / tag
    out.mkdir()
    if found.rules:
        (out / f"{host}.toml").write_text(found.toml(), encoding="utf-8")
    if args.verbose:
        print(f"  {tag}: {len(found.rules)} rules, {len(found.refused)} refused", file=sys.stderr)
        for r in found.rules:
            print(f"    {r.kind} {r.selector[:90]}  ({r.why[:70]})", file=sys.stderr)
        for r in found.refused[: args.verbose_refused]:
            print(f"    refused {r.text[:90]}  ({r.reason[:70]})", file=sys.stderr)
    return out


def predict(kind: str, scheme: str, groups: dict, tmp: Path, args) -> dict[str, str]:
    """Page id -> predicted text under one scheme."""
    out = {}
    for site, ids in sorted(groups.items()):
        host, data = groups[site][0][1], {pid: read(kind, pid) for pid, _ in ids}
        order = sorted(data)
        if scheme == "none":
            plans = [([], order)]
        elif scheme == "self":
            plans = [(order, order)]
        else:
            halves = [order[0::2], order[1::2]]
            plans = [(halves[1 - i], halves[i]) for i in (0, 1)]
            if scheme == "five":
                plans = [(train[:5], test) for train, test in plans]
        for n, (train, test) in enumerate(plans):
            rules = (
                ()
                if scheme == "none"
                else (str(learned_dir(host, [(p, data[p]) for p in train], tmp, f"{kind}-{scheme}-{site}-{n}", args)),)
            )
            options = Options(rules_dirs=rules, site=host) if rules and any(Path(rules[0]).iterdir()) else Options()
            for pid in test:
                out[pid] = clean(data[pid], options).text
    return out


def score(pred: dict[str, str], gold: dict, sc) -> tuple[float, float, float]:
    rows = [sc.page_counts(item["articleBody"], pred.get(pid, "")) for pid, item in sorted(gold.items())]
    p = statistics.mean(sc.precision(*c) for c in rows if c[0] + c[1] > 0)
    r = statistics.mean(sc.recall(*c) for c in rows if c[0] + c[2] > 0)
    return 2 * p * r / (p + r), p, r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", nargs="+", default=["text", "html"])
    parser.add_argument("--schemes", nargs="+", default=["none", "self", "split", "five"])
    parser.add_argument("--min-pages", type=int, default=MIN_PAGES)
    parser.add_argument("--min-share", type=float, default=MIN_SHARE)
    parser.add_argument("--out", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the rules learned")
    parser.add_argument("--verbose-refused", type=int, default=0, metavar="N", help="with -v: the first N refused")
    args = parser.parse_args()
    gold = json.loads((PORTAL / "ground-truth.json").read_text(encoding="utf-8"))
    groups: dict[str, list[tuple[str, str]]] = {}
    for pid, item in sorted(gold.items()):
        groups.setdefault(item["site"], []).append((pid, site_host(host_of(item["url"]))))
    sc = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            base = None
            for scheme in args.schemes:
                pred = predict(kind, scheme, groups, Path(tmp), args)
                f1, p, r = score(pred, gold, sc)
                base = r if scheme == "none" else base
                delta = f"  (recall {r - base:+.4f} against none)" if base is not None and scheme != "none" else ""
                print(f"{kind:5} {scheme:6} F1 {f1:.4f}  precision {p:.4f}  recall {r:.4f}{delta}")
                if args.out:
                    d = args.out / f"{kind}-{scheme}"
                    d.mkdir(parents=True, exist_ok=True)
                    for pid, text in pred.items():
                        (d / f"{pid}.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
