"""Class/id vocabulary matcher: compound, namespaced and plugin tokens, and their false friends."""

from __future__ import annotations

import pytest

from cleanup.html.chrome import _plain_token_group


@pytest.mark.parametrize(
    ("token", "rule"),
    [
        ("jp-relatedposts", "related"),  # Jetpack: a namespace framing a vocabulary word
        ("yarpp-related", "related"),  # Yet Another Related Posts Plugin
        ("yarpp-thumbnails-horizontal", "related"),
        ("crp_related", "related"),  # Contextual Related Posts
        ("sharedaddy", "share-social"),  # Jetpack sharing, a word of its own
        ("jetpack-likes-widget-wrapper", "share-social"),
        ("shariff", "share-social"),
        ("shariff-headline", "share-social"),  # "ShariffHeadline" after the camelCase split
        ("heateor_sss_sharing_container", "share-social"),  # Sassy Social Share
        ("a2a_kit", "share-social"),  # AddToAny
        ("addtoany_share_save_container", "share-social"),
        ("td-post-sharing-top", "share-social"),  # tagDiv namespace, post prefix, top suffix
        ("cmp-sharing", "share-social"),  # AEM Core Components namespace
        ("onetrust-banner-sdk", "cookie-consent"),
        ("cmplz-cookiebanner", "cookie-consent"),  # Complianz
        ("cmpbox", "cookie-consent"),  # consentmanager.net
        ("mm_related", "related"),  # any two-letter namespace
        ("wp-block-post-terms", "tags"),  # the block editor's category/tag links
        ("cat-links", "tags"),  # classic WordPress themes
        ("kg-callout-emoji", "decoration"),  # Ghost's callout card
        ("full-gallery", "gallery"),  # a slider of other stories' teasers
        ("swiper-container", "gallery"),
        ("inline-gallery-embedded", "gallery"),
        ("rv-player-wrap", "player"),
        ("ai2html-box-v5", "chart"),  # ai2html chart labels
        ("g-artboard", "chart"),  # a video player's controls
        ("vjs-control-bar", "player"),  # Video.js
        ("cmp-text--meta", "article-meta"),  # a metadata variant of a text block
        ("site-header__inner", "page-header"),  # the page's header block, in BEM
        ("l-page__header", "page-header"),
        ("card__info--date", "article-meta"),
        ("kommentare", "comments"),  # localized names of chrome
        ("verwandte-artikel", "related"),
        ("articulos-relacionados", "related"),
        ("werbung-mitte", "ads"),  # a component: "werbung" wherever it stands
        ("publicidad", "ads"),
        ("teilen-leiste", "share-social"),  # a German layout word as suffix
        ("artikel-teilen", "share-social"),  # "artikel" as prefix, like "article-share"
        ("seitenleiste", "aside"),
        ("fusszeile", "page-footer"),
        ("navi", "nav-element"),
        ("product-slider-container", "gallery"),  # a shop's product cards under a guide
        ("cross-selling", "related"),
        ("next-prev", "nav-element"),  # the previous and next stories' headlines and teasers
        ("post-prev-next", "nav-element"),
        ("tagbox", "tags"),
        # WordPress plugins of hundreds of thousands of sites each, any language.
        ("wp-block-latest-posts", "related"),  # the block editor's latest posts
        ("rp4wp-related-posts", "related"),  # Related Posts for WordPress
        ("wp_rp_wrap", "related"),  # WordPress Related Posts
        ("yuzo_related_post", "related"),
        ("wpp-list", "related"),  # WordPress Popular Posts
        ("ssba-classic-2", "share-social"),  # Simple Share Buttons Adder
        ("essb_links", "share-social"),  # Easy Social Share Buttons
        ("swp_social_panel", "share-social"),  # Social Warfare
        ("mashsb-container", "share-social"),  # MashShare
        ("dpsp-share-buttons", "share-social"),  # Social Pug
        ("mc4wp-form", "newsletter"),  # MailChimp for WordPress
        ("wpdiscuz_top_clearing", "comments"),  # wpDiscuz
        ("abh_box", "article-meta"),  # Starbox's author box
        ("molongui-author-box", "article-meta"),
    ],
)
def test_compound_and_plugin_tokens_are_chrome(token: str, rule: str) -> None:
    group = _plain_token_group(token)
    assert group is not None and group.rule == rule


@pytest.mark.parametrize(
    "token",
    [
        "block-ctools-block",  # Drupal Chaos Tools: "c" + "tools" needs a separator
        "ctools",
        "cmp-container",  # AEM Core Components hold whole articles
        "cmp-text",
        "cmp-title",
        "jp-carousel-image",  # a namespace alone marks nothing
        "td-post-content",
        "share-price",
        "related-work",
        "no-comments",  # a negation, not a namespace
        "grid-layout--adrail",  # a modifier names a variant: a grid beside an ad rail
        "cmp-text--intro",
        "terms",  # a terms-of-use page's text
        "elementor-icon-box-wrapper",  # feature text beside an icon
        "playerstats",  # a sports table, not a player
        "next",  # "next" alone names a slider's button or the next step, as often as a post link
        "tag",
        "player",  # a match report's player names
        "chart-topper",  # an article about a song
        "galleryitem-caption",
        "gallery-article__intro",  # a gallery page's intro (fixtures/coastline-gallery-lighthouses)
        "category-uncategorized",  # WordPress names the <article> by its category
        "live-post__header",  # one live-blog entry's time and heading, not the page's header
        "c-entry__header",
        "kommentar",  # a German paper's opinion piece, not its comments
        "artikel-text",
        "beitrag-inhalt",
        "traueranzeige",  # an obituary notice, not an ad
        "product-detail-description",  # a product page's own text
        "product-info",
        "wp-block-post-content",  # the block editor's post body, beside its latest-posts block
        "abhandlung",  # a component is a whole part: not "abh" + "andlung"
        "swpm-post-content",  # Simple Membership's protected post body
        "latest",  # "latest" alone heads a live blog's newest entries as often
        "swp_ctt",  # Social Warfare's click-to-tweet box: a quote of the story
    ],
)
def test_false_friends_are_not_chrome(token: str) -> None:
    assert _plain_token_group(token) is None
