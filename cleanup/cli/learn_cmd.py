"""``cleanup learn INPUTS... -o RULES_DIR``: write site rules learned from a batch of pages.

Dispatched like ``cleanup rules``: the first argument ``learn`` starts this
command only when no file or directory of that name exists.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import errno
import os
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cleanup.cli.inputs import (
    FILE_OPTIONS,
    RECORD_OPTIONS,
    FiniteFloatRange,
    NonEmptyPath,
    OutputPath,
    record_fields,
    selection,
)
from cleanup.cli.messages import echo_error
from cleanup.cli.rules_cmd import NO_CONFIG_OPTION, RULES_DIRS
from cleanup.input.sources import reason
from cleanup.model import Options, SiteRuleError, one_line
from cleanup.output.render import counted, quote_name
from cleanup.output.report import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Report

if TYPE_CHECKING:  # the learner loads only when `cleanup learn` runs
    from cleanup.batch.learn import Gathered
    from cleanup.sites.learn import Learned
    from cleanup.sites.load import Site

SUBCOMMAND = "learn"


def is_learn_command(argv: list[str]) -> bool:
    """True for ``cleanup learn ...`` when no file or directory named ``learn`` is here (then it is an input)."""
    return bool(argv) and argv[0] == SUBCOMMAND and not os.path.exists(SUBCOMMAND)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, required=True, type=NonEmptyPath(readable=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "rules_dir",
    required=True,
    type=OutputPath(file_okay=False, path_type=Path),
    help="Directory to write one HOST.toml per host into (created if missing).",
)
@click.option("--site", default=None, metavar="HOST", help="Treat every page as a page of HOST.")
@click.option(
    "--min-pages",
    default=None,
    type=click.IntRange(2),
    metavar="N",
    help="Learn for a host only from N pages or more, and a line only when on N pages (default 3).",
)
@click.option(
    "--min-share",
    default=None,
    type=FiniteFloatRange(0.0, 1.0, min_open=True),
    metavar="X",
    help="A line or block must recur on this share of the host's pages (default 0.15).",
)
@RULES_DIRS
@NO_CONFIG_OPTION
@RECORD_OPTIONS
@FILE_OPTIONS
def learn(
    inputs: tuple[Path, ...],
    rules_dir: Path,
    site: str | None,
    min_pages: int | None,
    min_share: float | None,
    rules_dirs: tuple[Path, ...],
    **flags: Any,
) -> None:
    """Learn site rules (drop_line, drop_from, strip, body) from pages of one or more sites; one HOST.toml per host.

    The pages are first cleaned with the rules of --rules, so what is learned adds to
    them; a host's file then holds its --rules file's rules and the learned ones.
    """
    from cleanup.batch.learn import gather, site_host
    from cleanup.input.sources import iter_sources
    from cleanup.sites.learn import MIN_PAGES, MIN_SHARE, learn_site
    from cleanup.sites.load import host_of

    _check_inputs(inputs)
    if site is not None:  # a URL or a host; it becomes a file name
        site = site_host(host_of(site) or site)
        if site is None:
            raise click.UsageError("--site: not a host name (such as example.com)")
    dirs = tuple(str(d) for d in rules_dirs)
    options = Options(encoding=flags["encoding"], max_bytes=flags["max_bytes"])
    fields = record_fields(flags)
    sel = selection(flags, fields, rules_dir, options)
    with _site_rule_errors():
        got = _gather(gather, iter_sources(inputs, sel), options, dirs, site)
    for name, why in got.failed:
        echo_error(f"{name}: {why}")
    if got.no_host:
        pages = counted(len(got.no_host), "page")
        click.echo(f"{pages} with no URL to tell their host (give --site HOST)", err=True)
    if got.left_out:  # as a batch counts them: "2 left out (2 files neither named nor shaped like pages)."
        click.echo(str(Report(left_out=dict(collections.Counter(got.left_out)))), err=True)
    if not (got.by_host or got.no_host or got.failed):
        click.echo(f"error: no pages in {', '.join(quote_name(str(p)) for p in inputs)}", err=True)
    _make_dir(rules_dir)
    written = True
    for host in sorted(got.by_host):
        found = learn_site(host, got.by_host[host], min_pages or MIN_PAGES, min_share or MIN_SHARE)
        with _site_rule_errors():
            base = _base(host, dirs)
        written = _report(found, rules_dir, inputs, base) and written
    raise SystemExit(EXIT_USAGE if not got.by_host else EXIT_OK if written and not got.failed else EXIT_FAILED)


def _check_inputs(inputs: tuple[Path, ...]) -> None:
    """Exit 2 with one 'error: PATH: problem' line per missing input, as a batch says it."""
    missing = [str(p) for p in inputs if str(p) != "-" and not p.exists()]
    for path in missing:
        click.echo(f"error: {quote_name(path)}: no such file or directory", err=True)
    if missing:
        raise SystemExit(EXIT_USAGE)


@contextlib.contextmanager
def _site_rule_errors() -> Iterator[None]:
    """A --rules file that does not load: one error line and exit 2, as a batch says it."""
    from cleanup.model import SiteRuleError

    try:
        yield
    except SiteRuleError as exc:
        click.echo(f"error: site rules: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from None


def _make_dir(rules_dir: Path) -> None:
    """Create -o RULES_DIR; exit 2 with one error line when it cannot be (a file, a link loop, a long name)."""
    try:
        rules_dir.mkdir(parents=True, exist_ok=True)
        if not rules_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory")
    except (OSError, RuntimeError) as exc:
        why = reason(exc) if isinstance(exc, OSError) else "a loop of symbolic links"
        click.echo(f"error: -o {quote_name(str(rules_dir))}: cannot use it as the rules directory: {why}", err=True)
        raise SystemExit(EXIT_USAGE) from None


def _gather(
    gather: Callable[..., Gathered],
    sources: Any,
    options: Options,
    dirs: tuple[str, ...],
    site: str | None,
    limits: Any = None,
    jobs: int = 0,
) -> Gathered:
    """The first pass, with the user's rules: ``--site`` names the host only when a file serves it.

    As a batch runs: in worker processes (``jobs``, 0 for one per core), each page under ``limits``
    (the batch's defaults when None); Ctrl-C exits 130 and SIGTERM 143, with no worker left.
    """
    from cleanup.batch.jobs import Limits, default_jobs
    from cleanup.cli.signals import Terminated, signals
    from cleanup.output.report import EXIT_INTERRUPTED, EXIT_TERMINATED
    from cleanup.sites.load import host_of
    from cleanup.sites.lookup import site_for_host

    chosen = site if site and dirs and site_for_host(host_of(site) or site, dirs) else None
    first = dataclasses.replace(options, rules_dirs=dirs, site=chosen)
    try:
        with signals():
            return gather(sources, first, site, jobs or default_jobs(), Limits() if limits is None else limits)
    except SiteRuleError as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("interrupted: nothing was learned", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Terminated:
        click.echo("terminated: nothing was learned", err=True)
        raise SystemExit(EXIT_TERMINATED) from None


def _base(host: str, dirs: tuple[str, ...]) -> Site | None:
    """The site file serving ``host`` before learning (from --rules, or bundled), whose rules the new file keeps."""
    from cleanup.sites.lookup import site_for_host

    return site_for_host(host, dirs)


def _report(found: Learned, rules_dir: Path, inputs: tuple[Path, ...], base: Site | None = None) -> bool:
    """Write the host's file (when it has rules) and print its summary on stderr; False when it cannot be written.

    The file replaces what is there atomically (a link is replaced, not written through) and is
    never an input of the run; a write that fails (a full disk, a name too long) leaves nothing.
    """
    from cleanup.sites.load import RULE_KINDS

    if found.note:
        click.echo(f"{found.host}: {found.counted}, {found.note}", err=True)
        return True
    path = rules_dir / f"{found.host}.toml"
    if found.rules:
        problem = _cannot_write(path, found.toml(base), inputs, base)
        if problem is not None:
            click.echo(f"error: {quote_name(str(path))}: {problem}", err=True)
            return False
    kinds = ", ".join(f"{sum(r.kind == k for r in found.rules)} {k}" for k in RULE_KINDS)
    where = f" -> {path}" if found.rules else " (no file written)"
    click.echo(f"{found.host}: {found.counted}, {kinds}{where}", err=True)
    if found.given > found.pages:
        merged = counted(found.given - found.pages, "page")
        click.echo(
            f"  {merged} held the same story as another page (a URL variant, or an HTML page and its text dump): "
            "each story counts once",
            err=True,
        )
    if found.rules and base is not None:
        click.echo(f"  the file holds the rules of {quote_name(str(base.path))} first{_lost(base)}", err=True)
    for r in found.refused:
        click.echo(f"  refused as article text ({one_line(r.reason)}): {r.text[:80]!r}", err=True)
    return True


def _cannot_write(path: Path, text: str, inputs: tuple[Path, ...], base: Site | None = None) -> str | None:
    """Write ``text`` to ``path`` atomically; the reason it cannot be, or None once it is.

    An existing file is replaced only when ``cleanup learn`` wrote it (its first line says so) or it is
    ``base``, the user's file whose rules ``text`` holds first: a hand-written file is never lost."""
    from cleanup.cli.explain import same_path
    from cleanup.output.write import atomic_write

    if any(same_path(path, given) for given in inputs):
        return "it is an input of this run: not overwritten"
    if not _replaceable(path, base):
        where = quote_name(str(path.parent))
        return f"it exists and cleanup learn did not write it: not replaced (learn on top of it with --rules {where})"
    try:
        atomic_write(path, text)
    except OSError as exc:
        return f"cannot write it: {reason(exc)}"
    return None


LEARNED_MARK = "# Learned by `cleanup learn`"  # how Learned.toml's header starts


def _replaceable(path: Path, base: Site | None) -> bool:
    """True when ``path`` may be replaced: missing or blank, ``base`` (its rules go first in the new file),
    or a file ``cleanup learn`` wrote that holds learned rules only (no [site] table, every rule named
    ``learned-``): a hand-written rule, or one added to a learned file, is never lost."""
    from cleanup.cli.explain import same_path
    from cleanup.output.files import OutputError, read_regular

    if base is not None and same_path(path, base.path):
        return True
    try:  # not blocking on a FIFO; a link is replaced, not followed (atomic_write)
        existing = read_regular(path, MAX_LEARNED_BYTES)
    except OutputError:
        return path.is_symlink()
    if existing is None:
        return True
    text = existing.data.decode("utf-8", "replace")
    if not text.strip():
        return True
    if not text.lstrip().startswith(LEARNED_MARK) or not existing.complete:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    rules = [t for kind in ("drop_line", "drop_from", "strip", "body") for t in data.get(kind, [])]
    learned = all(isinstance(t, dict) and str(t.get("name", "")).startswith("learned-") for t in rules)
    return learned and "site" not in data


MAX_LEARNED_BYTES = 10_000_000


def _lost(base: Site) -> str:
    """What a FiveFilters file has that a TOML file cannot hold, as a note."""
    from cleanup.sites.write import not_in_toml

    lost = not_in_toml(base) + (["body"] if base.ftr and base.body else [])  # trusted as written in TOML
    return f" (not carried over: {', '.join(lost)})" if lost else ""


def one_shot_rules(
    ctx: click.Context, sources: tuple[Path, ...], options: Options, flags: dict[str, Any], output: Path | None
) -> str:
    """``cleanup --learn``: the first pass over the batch; the directory of the rules learned per host.

    The first pass applies the user's ``--rules`` (and ``--disable``), so the rules
    learned add to them: a host's file holds its TOML file's rules, then the learned
    ones. A host a FiveFilters file serves keeps that file (its find/replace and
    metadata XPaths have no TOML form) and learns nothing. The rules are written to
    a private temporary directory, removed when the command ends; the second pass
    reads it before the user's directories. Both passes read the inputs as the
    batch's flags say (``--include``, ``--html-field``, ``--input-format`` ...).
    """
    import shutil
    import tempfile

    from cleanup.batch.jobs import Limits
    from cleanup.batch.learn import gather
    from cleanup.cli.inputs import selection
    from cleanup.input.sources import STDIN, iter_sources
    from cleanup.sites.learn import learn_site

    if any(str(s) == STDIN for s in sources) or not sources:
        raise click.UsageError("--learn reads the inputs twice: give files or directories, not standard input")
    first = Options(encoding=options.encoding, max_bytes=options.max_bytes, disable=options.disable)
    fields = record_fields(flags)
    sel = selection(flags, fields, output, options)
    limits = Limits.given(flags["timeout"], flags["max_memory"])
    got = _gather(gather, iter_sources(sources, sel), first, options.rules_dirs, options.site, limits, flags["jobs"])
    if got.no_host:  # the second pass still cleans them, with the rules there were (as the rules warning, not -q)
        pages = counted(len(got.no_host), "page")
        click.echo(
            f"warning: {pages} had no URL to tell their host, so nothing was learned for them (give --site HOST)",
            err=True,
        )
    tmp = tempfile.mkdtemp(prefix="cleanup-learn-")
    ctx.call_on_close(lambda: shutil.rmtree(tmp, ignore_errors=True))
    for host in sorted(got.by_host):
        found, base = learn_site(host, got.by_host[host]), _base(host, options.rules_dirs)
        kept = base is not None and base.ftr
        if found.rules and not kept and (problem := _cannot_write(Path(tmp) / f"{host}.toml", found.toml(base), ())):
            click.echo(f"warning: {host}: its learned rules are not used: {problem}", err=True)
        if not flags["quiet"]:
            note = f" (not used: {base.path} serves it)" if kept and base else ""
            click.echo(f"learned: {host}: {found.counted}, {counted(len(found.rules), 'rule')}{note}", err=True)
    return tmp
