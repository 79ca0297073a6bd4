"""The quality gate: F1 and recall on each shared dev set and mode stay at or above their floors.

The floors are pinned in ``tests/quality_floors.json`` by
``python bench/quality.py --update-floors``, which raises them when the
figures rise and refuses to lower one without ``--allow-regression`` (say why
in the commit). A change that costs quality on the dev sets fails here, not
on the hidden sets later.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def _quality_module():
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_dev_set_quality_holds_its_floor(key: str, tmp_path: Path) -> None:
    name, mode = key.split()
    if not (SHARED / "bench" / name / "ground-truth.json").exists():
        pytest.skip(f"../shared/bench/{name} is not beside the checkout")
    figures = _quality_module().measure(name, mode, tmp_path)
    floor = FLOORS[key]
    assert figures["f1"] >= floor["f1"], f"{key}: F1 {figures['f1']:.3f} under its floor {floor['f1']}"
    assert figures["recall"] >= floor["recall"], (
        f"{key}: recall {figures['recall']:.3f} under its floor {floor['recall']}"
    )


def test_every_set_and_mode_has_a_floor() -> None:
    assert sorted(FLOORS) == sorted(
        f"{s} {m}" for s in ("portal", "readability", "scrapinghub") for m in ("html", "text")
    )
