"""A page that warned is read again in the next build, so its warnings are never hidden.

Sphinx reads again only the files that changed: a second ``make html`` after a broken
playbook printed its problem reads nothing, prints nothing, and ``-W`` passes with the
file still broken (a newcomer's review found it: a writer who runs ``make html`` twice, or
``make serve`` after saving another file, would think the file fixed).

Every warning of the build (ours, docutils', Sphinx's; reading, consistency check and
writing) is traced back to its document by a logging handler on Sphinx's logger.  At
``build-finished`` those documents are written to ``playbook-warned-docs.json`` in the
doctree folder, next to the environment; at ``env-get-outdated`` the next build reads them
again, which prints their warnings again (and writes their pages again, which prints the
warnings of writing).  A warning named in ``suppress_warnings`` does not count.

The list lives in a file, not on ``env``, because Sphinx saves the environment before the
write phase, whose warnings must count too; and it is the list of one build, not data of
the documents: every document on it is read again in the next build, so the list that
build writes is whole without merging anything.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from ..files.atomic import write_bytes

logger = sphinx_logging.getLogger(__name__)

#: In the doctree folder, next to Sphinx's ``environment.pickle``.
FILE_NAME = "playbook-warned-docs.json"


def _path_and_doc(location) -> tuple[str | None, str | None]:
    """A warning's location as Sphinx's logging accepts it: (path, docname), one of them."""
    if isinstance(location, tuple) and location:
        return None, location[0]
    if isinstance(location, nodes.Node):
        location = sphinx_logging.get_node_location(location)
    if not isinstance(location, str) or not location:
        return None, None
    if ":" not in location:  # Sphinx reads a location without ':' as a docname
        return None, location
    path, _, line = location.rpartition(":")
    return (path if line.isdigit() else location), None


class WarnedDocs(logging.Handler):
    """The documents of the warnings Sphinx logs while this handler is on its logger."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        config = self.app.config
        if sphinx_logging.is_suppressed_warning(getattr(record, "type", None), getattr(record, "subtype", None),
                                                config.suppress_warnings):
            return
        path, docname = _path_and_doc(getattr(record, "location", None))
        if docname is None and path is not None:
            try:
                docname = self.app.env.path2doc(path)
            except (OSError, ValueError):
                docname = None
        if docname:
            self.docnames.add(docname)


def _file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FILE_NAME


def _load(app: Sphinx) -> set[str]:
    try:
        names = json.loads(_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def _handler(app: Sphinx) -> WarnedDocs | None:
    return getattr(app, "_playbook_warned_docs", None)


def start(app: Sphinx) -> None:
    """Listen to Sphinx's warnings for this build.  One build runs at a time in a process: a
    handler left by an application that never finished a build (created, not built) goes."""
    sphinx_logger = logging.getLogger(sphinx_logging.NAMESPACE)
    for stale in [h for h in sphinx_logger.handlers if isinstance(h, WarnedDocs)]:
        sphinx_logger.removeHandler(stale)
    handler = WarnedDocs(app)
    app._playbook_warned_docs = handler  # type: ignore[attr-defined]
    sphinx_logger.addHandler(handler)


def read_again(app: Sphinx, env, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """The documents that warned in the last build, to be read again in this one."""
    again = sorted((_load(app) & env.found_docs) - added - changed - removed)
    if again:
        logger.info("relendo %d arquivo(s) com avisos na construção anterior; ", len(again), nonl=True)
    return again


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """Save this build's list (after a failed build, kept with the last one's) and stop
    listening."""
    handler = _handler(app)
    if handler is None:
        return
    logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(handler)
    app._playbook_warned_docs = None  # type: ignore[attr-defined]
    names = handler.docnames
    if exception is not None:
        names = names | _load(app)
    names = sorted(names & app.env.found_docs) if app.env is not None else sorted(names)
    if names or _file(app).exists():
        write_bytes(_file(app), json.dumps(names, ensure_ascii=False).encode("utf-8"))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", start)
    app.connect("env-get-outdated", read_again)
    app.connect("build-finished", stop, priority=900)  # after the other reports of the build
