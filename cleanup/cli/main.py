"""The ``cleanup`` command: flags to Options, inputs to clean(), outputs to files or stdout.

Data goes to stdout; messages, explanations, progress and the summary go to
stderr. Heavy modules (lxml, readability, rich) load only when needed, so
``cleanup --version`` stays fast.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import errno
import functools
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from cleanup import __version__
from cleanup.input.sources import (
    INPUT_FORMATS,
    STDIN,
    Selection,
    Source,
    SourceError,
    check_output,
    iter_listed,
    iter_sources,
    listed_paths,
    reason,
)
from cleanup.model import DEFAULT_OPTIONS, Options, SiteRuleError
from cleanup.output.modes import Directory, JsonLinesFile, Mode, OutputError, Stdout, make_output
from cleanup.output.render import FORMATS, unified_diff
from cleanup.output.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PIPE, EXIT_TERMINATED, EXIT_USAGE, Report

DEFAULT_INCLUDE = (
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.txt",
    "*.html.gz",
    "*.htm.gz",
    "*.txt.gz",
    "*.jsonl",
    "*.jsonl.gz",
    "*.warc",
    "*.warc.gz",
)
# Write errors that every later write would hit too: stop the batch at the first.
FATAL_WRITE_ERRNOS = frozenset((errno.ENOSPC, errno.EROFS, errno.EDQUOT))
HELP = """Strip site chrome (menus, promos, captions, related lists) from scraped news pages.

SOURCES are files, directories (walked in sorted order) or - for standard
input (the default when input is piped). HTML and plain text are recognised
by content; .gz files are decompressed. *.jsonl files hold one record per line
(a crawler export: the page in the 'html' or 'text' field); *.warc files hold
crawl records (needs: pip install warcio).

\b
Where output goes:
  cleanup page.html                  clean text on stdout
  cat page.html | cleanup            the same, from a pipe
  cleanup -o out/ pages/             out/ mirrors pages/: one .txt (or --format json: .json) per page
  cleanup --format jsonl pages/      one JSON object per page and line on stdout
  cleanup -o all.jsonl pages/        the same into one file (-o *.jsonl implies --format jsonl)
  cleanup --check -o golden/ pages/  CI: exit 1 if any output differs from golden/ (writes nothing)
  cleanup -o out/ crawl.jsonl        one file per record: out/crawl/000001.txt (the line number)

\b
Exit codes:   0 done, or nothing would change
              1 --check/--diff found an output that would change
              2 usage error, or a broken site rule file (nothing was written)
            123 at least one input could not be cleaned (the others were)
            130 interrupted (Ctrl-C); 143 terminated (SIGTERM). Every output
                file written is complete: rerun with --skip-existing to finish.
            141 standard output was closed early (cleanup ... | head)
"""


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so no partial output is left behind."""


@dataclass
class Messages:
    """Everything the command says on stderr, in one place (errors even under -q)."""

    color: bool | None
    quiet: bool = False
    verbose: bool = False
    console: Any = None  # a rich Console while a progress bar is shown

    def say(self, text: str, *, always: bool = False) -> None:
        """One line on stderr; under -q only when ``always``."""
        if self.quiet and not always:
            return
        if self.console is not None:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True, color=self.color)

    def error(self, name: str, why: str) -> None:
        """``error: name: reason``, one line."""
        label = click.style("error", fg="red", bold=True) if self.color and self.console is None else "error"
        self.say(f"{label}: {name}: {why}", always=True)

    def status(self, name: str, status: str) -> None:
        """Per-input status under -v."""
        if self.verbose:
            self.say(f"{name}: {status}")


