"""The README is the manual: its set-up commands must be the ones CI runs, its examples what the tool prints."""

from __future__ import annotations

import io
import re

from click.testing import CliRunner

from cleanup.cli.main import main

from conftest import ROOT, SHARED


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.M).group(1)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert command in readme, f"README does not give the CI test command: {command}"


def test_readme_example_page_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in re.findall(r"cleanup (fixtures/\S+/input\.\w+)", readme):
        assert (ROOT / path).is_file(), path


def test_no_install_command_names_the_unrelated_pypi_project() -> None:
    # A new-user trial: `pip install 'cleanup[dask]'` (README, and the CLI's "--scheduler needs Dask" message)
    # installs the PyPI project named cleanup (1.0.4), another one. Install from the checkout or its wheel.
    texts = {"README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    texts.update({str(p): p.read_text(encoding="utf-8") for p in (ROOT / "cleanup").rglob("*.py")})
    for name, text in texts.items():
        assert not re.search(r"""pip install ['"]?cleanup\[""", text), name
        assert "EXTRA_PIP_PACKAGES" not in text or "cleanup[" not in text, name


def test_set_up_installs_into_a_virtualenv_first() -> None:
    # A new-user trial: the system's pip refuses `pip install .` on many distributions (PEP 668).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in setup.splitlines() if "pip install" in line]
    assert commands[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && ")
    assert all(c.startswith(("python3 -m venv .venv && ", ". .venv/bin/activate && ")) for c in commands)


def test_the_warc_summary_example_is_what_the_tool_prints(tmp_path) -> None:
    # A new-user trial: the README showed "1 cleaned, 3 records left out (...)", the tool prints "3 left out".
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    story = "<html><body><article><p>" + "The council met on Tuesday to vote on the budget. " * 20 + "</p></article>"
    for status, ctype in (("200 OK", "text/html"), ("301 Moved", "text/html"), ("404 Not Found", "text/html")):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        payload = io.BytesIO(story.encode())
        writer.write_record(
            writer.create_warc_record("https://example.org/", "response", payload=payload, http_headers=headers)
        )
    headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    image = writer.create_warc_record(
        "https://example.org/a.png", "response", payload=io.BytesIO(b"PNG"), http_headers=headers
    )
    writer.write_record(image)
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    result = CliRunner().invoke(main, ["-o", str(tmp_path / "out"), str(tmp_path / "crawl.warc.gz")])
    line = "1 cleaned, 3 left out (1 HTTP 301, 1 HTTP 404, 1 not a page: image/png)."
    assert result.stderr.splitlines()[-1] == line
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"(`{line}`, `-v` names each)" in readme


def test_the_v_example_is_what_the_tool_prints(tmp_path) -> None:
    # A new-user trial: the README's -v example showed stale counts.
    result = CliRunner().invoke(main, ["-v", "-j", "1", "-o", str(tmp_path / "out"), str(SHARED / "bench/portal/text")])
    shown = result.stderr[result.stderr.index("71 cleaned.") :]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"$ cleanup -v -j 1 -o out/ ../shared/bench/portal/text\n…\n{shown}```" in readme
