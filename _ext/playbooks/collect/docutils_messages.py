"""The build says docutils' messages as ``make check`` does: explained in Portuguese
(standard/docutils_messages.py), docutils' own words kept in parentheses.

Sphinx writes every message of docutils' reporter through one logger
(``sphinx.util.docutils``, type ``docutils``); a filter on it rewrites the message before
any handler formats it, in this process and in the ones ``-j`` forks (they inherit it).  It
is there while a build runs, from the start of reading (``env-before-read-docs``, before
``-j`` forks) to ``build-finished``: another Sphinx project built later in the same process
(a test) keeps docutils' words, even after an application that was created and never built.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from ..standard.docutils_messages import explain

#: The logger of sphinx/util/docutils.py, where Sphinx's WarningStream writes.
LOGGER = f"{sphinx_logging.NAMESPACE}.sphinx.util.docutils"


class ExplainDocutils(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "type", None) == "docutils" and not record.args and isinstance(record.msg, str):
            record.msg = explain(record.msg)
        return True


def _remove(logger: logging.Logger) -> None:
    for found in [f for f in logger.filters if isinstance(f, ExplainDocutils)]:
        logger.removeFilter(found)


def start(app: Sphinx, env=None, docnames=None) -> None:
    logger = logging.getLogger(LOGGER)
    _remove(logger)
    logger.addFilter(ExplainDocutils())


def stop(app: Sphinx, exception: BaseException | None) -> None:
    _remove(logging.getLogger(LOGGER))


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", start)
    app.connect("build-finished", stop, priority=950)
