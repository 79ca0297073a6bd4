"""Per-site rules kept as TOML data files: find, load, validate, match.

A site file is named after the host it serves, like FiveFilters'
ftr-site-config: ``example.com.toml`` matches ``example.com`` and
``www.example.com``; ``.example.com.toml`` matches every subdomain of
``example.com`` (and ``example.com`` itself). Bundled files live in
``cleanup/sites/``; user directories (``--rules DIR``, ``CLEANUP_RULES``) are
searched first, so a user file for a host replaces the bundled one.

User-written patterns are compiled with RE2 (``google-re2``), which matches in
time linear in the input: a rule such as ``(a+)+$`` cannot hang a batch.

The format, in full::

    [site]
    name = "Roll Call"                  # the site's own name (optional)
    fingerprints = ['^Get breaking news alerts and more from Roll Call\\b']

    [[drop_line]]                       # text rule: drop each matching line
    name = "video-site-promo"
    why = "promo for the site's video section"
    regex = '^See photos, .* new video site\\.?$'

    [[drop_from]]                       # text rule: drop the match and all after
    name = "recent-stories"
    why = "list of other stories after the article"
    regex = '^Recent Stories$'

    [[strip]]                           # DOM rule (HTML input): remove elements
    name = "newsletter-box"
    why = "newsletter signup inside the body"
    css = "div.newsletter"              # or xpath = "//div[...]"

    [[body]]                            # DOM rule: article container, tried in order
    name = "story-body"
    why = "the article container"
    xpath = "//div[@class='story']"

    [[expect]]                          # checked by the tests, offline
    fixture = "rollcall-obama-hollande"
    keeps = ["President Barack Obama and French President"]
    drops = ["Recent Stories"]
"""

from __future__ import annotations

import difflib
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cleanup.model import SiteRuleError
from cleanup.sites.files import FtrTest, read_rule_bytes
from cleanup.sites.fresh import dropped_on_reload, remember

BUNDLED_DIR = Path(__file__).parent
SUFFIX = ".toml"
FTR_SUFFIX = ".txt"  # FiveFilters site configs, read by sites/ftr.py

# Keys each table may hold; anything else is a typo we report.
SITE_KEYS = frozenset({"name", "fingerprints"})
TEXT_RULE_KEYS = frozenset({"name", "why", "regex"})
DOM_RULE_KEYS = frozenset({"name", "why", "xpath", "css"})
EXPECT_KEYS = frozenset({"fixture", "keeps", "drops"})
# The kinds of rule a site file holds, in the order their rules are listed (rule_ids, --list-rules).
RULE_KINDS = ("drop_line", "drop_from", "strip", "body")
META_KINDS = ("title", "author", "date", "native_ad")  # FiveFilters only: metadata, no removal
TOP_KEYS = {
    "site": SITE_KEYS,
    "drop_line": TEXT_RULE_KEYS,
    "drop_from": TEXT_RULE_KEYS,
    "strip": DOM_RULE_KEYS,
    "body": DOM_RULE_KEYS,
    "expect": EXPECT_KEYS,
}


@dataclass(frozen=True)
class TextRule:
    """A line pattern from a site file; ``id`` is ``host:name``."""

    id: str
    why: str
    pattern: Any  # a compiled re2 pattern

    def matches(self, text: str) -> bool:
        """True when the pattern is found in ``text``."""
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class DomRule:
    """An element selector from a site file; ``id`` is ``host:name``."""

    id: str
    why: str
    expr: str  # the XPath (CSS selectors are translated to XPath on load)
    xpath: Any  # a compiled lxml.etree.XPath
    line: int | None = None  # line in the rule file (FiveFilters files)
    token: str | None = None  # strip_id_or_class: the class/id token(s) the XPath tests, matched faster in Python


