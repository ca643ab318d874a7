"""`claimline crawl`: a summary a person can read, or JSON; bad arguments are usage errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from crawler.serve import serve_directory

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


def test_crawl_prints_pages_posts_comments_and_errors_with_urls(db_url: str, tmp_path: Path) -> None:
    with serve_directory(SITE) as base:
        result = CliRunner().invoke(
            cli, ["--db", db_url, "crawl", base, "--delay", "0", "--jobdir", str(tmp_path / "state")]
        )
        again = CliRunner().invoke(
            cli, ["--db", db_url, "crawl", base, "--delay", "0", "--jobdir", str(tmp_path / "state"), "--json"]
        )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "pages fetched: 8 (0 unchanged since the last crawl), redirects followed: 2" in out
    assert "posts: 4 new, 0 updated, 0 unchanged" in out
    assert "comments: 14 new, 0 updated, 0 unchanged; pingbacks: 1 new" in out
    assert "errors: 2" in out
    assert f"{base}private/draft-notes/  (forbidden by robots.txt)" in out
    assert f"{base}documents/council-members-2005/  (HTTP 404 Not Found)" in out
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    assert summary["pages"] == {"fetched": 8, "unchanged": 8}
    assert summary["posts"]["new"] == 0 and summary["comments"]["new"] == 0
    assert sorted(summary["errors"]) == ["http-404", "robots"]


def test_max_pages_and_depth_limit_the_crawl(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve_directory(SITE) as base:
        capped = CliRunner().invoke(
            cli, ["--db", db, "crawl", base, "--delay", "0", "--max-pages", "2", "--json",
                  "--jobdir", str(tmp_path / "s1")],
        )
        shallow = CliRunner().invoke(
            cli, ["--db", f"sqlite:///{tmp_path / 'd.db'}", "crawl", base, "--delay", "0", "--depth", "0",
                  "--json", "--jobdir", str(tmp_path / "s2")],
        )
    assert capped.exit_code == 0, capped.output
    assert json.loads(capped.stdout)["pages"]["fetched"] <= 2
    assert shallow.exit_code == 0, shallow.output
    only_front = json.loads(shallow.stdout)
    assert only_front["pages"]["fetched"] == 1 and only_front["posts"]["new"] == 0


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    for args, needle in (
        (["crawl", "ftp://blog.example/"], "not an http(s) URL"),
        (["crawl", "http://127.0.0.1:9/", "--platform", "myspace"], "myspace"),
        (["crawl", "http://127.0.0.1:9/", "--delay", "-1"], "-1"),
        (["crawl"], "URL"),
    ):
        result = CliRunner().invoke(cli, ["--db", db, *args])
        assert result.exit_code == 2, (args, result.output)
        assert needle in result.output


def test_a_page_that_could_not_be_stored_or_nothing_fetched_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crawler.writer

    real = crawler.writer.save_thread

    def disk_full(session, thread):  # noqa: ANN001, ANN202 - save_thread's signature
        if "two-birth-years" in thread.post.url:
            raise OSError(28, "No space left on device")
        return real(session, thread)

    monkeypatch.setattr(crawler.writer, "save_thread", disk_full)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve_directory(SITE) as base:
        failed = CliRunner().invoke(cli, ["--db", db, "crawl", base, "--delay", "0", "--writer", "thread",
                                          "--json", "--jobdir", str(tmp_path / "s1")])
    assert failed.exit_code == 1, failed.output
    assert "error: 1 pages were fetched but could not be stored" in failed.stderr
    summary = json.loads(failed.stdout)
    assert [e["url"] for e in summary["errors"]["store"]] == [f"{base}2013/10/02/two-birth-years-for-one-governor/"]
    assert summary["posts"]["new"] == 3  # only what was stored is counted

    dead = CliRunner().invoke(cli, ["--db", db, "crawl", "http://127.0.0.1:9/", "--delay", "0",
                                    "--jobdir", str(tmp_path / "s2")])
    assert dead.exit_code == 1, dead.output
    assert "error: nothing was fetched from http://127.0.0.1:9/" in dead.stderr


def test_a_site_typed_without_a_scheme_is_crawled_over_http_when_https_is_not_there(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve_directory(SITE) as base:
        hostport = base.split("://", 1)[1]
        result = CliRunner().invoke(
            cli, ["--db", db, "crawl", hostport, "--delay", "0", "--max-pages", "2", "--json",
                  "--jobdir", str(tmp_path / "s")],
        )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"]["fetched"] >= 1


def test_every_request_failed_is_one_error_each_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "crawl", "http://127.0.0.1:9/",
                                      "--jobdir", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.count("Connection refused") == 1  # in the summary, not again as log lines
    assert "error: nothing was fetched from http://127.0.0.1:9/" in result.stderr


@pytest.mark.parametrize("wait", [0.0, 1.5], ids=["while-starting", "while-waiting-on-the-site"])
def test_ctrl_c_says_stopping_and_a_second_one_aborts(tmp_path: Path, wait: float) -> None:
    """On a terminal: the first Ctrl-C says why the crawl does not end at once, the second ends
    it (exit 130), and the spinner is on its own line. A Ctrl-C pressed as soon as the spinner is
    drawn, while the crawl is still starting, is a graceful stop too, not an abort."""
    import io
    import os
    import socket
    import sys
    import threading
    import time

    import pexpect

    from cli.context import STOPPING

    # a site that accepts connections and never answers: the crawl waits on it until stopped
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    claimline = Path(sys.executable).parent / "claimline"
    child = pexpect.spawn(str(claimline), ["--db", str(tmp_path / "c.db"), "crawl", url, "--jobdir",
                                           str(tmp_path / "s"), "--writer", "thread"],
                          env={**os.environ, "TERM": "xterm-256color"}, encoding="utf-8", timeout=30,
                          dimensions=(24, 80))
    child.logfile_read = io.StringIO()
    try:
        child.expect("0 pages")  # the spinner is drawn
        time.sleep(wait)
        child.sendintr()
        child.expect(STOPPING)
        if child.isalive():  # stopped before any request was sent, it may be gone already
            child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()
    assert child.exitstatus == 130, child.logfile_read.getvalue()
    assert "Traceback" not in child.logfile_read.getvalue()
    # what the terminal shows: the message on a line of its own, not glued onto the spinner's
    raw = child.logfile_read.getvalue()
    assert STOPPING in _screen_lines(raw)


def _screen_lines(raw: str) -> list[str]:
    """The lines a terminal leaves on screen from `raw`: escape sequences dropped, and of each
    line only what was written after its last carriage return (a redrawn spinner's last frame)."""
    import re

    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)
    return [([part for part in line.split("\r") if part.strip()] or [""])[-1].strip() for line in plain.split("\n")]
