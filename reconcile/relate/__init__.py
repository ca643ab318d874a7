"""Claim relations: conflicts, supplements, corroborates, duplicates, each with a score and a reason.

:func:`relate_claims` is pure (over :class:`ClaimView`); :mod:`.store` reads and writes links.
"""
from .rules import Relation, classify, describe, relate_claims
from .sources import ClaimView, independent

__all__ = ["ClaimView", "Relation", "classify", "describe", "independent", "relate_claims"]
