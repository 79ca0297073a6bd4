"""A batch: inputs to workers, outputs written, compared or diffed in input order, the exit code."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from cleanup.cli.cluster import open_cluster, remote_target
from cleanup.cli.explain import open_explain_file
from cleanup.cli.inputs import count, inputs, leaving_out, left_out_there, listed_paths_of, record_fields, selection
from cleanup.cli.messages import ExplainFileError, Messages, colour_diff, colour_flag, progress_bar
from cleanup.cli.signals import Terminated, signals
from cleanup.cli.stale import orphans, stale_records
from cleanup.input.remote import as_url, local_path
from cleanup.input.sources import (
    InputGuard,
    Source,
    SourceError,
    check_output,
    holds_records,
    reason,
)
from cleanup.model import Options, SiteRuleError
from cleanup.output.files import streams_to
from cleanup.output.modes import Directory, JsonLinesFile, Mode, OutputError, Stdout, make_output
from cleanup.output.render import quote_name, unified_diff
from cleanup.output.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PIPE, EXIT_TERMINATED, EXIT_USAGE, Report

# Write errors that every later write would hit too: stop the batch at the first.
FATAL_WRITE_ERRNOS = frozenset((errno.ENOSPC, errno.EROFS, errno.EDQUOT))


def _messages(flags: dict[str, Any]) -> Messages:
    """What the run says on stderr, as the flags want it (--check with --diff names each change too)."""
    messages = Messages(colour_flag(flags["color"]), flags["quiet"], flags["verbose"])
    messages.name_changes = bool(flags["check"] and flags["diff"])
    return messages


def read_besides(flags: dict[str, Any], options: Options) -> list[Path]:
    """What a run reads besides its inputs: the --files-from list (a file) and the rule files of --rules.

    The rule files, not their directories: an output may go under a rules directory
    (``--rules .``), but not onto a site file, a FiveFilters config (named after a host:
    ``bbc.co.uk.txt``, ``global.txt``) or a language pack there. A ``page.txt`` beside them is
    no config, and may be the output of an earlier run into the same directory.
    """
    listing = flags["files_from"]
    rule_files = [
        path
        for directory in map(Path, options.rules_dirs)
        if directory.is_dir()
        for path in (
            *directory.glob("*.toml"),
            *(txt for txt in directory.glob("*.txt") if "." in txt.stem or txt.stem == "global"),
            *directory.glob("lang/*.toml"),
        )
    ]
    return [*([Path(listing)] if listing is not None and str(listing) != "-" else []), *sorted(rule_files)]


def _target(
    sources: list[Path],
    guarded: list[Path],
    output: Path | None,
    fmt: str,
    mode: Mode,
    flags: dict[str, Any],
    messages: Messages,
) -> Any:
    """The output target, once -o is checked against every input and ``guarded`` file; a usage error when it
    cannot be used."""
    if output is not None and as_url(output):
        return remote_target(output, fmt, messages)  # -o s3://... (on a cluster)
    try:
        check_output(guarded, output)
        streamed = output is not None and streams_to(output)
        if streamed and (mode is not Mode.WRITE or flags["skip_existing"]):
            raise OutputError(f"-o {output} is a stream: --check, --diff and --skip-existing need a file")
        guard = InputGuard.of(guarded) if output is not None else None
        many = (
            len(sources) > 1
            or flags["files_from"] is not None
            or any(os.path.isdir(s) or holds_records(Path(s), flags["input_format"]) for s in sources)
        )
        target = make_output(output, fmt, guard, flags["max_bytes"], resume=flags["skip_existing"], many=many)
        if isinstance(target, JsonLinesFile):
            target.check_resumable()
            if mode is Mode.WRITE and not flags["skip_existing"]:
                target.check_replaceable()
        return target
    except (SourceError, OutputError) as exc:
        raise click.UsageError(str(exc)) from None


def _skipping(items: Iterator[Source], target: Any, report: Report, messages: Messages) -> Iterator[Source]:
    """Leave out inputs whose output already exists (--skip-existing)."""
    for source in items:
        try:
            exists = source.error is None and source.kind == "page" and target.exists(source)
        except OutputError as exc:
            report.failed(source.name, str(exc))
            messages.error(source.name, str(exc))
            continue
        if exists:
            report.skip()
            messages.status(source.name, "skipped (output exists)")
            continue
        yield source


def _skip_existing(items: Iterator[Source], cluster: Any, target: Any, report: Report, messages: Messages) -> Any:
    """--skip-existing: page files before any work; on a cluster, records of containers as they come back."""
    if cluster is not None:
        cluster.keep = lambda source: any(_skipping(iter([source]), target, report, messages))
    return _skipping(items, target, report, messages)


def _handle(source: Source, outcome: Any, mode: Mode, target: Any, messages: Messages) -> bool:
    """Write, compare or diff one output; True when it changed."""
    new = outcome.output or ""
    if mode is Mode.WRITE:
        return target.emit(source, new)
    old, old_name = target.old(source)
    if old == new:  # None (no golden) differs even from an empty output: a run would write it
        return False
    if mode is Mode.DIFF:
        from_name = "/dev/null" if old is None else quote_name(old_name)  # a new file, as git shows one
        diff = unified_diff(old or "", new, from_name, f"{quote_name(source.name)} (cleaned)")
        click.echo(colour_diff(diff) if messages.color is not False else diff, nl=False, color=messages.color)
        if messages.name_changes:
            messages.say(f"would change: {quote_name(old_name)}")
    else:
        messages.say(f"would change: {quote_name(old_name)}")
    return True


def _run(
    items: Iterator[Source],
    settings: Any,
    jobs: int,
    mode: Mode,
    target: Any,
    report: Report,
    messages: Messages,
    limits: Any,
    total: Any = None,
    cluster: Any = None,
) -> None:
    """Clean every item (in workers when jobs > 1 or under a limit) and handle the outputs in input order."""
    from cleanup.batch.jobs import ordered_map, why_failed
    from cleanup.batch.work import Outcome, process

    work = functools.partial(process, settings=settings)
    crashed, timed_out, too_big = (functools.partial(_failed, outcome=Outcome, why=why) for why in why_failed(limits))
    mapper, status = (ordered_map, None) if cluster is None else (cluster.map, cluster.status)  # --scheduler
    mapped = left_out_there(mapper(work, items, jobs, crashed, timed_out, limits, too_big), report, messages)
    with (
        progress_bar(messages, enabled=not _data_to_terminal(mode, target), total=total, status=status) as advance,
        contextlib.closing(mapped) as results,
    ):
        for source, outcome in results:
            advance()
            if not _one(source, outcome, mode, target, report, messages):
                return


def _one(source: Source, outcome: Any, mode: Mode, target: Any, report: Report, messages: Messages) -> bool:
    """Report, write, compare or diff one cleaned input; False when the batch must stop."""
    for line in outcome.explain:
        messages.explain(line)
    if outcome.error is not None:
        if isinstance(target, Directory):
            target.claim(source)
        report.failed(source.name, outcome.error)
        messages.error(source.name, outcome.error)
        return True
    try:
        changed = _handle(source, outcome, mode, target, messages)
    except OutputError as exc:
        report.failed(source.name, str(exc))
        messages.error(source.name, str(exc))
        return True
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        report.failed(source.name, f"cannot write output: {reason(exc)}")
        messages.error(source.name, f"cannot write output: {reason(exc)}")
        if isinstance(target, JsonLinesFile):
            messages.say(f"stopping: {quote_name(target.given)} is left as it was", always=True)
            return False
        if exc.errno in FATAL_WRITE_ERRNOS:
            messages.say("stopping: every later output would fail the same way", always=True)
            return False
        return True
    report.done(changed, outcome.rules)
    messages.status(source.name, _status(changed, mode))
    return True


def _data_to_terminal(mode: Mode, target: Any) -> bool:
    """True when cleaned pages or diffs are printed to a terminal (a progress bar would garble them)."""
    prints = isinstance(target, Stdout) or mode is Mode.DIFF
    return prints and sys.stdout.isatty()


def _failed(source: Source, outcome: Any, why: str) -> Any:
    """A page its worker could not clean: died, or past a limit (``why_failed``)."""
    return outcome(error=why)


def _status(changed: bool, mode: Mode) -> str:
    if not changed:
        return "unchanged"
    return "cleaned" if mode is Mode.WRITE else "would change"


def _limits(flags: dict[str, Any]) -> Any:
    """--timeout and --max-memory as the pool's Limits (0 turns a limit off)."""
    from cleanup.batch.jobs import Limits

    return Limits.given(flags["timeout"], flags["max_memory"])


