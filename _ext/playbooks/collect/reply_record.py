"""Fills the ``replies`` and ``draft`` keys of each playbook record (see records.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .reading import current_playbook
from .records import get_records
from ..replies.extract import templates_for
from ..replies.grammar import Grammar
from ..replies.notes import reply_problems
from .reading import warn


def collect_replies(app: Sphinx, doctree: nodes.document) -> None:
    current = current_playbook(app.env)
    if current is None:
        return
    record = get_records(app.env).get(app.env.docname)
    if record is None:
        return
    outline, kind = current
    templates = templates_for(outline, kind, Grammar.from_config(app.config))
    record["replies"] = [template.as_record() for template in templates]
    # The fields of each template, with their names (playbooks.json lists them).
    record["reply_fields"] = [[slot.field_record() for slot in template.fields] for template in templates]
    for problem in reply_problems(templates):
        warn(problem.message, problem.subtype, app.env.docname, problem.line)
    # A reply still under construction makes the playbook a draft: shown as such, no warning.
    record["draft"] = any(template.draft for template in templates)


def setup(app: Sphinx) -> None:
    # Default priority (500): after reading.read_playbook (400) created the record.
    app.connect("doctree-read", collect_replies)
