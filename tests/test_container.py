"""Container choice with positive evidence: content names, schema.org, JSON-LD, the lead."""

from __future__ import annotations

import pytest
from lxml import etree

from cleanup.html.chrome import find_marks
from cleanup.html.containers import find_evidence
from cleanup.html.evidence import hint_container, names_content
from cleanup.html.extract import extract_html, parse_html
from cleanup.html.vocab import CONTENT_TOKENS

from html_pages import PROSE, page, story, texts

LEAD = "Drivers face a twelve-mile detour until the spring, the council said."


def test_content_names_across_cms() -> None:
    for name in ("entry-content", "td-post-content", "field--name-body", "article__body", "c-article-body"):
        assert names_content(etree.fromstring(f"<div class='{name}'/>")), name
    assert names_content(etree.fromstring("<div itemprop='articleBody'/>"))
    for name in ("site-content", "page-content", "content", "main-content", "entry-meta"):
        assert not names_content(etree.fromstring(f"<div class='{name}'/>")), name


def _spellings(token: str) -> list[str]:
    """A content token as pages write it: as listed, snake_case, camelCase, upper case, framed."""
    parts = token.split("-")
    camel = parts[0] + "".join(p.title() for p in parts[1:])
    return [token, token.replace("-", "_"), camel, camel[0].upper() + camel[1:], token.upper(), f"td-{token}-wrap"]


def test_every_content_token_is_named_in_every_spelling() -> None:
    # The cheap anchor test in front of the vocabulary regex must let every content token through.
    for token in CONTENT_TOKENS:
        for name in _spellings(token):
            assert names_content(etree.fromstring(f"<div class='{name}'/>")), name
            assert names_content(etree.fromstring(f"<div id='x1 {name}'/>")), name


def test_evidence_containers_found_in_one_pass() -> None:
    doc = parse_html(
        page(
            "<main><article itemprop='blogPost'><div class='entry-content'>"
            f"<div itemprop='articleBody'>{story(3)}</div></div></article>"
            "<div role='main'><p>x</p></div><div itemprop='author'>A. Writer</div></main>"
        )
    )
    find_marks(doc, candidates := [])
    found = find_evidence(doc, None, candidates)
    assert [el.get("class") or el.get("itemprop") for el in found.named] == ["entry-content", "articleBody"]
    assert [el.get("itemprop") for el in found.declared] == ["articleBody"]
    # <article> with an itemprop not naming a body is not structural; role=main and <main> are.
    assert [(el.tag, el.get("itemprop") or el.get("role")) for el in found.structural] == [
        ("main", None),
        ("div", "articleBody"),
        ("div", "main"),
    ]


def test_article_body_named_with_a_chrome_word_is_kept() -> None:
    # "cookie-consent" would mark it by its id; itemprop=articleBody says it is the article.
    body = f"<div id='consent-text' class='cmp-container' itemprop='articleBody'>{story(4)}</div>"
    assert len(texts(page(f"<div class='cmp-container'>{body}</div>"))) == 4


def test_chrome_named_wrapper_around_the_article_is_not_chrome() -> None:
    # A strong page-header mark on a wrapper holding the whole <article> is page layout.
    markup = page(f"<div class='site_header'><nav><a href='/'>Home</a></nav><article>{story(5)}</article></div>")
    assert len(texts(markup)) == 5


def test_chrome_named_wrapper_around_a_small_article_stays_chrome() -> None:
    footer = f"<div class='site-footer'><article><p>About us. {PROSE}</p></article></div>"
    assert not any(t.startswith("About us.") for t in texts(page(f"<main>{story(6)}</main>{footer}")))


def test_lead_above_the_body_container_is_kept() -> None:
    header = f"<header class='entry-header'><h1>Bridge closes</h1><p class='td-post-sub-title'>{LEAD}</p></header>"
    lines = texts(page(f"<article>{header}<div class='entry-content'>{story(5)}</div></article>"))
    assert lines[0] == LEAD
    assert len(lines) == 6


