"""Check rule files and run their offline tests: the library side of ``cleanup rules lint|test``.

Both work on TOML site files and FiveFilters ``.txt`` files alike, and
return values (``Problem``, ``Outcome``) the CLI prints; nothing here prints.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleanup.batch.jobs import Limits
from cleanup.model import CleanupError, Options, SiteRuleError, one_line
from cleanup.sites.ftr import NOT_CONFIGS, Problem, load_ftr
from cleanup.sites.load import (
    BUNDLED_DIR,
    FTR_SUFFIX,
    SITE_KEYS,
    SUFFIX,
    TOP_KEYS,
    Site,
    _check_keys,
    _dom_rules,
    _expects,
    _fingerprints,
    _rules,
    _text_rules,
    load_site,
    read_rule_bytes,
)

# "… (at line 3, column 7)" in tomllib's messages; "rule 'name'" in ours.
TOML_LINE_RE = re.compile(r"at line (\d+)")
RULE_NAME_RE = re.compile(r"(?:rule|\]\]) '([^']+)'")
SAVED_NAME_RE = re.compile(r"[^A-Za-z0-9._-]")
TEXT_KEY_RE = re.compile(r"\s*text\s*=")  # a pack example's text line
# A site file's name is the host it serves: lower-case labels joined by dots, a leading dot for subdomains
# ("_" inside a label too: browsers and the lookup take https://a_b.example/).
HOST_RE = re.compile(r"\.?(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
NOT_A_HOST = (
    "the file name is not a host name (example.com.toml, or .example.com.toml for its subdomains), "
    "so no page will use these rules"
)


def is_host_name(name: str) -> bool:
    """True when a site file's name (its suffix left out) can be a page's host: lower-case labels, in
    ASCII or in Unicode as an IRI's host gives them ("bücher.de", whose rules a page at https://bücher.de/ uses).

    >>> is_host_name("example.com"), is_host_name(".bücher.de"), is_host_name("Bücher.de"), is_host_name("notes")
    (True, True, False, False)
    """
    if name != name.lower():
        return False
    dot, labels = ("." if name.startswith(".") else ""), name.removeprefix(".")
    try:
        ascii_name = name if name.isascii() else dot + labels.encode("idna").decode()
    except UnicodeError:
        return False
    return HOST_RE.fullmatch(ascii_name) is not None


EXPECT_HEADER_RE = re.compile(r"\s*\[\[\s*expect\s*\]\]")  # an [[expect]] table's header line


PACK_DIR = "lang"  # a rules directory's language packs: DIR/lang/xx.toml


def rule_files(paths: list[Path]) -> list[Path]:
    """The rule files named, directories expanded (sorted, their language packs last); ValueError otherwise."""
    out = []
    for path in paths:
        if path.is_dir():
            found = [p for p in path.iterdir() if p.suffix in (SUFFIX, FTR_SUFFIX) and p.name not in NOT_CONFIGS]
            out += sorted(found, key=lambda p: p.name)
            if (path / PACK_DIR).is_dir():
                out += sorted((p for p in (path / PACK_DIR).iterdir() if p.suffix == SUFFIX), key=lambda p: p.name)
        elif path.is_file() and path.suffix in (SUFFIX, FTR_SUFFIX):
            out.append(path)
        elif not path.exists():
            raise ValueError(f"{path}: no such file or directory")
        elif path.suffix in (SUFFIX, FTR_SUFFIX):  # a FIFO or a device so named
            raise ValueError(f"{path}: not a regular file")
        else:
            raise ValueError(f"{path}: not a rule file ({SUFFIX} or {FTR_SUFFIX}) or a directory of them")
    return out


def site_problems(path: Path) -> list[str]:
    """Every problem of a site file, one message each, for ``cleanup rules lint``.

    ``load_site`` stops at the first; here each part (the top keys, [site], each rule
    table on its own, duplicate names) is checked in turn, so one lint run lists them all.
    """
    try:
        load_site.__wrapped__(path)
        return []
    except SiteRuleError as exc:
        first = str(exc)
    where, host = str(path) if path.parent != BUNDLED_DIR else path.name, path.name[: -len(SUFFIX)].lstrip(".")
    try:
        data = tomllib.loads(read_rule_bytes(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return [first]  # unreadable or not TOML: that is the one problem
    found: list[str] = []

    def attempt(check: Any, *args: Any) -> None:
        try:
            check(*args)
        except SiteRuleError as exc:
            found.append(str(exc))

    attempt(_check_keys, data, frozenset(TOP_KEYS), where)
    meta = data.get("site", {})
    if not isinstance(meta, dict):
        found.append(f"{where}: 'site' must be a table ([site])")
    else:
        attempt(_check_keys, meta, SITE_KEYS, f"{where}: [site]")
        if meta.get("name") is not None and not isinstance(meta["name"], str):
            found.append(f"{where}: [site] 'name' must be a string")
        attempt(_fingerprints, meta.get("fingerprints", []), where)
    checks = {"drop_line": _text_rules, "drop_from": _text_rules, "strip": _dom_rules, "body": _dom_rules}
    for kind in (*checks, "expect"):
        tables = data.get(kind, [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            attempt(_rules, data, kind, host, where)  # "must be an array of tables", once
            continue
        names: set[str] = set()
        for table in tables:
            one = {kind: [table]}
            attempt(_expects, one, host, where) if kind == "expect" else attempt(checks[kind], one, kind, host, where)
            name = table.get("name") if isinstance(table, dict) and kind != "expect" else None
            if isinstance(name, str) and name in names:
                found.append(f"{where}: [[{kind}]] '{name}': duplicate rule name")
            if isinstance(name, str):
                names.add(name)
    return found or [first]


def _toml_problem(path: Path, message: str) -> Problem:
    """A load error of a TOML file as a Problem, on the line it names or the rule's name line."""
    message = message.removeprefix(f"{path}: ").removeprefix(f"{path.name}: ")
    line = 1
    if m := TOML_LINE_RE.search(message):
        line = int(m.group(1))
    elif m := RULE_NAME_RE.search(message):
        try:
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            text = []
        name_line = re.compile(rf"""\s*name\s*=\s*(["']){re.escape(m.group(1))}\1\s*(?:#.*)?""")
        named = [i for i, t in enumerate(text, 1) if name_line.fullmatch(t)] or [1]
        line = named[1] if "duplicate rule name" in message and len(named) > 1 else named[0]  # the repeat
    rule = f"{path.name[: -len(SUFFIX)].lstrip('.')}:{m.group(1)}" if m and not m.group(0).startswith("at") else "load"
    return Problem(path, line, rule, message)


