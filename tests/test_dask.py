"""--scheduler: the batch on a real Dask cluster (LocalCluster, worker processes, loopback only).

Every output is compared byte for byte with a -j 1 run of the same inputs.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SHARED

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")
pytest.importorskip("dask.bag", reason="the dask extra is not installed: pip install -e '.[dask]'")
fsspec = pytest.importorskip("fsspec", reason="the dask extra is not installed: pip install -e '.[dask]'")

from cleanup.cli.main import main  # noqa: E402

BENCH = SHARED / "bench" / "scrapinghub" / "html"
SPLIT = "20000"  # bytes: the test containers are split into several record ranges


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Any]]:
    previous = os.environ.get("CLEANUP_DASK_SPLIT_BYTES")
    os.environ["CLEANUP_DASK_SPLIT_BYTES"] = SPLIT  # read by the client of each run, here or in a subprocess
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    )
    try:
        with distributed.Client(local.scheduler_address, set_as_default=False) as client:
            yield local.scheduler_address, client
    finally:
        local.close()
        if previous is None:
            del os.environ["CLEANUP_DASK_SPLIT_BYTES"]
        else:
            os.environ["CLEANUP_DASK_SPLIT_BYTES"] = previous


COPIES = 6  # of the tree, for the run that is interrupted


def _pages() -> list[Path]:
    """Fixture inputs (HTML and text) and a few benchmark pages (gzipped HTML)."""
    return sorted(FIXTURES.glob("*/input.*")) + sorted(BENCH.glob("*.html.gz"))[:3]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tree of pages, a JSON Lines file (one bad record) and a WARC file."""
    root = tmp_path_factory.mktemp("corpus")
    for page in _pages():
        target = root / "tree" / page.parent.name / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    lines = [json.dumps({"url": f"https://example.org/{i}", "html": _html(p), "id": i}) for i, p in enumerate(_pages())]
    lines.insert(5, "{not json")
    (root / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "crawl.warc.gz").write_bytes(_warc(_pages()[:30]))
    return root


def _html(page: Path) -> str:
    data = page.read_bytes()
    return (gzip.decompress(data) if page.suffix == ".gz" else data).decode("utf-8", "replace")


