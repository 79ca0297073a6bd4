"""Page builders name every element a "widget": the article's text blocks are no sidebar.

Found by a trial of English pages: an article built with Elementor came out empty, and one
built with SiteOrigin lost half its text. Elementor names each text block
``elementor-widget elementor-widget-text-editor``, SiteOrigin ``so-panel widget
widget_sow-editor``; "widget" marked each block as a sidebar, and none held half the page's
prose, so the scorer rescued none. Each test has its keep-trap: a builder's sidebar, share
buttons and menu, and a WordPress sidebar widget outside a builder, still go.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

HEAD = "<html lang='en'><head><title>Road plan stalls</title></head><body>"
JOIN = "Join our club for ten dollars a year and meet us every Saturday morning at the hall."


def elementor(kind: str, inner: str) -> str:
    return (
        f"<div class='elementor-element elementor-widget elementor-widget-{kind}'>"
        f"<div class='elementor-widget-container'>{inner}</div></div>"
    )


def page(*widgets: str, after: str = "") -> str:
    column = "".join(widgets)
    return (
        f"{HEAD}<div class='elementor elementor-1'><div class='elementor-column'>"
        f"<div class='elementor-widget-wrap'>{column}</div></div></div>{after}</body></html>"
    )


def test_an_article_split_over_text_editor_widgets_is_kept() -> None:
    blocks = [elementor("text-editor", f"<p>{p}</p>") for p in PARAGRAPHS[:4]]
    heading = elementor("heading", "<h2 class='elementor-heading-title'>Who pays for the repairs</h2>")
    text = clean(page(blocks[0], blocks[1], heading, blocks[2], blocks[3])).text
    for paragraph in PARAGRAPHS[:4]:
        assert paragraph in text
    assert "Who pays for the repairs" in text


def test_siteorigin_panels_are_kept() -> None:
    panels = "".join(f"<div class='so-panel widget widget_sow-editor'><p>{p}</p></div>" for p in PARAGRAPHS[:4])
    text = clean(
        f"{HEAD}<div class='panel-layout'><div class='panel-grid-cell'>{panels}</div></div></body></html>"
    ).text
    for paragraph in PARAGRAPHS[:4]:
        assert paragraph in text


def test_a_builders_chrome_widgets_still_go() -> None:
    # Keep-traps: the words after the builder's widget prefix still name the element.
    blocks = [elementor("text-editor", f"<p>{p}</p>") for p in PARAGRAPHS[:4]]
    share = elementor("share-buttons", "<span class='elementor-share-btn__title'>Share on Facebook</span>")
    sidebar = elementor("sidebar", f"<section class='widget widget_text'><p>{JOIN}</p></section>")
    menu = elementor("nav-menu", "<ul><li><a href='/'>Home</a></li><li><a href='/about'>About the club</a></li></ul>")
    text = clean(page(menu, *blocks, share, sidebar)).text
    assert PARAGRAPHS[3] in text
    for chrome in ("Share on Facebook", "Join our club", "About the club"):
        assert chrome not in text


def test_a_wordpress_sidebar_widget_outside_a_builder_still_goes() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    widget = f"<section class='widget widget_text'><div class='textwidget'><p>{JOIN}</p></div></section>"
    article = f"<article><div class='entry-content'>{story}</div></article>"
    text = clean(f"{HEAD}{article}<div id='secondary'>{widget}</div></body></html>").text
    assert PARAGRAPHS[0] in text
    assert "Join our club" not in text
