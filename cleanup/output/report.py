"""What happened to each input, the summary line and the exit code (after black's Report)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cleanup.model import one_line

# Exit codes, as documented in the README.
EXIT_OK = 0
EXIT_CHANGED = 1  # --check / --diff found an output that would change
EXIT_USAGE = 2  # bad flags, or a site rule file that does not load
EXIT_FAILED = 123  # at least one input could not be cleaned (the rest were)
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2, as shells report it
EXIT_TERMINATED = 143  # SIGTERM: 128 + 15
EXIT_PIPE = 141  # stdout closed early (cleanup ... | head): 128 + SIGPIPE


@dataclass
class Report:
    """Counts per outcome and the failures with their reasons.

    ``check`` is true for --check and --diff, where a changed output is a
    finding (exit 1) rather than work done. ``removals`` counts the removals
    of each rule over the inputs cleaned (datatrove's per-reason stats).
    """

    check: bool = False
    cleaned: int = 0
    unchanged: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    removals: Counter[str] = field(default_factory=Counter)
    left_out: dict[str, int] = field(default_factory=dict)  # records that are no article, by why

    def done(self, changed: bool, rules: Iterable[tuple[str, int]] = ()) -> None:
        """Record one input cleaned; ``changed`` says whether its output differs.

        ``rules`` are (rule, removals) pairs of that input.
        """
        self.removals.update(dict(rules))
        if changed:
            self.cleaned += 1
        else:
            self.unchanged += 1

    def skip(self) -> None:
        """Record one input left alone (its output already exists)."""
        self.skipped += 1

    def leave_out(self, why: str) -> None:
        """Record one input or record that is no article ("HTTP 404", "not a page: image/png")."""
        self.left_out[why] = self.left_out.get(why, 0) + 1

    def failed(self, source: str, reason: str) -> None:
        """Record one input that could not be cleaned."""
        self.failures.append((source, reason))

    @property
    def return_code(self) -> int:
        """123 if anything failed, else 1 if --check/--diff found changes, else 0."""
        if self.failures:
            return EXIT_FAILED
        if self.check and self.cleaned:
            return EXIT_CHANGED
        return EXIT_OK

    def __str__(self) -> str:
        """'3 cleaned, 1 unchanged, 1 failed.' (counts that are zero are left out)."""
        verb = "would change" if self.check else "cleaned"
        parts = [
            (self.cleaned, verb),
            (self.unchanged, "unchanged"),
            (self.skipped, "skipped"),
            (len(self.failures), "failed"),
        ]
        text = ", ".join(f"{n:,} {what}" for n, what in parts if n)
        if self.left_out:
            whys = ", ".join(
                f"{n:,} {one_line(singular(why) if n == 1 else why)}" for why, n in sorted(self.left_out.items())
            )
            text = f"{text}, " if text else ""
            text += f"{sum(self.left_out.values()):,} left out ({whys})"
        return (text or "nothing to do") + "."

    def rule_lines(self) -> list[str]:
        """The removals per rule, most first, for ``-v``: a heading, then '  12  promo-line' lines.

        >>> report = Report()
        >>> report.done(True, [("promo-line", 2), ("skip-link", 1)])
        >>> report.done(True, [("promo-line", 1)])
        >>> report.rule_lines()
        ['removals by rule:', '       3  promo-line', '       1  skip-link']
        """
        if not self.removals:
            return []
        ranked = sorted(self.removals.items(), key=lambda item: (-item[1], item[0]))
        return ["removals by rule:", *(f"{n:8,}  {rule}" for rule, n in ranked)]


def singular(why: str) -> str:
    """A reason worded for several inputs, for one: 'files neither named nor shaped like pages' -> 'file … a page'.

    >>> singular("files neither named nor shaped like pages"), singular("HTTP 404")
    ('file neither named nor shaped like a page', 'HTTP 404')
    """
    if why.startswith("links to directories"):
        return why.replace("links to directories", "link to a directory", 1)
    return why.replace("files ", "file ", 1).replace("like pages", "like a page") if why.startswith("files ") else why
