"""Clean text: paragraphs kept, chrome dropped, skipped elements left out."""
from __future__ import annotations

import lxml.html

from crawler.text import clean_text, inline_text


def _el(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_paragraphs_lines_and_whitespace() -> None:
    el = _el("<p>One   two\n three.</p><p>Four<br>five</p><ul><li>a</li><li>b</li></ul>")
    assert clean_text(el) == "One two three.\n\nFour\nfive\n\na\nb"


def test_chrome_is_dropped() -> None:
    el = _el(
        "<div class='comment-author'><img class='avatar' src='x'> <b class='fn'>Ann</b> <span class='says'>says:</span></div>"
        "<p>Text <a href='/x'>link</a>.</p><script>var x;</script><style>p{}</style>"
        "<div class='reply'><a class='comment-reply-link'>Reply</a></div><div class='sharedaddy'>Share</div>"
        "<p><img class='wp-smiley emoji' alt='🙂' src='s.png'> ok</p>"
        "<div><a class='button' href='javascript:void(0)'>Expand</a></div>"
    )
    assert clean_text(el) == "Ann\n\nText link.\n\n🙂 ok"


def test_skip_leaves_nested_elements_out() -> None:
    el = _el("<p>Mine.</p><ol class='children'><li><p>Not mine.</p></li></ol><p>Also mine.</p>")
    nested = el.find(".//ol")
    assert clean_text(el, skip={nested}) == "Mine.\n\nAlso mine."


def test_inline_text_is_one_line() -> None:
    assert inline_text(_el("<span> June 19, 2017 <span>at 3:31 pm</span></span>")) == "June 19, 2017 at 3:31 pm"
    assert inline_text(None) == ""
