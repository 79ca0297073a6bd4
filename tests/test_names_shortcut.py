"""HTML mode's speed shortcuts for class and id names give the answers of the plain definitions.

``chrome._names_verdict`` answers "nothing" for a value holding no ``vocab.NAMES_WORD_RE``
word without asking the content, keep and token tests (``chrome.names_verdict``); checked
here on values built from the vocabularies, camelCased, cut and glued at random.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.html.chrome import _names_verdict, names_verdict
from cleanup.html.vocab import (
    BUILDER_TOKENS,
    CHROME_GROUPS,
    CONTENT_TOKENS,
    KEEP_TOKEN_PARTS,
    TOKEN_NAMESPACES,
    TOKEN_PREFIXES,
    TOKEN_SUFFIXES,
)

WORDS = sorted(
    {w for g in CHROME_GROUPS for w in (*g.tokens, *g.components)}
    | set(CONTENT_TOKENS)
    | set(KEEP_TOKEN_PARTS)
    | set(BUILDER_TOKENS)
    | set(TOKEN_PREFIXES)
    | set(TOKEN_SUFFIXES)
    | set(TOKEN_NAMESPACES)
)


def camel(word: str, cut: int) -> str:
    """``word`` with its hyphens dropped and the letter after each one upper-cased ("social-links" ->
    "socialLinks"), or cut at ``cut`` characters."""
    if cut % 3 == 0:
        return word[: cut // 3 + 1]
    first, *rest = word.split("-")
    return first + "".join(part[:1].upper() + part[1:] for part in rest) if cut % 3 == 1 else word


PIECE = st.one_of(
    st.builds(camel, st.sampled_from(WORDS), st.integers(0, 30)),
    st.text("abcdeimnorstuxyz0-_ABCQ", max_size=6),
)
TOKEN = st.lists(PIECE, min_size=1, max_size=4).map("".join)
VALUE = st.one_of(st.none(), st.lists(TOKEN, max_size=4).map(" ".join))


@settings(max_examples=3000, deadline=None)
@given(VALUE, VALUE)
def test_the_names_shortcut_gives_the_plain_verdict(ident: str | None, classes: str | None) -> None:
    names = f"{ident or ''} {classes or ''}"
    assert _names_verdict.__wrapped__(ident, classes) == names_verdict(ident, classes, names)


def test_keep_parts_are_plain_lower_case_words() -> None:
    # NAMES_WORD_RE spells them as words, on lower-cased text: KEEP_TOKEN_RE reads them as a
    # case-blind regex.
    assert all(part.isalpha() and part.islower() for part in KEEP_TOKEN_PARTS)


def test_a_value_without_vocabulary_words_is_nothing() -> None:
    assert _names_verdict.__wrapped__("main-grid", "col-md-4 clearfix") == (False, None, False)
    assert _names_verdict.__wrapped__(None, "socialLinks")[1] is not None
