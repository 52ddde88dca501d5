"""The ingest stage: reports from files, folders, archives, feeds and datasets into the Store, once each."""

from .ingest import IngestOptions, IngestSummary, ingest_paths, ingest_reports, to_document
from .readers import READERS, IncomingReport, IngestError, Rejected, read_file

__all__ = ["READERS", "IncomingReport", "IngestError", "IngestOptions", "IngestSummary", "Rejected",
           "ingest_paths", "ingest_reports", "read_file", "to_document"]
