"""The writer's commands: ``python -m playbooks <check|new|import|report|review> [options]``.

``make check``, ``make new``, ``make import``, ``make report`` and ``make review`` call this; each
command's options are
those of its module (``--help`` lists them).
"""

from __future__ import annotations

import importlib
import sys

#: command -> module of :mod:`playbooks.writers` with its ``main(argv)``
COMMANDS = {"check": "check", "new": "scaffold", "import": "importer", "report": "report", "review": "review"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        names = ", ".join(COMMANDS)
        print(f"uso: python -m playbooks <{'|'.join(COMMANDS)}> [opções]  (comandos: {names})",
              file=sys.stderr)
        return 2
    module = importlib.import_module(f"playbooks.writers.{COMMANDS[argv[0]]}")
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
