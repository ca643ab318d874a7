"""Transliteration-aware name matching: titles, folded name keys, and a weighted pairwise scorer.

>>> name_key("Sar-e-Pol", kind="PLACE") == name_key("Sar-i Pul", kind="PLACE")
True
"""
from .keys import KINDS, fold_token, name_key, name_tokens
from .similarity import DEFAULT_THRESHOLD, TokenWeights, clear_pair_cache, similarity
from .titles import TITLES, split_title

__all__ = [
    "DEFAULT_THRESHOLD",
    "KINDS",
    "TITLES",
    "TokenWeights",
    "clear_pair_cache",
    "fold_token",
    "name_key",
    "name_tokens",
    "similarity",
    "split_title",
]
