"""Streaming the records of a large XML export (WXR `item`s, Atom `entry`s) without losing the
good ones to a bad byte.

A strict pass yields records until the parser stops; if it stops early (a truncated download, an
invalid character), a problem names the line and the reason, and a recovery pass yields only
the records that *start after* the damage — the record the damage sits in is dropped, because a
half-read post stored over a good one would lose text. Every element is cleared once read.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .problems import IngestProblem

# Namespace URIs by the short names the readers use; the first substring that matches wins
# (the WXR excerpt namespace lives under the WXR one, so it comes first).
NAMESPACES: tuple[tuple[str, str], ...] = (
    ("/excerpt/", "excerpt"),
    ("wordpress.org/export/", "wp"),
    ("purl.org/rss/1.0/modules/content", "content"),
    ("purl.org/dc/elements", "dc"),
    ("www.w3.org/2005/Atom", "atom"),
    ("purl.org/syndication/thread", "thr"),
    ("purl.org/atom/app", "app"),
    ("www.w3.org/2007/app", "app"),
    ("schemas.google.com/blogger", "blogger"),
    ("schemas.google.com/g/2005", "gd"),
)


def short(tag: object) -> str:
    """`{https://wordpress.org/export/1.2/}post_id` -> `wp:post_id`; un-namespaced stays bare."""
    if not isinstance(tag, str):
        return ""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    for marker, prefix in NAMESPACES:
        if marker in uri:
            return f"{prefix}:{local}"
    return local


def child_text(el: etree._Element, name: str) -> str | None:
    """Text of the first direct child called `name` (short form), CDATA included."""
    for child in el:
        if short(child.tag) == name:
            return child.text if child.text is not None else ""
    return None


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in el if short(child.tag) == name]


def _is_damage(entry: object) -> bool:
    """A parser error that loses content. Undeclared namespace prefixes (Blogger exports use
    `app:` without declaring it) lose nothing: the element keeps its prefixed name."""
    return getattr(entry, "level", 0) >= 2 and getattr(entry, "domain_name", "") != "NAMESPACE"


class RecordStream:
    """Iterate `(name, element, line)` for each record named `record` (short form) in `path`,
    and for channel-level elements named in `header` (e.g. `wp:author`) as they end.

    The parser runs in recovery mode; a record is handed out only once the next one has
    started (or the document has ended), so that every parser error inside it is known: a record
    with damage in it (a truncated end, a bad byte) is dropped and reported in `self.problems`
    with its line, and the records around it still come through.
    """

    def __init__(self, path: Path, record: str, header: tuple[str, ...] = ()) -> None:
        self.path = path
        self.record = record
        self.header = header
        self.problems: list[IngestProblem] = []
        self.records = 0

    def _damage(self, log: object, start: int, end: int | None) -> list[object]:
        return [
            e for e in log  # type: ignore[attr-defined]
            if _is_damage(e) and e.line >= start and (end is None or e.line < end)
        ]

    def _last_line(self) -> int:
        with self.path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) + 1

    def _describe(self, error: object) -> str:
        message = (str(getattr(error, "message", error)).strip().splitlines() or [""])[0]
        low = message.lower()
        if "premature end" in low or "end of data" in low or getattr(error, "line", 0) >= self._last_line():
            return f"the file ends in the middle of the XML (truncated?): {message}"
        return f"malformed XML: {message}"

    def _report(self, errors: list[object], line: int) -> None:
        first = errors[0]
        reason = self._describe(first)
        self.problems.append(
            IngestProblem(str(self.path), f"{reason}; the {self.record} there was not read",
                          where=f"line {getattr(first, 'line', line)}")
        )

    def __iter__(self) -> Iterator[tuple[str, etree._Element, int]]:
        try:
            context = etree.iterparse(
                str(self.path), events=("start", "end"), recover=True, huge_tree=True,
                resolve_entities=False, no_network=True,
            )
        except OSError as exc:
            self.problems.append(IngestProblem(str(self.path), f"cannot read: {exc}", kind="file"))
            return
        pending: tuple[etree._Element, int] | None = None
        depth = 0
        seen_root = False

        def release(el: etree._Element, line: int, next_line: int | None) -> bool:
            errors = self._damage(context.error_log, line, next_line)
            if errors:
                self._report(errors, line)
                return False
            return True

        try:
            for event, el in context:
                name = short(el.tag)
                if event == "start":
                    seen_root = True
                    if name == self.record:
                        if depth == 0 and pending is not None:
                            prev, prev_line = pending
                            pending = None
                            if release(prev, prev_line, el.sourceline):
                                self.records += 1
                                yield self.record, prev, prev_line
                            self._drop(prev)
                        depth += 1
                    continue
                if name == self.record:
                    depth -= 1
                    if depth == 0:
                        pending = (el, el.sourceline or 0)
                elif name in self.header and depth == 0:
                    yield name, el, el.sourceline or 0
        except etree.XMLSyntaxError as exc:  # the recovering parser gave up as well
            self.problems.append(IngestProblem(str(self.path), f"malformed XML: {exc.msg}",
                                               where=f"line {exc.lineno}"))
        if pending is not None:
            prev, prev_line = pending
            if release(prev, prev_line, None):
                self.records += 1
                yield self.record, prev, prev_line
        if not seen_root or (self.records == 0 and not self.problems):
            errors = [e for e in context.error_log if _is_damage(e)]
            if errors or not seen_root:
                first = errors[0] if errors else None
                self.problems.append(IngestProblem(
                    str(self.path),
                    (self._describe(first) + f"; no {self.record} could be read") if first
                    else "not XML: no element found",
                    where=f"line {first.line}" if first else None, kind="file"))

    @staticmethod
    def _drop(el: etree._Element) -> None:
        el.clear(keep_tail=False)
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
