"""The one way the build reports a playbook problem: through the registry's declaration.

``emit("missing_section", message, (docname, line))`` logs through ``sphinx.util.logging``
with ``type="playbook"`` and the declared subtype and severity, so the report reads
``file:line: WARNING: … [playbook.missing_section]`` and obeys ``suppress_warnings``.
"""

from __future__ import annotations

from sphinx.util import logging

from ..standard import registry

logger = logging.getLogger("playbooks")


def emit(subtype: str, message: str, location) -> None:
    """Report ``message`` as the registered ``subtype`` at ``location`` (a node, a docname or
    ``(docname, line)``)."""
    declared = registry.get(subtype)
    log = logger.error if declared.severity == "error" else logger.warning
    log(message, type=registry.TYPE, subtype=declared.name, location=location)
