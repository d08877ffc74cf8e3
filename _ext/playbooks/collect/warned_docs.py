"""A page that warned is read again in the next build, so its warnings are never hidden.

Sphinx reads again only the files that changed: a second ``make html`` after a broken
playbook printed its problem reads nothing, prints nothing, and ``-W`` passes with the
file still broken (a newcomer's review found it: a writer who runs ``make html`` twice, or
``make serve`` after saving another file, would think the file fixed).

Every warning of the build (ours, docutils', Sphinx's; reading, consistency check and
writing) is traced back to its document by a logging handler on Sphinx's logger: by its
docname, or by its file, or, for a file another page includes, by the pages that depend on
it (``env.dependencies``).  The documents are written to ``playbook-warned-docs.json`` in
the doctree folder, next to the environment: once reading ends (``env-updated``, with the
last build's list, in case the build stops before its end) and at ``build-finished``.  At
``env-get-outdated`` the next build reads them again, which prints their warnings again
(and writes their pages again, which prints the warnings of writing).  A warning named in
``suppress_warnings`` does not count.  Warnings about files that are not pages (the
redirect map) need nothing here: their checks run in every build (site/redirects.py).

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


def _location(location) -> str | None:
    """A warning's location as Sphinx's logging accepts it, as text: ``(docname, line)`` ->
    the docname; a node -> ``source:line``; a string as it is."""
    if isinstance(location, tuple) and location:
        return str(location[0]) if location[0] else None
    if isinstance(location, nodes.Node):
        location = sphinx_logging.get_node_location(location)
    return location if isinstance(location, str) and location else None


class WarnedDocs(logging.Handler):
    """The locations of the warnings Sphinx logs while this handler is on its logger."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.locations: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if sphinx_logging.is_suppressed_warning(getattr(record, "type", None), getattr(record, "subtype", None),
                                                self.app.config.suppress_warnings):
            return
        location = _location(getattr(record, "location", None))
        if location is not None:
            self.locations.add(location)


def documents_of(env, locations: set[str]) -> set[str]:
    """The documents the ``locations`` are in: a docname; ``path[:line]`` of a document; or
    of a file that documents include (each of them)."""
    srcdir = Path(env.srcdir)
    found: set[str] = set()
    files: set[Path] = set()
    for location in locations:
        if location in env.found_docs:  # Sphinx reads a location without ':' as a docname
            found.add(location)
            continue
        path, colon, line = location.rpartition(":")
        if not colon or not (line.isdigit() or line == ""):  # no line: "file" or "file:"
            path = location
        try:
            docname = env.path2doc(path)
        except (OSError, ValueError):
            docname = None
        if docname in env.found_docs:
            found.add(docname)
        elif path:
            # docutils gives an included file's path relative to the working folder when it
            # can, Sphinx relative to the source folder: either may be the one
            files.update({(srcdir / path).resolve(), Path(path).resolve()})
    if files:
        for docname, depends in env.dependencies.items():
            if docname in env.found_docs and any((srcdir / dep).resolve() in files for dep in depends):
                found.add(docname)
    return found


def _file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / FILE_NAME


def _load(app: Sphinx) -> set[str]:
    try:
        names = json.loads(_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def _save(app: Sphinx, names: set[str]) -> None:
    if names or _file(app).exists():
        write_bytes(_file(app), json.dumps(sorted(names), ensure_ascii=False).encode("utf-8"))


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


def after_reading(app: Sphinx, env) -> None:
    """Should the build stop before its end (Ctrl-C while writing), the next one still reads
    again what warned in this one and in the last."""
    handler = _handler(app)
    if handler is not None:
        _save(app, (_load(app) | documents_of(env, handler.locations)) & env.found_docs)


def stop(app: Sphinx, exception: BaseException | None) -> None:
    """Save this build's list (after a failed build, with the last one's) and stop listening."""
    handler = _handler(app)
    if handler is None:
        return
    logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(handler)
    app._playbook_warned_docs = None  # type: ignore[attr-defined]
    if app.env is None:
        return
    names = documents_of(app.env, handler.locations)
    if exception is not None:
        names |= _load(app)
    _save(app, names & app.env.found_docs)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", start)
    app.connect("env-get-outdated", read_again)
    app.connect("env-updated", after_reading, priority=900)
    app.connect("build-finished", stop, priority=900)  # after the other reports of the build
