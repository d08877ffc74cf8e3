"""Configuration values of the extension and the schema built from them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ..replies.grammar import CONFIG_VALUES as REPLY_CONFIG_VALUES
from ..replies.grammar import config_problem as grammar_config_problem
from ..standard.health import REVIEW_SOON_DAYS, soon_days_problem
from ..standard.schema import DEFAULT_KINDS, Schema, SchemaError, build_schema

if TYPE_CHECKING:  # the writer's commands import this module without a Sphinx application
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: (name, default, rebuild, types)
CONFIG_VALUES = [
    ("playbook_root", "playbooks", "env", frozenset({str})),
    ("playbook_kinds", DEFAULT_KINDS, "env", frozenset({dict})),
    ("playbook_default_kind", "script", "env", frozenset({str})),
    ("playbook_kind_by_folder", {}, "env", frozenset({dict})),
    ("playbook_categories", {}, "env", frozenset({dict})),
    # ISO date used as "today" for review-by dates; None means the real date (tests fix it).
    ("playbook_today", None, "env", frozenset({str, type(None)})),
    # Content health (standard/health.py): a review date this many days ahead or fewer is
    # flagged review_soon (make report, the page "Saúde do manual", the catalog's filter).
    ("playbook_review_soon_days", REVIEW_SOON_DAYS, "html", frozenset({int})),
    # make import: folder names of the imported wiki -> category folder (importer.py).
    ("playbook_import_folders", {}, "", frozenset({dict})),
    # Reply grammar (replies/grammar.py): words opening a parenthesised placeholder, a
    # label, a writer's instruction; names of the agent's own name field.
    *REPLY_CONFIG_VALUES,
]


def add_config_values(app: Sphinx) -> None:
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types)


def schema_from(config) -> Schema:
    """The schema declared by a Sphinx Config (or anything with the same attributes)."""
    return build_schema(
        getattr(config, "playbook_kinds", DEFAULT_KINDS),
        getattr(config, "playbook_default_kind", None),
        getattr(config, "playbook_kind_by_folder", {}),
    )


def check_config(app: Sphinx, config: Config) -> None:
    """Refuse a schema that cannot be used, with a message in Portuguese."""
    try:
        schema_from(config)
    except SchemaError as error:
        raise ConfigError(f"configuração de playbooks inválida em conf.py: {error}") from None
    problem = grammar_config_problem(config)
    if problem:
        raise ConfigError(f"configuração de playbooks inválida em conf.py: {problem}")
    problem = soon_days_problem(config.playbook_review_soon_days)
    if problem:
        raise ConfigError(f"configuração de playbooks inválida em conf.py: {problem}")
    root = config.playbook_root.strip("/")
    if not root:
        raise ConfigError("playbook_root não pode ser vazio")
    config.playbook_root = root


def today(config) -> "datetime.date":
    """The date playbooks are judged against (``playbook_today`` or the real date)."""


    value = getattr(config, "playbook_today", None)
    return datetime.date.fromisoformat(value) if value else datetime.date.today()


def category_label(config, category: str | None) -> str:
    if not category:
        return "Sem categoria"
    labels = getattr(config, "playbook_categories", {}) or {}
    return labels.get(category, category.replace("_", " "))


def _root(config) -> str:
    """``playbook_root`` of a Sphinx Config or of the writer's commands' conf dict
    (writers/check.py ``load_conf``)."""
    value = config.get("playbook_root") if isinstance(config, dict) else getattr(config, "playbook_root", None)
    return (value or "playbooks").strip("/")


def playbook_category(config, docname: str) -> str | None:
    """The category folder of a playbook docname (``playbooks/sei/x`` -> ``sei``), under
    ``playbook_root`` however deep it is; None for a file directly in the root."""
    root = _root(config)
    if not docname.startswith(root + "/"):
        return None
    parts = docname[len(root) + 1:].split("/")
    return parts[0] if len(parts) >= 2 else None


def is_playbook(config, docname: str) -> bool:
    """Every document under the playbook root is a playbook, except ``index`` pages: the one
    rule of the build, ``make check`` and ``make review``."""
    root = _root(config)
    return docname.startswith(root + "/") and docname.rsplit("/", 1)[-1] != "index"
