"""Apply rules to a page's units and keep the record of who dropped what, and why.

``Verdicts`` is the one mutable object of a cleaning run; it lives inside a
single ``clean()`` call. Each unit is either kept or dropped by exactly one
rule (the first that fires), and every drop becomes a ``Removal``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence

from cleanup.model import Line, Removal
from cleanup.sites.load import TextRule
from cleanup.text.registry import Rule, Span
from cleanup.text.spared import GUARD_OF_REASON, GUARD_OF_RULE, Spared
from cleanup.text.units import SEP, Units, as_units, holding_any, lowered


class Verdicts:
    """Which unit each rule dropped, in page order."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines: Units = as_units(lines)
        self.dropped_by: list[str | None] = [None] * len(self.lines)
        self.protected: set[int] = set()  # units no rule may drop (the headline)
        self.by_site: set[int] = set()  # units dropped by a site drop_line/drop_from rule (apply_site_rules)
        self._runs: list[tuple[str, str, list[int]]] = []  # (rule, reason, unit indexes) of each removal

    def drop(self, index: int, rule: str, reason: str) -> None:
        """Drop one unit (if still kept and not protected)."""
        self.drop_span(index, index + 1, rule, reason)

    def drop_span(self, start: int, stop: int, rule: str, reason: str) -> None:
        """Drop the kept, unprotected units in [start, stop): one Removal per contiguous run."""
        run: list[int] = []
        for i in range(start, stop):
            if self.dropped_by[i] is None and i not in self.protected:
                self.dropped_by[i] = rule
                run.append(i)
            elif run:
                self._record(run, rule, reason)
                run = []
        if run:
            self._record(run, rule, reason)

    def reassign(self, indexes: Sequence[int], rule: str, reason: str) -> None:
        """Drop ``indexes`` (ascending) by ``rule``, taking those already dropped from their rules."""
        moved = {i for i in indexes if self.dropped_by[i] is not None}
        if moved:
            runs = [(r, why, [i for i in run if i not in moved]) for r, why, run in self._runs]
            self._runs = [piece for r, why, run in runs for piece in _contiguous(r, why, run)]
        for i in indexes:
            self.dropped_by[i] = None
        for i in indexes:
            self.drop(i, rule, reason)

    def _record(self, run: list[int], rule: str, reason: str) -> None:
        # A run that touches the previous removal of the same rule and reason joins it.
        last = self._runs[-1] if self._runs else None
        if last is not None and last[0] == rule and last[1] == reason and last[2][-1] == run[0] - 1:
            last[2].extend(run)
        else:
            self._runs.append((rule, reason, run))

    @property
    def removals(self) -> list[Removal]:
        """One Removal per run of units dropped together, in the order they were dropped."""
        lines = self.lines
        return [
            Removal(
                rule,
                reason,
                "\n".join([lines[i].text for i in run]),
                lines[run[0]].no or None,
                lines[run[-1]].last or None,
            )
            for rule, reason, run in self._runs
        ]

    def kept(self) -> list[int]:
        """Indexes of the units still kept."""
        return [i for i, d in enumerate(self.dropped_by) if d is None]

    def dropped_text(self, rules: Collection[str]) -> list[str]:
        """Texts of units dropped by any of ``rules``, in page order."""
        return [ln.text for ln, d in zip(self.lines, self.dropped_by, strict=True) if d in rules]


def _contiguous(rule: str, reason: str, run: list[int]) -> list[tuple[str, str, list[int]]]:
    """A removal's units cut into contiguous runs (none when empty)."""
    out: list[tuple[str, str, list[int]]] = []
    for i in run:
        if out and out[-1][2][-1] == i - 1:
            out[-1][2].append(i)
        else:
            out.append((rule, reason, [i]))
    return out


PrefixEntry = tuple[tuple[str, ...], tuple[tuple[int, tuple[str, ...]], ...]]


