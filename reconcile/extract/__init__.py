"""Claim extraction: mentions, coreference chains and claims for one document at a time.

    from reconcile.extract import extract_document, ThreadContext
    post = extract_document(text, published=datetime(2013, 9, 19))
    reply = extract_document(comment, published=..., kind="comment",
                             context=ThreadContext().child(post))
"""
from .pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, RuleExtractor, extract_document
from .types import AliasOut, ClaimOut, Extraction, Extractor, MentionOut, ThreadContext, TimeOut

__all__ = [
    "AliasOut",
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "ClaimOut",
    "Extraction",
    "Extractor",
    "MentionOut",
    "RuleExtractor",
    "ThreadContext",
    "TimeOut",
    "extract_document",
]
