"""`claimline serve`: it binds loopback and answers with the workbench, refuses an unguarded
public bind, and names a bad reviewers file."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_loopback_with_the_workbench(tmp_path: Path) -> None:
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "serve", "--db", db, "--port", str(port),
         "--reviewer", "ana"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/review", timeout=2) as got:
                    body, headers = got.read().decode(), got.headers
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read() if proc.stderr else "server did not start")
                time.sleep(0.3)
        assert "No open links to review" in body and 'value="ana"' in body
        assert headers["content-security-policy"].startswith("default-src 'none'")
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"claimline workbench on http://127.0.0.1:{port}/" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--host", "0.0.0.0"], "refused to serve on 0.0.0.0"),
    (["--host", "0.0.0.0", "--token", "short"], "at least 16 characters"),
    (["--reviewers", "/nonexistent/reviewers"], "/nonexistent/reviewers: cannot read the reviewers file"),
])
def test_serve_refuses_with_a_reason(tmp_path: Path, args: list[str], message: str) -> None:
    res = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "serve", *args])
    assert res.exit_code == 1 and message in res.output and "Traceback" not in res.output
