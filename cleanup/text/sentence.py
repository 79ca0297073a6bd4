"""Whether a unit ends like a sentence: the test behind prose, closing sentences and headlines."""

from __future__ import annotations

import re

# Sentence marks of the scripts around the web: Latin, CJK (。！？ and the half-width ｡, full-width ．),
# Devanagari and Bengali (। ॥), Arabic, Urdu and Persian (۔ ؟), Armenian (։), Ethiopic (።),
# Burmese (။) and the doubled marks (‼ ⁇ ⁈ ⁉).
SENTENCE_MARKS = ".!?…。！？｡．।॥۔؟։።፧။‼⁇⁈⁉"
SENTENCE_END = frozenset(SENTENCE_MARKS + ":;")
CLOSERS = "\"'”’»)]"  # may follow a sentence end: quotes, brackets
# Emoji, pictographs and arrows after a sentence end ("See you soon! 🙂") do
# not hide it; they are looked for in the last EMOJI_TAIL_CHARS characters.
EMOJI_TAIL_RE = re.compile("[\\s\u200d\ufe0f\u2190-\u2bff\U0001f000-\U0001faff]+$")
EMOJI_TAIL_CHARS = 16
# A sentence signed with a writer's or agency's short tag: "… voraus. (bsc)", "… said. (AP)".
SIGNOFF_RE = re.compile(rf"[{SENTENCE_MARKS}][\"'”’»]?\s*\([^\s().!?]{{1,12}}\)$")


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation, maybe inside quotes or brackets.

    >>> ends_like_sentence('He said: “We are done.”'), ends_like_sentence("Tour dates:")
    (True, True)
    >>> ends_like_sentence("Senate report piles on new allegations")
    False
    >>> ends_like_sentence("We hope to see you soon! 🙂"), ends_like_sentence("Read more ⬇️")
    (True, False)
    >>> ends_like_sentence("परिषद ने पुल बंद करने का फैसला किया।"), ends_like_sentence("قررت البلدية إغلاق الجسر؟")
    (True, True)

    A sentence signed with a short tag in brackets ends like one; words in
    brackets after a phrase do not:

    >>> ends_like_sentence("The update is free. (bsc)"), ends_like_sentence("Shares rose 5% (see chart)")
    (True, False)
    """
    last = text[-1:]
    if last in SENTENCE_END:  # most units end in a sentence mark (no closer) or a letter: decided here
        return True
    if last < "\u2190" and last.isalnum():
        return False
    if last >= "\u2190":  # maybe emoji after the end
        text = text[:-EMOJI_TAIL_CHARS] + EMOJI_TAIL_RE.sub("", text[-EMOJI_TAIL_CHARS:])
    if text[-1:] in ('"', "”", "»"):
        return True
    if text[-1:] == ")" and SIGNOFF_RE.search(text[-20:]):
        return True
    return text.rstrip(CLOSERS)[-1:] in SENTENCE_END


# No prose, even when it ends like a sentence: a list of single words (names who left kudos, tags),
# of this many items at least, this share of them single words.
MIN_LIST_WORDS = 20
MIN_SINGLE_WORD_SHARE = 0.9


def is_word_list(text: str) -> bool:
    """True for a list of names or keywords run together with commas: kudos, tags, keywords.

    At least MIN_LIST_WORDS items, nearly all (MIN_SINGLE_WORD_SHARE) a single
    token. A sentence that lists places or names has more words around them.

    >>> is_word_list(", ".join(f"reader{n}" for n in range(30)) + " and 300 guests left kudos on this work!")
    True
    >>> is_word_list("Add flour, sugar, eggs, butter, milk, salt, vanilla and yeast, then knead it for ten minutes.")
    False
    """
    if text.count(",") < MIN_LIST_WORDS - 1:
        return False
    items = text.split(",")
    single = sum(1 for item in items if len(item.split()) == 1)
    return single >= MIN_SINGLE_WORD_SHARE * len(items)
