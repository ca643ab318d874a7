"""Benchmark: `claimline crawl --delay 0` against a bare Scrapy spider on the same loopback site.

Generates a WordPress-like blog (a few hundred posts, threaded comments, paged comments, an index
with "Older posts" pages, a feed) into a temporary folder, serves it on 127.0.0.1, then runs,
alternating, a bare Scrapy spider that fetches the same pages and stores nothing, and
`claimline crawl --delay 0` into a fresh SQLite database. Each run is its own process (one
Scrapy process per run, as a user would run it). Prints per-run times, the medians and the ratio
of speeds (bare time / claimline time; 1.0 means as fast as the bare spider).

Two times are reported per run: the whole command (process start to exit) and the crawl itself.
The crawl's clock starts, for both, once the modules are imported and before the reactor is
installed and the crawler built (the bare spider: before `CrawlerProcess`; claimline: the start of
`crawler.run.crawl`, the `seconds` of its summary), and stops when the crawl is over (claimline:
also every page stored, so the last batch written counts).

Each command's CPU time (user + system, its writer process included) is printed too, with the
median ratio: on a machine shared with other work it varies far less than the wall time.

Two generated sites (`--sites`): `light` (0-4 threaded comments a post, paged) and
`comment-heavy` (12 comments on every post, pages of about 16 KB). With a PostgreSQL server
(`--pg URL`, else $CLAIMLINE_BENCH_PG or $CLAIMLINE_TEST_PG) the comment-heavy crawl also runs into
a fresh PostgreSQL database each time, and the ratio of the PostgreSQL to the SQLite time is
printed (the goal: at most 1.5).

    python bench/crawl.py [--posts 300] [--runs 5] [--concurrency 16] [--writer auto|thread|process]
                          [--sites light,comment-heavy] [--pg URL] [--pg-sites comment-heavy]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORDS = (
    "valley council road governor market river district election school harvest bridge clinic "
    "elders report officials police village winter border trade water province militia"
).split()
PER_INDEX = 10
COMMENTS_PER_PAGE = 8


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _comment_tree(rng: random.Random, next_id: list[int], depth: int, when: datetime) -> list[dict]:
    out = []
    for _ in range(rng.randint(0, 4 if depth == 1 else 2)):
        next_id[0] += 1
        when += timedelta(minutes=rng.randint(5, 300))
        node = {"id": next_id[0], "author": f"reader{rng.randint(1, 80)}", "when": when,
                "text": " ".join(_sentence(rng) for _ in range(rng.randint(1, 3))), "replies": []}
        if depth < 3 and rng.random() < 0.4:
            node["replies"] = _comment_tree(rng, next_id, depth + 1, when)
        out.append(node)
    return out


def _li(c: dict, page_url: str, depth: int) -> str:
    replies = "".join(_li(r, page_url, depth + 1) for r in c["replies"])
    children = f'<ol class="children">{replies}</ol>' if replies else ""
    shown = f"{c['when']:%B} {c['when'].day}, {c['when'].year} at {c['when']:%I:%M %p}".lower().capitalize()
    return (
        f'<li class="comment depth-{depth}" id="comment-{c["id"]}"><div id="div-comment-{c["id"]}" class="comment-body">'
        f'<div class="comment-author vcard"><cite class="fn">{c["author"]}</cite> <span class="says">says:</span></div>'
        f'<div class="comment-meta commentmetadata"><a href="{page_url}#comment-{c["id"]}">'
        f'<time datetime="{c["when"]:%Y-%m-%dT%H:%M:%S}+00:00">{shown}</time></a></div>'
        f'<p>{escape(c["text"])}</p><div class="reply"><a class="comment-reply-link" href="?replytocom={c["id"]}#respond">Reply</a></div>'
        f"</div>{children}</li>"
    )


def _heavy_comments(rng: random.Random, next_id: list[int], count: int, when: datetime) -> list[dict]:
    """`count` comments, a third of them replies to the one before: the comment-heavy site."""
    top: list[dict] = []
    for k in range(count):
        next_id[0] += 1
        when += timedelta(minutes=rng.randint(5, 300))
        node = {"id": next_id[0], "author": f"reader{rng.randint(1, 80)}", "when": when,
                "text": " ".join(_sentence(rng, 20) for _ in range(rng.randint(3, 6))), "replies": []}
        if top and k % 3 == 2:
            top[-1]["replies"].append(node)
        else:
            top.append(node)
    return top


SITES: dict[str, dict[str, int]] = {
    "light": {"comments": 0, "paragraphs": 12},
    "comment-heavy": {"comments": 12, "paragraphs": 20},
}
"""`light`: 0-4 threaded comments a post, 8 to a comment page (the original bench site);
`comment-heavy`: 12 comments on every post, all on the post's page, pages of about 16 KB (the
issue's measurement: parsing and storing, not fetching, dominates)."""


