"""Per-document playbook data kept on the build environment.

Modelled on ``sphinx.ext.todo``: entries are keyed by docname, purged when a document is
re-read and merged from parallel readers (only the documents each reader handled).

A record is a :class:`PlaybookRecord` (a plain dict at run time, so it pickles small and
every reader keeps using ``record["keywords"]``); :func:`make_record` is the only place that
writes one, from the playbook's :class:`~playbooks.standard.analysis.Analysis`.
"""

from __future__ import annotations

from typing import TypedDict

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..standard import health
from ..standard.analysis import Analysis
from .search_words import situation_words

ATTRIBUTE = "playbook_records"


class ReplyRecord(TypedDict):
    label: str | None
    #: text/plain as the copy button writes it (placeholders and greeting as written)
    text: str
    #: text/html flavour
    html: str
    draft: bool
    placeholders: list[str]
    line: int | None


class FieldRecord(TypedDict):
    """One field of a reply template (replies/grammar.py), once per value."""

    key: str
    #: the accessible name ("nome do usuário", "número do chamado")
    name: str
    written: str
    form: str  # "bracket" | "paren" | "blank" | "mask"
    #: the agent's own name (remembered by the browser)
    agent: bool


class PlaybookRecord(TypedDict):
    docname: str
    kind: str
    category: str | None
    category_label: str
    #: the document title as written, and its line
    title: str
    title_line: int | None
    #: top-level section headings as written
    sections: list[str]
    #: title without PEN's date and version (``AAAA.MM.DD-Título-VN``)
    display_title: str
    date: str | None  # ISO date of the title's version
    version: int | None
    team: str | None
    team_level: str | None  # "1" | "2" | "3"
    profile: str | None
    keywords: list[str]
    section_texts: dict[str, str]
    #: index keys of the situation sections' words (finding/search.py, situation_words)
    situation_words: list[str]
    replies: list[ReplyRecord]
    #: the fields of each reply, in the order of ``replies`` (playbooks.json lists them)
    reply_fields: list[list[FieldRecord]]
    #: a reply is still under construction
    draft: bool
    review_by: str | None  # ISO date of ``:revisar-em:``
    #: the review date had passed when the page was read (the banner is on the page)
    review_due: bool
    #: what the content-health flags are decided from (standard/health.py, collect/health.py)
    health: health.Facts


def make_record(docname: str, category: str | None, category_label: str,
                analysis: Analysis, situation_sections=()) -> PlaybookRecord:
    outline, meta = analysis.outline, analysis.metadata
    title = outline.title or docname.rsplit("/", 1)[-1]
    display_title = meta.display_title or title
    return PlaybookRecord(
        docname=docname,
        kind=analysis.kind.name,
        category=category,
        category_label=category_label,
        title=title,
        title_line=outline.title_line,
        sections=[h.text for h in outline.headings if h.depth == 1],
        display_title=display_title,
        date=meta.date.isoformat() if meta.date else None,
        version=meta.version,
        team=meta.team,
        team_level=meta.team_level,
        profile=meta.profile,
        keywords=list(meta.keywords),
        section_texts=dict(meta.section_texts),
        situation_words=situation_words(meta.section_texts, situation_sections,
                                        [display_title, *meta.keywords]),
        replies=[ReplyRecord(**template.as_record()) for template in analysis.templates],
        reply_fields=[[FieldRecord(**slot.field_record()) for slot in template.fields]
                      for template in analysis.templates],
        draft=analysis.draft,
        review_by=analysis.review_by.isoformat() if analysis.review_by else None,
        review_due=analysis.review_due,
        health=health.facts(analysis),
    )


def get_records(env: BuildEnvironment) -> dict[str, PlaybookRecord]:
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
