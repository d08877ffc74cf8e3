"""The ``pen_sample`` marker cannot drift from what the tests read (conftest.py).

A small test file is run by its own pytest (with the project's conftest as a plugin), on a
fake sample: a test that reads the sample without the marker fails, whether it reads it
itself or through a child process; with MANUAL_SEM_AMOSTRA_PEN=1 exactly the marked tests
are skipped and listed.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import PROJECT, SAMPLE_ABSENT_MARK
from workflow import clean_env

TESTS = '''
import subprocess, sys
import pytest
from conftest import PEN_WIKI

CHILD = "import sys; print(open(sys.argv[1], encoding='utf-8').read())"


def read_in_child():
    result = subprocess.run([sys.executable, "-c", CHILD, str(PEN_WIKI / "a.rst")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_child_unmarked():
    assert "Playbook" in read_in_child()


@pytest.mark.pen_sample
def test_child_marked():
    assert "Playbook" in read_in_child()


def test_in_process_unmarked():
    assert "Playbook" in (PEN_WIKI / "a.rst").read_text(encoding="utf-8")


@pytest.mark.pen_sample
def test_in_process_marked():
    assert "Playbook" in (PEN_WIKI / "a.rst").read_text(encoding="utf-8")


def test_not_reading():
    assert PEN_WIKI.name == "pen-wiki"
'''


def run_guarded(tmp_path, **env: str) -> tuple[str, dict[str, str]]:
    """Run TESTS with the project's conftest; the output and each test's outcome."""
    sample = tmp_path / "shared" / "pen-wiki"
    sample.mkdir(parents=True, exist_ok=True)
    (sample / "a.rst").write_text("Playbook\n========\n", encoding="utf-8")
    (tmp_path / "test_guarded.py").write_text(TESTS, encoding="utf-8")
    environment = clean_env(MANUAL_AMOSTRA_PEN=str(tmp_path / "shared"), PYTHONPATH=str(PROJECT / "tests"), **env)
    environment.pop("PYTEST_ADDOPTS", None)
    environment.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-n", "0", "-v", "-rs",
         "--rootdir", str(tmp_path), str(tmp_path / "test_guarded.py")],
        cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=120)
    outcomes: dict[str, str] = {}
    for name, word in re.findall(r"^\S*::(\w+) (PASSED|FAILED|SKIPPED|ERROR)\b", result.stdout, re.M):
        if outcomes.get(name) not in {"FAILED", "ERROR"}:  # a teardown's error follows "PASSED"
            outcomes[name] = word
    return result.stdout, outcomes


def test_with_the_sample_an_unmarked_reader_fails(tmp_path):
    out, outcomes = run_guarded(tmp_path, MANUAL_SEM_AMOSTRA_PEN="")
    assert outcomes["test_child_marked"] == "PASSED" and outcomes["test_in_process_marked"] == "PASSED"
    assert outcomes["test_not_reading"] == "PASSED"
    # in the test process: the test passes, then its teardown fails for the missing marker
    assert outcomes["test_in_process_unmarked"] == "ERROR", out
    assert "test_in_process_unmarked reads PEN's sample" in out and "in the test process" in out


def test_without_the_sample_only_marked_tests_skip_and_unmarked_readers_fail_loudly(tmp_path):
    out, outcomes = run_guarded(tmp_path, MANUAL_SEM_AMOSTRA_PEN="1")
    # the sample exists (MANUAL_AMOSTRA_PEN), yet the variable hides it from every test
    assert outcomes["test_child_marked"] == "SKIPPED" and outcomes["test_in_process_marked"] == "SKIPPED"
    assert outcomes["test_not_reading"] == "PASSED"
    # a child process given the hidden path fails, and the report says why
    assert outcomes["test_child_unmarked"] == "FAILED", out
    assert "test_child_unmarked reads PEN's sample" in out and "through a child process" in out
    assert SAMPLE_ABSENT_MARK in out
    assert outcomes["test_in_process_unmarked"] == "FAILED", out
    assert "test_in_process_unmarked reads PEN's sample" in out
    # the skipped tests are listed by name at the end, with the reason
    after = out.split("pulados sem a amostra do PEN (2, todos marcados pen_sample)", 1)[1].splitlines()[1:]
    listed = [line for line in after[:next(n for n, line in enumerate(after) if line.startswith("="))]]
    assert listed == ["test_guarded.py::test_child_marked", "test_guarded.py::test_in_process_marked"]
    assert "SKIPPED [2]" in out and "MANUAL_SEM_AMOSTRA_PEN=1: amostra do PEN ausente" in out
