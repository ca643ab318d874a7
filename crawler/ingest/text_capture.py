"""Plain-text captures of a blog page (what "select all, copy" gives) as a post and its comments.

The shapes are in `text_grammar` (ordered tables); this module is only the walk: find the post's
date line and the title beside it, take the body up to the comment heading (or to chrome), then
read comment headers and texts, nesting replies by indentation. Without `--url` a capture is
stored at `capture://<file-stem>/`, and its comments get ids derived from that address, their
position, author and date, so ingesting the same file again updates the same documents.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError
from ..thread import ParsedComment, ParsedPage, ParsedPost
from . import text_grammar as g
from .pingbacks import looks_like_pingback
from ..compressed import CompressedError, read_file
from .problems import IngestProblem
from .urls import capture_url

# How far down the post's date line may sit (site name, menus and the title come first).
META_SEARCH_LINES = 60


@dataclass
class _Header:
    line: int
    next_line: int
    indent: int
    author: str | None
    date: tuple[str | None, str] | None
    number: str | None = None


@dataclass
class _Block:
    header: _Header
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, line: str) -> None:
        self.paragraphs[-1].append(g.strip_line(line))

    def paragraph_break(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def text(self) -> str:
        return _join(self.paragraphs)


def _join(paragraphs: list[list[str]]) -> str:
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _blank(line: str) -> bool:
    return not g.strip_line(line)


def _next_content(lines: list[str], i: int, limit: int = 2) -> int | None:
    """Index of the next non-blank line after `i`, if at most `limit` blank lines lie between."""
    j = i + 1
    gap = 0
    while j < len(lines) and _blank(lines[j]):
        j += 1
        gap += 1
    if j >= len(lines) or gap > limit:
        return None
    return j


def _date_on_next_line(lines: list[str], i: int) -> tuple[tuple[str | None, str], int] | None:
    j = _next_content(lines, i, limit=1)
    if j is None:
        return None
    text = g.strip_line(lines[j])
    if g.COMMENT_HEADERS[0].pattern.fullmatch(text):  # "2. September …" is the next comment
        return None
    date = g.parse_date(text)
    return (date, j + 1) if date else None


def _plausible_author(text: str | None) -> bool:
    """Short, and not a sentence: no closing punctuation, and a full stop only where a name has
    one (an initial, "Dr.", "Jr.": `text_grammar.full_stops_fit_a_name`)."""
    if not text:
        return False
    words = text.split()
    return (0 < len(words) <= 6 and len(text) <= 60 and not text.endswith(("?", "!", ":", ";", ","))
            and g.full_stops_fit_a_name(text))


def _header_at(lines: list[str], i: int, in_section: bool) -> _Header | None:
    """The comment header starting at line `i`, trying COMMENT_HEADERS in order."""
    raw = lines[i]
    text = g.strip_line(raw)
    if g.is_chrome(text) or g.starts_chrome_zone(text):
        return None
    after_blank = i == 0 or _blank(lines[i - 1]) or g.section_heading(lines[i - 1]) is not False
    for shape in g.COMMENT_HEADERS:
        if shape.needs_section and not in_section:
            continue
        match = shape.pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        number = groups.get("num")
        author: str | None
        date: tuple[str | None, str] | None = None
        if "rest" in groups and groups["rest"] is not None:
            rest = groups["rest"]
            date = g.parse_date(rest)
            author = None if date else rest
            if date is None:
                for inner in g.COMMENT_HEADERS[1:-1]:
                    sub = inner.pattern.fullmatch(rest)
                    if sub and (d := g.parse_date(sub.group("date") or "")):
                        author, date = sub.group("author"), d
                        break
        else:
            author = groups.get("author")
            date = g.parse_date(groups.get("date") or "") if groups.get("date") else None
        author = g.clean_author(author)
        if author and g.parse_date(author):
            author, date = None, date or g.parse_date(text)
        next_line = i + 1
        if date is None:
            found = _date_on_next_line(lines, i)
            if found is None:
                continue
            date, next_line = found
        if shape.name == "author-line" and (not after_blank or not _plausible_author(author)):
            continue
        if author is not None and not _plausible_author(author) and shape.name != "numbered":
            continue
        return _Header(i, next_line, _indent(raw), author, date, number)
    if in_section and (date := g.parse_date(text)):
        return _Header(i, i + 1, _indent(raw), None, date)
    return None


def _find_meta(lines: list[str]) -> tuple[int, tuple[str | None, str], str | None]:
    seen = 0
    for i, line in enumerate(lines):
        if _blank(line) or g.is_chrome(line):
            continue
        seen += 1
        if seen > META_SEARCH_LINES or g.section_heading(line) not in (False, True):
            break
        meta = g.post_meta(line)
        if meta is not None:
            return i, meta[0], meta[1]
    raise ParseError("", "no date line near the top: this does not look like a capture of a post")


def _title_like(text: str) -> bool:
    return len(text.split()) <= 20 and not text.rstrip().endswith((".", "!", "?", ":", ";", ","))


def _title(lines: list[str], meta_line: int) -> tuple[str | None, int]:
    """(title, first body line). Most themes print the title above the date; some print the
    date first, and then the line above it is the site's name at the very top of the capture:
    so the line below wins when the line above is the capture's first and the line below looks
    like a title (short, no sentence punctuation) rather than the first sentence of the body."""
    above = next((j for j in range(meta_line - 1, max(-1, meta_line - 6), -1)
                  if not _blank(lines[j]) and not g.is_chrome(lines[j])), None)
    below = _next_content(lines, meta_line, limit=3)
    first_content = next((j for j, line in enumerate(lines) if not _blank(line) and not g.is_chrome(line)), None)
    if below is not None and (above is None or (above == first_content and _title_like(g.strip_line(lines[below])))):
        return g.strip_line(lines[below]), below + 1
    if above is not None:
        return g.strip_line(lines[above]), meta_line + 1
    return None, meta_line + 1


def parse_capture(text: str, url: str, *, source: str) -> ParsedPage:
    """One capture -> ParsedPage; ParseError(source, reason) when no post can be found."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        meta_line, (post_iso, post_shown), post_author = _find_meta(lines)
    except ParseError as exc:
        raise ParseError(source, exc.reason) from None
    title, body_start = _title(lines, meta_line)
    warnings: list[str] = []
    if post_iso is None:
        warnings.append(f"line {meta_line + 1}: the post's date {post_shown!r} could not be read; "
                        "the post is kept without one")

    # Body: up to the comment heading, the first unmistakable comment header, or chrome.
    body: list[list[str]] = [[]]
    i = body_start
    expected: int | None = None
    in_section = False
    while i < len(lines):
        line = lines[i]
        heading = g.section_heading(line)
        if heading is not False:
            in_section = True
            expected = heading if heading is not True else None
            i += 1
            break
        if g.starts_chrome_zone(line) or _header_at(lines, i, in_section=False):
            break
        if _blank(line):
            if body[-1]:
                body.append([])
        elif not g.is_chrome(line):
            body[-1].append(g.strip_line(line))
        i += 1

    blocks = list(_comment_blocks(lines, i, in_section))
    comments = _comments(blocks, url)
    warnings += [f"line {b.header.next_line}: the comment's date {b.header.date[1]!r} could not be read; "
                 "the comment is kept without one"
                 for b in blocks if b.header.date is not None and b.header.date[0] is None]
    if expected is not None and expected != len(comments):
        warnings.append(f"the heading announces {expected} comments; {len(comments)} were read")
    post = ParsedPost(
        url=url,
        text=_join(body),
        title=" ".join(title.split()) if title else None,  # a title's no-break spaces are layout
        author=g.clean_author(post_author),
        published=post_iso,
        published_text=post_shown,
    )
    return ParsedPage(url=url, platform="capture", post=post, comments=comments, warnings=warnings)


