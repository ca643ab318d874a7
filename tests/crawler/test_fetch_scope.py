"""`claimline parse URL`'s fetch keeps the crawler's rules: every redirect out of the named site,
to another scheme or to a private address is refused with its target and rule; robots.txt is read
for the target; nothing reaches another port; a failure always says why."""
from __future__ import annotations

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
