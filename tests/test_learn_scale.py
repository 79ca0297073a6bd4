"""``cleanup learn`` on big pages: kept lines found in a page's blocks in one pass, exactly as runs of text."""

from __future__ import annotations

from cleanup.html.blocks import block_hits


def test_a_menu_word_is_held_by_the_menu_and_not_by_a_paragraph_that_starts_with_it() -> None:
    markup = (
        "<body><ul id='menu'><li>News</li><li>Sport</li></ul>"
        "<div class='story'><p>Newsletter readers asked about the harbour plans again this week.</p></div></body>"
    )
    hits = block_hits(markup, ["News", "Sport", "Newsletter readers asked about the harbour plans again this week."])
    assert hits["//ul[@id='menu']"].covers == {0, 1}
    assert hits["//div[@class='story']"].touches == {2}  # "News" inside "Newsletter" is no copy of the line


def test_a_line_held_twice_is_covered_only_by_a_path_holding_both_copies() -> None:
    markup = "<body><div id='a'><p>Share this</p></div><div id='b'><p>Share this</p></div></body>"
    hits = block_hits(markup, ["Share this"])
    assert hits["//div[@id='a']"].touches == {0}
    assert hits["//div[@id='a']"].covers == frozenset()


def test_a_kept_line_that_is_part_of_a_text_node_is_still_found_by_its_text() -> None:
    markup = "<body><div class='note'><p>Editor's note: the harbour story was updated on Monday.</p></div></body>"
    hits = block_hits(markup, ["the harbour story was updated on Monday."])
    assert hits["//div[@class='note']"].covers == {0}


def test_a_page_of_twenty_thousand_paragraphs_has_every_line_in_its_container() -> None:
    lines = [f"Paragraph {i} of the long record, with words of its own." for i in range(20_000)]
    markup = "<body><div class='story'>" + "".join(f"<p>{t}</p>" for t in lines) + "</div></body>"
    hits = block_hits(markup, lines)
    assert hits["//div[@class='story']"].covers == frozenset(range(20_000))
    assert hits["//div[@class='story']"].chars == sum(len(t.replace(" ", "")) for t in lines)


def test_three_pages_of_twenty_thousand_lines_learn_their_chrome_and_refuse_their_articles_shape() -> None:
    from cleanup.sites.learn import PageLines, learn_site

    def story(k: int) -> list[str]:
        return [
            f"Paragraph {i} of record {k}, with words of its own and enough of them to be read as the prose of a story."
            for i in range(20_000)
        ]

    pages = [PageLines(f"p{k}", ("Subscribe to the Gazette", *story(k), f"Page {k} of 3")) for k in range(3)]
    found = learn_site("gazette.example", pages)
    assert sorted(r.selector for r in found.rules) == ["^Page \\d+ of \\d+$", "^Subscribe to the Gazette$"]
    assert [r.text for r in found.refused] == [
        "Paragraph 0 of record 0, with words of its own and enough of them to be read as the prose of a story."
    ]
