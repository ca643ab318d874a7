"""The whole-life overview axis: every event of one entity on one SVG, in lanes by predicate family.

    from reconcile.axis import render_axis, axis_marks, AXIS_CSS, AXIS_JS, csp_hash

`render_axis(events)` takes the `events` of one entity in the timeline JSON (DESIGN.md, "Timeline
JSON"; `reconcile.timeline.build_timeline`) and returns self-contained SVG markup to put in an
HTML page; `axis_marks(events)` is the same reading as data, for a page that draws it itself.
The static export and `claimline serve` draw the same axis from here, so an analyst reads one
picture whichever way they opened it.

How a time is drawn follows its EDTF shape (`reconcile.export.when.parse`), never its words:
- a span (`2004/2008`) is a solid bar;
- a state whose start or end is unknown (`../1992`, `2011/..`) is a bar that fades out on the
  unknown side, with a dashed line running on to the edge;
- one event at an unknown moment of a range (`[..1997]`, `[2004..2008]`) is a dashed range with
  brackets at its known ends, never a bar (nothing held for that long);
- a date (`1956`, `2001-10-16`) is a dot; an approximate or uncertain one (`2001-10-16~`, `1997?`)
  is a hollow dot with a whisker as wide as the `edtf` package's fuzzy padding for its grain;
- a set is a dot per member: `{1978,1981}` (all of them) solid dots, `[1978,1981]` (one of them)
  hollow dots on a dotted line.
Conflicts a reviewer has not dismissed are marked in red: the marks, a triangle on the ruler above
each, and a line between the two sides.

Safety: every text that came from a page (names, labels, words) passes through `html.escape`
and is only ever SVG text or a `<title>`; the markup carries no script, no style attribute and no
event handler, so a page can keep a strict Content-Security-Policy. Zoom and pan are `AXIS_JS`,
a small script the page includes once (allow it with `csp_hash(AXIS_JS)`); without it the axis
is a still picture of the whole life.
"""
from __future__ import annotations

import base64
import hashlib
import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from dateutil.relativedelta import relativedelta
from edtf import appsettings as edtf_settings

from reconcile.export.when import DatePart, When, in_words, parse
from reconcile.timex.edtf_check import fast_bounds

# ---- lanes ---------------------------------------------------------------------------------

LANES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("life", "Life", frozenset({"born", "died"})),
    ("offices", "Offices", frozenset({"position_held", "rank", "awarded"})),
    ("allegiances", "Allegiances", frozenset({"member_of", "defected_to"})),
    ("detentions", "Detentions", frozenset({"detained", "released"})),
    ("places", "Places", frozenset({"located_in", "traveled_to"})),
    ("education", "Education", frozenset({"educated_at"})),
    ("family", "Family", frozenset({"family"})),
    ("other", "Other", frozenset()),
)
LANE_TITLES = {key: title for key, title, _ in LANES}
_LANE_OF = {pred: key for key, _, preds in LANES for pred in preds}


def lane_of(predicate: str) -> str:
    """The lane (predicate family) a predicate is drawn in; `other` for `said`, `statement`, ..."""
    return _LANE_OF.get(predicate, "other")


# ---- reading an event's time -----------------------------------------------------------------

Extent = tuple[float, float]
"""Fractional years [start, end): 1997.0 is 1 Jan 1997, 1998.0 the end of 31 Dec 1997."""


def year_fraction(d: date) -> float:
    """`d` (its start) as a fractional year."""
    start = date(d.year, 1, 1).toordinal()
    length = (date(d.year + 1, 1, 1).toordinal() if d.year < 9999 else start + 365) - start
    return d.year + (d.toordinal() - start) / length


def _day_extent(lo: date, hi: date) -> Extent:
    """The days lo..hi inclusive as an extent."""
    end = year_fraction(hi) + (1 / 366 if hi.year % 4 == 0 else 1 / 365)
    return year_fraction(lo), end


