"""Per-document playbook data kept on the build environment.

Modelled on ``sphinx.ext.todo``: entries are keyed by docname, purged when a document is
re-read and merged from parallel readers (only the documents each reader handled).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

ATTRIBUTE = "playbook_records"

# One record (a plain dict, so it pickles) per playbook docname.  Keys, by the module
# that writes them:
#   reading.py   docname, kind, category, title, title_line, sections
#   replies.py   replies: [{"label": str | None, "text": str (text/plain as copied),
#                           "html": str (text/html), "draft": bool,
#                           "placeholders": [str], "line": int | None}],
#                draft: bool (a reply is still under construction)
#   metadata.py  display_title, date (ISO), version (int | None), team, profile,
#                keywords: [str], category_label, section_texts: {heading: text},
#                team_level: "1" | "2" | "3" | None (read from the team text)
#   review.py    review_by: ISO date | None,
#                review_due: bool (past review_by when the page was read; the banner is on it)


def get_records(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    records = getattr(env, ATTRIBUTE, None)
    if records is None:
        records = {}
        setattr(env, ATTRIBUTE, records)
    return records


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    get_records(env).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    mine = get_records(env)
    theirs = get_records(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup(app: Sphinx) -> None:
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
