"""The whole-life overview axis (reconcile/axis.py): what an analyst reads off the picture.

Each EDTF shape is drawn as what it says (a span as a bar, an unknown end fading out, one event in
a range as a dashed range with brackets, an approximate date hollow with a whisker, a set as one
dot per date), events sit in their predicate family's lane, conflicts are marked, and nothing a
page wrote can become markup.
"""
from __future__ import annotations

from typing import Any

import lxml.etree as etree
import pytest
from edtf import parse_edtf

from reconcile.axis import (
    AXIS_JS,
    LANES,
    axis_marks,
    csp_hash,
    fuzzy_extent,
    lane_of,
    render_axis,
)
from reconcile.export.when import parse

SVG = "{http://www.w3.org/2000/svg}"


def event(claim_id: int, predicate: str, edtf: str | None, *, obj: str | None = "Taliban",
          links: list[dict[str, Any]] | None = None, sources: list[dict[str, Any]] | None = None,
          earliest: str | None = None, latest: str | None = None,
          modality: str = "asserted") -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "predicate": predicate,
        "object": {"name": obj, "entity_id": None},
        "when": {"edtf": edtf, "earliest": earliest, "latest": latest, "text": None},
        "where": None,
        "modality": modality,
        "sources": sources or [{"claim_id": claim_id}],
        "links": links or [],
    }


def svg_tree(events: list[dict[str, Any]]) -> etree._Element:
    return etree.fromstring(render_axis(events).encode("utf-8"))


def mark_node(tree: etree._Element, claim_id: int) -> etree._Element:
    found = tree.findall(f".//{SVG}g[@data-claim='{claim_id}']")
    assert len(found) == 1, f"claim {claim_id} drawn {len(found)} times"
    return found[0]


def drawn(node: etree._Element, tag: str, cls: str) -> list[etree._Element]:
    return [n for n in node.iter(f"{SVG}{tag}") if cls in (n.get("class") or "").split()]


# (edtf, kind, open start, open end, approximate, what must be drawn: (tag, class, count))
SHAPES = [
    ("2004/2008", "span", False, False, False, [("rect", "bar", 1), ("line", "open-run", 0)]),
    ("../1992", "until", True, False, False, [("rect", "open", 1), ("line", "open-run", 1)]),
    ("2011/..", "since", False, True, False, [("rect", "open", 1), ("line", "open-run", 1)]),
    ("[..1997]", "before", True, False, True,
     [("line", "range", 1), ("path", "bracket", 1), ("line", "open-run", 1), ("rect", "bar", 0)]),
    ("[2004..2008]", "between", False, False, True,
     [("line", "range", 1), ("path", "bracket", 2), ("rect", "bar", 0)]),
    ("2001-10-16~", "point", False, False, True, [("circle", "hollow", 1), ("line", "whisker", 1)]),
    ("1997?", "point", False, False, True, [("circle", "hollow", 1), ("line", "whisker", 1)]),
    ("1956", "point", False, False, False, [("circle", "dot", 1), ("circle", "hollow", 0),
                                            ("line", "whisker", 0)]),
    ("{1978,1981}", "all_of", False, False, False, [("circle", "dot", 2), ("circle", "hollow", 0),
                                                    ("line", "set-line", 1)]),
    ("[1978,1981,1985]", "one_of", False, False, True, [("circle", "hollow", 3), ("line", "one-of", 1)]),
    ("199X", "point", False, False, True, [("rect", "coarse", 1), ("circle", "dot", 1)]),
]


@pytest.mark.parametrize(("edtf", "kind", "open_start", "open_end", "approx", "shapes"), SHAPES,
                         ids=[s[0] for s in SHAPES])
def test_each_edtf_shape_is_drawn_as_what_it_says(
    edtf: str, kind: str, open_start: bool, open_end: bool, approx: bool,
    shapes: list[tuple[str, str, int]],
) -> None:
    events = [event(1, "defected_to", edtf), event(2, "born", "1950", obj=None)]
    mark = axis_marks(events)[0]
    assert (mark.kind, mark.open_start, mark.open_end, mark.approximate) == (kind, open_start, open_end, approx)
    node = mark_node(svg_tree(events), 1)
    assert node.get("data-kind") == kind
    for tag, cls, count in shapes:
        assert len(drawn(node, tag, cls)) == count, f"{edtf}: {count} <{tag} class~={cls}> expected"
    # The tooltip says the time in words and gives the EDTF.
    assert f"(EDTF {edtf})" in node.find(f"{SVG}a/{SVG}title").text


