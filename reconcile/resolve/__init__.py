"""Entity resolution: mentions -> entities (blocking, scoring with context, constrained clustering).

The pure core is :func:`resolve_mentions` over :class:`MentionIn` tuples; the database side
(scope, stable ids, decisions) lives in the modules beside it.
"""
from .cluster import Resolution, ResolveStats, resolve_mentions
from .records import NAME_KIND, MentionIn

__all__ = ["NAME_KIND", "MentionIn", "Resolution", "ResolveStats", "resolve_mentions"]
