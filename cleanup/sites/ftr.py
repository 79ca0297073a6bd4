"""FiveFilters site configs (ftr-site-config ``.txt`` files), read as they are.

One ``directive: value`` per line, ``#`` comments, split on the first ``:``
(``/work/shared/FTR-FORMAT.md`` describes every directive). A file becomes a
``Site`` like a TOML site file does; each rule is named after its directive
and its place among the lines of that directive, ``bbc.co.uk:strip#3``, and
its reason quotes the XPath, so every removal says which line removed it.

Nothing in a FiveFilters file stops a run: the files are the community's, not
the user's, so a line we cannot use (a typo, an XPath that does not compile,
a fetch-time directive) is left out and reported as a ``Problem``, which
``cleanup rules lint`` prints.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from cleanup.html.xpath import SelectorError, compile_xpath
from cleanup.model import SiteRuleError, one_line
from cleanup.sites.files import FtrTest, read_rule_bytes
from cleanup.sites.fresh import dropped_on_reload, remember
from cleanup.sites.load import DomRule, Site

SUFFIX = ".txt"
GLOBAL = "global"
NOT_CONFIGS = frozenset({"LICENSE.txt", "README.txt", "CHANGELOG.txt"})

# Directives we apply, by what their value is.
XPATH_LISTS = ("body", "strip", "title", "author", "date", "native_ad_clue")
TOKEN_LISTS = ("strip_id_or_class", "strip_image_src")
FLAGS = ("prune", "autodetect_on_failure")
TESTS = ("test_url", "test_contains")
STRINGS = ("find_string", "replace_string")
# Directives that only matter when fetching a page, and extras of FTR 3.x and
# wallabag whose effect on the text we do not reproduce: read, reported as notes.
FETCH_TIME = frozenset(
    {
        "tidy", "parser", "http_header", "next_page_link", "single_page_link", "single_page_link_in_feed",
        "if_page_contains", "autodetect_next_page", "requires_login", "login_uri", "login_username_field",
        "login_password_field", "login_extra_fields", "not_logged_in_xpath",
    }
)  # fmt: skip
NOT_APPLIED = frozenset(
    {
        "strip_attr", "post_strip_attr", "wrap_in", "insert_detected_image", "convert_double_br_tags",
        "dissolve", "move_into", "footnotes", "strip_comments", "skip_id_or_class", "skip_json_ld",
        "src_lazy_load_attr",
    }
)  # fmt: skip
KNOWN = frozenset({*XPATH_LISTS, *TOKEN_LISTS, *FLAGS, *TESTS, *STRINGS, "replace_string"}) | FETCH_TIME | NOT_APPLIED
TRUE_WORDS, FALSE_WORDS = frozenset({"yes", "true"}), frozenset({"no", "false"})
# "replace_string(<h2): <h3" and the other parametrised forms.
PLAIN_RE = re.compile(r"[^&<>\"']+")  # a value that appears in the page source as written
PARAM_RE = re.compile(r"^([a-z_]+)\((.*)\)$", re.S)


@dataclass(frozen=True)
class Problem:
    """One line of a rule file we could not use as written; ``note`` for lines ignored on purpose."""

    path: Path
    line: int
    rule: str
    message: str
    note: bool = False

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.rule}: {'note: ' if self.note else ''}{self.message}"
        return one_line(text)  # a control character of the file's stays on its line


@dataclass(frozen=True)
class Directive:
    """One ``name: value`` line (``param`` holds the part in brackets of ``name(param): value``)."""

    line: int
    name: str
    value: str
    param: str | None = None


def directives(text: str) -> tuple[list[Directive], list[tuple[int, str]]]:
    """The directive lines of a file, and the lines that are not directives (number, text).

    >>> directives("# c\\nbody: //div\\nreplace_string(<h2): <h3\\nhttps://x.com/a\\n")[0][1]
    Directive(line=3, name='replace_string', value='<h3', param='<h2')
    """
    found, stray = [], []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not name:
            stray.append((no, line))
            continue
        m = PARAM_RE.match(name)
        if m and m.group(1) in ("replace_string", "http_header", "wrap_in", "move_into"):
            found.append(Directive(no, m.group(1), value.strip(), m.group(2)))
        else:
            found.append(Directive(no, name.lower(), value.strip()))
    return found, stray


def token_xpath(name: str, value: str) -> str:
    """The XPath of a ``strip_id_or_class`` or ``strip_image_src`` value.

    Class and id match whole tokens, as graby does since 2018 (the substring
    form removed ``p_related`` for ``related``).

    >>> token_xpath("strip_id_or_class", "related")[:68]
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' related ')"
    >>> token_xpath("strip_image_src", "doubleclick.net")
    "//img[contains(@src, 'doubleclick.net')]"
    """
    quote = "'" if "'" not in value else '"'
    if quote in value:
        raise SelectorError("holds both kinds of quote")
    if name == "strip_image_src":
        return f"//img[contains(@src, {quote}{value}{quote})]"
    token = f"{quote} {value} {quote}"
    return (
        f"//*[contains(concat(' ', normalize-space(@class), ' '), {token})"
        f" or contains(concat(' ', normalize-space(@id), ' '), {token})]"
    )


def _unquote(value: str) -> str:
    """A value without the quotes some files put around it ("'pull1'")."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value


