"""Extractors by name, so the old and the new can be compared on one database.

`claimline extract --extractor NAME` picks one; the default reads a dependency parse.
"""
from __future__ import annotations

from importlib import import_module

from reconcile.extract.types import Extractor

REGISTRY: dict[str, str] = {
    "parse": "reconcile.nlp.extractor:ParsedExtractor",
    "rules": "reconcile.extract.pipeline:RuleExtractor",
}
"""name -> "module:class" of an object that follows the `Extractor` protocol."""

DEFAULT = "parse"


class UnknownExtractor(ValueError):
    pass


def get(name: str = DEFAULT) -> Extractor:
    """An instance of the extractor registered as `name`."""
    try:
        module, _, cls = REGISTRY[name].partition(":")
    except KeyError:
        raise UnknownExtractor(f"unknown extractor {name!r} (known: {', '.join(sorted(REGISTRY))})") from None
    return getattr(import_module(module), cls)()


def tag(extractor: Extractor) -> str:
    """What is stored on each document and claim: "name/version"."""
    return f"{extractor.name}/{extractor.version}"
