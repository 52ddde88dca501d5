"""JSON output of the report stage; the shapes themselves live in ceasewatch.model.codec."""

from ..model.codec import JSON_SCHEMA_VERSION, incident_to_dict, mention_to_dict

__all__ = ["JSON_SCHEMA_VERSION", "incident_to_dict", "mention_to_dict"]
