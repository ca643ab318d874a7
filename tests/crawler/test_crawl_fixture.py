"""The fixture blog and its gold file agree with what the crawler reads from it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import parse_html

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
SITE = ROOT / "sites" / "fixture-blog"
GOLD = json.loads((ROOT / "gold" / "fixture-blog.gold.json").read_text(encoding="utf-8"))


def _texts() -> dict[str, tuple[str, object]]:
    out: dict[str, tuple[str, object]] = {}
    for doc in GOLD["documents"]:
        page = parse_html((SITE / doc["path"].strip("/") / "index.html").read_bytes(), "http://blog.test" + doc["path"])
        if doc["kind"] == "post":
            out[doc["id"]] = (page.post.text, page.post)
        else:
            [comment] = [c for c in page.comments if c.id == doc["platform_id"]]
            out[doc["id"]] = (comment.text, comment)
    return out


TEXTS = _texts()


@pytest.mark.parametrize("claim", GOLD["claims"], ids=lambda c: c["id"])
def test_every_gold_quote_is_in_its_document(claim: dict) -> None:
    assert claim["quote"] in TEXTS[claim["doc"]][0]


@pytest.mark.parametrize("doc", GOLD["documents"], ids=lambda d: d["id"])
def test_gold_documents_match_authors_dates_and_parents(doc: dict) -> None:
    record = TEXTS[doc["id"]][1]
    if doc["kind"] == "pingback":
        assert record.is_pingback
        return
    assert record.author == doc["author"]
    assert (record.published or "").startswith(doc["published"].removesuffix("Z"))
    if doc["kind"] == "comment":
        parent = record.parent
        assert (f"c{parent}" if parent else None) == (doc["parent"] if doc["parent"].startswith("c") else None)


def test_spelling_variants_and_the_look_alike_are_on_the_site() -> None:
    everything = " ".join(text for text, _ in TEXTS.values())
    for entity in GOLD["entities"]:
        for mention in entity["mentions"]:
            assert mention in everything, mention
    qazi = next(e for e in GOLD["entities"] if e["id"] == "qazi")
    assert len(qazi["mentions"]) >= 4
    assert ["qazi", "rasuli"] in GOLD["distinct"]


def test_relations_name_claims_and_include_every_kind() -> None:
    ids = {c["id"] for c in GOLD["claims"]}
    kinds = {r["type"] for r in GOLD["relations"]}
    assert {"conflicts", "supplements", "corroborates"} <= kinds
    assert sum(r["type"] == "conflicts" for r in GOLD["relations"]) >= 2
    for relation in GOLD["relations"] + GOLD["unrelated"]:
        assert relation["a"] in ids and relation["b"] in ids


def test_hostile_comment_is_escaped_text_in_the_page_source() -> None:
    html = (SITE / "2013/09/20/district-governor-joins-taliban/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