@contextlib.contextmanager
def progress_bar(messages: Messages, enabled: bool) -> Iterator[Any]:
    """A transient rich progress bar on stderr when it is a terminal; yields ``advance()``."""
    if not enabled or messages.quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, no_color=messages.color is False)
    columns = (TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("cleaning", total=None)
        messages.console = console
        try:
            yield lambda: bar.advance(task)
        finally:
            messages.console = None


@contextlib.contextmanager
def signals() -> Iterator[None]:
    """Turn SIGTERM into an exception while a batch runs (the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _colour_flag(value: str) -> bool | None:
    """click's colour argument: None lets click decide (TTY), honouring NO_COLOR/FORCE_COLOR."""
    if value == "always":
        return True
    if value == "never" or os.environ.get("NO_COLOR"):
        return False
    return True if os.environ.get("FORCE_COLOR") else None


def _colour_diff(diff: str) -> str:
    styles = (
        ("+++", {"bold": True}),
        ("---", {"bold": True}),
        ("+", {"fg": "green"}),
        ("-", {"fg": "red"}),
        ("@@", {"fg": "cyan"}),
    )
    out = []
    for line in diff.splitlines(keepends=True):
        style = next((s for prefix, s in styles if line.startswith(prefix)), None)
        out.append(click.style(line, **style) if style else line)
    return "".join(out)


def _list_rules(dirs: tuple[str, ...]) -> None:
    """One line per rule: name, kind (line/block: text rules; dom: HTML; site), what it removes."""
    from cleanup.html.extract import dom_rules
    from cleanup.sites.load import load_all
    from cleanup.text.registry import all_rules

    for rule in all_rules():
        click.echo(f"{rule.name:30s} {rule.kind:5s} {rule.summary}")
    for name, what in dom_rules():
        click.echo(f"{name:30s} dom   {what[:1].upper()}{what[1:]}.")
    for site in load_all(dirs):
        for rule in (*site.drop_line, *site.drop_from, *site.strip, *site.body):
            click.echo(f"{rule.id:30s} site  {rule.why}  ({site.path})")


def _check_rules(options: Options) -> None:
    """Load every site rule file up front: a broken one stops the run before any output."""
    from cleanup.sites.load import load_all, site_for_host

    try:
        sites = load_all(options.rules_dirs)
        if options.site and site_for_host(options.site, options.rules_dirs) is None:
            raise SiteRuleError(f"--site {options.site}: no site rule file for this host")
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    _check_disable(options.disable, {rule_id for site in sites for rule_id in site.rule_ids})


def _check_disable(names: frozenset[str], site_rules: set[str]) -> None:
    """Every --disable names a rule (a typo would silently disable nothing): usage error otherwise."""
    if not names:
        return
    from cleanup.html.extract import dom_rules
    from cleanup.text.registry import all_rules

    known = {r.name for r in all_rules()} | {name for name, _ in dom_rules()} | site_rules
    for name in sorted(names):
        if name in UNDISABLEABLE:
            raise click.UsageError(f"--disable {name}: this rule cannot be switched off (it is the article choice)")
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see --list-rules)"
            raise click.UsageError(f"--disable {name}: no such rule{hint}")


# -o names a directory; one of these endings means the user expected a file.
FILE_LIKE_SUFFIXES = frozenset({".txt", ".json", ".html", ".htm", ".md"})
# DOM rules that are not switches: the article choice itself and the headline's move to the title.
UNDISABLEABLE = frozenset({"outside-article", "headline"})


def _format(fmt: str | None, output: Path | None) -> str:
    """--format, defaulting to jsonl for ``-o FILE.jsonl`` and to text otherwise."""
    if fmt is not None:
        return fmt
    return "jsonl" if output is not None and output.name.lower().endswith(".jsonl") else "text"


def _validate(sources: tuple[Path, ...], output: Path | None, fmt: str, mode: Mode, flags: dict[str, Any]) -> None:
    """Flag combinations click cannot check on its own."""
    if flags["check"] and flags["diff"]:
        raise click.UsageError("--check and --diff do not go together: --diff already exits 1 on changes")
    if mode is not Mode.WRITE and output is None and fmt != "text":
        raise click.UsageError("--check/--diff without -o compare the text output with the input: use --format text")
    if output is not None and fmt == "jsonl" and output.is_dir():
        raise click.UsageError(f"--format jsonl writes one file, but -o {output} is a directory")
    if output is not None and fmt != "jsonl" and output.exists() and not output.is_dir():
        raise click.UsageError(f"-o {output} is a file; --format {fmt} writes one file per input into a directory")
    if output is not None and fmt != "jsonl" and not output.exists() and output.suffix in FILE_LIKE_SUFFIXES:
        raise click.UsageError(
            f"-o {output} looks like a file name, but -o takes a directory (or FILE.jsonl); "
            "to write one page to a file, redirect stdout: cleanup page.html > out.txt"
        )
    if flags["encoding"]:
        try:
            codecs.lookup(flags["encoding"])
        except LookupError:
            raise click.UsageError(f"--encoding {flags['encoding']}: unknown encoding") from None
    if flags["skip_existing"] and (output is None or fmt == "jsonl" or mode is not Mode.WRITE):
        raise click.UsageError("--skip-existing needs -o DIR (one output file per input) and no --check/--diff")
    if flags["files_from"] == STDIN and any(str(s) == STDIN for s in sources):
        raise click.UsageError("--files-from - reads the list from standard input, so - cannot also be a page")
    try:
        check_output(sources, output)
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None


