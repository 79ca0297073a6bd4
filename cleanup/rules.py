"""The rule table: every rule, whatever its mechanism, and the one check of whether it runs.

Each rule is a ``RuleEntry`` (name, kind, stage, reason, where it is defined):

- text line and block rules, declared with the decorators of
  ``cleanup.text.registry`` and listed here in the order they run;
- DOM rules: the chrome groups of ``cleanup.html.vocab`` and the hand-written
  DOM steps, declared here as data (this module does not import lxml);
- site rules, made from each site file (``site_entries``).

``enabled(rule, options)`` is the only place that reads ``Options.disable``;
``check_disable`` refuses a name that is not in the table.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from cleanup.html.vocab import CHROME_GROUPS
from cleanup.model import Options, RuleEntry, RuleKind, RuleNameError, Stage
from cleanup.sites.fresh import dropped_on_reload
from cleanup.sites.load import BUNDLED_DIR, RULE_KINDS, Site, load_all
from cleanup.text import article, blocks, chart, comments, lines, phrases, related, slideshow
from cleanup.text.registry import HTML, TEXT, Rule, rule_of

# Line rules in the order they are tried on a unit: the first that fires drops it.
LINE_RULES: tuple[Rule, ...] = tuple(
    map(
        rule_of,
        (
            lines.skip_link,
            lines.embed_shortcode,
            lines.caption_shortcode,
            lines.cookie_notice,
            lines.promo_line,
            lines.copyright_footer,
            lines.legal_notice,
            lines.share_widget,
            lines.player_controls,
            lines.image_caption,
            lines.byline,
            lines.date_line,
        ),
    )
)
# Block rules in the order they run; each sees the verdicts of those before it.
# page-chrome runs last, after the text-mode headline is protected (pipeline.run_rules).
BLOCK_RULES: tuple[Rule, ...] = tuple(
    map(
        rule_of,
        (
            related.related_list,
            blocks.embed_title,
            blocks.split_byline,
            comments.comment_section,
            chart.chart_labels,
            slideshow.slideshow,
            article.page_chrome,
        ),
    )
)
TEXT_RULES = LINE_RULES + BLOCK_RULES
# The language packs' chrome phrases: a line rule run after the block rules (pipeline.run_rules).
PHRASE_RULE: RuleEntry = dataclasses.replace(rule_of(phrases.chrome_phrase).entry, stage=Stage.TEXT_PHRASES)

HTML_ONLY = frozenset({HTML})
CAPTION_ELEMENT = "caption-element"
# The hand-written DOM steps of cleanup.html (names as their Removals carry them).
DOM_STEPS = (
    RuleEntry(
        CAPTION_ELEMENT,
        RuleKind.DOM,
        Stage.HTML_CAPTIONS,
        "Figure captions and photo credits (kept in captions).",
        "cleanup.html.marks:take_captions",
        HTML_ONLY,
    ),
    RuleEntry(
        "link-list",
        RuleKind.DOM,
        Stage.HTML_LINES,
        "Runs of link-only lines inside the article.",
        "cleanup.html.lines:drop_link_lines",
        HTML_ONLY,
    ),
    RuleEntry(
        "teaser-cards",
        RuleKind.DOM,
        Stage.HTML_CHROME,
        "Teaser cards in the article: three or more links to other stories, each a picture and a title.",
        "cleanup.html.cards:drop_teaser_cards",
        HTML_ONLY,
    ),
    RuleEntry(
        "comment-thread",
        RuleKind.DOM,
        Stage.HTML_CHROME,
        "A reader comment thread no class or id names, known by its comments' lines ('v2787 says:', 'Reply').",
        "cleanup.html.threads:thread_marks",
        HTML_ONLY,
    ),
    RuleEntry(
        "section-front",
        RuleKind.DOM,
        Stage.HTML_LINES,
        "A section front (headlines and teasers of other pages, no article declared): every line.",
        "cleanup.html.fronts:section_front",
        HTML_ONLY,
    ),
    RuleEntry(
        "json-ld-body",
        RuleKind.DOM,
        Stage.HTML_LINES,
        "The page's JSON-LD articleBody in place of markup text that holds under half of its words.",
        "cleanup.html.ldbody:from_json_ld",
        HTML_ONLY,
    ),
    RuleEntry(
        "outside-article",
        RuleKind.DOM,
        Stage.HTML_CONTAINER,
        "Everything outside the chosen article container.",
        "cleanup.html.marks:outside_removals",
        HTML_ONLY,
        switch=False,
    ),
    RuleEntry(
        "headline",
        RuleKind.DOM,
        Stage.HTML_LINES,
        "The headline, moved to the title, and a kicker or breadcrumb right above it.",
        "cleanup.html.headline:drop_headline",
        HTML_ONLY,
        switch=False,
    ),
)
DOM_RULES: tuple[RuleEntry, ...] = (
    *(
        RuleEntry(
            g.rule,
            RuleKind.DOM,
            Stage.HTML_CHROME,
            f"{g.reason[:1].upper()}{g.reason[1:]}.",
            f"cleanup/html/vocab.toml [[group]] {g.rule}",
            HTML_ONLY,
        )
        for g in CHROME_GROUPS
    ),
    *DOM_STEPS,
)

# Old names kept for --disable: each switches off every rule it lists. ``image-caption``
# once named both the text rule and the DOM caption step; the DOM step is now
# ``caption-element``, and the old name still disables both.
ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType({"image-caption": ("image-caption", CAPTION_ELEMENT)})

# Where each kind of site rule runs.
SITE_STAGES: Mapping[str, Stage] = MappingProxyType(
    {
        "drop_line": Stage.TEXT_LINES,
        "drop_from": Stage.TEXT_DROP_FROM,
        "strip": Stage.HTML_STRIP,
        "body": Stage.HTML_CONTAINER,
    }
)


def _unique(entries: tuple[RuleEntry, ...]) -> tuple[RuleEntry, ...]:
    """``entries`` unchanged; ValueError when two share a name (removals would be ambiguous)."""
    seen: set[str] = set()
    for entry in entries:
        if entry.name in seen:
            raise ValueError(f"rule {entry.name!r} is in the rule table twice")
        seen.add(entry.name)
    return entries


# Every generic rule (site rules come from the site files): text rules, then DOM rules.
GENERIC_RULES: tuple[RuleEntry, ...] = _unique((*(r.entry for r in TEXT_RULES), PHRASE_RULE, *DOM_RULES))


def site_entries(site: Site) -> tuple[RuleEntry, ...]:
    """The rules of one site file as table entries, in file order by kind.

    >>> from cleanup.sites.load import load_all
    >>> rollcall = next(s for s in load_all() if s.host == "rollcall.com")
    >>> [(e.name, str(e.stage)) for e in site_entries(rollcall)][:1]
    [('rollcall.com:video-site-promo', 'text-lines')]
    """
    return tuple(
        RuleEntry(
            rule.id,
            RuleKind.SITE,
            SITE_STAGES[kind],
            rule.why,
            f"{_site_file(site)} [[{kind}]] {rule.id.split(':', 1)[1]}",
            HTML_ONLY if SITE_STAGES[kind].startswith("html-") else frozenset({TEXT, HTML}),
        )
        for kind in RULE_KINDS
        for rule in getattr(site, kind)
    )


def _site_file(site: Site) -> str:
    """A bundled site file as ``cleanup/sites/NAME`` (the same on every machine); a user's as given."""
    return f"cleanup/sites/{site.path.name}" if site.path.parent == BUNDLED_DIR else str(site.path)


