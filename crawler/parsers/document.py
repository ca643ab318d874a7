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
from ..compressed import CompressedError, gunzip, is_gzip
from ..errors import ParseError

XPATH_NS = {"re": "http://exslt.org/regular-expressions"}

# Tags a broken mirror glued to their class attribute: `<liclass even depth-1 id="comment-1">`.
_GLUED_CLASS_TAG = re.compile(r"^(li|div|article|section|span|ol|ul|dl|dt|dd|p|aside)class$")
# Attribute names that are real boolean HTML attributes, never class tokens in a glued tag.
_BOOLEAN_ATTRS = frozenset({"hidden", "open", "disabled", "checked", "selected", "itemscope", "pubdate"})
_GLUED_IN_SOURCE = re.compile(r"<(?:li|div|article|section|span|ol|ul|dl|dt|dd|p|aside)class[\s>]", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters libxml2's HTML parser lets into names and text but lxml refuses to set through its API.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str | None) -> str | None:
    """`text` as lxml accepts it when set on a node: those characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text) if text else text


def C(name: str) -> str:
    """XPath test: the element has class token `name` (what CSS `.name` means)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@functools.lru_cache(maxsize=2048)
def compiled(expr: str) -> etree.XPath:
    """A compiled XPath (compiling dominates the cost of the small queries the parsers run)."""
    return etree.XPath(expr, namespaces=XPATH_NS, smart_strings=True)


def ID(prefix: str, attr: str = "@id") -> str:
    """XPath test: `attr` is `prefix` followed by digits only (what `re:test(@id, '^prefix\\d+$')`
    says, in plain XPath: the EXSLT regex calls back into Python for every element)."""
    n = len(prefix)
    return (
        f"(starts-with({attr}, '{prefix}') and string-length({attr}) > {n}"
        f" and translate(substring({attr}, {n + 1}), '0123456789', '') = '')"
    )


def xpath(el: etree._Element, expr: str) -> list:
    """Evaluate an XPath that may use EXSLT regular expressions (`re:test`)."""
    result = compiled(expr)(el)
    if isinstance(result, list):
        return result
    if isinstance(result, (str, bytes)):
        return [result] if result else []
    return [result] if result else []


_C_TEST = r"contains\(concat\(' ', normalize-space\(@class\), ' '\), ' [^' ]+ '\)"
_ATTR_TEST = r"@(?:id|itemprop|property|rel|role|name)='[^']*'"
_SIMPLE = re.compile(
    rf"^(//|\.//)(\*|[a-z][a-z0-9]*)\[((?:{_C_TEST})(?: or {_C_TEST})*|(?:{_ATTR_TEST})(?: or {_ATTR_TEST})*)\](.*)$",
    re.S,
)
INDEXED_ATTRIBUTES: tuple[str, ...] = ("id", "itemprop", "property", "rel", "role", "name")


@functools.lru_cache(maxsize=4096)
def _plan(expr: str) -> tuple[str, str, bool, tuple, str] | None:
    """How `DocIndex.select` answers `expr` from the index: (axis, tag, by class?, class tokens or
    (attribute, value) pairs, the rest of the path), or None to run it as XPath. Parsed once per
    expression: the tables' expressions repeat on every page and comment."""
    match = _SIMPLE.match(expr) if "|" not in expr else None
    if match is None:
        return None
    axis, tag, tests, rest = match.groups()
    if rest and not rest.startswith("/"):
        return None
    if tests.startswith("contains"):
        return axis, tag, True, tuple(re.findall(r"' ([^' ]+) '\)", tests)), rest
    return axis, tag, False, tuple(re.findall(r"@(\w+)='([^']*)'", tests)), rest


def by_class_shape(expr: str) -> bool:
    """Whether `DocIndex.select` answers `expr` from class tokens (else it runs it as XPath)."""
    plan = _plan(expr)
    return plan is not None and plan[2]


class DocIndex:
    """Class-token and attribute index of a tree (a page, or one comment), built in one pass.

    XPaths of the simple shapes the tables use most (`//*[C(a) or C(b)]...`, `.//tag[C(a)]...`,
    `//*[@id='x' or @itemprop='y']...`) are answered from it: on a page or comment that lacks the
    tokens they cost nothing instead of a scan each. Anything else runs as XPath. The index
    describes the tree when it was built: rebuild it after changing the tree.
    """

    def __init__(self, root: etree._Element, attributes: bool = True):
        self.root = root
        self.attributes = attributes
        self.by_class: dict[str, list[etree._Element]] = {}
        self.by_attr: dict[tuple[str, str], list[etree._Element]] = {}
        self.position: dict[etree._Element, int] = {}
        self._may_match: dict[str, bool] = {}
        for pos, el in enumerate(root.iter(etree.Element)):
            self.position[el] = pos
            attrib = el.attrib
            if not attrib:
                continue
            classes = attrib.get("class")
            if classes:
                for token in classes.split():
                    self.by_class.setdefault(token, []).append(el)
            if attributes:
                for name in INDEXED_ATTRIBUTES:
                    value = attrib.get(name)
                    if value is not None:
                        self.by_attr.setdefault((name, value), []).append(el)

    def _ordered(self, groups: list[list[etree._Element]]) -> list[etree._Element]:
        groups = [g for g in groups if g]
        if len(groups) <= 1:
            return list(groups[0]) if groups else []
        merged = {el for group in groups for el in group}
        return sorted(merged, key=self.position.__getitem__)

    def may_match(self, expr: str) -> bool:
        """False when a relative XPath of a simple shape (`.//*[C(a) or C(b)]...`) cannot match
        anything under any element of this tree, because no element in it has those class tokens
        (or attribute values): a comment of the page then need not be searched at all. Still
        true after elements are taken out of the tree (it only ever loses elements)."""
        known = self._may_match.get(expr)
        if known is None:
            plan = _plan(expr)
            if plan is None:
                known = True
            elif plan[2]:
                known = any(t in self.by_class for t in plan[3])
            else:
                known = not self.attributes or any(t in self.by_attr for t in plan[3])
            self._may_match[expr] = known  # asked again for every comment of the page
        return known

    def select(self, expr: str) -> list:
        """`xpath(root, expr)`, from the index where the shape allows."""
        plan = _plan(expr)
        if plan is None:
            return xpath(self.root, expr)
        axis, tag, by_class, tokens, rest = plan
        if not by_class and not self.attributes:
            return xpath(self.root, expr)
        if by_class:
            groups = [self.by_class.get(t, []) for t in tokens]
        else:
            groups = [self.by_attr.get(t, []) for t in tokens]
        found = self._ordered(groups)
        if tag != "*":
            found = [el for el in found if el.tag == tag]
        if axis == ".//":
            found = [el for el in found if el is not self.root]
        if not rest:
            return found
        out: list = []
        seen: set = set()
        for el in found:
            for item in xpath(el, "." + rest):
                key = item if isinstance(item, etree._Element) else (id(item), str(item))
                if key not in seen:
                    seen.add(key)
                    out.append(item)
        return out


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
        bare = [k for k, v in el.attrib.items() if v == "" and k not in _BOOLEAN_ATTRS and not _NOT_XML.search(k)]
        for key in bare:
            del el.attrib[key]
        if bare and not el.get("class"):
            el.set("class", " ".join(bare))


def load_document(body: bytes | str, url: str, encoding: str | None = None) -> etree._Element:
    """Decode and parse a page; raises ParseError when it is empty or not HTML at all."""
    if body is None or len(body) == 0:
        raise ParseError(url, "empty page")
    if isinstance(body, bytes) and is_gzip(body):
        try:
            body = gunzip(body)
        except CompressedError as exc:
            raise ParseError(url, str(exc)) from None
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
    if _GLUED_IN_SOURCE.search(text):
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
    try:
        return urljoin(url, str(hrefs[0]).strip()) if hrefs else url
    except ValueError:  # a broken <base href> ("http://[::1")
        return url


def urlsplit_scheme(href: str) -> str:
    """The scheme of `href`, lower-cased, as a browser reads it ("" for a relative reference)."""
    cleaned = "".join(ch for ch in href if ch not in "\t\n\r").strip()
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    # any scheme but http(s) is no address to keep, in whatever case or with whatever tabs and
    # newlines inside (`JaVaScRiPt:`, `java\tscript:` are what browsers run)
    scheme = urlsplit_scheme(href)
    if not href or (scheme and scheme not in ("http", "https")):
        return None
    try:
        return urljoin(base, href)
    except ValueError:  # not a URL at all ("http://[::1"): no link
        return None


@dataclass
class PageContext:
    """What the per-platform parsers need besides the tree."""

    url: str
    base: str
    language: str | None
    reference: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    index: DocIndex | None = None
    """Index of the tree as loaded (before comments are taken out of it)."""
    loaded: DocIndex | None = None
    """The same index, kept while comments are taken out of the tree: what it lacks, no part of
    the tree has (`DocIndex.may_match`)."""

    def select(self, doc: etree._Element, expr: str) -> list:
        """A whole-document XPath, through the index when there is one."""
        return self.index.select(expr) if self.index is not None else xpath(doc, expr)
