"""Apply rules to a page's units and keep the record of who dropped what, and why.

``Verdicts`` is the one mutable object of a cleaning run; it lives inside a
single ``clean()`` call. Each unit is either kept or dropped by exactly one
rule (the first that fires), and every drop becomes a ``Removal``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from .model import Line, Removal
from .rules import Rule, Span
from .sites import TextRule
from .text import visible


class Verdicts:
    """Which unit each rule dropped, in page order."""

    def __init__(self, lines: Sequence[Line], protected: Iterable[int] = ()) -> None:
        self.lines = tuple(lines)
        self.dropped_by: list[str | None] = [None] * len(self.lines)
        self.protected = set(protected)
        self.checked: set[int] = set()  # units the line rules have seen
        self.removals: list[Removal] = []
        self._last_run: list[int] = []
        self._last_index = -2

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

    def _record(self, run: list[int], rule: str, reason: str) -> None:
        # Runs that touch the previous removal of the same rule and reason merge into it.
        prev = self.removals[-1] if self.removals else None
        if prev and prev.rule == rule and prev.reason == reason and self._last_index == run[0] - 1:
            run = [*self._last_run, *run]
            self.removals.pop()
        first, last = self.lines[run[0]], self.lines[run[-1]]
        text = "\n".join(self.lines[i].text for i in run)
        self.removals.append(Removal(rule, reason, text, first.no or None, last.last or None))
        self._last_run, self._last_index = run, run[-1]

    def kept(self) -> list[int]:
        """Indexes of the units still kept."""
        return [i for i, d in enumerate(self.dropped_by) if d is None]

    def dropped_text(self, rules: set[str]) -> list[str]:
        """Texts of units dropped by any of ``rules``, in page order."""
        return [ln.text for ln, d in zip(self.lines, self.dropped_by, strict=True) if d in rules]


@functools.cache
def by_first_char(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """For each first character, the rules (in order) that may fire on a line starting with it.

    Rules without prefixes are in every entry; "" holds those for any other character.
    """
    starts = {p[0] for r in rules for p in r.prefixes}
    table = {c: tuple(r for r in rules if not r.prefixes or any(p[0] == c for p in r.prefixes))
             for c in starts}
    table[""] = tuple(r for r in rules if not r.prefixes)
    return table


def apply_line_rules(v: Verdicts, rules: Sequence[Rule], site_rules: Sequence[TextRule],
                     indexes: Iterable[int] | None = None) -> None:
    """Run site line rules, then generic ones; the first rule that fires drops the unit.

    ``indexes`` limits the run to those units; a unit is checked only once per Verdicts.
    """
    table = by_first_char(tuple(rules))
    anything = table[""]
    for i in range(len(v.lines)) if indexes is None else indexes:
        if v.dropped_by[i] is not None or i in v.protected or i in v.checked:
            continue
        v.checked.add(i)
        line = v.lines[i]
        text = visible(line.text)
        for srule in site_rules:
            if srule.matches(text):
                v.drop(i, srule.id, srule.why)
                break
        else:
            low = text.lower()
            n = len(low)
            for rule in table.get(low[:1], anything):
                # Rule.may_fire, inlined: this loop runs for every line of every page.
                if rule.max_chars is not None and n > rule.max_chars:
                    continue
                if rule.prefixes and not low.startswith(rule.prefixes):
                    continue
                if rule.contains:
                    for hint in rule.contains:  # plain substring tests: fast even on long lines
                        if hint in low:
                            break
                    else:
                        continue
                if reason := rule.func(line):
                    v.drop(i, rule.name, reason)
                    break


def apply_drop_from(v: Verdicts, site_rules: Sequence[TextRule]) -> None:
    """Site ``drop_from`` rules: drop the first matching unit and everything after it."""
    for srule in site_rules:
        for i, line in enumerate(v.lines):
            if v.dropped_by[i] is None and srule.matches(visible(line.text)):
                v.drop_span(i, len(v.lines), srule.id, srule.why)
                break


def apply_block_rules(v: Verdicts, rules: Sequence[Rule]) -> None:
    """Run neighbour rules in order; each sees the verdicts of those before it."""
    for rule in rules:
        spans: list[Span] = list(rule.func(v.lines, tuple(v.dropped_by)))
        for start, stop, reason in spans:
            v.drop_span(start, stop, rule.name, reason)
