"""The ingest stage: reports from files and folders into the Store, once each, with provenance."""

from .ingest import IngestOptions, IngestSummary, ingest_paths, to_document
from .readers import READERS, IncomingReport, IngestError, read_file

__all__ = ["READERS", "IncomingReport", "IngestError", "IngestOptions", "IngestSummary", "ingest_paths",
           "read_file", "to_document"]
