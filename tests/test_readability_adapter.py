"""The readability-lxml adapter (``html/extract.readability_container``): what it lets through."""

from __future__ import annotations

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