def is_pack(path: Path) -> bool:
    """True for a language pack of a rules directory (``DIR/lang/xx.toml``), not a site file."""
    return path.parent.name == PACK_DIR and path.suffix == SUFFIX


def lint_file(path: Path) -> list[Problem]:
    """Every problem of one rule file (FiveFilters notes included, marked ``note``); a pack in ``lang/`` too."""
    if is_pack(path):
        return lint_pack(path)
    if path.suffix == FTR_SUFFIX:
        try:
            return load_ftr(path)[1]
        except SiteRuleError as exc:
            return [Problem(path, 1, "load", str(exc).removeprefix(f"{path}: "))]
    named = [] if is_host_name(path.name[: -len(SUFFIX)]) else [Problem(path, 1, "file", NOT_A_HOST)]
    problems = site_problems(path)  # every problem, not only the first (load_site's)
    if problems:
        return named + sorted((_toml_problem(path, message) for message in problems), key=lambda p: p.line)
    return named + _fingerprint_problems(load_site.__wrapped__(path))  # uncached: lint reads the file as it is now


def lint_pack(path: Path) -> list[Problem]:
    """A language pack in a rules directory: that it loads as ``--rules`` loads it, and its examples hold.

    Each ``[[drop]]`` must be found as its group, each ``[[keep]]`` must be chrome in no
    group, with the bundled packs and the rules directory's packs together (as a run reads them).
    """
    import shutil
    import tempfile

    from cleanup import lang
    from cleanup.lang.packs import load_pack

    try:
        load_pack(path, lang.groups())  # this file alone: another pack's error is that pack's
    except lang.LangPackError as exc:
        return [Problem(path, 1, "pack", str(exc).removeprefix(f"{path.name}: "))]
    alone = tempfile.mkdtemp(prefix="cleanup-lint-")  # its examples, with the bundled packs and this one
    try:
        (Path(alone) / PACK_DIR).mkdir()
        shutil.copyfile(path, Path(alone) / PACK_DIR / path.name)
        return _example_problems(path, (alone,))
    finally:
        shutil.rmtree(alone, ignore_errors=True)


