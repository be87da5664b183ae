"""Offline language identification of an article (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import cache
from typing import Any

import py3langid

# py3langid is unreliable on a handful of words; below this length the script decides.
_MIN_CHARS = 40


@cache
def _identifier() -> Any:
    # Restricting to languages of the news users bring makes short texts far less error-prone.
    ident = py3langid.langid.LanguageIdentifier.from_modelpath(
        py3langid.langid.MODEL_DIR / py3langid.langid.MODEL_FILE
    )
    ident.set_languages(["ar", "en", "fr", "fa", "ur", "tr", "he", "ku", "de", "es", "ru"])
    return ident


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, e.g. ``"ar"``; None for empty text."""
    sample = text[:2000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    if len(sample) < _MIN_CHARS:
        arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
        return "ar" if arabic * 2 >= len(letters) else None
    lang, _ = _identifier().classify(sample)
    return str(lang)