def _inputs(sources: tuple[Path, ...], files_from: str | None, sel: Selection) -> Iterator[Source]:
    """Sources from the command line, then from --files-from."""
    yield from iter_sources(sources, sel)
    if files_from is None:
        return
    if files_from == STDIN:
        yield from iter_listed(listed_paths(sys.stdin.buffer), sel)
        return
    try:
        with open(files_from, "rb") as handle:
            yield from iter_listed(listed_paths(handle), sel)
    except OSError as exc:
        yield Source(files_from, Path(), error=f"cannot read the list of files: {reason(exc)}")


def _skipping(items: Iterator[Source], target: Any, report: Report, messages: Messages) -> Iterator[Source]:
    """Leave out inputs whose output already exists (--skip-existing)."""
    for source in items:
        try:
            exists = source.error is None and target.exists(source)
        except OutputError as exc:
            report.failed(source.name, str(exc))
            messages.error(source.name, str(exc))
            continue
        if exists:
            report.skip()
            messages.status(source.name, "skipped (output exists)")
            continue
        yield source


def _handle(source: Source, outcome: Any, mode: Mode, target: Any, messages: Messages) -> bool:
    """Write, compare or diff one output; True when it changed."""
    new = outcome.output or ""
    if mode is Mode.WRITE:
        return target.emit(source, new)
    old, old_name = target.old(source)
    if old == new:
        return False
    if mode is Mode.DIFF:
        diff = unified_diff(old, new, old_name, f"{source.name} (cleaned)")
        click.echo(_colour_diff(diff) if messages.color is not False else diff, nl=False, color=messages.color)
    else:
        messages.say(f"would change: {old_name}")
    return True


def _run(
    items: Iterator[Source], settings: Any, jobs: int, mode: Mode, target: Any, report: Report, messages: Messages
) -> None:
    """Clean every item (in workers when jobs > 1) and handle the outputs in input order."""
    from cleanup.batch.jobs import ordered_map
    from cleanup.batch.work import Outcome, process

    work = functools.partial(process, settings=settings)
    crashed = functools.partial(_crashed, outcome=Outcome)
    with (
        progress_bar(messages, enabled=not _data_to_terminal(mode, target)) as advance,
        contextlib.closing(ordered_map(work, items, jobs, crashed)) as results,
    ):
        for source, outcome in results:
            advance()
            for line in outcome.explain:
                messages.say(line, always=True)
            if outcome.error is not None:
                report.failed(source.name, outcome.error)
                messages.error(source.name, outcome.error)
                continue
            try:
                changed = _handle(source, outcome, mode, target, messages)
            except OutputError as exc:
                report.failed(source.name, str(exc))
                messages.error(source.name, str(exc))
                continue
            except OSError as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                report.failed(source.name, f"cannot write output: {reason(exc)}")
                messages.error(source.name, f"cannot write output: {reason(exc)}")
                if exc.errno in FATAL_WRITE_ERRNOS:
                    messages.say("stopping: every later output would fail the same way", always=True)
                    return
                continue
            report.done(changed)
            messages.status(source.name, _status(changed, mode))


def _data_to_terminal(mode: Mode, target: Any) -> bool:
    """True when cleaned pages or diffs are printed to a terminal (a progress bar would garble them)."""
    prints = isinstance(target, Stdout) or mode is Mode.DIFF
    return prints and sys.stdout.isatty()


def _crashed(source: Source, outcome: Any) -> Any:
    return outcome(error="the worker process cleaning it died (a crash or out of memory)")


def _status(changed: bool, mode: Mode) -> str:
    if not changed:
        return "unchanged"
    return "cleaned" if mode is Mode.WRITE else "would change"


