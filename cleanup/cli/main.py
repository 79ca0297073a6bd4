"""The ``cleanup`` command: flags to Options, inputs to clean(), outputs to files or stdout.

Data goes to stdout; messages, explanations, progress and the summary go to
stderr. Heavy modules (lxml, readability, rich) load only when needed, so
``cleanup --version`` stays fast.
"""

from __future__ import annotations

import codecs
import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

from cleanup import __version__
from cleanup.batch.jobs import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, MAX_MEMORY_MB, MAX_TIMEOUT
from cleanup.cli.config import RulesDir
from cleanup.cli.inputs import FILE_OPTIONS, OUTPUT_SLASH, RECORD_OPTIONS, FiniteFloatRange, NonEmptyPath, OutputPath
from cleanup.cli.learn_cmd import is_learn_command
from cleanup.cli.messages import reopen_closed_streams
from cleanup.cli.rules import check_rules, list_rules_or_exit
from cleanup.cli.rules_cmd import NO_CONFIG, is_rules_command, rules
from cleanup.cli.run import run_batch
from cleanup.input.charsets import text_codec
from cleanup.input.remote import as_url
from cleanup.input.sources import STDIN, reason
from cleanup.model import Options, without_password
from cleanup.output.files import streams_to
from cleanup.output.modes import Mode
from cleanup.output.render import FORMATS, quote_name

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
  cleanup -o all.jsonl pages/        the same into one file (-o *.jsonl implies --format jsonl;
                                     -o all.jsonl.gz: compressed)
  cleanup a.html b.html              the texts with a blank line between (use -f jsonl to split
                                     pages back: pages hold blank lines too)
  cleanup --check -o golden/ pages/  CI: exit 1 if any output differs from golden/ (writes nothing)
  cleanup -o out/ crawl.jsonl        one file per record: out/crawl/000001.txt (the line number)

\b
Exit codes:   0 done, or nothing would change
              1 --check/--diff found an output that would change
              2 usage error, or a broken site rule file (nothing was written)
            123 at least one input could not be cleaned (the others were);
                it wins over 1 when both happen
            130 interrupted (Ctrl-C); 143 terminated (SIGTERM). Every output
                file written is complete: rerun with --skip-existing to finish.
            141 standard output was closed early (cleanup ... | head)

\b
Rule tooling ('rules' and the action are inputs only when both name files here):
  cleanup rules list [--rules DIR]   every rule: name, kind, stage, source
  cleanup rules lint DIR|FILE...     file:line: rule: problem; exit 1 if any
  cleanup rules test DIR... [--pages DIR]   run [[expect]] / test_contains offline
  cleanup rules export FILE.txt > HOST.toml   a FiveFilters file as a TOML site file

\b
Learning site rules (when no file named 'learn' exists here):
  cleanup learn INPUTS... -o RULES_DIR   one HOST.toml per host, for --rules RULES_DIR
  cleanup --learn -o OUT_DIR INPUTS...   learn per host, then clean with what was learned
