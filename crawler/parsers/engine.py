"""The one engine that turns comment nodes into ParsedComment records, driven by a ThreadProfile.

Parents come, in this order of trust, from `depth-N` classes (what WordPress's walker printed;
survives mirrors that lost closing tags), then from nesting: the nearest enclosing comment, or
for reply blocks placed after their parent (Drupal `div.indented`) the comment just before the
block. Everything a comment owns is looked up inside it but never inside a reply nested in it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ..dates import parse_machine_date, parse_shown_date, show_comment_time
from ..text import clean_text, inline_text, tokens
from ..thread import ParsedComment
from .document import DocIndex, PageContext, absolute, by_class_shape, xml_safe, xpath
from .profile import ThreadProfile

_DEPTH = re.compile(r"^depth-(\d+)$")
# Text openings that mark a pingback or trackback printed as a comment.
PINGBACK_TEXT_PREFIXES: tuple[str, ...] = ("pingback:", "trackback:")
# WordPress prints a pingback's excerpt as "[…] words from the linking page […]": a comment that
# is nothing but such an excerpt is a pingback even where the markup lost its `pingback` class.
PINGBACK_TEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\[(?:…|\.\.\.|&hellip;)\].*\[(?:…|\.\.\.|&hellip;)\]$", re.S),
)


def find_nodes(doc: etree._Element, profile: ThreadProfile, ctx: PageContext | None = None) -> list[etree._Element]:
    """The comment nodes of the first `nodes` XPath that matches, in document order, deduplicated."""
    for expr in profile.nodes:
        found = ctx.select(doc, expr) if ctx is not None else xpath(doc, expr)
        found = [el for el in found if isinstance(el, etree._Element)]
        if found:
            seen: set[etree._Element] = set()
            unique = []
            for el in found:
                if el not in seen:
                    seen.add(el)
                    unique.append(el)
            if profile.innermost:
                outer = {anc for el in unique for anc in el.iterancestors() if anc in seen}
                unique = [el for el in unique if el not in outer]
            return unique
    return []


class _Thread:
    """Lookups scoped to one comment node within the set of all comment nodes."""

    def __init__(self, nodes: list[etree._Element], profile: ThreadProfile, ctx: PageContext):
        self.nodes = nodes
        self.index = {node: i for i, node in enumerate(nodes)}
        self.profile = profile
        self.ctx = ctx
        self._local: tuple[etree._Element, DocIndex] | None = None

    def query(self, node: etree._Element, expr: str) -> list:
        """A relative XPath on one comment, through an index of that comment's own subtree
        (most candidates in a profile do not occur in a given comment: they then cost nothing)."""
        if not expr.startswith(".//"):
            return xpath(node, expr)
        if self.ctx.loaded is not None and not self.ctx.loaded.may_match(expr):
            return []  # nothing on the whole page has the class or attribute it looks for
        if not by_class_shape(expr):
            return xpath(node, expr)  # what the comment's index would do, without building it
        if self._local is None or self._local[0] is not node:
            self._local = (node, DocIndex(node, attributes=False))
        return self._local[1].select(expr)

    def owner(self, el: etree._Element) -> etree._Element | None:
        """The comment node an element belongs to (itself if it is one)."""
        if el in self.index:
            return el
        for anc in el.iterancestors():
            if anc in self.index:
                return anc
        return None

    def owns(self, node: etree._Element, el: etree._Element) -> bool:
        owner = self.owner(el)
        # Elements outside every comment (a `dd` body after its `dt`) belong to the node that asked.
        return owner is node or owner is None

    def _results(self, node: etree._Element, exprs: Iterable[str]) -> Iterable[list]:
        for expr in exprs:
            found = []
            for item in self.query(node, expr):
                el = item if isinstance(item, etree._Element) else getattr(item, "getparent", lambda: None)()
                if el is None or self.owns(node, el):
                    found.append(item)
            if found:
                yield found

    def first_string(self, node: etree._Element, exprs: Iterable[str]) -> str | None:
        for found in self._results(node, exprs):
            for item in found:
                value = item if isinstance(item, str) else inline_text(item)
                value = str(value).strip()
                if value and value != "#":
                    return value
        return None

    def strings(self, node: etree._Element, exprs: Iterable[str]) -> list[str]:
        out: list[str] = []
        for found in self._results(node, exprs):
            for item in found:
                value = str(item if isinstance(item, str) else inline_text(item)).strip()
                if value and value not in out:
                    out.append(value)
        return out

    def first_element(self, node: etree._Element, exprs: Iterable[str]) -> etree._Element | None:
        for found in self._results(node, exprs):
            for item in found:
                if isinstance(item, etree._Element):
                    return item
        return None

    def all_elements(self, node: etree._Element, exprs: Iterable[str]) -> list[etree._Element]:
        out: list[etree._Element] = []
        for expr in exprs:
            for item in self.query(node, expr):
                if isinstance(item, etree._Element) and self.owns(node, item):
                    out.append(item)
        return out

    def joined_text(self, node: etree._Element, exprs: Iterable[str]) -> str | None:
        for found in self._results(node, exprs):
            parts = [inline_text(item) if isinstance(item, etree._Element) else str(item) for item in found]
            text = " ".join(p.strip() for p in parts if p and p.strip())
            if text:
                return text
        return None


def _node_id(thread: _Thread, node: etree._Element, profile: ThreadProfile, position: int) -> str:
    raw = thread.first_string(node, profile.id)
    if raw:
        match = re.search(profile.id_pattern, raw)
        if match:
            return match.group(1)
    return f"n{position + 1}"


def _date(thread: _Thread, node: etree._Element, profile: ThreadProfile) -> tuple[str | None, str | None]:
    """(ISO, text as shown) for one node; machine dates win, the shown text is kept either way."""
    ctx = thread.ctx
    shown = thread.joined_text(node, profile.date_text)
    for found in thread._results(node, profile.date_machine):
        for item in found:
            iso = parse_machine_date(str(item))
            if iso:
                return iso, shown or str(item).strip()
    for found in thread._results(node, profile.date_url):
        for item in found:
            iso = show_comment_time(str(item))
            if iso:
                return iso, shown
    if shown:
        iso, original = parse_shown_date(shown, language=ctx.language, reference=ctx.reference)
        return iso, original
    return None, None


def _depth(node: etree._Element) -> int | None:
    for token in tokens(node):
        match = _DEPTH.match(token)
        if match:
            return int(match.group(1))
    return None


def _parents_from_depth(nodes: list[etree._Element]) -> list[int | None] | None:
    """Parent positions from `depth-N` classes, or None when they are missing or inconsistent."""
    depths = [_depth(node) for node in nodes]
    if not depths or any(d is None for d in depths) or depths[0] != 1:
        return None
    parents: list[int | None] = []
    stack: list[int] = []  # positions of the open ancestors, stack[k] at depth k+1
    for pos, depth in enumerate(depths):
        assert depth is not None
        if depth > len(stack) + 1:
            return None
        del stack[depth - 1:]
        parents.append(stack[-1] if stack else None)
        stack.append(pos)
    return parents


def _parents_from_nesting(thread: _Thread, reply_containers: frozenset[str]) -> list[int | None]:
    parents: list[int | None] = []
    for node in thread.nodes:
        parent: int | None = None
        for anc in node.iterancestors():
            if anc in thread.index:
                parent = thread.index[anc]
                break
            if reply_containers and tokens(anc) & reply_containers:
                for sib in anc.itersiblings(preceding=True):
                    if sib in thread.index:
                        parent = thread.index[sib]
                        break
                    if tokens(sib) & reply_containers:
                        continue  # several reply blocks in a row all follow the same comment
                    inner = [el for el in sib.iter() if el in thread.index]
                    if inner:
                        parent = thread.index[inner[0]]
                        break
                if parent is not None:
                    break
        parents.append(parent)
    return parents


def _ref_target(ref: str, position: dict[str, int], id_pattern: str) -> int | None:
    """The comment a reply marker names: by its whole value, by the element id in its fragment
    read through the profile's `id_pattern` (`#comment-1r1` names "1r1", which trailing digits
    would take for "1"), or by its trailing digits."""
    whole = ref.strip().lstrip("#")
    if whole in position:
        return position[whole]
    match = re.search(id_pattern, whole.rsplit("#", 1)[-1])
    if match and match.group(1) in position:
        return position[match.group(1)]
    match = re.search(r"(\d+)\s*$", whole)
    return position.get(match.group(1)) if match else None


def _parents_from_markers(thread: _Thread, ids: list[str], parents: list[int | None]) -> list[int | None]:
    """Fill parents that layout left open from explicit reply markers naming an earlier comment."""
    position = {cid: pos for pos, cid in enumerate(ids)}
    out = list(parents)
    for pos, node in enumerate(thread.nodes):
        if out[pos] is not None:
            continue
        ref = thread.first_string(node, thread.profile.parent_ref)
        if not ref:
            continue
        target = _ref_target(ref, position, thread.profile.id_pattern)
        if target is not None and target < pos:
            out[pos] = target
    thread._local = None
    return out


def _is_pingback(thread: _Thread, node: etree._Element, profile: ThreadProfile, text: str) -> bool:
    for expr in profile.pingback:
        if xpath(node, expr):
            return True
    if text.lower().startswith(PINGBACK_TEXT_PREFIXES):
        return True
    return any(pattern.match(text) for pattern in PINGBACK_TEXT_PATTERNS)


class _OtherNodes:
    """Membership in "every comment node but this one, or these extra elements", without copying
    the set of all nodes for each comment (that copy made a page of N comments cost N²)."""

    def __init__(self, nodes: dict[etree._Element, int], node: etree._Element, extra: set) -> None:
        self.nodes, self.node, self.extra = nodes, node, extra

    def __contains__(self, el: object) -> bool:
        return (el is not self.node and el in self.nodes) or el in self.extra

    def __iter__(self):  # noqa: ANN204 - Collection protocol; clean_text only tests membership
        yield from (n for n in self.nodes if n is not self.node)
        yield from self.extra

    def __len__(self) -> int:
        return len(self.nodes) - (self.node in self.nodes) + len(self.extra)


def _body(thread: _Thread, node: etree._Element, profile: ThreadProfile, extra_skip: set) -> str:
    body = thread.first_element(node, profile.text)
    extra = set(thread.all_elements(node, profile.drop)) | set(extra_skip)
    skip = _OtherNodes(thread.index, node, extra)
    if body is None:
        body = node
    return clean_text(body, skip=skip)


def _inline_replies(
    thread: _Thread, node: etree._Element, parent: ParsedComment, inline: ThreadProfile
) -> tuple[list[ParsedComment], set[etree._Element]]:
    """Owner answers printed inside a comment, as child comments."""
    replies: list[ParsedComment] = []
    elements: set[etree._Element] = set()
    for k, el in enumerate(thread.all_elements(node, inline.nodes)):
        elements.add(el)
        sub = _Thread([el], inline, thread.ctx)
        skip = set(sub.all_elements(el, inline.drop))
        text = clean_text(el, skip=skip)
        published, shown = _date(sub, el, inline)
        author = sub.first_string(el, inline.author)
        if not text and not author:
            continue
        replies.append(
            ParsedComment(
                id=f"{parent.id}-r{k + 1}",
                text=text,
                permalink=parent.permalink,
                author=author,
                author_url=absolute(thread.ctx.base, sub.first_string(el, inline.author_url)),
                published=published,
                published_text=shown,
                parent=parent.id,
            )
        )
    return replies, elements


def _detach(node: etree._Element) -> None:
    """Take a finished comment out of the tree (a placeholder keeps its tail text), so that
    lookups in the comment that encloses it no longer walk through it: without this, pages
    whose replies nest (or whose broken markup nests every comment in the one before) cost
    quadratic time."""
    parent = node.getparent()
    if parent is None:
        return
    placeholder = etree.Element("span")
    placeholder.tail = xml_safe(node.tail)
    parent.replace(node, placeholder)


def build_comments(
    nodes: list[etree._Element], profile: ThreadProfile, ctx: PageContext
) -> list[ParsedComment]:
    """One ParsedComment per node (plus inline owner replies), parents resolved.

    Nodes are read last to first and taken out of the tree once read (see `_detach`): the
    tree is modified, so callers read everything else they need first.
    """
    thread = _Thread(nodes, profile, ctx)
    parents = _parents_from_depth(nodes)
    if parents is None:
        parents = _parents_from_nesting(thread, profile.reply_containers)
    ids: list[str] = []
    seen_ids: set[str] = set()
    for pos, node in enumerate(nodes):
        cid = _node_id(thread, node, profile, pos)
        if cid in seen_ids:
            cid = f"{cid}-{pos + 1}"
        seen_ids.add(cid)
        ids.append(cid)
    thread._local = None  # indexes built above still hold nested comments
    if profile.parent_ref:
        parents = _parents_from_markers(thread, ids, parents)
    built: list[list[ParsedComment]] = [[] for _ in nodes]
    for pos in range(len(nodes) - 1, -1, -1):
        node = nodes[pos]
        published, shown = _date(thread, node, profile)
        if shown and published is None:
            ctx.warnings.append(f"line {node.sourceline}: comment {ids[pos]}: the date {shown!r} could not be read; "
                                "the comment is kept without one")
        permalink = absolute(ctx.base, thread.first_string(node, profile.permalink))
        comment = ParsedComment(
            id=ids[pos],
            text="",
            permalink=permalink,
            author=thread.first_string(node, profile.author),
            author_url=absolute(ctx.base, thread.first_string(node, profile.author_url)),
            published=published,
            published_text=shown,
            parent=ids[parents[pos]] if parents[pos] is not None else None,
            quotes=thread.strings(node, profile.quotes),
        )
        replies: list[ParsedComment] = []
        reply_elements: set[etree._Element] = set()
        if profile.inline_reply is not None:
            replies, reply_elements = _inline_replies(thread, node, comment, profile.inline_reply)
        comment.text = _body(thread, node, profile, reply_elements)
        comment.is_pingback = _is_pingback(thread, node, profile, comment.text)
        built[pos] = [comment, *replies]
        _detach(node)
    return [c for group in built for c in group]