def test_teaser_text_lead_of_typo3_is_kept() -> None:
    header = f"<div class='header'><h1>Bridge closes</h1></div><div class='teaser-text'><p>{LEAD}</p></div>"
    lines = texts(page(f"<div class='news-single'>{header}<div class='news-text-wrap'>{story(5)}</div></div>"))
    assert lines[0] == LEAD


def test_excerpt_in_a_related_box_before_the_body_is_not_a_lead() -> None:
    box = f"<div class='related-stories'><div class='excerpt'>{LEAD}</div></div>"
    assert LEAD not in texts(page(f"<article>{box}<div class='entry-content'>{story(5)}</div></article>"))


def test_date_row_named_subhead_is_not_a_lead() -> None:
    row = (
        "<div class='article-subhead'><span class='byline'>Jane Roe</span><span class='date'>Nov. 20, 2019</span></div>"
    )
    lines = texts(page(f"<article>{row}<div class='entry-content'>{story(5)}</div></article>"))
    assert not any("Nov. 20" in t for t in lines)


def test_json_ld_article_body_locates_its_container() -> None:
    doc = parse_html(page(f"<div id='teasers'>{story(2, 'Teaser')}</div><div id='body'>{story(3)}</div>"))
    hint = " ".join(f"Paragraph {i}. {PROSE}" for i in range(3))
    assert hint_container(doc, hint).get("id") == "body"
    assert hint_container(doc, None) is None


def test_article_body_beats_a_longer_reference_list_apart_from_it() -> None:
    # The scorer weighs text only: a testimonial wall outweighs a short story; the story's
    # itemprop=articleBody (or its JSON-LD articleBody) says which one is the article.
    wall = f"<section class='quotes-wall'>{story(15, 'Testimonial')}</section>"
    body = f"<div itemprop='articleBody'>{story(5)}</div>"
    result = extract_html(page(f"<div class='col'>{body}</div><div class='col2'>{wall}</div>"))
    assert result.extractor == "evidence"
    assert [line.text[:11] for line in result.lines] == ["Paragraph 0", *(f"Paragraph {i}" for i in range(1, 5))]


def test_small_named_box_apart_from_the_article_does_not_win() -> None:
    box = f"<div class='box-x'><div class='entry-content'>{story(2, 'Teaser')}</div></div>"
    result = extract_html(page(f"<div class='main'><div class='inner'>{story(10)}</div></div>{box}"))
    assert result.extractor == "scorer"
    assert result.lines[0].text.startswith("Paragraph 0.")


def test_lead_beside_a_chain_of_wrappers_around_the_body_is_kept() -> None:
    # AEM Core Components: the body sits four wrappers deep, the lead beside the outermost.
    intro = f"<div class='text'><div class='cmp-text cmp-text--intro'><p>{LEAD}</p></div></div>"
    body = f"<div class='container'><div class='cmp-container'><div class='text'><div class='cmp-text'>{story(5)}"
    title = "<div class='title'><h1>Bridge closes</h1></div>"
    lines = texts(page(f"<main>{title}{intro}{body}</div></div></div></div></main>"))
    assert lines[0] == LEAD


def test_entry_teaser_is_the_entry_lead_but_a_teaser_card_is_not() -> None:
    teaser = f"<div class='entry-teaser'><p>{LEAD}</p></div>"
    header = f"<header class='entry-header'><h1>Bridge closes</h1>{teaser}</header>"
    assert texts(page(f"<article>{header}<div class='entry-content'>{story(5)}</div></article>"))[0] == LEAD
    card = f"<div class='teaser'><h3><a href='/x'>Another story</a></h3><p>{LEAD}</p></div>"
    assert LEAD not in texts(page(f"<article>{card}<div class='entry-content'>{story(5)}</div></article>"))


def test_lead_in_a_hero_teaser_holding_the_headline_is_kept() -> None:
    # A chrome-named header holding the h1 is the article's own: its lead stays, the rest goes.
    hero = (
        "<div class='teaser teaser--hero'><p class='teaser__pretitle'>Roads</p><h1>Bridge closes</h1>"
        f"<div class='teaser__description'><p>{LEAD}</p></div></div>"
    )
    lines = texts(page(f"<div class='cmp-container'>{hero}<div class='cmp-text'>{story(5)}</div></div>"))
    assert lines[0] == LEAD
    assert "Roads" not in lines


