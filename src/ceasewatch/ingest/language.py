"""Language identification with py3langid (its model ships inside the package: works offline).

py3langid's cost grows with the text's length (a pure-Python pass over the bytes), so it reads a sample: the
first ``SAMPLE`` characters of the text with whitespace collapsed, which is ample for a news report and keeps
ingest fast (docs/ingest.md, "Performance").

The identifier is our own instance of py3langid's model with its feature table widened from float16 to
float32 once per process: numpy has no fast float16 arithmetic, and the widened table gives bit-identical
scores (every float16 is exact in float32) at a third of the cost (~0.02 instead of ~0.07 ms a report).
It costs ~57 MB per process, loaded once (before the worker processes fork, so they share it); py3langid's
own module-level identifier is left alone for the other stages.
"""

from __future__ import annotations

import re
from functools import lru_cache

SAMPLE = 400
_NON_LETTERS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    try:
        if ident.nb_ptc.dtype == np.float16:
            ident.nb_ptc = ident.nb_ptc.astype(np.float32)
            ident._full_model = (ident.nb_ptc, ident.nb_pc, ident.nb_classes)
    except (AttributeError, TypeError):  # another py3langid layout: use it as it is
        pass
    return ident


def warm_up() -> None:
    """Load the model now (in the parent, before worker processes fork and share it)."""
    _identifier()


def detect_language(text: str, sample: int = SAMPLE) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short or too odd to tell."""
    head = " ".join(text[:sample * 2].split())[:sample]
    # at least 20 letters: the opening 80 characters usually settle it, the whole head only when they do not
    if len(_NON_LETTERS.sub("", head[:80])) < 20 and len(_NON_LETTERS.sub("", head)) < 20:
        return None
    code, _score = _identifier().classify(head)
    return str(code)
