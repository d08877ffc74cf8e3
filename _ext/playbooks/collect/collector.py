"""The Sphinx side of the standard: each playbook is analysed once, when it is read.

At ``doctree-read`` (before Sphinx's own collectors, priority 400) :func:`read_playbook` runs
:func:`playbooks.standard.analysis.analyse` on the doctree, reports every problem through
the registry (:mod:`.warnings`), writes the playbook's record (:func:`.records.make_record`)
and applies what the analysis decided to the page: the title without PEN's date and
version, the review banner, the keyword entries of the index.  Nothing else in the
extension judges a playbook.  After all documents are read, the cross-document rules
(duplicate titles and replies) run on the records.
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..files.sources import SourceError, decode, normalize_text
from ..replies.grammar import Grammar
from ..standard import duplicates, review
from ..standard.analysis import analyse
from . import keywords_index
from .config import category_label, is_playbook, playbook_category, schema_from, today
from .records import get_records, make_record
from .warnings import emit

LINES_KEY = "playbook_source_lines"
#: the analysis's reply templates, for ``reply_blocks/page.wrap_templates`` later in doctree-read
TEMPLATES_KEY = "playbook_reply_templates"


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Drop sources that are not UTF-8, each with one clear error, before Sphinx reads them.

    Sphinx itself would stop the whole build with a traceback on the first such file.
    """
    bad = []
    for docname in docnames:
        try:
            data = env.doc2path(docname).read_bytes()
        except OSError:
            continue
        try:
            decode(data)
        except SourceError as error:
            emit("encoding", error.message, (docname, error.line))
            bad.append(docname)
    for docname in bad:
        docnames.remove(docname)
        env.project.docnames.discard(docname)


def normalize_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """NFC and plain line ends for every page; keep the lines to explain heading underlines."""
    source[0] = normalize_text(source[0])
    if is_playbook(app.config, docname):
        app.env.current_document[LINES_KEY] = source[0].split("\n")


def _document_title(doctree: nodes.document) -> nodes.title | None:
    for child in doctree.children:
        if isinstance(child, nodes.title):
            return child
        if isinstance(child, nodes.section):
            return child[0] if child.children and isinstance(child[0], nodes.title) else None
    return None


def read_playbook(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not is_playbook(app.config, docname):
        return
    category = playbook_category(app.config, docname)
    kind = schema_from(app.config).kind_for_category(category)
    analysis = analyse(doctree, kind, env.current_document.get(LINES_KEY), today=today(app.config),
                       uncategorised_root=app.config.playbook_root if category is None else None,
                       grammar=Grammar.from_config(app.config))
    for problem in analysis.problems:
        emit(problem.subtype, problem.message, (docname, problem.line))
    record = make_record(docname, category, category_label(app.config, category), analysis,
                         app.config.playbook_search_situation_sections)
    get_records(env)[docname] = record
    env.current_document[TEMPLATES_KEY] = analysis.templates  # split once, wrapped once
    # Show the parsed title everywhere (page, env.titles, search, catalog): rewrite the
    # title node before Sphinx's TitleCollector (priority 500) reads it.
    title = _document_title(doctree)
    outline = analysis.outline
    if title is not None and outline.title and analysis.metadata.display_title != outline.title:
        title[:] = [nodes.Text(analysis.metadata.display_title)]
    if analysis.review_due:
        review.insert_banner(doctree, review.banner(analysis.review_by))
    keywords_index.add_keyword_entries(env, docname, doctree, record)


def outdated(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Pages whose review date passed (or stopped being past) since they were read."""
    on = today(app.config)
    return [docname for docname, record in get_records(env).items()
            if docname not in removed and docname not in changed
            and review.is_due(record.get("review_by"), on) != bool(record.get("review_due"))]


def _source_path(env: BuildEnvironment, docname: str) -> str:
    return os.path.relpath(env.doc2path(docname), env.srcdir).replace(os.sep, "/")


def find_duplicates(env: BuildEnvironment) -> tuple[dict, dict]:
    """``(titles, replies)``: ``{docname: [Problem]}`` of the titles and of the reply
    templates that two playbooks share, from the records (the warnings of
    :func:`check_duplicates`; the flags of ``collect/health.py``)."""
    records = sorted(get_records(env).items())
    titles = [duplicates.Entry(docname, _source_path(env, docname), record["title"], record["title_line"])
              for docname, record in records if record.get("title_line")]
    replies = [duplicates.ReplyEntry(docname, _source_path(env, docname), reply.get("label"),
                                     reply.get("text", ""), reply.get("line"))
               for docname, record in records for reply in record.get("replies") or []
               if not reply.get("draft")]
    return duplicates.find(titles), duplicates.find_replies(replies)


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """Titles and reply templates that two playbooks share (after every document is read,
    so incremental and parallel builds agree)."""
    for found in find_duplicates(env):
        for docname, problems in sorted(found.items()):
            for problem in problems:
                emit(problem.subtype, problem.message, (docname, problem.line))


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_encodings)
    app.connect("source-read", normalize_source)
    # Before Sphinx's collectors (500): its TitleCollector reads the rewritten title and its
    # metadata collector removes the top field list that holds :revisar-em:.
    app.connect("doctree-read", read_playbook, priority=400)
    app.connect("env-get-outdated", outdated)
    app.connect("env-check-consistency", check_duplicates)
