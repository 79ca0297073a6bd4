"""cleanup: strip site chrome from scraped news pages, and say why.

>>> from cleanup import clean
>>> result = clean("Skip to content\\n\\nThe council voted on Tuesday to close the old bridge for repairs.\\n")
>>> result.text
'The council voted on Tuesday to close the old bridge for repairs.'
>>> [(r.rule, r.reason) for r in result.removed]
[('skip-link', 'accessibility jump link')]
"""

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
from cleanup.pipeline import clean

__version__ = "0.1.0"

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
]