def _part_text(part: DatePart) -> str:
    if part.decade_digits:
        return f"{part.year:04d}"[: 4 - part.decade_digits] + "X" * part.decade_digits
    text = f"{part.year:04d}"
    if part.month is not None:
        text += f"-{part.month:02d}"
        if part.day is not None:
            text += f"-{part.day:02d}"
    return text


@lru_cache(maxsize=8192)
def part_extent(part: DatePart) -> Extent | None:
    """The days one EDTF date covers (1997: the whole year), read by `reconcile.timex`."""
    try:
        lo, hi = fast_bounds(_part_text(part))
    except ValueError:
        return None
    if lo is None or hi is None:
        return None
    return _day_extent(lo, hi)


def _grain_padding(part: DatePart) -> relativedelta:
    """The `edtf` package's fuzzy padding for a date of this grain (its `appsettings`)."""
    if part.decade_digits == 2:
        pad = edtf_settings.PADDING_CENTURY_PRECISION
    elif part.decade_digits == 1:
        pad = edtf_settings.PADDING_DECADE_PRECISION
    elif part.is_subyear:
        pad = edtf_settings.PADDING_SEASON_PRECISION
    elif part.day is not None:
        pad = edtf_settings.PADDING_DAY_PRECISION
    elif part.month is not None:
        pad = edtf_settings.PADDING_MONTH_PRECISION
    else:
        pad = edtf_settings.PADDING_YEAR_PRECISION
    if part.approximate and part.uncertain:
        factor = edtf_settings.MULTIPLIER_IF_BOTH
    elif part.uncertain:
        factor = edtf_settings.MULTIPLIER_IF_UNCERTAIN
    else:
        factor = edtf_settings.MULTIPLIER_IF_APPROXIMATE
    return pad * factor


@lru_cache(maxsize=8192)
def fuzzy_extent(part: DatePart) -> Extent | None:
    """Where an approximate or uncertain date may really lie: its days widened on both sides by
    the `edtf` package's padding for its grain, times its multiplier (`1997~`: 1996 to 1998, as
    the package's `lower_fuzzy`/`upper_fuzzy` say). The package itself pads a day-grain date by a
    year, a month and a day together, which would draw "around 16 Oct 2001" two years wide; the
    axis takes the grain's own padding (a day), kept visible by a minimum whisker width."""
    try:
        lo, hi = fast_bounds(_part_text(part))
    except ValueError:
        return None
    if lo is None or hi is None:
        return None
    pad = _grain_padding(part)
    try:
        return _day_extent(lo - pad, hi + pad)
    except (OverflowError, ValueError):
        return _day_extent(lo, hi)


def _iso_extent(earliest: str | None, latest: str | None) -> tuple[float | None, float | None]:
    lo = year_fraction(date.fromisoformat(earliest[:10])) if earliest else None
    hi = _day_extent(date.fromisoformat(latest[:10]), date.fromisoformat(latest[:10]))[1] if latest else None
    return lo, hi