def _flag(d: Directive, path: Path, problems: list[Problem]) -> bool | None:
    word = d.value.lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    problems.append(Problem(path, d.line, d.name, f"'{d.value}' is not yes or no; line ignored"))
    return None


class _Builder:
    """Collects the rules of one file as its lines are read."""

    def __init__(self, host: str, path: Path) -> None:
        self.host, self.path = host, path
        self.rules: dict[str, list[DomRule]] = {k: [] for k in XPATH_LISTS}
        self.rules["strip"] = []
        self.counts: dict[str, int] = {}
        self.flags: dict[str, bool] = {}
        self.finds: list[Directive] = []
        self.repls: list[Directive] = []
        self.pairs: list[tuple[str, str]] = []
        self.tests: list[FtrTest] = []
        self.problems: list[Problem] = []

    def rule(self, d: Directive, expr: str, needs: tuple[str, ...] | None = None, token: str | None = None) -> None:
        """Compile one XPath rule; a bad one is left out and reported."""
        self.counts[d.name] = self.counts.get(d.name, 0) + 1
        rule_id = f"{self.host}:{d.name}#{self.counts[d.name]}"
        try:
            xpath = compile_xpath(expr, needs)
        except SelectorError as exc:
            self.problems.append(Problem(self.path, d.line, rule_id, f"XPath {expr!r} {exc}; rule ignored"))
            return
        kind = "strip" if d.name in TOKEN_LISTS else d.name
        why = f"FiveFilters {d.name}: {d.value}" + (f" ({expr})" if expr != d.value else "")
        self.rules[kind].append(DomRule(rule_id, why, expr, xpath, line=d.line, token=token))

    def add(self, d: Directive) -> None:
        """Read one directive line."""
        if d.name in XPATH_LISTS:
            self.rule(d, d.value)
        elif d.name in TOKEN_LISTS:
            value = _unquote(d.value)
            try:
                needs = tuple(value.split()) if PLAIN_RE.fullmatch(value) else None
                token = " ".join(value.split()) if d.name == "strip_id_or_class" else None
                self.rule(d, token_xpath(d.name, value), needs, token)
            except SelectorError as exc:
                self.problems.append(Problem(self.path, d.line, d.name, f"{value!r} {exc}; rule ignored"))
        elif d.name in FLAGS:
            flag = _flag(d, self.path, self.problems)
            if flag is not None:
                self.flags[d.name] = flag
        elif d.name == "replace_string" and d.param is not None:
            self.pairs.append((d.param, d.value))
        elif d.name == "find_string":
            self.finds.append(d)
        elif d.name == "replace_string":
            self.repls.append(d)
        elif d.name in TESTS:
            self.test(d)
        else:
            self.other(d)

    def test(self, d: Directive) -> None:
        """test_url starts a test; test_contains adds to the last one."""
        if d.name == "test_url":
            self.tests.append(FtrTest(d.value, (), d.line))
        elif not self.tests:
            self.problems.append(Problem(self.path, d.line, d.name, "test_contains before any test_url"))
        else:
            last = self.tests[-1]
            self.tests[-1] = replace(last, contains=(*last.contains, d.value))

    def other(self, d: Directive) -> None:
        """Fetch-time and unsupported directives are notes; unknown ones are problems."""
        if d.name in FETCH_TIME:
            self.problems.append(Problem(self.path, d.line, d.name, "fetch-time directive, ignored offline", True))
        elif d.name in NOT_APPLIED:
            self.problems.append(Problem(self.path, d.line, d.name, "not applied by cleanup, ignored", True))
        elif d.name.split("(", 1)[0] in ("replace_string", "http_header", "wrap_in", "move_into"):
            hint = "a ':' inside the brackets: FiveFilters splits at the first ':', so this line is ignored"
            self.problems.append(Problem(self.path, d.line, d.name.split("(", 1)[0], hint))
        elif d.name in ("http", "https"):
            hint = "a URL with no directive (did you mean 'test_url: ...'?)"
            self.problems.append(Problem(self.path, d.line, d.name, hint))
        else:
            close = difflib.get_close_matches(d.name, sorted(KNOWN), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problems.append(Problem(self.path, d.line, d.name, f"unknown directive{hint}; line ignored"))

    def replacements(self) -> tuple[tuple[str, str], ...]:
        """find_string/replace_string pairs, then the replace_string(find) ones; unpaired counts drop both."""
        if len(self.finds) != len(self.repls):
            where = (self.finds or self.repls)[0].line
            message = f"{len(self.finds)} find_string but {len(self.repls)} replace_string; all of them ignored"
            self.problems.append(Problem(self.path, where, "find_string", message))
            return tuple(self.pairs)
        paired = [(f.value, r.value) for f, r in zip(self.finds, self.repls, strict=True)]
        return tuple(dict.fromkeys((*paired, *self.pairs)))


def parse_ftr(text: str, path: Path) -> tuple[Site, list[Problem]]:
    """One FiveFilters file as a Site, and the problems found in it."""
    host = path.name[: -len(SUFFIX)].lstrip(".").lower()
    b = _Builder(host, path)
    found, stray = directives(text)
    for no, line in stray:
        if line.lstrip().startswith("//"):  # "// remove the last div": a comment in another language's style
            what = "not a 'directive: value' line (comments start with '#')"
        elif "//" in line:
            what = "a URL with no directive (did you mean 'test_url: ...'?)"
        else:
            what = "not a 'directive: value' line"
        b.problems.append(Problem(path, no, "syntax", what))
    for d in found:
        b.add(d)
    site = Site(
        host=host,
        path=path,
        strip=tuple(b.rules["strip"]),
        body=tuple(b.rules["body"]),
        title=tuple(b.rules["title"]),
        author=tuple(b.rules["author"]),
        date=tuple(b.rules["date"]),
        native_ad=tuple(b.rules["native_ad_clue"]),
        prune=b.flags.get("prune", True),
        autodetect=b.flags.get("autodetect_on_failure", True),
        replacements=b.replacements(),
        tests=tuple(b.tests),
        ftr=True,
    )
    return site, sorted(b.problems, key=lambda p: p.line)


def load_ftr(path: Path) -> tuple[Site, list[Problem]]:
    """Read and parse one FiveFilters file (read with the rule-file size cap).

    A community file is read as it is: a line that is not UTF-8 is read with U+FFFD for its bad
    bytes (its XPath then matches nothing) and reported, and the rest of the file still counts.
    """
    try:
        data = read_rule_bytes(path)
    except OSError as exc:
        raise SiteRuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return parse_ftr(data.decode("utf-8"), path)
    except UnicodeDecodeError:  # only then is each line looked at
        site, problems = parse_ftr(data.decode("utf-8", "replace"), path)
    bad = [n for n, line in enumerate(data.split(b"\n"), 1) if not _utf8(line)]
    found = [Problem(path, n, "encoding", "not UTF-8; its bad bytes read as U+FFFD") for n in bad]
    return site, sorted([*problems, *found], key=lambda p: p.line)


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def merge_global(site: Site, glob: Site) -> Site:
    """``global.txt`` merged into a site as FiveFilters does.

    List directives are the union (the site's first, duplicates by XPath
    dropped), the site's yes/no values win, find/replace pairs merge as a map.
    """

    def union(mine: tuple[DomRule, ...], theirs: tuple[DomRule, ...]) -> tuple[DomRule, ...]:
        seen = {r.expr for r in mine}
        return (*mine, *(r for r in theirs if r.expr not in seen))

    finds = {f for f, _ in site.replacements}
    return replace(
        site,
        strip=union(site.strip, glob.strip),
        body=union(site.body, glob.body),
        title=union(site.title, glob.title),
        author=union(site.author, glob.author),
        date=union(site.date, glob.date),
        native_ad=union(site.native_ad, glob.native_ad),
        replacements=(*site.replacements, *(p for p in glob.replacements if p[0] not in finds)),
    )


@dropped_on_reload
@functools.lru_cache(maxsize=64)
def ftr_index(dirs: tuple[str, ...]) -> dict[str, Path]:
    """File stem -> path of every FiveFilters file in ``dirs`` (first directory wins).

    Only the names are read, once per process: a file is parsed when a page of its host comes.
    """
    index: dict[str, Path] = {}
    for d in dirs:
        directory = Path(d)
        if not directory.is_dir():
            continue  # site_files() has already refused it
        for path in sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.name):
            if path.name not in NOT_CONFIGS:
                index.setdefault(path.name[: -len(SUFFIX)].lower(), path)
    return index


