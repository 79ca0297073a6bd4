"""The data every stage passes on: lines, removals, options and the result.

All of it is frozen: a stage returns new values instead of mutating what it
was given, so a result can be explained after the fact and compared in tests.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from os import PathLike
from typing import Any, NamedTuple


class CleanupError(Exception):
    """Base class of every error the library raises on purpose."""


class DecodeError(CleanupError):
    """The input is not text we can read (binary, undecodable, too large)."""


class SiteRuleError(CleanupError):
    """A site rule file is invalid: bad TOML, unknown key, bad pattern.

    Its message is one line (``one_line``): a newline the file holds (in a regex the
    message echoes, a key, a rule name) cannot start a line of its own, such as a forged
    ``error: ...`` line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def one_line(text: str) -> str:
    r"""``text`` with every control or other unprintable character escaped (``\n``, ``\x1b``), so
    that text from a file or page printed in a message or an --explain line stays on its line.

    >>> print(one_line("bad regex: (a\nerror: forged.html: fake"))
    bad regex: (a\nerror: forged.html: fake
    """
    return text if text.isprintable() else "".join(ch if ch.isprintable() else escape_char(ch) for ch in text)


def escape_char(ch: str) -> str:
    """One character as an escape: a byte that was not UTF-8 (surrogateescape) as ``\\xNN``."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii") if ch not in "'\\" else "\\" + ch


class ExtractionError(CleanupError):
    """The page could be read but not processed (for example a broken parse)."""


class RuleNameError(CleanupError, ValueError):
    """A ``disable`` name that names no rule, or a rule that cannot be switched off.

    A ValueError too: it is a bad argument value, and callers that catch
    ValueError around ``clean()`` keep working. Its message is one line, as a
    SiteRuleError's: its "did you mean" hint may name a rule of a user's file.
    """

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class Line(NamedTuple):
    """One unit of page text: a paragraph, heading, list item or text line.

    ``no`` is the 1-based line number in the input where the unit starts and
    ``end`` the line where it ends (equal for one-line units). ``tag`` is the
    HTML block tag (``p``, ``h2``, ``li`` ...) or ``""`` for plain-text input.
    ``link_share`` is the share of the unit's characters inside links (HTML).

    A named tuple rather than a frozen dataclass: one is made for every line
    of every page, and a tuple is several times cheaper to build.
    """

    no: int
    text: str
    tag: str = ""
    end: int = 0
    link_share: float = 0.0

    @property
    def last(self) -> int:
        """Last input line of the unit."""
        return self.end or self.no


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed piece of the page, with the rule that removed it and why.

    ``rule`` is the rule's published name (``promo-line``, or
    ``rollcall.com:video-promo`` for a site rule), ``reason`` a noun phrase
    saying what the piece is, ``text`` the removed text (all of it: nothing
    removed is lost), ``line``/``end`` its input lines and ``node`` a
    short description of the removed element (``div#related.box``) for DOM
    removals.
    """

    rule: str
    reason: str
    text: str
    line: int | None = None
    end: int | None = None
    node: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict in a fixed key order, ``None`` fields left out."""
        return {k: v for k, v in asdict(self).items() if v is not None}


def without_password(url: str | None) -> str | None:
    """``url`` with the password of its user part as ``***``: JSON outputs and messages never hold it.

    >>> without_password("https://joe:s3cret@example.com/a"), without_password("https://example.com/a")
    ('https://joe:***@example.com/a', 'https://example.com/a')
    >>> without_password("https://example.com/a?id=7&access_token=abc")  # a credential in the query too
    'https://example.com/a?id=7&access_token=***'
    >>> without_password("joe:s3cret@example.com"), without_password("joe@example.com")  # no scheme
    ('joe:***@example.com', 'joe@example.com')
    >>> without_password("joe:s3cret@example.com/?next=https://x.org/")
    'joe:***@example.com/?next=https://x.org/'
    >>> without_password("mailto:joe@example.com"), without_password("joe:pw@example.com/a@b")
    ('mailto:joe@example.com', 'joe:***@example.com/a@b')
    >>> without_password("joe:pa/ss@example.com"), without_password(" https://joe:s3cret@example.com/a")
    ('joe:***@example.com', 'https://joe:***@example.com/a')
    >>> without_password("//joe:s3cret@example.com/a"), without_password("data:text/plain,a@b")
    ('//joe:***@example.com/a', 'data:text/plain,a@b')

    """
    if url and "=" in url:
        url = SECRET_PARAM_RE.sub(r"\1***", url)
    if not url or "@" not in url:
        return url
    from urllib.parse import urlsplit, urlunsplit

    if not SCHEME_RE.match(url.lstrip()):  # a host with a user part, no scheme ("joe:pw@example.com": --site)
        return BARE_USER_PART_RE.sub(r"\1\2:***@", url)
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
    except ValueError:  # not a URL urlsplit reads ("http://u:pw@[::1/"): the user part all the same
        return hide_passwords(url)


# A URL's scheme and "//" opening it ("https://"): without them, "joe:pw@host/?next=https://x" is a host.
SCHEME_RE = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
# The user part of a host written without a scheme: "user:password@host".
# To the "@" before the host (a password may hold "@" or "/"); not a URI of a scheme written without "//".
BARE_USER_PART_RE = re.compile(
    r"^(\s*(?://)?)(?!(?:mailto|tel|sms|urn|news|data|javascript|xmpp|sips?):)([^/@:\s]+):\S*?@"
    r"(?=[^@/?#\s]*(?:[/?#\s]|$))"
)
# The user part of a URL anywhere in a text: "scheme://user:password@".
USER_PART_RE = re.compile(r"(//[^/@:\s]*):\S*@")  # to the last "@": a password may hold "@" or "/"


def hide_passwords(text: str) -> str:
    """``text`` with the password of every URL's user part as ``***`` (a message naming a URL).

    >>> hide_passwords("error: s3://AKIA:SECRET@bucket/key: access denied")
    'error: s3://AKIA:***@bucket/key: access denied'
    >>> hide_passwords("--site http://u:p@ss/w@example.com: no site rule file")
    '--site http://u:***@example.com: no site rule file'

    The value of a query parameter named as a secret goes too (a signed or tokened URL):

    >>> hide_passwords("https://x.example/a?id=7&token=abc123&X-Amz-Signature=f00#top")
    'https://x.example/a?id=7&token=***&X-Amz-Signature=***#top'
    >>> hide_passwords("https://x.example/cb;jsessionid=A1#access_token=S2&token_type=bearer")
    'https://x.example/cb;jsessionid=***#access_token=***&token_type=bearer'
    """
    if "@" in text:
        text = USER_PART_RE.sub(r"\1:***@", text)
    return SECRET_PARAM_RE.sub(r"\1***", text) if "=" in text else text


# Query parameters whose value is a credential (OAuth, API keys, cloud storage signatures).
SECRET_PARAMS = (
    "token|access_token|refresh_token|id_token|private_token|api_token|auth|auth_token|key|api_key|apikey"
    "|api-key|secret|client_secret|password|passwd|pwd|signature|sig|x-amz-signature|x-amz-security-token"
    "|x-amz-credential|x-goog-signature|x-goog-credential|sessionid|session_id|phpsessid|jsessionid|sid"
)
# In the query, in a fragment (an OAuth implicit grant: "#access_token=") or as a path parameter (";jsessionid=").
# The value stops before a colon that ends a word ("URL?token=x: no such file"): the message's, not the URL's.
SECRET_PARAM_RE = re.compile(rf"([?&;#](?:{SECRET_PARAMS})=)(?:[^&#;:\s'\"]|:(?![\s'\"]|$))+", re.IGNORECASE)


MAX_INPUT_BYTES = 1 << 50  # the largest max_bytes taken: past it a read size overflows the C types


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean a page. Every field has a safe default.

    url: page URL, used to choose site rules (and reported in the result).
    site: host whose site rules to apply, overriding URL and fingerprints.
    rules_dirs: extra directories of site rule files; earlier ones win over
        later ones and all of them over the bundled rules.
    disable: rule names not to run, as ``cleanup --list-rules`` shows them
        (``promo-line``, ``host:name`` for a site rule, or the alias
        ``image-caption``); ``clean()`` raises RuleNameError for a name that
        is no rule.
    encoding: decode the input with this codec instead of guessing.
    charset: the charset the transport declared (an HTTP Content-Type header, a
        WARC record's): used for bytes that are not UTF-8, before the page's own
        ``<meta charset>``, as browsers do; an unknown name is ignored.
    max_bytes: inputs larger than this are refused with a DecodeError.
    """

    url: str | None = None
    site: str | None = None
    rules_dirs: tuple[str, ...] = ()
    disable: frozenset[str] = frozenset()
    encoding: str | None = None
    charset: str | None = None
    max_bytes: int = 50_000_000

    def __post_init__(self) -> None:
        """Accept any path or collection the caller has; refuse what cannot work, naming the field."""
        dirs = (self.rules_dirs,) if isinstance(self.rules_dirs, (str, PathLike)) else (self.rules_dirs or ())
        object.__setattr__(self, "rules_dirs", tuple(str(d) for d in dirs))
        names = (self.disable,) if isinstance(self.disable, str) else (self.disable or ())  # None: nothing off
        object.__setattr__(self, "disable", frozenset(names))
        for name in ("url", "site", "encoding", "charset"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise TypeError(f"Options.{name} must be a string, not {type(getattr(self, name)).__name__}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int):
            raise TypeError(f"Options.max_bytes must be a positive int, not {self.max_bytes!r}")
        if self.max_bytes < 1:
            raise ValueError(f"Options.max_bytes must be a positive int, not {self.max_bytes!r}")
        if self.max_bytes > MAX_INPUT_BYTES:
            raise ValueError(f"Options.max_bytes must be at most {MAX_INPUT_BYTES:,} (MAX_INPUT_BYTES)")


DEFAULT_OPTIONS = Options()


@dataclass(frozen=True)
class Result:
    """What ``clean()`` found in one page.

    ``text`` is the article body (paragraphs separated by blank lines) without
    the headline; ``title`` is the headline. ``captions`` holds photo captions
    and credits, which are kept apart from the text. ``removed`` lists every
    removed piece in page order. ``extractor`` names the path that found the
    article: ``text`` (plain-text input), ``site-rule``, ``scorer``,
    ``evidence`` (a container the page names or declares as its article body),
    ``readability`` or ``body`` (HTML input). ``date`` is ISO 8601 (None
    when the page's date cannot be read for certain), ``date_text`` the date
    as the page gave it; ``byline`` holds names only; ``language`` is the
    page's language code when known;
    ``native_ad`` is true when a site rule (a FiveFilters ``native_ad_clue``)
    says the page is sponsored; the key is in the JSON only then. ``url``
    never holds a password: ``https://joe:***@example.com/a``.
    """

    title: str | None
    text: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    byline: str | None = None
    date: str | None = None
    date_text: str | None = None
    language: str | None = None
    url: str | None = None
    site: str | None = None
    site_name: str | None = None
    kind: str = "text"
    extractor: str = "text"
    encoding: str | None = None
    removed: tuple[Removal, ...] = field(default=())
    native_ad: bool = False

    def __post_init__(self) -> None:
        """A password in the URL is masked here, once: no caller can log or store it from a Result."""
        object.__setattr__(self, "url", without_password(self.url))

    def to_text(self) -> str:
        """Headline, a blank line, then the body; always ends in a newline."""
        parts = [p for p in (self.title, self.text) if p]
        return "\n\n".join(parts) + "\n" if parts else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with a fixed key order."""
        return {
            "title": self.title,
            "text": self.text,
            "captions": list(self.captions),
            "byline": self.byline,
            "date": self.date,
            "date_text": self.date_text,
            "language": self.language,
            "url": self.url,
            "site": self.site,
            "site_name": self.site_name,
            "kind": self.kind,
            "extractor": self.extractor,
            "encoding": self.encoding,
            "removed": [r.to_dict() for r in self.removed],
            **({"native_ad": True} if self.native_ad else {}),
        }


class RuleKind(StrEnum):
    """The mechanism a rule is made with (``--list-rules`` shows the value)."""

    LINE = "line"  # text: one unit alone (cleanup.text.lines)
    BLOCK = "block"  # text: a unit with its neighbours (cleanup.text.blocks, cleanup.text.article)
    DOM = "dom"  # HTML: elements (cleanup.html.vocab groups and hand-written steps)
    SITE = "site"  # a rule from a site file (drop_line, drop_from, strip, body)


class Stage(StrEnum):
    """Where in the pipeline a rule runs; members are in pipeline order."""

    HTML_STRIP = "html-strip"  # site strip rules, right after the parse
    HTML_CONTAINER = "html-container"  # the article container: site body rules, outside-article
    HTML_CAPTIONS = "html-captions"  # captions moved out of the article
    HTML_CHROME = "html-chrome"  # chrome marks (vocabulary groups) inside the container
    HTML_LINES = "html-lines"  # the container's lines: headline, link runs
    TEXT_LINES = "text-lines"  # line rules and site drop_line, one unit at a time
    TEXT_DROP_FROM = "text-drop-from"  # site drop_from: a unit and everything after it
    TEXT_BLOCKS = "text-blocks"  # block rules, in their declared order
    TEXT_PHRASES = "text-phrases"  # language-pack chrome phrases, on what the block rules kept


@dataclass(frozen=True)
class RuleEntry:
    """One rule of the rule table (``cleanup.rules``), whatever its mechanism.

    ``name`` is the published name (in removals, ``--disable``, goldens);
    ``reason`` says what the rule removes; ``defined`` where it is written
    (``module:function``, or ``file [[kind]] name`` for a site rule);
    ``inputs`` the input kinds it runs on (``text``, ``html``); ``switch`` is
    False for the steps ``--disable`` cannot turn off (the article choice).
    """

    name: str
    kind: RuleKind
    stage: Stage
    reason: str
    defined: str
    inputs: frozenset[str] = frozenset({"text", "html"})
    switch: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with a fixed key order (``--list-rules --format json``)."""
        return {
            "name": self.name,
            "kind": str(self.kind),
            "stage": str(self.stage),
            "reason": self.reason,
            "defined": self.defined,
            "inputs": sorted(self.inputs),
            "switch": self.switch,
        }