# ---- marks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One event as the axis draws it.

    `kind` is the EDTF shape (`point`, `span`, `until`, `since`, `before`, `after`, `between`,
    `one_of`, `all_of`) or `undated`. `start`/`end` are the known ends in fractional years (None
    where open or unknown); `members` the extents of a set's dates (or of the one date of a
    point); `fuzz` where an approximate date may lie.
    """

    claim_id: int
    lane: str
    label: str
    words: str
    edtf: str | None
    kind: str
    start: float | None
    end: float | None
    members: tuple[Extent, ...] = ()
    fuzz: Extent | None = None
    approximate: bool = False
    uncertain: bool = False
    modality: str = "asserted"
    conflicts: tuple[int, ...] = ()

    @property
    def open_start(self) -> bool:
        return self.kind in ("until", "before")

    @property
    def open_end(self) -> bool:
        return self.kind in ("since", "after")

    @property
    def dated(self) -> bool:
        return self.kind != "undated"

    def known(self) -> list[float]:
        """Every known position of the mark, for the domain."""
        out = [x for x in (self.start, self.end) if x is not None]
        for a, b in self.members:
            out += [a, b]
        if self.fuzz:
            out += list(self.fuzz)
        return out


def _label(event: Mapping[str, Any]) -> str:
    label = str(event.get("predicate") or "").replace("_", " ")
    obj = (event.get("object") or {}).get("name")
    return f"{label}: {obj}" if obj else label


def _shape_fields(shape: When) -> dict[str, Any] | None:
    """start/end/members/fuzz of a parsed EDTF shape, or None if a date would not read."""
    kind = shape.kind
    if kind in ("one_of", "all_of"):
        members = [part_extent(p) for p in shape.members]
        if any(m is None for m in members):
            return None
        ext = [m for m in members if m is not None]
        return {"start": min(a for a, _ in ext), "end": max(b for _, b in ext), "members": tuple(ext)}
    first = part_extent(shape.start) if shape.start else None
    last = part_extent(shape.end) if shape.end else None
    if (shape.start and first is None) or (shape.end and last is None):
        return None
    if kind == "point":
        assert first is not None and shape.start is not None
        qualified = shape.start.approximate or shape.start.uncertain
        fuzz = fuzzy_extent(shape.start) if qualified and not shape.start.decade_digits else None
        return {"start": first[0], "end": first[1], "members": (first,), "fuzz": fuzz}
    return {
        "start": first[0] if first else None,
        "end": last[1] if last else None,
        "members": (),
    }


@lru_cache(maxsize=8192)
def _cached_fields(shape: When) -> dict[str, Any] | None:
    """A shape's Mark fields (kind, qualifiers, start, end, members, fuzz), once per shape (the
    shapes are frozen, and a long life repeats its dates); callers copy, never change, it."""
    fields = _shape_fields(shape)
    if fields is None:
        return None
    parts = [p for p in (shape.start, shape.end, *shape.members) if p is not None]
    return {"kind": shape.kind, "approximate": shape.approximate,
            "uncertain": any(p.uncertain for p in parts), **fields}


def mark_of(event: Mapping[str, Any], conflicts: Iterable[int] = ()) -> Mark:
    """How the axis draws one timeline event."""
    when = event.get("when") or {}
    edtf = when.get("edtf")
    shape = parse(edtf)
    fields = _cached_fields(shape) if shape else None
    base = {
        "claim_id": int(event["claim_id"]),
        "lane": lane_of(str(event.get("predicate") or "")),
        "label": _label(event),
        "words": in_words(edtf, when.get("text")),
        "edtf": edtf,
        "modality": str(event.get("modality") or "asserted"),
        "conflicts": tuple(sorted(set(conflicts))),
    }
    if shape is not None and fields is not None:
        return Mark(**base, **fields)
    # An EDTF the shapes do not cover: the stored bounds, drawn as a span (open where missing).
    lo, hi = _iso_extent(when.get("earliest"), when.get("latest"))
    if lo is None and hi is None:
        return Mark(kind="undated", start=None, end=None, **base)
    kind = "span" if lo is not None and hi is not None else ("until" if lo is None else "since")
    return Mark(kind=kind, start=lo, end=hi, **base)


def conflict_pairs(events: list[Mapping[str, Any]]) -> dict[int, set[int]]:
    """Event claim id -> the claim ids of the events it conflicts with (links a reviewer has not
    dismissed). A link may name any claim of the other event's statement, so it is mapped to the
    event that carries that claim as a source."""
    owner: dict[int, int] = {}
    for event in events:
        cid = int(event["claim_id"])
        owner[cid] = cid
        for source in event.get("sources") or ():
            if source.get("claim_id") is not None:
                owner.setdefault(int(source["claim_id"]), cid)
    out: dict[int, set[int]] = {}
    for event in events:
        cid = int(event["claim_id"])
        for link in event.get("links") or ():
            if link.get("type") != "conflicts" or link.get("status") == "dismissed":
                continue
            other = owner.get(int(link["claim_id"]))
            if other is None or other == cid:
                continue
            out.setdefault(cid, set()).add(other)
            out.setdefault(other, set()).add(cid)
    return out


def axis_marks(events: Iterable[Mapping[str, Any]]) -> list[Mark]:
    """Every event as a mark, in the events' order, conflicts resolved to the events' claim ids."""
    listed = list(events)
    pairs = conflict_pairs(listed)
    return [mark_of(e, pairs.get(int(e["claim_id"]), ())) for e in listed]


# ---- geometry --------------------------------------------------------------------------------

TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MAX_TICKS = 10
GUTTER = 112  # px for the lane titles
RIGHT = 16
RULER = 34  # px: tick labels and the conflict triangles
ROW = 20  # px per row within a lane
LANE_PAD = 6
MAX_ROWS = 12  # rows per lane; more marks than that overlap, without their labels
LABEL_CHARS = 30
CHAR_PX = 6.4  # approximate width of a label character at the axis's 11px font
WHISKER_PX = 18  # the least width of an approximate date's whisker, so that it can be seen


def domain(marks: Iterable[Mark]) -> tuple[float, float]:
    """The years the axis shows: every known position, padded, on whole years."""
    points = [x for m in marks for x in m.known()]
    if not points:
        today = date.today().year
        return float(today - 10), float(today + 1)
    lo, hi = min(points), max(points)
    pad = max(1.0, (hi - lo) * 0.05)
    return float(math.floor(lo - pad)), float(math.ceil(hi + pad))


def open_reach(lo: float, hi: float) -> float:
    """How far (years) a bar with an unknown end runs before it fades out."""
    return max(3.0, (hi - lo) * 0.1)


def ticks(lo: float, hi: float, max_ticks: int = MAX_TICKS) -> list[int]:
    span = max(hi - lo, 1e-9)
    step = next((s for s in TICK_STEPS if span / s <= max_ticks), TICK_STEPS[-1])
    first = math.ceil(lo / step) * step
    return list(range(int(first), int(math.floor(hi)) + 1, step))


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    x0: float
    x1: float

    def __call__(self, year: float) -> float:
        return self.x0 + (year - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _reach(mark: Mark, lo: float, hi: float) -> tuple[float, float]:
    """The years a mark covers on the axis, an unknown end running on by `open_reach`."""
    reach = open_reach(lo, hi)
    start, end = mark.start, mark.end
    if mark.fuzz:
        start, end = min(mark.fuzz[0], start or mark.fuzz[0]), max(mark.fuzz[1], end or mark.fuzz[1])
    if start is None and end is not None:
        start = max(lo, end - reach)
    if end is None and start is not None:
        end = min(hi, start + reach)
    assert start is not None and end is not None
    return start, end


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _label_place(mark: Mark, scale: _Scale, reach: tuple[float, float] | None = None) -> tuple[float, float, bool]:
    """(year, dx px, on the left) for a mark's label: after the mark, or before it where it
    would run past the right edge. `reach`: the mark's `_reach`, when known."""
    a, b = reach or _reach(mark, scale.lo, scale.hi)
    width = CHAR_PX * len(_short(mark.label))
    gap = 7.0 + (WHISKER_PX / 2 if mark.fuzz else 0.0)
    if scale(b) + gap + width <= scale.x1 + RIGHT - 2:
        return b, gap, False
    return a, -gap, True


