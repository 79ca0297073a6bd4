"""``cleanup learn``: rules from tiny synthetic sites (5 pages sharing chrome, different articles)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import clean
from cleanup.batch.learn import learn_page
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


def test_a_story_crawled_under_several_urls_counts_once() -> None:
    # Found by an attack run: one story under three URL variants among six others had its paragraphs
    # learned as the site's chrome (327 words cut to 50).
    topics = [*TOPICS, "stadium", "harbour", "harbour"]
    pages = [page_lines(f"{t}-{n}", clean(page(t))) for n, t in enumerate(topics)]
    found = learn_site("gazette.example", pages)
    assert found.pages == 6
    assert not any("harbour" in r.selector for r in found.rules)
    assert line_regex(CHROME) in {r.selector for r in found.rules}


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


def test_learn_replaces_a_linked_site_file_instead_of_writing_through_it(tmp_path: Path) -> None:
    # Found by an attack run: learn wrote the rules through a link in -o to a file outside it.
    pages, rules, victim = site(tmp_path), tmp_path / "rules", tmp_path / "victim.txt"
    rules.mkdir()
    victim.write_text("VICTIM\n")
    (rules / "gazette.example.toml").symlink_to(victim)
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 0, out.output
    assert victim.read_text() == "VICTIM\n"
    assert not (rules / "gazette.example.toml").is_symlink() and load_site(rules / "gazette.example.toml").drop_line


def test_learn_never_overwrites_an_input(tmp_path: Path) -> None:
    pages, rules = site(tmp_path), tmp_path / "rules"
    rules.mkdir()
    dump = rules / "gazette.example.toml"  # a page dump that happens to carry the site file's name
    dump.write_text(page("stadium"), encoding="utf-8")
    out = CliRunner().invoke(main, ["learn", str(pages), str(dump), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 123 and "it is an input of this run" in out.output
    assert dump.read_text(encoding="utf-8") == page("stadium")


@pytest.mark.parametrize("bad", ["a-file", "loop"])
def test_learn_with_an_unusable_rules_directory_says_so(tmp_path: Path, bad: str) -> None:
    # Found by an attack run: a file or a link loop as -o gave a traceback.
    pages = site(tmp_path)
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(tmp_path / bad), "--site", "gazette.example"])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "cannot use it as the rules directory" in out.output or "is a file" in out.output


def test_learn_with_an_input_that_fails_exits_123_and_still_writes_the_rules(tmp_path: Path) -> None:
    # Found by an attack run: an "error:" line for an input, and exit 0, as if every page was read.
    pages, rules = site(tmp_path), tmp_path / "rules"
    (pages / "empty.txt").write_text("")
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 123 and "empty input" in out.output
    assert (rules / "gazette.example.toml").exists()


def test_learn_counts_files_a_batch_leaves_out_instead_of_failing(tmp_path: Path) -> None:
    # A new-user trial: a README (no extension) and a .php file beside the pages made learn exit 123.
    pages, rules = site(tmp_path), tmp_path / "rules"
    (pages / "README").write_text("just some notes\n")
    (pages / "x.php").write_text("<?php echo 1; ?>\n")
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 0, out.output
    assert "2 left out (2 files neither named nor shaped like pages)." in out.output
    assert "error" not in out.output
    assert (rules / "gazette.example.toml").exists()


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


@pytest.mark.parametrize("given", ["../../escaped", "bad host", "x" * 300])
def test_learn_refuses_a_site_that_is_no_host_name(tmp_path: Path, given: str) -> None:
    # Found by an attack run: --site became a file name as given, so ../../escaped.toml was written outside -o.
    rules = tmp_path / "deep" / "er" / "rules"
    out = CliRunner().invoke(main, ["learn", str(site(tmp_path)), "-o", str(rules), "--site", given])
    assert out.exit_code == 2 and "--site: not a host name" in out.output
    assert not list(tmp_path.rglob("*.toml"))


def test_learn_writes_no_site_file_that_a_run_then_calls_no_host_name(tmp_path: Path) -> None:
    """Every file learned loads without the 'not a host name' warning: a single label ("www", from
    https://www/x) is no host file; a label with "_" is one, and pages at that host use it."""
    records = [{"url": f"http://{host}/{t}", "text": page(t)} for host in ("www", "a_b.example") for t in TOPICS]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    rules = tmp_path / "rules"
    out = CliRunner().invoke(main, ["learn", str(crawl), "-o", str(rules)])
    assert out.exit_code == 0, out.output
    assert [p.name for p in rules.iterdir()] == ["a_b.example.toml"], out.output
    again = CliRunner().invoke(main, ["--rules", str(rules), "-"], input="Title\n\nSome text.\n")
    assert again.exit_code == 0 and "not a host name" not in again.output, again.output
    lint = CliRunner().invoke(main, ["rules", "lint", str(rules)])
    assert lint.exit_code == 0, lint.output


def test_learn_takes_a_url_for_site(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    out = CliRunner().invoke(
        main, ["learn", str(site(tmp_path)), "-o", str(rules), "--site", "https://www.b.example/x"]
    )
    assert out.exit_code == 0, out.output
    assert [p.name for p in rules.iterdir()] == ["b.example.toml"]


def test_a_record_url_whose_host_is_no_file_name_does_not_stop_learning(tmp_path: Path) -> None:
    # A NUL in a record's URL, or a host longer than a file name may be, crashed the whole run.
    bad = ["http://a\x00b.example/1", "http://" + "x" * 300 + ".example/1"]
    records = [{"url": url, "text": page(TOPICS[0])} for url in bad]
    records += [{"url": f"http://b.example/{t}", "text": page(t)} for t in TOPICS]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = CliRunner().invoke(main, ["learn", str(crawl), "-o", str(tmp_path / "rules")])
    assert out.exit_code == 0, out.output
    assert [p.name for p in (tmp_path / "rules").iterdir()] == ["b.example.toml"]
    assert "2 pages with no URL to tell their host" in out.output


def test_learn_with_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "nope"), "-o", str(tmp_path / "r")])
    assert out.exit_code == 2


