"""HTML mode: parse with lxml, strip chrome, find the article container, emit Lines.

Stages, in order: ``parse_html`` (parse.py: size caps, depth-safe parse), ``read_metadata``,
``drop_invisible``, site ``strip`` rules, ``choose_containers`` (site ``body``
rules, else our scorer checked against the positive evidence, else readability-lxml,
else the whole body), ``with_lead`` (the lead block above the body container),
``take_captions`` (in the containers and the <article> around them),
``outside_removals``, ``strip_chrome`` inside the chosen containers, then
``lines_of`` turns blocks into ``Line`` values in reading order.

Helpers live next door: ``meta`` (metadata), ``chrome`` (chrome marks from the vocabulary, and the
evidence candidates in the same walk), ``marks`` (site rules, captions, removal records), ``scorer``
(the container scorer), ``evidence`` (what an article container looks like: content names,
schema.org, JSON-LD, the lead), ``vocab`` (the vocabularies as data), ``lines`` (DOM -> Lines) and
``dom`` (small lxml helpers), ``threads`` (comment threads known by their lines) and ``fallback``
(``readability_container``, the readability-lxml adapter, the only place that imports readability).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

from cleanup.html.cards import RULE as CARDS_RULE
from cleanup.html.cards import dominant_host, drop_teaser_cards, site_host
from cleanup.html.chrome import Candidate, find_marks
from cleanup.html.containers import NO_EVIDENCE, Evidence, find_evidence
from cleanup.html.dom import body_of, norm, text_of
from cleanup.html.evidence import (
    child_holding,
    evidence_only,
    evidence_pick,
    evidence_siblings,
    headline_column,
    spare_named,
)
from cleanup.html.fallback import readability_container
from cleanup.html.fronts import GUESSED, section_front
from cleanup.html.fronts import RULE as FRONT_RULE
from cleanup.html.header_meta import page_metadata
from cleanup.html.headline import drop_headline
from cleanup.html.ldbody import RULE as LD_RULE
from cleanup.html.ldbody import from_json_ld
from cleanup.html.lead import find_lead, lead_inside, lift_out, teaser_first_inside
from cleanup.html.lines import drop_link_lines, lines_of
from cleanup.html.marks import apply_site_strip, outside_removals, site_body, strip_chrome, take_captions
from cleanup.html.meta import Meta, read_metadata
from cleanup.html.parse import PARSER_MAX_DEPTH, parse_html  # noqa: F401 (PARSER_MAX_DEPTH: re-exported)
from cleanup.html.relatedbox import RULE as RELATED_BOX_RULE
from cleanup.html.relatedbox import drop_related_boxes
from cleanup.html.scorer import (
    UNSURE_SHARE,
    Score,
    borderline,
    data_table,
    descend,
    holds_most,
    rescue_marks,
    scorer_container,
    with_siblings,
)
from cleanup.html.siterules import after_walk, apply_replacements, read_site_page, usable_body
from cleanup.html.teasers import RULE as TEASERS_RULE
from cleanup.html.teasers import teaser_marks
from cleanup.html.threads import RULE as THREAD_RULE
from cleanup.html.threads import without_threads
from cleanup.html.vocab import INVISIBLE_TAGS, ChromeGroup
from cleanup.model import DEFAULT_OPTIONS, Line, Options, Removal
from cleanup.rules import CAPTION_ELEMENT, enabled

if TYPE_CHECKING:
    from cleanup.html.xpath import PageAttrs
    from cleanup.sites.load import Site


# Another part of the story beside readability-lxml's pick (``_story_part_beside``).
STORY_PART_PROSE = 1000.0
STORY_PART_PARAGRAPHS = 3
STORY_PART_PARAGRAPH_CHARS = 80
STORY_PART_PURITY = 0.98


@dataclass(frozen=True)
class HtmlPage:
    """The article of one HTML page: lines in reading order, removals and metadata."""

    lines: tuple[Line, ...]
    removed: tuple[Removal, ...]
    captions: tuple[str, ...]
    extractor: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    native_ad: bool = False  # a site's native_ad_clue matched
    header: tuple[str | None, str | None] = (None, None)  # byline and date lines above the body (header_meta)


@dataclass(frozen=True)
class Choice:
    """The article containers and the path that found them."""

    containers: tuple[Any, ...]
    extractor: str


def extract_html(
    markup: str,
    *,
    site: Site | None = None,
    url: str | None = None,
    options: Options = DEFAULT_OPTIONS,
    utf8: bytes | None = None,
) -> HtmlPage:
    """Article lines, removals, captions and metadata of one decoded HTML page (``utf8``: its UTF-8, ``Page.utf8``).

    DOM rules that ``options`` disables do not run: chrome groups (``nav-element``,
    ``comments`` ...), ``caption-element`` and ``link-list``. ``site`` comes with
    its disabled rules already left out (``cleanup.rules.enabled_site``).
    """
    doc, metas = _page_tree(markup, site, utf8)
    meta = read_metadata(doc, url, metas)
    # A story the page declares itself, before a site's XPaths: a site's date rule also matches its fronts.
    declared = meta.declared or meta.byline is not None or meta.date is not None
    meta, native_ad, attrs = read_site_page(doc, site, meta, metas)
    drop_invisible(doc)
    found, evidence, walked = _marks_and_evidence(doc, meta, url, options, attrs)
    marks, scores = rescue_marks(doc, spare_named(found, evidence.named), evidence.every)
    del walked  # held through the scorer's walk (find_marks); the scores hold its elements now
    marks, scores, generic = _generic(doc, marks, scores, evidence, meta.title, options)
    removed = apply_site_strip(doc, site, attrs, generic.containers) if site else []
    choice = with_lead(choose_containers(doc, site, generic, attrs), marks)
    captions, caption_removed = (
        take_captions(choice.containers, marks, options.rules_dirs) if enabled(CAPTION_ELEMENT, options) else ([], [])
    )
    removed += outside_removals(choice.containers)
    if enabled(CARDS_RULE, options):
        removed += drop_teaser_cards(choice.containers, meta.canonical_url or url)
    pruned = marks if site is None or site.prune or choice.extractor != "site-rule" else {}
    if enabled(RELATED_BOX_RULE, options):
        removed += drop_related_boxes(choice.containers, meta.canonical_url or url, pruned, options.rules_dirs)
    removed += caption_removed + strip_chrome(choice.containers, pruned, scores, options.rules_dirs)
    lines, headline_removed, extractor = _article_lines(choice, meta, options, declared)
    return HtmlPage(
        lines=tuple(lines),
        removed=tuple(removed + headline_removed),  # sorted with the text removals in pipeline.build_result
        captions=tuple(captions),
        extractor=extractor,
        title=meta.title,
        byline=meta.byline,
        date=meta.date,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        native_ad=native_ad,
        header=(None, None) if meta.byline and meta.date else page_metadata(choice.containers[0], marks, removed),
    )


def _generic(
    doc: Any,
    marks: dict[Any, ChromeGroup],
    scores: dict[Any, Score],
    evidence: Evidence,
    title: str | None,
    options: Options,
) -> tuple[dict[Any, ChromeGroup], dict[Any, Score], Choice]:
    """``generic_choice``, made again with a comment thread marked when it took the story's place
    (``threads.without_threads``), with the marks and scores it was made with."""

    def choose(scored: dict[Any, Score], pick: Any) -> Choice:
        return generic_choice(doc, scored, pick, evidence, title)

    if not enabled(THREAD_RULE, options):
        return marks, scores, choose(scores, scorer_container(scores))
    return without_threads(doc, marks, scores, evidence.every, choose)


def _page_tree(markup: str, site: Site | None, utf8: bytes | None) -> tuple[Any, tuple[Any, ...]]:
    """The parsed page, a site's replacements made first (when one applies its UTF-8 is not ``utf8``), and its
    <meta> elements: read once for the page's metadata and a site's meta XPaths."""
    replaced = apply_replacements(markup, site.replacements, utf8) if site and site.replacements else markup
    doc = parse_html(replaced, utf8 if replaced is markup else None)  # most pages hold no find string
    return doc, tuple(doc.iter("meta"))


def _marks_and_evidence(
    doc: Any, meta: Meta, url: str | None, options: Options, attrs: PageAttrs | None = None
) -> tuple[dict[Any, Any], Evidence, list[Any]]:
    """The chrome marks (``_chrome_marks``), the evidence containers, whose candidates the marks' walk
    finds, and the elements of that walk (``find_marks``: to be held until the scorer has walked them).
    ``attrs`` (a site's pre-checks) reads the page's attribute values from the walk (``after_walk``)."""
    candidates: list[Candidate] = []
    walked: list[Any] = []
    found = _chrome_marks(doc, candidates, meta.canonical_url or url, options, walked)
    after_walk(attrs, doc, walked)
    return found, find_evidence(doc, meta.body_hint, candidates), walked


def _chrome_marks(
    doc: Any, candidates: list[Candidate], url: str | None, options: Options, walked: list[Any] | None = None
) -> dict[Any, Any]:
    """The chrome marks of the page (``find_marks``, and the teaser lists beside a story), the enabled ones;
    ``candidates`` gets the evidence containers, ``walked`` the elements walked."""
    found = find_marks(doc, candidates, walked)
    if enabled(TEASERS_RULE, options):
        found.update(teaser_marks(body_of(doc), site_host(url) or dominant_host(doc), found))
    if options.disable:  # (a dict of every mark again, and a call per mark, only when a rule is off)
        found = {el: group for el, group in found.items() if enabled(group.rule, options)}
    return found


def _article_lines(
    choice: Choice, meta: Meta, options: Options, declared: bool
) -> tuple[list[Line], list[Removal], str]:
    """The containers' lines without the headline and link runs, the removals, and the path taken:
    the page's JSON-LD articleBody when the lines hold under half of it (``ldbody``); none on a
    section front (``fronts``) when the page ``declared`` no story."""
    lines = [line for root in choice.containers for line in lines_of(root)]
    lines, removed = drop_headline(lines, meta.title)
    if enabled("link-list", options):
        lines, link_removed = drop_link_lines(lines, options.rules_dirs)
        removed += link_removed
    if enabled(LD_RULE, options) and (ld := from_json_ld(lines, meta.body_text)) is not None:
        return ld[0], removed + ld[1], "json-ld"
    front = section_front(lines, meta.title, declared)
    if front is not None and choice.extractor in GUESSED and enabled(FRONT_RULE, options):
        return [], removed + front, choice.extractor
    return lines, removed, choice.extractor


def drop_invisible(doc: Any) -> None:
    """Remove script, style and other elements that hold no visible text (tails kept)."""
    etree.strip_elements(doc, *INVISIBLE_TAGS, with_tail=False)


def choose_containers(doc: Any, site: Site | None, generic: Choice, attrs: PageAttrs | None = None) -> Choice:
    """Site body rule (unless rotten: siterules.usable_body), else the generic choice."""
    found, chars = site_body(doc, site, attrs) if site and site.body else ((), 0)
    if found and site is not None and usable_body(found, site, generic.containers, generic.extractor, chars):
        return Choice(found, "site-rule")
    return generic


def generic_choice(
    doc: Any, scores: dict[Any, Score], container: Any, evidence: Evidence = NO_EVIDENCE, title: str | None = None
) -> Choice:
    """Our scorer's pick ``container`` (``scorer_container``) checked against the ``evidence`` (containers
    the page declares, containers named as article bodies), else readability-lxml, else the body.

    readability-lxml's pick inside the scorer's borderline one is taken only while it keeps
    half of its prose and is no data table nor paragraph (``_replaces``): narrowing further
    drops article text.
    It is not asked when the borderline pick is an evidence container itself (``unsure``), and its
    pick beside the column under the page's headline gives way to that column (``headline_column``).
    A page too short for the scorer takes its evidence container before readability-lxml's guess.
    """
    strong = [*evidence.declared, *evidence.named]
    if container is not None:
        narrow = descend(container, scores)
        picked = evidence_pick(narrow, scores, strong, evidence.declared)
        if picked is not None:
            return Choice(evidence_siblings(picked, strong), "evidence")
        if unsure(narrow, scores, evidence):
            second = readability_container(doc)
            if second is not None and _replaces(second, narrow, scores):
                column = headline_column(narrow, second, scores, title)
                if column is None:
                    return Choice((second,), "readability")
                return Choice((column,), "scorer")  # not its siblings: the box beside it is one
        return Choice(with_siblings(narrow, container, scores), "scorer")
    picked = evidence_only(scores, strong)
    if picked is not None:
        return Choice(evidence_siblings(picked, strong), "evidence")
    container = readability_container(doc)
    if container is not None:
        return Choice((container,), "readability")
    return Choice((body_of(doc),), "body")


def unsure(narrow: Any, scores: dict[Any, Score], evidence: Evidence) -> bool:
    """True when the scorer's pick ``narrow`` is borderline (one child holds 50-70 % of its
    prose) and the page does not say what it is.

    An evidence container (named or declared an article body, ``<article>``, ``<main>``) is
    the article with a part that outweighs the rest (a long quote, a list, a boxed picture with
    its caption), not an article beside a teaser block: the page answers the question
    readability-lxml would be asked, and narrowing would cut article text. On the 342 dev
    pages readability-lxml agreed on all 13 such pages, at ~30 ms each.
    """
    return borderline(narrow, scores) and narrow not in evidence.every and _can_narrow(narrow, scores)


def _replaces(second: Any, narrow: Any, scores: dict[Any, Score]) -> bool:
    """True when readability-lxml's pick ``second`` replaces the scorer's borderline pick
    ``narrow``: it lies inside, holds half its prose (``holds_most``), and is no data table
    (its rows are one block of the article) and no paragraph or part of one (a single
    paragraph is not an article container: narrowing to one cuts the rest of the article).
    """
    if second is narrow or narrow not in second.iterancestors():
        return False
    if not holds_most(second, narrow, scores) or data_table(second) or _in_paragraph(second, narrow):
        return False
    return not _story_part_beside(child_holding(narrow, second), scores)


def _story_part_beside(branch: Any, scores: dict[Any, Score]) -> bool:
    """True when a sibling of ``branch`` (the child of the scorer's pick that holds readability-lxml's)
    is another part of the same story: of its tag, STORY_PART_PROSE characters of prose in
    STORY_PART_PARAGRAPHS paragraphs or more, and pure (the sum of its block weights, ``Score.raw``,
    at least STORY_PART_PURITY of the sum of its prose blocks', ``Score.good``: no link runs, hardly a
    label). A story a layout cuts into parts between its figures
    and a video (Quanta, Wired) kept only its longest part. A related list, a comment section, a
    footer or another story under the same wrapper holds links or labels, or is of another tag.
    """
    siblings = itertools.chain(branch.itersiblings(branch.tag), branch.itersiblings(branch.tag, preceding=True))
    for el in siblings:
        score = scores.get(el)
        if score is None or score.prose < STORY_PART_PROSE or score.raw < STORY_PART_PURITY * score.good:
            continue
        if sum(1 for p in el.iter("p") if len(norm(text_of(p))) >= STORY_PART_PARAGRAPH_CHARS) >= STORY_PART_PARAGRAPHS:
            return True
    return False


def _in_paragraph(el: Any, top: Any) -> bool:
    """True when ``el`` or an ancestor of it up to ``top`` (one of them) is a <p>."""
    while el is not top:
        if el.tag == "p":
            return True
        el = el.getparent()
    return top.tag == "p"


def _can_narrow(narrow: Any, scores: dict[Any, Score]) -> bool:
    """True when some element inside ``narrow`` could replace it (``_replaces``): one holding
    half its prose that is no data table and no paragraph or part of one. When the only such
    elements are a data table and its parts (a long sortable table in a wiki article) or a
    paragraph (a paywalled snippet with one long paragraph), readability-lxml's pick could
    not be taken whatever it is, so it is not asked.

    Prose sums only grow towards the root, so only elements holding half are walked into.
    """
    if narrow.tag == "p":
        return False
    floor = UNSURE_SHARE * scores[narrow].prose
    todo = [narrow]
    while todo:
        for child in todo.pop().iterchildren(etree.Element):
            if child.tag != "p" and child in scores and scores[child].prose >= floor:
                if not data_table(child):
                    return True
                todo.append(child)
    return False


def with_lead(choice: Choice, marks: dict[Any, ChromeGroup]) -> Choice:
    """The choice with the lead block right above its body container put in front of it.

    A lead inside the container, in a chrome-marked article header (a hero teaser holding
    the h1), is moved out of that header, which goes as chrome; a plain "teaser" opening the
    container is kept. A sibling taken with an evidence container for its kind (Drupal's
    "field" beside "field field-name-body") that is marked chrome ("field-name-field-tags")
    is left out: its root would not be stripped.
    """
    if choice.extractor == "body":
        return choice
    if choice.extractor == "evidence" and len(choice.containers) > 1:
        kept = tuple(c for c in choice.containers if c not in marks)
        choice = Choice(kept or choice.containers, choice.extractor)
    lead = find_lead(choice.containers, marks)
    if lead is not None:
        return Choice((lead, *choice.containers), choice.extractor)
    inner = lead_inside(choice.containers[0], marks)
    if inner is not None:
        lift_out(inner, choice.containers[0], marks)
    teaser = teaser_first_inside(choice.containers[0], marks)
    if teaser is not None:
        del marks[teaser]  # the body's own "teaser" opening it: its lead, not a card
    return choice
