"""Playbook metadata: title convention, team level, profile, keywords, section texts.

PEN names playbooks ``AAAA.MM.DD-Título-VN`` (``2024.08.29-Processo parado no Status 5-V3``):
the date of the last update, the title shown to agents and the version.  A title without
the convention is kept whole.

Keywords are separated by ``;``.  PEN's files also use ``,``, ``|`` and ``/``: those are
read too, and :func:`metadata_problems` (called by the build and by ``make check``)
suggests ``;`` with a warning of its own subtype, ``playbook.keyword_separator``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from docutils import nodes

from .fold import fold, fold_words
from .outline import Outline, readable_text, section_body
from .rules import Problem
from .schema import Kind

TITLE_RE = re.compile(
    r"^(?P<date>(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2}))\s*-\s*(?P<title>.+?)"
    r"(?:\s*-\s*[Vv](?P<version>\d+))?\s*$"
)

#: Texts that mean "nothing here" in a metadata section.
NOT_APPLICABLE = {"n/a", "na", "n.a", "n. a", "nao se aplica", "nao aplicavel", "-", "--", "—", "nenhum", "nenhuma"}

#: PEN's template instruction left in place ("*(Indicar quem é responsável ...)*").
PLACEHOLDER_RE = re.compile(r"^[\s*_]*\(\s*indicar\b")

TEAM_LEVEL_RE = re.compile(
    r"\bn\s?(?P<a>[123])\b"
    r"|\b(?P<b>[123])\s*o?\s*nivel\b"
    r"|\bnivel\s*(?P<c>[123])\b"
    r"|\b(?P<w>primeiro|segundo|terceiro)\s+nivel\b"
)
LEVEL_WORDS = {"primeiro": "1", "segundo": "2", "terceiro": "3"}
TEAM_LEVEL_LABELS = {"1": "1º nível", "2": "2º nível", "3": "3º nível"}

QUOTES = "\"'“”‘’«»*`"
NON_BREAKING = "\u00a0\u2007\u202f\u2060\ufeff"


@dataclass(frozen=True)
class TitleInfo:
    display: str
    date: datetime.date | None = None
    version: int | None = None
    problem: str | None = None  # message when the convention is there but its date is wrong


def parse_title(title: str) -> TitleInfo:
    """Split PEN's ``AAAA.MM.DD-Título-VN`` title; any other title is kept whole."""
    title = " ".join(title.split())
    match = TITLE_RE.match(title)
    if not match:
        return TitleInfo(display=title)
    try:
        date = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return TitleInfo(
            display=title,
            problem=(f"a data '{match['date']}' no início do título não é uma data válida "
                     f"(o padrão é AAAA.MM.DD-Título-VN, por exemplo 2024.08.29-Processo parado "
                     f"no Status 5-V3); o título é exibido como está"),
        )
    version = int(match["version"]) if match["version"] else None
    return TitleInfo(display=match["title"].strip(" -–—"), date=date, version=version)


# --- Keywords ------------------------------------------------------------------------


def is_not_applicable(text: str) -> bool:
    return fold_words(text).strip(" .") in NOT_APPLICABLE


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER_RE.match(fold(text)))


def _clean_keyword(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" .;:" + QUOTES).strip()


#: Spaces around a separator (``a , b``), as the import rewrites them.
_SPACES = "[ \t\u00a0\u202f]*"


def other_separators(text: str) -> str:
    """The characters besides ``;`` that separate the keywords of one block of text.

    The one rule of the build, ``make check`` and ``make import``: mixed with ``;``,
    ``,`` and ``|`` separate too (PEN writes ``Tramita; API; instalação, erros; falhas.``);
    without ``;``, a list is split on ``,`` and ``|``, or else on ``/``.  A ``/`` inside a
    ``;`` or ``,`` list is part of the keyword (``TCP/IP``).
    """
    if ";" in text or "," in text or "|" in text:
        return "".join(s for s in ",|" if s in text)
    return "/" if "/" in text else ""


def _separator_pattern(others: str) -> re.Pattern:
    chars = re.escape(";" + others)
    # A comma or slash between digits (``4,0``, ``1/2``) is part of a number, not a separator.
    return re.compile(f"{_SPACES}(?:(?<!\\d)[{chars}]|[{chars}](?!\\d)|;|\\|){_SPACES}")


def separators_used(text: str, others: str | None = None) -> list[str]:
    """The separators other than ``;`` that actually split ``text`` (in ``,``/``|``/``/`` order)."""
    others = other_separators(text) if others is None else others
    found = {m.group(0).strip(" \t\u00a0\u202f") for m in _separator_pattern(others).finditer(text)}
    return [s for s in (",", "|", "/") if s in found and s in others]


def with_semicolons(line: str, others: str | None = None) -> str:
    """``line`` with each separator written as ``; `` (what ``make import`` writes)."""
    others = other_separators(line) if others is None else others
    if not others:
        return line

    def replace(match: re.Match) -> str:
        if match.group(0).strip(" \t\u00a0\u202f") == ";":
            return match.group(0)
        after = line[match.end()] if match.end() < len(line) else ""
        return ";" if not after else "; "

    return _separator_pattern(others).sub(replace, line)