def run_batch(
    sources: tuple[Path, ...], output: Path | None, fmt: str, mode: Mode, options: Options, flags: dict[str, Any]
) -> int:
    """Run the batch; return the exit code."""
    from cleanup.batch.jobs import default_jobs
    from cleanup.batch.work import Settings

    messages = _messages(flags)
    output, sources = local_path(output), tuple(local_path(s) or s for s in sources)  # file://: a local path
    sel = selection(flags, record_fields(flags), output, options, open_containers=not flags.get("scheduler"))
    cluster = open_cluster(flags["scheduler"], sel, messages) if flags.get("scheduler") else None
    # The whole list is read first when outputs (or the explain file) must be checked against every input.
    listed, problem = listed_paths_of(flags["files_from"], bool(output or flags["explain_file"]), flags["null"])
    named = [*sources, *listed] if isinstance(listed, list) else list(sources)
    # No output lands on what the run reads besides its inputs: the --files-from list, the rules.
    guarded = [*named, *read_besides(flags, options)]
    target = _target(named, guarded, output, fmt, mode, flags, messages)
    open_explain_file(messages, target, guarded, output, flags)
    report = Report(check=mode is not Mode.WRITE)
    items = leaving_out(inputs(sources, listed, problem, sel), report, messages)
    if flags["skip_existing"]:
        items = _skip_existing(items, cluster, target, report, messages)
    jobs = flags["jobs"] or default_jobs()
    if len(sources) == 1 and flags["files_from"] is None and not Path(sources[0]).is_dir():
        jobs = 1  # one file (or stdin): a pool would only add start-up time
    try:
        counted, settings = functools.partial(count, sources, listed, sel), Settings(options, fmt, flags["explain"])
        run = functools.partial(_run, items, settings, jobs, mode, target, report, messages, _limits(flags), counted)
        code = _batch(functools.partial(run, cluster), messages, output is not None and mode is Mode.WRITE)
    except BaseException:
        target.close(ok=False)
        raise
    finally:
        if cluster is not None:
            cluster.close()
    code = _close(target, mode is Mode.WRITE and code in (None, *STOPPED), report, messages) or code
    if code is None and isinstance(target, Directory) and (mode is not Mode.WRITE or flags["prune"]):
        orphans(target, mode, report, messages, named)
    if code is None and isinstance(target, JsonLinesFile) and mode is not Mode.WRITE:
        stale_records(target, report, messages)
    total = report.cleaned + report.unchanged + report.skipped + len(report.failures) + sum(report.left_out.values())
    explaining_here = flags["explain"] and flags["explain_file"] is None  # keep the log of removals clean
    summarise = total > 1 or output is not None or bool(report.left_out)  # an input left out is said, even alone
    if code is None and (flags["verbose"] or (not explaining_here and summarise)):
        messages.say(str(report) + (cluster.summary() if cluster is not None else ""))
    if code is None and flags["verbose"]:
        for line in report.rule_lines():
            messages.say(line)
    return report.return_code if code is None else code