@functools.cache
def first_char_table(rules: tuple[Rule, ...]) -> dict[str, PrefixEntry]:
    """For each first character: all prefixes starting with it, and per rule (index in ``rules``) its own.

    Only rules with ``prefixes`` are in the table; a unit's first character
    picks the few whose prefixes it can start, and one test against all of
    them at once turns most units away.
    """
    table: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for n, rule in enumerate(rules):
        for c in sorted({p[:1] for p in rule.prefixes}):
            table.setdefault(c, []).append((n, tuple(p for p in rule.prefixes if p[:1] == c)))
    return {c: (tuple(p for _, prefixes in entries for p in prefixes), tuple(entries)) for c, entries in table.items()}


# Hints of at least this many characters (words, not one punctuation mark) are rare:
# one RE2 scan for all of them finds the few units that hold one. A test per unit
# (``_holding``) is faster for common ones.
MIN_SCAN_HINT = 2


def candidates(lows: Sequence[str], rules: Sequence[Rule]) -> dict[int, list[Rule]]:
    """For each unit index, the rules (in order) whose ``Rule.may_fire`` holds on ``lows[index]``.

    Prefixes are looked up by the unit's first character, ``contains`` hints
    searched for over all the units joined: most units of a page dump pass
    no pre-check at all, and never reach a rule.

    >>> from cleanup.rules import get_rule
    >>> found = candidates(["by jane doe", "the end.", "© 2019 acme"], [get_rule("byline")])
    >>> {k: [r.name for r in rules] for k, rules in found.items()}
    {0: ['byline']}
    """
    rules = tuple(rules)
    passing: list[list[int]] = [[] for _ in rules]
    table = first_char_table(rules)
    for k, low in enumerate(lows):
        entry = table.get(low[:1])
        if entry is not None and low.startswith(entry[0]):
            for n, prefixes in entry[1]:
                if low.startswith(prefixes):
                    passing[n].append(k)
    page = SEP.join(lows)
    scan = page.count(SEP) == max(len(lows) - 1, 0)  # else a unit holds SEP: test unit by unit
    worded = tuple(n for n, rule in enumerate(rules) if _long_hints(rule.contains))
    holding_words = holding_any(lows, _worded_hints(rules, worded)) if worded and scan else []
    found: dict[int, list[Rule]] = {}
    for n, rule in enumerate(rules):
        units: Iterable[int] = passing[n] if rule.prefixes else range(len(lows))
        if rule.contains:
            holding = _rule_holding(rule.contains, lows, holding_words) if scan else _holding(rule.contains, lows)
            units = [k for k in units if k in holding] if rule.prefixes else sorted(holding)
        for k in units:
            if rule.max_chars is None or len(lows[k]) <= rule.max_chars:
                found.setdefault(k, []).append(rule)
    return dict(sorted(found.items()))


@functools.lru_cache(maxsize=16)
def _worded_hints(rules: tuple[Rule, ...], worded: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h for n in worded for h in _long_hints(rules[n].contains)))


@functools.lru_cache(maxsize=64)
def _long_hints(hints: tuple[str, ...]) -> tuple[str, ...]:
    """The ``hints`` of at least MIN_SCAN_HINT characters: the one RE2 scan over the page finds them."""
    return tuple(h for h in hints if len(h) >= MIN_SCAN_HINT)


@functools.lru_cache(maxsize=64)
def _short_hints(hints: tuple[str, ...]) -> tuple[str, ...]:
    """The ``hints`` shorter than MIN_SCAN_HINT (one punctuation mark, or empty): tested unit by unit."""
    return tuple(h for h in hints if len(h) < MIN_SCAN_HINT)


def _rule_holding(hints: tuple[str, ...], lows: Sequence[str], holding_words: Sequence[int]) -> set[int]:
    """Indexes of ``lows`` that hold one of ``hints``; ``holding_words`` are those holding a long hint of any rule.

    Short hints (image-caption's "(", ":", "/") are tested unit by unit; long
    ones ("photo credit ") only in the units the page's RE2 scan found: a
    regex of all of them searched in every unit cost five times as much.
    """
    short, long = _short_hints(hints), _long_hints(hints)
    holding = _holding(short, lows) if short else set()
    holding.update(k for k in holding_words if k not in holding and any(hint in lows[k] for hint in long))
    return holding