def test_description_in_a_teaser_card_inside_the_body_is_not_a_lead() -> None:
    card = f"<div class='teaser'><h3>Another story</h3><div class='teaser__description'><p>{LEAD}</p></div></div>"
    assert LEAD not in texts(page(f"<div class='cmp-container'>{card}<div class='cmp-text'>{story(5)}</div></div>"))


def test_short_page_takes_its_named_body_before_readability() -> None:
    # Too little text for the scorer to be sure: the page's entry-content says where the story is.
    short = "<p>The ferry runs again from Monday, the harbour office said on Friday afternoon.</p>"
    teasers = "<div class='col'><p>Other story: the market hall reopens after a year of repairs.</p></div>"
    result = extract_html(page(f"{teasers}<div class='entry-content'>{short}</div>"))
    assert result.extractor == "evidence"
    assert [line.text for line in result.lines] == [
        "The ferry runs again from Monday, the harbour office said on Friday afternoon."
    ]


def test_data_table_is_one_block_of_the_article_around_it() -> None:
    # A list article: the table of films holds most of the prose, the intro and notes stay.
    rows = "".join(f"<tr><td>Film {i}</td><td>19{i:02d}</td><td>{PROSE}</td></tr>" for i in range(12))
    intro = "<p>This list of films features time loops, in which the same day repeats until a condition is met.</p>"
    body = f"<div class='mw-parser-output'>{intro}<table class='wikitable'><tbody>{rows}</tbody></table></div>"
    lines = texts(page(f"<div class='nav'><a href='/'>Home</a></div>{body}"))
    assert lines[0].startswith("This list of films")
    assert len(lines) == 13


def test_layout_table_cell_still_holds_the_article() -> None:
    cell = f"<td>{story(5)}</td>"
    menu = "<td><ul><li><a href='/a'>Home</a></li><li><a href='/b'>News</a></li></ul></td>"
    lines = texts(page(f"<table><tr>{menu}{cell}</tr></table><p>Copyright 1999 The Valley Paper</p>"))
    assert lines[0].startswith("Paragraph 0.") and len(lines) == 5


def test_slider_outweighing_the_story_beside_it_stays_chrome() -> None:
    # "Business news in pictures": 30 slides of other stories under an 8-paragraph story.
    slides = "".join(f"<li><h2>{i}/30 Another story</h2><p>Slide {i}. {PROSE}</p></li>" for i in range(30))
    body = f"<div class='text-wrapper'>{story(8)}<div class='full-gallery'><ul>{slides}</ul></div></div>"
    lines = texts(page(body))
    assert lines[0].startswith("Paragraph 0.") and len(lines) == 8


def test_gallery_page_with_no_story_beside_it_keeps_its_text() -> None:
    slides = "".join(f"<li><p>Slide {i}. {PROSE}</p></li>" for i in range(8))
    lines = texts(page(f"<article><h1>Photos</h1><p>Intro.</p><div class='gallery'><ul>{slides}</ul></div></article>"))
    assert sum(line.startswith("Slide") for line in lines) == 8


