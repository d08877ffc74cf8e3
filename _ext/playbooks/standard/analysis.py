"""One analysis of a parsed playbook: the only place where a playbook is judged.

:func:`analyse` takes a docutils doctree (parsed by Sphinx in the build, by plain docutils in
``make check``, the writer's guide and ``make import``) and returns an :class:`Analysis`:
its kind and outline, every rule report (:class:`~.rules.Problem`, whose severity is in
:mod:`.registry`), its metadata, its reply templates and its review date.  The Sphinx
collector (``collect/collector.py``), ``make check`` (``writers/check.py``), the guide's
examples (``writers/guide.py``) and ``make import`` (``writers/importer.py``) all call it, so a
rule, a severity or a date test exists once.  Docutils only: it never imports Sphinx.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from docutils import nodes

from ..replies.extract import Template, templates_for
from ..replies.grammar import Grammar
from . import metadata, review
from .outline import Outline, build_outline
from .reply_checks import reply_problems
from .rules import Problem, category_problem, check_outline
from .schema import Kind


@dataclass(frozen=True)
class Metadata:
    """What the panel, the catalog, search and the export show of a playbook."""

    display_title: str
    date: datetime.date | None
    version: int | None
    team: str | None
    team_level: str | None
    profile: str | None
    keywords: list[str]
    #: readable text of each top-level section, by canonical heading
    section_texts: dict[str, str]


@dataclass
class Analysis:
    kind: Kind
    outline: Outline
    #: every break of the standard found in the file (rule order: title and sections,
    #: metadata, review date)
    problems: list[Problem]
    metadata: Metadata
    templates: list[Template]
    review_by: datetime.date | None
    #: the review date has passed (judged against the ``today`` given to :func:`analyse`)
    review_due: bool
    #: a reply template is still under construction (shown as such, not a warning)
    draft: bool = field(init=False)

    def __post_init__(self) -> None:
        self.draft = any(template.draft for template in self.templates)


def analyse(document: nodes.document, kind: Kind, lines: list[str] | None, *,
            today: datetime.date, uncategorised_root: str | None = None,
            grammar: Grammar | None = None,
            prepare_reply: Callable[[nodes.section], None] | None = None) -> Analysis:
    """Judge ``document`` (a playbook of ``kind``; ``lines`` is its source).

    ``uncategorised_root``: the playbook folder's name when the file sits in it but outside
    any category folder (reported as ``playbook.category``), else None.  ``grammar``: the
    reply grammar configured in conf.py (PEN's by default).  ``prepare_reply`` is called on
    the reply section before its templates are read (``make check`` makes its quotes
    typographic there, as the build does for the whole page).
    """
    outline = build_outline(document, kind, lines)
    problems = check_outline(outline, kind)
    if uncategorised_root is not None:
        problems.insert(0, category_problem(uncategorised_root))
    problems += metadata.metadata_problems(outline, kind)
    review_by, due, review_problems = review.evaluate(document, lines, today)
    problems += review_problems
    if prepare_reply is not None and kind.reply:
        heading = outline.first(kind, kind.reply)
        if heading is not None:
            prepare_reply(heading.section)
    templates = templates_for(outline, kind, grammar)
    problems += reply_problems(templates)  # parenthesised placeholders, instructions
    return Analysis(
        kind=kind,
        outline=outline,
        problems=problems,
        metadata=Metadata(**metadata.collect(outline, kind)),
        templates=templates,
        review_by=review_by,
        review_due=due,
    )