def _example_problems(path: Path, dirs: tuple[str, ...]) -> list[Problem]:
    """The pack's [[drop]] examples not found as their group, and its [[keep]] traps that are chrome."""
    from cleanup import lang

    pack = lang.load_packs(dirs)[path.stem]
    lines = _text_lines(path)
    problems = []
    for example in pack.drop:
        if example.source == path.name and not lang.match(example.text, str(example.group), None, dirs):
            line = lines.get(example.text, 1)
            problems.append(Problem(path, line, "drop", f"{example.text!r} is not found as {example.group}"))
    for example in pack.keep:
        hit = lang.classify(example.text, None, rules_dirs=dirs) if example.source == path.name else None
        if hit is not None:
            line = lines.get(example.text, 1)
            problems.append(Problem(path, line, "keep", f"{example.text[:60]!r} is chrome as {hit[0]} ({hit[1]!r})"))
    return problems


def _text_lines(path: Path) -> dict[str, int]:
    """Each ``text = "..."`` value of a pack file, decoded, and the line it is on (the first, if repeated).

    One pass over the file: a pack with thousands of failing examples is placed in linear time.
    """
    found: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return found
    for number, line in enumerate(lines, 1):
        if TEXT_KEY_RE.match(line):
            try:
                value = tomllib.loads(line.strip()).get("text")
            except tomllib.TOMLDecodeError:
                continue
            if isinstance(value, str):
                found.setdefault(value, number)
    return found


def _fingerprint_problems(site: Site) -> list[Problem]:
    """A TOML file whose fingerprints cannot be combined into one pattern (RE2's size limit)."""
    from cleanup.sites.load import compile_pattern

    if not site.fingerprints:
        return []
    try:
        compile_pattern("|".join(f"(?:{fp.pattern})" for fp in site.fingerprints))
    except ValueError as exc:
        return [Problem(site.path, 1, "fingerprints", f"cannot be combined into one pattern: {exc}")]
    return []


@dataclass(frozen=True)
class Outcome:
    """One expectation run: ``passed`` is None when the saved page is missing (skipped)."""

    path: Path
    line: int
    name: str
    passed: bool | None
    detail: str

    def __str__(self) -> str:
        verdict = {True: "pass", False: "FAIL", None: "skip"}[self.passed]
        line = f"{self.path}:{self.line}: {self.name}: {verdict}: {self.detail}"
        return one_line(line)  # the file's text on one line


def saved_name(url: str) -> str:
    """The file name a saved page of ``url`` has in a pages directory (scheme dropped, unsafe chars as _).

    >>> saved_name("https://www.bbc.co.uk/news/uk-123?x=1")
    'www.bbc.co.uk_news_uk-123_x_1'
    """
    return SAVED_NAME_RE.sub("_", re.sub(r"^[a-z]+://", "", url.strip()).rstrip("/"))


def _saved_page(pages: Path, stem: str) -> Path | None:
    """The saved page ``stem`` in ``pages``: a fixture directory's input.*, or stem.html/.txt(.gz)."""
    fixture = pages / stem
    if fixture.is_dir():
        return next(iter(sorted(fixture.glob("input.*"))), None)
    for suffix in (".html", ".htm", ".txt", ".html.gz", ".txt.gz"):
        if (pages / f"{stem}{suffix}").is_file():
            return pages / f"{stem}{suffix}"
    return None


SAVED_PAGE_LIMITS = Limits()  # the batch's defaults: 30 s and 1024 MB a page


