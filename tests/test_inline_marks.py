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


def _note(words: str) -> str:
    return f'<a class="popup" href="#">{words}</a>'


def test_a_note_opening_a_paragraph_keeps_its_words() -> None:
    text = joined(_paragraph(f"{_note('I')} am a rather elderly man, the lawyer wrote."))
    assert "I am a rather elderly man, the lawyer wrote." in text


def test_a_note_opening_a_quotation_keeps_its_words() -> None:
    text = joined(_paragraph(f'"{_note("I know you")}," he said, without looking round.'))
    assert '"I know you," he said, without looking round.' in text


def test_a_note_closing_a_paragraph_after_a_comma_keeps_its_words() -> None:
    text = joined(_paragraph(f"But he wrote on silently, palely, {_note('mechanically.')}"))
    assert "But he wrote on silently, palely, mechanically." in text


def test_a_note_between_dashes_keeps_its_words() -> None:
    text = joined(_paragraph(f"At the meridian-- {_note('his dinner hour')}-- it blazed like a grate of coals."))
    assert "his dinner hour-- it blazed" in text


def test_a_whole_sentence_noted_inside_a_paragraph_keeps_its_words() -> None:
    prose = "I was not unpleasantly remunerative in the office of the Master in Chancery, which was no great affair."
    text = joined(_paragraph(f"{prose} {_note('I seldom lose my temper')}; much more seldom indulge in outrage."))
    assert "I seldom lose my temper; much more seldom" in text


def test_share_links_opening_a_paragraph_still_go() -> None:
    # Keep-trap the other way: capitalised names after the first link, no sentence going on.
    text = joined(_paragraph('<a class="share-link">Facebook</a> <a class="share-link">Twitter</a> Email'))
    assert "Facebook" not in text


def test_an_ad_label_inside_a_long_paragraph_still_goes() -> None:
    # Keep-trap the other way: a chrome phrase is no part of the sentence, whatever the prose around it.
    prose = "The council met on Tuesday evening and voted, after a long and bitter debate, to close the bridge."
    text = joined(_paragraph(f'{prose} <span class="ad-label">Advertisement</span> The works start in May.'))
    assert "Advertisement" not in text
    assert "The works start in May." in text
