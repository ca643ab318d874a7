"""Loading a page into an lxml tree, repairing what mirrors break, and small XPath helpers."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..charset import decode_html
from ..errors import ParseError

XPATH_NS = {"re": "http://exslt.org/regular-expressions"}

# Tags a broken mirror glued to their class attribute: `<liclass even depth-1 id="comment-1">`.
_GLUED_CLASS_TAG = re.compile(r"^(li|div|article|section|span|ol|ul|dl|dt|dd|p|aside)class$")
# Attribute names that are real boolean HTML attributes, never class tokens in a glued tag.
_BOOLEAN_ATTRS = frozenset({"hidden", "open", "disabled", "checked", "selected", "itemscope", "pubdate"})
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def C(name: str) -> str:
    """XPath test: the element has class token `name` (what CSS `.name` means)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@functools.lru_cache(maxsize=2048)
def compiled(expr: str) -> etree.XPath:
    """A compiled XPath (compiling dominates the cost of the small queries the parsers run)."""
    return etree.XPath(expr, namespaces=XPATH_NS, smart_strings=True)


def xpath(el: etree._Element, expr: str) -> list:
    """Evaluate an XPath that may use EXSLT regular expressions (`re:test`)."""
    result = compiled(expr)(el)
    if isinstance(result, list):
        return result
    if isinstance(result, (str, bytes)):
        return [result] if result else []
    return [result] if result else []


def _repair_glued_class_tags(root: etree._Element) -> None:
    """Undo `<liclass a b id=x>`: tag `li`, class "a b" (bare attribute names were class tokens)."""
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or not tag.endswith("class"):
            continue
        match = _GLUED_CLASS_TAG.match(tag)
        if not match:
            continue
        el.tag = match.group(1)
        bare = [k for k, v in el.attrib.items() if v == "" and k not in _BOOLEAN_ATTRS]
        for key in bare:
            del el.attrib[key]
        if bare and not el.get("class"):
            el.set("class", " ".join(bare))


def load_document(body: bytes | str, url: str, encoding: str | None = None) -> etree._Element:
    """Decode and parse a page; raises ParseError when it is empty or not HTML at all."""
    if body is None or len(body) == 0:
        raise ParseError(url, "empty page")
    text, _codec = decode_html(body, encoding)
    text = _XML_DECL.sub("", text, count=1).lstrip("\ufeff")
    if not text.strip():
        raise ParseError(url, "empty page")
    head = text.lstrip()[:1].lower()
    if head in ("{", "[") or "<" not in text[:4096]:
        raise ParseError(url, "not HTML (no markup in the first 4 KB)")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(url, f"not HTML: {exc}") from exc
    if root is None or root.find(".//body") is None and len(root) == 0:
        raise ParseError(url, "not HTML (no document body)")
    _repair_glued_class_tags(root)
    return root


def page_language(doc: etree._Element) -> str | None:
    """The page's language from `<html lang>`, Content-Language or og:locale."""
    for expr in (
        "/html/@lang",
        "/html/@xml:lang",
        "//meta[translate(@http-equiv,'CONTENTLANGUAGE','contentlanguage')='content-language']/@content",
        "//meta[@property='og:locale']/@content",
        "//meta[@name='language']/@content",
    ):
        try:
            values = doc.xpath(expr)
        except etree.XPathEvalError:
            continue
        for value in values:
            value = str(value).strip()
            if value:
                return value.replace("_", "-")
    return None


def base_url(doc: etree._Element, url: str) -> str:
    """`<base href>` resolved against the page URL, or the page URL."""
    hrefs = doc.xpath("//base/@href")
    return urljoin(url, str(hrefs[0]).strip()) if hrefs else url


def absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "data:")):
        return None
    return urljoin(base, href)


@dataclass
class PageContext:
    """What the per-platform parsers need besides the tree."""

    url: str
    base: str
    language: str | None
    reference: datetime | None = None
    warnings: list[str] = field(default_factory=list)
