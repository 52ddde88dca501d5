"""Commitments as data: the agreement file format, its JSON Schema, loading and validation.

An agreement file (YAML or JSON) describes an agreement, its commitments and each party's reading of them;
see docs/agreements.md. Loading is all-or-nothing: an invalid file raises AgreementFileError naming the file,
line, column and field, and nothing from it is loaded.
"""

from .convert import agreement_from_dict, agreement_to_dict, validate_raw
from .errors import AgreementFileError, Problem
from .loader import (
    LoadedAgreement,
    bundled_agreement_paths,
    check_versions,
    load_agreement_file,
    load_agreement_files,
    load_agreement_text,
    load_bundled,
)
from .schema import FORMAT_ID, agreement_schema
from .scope import (
    area_relation,
    date_range_bounds,
    interval_relation,
    place_in_scope,
    point_in_geojson,
    window_bounds,
    window_contains,
)

__all__ = [
    "FORMAT_ID",
    "AgreementFileError",
    "LoadedAgreement",
    "Problem",
    "agreement_from_dict",
    "agreement_schema",
    "agreement_to_dict",
    "area_relation",
    "bundled_agreement_paths",
    "check_versions",
    "date_range_bounds",
    "interval_relation",
    "load_agreement_file",
    "load_agreement_files",
    "load_agreement_text",
    "load_bundled",
    "place_in_scope",
    "point_in_geojson",
    "validate_raw",
    "window_bounds",
    "window_contains",
]
