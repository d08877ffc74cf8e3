"""What is published: the handbook's pages at a base commit in git, and what changed since.

The published handbook is the main branch: its pages' addresses are in tickets and
bookmarks.  :func:`default_base` is the merge base of the working tree's commit with
``origin/main`` (or ``main`` when that remote is absent); :func:`published_docnames` lists
the documents of the source folder at a base; :func:`changes` lists what the working tree
changed since it (``git diff -M``, renames found, new untracked files added).  ``make
check``, ``make review`` and the build (``standard/redirects.py``) ask it the same questions.
No git, no repository, or no base: every answer is empty (nothing to compare with).
Pure: subprocess git only, no docutils, no Sphinx.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: The branches whose pages are published, in order of preference.
MAIN_REFS = ("origin/main", "main")


def git(root: Path, *args: str) -> str | None:
    """``git ARGS`` in ``root``: its output, or None when git fails or is absent."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def repo_root(path: Path) -> Path | None:
    found = git(Path(path), "rev-parse", "--show-toplevel")
    return Path(found.strip()) if found else None


def default_base(root: Path) -> str | None:
    """The merge base of HEAD with ``origin/main``, else with ``main``; None without either."""
    for ref in MAIN_REFS:
        if git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
            continue
        base = git(root, "merge-base", "HEAD", ref)
        if base:
            return base.strip()
    return None


def resolve(root: Path, ref: str) -> str | None:
    found = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return found.strip() if found else None


def _relative(source: Path, root: Path) -> str:
    return Path(source).resolve().relative_to(Path(root).resolve()).as_posix()


def docname(relative: str) -> str | None:
    """The docname of a path relative to the source folder (None: not a page)."""
    path = PurePosixPath(relative)
    if path.suffix != ".rst" or any(part.startswith((".", "_")) for part in path.parts[:-1]):
        return None
    return path.with_suffix("").as_posix()


def published_docnames(source: Path, base: str) -> set[str]:
    """The documents of ``source`` at commit ``base``."""
    root = repo_root(source)
    if root is None:
        return set()
    prefix = _relative(source, root)
    listed = git(root, "ls-tree", "-r", "-z", "--name-only", base, "--", prefix)
    if listed is None:
        return set()
    names = (PurePosixPath(name).relative_to(prefix).as_posix() if prefix != "." else name
             for name in listed.split("\0") if name)
    return {found for found in map(docname, names) if found}


@dataclass(frozen=True)
class Change:
    status: str  # "added", "modified", "removed", "renamed"
    old: str | None  # path relative to the source folder, at the base
    new: str | None  # path relative to the source folder, in the working tree


def changes(source: Path, base: str) -> list[Change]:
    """What the working tree of ``source`` changed since ``base`` (paths relative to it)."""
    root = repo_root(source)
    if root is None:
        return []
    prefix = _relative(source, root)
    diff = git(root, "diff", "-M", "--name-status", "-z", base, "--", prefix)
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", prefix)
    if diff is None:
        return []

    def inside(name: str) -> str:
        return PurePosixPath(name).relative_to(prefix).as_posix() if prefix != "." else name

    found: list[Change] = []
    fields = diff.split("\0")
    position = 0
    while position < len(fields) and fields[position]:
        status = fields[position]
        if status.startswith(("R", "C")):
            old, new = fields[position + 1], fields[position + 2]
            position += 3
            found.append(Change("renamed" if status[0] == "R" else "added", inside(old) if status[0] == "R" else None,
                                inside(new)))
            continue
        name = inside(fields[position + 1])
        position += 2
        kind = {"A": "added", "D": "removed"}.get(status[0], "modified")
        found.append(Change(kind, name if kind != "added" else None, name if kind != "removed" else None))
    for name in (untracked or "").split("\0"):
        if name:
            found.append(Change("added", None, inside(name)))
    return sorted(found, key=lambda c: c.new or c.old or "")


def show(source: Path, base: str, relative: str) -> bytes | None:
    """The bytes of ``relative`` (to the source folder) at ``base``."""
    root = repo_root(source)
    if root is None:
        return None
    try:
        result = subprocess.run(["git", "show", f"{base}:{_relative(source, root)}/{relative}"], cwd=root,
                                capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
