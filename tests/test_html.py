"""HTML engine (cleanup.html): one behaviour per test, inline snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import clean
from cleanup.html.extract import PARSER_MAX_DEPTH, extract_html, parse_html
from cleanup.html.meta import clean_title
from cleanup.model import ExtractionError, Options
from cleanup.sites.load import load_site

from html_pages import PROSE, joined, page, story, texts


def test_tail_text_kept_after_removed_node() -> None:
    markup = page(
        f"<article>{story(3)}<p>Before <span class='share'>Share</span> after the widget."
        " The tail of a removed node is article text and must stay.</p></article>"
    )
    body = joined(markup)
    assert "after the widget" in body
    assert "Share" not in body


def test_deep_nesting_is_not_truncated() -> None:
    depth = 10_000
    markup = page("<div>" * depth + f"<p>Deep. {PROSE}</p>" + "</div>" * depth + f"<p>After. {PROSE}</p>")
    body = joined(markup)
    assert "Deep." in body
    assert "After." in body


def test_deep_nesting_beyond_libxml_limit_is_flattened() -> None:
    doc = parse_html(page("<span>" * (PARSER_MAX_DEPTH + 500) + "bottom text"))
    assert "bottom text" in "".join(doc.itertext())


def test_article_wrapping_whole_site_still_finds_the_story() -> None:
    nav = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30)) + "</ul>"
    markup = page(
        f"<article><div class='menu'>{nav}</div><div class='body'>{story(6)}</div>"
        f"<div class='footer'>Copyright 2019 Example Media. All rights reserved.</div></article>"
    )
    result = extract_html(markup)
    assert result.lines[0].text.startswith("Paragraph 0.")
    assert not any("Section" in line.text or "Copyright" in line.text for line in result.lines)


def test_short_article_keeps_article_and_drops_long_comments() -> None:
    comments = "".join(f"<li><p>Reader {i} wrote: {PROSE} {PROSE}</p></li>" for i in range(12))
    markup = page(f"<div class='story'>{story(2)}</div><section id='comments'><ol>{comments}</ol></section>")
    result = extract_html(markup)
    body = "\n".join(line.text for line in result.lines)
    assert "Paragraph 1." in body
    assert "Reader" not in body


def test_cookie_banner_dropped() -> None:
    banner = (
        "<div class='cookie-banner'><p>We use cookies to improve your experience on our site. "
        "By continuing to browse you agree to our use of cookies and our privacy policy.</p></div>"
    )
    markup = page(f"<article>{banner}{story(4)}</article>")
    result = extract_html(markup)
    assert "cookies" not in "\n".join(line.text for line in result.lines)
    assert "cookie-consent" in {r.rule for r in result.removed}


def test_table_rows_become_lines_with_cells_joined() -> None:
    table = "<table><tr><th>Pos</th><th>Driver</th></tr><tr><td>1</td><td>Kyle Busch</td></tr></table>"
    lines = extract_html(page(f"<article>{story(3)}{table}</article>")).lines
    rows = [line for line in lines if line.tag == "tr"]
    assert [r.text for r in rows] == ["Pos | Driver", "1 | Kyle Busch"]


def test_br_splits_a_paragraph_into_lines() -> None:
    markup = page(f"<article>{story(3)}<p>First line of the verse here<br>Second line of the verse</p></article>")
    assert texts(markup)[-2:] == ["First line of the verse here", "Second line of the verse"]


def test_inline_elements_keep_spaces_and_whitespace_collapses() -> None:
    markup = page(f"<article>{story(3)}<p>The  <b>mayor</b>\n  said <a href='#'>no</a>.</p></article>")
    assert "The mayor said no." in texts(markup)


def test_headings_lists_and_quotes_keep_order_and_tags() -> None:
    markup = page(
        f"<article>{story(2)}<h2>Why it matters</h2><ul><li>One point</li></ul>"
        f"<blockquote>A quoted remark</blockquote>{story(2, 'Tail')}</article>"
    )
    lines = extract_html(markup).lines
    tagged = [(line.tag, line.text) for line in lines if line.tag != "p"]
    assert tagged == [("h2", "Why it matters"), ("li", "One point"), ("blockquote", "A quoted remark")]


def test_headline_goes_to_title_not_lines() -> None:
    markup = page(
        f"<article><h1>Bridge to close for repairs</h1>{story(3)}</article>",
        head="<title>Bridge to close for repairs | Example News</title>",
    )
    result = extract_html(markup)
    assert result.title == "Bridge to close for repairs"
    assert all(line.text != result.title for line in result.lines)


def test_caption_moves_to_captions() -> None:
    figure = "<figure><img src='a.jpg'><figcaption>The bridge at dusk. Photo: J. Doe</figcaption></figure>"
    result = extract_html(page(f"<article>{story(2)}{figure}{story(2, 'More')}</article>"))
    assert result.captions == ("The bridge at dusk. Photo: J. Doe",)
    assert "caption-element" in {r.rule for r in result.removed}
    assert not any("dusk" in line.text for line in result.lines)


def test_a_gallery_credit_repeated_under_each_photo_is_one_caption_and_every_removal_is_reported() -> None:
    # Found by a metadata audit: 'Photo by Joan Bardeletti' seven times in one page's captions.
    figure = "<figure><img src='{n}.jpg'><figcaption>Photo: J. Doe</figcaption></figure>"
    other = "<figure><img src='x.jpg'><figcaption>The pier at dawn.</figcaption></figure>"
    body = story(2) + figure.format(n=1) + other + figure.format(n=2) + story(2, "More") + figure.format(n=3)
    result = clean(page(f"<article>{body}</article>"))
    assert result.captions == ("Photo: J. Doe", "The pier at dawn.")
    assert sum(r.text == "Photo: J. Doe" for r in result.removed) == 3


def test_a_credit_label_in_an_element_of_its_own_is_a_word_apart_from_the_name() -> None:
    # Left from the metadata audit: '<span>Credit</span><span>Jo Roe</span>' came out 'CreditJo Roe'.
    figure = "<figure><img src='a.jpg'><figcaption>The pier at dawn.<span>Credit</span><span>Jo Roe</span>"
    figure += "</figcaption></figure>"
    result = clean(page(f"<article>{story(2)}{figure}{story(2, 'More')}</article>"))
    assert result.captions == ("The pier at dawn. Credit Jo Roe",)
    plain = "<figure><img src='b.jpg'><figcaption>Cre<b>dit</b>ors met at the <i>pier</i>.</figcaption></figure>"
    assert clean(page(f"<article>{story(2)}{plain}{story(2, 'More')}</article>")).captions == (
        "Creditors met at the pier.",
    )


@pytest.mark.parametrize("label", ["Credit", "Photo:", "Foto", "Fot.", "Fot.:"])
def test_a_credit_label_with_no_credit_is_reported_but_no_caption(label: str) -> None:
    # Found by a metadata audit: a lone 'Credit' (its name sat in another element) among the captions.
    figure = f"<figure><img src='a.jpg'><figcaption>{label}</figcaption></figure>"
    result = clean(page(f"<article>{story(2)}{figure}{story(2, 'More')}</article>"))
    assert result.captions == ()
    assert any(r.text == label and r.rule == "caption-element" for r in result.removed)


def test_a_caption_element_an_unclosed_tag_filled_with_the_article_is_no_caption() -> None:
    # Found by auditing removed article text: '<span class="wp-caption-text attribution">(<p>...' left
    # open put a blog post's paragraphs inside its caption, and half the post went to the captions.
    opened = '<div class="feat-image-with-caption"><p class="wp-caption-text">Our team picks its songs. '
    opened += '<span class="wp-caption-text attribution">(<p><img src="a.jpg"></p>'
    paragraphs = "".join(f"Paragraph {i}. {PROSE}<br><br>" for i in range(8))  # a blog's text between <br>s
    result = clean(page(f"<div class='entry-content'>{story(2, 'Intro')}{opened}{paragraphs}</div>"))
    assert all(f"Paragraph {i}. {PROSE}" in result.text for i in range(8))
    assert not any(PROSE in caption for caption in result.captions)


def test_a_long_real_caption_still_goes_to_the_captions() -> None:
    long_caption = "In this photo taken on Sunday, crews work on the bridge deck at dusk. " * 8  # 560 characters
    figure = f"<figure><img src='a.jpg'><figcaption>{long_caption.strip()}</figcaption></figure>"
    result = clean(page(f"<article>{story(3)}{figure}{story(3, 'More')}</article>"))
    assert result.captions == (long_caption.strip(),)


def test_metadata_from_meta_tags_and_json_ld() -> None:
    head = (
        "<title>Bridge to close | Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        "<link rel='canonical' href='https://example.com/bridge'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": "Bridge to close",'
        ' "datePublished": "2019-11-19T10:00:00Z", "author": {"name": "Jane Doe"}}</script>'
    )
    result = extract_html(page(f"<article><h1>Bridge to close</h1>{story(3)}</article>", head=head))
    assert (result.title, result.byline, result.date) == ("Bridge to close", "Jane Doe", "2019-11-19T10:00:00Z")
    assert (result.canonical_url, result.site_name) == ("https://example.com/bridge", "Example News")


def test_time_element_gives_the_date() -> None:
    markup = page(f"<article><time datetime='2019-11-18'>Nov 18</time>{story(3)}</article>")
    assert extract_html(markup).date == "2019-11-18"


def test_title_suffix_removed() -> None:
    assert clean_title("Bridge to close | Example News", None) == "Bridge to close"


def test_share_price_paragraph_is_kept() -> None:
    price = "<div class='share-price'><p>Shares of the company rose 4% on Tuesday after the results.</p></div>"
    assert any("Shares of the company" in t for t in texts(page(f"<article>{story(3)}{price}</article>")))


def test_related_work_paragraph_is_kept() -> None:
    work = "<div class='related-work'><p>Her related work on bridges was published in 2017 by the board.</p></div>"
    assert any("Her related work" in t for t in texts(page(f"<article>{story(3)}{work}</article>")))


def test_class_token_on_article_container_does_not_kill_it() -> None:
    markup = page(f"<div class='article-content comments-enabled'>{story(4)}</div>")
    assert len(texts(markup)) == 4


def test_sidebar_layout_body_class_keeps_story() -> None:
    markup = (
        f"<html><body class='single-post has-sidebar'><div class='sidebar'><p>Popular now: "
        f"<a href='/x'>Other story one</a></p></div><main>{story(4)}</main></body></html>"
    )
    assert texts(markup)[0].startswith("Paragraph 0.")


def test_weak_chrome_wrapping_the_article_is_kept() -> None:
    markup = page(f"<div class='widget Blog'>{story(4)}</div><div class='sidebar'><p>About me</p></div>")
    assert len(texts(markup)) == 4


def test_related_links_inside_article_removed_with_reason() -> None:
    related = "<div class='related-articles'><ul><li><a href='/a'>Another story about bridges</a></li></ul></div>"
    result = extract_html(page(f"<article>{story(3)}{related}{story(2, 'More')}</article>"))
    assert "related" in {r.rule for r in result.removed}
    assert not any("Another story" in line.text for line in result.lines)


def test_outside_regions_are_recorded() -> None:
    nav = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    result = extract_html(page(f"{nav}<article>{story(4)}</article>"))
    assert any(r.text.startswith("Home") for r in result.removed)


def test_line_numbers_and_link_share() -> None:
    markup = "<html><body><article>\n" + story(3) + f"\n<p><a href='/x'>{PROSE}</a></p>\n</article></body></html>"
    lines = extract_html(markup).lines
    assert lines[0].no == 2
    assert lines[-1].link_share == 1.0


def test_site_rules_strip_then_body(tmp_path: Path) -> None:
    rules = tmp_path / "example.com.toml"
    rules.write_text(
        '[[strip]]\nname = "promo"\nwhy = "house promo"\ncss = "div.promo"\n'
        '[[body]]\nname = "story"\nwhy = "the article container"\nxpath = "//div[@id=\'story\']"\n',
        encoding="utf-8",
    )
    site = load_site(rules)
    markup = page(
        f"<div id='story'>{story(2)}<div class='promo'><p>Buy our mugs today, they are great "
        f"and cheap and fun.</p></div></div><div>{story(6, 'Other')}</div>"
    )
    result = extract_html(markup, site=site)
    assert result.extractor == "site-rule"
    assert texts(markup) != [line.text for line in result.lines]
    assert [line.text[:11] for line in result.lines] == ["Paragraph 0", "Paragraph 1"]
    assert ("example.com:promo", "house promo") in {(r.rule, r.reason) for r in result.removed}


def test_unparseable_input_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_html("   ")


def test_xml_declaration_and_nul_bytes_are_accepted() -> None:
    markup = "<?xml version='1.0' encoding='utf-8'?>" + page(f"<article>{story(3)}\x00</article>")
    assert len(texts(markup)) == 3


def test_page_without_article_falls_back_to_body() -> None:
    result = extract_html(page("<p>Short note.</p>"))
    assert result.extractor in ("readability", "body")
    assert [line.text for line in result.lines] == ["Short note."]


def test_run_of_link_lines_dropped_single_linked_subhead_kept() -> None:
    links = "<ul><li><a href='/a'>Another story about bridges</a></li><li><a href='/b'>Roads</a></li></ul>"
    markup = page(f"<article>{story(2)}<h3><a href='/p'>Acme Drill 2000</a></h3>{story(2, 'More')}{links}</article>")
    result = extract_html(markup)
    body = [line.text for line in result.lines]
    assert "Acme Drill 2000" in body
    assert "Roads" not in body
    assert "link-list" in {r.rule for r in result.removed}


def test_json_ld_nested_too_deep_is_ignored() -> None:
    head = "<script type='application/ld+json'>" + "[" * 100_000 + "]" * 100_000 + "</script>"
    assert len(texts(page(f"<article>{story(3)}</article>", head=head))) == 3


def test_hidden_root_does_not_break_the_readability_fallback() -> None:
    result = extract_html("<html hidden><body style='display:none'><p>Short note.</p></body></html>")
    assert result.extractor in ("readability", "body")


def test_readability_adapter_maps_its_pick_back_to_our_tree() -> None:
    from cleanup.html.extract import readability_container

    doc = parse_html(page(f"<div id='nav'><a href='/'>Home</a></div><div id='story'>{story(6)}</div>"))
    container = readability_container(doc)
    assert container is not None
    assert container.get("id") == "story"


def test_pull_quote_aside_is_kept() -> None:
    quote = "<aside class='pullquote-embed'>No one bothered mentioning the state of the finances.</aside>"
    assert any("No one bothered" in t for t in texts(page(f"<article>{story(3)}{quote}{story(2, 'B')}</article>")))


def test_br_separated_div_text_becomes_lines() -> None:
    body = "<br><br>".join(f"Sentence {i}. {PROSE}" for i in range(4))
    lines = texts(page(f"<div class='text'>{body}</div>"))
    assert [t[:10] for t in lines] == ["Sentence 0", "Sentence 1", "Sentence 2", "Sentence 3"]


def test_hidden_elements_inside_the_article_are_removed() -> None:
    markup = page(
        f"<article>{story(3)}<div style='display: none'>Secret tracking text here.</div>"
        f"<p hidden>Also hidden text.</p></article>"
    )
    body = joined(markup)
    assert "Secret" not in body
    assert "Also hidden" not in body


def test_trivial_site_body_match_falls_back_to_scorer(tmp_path: Path) -> None:
    rules = tmp_path / "example.org.toml"
    rules.write_text('[[body]]\nname = "story"\nwhy = "the article"\ncss = "div.gone"\n', encoding="utf-8")
    result = extract_html(page(f"<article>{story(4)}</article>"), site=load_site(rules))
    assert result.extractor == "scorer"
    assert len(result.lines) == 4


def test_layout_table_cells_are_not_joined_into_rows() -> None:
    markup = page(f"<table><tr><td><a href='/'>Home</a></td><td>{story(4)}</td></tr></table>")
    lines = extract_html(markup).lines
    assert [line.tag for line in lines] == ["p"] * 4


def test_removals_name_rule_reason_line_and_node() -> None:
    box = "<div class='newsletter-box'>Sign up now</div>"
    markup = "<html><body><article>\n" + story(3) + "\n" + box + "</article></body></html>"
    found = [r for r in extract_html(markup).removed if r.rule == "newsletter"]
    assert [(r.reason, r.line, r.node, r.text) for r in found] == [
        ("newsletter or signup box", 3, "div.newsletter-box", "Sign up now")
    ]


def test_paragraph_inside_list_item_reports_li() -> None:
    markup = page(f"<article>{story(3)}<ul><li><p>A point made in a paragraph</p></li></ul></article>")
    assert extract_html(markup).lines[-1].tag == "li"


def test_token_with_a_newsletter_word_as_any_part_is_marked() -> None:
    box = "<div class='wp-block-group newsletter-signup'><h3>Get the Daily</h3><p>News in your inbox.</p></div>"
    result = extract_html(page(f"<article>{story(3)}{box}{story(2, 'More')}</article>"))
    assert "News in your inbox." not in [line.text for line in result.lines]
    assert "newsletter" in {r.rule for r in result.removed}


def test_bem_element_naming_chrome_is_marked() -> None:
    share = "<div class='gallery-article__share'><span>Share this gallery</span> <a href='#'>Facebook</a></div>"
    result = extract_html(page(f"<article>{story(3)}{share}{story(2, 'More')}</article>"))
    assert not any("Share this gallery" in line.text for line in result.lines)
    assert "share-social" in {r.rule for r in result.removed}


def test_bem_modifier_and_block_header_do_not_mark() -> None:
    markup = page(
        f"<article><div class='grid-layout--adrail'>{story(3)}</div>"
        "<div class='article-boxout__header'><h3>How is the plague spread?</h3></div>"
        f"<div class='stock__share-price'><p>Shares of the company rose 4% on Tuesday.</p></div>"
        f"{story(2, 'More')}</article>"
    )
    body = texts(markup)
    assert "How is the plague spread?" in body
    assert "Shares of the company rose 4% on Tuesday." in body
    assert len(body) == 7


def test_paywall_offer_named_by_a_paywall_part_is_marked() -> None:
    offer = (
        "<div class='piano-inline-offer' id='paywall-offer'><h3>Keep reading with a subscription</h3>"
        "<p>Only £1 for your first month of unlimited access to every story.</p></div>"
    )
    result = extract_html(page(f"<article>{story(3)}{offer}{story(2, 'More')}</article>"))
    assert not any("first month" in line.text for line in result.lines)
    assert "paywall" in {r.rule for r in result.removed}


def test_og_title_beats_an_h1_matching_only_the_title_tag() -> None:
    head = (
        "<title>Village Notes: Bridge reopens after two winters</title>"
        "<meta property='og:title' content='Bridge reopens after two winters'>"
    )
    markup = page(
        f"<h1>Village Notes</h1><div class='post'><h3>Bridge reopens after two winters</h3>{story(3)}</div>", head=head
    )
    assert extract_html(markup).title == "Bridge reopens after two winters"


def test_the_only_h1_beats_an_seo_title_tag_that_words_it_otherwise() -> None:
    head = "<title>Tram line north: council approves extension | City Paper</title>"
    markup = page(f"<article><h1>Line 4 will soon run to the new estate</h1>{story(3)}</article>", head=head)
    assert extract_html(markup).title == "Line 4 will soon run to the new estate"


@pytest.mark.parametrize(
    "h1",
    [
        "<h1><a href='/'>Archive of Our Own beta</a></h1>",  # a logo linking home
        "<h1>City Paper Online News <img src='logo.png' alt=''></h1>",  # a logo image
        "<h1>City Paper</h1>",  # too short for a headline
    ],
)
def test_a_logo_h1_does_not_beat_the_title_tag(h1: str) -> None:
    head = "<title>Tram line north: council approves extension</title>"
    assert extract_html(page(f"{h1}<article>{story(3)}</article>", head=head)).title == (
        "Tram line north: council approves extension"
    )


@pytest.mark.parametrize(
    "chrome",
    [
        "<div class='cookie-banner'><h1>We value your privacy here</h1></div>",
        "<header><h1>Riverton's news since the year 1887</h1></header>",
    ],
)
def test_an_h1_in_chrome_does_not_beat_the_title_tag(chrome: str) -> None:
    # Found by a review: a cookie banner's or the site header's h1 became the headline.
    head = "<title>Bridge closes for the summer | Riverton Gazette</title>"
    markup = page(f"{chrome}<main><article><h2>Bridge closes for the summer</h2>{story(3)}</article></main>", head=head)
    assert extract_html(markup).title == "Bridge closes for the summer"


def test_live_blog_entries_keep_their_time_and_heading() -> None:
    entries = "".join(
        f"<article class='live-post'><div class='live-post__header'><time>1{n}:05</time><h3>Entry heading {n}</h3>"
        f"</div><div class='live-post__content'>{story(1, f'Entry {n}')}</div></article>"
        for n in range(3)
    )
    result = clean(page(f"<main><h1>Strike: the latest</h1><div class='live__posts'>{entries}</div></main>"))
    assert [f"Entry heading {n}" in result.text for n in range(3)] == [True] * 3
    assert "page-header" not in {r.rule for r in result.removed}


def test_kicker_before_a_colon_stays_in_the_title() -> None:
    markup = page(
        f"<article><h1>Column: Bridge to close</h1>{story(3)}</article>", head="<title>Column: Bridge to close</title>"
    )
    assert extract_html(markup).title == "Column: Bridge to close"


def test_lead_figure_beside_the_body_container_gives_its_caption() -> None:
    figure = "<figure><img src='a.jpg'><figcaption>The library on Quarry Street. Photo: file</figcaption></figure>"
    teaser = (
        "<div class='related'><figure><img src='b.jpg'><figcaption>Another story's photo</figcaption></figure></div>"
    )
    markup = page(f"<article><h1>Library adds hours</h1>{figure}<div class='body'>{story(4)}</div>{teaser}</article>")
    result = extract_html(markup)
    assert result.captions == ("The library on Quarry Street. Photo: file",)
    assert not any(r.rule == "outside-article" and "Quarry Street" in r.text for r in result.removed)


def test_pagination_after_any_prefix_is_navigation() -> None:
    pager = "<div class='liveblog-pagination'><a href='?page=2'>Older posts</a></div>"
    result = extract_html(page(f"<article>{story(4)}{pager}</article>"))
    assert "Older posts" not in [line.text for line in result.lines]
    assert "nav-element" in {r.rule for r in result.removed}


def test_pagination_state_and_breadcrumb_hooks_on_the_article_do_not_mark_it() -> None:
    markup = page(
        f"<article class='url-breadcrumb'><div class='article-body pagination-first'>{story(4)}</div></article>"
    )
    result = extract_html(markup)
    assert len(result.lines) == 4
    assert result.extractor == "scorer"


def test_disabled_dom_rule_keeps_its_element() -> None:
    """--disable works on DOM rules too: a disabled chrome group is not removed."""
    markup = (
        "<html><body><article><h1>Bridge closes</h1>"
        "<p>The council voted on Tuesday to close the old bridge for repairs after engineers found cracks.</p>"
        "<div class='newsletter-box'><p>Sign up for the Riverside morning letter.</p></div>"
        "<p>Residents said they were not consulted, and some of them plan to appeal the decision in court.</p>"
        "</article></body></html>"
    )
    kept = " ".join(
        line.text for line in extract_html(markup, options=Options(disable=frozenset({"newsletter"}))).lines
    )
    dropped = extract_html(markup)
    assert "Riverside morning letter" in kept
    assert "Riverside morning letter" not in " ".join(line.text for line in dropped.lines)
    assert any(r.rule == "newsletter" for r in dropped.removed)


def test_dom_rules_are_listed_with_what_they_remove() -> None:
    from cleanup.rules import DOM_RULES

    names = {e.name: e.reason for e in DOM_RULES}
    assert names["nav-element"] == "Site navigation."
    assert "outside-article" in names and "link-list" in names


def test_caption_widgets_and_ad_labels_stay_out_of_captions() -> None:
    figure = (
        "<figure><img src='a.jpg'><figcaption><span class='count'>Image 1 of 23</span> "
        "The pier at dusk. <span>Caption Close</span></figcaption></figure>"
        "<figure><div class='caption'>Advertisement</div></figure>"
    )
    result = extract_html(page(f"<article>{story(3)}{figure}{story(2, 'More')}</article>"))
    assert result.captions == ("The pier at dusk.",)


def test_a_gallery_counter_written_across_elements_stays_out_of_captions() -> None:
    # Found on dev pages: "Image ", "1", " of ", "23" in four spans reached the JSON's captions.
    counter = (
        "<div class='slide-count'><span class='label'>Image </span><span class='current'>1</span>"
        "<span> of </span><span class='total'>23</span></div>"
    )
    keep = "<div class='caption-text'>Image 1 of the new bridge: the span from the north bank.</div>"
    figure = f"<figure><img src='a.jpg'><div class='caption'>{counter}{keep}</div></figure>"
    result = extract_html(page(f"<article>{story(3)}{figure}{story(2, 'More')}</article>"))
    assert result.captions == ("Image 1 of the new bridge: the span from the north bank.",)


def test_a_dateline_or_date_inside_a_paragraph_stays_with_its_sentence() -> None:
    # Found on a dev page: "CAIRO —" in <span class=dateline> went, cutting the lead's first words.
    lead = '<p><span class="dateline">CAIRO —</span> Gunmen opened fire on visitors at the museum on Wednesday.</p>'
    dated = '<p>The plan was signed on <time class="date">May 3</time> by the mayor and the council.</p>'
    text = joined(page(f"<article><h1>Museum attack</h1>{lead}{dated}{story(4)}</article>"))
    assert "CAIRO — Gunmen opened fire" in text
    assert "signed on May 3 by the mayor" in text


def test_a_byline_or_date_of_its_own_still_goes() -> None:
    # The keep-trap's other side: a date line, or a date closing a paragraph, is metadata.
    byline = '<p class="byline">By Jo Smith</p><p><span class="date">March 18, 2015</span></p>'
    text = joined(page(f"<article><h1>Museum attack</h1>{byline}{story(4)}</article>"))
    assert "By Jo Smith" not in text and "March 18, 2015" not in text


STORY_P = (
    "<p>The council voted on Tuesday to close the old river bridge for repairs, a decision that will reroute "
    "thousands of commuters for months.</p>"
)


@pytest.mark.parametrize(
    "first",
    [
        "<header><a href=/>Home</a></header>",
        "<nav><a href=/>Home</a></nav>",
        "<main>",
        "<section>",
        "<figure><img src=a.jpg></figure>",
        "<site-header>Town Paper</site-header>",
        "<noscript><iframe src=https://www.googletagmanager.com/ns.html></iframe></noscript><header>Menu</header>",
    ],
)
def test_a_page_without_body_tag_keeps_its_article_whatever_comes_first(first: str) -> None:
    # lxml puts the whole document in <head> when a <body>-less page opens with an element it does not know.
    markup = (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>Council votes</title>{first}"
        f"<article><h1>Council votes to close the old bridge</h1>{STORY_P * 3}</article>"
        "<footer>(c) Town Paper</footer>"
    )
    result = clean(markup)
    assert result.text.count("The council voted on Tuesday") == 3


def test_what_lxml_left_in_head_goes_before_the_body_content() -> None:
    markup = f"<html><head><title>T</title><app-root>{STORY_P}</app-root></head><body>{STORY_P * 2}</body></html>"
    doc = parse_html(markup)
    assert [el.tag for el in doc.find("head")] == ["title"]
    assert [el.tag for el in doc.find("body")] == ["app-root", "p", "p"]
