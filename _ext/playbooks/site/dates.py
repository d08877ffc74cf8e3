"""Outside a git checkout, no "Atualizado em" (and no warning about it).

The footer's date comes from sphinx-last-updated-by-git (conf.py).  When the source folder
is not inside a git work tree (a copy of the handbook, a tarball, a generated corpus) that
extension would warn that git failed, which stops a ``-W`` build; here every document is
excluded from it instead, so no page shows a date and the build's date is never shown as
a page's.
"""

from __future__ import annotations

import subprocess

from sphinx.application import Sphinx
from sphinx.config import Config

EXTENSION = "sphinx_last_updated_by_git"


def in_git_work_tree(folder) -> bool:
    try:
        result = subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


def no_dates_outside_git(app: Sphinx, config: Config) -> None:
    if EXTENSION in app.extensions and not in_git_work_tree(app.srcdir):
        config.git_exclude_patterns = ["**"]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", no_dates_outside_git)
