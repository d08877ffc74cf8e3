"""The writer's commands: ``python -m playbooks <check|new|import|report>`` start without noise."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PROJECT
from workflow import clean_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "playbooks", *args], cwd=PROJECT, capture_output=True,
                          text=True, env={**clean_env(), "PYTHONPATH": str(PROJECT / "_ext")}, timeout=120)


def test_make_check_first_line_is_the_result():
    """No RuntimeWarning from runpy (the package used to import its own command module)."""
    result = run("check", "--conf", "conf.py", "--source", "source")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].endswith("nenhum problema.")


@pytest.mark.parametrize("command, prog", [("check", "make check"), ("new", "make new"), ("import", "make import"),
                                           ("report", "make report")])
def test_each_command_answers_its_help(command, prog):
    result = run(command, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"usage: {prog}")


def test_an_unknown_command_says_which_exist():
    result = run("publicar")
    assert result.returncode == 2
    assert "check|new|import|report" in result.stderr