def all_entries(dirs: tuple[str, ...] = ()) -> tuple[RuleEntry, ...]:
    """Every rule: the generic ones, then the rules of every site file in ``dirs`` and the bundled ones.

    Raises SiteRuleError when a site file does not load.
    """
    return _unique((*GENERIC_RULES, *_merged(e for site in load_all(dirs) for e in site_entries(site))))


def _merged(entries: Iterable[RuleEntry]) -> tuple[RuleEntry, ...]:
    """Site entries with one per name: ``example.com.toml`` and ``.example.com.toml`` both make
    ``example.com:NAME`` ids (for different hosts), so such a rule lists both places.
    """
    by_name: dict[str, RuleEntry] = {}
    for entry in entries:
        first = by_name.get(entry.name)
        by_name[entry.name] = (
            entry if first is None else dataclasses.replace(first, defined=f"{first.defined}; {entry.defined}")
        )
    return tuple(by_name.values())


def enabled(rule: str, options: Options) -> bool:
    """Whether the rule published as ``rule`` runs under ``options`` (not named by ``disable``, nor by an alias).

    >>> enabled("caption-element", Options(disable=frozenset({"image-caption"})))
    False
    >>> enabled("promo-line", Options(disable=frozenset({"image-caption"})))
    True
    """
    return not options.disable or rule not in _disabled(options.disable)