def split_keywords(text: str) -> tuple[list[str], list[str]]:
    """``(keywords, other separators used)`` of one block of keyword text (see
    :func:`other_separators` for the rule)."""
    text = " ".join(text.split())
    if not text or is_not_applicable(text) or is_placeholder(text):
        return [], []
    others = other_separators(text)
    parts = _separator_pattern(others).split(text)
    keywords = [k for k in (_clean_keyword(p) for p in parts) if k]
    return keywords, separators_used(text, others)


def _keyword_blocks(section: nodes.section, skip: set[int]) -> list[tuple[str, int | None]]:
    """Text blocks of the keyword section (a list item or a paragraph each) with lines."""
    blocks = []
    for child in section_body(section, skip):
        if isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for item in child.children:
                blocks.append((readable_text(item), _line_of(item)))
        elif isinstance(child, nodes.section):
            continue
        else:
            blocks.append((readable_text(child), _line_of(child)))
    return blocks


def _line_of(node: nodes.Node) -> int | None:
    for candidate in (node, *node.findall(nodes.TextElement)):
        if getattr(candidate, "line", None):
            return candidate.line
    return None


def read_keywords(section: nodes.section | None, skip: set[int] | None = None) -> tuple[list[str], list[Problem]]:
    """The keywords of a section, without repeats, and the separator problems."""
    if section is None:
        return [], []
    keywords: list[str] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    for text, line in _keyword_blocks(section, skip or set()):
        found, separators = split_keywords(text)
        for keyword in found:
            key = fold_words(keyword)
            if key not in seen:
                seen.add(key)
                keywords.append(keyword)
        if separators:
            used = " e ".join(f"'{s}'" for s in separators)
            problems.append(Problem(
                "keyword_separator",
                f"as palavras-chave estão separadas por {used}; separe-as com ';' "
                f"(por exemplo: {'; '.join(found)})",
                line,
            ))
    return keywords, problems


# --- Team level, profile, plain texts --------------------------------------------------


def team_level(text: str | None) -> str | None:
    """``"1"``, ``"2"`` or ``"3"`` from texts like "Equipe de 1º Nível", "N2", "Atendente de nível 1"."""
    if not text:
        return None
    match = TEAM_LEVEL_RE.search(fold_words(text))
    if not match:
        return None
    if match["w"]:
        return LEVEL_WORDS[match["w"]]
    return match["a"] or match["b"] or match["c"]


def plain_text(section: nodes.section, skip: set[int] | None = None) -> str:
    """The readable text of a section's body: blocks separated by a blank line."""
    blocks = [readable_text(child) for child in section_body(section, skip or set())]
    lines = "\n\n".join(blocks).split("\n")
    out: list[str] = []
    for line in lines:
        line = line.rstrip().lstrip(NON_BREAKING)
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    return "\n".join(out).strip()


def one_line(text: str) -> str | None:
    """A metadata value on one line, or None when it says nothing (empty, N/A, template)."""
    value = " ".join(text.split())
    if not value or is_not_applicable(value) or is_placeholder(value):
        return None
    return value


def _nested_ids(outline: Outline) -> set[int]:
    return {id(h.section) for h in outline.headings if h.depth > 1}


def metadata_problems(outline: Outline, kind: Kind) -> list[Problem]:
    """Problems of the metadata itself (title date, keyword separators), for build and checker."""
    problems = []
    if outline.title:
        info = parse_title(outline.title)
        if info.problem:
            problems.append(Problem("title_date", info.problem, outline.title_line))
    heading = outline.first(kind, kind.keywords)
    if heading is not None:
        problems += read_keywords(heading.section, _nested_ids(outline))[1]
    return problems


def collect(outline: Outline, kind: Kind) -> dict:
    """The fields of :class:`.analysis.Metadata`, from a playbook's outline."""
    skip = _nested_ids(outline)
    info = parse_title(outline.title) if outline.title else TitleInfo(display="")

    def text_of(name):
        heading = outline.first(kind, name)
        return plain_text(heading.section, skip) if heading is not None else ""

    team = one_line(text_of(kind.team)) if kind.team else None
    profile = one_line(text_of(kind.profile)) if kind.profile else None
    keywords_heading = outline.first(kind, kind.keywords)
    keywords = read_keywords(keywords_heading.section, skip)[0] if keywords_heading is not None else []
    section_texts: dict[str, str] = {}
    for heading in outline.headings:
        if heading.depth != 1:
            continue
        name = kind.canonical(heading.text) or heading.text
        if name not in section_texts:
            section_texts[name] = plain_text(heading.section, skip)
    return {
        "display_title": info.display,
        "date": info.date,
        "version": info.version,
        "team": team,
        "team_level": team_level(team),
        "profile": profile,
        "keywords": keywords,
        "section_texts": section_texts,
    }
