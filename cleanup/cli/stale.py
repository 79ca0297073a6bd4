"""Outputs whose input is gone: reported under --check/--diff, removed under --prune."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleanup.cli.messages import Messages, kept_note
from cleanup.input.sources import reason
from cleanup.output.modes import Directory, JsonLinesFile, Mode, OutputError
from cleanup.output.render import quote_name
from cleanup.output.report import Report

_NO_INPUT = "no input was found (an empty or unmounted directory, a filter that matches nothing)"


def stale_records(target: JsonLinesFile, report: Report, messages: Messages) -> None:
    """Under --check/--diff -o FILE.jsonl: records whose input is gone, and what else a run would rewrite.

    A run that writes no record (no input found, every input failed) leaves the file as it is, so
    nothing of it would change: a check must not fail where the run it stands for changes nothing.
    """
    if not target.compared:
        why = "no input gave a record" if report.failures else _NO_INPUT
        messages.say(f"note: looked for no record whose input is gone: {why}", always=True)
        return
    try:
        gone_records, problems = target.orphans(), target.layout_problems()
    except OutputError as exc:  # a file that cannot be read (a gzip cut short): an error, not a traceback
        if not report.failures:  # each input compared with it said so already
            report.failed("-o", str(exc))
        messages.say(f"note: looked for no record whose input is gone: {exc}", always=True)
        return
    for gone in gone_records:
        report.done(changed=True)
        messages.say(f"would be removed: {quote_name(target.given)}: the record of {quote_name(gone)}")
    for problem in problems:
        report.done(changed=True)
        messages.say(f"would change: {quote_name(target.given)}: {problem}")


def orphans(target: Directory, mode: Mode, report: Report, messages: Messages, named: list[Any]) -> None:
    """Outputs whose input is gone: 'would be removed' under --check/--diff, removed under --prune."""
    why = _orphans_unknown(target, report, named)
    if why is not None:
        done = "removed nothing" if mode is Mode.WRITE else "looked for no output whose input is gone"
        messages.say(f"{'--prune' if mode is Mode.WRITE else 'note'}: {done}: {why}", always=True)
        return
    for path in target.orphans():
        if mode is not Mode.WRITE:
            report.done(changed=True)
            messages.say(f"would be removed: {quote_name(str(path))}")
            continue
        try:
            path.unlink()
        except OSError as exc:
            report.failed(str(path), f"cannot remove it: {reason(exc)}")
            messages.error(str(path), f"cannot remove it: {reason(exc)}")
            continue
        messages.say(f"removed: {quote_name(str(path))} (its input is gone)")
    if target.kept:
        messages.say(kept_note(target.kept), always=True)


def _orphans_unknown(target: Directory, report: Report, named: list[Any]) -> str | None:
    """Why orphans cannot be told (a failed input's outputs are none; ``-o . pages/``: not ours), or None."""
    if report.failures:
        return f"{len(report.failures)} input{'' if len(report.failures) == 1 else 's'} failed"
    if not target.bases and not target.record_dirs:
        if not (report.cleaned or report.unchanged or report.skipped):
            return _NO_INPUT
        return "no input directory was given (standard input prunes nothing)"  # stdin only: nothing to mirror
    root = target.root.resolve()
    for name in named:
        if isinstance(name, Path) and name.resolve().is_relative_to(root):
            where, given = quote_name(str(target.root)), quote_name(str(name))
            return f"-o {where} holds the input {given}: give the outputs a directory of their own"
    return None
