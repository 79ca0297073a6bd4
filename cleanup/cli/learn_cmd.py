"""``cleanup learn INPUTS... -o RULES_DIR``: write site rules learned from a batch of pages.

Dispatched like ``cleanup rules``: the first argument ``learn`` starts this
command only when no file or directory of that name exists.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cleanup.model import Options
from cleanup.output.report import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:  # the learner loads only when `cleanup learn` runs
    from cleanup.sites.learn import Learned

SUBCOMMAND = "learn"


def is_learn_command(argv: list[str]) -> bool:
    """True for ``cleanup learn ...`` when no file or directory named ``learn`` is here (then it is an input)."""
    return bool(argv) and argv[0] == SUBCOMMAND and not os.path.exists(SUBCOMMAND)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "rules_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
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
    type=click.FloatRange(0.0, 1.0, min_open=True),
    metavar="X",
    help="A line must recur on this share of the host's pages (default 0.15).",
)
def learn(
    inputs: tuple[Path, ...], rules_dir: Path, site: str | None, min_pages: int | None, min_share: float | None
) -> None:
    """Learn site rules (drop_line, drop_from) from pages of one or more sites; one HOST.toml per host."""
    from cleanup.batch.learn import gather
    from cleanup.cli.inputs import DEFAULT_INCLUDE
    from cleanup.input.sources import Selection, iter_sources
    from cleanup.sites.learn import MIN_PAGES, MIN_SHARE, learn_site

    missing = [str(p) for p in inputs if str(p) != "-" and not p.exists()]
    if missing:
        click.echo(f"error: no such file or directory: {', '.join(missing)}", err=True)
        raise SystemExit(EXIT_USAGE)
    got = gather(iter_sources(inputs, Selection(DEFAULT_INCLUDE, output=rules_dir)), Options(), site)
    for name, why in got.failed:
        click.echo(f"error: {name}: {why}", err=True)
    if got.no_host:
        click.echo(f"{len(got.no_host)} pages with no URL to tell their host (give --site HOST)", err=True)
    rules_dir.mkdir(parents=True, exist_ok=True)
    for host in sorted(got.by_host):
        found = learn_site(host, got.by_host[host], min_pages or MIN_PAGES, min_share or MIN_SHARE)
        _report(found, rules_dir)
    raise SystemExit(EXIT_OK if got.by_host else EXIT_USAGE)


def _report(found: Learned, rules_dir: Path) -> None:
    """Write the host's file (when it has rules) and print its summary on stderr."""
    if found.note:
        click.echo(f"{found.host}: {found.note}", err=True)
        return
    path = rules_dir / f"{found.host}.toml"
    if found.rules:
        path.write_text(found.toml(), encoding="utf-8")
    kinds = ", ".join(f"{sum(r.kind == k for r in found.rules)} {k}" for k in ("drop_line", "drop_from"))
    where = f" -> {path}" if found.rules else " (no file written)"
    click.echo(f"{found.host}: {found.pages} pages, {kinds}{where}", err=True)
    for r in found.refused:
        click.echo(f"  refused as article text ({r.reason}): {r.text[:80]!r}", err=True)


def one_shot_rules(ctx: click.Context, sources: tuple[Path, ...], options: Options, quiet: bool) -> str:
    """``cleanup --learn``: the first pass over the batch; the directory of the rules learned per host.

    The rules are written to a private temporary directory, removed when the
    command ends, and the second pass loads them as a ``--rules`` directory would.
    """
    import shutil
    import tempfile

    from cleanup.batch.learn import gather
    from cleanup.cli.inputs import DEFAULT_INCLUDE
    from cleanup.input.sources import STDIN, Selection, iter_sources
    from cleanup.sites.learn import learn_site

    if any(str(s) == STDIN for s in sources) or not sources:
        raise click.UsageError("--learn reads the inputs twice: give files or directories, not standard input")
    first = Options(encoding=options.encoding, max_bytes=options.max_bytes)
    got = gather(iter_sources(sources, Selection(DEFAULT_INCLUDE)), first, options.site)
    tmp = tempfile.mkdtemp(prefix="cleanup-learn-")
    ctx.call_on_close(lambda: shutil.rmtree(tmp, ignore_errors=True))
    for host in sorted(got.by_host):
        found = learn_site(host, got.by_host[host])
        if found.rules:
            (Path(tmp) / f"{host}.toml").write_text(found.toml(), encoding="utf-8")
        if not quiet:
            click.echo(f"learned: {host}: {found.pages} pages, {len(found.rules)} rules", err=True)
    return tmp
