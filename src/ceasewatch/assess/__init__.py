"""assess stage: decide, for an incident, which commitments it may violate and why (see engine.py)."""

from .engine import assess, assess_incident, summarise

__all__ = ["assess", "assess_incident", "summarise"]
