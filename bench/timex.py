"""The time normaliser on TempEval-3 platinum (20 news documents, 138 TIMEX3), with a baseline.

For every gold TIMEX3 of type DATE (the document creation time excluded) it prints:

- span recall: the share of gold DATE spans that some found phrase overlaps;
- value accuracy over ALL gold DATE expressions: the share for which an overlapping phrase has
  the right value (a missed span counts as wrong).

Both for `reconcile.timex.find_times` and, in the same run, for dateparser's `search_dates`
with the document date as its base (each hit's precision read with `DateDataParser`).

Comparing values (following corpus/gold-external/MANIFEST.md): both sides become
(earliest, latest) days. TIMEX3 `YYYY`, `YYYY-MM`, `YYYY-MM-DD(Thh:mm)`, decades `YYY`,
centuries `YY`, seasons `YYYY-SU`, quarters `YYYY-Qn`, halves `YYYY-Hn`, ISO weeks `YYYY-Www`
(Monday..Sunday) and weekends `YYYY-Www-WE`; `PRESENT_REF` is the document date, `PAST_REF`
(open..date), `FUTURE_REF` (date..open). Values with unknown digits (`XXXX-..`, `2012-XX-XX`)
must match as strings, which no system here can. A gold `mod` of START/MID/END accepts the bare
value or any value inside it ("early 2011" -> the first months of 2011); APPROX ignores the
qualifier on both sides. The strict figure also prints: the EDTF string equal to the gold's
mapped EDTF (where it has one). TimeML leaves signal words ("since", "by", "between") out of a
TIMEX3, so a second line also accepts the value of the bare time inside a found phrase
("2004" inside "since 2004", from `find_atoms`); the first line is the headline figure.

A second section measures `find_times` throughput on the plain text of TE3 and the SemEval-2015
TimeLine Track-A documents, repeated to at least 2 MB.

Run: ``.venv/bin/python bench/timex.py [--shared DIR] [--show-misses]``
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile.timex import find_times  # noqa: E402
from reconcile.timex.matcher import find_atoms  # noqa: E402
from reconcile.timex.edtf_check import package_bounds  # noqa: E402
from reconcile.timex.points import SUBYEAR_MONTHS, last_day  # noqa: E402

Bounds = tuple[date | None, date | None]


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True)
class Doc:
    name: str
    dct: date
    text: str
    timexes: list[Gold]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> Doc:
    """The TEXT of a TimeML file as plain text, with every TIMEX3 as offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})', raw)
    if not dct_m:
        raise SystemExit(f"{path}: no document creation time")
    dct = date.fromisoformat(dct_m.group(1))
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Gold] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            text = "".join(out)[start:length]
            timexes.append(Gold(start, length, text, a.get("type", ""), a.get("value", ""), a.get("mod")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return Doc(path.name, dct, "".join(out), timexes)


def read_cat(path: Path) -> Doc | None:
    """A MEANTIME CAT XML document: tokens joined by spaces, TIMEX3 spans from their token anchors."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, last_sentence = 0, None
    for tok in root.iter("token"):
        if parts:
            sep = "\n" if tok.get("sentence") != last_sentence else " "
            parts.append(sep)
            length += 1
        last_sentence = tok.get("sentence")
        word = tok.text or ""
        offsets[tok.get("t_id")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    dct = None
    timexes: list[Gold] = []
    text = "".join(parts)
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", tx.get("value", "")):
                dct = date.fromisoformat(tx.get("value"))
            continue
        spans = [offsets[a.get("t_id")] for a in tx.iter("token_anchor") if a.get("t_id") in offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        timexes.append(Gold(start, end, text[start:end], tx.get("type", ""), tx.get("value", ""), tx.get("mod") or None))
    if dct is None:
        return None
    return Doc(path.name, dct, text, timexes)


# ---- gold values -> bounds ----------------------------------------------------------------

def _iso_week(y: int, w: int) -> tuple[date, date]:
    monday = date.fromisocalendar(y, w, 1)
    return monday, monday + timedelta(days=6)


_SEASON = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}


def gold_bounds(value: str, dct: date) -> Bounds | None:
    """(earliest, latest) of a TIMEX3 value, or None where it has no calendar reading."""
    if value == "PRESENT_REF":
        return dct, dct
    if value == "PAST_REF":
        return None, dct
    if value == "FUTURE_REF":
        return dct, None
    if "X" in value:
        return None
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:T.*)?", value):
        d = date.fromisoformat(m.group(1))
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        lo, hi = _iso_week(int(m.group(1)), int(m.group(2)))
        return (lo + timedelta(days=5), hi) if m.group(3) else (lo, hi)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return _subyear(int(m.group(1)), _SEASON[m.group(2)])
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _subyear(int(m.group(1)), 32 + int(m.group(2)))
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return _subyear(int(m.group(1)), 39 + int(m.group(2)))
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        return date(int(value) * 100, 1, 1), date(int(value) * 100 + 99, 12, 31)
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        return package_bounds(value)
    return None


def _subyear(y: int, code: int) -> Bounds:
    first, last = SUBYEAR_MONTHS[code]
    return date(y, first, 1), date(y, last, last_day(y, last))


def gold_edtf(value: str) -> str | None:
    """The gold value in EDTF where the MANIFEST gives a direct mapping."""
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})T.*", value):
        return m.group(1)
    if re.fullmatch(r"\d{3}", value):
        return value + "X"
    if re.fullmatch(r"\d{2}", value):
        return value + "XX"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{m.group(1)}-{_SEASON[m.group(2)]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"{m.group(1)}-{32 + int(m.group(2))}"
    return None


def value_right(gold: Gold, dct: date, bounds: Bounds) -> bool:
    want = gold_bounds(gold.value, dct)
    if want is None:
        return False
    if bounds == want:
        return True
    if gold.mod in ("START", "MID", "END") and None not in bounds and None not in want:
        return want[0] <= bounds[0] <= bounds[1] <= want[1]  # type: ignore[operator]
    return False


# ---- systems --------------------------------------------------------------------------------

Found = list[tuple[int, int, Bounds, str]]  # start, end, bounds, EDTF (or a label)


def ours(doc: Doc) -> Found:
    return [(m.start, m.end, (m.value.earliest, m.value.latest), m.value.edtf)
            for m in find_times(doc.text, doc.dct)]


def ours_or_bare(doc: Doc) -> Found:
    """Our phrases, and the bare times inside them ("2004" inside "since 2004"), as TimeML
    leaves signal words out of a TIMEX3."""
    bare = [(m.start, m.end, (m.value.earliest, m.value.latest), m.value.edtf)
            for m in find_atoms(doc.text, doc.dct)]
    return ours(doc) + bare


def dateparser_baseline(doc: Doc) -> Found:
    """dateparser's search_dates with the document date as base; precision from DateDataParser."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime(doc.dct.year, doc.dct.month, doc.dct.day, 12)
    settings = {"RELATIVE_BASE": base}
    hits = search_dates(doc.text, languages=["en"], settings=settings) or []
    ddp = DateDataParser(languages=["en"], settings=settings)
    out: Found = []
    pos = 0
    for sub, when in hits:
        start = doc.text.find(sub, pos)
        if start < 0:
            continue
        pos = start + len(sub)
        data = ddp.get_date_data(sub)
        period = (data.period if data and data.date_obj else None) or "day"
        d = when.date()
        if period == "year":
            b: Bounds = (date(d.year, 1, 1), date(d.year, 12, 31))
        elif period == "month":
            b = (d.replace(day=1), d.replace(day=last_day(d.year, d.month)))
        elif period == "week":
            b = (d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6))
        else:
            b = (d, d)
        out.append((start, start + len(sub), b, f"{period}:{d.isoformat()}"))
    return out


@dataclass
class Score:
    gold: int = 0
    spans: int = 0
    values: int = 0
    exact: int = 0
    found: int = 0
    spurious: int = 0

    def line(self, name: str) -> str:
        pct = lambda n: f"{100 * n / self.gold:5.1f}%" if self.gold else "  n/a"  # noqa: E731
        return (f"{name:<26} span recall {pct(self.spans)} ({self.spans}/{self.gold})   "
                f"value accuracy {pct(self.values)} ({self.values}/{self.gold})   "
                f"exact EDTF {pct(self.exact)}   phrases found {self.found}, "
                f"{self.spurious} overlap no gold TIMEX3")


def score(docs: list[Doc], system, show_misses: bool = False) -> Score:  # type: ignore[no-untyped-def]
    s = Score()
    for doc in docs:
        found = system(doc)
        distinct = {(f[0], f[1]) for f in found}
        s.found += len(distinct)
        s.spurious += sum(1 for a, b in distinct if not any(a < g.end and g.start < b for g in doc.timexes))
        for g in doc.timexes:
            if g.type != "DATE":
                continue
            s.gold += 1
            hits = [f for f in found if f[0] < g.end and g.start < f[1]]
            if hits:
                s.spans += 1
            right = any(value_right(g, doc.dct, f[2]) for f in hits)
            s.values += right
            s.exact += any(f[3] == gold_edtf(g.value) for f in hits)
            if show_misses and not right:
                shown = "; ".join(f"{doc.text[f[0]:f[1]]!r}->{f[3]}" for f in hits) or "-"
                print(f"  miss {doc.name}: {g.text!r} gold={g.value}{'/' + g.mod if g.mod else ''}  found: {shown}")
    return s


def throughput(texts: list[str], min_bytes: int = 2_000_000) -> tuple[float, int, int]:
    """(MB per second, bytes, phrases found) for find_times over the texts repeated."""
    corpus: list[str] = []
    size = 0
    while size < min_bytes:
        for t in texts:
            corpus.append(t)
            size += len(t.encode("utf-8"))
    anchor = date(2013, 3, 22)
    for t in texts:  # warm up: imports (dateparser for numeric dates) and caches load once
        find_times(t, anchor)
    started = time.process_time()  # CPU time: other processes on the machine do not count
    n = sum(len(find_times(t, anchor)) for t in corpus)
    elapsed = time.process_time() - started
    return size / elapsed / 1e6, size, n


def blog_texts(folder: Path) -> list[str]:
    """The visible text of the saved HTML pages in corpus/real (scripts and styles dropped)."""
    from lxml import html as lxml_html

    out = []
    for p in sorted(folder.rglob("*.html")):
        try:
            tree = lxml_html.fromstring(p.read_bytes())
        except (ValueError, lxml_html.etree.ParserError):
            continue
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = re.sub(r"[ \t]*\n\s*", "\n", tree.text_content())
        if text.strip():
            out.append(text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-dev-misses", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    shared = args.shared or Path(os.environ.get("CLAIMLINE_SHARED") or Path(__file__).resolve().parent.parent.parent / "shared")
    folder = shared / "corpus" / "gold-external" / "te3-platinum"
    if not folder.is_dir():
        raise SystemExit(f"TE3 platinum not found at {folder} (set CLAIMLINE_SHARED or --shared)")
    docs = [read_tml(p) for p in sorted(folder.glob("*.tml"))]
    n_timex = sum(len(d.timexes) for d in docs)
    print(f"TE3 platinum: {len(docs)} documents, {n_timex} TIMEX3, "
          f"{sum(g.type == 'DATE' for d in docs for g in d.timexes)} of type DATE")
    print(score(docs, ours, args.show_misses).line("reconcile.timex"))
    print(score(docs, ours_or_bare).line("  phrase or bare time in it"))
    if not args.no_baseline:
        print(score(docs, dateparser_baseline).line("dateparser search_dates"))

    cat = shared / "corpus" / "gold-external" / "meantime-newsreader-en" / "intra_cross-doc_annotation"
    dev = [d for p in sorted(cat.glob("corpus_*/*.xml")) if (d := read_cat(p)) is not None]
    if dev:
        print(f"\nDevelopment check, MEANTIME (tokenised Wikinews): {len(dev)} documents with a DCT, "
              f"{sum(g.type == 'DATE' for d in dev for g in d.timexes)} DATE TIMEX3")
        print(score(dev, ours).line("reconcile.timex"))
        print(score(dev, ours_or_bare, args.show_dev_misses).line("  phrase or bare time in it"))
        if not args.no_baseline:
            print(score(dev, dateparser_baseline).line("dateparser search_dates"))

    texts = [d.text for d in docs]
    track_a = shared / "corpus" / "gold-external" / "semeval2015-task4-timeline"
    for p in sorted(track_a.glob("corpus_*/corpus_trackA_TimeML/*.tml")):
        body = p.read_text(encoding="utf-8")
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", body[body.find("<TEXT>"):])))
    mbps, size, n = throughput(texts)
    print(f"\nthroughput: find_times {mbps:.2f} MB/s (CPU time, one core) over {size / 1e6:.1f} MB "
          f"of news prose ({n} phrases)")
    pages = blog_texts(shared / "corpus" / "real")
    if pages:
        mbps, size, n = throughput(pages)
        print(f"throughput: find_times {mbps:.2f} MB/s (CPU time, one core) over {size / 1e6:.1f} MB "
              f"of the visible text of the real blog and forum pages ({n} phrases)")


if __name__ == "__main__":
    main()
