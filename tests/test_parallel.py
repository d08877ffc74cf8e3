"""``-j auto`` builds serially on machines too small for Sphinx's parallel build to pay off."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import PROJECT

from playbooks.scale.parallel import jobs_auto_requested, usable_cpus

SERIAL = "-j auto: construção em série"


@pytest.mark.parametrize("argv, expected", [
    (["-b", "html", "-j", "auto", "src", "out"], True),
    (["-jauto", "src", "out"], True),
    (["--jobs", "auto", "src", "out"], True),
    (["--jobs=auto", "src", "out"], True),
    (["-j", "2", "src", "out"], False),
    (["-j2", "src", "out"], False),
    (["src", "auto"], False),
    ([], False),
])
def test_jobs_auto_on_the_command_line(argv, expected):
    assert jobs_auto_requested(argv) is expected


def build(tmp_path, *options):
    src = tmp_path / "handbook"
    if not src.exists():
        shutil.copytree(PROJECT / "source", src)
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-W", "-c", str(PROJECT), *options, str(src), str(out)],
        capture_output=True, text=True, cwd=PROJECT,
    )


def test_jobs_auto_builds_serially_below_the_minimum_and_in_parallel_otherwise(tmp_path):
    above = str(usable_cpus() + 1)  # this machine is "too small" whatever its size
    result = build(tmp_path, "-j", "auto", "-D", f"playbook_parallel_min_cpus={above}")
    assert result.returncode == 0, result.stderr
    assert SERIAL in result.stdout
    explicit = build(tmp_path, "-j", "2", "-D", f"playbook_parallel_min_cpus={above}")
    assert explicit.returncode == 0, explicit.stderr
    assert SERIAL not in explicit.stdout
    off = build(tmp_path, "-j", "auto", "-D", "playbook_parallel_min_cpus=0")
    assert off.returncode == 0, off.stderr
    assert SERIAL not in off.stdout


def test_a_bad_minimum_is_a_clear_error(tmp_path):
    result = build(tmp_path, "-D", "playbook_parallel_min_cpus=-1")
    assert result.returncode != 0
    assert "playbook_parallel_min_cpus deve ser um número inteiro de CPUs" in result.stderr
