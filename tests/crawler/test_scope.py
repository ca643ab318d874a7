"""Crawl scope: http(s) only, the named sites (host and port), public addresses unless the user
named a site on a private one; links and redirects alike, each refusal with its URL and rule."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from crawler.run import crawl
from crawler.scope import Scope, address_kind, site_key
from crawler.serve import serve_directory
from store.models import Document, Site
from tests.crawler.redirect_site import redirect_site

FIXTURE_BLOG = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "fixture-blog"


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("169.254.169.254", "link-local (cloud metadata)"), ("fe80::1", "link-local (cloud metadata)"),
    ("::ffff:127.0.0.1", "loopback"), ("100.100.100.200", "not globally routable"), ("0.0.0.0", "private"),
    ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


def fake_dns(table: dict[str, list[str]]):  # noqa: ANN201 - a resolver
    return lambda host: table.get(host, [])


@pytest.mark.parametrize(("url", "rule"), [
    ("http://blog.example/post/", None),
    ("https://www.blog.example/post/", None),          # www. and the https upgrade: one site
    ("http://blog.example:8080/", "scope"),            # another port is another site
    ("http://evil.example/", "scope"),
    ("ftp://blog.example/", "scheme"), ("FTP://blog.example/", "scheme"), ("JaVaScRiPt:alert(1)", "scheme"),
    ("file:///etc/passwd", "scheme"), ("gopher://blog.example/", "scheme"),
    ("http://rebound.blog.example/", "scope"),
])
def test_refusals_name_their_rule(url: str, rule: str | None) -> None:
    scope = Scope.named(["http://blog.example/"], resolver=fake_dns({"blog.example": ["93.184.216.34"]}))
    refusal = scope.refusal(url)
    assert (refusal.rule if refusal else None) == rule
    if refusal:
        assert url in str(refusal) and f"rule: {rule}" in str(refusal)


def test_a_named_site_that_later_resolves_to_a_private_address_is_refused() -> None:
    dns = {"blog.example": ["93.184.216.34"]}
    scope = Scope.named(["http://blog.example/"], resolver=lambda h: dns.get(h, []))
    dns["blog.example"] = ["169.254.169.254"]  # DNS rebinding, seen on first use
    refusal = scope.refusal("http://blog.example/x")
    assert refusal is not None and refusal.rule == "address" and "169.254.169.254" in refusal.reason


def test_a_site_the_user_named_on_a_private_address_may_be_crawled() -> None:
    dns = fake_dns({"intranet.example": ["10.0.0.5"], "127.0.0.1": ["127.0.0.1"]})
    assert Scope.named(["http://intranet.example/"], resolver=dns).refusal("http://intranet.example/a") is None
    assert Scope.named(["http://127.0.0.1:8000/"], resolver=dns).refusal("http://127.0.0.1:8000/a") is None
    # the named address is allowed for the named site only; another site stays out of scope
    assert Scope.named(["http://127.0.0.1:8000/"], resolver=dns).refusal("http://127.0.0.1:9/").rule == "scope"


def test_site_keys_carry_the_port() -> None:
    assert site_key("http://127.0.0.1:8642/x") == "127.0.0.1:8642"
    assert site_key("https://Example.org:443/") == site_key("http://www.example.org/") == "example.org"


def test_redirects_and_links_off_the_crawls_site_are_refused_with_url_and_rule(engine: Engine, tmp_path: Path) -> None:
    with redirect_site() as site:
        summary = crawl([site.base], db_url=engine.url.render_as_string(hide_password=False), delay=0,
                        jobdir=tmp_path / "state", writer="thread")
        targets = site.targets()
        requests = list(site.hits.requests)
        elsewhere = list(site.other_hits.requests)
    reasons = [(u, r) for items in summary.errors.values() for u, r in items]
    for name, (target, rule) in targets.items():
        if rule is None:
            continue
        [reason] = [r for u, r in reasons if u.endswith(f"/go/{name}/")]
        assert f"refused {target} (rule: {rule})" in reason, name
    assert elsewhere == []  # neither the redirect nor the commenter's link reached the other port
    hosts = {h for h, _path in requests}
    assert hosts == {f"127.0.0.1:{site.port}"}  # localhost and 2130706433 were never asked
    with engine.connect() as conn:
        assert conn.execute(select(Site.base_url)).scalars().all() == [site.base]
        urls = set(conn.execute(select(Document.url)).scalars())
    assert f"{site.base}post/two/" in urls  # the same-site redirect is followed


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_two_sites_on_one_host_keep_their_own_journals(db_url: str, tmp_path: Path) -> None:
    with serve_directory(FIXTURE_BLOG) as a, serve_directory(FIXTURE_BLOG) as b:
        first = crawl([a], db_url=db_url, delay=0, jobdir=tmp_path / "jobs", writer="thread")
        second = crawl([b], db_url=db_url, delay=0, jobdir=tmp_path / "jobs", writer="thread")
    assert first.sites != second.sites
    journals = sorted(p.name for p in (tmp_path / "jobs" / "state").iterdir() if p.suffix == ".sqlite")
    assert len(journals) == 2, journals
    assert second.posts.new == first.posts.new > 0  # the second site is its own, not "unchanged"
