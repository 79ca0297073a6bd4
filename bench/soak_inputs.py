"""Fuzzed containers, pages and rule files for the CLI soak (bench/soak.py --cli).

Each builder is a pure function of a ``random.Random`` (and the benchmark
pages), so a failing round is rebuilt from its seed. These are the mutators
that found the batch killers of issue 15: WARC and JSON Lines containers cut,
stripped of headers, given wrong lengths, gzip members cut or concatenated,
nested JSON, huge lines, non-finite numbers, lone surrogates, odd encodings
and meta charsets, and hostile rule files (TOML, FiveFilters .txt, language
packs) with bad XPaths, EXSLT, variables, deep nesting, wrong types and huge
alternations.
"""

from __future__ import annotations

import gzip
import json
import random
import uuid

PROSE = (
    "The council voted on Tuesday to close the old bridge for repairs after engineers found cracks.",
    "Residents said they were not consulted, and some of them plan to appeal the decision in court.",
    "Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux de réparation.",
    "市议会周二投票决定关闭旧桥进行维修，工程师此前在桥墩上发现了裂缝。",
)
SENTINEL = "The sentinel page of this round was cleaned and written like any other page of the batch."
HOST = "soak.example"
SURROGATES = ("\ud800", "\udfff", "\udbff\udbff", "\udc00x\ud800")
ESCAPED_SURROGATES = ("\\ud800", "\\udfff", "\\uDBFF", "\\udc00\\ud800", "\\ud83d")
NON_FINITE = ("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" + "0" * 400, "-0.0", "1e-999")
CHARSETS = (
    "unicode_escape",
    "raw_unicode_escape",
    "undefined",
    "utf-7",
    "rot13",
    "hex",
    "base64",
    "idna",
    "punycode",
    "utf-16",
    "utf-32",
    "x-user-defined",
    "bogus-charset",
    "utf-8\x00",
    "mbcs",
    "zlib",
    "uu",
    "quopri",
    "shift_jis",
    "gb18030",
    "koi8-r",
    "iso-2022-jp",
    "big5",
    "euc-kr",
    "cp037",
    "",
    "a" * 300,
)
ENCODINGS = (
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-7",
    "shift_jis",
    "gb18030",
    "koi8-r",
    "iso-2022-jp",
    "big5",
    "euc-kr",
    "cp037",
    "cp1252",
    "latin-1",
    "utf-8-sig",
)


def pick(rng: random.Random, *options):
    """One of ``options``."""
    return options[rng.randrange(len(options))]


def article(rng: random.Random, paragraphs: int | None = None) -> str:
    """A small HTML article of PROSE paragraphs."""
    n = paragraphs if paragraphs is not None else rng.randint(1, 6)
    body = "".join(f"<p>{rng.choice(PROSE)}</p>" for _ in range(n))
    return f"<html><head><title>Bridge {rng.randrange(99)}</title></head><body><article>{body}</article></body></html>"


def good_page() -> str:
    """The round's sentinel: if its text is missing from the output, the batch was aborted."""
    body = f"<article><p>{SENTINEL}</p><p>{PROSE[1]}</p></article>"
    return f"<html><head><title>Sentinel</title></head><body>{body}</body></html>"


# --- pages: lone surrogates, odd encodings, meta charsets -------------------------------------------


def surrogate_page(rng: random.Random, text: str) -> bytes:
    """``text`` with lone surrogates, as CESU-style UTF-8 bytes, character references or escapes."""
    cut = rng.randrange(len(text) + 1)
    how = rng.randrange(3)
    if how == 0:
        return (text[:cut] + rng.choice(SURROGATES) + text[cut:]).encode("utf-8", "surrogatepass")
    if how == 1:
        ref = pick(rng, "&#xD800;", "&#55296;", "&#xDFFF;&#xD800;", "&#x110000;", "&#0;")
        return (text[:cut] + ref + text[cut:]).encode()
    return (text[:cut] + rng.choice(ESCAPED_SURROGATES) + text[cut:]).encode()


