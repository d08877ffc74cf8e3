"""One list of warnings: the registry, docs/avisos.md's table, the guide's table, and where
warnings are emitted (nowhere but through the registry)."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT

from playbooks.standard import registry
from playbooks.writers import check

EXT = PROJECT / "_ext" / "playbooks"


def test_the_developers_table_is_the_registry():
    text = (PROJECT / "docs" / "avisos.md").read_text(encoding="utf-8")
    assert registry.docs_table() in text
    listed = set(re.findall(r"^\| `playbook\.(\w+)` \| (?:aviso|erro) \|", text, re.M))
    assert listed == set(registry.SUBTYPES)


def test_severities_are_declared_once():
    errors = {name for name, subtype in registry.SUBTYPES.items() if subtype.severity == "error"}
    assert errors == {"review_date", "read", "redirect_target", "redirect_missing", "symlink"}
    assert registry.get("playbook.review_date").level == "ERROR"
    assert registry.get("missing_section").level == "WARNING"
    with pytest.raises(KeyError, match="not declared"):
        registry.get("no_such_subtype")


def test_no_warning_is_emitted_around_the_registry():
    """Every ``type="playbook"`` log call lives in collect/warnings.py."""
    offenders = []
    for path in EXT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "warnings.py" and path.parent.name == "collect":
            continue
        if re.search(r"type\s*=\s*[\"']playbook[\"']", text) or re.search(r"logger\.(warning|error)\(", text):
            offenders.append(str(path.relative_to(EXT)))
    assert offenders == []


def test_every_emitted_subtype_is_declared():
    """Each literal subtype handed to emit() or Problem() in the code is in the registry."""
    used = set()
    for path in EXT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bemit\(\s*\"(\w+)\"", text))
        used |= set(re.findall(r"\bProblem\(\s*\"(\w+)\"", text))
    assert used, "the scan found no emit()/Problem() call: the pattern is stale"
    assert used <= set(registry.SUBTYPES), used - set(registry.SUBTYPES)


@pytest.mark.parametrize("suppress, suppressed", [
    ([], False),
    (["playbook"], True),
    (["playbook.*"], True),
    (["playbook.empty_section"], True),
    (["playbook.missing_section"], False),
    (["docutils"], False),
])
def test_checker_suppresses_as_sphinx_does(suppress, suppressed):
    checker = check.Checker({**check.load_conf(PROJECT / "conf.py"), "suppress_warnings": suppress}, None)
    assert checker.is_suppressed("playbook.empty_section") is suppressed
