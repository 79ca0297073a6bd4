"""The rule table: every rule once, one enabled() check, --disable for every kind, --list-rules, -v counts."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import CleanupError, RuleNameError, clean
from cleanup.cli.main import main
from cleanup.model import Options, RuleEntry, RuleKind, Stage
from cleanup.rules import (
    BLOCK_RULES,
    GENERIC_RULES,
    SITE_STAGES,
    TEXT_RULES,
    _unique,
    all_entries,
    enabled,
)
from cleanup.sites.load import META_KINDS, RULE_KINDS, Site
from cleanup.text import article, blocks, chart, comments, lines, related, slideshow
from cleanup.text.registry import rules_in

ROOT = Path(__file__).resolve().parents[1]
PROSE = "The council voted on Tuesday to close the old bridge for repairs after engineers found deep cracks."


def story(n: int, prefix: str = "Paragraph") -> str:
    return "".join(f"<p>{prefix} {i}. {PROSE}</p>" for i in range(n))


# --- the table itself -----------------------------------------------------------------------


def test_every_decorated_text_rule_is_in_the_table() -> None:
    declared = {
        r.name for module in (lines, blocks, comments, related, article, chart, slideshow) for r in rules_in(module)
    }
    assert declared == {r.name for r in TEXT_RULES}


def test_block_rule_order_is_declared() -> None:
    assert [r.name for r in BLOCK_RULES] == [
        "related-list",
        "embed-title",
        "split-byline",
        "comment-section",
        "chart-labels",
        "slideshow",
        "page-chrome",
    ]


def test_a_name_twice_is_refused() -> None:
    entry = RuleEntry("promo-line", RuleKind.DOM, Stage.HTML_CHROME, "Promo.", "x:y")
    with pytest.raises(ValueError, match="twice"):
        _unique((*GENERIC_RULES, entry))


def test_every_place_named_in_the_table_exists() -> None:
    """``module:function`` names a function; ``file [[kind]] name`` a file holding the rule's name."""
    for entry in GENERIC_RULES:
        if " [[" in entry.defined:
            path, _, rest = entry.defined.partition(" [[")
            assert f'"{rest.split()[-1]}"' in (ROOT / path).read_text(encoding="utf-8"), entry
            continue
        module, _, attr = entry.defined.partition(":")
        assert hasattr(importlib.import_module(module), attr), entry


def test_every_site_rule_kind_has_a_stage() -> None:
    assert set(SITE_STAGES) == set(RULE_KINDS)


def test_every_rule_field_of_a_site_is_a_rule_kind() -> None:
    """A new kind of site rule must be in RULE_KINDS, or --disable and --list-rules would miss it.

    META_KINDS (FiveFilters title/author/date/native_ad_clue) read metadata and remove nothing.
    """
    assert {f.name for f in dataclasses.fields(Site) if "Rule" in str(f.type)} == {*RULE_KINDS, *META_KINDS}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_imports_point_one_way() -> None:
    """The registry imports no rule module, the rule modules not the table, and the table no lxml."""
    registry = _imports(ROOT / "cleanup/text/registry.py")
    assert not {"cleanup.text.lines", "cleanup.text.blocks", "cleanup.text.article", "cleanup.rules"} & registry
    for module in ("lines", "blocks", "related", "article"):
        assert not any(name.startswith("cleanup.rules") for name in _imports(ROOT / f"cleanup/text/{module}.py"))
    assert not any(name.startswith("lxml") for name in _imports(ROOT / "cleanup/rules.py"))


def test_alias_switches_off_both_caption_rules() -> None:
    options = Options(disable=frozenset({"image-caption"}))
    assert not enabled("image-caption", options)
    assert not enabled("caption-element", options)
    assert enabled("caption-element", Options(disable=frozenset({"promo-line"})))


# --- the library checks disable names --------------------------------------------------------


def test_library_rejects_an_unknown_disable_name_with_a_hint() -> None:
    with pytest.raises(RuleNameError, match=r"imagecaption: no such rule \(did you mean 'image-caption'\?\)"):
        clean("Skip to content\n\nThe story.\n", disable=["imagecaption"])