def charset_page(rng: random.Random, text: str) -> bytes:
    """``text`` under a declared charset (meta, XML declaration or BOM) that may be a lie or no text codec."""
    declared = rng.choice(CHARSETS)
    head = pick(
        rng,
        f'<meta charset="{declared}">',
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">',
        f'<?xml version="1.0" encoding="{declared}"?>',
        f"<meta charset={declared}><meta charset=utf-8>",
    )
    page = head + text if rng.random() < 0.5 else text.replace("<head>", "<head>" + head, 1)
    if rng.random() < 0.3:
        page += rng.choice(ESCAPED_SURROGATES) + " \\x41 \\N{BULLET} " + rng.choice(PROSE)
    codec = rng.choice(ENCODINGS)
    data = page.encode(codec, errors="replace")
    if rng.random() < 0.2:
        data = pick(rng, b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"+/v8") + data
    return data


# --- JSON Lines and JSON arrays ---------------------------------------------------------------------


def _odd_value(rng: random.Random) -> str:
    """A JSON value that parsers disagree on, or that may kill a writer."""
    return pick(
        rng,
        rng.choice(NON_FINITE),
        json.dumps(rng.choice(SURROGATES)),
        '"' + rng.choice(ESCAPED_SURROGATES) + '"',
        "[" * 300 + "]" * 300,
        "{" + '"a":{' * 200 + "}" * 201,
        "null",
        "true",
        '"\\u0000"',
        '{"html": 5}',
        "[1, 2, " + rng.choice(NON_FINITE) + "]",
        '"' + "x" * rng.choice((10, 10_000, 300_000)) + '"',
    )


def _record(rng: random.Random, page: str) -> str:
    """One JSON Lines record holding ``page``, with odd fields around it."""
    fields = {"url": json.dumps(f"https://{HOST}/{rng.randrange(1000)}"), "id": str(rng.randrange(10**6))}
    key = pick(rng, "html", "html", "text", "body")
    fields[key] = json.dumps(page, ensure_ascii=rng.random() < 0.5)
    for _ in range(rng.randint(0, 3)):
        fields[pick(rng, "id", "url", "tag", "meta", "lang", "html", "text")] = _odd_value(rng)
    if rng.random() < 0.1:
        cut = rng.randrange(len(fields[key]))
        fields[key] = fields[key][:cut] + rng.choice(ESCAPED_SURROGATES) + fields[key][cut:]
    items = [f"{json.dumps(k)}: {v}" for k, v in fields.items()]
    rng.shuffle(items)
    return "{" + ", ".join(items) + "}"


def _broken_line(rng: random.Random, line: str) -> str:
    """A record truncated, nested, over-long, or no object at all."""
    how = rng.randrange(7)
    if how == 0:
        return line[: rng.randrange(len(line) + 1)]
    if how == 1:
        depth = rng.choice((1_000, 50_000, 200_000))
        return '{"html": ' + "[" * depth + "]" * depth + "}"
    if how == 2:
        return '{"html": "' + "<p>x</p>" * rng.choice((100_000, 400_000)) + '"}'  # past --max-bytes of the round
    if how == 3:
        return pick(rng, "[1, 2]", '"a page"', "42", "null", "[" + line + "]", line + line, "\ufeff" + line)
    if how == 4:
        return line.replace(":", "", 1)
    if how == 5:
        return "{" + '"a": {' * rng.choice((1_000, 100_000)) + "}" * 5
    return line + "\x00\x01garbage"


def jsonl_file(rng: random.Random, pages: list[str]) -> bytes:
    """A JSON Lines file: good and broken records, odd line endings, maybe gzipped and cut."""
    lines = []
    for page in pages:
        line = _record(rng, page)
        lines.append(_broken_line(rng, line) if rng.random() < 0.25 else line)
        if rng.random() < 0.1:
            lines.append(pick(rng, "", "   ", "\r", "\x0c"))
    data = pick(rng, "\n", "\n", "\r\n", "\u2028").join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:
        data = _flip(rng, data)
    if rng.random() < 0.5:
        data += b"\n"
    return data


def json_array_file(rng: random.Random, pages: list[str]) -> bytes:
    """A JSON array of records (Scrapy's -O items.json), maybe cut short or with a broken item."""
    items = [_record(rng, page) for page in pages]
    if items and rng.random() < 0.3:
        k = rng.randrange(len(items))
        items[k] = _broken_line(rng, items[k])
    data = ("[" + pick(rng, ",", ",\n", " , ").join(items) + pick(rng, "]", "]", "", ",]", "] trailing")).encode(
        "utf-8", "surrogatepass"
    )
    return data[: rng.randrange(len(data) + 1)] if rng.random() < 0.15 else data


