"""How dates and long values read on a page (the panel, the catalog): pure text helpers."""

from __future__ import annotations

import datetime


def format_date(iso: str | None) -> str | None:
    if not iso:
        return None
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
