"""What a page states about its post for machines: schema.org JSON-LD and microdata and OpenGraph
(read by extruct), and, for the date only, htmldate's reading of the page as the last resort.

Structured data is what the site's software wrote about the article itself, so it outranks the
visible chrome a theme prints around it (a sidebar of other posts carries dates too: the ACLU's
page showed a sidebar article's date where its JSON-LD names the post's). htmldate comes last
because it guesses from the whole page: it reads the page with the comments already taken out,
and a date it finds after the first comment is no publication date (a post is published before
anyone replies to it; what it found is an update or a teaser elsewhere on the page).
"""
from __future__ import annotations

import copy
import importlib.util
import logging
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

# Types whose object describes the page's post (schema.org names, without their context URL).
ARTICLE_TYPES: frozenset[str] = frozenset(
    {"Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "DiscussionForumPosting",
     "Question", "SocialMediaPosting", "LiveBlogPosting", "ScholarlyArticle", "Recipe", "WebPage"}
)
# OpenGraph properties, in order of trust.
OG_PUBLISHED: tuple[str, ...] = ("article:published_time", "og:published_time", "article:published")
OG_AUTHOR: tuple[str, ...] = ("article:author", "og:article:author", "author")
OG_TITLE: tuple[str, ...] = ("og:title",)

# A JSON-LD block some CMSs (Drupal 7) wrap in a CDATA section, which no JSON reader accepts.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[(.*?)(?://\s*)?\]\]>\s*$", re.S)
_NESTED_KEYS: tuple[str, ...] = ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement")

def load_libraries() -> None:
    """Import extruct's three readers and htmldate. They are imported where they are used, not
    with this module: they cost more to import than the rest of the parsers, and a crawl's
    download loop imports the parsers' modules without parsing a page (its writer process parses,
    and imports them as it starts, beside the crawl's own start-up)."""
    _extruct_readers_only()
    from extruct.jsonld import JsonLdExtractor  # noqa: F401
    from extruct.opengraph import OpenGraphExtractor  # noqa: F401
    from extruct.w3cmicrodata import MicrodataExtractor  # noqa: F401
    import htmldate  # noqa: F401


def _extruct_readers_only() -> None:
    """Let `from extruct.jsonld import ...` (and opengraph, w3cmicrodata) load that module alone.

    extruct's package `__init__` imports every syntax it reads, RDFa (rdflib) and microformats
    (mf2py, requests) among them, which parsing never uses: twice what the three readers cost,
    0.15 s of CPU in every crawl's writer (`bench/crawl.py`). So the package is entered in
    `sys.modules` without running its `__init__`, which runs, all of it, only when something
    asks the package itself for a name (`extruct.extract`, `from extruct import ...`)."""
    if "extruct" in sys.modules:
        return
    spec = importlib.util.find_spec("extruct")
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return  # not an ordinary package: import it the ordinary way
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader
    loaded = threading.Event()

    def _rest_of_package(name: str) -> Any:
        with _EXTRUCT_LOCK:
            if not loaded.is_set():
                loaded.set()
                loader.exec_module(package)
                del package.__getattr__
        return getattr(package, name)

    package.__getattr__ = _rest_of_package  # type: ignore[method-assign]
    sys.modules["extruct"] = package


_EXTRUCT_LOCK = threading.RLock()


for _noisy in ("htmldate", "extruct"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)  # their guesses are ours to judge


@dataclass
class StructuredPost:
    """What the structured data says of the post; each field None where none of it says."""

    title: str | None = None
    author: str | None = None
    author_url: str | None = None
    published: str | None = None
    """The date as the data states it (ISO-like text; crawler.dates normalises it)."""
    source: str | None = None
    """Which syntax gave the date: "json-ld", "microdata" or "opengraph"."""


def types_of(obj: dict[str, Any]) -> set[str]:
    """The schema.org type names of a JSON-LD or microdata object ("BlogPosting"), without context."""
    value = obj.get("@type", obj.get("type"))
    values = value if isinstance(value, list) else [value]
    return {str(v).rstrip("/").rsplit("/", 1)[-1] for v in values if v}


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        yield value
        for key in _NESTED_KEYS:
            if key in value:
                yield from _walk(value[key])


