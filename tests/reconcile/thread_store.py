"""Stored blog threads for the extraction-sharing tests and bench/scale.py: posts with replies
in English sentences about people, groups, places and years, as a crawl would store them."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import Engine

from store.engine import session_scope
from store.records import DocumentIn, ThreadIn
from store.threads import save_thread

FIRST = ("Abdul", "Mohammad", "Gul", "Qazi", "Nur", "Sayed", "Zia", "Rahim", "Farid", "Wali")
LAST = ("Popal", "Rind", "Qaisari", "Sayedi", "Mohmand", "Wardak", "Safi", "Hotak", "Zadran", "Tokhi")
GROUPS = ("Taliban", "Hezb-e Islami", "Jamiat-e Islami", "United Islamic Front")
PLACES = ("Kunduz", "Kandahar", "Herat", "Ghazni", "Quetta", "Peshawar", "Faryab", "Helmand")


def threads(posts: int, replies: int, seed: int = 1, site: str = "https://blog.example.org/") -> list[ThreadIn]:
    """`posts` threads of one post and `replies` comments each (every other one a reply to the one above)."""
    rng = random.Random(seed)
    out: list[ThreadIn] = []
    for p in range(posts):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        group, place = rng.choice(GROUPS), rng.choice(PLACES)
        born = rng.randint(1940, 1975)
        when = datetime(2013, 1, 1) + timedelta(days=p)
        text = (f"{name} was born in {born} in {place}. He joined the {group} in {born + 25}. "
                f"Officials told the BBC that {name.split()[-1]} served as governor of {rng.choice(PLACES)}.")
        comments = []
        for c in range(replies):
            cid = f"{p}-{c}"
            body = rng.choice((
                f"{name.split()[-1]} left the {rng.choice(GROUPS)} in {rng.randint(1990, 2012)}; he moved to {rng.choice(PLACES)}.",
                f"I met {name} in {rng.choice(PLACES)} in {rng.randint(1995, 2012)}. He was never a member of the {group}.",
                f"{name} was reportedly detained in {rng.choice(PLACES)} in {rng.randint(2001, 2012)}.",
            ))
            comments.append(DocumentIn(kind="comment", url=f"{site}p/{p}#comment-{cid}", text=body, platform_id=cid,
                                       parent_platform_id=f"{p}-{c - 1}" if c % 2 else None,
                                       published=when + timedelta(hours=c + 1)))
        out.append(ThreadIn(site_url=site, post=DocumentIn(kind="post", url=f"{site}p/{p}", text=text,
                                                           platform_id=str(p), published=when),
                            comments=comments, platform="wordpress"))
    return out


def save_threads(engine: Engine, posts: int, replies: int, seed: int = 1) -> int:
    """Store the threads; returns how many documents they are."""
    with session_scope(engine) as s:
        for t in threads(posts, replies, seed):
            save_thread(s, t)
    return posts * (1 + replies)
