"""Content-health flags of every playbook in the build, from the records on the environment.

The flags are decided by :func:`playbooks.standard.health.flags` (the function ``make
report`` calls on its own reading) from the facts each record keeps
(``record["health"]``, written by :func:`.records.make_record` from the one analysis), the
date of the build (``playbook_today``), ``playbook_review_soon_days`` and the duplicate
titles and replies the collector finds across the records.  The catalog
(``finding/catalog.py``: its marks and its ``?sinal=`` filter) and the page "Saúde do
manual" (``site/health.py``) both read them from here, at write time, so they never
disagree and stay right in incremental and parallel builds.
"""

from __future__ import annotations

import os

from sphinx.environment import BuildEnvironment

from ..standard import health
from .collector import find_duplicates
from .config import today
from .records import get_records


def playbook_flags(env: BuildEnvironment, config) -> dict[str, list[str]]:
    """``{docname: [flag, ...]}`` of every playbook (flags in ``health.NAMES`` order)."""
    titles, replies = find_duplicates(env)
    on = today(config)
    soon = config.playbook_review_soon_days
    return {
        docname: health.flags(record.get("health") or {}, today=on, soon_days=soon,
                              duplicate_title=docname in titles, duplicate_reply=docname in replies)
        for docname, record in sorted(get_records(env).items())
    }


def health_rows(env: BuildEnvironment, config) -> list[dict]:
    """The report's rows (``make report FORMAT=json``'s ``playbooks``) of the build, each
    with its ``docname`` and the labels it is shown with."""
    flags = playbook_flags(env, config)
    records = get_records(env)
    rows = []
    for docname in sorted(records):
        record = records[docname]
        rows.append({
            "path": os.path.relpath(env.doc2path(docname), env.srcdir).replace(os.sep, "/"),
            "title": record.get("display_title") or record.get("title") or docname,
            "category": record.get("category") or "",
            "kind": record.get("kind"),
            "team": record.get("team"),
            "flags": flags[docname],
            "docname": docname,
            "category_label": record.get("category_label") or "Sem categoria",
            "team_level": record.get("team_level"),
        })
    rows.sort(key=lambda row: row["path"])
    return rows
