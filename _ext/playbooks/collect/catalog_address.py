"""The catalog's filter as it is written in an address: its one spelling.

The catalog (finding/catalog.py and its static/catalog.js) reads the filter from the
address; the page "Saúde do manual" (site/health.py) writes links to it.  Both take the
names here: the keys of the address (``?categoria=sei&sinal=rascunho``), the value for a
team with no level, and how a link to the catalog is made on any builder (singlehtml's
catalog is a fragment of the one page: the query goes before the ``#``).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..standard import health

#: chip group (catalog.js) -> key in the address
KEYS = {"text": "filtro", "category": "categoria", "team": "nivel", "flag": "sinal"}
#: the value of ``?nivel=`` for a playbook whose team gives no level
NO_TEAM = "nenhum"


def keys_json() -> str:
    """What catalog.js reads (``data-address-keys`` on the catalog)."""
    return json.dumps(KEYS)


def query(flag: str | None = None, group: str | None = None, value: str | None = None) -> str:
    """``?sinal=<flag's param>&<group's key>=<value>`` (``flag``: a flag's name; ``group``:
    ``"category"`` or ``"team"``); empty with neither."""
    params = []
    if flag:
        params.append((KEYS["flag"], health.BY_NAME[flag].param))
    if group and value is not None:
        params.append((KEYS[group], value))
    return "?" + "&".join(f"{key}={quote(str(v), safe='')}" for key, v in params) if params else ""


def link(catalog_uri: str, flag: str | None = None, group: str | None = None, value: str | None = None) -> str:
    """The catalog's address filtered by :func:`query`: ``index.html?sinal=rascunho``, or
    ``?sinal=rascunho#document-index`` where the catalog is a fragment (singlehtml)."""
    page, hash_, fragment = catalog_uri.partition("#")
    return page + query(flag, group, value) + hash_ + fragment
