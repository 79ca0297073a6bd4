"""Rule flags: --list-rules, and the checks of site files and --disable names before a run."""

from __future__ import annotations

import json
import sys

import click
from click.core import ParameterSource

from cleanup.cli.messages import echo_error
from cleanup.model import Options, RuleEntry, RuleNameError, SiteRuleError, one_line, without_password
from cleanup.output.report import EXIT_USAGE


def rule_rows(entries: tuple[RuleEntry, ...]) -> list[str]:
    """One line per rule: name, kind, stage, what it removes, and where it is defined."""
    from cleanup.rules import aliases_of

    rows = []
    for e in entries:
        notes = "" if e.switch else " (no switch)"
        notes += "".join(f" (also off with --disable {alias})" for alias in aliases_of(e.name))
        rows.append(one_line(f"{e.name:30s} {e.kind:5s} {e.stage:14s} {e.reason}{notes}  ({e.defined})"))
    return rows


def rule_json(entries: tuple[RuleEntry, ...], fmt: str) -> str:
    """The table for tools: one JSON array (json) or one object per line (jsonl); aliases included."""
    from cleanup.rules import aliases_of

    items = [{**e.to_dict(), "aliases": list(aliases_of(e.name))} for e in entries]
    if fmt == "jsonl":
        return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def ftr_entries(dirs: tuple[str, ...]) -> tuple[RuleEntry, ...]:
    """The rules of every FiveFilters file in ``dirs``, each defined at ``file:line`` (as ``cleanup rules list``)."""
    import dataclasses

    from cleanup.rules import site_entries
    from cleanup.sites.ftr import ftr_index, load_ftr_site

    out: list[RuleEntry] = []
    for path in ftr_index(dirs).values() if dirs else ():
        site = load_ftr_site(path)
        lines = {rule.id: getattr(rule, "line", None) for rule in site.rules}
        out += [dataclasses.replace(e, defined=f"{path}:{lines[e.name]}") for e in site_entries(site)]
    return tuple(out)


def list_rules_or_exit(dirs: tuple[str, ...], fmt: str | None = None) -> None:
    """Print every rule once (generic, then TOML site rules, then FiveFilters site rules of ``dirs``).

    A broken TOML site file is a usage error; a FiveFilters file never is (its bad lines are lint notes).
    """
    from cleanup.rules import all_entries

    try:
        entries = all_entries(dirs) + ftr_entries(dirs)
    except SiteRuleError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_USAGE)
    if fmt in ("json", "jsonl"):
        click.echo(rule_json(entries, fmt), nl=False)
    else:
        click.echo("".join(row + "\n" for row in rule_rows(entries)), nl=False)


def check_rules(options: Options) -> None:
    """Load every site rule file up front: a broken one stops the run before any output.

    Every --disable must name a rule (a typo would silently disable nothing): usage error otherwise.
    """
    from cleanup.lang import load_packs
    from cleanup.rules import check_disable
    from cleanup.sites.lint import NOT_A_HOST, is_host_name
    from cleanup.sites.load import any_fingerprint, host_of, load_all
    from cleanup.sites.lookup import site_for_host

    try:
        sites = load_all(options.rules_dirs)
        load_packs(options.rules_dirs)  # lang/*.toml of the rules directories: checked before any output too
        any_fingerprint(options.rules_dirs)  # fingerprints that cannot combine would fail every text page
        if options.site and site_for_host(host_of(options.site) or options.site, options.rules_dirs) is None:
            raise SiteRuleError(f"--site {without_password(options.site)}: no site rule file for this host")
    except SiteRuleError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_USAGE)
    for site in sites:
        if not is_host_name(site.host):
            click.echo(f"warning: {one_line(str(site.path))}: {NOT_A_HOST}", err=True)
    try:
        check_disable(options)
    except RuleNameError as exc:  # a name from the config file says so: no --disable was typed
        ctx = click.get_current_context(silent=True)
        configured = ctx is not None and ctx.get_parameter_source("disable") is ParameterSource.DEFAULT_MAP
        raise click.UsageError(f"--disable {exc}" + (" (from the config file)" if configured else "")) from None
