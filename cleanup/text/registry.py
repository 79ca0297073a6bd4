"""How a text rule is declared: the ``line_rule`` and ``block_rule`` decorators and ``Rule``.

A *line rule* looks at one unit on its own (jusText's first, context-free
pass) and returns the reason to drop it, or None::

    @line_rule("skip-link")
    def skip_link(line: Line) -> str | None: ...

A *block rule* sees the whole page after the line rules (jusText's second
pass, with neighbours) and yields spans ``(start, stop, reason)`` of unit
indexes to drop, ``stop`` exclusive. It receives the units and, for each, the
name of the rule that already dropped it (or None), so it can reason about a
heading whose list items were dropped, or a title next to a dropped embed.

The decorators only attach a ``Rule`` to the function; they register
nothing. The rule table (``cleanup.rules``) imports the rule modules and
lists their rules in the order they run: this module imports none of them,
so imports point one way.

Names are kebab-case nouns for the chrome removed. They appear in JSON,
``--disable`` and golden files: never rename one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType

from cleanup.model import Line, RuleEntry, RuleKind, Stage

Span = tuple[int, int, str]
LineFn = Callable[[Line], str | None]
BlockFn = Callable[[Sequence[Line], Sequence[str | None]], Iterable[Span]]

TEXT, HTML = "text", "html"


@dataclass(frozen=True, eq=False)
class Rule:
    """A registered rule.

    ``kinds`` says which inputs it runs on ("text", "html"); ``caption`` marks
    rules whose removed text is kept in ``Result.captions``; ``metadata``
    names the Result field ("byline", "date") a removed unit goes to.

    A rule is equal only to itself (``eq=False``): the rule table holds one
    per name, and tuples of rules are cache keys, hashed on every page.
    """

    name: str
    kind: str  # "line" or "block"
    func: Callable
    kinds: frozenset[str]
    caption: bool = False
    metadata: str | None = None
    prefixes: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    max_chars: int | None = None

    def may_fire(self, low: str) -> bool:
        """Cheap necessary condition on the lower-cased visible text of a unit.

        The engine calls a line rule only when this holds: with tens of
        thousands of lines per page dump, skipping rules that cannot fire is
        what keeps text mode fast. tests/test_rules_lines.py checks that every
        positive example passes it.
        """
        if self.max_chars is not None and len(low) > self.max_chars:
            return False
        if self.prefixes and not low.startswith(self.prefixes):
            return False
        return self.contains_re is None or self.contains_re.search(low) is not None

    @functools.cached_property
    def contains_re(self) -> re.Pattern | None:
        """``contains`` as one pattern: a single scan of the line instead of one per word."""
        return re.compile("|".join(map(re.escape, self.contains))) if self.contains else None

    @property
    def summary(self) -> str:
        """First line of the rule's docstring."""
        return (self.func.__doc__ or "").strip().splitlines()[0]

    @property
    def entry(self) -> RuleEntry:
        """The rule's row in the rule table."""
        return RuleEntry(
            name=self.name,
            kind=RuleKind(self.kind),
            stage=Stage.TEXT_LINES if self.kind == "line" else Stage.TEXT_BLOCKS,
            reason=self.summary,
            defined=f"{self.func.__module__}:{self.func.__name__}",
            inputs=self.kinds,
        )


# The attribute of a decorated function that holds its Rule.
RULE_ATTR = "cleanup_rule"


def _register(name: str, kind: str, **extra) -> Callable:
    def decorate(func: Callable) -> Callable:
        if not (func.__doc__ or "").strip():
            raise ValueError(f"rule {name!r} has no docstring")
        setattr(func, RULE_ATTR, Rule(name, kind, func, **extra))
        return func

    return decorate


def line_rule(
    name: str,
    *,
    kinds: Iterable[str] = (TEXT, HTML),
    caption: bool = False,
    metadata: str | None = None,
    prefixes: Iterable[str] = (),
    contains: Iterable[str] = (),
    max_chars: int | None = None,
) -> Callable[[LineFn], LineFn]:
    """Register a context-free rule: ``func(line) -> reason | None``.

    ``prefixes``, ``contains`` and ``max_chars`` declare when the rule can
    fire at all (on the lower-cased visible text); see ``Rule.may_fire``.
    """
    return _register(
        name,
        "line",
        kinds=frozenset(kinds),
        caption=caption,
        metadata=metadata,
        prefixes=tuple(prefixes),
        contains=tuple(contains),
        max_chars=max_chars,
    )


def block_rule(
    name: str, *, kinds: Iterable[str] = (TEXT, HTML), metadata: str | None = None
) -> Callable[[BlockFn], BlockFn]:
    """Register a neighbour rule: ``func(lines, dropped_by) -> spans``; ``metadata`` as for a line rule,
    read from the span's second unit ("By" over "Jane Doe": the name; ``pipeline._metadata``)."""
    return _register(name, "block", kinds=frozenset(kinds), metadata=metadata)


def rule_of(func: Callable) -> Rule:
    """The Rule a decorated function carries; TypeError for an undecorated one."""
    rule = getattr(func, RULE_ATTR, None)
    if not isinstance(rule, Rule):
        raise TypeError(f"{getattr(func, '__qualname__', func)!r} is not a line or block rule")
    return rule


def rules_in(module: ModuleType) -> tuple[Rule, ...]:
    """Every rule defined in ``module``, in definition order (for the table's completeness test)."""
    found = [getattr(f, RULE_ATTR) for f in vars(module).values() if isinstance(getattr(f, RULE_ATTR, None), Rule)]
    return tuple(r for r in found if r.func.__module__ == module.__name__)
