"""Names derived from titles: file slugs and the core of PEN's title convention.

PEN titles its playbooks ``AAAA.MM.DD-Título-VN`` (``2024.08.29-Processo parado no
status 2-V2``).  The date and the version change with every revision; the part between
them is what the playbook is about.  Slugs and duplicate-title detection use that core.
"""

from __future__ import annotations

import re
import unicodedata

#: Longest slug written; longer titles are cut at a hyphen (file names stay usable).
MAX_SLUG = 120

DATE_PREFIX = re.compile(r"^\s*\d{4}\.\d{1,2}\.\d{1,2}\s*-\s*")
VERSION_SUFFIX = re.compile(r"\s*-\s*[vV]\d+\s*$")


def title_core(title: str) -> str:
    """The title without PEN's ``AAAA.MM.DD-`` prefix and ``-VN`` suffix (each optional)."""
    core = DATE_PREFIX.sub("", title, count=1)
    core = VERSION_SUFFIX.sub("", core, count=1)
    core = " ".join(core.split())
    return core or " ".join(title.split())


def fold(text: str) -> str:
    """Lowercase, no accents (``ç`` -> ``c``, ``ª`` -> ``a``), NFKD compatibility folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """``Acesso externo ao SEI`` -> ``acesso-externo-ao-sei``: lowercase ASCII letters and
    digits, no accents, every other run of characters a single hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    return slug


def title_key(title: str) -> str:
    """Comparison key of two titles: core of the convention, no accents, no punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(title_core(title))).split())