def jsonld_objects(doc: etree._Element) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (top level, `@graph` members, main entities), read by
    extruct one script at a time so that one broken block loses only itself."""
    _extruct_readers_only()
    from extruct.jsonld import JsonLdExtractor  # extruct and htmldate: see `load_libraries`

    extractor = JsonLdExtractor()
    found: list[dict[str, Any]] = []
    for script in doc.xpath("//script[@type='application/ld+json']"):
        raw = script.text or ""
        match = _CDATA.match(raw)
        if match:
            script = copy.copy(script)
            script.text = match.group(1)
        try:
            items = extractor.extract_items(script)
        except ValueError:
            continue
        found.extend(_walk(items))
    return found


def _microdata_objects(doc: etree._Element, base: str) -> list[dict[str, Any]]:
    try:
        _extruct_readers_only()
        from extruct.w3cmicrodata import MicrodataExtractor

        items = MicrodataExtractor().extract_items(doc, base)
    except (ValueError, TypeError, AttributeError):  # markup extruct cannot walk: no microdata
        return []
    out = []
    for item in items:
        if isinstance(item, dict):
            obj = dict(item.get("properties") or {})
            obj["@type"] = item.get("type")
            out.append(obj)
    return out


def _opengraph(doc: etree._Element) -> dict[str, str]:
    props: dict[str, str] = {}
    try:
        _extruct_readers_only()
        from extruct.opengraph import OpenGraphExtractor

        found = list(OpenGraphExtractor().extract_items(doc))
    except (AttributeError, IndexError):  # no <head>
        return props
    for block in found:
        for key, value in block.get("properties", ()):
            if isinstance(value, str) and value.strip():
                props.setdefault(key, value.strip())
    return props


def first_of_types(objs: Iterable[dict[str, Any]], types: frozenset[str]) -> dict[str, Any] | None:
    """The first object of one of `types`, preferring any over a bare WebPage."""
    best = None
    for obj in objs:
        kinds = types_of(obj)
        if kinds & types:
            if kinds & (types - {"WebPage"}):
                return obj
            best = best or obj
    return best


def name_of(value: Any) -> str | None:
    """A person's or thing's name from a string, a dict or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
        if isinstance(value, list):
            value = value[0] if value else None
    if isinstance(value, str) and value.strip() and not value.strip().startswith(("http://", "https://")):
        return value.strip()
    return None


def url_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date_of(obj: dict[str, Any]) -> str | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        value = obj.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def structured_post(doc: etree._Element, base: str, jsonld: list[dict[str, Any]] | None = None) -> StructuredPost:
    """The post as JSON-LD, then microdata, then OpenGraph state it (the first that says wins,
    field by field). `jsonld` is `jsonld_objects(doc)` when the caller already has it."""
    out = StructuredPost()
    sources: list[tuple[str, dict[str, Any] | None]] = [
        ("json-ld", first_of_types(jsonld if jsonld is not None else jsonld_objects(doc), ARTICLE_TYPES)),
        ("microdata", first_of_types(_microdata_objects(doc, base), ARTICLE_TYPES)),
    ]
    for syntax, obj in sources:
        if obj is None:
            continue
        out.title = out.title or name_of(obj.get("headline")) or name_of(obj.get("name"))
        out.author = out.author or name_of(obj.get("author") or obj.get("creator"))
        out.author_url = out.author_url or url_of(obj.get("author"))
        if out.published is None and (date := _date_of(obj)):
            out.published, out.source = date, syntax
    og = _opengraph(doc)
    out.title = out.title or next((og[k] for k in OG_TITLE if k in og), None)
    out.author = out.author or next((name_of(og[k]) for k in OG_AUTHOR if k in og and name_of(og[k])), None)
    if out.published is None and (date := next((og[k] for k in OG_PUBLISHED if k in og), None)):
        out.published, out.source = date, "opengraph"
    return out


def guessed_date(doc: etree._Element, url: str | None = None) -> str | None:
    """htmldate's publication date for the page (YYYY-MM-DD), or None. Give it the page with its
    comments taken out: their dates are not the post's."""
    try:
        from htmldate import find_date

        return find_date(copy.deepcopy(doc), url=url, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, etree.LxmlError):
        return None
