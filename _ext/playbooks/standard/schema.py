"""Playbook kinds: how their headings are compared and which kind a file follows.

The kinds themselves are configuration (``playbook_kinds`` in conf.py); this module
only knows how to read and apply them.
"""

from __future__ import annotations

import difflib
import fnmatch
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

#: Default schema, used when conf.py does not override it.  conf.py of the handbook
#: repeats it explicitly so writers can read it there.
DEFAULT_KINDS: dict[str, dict[str, Any]] = {
    "script": {
        "label": "Script de atendimento",
        "sections": [
            "Situação",
            "Quando Ocorre",
            "Solução Sugerida",
            "Modelo de Resposta para Chamados",
            "Atribuições e responsabilidades",
            "Perfil do usuário",
            "Palavras-chave",
            "Referências",
        ],
        "optional": ["Causa"],
        "reply": "Modelo de Resposta para Chamados",
        "team": "Atribuições e responsabilidades",
        "profile": "Perfil do usuário",
        "keywords": "Palavras-chave",
    },
}

KIND_KEYS = {"label", "sections", "optional", "reply", "team", "profile", "keywords", "help"}


def normalize_heading(text: str) -> str:
    """Comparison key of a heading: NFC, collapsed whitespace (any Unicode space), casefold."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).casefold()


def loose_key(text: str) -> str:
    """A looser key used only for suggestions: no accents, no punctuation."""
    decomposed = unicodedata.normalize("NFD", normalize_heading(text))
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        kept.append(char if char.isalnum() else " ")
    return " ".join("".join(kept).split())


@dataclass(frozen=True)
class Kind:
    """One kind of playbook, as declared in ``playbook_kinds``."""

    name: str
    label: str
    sections: tuple[str, ...]
    optional: tuple[str, ...] = ()
    reply: str | None = None
    team: str | None = None
    profile: str | None = None
    keywords: str | None = None
    help: Mapping[str, str] = field(default_factory=dict)

    def index_of(self, heading: str) -> int | None:
        """Position of ``heading`` among the required sections, or None."""
        key = normalize_heading(heading)
        for position, name in enumerate(self.sections):
            if normalize_heading(name) == key:
                return position
        return None

    def is_optional(self, heading: str) -> bool:
        key = normalize_heading(heading)
        return any(normalize_heading(name) == key for name in self.optional)

    def canonical(self, heading: str) -> str | None:
        """The declared spelling of a required or optional heading."""
        key = normalize_heading(heading)
        for name in (*self.sections, *self.optional):
            if normalize_heading(name) == key:
                return name
        return None

    def suggest(self, heading: str) -> str | None:
        """The declared heading that ``heading`` most likely meant, if any is close."""
        candidates = [*self.sections, *self.optional]
        key = loose_key(heading)
        for name in candidates:
            if loose_key(name) == key:
                return name
        by_key = {loose_key(name): name for name in candidates}
        close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
        return by_key[close[0]] if close else None

    def matches(self, heading: str) -> bool:
        return self.index_of(heading) is not None or self.is_optional(heading)


class SchemaError(ValueError):
    """conf.py declares kinds that cannot be used."""


def build_kinds(raw: Mapping[str, Any]) -> dict[str, Kind]:
    """Turn the ``playbook_kinds`` config value into Kind objects, or raise SchemaError."""
    if not isinstance(raw, Mapping) or not raw:
        raise SchemaError("playbook_kinds deve ser um dicionário com pelo menos um tipo")
    kinds: dict[str, Kind] = {}
    for name, spec in raw.items():
        if not isinstance(spec, Mapping):
            raise SchemaError(f"playbook_kinds[{name!r}] deve ser um dicionário")
        unknown = set(spec) - KIND_KEYS
        if unknown:
            raise SchemaError(
                f"playbook_kinds[{name!r}] tem chaves desconhecidas: {', '.join(sorted(unknown))}"
            )
        sections = spec.get("sections")
        if not sections or not all(isinstance(s, str) and s.strip() for s in sections):
            raise SchemaError(f"playbook_kinds[{name!r}]['sections'] deve ser uma lista de títulos")
        keys = [normalize_heading(s) for s in sections]
        if len(set(keys)) != len(keys):
            raise SchemaError(f"playbook_kinds[{name!r}]['sections'] repete um título")
        kind = Kind(
            name=name,
            label=spec.get("label", name),
            sections=tuple(sections),
            optional=tuple(spec.get("optional", ())),
            reply=spec.get("reply"),
            team=spec.get("team"),
            profile=spec.get("profile"),
            keywords=spec.get("keywords"),
            help=dict(spec.get("help", {})),
        )
        for role in ("reply", "team", "profile", "keywords"):
            heading = getattr(kind, role)
            if heading is not None and kind.index_of(heading) is None:
                raise SchemaError(
                    f"playbook_kinds[{name!r}][{role!r}] = {heading!r} não é uma das seções"
                )
        kinds[name] = kind
    return kinds


@dataclass(frozen=True)
class Schema:
    """All kinds of a handbook and the rule that picks one for a category folder."""

    kinds: Mapping[str, Kind]
    default: str
    by_folder: Mapping[str, str]

    def kind_for_category(self, category: str | None) -> Kind:
        if category is not None:
            for pattern, kind_name in self.by_folder.items():
                if fnmatch.fnmatchcase(category, pattern):
                    return self.kinds[kind_name]
        return self.kinds[self.default]

    def best_kind_for_headings(self, headings: list[str]) -> tuple[Kind, int]:
        """For loose files: the kind whose headings the file matches most (default on ties)."""
        best, best_score = self.kinds[self.default], -1
        for kind in [self.kinds[self.default], *self.kinds.values()]:
            score = sum(1 for h in headings if kind.matches(h))
            if score > best_score:
                best, best_score = kind, score
        return best, best_score


def build_schema(kinds_raw: Mapping[str, Any], default: str | None, by_folder: Mapping[str, str]) -> Schema:
    kinds = build_kinds(kinds_raw)
    default = default or next(iter(kinds))
    if default not in kinds:
        raise SchemaError(f"playbook_default_kind = {default!r} não é um dos tipos declarados")
    for pattern, kind_name in (by_folder or {}).items():
        if kind_name not in kinds:
            raise SchemaError(
                f"playbook_kind_by_folder[{pattern!r}] = {kind_name!r} não é um dos tipos declarados"
            )
    return Schema(kinds=kinds, default=default, by_folder=dict(by_folder or {}))
