"""The resolve stage: Mentions of the same event, across sources, become one Incident."""

from .resolve import match_features, merge_fields, resolve_incidents

__all__ = ["match_features", "merge_fields", "resolve_incidents"]
