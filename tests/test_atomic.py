"""atomic.py's guarantee: a run killed while writing leaves each file as it was or complete,
never half-written (write to a temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT

from playbooks.writers import atomic

SIZE = 48 * 1024 * 1024  # large enough that the write takes a while

WRITER = f"""
import sys
sys.path.insert(0, {str(PROJECT / "_ext")!r})
from playbooks.writers import atomic
data = bytes([int(sys.argv[2])]) * {SIZE}
print("writing", flush=True)
atomic.write_bytes(sys.argv[1], data)
print("done", flush=True)
"""


def start_writer(target: Path, byte: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(byte)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    return process


def temporaries(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def test_killed_while_writing_leaves_the_old_content(tmp_path):
    target = tmp_path / "playbook.rst"
    old = "Conteúdo antigo\n".encode("utf-8") * 1000
    target.write_bytes(old)
    process = start_writer(target, ord("N"))
    partial = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        found = temporaries(tmp_path, target.name)
        if found and found[0].stat().st_size > 0:
            partial = found[0].stat().st_size
            break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if process.returncode != -signal.SIGKILL or not partial:
        pytest.fail("the writer finished before it could be killed in the middle of the write")
    assert target.read_bytes() == old  # as it was: the partial data is only in the temporary file
    assert 0 < partial < SIZE


def test_killed_at_any_moment_leaves_old_or_complete_content(tmp_path):
    """Kill at spread-out moments: each time the file is the old one or the new one, whole."""
    target = tmp_path / "playbook.rst"
    seen = set()
    for round_, delay in enumerate([0.0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.4, 5.0]):
        old = bytes([ord("a") + round_]) * 1000
        target.write_bytes(old)
        new_byte = ord("A") + round_
        process = start_writer(target, new_byte)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        data = target.read_bytes()
        if data == old:
            seen.add("old")
        else:
            assert data == bytes([new_byte]) * SIZE, f"round {round_}: a half-written file ({len(data)} bytes)"
            seen.add("new")
        for leftover in temporaries(tmp_path, target.name):
            leftover.unlink()  # what a killed run leaves is a hidden temporary file, never the target
    assert "new" in seen  # the last round (5 s) lets the write finish


def test_an_error_while_writing_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "playbook.rst"
    target.write_text("antigo", encoding="utf-8")

    def failing_replace(source, destination):
        raise OSError("disco cheio")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disco cheio"):
        atomic.write_text(target, "novo")
    assert target.read_text(encoding="utf-8") == "antigo"
    assert temporaries(tmp_path, target.name) == []


def test_writes_complete_content_and_creates_folders(tmp_path):
    target = tmp_path / "nova" / "pasta" / "playbook.rst"
    atomic.write_text(target, "Situação\n")
    assert target.read_bytes() == "Situação\n".encode("utf-8")
    atomic.write_bytes(target, b"x")
    assert target.read_bytes() == b"x"
    assert os.listdir(target.parent) == ["playbook.rst"]
