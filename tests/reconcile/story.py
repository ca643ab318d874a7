"""A small, known store for the review and export tests: two blogs, a post and comments on each,
two entities, claims with every EDTF shape the exports must say in words, and links of each type.

The story is invented for these tests. One comment is hostile: its author, quote and permalink
carry markup and script that an export must show as text and never run; one entity's name tries
to close the page's data block.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from store.engine import session_scope
from store.models import Claim, ClaimLink, Document, Entity, Mention, Site, SourceScore

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ESCAPE = "\x1b[2J\x1b]0;pwned\x07"  # clears a terminal and retitles it if printed raw
# Would mark the page if it ever ran: the browser test looks for the attribute.
PWN_MARK = "data-pwned"
HOSTILE_ENTITY = (
    "</script><script>document.documentElement.setAttribute('data-pwned','script')</script>Council"
)
HOSTILE_MARK_IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"


@dataclass
class Story:
    entity: dict[str, int] = field(default_factory=dict)
    claim: dict[str, int] = field(default_factory=dict)
    link: dict[str, int] = field(default_factory=dict)
    doc: dict[str, int] = field(default_factory=dict)

    # What the timeline must show, known by construction.
    events_of = {"person": 8, "council": 1}

    @property
    def events(self) -> int:
        return sum(self.events_of.values())


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# name, edtf, earliest, latest, time text
CLAIMS = [
    # key, doc, predicate, object, edtf, earliest, latest, time_text, modality, quote
    ("born49", "post_a", "born", None, "1949", date(1949, 1, 1), date(1949, 12, 31), "in 1949",
     "asserted", "Rahim Dost was born in 1949 in a village above the river."),
    ("born51", "comment_b", "born", None, "1951", date(1951, 1, 1), date(1951, 12, 31), "in 1951",
     "asserted", "My uncle knew him: Rahim Dost was born in 1951, not earlier."),
    ("gov_a", "post_a", "position_held", "governor", "2004/2008", date(2004, 1, 1),
     date(2008, 12, 31), "between 2004 and 2008", "reported",
     "Officials say Dost served as governor between 2004 and 2008."),
    ("gov_b", "post_b", "position_held", "governor", "2004/2008", date(2004, 1, 1),
     date(2008, 12, 31), "from 2004 to 2008", "asserted",
     "He was governor from 2004 to 2008."),
    ("defect97", "comment_hostile", "defected_to", "the Movement", "[..1997]", None,
     date(1997, 12, 31), "sometime before 1998", "asserted",
     "He had gone over to the Movement sometime before 1998 " + HOSTILE_SCRIPT + " " + HOSTILE_IMG
     + " " + HOSTILE_MARK_IMG + HOSTILE_ESCAPE),
    ("back01", "comment_a", "defected_to", "Northern Front", "2001-10-16~", date(2001, 10, 15),
     date(2001, 10, 17), "around October 16 2001", "hedged",
     "He reportedly came back to the Northern Front around October 16 2001."),
    ("member92", "post_a", "member_of", "Northern Front", "../1992", None, date(1992, 12, 31),
     "until 1992", "asserted", "Dost stayed with the Northern Front until 1992."),
    ("said", "post_b", "said", "peace was near", None, None, None, None, "reported",
     "Dost told the radio that peace was near."),
    ("back01_dup", "comment_a2", "defected_to", "Northern Front", "2001-10", date(2001, 10, 1),
     date(2001, 10, 31), "in October 2001", "asserted",
     "As I said, he came back to the Northern Front in October 2001."),
    ("council", "post_b", "located_in", "Baghlan", "2011/..", date(2011, 1, 1), None,
     "since 2011", "asserted", "The council has sat in Baghlan since 2011."),
]

LINKS = [
    # key, type, a, b, status, reason
    ("conflict", "conflicts", "born49", "born51", "open",
     "born 1949 (post on Valley Notes) vs born 1951 (comment on Frontier Log): different years"),
    ("corroborate", "corroborates", "gov_a", "gov_b", "open",
     "governor 2004-2008 on Valley Notes and on Frontier Log, different authors"),
    ("supplement", "supplements", "defect97", "back01", "open",
     "an earlier defection (before 1998) that the other sources do not mention"),
    ("duplicate", "duplicates", "back01", "back01_dup", "dismissed",
     "the same return again from the same commenter"),
]


def build_story(engine: Engine) -> Story:
    story = Story()
    with session_scope(engine) as s:
        site_a = Site(base_url="http://valley.example/", platform="wordpress", name="Valley Notes")
        site_b = Site(base_url="http://frontier.example/", platform="blogger", name="Frontier Log")
        s.add_all([site_a, site_b])
        s.flush()
        docs = {
            "post_a": Document(site_id=site_a.id, doc_key="post:1", kind="post",
                               url="http://valley.example/2013/rahim-dost/",
                               title="Who is Rahim Dost?", author_name="Editor",
                               published=datetime(2013, 9, 20, 8, 30), published_tz_known=True),
            "comment_a": Document(site_id=site_a.id, doc_key="comment:11", kind="comment",
                                  url="http://valley.example/2013/rahim-dost/",
                                  permalink="http://valley.example/2013/rahim-dost/#comment-11",
                                  author_name="Nadia", published=datetime(2013, 9, 21, 9, 0)),
            "comment_a2": Document(site_id=site_a.id, doc_key="comment:12", kind="comment",
                                   url="http://valley.example/2013/rahim-dost/",
                                   permalink="http://valley.example/2013/rahim-dost/#comment-12",
                                   author_name="Nadia", published=datetime(2013, 9, 22, 9, 0)),
            "comment_hostile": Document(site_id=site_a.id, doc_key="comment:13", kind="comment",
                                        url="http://valley.example/2013/rahim-dost/",
                                        permalink="javascript:alert(1)",
                                        author_name=HOSTILE_IMG,
                                        published=datetime(2013, 9, 23, 10, 0)),
            "post_b": Document(site_id=site_b.id, doc_key="post:7", kind="post",
                               url="http://frontier.example/2013/09/governors.html",
                               title="Governors", author_name="Frontier",
                               published=datetime(2013, 9, 25, 12, 0)),
            "comment_b": Document(site_id=site_b.id, doc_key="comment:71", kind="comment",
                                  url="http://frontier.example/2013/09/governors.html",
                                  permalink="http://frontier.example/2013/09/governors.html?c=71",
                                  author_name="Farid", published=datetime(2013, 9, 26, 7, 0)),
        }
        for key, doc in docs.items():
            doc.content_hash = _h(key)
            doc.text = ""
        s.add_all(docs.values())
        s.flush()
        story.doc = {k: d.id for k, d in docs.items()}

        person = Entity(type="PERSON", name="Rahim Dost")
        council = Entity(type="ORG", name=HOSTILE_ENTITY)
        front = Entity(type="ORG", name="Northern Front")
        s.add_all([person, council, front])
        s.flush()
        story.entity = {"person": person.id, "council": council.id, "front": front.id}
        for surface, doc_key in [("Rahim Dost", "post_a"), ("Dost", "post_b"),
                                 ("Haji Raheem Dost", "comment_b"), ("he", "comment_a")]:
            s.add(Mention(document_id=docs[doc_key].id, start=0, end=len(surface),
                          surface=surface, type="PERSON", name=surface, entity_id=person.id,
                          is_pronoun=surface == "he"))

        claims = {}
        for (key, doc_key, predicate, obj, edtf, lo, hi, ttext, modality, quote) in CLAIMS:
            subject = council if key == "council" else person
            claims[key] = Claim(
                document_id=docs[doc_key].id, claim_key=_h(key)[:32],
                subject_entity_id=subject.id, subject_text=subject.name, predicate=predicate,
                object_text=obj, object_entity_id=front.id if obj == "Northern Front" else None,
                edtf=edtf, earliest=lo, latest=hi, time_text=ttext, modality=modality,
                quote=quote, quote_start=0, quote_end=len(quote), extractor="test",
                extractor_version="1", place_text="Baghlan" if key == "gov_a" else None,
                attributed_to="officials" if modality == "reported" else None,
            )
        s.add_all(claims.values())
        s.flush()
        story.claim = {k: c.id for k, c in claims.items()}
        for key, typ, a, b, status, reason in LINKS:
            link = ClaimLink(a_claim_id=claims[a].id, b_claim_id=claims[b].id, type=typ,
                             score=0.9 if typ == "conflicts" else 0.7, reason=reason,
                             status=status)
            s.add(link)
            s.flush()
            story.link[key] = link.id
        s.add_all([
            SourceScore(scope="author", key="Editor", score=0.8),
            SourceScore(scope="author", key="Farid", score=0.35),
            SourceScore(scope="author", key="Frontier", score=0.6),
            SourceScore(scope="site", key="http://valley.example/", score=0.7),
            SourceScore(scope="site", key="http://frontier.example/", score=0.5),
        ])
    return story
