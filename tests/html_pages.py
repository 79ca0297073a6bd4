"""Small HTML pages for the HTML-engine tests: distinct prose paragraphs in a whole document."""

from __future__ import annotations

from cleanup.html.extract import extract_html

PROSE = (
    "The council voted on Tuesday to close the old bridge for repairs, citing cracks found "
    "by inspectors during the autumn survey of the river crossings."
)


def story(n: int = 5, prefix: str = "Paragraph") -> str:
    """``n`` distinct prose paragraphs."""
    return "".join(f"<p>{prefix} {i}. {PROSE}</p>" for i in range(n))


def page(body: str, head: str = "") -> str:
    """A whole document around ``body``."""
    return f"<html><head>{head}</head><body>{body}</body></html>"


def texts(markup: str) -> list[str]:
    """Article line texts of a page."""
    return [line.text for line in extract_html(markup).lines]


def joined(markup: str) -> str:
    """Article text of a page as one string."""
    return "\n".join(texts(markup))
