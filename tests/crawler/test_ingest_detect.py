"""Format detection: content decides (files are often misnamed), the name only breaks a tie."""
from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ParseError
from crawler.ingest import detect_format

from .ingest_helpers import DATA

CORPUS = [
    ("corpus/real/wxr/themeunittestdata.wordpress.xml", "wxr"),
    ("corpus/real/wxr/pelican_wordpressexport.xml", "wxr"),
    ("corpus/real/blogger/pelican_bloggerexport.atom.xml", "blogger-export"),
    ("corpus/real/feeds/whizzy.org_comments-feed_sitewide.xml", "feed"),
    ("corpus/real/wp-rest-json/unitingnc.org_wp-v2-comments.json", "wp-rest"),
    ("corpus/real/wp-rest-json/unitingnc.org_wp-v2-posts_1281.json", "wp-rest"),
    ("corpus/real/wordpress/unitingnc.org_the-difference-a-dinner-can-make.html", "html"),
    ("corpus/real/wordpress/whizzy.org_cisco-7941-asterisk-and-sip.html", "html"),
    ("seed/000_b58bb04bcea9579c.txt", "text"),
]

OWN = [
    ("capture_says_threaded.txt", "text"),
    ("capture_pipe_headers.txt", "text"),
    ("broken_record.warc", "warc"),
    ("truncated_export.xml", "wxr"),
    ("not_a_feed.rss", "feed"),  # unrecognisable content, feed name: the feed reader says why
]


@pytest.mark.parametrize(("rel", "expected"), CORPUS)
def test_corpus_formats(shared_dir: Path, rel: str, expected: str) -> None:
    assert detect_format(shared_dir / rel) == expected


@pytest.mark.parametrize(("name", "expected"), OWN)
def test_own_edge_files(name: str, expected: str) -> None:
    assert detect_format(DATA / name) == expected


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("readings.dat", b"station,reading\nA1,3.4\n", "unknown format"),
        ("empty.html", b"", "empty"),
        ("blob.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("other.json", b'{"name": "not wordpress"}', "JSON that is not"),
    ],
)
def test_unknown_formats_name_the_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError) as err:
        detect_format(path)
    assert err.value.source == str(path)
    assert reason in err.value.reason


def test_gzipped_warc_is_a_warc(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "a.warc.gz"
    path.write_bytes(gzip.compress((DATA / "broken_record.warc").read_bytes()[:600]))
    assert detect_format(path) == "warc"
