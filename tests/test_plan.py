"""Cluster tasks without a cluster: record ranges read exactly the records a local batch reads."""

from __future__ import annotations

import functools
import gzip
import io
import json
from pathlib import Path

import pytest

from cleanup.batch.plan import Pages, Range, plan, ranges, run_task, split_points
from cleanup.batch.work import Settings, process
from cleanup.input.records import Fields, expand
from cleanup.input.sources import Selection, Source, iter_sources
from cleanup.model import DEFAULT_OPTIONS

WORK = functools.partial(process, settings=Settings(DEFAULT_OPTIONS, "jsonl"))


def _jsonl(count: int) -> bytes:
    lines = []
    for n in range(count):
        body = " ".join(f"Sentence {n}.{k} of a record long enough to be an article paragraph." for k in range(8))
        lines.append(json.dumps({"url": f"https://example.org/{n}", "html": f"<h1>Title {n}</h1><p>{body}</p>"}))
    lines.insert(7, "")  # a blank line: numbering goes on, no record
    lines.insert(11, "[1, 2]")  # a bad record
    return ("\n".join(lines) + "\n").encode()


def _local(path: Path, kind: str) -> list[tuple[str, str | None, str | None]]:
    with path.open("rb") as stream:
        sources = list(expand(kind, str(path), stream, Path(path.name), Fields()))
    return [(s.name, str(s.rel), WORK(s).output or s.error) for s in sources]


def _ranged(path: Path, kind: str, split: int) -> tuple[int, list[tuple[str, str | None, str | None]]]:
    source = Source(str(path), Path(path.name), path=path, kind=kind)
    tasks = list(ranges(source, Fields(), split_points(source, split)))
    pairs = [pair for task in tasks for pair in run_task(task, WORK)]
    return len(tasks), [(s.name, str(s.rel), o.output or o.error) for s, o in pairs]


@pytest.mark.parametrize("zipped", [False, True])
def test_jsonl_ranges_give_the_records_of_the_whole_file(tmp_path: Path, zipped: bool) -> None:
    data = _jsonl(40)
    path = tmp_path / ("items.jsonl.gz" if zipped else "items.jsonl")
    path.write_bytes(gzip.compress(data) if zipped else data)
    count, got = _ranged(path, "jsonl", 2000)
    assert count >= 5
    assert got == _local(path, "jsonl")
    assert len(got) == 41 and any("JSON array" in str(out) for *_, out in got)  # the [1, 2] record


def test_warc_ranges_give_the_records_of_the_whole_file(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, line in enumerate(_jsonl(20).splitlines()):
        if line.startswith(b"{"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            page = io.BytesIO(json.loads(line)["html"].encode())
            url = f"https://example.org/{n}"
            writer.write_record(writer.create_warc_record(url, "response", payload=page, http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    count, got = _ranged(path, "warc", 1000)
    assert count >= 4 and len(got) == 20
    assert got == _local(path, "warc")


def test_plan_groups_pages_and_splits_only_big_containers(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / "in" / f"p{n:02d}.html").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"p{n:02d}.html").write_text(f"<p>page {n}</p>")
    (tmp_path / "in" / "q.jsonl").write_bytes(_jsonl(3))
    sel = Selection(("*.html", "*.jsonl"), open_containers=False)
    listed = list(iter_sources([tmp_path / "in"], sel))
    tasks = list(plan(iter(listed), Fields(), lambda s: 10, lambda s: [(1, 0), (3, 99)], split=5))
    sizes = [len(t.sources) for t in tasks if isinstance(t, Pages)]
    assert sizes == [1, 2, 4, 8, 16, 9]  # ramps up so a short run spreads over every worker
    assert [(t.first, t.offset, t.limit) for t in tasks if isinstance(t, Range)] == [(1, 0, 2), (3, 99, None)]
    kept = list(plan(iter(listed), Fields(), lambda s: 10, lambda s: [], keep=lambda s: False, split=99))
    assert len(kept) == 1 and isinstance(kept[0], Range) and kept[0].limit is None  # --skip-existing; not split


def test_a_local_run_and_version_do_not_import_dask(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "page.html"
    page.write_text("<h1>Title</h1><p>A paragraph of article text that is long enough to keep.</p>")
    script = (
        "import sys\n"
        "from cleanup.cli.main import main\n"
        "for args in (['--version'], ['-j', '1', '-o', sys.argv[1], sys.argv[2]]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'fsspec')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out"), str(page)], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"
    assert (tmp_path / "out" / "page.txt").exists()
