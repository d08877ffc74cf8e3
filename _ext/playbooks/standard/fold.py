"""Accent- and case-insensitive comparison keys for Portuguese text.

One definition used everywhere (catalog filter data, search index, keyword entries), and
mirrored in JavaScript by ``static/catalog.js`` and the search language code of
``search.py``: decompose (NFKD, so "º" becomes "o"), drop nonspacing marks (Unicode
category Mn), lower-case.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``"Solução Nº 1"`` -> ``"solucao no 1"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def fold_words(text: str) -> str:
    """Folded text with runs of whitespace collapsed to one space."""
    return " ".join(fold(text).split())
