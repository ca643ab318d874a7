"""Exports of strangers' text: no cell a spreadsheet reads as a formula in any separator locale,
no link a GitHub-flavoured Markdown renderer would make by itself, and no `javascript:` author
link whatever its case."""
from __future__ import annotations

import csv
import io
import re

import pytest
from markdown_it import MarkdownIt
from sqlalchemy import Engine, select

from reconcile.export import render
from reconcile.export.csv_fmt import FORMULA_STARTS
from reconcile.timeline import build_timeline
from store.engine import session_scope
from store.models import Document
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread
from tests.reconcile.story import Story, build_story


@pytest.fixture
def story_timeline(engine: Engine) -> tuple[Story, dict]:
    story = build_story(engine)
    with session_scope(engine) as s:
        return story, build_timeline(s)


def _parts(cell: str) -> list[str]:
    """What a reader that splits on `;` or on lines would make cells of."""
    return re.split(r"[;\r\n]", cell)


@pytest.mark.parametrize("payload", [
    "x;=1+1;", "x; =HYPERLINK(\"http://x\");", "  =1+1", "\t=1+1", "Gul\n=cmd|' /C calc'!A0",
    "a\r\n@SUM(A1)", "\uff1d1+1", "ok;-2+3",
])
def test_csv_neutralises_formulas_in_every_part_of_a_cell(story_timeline: tuple[Story, dict], payload: str) -> None:
    _, tl = story_timeline
    tl["entities"][0]["events"][0]["sources"][0]["author"] = payload
    text = render(tl, "csv")
    [row] = [r for r in csv.DictReader(io.StringIO(text)) if r["author"].replace("'", "") == payload.replace("'", "")]
    for part in _parts(row["author"]):
        assert not part.lstrip(" \t\u00a0").startswith(tuple(FORMULA_STARTS)), (payload, row["author"])
    # every field is quoted, so a `;` stays inside its cell in a `;`-separator locale
    first_data_line = text.split("\r\n")[1]
    assert first_data_line.startswith('"') and '","' in first_data_line


def test_csv_keeps_ordinary_text_as_it_is(story_timeline: tuple[Story, dict]) -> None:
    _, tl = story_timeline
    tl["entities"][0]["events"][0]["sources"][0]["author"] = "Mir Ahmad, a reader - from Herat"
    rows = list(csv.DictReader(io.StringIO(render(tl, "csv"))))
    assert "Mir Ahmad, a reader - from Herat" in {r["author"] for r in rows}


def test_markdown_makes_no_link_of_bare_urls_or_addresses(story_timeline: tuple[Story, dict]) -> None:
    _, tl = story_timeline
    source = tl["entities"][0]["events"][0]["sources"][0]
    source["quote"] = "write to spy@evil.example or see HTTP://evil.example/a_b and www.evil.example/x"
    html = MarkdownIt("commonmark").render(render(tl, "md"))
    for bare in ("spy@evil.example", "HTTP://evil.example/a_b", "www.evil.example/x"):
        assert f"<code>{bare}</code>" in html  # shown whole, as code: no autolink extension links it
        outside_code = re.sub(r"<code>.*?</code>", "", html)
        assert bare not in outside_code


@pytest.mark.parametrize("url", ["JaVaScRiPt:alert(1)", "javascript:alert(1)", " java\tscript:alert(1)",
                                 "DATA:text/html,<b>x</b>", "ftp://x.example/"])
def test_an_author_link_in_another_scheme_is_never_stored(engine: Engine, url: str) -> None:
    thread = ThreadIn(site_url="https://blog.example/", platform="wordpress",
                      post=DocumentIn(kind="post", url="https://blog.example/p/1", platform_id="1", text="Post."),
                      comments=[DocumentIn(kind="comment", url="https://blog.example/p/1#c-1", platform_id="c1",
                                           text="Hello.", author_name="x", author_url=url)])
    with session_scope(engine) as s:
        save_thread(s, thread)
    with session_scope(engine) as s:
        assert s.scalars(select(Document.author_url).where(Document.kind == "comment")).one() is None
