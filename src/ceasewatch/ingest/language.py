"""Language identification with py3langid (its model ships inside the package: works offline)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import py3langid

    return py3langid


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short or too odd to tell."""
    sample = text[:4000].strip()
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, _score = _identifier().classify(sample)
    return str(code)
