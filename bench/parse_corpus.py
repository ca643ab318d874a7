"""Run every HTML page of shared/corpus/real through crawler.parsers.parse_html and print, per
file, what the manifest expects and what the parser found: comments, pingbacks, nesting depth,
how many comments have their own author, date and permalink, how many parents are correct, and
the parse time (process CPU time of a second, warm parse: dateparser loads each language's
data on first use, a once-per-process cost of a few hundred ms).

"Parent correct" is checked against a reference that does not come from the parser's own rule:
  * `depth-N` classes (WordPress walker): the parent is the last earlier comment of depth N-1;
  * DOM nesting: the nearest enclosing comment element (where the page has no depth classes);
  * explicit reply markers: Blogger `c<id>-rt` reply containers, Stack Exchange comment
    containers' `data-post-id`, Drupal RDFa `sioc:reply_of`;
  * comment feeds of the same thread (whizzy.org), whose items say "In reply to #comment-N";
  * forum threads (no reply tree) and owner replies printed inside a comment (PIXNET) by layout.
Where several apply, all must agree. The reference used is printed per file.

Usage: python bench/parse_corpus.py [SHARED_DIR]   (default $CLAIMLINE_SHARED or ../shared)
"""
from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from crawler.parsers import parse_html  # noqa: E402
from crawler.parsers.document import load_document, xpath  # noqa: E402
from crawler.thread import ParsedPage  # noqa: E402


@dataclass
class ManifestRow:
    file: str
    platform: str
    url: str
    cmts: str
    nested: str


