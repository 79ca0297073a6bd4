"""``cleanup rules list|lint|test``: the rule tooling, as ruff and black feel.

``cleanup FILES...`` stays as it is: the first argument ``rules`` starts the
subcommands when no file or directory of that name exists, or when the next
argument is an action (list, lint, test, export) that names no file here;
otherwise it is an input, as before (``cleanup ./rules`` always means the path). Output is data
on stdout, one line per problem or expectation; the exit code is 0 when all
is clean, 1 when a problem or failure was found and 2 for unusable arguments.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from cleanup.cli.config import RulesDir
from cleanup.cli.inputs import NonEmptyPath
from cleanup.cli.messages import echo_error
from cleanup.model import one_line
from cleanup.output.render import quote_name
from cleanup.output.report import EXIT_CHANGED, EXIT_OK, EXIT_USAGE

SUBCOMMAND = "rules"


ACTIONS = ("list", "lint", "test", "export")


def is_rules_command(argv: list[str]) -> bool:
    """True for ``cleanup rules ...`` when no file or directory named ``rules`` is here (then it is an input).

    A rules directory named ``rules`` is common, so ``cleanup rules lint rules/``
    is the subcommand too when no file named ``lint`` (list, test, export) is
    here: as inputs, ``rules lint`` could only fail on the missing ``lint``.
    """
    if not argv or argv[0] != SUBCOMMAND:
        return False
    action = len(argv) > 1 and argv[1] in ACTIONS and not os.path.exists(argv[1])
    return action or not os.path.exists(SUBCOMMAND)


NO_CONFIG = "--no-config"
# main takes --no-config out of a subcommand's arguments (anywhere, or before the subcommand) before
# click parses them; the option is here for --help.
NO_CONFIG_OPTION = click.option(
    NO_CONFIG,
    is_flag=True,
    expose_value=False,
    help="Ignore cleanup.toml and [tool.cleanup] in pyproject.toml: no --rules from them.",
)

RULES_DIRS = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=RulesDir(exists=True),
    envvar="CLEANUP_RULES",
    help="Rule directory (repeatable; env CLEANUP_RULES), as for cleanup itself.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def rules() -> None:
    """List, lint and test rules: generic ones, TOML site files and FiveFilters .txt configs."""


@rules.command("list")
@RULES_DIRS
@NO_CONFIG_OPTION
def list_cmd(rules_dirs: tuple[Path, ...]) -> None:
    """Every rule: name, kind, stage, source (the rules of every --rules file, FiveFilters ones included)."""
    from cleanup.model import SiteRuleError

    try:
        for row in rule_rows(tuple(str(d) for d in rules_dirs)):
            click.echo("\t".join(one_line(cell) for cell in row))  # a tab or newline of a file stays in its cell
    except SiteRuleError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_USAGE)


def rule_rows(dirs: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(name, kind, stage, source) of every rule: the rule table, then every FiveFilters file's rules.

    FiveFilters rules are entries of the same table (``cleanup.rules.site_entries``); their
    source is ``file:line``.
    """
    from cleanup.rules import all_entries, site_entries
    from cleanup.sites.ftr import ftr_index, load_ftr_site

    rows = [(e.name, str(e.kind), str(e.stage), e.defined) for e in all_entries(dirs)]
    for path in ftr_index(dirs).values():
        site = load_ftr_site(path)
        lines = {rule.id: getattr(rule, "line", None) for rule in site.rules}
        rows += [(e.name, str(e.kind), str(e.stage), f"{path}:{lines[e.name]}") for e in site_entries(site)]
    return rows


def _files(paths: tuple[Path, ...]) -> list[Path]:
    from cleanup.sites.lint import rule_files

    if not paths:
        raise click.UsageError("name rule files or directories")
    try:
        files = rule_files(list(paths))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not files:  # as ruff warns: a clean result over no file (a parent of the rules named) is no pass
        named = ", ".join(quote_name(str(p)) for p in paths)
        click.echo(f"warning: no rule files (.toml or .txt) in {named}; subdirectories are not read", err=True)
    return files


@rules.command("lint")
@click.argument("paths", nargs=-1, type=NonEmptyPath(path_type=Path))
@click.option("--notes", is_flag=True, help="Also print notes: lines ignored on purpose (fetch-time directives).")
def lint_cmd(paths: tuple[Path, ...], notes: bool) -> None:
    """Check rule files: one 'file:line: rule: problem' line each; exit 1 if any."""
    from cleanup.sites.lint import lint_file

    problems = 0
    for path in _files(paths):
        for problem in lint_file(path):
            problems += not problem.note
            if notes or not problem.note:
                click.echo(str(problem))
    sys.exit(EXIT_CHANGED if problems else EXIT_OK)


@rules.command("test")
@click.argument("paths", nargs=-1, type=NonEmptyPath(path_type=Path))
@click.option(
    "--pages",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Saved pages: FIXTURE/input.* or FIXTURE.html for [[expect]], and for each FiveFilters "
    "test_url a file named after the URL (scheme dropped, other characters than A-Z a-z 0-9 . _ - as _) "
    "with .html. Default: the rule file's directory.",
)
def test_cmd(paths: tuple[Path, ...], pages: Path | None) -> None:
    """Run [[expect]] and test_contains against saved pages: pass/FAIL/skip per expectation; exit 1 on a FAIL."""
    from cleanup.sites.lint import is_pack, test_site

    failed = ran = skipped = 0
    for path in _files(paths):
        rules_dir = path.parent.parent if is_pack(path) else path.parent  # a pack is DIR/lang/xx.toml
        for outcome in test_site(path, pages, (str(rules_dir),)):
            click.echo(str(outcome))
            failed += outcome.passed is False
            ran += outcome.passed is not None
            skipped += outcome.passed is None
    click.echo(f"{ran} run, {failed} failed, {skipped} skipped (no saved page)", err=True)
    sys.exit(EXIT_CHANGED if failed else EXIT_OK)


@rules.command("export")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def export_cmd(path: Path) -> None:
    """Print a FiveFilters .txt file (or a TOML one) as a TOML site file, to edit and use with --rules."""
    from cleanup.model import SiteRuleError
    from cleanup.sites.ftr import load_ftr
    from cleanup.sites.load import FTR_SUFFIX, load_site
    from cleanup.sites.write import site_to_toml

    try:
        site = load_ftr(path)[0] if path.suffix == FTR_SUFFIX else load_site(path)
    except SiteRuleError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_USAGE)
    click.echo(site_to_toml(site), nl=False)
