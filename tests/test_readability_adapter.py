"""The readability-lxml adapter (``html/extract.readability_container``): what it lets through."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import etree

from cleanup.html.extract import readability_container

PAGE = "<html><body><div><p>" + "A paragraph of a story, long enough to score. " * 8 + "</p></div></body></html>"


def _doc() -> object:
    return etree.fromstring(PAGE, etree.HTMLParser())


def test_readability_out_of_memory_is_a_memory_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # readability-lxml turns every exception into Unparseable: under --max-memory the page fell back
    # to the whole body, a different output than without the limit, instead of reporting the limit.
    from readability.readability import Document

    def short_of_memory(self: object) -> object:
        raise MemoryError

    monkeypatch.setattr(Document, "score_paragraphs", short_of_memory)
    with pytest.raises(MemoryError):
        readability_container(_doc())


def test_other_readability_errors_leave_the_page_to_the_next_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    from readability.readability import Document

    def broken(self: object) -> object:
        raise ValueError("broken")

    monkeypatch.setattr(Document, "score_paragraphs", broken)
    assert readability_container(_doc()) is None


def test_a_readability_failure_prints_nothing() -> None:
    # A new-user trial: with --max-memory, readability-lxml's logger printed "error getting summary:" and a
    # whole traceback on stderr, even with -q (Python's last-resort handler: nobody configured logging).
    # Run apart: pytest's log capture would take the record.
    script = (
        "from lxml import etree\n"
        "from readability.readability import Document\n"
        "from cleanup.html.extract import readability_container\n"
        "def broken(self): raise ValueError('broken')\n"
        "Document.score_paragraphs = broken\n"
        f"print(readability_container(etree.fromstring({PAGE!r}, etree.HTMLParser())))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert (done.stdout, done.stderr) == ("None\n", "")
