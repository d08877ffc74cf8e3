"""Helpers of the writer's-workflow tests: a temporary copy of the project, and its commands.

The copy holds the project's files (``git ls-files``, plus new files not yet committed);
its ``.venv`` is a link to the environment running the tests, so ``make`` targets run as a
writer would run them without installing anything again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

STAMP = ".venv/.requirements-installed"


def project_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=PROJECT, capture_output=True, check=True,
        ).stdout.decode("utf-8").split("\0")
    except (OSError, subprocess.CalledProcessError):
        listed = [str(p.relative_to(PROJECT)) for p in PROJECT.rglob("*")
                  if p.is_file() and not {".venv", "_build", ".git"} & set(p.relative_to(PROJECT).parts)]
    return sorted(name for name in listed if name and (PROJECT / name).is_file())


def project_copy(tmp_path: Path, name: str = "manual") -> Path:
    """A copy of the project in ``tmp_path/name`` (with ``.venv`` linked, not copied)."""
    dest = tmp_path / name
    for relative in project_files():
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / relative, target)
    (dest / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return dest


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "CATEGORY", "TITLE", "SRC", "FORCE"}}
    env["NO_COLOR"] = "1"  # Sphinx colours its output when CI=true; the tests read it
    env.update(extra)
    return env


def make(project: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300):
    """Run ``make ARGS`` in ``project`` (never reinstalling the linked environment)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", STAMP, *args],
        cwd=project, capture_output=True, text=True, env=env or clean_env(), timeout=timeout,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder``, less the bytecode Python
    caches itself (``__pycache__``, written when PYTHONDONTWRITEBYTECODE is not set)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.relative_to(folder).parts
    }


STANDARD = PROJECT / "tests" / "roots" / "test-standard"
VALID = (STANDARD / "playbooks" / "sei" / "valido.rst").read_text(encoding="utf-8")


def playbook(title: str, top: str = "") -> str:
    """The standard's valid playbook under another title, with ``top`` before the title."""
    body = VALID.split("\n", 2)[2]
    return f"{top}{title}\n{'=' * max(len(title), 1)}\n{body}"


def search_playbook(title: str, situation: str, keywords: str) -> str:
    """A short playbook for the search's tests: its words in the title, the Situação and the
    keywords, the other sections the same in every one."""
    return (f"{title}\n{'=' * len(title)}\n\nSituação\n--------\n\n{situation}\n\n"
            f"Solução Sugerida\n----------------\n\nSiga o procedimento do manual.\n\n"
            f"Modelo de Resposta\n------------------\n\nPrezado(a), segue a orientação.\n\n"
            f"Atribuições e responsabilidades\n-------------------------------\n\nEquipe de 1º Nível\n\n"
            f"Perfil do usuário\n-----------------\n\nServidor do órgão\n\n"
            f"Palavras-chave\n--------------\n\n{keywords}\n")


def small_handbook(tmp_path: Path, files: dict[str, str], conf_extra: str = "") -> Path:
    """A handbook with the test root's configuration and ``files`` under ``playbooks/``."""
    src = tmp_path / "src"
    (src / "playbooks").mkdir(parents=True)
    conf = (STANDARD / "conf.py").read_text(encoding="utf-8") + "\n" + conf_extra + "\n"
    (src / "conf.py").write_text(conf, encoding="utf-8")
    shutil.copy(STANDARD / "index.rst", src / "index.rst")
    shutil.copy(STANDARD / "playbooks" / "index.rst", src / "playbooks" / "index.rst")
    for name, text in files.items():
        path = src / "playbooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return src


def checker_output(src: Path, *files: str, env: dict[str, str] | None = None):
    """``python -m playbooks check`` on ``src`` (a small handbook), as ``make check`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "playbooks", "check", "--conf", "conf.py", "--source", ".", *files],
        cwd=src, capture_output=True, text=True,
        env={**clean_env(**(env or {})), "PYTHONPATH": str(PROJECT / "_ext")},
    )