def _pack(marks: list[Mark], scale: _Scale) -> dict[int, tuple[int, bool]]:
    """Mark index -> (row, labelled): greedy interval packing, label width included, in px at the
    whole-life scale (zooming in only spreads marks apart, so nothing packed here overlaps later)."""
    placed: dict[int, tuple[int, bool]] = {}
    ends: list[float] = []
    spans: list[tuple[float, float, float]] = []  # (left with label, right with label, right bare)
    for mark in marks:
        a, b = _reach(mark, scale.lo, scale.hi)
        left, right = scale(a) - 5, max(scale(b), scale(a) + 6) + 6
        _, _, on_left = _label_place(mark, scale, (a, b))
        width = CHAR_PX * len(_short(mark.label)) + 8 + (WHISKER_PX / 2 if mark.fuzz else 0)
        spans.append((left - width, right, right) if on_left else (left, right + width, right))
    for i in sorted(range(len(marks)), key=lambda k: spans[k][0]):
        left, right, bare = spans[i]
        for row, end in enumerate(ends):
            if end <= left:
                ends[row] = right
                placed[i] = (row, True)
                break
        else:
            if len(ends) < MAX_ROWS:
                ends.append(right)
                placed[i] = (len(ends) - 1, True)
            else:
                row = min(range(len(ends)), key=lambda r: ends[r])
                ends[row] = max(ends[row], bare)
                placed[i] = (row, False)
    return placed


