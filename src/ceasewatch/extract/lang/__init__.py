"""Per-language resources for extraction: lexicons, compiled patterns and number/date readers.

The extraction engine (``ceasewatch.extract._engine``) is language-neutral: everything that depends on the
words of a language lives in a :class:`LanguagePack` registered here under its ISO 639-1 code. A new
language is added by writing a module that builds a pack and calling :func:`register_language`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LANGUAGES", "LanguagePack", "get_language", "register_language"]


@dataclass(frozen=True)
class LanguagePack:
    """Everything language-specific the engine needs. Patterns are compiled once, at import."""

    code: str
    stopwords: frozenset[str]
    # category -> code -> surface phrases (lower case); matched with one Aho-Corasick automaton.
    lexicon: dict[str, dict[str, tuple[str, ...]]]
    parse_number: Callable[[str], int | None]
    patterns: dict[str, Any] = field(default_factory=dict)  # name -> compiled regex (see lang/en.py)
    words: dict[str, Any] = field(default_factory=dict)  # name -> frozenset / dict of plain words


LANGUAGES: dict[str, Callable[[], LanguagePack]] = {}
_LOADED: dict[str, LanguagePack] = {}


def register_language(code: str, factory: Callable[[], LanguagePack]) -> None:
    """Register a factory for ``code``; it runs once, on the first document in that language."""
    LANGUAGES[code] = factory
    _LOADED.pop(code, None)


def get_language(code: str) -> LanguagePack | None:
    if code in _LOADED:
        return _LOADED[code]
    factory = LANGUAGES.get(code)
    if factory is None:
        return None
    pack = factory()
    _LOADED[code] = pack
    return pack


def _english() -> LanguagePack:
    from .en import build

    return build()


register_language("en", _english)
