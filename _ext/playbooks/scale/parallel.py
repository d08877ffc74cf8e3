"""``-j auto`` builds in parallel only where that pays off.

On a machine with two cores Sphinx's parallel build costs more than it saves: every read
chunk sends the whole environment back to the main process as a pickle (the documents'
tables of contents are most of it), the main process unpickles and merges each one, and
the writers are forked copies of a big process.  Measured with ``make bench`` on 1,000
playbooks: ``-j 2`` needed 1.6 times the CPU time of ``-j 1`` (18.9 s against 11.8 s) and
took longer on the wall clock as soon as anything else ran on the machine.

So ``-j auto`` ("you choose") builds serially when the machine has fewer than
``playbook_parallel_min_cpus`` CPUs (default 3).  An explicit number (``-j 2``) is obeyed,
and so is a Sphinx application created from Python (tests), which has no ``-j auto``.
"""

from __future__ import annotations

import os
import sys

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_auto_requested(argv: list[str]) -> bool:
    """True when the command line asked for ``-j auto`` (any spelling argparse accepts)."""
    for index, arg in enumerate(argv):
        if arg in {"-jauto", "-j=auto", "--jobs=auto"}:
            return True
        if arg in {"-j", "--jobs"} and argv[index + 1:index + 2] == ["auto"]:
            return True
    return False


def check_config(app: Sphinx, config: Config) -> None:
    value = config.playbook_parallel_min_cpus
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(
            f"playbook_parallel_min_cpus deve ser um número inteiro de CPUs (0 desliga a regra), "
            f"não {value!r}"
        )


def choose_parallelism(app: Sphinx) -> None:
    minimum = app.config.playbook_parallel_min_cpus
    cpus = usable_cpus()
    if app.parallel > 1 and minimum and cpus < minimum and jobs_auto_requested(sys.argv[1:]):
        logger.info(
            f"-j auto: construção em série, porque esta máquina tem {cpus} CPU(s) e em paralelo o "
            f"Sphinx gasta mais do que ganha com menos de {minimum} (playbook_parallel_min_cpus)"
        )
        app.parallel = 1


def setup(app: Sphinx) -> None:
    app.add_config_value("playbook_parallel_min_cpus", 3, "", types=frozenset({int}))
    app.connect("config-inited", check_config)
    app.connect("builder-inited", choose_parallelism)
