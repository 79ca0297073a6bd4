"""``clean()``: one page in, a Result out. Each stage is one function call."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence

from cleanup import lang
from cleanup.input.decode import Page, read_page
from cleanup.metadata import byline_names, iso_date, plain_site_name, posted_by
from cleanup.model import DEFAULT_OPTIONS, Line, Options, Removal, Result, SiteRuleError
from cleanup.rules import TEXT_RULES, check_disable, enabled, enabled_site
from cleanup.sites import fresh, lookup
from cleanup.sites import load as S
from cleanup.text.article import HEADER_REASON
from cleanup.text.engine import (
    Verdicts,
    apply_block_rules,
    apply_line_rules,
    apply_pack_line_rules,
    apply_site_rules,
)
from cleanup.text.lines import dated_byline
from cleanup.text.phrases import RULE as PHRASE_RULE
from cleanup.text.phrases import apply_phrase_rule
from cleanup.text.registry import HTML, TEXT, Rule
from cleanup.text.title import find_standfirst, find_title
from cleanup.text.units import Units, has_invisible, stripped_lines, units, visible
from cleanup.text.window import find_article

URL_RE = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.I)
URL_SCAN_LINES = 30  # a page's own URL, when a dump has one, is near the top
CANONICAL_RE = re.compile(
    r"<(?:link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']([^\"']+)"
    r"|meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+))",
    re.I,
)
CAPTION_MARKUP_RE = re.compile(r"\[/?caption\b[^\]]*\]|<[^<>]*>")  # [^<>]: linear on a line of "a < b"
# Byline and date lines count as the page's own up to this many units into the body.
METADATA_LOOKAHEAD = 3
SPAN_UNITS = 4  # a block rule's metadata span: a lead, maybe a dropped unit or two, the name
HEAD_BYTES = 200_000  # how far into HTML to look for the canonical URL and <html lang>
LANGUAGE_SAMPLE_CHARS = 3000  # of the body: enough words for the stopword count
HTML_LANG_RE = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)  # <html lang>


def clean(data: bytes | str, options: Options = DEFAULT_OPTIONS, **overrides) -> Result:
    """Strip site chrome from one scraped page, HTML or plain text.

    ``overrides`` are Options fields (``clean(data, url="https://...")``).
    Raises DecodeError for input that is not a page, ExtractionError for HTML
    that cannot be parsed or is over a size cap, SiteRuleError for a broken site
    rule file and RuleNameError for a ``disable`` name that is not a rule (all
    CleanupError); TypeError for ``data`` or ``options`` of the wrong type.
    """
    if not isinstance(options, Options):
        raise TypeError(f"clean() options must be cleanup.Options, not {type(options).__name__}")
    if overrides:
        options = dataclasses.replace(options, **overrides)
    fresh.check(options.rules_dirs)  # before the --disable check: a rule it names may have gone
    check_disable(options)
    page = read_page(data, encoding=options.encoding, max_bytes=options.max_bytes, charset=options.charset)
    if page.kind == HTML:
        return clean_html(page, options)
    return clean_text(page, options)


def rules_for(kind: str, options: Options) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """Enabled generic (line, block) rules for an input kind, in order."""
    return _rules_for(kind, options.disable)


@functools.lru_cache(maxsize=64)
def _rules_for(kind: str, disable: frozenset[str]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    options = Options(disable=disable)
    rules = [r for r in TEXT_RULES if kind in r.kinds and enabled(r.name, options)]
    return tuple(r for r in rules if r.kind == "line"), tuple(r for r in rules if r.kind == "block")


@functools.cache
def _rule_names(flag: str, value: object = True) -> frozenset[str]:
    """Names of the generic rules whose attribute ``flag`` equals ``value``."""
    return frozenset(r.name for r in TEXT_RULES if getattr(r, flag) == value)


def choose_site(options: Options, urls: Sequence[str], page: Callable[[], str]) -> S.Site | None:
    """Site rules by --site, --url, a URL in the page, then text fingerprints; disabled rules left out.

    ``page`` gives the text the fingerprints are matched against, made only
    when they are needed.
    """
    return enabled_site(_find_site(options, urls, page), options)


def _find_site(options: Options, urls: Sequence[str], page: Callable[[], str]) -> S.Site | None:
    dirs = options.rules_dirs  # clean() has checked them for changes (fresh.check); lookup checks the site file
    if options.site:
        site = lookup.site_for_host(S.host_of(options.site) or options.site, dirs)
        if site is None:
            raise SiteRuleError(f"no site rule file for '{options.site}'")
        return site
    for url in (options.url, *urls):
        host = S.host_of(url)
        if host and (site := lookup.site_for_host(host, dirs)):
            return site
    return lookup.site_by_fingerprint(page(), dirs)


def run_rules(
    lines: Sequence[Line], kind: str, site: S.Site | None, options: Options, pre_dropped: int = 0, plain: bool = False
) -> tuple[Verdicts, int | None]:
    """Line rules, block rules, then site drop_line/drop_from; in text mode the headline is found and protected.

    The first ``pre_dropped`` units (the page <title> in front of a window) are page chrome.
    ``plain``: the units' texts are trimmed and hold no invisible character.

    Site ``drop_line``/``drop_from`` rules run last, on what the generic rules
    keep (``apply_site_rules``): they remove the lines they match and change
    no other verdict. Run first, a rule that cut a page's comment tail left the
    byline under the story as the page's last line, and page-chrome took it for footer.
    """
    line_rules, block_rules = rules_for(kind, options)
    v = Verdicts(Units(lines, plain, options.rules_dirs))
    title = None
    v.drop_span(0, pre_dropped, "page-chrome", HEADER_REASON)
    apply_line_rules(v, line_rules)
    if options.rules_dirs:
        apply_pack_line_rules(v, options.rules_dirs, {r.name for r in line_rules})
    apply_block_rules(v, [r for r in block_rules if r.name != "page-chrome"])
    if enabled(PHRASE_RULE, options):  # after the block rules: a list heading goes with its list
        apply_phrase_rule(v, options.rules_dirs, options.disable)
    if kind == TEXT:
        title = find_title(v.lines, v.dropped_by)
        if title is not None:
            v.protected.add(title)
            lead = find_standfirst(v.lines, v.dropped_by, title)
            if lead is not None:
                v.protected.add(lead)
    apply_block_rules(v, [r for r in block_rules if r.name == "page-chrome"])
    if site:
        # A drop_from never starts at a unit a line rule or a pack phrase took: "Advert" between paragraphs.
        taken = frozenset((*(r.name for r in line_rules), PHRASE_RULE))
        apply_site_rules(v, site.drop_line, site.drop_from, taken, pre_dropped)
    return v, title


@functools.cache
def _span_rules() -> frozenset[str]:
    """Block rules whose removed units go to a metadata field (``split-byline``)."""
    return frozenset(r.name for r in TEXT_RULES if r.kind == "block" and r.metadata)


def _metadata(v: Verdicts, field: str, first_body: int) -> str | None:
    """The first byline or date line above the body (a comment's timestamp is not the page's date)."""
    names = _rule_names("metadata", field)
    for i, (line, rule) in enumerate(zip(v.lines[: first_body + METADATA_LOOKAHEAD], v.dropped_by, strict=False)):
        if rule in names:
            if rule in _span_rules():  # a lead over a name ("By" over "Jane Doe"): the name
                span = range(i + 1, min(i + SPAN_UNITS, len(v.lines)))
                line = next((v.lines[j] for j in span if v.dropped_by[j] == rule), line)
            return visible(line.text)
    return None


def _byline_and_date(v: Verdicts, first_body: int) -> tuple[str | None, str | None]:
    """The byline and date lines above the body; a byline ending in its date ("By Jo Roe - 11/19/19")
    gives its names as the byline and, when no date line came first, its date."""
    byline, date = _metadata(v, "byline", first_body), _metadata(v, "date", first_body)
    dated = dated_byline(byline) if byline else None
    return (byline, date) if dated is None else (dated[0], date or dated[1])


def caption_text(text: str) -> str:
    """A caption without the shortcode and markup around it ("[caption …]<img …> The mayor.[/caption]")."""
    return visible(CAPTION_MARKUP_RE.sub(" ", text)).strip()


def build_result(v: Verdicts, title_index: int | None, **fields) -> Result:
    """Assemble the Result: body paragraphs, captions, metadata, removals in page order.

    ``title_index`` is the unit holding the headline (text mode), left out of the body.
    """
    body_index = [i for i in v.kept() if i != title_index]
    body = [v.lines[i].text for i in body_index]
    first_body = body_index[0] if body_index else len(v.lines)
    # Each caption once, in page order: a gallery credits every photo alike ("Photo by Jo Roe" x 7).
    captions = tuple(
        dict.fromkeys((*fields.pop("captions", ()), *map(caption_text, v.dropped_text(_rule_names("caption")))))
    )
    # Metadata the page declares (HTML meta tags) wins; else a byline or date line above the body.
    # A site file's own name stands as written; a page's (og:site_name) loses a URL and a tagline.
    own = (fields.pop("own_site_name", None) or "").strip()
    site_name = fields["site_name"] = own or plain_site_name(fields.get("site_name"))
    declared = lang.normalise_code(fields.pop("declared_language", None))
    dirs = v.lines.rules_dirs  # a user's packs (``lang/xx.toml`` in a rules directory) extend the bundled ones
    sample = "\n".join(body)[:LANGUAGE_SAMPLE_CHARS]
    detected = lang.detect(sample, dirs) if sample else None
    # A template's <html lang> is often the site's default, not the page's (lang="en" on a German
    # article, lang="de" on an English one): a clear stopword count over the body outranks it. The
    # count knows the pack languages only: a declared language without a pack ("da") stands.
    known = declared is None or declared in lang.languages(dirs)
    fields["language"] = (detected if known else None) or declared
    langs = lang.packs_for(declared, detected, dirs)  # the page's packs (and English); None: every pack
    leads = lang.words("byline-lead", langs, dirs)
    header_byline, header_date = fields.pop("header", (None, None))  # HTML: lines above the body container
    line_byline, line_date = _byline_and_date(v, first_body)
    date_text = fields.get("date") or line_date or header_date
    raw_byline = fields.get("byline") or line_byline or posted_by(date_text) or header_byline
    roles = lang.words("byline-role", langs, dirs)
    fields["byline"] = byline_names(raw_byline, leads=leads, publisher=site_name, roles=roles)
    fields["date_text"] = date_text
    months = lang.calendar("months", langs, dirs)  # an English page's 04/03/2013 may be US or UK: us_order None
    us_order = None if fields["language"] == "en" else False
    fields["date"] = iso_date(fields["date_text"], months=months, us_order=us_order, url=fields.get("url"))
    if title_index is not None:
        fields["title"] = v.lines[title_index].text
    removed = tuple(sorted((*fields.pop("dom_removed", ()), *v.removals), key=lambda r: (r.line or 0, r.end or 0)))
    return Result(
        title=fields.pop("title", None),
        text="\n\n".join(body),
        paragraphs=tuple(body),
        captions=captions,
        removed=removed,
        **fields,
    )


def dump_urls(lines: Sequence[str]) -> list[str]:
    """The URLs a text dump gives near its top (its first URL_SCAN_LINES lines), where a page names its own.

    A URL inside markup the dump kept names something else: an ``<img src=...>`` in
    a ``[caption]`` (an image on a CDN), a tracking pixel in ``<noscript>``. Those
    are left out, here for the site choice and in ``cleanup learn`` for the host.

    >>> dump_urls(['[caption]<img src="https://cdn.example/a.jpg"> The pier.[/caption]', "https://example.org/a"])
    ['https://example.org/a']
    """
    # Markup taken out leaves a space: a line without "://" holds no URL after it either.
    heads = [t for t in lines[:URL_SCAN_LINES] if "://" in t]
    return [m.group(0) for t in heads for m in URL_RE.finditer(CAPTION_MARKUP_RE.sub(" ", t))]


def clean_text(page: Page, options: Options) -> Result:
    """Plain-text input: units, rules, the article run, the headline.

    A quick first guess picks a window of lines around the article; the rules
    run on it (with the page's first line, the <title>, in front), and the
    window grows while the article reaches its edge. The lines outside it are
    page chrome, reported as two removals.
    """
    stripped = stripped_lines(page.text)
    urls = dump_urls(stripped)
    # Stripped lines are their own visible form unless the page holds an invisible character.
    plain = not has_invisible(page.text)
    shown = stripped if plain else [visible(t) for t in stripped]
    # Fingerprints see the lines as the rules do (trimmed, visible): the same line
    # must choose the same site before and after cleaning.
    site = choose_site(options, urls, lambda: "\n".join(shown))
    run = functools.partial(_run_text_rules, site=site, options=options, plain=plain)
    if not enabled("page-chrome", options):  # no article finder: the rules see the whole page
        v, title = run(units(stripped, plain=plain), 0)
        outside: list[Removal] = []
    else:
        v, title, outside = find_article(stripped, shown, plain, run)
    return build_result(
        v,
        title,
        url=options.url,
        site=site.host if site else None,
        dom_removed=outside,
        own_site_name=site.name if site else None,
        kind=TEXT,
        extractor="text",
        encoding=page.encoding,
    )


def _run_text_rules(
    lines: list[Line], pre_dropped: int, site: S.Site | None, options: Options, plain: bool
) -> tuple[Verdicts, int | None]:
    return run_rules(lines, TEXT, site, options, pre_dropped=pre_dropped, plain=plain)


def clean_html(page: Page, options: Options) -> Result:
    """HTML input: DOM stage and main content (html.py), then the same text rules."""
    from cleanup.html.extract import extract_html  # lxml and readability load only for HTML input

    head = page.text[:HEAD_BYTES]
    urls = [u for m in CANONICAL_RE.finditer(head) for u in m.groups() if u]
    site = choose_site(options, urls, str)  # HTML is not fingerprinted: an empty text matches none
    if site is None and options.rules_dirs:
        site = enabled_site(lookup.global_site(options.rules_dirs), options)  # FiveFilters' global.txt
    doc = extract_html(page.text, site=site, url=options.url, options=options, utf8=page.utf8)
    v, _ = run_rules(doc.lines, HTML, site, options)
    return build_result(
        v,
        None,
        title=doc.title,
        url=options.url or doc.canonical_url,
        site=site.host if site else None,
        site_name=doc.site_name,
        own_site_name=site.name if site else None,
        kind=HTML,
        extractor=doc.extractor,
        encoding=page.encoding,
        captions=doc.captions,
        dom_removed=doc.removed,
        byline=doc.byline,
        declared_language=(found.group(1) if (found := HTML_LANG_RE.search(head)) else None),
        date=doc.date,
        native_ad=doc.native_ad,
        header=doc.header,
    )
