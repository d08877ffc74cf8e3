"""The validation core: checks a parsed playbook against its kind.

Both the Sphinx extension and the standalone checker call :func:`validate`; it only
reads the doctree (and, to explain nesting, the adornment characters of the headings).
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from .outline import Heading, Outline, build_outline, is_empty
from .schema import Kind, normalize_heading


@dataclass(frozen=True)
class Problem:
    """One break of the standard, reported as ``path:line: WARNING: message [playbook.subtype]``."""

    subtype: str
    message: str
    line: int | None


def validate(document: nodes.document, kind: Kind, lines: list[str] | None = None) -> list[Problem]:
    """Check ``document`` against ``kind``; ``lines`` (the source) lets messages name underlines."""
    outline = build_outline(document, kind, lines)
    return check_outline(outline, kind)


def check_outline(outline: Outline, kind: Kind) -> list[Problem]:
    problems: list[Problem] = []
    title_line = outline.title_line or 1

    if outline.title is None:
        problems.append(Problem(
            "title",
            "o playbook não tem título de documento: a primeira linha deve ser o título, "
            "sublinhado com '=' (por exemplo 'Suporte ao SEI' e, na linha de baixo, '==============')",
            outline.headings[0].line if outline.headings else 1,
        ))
    for extra in outline.extra_titles:
        if kind.matches(extra.text):
            problems.append(Problem(
                "title",
                f"a seção '{extra.text}' está no nível do título do documento: o sublinhado "
                f"{_quote(extra.underline)} é o mesmo do título; use o caractere das demais seções"
                f"{_section_char_hint(outline)}",
                extra.line,
            ))
        else:
            problems.append(Problem(
                "title",
                f"o playbook tem mais de um título de documento ('{extra.text}'); deixe um só título "
                f"no início e sublinhe as seções com outro caractere{_section_char_hint(outline)}",
                extra.line,
            ))

    seen: dict[int, Heading] = {}  # required index -> first heading
    sequence: list[tuple[int, Heading]] = []  # (required index, heading) of first occurrences
    nested_ids = {id(h.section) for h in outline.headings if h.depth > 1}
    misspelled: set[int] = set()
    pending_unknown: list[tuple[Heading, str | None]] = []

    for heading in outline.headings:
        index = kind.index_of(heading.text)
        optional = index is None and kind.is_optional(heading.text)
        if heading.depth > 1 and (index is not None or optional):
            problems.append(Problem("nested_section", _nested_message(heading, outline), heading.line))
        if index is None and not optional:
            if heading.depth == 1:
                suggestion = kind.suggest(heading.text)
                if suggestion is not None and kind.index_of(suggestion) is not None:
                    misspelled.add(kind.index_of(suggestion))
                pending_unknown.append((heading, suggestion))
            continue
        if index is not None:
            if index in seen:
                first = seen[index]
                problems.append(Problem(
                    "duplicate_section",
                    f"a seção '{kind.sections[index]}' aparece mais de uma vez (a primeira está na "
                    f"linha {first.line}); junte o conteúdo em uma só seção",
                    heading.line,
                ))
                continue
            seen[index] = heading
            sequence.append((index, heading))
        if is_empty(heading.section, nested_ids):
            name = kind.sections[index] if index is not None else kind.canonical(heading.text)
            problems.append(Problem(
                "empty_section",
                f"a seção '{name}' está vazia; escreva o conteúdo (ou 'N/A', se não se aplica)",
                heading.line,
            ))

    for heading, suggestion in pending_unknown:
        allowed = ", ".join(f"'{s}'" for s in (*kind.sections, *kind.optional))
        if suggestion is not None:
            message = (f"a seção '{heading.text}' não faz parte do padrão '{kind.label}': "
                       f"você quis dizer '{suggestion}'?")
        else:
            message = (f"a seção '{heading.text}' não faz parte do padrão '{kind.label}'; "
                       f"as seções aceitas são {allowed}")
        problems.append(Problem("unknown_section", message, heading.line))

    for index in _out_of_order(sequence):
        heading = seen[index]
        before = kind.sections[index - 1] if index > 0 else None
        after = kind.sections[index + 1] if index + 1 < len(kind.sections) else None
        where = []
        if before:
            where.append(f"depois de '{before}'")
        if after:
            where.append(f"antes de '{after}'")
        problems.append(Problem(
            "section_order",
            f"a seção '{kind.sections[index]}' está fora de ordem: ela deve vir {' e '.join(where)}",
            heading.line,
        ))

    for index, name in enumerate(kind.sections):
        if index in seen or index in misspelled:
            continue
        if index == 0:
            where = "; ela deve ser a primeira seção"
        else:
            where = f"; ela deve vir depois de '{kind.sections[index - 1]}'"
        problems.append(Problem(
            "missing_section",
            f"falta a seção obrigatória '{name}' (padrão '{kind.label}'){where}",
            title_line,
        ))

    problems.sort(key=lambda p: (p.line or 0))
    return problems


def _out_of_order(sequence: list[tuple[int, Heading]]) -> list[int]:
    """Required indexes that are not part of the longest in-order run of sections."""
    if not sequence:
        return []
    values = [index for index, _ in sequence]
    # longest increasing subsequence, O(n^2) is fine for a handful of sections
    best = [1] * len(values)
    prev = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    end = max(range(len(values)), key=lambda i: (best[i], -i))
    keep = set()
    while end != -1:
        keep.add(values[end])
        end = prev[end]
    return [v for v in values if v not in keep]


def _quote(char: str | None) -> str:
    return f"'{char}'" if char else "do título"


def _section_char_hint(outline: Outline) -> str:
    chars = _usual_section_char(outline)
    return f" ('{chars}')" if chars else ""


def _usual_section_char(outline: Outline) -> str | None:
    # Computed once per outline (messages ask for it per heading; a file with thousands
    # of headings must not take quadratic time).
    cached = outline.__dict__.get("_usual_section_char", _UNSET)
    if cached is not _UNSET:
        return cached
    extra = {id(h) for h in outline.extra_titles}
    counts: dict[str, int] = {}
    for heading in outline.headings:
        if heading.depth == 1 and heading.underline and id(heading) not in extra:
            counts[heading.underline] = counts.get(heading.underline, 0) + 1
    result = max(counts, key=counts.get) if counts else None
    outline.__dict__["_usual_section_char"] = result
    return result


_UNSET = object()


def _nested_message(heading: Heading, outline: Outline) -> str:
    parent = heading.parent.text if heading.parent is not None else "outra seção"
    usual = _usual_section_char(outline)
    if heading.underline and usual and heading.underline != usual:
        cause = (f"o sublinhado do título usa '{heading.underline}' e as outras seções usam "
                 f"'{usual}'; use '{usual}' em todas as seções do mesmo nível")
    else:
        cause = ("normalmente o sublinhado do título usa um caractere diferente do usado nas outras "
                 "seções (os arquivos do PEN misturam '~', '-' e '+'); use o mesmo caractere em "
                 "todas as seções do mesmo nível")
    return (f"a seção '{heading.text}' está aninhada dentro de '{parent}', mas deve ficar no "
            f"primeiro nível: {cause}")


def category_problem(root: str) -> Problem:
    """A playbook placed directly in the playbook root instead of a category folder."""
    return Problem(
        "category",
        f"o playbook está fora de uma pasta de categoria; mova-o para {root}/<categoria>/ "
        f"(por exemplo {root}/sei/)",
        1,
    )


def headings_of(document: nodes.document) -> list[str]:
    """All section headings of a document (used to guess the kind of a loose file)."""
    return [
        " ".join(section[0].astext().split())
        for section in document.findall(nodes.section)
        if section.children and isinstance(section[0], nodes.title)
    ]


__all__ = ["Problem", "validate", "check_outline", "category_problem", "headings_of", "normalize_heading"]