@functools.lru_cache(maxsize=64)
def _disabled(names: frozenset[str]) -> frozenset[str]:
    """The rule names switched off by ``names``, aliases expanded."""
    return frozenset(rule for name in names for rule in ALIASES.get(name, (name,)))


def enabled_site(site: Site | None, options: Options) -> Site | None:
    """``site`` without its disabled rules, of every kind (drop_line, drop_from, strip, body)."""
    if site is None or not options.disable:
        return site
    kept: dict[str, Any] = {
        kind: tuple(r for r in getattr(site, kind) if enabled(r.id, options)) for kind in RULE_KINDS
    }
    if all(len(kept[kind]) == len(getattr(site, kind)) for kind in RULE_KINDS):
        return site
    return dataclasses.replace(site, **kept)


def check_disable(options: Options) -> None:
    """Raise RuleNameError when ``options.disable`` names no rule or one that is not a switch.

    A typo would otherwise disable nothing, silently. Site rule names are
    looked up in the site files of ``options.rules_dirs`` and the bundled ones.

    >>> check_disable(Options(disable=frozenset({"imagecaption"})))
    Traceback (most recent call last):
    ...
    cleanup.model.RuleNameError: imagecaption: no such rule (did you mean 'image-caption'?)
    """
    if options.disable:
        _check_disable(options.disable, options.rules_dirs)


@dropped_on_reload  # a site rule named in --disable may come or go with its file
@functools.lru_cache(maxsize=64)
def _check_disable(names: frozenset[str], dirs: tuple[str, ...]) -> None:
    known = {entry.name: entry for entry in all_entries(dirs)}
    if dirs and any(":" in name and name not in known for name in names):
        from cleanup.sites.ftr import sites_named  # FiveFilters files: only the named hosts' are parsed

        known.update((e.name, e) for site in sites_named(names, dirs) for e in site_entries(site))
    for name in sorted(names):
        if name in ALIASES:
            continue
        entry = known.get(name)
        if not name.strip():
            raise RuleNameError("an empty rule name")
        if entry is None:
            close = difflib.get_close_matches(name, sorted({*known, *ALIASES}), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see --list-rules)"
            raise RuleNameError(f"{name}: no such rule{hint}")
        if not entry.switch:
            raise RuleNameError(f"{name}: this rule cannot be switched off (it is the article choice)")


def aliases_of(name: str) -> tuple[str, ...]:
    """The alias names (other than ``name`` itself) that also switch off the rule ``name``.

    >>> aliases_of("caption-element")
    ('image-caption',)
    """
    return tuple(alias for alias, names in ALIASES.items() if name in names and alias != name)


_TEXT_BY_NAME: Mapping[str, Rule] = MappingProxyType({r.name: r for r in (*TEXT_RULES, rule_of(phrases.chrome_phrase))})


def get_rule(name: str) -> Rule:
    """The text rule called ``name``; KeyError if there is none."""
    return _TEXT_BY_NAME[name]
