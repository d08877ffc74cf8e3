"""``make latexpdf``'s check before LaTeX runs: the TeX pieces a Portuguese PDF needs.

Without babel's Portuguese (Debian's ``texlive-lang-portuguese``) pdflatex quietly writes an
English PDF ("Contents", "Chapter"); the Makefile runs ``python -m playbooks.writers.tex``
first, and the build stops with a message that names the missing Debian package.  The PDF
tests use :func:`missing` for their reason (skipped outside CI, failed under CI=true).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

#: The Debian packages of TeX that ``make latexpdf`` needs.  .ci/system-packages installs them;
#: tests/test_ci.py holds this list and that script's TeX lines equal.
TEX_PACKAGES = ["texlive-latex-recommended", "texlive-fonts-recommended", "texlive-latex-extra", "latexmk",
                "tex-gyre", "texlive-lang-portuguese"]

#: (what is needed, how kpsewhich finds it, the Debian package that has it)
NEEDED = [
    ("o babel em português (portuguese.ldf)", "portuguese.ldf", "texlive-lang-portuguese"),
]


def _kpsewhich(name: str) -> bool:
    try:
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, timeout=30)
    except OSError:
        return False
    return found.returncode == 0 and bool(found.stdout.strip())


def missing() -> str | None:
    """Why the PDF cannot be made in Portuguese here (naming the Debian packages), or None."""
    if shutil.which("kpsewhich") is None or shutil.which("latexmk") is None:
        return (f"o TeX não está instalado: instale os pacotes do Debian {' '.join(TEX_PACKAGES)} "
                "(.ci/system-packages instala todos)")
    absent = [(what, package) for what, name, package in NEEDED if not _kpsewhich(name)]
    if not absent:
        return None
    packages = " ".join(package for _, package in absent)
    return (f"falta {', '.join(what for what, _ in absent)}: sem ele o PDF sairia em inglês; instale o "
            f"pacote do Debian {packages} (sudo apt-get install --no-install-recommends {packages}; "
            ".ci/system-packages instala)")


def main(argv: list[str] | None = None) -> int:
    problem = missing()
    if problem:
        print(f"make latexpdf: ERRO: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
