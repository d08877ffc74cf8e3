"""Review-by dates: ``:revisar-em: 2026-12-31`` at the top of a playbook.

A reply about a temporary situation must be looked at again by a given date.  Past that
date (judged against ``config.today``, i.e. the ``playbook_today`` option or the real
date) the page shows a banner and the build and ``make check`` warn
(``playbook.review_due``); a date that cannot be read is an error
(``playbook.review_date``).  The record gets ``review_by`` (ISO date or None) for the
catalog, and ``review_due`` (whether the banner was added when the page was read) so that
a page is read again when the date passes.
"""

from __future__ import annotations

import datetime
import re

from docutils import nodes

from .names import fold
from .rules import Problem

FIELD = "revisar-em"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BR_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
FIELD_LINE = re.compile(r"^\s*:\s*revisar[\s_-]*em\s*:", re.IGNORECASE)


def _field_name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _fields_of(node: nodes.Node):
    for field in node.findall(nodes.field):
        if len(field) >= 2:
            yield field


def find_field(document: nodes.document) -> tuple[bool, str, int | None]:
    """``(found, value, line)`` of the ``:revisar-em:`` field.

    The field list stands at the top of the file, before the title (where Sphinx turns it
    into document metadata), or as the first thing under the title.
    """
    candidates = []
    index = document.first_child_not_matching_class(nodes.PreBibliographic)
    if index is not None:
        first = document[index]
        if isinstance(first, (nodes.docinfo, nodes.field_list)):
            candidates.append(first)
        elif isinstance(first, nodes.section):
            inner = first.first_child_not_matching_class((nodes.title, nodes.comment, nodes.target))
            if inner is not None and isinstance(first[inner], (nodes.docinfo, nodes.field_list)):
                candidates.append(first[inner])
    for container in candidates:
        for field in _fields_of(container):
            if _field_name_key(field[0].astext()) == FIELD:
                return True, " ".join(field[1].astext().split()), field.line or field[1].line
    return False, "", None


def field_line(lines: list[str] | None, fallback: int | None) -> int | None:
    """The source line of the field (docutils does not always record it)."""
    for number, text in enumerate(lines or (), start=1):
        if FIELD_LINE.match(text):
            return number
    return fallback


def parse_date(value: str) -> tuple[datetime.date | None, str | None]:
    """``(date, None)`` or ``(None, why it cannot be read)`` in Portuguese."""
    if not value:
        return None, f"o campo :{FIELD}: está vazio; escreva a data no formato AAAA-MM-DD (por exemplo 2026-12-31)"
    shown = value if len(value) <= 40 else value[:40] + "…"
    if ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value), None
        except ValueError:
            return None, f"a data '{shown}' em :{FIELD}: não existe no calendário; confira o dia e o mês (AAAA-MM-DD)"
    suggestion = ""
    match = BR_DATE.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            suggestion = f"; escreva :{FIELD}: {datetime.date(year, month, day).isoformat()}"
        except ValueError:
            suggestion = ""
    return None, (f"a data '{shown}' em :{FIELD}: não está no formato AAAA-MM-DD "
                  f"(por exemplo 2026-12-31){suggestion}")


def evaluate(document: nodes.document, lines: list[str] | None, on: datetime.date
             ) -> tuple[datetime.date | None, bool, list[Problem]]:
    """``(review_by, due, problems)`` of a parsed playbook, judged on the date ``on``."""
    found, value, line = find_field(document)
    if not found:
        return None, False, []
    line = field_line(lines, line) or 1
    review_by, error = parse_date(value)
    if error is not None:
        return None, False, [Problem("review_date", error, line)]
    if is_due(review_by, on):
        return review_by, True, [Problem(
            "review_due",
            f"a data de revisão deste playbook ({review_by.isoformat()}) já passou: confira se a "
            f"situação e a resposta ainda valem e atualize :{FIELD}: (ou remova o campo, se a "
            f"situação deixou de ser temporária)",
            line,
        )]
    return review_by, False, []


def banner(review_by: datetime.date) -> nodes.admonition:
    """The notice shown at the top of a page whose review date has passed."""
    node = nodes.admonition(classes=["playbook-review-due", "warning"])
    node += nodes.title("", "Revisão vencida")
    node += nodes.paragraph("", (
        f"Este script deveria ter sido revisado até {review_by.strftime('%d/%m/%Y')}. "
        "Confira se a situação e a resposta ainda valem antes de usá-las."
    ))
    return node


def is_due(review_by: datetime.date | str | None, on: datetime.date) -> bool:
    """Whether a review date (a date or its ISO text) has passed on the date ``on``.

    The one test of "overdue": the analysis, the catalog, the export and the incremental
    rebuild of pages whose date passed all call it.
    """
    if not review_by:
        return False
    if isinstance(review_by, str):
        review_by = datetime.date.fromisoformat(review_by)
    return on > review_by


def insert_banner(doctree: nodes.document, node: nodes.Element) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)
