"""Content health: what the handbook's maintainers must fix next, as fixed flag names.

One pure function decides the flags of a playbook (:func:`flags`), from the few facts the
one analysis gives (:func:`facts`, kept in the playbook's record by the build), the date
it is judged on, the review window and whether its title or a reply is shared with
another playbook.  ``make report`` (``writers/report.py``), the catalog's marks and
``?sinal=`` filter (``finding/catalog.py``) and the page "Saúde do manual"
(``site/health.py``) all call it, so a flag is decided in one place.  Docutils only: it
never imports Sphinx.

The flag names are fixed (dashboards read them); each has a Portuguese name for the
catalog's address (``?sinal=rascunho``) and a label for people.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypedDict

from . import review

#: Default of ``playbook_review_soon_days``: a review date this close is "soon".
REVIEW_SOON_DAYS = 30


def soon_days_problem(value) -> str | None:
    """Why ``playbook_review_soon_days`` cannot be used (in Portuguese), or None."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return (f"playbook_review_soon_days = {value!r} em conf.py: use um número inteiro de dias, "
                "0 ou mais (por exemplo 30)")
    return None


@dataclass(frozen=True)
class Flag:
    #: the fixed name (JSON, CSV, dashboards)
    name: str
    #: the name in the catalog's address (``?sinal=<param>``)
    param: str
    #: what people read (tables, chart, catalog)
    label: str
    #: how much it weighs when the report lists the worst playbooks first
    weight: int
    #: one line in Portuguese: what it means and what to do
    description: str
    #: alone, it asks nothing of the maintainers (a playbook without ``:revisar-em:`` is
    #: normal: the guide asks for the date only for temporary situations); it is counted,
    #: and weighs in the order, but ``make report`` does not list a playbook for it alone
    informational: bool = False


FLAGS: tuple[Flag, ...] = (
    Flag("draft", "rascunho", "Rascunho", 5,
         "um modelo de resposta ainda diz \"em construção\""),
    Flag("review_overdue", "revisao-vencida", "Revisão vencida", 5,
         "a data de `:revisar-em:` já passou"),
    Flag("review_soon", "revisao-proxima", "Revisão próxima", 1,
         "a data de `:revisar-em:` chega dentro de `playbook_review_soon_days` dias"),
    Flag("no_review_date", "sem-data-de-revisao", "Sem data de revisão", 1,
         "sem `:revisar-em:` (ou com uma data que não se lê); normal se a situação não é temporária",
         informational=True),
    Flag("team_missing", "sem-equipe", "Sem equipe", 3,
         "a seção de atribuições está vazia, diz N/A ou ainda traz a instrução \"(Indicar …)\""),
    Flag("profile_missing", "sem-perfil", "Sem perfil", 2,
         "o perfil do usuário está vazio, diz N/A ou ainda traz a instrução \"(Indicar …)\""),
    Flag("reply_instruction", "instrucao-na-resposta", "Instrução na resposta", 3,
         "uma instrução ao atendente (\"(Indicar como …)\") ficou dentro do modelo de resposta"),
    Flag("placeholder_form", "campo-entre-parenteses", "Campo entre parênteses", 1,
         "um campo da resposta está entre parênteses em vez de colchetes"),
    Flag("duplicate_title", "titulo-repetido", "Título repetido", 3,
         "outro playbook tem o mesmo título"),
    Flag("duplicate_reply", "resposta-repetida", "Resposta repetida", 3,
         "outro playbook tem o mesmo modelo de resposta"),
    Flag("no_keywords", "sem-palavras-chave", "Sem palavras-chave", 2,
         "a seção de palavras-chave está vazia"),
    Flag("no_reply", "sem-resposta", "Sem resposta para copiar", 4,
         "a seção de resposta não tem nenhum modelo que o atendente possa copiar"),
)

NAMES: tuple[str, ...] = tuple(flag.name for flag in FLAGS)
BY_NAME: dict[str, Flag] = {flag.name: flag for flag in FLAGS}
BY_PARAM: dict[str, Flag] = {flag.param: flag for flag in FLAGS}


class Facts(TypedDict):
    """What :func:`flags` needs of one playbook: small, kept in the build's record."""

    draft: bool
    review_by: str | None  # ISO date of ``:revisar-em:``
    #: the kind declares the section (a ``procedimento`` has no profile or keywords)
    team_expected: bool
    team: bool  # a team is given (not empty, N/A or the template's instruction)
    profile_expected: bool
    profile: bool
    keywords_expected: bool
    keywords: int
    reply_expected: bool
    #: templates an agent can copy (not under construction, with text)
    copyable_replies: int
    reply_instruction: bool
    placeholder_form: bool


