"""The state several crawl processes share in Redis, per site: no Scrapy here, only keys and
the Lua scripts that change them atomically.

Keys (`SITE` is the site as `crawler.urls.site_key` gives it, `W` a process's worker id):

    claimline:SITE:requests     sorted set: the frontier (scrapy-redis' priority queue layout:
                                member = an encoded request, score = -priority)
    claimline:SITE:dupefilter   set: fingerprints of every request ever queued (scrapy-redis')
    claimline:SITE:workers      set: worker ids that took requests from this site's frontier
    claimline:SITE:leases:W     hash: requests W took and has not finished (member -> score)
    claimline:SITE:alive:W      W's heartbeat, expiring after `lease_seconds` of silence
    claimline:SITE:finished     when the shared crawl of SITE finished (for FINISHED_GRACE_SECONDS)
    claimline:SITE:next         when the next request to SITE may start (ms, Redis' clock)
    claimline:robots:NETLOC     robots.txt of `host[:port]` (as Scrapy keys it), cached for a day

A request is never only in a process's memory: `pop` moves it from the frontier into the worker's
lease in one script, and it leaves the lease only when its page is stored (`release`). A
process killed with -9 stops its heartbeat; the next `reclaim` by any process puts its leases back
in the frontier. Queueing checks the duplicate filter and adds to the frontier in one script, so a
kill between the two cannot mark a URL seen that was never queued.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

PREFIX = "claimline"
LEASE_SECONDS = 10.0
"""A worker silent this long is taken for dead and its requests go back to the frontier."""
FINISHED_GRACE_SECONDS = 600.0
"""How long a finished crawl's duplicate filter is kept: a process started this late still joins
it (and finds nothing to do) instead of crawling the site again."""
ROBOTS_SECONDS = 24 * 3600
"""How long a site's robots.txt is reused (RFC 9309 asks crawlers not to keep it longer)."""

_PUSH = """
-- KEYS: queue, seen, finished; ARGV: fingerprint ('' = unfiltered), data, score
local added = 1
if ARGV[1] ~= '' then added = redis.call('SADD', KEYS[2], ARGV[1]) end
if added == 1 then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
  -- the crawl goes on (a new start URL after it finished): its filter must not expire under it
  redis.call('PERSIST', KEYS[2])
  redis.call('DEL', KEYS[3])
end
return added
"""

_POP = """
-- KEYS: queue, my leases, workers; ARGV: worker id
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], top[1], top[2])
redis.call('SADD', KEYS[3], ARGV[1])
return top[1]
"""

_RECLAIM = """
-- KEYS: queue, workers; ARGV: key prefix 'claimline:SITE:'
-- Every lease of a worker whose heartbeat expired goes back to the frontier.
local moved = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[1] .. 'alive:' .. w) == 0 then
    local leases = ARGV[1] .. 'leases:' .. w
    local held = redis.call('HGETALL', leases)
    for i = 1, #held, 2 do
      redis.call('ZADD', KEYS[1], held[i + 1], held[i])
      moved = moved + 1
    end
    redis.call('DEL', leases)
    redis.call('SREM', KEYS[2], w)
  end
end
return moved
"""

_LEAVE = """
-- KEYS: queue, workers, my leases, my heartbeat; ARGV: worker id
local held = redis.call('HGETALL', KEYS[3])
for i = 1, #held, 2 do redis.call('ZADD', KEYS[1], held[i + 1], held[i]) end
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('SREM', KEYS[2], ARGV[1])
return #held / 2
"""

_OUTSTANDING = """
-- KEYS: queue, workers; ARGV: key prefix. Returns {queued, leased by any worker}.
local leased = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  leased = leased + redis.call('HLEN', ARGV[1] .. 'leases:' .. w)
end
return {redis.call('ZCARD', KEYS[1]), leased}
"""

_FINISH = """
-- KEYS: queue, seen, workers, finished; ARGV: key prefix, grace (ms). The crawl is over when
-- nothing is queued and no worker holds a request. Its duplicate filter is kept `grace` longer,
-- so that a process started late joins the finished crawl instead of starting it over; then it
-- expires and the next crawl of the site starts afresh.
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. 'leases:' .. w) > 0 then return 0 end
end
if redis.call('EXISTS', KEYS[4]) == 1 then return 1 end
local t = redis.call('TIME')
redis.call('SET', KEYS[4], t[1], 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
"""

_RESERVE = """
-- KEYS: the site's next-allowed time; ARGV: delay (ms). Returns how long to wait (ms): each
-- caller gets its own start time, `delay` after the previous one, whichever process asked.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local delay = tonumber(ARGV[1])
redis.call('SET', KEYS[1], at + delay, 'PX', at + delay - now + 60000)
return at - now
"""

_HOLD = """
-- KEYS: the site's next-allowed time; ARGV: seconds from now (ms) no request may start
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
if until_ > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000)
end
return until_
"""


