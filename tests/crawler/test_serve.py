"""The loopback server the tests and the demo serve the fixture blog with."""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.serve import read_rules, running_server, serve_directory


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "post").mkdir()
    (tmp_path / "post" / "index.html").write_text("<html><body><p>hello</p></body></html>")
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "index.xml").write_text("<?xml version='1.0'?><rss version='2.0'></rss>")
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (tmp_path / "_redirects").write_text(
        "# rules\n/old/ /post/ 301\n/temp /post/ 302\n/gone/ - 410\n/broken/ - 500\n"
    )
    return tmp_path


def test_serves_index_files_with_validators(site: Path) -> None:
    with serve_directory(site) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        status, headers, body = _get(base + "post/")
        assert status == 200 and b"hello" in body
        assert headers["Content-Type"].startswith("text/html")
        assert headers["ETag"].startswith('"') and headers["Last-Modified"].endswith("GMT")
        status, headers, _ = _get(base + "feed/")
        assert status == 200 and "rss" in headers["Content-Type"]
        status, _, body = _get(base + "robots.txt")
        assert status == 200 and b"Disallow: /private/" in body


def test_conditional_requests_get_304_until_the_file_changes(site: Path) -> None:
    with serve_directory(site) as base:
        _, headers, _ = _get(base + "post/")
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert _get(base + "post/", {"If-None-Match": etag})[0] == 304
        assert _get(base + "post/", {"If-Modified-Since": modified})[0] == 304
        assert _get(base + "post/", {"If-None-Match": '"other"'})[0] == 200
        (site / "post" / "index.html").write_text("<html><body><p>changed</p></body></html>")
        status, headers, body = _get(base + "post/", {"If-None-Match": etag})
        assert status == 200 and b"changed" in body and headers["ETag"] != etag


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        ("old/", 301, "/post/"),
        ("temp", 302, "/post/"),
        ("post", 301, "/post/"),
        ("gone/", 410, None),
        ("broken/", 500, None),
        ("missing/", 404, None),
        ("_redirects", 404, None),
        ("../../etc/passwd", 404, None),
    ],
)
def test_redirect_map_status_rules_and_404s(site: Path, path: str, status: int, location: str | None) -> None:
    with serve_directory(site) as base:
        got, headers, _ = _get(base + path)
        assert got == status
        if location:
            assert headers["Location"] == location


def test_request_log_records_each_answer(site: Path) -> None:
    with running_server(site) as server:
        base = "http://%s:%d/" % server.server_address[:2]
        _get(base + "post/")
        _get(base + "nothing/")
        assert ("GET", "/post/", "200") in server.request_log
        assert ("GET", "/nothing/", "404") in server.request_log


def test_bad_redirect_rule_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "_redirects").write_text("/a /b 301\n/only-one-field\n")
    with pytest.raises(ValueError, match=r"_redirects:2"):
        read_rules(tmp_path)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        with serve_directory(tmp_path / "nope"):
            pass
