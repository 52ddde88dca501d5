"""Language identification with py3langid (its model ships inside the package: works offline).

py3langid's cost grows with the text's length (a pure-Python pass over the bytes), so it reads a sample: the
first ``SAMPLE`` characters of the text with whitespace collapsed, which is ample for a news report and keeps
ingest fast (docs/ingest.md, "Performance").
"""

from __future__ import annotations

import re
from functools import lru_cache

SAMPLE = 400
_NON_LETTERS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import py3langid

    return py3langid


def detect_language(text: str, sample: int = SAMPLE) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short or too odd to tell."""
    head = " ".join(text[:sample * 2].split())[:sample]
    if len(_NON_LETTERS.sub("", head)) < 20:
        return None
    code, _score = _identifier().classify(head)
    return str(code)
