"""The vendored htmx is the npm release it says it is, and every asset the pages load is served
by the app itself (the CSP allows nothing else)."""
from __future__ import annotations

import hashlib
import re
from importlib import resources

from starlette.testclient import TestClient


def test_vendored_htmx_matches_its_recorded_hash() -> None:
    static = resources.files("web").joinpath("static")
    recorded = re.search(r"sha256 ([0-9a-f]{64})", static.joinpath("VENDOR.txt").read_text(encoding="utf-8"))
    assert recorded is not None
    assert hashlib.sha256(static.joinpath("htmx.min.js").read_bytes()).hexdigest() == recorded.group(1)


def test_every_asset_a_page_loads_is_served_locally(client: TestClient) -> None:
    html = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/(?:static|assets)/[^"]+)"', html)
    assert sorted(assets) == ["/assets/axis.css", "/assets/axis.js", "/static/htmx.min.js",
                              "/static/workbench.css", "/static/workbench.js"]
    for path in assets:
        got = client.get(path)
        assert got.status_code == 200 and len(got.content) > 100, path
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
