"""The one way the build reports a playbook problem: through the registry's declaration.

``emit("missing_section", message, (docname, line))`` logs through ``sphinx.util.logging``
with ``type="playbook"`` and the declared subtype and severity, so the report reads
``file:line: WARNING: … [playbook.missing_section]`` and obeys ``suppress_warnings``.

A file that produces more than ``playbook_max_warnings_per_subtype`` (N, default 50)
reports of one subtype prints the first N, then one line with the total (:func:`flush`,
after the file is read, and at the end of the build for the reports made later).  No rule
is lost: the first N still fail a build with ``-W``.
"""

from __future__ import annotations

from sphinx.util import logging

from ..standard import registry
from ..standard.warning_cap import DEFAULT_LIMIT, SubtypeCap

logger = logging.getLogger("playbooks")

#: (name, default, rebuild, types)
CONFIG_VALUES = [("playbook_max_warnings_per_subtype", DEFAULT_LIMIT, "", frozenset({int}))]

#: Reports counted per (file, subtype name) in this process (standard/warning_cap.py).
_cap = SubtypeCap(DEFAULT_LIMIT)


def _file_key(location) -> tuple[str, object]:
    """The file a location is in, and a location naming that file (no line)."""
    if isinstance(location, tuple):
        return str(location[0]), (location[0], None)
    if isinstance(location, str):
        path, _, line = location.rpartition(":")
        path = path if path and line.isdigit() else location
        return path, path
    source = getattr(location, "source", None) or (location.document.get("source") if
                                                   getattr(location, "document", None) else None)
    return str(source), (str(source) if source else location)


def emit(subtype: str, message: str, location) -> None:
    """Report ``message`` as the registered ``subtype`` at ``location`` (a node, a docname or
    ``(docname, line)``)."""
    declared = registry.get(subtype)
    key, file_location = _file_key(location)
    if _cap.admit(key, declared.name, file_location):
        _log(declared, message, location)


def _log(declared, message: str, location) -> None:
    log = logger.error if declared.severity == "error" else logger.warning
    log(message, type=registry.TYPE, subtype=declared.name, location=location)


def flush(file_key: str | None = None) -> None:
    """One line with the total for each (file, subtype) over the limit (``file_key``: that
    file only); their counts start again."""
    for over in _cap.overflows(file_key):
        _log(registry.get(over.subtype), over.message, over.location)


def _start(app, config) -> None:
    global _cap
    _cap = SubtypeCap(config.playbook_max_warnings_per_subtype)


def _after_read(app, doctree) -> None:
    # Everything counted while this page was read (its own reports and those of the files it
    # includes): in a parallel build the reading process ends with the batch.
    flush()


def _after_all(app, *args) -> None:
    flush()


def setup(app) -> None:
    for name, default, rebuild, types in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types)
    app.connect("config-inited", _start)
    app.connect("doctree-read", _after_read, priority=990)  # after every reader of the page
    app.connect("env-check-consistency", _after_all, priority=990)  # after the cross-document rules
    app.connect("build-finished", _after_all)