"""


# -o names a directory; one of these endings means the user expected a file (or a compressed one).
FILE_LIKE_SUFFIXES = frozenset(
    {".txt", ".json", ".html", ".htm", ".md", ".csv", ".tsv", ".xml", ".ndjson", ".jsonl"}
    | {".gz", ".zst", ".bz2", ".xz", ".zip", ".tar"}
)
# -o FILE with one of these endings is one JSON Lines file (.gz: compressed), as they are read.
JSONL_NAMES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def _format(fmt: str | None, output: Path | None) -> str:
    """--format, defaulting to jsonl for ``-o FILE.jsonl`` (or ``.jsonl.gz``) and to text otherwise."""
    if fmt is not None:
        return fmt
    return "jsonl" if output is not None and output.name.lower().endswith(JSONL_NAMES) else "text"


def _one_file_hint(output: Path, fmt: str) -> str:
    """The fix for an -o that names a file; -o all.jsonl -f text only needs the format left out."""
    if output.name.lower().endswith(JSONL_NAMES):
        return f"-o {output.name} writes JSON Lines: leave out --format {fmt}"
    stdout = "for one JSON array of every input, redirect stdout: cleanup -f json INPUT... > out.json"
    if fmt != "json":
        stdout = "to write one page to a file, redirect stdout: cleanup page.html > out.txt"
    return f"for one file use -o FILE.jsonl (or FILE.jsonl.gz, compressed); {stdout}"


def _check_output_name(output: Path, fmt: str) -> None:
    """-o with --format text/json takes a directory: refuse a value that looks like a file, with a hint."""
    try:
        exists = output.exists()
    except OSError as exc:  # a name too long
        raise click.UsageError(f"-o {quote_name(str(output))}: {reason(exc)}") from None
    if exists and not output.is_dir():
        from cleanup.output.files import kind_of

        what = kind_of(output.stat().st_mode)
        hints = {"a regular file": f"; {_one_file_hint(output, fmt)}"}  # a FIFO or a device is streamed to
        into = f"--format {fmt} writes one file per input into a directory"
        raise click.UsageError(f"-o {output} is {what}; {into}{hints.get(what, '')}")
    if not output.exists() and output.suffix.lower() in FILE_LIKE_SUFFIXES:
        raise click.UsageError(
            f"-o {output} looks like a file name, but --format {fmt} writes one file per input into a "
            f"directory; {_one_file_hint(output, fmt)}"
        )


def _slashed() -> bool:
    """True when -o was given with a trailing slash (``OutputPath``)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and bool(ctx.meta.get(OUTPUT_SLASH))


def _validate(sources: tuple[Path, ...], output: Path | None, fmt: str, mode: Mode, flags: dict[str, Any]) -> None:
    """Flag combinations click cannot check on its own."""
    if mode is not Mode.WRITE and output is None and fmt != "text":
        raise click.UsageError("--check/--diff without -o compare the text output with the input: use --format text")
    slashed = _slashed()
    if output is not None and fmt == "jsonl" and (output.is_dir() or slashed):
        what = "is a directory" if output.is_dir() else "names a directory (it ends in /)"
        raise click.UsageError(f"--format jsonl writes one file, but -o {output}{'/' if slashed else ''} {what}")
    if output is not None and fmt != "jsonl" and not streams_to(output):
        _check_output_name(output, fmt)
    if flags["site"] is not None and not flags["site"].strip():
        raise click.UsageError("--site: an empty host (an unset shell variable?)")
    if flags["prune"] and (output is None or fmt == "jsonl" or streams_to(output)):
        raise click.UsageError("--prune needs -o DIR (one output file per input)")
    if flags["explain_file"] is not None:
        flags["explain"] = True
    if flags["encoding"]:
        try:
            codecs.lookup(flags["encoding"])
        except LookupError:
            raise click.UsageError(f"--encoding {flags['encoding']}: unknown encoding") from None
        if text_codec(flags["encoding"]) is None:  # rot13, unicode_escape...: every input would be refused
            raise click.UsageError(f"--encoding {flags['encoding']}: not a text encoding") from None
    if flags["skip_existing"] and (output is None or mode is not Mode.WRITE):
        raise click.UsageError("--skip-existing needs -o DIR or -o FILE.jsonl, and no --check/--diff")
    if flags["files_from"] == STDIN and any(str(s) == STDIN for s in sources):
        raise click.UsageError("--files-from - reads the list from standard input, so - cannot also be a page")
    urls = [str(without_password(url)) for p in (*sources, output) if (url := as_url(p))]
    if not flags["scheduler"] and urls:
        shown = "URL" if "***" in urls[0] else urls[0]  # a credential is not echoed back, masked or not
        hint = f"curl -sL '{shown}' | cleanup --url '{shown}'" if urls[0].startswith("http") else ""
        raise click.UsageError(
            (f"cleanup reads files, not URLs{f' ({urls[0]})' if shown == 'URL' else ''}: {hint}; " if hint else "")
            + "inputs and outputs given as URLs (s3://...) are read and written on a Dask cluster: add --scheduler"
        )


