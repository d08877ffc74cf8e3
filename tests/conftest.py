"""Shared pytest set-up: Sphinx's testing fixtures, test roots, paths of the project."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

SHARED = PROJECT.parent / "shared"
PEN_WIKI = SHARED / "pen-wiki"
SEED = SHARED / "seed" / "000_0f18806d357f76ca.txt"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return PROJECT / "tests" / "roots"


def normalized_warnings(app) -> str:
    """Warnings with colours stripped and the source folder replaced by ``<srcdir>/``."""
    from sphinx.util.console import strip_colors

    return strip_colors(app.warning.getvalue()).replace(str(app.srcdir) + os.sep, "<srcdir>/")
