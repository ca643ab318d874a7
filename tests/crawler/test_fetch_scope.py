"""`claimline parse URL`'s fetch keeps the crawler's rules: every redirect out of the named site,
to another scheme or to a private address is refused with its target and rule; robots.txt is read
for the target; nothing reaches another port; a failure always says why."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ParseError
from crawler.fetch import fetch_page
from tests.crawler.redirect_site import redirect_site


def test_each_redirect_is_followed_or_refused_as_the_rules_say() -> None:
    with redirect_site() as site:
        for name, (target, rule) in site.targets().items():
            url = f"{site.base}go/{name}/"
            if rule is None:
                assert fetch_page(url).url == target
                continue
            with pytest.raises(ParseError) as caught:
                fetch_page(url)
            assert f"refused {target} (rule: {rule})" in str(caught.value), name
        assert site.other_hits.requests == []  # the ftp: and other-port targets were never contacted
        assert {h for h, _ in site.hits.requests} == {f"127.0.0.1:{site.port}"}


def test_a_refused_connection_names_its_reason() -> None:
    with pytest.raises(ParseError) as caught:
        fetch_page("http://127.0.0.1:9/", obey_robots=False)
    message = str(caught.value)
    assert message.startswith("http://127.0.0.1:9/") and not message.rstrip().endswith("could not fetch:")


def test_a_url_in_another_scheme_is_refused_whatever_its_case() -> None:
    with pytest.raises(ParseError, match="not an http"):
        fetch_page("FTP://127.0.0.1:9/x")


def test_a_plain_http_server_typed_without_a_scheme_is_fetched_over_http() -> None:
    """`claimline parse 127.0.0.1:PORT/page` tries https, which a plain HTTP server cannot
    speak, then http; so does a port that refuses connections (the fetch then says why)."""
    import socket

    from crawler.fetch import choose_scheme
    from crawler.preview import preview
    from crawler.serve import serve_directory
    from crawler.urls import schemeless_candidates

    site = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"
    with serve_directory(site) as base:
        hostport = base.split("://", 1)[1].rstrip("/")
        assert choose_scheme(schemeless_candidates(hostport)) == f"http://{hostport}"
        shown = preview(hostport + "/2013/09/20/district-governor-joins-taliban/")
    assert shown.page.url.startswith("http://") and shown.page.post.title
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    assert choose_scheme(schemeless_candidates(f"127.0.0.1:{free}")) == f"http://127.0.0.1:{free}"