def _holding(hints: Sequence[str], lows: Sequence[str]) -> set[int]:
    """Indexes of ``lows`` that hold one of ``hints`` (an empty hint is in every unit).

    The hints are one character, held by most units: a test per unit costs
    less than a search per hit.
    """
    if len(hints) > FEW_HINTS:  # one regex scan a unit beats a test per hint (image-caption's credit leads)
        found = _hints_re(tuple(hints)).search
        return {k for k, low in enumerate(lows) if found(low)}
    return {k for k, low in enumerate(lows) for hint in hints if hint in low}


FEW_HINTS = 8


@functools.lru_cache(maxsize=64)
def _hints_re(hints: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``hints`` (longest first; an empty one matches every text)."""
    return re.compile("|".join(map(re.escape, sorted(hints, key=len, reverse=True))))


Verdict = tuple[str, str] | None  # (rule name, reason) of the generic line rule that fires, or None
# Generic line-rule verdicts by visible text, per rule list: pages of one site repeat their
# menus and footers, and a window that grows is looked at again. Only texts of up to
# MEMO_MAX_CHARS are kept (menus are short; memory stays under a few MB), and the memo
# is cleared when it holds VERDICT_MEMO_SIZE texts.
VERDICT_MEMO_SIZE = 20_000
MEMO_MAX_CHARS = 200
_VERDICTS: dict[tuple[Rule, ...], dict[str, Verdict]] = {}


def line_verdicts(texts: Sequence[str], rules: Sequence[Rule], lows: Sequence[str] | None = None) -> list[Verdict]:
    """The first of ``rules`` that fires on each visible text, as (name, reason), or None.

    Line rules see a unit's visible text only, so a verdict holds for every
    unit with that text: each text is judged once per process (``_VERDICTS``).
    A rule runs only on the texts that pass its pre-check (``candidates``).
    ``lows``, when given, are the texts lower-cased.
    """
    rules = tuple(rules)
    memo = _VERDICTS.setdefault(rules, {})
    # The texts not judged before, each once, with their lower-cased forms.
    pending = dict(zip(texts, lowered(texts) if lows is None else lows, strict=True))
    new = [t for t in pending if t not in memo]
    if len(memo) + len(new) > VERDICT_MEMO_SIZE:
        memo.clear()
        new = list(pending)
    if new:
        judged: dict[str, Verdict] = dict.fromkeys(new)
        for k, passing in candidates([pending[t] for t in new], rules).items():  # most texts pass no pre-check
            text = new[k]
            line = Line(0, text)
            for rule in passing:
                if reason := rule.func(line):
                    judged[text] = (rule.name, reason)
                    break
        memo.update(judged)
    found = [memo[t] for t in texts]
    for text in new:  # long texts are not kept
        if len(text) > MEMO_MAX_CHARS:
            del memo[text]
    return found


def apply_line_rules(v: Verdicts, rules: Sequence[Rule]) -> None:
    """Run the generic line rules; the first rule that fires drops the unit.

    A unit the story uses itself stays (``spared``: a step of a list it announces, a
    cookie notice in a story about cookies).
    """
    todo = [i for i in range(len(v.lines)) if v.dropped_by[i] is None and i not in v.protected]
    shown, lows = v.lines.visible, v.lines.lows
    verdicts = line_verdicts([shown[i] for i in todo], rules, [lows[i] for i in todo])
    spared = Spared(shown, v.dropped_by, todo, verdicts)
    for i, verdict in zip(todo, verdicts, strict=True):
        if verdict is not None and not spared(GUARD_OF_RULE.get(verdict[0]) or GUARD_OF_REASON.get(verdict[1]), i):
            v.drop(i, *verdict)


def apply_pack_line_rules(v: Verdicts, rules_dirs: tuple[str, ...], names: Collection[str]) -> None:
    """``date-line``, ``byline`` and ``image-caption`` (those of ``names``) once more, on the units kept so far,
    with the words the packs in ``rules_dirs`` add.

    The line rules' patterns hold the bundled packs' words only (they are built once); a user's
    ``lang/da.toml`` with ``months`` makes "12 maj 2024" a date line here, and one with
    ``byline-lead = ["Forfatter"]`` makes "Forfatter: Anne Berg" a byline.
    """
    from cleanup.text.lines import pack_line_checks

    checks = [check for check in pack_line_checks(rules_dirs) if check[0] in names]
    if not checks:
        return  # the packs add no such word: most runs with a rules directory (FiveFilters configs, site files)
    shown = v.lines.visible
    for i, text in enumerate(shown):
        if v.dropped_by[i] is None and i not in v.protected:
            rule = next((c for c in checks if len(text) <= c[3] and c[2](text)), None)
            if rule is not None:
                v.drop(i, rule[0], rule[1])


# A drop_from starts no sooner than this much kept text (or a quarter of it): ``_story_before``.
MIN_KEPT_BEFORE_DROP_FROM = 500


def apply_site_rules(
    v: Verdicts, drop_line: Sequence[TextRule], drop_from: Sequence[TextRule], line_rules: Collection[str], start: int
) -> None:
    """Site rules, run after the generic ones: they drop kept units and change no other verdict.

    ``drop_line`` takes the units it matches (the first rule that matches);
    ``drop_from`` the units from its first match in the article on (from the first
    kept unit; no unit a line rule took) to the end. Units from ``start`` on (before
    it: the page <title> in front of a window) that a generic rule dropped too are
    named after the site rule, as when site rules ran first; a generic line rule keeps
    its units in a drop_from span. The units only site rules drop are ``v.by_site``.
    """
    kept = v.kept()
    if not kept or not (drop_line or drop_from):
        return
    shown, named = v.lines.visible, set(v.protected)
    for rule in drop_line:
        _take(v, [i for i in range(start, len(shown)) if i not in named and rule.matches(shown[i])], rule, named)
    taken = line_rules  # a drop_from neither starts at nor takes a unit a line rule dropped, generic or site
    for rule in drop_from:
        free = [i for i in range(kept[0], len(shown)) if i not in named and v.dropped_by[i] not in taken]
        at = next((k for k, i in enumerate(free) if rule.matches(shown[i]) and _story_before(v, free[k:])), None)
        if at is not None:
            _take(v, free[at:], rule, named)


def _story_before(v: Verdicts, units: list[int]) -> bool:
    """True when the kept text before ``units`` is article enough for a drop_from to start there: a
    quarter of the kept text, or MIN_KEPT_BEFORE_DROP_FROM characters. An anchor met sooner sits in
    this page's story (a learned line quoted in an article), and the rule looks on; the comment
    thread a drop_from is written to cut may still outweigh the story."""
    shown = v.lines.visible
    total = sum(len(shown[i]) for i in v.kept())
    before = total - sum(len(shown[i]) for i in units if v.dropped_by[i] is None)
    return before >= min(MIN_KEPT_BEFORE_DROP_FROM, total / 4)


def _take(v: Verdicts, units: list[int], rule: TextRule, named: set[int]) -> None:
    """``units`` dropped by ``rule``: the kept ones dropped, the others named after it."""
    v.by_site.update(i for i in units if v.dropped_by[i] is None)
    v.reassign(units, rule.id, rule.why)
    named.update(units)


def apply_block_rules(v: Verdicts, rules: Sequence[Rule]) -> None:
    """Run neighbour rules in order; each sees the verdicts of those before it."""
    for rule in rules:
        spans: list[Span] = list(rule.func(v.lines, tuple(v.dropped_by)))
        for start, stop, reason in spans:
            v.drop_span(start, stop, rule.name, reason)
