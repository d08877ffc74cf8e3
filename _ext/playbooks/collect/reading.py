"""Sphinx reading phase: decode sources, validate each playbook, record what it holds."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .config import is_playbook, playbook_category, schema_from
from ..standard.outline import build_outline
from .records import get_records
from ..standard.sources import SourceError, decode, normalize_text
from ..standard.rules import category_problem, check_outline

logger = logging.getLogger(__name__)

LINES_KEY = "playbook_source_lines"
OUTLINE_KEY = "playbook_outline"


def current_playbook(env: BuildEnvironment):
    """During ``doctree-read`` (after this module's handler): ``(outline, kind)`` of the
    playbook being read, or None for other pages.  Other modules of the extension connect
    their own ``doctree-read`` handlers with a later priority and add to the record."""
    return env.current_document.get(OUTLINE_KEY)


def warn(message: str, subtype: str, docname: str, line: int | None) -> None:
    logger.warning(message, type="playbook", subtype=subtype, location=(docname, line))


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
            warn(error.message, "encoding", docname, error.line)
            bad.append(docname)
    for docname in bad:
        docnames.remove(docname)
        env.project.docnames.discard(docname)


def normalize_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """NFC and plain line ends for every page; keep the lines to explain heading underlines."""
    source[0] = normalize_text(source[0])
    if is_playbook(app.config, docname):
        app.env.current_document[LINES_KEY] = source[0].split("\n")


def read_playbook(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if not is_playbook(app.config, docname):
        return
    lines = env.current_document.get(LINES_KEY)
    schema = schema_from(app.config)
    category = playbook_category(app.config, docname)
    kind = schema.kind_for_category(category)
    outline = build_outline(doctree, kind, lines)
    env.current_document[OUTLINE_KEY] = (outline, kind)
    problems = check_outline(outline, kind)
    if category is None:
        problems.insert(0, category_problem(app.config.playbook_root))
    for problem in problems:
        warn(problem.message, problem.subtype, docname, problem.line)
    get_records(env)[docname] = {
        "docname": docname,
        "kind": kind.name,
        "category": category,
        "title": outline.title or docname.rsplit("/", 1)[-1],
        "title_line": outline.title_line,
        "sections": [h.text for h in outline.headings if h.depth == 1],
    }


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_encodings)
    app.connect("source-read", normalize_source)
    # Priority 400: before the other modules' doctree-read handlers (default 500).
    app.connect("doctree-read", read_playbook, priority=400)