def test_unknown_disable_name_is_a_cleanup_error_and_a_value_error() -> None:
    assert issubclass(RuleNameError, CleanupError) and issubclass(RuleNameError, ValueError)


def test_library_refuses_to_disable_the_article_choice() -> None:
    with pytest.raises(RuleNameError, match="cannot be switched off"):
        clean("The story.\n", disable=["outside-article"])


def test_a_did_you_mean_hint_cannot_forge_a_line(tmp_path: Path) -> None:
    """A rule name from a user's file with a newline in it is escaped in the hint, as in --list-rules."""
    (tmp_path / "example.com.toml").write_text(
        '[[drop_line]]\nname = "a b\\nerror: x"\nwhy = "w"\nregex = "^Promo$"\n', encoding="utf-8"
    )
    with pytest.raises(RuleNameError) as err:
        clean("The story.\n", rules_dirs=[str(tmp_path)], disable=["example.com:a b"])
    assert "\n" not in str(err.value) and "a b\\nerror: x" in str(err.value)
    result = CliRunner().invoke(main, ["--rules", str(tmp_path), "--disable", "example.com:a b", "-"], input="x\n")
    assert result.exit_code == 2
    assert "\nerror: x" not in result.output, result.output


def test_library_accepts_rule_alias_and_site_names() -> None:
    names = ["promo-line", "nav-element", "image-caption", "caption-element", "rollcall.com:recent-stories"]
    assert clean("The story.\n", disable=names).text == "The story."


# --- --disable HOST:name works for every kind of site rule -----------------------------------

SITE = """
[[drop_line]]
name = "desk-note"
why = "desk note"
regex = '^Filed from the Acme desk'

[[drop_from]]
name = "more-headlines"
why = "headlines after the story"
regex = '^From the Acme wire$'

[[strip]]
name = "acme-box"
why = "acme box"
css = "div.acme-box"

[[body]]
name = "story"
why = "the article"
css = "div#story"
"""
PAGE = (
    "<html><body><div id='story'>"
    + story(4)
    + "<p>Filed from the Acme desk in Riverside by our staff.</p>"
    + "<div class='acme-box'><p>Acme box text about the weekly raffle at the hall.</p></div>"
    + story(2, "More")
    + "<p>From the Acme wire</p><p>Another story about the ferry timetable changing soon.</p>"
    + "</div><div id='other'>"
    + story(2, "Elsewhere")
    + "</div></body></html>"
)


@pytest.fixture
def site_dir(tmp_path: Path) -> str:
    (tmp_path / "example.org.toml").write_text(SITE, encoding="utf-8")
    return str(tmp_path)


def _clean(site_dir: str, *disable: str):
    return clean(PAGE, url="https://example.org/a", rules_dirs=(site_dir,), disable=frozenset(disable))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("desk-note", "Filed from the Acme desk"),
        ("more-headlines", "Another story about the ferry"),
        ("acme-box", "Acme box text"),
    ],
)
def test_disable_switches_off_a_site_text_or_strip_rule(site_dir: str, name: str, text: str) -> None:
    rule = f"example.org:{name}"
    on = _clean(site_dir)
    assert rule in {r.rule for r in on.removed}
    assert text not in on.text
    off = _clean(site_dir, rule)
    assert rule not in {r.rule for r in off.removed}
    assert text in off.text


def test_disable_switches_off_a_site_body_rule(site_dir: str) -> None:
    assert _clean(site_dir).extractor == "site-rule"
    assert _clean(site_dir, "example.org:story").extractor != "site-rule"


def test_disable_of_a_site_strip_rule_through_the_cli(site_dir: str) -> None:
    args = ["--rules", site_dir, "--url", "https://example.org/a", "-"]
    on = CliRunner().invoke(main, args, input=PAGE)
    off = CliRunner().invoke(main, ["--disable", "example.org:acme-box", *args], input=PAGE)
    assert on.exit_code == 0 and off.exit_code == 0, (on.stderr, off.stderr)
    assert "Acme box text" not in on.stdout
    assert "Acme box text" in off.stdout


# --- the two caption rules --------------------------------------------------------------------