# ---- SVG -------------------------------------------------------------------------------------

_ASSETS = resources.files("reconcile")
AXIS_JS: str = _ASSETS.joinpath("axis.js").read_text(encoding="utf-8")
"""Zoom and pan for every `svg.cl-axis` on the page: include once, allow with `csp_hash`."""
AXIS_CSS: str = _ASSETS.joinpath("axis.css").read_text(encoding="utf-8")
"""How the axis looks: include once in the page's stylesheet."""


def csp_hash(text: str) -> str:
    """The CSP source expression (`'sha256-...'`) that allows exactly this script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Cached: a life of a thousand marks repeats its years, positions and labels many times.
@lru_cache(maxsize=65536)
def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=65536)
def _y(year: float) -> str:
    """A year position for the script's data attributes (enough digits for a day)."""
    return f"{year:.5f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=16384)
def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _esc(text: object) -> str:
    return _escaped(str(text))


class _Svg:
    """Markup pieces for one mark; every element the script moves carries its years in
    `data-a`/`data-b` and how to move it in `data-k` (r: rect, c: circle, l: line, t: text,
    g: translate)."""

    def __init__(self, scale: _Scale) -> None:
        self.s = scale
        self.out: list[str] = []

    def rect(self, a: float, b: float, y: float, h: float, cls: str, fill: str | None = None) -> None:
        x0, x1 = self.s(a), self.s(b)
        paint = f' fill="{fill}"' if fill else ""
        self.out.append(
            f'<rect class="{cls}" data-k="r" data-a="{_y(a)}" data-b="{_y(b)}" x="{_f(x0)}" '
            f'y="{_f(y)}" width="{_f(max(x1 - x0, 2))}" height="{_f(h)}"{paint}/>'
        )

    def dot(self, a: float, y: float, r: float, cls: str) -> None:
        self.out.append(
            f'<circle class="{cls}" data-k="c" data-a="{_y(a)}" cx="{_f(self.s(a))}" cy="{_f(y)}" r="{_f(r)}"/>'
        )

    def line(self, a: float, b: float, y0: float, y1: float, cls: str, min_px: float = 0) -> None:
        """A line from year a to b; `min_px` keeps it at least that wide around its middle."""
        x0, x1 = self.s(a), self.s(b)
        grow = f' data-m="{_f(min_px)}"' if min_px else ""
        if x1 - x0 < min_px:
            mid = (x0 + x1) / 2
            x0, x1 = mid - min_px / 2, mid + min_px / 2
        self.out.append(
            f'<line class="{cls}" data-k="l" data-a="{_y(a)}" data-b="{_y(b)}"{grow} x1="{_f(x0)}" '
            f'y1="{_f(y0)}" x2="{_f(x1)}" y2="{_f(y1)}"/>'
        )

    def bracket(self, a: float, y: float, side: int) -> None:
        """`[` (side 1, opening) or `]` (side -1) at year a."""
        d = f"M{3 * side},-6 h{-3 * side} v12 h{3 * side}"
        self.out.append(
            f'<path class="bracket" data-k="g" data-a="{_y(a)}" data-y="{_f(y)}" d="{d}" '
            f'transform="translate({_f(self.s(a))},{_f(y)})"/>'
        )

    def text(self, a: float, y: float, body: str, cls: str, dx: float = 0) -> None:
        self.out.append(
            f'<text class="{cls}" data-k="t" data-a="{_y(a)}" data-dx="{_f(dx)}" '
            f'x="{_f(self.s(a) + dx)}" y="{_f(y)}">{_esc(body)}</text>'
        )


