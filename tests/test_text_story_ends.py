"""Where a story in a text dump ends: categories a second multilingual trial of dumps found.

- A press release's closing mark ("Ends", "###", "Notes to editors", "Hinweis für Redaktionen")
  ends the release: the notes and contacts under it are no part of it.
Each has its keep-trap.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

HEAD = ("College wins grant for skills centre | Southdown College", "Home", "News", "Press releases")
FOOT = ("Accessibility", "Privacy", "© Southdown College 2024")
NOTES = (
    "Southdown College is a general further education college with 6,000 students across three campuses.",
    "For media enquiries contact the communications team on 01234 567890 or press@southdown.example.",
)


def _dump(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _release(*end: str) -> str:
    return clean(_dump(*HEAD, "College wins grant for skills centre", *PARAGRAPHS, *end, *FOOT)).text


def test_notes_to_editors_end_a_press_release() -> None:
    text = _release("Ends", "Notes to editors", *NOTES)
    assert PARAGRAPHS[-1] in text
    assert "6,000 students" not in text
    assert "media enquiries" not in text


def test_a_german_note_for_editors_ends_a_press_release() -> None:
    text = _release("Hinweis für Redaktionen:", *NOTES)
    assert PARAGRAPHS[-1] in text
    assert "6,000 students" not in text


def test_notes_to_editors_without_a_contact_stay() -> None:
    # Keep-trap: a blog reprinting a release's notes as a list of facts keeps them.
    facts = ("- The fund is a company owned by the member states.", "- It will have a small number of staff.")
    text = _release("Notes to editors:", *facts)
    assert facts[1] in text


def test_a_sentence_about_notes_to_editors_stays() -> None:
    # Keep-trap: the words in a sentence of the story are no mark.
    last = "The notes to editors of the school paper were sent on Monday, and the paper printed them in full."
    text = _release(last)
    assert last in text