class Command(click.Command):
    """The cleanup command: standard streams made safe, and the config file read, before click parses."""

    closed: frozenset[int] = frozenset()

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        Command.closed = reopen_closed_streams()
        argv = list(sys.argv[1:] if args is None else args)
        sub = argv[1:] if argv[:1] == [NO_CONFIG] else argv  # cleanup --no-config rules list: a global flag first
        if is_rules_command(sub):  # cleanup rules list|lint|test|export (cli/rules_cmd.py)
            argv, dirs = _config_rules(argv, extra)
            if dirs is not None:
                extra["default_map"] = {"list": {"rules_dirs": dirs}}
            return rules.main(argv[1:], prog_name=f"{prog_name or 'cleanup'} rules", **extra)
        if is_learn_command(sub):  # cleanup learn INPUTS... -o RULES_DIR (cli/learn_cmd.py)
            from cleanup.cli.learn_cmd import learn

            argv, dirs = _config_rules(argv, extra)
            if dirs is not None:
                extra["default_map"] = {"rules_dirs": dirs}
            return learn.main(argv[1:], prog_name=f"{prog_name or 'cleanup'} learn", **extra)
        return super().main(argv, prog_name, **extra)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        """The context, with the config file's values as flag defaults (unless --no-config)."""
        from cleanup.cli.config import find_config

        config = None if NO_CONFIG in args or "default_map" in extra else find_config(Path.cwd())
        if config is not None:
            extra["default_map"] = config.defaults
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta["config"] = config
        return ctx


def _config_rules(argv: list[str], extra: dict[str, Any]) -> tuple[list[str], list[str] | None]:
    """For ``cleanup learn`` and ``cleanup rules``: the arguments without --no-config, and the config's rules.

    They take the config file's ``rules`` as their --rules default, as cleanup itself does;
    its other keys are not theirs.
    """
    from cleanup.cli.config import find_config

    if NO_CONFIG in argv or "default_map" in extra:
        return [a for a in argv if a != NO_CONFIG], None
    try:
        config = find_config(Path.cwd())
    except click.UsageError as exc:  # outside click's own handling here: say it as click would, exit 2
        exc.show()
        sys.exit(exc.exit_code)
    return argv, None if config is None else config.defaults.get("rules_dirs")


