"""Every keyword of a playbook becomes an entry of the handbook's index (genindex).

The index page shows each keyword with the playbooks that use it as sub-entries
("Tramita" > "Processo parado no status 2").  The search index gets the same keywords,
and the playbook's title, accent-folded (see search.py), as "main" entries: Sphinx's
search ranks a query found in an index entry far above a word found in the text.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _

from ..standard.fold import fold_words


def index_letter(keyword: str) -> str:
    """The heading of genindex under which Sphinx files ``keyword`` (same rule as Sphinx)."""
    letter = unicodedata.normalize("NFD", keyword[:1] or " ")[0].upper()
    if letter.isalpha() or letter == "_":
        return letter
    return _("Symbols")


def keyword_uri(app: Sphinx, docname: str, keyword: str) -> str | None:
    """Link from ``docname`` to the keyword's place in the index, or None without one."""
    builder = app.builder
    if builder is None or builder.format != "html" or not builder.get_builder_config("use_index", "html"):
        return None
    letter = index_letter(keyword)
    if builder.get_builder_config("split_index", "html"):
        return builder.get_relative_uri(docname, f"genindex-{letter}")
    return builder.get_relative_uri(docname, "genindex") + "#" + letter


def _entry_text(text: str) -> str:
    return " ".join(text.replace(";", ",").split())


def add_keyword_entries(env: BuildEnvironment, docname: str, doctree: nodes.document, record) -> None:
    """Index entries for a playbook's keywords and title (called by the collector)."""
    keywords = record.get("keywords") or []
    title = _entry_text(record.get("display_title") or record.get("title") or docname)
    # For the index page: "keyword; title" (the domain collected the doctree's own
    # index nodes before doctree-read, so these are added to it directly).
    if keywords:
        domain_entries = env.domains.index_domain.entries.setdefault(docname, [])
        for keyword in keywords:
            domain_entries.append(("single", f"{_entry_text(keyword)}; {title}", "", "", None))
    # For the search index only: folded keywords and title as main entries.
    folded = dict.fromkeys(fold_words(_entry_text(k)) for k in keywords)
    folded[fold_words(title)] = None
    search_entries = [("single", text, "", "main", None) for text in folded if text]
    doctree.append(addnodes.index(entries=search_entries, classes=["playbook-search-keywords"]))