# Stopped by a signal: the outputs written so far are kept (a JSON Lines file with its complete records).
STOPPED = (EXIT_INTERRUPTED, EXIT_TERMINATED)


def _batch(run: Callable[[], None], messages: Messages, resumable: bool) -> int | None:
    """Run the batch (``run``: ``_run`` with its arguments); None when it ran to its end, else the exit code.

    ``resumable``: outputs go to -o DIR or FILE.jsonl, so a stopped run says how to finish it.
    """
    from cleanup.batch.jobs import WorkerError
    from cleanup.cli.messages import IN_PROCESS, out_of_descriptors, too_many_files

    try:
        with signals():
            run()
    except SiteRuleError as exc:
        messages.error("site rules", str(exc))
        return EXIT_USAGE
    except ExplainFileError as exc:
        messages.say(f"error: {exc}; stopping", always=True)
        return EXIT_FAILED
    except WorkerError as exc:
        if exc.errno in (errno.EMFILE, errno.ENFILE):
            messages.error("-j", too_many_files())
        else:
            messages.error("-j", f"{exc}; {IN_PROCESS}")
        return EXIT_FAILED
    except (KeyboardInterrupt, Terminated) as exc:
        finish = "; rerun with --skip-existing to finish" if resumable else ""
        stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
        messages.say(f"{stopped}: every output written is complete{finish}", always=True)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except OSError as exc:
        if not out_of_descriptors(exc):
            raise
        messages.error("-j", too_many_files())
        return EXIT_FAILED
    return None


def _close(target: Any, commit: bool, report: Report, messages: Messages) -> int | None:
    """Finish the output (commit it or remove it); EXIT_FAILED when its last bytes cannot be written
    (a full disk behind stdout or -o: one error line, as for any page)."""
    try:
        target.close(ok=commit)
    except OutputError as exc:
        report.failed("-o", str(exc))
        messages.error("-o", str(exc))
        return EXIT_FAILED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except OSError as exc:
        where = "stdout" if isinstance(target, Stdout) and target.stream is sys.stdout.buffer else "-o"
        if where == "stdout":
            _quiet_stdout()
        report.failed(where, f"cannot write output: {reason(exc)}")
        messages.error(where, f"cannot write output: {reason(exc)}")
        return EXIT_FAILED
    return None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: what is left in its buffer would fail again at exit, with a traceback."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
