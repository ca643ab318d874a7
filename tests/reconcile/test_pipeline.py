"""The pipeline's own refusals and the store summary it closes with."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from reconcile.pipeline import FIXTURE_SITES, PipelineError, run_pipeline, site_dirs, store_counts
from store.engine import session_scope
from tests.reconcile.story import build_story


def test_fixture_sites_are_found_beside_the_package() -> None:
    sites = site_dirs()
    assert sites and all((s / "index.html").is_file() for s in sites)
    assert all(s.parent == FIXTURE_SITES for s in sites)


@pytest.mark.parametrize("layout", ["missing", "empty"])
def test_missing_fixtures_are_a_clear_error(tmp_path: Path, layout: str) -> None:
    root = tmp_path / "sites"
    if layout == "empty":
        (root / "not-a-site").mkdir(parents=True)
    with pytest.raises(PipelineError, match=str(root)):
        site_dirs(root)


def test_no_urls_is_refused(db_url: str) -> None:
    with pytest.raises(PipelineError, match="no URLs"):
        run_pipeline([], db_url=db_url, crawl=lambda *a, **k: None)


def test_store_counts(engine: Engine) -> None:
    story = build_story(engine)
    with session_scope(engine) as s:
        counts = store_counts(s)
    assert (counts.documents, counts.posts, counts.comments) == (6, 2, 4)
    assert counts.entities == 3 and counts.claims == 10
    assert counts.links == {"conflicts": 1, "corroborates": 1, "supplements": 1}
    assert [c["id"] for c in counts.open_conflicts] == [story.link["conflict"]]
    assert counts.open_conflicts[0]["reason"].startswith("born 1949")
