"""ceasewatch: monitor ceasefires and the commitments parties make.

The public library API. Everything the CLI does is a call into these names::

    import ceasewatch
    result = ceasewatch.extract(text, published=date(2025, 3, 27))
    with ceasewatch.Store.open("sqlite:///data/ceasewatch.db", create=True) as store:
        store.init()
        ceasewatch.ingest(store, ["reports/"])
        ceasewatch.process(store)

Names not listed in ``__all__`` are internal and may change without notice.
"""

from .assess import assess, assess_incident
from .commitments import AgreementFileError, load_agreement_file
from .errors import CeasewatchError
from .extract import ExtractionResult, extract
from .geo import geoparse
from .ingest import IngestOptions, IngestSummary
from .ingest import ingest_paths as ingest
from .model import (
    Actor,
    Agreement,
    Assessment,
    Claimant,
    Commitment,
    Count,
    Criterion,
    DateRange,
    Document,
    Effect,
    Incident,
    Mention,
    Place,
    Pledge,
    Position,
    Reading,
    Source,
    Span,
)
from .pipeline import ProcessSummary, process
from .resolve import resolve_incidents
from .store import Store, StoreError

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Agreement",
    "AgreementFileError",
    "Assessment",
    "CeasewatchError",
    "Claimant",
    "Commitment",
    "Count",
    "Criterion",
    "DateRange",
    "Document",
    "Effect",
    "ExtractionResult",
    "Incident",
    "IngestOptions",
    "IngestSummary",
    "Mention",
    "Place",
    "Pledge",
    "Position",
    "ProcessSummary",
    "Reading",
    "Source",
    "Span",
    "Store",
    "StoreError",
    "__version__",
    "assess",
    "assess_incident",
    "extract",
    "geoparse",
    "ingest",
    "load_agreement_file",
    "process",
    "resolve_incidents",
]
