"""A generated WordPress-like blog for the fault tests: posts with threaded comments, index pages
with "Older posts" links, written to a folder (served by `crawler.serve`) or rendered in memory
(served by the faulty server).

Text comes from a small word list; names, ids and dates from a seeded RNG, so a site is the same
for the same seed. `expected_documents(site)` is what a complete crawl must store.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

WORDS = (
    "valley council road governor market river district election school harvest bridge clinic "
    "elders report officials police village winter border trade water province militia"
).split()
NAMES = ("Helen Marsh", "Nasrin Wardak", "Omid Karimi", "Lena Vogt", "Farid Azizi", "Mary O'Neil")
PER_INDEX = 10


@dataclass
class Comment:
    id: int
    author: str
    text: str
    when: datetime
    depth: int
    children: list[Comment] = field(default_factory=list)


@dataclass
class Post:
    id: int
    path: str
    """Site-relative path, `/2013/09/20/slug/`."""
    title: str
    author: str
    when: datetime
    paragraphs: list[str]
    comments: list[Comment]

    def all_comments(self) -> list[Comment]:
        out: list[Comment] = []
        stack = list(reversed(self.comments))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(c.children))
        return out


@dataclass
class Site:
    posts: list[Post]

    @property
    def index_pages(self) -> int:
        return max(1, -(-len(self.posts) // PER_INDEX))


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(posts: int, seed: int = 0, max_comments: int = 6) -> Site:
    rng = random.Random(seed)
    start = datetime(2013, 1, 1, 9, 0)
    next_comment = [1000]
    out: list[Post] = []
    for i in range(posts):
        when = start + timedelta(days=3 * i, minutes=rng.randint(0, 600))

        def thread(depth: int, after: datetime, budget: int) -> list[Comment]:
            replies = []
            for _ in range(rng.randint(0, budget)):
                next_comment[0] += 1
                at = after + timedelta(minutes=rng.randint(5, 900))
                c = Comment(next_comment[0], rng.choice(NAMES), _sentence(rng, rng.randint(6, 30)), at, depth)
                if depth < 3:
                    c.children = thread(depth + 1, at, 2)
                replies.append(c)
            return replies

        slug = f"post-{i + 1}-{rng.choice(WORDS)}"
        out.append(Post(
            id=100 + i,
            path=f"/{when:%Y/%m/%d}/{slug}/",
            title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} report {i + 1}",
            author=rng.choice(NAMES),
            when=when,
            paragraphs=[_sentence(rng, rng.randint(10, 40)) for _ in range(rng.randint(2, 5))],
            comments=thread(1, when, max_comments),
        ))
    return Site(out)


def _comment_html(post: Post, c: Comment) -> str:
    kids = "".join(_comment_html(post, k) for k in c.children)
    children = f'<ul class="children">{kids}</ul>' if kids else ""
    return (
        f'<li class="comment depth-{c.depth}" id="comment-{c.id}">'
        f'<div id="div-comment-{c.id}" class="comment-body">'
        f'<div class="comment-author vcard"><cite class="fn">{escape(c.author)}</cite> <span class="says">says:</span></div>'
        f'<div class="comment-meta commentmetadata"><a href="{post.path}#comment-{c.id}">'
        f'<time datetime="{c.when:%Y-%m-%dT%H:%M:00+00:00}">{c.when:%B %d, %Y at %H:%M}</time></a></div>'
        f"<p>{escape(c.text)}</p></div>{children}</li>"
    )


def post_html(post: Post, extra_links: str = "") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)
    comments = "".join(_comment_html(post, c) for c in post.comments)
    return (
        '<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">'
        f"<title>{escape(post.title)} | Generated Notebook</title>"
        '<meta name="generator" content="WordPress 3.6.1">'
        f'<link rel="canonical" href="{post.path}"></head>'
        f'<body class="single single-post postid-{post.id}"><div id="content">'
        f'<article id="post-{post.id}" class="post-{post.id} post type-post status-publish hentry">'
        f'<header class="entry-header"><h1 class="entry-title">{escape(post.title)}</h1>'
        f'<div class="entry-meta"><time class="entry-date published" datetime="{post.when:%Y-%m-%dT%H:%M:00+00:00}">'
        f'{post.when:%B %d, %Y}</time> by <span class="author vcard"><span class="fn n">{escape(post.author)}</span></span></div>'
        f'</header><div class="entry-content">{body}{extra_links}</div></article>'
        f'<div id="comments" class="comments-area"><ol class="commentlist">{comments}</ol></div>'
        "</div></body></html>"
    )


def index_html(site: Site, page: int, extra_links: str = "") -> str:
    """Index page `page` (1-based): ten posts and a link to the next, older page."""
    chunk = site.posts[(page - 1) * PER_INDEX: page * PER_INDEX]
    items = "".join(
        f'<article class="post-{p.id} post hentry"><h2 class="entry-title"><a href="{p.path}" rel="bookmark">'
        f"{escape(p.title)}</a></h2><p>{escape(p.paragraphs[0][:80])}</p></article>"
        for p in chunk
    )
    older = f'<a class="next" href="/page/{page + 1}/">Older posts</a>' if page < site.index_pages else ""
    return (
        '<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>Generated Notebook</title>'
        '<meta name="generator" content="WordPress 3.6.1"></head><body class="home blog">'
        f'<div id="content">{items}{extra_links}<nav class="navigation">{older}</nav></div></body></html>'
    )


def index_path(page: int) -> str:
    return "/" if page == 1 else f"/page/{page}/"


def write_site(site: Site, root: Path) -> Path:
    """The site as static files under `root` (for `crawler.serve`)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /wp-admin/\n")
    for page in range(1, site.index_pages + 1):
        folder = root / index_path(page).strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(index_html(site, page), encoding="utf-8")
    for post in site.posts:
        folder = root / post.path.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(post_html(post), encoding="utf-8")
    return root


def expected_documents(site: Site, posts: list[Post] | None = None) -> set[tuple[str, str]]:
    """(kind, platform id) of every document a complete crawl of these posts stores."""
    chosen = site.posts if posts is None else posts
    out: set[tuple[str, str]] = set()
    for post in chosen:
        out.add(("post", str(post.id)))
        out.update(("comment", str(c.id)) for c in post.all_comments())
    return out
