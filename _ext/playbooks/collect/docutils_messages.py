"""The build says docutils' messages as ``make check`` does: explained in Portuguese
(standard/docutils_messages.py), docutils' own words kept in parentheses.

Sphinx writes every message of docutils' reporter through one logger
(``sphinx.util.docutils``, type ``docutils``); a filter on it rewrites the message before
any handler formats it, in this process and in the ones ``-j`` forks (they inherit it).  It
is there from ``builder-inited`` to ``build-finished``: another Sphinx project built later
in the same process (a test) keeps docutils' words.
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


def start(app: Sphinx) -> None:
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(f, ExplainDocutils) for f in logger.filters):
        logger.addFilter(ExplainDocutils())


def stop(app: Sphinx, exception: BaseException | None) -> None:
    logger = logging.getLogger(LOGGER)
    for found in [f for f in logger.filters if isinstance(f, ExplainDocutils)]:
        logger.removeFilter(found)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", start)
    app.connect("build-finished", stop, priority=950)