def test_learn_takes_the_batchs_input_flags(tmp_path: Path) -> None:
    # Found by a new-user trial: learn had no --text-field, --url-field, --include ...
    feed = tmp_path / "items.jsonl"
    records = [{"body": page(topic), "link": f"https://gazette.example/{topic}"} for topic in TOPICS]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    args = ["learn", str(feed), "-o", str(tmp_path / "r"), "--text-field", "body", "--url-field", "link"]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    assert "gazette.example: 5 pages" in out.stderr and (tmp_path / "r" / "gazette.example.toml").exists()


def test_learn_says_why_it_learned_nothing(tmp_path: Path) -> None:
    # Found by a new-user trial: an empty directory gave exit 2 and no message; an empty page was a "page with no URL".
    (tmp_path / "pages").mkdir()
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "pages"), "-o", str(tmp_path / "r")])
    assert (out.exit_code, out.stderr) == (2, f"error: no pages in {tmp_path / 'pages'}\n")
    (tmp_path / "pages" / "a.txt").write_text("  \n", encoding="utf-8")
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "pages"), "-o", str(tmp_path / "r")])
    assert (out.exit_code, out.stderr) == (2, f"error: {tmp_path / 'pages' / 'a.txt'}: empty input\n")


def test_learn_reads_as_the_batch_does_max_bytes_and_gzip(tmp_path: Path) -> None:
    # Found by an attack review: learn read a 3 GB file whole, and counted an empty .gz as a page.
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "big.html").write_bytes(b"x" * 2000)
    (tmp_path / "pages" / "e.txt.gz").write_bytes(gzip.compress(b" "))
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "pages"), "-o", str(tmp_path / "r"), "--max-bytes", "1000"])
    assert out.exit_code == 2
    assert f"error: {tmp_path / 'pages' / 'big.html'}: input is over the limit of 1,000 bytes" in out.stderr
    assert f"error: {tmp_path / 'pages' / 'e.txt.gz'}: empty input" in out.stderr


