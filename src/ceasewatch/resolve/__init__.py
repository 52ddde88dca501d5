"""The resolve stage: Mentions of the same event, across sources, become one Incident."""

from .corroboration import corroboration
from .resolve import apply_overrides, match_features, merge_fields, resolve_incidents

__all__ = ["apply_overrides", "corroboration", "match_features", "merge_fields", "resolve_incidents"]
