"""HTML: an inline element whose class names chrome stays when it sits between the words of a sentence.

A note that opens on click ("<a class='popup'>rather elderly</a>"), a tooltip or a
styled link inside a paragraph: taking it out cuts words out of the sentence.
Keep-traps go the other way: share links after a label, an ad label between
paragraphs, and hidden screen-reader text still go.
"""

from __future__ import annotations

from html_pages import joined, page, story


def _paragraph(inner: str) -> str:
    return page(f"<article>{story(3)}<p>{inner}</p>{story(2, 'More')}</article>")


def test_a_popup_link_inside_a_sentence_keeps_its_words() -> None:
    text = joined(_paragraph('I am a <a class="popup" href="#">rather elderly</a> man, the lawyer said of himself.'))
    assert "I am a rather elderly man, the lawyer said of himself." in text


def test_a_modal_span_before_a_comma_keeps_its_words() -> None:
    text = joined(_paragraph('The <span class="modal">scrivener</span>, he wrote, would not leave the office.'))
    assert "The scrivener, he wrote, would not leave the office." in text


def test_share_links_after_a_label_still_go() -> None:
    # Keep-trap the other way: a label and a colon before the link, links side by side.
    text = joined(_paragraph('Share: <a class="share-link">Facebook</a> <a class="share-link">Twitter</a>'))
    assert "Facebook" not in text


def test_hidden_screen_reader_text_inside_a_sentence_still_goes() -> None:
    text = joined(
        _paragraph('Read the <a href="#">report<span class="hidden"> (opens in a new window)</span></a> now.')
    )
    assert "opens in a new window" not in text
    assert "Read the report now." in text


def test_a_popup_block_between_paragraphs_still_goes() -> None:
    # Keep-trap the other way: a block, not an inline element in a sentence.
    text = joined(
        page(f'<article>{story(3)}<div class="popup">Subscribe to our newsletter now</div>{story(2)}</article>')
    )
    assert "Subscribe" not in text