def test_a_broken_config_file_is_a_one_line_error_for_the_subcommands(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "cleanup.toml").write_text("rules = [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["rules", "list"], ["learn", "x", "-o", "r"]):
        out = CliRunner().invoke(main, args)
        assert out.exit_code == 2 and "Error: config file" in out.stderr and "Traceback" not in out.output


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


def test_one_shot_learn_reads_the_inputs_as_the_batch_does(tmp_path: Path) -> None:
    # Found by a new-user trial: the learning pass ignored --text-field/--include, learned nothing, said nothing.
    feed = tmp_path / "items.jsonl"
    records = [{"body": page(topic), "link": f"https://gazette.example/{topic}"} for topic in TOPICS]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["--learn", "--text-field", "body", "--url-field", "link", "-o", str(out), str(feed)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "learned: gazette.example: 5 pages" in done.stderr
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(texts) == len(TOPICS) and all(CHROME not in text for text in texts)


def test_one_shot_learn_warns_of_pages_with_no_host_and_still_cleans_them(tmp_path: Path) -> None:
    pages = site(tmp_path)  # text dumps with no URL, and no --site
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["--learn", "-o", str(out), str(pages)])
    assert done.exit_code == 0, done.output
    message = "warning: 5 pages had no URL to tell their host, so nothing was learned for them (give --site HOST)"
    assert message in done.stderr
    assert "5 cleaned." in done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{topic}.txt" for topic in TOPICS)


def test_one_shot_learn_refuses_standard_input() -> None:
    done = CliRunner().invoke(main, ["--learn", "-"], input="x")
    assert done.exit_code == 2
    assert "--learn reads the inputs twice" in done.output


# HTML: a recurring block inside the article container that the generic extractor keeps.
def html_page(topic: str) -> str:
    """An article container holding a per-page promo block and a note box of article text."""
    paras = article(topic)
    story = "".join(f"<p>{p}</p>" for p in paras[:2])
    story += f"<div class='kicker'><p>Read more from the {topic} desk: letters and pictures</p></div>"
    story += f"<div class='aside-note'><p>{paras[2]} The {topic} team agreed.</p></div>"
    story += "".join(f"<p>{p}</p>" for p in paras[3:])
    return (
        f"<html><head><title>{topic.title()} plans approved</title></head><body>"
        "<div id='top'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<div id='main'><h1>{topic.title()} plans approved</h1><div class='story-text'>{story}</div></div>"
        "<div id='foot'><p>Copyright Springfield Gazette</p></div></body></html>"
    )


def html_learned(topics: list[str]):
    pages = [learn_page(t, html_page(t), clean(html_page(t)), Options()) for t in topics]
    return learn_site("gazette.example", pages)


def test_a_recurring_block_the_generic_extractor_keeps_becomes_a_strip_rule_with_evidence() -> None:
    assert "Read more from the harbour desk" in clean(html_page("harbour")).text  # the premise
    rules = {r.selector: r for r in html_learned(TOPICS).rules}
    assert rules["//div[@class='kicker']"].kind == "strip"
    assert (
        rules["//div[@class='kicker']"].why
        == "on 5 of 5 pages; e.g. 'Read more from the harbour desk: letters and pictures'"
    )


def test_the_container_holding_the_article_on_most_pages_becomes_a_body_rule() -> None:
    body = [r for r in html_learned(TOPICS).rules if r.kind == "body"]
    assert [r.selector for r in body] == ["//div[@class='story-text']"]
    assert body[0].why.startswith("holds the article on 5 of 5 pages; e.g. ")


def test_a_recurring_block_holding_article_text_is_refused_and_listed() -> None:
    found = html_learned(TOPICS)
    assert all("aside-note" not in r.selector for r in found.rules)
    assert [r.text for r in found.refused if "aside-note" in r.text] == ["//div[@class='aside-note']"]


def test_html_rules_do_not_depend_on_input_order() -> None:
    assert html_learned(TOPICS).toml() == html_learned(TOPICS[::-1]).toml()


def test_rules_from_five_html_pages_clean_a_sixth_page_and_keep_its_article(tmp_path: Path) -> None:
    (tmp_path / "gazette.example.toml").write_text(html_learned(TOPICS).toml(), encoding="utf-8")
    result = clean(html_page("stadium"), Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert "Read more from the stadium desk" not in result.text
    assert "gazette.example:learned-div-kicker" in {r.rule for r in result.removed}
    assert all(p in result.text for p in article("stadium"))
    assert result.extractor == "site-rule"


def test_two_html_pages_learn_nothing_and_change_nothing(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for topic in TOPICS[:2]:
        (pages / f"{topic}.html").write_text(html_page(topic), encoding="utf-8")
    rules = tmp_path / "rules"
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 0, out.output
    assert list(rules.iterdir()) == []
    page = html_page("stadium")
    assert clean(page, Options(rules_dirs=(str(rules),))).text == clean(page).text


USER_RULE = """[[drop_line]]
name = "weekend-edition"
why = "the user's own rule"
regex = '^Weekend edition:'
"""
BRIEFING = "Our reporters cover the five towns of the valley every day"


def user_rules_and_pages(tmp_path: Path) -> tuple[Path, Path]:
    """A user rules directory dropping the CHROME line, and pages with one more chrome line after it."""
    user = tmp_path / "user"
    user.mkdir()
    (user / "gazette.example.toml").write_text(USER_RULE, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for topic in TOPICS:
        text = page(topic).replace(CHROME, f"{BRIEFING}\n\n{CHROME}")
        (pages / f"{topic}.txt").write_text(text, encoding="utf-8")
    return user, pages


def test_learn_applies_the_users_rules_first_and_its_file_holds_them_then_the_learned_ones(tmp_path: Path) -> None:
    user, pages = user_rules_and_pages(tmp_path)
    rules = tmp_path / "rules"
    args = ["learn", str(pages), "-o", str(rules), "--site", "gazette.example", "--rules", str(user)]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    loaded = load_site(rules / "gazette.example.toml")
    names = [r.id.split(":")[1] for r in loaded.drop_line + loaded.drop_from]
    assert names[0] == "weekend-edition"  # the user's rule, kept first
    assert all(CHROME[:20] not in r.pattern.pattern for r in loaded.drop_line[1:] + loaded.drop_from)
    assert any(BRIEFING[:20] in r.pattern.pattern for r in loaded.drop_line + loaded.drop_from)
    assert f"the file holds the rules of {user / 'gazette.example.toml'} first" in out.output


def test_learned_file_over_a_fivefilters_one_loads_and_leaves_its_body_rules_out(tmp_path: Path) -> None:
    # Found by a new-user trial: global.txt's rules, numbered on their own, gave duplicate names
    # ("strip#1" twice) and the file did not load; a FiveFilters body rule became a trusted TOML one.
    user, pages = user_rules_and_pages(tmp_path)
    (user / "gazette.example.toml").unlink()
    (user / "gazette.example.txt").write_text(
        "body: //div[@id='story']\nstrip: //div[@class='promo']\n", encoding="utf-8"
    )
    (user / "global.txt").write_text("strip: //div[@class='ad']\n", encoding="utf-8")
    rules = tmp_path / "rules"
    args = ["learn", str(pages), "-o", str(rules), "--site", "gazette.example", "--rules", str(user)]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    loaded = load_site(rules / "gazette.example.toml")
    assert [r.id for r in loaded.strip] == ["gazette.example:strip#1", "gazette.example:global-strip#1"]
    assert loaded.body == () and "not carried over: body" in out.output


def test_learn_and_rules_list_take_the_config_files_rules(tmp_path: Path, monkeypatch) -> None:
    # Found by a new-user trial: both said "as for cleanup itself" but ignored cleanup.toml's rules.
    user, _ = user_rules_and_pages(tmp_path)
    (tmp_path / "cleanup.toml").write_text(f'rules = ["{user.name}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = CliRunner().invoke(main, ["rules", "list"])
    assert listed.exit_code == 0 and "gazette.example:weekend-edition" in listed.stdout
    assert "gazette.example:weekend-edition" not in CliRunner().invoke(main, ["rules", "list", "--no-config"]).stdout
    out = CliRunner().invoke(main, ["learn", "pages", "-o", "rules", "--site", "gazette.example"])
    assert out.exit_code == 0, out.output
    assert f"the file holds the rules of {user / 'gazette.example.toml'} first" in out.output


def test_one_shot_learn_adds_to_the_users_rules(tmp_path: Path) -> None:
    user, pages = user_rules_and_pages(tmp_path)
    out = tmp_path / "out"
    args = ["--learn", "--rules", str(user), "--site", "gazette.example", "-o", str(out), str(pages)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    for topic in TOPICS:
        text = (out / f"{topic}.txt").read_text(encoding="utf-8")
        assert CHROME not in text and BRIEFING not in text
        assert all(p in text for p in article(topic))


def test_list_rules_lists_fivefilters_site_rules_of_the_rules_directory(tmp_path: Path) -> None:
    (tmp_path / "gazette.example.txt").write_text("strip: //div[@class='promo']\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["--list-rules", "--rules", str(tmp_path)])
    assert out.exit_code == 0, out.output
    row = next(line for line in out.output.splitlines() if line.startswith("gazette.example:"))
    assert row.endswith(f"({tmp_path / 'gazette.example.txt'}:1)")


def test_a_chrome_line_whose_number_changes_is_learned_as_its_shape(tmp_path: Path) -> None:
    def counted(topic: str, n: int) -> str:
        return page(topic).replace(CHROME, f"Valley edition {n} of the year\n\n{CHROME}")

    pages = [page_lines(t, clean(counted(t, 3 + 7 * n))) for n, t in enumerate(TOPICS)]
    assert "Valley edition 3 of the year" in pages[0].kept  # the premise: the generic rules keep it
    found = learn_site("gazette.example", pages)
    rules = {r.selector: r for r in found.rules}
    assert rules[r"^Valley edition \d+ of the year$"].why == "on 5 of 5 pages; e.g. 'Valley edition 3 of the year'"
    (tmp_path / "gazette.example.toml").write_text(found.toml(), encoding="utf-8")
    result = clean(counted("stadium", 42), Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert "Valley edition 42 of the year" not in result.paragraphs
    assert all(p in result.paragraphs for p in article("stadium"))


def test_a_container_that_misses_the_article_on_one_page_is_no_body_rule() -> None:
    def split_page(topic: str) -> str:  # on the last page the closing paragraph sits outside the story box
        page = html_page(topic)
        if topic != TOPICS[-1]:
            return page
        last = f"<p>{article(topic)[-1]}</p>"
        return page.replace(last, "").replace("</div></div><div id='foot'>", f"</div>{last}</div><div id='foot'>")

    assert article(TOPICS[-1])[-1] in clean(split_page(TOPICS[-1])).text  # the premise: the generic keeps it
    pages = [learn_page(t, split_page(t), clean(split_page(t)), Options()) for t in TOPICS]
    found = learn_site("gazette.example", pages)
    assert all("story-text" not in r.selector for r in found.rules if r.kind == "body")
    refused = {r.text: r.reason for r in found.refused}
    assert refused["//div[@class='story-text']"] == "as a body: misses the article on 1 of 5 pages it matches"


def test_a_site_drop_from_cutting_the_tail_leaves_the_byline_the_generic_rules_keep(tmp_path: Path) -> None:
    # A site drop_from that cuts a comment tail the generic rules keep must not turn the
    # byline under the story, now the page's last line, into page footer: site rules
    # drop the lines they match, and a line the generic rules keep stays otherwise.
    byline = "Reporting by Ann Lee; Editing by Tom Brown"  # a credit line the generic rules keep
    badges = [  # comment-badge blurbs: they read like prose, so the generic rules keep them
        f"{who} consistently offer thought-provoking, timely comments on {what} for the readers of the valley."
        for who, what in [("SuperFans", "sports and teams"), ("Culture fans", "the arts"), ("Watchers", "the weather")]
    ]
    lines = ["Springfield Gazette - Harbour plans approved", "Harbour plans approved", *article("harbour")]
    text = "\n\n".join([*lines, byline, "Next: Bridge repairs start in May", *badges])
    generic = clean(text)
    assert byline in generic.paragraphs and badges[0] in generic.paragraphs  # the premise
    (tmp_path / "gazette.example.toml").write_text(
        "[[drop_from]]\nname = 'next'\nwhy = 'the next story and comments'\nregex = '^Next:\\s'\n", encoding="utf-8"
    )
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert not any(b in result.paragraphs for b in badges)  # the rule still drops its tail
    assert [r.rule for r in result.removed if "Next:" in r.text] == ["gazette.example:next"]
    assert "Springfield Gazette - Harbour plans approved" not in result.paragraphs  # page-chrome under both
    assert byline in result.paragraphs  # the keep-trap
    assert all(p in result.paragraphs for p in article("harbour"))


def test_a_site_drop_from_starts_in_the_article_never_at_the_same_line_in_the_menu_above_it(tmp_path: Path) -> None:
    # 'Top Stories' heads the teasers under the story and is also a menu item above it: the
    # cut starts at the teasers (positive) and the menu item leaves the article alone (keep-trap).
    teasers = [
        "Bridge repairs start in May after the council found the money for the work on the old span.",
        "The school roof was fixed after the storm, and pupils are back in their classrooms this week.",
    ]
    head = ["Springfield Gazette - Harbour plans approved", "Home", "Top Stories", "Sport", "Harbour plans approved"]
    text = "\n\n".join([*head, *article("harbour"), "Top Stories", *teasers])
    assert teasers[0] in clean(text).paragraphs  # the premise: the generic rules keep the teasers
    (tmp_path / "gazette.example.toml").write_text(
        "[[drop_from]]\nname = 'top'\nwhy = 'teasers'\nregex = '^Top Stories$'\n", encoding="utf-8"
    )
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert all(p in result.paragraphs for p in article("harbour"))
    assert not any(t in result.paragraphs for t in teasers)
    assert any(r.rule == "gazette.example:top" and r.text.startswith("Top Stories\n") for r in result.removed)


@pytest.mark.parametrize("before", [0, 1])
def test_a_site_drop_from_met_at_the_top_of_a_story_looks_on_for_the_one_after_it(tmp_path: Path, before: int) -> None:
    # A drop_from marks where the article ends: one whose anchor a story quotes in its first
    # paragraph (a learned rule on a page it never saw) would cut the whole story. It starts
    # only after a quarter of the kept text or 500 characters, at the next match.
    story = article("harbour")
    anchor = "Photo gallery of the week"
    teasers = ["Bridge repairs start in May after the council found the money for the work on the old span."]
    text = "\n\n".join(["Harbour plans approved", *story[:before], anchor, *story[before:], anchor, *teasers])
    (tmp_path / "gazette.example.toml").write_text(
        f"[[drop_from]]\nname = 'gallery'\nwhy = 'teasers'\nregex = '^{anchor}$'\n", encoding="utf-8"
    )
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert all(p in result.paragraphs for p in story)
    assert not any(t in result.paragraphs for t in teasers)


def test_a_site_drop_from_still_cuts_a_comment_thread_longer_than_the_story(tmp_path: Path) -> None:
    story = article("harbour")
    comment = "Reader {} writes that the harbour plan will bring traffic to the old town for years."
    comments = [comment.format(n) for n in range(40)]
    text = "\n\n".join(["Harbour plans approved", *story, "From the mailbag", *comments])
    assert sum(map(len, comments)) > 2 * sum(map(len, story))  # the premise
    (tmp_path / "gazette.example.toml").write_text(
        "[[drop_from]]\nname = 'talk'\nwhy = 'comments'\nregex = '^From the mailbag$'\n", encoding="utf-8"
    )
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert all(p in result.paragraphs for p in story)
    assert not any(c in result.paragraphs for c in comments)


@pytest.mark.parametrize(("count", "cut"), [(3, True), (30, False)])
def test_a_drop_from_under_a_short_story_cuts_a_thread_up_to_three_times_its_length(
    tmp_path: Path, count: int, cut: bool
) -> None:
    # README: under 500 characters of story, the match needs a quarter of the kept text before it.
    story = ["The council voted on Tuesday to close the old bridge for six weeks of repairs, officials said."]
    comments = [f"Reader {n} writes that the bridge closure will make the commute a nightmare." for n in range(count)]
    text = "\n\n".join(["Bridge closes", *story, "From the mailbag", *comments])
    assert (sum(map(len, comments)) <= 3 * len(story[0])) is cut  # the premise
    (tmp_path / "gazette.example.toml").write_text(
        "[[drop_from]]\nname = 'talk'\nwhy = 'comments'\nregex = '^From the mailbag$'\n", encoding="utf-8"
    )
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert story[0] in result.paragraphs
    assert (comments[0] not in result.paragraphs) is cut


FOOTER = ["Most read this week", "Weather warning for the valley", "Contact us"]


def footed(topic: str, missed: bool = False) -> str:
    """A page whose footer the generic rules remove (a link list), or keep when ``missed`` (prose teasers)."""
    if missed:
        tail = [
            "Most read this week",
            f"The {topic} story was the most read on the site this week, ahead of the weather news.",
        ]
        tail.append("Readers also followed the council vote on the new bus routes through the old quarter.")
    else:
        tail = FOOTER
    head = [f"Springfield Gazette - {topic.title()}", f"{topic.title()} plans approved"]
    return "\n\n".join([*head, *article(topic), *tail])


def test_a_footer_line_the_generic_rules_remove_on_most_pages_ends_a_page_where_they_miss_it(tmp_path: Path) -> None:
    pages = [page_lines(t, clean(footed(t)), footed(t)) for t in TOPICS]
    assert "Most read this week" not in clean(footed("harbour")).paragraphs  # the premise: removed after the article
    found = learn_site("gazette.example", pages)
    rules = {r.selector: r for r in found.rules}
    # The first footer line only: the others would fire after it.
    assert [s for s in rules if rules[s].kind == "drop_from"] == [line_regex("Most read this week")]
    assert rules[line_regex("Most read this week")].why == "on 5 of 5 pages; e.g. 'Most read this week'"
    (tmp_path / "gazette.example.toml").write_text(found.toml(), encoding="utf-8")
    missed = footed("stadium", missed=True)
    assert "Most read this week" in clean(missed).paragraphs  # the premise: the generic rules miss this page's footer
    result = clean(missed, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert "Most read this week" not in result.paragraphs and not any(
        "most read on the site" in p for p in result.paragraphs
    )
    assert all(p in result.paragraphs for p in article("stadium"))


def test_a_footer_line_also_removed_above_an_article_or_kept_in_one_is_no_rule() -> None:
    # Keep-traps: 'Most read this week' is a menu item above the article on one page, or a line of one
    # page's article text: it is not only a footer line, so it is no rule (the next one is).
    def menu(topic: str) -> str:
        headline = f"{topic.title()} plans approved"
        return footed(topic).replace(headline, f"Most read this week\n\n{headline}", 1)

    def kept(topic: str) -> str:
        return footed(topic).replace(article(topic)[1], f"{article(topic)[1]}\n\nMost read this week", 1)

    for odd in (menu, kept):
        texts = [odd(TOPICS[0]), *(footed(t) for t in TOPICS[1:])]
        pages = [page_lines(t, clean(x), x) for t, x in zip(TOPICS, texts, strict=True)]
        # The premises: above the article it is left out of the page's footer lines; in it, kept.
        assert "Most read this week" in (pages[0].kept if odd is kept else pages[0].removed.difference(pages[0].after))
        found = learn_site("gazette.example", pages)
        assert [r.selector for r in found.rules] == [line_regex("Weather warning for the valley")]
        assert [r.kind for r in found.rules] == ["drop_from"]


def test_a_footer_line_a_generic_rule_drops_anywhere_is_no_rule_and_no_site_cut_starts_there(tmp_path: Path) -> None:
    # Keep-trap (found in review): 'Advert' ends every training page's article, but the ad-label
    # phrase drops it wherever it stands; as a drop_from it cut a later page's story in two.
    def advert(topic: str) -> str:
        return footed(topic).replace("Most read this week", "Advert", 1)

    pages = [page_lines(t, clean(advert(t)), advert(t)) for t in TOPICS]
    found = learn_site("gazette.example", pages)
    assert line_regex("Advert") not in {r.selector for r in found.rules}
    # And a hand-written rule on such a line does not start inside the article either.
    (tmp_path / "gazette.example.toml").write_text(
        "[[drop_from]]\nname = 'ad'\nwhy = 'tail'\nregex = '^Advert$'\n", encoding="utf-8"
    )
    story = article("stadium")
    text = "\n\n".join(["Springfield Gazette - Stadium", "Stadium plans approved", *story[:2], "Advert", *story[2:]])
    result = clean(text, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert all(p in result.paragraphs for p in story)


def test_a_recurring_line_next_to_the_sentence_every_story_repeats_is_inside_the_article() -> None:
    # On one page 'Most read' sits right above the sentence every story repeats: two recurring
    # lines in a row cut that page's article in two, and the line was learned as chrome
    # (a drop_line). The repeated sentence is article text, so it cuts nothing.
    texts = [footed(TOPICS[0]).replace(TRAP, f"Most read this week\n\n{TRAP}", 1), *(footed(t) for t in TOPICS[1:])]
    pages = [page_lines(t, clean(x), x) for t, x in zip(TOPICS, texts, strict=True)]
    assert "Most read this week" in pages[0].kept  # the premise
    found = learn_site("gazette.example", pages)
    refused = {r.text: r.reason for r in found.refused}
    assert refused["Most read this week"] == "inside the article on 1 of 1 pages that keep it"  # the keep-trap
    assert refused[TRAP] == "inside the article on 5 of 5 pages that keep it"
    assert [r.selector for r in found.rules] == [line_regex("Weather warning for the valley")]  # the positive


SLOW_RULE = '[site]\nname = "Slow"\n\n[[body]]\nname = "b"\nwhy = "cubic"\nxpath = "//*[count(//*[count(//*)<0])<0]"\n'


def _slow_site(tmp_path: Path) -> tuple[Path, Path]:
    """A rules directory whose body XPath takes minutes on the page beside it (an attack run's)."""
    rules, pages = tmp_path / "rules", tmp_path / "pages"
    rules.mkdir()
    pages.mkdir()
    (rules / "slow.example.toml").write_text(SLOW_RULE)
    body = "".join(
        f"<div><p>Paragraph {n} of the story about the council budget and the roads.</p></div>" for n in range(1500)
    )
    head = '<link rel="canonical" href="https://slow.example/story">'
    (pages / "p.html").write_text(f"<html><head>{head}</head><body><article>{body}</article></body></html>")
    return rules, pages


def test_the_learning_pass_keeps_the_batchs_time_limit(tmp_path: Path) -> None:
    # The first pass of --learn cleaned every page in this process: a page past --timeout hung it.
    rules, pages = _slow_site(tmp_path)
    cmd = [
        sys.executable,
        "-m",
        "cleanup",
        "--learn",
        "-q",
        "--rules",
        rules,
        "--timeout",
        "1",
        "-o",
        tmp_path / "o",
        pages,
    ]
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=60)
    assert done.returncode == 123, done.stderr
    assert "took longer than 1 s" in done.stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_cleanup_learn_with_its_exit_code_and_no_worker_left(
    tmp_path: Path, sig: int, code: int
) -> None:
    rules, pages = _slow_site(tmp_path)
    cmd = [sys.executable, "-m", "cleanup", "learn", "--rules", str(rules), str(pages), "-o", str(tmp_path / "lr")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(2)  # in the XPath by now
    proc.send_signal(sig)
    assert proc.wait(timeout=30) == code
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # the whole session is gone: the worker too


def test_a_text_dump_is_grouped_by_its_own_url_not_an_image_in_a_caption(tmp_path: Path) -> None:
    # A new-user trial: learn put the harborgazette fixture under cdn.harborgazette.example, the host of the
    # <img src> inside its [caption], while clean() finds no URL of the page there; and said "1 pages".
    from cleanup.pipeline import dump_urls

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "harborgazette-ferry-strike" / "input.txt"
    text = fixture.read_text(encoding="utf-8")
    assert clean(text).url is None and dump_urls(text.splitlines()) == []
    out = CliRunner().invoke(main, ["learn", str(fixture), "-o", str(tmp_path / "rules")])
    assert out.exit_code == 2, out.output
    assert "1 page with no URL to tell their host (give --site HOST)" in out.stderr
    assert "cdn.harborgazette.example" not in out.stderr
    own = tmp_path / "own.txt"
    own.write_text("https://www.harborgazette.example/ferry-strike\n\n" + text, encoding="utf-8")
    out = CliRunner().invoke(main, ["learn", str(fixture), str(own), "-o", str(tmp_path / "rules")])
    assert "harborgazette.example: 1 page, fewer than --min-pages 3: nothing learned" in out.stderr.splitlines()


HAND_WRITTEN = (
    '[site]\nname = "Gazette by hand"\n\n[[drop_line]]\nname = "mine"\nwhy = "my rule"\nregex = "^Hand-written$"\n'
)


def test_learn_never_replaces_a_hand_written_site_file(tmp_path: Path) -> None:
    # Found by an attack run: `learn -o hand/` replaced hand/HOST.toml with the learned rules alone.
    pages, rules = site(tmp_path), tmp_path / "rules"
    rules.mkdir()
    mine = rules / "gazette.example.toml"
    mine.write_text(HAND_WRITTEN, encoding="utf-8")
    out = CliRunner().invoke(main, ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"])
    assert out.exit_code == 123 and "cleanup learn did not write it: not replaced" in out.output
    assert mine.read_text(encoding="utf-8") == HAND_WRITTEN
    # Learned on top of it (--rules names it): the file holds the user's rules, then the learned ones.
    args = ["learn", str(pages), "--rules", str(rules), "-o", str(rules), "--site", "gazette.example"]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    written = mine.read_text(encoding="utf-8")
    assert written.startswith("# Learned by `cleanup learn`")
    assert "name = 'mine'" in written and "name = 'learned-" in written
    # A plain learn now would drop the user's rule that file holds: refused (a review found it lost).
    plain = ["learn", str(pages), "-o", str(rules), "--site", "gazette.example"]
    assert CliRunner().invoke(main, plain).exit_code == 123 and "name = 'mine'" in mine.read_text(encoding="utf-8")
    # A file learn wrote with learned rules only is replaced by the next run; one with a rule added by hand is not.
    fresh = tmp_path / "fresh"
    again = ["learn", str(pages), "-o", str(fresh), "--site", "gazette.example"]
    assert CliRunner().invoke(main, again).exit_code == 0
    assert CliRunner().invoke(main, again).exit_code == 0
    learned = fresh / "gazette.example.toml"
    learned.write_text(learned.read_text(encoding="utf-8") + HAND_WRITTEN.split("\n\n", 1)[1], encoding="utf-8")
    assert CliRunner().invoke(main, again).exit_code == 123 and 'name = "mine"' in learned.read_text(encoding="utf-8")
    learned.write_text("\n" + HAND_WRITTEN, encoding="utf-8")  # a blank first line
    assert CliRunner().invoke(main, again).exit_code == 123


def test_learn_with_a_rules_file_that_does_not_load_is_one_error_line(tmp_path: Path) -> None:
    pages, rules = site(tmp_path), tmp_path / "rules"
    rules.mkdir()
    (rules / "gazette.example.toml").write_text(HAND_WRITTEN.replace("regex =", "pattern ="), encoding="utf-8")
    args = ["learn", str(pages), "--rules", str(rules), "-o", str(tmp_path / "out"), "--site", "gazette.example"]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 2 and "error: site rules:" in out.output and "unknown key 'pattern'" in out.output
    assert "Traceback" not in out.output


def test_a_bare_label_after_every_article_is_no_drop_from_and_cuts_no_unseen_article(tmp_path: Path) -> None:
    # 'Photo' ends the article on every training page, but a story can hold the same label between
    # two paragraphs: as a drop_from it cut an unseen page's article in half (a new-user trial).
    # A one-word label is learned as drop_line; a line of several words still ends the article.
    badge = (
        "Culture fans consistently offer thought-provoking, timely comments on the arts for the readers of the valley."
    )

    def tailed(topic: str) -> str:
        return page(topic).replace(CHROME, f"Photo\n\n{badge}\n\n{CHROME}", 1)

    found = learn_site("gazette.example", [page_lines(t, clean(tailed(t))) for t in TOPICS])
    kinds = {r.selector: r.kind for r in found.rules}
    assert kinds[line_regex("Photo")] == "drop_line" and kinds[line_regex(badge)] == "drop_from"
    (tmp_path / "gazette.example.toml").write_text(found.toml(), encoding="utf-8")
    story = article("stadium")
    unseen = tailed("stadium").replace(story[1], f"{story[1]}\n\nPhoto", 1)
    result = clean(unseen, Options(rules_dirs=(str(tmp_path),), site="gazette.example"))
    assert all(p in result.paragraphs for p in story)  # the keep-trap
    assert not {"Photo", badge, CHROME}.intersection(result.paragraphs)  # the positive


def test_learned_rules_and_their_examples_do_not_depend_on_record_order(tmp_path: Path) -> None:
    # A JSON Lines page is named by its line ('items.jsonl:1'): sorted by name, the reversed file
    # put another page first, and a shape's example in `why` changed (a new-user trial, with tac).
    def counted(topic: str, n: int) -> str:
        return page(topic).replace(CHROME, f"Valley edition {n} of the year\n\n{CHROME}")

    records = [
        json.dumps({"url": f"https://gazette.example/{t}", "text": counted(t, 3 + 7 * n)}) for n, t in enumerate(TOPICS)
    ]
    files = []
    for tag, order in (("fwd", records), ("rev", records[::-1])):
        (tmp_path / f"{tag}.jsonl").write_text("\n".join(order) + "\n", encoding="utf-8")
        out = CliRunner().invoke(main, ["learn", str(tmp_path / f"{tag}.jsonl"), "-o", str(tmp_path / tag)])
        assert out.exit_code == 0, out.output
        files.append((tmp_path / tag / "gazette.example.toml").read_text(encoding="utf-8"))
    assert "e.g. 'Valley edition" in files[0]
    assert files[0] == files[1]


def test_an_html_page_and_its_text_dump_count_as_one_story_and_both_give_evidence(tmp_path: Path) -> None:
    # A new-user trial learned from 6 HTML pages and their 6 text dumps: pages with the same
    # paragraphs were merged silently ("8 pages"), and the footer rule the dumps alone give was
    # lost. Not merged, a story's paragraphs are on two pages and no longer its own, and the
    # sentence every story repeats was learned as a drop_from. Now both count, as one story.
    pages = tmp_path / "pages"
    pages.mkdir()
    for topic in TOPICS:
        (pages / f"{topic}.txt").write_text(footed(topic), encoding="utf-8")
        (pages / f"{topic}.html").write_text(html_page(topic), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cleanup",
            "learn",
            str(pages),
            "-o",
            str(tmp_path / "rules"),
            "--site",
            "gazette.example",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = out.stderr.splitlines()
    assert lines[0].startswith("gazette.example: 10 pages as 5 stories, ")
    assert lines[1] == (
        "  5 pages held the same story as another page (a URL variant, or an HTML page and its text dump):"
        " each story counts once"
    )
    loaded = load_site(tmp_path / "rules" / "gazette.example.toml")
    assert [r.id for r in loaded.drop_from] == ["gazette.example:learned-most-read-this-week"]  # from the dumps
    assert [r.id for r in loaded.strip] == ["gazette.example:learned-div-kicker"]  # from the HTML pages
    assert any(TRAP[:30] in line for line in lines if "refused as article text" in line)  # the keep-trap
