"""The report stage: Markdown and JSON reports, and the public JSON shapes of incidents."""

from .daily import ReportFiles, render_markdown, summary_rows, write_report
from .serialize import JSON_SCHEMA_VERSION, incident_to_dict, mention_to_dict

__all__ = ["JSON_SCHEMA_VERSION", "ReportFiles", "incident_to_dict", "mention_to_dict", "render_markdown",
           "summary_rows", "write_report"]
