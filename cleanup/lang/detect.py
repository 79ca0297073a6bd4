"""Cheap language detection: count the packs' stopwords in the first few KB of a text.

Good enough to choose a language pack for a page that does not declare its language;
it says None rather than guess when the counts are low or close. Text in a script
that only one language writes (kana, Hangul, Greek ...) or in Chinese characters has
no stopwords between spaces to count: ``script_language`` names it by its script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

SAMPLE_CHARS = 4000  # the first few KB say enough; a page can be megabytes
MIN_SCORE = 4.0  # weighted stopword hits the best language needs
MIN_LEAD = 1.5  # and it must beat the runner-up by this factor
MIN_SHARE = 0.08  # and its hits must be this share of all words (text in some other language)
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Characters that are never part of a word of WORD_RE and never join two of them ("'" and "’"
# do): a token of letters with these around it is one word.
EDGES = "".join(c for c in map(chr, range(33, 127)) if not c.isalnum() and c not in "'_") + "“”‘„«»–—…‚·•"


def stopword_weights(stopwords: Mapping[str, frozenset[str]]) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per word, the languages that list it and its weight: 1/k for a word k languages share.

    >>> stopword_weights({"de": frozenset({"und", "die"}), "en": frozenset({"the", "die"})})["die"]
    (('de', 0.5), ('en', 0.5))
    """
    owners: dict[str, list[str]] = {}
    for code in sorted(stopwords):
        for word in stopwords[code]:
            owners.setdefault(word, []).append(code)
    return {word: tuple((code, 1 / len(codes)) for code in codes) for word, codes in owners.items()}


def detect_language(text: str, weights: Mapping[str, tuple[tuple[str, float], ...]]) -> str | None:
    """The language whose stopwords dominate the start of ``text``, or None when unsure.

    >>> w = stopword_weights({"de": frozenset({"und", "der", "ist"}), "en": frozenset({"and", "the", "is"})})
    >>> detect_language("Der Hund ist alt und der Garten ist groß und schön.", w)
    'de'
    >>> detect_language("Hello world.", w) is None
    True
    """
    words = words_in(text[:SAMPLE_CHARS].lower())
    scores: dict[str, float] = {}
    so_far = scores.get
    for owners in filter(None, map(weights.get, words)):  # the stopwords among the words, in order
        for code, weight in owners:
            scores[code] = so_far(code, 0.0) + weight
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < MIN_SCORE or score < MIN_LEAD * runner_up or score < MIN_SHARE * len(words):
        return None
    return best


# Scripts that one language writes, and the share of a sample's letters they must hold. Cyrillic,
# Arabic and Latin letters are written by many: those are told apart by stopwords only.
SCRIPTS = (
    ("ko", re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("el", re.compile("[\u0370-\u03ff\u1f00-\u1fff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("ka", re.compile("[\u10a0-\u10ff]")),
    ("hy", re.compile("[\u0530-\u058f]")),
)
KANA_RE = re.compile("[\u3040-\u30ff]")
HAN_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
LETTER_RE = re.compile(r"[^\W\d_]")
MIN_SCRIPT_SHARE = 0.3
MIN_KANA_SHARE = 0.05  # of the kana and Chinese characters: Japanese writes both, Chinese no kana


def script_language(text: str) -> str | None:
    """The language whose script holds MIN_SCRIPT_SHARE of the letters at the start of ``text``, or None.

    >>> script_language("宇航员在太空中喝酒会怎么样？后果很严重"), script_language("欲張りなイヌ、お肉をくわえて")
    ('zh', 'ja')
    >>> script_language("서울 시의회는 화요일에 다리를 닫기로 했다"), script_language("Новости дня") is None
    ('ko', True)
    """
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():
        return None
    letters = len(LETTER_RE.findall(sample))
    kana, han = len(KANA_RE.findall(sample)), len(HAN_RE.findall(sample))
    if kana + han >= MIN_SCRIPT_SHARE * letters > 0:
        return "ja" if kana >= MIN_KANA_SHARE * (kana + han) else "zh"
    enough = MIN_SCRIPT_SHARE * letters
    return next((code for code, script in SCRIPTS if len(script.findall(sample)) >= enough > 0), None)


def words_in(text: str) -> list[str]:
    """``WORD_RE.findall(text)``, the pattern run only on the tokens that are not all letters.

    A match never holds white space, so the words of a text are those of its
    white-space separated tokens, and a token of letters only is one word:
    most tokens are, and ``str.split`` costs less than the pattern's scan.
    So is a token of letters with punctuation around it ("said,", "(the"):
    the pattern runs only on what is left.

    >>> words_in("l’homme a dit: «non», 2 fois")
    ['l’homme', 'a', 'dit', 'non', 'fois']
    """
    findall = WORD_RE.findall
    words: list[str] = []
    append, extend = words.append, words.extend
    for token in text.split():
        if token.isalpha():
            append(token)
        elif (core := token.strip(EDGES)).isalpha():
            append(core)
        else:
            extend(findall(token))
    return words