@click.command(help=HELP, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("sources", nargs=-1, type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--files-from",
    metavar="FILE|-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Also clean the paths listed in FILE, one per line (- reads the list from stdin).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write into DIR (one file per input, mirroring the input tree), or into FILE.jsonl "
    "with --format jsonl. Files are replaced atomically; an output inside the inputs is refused.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="text (default): headline, blank line, body. json: one object per input (a .json file "
    "each under -o DIR). jsonl: one object per line, keys in a fixed order, 'source' first.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="page: each file is one page. jsonl/warc: files hold records. auto: by suffix (*.jsonl[.gz], *.warc[.gz]).",
)
@click.option("--html-field", default="html", show_default=True, help="JSON Lines field holding the page HTML.")
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="JSON Lines field holding plain text (used when there is no HTML field).",
)
@click.option("--url-field", default="url", show_default=True, help="JSON Lines field holding the page URL.")
@click.option(
    "--id-field",
    default="id",
    show_default=True,
    help="JSON Lines field holding the record id (output as 'id'; other fields pass through).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if any output would differ from the one "
    "under -o (or, without -o, from the input), listing each as 'would change: PATH'.",
)
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of what would change; exit 1 if any.")
@click.option(
    "--skip-existing",
    is_flag=True,
    help="With -o DIR: leave out inputs whose output file exists (resume an interrupted batch).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Clean in N worker processes (default: one per core). Output is the same whatever N is.",
)
@click.option("--explain", is_flag=True, help="Print each removal as 'source:line: rule: reason: text' on stderr.")
@click.option("--url", help="URL of the page(s): chooses site rules when the page names none.")
@click.option("--site", help="Apply the site rules of HOST, whatever the page says.")
@click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CLEANUP_RULES",
    help="Directory of your own site rule files (repeatable; env CLEANUP_RULES, "
    "separated by ':'). Yours win over the bundled ones.",
)
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run RULE (repeatable; see --list-rules).")
@click.option("--list-rules", is_flag=True, help="List every rule with what it removes, then exit.")
@click.option("--encoding", help="Decode inputs with this codec instead of guessing.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_OPTIONS.max_bytes,
    show_default=True,
    help="Refuse inputs larger than this many bytes.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help=f"In directories, clean files matching GLOB (repeatable; default: {' '.join(DEFAULT_INCLUDE)}).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="In directories, skip files and directories matching GLOB (by name or path below the directory).",
)
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour for diffs and messages; auto means only on a terminal (NO_COLOR is honoured).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print each input's status.")
@click.version_option(__version__, "-V", "--version", prog_name="cleanup")
@click.pass_context
def main(ctx: click.Context, sources: tuple[Path, ...], output: Path | None, fmt: str | None, **flags: Any) -> None:
    rules_dirs = tuple(str(p) for p in flags["rules_dirs"])
    if flags["list_rules"]:
        _list_rules_or_exit(rules_dirs)
        return
    fmt = _format(fmt, output)
    mode = Mode.DIFF if flags["diff"] else Mode.CHECK if flags["check"] else Mode.WRITE
    _validate(sources, output, fmt, mode, flags)
    if not sources and flags["files_from"] is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input: give files, directories or - (or pipe a page in)")
        sources = (Path(STDIN),)
    options = Options(
        url=flags["url"],
        site=flags["site"],
        rules_dirs=rules_dirs,
        disable=frozenset(flags["disable"]),
        encoding=flags["encoding"],
        max_bytes=flags["max_bytes"],
    )
    _check_rules(options)
    ctx.exit(_batch(sources, output, fmt, mode, options, flags))


def _batch(
    sources: tuple[Path, ...], output: Path | None, fmt: str, mode: Mode, options: Options, flags: dict[str, Any]
) -> int:
    """Run the batch; return the exit code."""
    from cleanup.batch.jobs import WorkerError, default_jobs
    from cleanup.batch.work import Settings
    from cleanup.input.records import Fields

    messages = Messages(_colour_flag(flags["color"]), flags["quiet"], flags["verbose"])
    fields = Fields(flags["html_field"], flags["text_field"], flags["url_field"], flags["id_field"])
    sel = Selection(flags["include"] or DEFAULT_INCLUDE, flags["exclude"], flags["input_format"], fields, output)
    target: Stdout | Directory | JsonLinesFile = make_output(output, fmt)
    report = Report(check=mode is not Mode.WRITE)
    items = _inputs(sources, flags["files_from"], sel)
    if flags["skip_existing"]:
        items = _skipping(items, target, report, messages)
    jobs = flags["jobs"] or default_jobs()
    if len(sources) == 1 and flags["files_from"] is None and not Path(sources[0]).is_dir():
        jobs = 1  # one file (or stdin): a pool would only add start-up time
    finished = False
    try:
        with signals():
            _run(items, Settings(options, fmt, flags["explain"]), jobs, mode, target, report, messages)
        finished = True
    except SiteRuleError as exc:
        messages.error("site rules", str(exc))
        return EXIT_USAGE
    except WorkerError as exc:
        messages.error("-j", f"{exc}; try -j 1")
        return EXIT_FAILED
    except KeyboardInterrupt:
        messages.say("interrupted: every output written is complete; rerun with --skip-existing to finish", always=True)
        return EXIT_INTERRUPTED
    except Terminated:
        messages.say("terminated: every output written is complete; rerun with --skip-existing to finish", always=True)
        return EXIT_TERMINATED
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    finally:
        target.close(ok=finished and mode is Mode.WRITE)
    total = report.cleaned + report.unchanged + report.skipped + len(report.failures)
    if flags["verbose"] or total > 1 or output is not None:
        messages.say(str(report))
    return report.return_code


def _list_rules_or_exit(dirs: tuple[str, ...]) -> None:
    try:
        _list_rules(dirs)
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