def _asked(markup: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The extractor path of ``markup``, after each time readability-lxml was asked."""
    import cleanup.html.extract as extract

    asked, adapter = [], extract.readability_container

    def counted(doc: object) -> object:
        asked.append("asked")
        return adapter(doc)

    monkeypatch.setattr(extract, "readability_container", counted)
    extractor = extract_html(markup).extractor
    return [*asked, extractor]


def test_borderline_pick_named_as_the_body_is_not_handed_to_readability(monkeypatch: pytest.MonkeyPatch) -> None:
    # A long quote holds 60 % of the entry's prose: the scorer is unsure whether to narrow into
    # it, but the entry is named an article body, so the whole entry is the article.
    quote = f"<blockquote>{story(6, 'Quoted')}</blockquote>"
    entry = f"<div class='entry-content'>{quote}{story(4)}</div>"
    markup = page(f"<div class='wrap'>{entry}</div><div class='x'><p>Short footer line.</p></div>")
    assert _asked(markup, monkeypatch) == ["scorer"]
    assert len(texts(markup)) == 10


def test_borderline_unnamed_pick_still_asks_readability(monkeypatch: pytest.MonkeyPatch) -> None:
    wrapper = f"<div class='box'><blockquote>{story(6, 'Quoted')}</blockquote>{story(4)}</div>"
    markup = page(f"<div class='wrap'>{wrapper}</div><div class='x'><p>Short footer line.</p></div>")
    assert _asked(markup, monkeypatch)[0] == "asked"


def test_borderline_pick_beside_a_data_table_is_not_handed_to_readability(monkeypatch: pytest.MonkeyPatch) -> None:
    # The table holds 60 % of the prose: readability-lxml's pick could only be the table or a
    # part of it, which is never taken (a data table's rows are one block of the article).
    rows = "".join(f"<tr><td>Row {i}</td><td>{PROSE}</td></tr>" for i in range(6))
    wrapper = f"<div class='box'><table>{rows}</table>{story(4)}</div>"
    markup = page(f"<div class='wrap'>{wrapper}</div><div class='x'><p>Short footer line.</p></div>")
    assert _asked(markup, monkeypatch) == ["scorer"]
    assert sum("Row" in t for t in texts(markup)) == 6


def test_borderline_pick_around_one_long_paragraph_is_not_handed_to_readability(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One paragraph holds 60 % of the prose (a paywalled snippet): narrowing to a single
    # paragraph would cut the rest of the article, so readability-lxml's pick could not be taken.
    long_paragraph = "<p>" + " ".join(f"Sentence {i}. {PROSE}" for i in range(6)) + "</p>"
    wrapper = f"<div class='box'>{long_paragraph}{story(4)}</div>"
    markup = page(f"<div class='wrap'>{wrapper}</div><div class='x'><p>Short footer line.</p></div>")
    assert _asked(markup, monkeypatch) == ["scorer"]
    assert len(texts(markup)) == 5


def test_readability_pick_of_a_paragraph_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleanup.html.extract as extract

    def paragraph(doc: object) -> object:
        return doc.find(".//blockquote/p")  # type: ignore[attr-defined]

    quote = "<blockquote><p>" + " ".join(f"Quoted {i}. {PROSE}" for i in range(6)) + "</p></blockquote>"
    markup = page(f"<div class='wrap'><div class='box'>{quote}{story(4)}</div></div><p>Footer line.</p>")
    monkeypatch.setattr(extract, "readability_container", paragraph)
    assert extract_html(markup).extractor == "scorer"
    assert len(texts(markup)) == 5


def _parts() -> str:
    """A story a layout cut into two parts under one wrapper, the longer part second (60 % of the prose)."""
    first = f"<div>{story(8, 'Opening')}</div>"
    figure = "<figure><p>A photo of the old bridge seen from the river bank.</p></figure>"
    return page(f"<div><div><h1>Bridge closes</h1></div>{first}{figure}<div>{story(12, 'Closing')}</div></div>")


def test_readability_pick_of_one_part_of_a_story_cut_into_parts_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """readability-lxml picks the longest part; the part beside it (pure prose in paragraphs, of its
    tag) is the same story's, and the scorer's pick holding both is kept (Quanta, Wired)."""
    import cleanup.html.extract as extract

    monkeypatch.setattr(extract, "readability_container", lambda doc: doc.find("body/div/div[3]"))
    lines = texts(_parts())
    assert sum(line.startswith(("Opening", "Closing")) for line in lines) == 20


def test_readability_pick_beside_a_list_of_linked_teasers_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep-trap: a box of paragraphs that each link to another story is no part of it."""
    import cleanup.html.extract as extract

    linked = "".join(f"<p><a href='/s{i}'>Other story {i}</a>. {PROSE}</p>" for i in range(4))
    markup = page(f"<div><div>{linked}</div><div>{story(6, 'Closing')}</div></div>")
    monkeypatch.setattr(extract, "readability_container", lambda doc: doc.find("body/div/div[2]"))
    assert extract_html(markup).extractor == "readability"
    assert not any(line.startswith("Other story") for line in texts(markup))
