"""Results to bytes: text, JSON with a fixed key order, unified diffs, explanations."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable
from typing import Any

from cleanup.model import Result, escape_char, one_line

# text: headline, blank line, body. json: one object per page (a .json file per
# page under -o DIR). jsonl: one object per line, to stdout or one -o FILE.
FORMATS = ("text", "json", "jsonl")
SUFFIX = {"text": ".txt", "json": ".json", "jsonl": ".jsonl"}
EXPLAIN_SNIPPET = 80  # characters of removed text shown by --explain


def render(result: Result, fmt: str, source: str | None = None, extra: Iterable[tuple[str, Any]] = ()) -> str:
    """The output for one page: clean text, or one JSON object on one line.

    The JSON keys come in a fixed order: ``source``, the Result fields, then
    ``extra`` (fields of an input record passed through); an extra field whose
    name is taken is kept as ``input.<name>``.
    """
    if fmt == "text":
        return result.to_text()
    record: dict[str, Any] = {"source": source} if source is not None else {}
    record.update(result.to_dict())
    for key, value in extra:
        record[key if key not in record else f"input.{key}"] = finite(value)
    return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


# JSON has no Infinity or NaN; a pass-through number that overflowed (1e999) is kept as a string.
NON_FINITE = {math.inf: "Infinity", -math.inf: "-Infinity"}


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its name as a string, so the JSON is valid.

    Python's json reads ``1e999`` as ``inf`` and ``NaN`` as ``nan``, then writes
    them back as ``Infinity`` / ``NaN``, which other JSON parsers reject.

    >>> finite({"id": float("inf"), "xs": [1.5, float("nan")]})
    {'id': 'Infinity', 'xs': [1.5, 'NaN']}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE.get(value, "NaN")
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def quote_name(name: str) -> str:
    r"""``name`` as shown in messages: quoted, with escapes, when it holds a control character.

    A file name with a newline would otherwise start a line of its own on
    stderr and could forge an ``error:`` line; undecodable bytes show as ``\xNN``.

    >>> quote_name("a/b.html")
    'a/b.html'
    >>> print(quote_name("x\nerror: y.html"))
    'x\nerror: y.html'
    >>> print(quote_name("caf\udce9.html"))
    'caf\xe9.html'

    A name that starts or ends with a space is quoted too: the space would not show.

    >>> print(quote_name("x.html  "))
    'x.html  '
    """
    if name.isprintable() and name == name.strip():
        return name
    return "'" + "".join(ch if ch.isprintable() and ch not in "'\\" else escape_char(ch) for ch in name) + "'"


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless it is one: '1 page', '3 pages'."""
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two outputs ('' when they are equal).

    JSON Lines records (one object a line) are laid out a field a line first: a
    change in a long record is then one changed field, not one changed line of kilobytes.
    """
    old, new = _laid_out(old), _laid_out(new)
    lines = difflib.unified_diff(_lines(old), _lines(new), fromfile=old_name, tofile=new_name)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    r"""``text`` cut after each ``\n`` only: ``splitlines`` also ends a line at a form feed or U+2028 a
    page's text may hold, and the diff then said "No newline at end of file" in the middle of a line.

    >>> _lines("a\x0cb\nc")
    ['a\x0cb\n', 'c']
    """
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _laid_out(text: str) -> str:
    """A one-line JSON object as indented JSON (for reading a diff), anything else as it is.

    >>> print(_laid_out('{"a": 1, "b": "x"}\\n'), end="")
    {
     "a": 1,
     "b": "x"
    }
    """
    if not text.startswith("{") or text.count("\n") > 1:
        return text
    try:
        record = json.loads(text)
    except ValueError:
        return text
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n" if isinstance(record, dict) else text


# A line explain_lines writes: ``source:12-14: rule: reason...`` (a removal with no line: ``source:None:``).
EXPLAIN_LINE_RE = re.compile(r"^.*?:(?:\d+(?:-\d+)?|None): [^\s:][^\s]*: ")


def is_explain_line(line: str) -> bool:
    """True when ``line`` is a line of an --explain log (an --explain-file may replace such a file).

    >>> is_explain_line("pages/a.html:5-6: image-caption: photo caption or credit: 'Photo: AP'")
    True
    >>> is_explain_line("<!DOCTYPE html>"), is_explain_line("The council met at 10:30: it voted.")
    (False, False)
    """
    return bool(EXPLAIN_LINE_RE.match(line))


def explain_lines(result: Result, source: str) -> list[str]:
    """One greppable ``source:line: rule: reason: text`` line per removal."""
    out = []
    for r in result.removed:
        first = r.text.split("\n", 1)[0]
        snippet = first if len(first) <= EXPLAIN_SNIPPET else first[: EXPLAIN_SNIPPET - 1] + "…"
        extra = r.text.count("\n")
        more = f" (+{extra} more line{'' if extra == 1 else 's'})" if extra else ""
        where = f"{r.line}" if r.line == r.end or r.end is None else f"{r.line}-{r.end}"
        node = f" [{r.node}]" if r.node else ""
        # The rule, reason and node come from rule files and pages: a newline there would split the record.
        out.append(f"{quote_name(source)}:{where}: {one_line(f'{r.rule}: {r.reason}{node}')}: {snippet!r}{more}")
    return out
