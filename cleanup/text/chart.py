"""Chart labels in a text dump: a chart drawn as HTML text, one axis label or value per line.

Newsrooms draw charts as positioned HTML text (ai2html artboards, often once per
screen size): a text dump of the page holds them as long runs of tiny units,
"$915", "billion", "600", "300", "’17", "’18". Each such unit costs the article
finder as much as a menu item, so a chart in the middle of a story split it, and
the run of prose kept only one half. The labels are not text a reader reads as
the story: the ``chart-labels`` rule drops a long run of them, and the finder then
reaches over the chart to the story's other half.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cleanup.model import Line
from cleanup.text.blocks import ends_like_sentence
from cleanup.text.registry import TEXT, Span, block_rule
from cleanup.text.units import as_units

# A chart: at least MIN_LABELS labels in a row (units other rules dropped do not break it),
# at least half of them values; a label is at most MAX_LABEL_CHARS characters.
MIN_LABELS = 10
MAX_LABEL_CHARS = 12
# A value: a number with its sign, currency, separators and unit ("$915", "-2.5%", "1,200", "3bn",
# "12:30"), or a year in short ("’17", "'08").
VALUE_RE = re.compile(r"[-+−–]?[$€£¥]?\d[\d.,:/]*\s?(?:%|k|m|bn|mn|mio|mrd|pts?)?\.?|['’‘]\d\d", re.IGNORECASE)
MAX_WORD_LABEL_CHARS = 10  # a unit word of an axis: "billion", "milliards", "percent"
# A chart's title or legend among its labels: at most MAX_INNER_TITLES units in a row of this size.
MAX_INNER_TITLES = 2
MAX_INNER_TITLE_CHARS = 60
MIN_LABELS_PER_TITLE = 4  # a list that names every value ("Bread", "$2", "Milk", "$1") is no chart


def label_kind(text: str) -> str | None:
    """ "value" or "word" for a unit that reads as a chart's label, else None.

    >>> label_kind("$915"), label_kind("’17"), label_kind("billion"), label_kind("Interest payments")
    ('value', 'value', 'word', None)
    """
    if len(text) > MAX_LABEL_CHARS:
        return None
    if VALUE_RE.fullmatch(text):
        return "value"
    if len(text) <= MAX_WORD_LABEL_CHARS and text.isalpha() and text.islower():
        return "word"
    return None


@block_rule("chart-labels", kinds=(TEXT,))
def chart_labels(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """The labels of a chart drawn as text: MIN_LABELS tiny units in a row, half of them values.

    A chart's title or legend between its labels ("Interest payments on the debt":
    at most MAX_INNER_TITLES short units in a row, no sentence) goes with them.

    >>> page = [Line(1, "The debt grew.")] + [Line(i, t) for i, t in enumerate(["$915", "billion"] * 6, 2)]
    >>> list(chart_labels(page, [None] * len(page)))
    [(1, 13, 'labels of a chart drawn as text')]
    >>> prices = [Line(1, "Prices:")] + [Line(i, t) for i, t in enumerate(["Bread", "$2", "Milk", "$1"] * 4, 2)]
    >>> list(chart_labels(prices, [None] * len(prices)))
    []
    """
    texts = as_units(lines).visible
    # A chart holds MIN_LABELS labels, half of them values: a page with fewer kept values has none.
    values = sum(
        1
        for t, d in zip(texts, dropped_by, strict=True)
        if d is None and len(t) <= MAX_LABEL_CHARS and VALUE_RE.fullmatch(t)
    )
    if 2 * values >= MIN_LABELS:
        yield from chart_runs(texts, dropped_by)


def chart_runs(texts: Sequence[str], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """``chart_labels`` on the units' visible ``texts``, without its pre-check: every run of labels looked at."""
    run: list[int] = []
    pending: list[int] = []
    kinds: list[str] = []
    for i in [*range(len(texts)), len(texts)]:
        if i < len(texts) and dropped_by[i] is not None:
            continue
        kind = label_kind(texts[i]) if i < len(texts) else None
        if kind is not None:
            run += [*pending, i] if run else [i]
            kinds += ["title"] * len(pending) + [kind] if kinds else [kind]
            pending = []
            continue
        if i < len(texts) and run and len(pending) < MAX_INNER_TITLES and _is_inner_title(texts[i]):
            pending.append(i)
            continue
        if kinds and _is_chart(kinds):  # most units end no run: nothing to count
            yield from _spans(run)
        run, pending, kinds = [], [], []


def _is_chart(kinds: Sequence[str]) -> bool:
    """MIN_LABELS labels or more, half of them values, and a title for at most every MIN_LABELS_PER_TITLE labels."""
    labels = len(kinds) - kinds.count("title")
    return (
        labels >= MIN_LABELS
        and 2 * kinds.count("value") >= labels
        and kinds.count("title") * MIN_LABELS_PER_TITLE <= labels
    )


def _is_inner_title(text: str) -> bool:
    """A chart's title or legend line: short, no sentence."""
    return len(text) <= MAX_INNER_TITLE_CHARS and not ends_like_sentence(text)


def _spans(indexes: Sequence[int]) -> Iterator[Span]:
    """The runs of consecutive indexes among ``indexes`` (sorted), as spans with the rule's reason."""
    start = prev = indexes[0]
    for i in indexes[1:]:
        if i != prev + 1:
            yield start, prev + 1, "labels of a chart drawn as text"
            start = i
        prev = i
    yield start, prev + 1, "labels of a chart drawn as text"
