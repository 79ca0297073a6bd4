"""An interview's last questions and answers: too short to count as prose, they still end the story.

An interview in a page dump alternates questions and answers, and its last exchange is often
short ("Und Ihre Pläne?" / "Ruhestand. Endlich."): the run of prose stops before it, and the
closing-sentence rule wants sentences of four words or more. When the run holds MIN_QUESTIONS
questions with an answer under each, a question right after the run and the sentences that
answer it are the story's, up to MAX_TAIL_UNITS units and only up to a unit a rule dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text.blocks import ends_like_sentence, is_prose, weight
from cleanup.text.units import as_units

MIN_QUESTIONS = 2  # questions with an answer under them that make the run an interview
LOOK_BACK = 12  # kept units before the run's end where they are counted
MAX_TAIL_UNITS = 4  # two short questions and their answers
MAX_QUESTION_CHARS = 200
QUESTION_ENDS = ("?", "？")
QUOTE_TAIL = ' "”»’'


def is_question(text: str) -> bool:
    """True for an interviewer's question: it ends in a question mark (inside quotes too), and is short.

    >>> is_question("Und Ihre Pläne?"), is_question("¿Qué está leyendo ahora?"), is_question("Ruhestand. Endlich.")
    (True, True, False)
    """
    return weight(text) <= MAX_QUESTION_CHARS and text.rstrip(QUOTE_TAIL).endswith(QUESTION_ENDS)


def extend_interview(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """The end of the story past an interview's last short questions and answers, or ``stop``.

    >>> from cleanup.model import Line
    >>> answer = "Nein. Ich mache meine Arbeit, so wie ein Bäcker seine Brötchen backt, jeden Tag."
    >>> texts = ["Sind Sie ein Held?", answer, "Haben Sie Angst?", answer, "Und Ihre Pläne?", "Ruhestand.", "Home"]
    >>> lines, dropped_by = [Line(i, t) for i, t in enumerate(texts)], [None] * 6 + ["chrome-phrase"]
    >>> extend_interview(lines, dropped_by, 4), extend_interview(lines, dropped_by, 5)
    (6, 5)
    """
    texts = as_units(lines).visible
    if stop >= len(texts) or dropped_by[stop] is not None or not is_question(texts[stop]):
        return stop  # most runs: no question right after them
    if _answered_questions(texts, dropped_by, stop) < MIN_QUESTIONS:
        return stop
    end, j, answered = stop, stop, False
    while j < len(texts) and j - stop < MAX_TAIL_UNITS and dropped_by[j] is None:
        if is_question(texts[j]) and (j == stop or answered):
            answered = False
        elif j > stop and ends_like_sentence(texts[j]):
            answered, end = True, j + 1
        else:
            break
        j += 1
    return end


def _answered_questions(texts: Sequence[str], dropped_by: Sequence[str | None], stop: int) -> int:
    """How many of the LOOK_BACK kept units before ``stop`` are questions with a prose answer under them."""
    kept = list(itertools.islice((i for i in range(stop - 1, -1, -1) if dropped_by[i] is None), LOOK_BACK))[::-1]
    return sum(1 for a, b in itertools.pairwise(kept) if is_question(texts[a]) and is_prose(texts[b]))
