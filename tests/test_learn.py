"""``cleanup learn``: rules from tiny synthetic sites (5 pages sharing chrome, different articles)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleanup import clean
from cleanup.cli.main import main
from cleanup.model import Options
from cleanup.sites.learn import learn_site, line_regex, page_lines
from cleanup.sites.load import load_site

TOPICS = ["harbour", "library", "orchard", "railway", "museum"]
CHROME = "Weekend edition: crossword, letters and the week in pictures"
TRAP = "The council said it would publish the full minutes of the meeting on its website next week."


def article(topic: str) -> list[str]:
    """Four long paragraphs of their own, and the trap sentence inside the body."""
    return [
        f"The {topic} project in Springfield moved ahead on Tuesday after a long debate among residents"
        f" who had asked for changes to the {topic} plans for more than two years.",
        f"Supporters of the {topic} said the work would bring visitors and jobs to the old quarter, while"
        f" critics of the {topic} worried about the cost and the noise during construction.",
        TRAP,
        f"Engineers expect the first phase of the {topic} to take eighteen months, and a second phase"
        f" of the {topic} would follow if the money from the regional fund arrives in time.",
        f"Residents can see the drawings of the {topic} at the town hall until the end of the month, and"
        f" comments on the {topic} are open until the council meets again in the spring.",
    ]


def page(topic: str) -> str:
    lines = [f"Springfield Gazette - {topic.title()} plans approved", "", f"{topic.title()} plans approved", ""]
    for para in article(topic):
        lines += [para, ""]
    lines += [CHROME, ""]
    return "\n".join(lines)


def site(tmp_path: Path, topics: list[str] = TOPICS) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for topic in topics:
        (pages / f"{topic}.txt").write_text(page(topic), encoding="utf-8")
    return pages


def learned(topics: list[str]):
    pages = [page_lines(t, clean(page(t))) for t in topics]
    return learn_site("gazette.example", pages)


def test_the_generic_rules_keep_the_chrome_line() -> None:
    # The premise of the other tests: without learned rules the line stays.
    assert CHROME in clean(page("harbour")).paragraphs


def test_a_line_on_every_page_after_the_article_is_learned_with_its_evidence() -> None:
    found = learned(TOPICS)
    rules = {r.selector: r for r in found.rules}
    assert line_regex(CHROME) in rules
    assert rules[line_regex(CHROME)].why.startswith("on 5 of 5 pages; e.g. 'Weekend edition")


def test_a_sentence_recurring_inside_every_article_is_refused_and_listed() -> None:
    found = learned(TOPICS)
    assert all(TRAP[:20] not in r.selector for r in found.rules)
    assert [r.text for r in found.refused] == [TRAP]


def test_the_rules_do_not_depend_on_input_order() -> None:
    assert learned(TOPICS).toml() == learned(TOPICS[::-1]).toml()


def test_two_pages_learn_nothing() -> None:
    found = learned(TOPICS[:2])
    assert found.rules == ()
    assert "fewer than --min-pages" in found.note


def test_line_regex_escapes_metacharacters() -> None:
    assert line_regex("Price (USD): $5.00 [1/2]") == r"^Price \(USD\): \$5\.00 \[1/2\]$"


def test_learn_then_clean_with_the_rules_drops_the_chrome_and_keeps_every_article_paragraph(tmp_path: Path) -> None:
    pages = site(tmp_path)
    rules = tmp_path / "rules"
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "www.gazette.example"])
    assert out.exit_code == 0, out.output
    assert "refused as article text" in out.output and TRAP[:30] in out.output
    loaded = load_site(rules / "gazette.example.toml")
    assert [r.id for r in loaded.drop_line + loaded.drop_from] != []
    for topic in TOPICS:
        result = clean(page(topic), Options(rules_dirs=(str(rules),), site="gazette.example"))
        assert CHROME not in result.paragraphs
        assert all(p in result.paragraphs for p in article(topic))
        assert any(r.rule.startswith("gazette.example:learned-") for r in result.removed)


def test_learn_groups_pages_by_the_url_in_each_dump(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, topic in enumerate(TOPICS):
        host = "a.example" if n % 2 else "www.b.example"
        (pages / f"{topic}.txt").write_text(f"https://{host}/news/{topic}\n\n" + page(topic), encoding="utf-8")
    rules = tmp_path / "rules"
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules)])
    assert out.exit_code == 0, out.output
    assert "a.example: 2 pages" in out.output and "b.example: 3 pages" in out.output


def test_learn_with_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "nope"), "-o", str(tmp_path / "r")])
    assert out.exit_code == 2


def test_one_shot_learn_cleans_with_the_rules_learned_from_the_batch(tmp_path: Path) -> None:
    pages = site(tmp_path)
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["--learn", "--site", "gazette.example", "-o", str(out), str(pages)])
    assert done.exit_code == 0, done.output
    assert "learned: gazette.example: 5 pages" in done.output
    for topic in TOPICS:
        text = (out / f"{topic}.txt").read_text(encoding="utf-8")
        assert CHROME not in text
        assert all(p in text for p in article(topic))


def test_one_shot_learn_refuses_standard_input() -> None:
    done = CliRunner().invoke(main, ["--learn", "-"], input="x")
    assert done.exit_code == 2
    assert "--learn reads the inputs twice" in done.output