def generate_site(root: Path, posts: int, seed: int = 7, kind: str = "light") -> int:
    """Write the site; returns the number of pages a complete crawl fetches (without robots.txt)."""
    rng = random.Random(seed)
    start = datetime(2012, 1, 1)
    next_id = [1000]
    entries = []
    pages = 0
    heavy = SITES[kind]["comments"]
    per_page = 50 if heavy else COMMENTS_PER_PAGE
    for n in range(posts):
        when = start + timedelta(hours=13 * n)
        slug = f"/{when:%Y/%m/%d}/post-{n}/"
        comments = _heavy_comments(rng, next_id, heavy, when) if heavy else _comment_tree(rng, next_id, 1, when)
        title = f"Post {n}: {_sentence(rng, 5)[:-1]}"
        paragraphs = SITES[kind]["paragraphs"]
        body = "".join(f"<p>{escape(_sentence(rng, 25))}</p>" for _ in range(rng.randint(paragraphs // 3, paragraphs)))
        chunks = [comments[i:i + per_page] for i in range(0, len(comments), per_page)] or [[]]
        for k, chunk in enumerate(chunks, 1):
            url = slug if k == 1 else f"{slug}comment-page-{k}/"
            nav = ""
            if k < len(chunks):
                nav += f'<a href="{slug}comment-page-{k + 1}/#comments">Newer Comments &raquo;</a>'
            if k > 1:
                nav += f'<a href="{slug if k == 2 else f"{slug}comment-page-{k - 1}/"}#comments">&laquo; Older Comments</a>'
            html = (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                f'<meta name="generator" content="WordPress 6.4"><link rel="canonical" href="{url}">'
                f'<meta property="article:published_time" content="{when:%Y-%m-%dT%H:%M:%S}+00:00"></head>'
                f'<body class="single single-post postid-{n + 1}"><div id="content"><article id="post-{n + 1}" class="post hentry">'
                f'<h1 class="entry-title">{escape(title)}</h1><div class="entry-meta"><span class="author vcard"><span class="fn">Author {n % 7}</span></span></div>'
                f'<div class="entry-content">{body}</div></article>'
                f'<div id="comments" class="comments-area"><ol class="commentlist">{"".join(_li(c, url, 1) for c in chunk)}</ol>'
                f'<nav class="navigation">{nav}</nav></div>'
                f'<a href="/">Home</a> <a href="{slug}?share=twitter">Share</a></div></body></html>'
            )
            target = root / url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            pages += 1
        entries.append((slug, title, when))
    entries.reverse()
    index_pages = (len(entries) + PER_INDEX - 1) // PER_INDEX
    for p in range(1, index_pages + 1):
        chunk = entries[(p - 1) * PER_INDEX:p * PER_INDEX]
        items = "".join(
            f'<article class="post hentry"><h2 class="entry-title"><a href="{s}">{escape(t)}</a></h2></article>'
            for s, t, _ in chunk
        )
        older = f'<a href="/page/{p + 1}/">Older posts</a>' if p < index_pages else ""
        html = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bench blog</title>'
            f'<link rel="alternate" type="application/rss+xml" href="/feed/"></head>'
            f'<body class="home blog{" paged" if p > 1 else ""}">{items}<nav>{older}</nav></body></html>'
        )
        target = root / ("index.html" if p == 1 else f"page/{p}/index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        pages += 1
    feed_items = "".join(f"<item><title>{escape(t)}</title><link>{s}</link></item>" for s, t, _ in entries[:20])
    (root / "feed").mkdir(exist_ok=True)
    (root / "feed" / "index.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{feed_items}</channel></rss>'
    )
    pages += 1
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    return pages


# --- the bare spider (run in its own process by `--bare URL`) --------------------------------
def run_bare(url: str, concurrency: int) -> None:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.urls import canonical

    times: dict[str, float] = {}
    count = [0]

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [url]

        def parse(self, response):  # type: ignore[no-untyped-def]
            count[0] += 1
            if b"<rss" in response.body[:200]:
                links = response.xpath("//item/link/text()").getall()
            else:
                links = response.xpath("//a/@href | //link[@rel='alternate']/@href").getall()
            for href in links:
                target = canonical(response.urljoin(href))
                if target.startswith(url):
                    yield scrapy.Request(target, callback=self.parse)

    times["open"] = time.monotonic()  # like claimline's clock: before the reactor and crawler exist
    process = CrawlerProcess(
        {
            "LOG_ENABLED": False, "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False, "COOKIES_ENABLED": False, "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
        }
    )
    crawler = process.create_crawler(Bare)

    def closed(spider: object) -> None:
        times["close"] = time.monotonic()

    # A named function held here: Scrapy keeps only weak references to signal receivers.
    crawler.signals.connect(closed, signals.spider_closed)
    process.crawl(crawler)
    process.start()
    print(json.dumps({"pages": count[0], "seconds": times["close"] - times["open"]}))


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each command run, by kind, for the medians."""


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], kind: str = "") -> tuple[float, dict]:
    """Run one command; its wall time and its JSON output. Its CPU time (with the processes it
    waited for: claimline's writer process) goes to CPU[kind]: on a shared machine the wall time
    follows the other users' load, the CPU time much less."""
    began, cpu = time.monotonic(), _cpu_of_children()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.monotonic() - began
    if kind:
        CPU.setdefault(kind, []).append(_cpu_of_children() - cpu)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout[done.stdout.index("{"):])


@contextmanager
def _pg_database(server: str, name: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on `server` for one run, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _claimline(claimline: str, db: str, base: str, state: Path, args: argparse.Namespace,
               env: dict[str, str], kind: str = "") -> tuple[float, dict]:
    return _timed(
        [claimline, "-q", "--db", db, "crawl", base, "--delay", "0", "--concurrency", str(args.concurrency),
         "--jobdir", str(state), "--writer", args.writer, "--json"],
        env,
        kind,
    )


def _bench_site(kind: str, args: argparse.Namespace, work: Path, claimline: str, env: dict[str, str]) -> None:
    """Alternating runs of the bare spider, claimline on SQLite and (with a server) on PostgreSQL."""
    from crawler.serve import serve_directory

    root = work / kind
    expected = generate_site(root, args.posts, kind=kind)
    pg = args.pg if kind in args.pg_sites else None
    print(f"\n== {kind} site: {args.posts} posts, {expected} pages; {args.runs} runs each, alternating;"
          f" concurrency {args.concurrency}; claimline writer: {args.writer}; {os.cpu_count()} CPUs,"
          f" load average {os.getloadavg()[0]:.1f}")
    bare_wall, bare_crawl, cl_wall, cl_crawl, pg_wall, pg_crawl = [], [], [], [], [], []
    with serve_directory(root) as base:
        for run in range(args.runs):
            wall, out = _timed([sys.executable, __file__, "--bare", base, "--concurrency", str(args.concurrency)], env,
                               f"{kind} bare")
            bare_wall.append(wall)
            bare_crawl.append(out["seconds"])
            bare_pages = out["pages"]
            wall, out = _claimline(claimline, f"sqlite:///{work / f'{kind}{run}.db'}", base,
                                   work / f"state-{kind}{run}", args, env, f"{kind} sqlite")
            cl_wall.append(wall)
            cl_crawl.append(out["seconds"])
            line = (
                f"run {run + 1}: bare {bare_wall[-1]:.2f} s ({bare_crawl[-1]:.2f} s crawling, {bare_pages} pages,"
                f" {CPU[f'{kind} bare'][-1]:.2f} s CPU)"
                f" | sqlite {cl_wall[-1]:.2f} s ({cl_crawl[-1]:.2f} s crawling, {CPU[f'{kind} sqlite'][-1]:.2f} s CPU,"
                f" {out['pages']['fetched']} pages,"
                f" {out['posts']['new']} posts, {out['comments']['new']} comments)"
            )
            if pg:
                with _pg_database(pg, f"claimline_bench_{os.getpid()}_{kind}_{run}".replace("-", "_")) as url:
                    wall, out = _claimline(claimline, url, base, work / f"state-pg-{kind}{run}", args, env,
                                           f"{kind} postgresql")
                pg_wall.append(wall)
                pg_crawl.append(out["seconds"])
                line += (f" | postgresql {pg_wall[-1]:.2f} s ({pg_crawl[-1]:.2f} s crawling,"
                         f" {out['posts']['new']} posts, {out['comments']['new']} comments)")
            print(line, flush=True)
    bw, bc, cw, cc = (statistics.median(x) for x in (bare_wall, bare_crawl, cl_wall, cl_crawl))
    print(f"[{kind}] median whole command: bare {bw:.2f} s, claimline {cw:.2f} s, speed ratio {bw / cw:.2f}"
          f" (goal >= 0.70)")
    print(f"[{kind}] median crawl only:    bare {bc:.2f} s, claimline {cc:.2f} s, speed ratio {bc / cc:.2f}")
    bu, cu = statistics.median(CPU[f"{kind} bare"]), statistics.median(CPU[f"{kind} sqlite"])
    print(f"[{kind}] median CPU time (user + system, whole command): bare {bu:.2f} s, claimline {cu:.2f} s,"
          f" ratio {bu / cu:.2f}")
    if pg_wall:
        pw, pc = statistics.median(pg_wall), statistics.median(pg_crawl)
        print(f"[{kind}] median PostgreSQL / SQLite time: whole command {pw:.2f} / {cw:.2f} s = {pw / cw:.2f},"
              f" crawl only {pc:.2f} / {cc:.2f} s = {pc / cc:.2f} (goal <= 1.50)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--writer", choices=("auto", "thread", "process"), default="auto",
                        help="claimline's --writer (default: its own default, auto)")
    parser.add_argument("--sites", default="light,comment-heavy",
                        help=f"which generated sites, comma-separated ({', '.join(SITES)})")
    parser.add_argument("--pg", default=os.environ.get("CLAIMLINE_BENCH_PG") or os.environ.get("CLAIMLINE_TEST_PG"),
                        help="a PostgreSQL server URL (a database on it to connect to first); each run gets a"
                             " fresh database there (default: $CLAIMLINE_BENCH_PG, else $CLAIMLINE_TEST_PG)")
    parser.add_argument("--pg-sites", default="comment-heavy", help="the sites also crawled into PostgreSQL")
    parser.add_argument("--bare", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        run_bare(args.bare, args.concurrency)
        return
    args.pg_sites = set(args.pg_sites.split(","))
    if args.pg:
        from store.engine import database_url

        args.pg = database_url(args.pg)
    else:
        print("no PostgreSQL server (--pg URL, or CLAIMLINE_BENCH_PG): the PostgreSQL/SQLite ratio is not measured")

    claimline = str(Path(sys.executable).with_name("claimline"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    work = Path(tempfile.mkdtemp(prefix="claimline-bench-"))
    try:
        for kind in args.sites.split(","):
            if kind not in SITES:
                raise SystemExit(f"unknown site {kind!r} (one of {', '.join(SITES)})")
            _bench_site(kind, args, work, claimline, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