FIGURE = "<figure><img src='a.jpg'><figcaption>The bridge at dusk. Photo: J. Doe</figcaption></figure>"
CAPTION_PAGE = f"<html><body><article>{story(3)}{FIGURE}{story(2, 'More')}</article></body></html>"


def test_dom_caption_step_is_caption_element() -> None:
    result = clean(CAPTION_PAGE)
    assert [r.rule for r in result.removed if "dusk" in r.text] == ["caption-element"]
    assert result.captions == ("The bridge at dusk. Photo: J. Doe",)


def test_old_caption_name_disables_the_dom_step_and_the_text_rule() -> None:
    result = clean(CAPTION_PAGE, disable=["image-caption"])
    assert not [r for r in result.removed if "dusk" in r.text]
    assert "The bridge at dusk. Photo: J. Doe" in result.text
    text = f"{PROSE}\n\nThe mayor at the bridge on Tuesday. (AP Photo/Jane Doe)\n\n{PROSE}\n"
    assert [r.rule for r in clean(text).removed] == ["image-caption"]
    assert clean(text, disable=["image-caption"]).removed == ()


# --- --list-rules -----------------------------------------------------------------------------


def test_list_rules_prints_every_rule_once_with_kind_stage_and_place() -> None:
    result = CliRunner().invoke(main, ["--list-rules"])
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    names = [row.split()[0] for row in rows]
    assert Counter(names).most_common(1)[0][1] == 1
    assert names == [e.name for e in all_entries()]
    for row, entry in zip(rows, all_entries(), strict=True):
        assert f" {entry.kind} " in row and f" {entry.stage}" in row and f"({entry.defined})" in row


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_list_rules_as_json_for_tools(fmt: str) -> None:
    result = CliRunner().invoke(main, ["--list-rules", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout) if fmt == "json" else [json.loads(x) for x in result.stdout.splitlines()]
    names = [item["name"] for item in items]
    assert len(names) == len(set(names))
    assert names == [e.name for e in all_entries()]
    by_name = {item["name"]: item for item in items}
    assert by_name["caption-element"]["aliases"] == ["image-caption"]
    assert by_name["skip-link"]["defined"] == "cleanup.text.lines:skip_link"
    assert by_name["outside-article"]["switch"] is False
    assert {item["kind"] for item in items} == {"line", "block", "dom", "site"}


def test_list_rules_shows_user_site_rules(site_dir: str) -> None:
    result = CliRunner().invoke(main, ["--list-rules", "--rules", site_dir])
    names = [row.split()[0] for row in result.stdout.splitlines()]
    assert {"example.org:desk-note", "example.org:more-headlines", "example.org:acme-box", "example.org:story"} <= set(
        names
    )


def test_a_rule_in_two_files_for_one_domain_is_listed_once(tmp_path: Path) -> None:
    """``example.org.toml`` and ``.example.org.toml`` serve different hosts with the same rule ids."""
    rule = '[[drop_line]]\nname = "note"\nwhy = "a note"\nregex = "^Note: "\n'
    for name in ("example.org.toml", ".example.org.toml"):
        (tmp_path / name).write_text(rule, encoding="utf-8")
    (entry,) = [e for e in all_entries((str(tmp_path),)) if e.name == "example.org:note"]
    assert entry.defined.count("[[drop_line]] note") == 2


# --- -v: removals per rule --------------------------------------------------------------------


def _two_pages(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(2):
        (pages / f"p{i}.txt").write_text(f"Skip to content\n\n{PROSE}\n", encoding="utf-8")
    return pages


def test_verbose_summary_counts_removals_per_rule(tmp_path: Path) -> None:
    pages = _two_pages(tmp_path)
    result = CliRunner().invoke(main, ["-v", "-o", str(tmp_path / "out"), str(pages)])
    assert result.exit_code == 0, result.stderr
    assert "removals by rule:\n       2  skip-link\n" in result.stderr


def test_rule_counts_need_verbose(tmp_path: Path) -> None:
    pages = _two_pages(tmp_path)
    result = CliRunner().invoke(main, ["-o", str(tmp_path / "out"), str(pages)])
    assert result.exit_code == 0, result.stderr
    assert "removals by rule" not in result.stderr
