"""Symbolic links in the source folder, judged before anything is read.

Sphinx's file discovery and ``make check``'s folder walk follow links: a directory link to a
parent (``source/playbooks/sei/loop -> ..``) makes the tree endless, and a link out of
``source/`` brings in files nobody reviewed.  :func:`refused_links` walks the folder without
following any link and returns each link that is refused:

- a link to a directory (to one of its own ancestors: a loop; to anywhere else: the same
  files twice, or files from outside);
- a link that resolves outside the folder, or to nothing (broken, or a loop of links).

A link to a file inside the folder stays allowed.  Pure: no docutils, no Sphinx; the build
(``safety/links.py``, at ``config-inited``, before Sphinx walks the tree) and ``make check``
call it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The registry's subtype of a refused link (an error that stops the build and the check).
SUBTYPE = "symlink"


@dataclass(frozen=True)
class RefusedLink:
    link: Path  # the link itself, under the folder
    target: str  # as written in the link (os.readlink)
    reason: str  # why it is refused, in Portuguese

    def message(self) -> str:
        return f"link simbólico recusado: aponta para '{self.target}', {self.reason}"


def _judge(link: Path, root: Path) -> str | None:
    try:
        resolved = link.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return "que não existe (link quebrado ou ciclo de links)"
    inside = resolved == root or resolved.is_relative_to(root)
    if resolved.is_dir():
        if link.parent.resolve().is_relative_to(resolved):
            return (f"uma pasta que o contém ({resolved}): a leitura da árvore nunca terminaria; "
                    "apague o link")
        if not inside:
            return f"uma pasta fora de source/ ({resolved}); links de pasta não são aceitos"
        return (f"a pasta {resolved}; links de pasta não são aceitos (os mesmos arquivos seriam "
                "lidos duas vezes): use o caminho da pasta")
    if not inside:
        return f"um arquivo fora de source/ ({resolved}); copie o arquivo para dentro de source/"
    return None


def refused_links(root: Path) -> list[RefusedLink]:
    """Every refused link under ``root`` (sorted by path), without following any link."""
    root = Path(root)
    real_root = root.resolve()
    refused: list[RefusedLink] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                path = Path(entry.path)
                reason = _judge(path, real_root)
                if reason is not None:
                    try:
                        target = os.readlink(path)
                    except OSError:
                        target = "?"
                    refused.append(RefusedLink(path, target, reason))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
    return sorted(refused, key=lambda r: str(r.link))
