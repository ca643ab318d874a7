"""parse_html on hand-written pages in the markup of platforms the real corpus lacks.

Each `data/platforms/<platform>/<name>.html` sits beside `<name>.json`: the page's URL, the post's
title/author/published and, per comment, id, author, published, permalink, parent and a fragment
of its text. Every field is compared (and the detected platform, where the JSON names one); `python -m tests.crawler.test_parsers_platforms` prints the
fields right / total per fixture.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.parsers import parse_html

DATA = Path(__file__).parent / "data" / "platforms"
FIXTURES = sorted(DATA.glob("*/*.html"))
COMMENT_FIELDS = ("id", "author", "published", "permalink", "parent", "text")
POST_FIELDS = ("title", "author", "published")


def _expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def compare(page: Path) -> tuple[int, int, list[str]]:
    """(fields right, fields expected, what differs) for one fixture page."""
    want = _expected(page)
    got = parse_html(page.read_bytes(), want["url"]).to_json()
    right, total, wrong = 0, 0, []
    if "platform" in want and got["platform"] != want["platform"]:
        wrong.append(f"platform: {got['platform']!r} != {want['platform']!r} (not counted)")
    for name in POST_FIELDS:
        total += 1
        if got["post"][name] == want["post"][name]:
            right += 1
        else:
            wrong.append(f"post.{name}: {got['post'][name]!r} != {want['post'][name]!r}")
    if len(got["comments"]) != len(want["comments"]):
        wrong.append(f"{len(got['comments'])} comments found, {len(want['comments'])} expected")
    for pos, expected in enumerate(want["comments"]):
        found = got["comments"][pos] if pos < len(got["comments"]) else {}
        for name in COMMENT_FIELDS:
            total += 1
            value = found.get(name)
            if not found:
                ok = False
            elif name == "text":
                ok = value is not None and expected[name] in value
            else:
                ok = value == expected[name]
            if ok:
                right += 1
            else:
                wrong.append(f"comment {pos + 1} ({expected['id']}).{name}: {value!r} != {expected[name]!r}")
    return right, total, wrong


@pytest.mark.parametrize("page", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_platform_fixture_parses_every_field(page: Path) -> None:
    right, total, wrong = compare(page)
    assert not wrong, f"{right}/{total} fields right:\n" + "\n".join(wrong)


def main(argv: list[str]) -> int:
    """Print fields right / total per fixture (and what differs with -v)."""
    verbose = "-v" in argv
    for page in FIXTURES:
        right, total, wrong = compare(page)
        print(f"{page.parent.name}/{page.name:<28} {right:>3}/{total:<3}")
        if verbose:
            for line in wrong:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