class FrontierError(Exception):
    """The frontier's Redis cannot be used (unreachable, not Redis, refused)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{redacted(url)}: {reason}")
        self.url = url
        self.reason = reason


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    from redis.connection import parse_url

    try:
        parse_url(url)
    except (ValueError, TypeError):
        return url
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.rsplit("@", 1)[1]
    return f"{scheme}{sep}{rest}"


def connect(url: str) -> Any:
    """A Redis client for a `redis://` (or `rediss://`, `unix://`) URL, checked with a PING."""
    import redis

    try:
        server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
    except ValueError as exc:
        raise FrontierError(url, f"not a Redis URL ({exc})") from exc
    try:
        server.ping()
    except redis.RedisError as exc:
        raise FrontierError(url, f"cannot reach Redis ({exc.__class__.__name__}: {exc})") from exc
    return server


@dataclass
class Outstanding:
    queued: int
    leased: int

    @property
    def empty(self) -> bool:
        return not self.queued and not self.leased


class SiteFrontier:
    """One site's shared frontier, duplicate filter, leases and politeness, for one worker."""

    def __init__(self, server: Any, site: str, *, worker: str | None = None,
                 lease_seconds: float = LEASE_SECONDS) -> None:
        self.server = server
        self.site = site
        self.worker = worker or uuid.uuid4().hex[:12]
        self.lease_ms = max(1000, int(lease_seconds * 1000))
        self.base = f"{PREFIX}:{site}:"
        self.queue_key = self.base + "requests"
        self.seen_key = self.base + "dupefilter"
        self.workers_key = self.base + "workers"
        self.leases_key = self.base + f"leases:{self.worker}"
        self.alive_key = self.base + f"alive:{self.worker}"
        self.finished_key = self.base + "finished"
        self.next_key = self.base + "next"
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._reclaim = server.register_script(_RECLAIM)
        self._leave = server.register_script(_LEAVE)
        self._outstanding = server.register_script(_OUTSTANDING)
        self._finish = server.register_script(_FINISH)
        self._reserve = server.register_script(_RESERVE)
        self._hold = server.register_script(_HOLD)

    # --- the frontier ---------------------------------------------------------------------
    def push(self, data: bytes, score: float, *, fingerprint: str | None) -> bool:
        """Queue `data` unless `fingerprint` was seen (None: queue it anyway); True when queued."""
        added = self._push(keys=[self.queue_key, self.seen_key, self.finished_key],
                           args=[fingerprint or "", data, score])
        return bool(added)

    def pop(self) -> bytes | None:
        """The highest-priority request, now leased to this worker; None when the frontier is empty."""
        found = self._pop(keys=[self.queue_key, self.leases_key, self.workers_key], args=[self.worker])
        return found or None

    def release(self, leases: list[bytes]) -> None:
        """These requests are done (their pages are stored)."""
        if leases:
            self.server.hdel(self.leases_key, *leases)

    def heartbeat(self) -> None:
        pipe = self.server.pipeline()
        pipe.set(self.alive_key, b"1", px=self.lease_ms)
        pipe.sadd(self.workers_key, self.worker)
        pipe.execute()

    def reclaim(self) -> int:
        """Put back the requests of workers whose heartbeat stopped; returns how many."""
        return int(self._reclaim(keys=[self.queue_key, self.workers_key], args=[self.base]))

    def leave(self) -> int:
        """This worker stops: what it still holds goes back to the frontier; returns how many."""
        return int(self._leave(keys=[self.queue_key, self.workers_key, self.leases_key, self.alive_key],
                               args=[self.worker]))

    def outstanding(self) -> Outstanding:
        queued, leased = self._outstanding(keys=[self.queue_key, self.workers_key], args=[self.base])
        return Outstanding(int(queued), int(leased))

    def finish(self, grace: float = FINISHED_GRACE_SECONDS) -> bool:
        """When nothing is queued or held, mark the crawl finished, forget its duplicate filter
        `grace` seconds later (the next crawl of the site starts over), and return True."""
        return bool(self._finish(keys=[self.queue_key, self.seen_key, self.workers_key, self.finished_key],
                                 args=[self.base, max(1, int(grace * 1000))]))

    def finished_ago(self) -> float | None:
        """Seconds since the site's shared crawl finished, while its filter is kept; else None."""
        mark = self.server.get(self.finished_key)
        if mark is None:
            return None
        now = self.server.time()[0]
        return max(0.0, float(now) - float(mark))

    def __len__(self) -> int:
        return int(self.server.zcard(self.queue_key))

    # --- politeness -----------------------------------------------------------------------
    def reserve(self, site: str, delay: float) -> float:
        """Seconds to wait before starting a request to `site`, `delay` apart from every other
        request any process started or reserved there."""
        key = f"{PREFIX}:{site}:next"
        return int(self._reserve(keys=[key], args=[max(0, int(delay * 1000))])) / 1000.0

    def hold(self, site: str, seconds: float) -> None:
        """No process starts a request to `site` for `seconds` (a Retry-After)."""
        self._hold(keys=[f"{PREFIX}:{site}:next"], args=[max(0, int(seconds * 1000))])

    def robots(self, site: str) -> bytes | None:
        return self.server.get(f"{PREFIX}:robots:{site}")

    def claim_robots(self, site: str, seconds: float) -> bool:
        """True for the one process that should fetch `site`'s robots.txt now."""
        return bool(self.server.set(f"{PREFIX}:robots:{site}:fetching", self.worker, nx=True,
                                    px=max(1000, int(seconds * 1000))))

    def drop_robots_claim(self, site: str) -> None:
        self.server.delete(f"{PREFIX}:robots:{site}:fetching")

    def store_robots(self, site: str, body: bytes) -> None:
        pipe = self.server.pipeline()
        pipe.set(f"{PREFIX}:robots:{site}", body, ex=ROBOTS_SECONDS)
        pipe.delete(f"{PREFIX}:robots:{site}:fetching")
        pipe.execute()


def clear_site(server: Any, site: str) -> None:
    """Forget everything shared about `site` (tests and benchmarks start from nothing)."""
    keys = list(server.scan_iter(match=f"{PREFIX}:{site}:*"))
    keys += [k for k in (f"{PREFIX}:robots:{site}", f"{PREFIX}:robots:{site}:fetching") if server.exists(k)]
    if keys:
        server.delete(*keys)
