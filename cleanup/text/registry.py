"""The rule registry: every generic rule has a published name, a docstring and a kind.

A *line rule* looks at one unit on its own (jusText's first, context-free
pass) and returns the reason to drop it, or None::

    @line_rule("skip-link")
    def skip_link(line: Line) -> str | None: ...

A *block rule* sees the whole page after the line rules (jusText's second
pass, with neighbours) and yields spans ``(start, stop, reason)`` of unit
indexes to drop, ``stop`` exclusive. It receives the units and, for each, the
name of the rule that already dropped it (or None), so it can reason about a
heading whose list items were dropped, or a title next to a dropped embed.

Names are kebab-case nouns for the chrome removed. They appear in JSON,
``--disable`` and golden files: never rename one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cleanup.model import Line

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

    A rule is equal only to itself (``eq=False``): the registry holds one per
    name, and tuples of rules are cache keys, hashed on every page.
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


_REGISTRY: dict[str, Rule] = {}


def _register(name: str, kind: str, **extra) -> Callable:
    def decorate(func: Callable) -> Callable:
        if name in _REGISTRY:
            raise ValueError(f"rule {name!r} is registered twice")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"rule {name!r} has no docstring")
        _REGISTRY[name] = Rule(name, kind, func, **extra)
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


def block_rule(name: str, *, kinds: Iterable[str] = (TEXT, HTML)) -> Callable[[BlockFn], BlockFn]:
    """Register a neighbour rule: ``func(lines, dropped_by) -> spans``."""
    return _register(name, "block", kinds=frozenset(kinds))


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every generic rule, line rules first, each group in registration order.

    Cached: the pipeline asks for the rules several times per page.
    """
    from cleanup.text import (
        lines,  # noqa: F401  (importing registers the rules)
        phrases,  # noqa: F401
    )

    rules = tuple(_REGISTRY.values())
    return tuple(r for r in rules if r.kind == "line") + tuple(r for r in rules if r.kind == "block")


def get_rule(name: str) -> Rule:
    """The rule called ``name``; KeyError if there is none."""
    all_rules()
    return _REGISTRY[name]