@pytest.mark.parametrize(("edtf", "side"), [("../1992", "l"), ("2011/..", "r")])
def test_an_unknown_end_fades_out_on_its_own_side(edtf: str, side: str) -> None:
    node = mark_node(svg_tree([event(1, "member_of", edtf)]), 1)
    (bar,) = drawn(node, "rect", "open")
    assert bar.get("fill") == f"url(#axis-fade-{side})"


def test_an_open_start_runs_to_the_left_edge_and_ends_at_its_known_year() -> None:
    events = [event(1, "member_of", "../1992"), event(2, "born", "1956", obj=None)]
    tree = svg_tree(events)
    lo = float(tree.get("data-lo"))
    node = mark_node(tree, 1)
    (run,) = drawn(node, "line", "open-run")
    (bar,) = drawn(node, "rect", "open")
    assert float(run.get("data-a")) == lo
    assert float(bar.get("data-b")) == pytest.approx(1993.0)  # the end of 1992


def test_a_set_of_dates_is_one_dot_per_date_at_each_year() -> None:
    node = mark_node(svg_tree([event(1, "position_held", "{1978,1981}", obj="governor")]), 1)
    centres = sorted(float(c.get("data-a")) for c in drawn(node, "circle", "dot"))
    assert centres == [pytest.approx(1978.5), pytest.approx(1981.5)]
    assert not drawn(node, "rect", "bar")  # never one 1978-1981 span


@pytest.mark.parametrize("edtf", ["1997~", "1997?", "1997%", "1850~"])
def test_the_whisker_of_a_year_is_the_edtf_packages_fuzzy_range(edtf: str) -> None:
    parsed = parse_edtf(edtf)
    part = parse(edtf).start
    lo, hi = fuzzy_extent(part)
    assert int(lo) == parsed.lower_fuzzy().tm_year
    assert int(hi - 1e-6) == parsed.upper_fuzzy().tm_year


@pytest.mark.parametrize(
    ("predicate", "lane"),
    [("position_held", "offices"), ("rank", "offices"), ("member_of", "allegiances"),
     ("defected_to", "allegiances"), ("detained", "detentions"), ("released", "detentions"),
     ("located_in", "places"), ("traveled_to", "places"), ("family", "family"),
     ("born", "life"), ("educated_at", "education"), ("said", "other"), ("statement", "other")],
)
def test_predicates_fall_in_their_familys_lane(predicate: str, lane: str) -> None:
    assert lane_of(predicate) == lane
    tree = svg_tree([event(1, predicate, "2001")])
    assert mark_node(tree, 1).get("data-lane") == lane
    assert [g.get("data-lane") for g in tree.iter(f"{SVG}g") if "lane" == g.get("class")] == [lane]


def test_lanes_come_in_a_fixed_order_and_empty_lanes_are_left_out() -> None:
    events = [event(1, "family", "2001", obj="Hotak"), event(2, "detained", "1999"),
              event(3, "position_held", "2004/2008", obj="senator"), event(4, "family", None)]
    tree = svg_tree(events)
    lanes = [g.get("data-lane") for g in tree.iter(f"{SVG}g") if g.get("class") == "lane"]
    order = [key for key, _, _ in LANES]
    assert lanes == ["offices", "detentions", "family"]
    assert lanes == sorted(lanes, key=order.index)
    # The undated family event is counted beside its lane, not placed on the axis.
    assert [t.text for t in tree.iter(f"{SVG}text") if t.get("class") == "undated"] == ["+1 undated"]
    assert tree.get("data-events") == "4"


def test_marks_that_overlap_in_time_get_rows_of_their_own() -> None:
    events = [event(i, "position_held", "2004/2008", obj=f"office {i}") for i in range(1, 5)]
    tree = svg_tree(events)
    ys = {float(drawn(mark_node(tree, i), "rect", "bar")[0].get("y")) for i in range(1, 5)}
    assert len(ys) == 4


CONFLICT = {"type": "conflicts", "claim_id": 2, "status": "open", "reason": "two allegiances"}


