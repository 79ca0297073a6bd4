"""Golden pages: every fixture's whole clean output and every removal, byte for byte.

A fixture is ``fixtures/<slug>/`` with ``input.txt`` or ``input.html``,
``meta.toml`` (``url``, ``note``, ``expect = "pass" | "fail"``),
``expected.txt`` (the text output) and ``expected.json`` (title, captions and
the removals: rule, lines and text, so a diff shows *why* an output changed).
``expect = "fail"`` marks a known failure, run as ``xfail(strict=True)``.

A fixture's ``meta.toml`` may also list ``keeps`` (exact substrings of article
text, keep-traps and the lead among them) and ``drops`` (chrome strings).
``test_keeps_and_drops`` checks them on the text output: every keep present
(the "never lose article text" promise), every drop absent. A known failure
is xfail(strict) there too, so a fix shows as XPASS and the mark must go:
set ``expect = "pass"``, run ``--update-golden`` and check that the
hand-written expected.txt did not change.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from cleanup import clean
from cleanup.output.render import unified_diff

from conftest import SHARED, golden_dirs


def _meta(path: Path) -> dict:
    meta = path / "meta.toml"
    return tomllib.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def _params() -> list:
    out = []
    for path in golden_dirs():
        marks = (
            [pytest.mark.xfail(strict=True, reason=_meta(path).get("note", ""))]
            if _meta(path).get("expect") == "fail"
            else []
        )
        out.append(pytest.param(path, id=path.name, marks=marks))
    return out


def _checked_params() -> list:
    """The fixtures that list keeps or drops, marked like their golden test."""
    return [p for p in _params() if {"keeps", "drops"} & set(_meta(p.values[0]))]


def _observed(path: Path) -> tuple[str, str]:
    source = next(path.glob("input.*"))
    result = clean(source.read_bytes(), url=_meta(path).get("url"))
    record = {
        "title": result.title,
        "byline": result.byline,
        "date": result.date,
        "site": result.site,
        "extractor": result.extractor,
        "captions": list(result.captions),
        "removed": [
            {"line": r.line, "end": r.end, "rule": r.rule, "reason": r.reason, "text": r.text} for r in result.removed
        ],
    }
    return result.to_text(), json.dumps(record, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("path", _params())
def test_golden_page(path: Path, update_golden: bool) -> None:
    text, record = _observed(path)
    if update_golden and _meta(path).get("expect") != "fail":  # a known failure's golden is written by hand
        (path / "expected.txt").write_text(text, encoding="utf-8")
        (path / "expected.json").write_text(record, encoding="utf-8")
        return
    want_text = (path / "expected.txt").read_text(encoding="utf-8")
    want_record = (path / "expected.json").read_text(encoding="utf-8")
    problems = unified_diff(want_text, text, "expected.txt", "output") + unified_diff(
        want_record, record, "expected.json", "output"
    )
    assert not problems, f"{path.name} changed (pytest --update-golden to accept):\n{problems}"


@pytest.mark.parametrize("path", _checked_params())
def test_keeps_and_drops(path: Path) -> None:
    """Every keep is in the text output, and no drop is."""
    meta = _meta(path)
    assert meta.get("keeps") or meta.get("drops"), f"{path.name}: keeps and drops are both empty"
    text, _ = _observed(path)
    lost = [keep for keep in meta.get("keeps", []) if keep not in text]
    leaked = [drop for drop in meta.get("drops", []) if drop in text]
    assert not lost and not leaked, f"{path.name}: lost article text {lost}; chrome left in {leaked}"


@pytest.mark.parametrize("path", [p.values[0] for p in _checked_params()], ids=lambda p: p.name)
def test_expected_text_honours_keeps_and_drops(path: Path) -> None:
    """A fixture's expected.txt (hand-written for a known failure) has every keep and no drop."""
    meta = _meta(path)
    want = (path / "expected.txt").read_text(encoding="utf-8")
    lost = [keep for keep in meta.get("keeps", []) if keep not in want]
    leaked = [drop for drop in meta.get("drops", []) if drop in want]
    assert not lost and not leaked, f"{path.name}/expected.txt: lacks keeps {lost}; holds drops {leaked}"


def test_seed_fixture_is_the_shared_seed() -> None:
    """The seed fixture is a copy of ../shared/seed; the copy must not drift."""
    seed = SHARED / "seed"
    if not seed.is_dir():
        pytest.skip("../shared/seed is not beside the checkout")
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "rollcall-obama-hollande"
    assert (fixture / "input.txt").read_bytes() == (seed / "rollcall-obama-hollande.txt").read_bytes()
    assert (fixture / "expected.txt").read_bytes() == (seed / "rollcall-obama-hollande.expected.txt").read_bytes()


def test_seed_is_byte_exact_with_generic_rules_only() -> None:
    """The seed comes out right even without the rollcall.com site file."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "rollcall-obama-hollande"
    site_rules = ("rollcall.com:video-site-promo", "rollcall.com:alerts-promo", "rollcall.com:recent-stories")
    result = clean((fixture / "input.txt").read_bytes(), disable=frozenset(site_rules))
    assert result.to_text() == (fixture / "expected.txt").read_text(encoding="utf-8")
