"""The runner: folders walked, one transaction per thread, re-ingest never duplicates, and bad
files neither stop the others nor change what is stored."""
from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.ingest.problems import IngestProblem
from crawler.ingest.runner import exit_code, ingest_paths
from store.models import Document

from .ingest_helpers import DATA, document_count

SEED = "seed/000_b58bb04bcea9579c.txt"


def snapshot(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        rows = session.execute(select(Document).order_by(Document.id)).scalars().all()
        return [(d.id, d.doc_key, d.parent_id, d.text, d.author_name, d.published, d.content_hash) for d in rows]


def test_seed_stored_as_post_and_two_comments(shared_dir: Path, engine: Engine) -> None:
    summary = ingest_paths(engine, [shared_dir / SEED])
    assert (summary.posts_new, summary.comments_new, summary.problems) == (1, 2, [])
    with Session(engine) as session:
        docs = session.execute(select(Document).order_by(Document.id)).scalars().all()
        post, first, second = docs
        assert post.kind == "post" and post.url == "capture://000_b58bb04bcea9579c/"
        assert post.published is not None and post.published.date().isoformat() == "2013-09-19"
        assert [(c.author_name, c.published.isoformat(timespec="minutes"), c.parent_id) for c in (first, second)] == [
            ("SOTI", "2013-09-19T21:31", post.id), (None, "2013-09-19T21:59", post.id)]
        assert first.root_id == second.root_id == post.id


def test_reingesting_everything_adds_nothing(shared_dir: Path, engine: Engine, tmp_path: Path) -> None:
    corpus = shared_dir / "corpus/real"
    folder = tmp_path / "material"
    folder.mkdir()
    for src in (shared_dir / SEED, corpus / "wxr/pelican_wordpressexport.xml",
                corpus / "blogger/pelican_bloggerexport.atom.xml",
                corpus / "wp-rest-json/unitingnc.org_wp-v2-comments.json",
                corpus / "wordpress/unitingnc.org_the-difference-a-dinner-can-make.html",
                DATA / "capture_says_threaded.txt", DATA / "broken_record.warc"):
        shutil.copy(src, folder / src.name)
    first = ingest_paths(engine, [folder])
    before = snapshot(engine)
    again = ingest_paths(engine, [folder])
    assert first.files == again.files == 7 and first.posts_new > 0 and first.comments_new > 0
    assert (again.posts_new, again.comments_new, again.posts_updated, again.comments_updated) == (0, 0, 0, 0)
    assert again.posts_unchanged == first.threads
    assert snapshot(engine) == before


def test_bad_files_change_nothing_and_the_rest_lands(shared_dir: Path, engine: Engine, tmp_path: Path) -> None:
    ingest_paths(engine, [DATA / "truncated_export.xml"])
    before = snapshot(engine)
    seen: list[IngestProblem] = []
    bad = [DATA / "unknown_format.dat", DATA / "not_a_feed.rss", DATA / "truncated_export.xml",
           DATA / "broken_record.warc", tmp_path / "missing.xml"]
    summary = ingest_paths(engine, [*bad, shared_dir / SEED], on_problem=seen.append)
    assert seen == summary.problems
    assert {p.file for p in summary.problems} == {str(p) for p in bad}
    by_file = {f.path: f for f in summary.per_file}
    assert [by_file[str(p)].failed for p in bad] == [True, True, False, False, True]
    assert by_file[str(shared_dir / SEED)].threads == 1
    assert snapshot(engine)[: len(before)] == before  # what was stored is untouched
    assert document_count(engine) == len(before) + 3 + 4  # seed (1+2) and the WARC's good records (2+2)
    assert exit_code(summary) == 1


def test_exit_codes(shared_dir: Path, engine: Engine) -> None:
    ok = ingest_paths(engine, [DATA / "broken_record.warc"])  # a per-record problem only
    assert ok.problems and exit_code(ok) == 0
    nothing = ingest_paths(engine, [DATA / "unknown_format.dat"])
    assert exit_code(nothing) == 1 and not nothing.landed


def test_site_name_given(shared_dir: Path, engine: Engine) -> None:
    from store.models import Site

    ingest_paths(engine, [shared_dir / SEED], site_name="Analyst notebook")
    with Session(engine) as session:
        (site,) = session.execute(select(Site)).scalars().all()
        assert (site.name, site.base_url) == ("Analyst notebook", "capture://000_b58bb04bcea9579c/")


def test_unknown_files_in_a_walked_folder_are_left_out(shared_dir: Path, engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "material"
    folder.mkdir()
    (folder / "README.md").write_text("# what is in this folder\n", encoding="utf-8")
    shutil.copy(shared_dir / SEED, folder / "capture.txt")
    summary = ingest_paths(engine, [folder])
    (problem,) = summary.problems
    assert problem.file == str(folder / "README.md") and problem.kind == "skipped"
    assert summary.threads == 1 and exit_code(summary) == 0
    named = ingest_paths(engine, [folder / "README.md"])
    assert named.problems[0].kind == "file" and exit_code(named) == 1
