"""Inputs: files, directory trees (sorted), lists of paths, standard input, and the
pages inside JSON Lines and WARC files (``records.py``).

Everything comes out as ``Source`` items in a fixed order; an input that cannot
be used is a ``Source`` with ``error`` set, so one bad path never stops a batch.
"""

from __future__ import annotations

import errno
import fnmatch
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input import sniff
from cleanup.input.once import STDIN, first_time, included, named_once, real_path, uncovered
from cleanup.input.source import Source, failed, file_identity, output_is_input, over_limit
from cleanup.model import without_password

COMPRESSED_SUFFIXES = (".gz",)
INPUT_FORMATS = ("auto", "page", "jsonl", "json", "warc")


class SourceError(Exception):
    """The inputs as given cannot be used at all (the output would be read as input)."""


def shown(path: Path | str) -> str:
    """A path as text that any UTF-8 writer takes: bytes that are not UTF-8 become U+FFFD.

    A name holding byte 0xff (``os.fsdecode`` keeps it as U+DCFF) crashed the JSON writer.

    >>> shown(os.fsdecode(b"caf\\xff.html"))
    'caf�.html'
    """
    text = str(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


UNLISTED = "files neither named nor shaped like pages"
LINKED_DIR = "links to directories, not followed"  # inside a directory given; name one to clean it
URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:/")
CURL_HINT = "cleanup reads files, not URLs: curl -sL '{url}' | cleanup --url '{url}'"


def _url_error(path: Path) -> str | None:
    """A hint for an input that is a URL (``https:/x`` once Path collapsed its ``//``).

    >>> _url_error(Path("https://example.com/story"))
    "cleanup reads files, not URLs: curl -sL 'https://example.com/story' | cleanup --url 'https://example.com/story'"
    """
    text = str(path)
    if not URL_RE.match(text) or "\0" in text or path.exists():
        return None
    scheme, rest = text.split(":/", 1)
    url = f"{scheme}://{rest.lstrip('/')}"
    return CURL_HINT.format(url=without_password(url))


@dataclass(frozen=True)
class Selection:
    """Which files to take from directories, how to read them, and where output goes."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    input_format: str = "auto"
    fields: Any = None  # records.Fields; None means the defaults
    output: Path | None = None  # -o: never read it as input
    writes_to: tuple[tuple[tuple[int, int], str], ...] = ()  # the files stdout, stderr are: never inputs
    max_bytes: int = 50_000_000  # Options.max_bytes: standard input and records are read up to it
    all_statuses: bool = False  # --all-statuses: also WARC responses that are not 2xx
    sniff_unlisted: bool = False  # in directories, files no include glob matches are sniffed
    open_containers: bool = True  # False: JSON Lines / WARC files come out whole, for cluster workers to open
    seen: set[str] | None = field(default=None, compare=False)  # real paths read so far (once.py)
    named: frozenset[str] = field(default=frozenset(), compare=False)  # real paths of the inputs named


def reason(exc: BaseException) -> str:
    """One-line reason for an OSError ('Permission denied') or another error."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _stat_error(path: Path, writes_to: tuple[tuple[tuple[int, int], str], ...] = ()) -> str | None:
    """Why ``path`` is not a readable regular file, or None when it is one."""
    if "\0" in str(path):
        return "the path holds a NUL byte (for NUL-separated lists use --files-from with -0)"
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or directory"
        return reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return "is a directory"
    if stat.S_ISREG(st.st_mode):
        return output_is_input(writes_to, (st.st_dev, st.st_ino))
    return "not a regular file (to read a pipe or a process's output, give - and pipe it in: cmd | cleanup -)"


def holds_records(path: Path, input_format: str) -> bool:
    """True when the file ``path`` (``-``: standard input, peeked at) is a JSON Lines, JSON or WARC file."""
    from cleanup.input import records

    kind = records.kind_of(path.name, input_format)
    if kind == "page" and input_format == "auto" and str(path) == STDIN:  # not a file named "-" here
        kind = sniff.stream_kind(getattr(sys.stdin, "buffer", None), whole_object=True)  # type: ignore[arg-type]
    elif kind == "page" and input_format == "auto" and path.is_file():
        kind = sniff.container_kind(sniff.file_head(path), whole_object=True)
    return kind != "page"


def _file(path: Path, rel: Path, sel: Selection, real: str | None = None, named: bool = False) -> Iterator[Source]:
    """The page in one file, or the records of a JSON Lines / WARC file; nothing when that
    file (its real path, ``real`` when known) was read already. A file ``named`` as input that
    is one JSON object over several lines is one record (in a directory it is no page)."""
    from cleanup.input import records

    if not first_time(sel, real or real_path(path)):
        return
    name = shown(path)
    problem = _url_error(path) or _stat_error(path, sel.writes_to)
    if problem:
        yield failed(name, problem)
        return
    if sel.output is not None and path.name == sel.output.name and path.resolve() == sel.output.resolve():
        yield failed(name, "is the output file; refusing to read it as input")
        return
    kind = records.kind_of(path.name, sel.input_format)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield failed(name, reason(exc))
        return
    with stream:
        if kind == "page" and sel.input_format == "auto":
            kind = sniff.stream_kind(stream, whole_object=named)
        if kind == "page" or not sel.open_containers:  # on a cluster, workers open containers
            yield Source(name, rel, path=path, kind=kind)
            return
        yield from records.expand(kind, name, stream, rel, sel.fields, sel.max_bytes, sel.all_statuses)


def _walk(root: Path, rel: Path, sel: Selection, below: str = "", real: str = "") -> Iterator[Source]:
    """Files under ``root``, sorted by name, depth first; links to directories are not followed.

    ``below`` is the path of ``root`` under the directory given, which --exclude globs see;
    ``real`` its real path, which a file's real path is found from without a call per file.
    """
    real = real or real_path(root)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield failed(shown(root), reason(exc))
        return
    for entry in entries:
        path, sub, inner = Path(entry.path), rel / entry.name, f"{below}{entry.name}"
        if _matches(entry.name, sel.exclude) or _matches(inner, sel.exclude):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir and entry.is_symlink():  # outputs could land in what it points to: left out, as -v says
            if _inside(root, path):
                yield failed(shown(path), "symbolic link loop (points to a directory above it)")
            elif real_path(path) not in sel.named:  # named, it is cleaned by its name
                yield Source(shown(path), sub, skip=LINKED_DIR)
            continue
        file_real = real_path(path) if entry.is_symlink() else os.path.join(real, entry.name)
        if is_dir:
            yield from _walk(path, sub, sel, f"{inner}/", file_real)
        elif included(entry.name, inner, sel):  # by name or path, as --exclude
            yield from _file(path, sub, sel, file_real)
        elif sel.sniff_unlisted and not entry.name.startswith("."):
            yield from _unlisted(path, sub, sel, file_real)


def _unlisted(path: Path, rel: Path, sel: Selection, real: str) -> Iterator[Source]:
    """A file whose name matches no include glob (``story.php``, ``noext``): taken when its
    content is HTML, JSON records or a WARC, else left out and counted (issue 16 item 2)."""
    if sniff.walk_takes(path):
        yield from _file(path, rel, sel, real)
    elif real not in sel.named:  # named, it is cleaned by its name
        yield Source(shown(path), rel, skip=UNLISTED)


def _stdin(sel: Selection) -> Iterator[Source]:
    from cleanup.input import records

    if problem := output_is_input(sel.writes_to, file_identity(0)):  # cleanup < in.jsonl >> in.jsonl
        yield failed("<stdin>", problem)
        return
    stream: BinaryIO = sys.stdin.buffer
    if not hasattr(stream, "peek"):  # sniffing must not consume what it reads
        stream = io.BufferedReader(stream)  # type: ignore[type-var]
    kind = sniff.stream_kind(stream, True) if sel.input_format == "auto" else sel.input_format
    if kind != "page":
        yield from records.expand(kind, "<stdin>", stream, Path("stdin"), sel.fields, sel.max_bytes, sel.all_statuses)
        return
    data = stream.read(sel.max_bytes + 1)  # endless input ends here, not in MemoryError
    if len(data) > sel.max_bytes:
        yield failed("<stdin>", over_limit(sel.max_bytes))
    else:
        yield Source("<stdin>", Path("stdin"), data=data)


def _one(src: Path, rel: Path, sel: Selection, listed: bool = False) -> Iterator[Source]:
    """One input; ``listed``: named in a --files-from list, where ``-`` is a file (Path("./-") is Path("-"))."""
    if str(src) == STDIN and not listed:
        yield from _stdin(sel)
    elif os.path.isdir(src):  # False for a name too long: it fails as a file, and the batch goes on
        if sel.output is not None and _inside(sel.output, src):
            yield failed(shown(src), f"the output {sel.output} is inside this input directory; refusing to read it")
            return
        yield from _walk(src, rel, sel)
    else:
        yield from _file(src, rel, sel, named=True)


def check_output(sources: Iterable[Path], output: Path | None) -> None:
    """Raise SourceError when the output is an input or lies inside an input directory.

    ``sources`` are every input named: the command line's and --files-from's.
    """
    if output is None or str(output) == STDIN:
        return
    for src in sources:
        if str(src) == STDIN or not os.path.lexists(src):  # a name too long fails as an input of its own
            continue
        if src.is_dir() and _inside(output, src):
            raise SourceError(f"the output {output} is inside the input directory {src}")
        if src.exists() and not src.is_dir() and src.resolve() == output.resolve():
            raise SourceError(f"the output {output} is also an input")


@dataclass(frozen=True)
class InputGuard:
    """Every input named, known before the first write, so that no output ever lands on one.

    ``files``: (device, inode) of each file named; ``dirs``: the real path of
    each directory named (every file under it is an input, or may be one).
    Real paths and inodes see through links: a linked directory in the output
    tree that points into the inputs is caught too.
    """

    files: frozenset[tuple[int, int]] = frozenset()
    dirs: tuple[str, ...] = ()

    @classmethod
    def of(cls, sources: Iterable[Path]) -> InputGuard:
        """The guard for these inputs (names that do not exist are left out: they are no input)."""
        files, dirs = set(), []
        for src in sources:
            if str(src) == STDIN:
                continue
            try:
                st = src.stat()
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(st.st_mode):
                dirs.append(os.path.realpath(src))
            else:
                files.add((st.st_dev, st.st_ino))
        return cls(frozenset(files), tuple(dirs))

    def problem(self, target: Path) -> str | None:
        """Why writing ``target`` would hit an input, or None when it is safe.

        ``target`` itself is resolved too: a link to a file in an input directory is that file.
        """
        for place in (os.path.realpath(target.parent), os.path.dirname(os.path.realpath(target))):
            for top in self.dirs:
                if place == top or place.startswith(top.rstrip(os.sep) + os.sep):
                    return f"its output {target} would be written inside the input directory {top}"
        try:
            st = target.stat()
        except (OSError, ValueError):
            return None
        if (st.st_dev, st.st_ino) in self.files:
            return f"refusing to overwrite the input {target} with an output"
        return None


def iter_sources(sources: Iterable[Path], sel: Selection, seen: set[str] | None = None) -> Iterator[Source]:
    """Every input to clean, in order: command-line order, then sorted within directories.

    Under -o DIR, one directory's files go to ``DIR/<path below it>`` and one
    file to ``DIR/<its name>``; several inputs keep their paths below the
    directory they share (``a/x.html`` and ``b/x.html`` do not collide). A file reached
    twice is cleaned once (``once.py``): ``-o all.jsonl b.html b.html`` wrote two records
    that --check then counted as a repeated source. ``seen``: the real paths read so far,
    shared with a --files-from list's ``iter_listed``.
    """
    sources = uncovered(named_once(sources), sel)
    named = frozenset(real_path(src) for src in sources if str(src) != STDIN)  # a walk does not leave them out
    sel = replace(sel, seen=set() if seen is None else seen, named=named)
    live = [src for src in sources if str(src) == STDIN or _exists(src)]  # a typo moves no other output
    paths = [Path(os.path.abspath(src)) for src in live if str(src) != STDIN]
    base = Path(os.path.commonpath([p.parent for p in paths])) if paths else Path()
    for src in sources:
        if len(sources) == 1 or live == [src]:
            rel = Path() if src.is_dir() else Path(src.name)
        elif str(src) == STDIN:
            rel = Path("stdin")
        else:
            rel = _below(src, base)
        yield from _one(src, rel, sel)


def _below(path: Path, base: Path) -> Path:
    """Where ``path`` goes under -o DIR: its path below ``base`` (a missing one, which fails, anywhere else)."""
    full = Path(os.path.abspath(path))
    return full.relative_to(base) if full.is_relative_to(base) else _relative(path)


def _exists(path: Path) -> bool:
    """True when ``path`` names something (a broken link too: it fails as an input of its own)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


def _relative(path: Path, cwd: Path | None = None) -> Path:
    """``path`` (below ``cwd`` if it is there) without its root, '.' and '..' parts: where it goes under -o DIR.

    >>> str(_relative(Path("/srv/crawl/a.html"), Path("/srv")))
    'crawl/a.html'
    >>> str(_relative(Path("../x/a.html")))
    'x/a.html'
    """
    if cwd is not None and path.is_absolute() and path.is_relative_to(cwd) and path != cwd:
        path = path.relative_to(cwd)
    parts = [p for p in path.parts if p not in (path.anchor, "..", ".")]
    return Path(*parts) if parts else Path(path.name)


def iter_listed(paths: Iterable[Path], sel: Selection, seen: set[str] | None = None) -> Iterator[Source]:
    """Inputs named in a list; under -o DIR each goes to its path below the directory all of them share.

    The rule of arguments: ``find crawl -name '*.html'`` and ``find $PWD/crawl -name
    '*.html'`` both write ``clean/<path below crawl>`` (issue 16 item 3: the second wrote
    ``clean/<absolute path>/...``). Under -o the list is read whole first (a list is
    given), so the shared directory is known; without -o the list is a stream and a
    path's place matters only in messages (relative to the working directory).
    A path ``-`` in a list is a file named ``-``, not standard input. A file listed twice
    is cleaned once (``seen`` as in ``iter_sources``).
    """
    sel = replace(sel, seen=set() if seen is None else seen)
    cwd = Path.cwd()
    named = paths if isinstance(paths, list) else None
    parents = [Path(os.path.abspath(p)).parent for p in named or () if _exists(p)]  # a typo moves no output
    base = Path(os.path.commonpath(parents)) if parents else None
    for path in named if named is not None else paths:
        rel = _below(path, base) if base is not None else _relative(path, cwd)
        yield from _one(path, rel, sel, listed=True)


def output_path(source: Source, out_dir: Path, suffix: str) -> Path:
    """Where the output of ``source`` goes: ``page.html`` -> ``out_dir/page.txt``."""
    return out_dir / source.rel.parent / (output_stem(source.rel.name) + suffix)


def output_stem(name: str) -> str:
    """An input file name without its compression and type suffixes: the name of its output, less the suffix.

    >>> output_stem("page.html.gz"), output_stem("notes.tar.txt"), output_stem(".profile")
    ('page', 'notes.tar', '.profile')
    >>> output_stem("PAGE.HTML.GZ")  # as gzip is read whatever the case of its suffix
    'PAGE'
    """
    for comp in COMPRESSED_SUFFIXES:
        if name.lower().endswith(comp):
            name = name[: -len(comp)]
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