def _comment_blocks(lines: list[str], start: int, in_section: bool) -> Iterator[_Block]:
    current: _Block | None = None
    in_zone = False
    i = start
    while i < len(lines):
        line = lines[i]
        if _blank(line):
            if current is not None:
                current.paragraph_break()
            i += 1
            continue
        heading = g.section_heading(line)
        if heading is not False and (heading is not True or in_zone or current is None):
            in_section, in_zone = True, False
            i += 1
            continue
        header = _header_at(lines, i, in_section)
        if header is not None:
            if current is not None:
                yield current
            current, in_zone, in_section = _Block(header), False, True
            i = header.next_line
            continue
        if g.starts_chrome_zone(line):
            if current is not None:
                yield current
            current, in_zone = None, True
        elif not in_zone and not g.is_chrome(line) and current is not None:
            current.add(line)
        i += 1
    if current is not None:
        yield current


def _comments(blocks: list[_Block], url: str) -> list[ParsedComment]:
    out: list[ParsedComment] = []
    stack: list[tuple[int, str]] = []  # (indent, id) of the open ancestors
    for position, block in enumerate(blocks, start=1):
        head = block.header
        iso, shown = head.date or (None, None)
        key = "\x1f".join((url, str(position), head.author or "", shown or ""))
        cid = "tc" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        while stack and stack[-1][0] >= head.indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((head.indent, cid))
        text = block.text()
        out.append(
            ParsedComment(
                id=cid,
                text=text,
                author=head.author,
                published=iso,
                published_text=shown,
                parent=parent,
                is_pingback=looks_like_pingback(text),
            )
        )
    return out


def decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(path: Path, *, url: str | None = None, fallback: str | None = None) -> Iterator[ParsedPage | IngestProblem]:
    source = str(path)
    try:
        text = decode_text(read_file(path))
        yield parse_capture(text, url or capture_url(path, fallback), source=source)
    except ParseError as exc:
        yield IngestProblem(source, exc.reason, kind="file")
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}", kind="file")
    except CompressedError as exc:
        yield IngestProblem(source, str(exc), kind="file")
