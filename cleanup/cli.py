"""The ``cleanup`` command: flags to Options, inputs to clean(), outputs to files or stdout.

Data goes to stdout; messages, explanations and the summary go to stderr.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .model import DEFAULT_OPTIONS, CleanupError, Options, SiteRuleError
from .render import FORMATS, SUFFIX, explain_lines, render, unified_diff
from .report import EXIT_USAGE, Report
from .sources import Source, SourceError, iter_sources, output_path
from .write import atomic_write

DEFAULT_INCLUDE = ("*.html", "*.htm", "*.xhtml", "*.txt", "*.html.gz", "*.htm.gz", "*.txt.gz")


@dataclass(frozen=True)
class Outcome:
    """What cleaning one source produced; built by ``process``, acted on by ``main``."""

    source: Source
    output: str | None = None  # rendered output
    explain: tuple[str, ...] = ()
    error: str | None = None


def process(source: Source, options: Options, fmt: str, explain: bool) -> Outcome:
    """Clean one source; never raises for a bad input (the error is in the Outcome)."""
    from .pipeline import clean

    try:
        result = clean(source.read(), options)
    except SiteRuleError:
        raise
    except (CleanupError, OSError) as exc:
        return Outcome(source, error=_reason(exc))
    lines = tuple(explain_lines(result, source.name)) if explain else ()
    return Outcome(source, render(result, fmt, source.name), lines)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _echo_err(message: str, color: bool | None) -> None:
    click.echo(message, err=True, color=color)


def _list_rules(dirs: tuple[str, ...]) -> None:
    from .rules import all_rules
    from .sites import load_all

    for rule in all_rules():
        click.echo(f"{rule.name:20s} {rule.kind:5s} {rule.summary}")
    for site in load_all(dirs):
        for rule in (*site.drop_line, *site.drop_from, *site.strip, *site.body):
            click.echo(f"{rule.id:20s} site  {rule.why}  ({site.path})")


def _compare_target(source: Source, out_dir: Path | None, fmt: str) -> tuple[str, str]:
    """(old text, its name) to compare with the new output under --check/--diff."""
    if out_dir is not None:
        target = output_path(source, out_dir, SUFFIX[fmt])
        try:
            return target.read_text(encoding="utf-8"), str(target)
        except FileNotFoundError:
            return "", str(target)
    from .read import read_page

    return read_page(source.read()).text, source.name


def _handle(outcome: Outcome, mode: str, out_dir: Path | None, fmt: str, color: bool | None) -> bool:
    """Write, compare or diff one outcome; True when its output changed."""
    new = outcome.output or ""
    if mode == "write":
        if out_dir is None:
            sys.stdout.write(new)
            return True
        target = output_path(outcome.source, out_dir, SUFFIX[fmt])
        if outcome.source.path is not None and target.resolve() == outcome.source.path.resolve():
            raise OSError(0, f"refusing to overwrite the input with its output ({target})")
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != new:
            atomic_write(target, new)
        return old != new
    old, old_name = _compare_target(outcome.source, out_dir, fmt)
    if old == new:
        return False
    if mode == "diff":
        diff = unified_diff(old, new, old_name, f"{outcome.source.name} (cleaned)")
        click.echo(_colour_diff(diff) if color else diff, nl=False, color=color)
    return True


def _colour_diff(diff: str) -> str:
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)


def _colour_flag(value: str) -> bool | None:
    """click's colour argument: None lets click decide (TTY), honouring NO_COLOR/FORCE_COLOR."""
    if value == "always":
        return True
    if value == "never" or os.environ.get("NO_COLOR"):
        return False
    return True if os.environ.get("FORCE_COLOR") else None


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("sources", nargs=-1, type=click.Path(allow_dash=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one output file per input into DIR, mirroring the input tree.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: headline, blank line, body. json: one object per input, one per line.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any output would change.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of what would change; exit 1 if any.")
@click.option("--explain", is_flag=True, help="Print each removal as 'source:line: rule: reason: text' on stderr.")
@click.option("--url", help="URL of the page(s): chooses site rules when the page names none.")
@click.option("--site", help="Apply the site rules of HOST, whatever the page says.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              envvar="CLEANUP_RULES", help="Directory of your own site rule files (repeatable; env CLEANUP_RULES, "
              "separated by ':'). Yours win over the bundled ones.")
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run RULE (repeatable; see --list-rules).")
@click.option("--list-rules", is_flag=True, help="List every rule with what it removes, then exit.")
@click.option("--encoding", help="Decode inputs with this codec instead of guessing.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_OPTIONS.max_bytes, show_default=True,
              help="Refuse inputs larger than this many bytes.")
@click.option("--include", multiple=True, metavar="GLOB",
              help=f"In directories, clean files matching GLOB (repeatable; default: {' '.join(DEFAULT_INCLUDE)}).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="In directories, skip files matching GLOB.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
              help="Colour for diffs and messages; auto means only on a terminal (NO_COLOR is honoured).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print each input's status and a summary line.")
@click.version_option(__version__, "-V", "--version", prog_name="cleanup")
@click.pass_context
def main(ctx: click.Context, sources: tuple[Path, ...], out_dir: Path | None, fmt: str, **flags: Any) -> None:
    """Strip site chrome (menus, promos, captions, related lists) from scraped news pages.

    SOURCES are files, directories or - for standard input (the default when
    input is piped). HTML and plain text are recognised by content; .gz files
    are decompressed. Clean text goes to stdout, or into -o DIR.

    \b
    Exit codes: 0 done, or nothing would change
                1 --check/--diff found an output that would change
                2 usage error or a broken site rule file
              123 at least one input could not be cleaned (the others were)
    """
    rules_dirs = tuple(str(p) for p in flags["rules_dirs"])
    if flags["list_rules"]:
        _list_rules_or_exit(rules_dirs)
        return
    mode = "diff" if flags["diff"] else "check" if flags["check"] else "write"
    if flags["check"] and flags["diff"]:
        raise click.UsageError("--check and --diff do not go together: --diff already exits 1 on changes")
    if mode != "write" and out_dir is None and fmt != "text":
        raise click.UsageError("--check/--diff without -o compare the text output with the input: use --format text")
    if not sources:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input: give files, directories or - (or pipe a page in)")
        sources = (Path("-"),)
    options = Options(url=flags["url"], site=flags["site"], rules_dirs=rules_dirs,
                      disable=frozenset(flags["disable"]), encoding=flags["encoding"], max_bytes=flags["max_bytes"])
    _check_rules(options)
    color = _colour_flag(flags["color"])
    report = Report(check=mode != "write")
    include = flags["include"] or DEFAULT_INCLUDE
    try:
        found = list(iter_sources(sources, include, flags["exclude"], out_dir))
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None
    for item in found:
        if isinstance(item, SourceError):
            _fail(report, item.path, str(item), color)
            continue
        outcome = process(item, options, fmt, flags["explain"])
        for line in outcome.explain:
            _echo_err(line, color=False)
        if outcome.error is not None:
            _fail(report, item.name, outcome.error, color)
            continue
        try:
            changed = _handle(outcome, mode, out_dir, fmt, color)
        except OSError as exc:
            _echo_err(f"error: {item.name}: cannot write output: {_reason(exc)}", color)
            report.failed(item.name, _reason(exc))
            break  # a full disk or a read-only directory fails every later write too
        report.done(changed)
        if flags["verbose"]:
            status = ("would change" if mode != "write" else "cleaned") if changed else "unchanged"
            _echo_err(f"{item.name}: {status}", color)
    if flags["verbose"] or (not flags["quiet"] and (report.failures or mode != "write") and len(found) > 1):
        _echo_err(str(report), color)
    ctx.exit(report.return_code)


def _fail(report: Report, name: str, reason: str, color: bool | None) -> None:
    report.failed(name, reason)
    _echo_err(f"error: {name}: {reason}", color)


def _check_rules(options: Options) -> None:
    """Load every site rule file up front: a broken one stops the run before any output."""
    from .sites import load_all, site_for_host

    try:
        load_all(options.rules_dirs)
        if options.site and site_for_host(options.site, options.rules_dirs) is None:
            raise SiteRuleError(f"--site {options.site}: no site rule file for this host")
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _list_rules_or_exit(dirs: tuple[str, ...]) -> None:
    try:
        _list_rules(dirs)
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)