@pytest.mark.parametrize(
    ("status", "marked"), [("open", True), ("confirmed", True), ("dismissed", False)]
)
def test_conflicts_are_marked_on_the_axis_unless_dismissed(status: str, marked: bool) -> None:
    events = [event(1, "defected_to", "[..1997]", links=[{**CONFLICT, "status": status}]),
              event(2, "member_of", "../1992", obj="United Islamic Front"),
              event(3, "born", "1956", obj=None)]
    tree = svg_tree(events)
    flagged = {int(g.get("data-claim")) for g in tree.iter(f"{SVG}g") if "conflict" in (g.get("class") or "").split()}
    assert flagged == ({1, 2} if marked else set())
    flags = [p for p in tree.iter(f"{SVG}path") if p.get("class") == "conflict-flag"]
    lines = [n for n in tree.iter(f"{SVG}line") if n.get("class") == "conflict-link"]
    assert (len(flags), len(lines)) == ((2, 1) if marked else (0, 0))


def test_a_conflict_naming_another_source_of_an_event_marks_that_event() -> None:
    # Claim 9 is a second reference of the event whose claim is 2.
    events = [event(1, "born", "1956", obj=None, links=[{**CONFLICT, "claim_id": 9}]),
              event(2, "born", "1958", obj=None, sources=[{"claim_id": 2}, {"claim_id": 9}])]
    assert [m.conflicts for m in axis_marks(events)] == [(2,), (1,)]


HOSTILE = '<script>document.body.dataset.pwned=1</script><img src=x onerror="alert(1)">'


def test_page_text_never_becomes_markup() -> None:
    events = [event(1, "member_of", "2001", obj=HOSTILE), event(2, "said", None, obj=HOSTILE)]
    text = render_axis(events, uid='x"><script>')
    tree = etree.fromstring(text.encode("utf-8"))  # still well-formed XML
    tags = {node.tag for node in tree.iter() if isinstance(node.tag, str)}
    assert not {f"{SVG}script", f"{SVG}img", "script", "img"} & tags
    attrs = {name for node in tree.iter() if isinstance(node.tag, str) for name in node.attrib}
    assert not [a for a in attrs if a.lower().startswith("on") or a == "style"]
    assert tree.get("id") == "xscript"
    labels = [t.text for t in mark_node(tree, 1).iter(f"{SVG}text")]
    assert labels and labels[0].startswith("member of: <script>")


def test_clicking_a_mark_goes_where_the_page_says() -> None:
    tree = etree.fromstring(render_axis([event(7, "born", "1956", obj=None)],
                                        href=lambda cid: f"/claims/{cid}").encode())
    assert [a.get("href") for a in tree.iter(f"{SVG}a")] == ["/claims/7"]
    bare = etree.fromstring(render_axis([event(7, "born", "1956", obj=None)], href=None).encode())
    assert list(bare.iter(f"{SVG}a")) == []


def test_every_mark_the_script_moves_carries_its_years() -> None:
    events = [event(1, "defected_to", e) for e in ("[..1997]", "2001-10-16~", "{1978,1981}", "../1992")]
    events += [event(5, "position_held", "2004/2008", links=[{**CONFLICT, "claim_id": 1}])]
    tree = svg_tree(events)
    movers = [n for n in tree.iter() if isinstance(n.tag, str) and n.get("data-k")]
    assert movers
    for node in movers:
        float(node.get("data-a"))
        assert node.get("data-k") in {"r", "c", "l", "t", "g"}
        if node.get("data-k") == "r" or node.get("class") in {"range", "whisker", "open-run"}:
            assert float(node.get("data-b")) >= float(node.get("data-a"))


def test_the_script_hash_is_a_csp_source_for_exactly_that_script() -> None:
    digest = csp_hash(AXIS_JS)
    assert digest.startswith("'sha256-") and digest.endswith("'")
    assert csp_hash(AXIS_JS + " ") != digest
    assert "innerHTML" not in AXIS_JS and "eval(" not in AXIS_JS


@pytest.mark.parametrize("first", ["reconcile.axis", "reconcile.export", "reconcile.export.html_fmt",
                                   "reconcile.export.timelinejs_fmt"])
def test_the_axis_and_the_exports_import_in_either_order(first: str) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {first}; import reconcile.axis as a; a.render_axis([])"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-1500:]