def facts(analysis) -> Facts:
    """The facts of one :class:`~.analysis.Analysis` (the build keeps them in the record)."""
    kind, meta = analysis.kind, analysis.metadata
    subtypes = {problem.subtype for problem in analysis.problems}
    return Facts(
        draft=bool(analysis.draft),
        review_by=analysis.review_by.isoformat() if analysis.review_by else None,
        team_expected=bool(kind.team),
        team=meta.team is not None,
        profile_expected=bool(kind.profile),
        profile=meta.profile is not None,
        keywords_expected=bool(kind.keywords),
        keywords=len(meta.keywords),
        reply_expected=bool(kind.reply),
        copyable_replies=sum(1 for t in analysis.templates if not t.draft and t.text.strip()),
        reply_instruction="reply_instruction" in subtypes,
        placeholder_form="placeholder_form" in subtypes,
    )


def flags(facts: Mapping, *, today: datetime.date, soon_days: int = REVIEW_SOON_DAYS,
          duplicate_title: bool = False, duplicate_reply: bool = False) -> list[str]:
    """The flags of one playbook, in the order of :data:`FLAGS` (the one decision)."""
    found: set[str] = set()
    if facts.get("draft"):
        found.add("draft")
    review_by = facts.get("review_by")
    if not review_by:
        found.add("no_review_date")
    elif review.is_due(review_by, today):
        found.add("review_overdue")
    elif (datetime.date.fromisoformat(review_by) - today).days <= soon_days:
        found.add("review_soon")
    if facts.get("team_expected") and not facts.get("team"):
        found.add("team_missing")
    if facts.get("profile_expected") and not facts.get("profile"):
        found.add("profile_missing")
    if facts.get("reply_instruction"):
        found.add("reply_instruction")
    if facts.get("placeholder_form"):
        found.add("placeholder_form")
    if duplicate_title:
        found.add("duplicate_title")
    if duplicate_reply:
        found.add("duplicate_reply")
    if facts.get("keywords_expected") and not facts.get("keywords"):
        found.add("no_keywords")
    # A reply still under construction is "draft": "no_reply" is a finished section
    # (or none at all) without a single template to copy.
    if facts.get("reply_expected") and not facts.get("copyable_replies") and not facts.get("draft"):
        found.add("no_reply")
    return [name for name in NAMES if name in found]


def weight(names: Iterable[str]) -> int:
    return sum(BY_NAME[name].weight for name in names)


# --- Figures -------------------------------------------------------------------------------


class Row(TypedDict):
    """One playbook of the report (``make report FORMAT=json``'s ``playbooks`` items)."""

    path: str  # relative to the source folder
    title: str
    category: str
    kind: str
    team: str | None
    flags: list[str]


def counts(rows: Iterable[Mapping]) -> dict[str, int]:
    """``{flag: number of playbooks with it}``, every flag present (0 when none)."""
    result = dict.fromkeys(NAMES, 0)
    for row in rows:
        for name in row["flags"]:
            result[name] += 1
    return result


def by_group(rows: Iterable[Mapping], key) -> dict[str, dict[str, int]]:
    """``{group: {flag: n, ..., "playbooks": n}}`` for ``key(row)`` (sorted by group)."""
    groups: dict[str, list[Mapping]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return {name: {**counts(items), "playbooks": len(items)} for name, items in sorted(groups.items())}


def worst_first(rows: Iterable[Mapping]) -> list[Mapping]:
    """The playbooks with any flag, the heaviest flags first (then by path)."""
    return sorted((row for row in rows if row["flags"]),
                  key=lambda row: (-weight(row["flags"]), -len(row["flags"]), row["path"]))


def needs_action(row: Mapping) -> bool:
    """A flag that asks something of the maintainers (not only informational ones)."""
    return any(not BY_NAME[name].informational for name in row["flags"])


def summary(rows: list[Mapping]) -> dict:
    """``make report FORMAT=json``: ``{"playbooks", "totals", "by_category"}``."""
    ordered = sorted(rows, key=lambda row: row["path"])
    return {
        "playbooks": [dict(row) for row in ordered],
        "totals": counts(ordered),
        "by_category": by_group(ordered, lambda row: row["category"]),
    }