@click.command(
    cls=Command,
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("sources", nargs=-1, type=NonEmptyPath(allow_dash=True, readable=False, path_type=Path))
@click.option(
    "--files-from",
    metavar="FILE|-",
    type=NonEmptyPath(dir_okay=False, allow_dash=True),
    help="Also clean the paths listed in FILE, one per line (- reads the list from stdin).",
)
@click.option(
    "-0", "--null", is_flag=True, help="--files-from names are separated by NUL bytes (find -print0), not lines."
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(path_type=Path),
    help="Write into DIR (one file per input, mirroring the input tree), or into FILE.jsonl "
    "(FILE.jsonl.gz: compressed) with --format jsonl; - is stdout. Files are replaced atomically, "
    "a link is written through, a device or FIFO is streamed to; an output that is an input is refused.",
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
@RECORD_OPTIONS
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
    help="With -o DIR: leave out inputs whose output file exists; with -o FILE.jsonl: keep its records "
    "and leave out their sources (resume an interrupted batch).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="With -o DIR: remove output files whose input is gone (--check/--diff report them as 'would be removed').",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Clean in N worker processes (default: one per core). Output is the same whatever N is.",
)
@click.option(
    "--timeout",
    metavar="SECONDS",
    type=FiniteFloatRange(min=0, max=MAX_TIMEOUT),
    default=DEFAULT_SECONDS,
    show_default=True,
    help="Give up on a page after this many seconds (an error for that page; the batch goes on). 0: no limit.",
)
@click.option(
    "--max-memory",
    metavar="MB",
    type=click.IntRange(min=0, max=MAX_MEMORY_MB),
    default=DEFAULT_MEMORY_MB,
    show_default=True,
    help="Give up on a page that needs more memory than this (an error for that page). 0: no limit.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="DASK_SCHEDULER_ADDRESS",
    help="Clean on the Dask cluster of this scheduler (tcp://host:8786; env DASK_SCHEDULER_ADDRESS): "
    "same outputs as a local run. Inputs and -o may then be URLs (s3://, gs://...). "
    "Needs Dask: pip install dask distributed fsspec (in a checkout: pip install '.[dask]').",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print each removal as 'source:line: rule: reason: text' on stderr (the summary line is left out).",
)
@click.option(
    "--explain-file",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="Write the --explain lines to FILE instead of stderr (implies --explain).",
)
@click.option("--url", help="URL of the page(s): chooses site rules when the page names none.")
@click.option("--site", help="Apply the site rules of HOST, whatever the page says.")
@click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=RulesDir(),
    envvar="CLEANUP_RULES",
    help="Directory of your own site rule files (repeatable; env CLEANUP_RULES, "
    "separated by ':'). Yours win over the bundled ones.",
)
@click.option(
    "--learn",
    is_flag=True,
    help="Two passes: learn site rules per host from the inputs (as `cleanup learn`), then clean with them.",
)
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run RULE (repeatable; see --list-rules).")
@click.option(
    "--list-rules",
    is_flag=True,
    help="List every rule: kind, stage, what it removes, where it is defined (--format json for tools); then exit.",
)
@FILE_OPTIONS
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour for diffs and messages; auto means only on a terminal (NO_COLOR is honoured).",
)
@click.option(
    NO_CONFIG,
    "no_config",
    is_flag=True,
    help="Ignore cleanup.toml and [tool.cleanup] in pyproject.toml (found upward from the working directory).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print each input's status, and the removals per rule at the end.")
@click.version_option(__version__, "-V", "--version", prog_name="cleanup")
@click.pass_context
def main(ctx: click.Context, sources: tuple[Path, ...], output: Path | None, fmt: str | None, **flags: Any) -> None:
    rules_dirs = tuple(str(p) for p in flags["rules_dirs"])
    if flags["list_rules"]:
        list_rules_or_exit(rules_dirs, fmt)
        return
    if output is not None and str(output) == STDIN:
        if flags["check"] or flags["diff"]:  # with no -o they would compare each output with its own input
            raise click.UsageError("-o - is a stream: --check and --diff need a directory or a file to compare with")
        output = None  # -o - is standard output, as for the inputs
    from_config = ctx.get_parameter_source("fmt") is click.core.ParameterSource.DEFAULT_MAP
    if from_config and output is not None and "jsonl" in (fmt, _format(None, output)):
        fmt = None  # the config's format gives way to -o all.jsonl ("jsonl" to -o DIR); "json" stays under -o DIR
    fmt = _format(fmt, output)
    if flags["verbose"] and ctx.meta.get("config") is not None:
        click.echo(f"config: {ctx.meta['config'].path}", err=True)
    if output is None and 1 in Command.closed:
        raise click.UsageError("standard output is closed: give -o DIR or -o FILE.jsonl for the outputs")
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
    if flags["learn"]:
        from cleanup.cli.learn_cmd import one_shot_rules
        from cleanup.input.sources import SourceError, check_output

        try:  # before the learning pass reads the whole batch, not after it
            check_output(list(sources), output)
        except SourceError as exc:
            raise click.UsageError(str(exc)) from None

        learned = one_shot_rules(ctx, sources, options, flags, output)
        options = dataclasses.replace(
            options, rules_dirs=(learned, *options.rules_dirs)
        )  # learned files hold the user's
    check_rules(options)
    ctx.exit(run_batch(sources, output, fmt, mode, options, flags))
