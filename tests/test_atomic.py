"""atomic.py's guarantee: a run killed while writing leaves each file as it was or complete,
never half-written (write to a temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

from playbooks.files import atomic

SIZE = 1024 * 1024

#: Points of atomic.write_bytes where the writer stops, says so, and waits to be killed.
POINTS = ("mid-write", "before-sync", "before-rename", "after-rename")

WRITER = f"""
import os, sys
sys.path.insert(0, {str(PROJECT / "_ext")!r})
from playbooks.files import atomic

target, byte, stop_at = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = bytes([byte]) * {SIZE}


def pause(point):
    if point == stop_at:
        print(point, flush=True)
        sys.stdin.read()  # blocks: the test kills the process here


real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace


class HalfThenPause:
    def __init__(self, file):
        self.file = file

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.file.__exit__(*exc)

    def write(self, chunk):
        half = len(chunk) // 2
        self.file.write(chunk[:half])
        self.file.flush()  # half of the data is in the temporary file
        pause("mid-write")
        return half + self.file.write(chunk[half:])

    def __getattr__(self, name):
        return getattr(self.file, name)


def fsync(fd):
    pause("before-sync")
    real_fsync(fd)


def replace(source, destination):
    pause("before-rename")
    real_replace(source, destination)
    pause("after-rename")


os.fdopen = lambda *args, **kwargs: HalfThenPause(real_fdopen(*args, **kwargs))
os.fsync, os.replace = fsync, replace
atomic.write_bytes(target, data)
print("done", flush=True)
"""


def kill_at(target: Path, byte: int, point: str) -> None:
    """Run a writer of ``SIZE`` bytes of ``byte`` into ``target``; SIGKILL it at ``point``."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(byte), point],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == point  # stopped there, still running
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def temporaries(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def test_killed_while_writing_leaves_the_old_content(tmp_path):
    target = tmp_path / "playbook.rst"
    old = "Conteúdo antigo\n".encode("utf-8") * 1000
    target.write_bytes(old)
    kill_at(target, ord("N"), "mid-write")
    assert target.read_bytes() == old  # as it was: the partial data is only in the temporary file
    [partial] = temporaries(tmp_path, target.name)
    assert partial.read_bytes() == b"N" * (SIZE // 2)


@pytest.mark.parametrize("point", POINTS)
def test_killed_at_any_point_leaves_old_or_complete_content(tmp_path, point):
    """Killed before the rename: the old file, whole; after it: the new one, whole."""
    target = tmp_path / "playbook.rst"
    old = b"a" * 1000
    target.write_bytes(old)
    kill_at(target, ord("B"), point)
    if point == "after-rename":
        assert target.read_bytes() == b"B" * SIZE
        assert temporaries(tmp_path, target.name) == []
    else:
        assert target.read_bytes() == old
        # what a killed run leaves is a hidden temporary file, never the target
        assert len(temporaries(tmp_path, target.name)) == 1


def test_the_writer_runs_to_the_end_when_not_stopped(tmp_path):
    target = tmp_path / "playbook.rst"
    result = subprocess.run([sys.executable, "-c", WRITER, str(target), str(ord("C")), "nowhere"],
                            input="", capture_output=True, text=True, timeout=60)
    assert result.stdout == "done\n", result.stderr
    assert target.read_bytes() == b"C" * SIZE and temporaries(tmp_path, target.name) == []


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