def read_manifest(corpus: Path) -> dict[str, ManifestRow]:
    rows: dict[str, ManifestRow] = {}
    for line in (corpus / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 8 and cells[0].endswith(".html"):
            rows[cells[0]] = ManifestRow(cells[0], cells[3], cells[4], cells[5], cells[6])
    return rows


def expected_counts(cmts: str) -> tuple[int, int, bool]:
    """(comments, pingbacks, approximate) from the manifest's cmts column."""
    approx = "~" in cmts
    pb = re.search(r"(\d+)\s*pb", cmts)
    answers = re.search(r"(\d+)\s*answers?\s*\+\s*(\d+)\s*comments", cmts)
    if answers:
        return int(answers.group(1)) + int(answers.group(2)), 0, approx
    first = re.search(r"(\d+)", cmts)
    return (int(first.group(1)) if first else 0), (int(pb.group(1)) if pb else 0), approx


def expected_depth(nested: str) -> int | None:
    """Max parent-chain depth the manifest describes (1 = flat), None when it does not say."""
    found = re.search(r"depth (\d+)", nested)
    if found:
        return int(found.group(1))
    low = nested.lower()
    if low == "no" or low.startswith(("no (", "markup only", "quote blocks")):
        return 1
    if "two levels" in low:
        return 2
    if low.startswith("n/a"):
        return 0
    return None


def max_depth(page: ParsedPage) -> int:
    parents = {c.id: c.parent for c in page.comments}
    best = 0
    for c in page.comments:
        depth, cur, seen = 1, c.parent, set()
        while cur is not None and cur in parents and cur not in seen:
            seen.add(cur)
            depth += 1
            cur = parents[cur]
        best = max(best, depth)
    return best


# --- independent parent references ------------------------------------------------------

_RE_NS = {"re": "http://exslt.org/regular-expressions"}


def _digits(value: str | None) -> str | None:
    found = re.search(r"(\d+)\s*$", value or "")
    return found.group(1) if found else None


def reference_parents(path: Path, page: ParsedPage, shared: Path) -> tuple[dict[str, str | None], str]:
    """{comment id: expected parent id} from signals the parser does not use, and their names."""
    doc = load_document(path.read_bytes(), page.url)
    ref: dict[str, str | None] = {}
    used: list[str] = []
    ids = {c.id for c in page.comments}

    # WordPress walker depth classes, in document order.
    nodes = [el for el in xpath(doc, "//*[re:test(@class, '(^| )depth-\\d+( |$)')]") if isinstance(el, etree._Element)]
    nodes = [el for el in nodes if _digits(el.get("id")) in ids]
    if nodes:
        stack: list[str] = []
        for el in nodes:
            depth = int(re.search(r"depth-(\d+)", el.get("class")).group(1))
            cid = _digits(el.get("id"))
            del stack[depth - 1:]
            ref[cid] = stack[-1] if stack else None
            stack.append(cid)
        used.append("depth-N classes")

    # Blogger reply containers: <div id="c<parent>-rt"> holds the replies to c<parent>.
    for thread in xpath(doc, "//*[re:test(@id, '^c\\d+-rt$')]"):
        parent = _digits(thread.get("id")[:-3])
        for li in xpath(thread, ".//li[re:test(@id, '^c\\d+$')]"):
            ref[_digits(li.get("id"))] = parent
    if any(re.match(r"^c\d+-rt$", el.get("id") or "") for el in doc.iter() if isinstance(el.tag, str)):
        used.append("Blogger c<id>-rt containers")
        for c in page.comments:
            ref.setdefault(c.id, None)

    # Stack Exchange: comments live in a container naming the post they are on.
    containers = xpath(doc, "//*[@data-post-id][starts-with(@id, 'comments-')]")
    if containers:
        question = (xpath(doc, "//*[@id='question']/@data-questionid") or [None])[0]
        for box in containers:
            owner = box.get("data-post-id")
            for li in xpath(box, ".//li[starts-with(@id, 'comment-')]"):
                ref[li.get("id")] = None if owner == question else f"answer-{owner}"
        for a in xpath(doc, "//div[starts-with(@id, 'answer-')]"):
            ref[a.get("id")] = None
        used.append("Stack Exchange data-post-id")

    # Drupal RDFa: sioc:reply_of names the parent comment (or the node for top-level ones).
    reply_of = xpath(doc, "//*[@rel='sioc:reply_of']")
    if reply_of:
        for span in reply_of:
            comment = span.getparent()
            about = comment.get("about") or ""
            cid = _digits(about.split("#")[-1])
            target = span.get("resource") or ""
            ref[cid] = _digits(target.split("#")[-1]) if "#comment-" in target else None
        used.append("RDFa sioc:reply_of")

    # Comment feeds of the same post: "In reply to <a href=#comment-N>".
    feeds = shared / "corpus" / "real" / "feeds"
    stem = path.stem
    for feed in feeds.glob("*.xml"):
        if stem.split("_", 1)[-1] and stem.split("_", 1)[-1] in feed.stem:
            xml = etree.parse(str(feed))
            for item in xml.iter("item"):
                link = item.findtext("link") or ""
                cid = _digits(link.split("#")[-1])
                body = "".join(item.itertext())
                marker = re.search(r"In reply to.*?#comment-(\d+)", body, re.S)
                if cid in ids:
                    ref[cid] = marker.group(1) if marker else None
            used.append(f"feed {feed.name}")

    # Forums have no reply tree; owner replies printed inside a comment belong to it.
    if page.platform in ("xenforo", "vbulletin"):
        for c in page.comments:
            ref[c.id] = None
        used.append("forum: flat")
    for c in page.comments:
        if re.search(r"-r\d+$", c.id):
            ref[c.id] = c.id.rsplit("-r", 1)[0]
            if "owner replies" not in used:
                used.append("owner replies")

    # Where nothing else speaks: DOM nesting of comment elements that carry the id.
    if not used:
        by_id = {}
        for el in doc.iter():
            if isinstance(el.tag, str) and el.tag != "a":  # Drupal's empty anchors do not nest
                d = _digits(el.get("id")) if re.match(r"^(li-)?comment-\d+$", el.get("id") or "") else None
                if d in ids and d not in by_id:
                    by_id[d] = el
        if by_id:
            elements = {el: cid for cid, el in by_id.items()}
            for cid, el in by_id.items():
                ref[cid] = next((elements[a] for a in el.iterancestors() if a in elements), None)
            used.append("DOM nesting")
    return ref, ", ".join(used) or "none"


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else Path(os.environ.get("CLAIMLINE_SHARED", REPO.parent / "shared"))
    corpus = shared / "corpus" / "real"
    manifest = read_manifest(corpus)
    header = f"{'file':52} {'platform':13} {'exp':>5} {'found':>5} {'pb':>5} {'depth':>5} {'auth':>4} {'date':>4} {'perm':>4} {'par ok':>7} {'cpu ms':>6}  parent reference"
    print(header)
    print("-" * len(header))
    totals = dict(found=0, author=0, date=0, perm=0, parent_ok=0, parent_checked=0, full=0, posts=0, post_dated=0,
                  post_by_comment=0)
    total_ms: list[float] = []
    for rel, row in sorted(manifest.items()):
        path = corpus / rel
        if not path.exists():
            continue
        exp, exp_pb, approx = expected_counts(row.cmts)
        body = path.read_bytes()
        parse_html(body, row.url)  # warm: dateparser loads each language once per process
        started = time.process_time()
        page = parse_html(body, row.url)
        ms = (time.process_time() - started) * 1000
        total_ms.append(ms)
        comments = [c for c in page.comments if not c.is_pingback]
        pb = len(page.comments) - len(comments)
        ref, how = reference_parents(path, page, shared)
        checked = [c for c in page.comments if c.id in ref]
        parent_ok = sum(1 for c in checked if ref[c.id] == c.parent)
        author = sum(1 for c in comments if c.author)
        date = sum(1 for c in comments if c.published)
        perm = sum(1 for c in comments if c.permalink)
        full = sum(
            1 for c in comments
            if c.author and c.published and c.permalink and (c.id not in ref or ref[c.id] == c.parent)
        )
        exp_depth = expected_depth(row.nested)
        depth_cell = f"{max_depth(page)}/{exp_depth if exp_depth is not None else '?'}"
        print(
            f"{rel[:52]:52} {page.platform:13} {('~' if approx else '') + str(exp):>5} {len(comments):>5} "
            f"{f'{pb}/{exp_pb}':>5} {depth_cell:>5} "
            f"{author:>4} {date:>4} {perm:>4} {f'{parent_ok}/{len(checked)}':>7} {ms:6.1f}  {how}"
        )
        totals["found"] += len(comments)
        totals["author"] += author
        totals["date"] += date
        totals["perm"] += perm
        totals["parent_ok"] += parent_ok
        totals["parent_checked"] += len(checked)
        totals["full"] += full
        totals["posts"] += 1
        totals["post_dated"] += page.post.published is not None
        totals["post_by_comment"] += any("dated by its first comment" in w for w in page.warnings)
    n = max(1, totals["found"])
    print("-" * len(header))
    print(
        f"comments {totals['found']}: author {totals['author'] / n:.1%}, date {totals['date'] / n:.1%}, "
        f"permalink {totals['perm'] / n:.1%}, parent correct {totals['parent_ok']}/{totals['parent_checked']}; "
        f"all four {totals['full'] / n:.1%}"
    )
    print(
        f"posts dated {totals['post_dated']}/{totals['posts']} "
        f"({totals['post_by_comment']} of them only by their first comment, the latest they can be)"
    )
    print(
        f"parse time (CPU, warm, one process): mean {sum(total_ms) / len(total_ms):.1f} ms, "
        f"max {max(total_ms):.1f} ms over {len(total_ms)} pages"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
