"""Extraction stage: from a report's text to event Mentions, Positions and Pledges, each field justified by
character spans of the text.

Rules and lexicons only (no models): per-language resources live in ``ceasewatch.extract.lang`` and are
registered by ISO 639-1 code; English is built in. See docs/extraction.md for every rule and convention.
"""

from ._dates import weekday_on_or_before
from ._language import detect_language
from ._pipeline import ExtractionResult, extract
from .lang import LANGUAGES, LanguagePack, get_language, register_language

__all__ = [
    "LANGUAGES",
    "ExtractionResult",
    "LanguagePack",
    "detect_language",
    "extract",
    "get_language",
    "register_language",
    "weekday_on_or_before",
]
