"""Read the playbooks before the pages that list them.

Before reading each document Sphinx's toctree collector scans every entry of
``env.files_to_rebuild`` (document -> the pages whose toctree includes it).  Once
``playbooks/index`` (a glob toctree of every playbook) has been read, that map holds every
playbook, so each playbook read after it costs O(N) and a full build O(N²): 2.9 s of
profile at 3,000 playbooks against 0.19 s at 1,000.  Sphinx lets an ``env-before-read-docs``
handler reorder the list; reading the playbooks first keeps the map empty while they are
read.  The order does not change the output (Sphinx sorts what it collects before writing).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..collect.config import is_playbook


def playbooks_first(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    docnames.sort(key=lambda docname: not is_playbook(app.config, docname))  # stable


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", playbooks_first)
