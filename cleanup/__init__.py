"""cleanup: strip site chrome from scraped news pages, and say why.

>>> from cleanup import clean
>>> result = clean("Skip to content\\n\\nThe council voted on Tuesday to close the old bridge for repairs.\\n")
>>> result.text
'The council voted on Tuesday to close the old bridge for repairs.'
>>> [(r.rule, r.reason) for r in result.removed]
[('skip-link', 'accessibility jump link')]
"""

from typing import Any

from cleanup.model import (
    CleanupError,
    DecodeError,
    ExtractionError,
    Line,
    Options,
    Removal,
    Result,
    RuleNameError,
    SiteRuleError,
)

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``clean`` loads the rules (patterns, vocabularies, language packs) on first use, not on import:
    ``cleanup --version`` and the CLI's flag checks stay fast."""
    if name == "clean":
        from cleanup.pipeline import clean

        return clean
    if name == "reload_rules":
        from cleanup.sites.fresh import reload_rules

        return reload_rules
    raise AttributeError(f"module 'cleanup' has no attribute {name!r}")


__all__ = [
    "CleanupError",
    "DecodeError",
    "ExtractionError",
    "Line",
    "Options",
    "Removal",
    "Result",
    "RuleNameError",
    "SiteRuleError",
    "__version__",
    "clean",
    "reload_rules",
]