@dataclass(frozen=True)
class Expect:
    """An offline expectation: cleaning ``fixture`` keeps and drops these."""

    fixture: str
    keeps: tuple[str, ...]
    drops: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """All rules of one site file; the fields after ``expect`` come from FiveFilters files (sites/ftr.py)."""

    host: str
    path: Path
    name: str | None = None
    fingerprints: tuple[Any, ...] = ()
    drop_line: tuple[TextRule, ...] = ()
    drop_from: tuple[TextRule, ...] = ()
    strip: tuple[DomRule, ...] = ()
    body: tuple[DomRule, ...] = ()
    expect: tuple[Expect, ...] = ()
    title: tuple[DomRule, ...] = ()
    author: tuple[DomRule, ...] = ()
    date: tuple[DomRule, ...] = ()
    native_ad: tuple[DomRule, ...] = ()
    prune: bool = True
    autodetect: bool = True
    replacements: tuple[tuple[str, str], ...] = ()
    tests: tuple[FtrTest, ...] = ()
    ftr: bool = False

    @property
    def rules_by_kind(self) -> tuple[tuple[str, TextRule | DomRule], ...]:
        """(kind, rule) of every rule of the site, metadata rules included, in file order by kind."""
        return tuple((k, rule) for k in (*RULE_KINDS, *META_KINDS) for rule in getattr(self, k))

    @property
    def rules(self) -> tuple[TextRule | DomRule, ...]:
        """Every rule of the site, in file order by kind."""
        return tuple(r for kind in RULE_KINDS for r in getattr(self, kind))

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id of the site, in file order by kind."""
        return tuple(r.id for r in self.rules)


def compile_pattern(pattern: str) -> Any:
    """Compile a user pattern with RE2 (linear time); raise ValueError if invalid."""
    import re2  # imported here: only pages that use site rules pay for it

    from cleanup.text.units import re2_compile

    try:
        compiled = re2_compile(pattern)
    except re2.error as exc:
        message = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        if "escape sequence" in message or "perl operator" in message or "repetition operator" in message:
            message += " (RE2 has no backreferences or lookaround)"
        raise ValueError(message) from None
    if compiled.search("") is not None:
        raise ValueError("it matches the empty string, so it would match every line")
    return compiled


def _compile_selector(rule: dict[str, Any]) -> tuple[str, Any]:
    from cleanup.html.xpath import SelectorError, compile_xpath, css_to_xpath

    if ("xpath" in rule) == ("css" in rule):
        raise ValueError("needs exactly one of 'xpath' or 'css'")
    key = "xpath" if "xpath" in rule else "css"
    if not isinstance(rule[key], str):
        raise ValueError(f"'{key}' must be a string, not {type(rule[key]).__name__}")
    try:
        expr = rule["xpath"] if key == "xpath" else css_to_xpath(rule["css"])
        return expr, compile_xpath(expr)
    except SelectorError as exc:
        what = "XPath" if key == "xpath" else "CSS selector"
        raise ValueError(f"invalid {what} {_short(rule[key])}: {exc}") from None


def _short(value: str, limit: int = 60) -> str:
    """A value quoted for a message, cut to ``limit`` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def _check_keys(table: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise SiteRuleError(f"{where}: unknown key '{key}'{hint}")


def _rules(data: dict[str, Any], kind: str, host: str, where: str) -> list[dict[str, Any]]:
    tables = data.get(kind, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SiteRuleError(f"{where}: '{kind}' must be an array of tables ([[{kind}]])")
    seen: set[str] = set()
    for table in tables:
        name = table.get("name")
        label = f"{where}: [[{kind}]] '{name}'" if name else f"{where}: [[{kind}]]"
        _check_keys(table, TOP_KEYS[kind], label)
        if name is not None and not isinstance(name, str):
            raise SiteRuleError(f"{where}: [[{kind}]]: 'name' must be a string")
        if kind != "expect":
            for key in ("name", "why"):
                if not isinstance(table.get(key), str) or not table[key].strip():
                    raise SiteRuleError(f"{label}: missing '{key}'")
            if name in seen:
                raise SiteRuleError(f"{label}: duplicate rule name")
            seen.add(str(name))
    return tables


def _text_rules(data: dict[str, Any], kind: str, host: str, where: str) -> tuple[TextRule, ...]:
    out = []
    for t in _rules(data, kind, host, where):
        if "regex" not in t:
            raise SiteRuleError(f"{where}: rule '{t['name']}': missing 'regex'")
        if not isinstance(t["regex"], str):
            raise SiteRuleError(f"{where}: rule '{t['name']}': 'regex' must be a string")
        try:
            pattern = compile_pattern(t["regex"])
        except ValueError as exc:
            raise SiteRuleError(f"{where}: rule '{t['name']}': bad regex: {exc}") from None
        out.append(TextRule(f"{host}:{t['name']}", t["why"], pattern))
    return tuple(out)


def _dom_rules(data: dict[str, Any], kind: str, host: str, where: str) -> tuple[DomRule, ...]:
    out = []
    for t in _rules(data, kind, host, where):
        try:
            expr, xpath = _compile_selector(t)
        except ValueError as exc:
            raise SiteRuleError(f"{where}: rule '{t['name']}': {exc}") from None
        out.append(DomRule(f"{host}:{t['name']}", t["why"], expr, xpath))
    return tuple(out)


def _expects(data: dict[str, Any], host: str, where: str) -> tuple[Expect, ...]:
    out = []
    for t in _rules(data, "expect", host, where):
        if not isinstance(t.get("fixture"), str):
            raise SiteRuleError(f"{where}: [[expect]]: missing 'fixture'")
        keeps, drops = t.get("keeps", []), t.get("drops", [])
        if (
            not isinstance(keeps, list)
            or not isinstance(drops, list)
            or not all(isinstance(s, str) for s in (*keeps, *drops))
        ):
            raise SiteRuleError(f"{where}: [[expect]] '{t['fixture']}': keeps/drops must be strings")
        out.append(Expect(t["fixture"], tuple(keeps), tuple(drops)))
    return tuple(out)


def _fingerprints(values: Any, where: str) -> tuple[Any, ...]:
    """The compiled [site] fingerprints: a list of regex strings."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise SiteRuleError(f"{where}: [site] 'fingerprints' must be a list of strings")
    prints = []
    for fp in values:
        try:
            # Multi-line mode: matched against the page's trimmed, visible lines, ^ and $ per line.
            prints.append(compile_pattern(f"(?m){fp}"))
        except ValueError as exc:
            raise SiteRuleError(f"{where}: [site] fingerprint {_short(fp)}: bad regex: {exc}") from None
    return tuple(prints)


@dropped_on_reload
@functools.cache
def load_site(path: Path) -> Site:
    """Load and validate one site file; raise SiteRuleError naming the problem."""
    where = str(path) if path.parent != BUNDLED_DIR else path.name  # user files: the path as given
    if path.parent != BUNDLED_DIR:
        remember(path)  # before reading: an edit from now on is seen (fresh.edited)
    host = path.name[: -len(SUFFIX)]
    try:
        data = tomllib.loads(read_rule_bytes(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteRuleError(f"{where}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteRuleError(f"{where}: invalid TOML: {exc}") from None
    except RecursionError:
        raise SiteRuleError(f"{where}: invalid TOML: arrays or tables nested too deeply") from None
    _check_keys(data, frozenset(TOP_KEYS), where)
    meta = data.get("site", {})
    if not isinstance(meta, dict):
        raise SiteRuleError(f"{where}: 'site' must be a table ([site])")
    _check_keys(meta, SITE_KEYS, f"{where}: [site]")
    if meta.get("name") is not None and not isinstance(meta["name"], str):
        raise SiteRuleError(f"{where}: [site] 'name' must be a string")
    return Site(
        host=host.lstrip("."),
        path=path,
        name=meta.get("name"),
        fingerprints=_fingerprints(meta.get("fingerprints", []), where),
        drop_line=_text_rules(data, "drop_line", host.lstrip("."), where),
        drop_from=_text_rules(data, "drop_from", host.lstrip("."), where),
        strip=_dom_rules(data, "strip", host.lstrip("."), where),
        body=_dom_rules(data, "body", host.lstrip("."), where),
        expect=_expects(data, host.lstrip("."), where),
    )


@dropped_on_reload
@functools.lru_cache(maxsize=64)
def site_files(dirs: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """Every site file, user directories first, one file per name (first wins).

    Cached per process: a batch lists the rule directories once, not once per page.
    """
    seen: dict[str, Path] = {}
    for directory in (*map(Path, dirs), BUNDLED_DIR):
        if not directory.is_dir():
            raise SiteRuleError(f"{directory}: rule directory not found")
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            seen.setdefault(path.name, path)
    return tuple(seen.values())


def load_all(dirs: tuple[str, ...] = ()) -> tuple[Site, ...]:
    """Load every site file in ``dirs`` and the bundled directory."""
    return tuple(load_site(p) for p in site_files(dirs))


def host_of(url: str | None) -> str | None:
    """Lower-cased host of a URL (a bare host is accepted too)."""
    if not url:
        return None
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def _candidates(host: str) -> list[str]:
    """File stems that may serve ``host``, most specific first."""
    names = [host]
    if host.startswith("www."):
        names.append(host[4:])
    parts = host.split(".")
    names += ["." + ".".join(parts[i:]) for i in range(len(parts) - 1)]
    return names


def site_for_host(host: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The TOML site file serving ``host``, or None (sites/lookup.py adds FiveFilters files)."""
    by_name = {p.name[: -len(SUFFIX)]: p for p in site_files(dirs)}
    for stem in _candidates(host.lower()):
        if stem in by_name:
            return load_site(by_name[stem])
    return None


def site_by_fingerprint(page: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The first site (in file order) one of whose fingerprints matches a line of ``page``.

    One scan for all the sites' fingerprints at once tells whether any matches:
    most pages match none, and only those that do are searched site by site.
    """
    anyone = any_fingerprint(dirs)
    if anyone is None:
        return None
    data = page.encode("utf-8", "surrogatepass")  # once (RE2 would encode it for every pattern); a str may hold
    # a lone surrogate (clean() takes str as it comes), which RE2 reads as bytes that match nothing
    if anyone.search(data) is None:
        return None
    for site in load_all(dirs):
        if any(fp.search(data) for fp in site.fingerprints):
            return site
    return None


@dropped_on_reload
@functools.lru_cache(maxsize=64)
def any_fingerprint(dirs: tuple[str, ...] = ()) -> Any | None:
    """The fingerprints of every site in ``dirs`` as one pattern, or None when there are none.

    Cached like ``site_files``: the files are read once per process.
    """
    sites = [site for site in load_all(dirs) if site.fingerprints]
    patterns = [fp.pattern for site in sites for fp in site.fingerprints]
    try:
        return compile_pattern("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    except ValueError as exc:
        files = ", ".join(str(site.path) for site in sites)
        raise SiteRuleError(f"the fingerprints of {files} cannot be combined into one pattern: {exc}") from None