def _warc(pages: list[Path]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        payload = io.BytesIO(_html(page).encode("utf-8"))
        url = f"https://example.org/{i}"
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    return buffer.getvalue()


def _local(*args: object) -> tuple[int, bytes, str]:
    """The command in this process, without a cluster: the reference."""
    result = CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def _on(address: str, *args: object) -> tuple[int, bytes, str]:
    """The command in this process (Dask is imported once), on the cluster."""
    result = CliRunner().invoke(main, ["--scheduler", address, *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The -j 1 run of an input (``-o DIR`` tree, stderr, exit code) and its ``-f jsonl`` stdout, made once."""
    made: dict[str, tuple[dict[str, bytes], str, int, bytes]] = {}

    def get(name: str) -> tuple[dict[str, bytes], str, int, bytes]:
        if name not in made:
            out = tmp_path_factory.mktemp("reference")
            code, _, stderr = _local("-j", "1", "-o", out / "out", corpus / name)
            jsonl = _local("-j", "1", "-f", "jsonl", corpus / name)[1]
            made[name] = (_tree(out / "out"), stderr, code, jsonl)
        return made[name]

    return get


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize(
    ("name", "modes"),
    [("tree", ("dir", "stdout")), ("items.jsonl", ("dir", "file")), ("crawl.warc.gz", ("file", "stdout"))],
)
def test_outputs_are_byte_identical_to_one_process(
    cluster, corpus: Path, reference, tmp_path: Path, name: str, modes: tuple[str, ...]
) -> None:
    address, _ = cluster
    tree, stderr_1, code_1, jsonl_1 = reference(name)
    assert len(tree) >= 30 and jsonl_1.count(b"\n") >= 30
    if "dir" in modes:
        code, _, stderr = _on(address, "-o", tmp_path / "dask", corpus / name)
        assert code == code_1, stderr
        assert _errors(stderr) == _errors(stderr_1)
        assert re.fullmatch(re.escape(stderr_1.splitlines()[-1]) + r" [12] workers? used\.", stderr.splitlines()[-1])
        assert _tree(tmp_path / "dask") == tree
    if "stdout" in modes:
        assert _on(address, "-f", "jsonl", corpus / name)[1] == jsonl_1
    if "file" in modes:
        _on(address, "-o", tmp_path / "all.jsonl", corpus / name)
        assert (tmp_path / "all.jsonl").read_bytes() == jsonl_1


def test_a_file_url_output_gets_the_local_guards(cluster, corpus: Path, tmp_path: Path) -> None:
    # Found by an attack run: on a cluster, -o file:///in/ over the input directory in/ replaced the inputs.
    address, _ = cluster
    tree = tmp_path / "in"
    shutil.copytree(corpus / "tree", tree)
    before = _tree(tree)
    code, _, stderr = _on(address, "-o", f"file://{tree}/", f"file://{tree}/")
    assert code == 2, stderr
    assert _tree(tree) == before


def test_bad_inputs_are_reported_one_by_one_and_the_batch_goes_on(cluster, corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    tree = tmp_path / "in"
    shutil.copytree(corpus / "tree", tree)
    (tree / "a-empty.html").write_bytes(b"")
    (tree / "b-broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not gzip")
    (tree / "c.jsonl").write_text('{"html": "<p>Hello there, a short page.</p>"}\n[1]\n', encoding="utf-8")
    local_code, _, local_stderr = _local("-j", "1", "-o", tmp_path / "local", tree)
    code, _, stderr = _on(address, "-o", tmp_path / "dask", tree)
    assert local_code == code == 123
    assert _errors(stderr) == _errors(local_stderr)
    assert len(_errors(stderr)) == 3
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")


def test_check_and_diff_run_on_the_cluster(cluster, corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    out = tmp_path / "golden"
    _on(address, "-o", out, corpus / "tree")
    assert _on(address, "--check", "-o", out, corpus / "tree")[0] == 0
    changed = sorted(out.rglob("*.txt"))[3]
    changed.write_text("old output\n", encoding="utf-8")
    code, _, stderr = _on(address, "--check", "-o", out, corpus / "tree")
    assert code == 1 and f"would change: {changed}" in stderr
    code, stdout, _ = _on(address, "--diff", "-o", out, corpus / "tree")
    assert code == 1 and b"-old output" in stdout


def test_a_worker_killed_mid_run_changes_nothing(cluster, corpus: Path, reference, tmp_path: Path) -> None:
    address, client = cluster
    tree, stderr_1, _, _ = reference("tree")
    pids = list(client.run(os.getpid).values())
    out = tmp_path / "dask"
    killed: list[int] = []

    def kill_when_started() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (out.exists() and any(out.rglob("*.txt"))):
            time.sleep(0.01)
        os.kill(pids[0], signal.SIGKILL)
        killed.append(pids[0])

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    code, _, stderr = _on(address, "-o", out, corpus / "tree")
    killer.join()
    assert killed and code == 0, stderr
    assert _tree(out) == tree
    assert stderr.splitlines()[-1].startswith(stderr_1.splitlines()[-1])
    client.wait_for_workers(2, timeout=30)


def test_interrupted_run_leaves_no_partial_file_and_skip_existing_finishes(
    cluster, corpus: Path, reference, tmp_path: Path
) -> None:
    address, _ = cluster
    tree, _, _, jsonl_1 = reference("tree")
    # Six copies of the tree: enough pages that the run is still going when the signal comes
    # (with one copy, a quick machine wrote every output between the first one and the signal).
    big = tmp_path / "big"
    for k in range(COPIES):
        shutil.copytree(corpus / "tree", big / f"c{k}")
    expected = {f"c{k}/{name}": data for k in range(COPIES) for name, data in tree.items()}
    out = tmp_path / "dask"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "--scheduler", address, "-o", out, big], stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.rglob("*.txt"))):
        time.sleep(0.01)  # the run has begun writing
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"rerun with --skip-existing" in stderr
    done = _tree(out)
    assert not [name for name in done if name.endswith(".tmp")]
    assert all(data == expected[name] for name, data in done.items())
    assert len(_tree(out)) < len(expected)
    code, _, stderr = _on(address, "--skip-existing", "-o", out, big)
    assert code == 0 and "skipped" in stderr
    assert _tree(out) == expected
    jsonl = tmp_path / "all.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleanup", "--scheduler", address, "-o", jsonl, corpus / "tree"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not [p for p in tmp_path.iterdir() if p.name.startswith(".all.jsonl")]:
        time.sleep(0.01)  # the temporary file exists once the first record is written
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) in (0, 143)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".all.jsonl")]
    kept = jsonl.read_bytes() if jsonl.exists() else b""
    assert (jsonl_1.startswith(kept) and kept.endswith(b"\n")) or not kept  # complete records only, in order
    code, _, stderr = _on(address, "--skip-existing", "-o", jsonl, corpus / "tree")
    assert code == 0, stderr
    assert jsonl.read_bytes() == jsonl_1


def _fill_memory(files: dict[str, bytes]) -> None:
    import fsspec

    memory = fsspec.filesystem("memory")
    for path, data in files.items():
        memory.pipe_file(path, data)


def test_remote_paths_through_fsspec_memory_filesystem(cluster, corpus: Path, tmp_path: Path) -> None:
    address, client = cluster
    files = {f"/in/{name}": data for name, data in _tree(corpus / "tree").items()}
    files["/in/items.jsonl"] = (corpus / "items.jsonl").read_bytes()
    client.run(_fill_memory, files)  # each worker process has its own memory:// filesystem
    _fill_memory(files)
    local_tree = tmp_path / "tree"
    shutil.copytree(corpus / "tree", local_tree)
    shutil.copyfile(corpus / "items.jsonl", local_tree / "items.jsonl")
    local_code, _, local_stderr = _local("-j", "1", "-o", tmp_path / "local", local_tree)
    code, _, stderr = _on(address, "-o", "memory://out", "memory://in")
    assert code == local_code == 123, stderr  # the bad JSON Lines record
    memory = fsspec.filesystem("memory")
    written = {p[len("/out/") :]: memory.cat_file(p) for p in memory.find("/out")}
    assert written == _tree(tmp_path / "local")
    assert _errors(stderr) == [line.replace(str(local_tree), "memory://in") for line in _errors(local_stderr)]
    code, _, stderr = _on(address, "-o", "memory://all.jsonl", "memory://in/items.jsonl")
    assert memory.cat_file("/all.jsonl").count(b"\n") == len(_pages())
    assert not [p for p in memory.find("/") if p.endswith(".tmp")]
    code, _, stderr = _on(address, "-o", tmp_path / "x", "nosuchfs://bucket/in")
    assert code == 123 and "nosuchfs://" in stderr


@pytest.mark.parametrize("address", ["garbage", "tcp://", "ucx://host:1", "file:///tmp/x"])
def test_a_bad_scheduler_address_is_one_usage_error_at_once(address: str, tmp_path: Path) -> None:
    # Found by an attack run: a traceback after 44 seconds, exit 1.
    (tmp_path / "a.txt").write_text("Head\n\nThe council met on Tuesday and voted to close the bridge for good.\n")
    started = time.monotonic()
    code, _, stderr = _on(address, tmp_path / "a.txt")
    assert code == 2 and "not a scheduler address" in stderr and "Traceback" not in stderr
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "address",
    [
        "tcp://127.0.0.1:8786",
        "TCP://h:1",
        "ws://h:8786",
        "wss://sched-1.example:443",
        "tcp://[::1]:8786",
        "[fe80::1%eth0]:8786",
        "sched-1:8786",
    ],
)
def test_every_scheduler_address_form_is_taken(address: str) -> None:
    from cleanup.batch.dask import SCHEDULER_RE

    assert SCHEDULER_RE.fullmatch(address)


def test_without_scheduler_urls_are_refused() -> None:
    result = CliRunner().invoke(main, ["-o", "s3://bucket/out", "page.html"])
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_clean_bag_gives_the_jsonl_records(cluster, corpus: Path) -> None:
    import dask.bag as db

    from cleanup.batch.dask import clean_bag

    _, client = cluster
    lines = (corpus / "items.jsonl").read_text(encoding="utf-8").splitlines()
    good = [line for line in lines if line.startswith('{"')][:6]
    results = client.compute(clean_bag(db.from_sequence(good, npartitions=2))).result()
    expected = [json.loads(r) for r in _jsonl_of(good)]
    assert [r.pop("source") for r in results] == [json.loads(line)["url"] for line in good]
    assert results == [{k: v for k, v in r.items() if k != "source"} for r in expected]
    paths = client.compute(clean_bag(db.from_sequence([str(corpus / "crawl.warc.gz")]), paths=True)).result()
    assert len(paths) == 30 and paths[0]["url"] == "https://example.org/0"


def _jsonl_of(lines: list[str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "cleanup", "-f", "jsonl", "--input-format", "jsonl", "-"],
        input="\n".join(lines).encode(),
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().splitlines()


def _mixed_warc(pages: list[Path]) -> bytes:
    """A WARC of a page (200), a redirect (301), a missing page (404), an image and a big page (200)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    big = _html(pages[1]) + "<p>" + "filler text " * 20_000 + "</p>"
    responses = [
        ("200 OK", "text/html", _html(pages[0])),
        ("301 Moved Permanently", "text/html", "<p>Moved</p>"),
        ("404 Not Found", "text/html", "<p>Not found</p>"),
        ("200 OK", "image/png", "\x89PNG"),
        ("200 OK", "text/html", big),
    ]
    for i, (status, ctype, body) in enumerate(responses):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        payload = io.BytesIO(body.encode("utf-8"))
        url = f"https://example.org/{i}"
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    return buffer.getvalue()


@pytest.mark.parametrize("flags", [(), ("--all-statuses",), ("--max-bytes", "100000"), ("-v",)])
def test_warc_records_left_out_and_limits_are_those_of_a_local_run(
    cluster, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    # A new-user trial: on a cluster a WARC's 301, 404 and image/png records were each "error: no data"
    # (exit 123), and --all-statuses and --max-bytes were ignored.
    address, _ = cluster
    warc = tmp_path / "mixed.warc.gz"
    warc.write_bytes(_mixed_warc(_pages()))
    local_code, _, local_stderr = _local("-j", "1", *flags, "-o", tmp_path / "local", warc)
    code, _, stderr = _on(address, *flags, "-o", tmp_path / "dask", warc)
    assert code == local_code, stderr
    assert _errors(stderr) == _errors(local_stderr)
    assert [line for line in stderr.splitlines() if ": left out (" in line] == [
        line for line in local_stderr.splitlines() if ": left out (" in line
    ]
    assert stderr.splitlines()[-1].startswith(local_stderr.splitlines()[-1])
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    if not flags:
        assert code == 0 and "2 cleaned, 3 left out (1 HTTP 301, 1 HTTP 404, 1 not a page: image/png)." in stderr
    if flags == ("--max-bytes", "100000"):
        assert code == 123 and "over the limit of 100,000 bytes" in stderr
    assert _on(address, *flags, "-f", "jsonl", warc)[1] == _local("-j", "1", *flags, "-f", "jsonl", warc)[1]


def test_clean_bag_leaves_out_the_records_the_command_leaves_out(cluster, tmp_path: Path) -> None:
    import dask.bag as db

    from cleanup.batch.dask import clean_bag

    _, client = cluster
    warc = tmp_path / "mixed.warc.gz"
    warc.write_bytes(_mixed_warc(_pages()))
    results = client.compute(clean_bag(db.from_sequence([str(warc)]), paths=True)).result()
    assert [(r["url"], "error" in r) for r in results] == [
        ("https://example.org/0", False),
        ("https://example.org/4", False),
    ]


def test_clean_bag_never_opens_a_record_line_as_a_file(tmp_path: Path) -> None:
    # A crawled JSON Lines file is data: a line reading a path is a bad record, not a file to read.
    import dask.bag as db

    from cleanup.batch.dask import clean_bag

    secret = tmp_path / "secret.txt"
    secret.write_text("The secret key is hunter2, and this line is long enough to be a paragraph.\n")
    items = tmp_path / "items.jsonl"
    items.write_text('{"text": "A normal record. With a sentence."}\n\n' + f"{secret}\n[1, 2]\n{secret}")
    results = clean_bag(db.read_text(str(items))).compute(scheduler="sync")
    assert [r["source"] for r in results] == ["<record>"] * 4
    assert "hunter2" not in json.dumps(results)
    assert [("error" in r) for r in results] == [False, True, True, True]
    assert clean_bag(db.from_sequence([str(secret)]), paths=True).compute(scheduler="sync")[0]["source"] == str(secret)