def _clean_saved(path: Path, options: Options) -> str:
    """The cleaned text of a saved page, cleaned in a worker process under SAVED_PAGE_LIMITS: a rule's
    XPath that takes hours fails its expectation instead of hanging the run."""
    import functools

    from cleanup.batch.jobs import ordered_map, why_failed

    died, slow, big = (functools.partial(_not_cleaned, why=why) for why in why_failed(SAVED_PAGE_LIMITS))
    work = functools.partial(_cleaned_text, options=options)
    ((_, (ok, text)),) = ordered_map(work, [path], 1, died, slow, SAVED_PAGE_LIMITS, big)
    if not ok:
        raise CleanupError(text)
    return text


def _not_cleaned(path: Path, why: str) -> tuple[bool, str]:
    return False, why


def _cleaned_text(path: Path, options: Options) -> tuple[bool, str]:
    """(True, the cleaned text) of a saved page, or (False, why not)."""
    import gzip

    from cleanup import clean

    try:
        data = path.read_bytes()
        return True, clean(gzip.decompress(data) if path.suffix == ".gz" else data, options).to_text()
    except (CleanupError, OSError, EOFError) as exc:
        return False, str(exc)


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_site(path: Path, pages: Path | None, dirs: tuple[str, ...]) -> list[Outcome]:
    """Run the [[expect]] entries of a TOML file, or the test_contains of a FiveFilters file; a language
    pack in ``lang/`` is loaded as a pack and its examples checked, as ``lint`` checks them."""
    if is_pack(path):
        return _test_pack(path)
    try:
        site = load_ftr(path)[0] if path.suffix == FTR_SUFFIX else load_site.__wrapped__(path)
    except SiteRuleError as exc:
        return [Outcome(path, 1, "load", False, str(exc))]
    cases: list[tuple[int, str | None, str, tuple[str, ...], tuple[str, ...]]]
    if site.ftr:
        cases = [(t.line, t.url, saved_name(t.url), t.contains, ()) for t in site.tests if t.contains]
    else:
        lines = _expect_lines(path, len(site.expect))
        cases = [(n, None, e.fixture, e.keeps, e.drops) for n, e in zip(lines, site.expect, strict=True)]
    out = []
    for line, url, stem, keeps, drops in cases:
        saved = _saved_page(pages or path.parent, stem)
        if saved is None:
            out.append(Outcome(path, line, stem, None, f"no saved page {stem}.* in {pages or path.parent}"))
            continue
        # A test_url chooses its site as a page's URL does (a .parent file serves subdomains only).
        options = Options(rules_dirs=dirs, url=url) if url else Options(rules_dirs=dirs, site=site.host)
        try:
            text = _norm(_clean_saved(saved, options))
        except (CleanupError, OSError) as exc:
            out.append(Outcome(path, line, stem, False, f"{saved}: {exc}"))
            continue
        missing = [k for k in keeps if _norm(k) not in text]
        kept = [s for s in drops if _norm(s) in text]
        detail = "; ".join([*(f"missing {k!r}" for k in missing), *(f"not dropped {d!r}" for d in kept)])
        out.append(Outcome(path, line, stem, not detail, detail or f"{len(keeps) + len(drops)} checks"))
    return out


def _expect_lines(path: Path, count: int) -> list[int]:
    """The line of each [[expect]] table header, in file order (1 for each when the file writes them
    otherwise, as an inline array): a FAIL names the table to fix, not the file's first line."""
    try:  # as the site file was read: a regular file under the size cap
        text = read_rule_bytes(path).decode("utf-8", "replace").splitlines()
    except OSError:
        text = []
    found = [n for n, line in enumerate(text, 1) if EXPECT_HEADER_RE.match(line)]
    return found if len(found) == count else [1] * count


def _test_pack(path: Path) -> list[Outcome]:
    """A language pack: one ``pass`` when it loads and its [[drop]]/[[keep]] examples hold, else a FAIL each."""
    problems = lint_pack(path)
    if problems:
        return [Outcome(path, p.line, p.rule, False, p.message) for p in problems]
    from cleanup import lang
    from cleanup.lang.packs import load_pack

    pack = load_pack(path, lang.groups())
    return [Outcome(path, 1, "pack", True, f"{len(pack.drop) + len(pack.keep)} examples")]
