"""Language packs: the chrome phrases of each language as data, and how to match them.

One TOML file per language (``en.toml``, ``de.toml`` ...) lists phrases by named group
(``read-more``, ``ad-label``, ``cookie`` ...); ``groups.toml`` says once, for every
language, how each group is matched (whole line, prefix plus separator, opening words,
phrase anywhere, lead word, word) and how long a matching line may be. See README.md.

A rules directory may hold ``lang/xx.toml`` files: each extends the bundled pack of that
language (phrases, month variants, examples) or adds a new language.

Usage from a rule (text already made visible)::

    langs = pick(declared_lang, page_text)         # e.g. frozenset({"de", "en"}); None = all packs
    hit = classify(line.text, langs)               # ("read-more", "Weiterlesen") or None
    phrase = match(line.text, "read-more", langs)  # one group: "Weiterlesen" or None

>>> match("Weiterlesen »", "read-more", {"de"})
'Weiterlesen'
>>> match("Lire aussi : Le tribunal rend sa décision", "related")
'Lire aussi'
>>> match("Lire aussi la décision du tribunal, publiée mardi.", "related") is None
True
>>> detect("Der Bundestag hat am Freitag das Gesetz beschlossen, das die Regierung im Sommer "
...        "vorgelegt hatte. Die Opposition stimmte dagegen, weil sie die Kosten für zu hoch hält.")
'de'
>>> normalise_code("de-AT"), normalise_code("pt_BR"), normalise_code("x-default")
('de', 'pt', None)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import MappingProxyType

from .detect import detect_language, script_language, stopword_weights
from .matching import GroupMatcher, LineIndex, compile_group
from .packs import (
    BUNDLED_DIR,
    SUFFIX,
    VERDICT_KINDS,
    Example,
    Group,
    LangPackError,
    Pack,
    load_groups,
    load_pack,
    merge,
)
from .page import Finder
from .page import classify_page as page_lookup

__all__ = [
    "VERDICT_KINDS",
    "Example",
    "Group",
    "GroupMatcher",
    "LangPackError",
    "LineIndex",
    "Pack",
    "calendar",
    "classify",
    "classify_page",
    "detect",
    "groups",
    "index",
    "languages",
    "load_packs",
    "match",
    "matcher",
    "normalise_code",
    "pick",
    "verdict_groups",
    "words",
]

# ISO 639-2 codes some pages declare, for the languages we have packs for.
THREE_LETTER = MappingProxyType(
    {
        "eng": "en",
        "deu": "de",
        "ger": "de",
        "fra": "fr",
        "fre": "fr",
        "spa": "es",
        "ita": "it",
        "nld": "nl",
        "dut": "nl",
        "por": "pt",
        "pol": "pl",
        "rus": "ru",
        "ces": "cs",
        "cze": "cs",
        "tur": "tr",
    }
)
NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})  # BCP 47: undetermined, multiple, none
# Chrome labels in English leak into pages of every language (share buttons, "Advertisement").
ALWAYS = frozenset({"en"})
Langs = Iterable[str] | str | None


@functools.cache
def groups() -> MappingProxyType[str, Group]:
    """The group table (groups.toml): name -> how it is matched."""
    return load_groups()


@functools.cache
def load_packs(rules_dirs: tuple[str, ...] = ()) -> MappingProxyType[str, Pack]:
    """Bundled packs, extended by ``lang/*.toml`` in each rules directory (earlier dirs named last win).

    Cached per tuple of directories; raises LangPackError naming the file and key on bad data.
    """
    table = groups()
    packs = {
        path.stem: load_pack(path, table)
        for path in sorted(BUNDLED_DIR.glob(f"*{SUFFIX}"))
        if path.name != "groups.toml"
    }
    for directory in reversed(rules_dirs):
        for path in sorted((Path(directory) / "lang").glob(f"*{SUFFIX}")):
            extra = load_pack(path, table)
            packs[extra.code] = merge(packs[extra.code], extra) if extra.code in packs else extra
    return MappingProxyType(dict(sorted(packs.items())))


def languages(rules_dirs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Codes of the languages that have a pack, sorted.

    >>> "de" in languages() and "en" in languages()
    True
    """
    return tuple(load_packs(rules_dirs))


def normalise_code(code: str | None) -> str | None:
    """The primary language subtag of a declared language, lower-cased; None when it names none.

    >>> normalise_code("EN-gb"), normalise_code("deu"), normalise_code("und"), normalise_code("")
    ('en', 'de', None, None)
    """
    primary = (code or "").strip().lower().replace("_", "-").split("-")[0]
    primary = THREE_LETTER.get(primary, primary)
    if not primary.isascii() or not primary.isalpha() or not 2 <= len(primary) <= 3 or primary in NOT_A_LANGUAGE:
        return None
    return primary


def _codes(langs: Langs, rules_dirs: tuple[str, ...]) -> frozenset[str] | None:
    """``langs`` as a hashable set of normalised codes (None = every pack)."""
    if langs is None:
        return None
    if isinstance(langs, str):
        langs = (langs,)
    if isinstance(langs, (frozenset, tuple)):
        return _normalised(langs)  # every page asks again with the same few sets
    return frozenset(c for c in (normalise_code(code) for code in langs) if c)


@functools.lru_cache(maxsize=256)
def _normalised(langs: frozenset[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(c for c in (normalise_code(code) for code in langs) if c)


def matcher(group: str, langs: Langs = None, rules_dirs: tuple[str, ...] = ()) -> GroupMatcher:
    """The matcher of ``group`` over ``langs`` (None = all packs), built once per arguments (cached).

    Languages without a pack add nothing; an unknown group is a KeyError (a bug, not data).

    >>> matcher("ad-label", {"es"}).find("Publicidad")
    'Publicidad'
    """
    return _matcher(group, _codes(langs, rules_dirs), tuple(rules_dirs))


@functools.lru_cache(maxsize=1024)
def _matcher(group: str, codes: frozenset[str] | None, rules_dirs: tuple[str, ...]) -> GroupMatcher:
    spec = groups()[group]
    return compile_group(group, spec.match, spec.max_chars, _phrases(load_packs(rules_dirs), group, codes))


def match(text: str, group: str, langs: Langs = None, rules_dirs: tuple[str, ...] = ()) -> str | None:
    """The phrase of ``group`` that ``text`` (one line) matches, or None; see groups.toml for how.

    >>> match("12 Kommentare", "comment-count", "de"), match("Bild 3 von 23", "gallery")
    ('{n} Kommentare', 'Bild {n} von {n}')
    """
    return matcher(group, langs, rules_dirs).find(text)


@functools.cache
def verdict_groups() -> tuple[str, ...]:
    """Names of the groups whose match says "this line is chrome" (see VERDICT_KINDS), in table order."""
    return tuple(name for name, group in groups().items() if group.match in VERDICT_KINDS)


def classify(
    text: str, langs: Langs = None, only: tuple[str, ...] | None = None, rules_dirs: tuple[str, ...] = ()
) -> tuple[str, str] | None:
    """(group, phrase) of the first chrome group ``text`` (one line) belongs to, or None.

    Checks the verdict groups (or the groups in ``only``) in table order, at the cost of about one
    group: the line's first word picks the phrases that can match it. For rules that ask about
    every line.

    >>> classify("Lire aussi : Le titre"), classify("12 Kommentare", "de"), classify("Le titre du jour.")
    (('related', 'Lire aussi'), ('comment-count', '{n} Kommentare'), None)
    """
    return index(langs, only, rules_dirs).classify(text)


def classify_page(
    texts: Sequence[str], lows: Sequence[str], rules_dirs: tuple[str, ...] = (), find: Finder | None = None
) -> list[tuple[str, str] | None]:
    """``classify`` of each of a page's lines (all packs, the verdict groups); ``lows`` are the same lower-cased.

    The lines are looked up together (``page.classify_page``): the same answers, at a fraction of the cost.
    ``find``: how the lines holding a key word are found (``page.Finder``).

    >>> classify_page(["Lire aussi : Le titre", "Le titre du jour."], ["lire aussi : le titre", "le titre du jour."])
    [('related', 'Lire aussi'), None]
    """
    return page_lookup(index(rules_dirs=rules_dirs), texts, lows, find)


def index(langs: Langs = None, only: tuple[str, ...] | None = None, rules_dirs: tuple[str, ...] = ()) -> LineIndex:
    """The LineIndex of the verdict groups (or ``only``) over ``langs``; built once per arguments, cached."""
    return _index(_codes(langs, rules_dirs), tuple(only) if only else verdict_groups(), tuple(rules_dirs))


@functools.lru_cache(maxsize=256)
def _index(codes: frozenset[str] | None, only: tuple[str, ...], rules_dirs: tuple[str, ...]) -> LineIndex:
    table, packs = groups(), load_packs(rules_dirs)
    return LineIndex.of((name, table[name].match, table[name].max_chars, _phrases(packs, name, codes)) for name in only)


def _phrases(packs: MappingProxyType[str, Pack], group: str, codes: frozenset[str] | None) -> tuple[str, ...]:
    """The phrases of ``group`` in the packs of ``codes`` (None = all), first seen first."""
    found = (p for code, pack in packs.items() if codes is None or code in codes for p in pack.phrases.get(group, ()))
    return tuple(dict.fromkeys(found))


def words(group: str, langs: Langs = None, rules_dirs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The phrases of ``group`` over ``langs``, in pack order: for rules that build their own pattern.

    >>> words("byline-lead", "fr")[:2]
    ('Par', 'Auteur')
    """
    return _words(group, _codes(langs, rules_dirs), tuple(rules_dirs))


@functools.lru_cache(maxsize=256)
def _words(group: str, codes: frozenset[str] | None, rules_dirs: tuple[str, ...]) -> tuple[str, ...]:
    # Cached like the matchers: every page asks for its byline lead words.
    return _phrases(load_packs(rules_dirs), group, codes)


@functools.lru_cache(maxsize=64)
def _calendar(group: str, codes: frozenset[str] | None, rules_dirs: tuple[str, ...]) -> MappingProxyType[str, int]:
    table: dict[str, int] = {}
    for code, pack in load_packs(rules_dirs).items():
        if codes is None or code in codes:
            for number, variants in enumerate(pack.calendar.get(group, ()), 1):
                for variant in variants:
                    table.setdefault(variant.lower(), number)
    return MappingProxyType(table)


def calendar(group: str, langs: Langs = None, rules_dirs: tuple[str, ...] = ()) -> MappingProxyType[str, int]:
    """Lower-cased month or weekday names -> number (January = 1, Monday = 1), for ISO dates.

    >>> calendar("months", "de")["märz"], calendar("weekdays")["mercredi"]
    (3, 3)
    """
    if not groups()[group].slots:
        raise ValueError(f"'{group}' is not a calendar group")
    return _calendar(group, _codes(langs, rules_dirs), tuple(rules_dirs))


@functools.cache
def _weights(rules_dirs: tuple[str, ...]) -> dict[str, tuple[tuple[str, float], ...]]:
    packs = load_packs(rules_dirs)
    return stopword_weights({c: frozenset(w.lower() for w in p.phrases.get("stopwords", ())) for c, p in packs.items()})


def detect(text: str, rules_dirs: tuple[str, ...] = ()) -> str | None:
    """The language of ``text`` by stopword counts over its first few KB, else by its script, or None when unsure.

    >>> detect("宇航员在太空中喝酒会怎么样？后果很严重")
    'zh'
    """
    return detect_language(text, _weights(tuple(rules_dirs))) or script_language(text)


def pick(declared: str | None, text: str = "", rules_dirs: tuple[str, ...] = ()) -> frozenset[str] | None:
    """The packs to use for a page: its declared language and the detected one, plus English.

    Both, because pages declare the wrong language now and then (an English article on a
    German site keeps the site's ``lang="de"``); None (use every pack) when neither names a
    language we have a pack for.

    >>> sorted(pick("de-DE")), sorted(pick("en", "Der Hund ist alt und der Garten ist groß und schön.")), pick("ja")
    (['de', 'en'], ['de', 'en'], None)
    """
    return packs_for(declared, detect(text, rules_dirs) if text else None, rules_dirs)


def packs_for(declared: str | None, detected: str | None, rules_dirs: tuple[str, ...] = ()) -> frozenset[str] | None:
    """``pick`` for a page whose language was detected already (the caller keeps it as the ``language`` field).

    >>> sorted(packs_for("de-DE", "en")), packs_for(None, None)
    (['de', 'en'], None)
    """
    found = {code for code in (normalise_code(declared), detected) if code} & set(load_packs(rules_dirs))
    return frozenset(found | ALWAYS) if found else None
