"""Two playbooks with the same title or the same reply template: a likely copy-paste, or
an old version left behind.

Replies are compared on their text/plain (as the copy button produces it, placeholders and
greeting as written), with whitespace collapsed and case folded; drafts and very short
templates are left out.  Each playbook of a group gets a ``playbook.duplicate_reply``
warning at the template's first line, naming the others.

Titles are compared on the core of PEN's convention (``2024.05.06-X-V1`` and
``2024.05.08-X-V2`` are both ``X``), without accents, case or punctuation.  Every
playbook of such a group gets a ``playbook.duplicate_title`` warning at its title naming
the others, in the build (after all documents are read, so incremental and parallel
builds agree) and in ``make check``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .names import title_core, title_key
from .rules import Problem
from .schema import Kind

SUBTYPE = "duplicate_title"
REPLY_SUBTYPE = "duplicate_reply"
#: Shorter templates (a greeting, a name field and a sign-off) are too generic to flag.
MIN_REPLY_CHARS = 120


@dataclass(frozen=True)
class Entry:
    """One playbook's title; ``path`` names it in messages (relative to the source folder)."""

    ident: object
    path: str
    title: str
    line: int | None


def find(entries: list[Entry]) -> dict[object, list[Problem]]:
    """``{ident: [Problem]}`` for every entry whose title another entry also has."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        key = title_key(entry.title) if entry.title else ""
        if key:
            groups[key].append(entry)
    problems: dict[object, list[Problem]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        group = sorted(group, key=lambda e: e.path)
        for entry in group:
            others = ", ".join(
                f"{o.path} (linha {o.line})" if o.line else o.path for o in group if o is not entry
            )
            problems.setdefault(entry.ident, []).append(Problem(
                SUBTYPE,
                f"o título '{title_core(entry.title)}' é o mesmo de {others}: títulos repetidos "
                "costumam ser cópia de outro playbook ou uma versão antiga que ficou; dê a cada "
                "playbook um título próprio ou mantenha só a versão mais recente",
                entry.line,
            ))
    return problems


@dataclass(frozen=True)
class ReplyEntry:
    """One reply template of a playbook."""

    ident: object
    path: str
    label: str | None
    text: str
    line: int | None


def reply_key(text: str) -> str:
    """Comparison key of a reply's text/plain ("" when too short to compare)."""
    key = " ".join(text.split()).casefold()
    return key if len(key) >= MIN_REPLY_CHARS else ""


def find_replies(entries: list[ReplyEntry]) -> dict[object, list[Problem]]:
    """``{ident: [Problem]}`` for reply templates that stand in two or more playbooks."""
    groups: dict[str, list[ReplyEntry]] = defaultdict(list)
    for entry in entries:
        key = reply_key(entry.text)
        if key:
            groups[key].append(entry)
    problems: dict[object, list[Problem]] = {}
    for group in groups.values():
        if len({entry.ident for entry in group}) < 2:
            continue  # the same text twice in one playbook is that playbook's business
        group = sorted(group, key=lambda e: (e.path, e.line or 0))
        for entry in group:
            others = ", ".join(
                f"{o.path} (linha {o.line})" if o.line else o.path
                for o in group if o.ident != entry.ident
            )
            name = f"o modelo de resposta '{entry.label}'" if entry.label else "o modelo de resposta"
            problems.setdefault(entry.ident, []).append(Problem(
                REPLY_SUBTYPE,
                f"{name} é igual ao de {others}: provavelmente foi copiado; se a situação é a "
                "mesma, mantenha um só playbook, senão adapte a resposta a esta situação",
                entry.line,
            ))
    return problems


def _is_adornment(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) >= 2 and len(set(stripped)) == 1 and not stripped[0].isalnum() and not stripped[0].isspace()


def quick_title(text: str, kind: Kind | None = None) -> tuple[str, int] | None:
    """The document title of a playbook read from its first lines, without parsing it.

    ``make check FILES=...`` compares the files it checks with every other playbook of the
    handbook; parsing a thousand files for their titles would cost seconds.  This reads
    the usual layouts (optional comments and field list, then a title with an underline,
    or with an overline too).  Returns ``(title, line)`` or None.
    """
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("..") and not _is_adornment(line):
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"):
                i += 1
        elif line.startswith(":") and not _is_adornment(line):
            i += 1
            while i < len(lines) and lines[i][:1] in " \t" and lines[i].strip():
                i += 1
        else:
            break
    if i >= len(lines):
        return None
    found = None
    if _is_adornment(lines[i]) and i + 2 < len(lines) and lines[i + 1].strip() and _is_adornment(lines[i + 2]):
        found = (" ".join(lines[i + 1].split()), i + 2)
    elif i + 1 < len(lines) and _is_adornment(lines[i + 1]) and not lines[i][:1].isspace():
        found = (" ".join(lines[i].split()), i + 1)
    if found is None or (kind is not None and kind.matches(found[0])):
        return None  # no document title: the file starts with one of its sections
    return found
