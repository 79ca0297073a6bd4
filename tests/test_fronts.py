"""A section front (headlines and teasers of other pages) holds no article; a story with teasers does."""

from __future__ import annotations

from cleanup import clean

TEASERS = [
    (
        "Four more cases of bird flu found",
        "Four new cases of the virus were found in the east of the country.",
    ),
    ("Body's defence manual recorded", "Scientists say they have found how the body learns to fight the infection."),
    (
        "Cholesterol drugs may save sight",
        "Drugs that lower cholesterol may prevent a common form of blindness.",
    ),
    ("Salt cut lowers blood pressure", "Eating less salt and more potassium reduces blood pressure, a review finds."),
]
FRONT_TEASERS = "".join(f'<h2><a href="/news/{i}">{h}</a></h2><p>{t}</p>' for i, (h, t) in enumerate(TEASERS))
STORY = (
    "The council voted on Tuesday to close the old bridge for repairs after inspectors found cracks in "
    "two of its piers during the autumn survey of the river crossings, and said the work would take most "
    "of next year. Drivers will be sent over the northern bypass, which the county widened last spring."
)


def page(title: str, body: str, head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><h1>{title}</h1><div id=main>{body}</div></body></html>"
    )


def test_a_section_front_comes_out_empty_and_says_why() -> None:
    result = clean(page("Health", FRONT_TEASERS))
    assert result.text == ""
    assert {r.rule for r in result.removed} >= {"section-front"}
    assert any("Cholesterol drugs may save sight" in r.text for r in result.removed)  # reported, not dropped


def test_a_story_with_teasers_under_it_is_no_front() -> None:
    # Keep-traps: a short headline, no og:type, teasers under it: a paragraph of a story is longer than a teaser.
    result = clean(page("Bridge closes", f"<p>{STORY}</p><p>{STORY[:150]}</p>{FRONT_TEASERS}"))
    assert STORY in result.text


def test_a_page_that_declares_an_article_is_no_front() -> None:
    head = '<meta property="og:type" content="article">'
    short = "".join(f"<p>{t}</p>" for _, t in TEASERS)
    result = clean(page("Bird flu", short + FRONT_TEASERS, head))
    assert TEASERS[0][1] in result.text


def test_a_brief_with_a_long_headline_is_no_front() -> None:
    result = clean(page("Four more cases of bird flu found in the east", FRONT_TEASERS))
    assert TEASERS[0][1] in result.text


def test_a_story_of_short_paragraphs_with_teasers_left_in_is_no_front() -> None:
    # Keep-trap: every paragraph shorter than a teaser can be; five of them under no linked heading.
    paragraphs = "".join(f"<p>{STORY[:200]} ({i})</p>" for i in range(5))
    result = clean(page("Bridge closes", paragraphs + FRONT_TEASERS))
    assert f"{STORY[:200]} (4)" in result.text


def test_a_site_date_rule_matching_on_a_front_does_not_make_it_a_story(tmp_path) -> None:
    # Found with the FiveFilters configs loaded: a site's date XPath, written for its stories,
    # matched a front's "Last updated" and the front came out as an article.
    from cleanup.model import Options

    (tmp_path / "example.org.txt").write_text("date: //span[@class='date']\n", encoding="utf-8")
    front = page("Health", '<span class="date">5 April 2013</span>' + FRONT_TEASERS)
    options = Options(url="https://example.org/news/health", rules_dirs=(str(tmp_path),))
    result = clean(front, options)
    assert result.text == "" and result.date is not None
    assert {r.rule for r in result.removed} >= {"section-front"}
