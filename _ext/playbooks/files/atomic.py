"""Writing files so that an interrupted run leaves each file as it was or complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _complete_temporary(path: Path, data: bytes | Iterable[bytes]) -> str:
    """``data`` (bytes, or pieces of them) written and synced to a new temporary file beside
    ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass


def write_bytes(path: Path | str, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``data`` may come in pieces (a generator): a large file is then never whole in memory.
    """
    path = Path(path)
    temporary = _complete_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


def write_text(path: Path | str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def create_new(path: Path | str, data: bytes) -> None:
    """Like :func:`write_bytes`, but never replaces an existing file: the complete
    temporary file is hard-linked into place, which fails with FileExistsError when
    ``path`` already exists (even if another process created it meanwhile)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    temporary = _complete_temporary(path, data)
    try:
        os.link(temporary, path)
    finally:
        _remove(temporary)
