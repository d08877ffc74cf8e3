"""The layers of ``_ext/playbooks`` hold (``.importlinter``, docs/arquitetura.md).

``lint-imports`` passes on the repository; and each kind of break it guards against, made in
a copy of the package, fails with the modules named: a layer importing one above it, a
feature importing another feature, Sphinx in the core, a cycle between modules.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint(ext: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ext)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(CONFIG)],
                          cwd=ext, env=env, capture_output=True, text=True, timeout=120)


def test_the_extension_keeps_its_layers():
    result = lint(ROOT / "_ext")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("ext")
    shutil.copytree(ROOT / "_ext" / "playbooks", copy / "playbooks",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "js", "themes"))
    return copy


@pytest.mark.parametrize("module, added, named", [
    # the Sphinx side of the standard importing a feature (a back arrow)
    ("collect/records.py", "from ..finding import search",
     "playbooks.collect.records -> playbooks.finding.search"),
    # a feature reaching into another feature for a helper
    ("finding/catalog.py", "from ..site.theme import category_link",
     "playbooks.finding.catalog -> playbooks.site.theme"),
    # a site feature depending on the writer's commands
    ("site/redirects.py", "from ..writers import check",
     "playbooks.site.redirects -> playbooks.writers.check"),
    # the core importing the Sphinx side
    ("standard/rules.py", "from ..collect import warnings",
     "playbooks.standard.rules -> playbooks.collect.warnings"),
    # the core importing Sphinx itself
    ("replies/plain.py", "import sphinx.util",
     "playbooks.replies.plain -> sphinx"),
])
def test_a_broken_rule_fails_with_both_modules_named(package_copy, module, added, named):
    path = package_copy / "playbooks" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{added}  # test_layers\n", encoding="utf-8")
    try:
        result = lint(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert named in result.stdout, result.stdout


def test_a_cycle_between_modules_fails(package_copy):
    path = package_copy / "playbooks" / "standard" / "fold.py"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\nfrom . import analysis  # test_layers\n", encoding="utf-8")
    try:
        result = lint(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "No cycles are allowed in playbooks.standard." in result.stdout
    assert ".fold -> .analysis" in result.stdout
