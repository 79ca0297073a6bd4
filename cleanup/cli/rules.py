"""Rule flags: --list-rules, and the checks of site files and --disable names before a run."""

from __future__ import annotations

import difflib
import re
import sys

import click

from cleanup.model import Options, SiteRuleError
from cleanup.output.report import EXIT_USAGE


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
        for site_rule in site.rules:
            click.echo(f"{site_rule.id:30s} site  {site_rule.why}  ({site.path})")


# A site file's name is the host it serves: lower-case labels joined by dots, a leading dot for subdomains.
HOST_RE = re.compile(r"\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")


def check_rules(options: Options) -> None:
    """Load every site rule file up front: a broken one stops the run before any output."""
    from cleanup.sites.load import load_all, site_for_host

    try:
        sites = load_all(options.rules_dirs)
        if options.site and site_for_host(options.site, options.rules_dirs) is None:
            raise SiteRuleError(f"--site {options.site}: no site rule file for this host")
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for site in sites:
        if not HOST_RE.fullmatch(site.host):
            click.echo(
                f"warning: {site.path}: the file name is not a host name (example.com.toml, or "
                ".example.com.toml for its subdomains), so no page will use these rules",
                err=True,
            )
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


# DOM rules that are not switches: the article choice itself and the headline's move to the title.
UNDISABLEABLE = frozenset({"outside-article", "headline"})


def list_rules_or_exit(dirs: tuple[str, ...]) -> None:
    try:
        _list_rules(dirs)
    except SiteRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