def _draw(mark: Mark, y: float, labelled: bool, uid: str, scale: _Scale, href: str | None) -> str:
    svg = _Svg(scale)
    lo, hi = scale.lo, scale.hi
    reach = open_reach(lo, hi)
    kind = mark.kind
    h = 8.0
    if kind == "span" and mark.start is not None and mark.end is not None:
        svg.rect(mark.start, mark.end, y - h / 2, h, "bar" + (" approx" if mark.approximate else ""))
    elif kind in ("until", "since"):
        if kind == "until" and mark.end is not None:
            a = max(lo, mark.end - reach)
            svg.line(lo, a, y, y, "open-run")
            svg.rect(a, mark.end, y - h / 2, h, "bar open", f"url(#{uid}-fade-l)")
        elif mark.start is not None:
            b = min(hi, mark.start + reach)
            svg.rect(mark.start, b, y - h / 2, h, "bar open", f"url(#{uid}-fade-r)")
            svg.line(b, hi, y, y, "open-run")
    elif kind in ("before", "after", "between"):
        a = mark.start if mark.start is not None else max(lo, (mark.end or lo) - reach)
        b = mark.end if mark.end is not None else min(hi, (mark.start or hi) + reach)
        svg.line(a, b, y, y, "range")
        if mark.start is None:
            svg.line(lo, a, y, y, "open-run")
        else:
            svg.bracket(mark.start, y, 1)
        if mark.end is None:
            svg.line(b, hi, y, y, "open-run")
        else:
            svg.bracket(mark.end, y, -1)
    elif kind in ("point", "one_of", "all_of"):
        members = mark.members or ((mark.start or lo, mark.end or lo),)
        centres = [(a + b) / 2 for a, b in members]
        if len(centres) > 1:
            svg.line(min(centres), max(centres), y, y, "set-line" + (" one-of" if kind == "one_of" else ""))
        if mark.fuzz:
            svg.line(mark.fuzz[0], mark.fuzz[1], y, y, "whisker", min_px=WHISKER_PX)
        hollow = kind == "one_of" or mark.approximate or mark.uncertain
        for (a, b), c in zip(members, centres, strict=True):
            if b - a > 1.5:  # a decade or a century: the years it covers, faintly
                svg.rect(a, b, y - h / 2, h, "bar coarse")
            svg.dot(c, y, 4.5, "dot" + (" hollow" if hollow else ""))
    if labelled:
        at, dx, on_left = _label_place(mark, scale)
        svg.text(at, y + 4, _short(mark.label), "label left" if on_left else "label", dx=dx)
    classes = ["mark", f"kind-{kind}", f"modality-{_esc(mark.modality)}"]
    if mark.conflicts:
        classes.append("conflict")
    if mark.approximate:
        classes.append("approximate")
    tip = f"{mark.label} — {mark.words}" + (f" (EDTF {mark.edtf})" if mark.edtf else "")
    if mark.modality != "asserted":
        tip += f" · {mark.modality}"
    if mark.conflicts:
        tip += " · sources disagree: claim " + ", ".join(str(c) for c in mark.conflicts)
    body = f"<title>{_esc(tip)}</title>" + "".join(svg.out)
    if href:
        body = f'<a href="{_esc(href)}">{body}</a>'
    return (
        f'<g class="{" ".join(classes)}" data-claim="{mark.claim_id}" data-lane="{mark.lane}" '
        f'data-kind="{kind}">{body}</g>'
    )


