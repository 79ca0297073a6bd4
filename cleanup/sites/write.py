"""Write site rules as a TOML site file, deterministically.

The one way rules become a file: ``cleanup rules export`` (a FiveFilters file
converted for editing) and, later, ``cleanup learn``. The same rules give the
same bytes: kinds in a fixed order, rules in the order given, keys in a
fixed order, strings quoted one way. ``load_site`` reads the result back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cleanup.sites.load import RULE_KINDS, Site

# Characters a TOML literal string ('...') cannot hold.
NOT_LITERAL = frozenset("'\n\r\t") | {chr(c) for c in range(0x20)} | {"\x7f"}


@dataclass(frozen=True)
class RuleSpec:
    """One rule to write: ``kind`` is drop_line, drop_from, strip or body; ``selector`` the regex or XPath."""

    kind: str
    name: str
    why: str
    selector: str

    def __post_init__(self) -> None:
        if self.kind not in RULE_KINDS:
            raise ValueError(f"rule kind {self.kind!r} is not one of {', '.join(RULE_KINDS)}")


def toml_string(value: str) -> str:
    """A TOML string for ``value``: literal ('...') when it can be, else basic with escapes.

    >>> toml_string("//div[@class='x']")
    '"//div[@class=\\'x\\']"'
    >>> toml_string("^Recent Stories$")
    "'^Recent Stories$'"
    """
    if not NOT_LITERAL.intersection(value):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML basic-string escapes


def dump_site(
    rules: list[RuleSpec] | tuple[RuleSpec, ...],
    *,
    name: str | None = None,
    fingerprints: tuple[str, ...] = (),
    header: str = "",
) -> str:
    """The TOML text of a site file holding ``rules`` (grouped by kind, in order within a kind)."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    if name is not None or fingerprints:
        out += ["", "[site]"] if out else ["[site]"]
        if name is not None:
            out.append(f"name = {toml_string(name)}")
        if fingerprints:
            out.append("fingerprints = [" + ", ".join(toml_string(f) for f in fingerprints) + "]")
    for kind in RULE_KINDS:
        key = "regex" if kind in ("drop_line", "drop_from") else "xpath"
        for rule in (r for r in rules if r.kind == kind):
            out += ["", f"[[{kind}]]", f"name = {toml_string(rule.name)}", f"why = {toml_string(rule.why)}"]
            out.append(f"{key} = {toml_string(rule.selector)}")
    return "\n".join(out).lstrip("\n") + "\n"


def site_specs(site: Site) -> list[RuleSpec]:
    """The removal rules of a loaded site as specs (names without the ``host:`` prefix).

    A FiveFilters site holds the rules of ``global.txt`` too, numbered on their own
    (``global:strip#1`` beside ``bbc.co.uk:strip#1``): a name that would repeat keeps its
    prefix (``global-strip#1``), since a TOML file's names are unique per kind.
    """
    specs = []
    for kind in RULE_KINDS:
        seen: set[str] = set()
        for rule in getattr(site, kind):
            selector = rule.pattern.pattern if kind in ("drop_line", "drop_from") else rule.expr
            name = rule.id.split(":", 1)[1]
            name = rule.id.replace(":", "-", 1) if name in seen else name
            seen.add(name)
            specs.append(RuleSpec(kind, name, rule.why, selector))
    return specs


def not_in_toml(site: Site) -> list[str]:
    """What a site (a FiveFilters file) holds that a TOML site file cannot: its metadata XPaths, find/replace ..."""
    lost = [k for k in ("title", "author", "date", "native_ad", "replacements") if getattr(site, k)]
    return [*lost, "prune: no"] if not site.prune else lost


def site_to_toml(site: Site) -> str:
    """A site (a FiveFilters file, say) as TOML; what TOML cannot express is named in the header."""
    lost = not_in_toml(site)
    header = f"Converted from {site.path.name}."
    if lost:
        header += f"\nNot converted (no TOML form yet): {', '.join(lost)}."
    specs = site_specs(site)
    if site.ftr and site.body:  # as cleanup learn does: a rotten FiveFilters body would lose the article
        specs = [spec for spec in specs if spec.kind != "body"]
        header += (
            "\nNot converted: the body rules. A FiveFilters body that finds far more or less text than the"
            "\ngeneric extractor is ignored; a TOML [[body]] is trusted as written, so a rotten one loses the"
            "\narticle. Check them on your pages before adding them as [[body]] tables:\n"
        )
        header += "\n".join(f"  {rule.expr}" for rule in site.body)
    return dump_site(specs, name=site.name, header=header)