@dropped_on_reload
@functools.lru_cache(maxsize=4096)
def load_ftr_site(path: Path) -> Site:
    """One parsed FiveFilters file (cached; its problems are for ``cleanup rules lint``)."""
    remember(path)
    return load_ftr(path)[0]


def ftr_candidates(host: str) -> list[str]:
    """File stems for ``host`` as FiveFilters looks them up: the host less one ``www.``, then ``.parent``.

    >>> ftr_candidates("www.news.example.com")
    ['news.example.com', '.example.com']
    """
    host = host.lower().removeprefix("www.")
    parent = host.split(".", 1)[1] if "." in host else ""
    return [host, f".{parent}"] if "." in parent else [host]


def ftr_site_for_host(host: str, dirs: tuple[str, ...]) -> Site | None:
    """The FiveFilters site of ``host`` with global.txt merged in, or None when no file serves it."""
    index = ftr_index(dirs)
    path = next((index[stem] for stem in ftr_candidates(host) if stem in index), None)
    if path is None or path.name == f"{GLOBAL}{SUFFIX}":
        return None
    site = load_ftr_site(path)
    glob = global_site(dirs)
    return merge_global(site, glob) if glob is not None and site.autodetect else site


def global_site(dirs: tuple[str, ...]) -> Site | None:
    """The rules of global.txt, which FiveFilters applies to every page, or None."""
    path = ftr_index(dirs).get(GLOBAL)
    return load_ftr_site(path) if path is not None else None


def sites_named(names: frozenset[str] | tuple[str, ...], dirs: tuple[str, ...]) -> tuple[Site, ...]:
    """The FiveFilters sites whose rules ``names`` refer to (``bbc.co.uk:strip#3``), for --disable checks.

    Only those files are parsed: listing every rule of a checkout would parse all 2,000 files.
    """
    index = ftr_index(dirs) if dirs else {}
    hosts = sorted({name.split(":", 1)[0] for name in names if ":" in name})
    stems = [s for host in hosts for s in (host, f".{host}") if s in index]
    return tuple(load_ftr_site(index[s]) for s in dict.fromkeys(stems))
