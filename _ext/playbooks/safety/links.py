"""The build refuses a source folder with a hostile symbolic link, before Sphinx walks it.

Sphinx discovers the documents (``Project.discover``, following links) right after
``config-inited``; a directory link to a parent would make that walk endless.  So the
check (:func:`playbooks.files.links.refused_links`, the one ``make check`` runs too)
runs at ``config-inited`` and stops the build with every refused link and its target.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import SphinxError

from ..standard import registry
from ..files.links import SUBTYPE, refused_links


class RefusedLinkError(SphinxError):
    category = "Link simbólico recusado em source/"


def report_lines(source: Path) -> list[str]:
    """``link: ERROR: message [playbook.symlink]`` for every refused link under ``source``."""
    declared = registry.get(SUBTYPE)
    return [f"{found.link}: {declared.level}: {found.message()} [{declared.type}]"
            for found in refused_links(source)]


def refuse_hostile_links(app, config) -> None:
    lines = report_lines(Path(app.srcdir))
    if lines:
        raise RefusedLinkError("\n".join(lines) + "\nNada foi lido: remova o(s) link(s) e construa de novo.")


def setup(app) -> None:
    # First of the config-inited handlers: before anything reads a source file.
    app.connect("config-inited", refuse_hostile_links, priority=1)
