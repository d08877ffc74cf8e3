"""Fills the ``replies`` and ``draft`` keys of each playbook record (see records.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .reading import current_playbook
from .records import get_records
from ..replies.extract import templates_for


def collect_replies(app: Sphinx, doctree: nodes.document) -> None:
    current = current_playbook(app.env)
    if current is None:
        return
    record = get_records(app.env).get(app.env.docname)
    if record is None:
        return
    outline, kind = current
    templates = templates_for(outline, kind)
    record["replies"] = [template.as_record() for template in templates]
    # A reply still under construction makes the playbook a draft: shown as such, no warning.
    record["draft"] = any(template.draft for template in templates)


def setup(app: Sphinx) -> None:
    # Default priority (500): after reading.read_playbook (400) created the record.
    app.connect("doctree-read", collect_replies)