def _anchor_x(mark: Mark, lo: float, hi: float) -> float:
    """Where a conflict is marked on the ruler: the mark's middle (or its known end)."""
    a, b = _reach(mark, lo, hi)
    return (a + b) / 2


def _defs(uid: str, x0: float, x1: float, height: float) -> str:
    return (
        "<defs>"
        f'<linearGradient id="{uid}-fade-l" x1="0" x2="1" y1="0" y2="0">'
        '<stop offset="0" stop-color="#2f6fb3" stop-opacity="0"/>'
        '<stop offset="0.8" stop-color="#2f6fb3" stop-opacity="1"/></linearGradient>'
        f'<linearGradient id="{uid}-fade-r" x1="0" x2="1" y1="0" y2="0">'
        '<stop offset="0.2" stop-color="#2f6fb3" stop-opacity="1"/>'
        '<stop offset="1" stop-color="#2f6fb3" stop-opacity="0"/></linearGradient>'
        f'<clipPath id="{uid}-clip"><rect x="{_f(x0 - 6)}" y="0" width="{_f(x1 - x0 + 12)}" '
        f'height="{_f(height)}"/></clipPath>'
        "</defs>"
    )


def render_axis(
    events: Iterable[Mapping[str, Any]],
    *,
    uid: str = "axis",
    width: int = 1000,
    title: str = "",
    href: Callable[[int], str | None] | None = lambda claim_id: f"#claim-{claim_id}",
) -> str:
    """One entity's whole life as an `<svg class="cl-axis">` element (markup to embed in HTML).

    `events` are timeline JSON events; `uid` makes the element's ids unique on a page with
    several axes; `href(claim_id)` is where a click on a mark goes (None: nowhere). Lanes with no
    events are left out; undated events are counted beside their lane's title.
    """
    marks = axis_marks(events)
    uid = "".join(ch for ch in uid if ch.isalnum() or ch in "-_") or "axis"
    lo, hi = domain(m for m in marks if m.dated)
    scale = _Scale(lo, hi, GUTTER, width - RIGHT)
    lanes: dict[str, list[Mark]] = {}
    undated: dict[str, int] = {}
    for mark in marks:
        if mark.dated:
            lanes.setdefault(mark.lane, []).append(mark)
        else:
            undated[mark.lane] = undated.get(mark.lane, 0) + 1
    parts: list[str] = []
    y = float(RULER + 4)
    positions: dict[int, tuple[Mark, float]] = {}
    for key, name, _ in LANES:
        if key not in lanes and key not in undated:
            continue
        lane_marks = lanes.get(key, [])
        packed = _pack(lane_marks, scale)
        rows = max((r for r, _ in packed.values()), default=0) + 1
        height = rows * ROW + 2 * LANE_PAD
        parts.append(
            f'<g class="lane" data-lane="{key}">'
            f'<rect class="lane-bg" x="0" y="{_f(y)}" width="{width}" height="{_f(height)}"/>'
            f'<text class="lane-title" x="8" y="{_f(y + LANE_PAD + ROW / 2 + 4)}">{_esc(name)}</text>'
        )
        if undated.get(key):
            parts.append(
                f'<text class="undated" x="8" y="{_f(y + LANE_PAD + ROW / 2 + 17)}">'
                f"+{undated[key]} undated</text>"
            )
        parts.append(f'<g class="marks" clip-path="url(#{uid}-clip)">')
        for i, mark in enumerate(lane_marks):
            row, labelled = packed[i]
            my = y + LANE_PAD + row * ROW + ROW / 2
            positions[mark.claim_id] = (mark, my)
            target = href(mark.claim_id) if href else None
            parts.append(_draw(mark, my, labelled, uid, scale, target))
        parts.append("</g></g>")
        y += height
    total_h = y + 4
    # Conflicts: a line between the two sides and a triangle on the ruler above each.
    flags: list[str] = []
    seen: set[tuple[int, int]] = set()
    for cid, (mark, my) in positions.items():
        if not mark.conflicts:
            continue
        ax = _anchor_x(mark, lo, hi)
        flags.append(
            f'<path class="conflict-flag" data-k="g" data-a="{_y(ax)}" data-y="{RULER - 4}" '
            f'd="M-5,-8 L5,-8 L0,0 Z" transform="translate({_f(scale(ax))},{RULER - 4})">'
            f"<title>{_esc('sources disagree: ' + mark.label + ' — ' + mark.words)}</title></path>"
        )
        for other in mark.conflicts:
            pair = (min(cid, other), max(cid, other))
            if pair in seen or other not in positions:
                continue
            seen.add(pair)
            omark, oy = positions[other]
            bx = _anchor_x(omark, lo, hi)
            flags.append(
                f'<line class="conflict-link" data-k="l" data-a="{_y(ax)}" data-b="{_y(bx)}" '
                f'x1="{_f(scale(ax))}" y1="{_f(my)}" x2="{_f(scale(bx))}" y2="{_f(oy)}"/>'
            )
    ruler = [f'<g class="ticks" data-top="{RULER - 14}" data-bottom="{_f(total_h - 4)}">']
    for year in ticks(lo, hi):
        x = scale(year)
        ruler.append(
            f'<line class="grid" x1="{_f(x)}" x2="{_f(x)}" y1="{RULER}" y2="{_f(total_h - 4)}"/>'
            f'<text class="tick" x="{_f(x)}" y="{RULER - 14}">{year}</text>'
        )
    ruler.append("</g>")
    label = title or "timeline overview"
    conflicts_n = len(seen)
    summary = (
        f"{sum(len(v) for v in lanes.values())} dated events in {len(lanes)} lanes, "
        f"{int(lo)} to {int(hi)}" + (f", {conflicts_n} conflicts marked" if conflicts_n else "")
    )
    controls = (
        '<g class="controls" transform="translate(8,6)">'
        '<g class="btn" data-zoom="out" role="button" tabindex="0"><title>zoom out</title>'
        '<rect width="24" height="18" rx="3"/><text x="12" y="13">−</text></g>'
        '<g class="btn" data-zoom="in" role="button" tabindex="0" transform="translate(28,0)">'
        '<title>zoom in</title><rect width="24" height="18" rx="3"/><text x="12" y="13">+</text></g>'
        '<g class="btn" data-zoom="reset" role="button" tabindex="0" transform="translate(56,0)">'
        '<title>whole life</title><rect width="24" height="18" rx="3"/><text x="12" y="13">⟲</text></g>'
        "</g>"
    )
    return (
        f'<svg class="cl-axis" id="{uid}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'tabindex="0" viewBox="0 0 {width} {_f(total_h)}" width="100%" '
        f'data-lo="{_y(lo)}" data-hi="{_y(hi)}" data-x0="{GUTTER}" data-x1="{width - RIGHT}" '
        f'data-events="{len(marks)}" aria-label="{_esc(label + ": " + summary)}">'
        f"<title>{_esc(label + ': ' + summary + '. Drag to pan; Ctrl+wheel, + and − to zoom.')}</title>"
        + _defs(uid, scale.x0, scale.x1, total_h)
        + "".join(ruler)
        + "".join(parts)
        + f'<g class="conflicts" clip-path="url(#{uid}-clip)">'
        + "".join(flags)
        + "</g>"
        + controls
        + "</svg>"
    )


__all__ = [
    "AXIS_CSS", "AXIS_JS", "LANES", "Mark", "axis_marks", "conflict_pairs", "csp_hash", "domain",
    "fuzzy_extent", "lane_of", "mark_of", "part_extent", "render_axis", "ticks", "year_fraction",
]