def _flip(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


# --- gzip: members cut, concatenated, trailing data -------------------------------------------------


def gzip_mutated(rng: random.Random, data: bytes, members: list[bytes] | None = None) -> bytes:
    """``data`` gzipped as one or several members (``members``: one per record), then maybe cut or padded."""
    parts = members if members and rng.random() < 0.7 else [data]
    out = b"".join(gzip.compress(p, rng.choice((1, 6, 9))) for p in parts)
    how = rng.randrange(8)
    if how == 0:
        return out[: rng.randrange(1, len(out) + 1)]  # cut anywhere, even inside a header
    if how == 1:
        return out + gzip.compress(data)  # another whole copy after it
    if how == 2:
        return out + pick(rng, b"\x00" * 512, b"garbage", b"\x1f\x8b", b"\x1f\x8b\x08\x00" + b"\x00" * 6)
    if how == 3:
        return _flip(rng, out)
    if how == 4 and len(parts) > 1:
        k = rng.randrange(len(parts))  # one member cut in the middle, the others whole
        cut = gzip.compress(parts[k])
        return (
            b"".join(gzip.compress(p) for p in parts[:k])
            + cut[: len(cut) // 2]
            + b"".join(gzip.compress(p) for p in parts[k + 1 :])
        )
    return out


# --- WARC -------------------------------------------------------------------------------------------

WARC_HEADERS = ("WARC-Type", "WARC-Target-URI", "WARC-Date", "WARC-Record-ID", "Content-Type", "Content-Length")


def _http(rng: random.Random, page: bytes) -> bytes:
    """An HTTP response holding ``page``, with odd statuses, types, charsets and encodings."""
    status = pick(rng, "200 OK", "200 OK", "200 OK", "404 Not Found", "301 Moved", "999 X", "abc", "", "200")
    ctype = pick(
        rng,
        "text/html; charset=utf-8",
        "text/html",
        "text/plain",
        "application/xhtml+xml",
        "image/png",
        "",
        f"text/html; charset={rng.choice(CHARSETS)}",
        "TEXT/HTML ; charset=UTF-8",
    )
    headers = [f"HTTP/1.1 {status}", f"Content-Type: {ctype}"]
    if rng.random() < 0.1:
        headers.append(pick(rng, "Content-Encoding: gzip", "Transfer-Encoding: chunked", "Content-Encoding: br"))
    if rng.random() < 0.05:
        headers.append("X-Long: " + "a" * rng.choice((10_000, 100_000)))
    if rng.random() < 0.05:
        return page  # no HTTP head at all
    return ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8", "surrogatepass") + page


def warc_record(rng: random.Random, page: bytes, mutate: bool) -> bytes:
    """One WARC record for ``page``; when ``mutate``, a header lost or lying, or the block cut."""
    rec_type = pick(rng, "response", "response", "response", "request", "resource", "revisit", "warcinfo", "metadata")
    block = _http(rng, page) if rec_type in ("response", "revisit", "request") else page
    headers = {
        "WARC-Type": rec_type,
        "WARC-Target-URI": f"https://{HOST}/{rng.randrange(1000)}",
        "WARC-Date": pick(rng, "2024-01-01T00:00:00Z", "yesterday", ""),
        "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>",
        "Content-Type": "application/http; msgtype=response",
        "Content-Length": str(len(block)),
    }
    if rng.random() < 0.1:
        headers["WARC-Target-URI"] = pick(rng, "not a url", "", "https://\udcff.x/", "javascript:alert(1)", "x" * 9_000)
    version = "WARC/1.0"
    if mutate:
        version, headers, block = _mutate_warc(rng, version, headers, block)
    head = version + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode("utf-8", "surrogatepass") + b"\r\n" + block + b"\r\n\r\n"


def _mutate_warc(rng: random.Random, version: str, headers: dict[str, str], block: bytes):
    how = rng.randrange(6)
    if how == 0:
        headers.pop(rng.choice(WARC_HEADERS), None)
    elif how == 1:
        size = len(block)
        headers["Content-Length"] = pick(rng, str(size // 2), str(size + 50), str(size * 10), "-5", "abc", "9" * 30, "")
    elif how == 2:
        block = block[: rng.randrange(len(block) + 1)]
    elif how == 3:
        version = pick(rng, "WARC/0.17", "WARC/2.0", "warc/1.0", "HTTP/1.1 200 OK", "", "WARC/1.1")
    elif how == 4:
        headers[pick(rng, "WARC-Type", "Content-Type", "WARC-Target-URI")] = pick(
            rng, "a\r\nInjected: yes", "\x00", "é" * 50, "x" * 70_000
        )
    else:
        headers["WARC-Truncated"] = "length"
        headers["WARC-Payload-Digest"] = "sha1:not-a-digest"
    return version, headers, block


def warc_file(rng: random.Random, pages: list[bytes]) -> tuple[bytes, list[bytes]]:
    """A WARC file's bytes and its records (the gzip members of a .warc.gz), some of them broken."""
    records = [warc_record(rng, page, mutate=rng.random() < 0.3) for page in pages]
    if rng.random() < 0.1:
        records.insert(rng.randrange(len(records) + 1), rng.randbytes(rng.randrange(1, 300)))
    data = b"".join(records)
    if rng.random() < 0.1:
        data = data[: rng.randrange(len(data) + 1)]
    return data, records


# --- rule files: TOML site files, FiveFilters .txt, language packs ----------------------------------

GOOD_XPATHS = ("//div[@class='promo']", "//aside", "//nav", "//*[contains(@class,'share')]", "//article")
BAD_XPATHS = (
    "//div[$foo]",
    "//div[foo:bar(.)]",
    "//div[re:test(@class, 'a')]",
    "//div[exsl:node-set(.)]",
    "//div[str:split(@class)]",
    "//div[set:distinct(.)]",
    "//div[document('/etc/passwd')]",
    "//div[php:function('x')]",
    "//div[unknown(.)]",
    "//div[",
    "///",
    "//div[@class='a']]",
    "//*[count(//*[count(//*)<0])<0]",
    "//div[position() = last() div 0]",
    "//div[string-length(.) > 1e999]",
    "/descendant-or-self::node()/namespace::*",
    "//@*",
    "//text()",
    "//comment()",
    "1 + 1",
    "'a string'",
    "//div[key('k', .)]",
    "//div[current()]",
    "//div[generate-id()]",
    "//div[system-property('x')]",
    "",
    " ",
    "\x00",
    "//div[@class='\ud800']",
)
BAD_CSS = ("div[", "div:has(p)", "::before", "p:nth-child(n+", "div > > p", "*:not(*:not(*))", "a:contains('x')", "#")
BAD_REGEXES = ("(a+)+$", "(?=x)y", "(a)\\1", "[", "a{1000}{1000}", "\\C", "(?P<n>a)(?P=n)", "\\p{Nope}", "x" * 5000, "")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _huge_alternation(rng: random.Random, css: bool) -> str:
    n = rng.choice((201, 5_000, 50_000))
    parts = (f"div.c{i}" if css else f"//div[@id='c{i}']" for i in range(n))
    return (", " if css else " | ").join(parts)


def _deep_brackets(rng: random.Random) -> str:
    depth = rng.choice((33, 500, 5_000))
    return "//div" + "[p" * depth + "]" * depth


def hostile_xpath(rng: random.Random) -> str:
    """An XPath a rule file may hold: valid, invalid, an extension function, huge or deep."""
    r = rng.random()
    if r < 0.25:
        return rng.choice(GOOD_XPATHS)
    if r < 0.8:
        return rng.choice(BAD_XPATHS)
    if r < 0.9:
        return _huge_alternation(rng, css=False)
    return _deep_brackets(rng)


def _toml_str(value: str) -> str:
    """A TOML basic string (json.dumps escapes are TOML's, except that TOML has no surrogates)."""
    return json.dumps(value, ensure_ascii=False).replace("\\ud", "\\u00d")


def _toml_value(rng: random.Random, kind: str) -> str:
    """The value of one rule key: usually of its type, sometimes not."""
    if rng.random() < 0.15:
        return pick(rng, "5", "true", "[]", '["a", 1]', "{x = 1}", "1979-05-27T07:32:00Z", "nan", "inf", _nested(5_000))
    if kind == "xpath":
        return _toml_str(hostile_xpath(rng))
    if kind == "css":
        return _toml_str(rng.choice(BAD_CSS) if rng.random() < 0.6 else _huge_alternation(rng, css=True))
    if kind == "regex":
        return _toml_str(rng.choice(BAD_REGEXES) if rng.random() < 0.5 else "^Share this article$")
    return _toml_str(pick(rng, "promo", "x", "", "a" * 10_000, "é\u202e"))


def toml_rule(rng: random.Random, n: int) -> str:
    """One [[kind]] table with its keys, each maybe missing, wrong or hostile."""
    kind = pick(rng, "drop_line", "drop_from", "strip", "body", "expect", "bogus")
    keys = {"name": f'"r{n}"', "why": '"soak"'}
    if kind in ("drop_line", "drop_from"):
        keys["regex"] = _toml_value(rng, "regex")
    elif kind in ("strip", "body"):
        which = pick(rng, "xpath", "css")
        keys[which] = _toml_value(rng, which)
    elif kind == "expect":
        keys = {"fixture": _toml_value(rng, "name"), "keeps": pick(rng, '"a"', '["a"]', "5"), "drops": "[]"}
    for key in list(keys):
        if rng.random() < 0.08:
            del keys[key]
    if rng.random() < 0.05:
        keys[pick(rng, "xpth", "regexp", "reason")] = '"x"'
    return f"[[{kind}]]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items())


def toml_site(rng: random.Random) -> bytes:
    """A TOML site file: a [site] table with fingerprints and a few rules, or plain hostile bytes."""
    r = rng.random()
    if r < 0.05:
        return ("a = " + _nested(rng.choice((500, 5_000, 50_000)))).encode()
    if r < 0.08:
        return pick(rng, b"\x00\x01", b"\xff\xfe[site]", b"[site\n", b"", b"\xef\xbb\xbf[site]\nname='x'\n")
    fps = [_toml_str(pick(rng, "^Share this$", "a{1000}" * rng.randint(1, 4), "(x+x+)+y", "[", "\\bword\\b"))]
    for _ in range(rng.randint(0, 2)):  # each fine alone, maybe too big for RE2 together
        fps.append(_toml_str("(" + "|".join(f"w{i}" for i in range(rng.choice((10, 3_000)))) + ")"))
    site = f"[site]\nname = {_toml_value(rng, 'name')}\nfingerprints = [{', '.join(fps)}]\n"
    if rng.random() < 0.05:
        site = pick(rng, "[site]\nfingerprints = 5\n", "[site]\nname = 3\n", "site = 1\n")
    rules = "\n".join(toml_rule(rng, n) for n in range(rng.randint(0, 6)))
    return (site + "\n" + rules).encode("utf-8", "surrogatepass")


FTR_DIRECTIVES = ("body", "strip", "title", "author", "date", "native_ad_clue")
FTR_OTHER = (
    "strip_id_or_class: share",
    "strip_id_or_class: ",
    "strip_image_src: ads/",
    "prune: no",
    "prune: maybe",
    "autodetect_on_failure: no",
    "tidy: no",
    "http_header(user-agent): x",
    "single_page_link: //a",
    "test_url: https://soak.example/1",
    "test_contains: council",
    "find_string: <p>",
    "replace_string: <div>",
    "replace_string(<article>): <section>",
    "replace_string(): ",
    "find_string: " + "x" * 10_000,
    "no colon here",
    ": no directive",
    "body:",
    "# a comment",
    "unknown_directive: 1",
    "strip: " + "//div|" * 3_000 + "//p",
)


def ftr_file(rng: random.Random) -> bytes:
    """A FiveFilters config: directive lines with hostile XPaths, unpaired find/replace, junk."""
    lines = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.6:
            lines.append(f"{rng.choice(FTR_DIRECTIVES)}: {hostile_xpath(rng)}")
        else:
            lines.append(rng.choice(FTR_OTHER))
    data = pick(rng, "\n", "\r\n", "\r").join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        data = _flip(rng, data)
    return data


def lang_pack(rng: random.Random) -> bytes:
    """A language pack for the rules directory (lang/xx.toml): wrong groups, placeholders, types."""
    phrases = pick(
        rng,
        'promo = ["Subscribe now and"]',
        'promo = ["{bogus} x"]',
        "promo = 5",
        'nogroup = ["x"]',
        'skip-link = ["' + "x " * 5_000 + '"]',
        "promo = " + _nested(rng.choice((100, 5_000))),
        'months = ["a"]',
        'promo = ["\\u0000"]',
        'promo = [""]',
    )
    return f'[pack]\ncode = "{pick(rng, "xx", "en", "", "a b")}"\nname = "Soak"\n\n[phrases]\n{phrases}\n'.encode()
