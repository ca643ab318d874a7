"""Scores on the seed (read from ../shared) and on our own fixtures, with the gold's rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.evaluate import evaluate, evaluate_text_pipeline, load_gold, run_text_pipeline
from tests.reconcile.seed_split import seed_documents

REPO = Path(__file__).resolve().parents[2]
FIXTURES = sorted(p for p in (REPO / "fixtures" / "gold").glob("*.gold.json")
                  if all("text_file" in d for d in load_gold(p)["documents"]))
FIXTURE_BLOG = REPO / "fixtures" / "gold" / "fixture-blog.gold.json"


def _fixture_documents(gold: dict) -> list[dict]:
    return [{"id": d["id"], "text": (REPO / d["text_file"]).read_text(encoding="utf-8"),
             "kind": d["kind"], "author": d.get("author"), "published": d["published"],
             "parent": d.get("parent")} for d in gold["documents"]]


def test_seed_goals(shared_dir: Path) -> None:
    report = evaluate_text_pipeline(shared_dir / "gold" / "seed.gold.json", seed_documents(shared_dir))
    assert report.claims.recall >= 0.9, report.missed
    assert report.claims.precision >= 0.85, report.false_positives
    assert report.entities.f1 >= 0.9
    assert report.unaligned_documents == []


def test_seed_comment_links_to_the_post_s_man(shared_dir: Path) -> None:
    system = run_text_pipeline(seed_documents(shared_dir))
    c1 = [c for c in system.claims if c.doc == "c1" and c.predicate == "defected_to"]
    post = [c for c in system.claims if c.doc == "post" and c.predicate == "defected_to"]
    assert c1 and post and {c.subject for c in c1} == {post[0].subject}
    assert sorted(c.edtf for c in c1) == ["2001-10-16~", "[..1997]"]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_own_fixtures(path: Path) -> None:
    gold = load_gold(path)
    report = evaluate(gold, run_text_pipeline(_fixture_documents(gold)))
    assert report.claims.recall >= 0.8, report.missed
    assert report.claims.precision >= 0.8, report.false_positives
    assert report.entities.f1 >= 0.8


def test_fixture_texts_are_not_seed_sentences(shared_dir: Path) -> None:
    seed = (shared_dir / "seed" / "000_b58bb04bcea9579c.txt").read_text(encoding="utf-8")
    for path in (REPO / "fixtures" / "texts").glob("*.txt"):
        for sentence in path.read_text(encoding="utf-8").split(". "):
            if len(sentence) > 30:
                assert sentence.strip() not in seed, (path.name, sentence)


def test_fixture_blog_pages_parsed_by_the_crawler() -> None:
    """The crawler's fixture blog and its gold (annotated by another hand): parse each page
    with the crawler's own parser, extract, score."""
    from crawler.parsers import parse_html

    gold = load_gold(FIXTURE_BLOG)
    site = REPO / gold["site"]
    pages: dict[str, object] = {}
    docs = []
    for d in gold["documents"]:
        if d["path"] not in pages:
            body = (site / d["path"].strip("/") / "index.html").read_bytes()
            pages[d["path"]] = parse_html(body, url="http://127.0.0.1" + d["path"])
        page = pages[d["path"]]
        if d["kind"] == "post":
            text = page.post.text
        else:
            text = next(c.text for c in page.comments if c.id.endswith(d["platform_id"]))
        docs.append({"id": d["id"], "text": text, "kind": d["kind"], "author": d.get("author"),
                     "published": (d.get("published") or "").rstrip("Z") or None,
                     "parent": d.get("parent")})
    report = evaluate(gold, run_text_pipeline(docs))
    assert report.claims.recall >= 0.75, report.missed
    assert report.claims.precision >= 0.7, report.false_positives
