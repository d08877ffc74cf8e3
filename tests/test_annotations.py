"""``make check`` under GitHub Actions also prints ``::error file=…,line=…::…`` annotations."""

from __future__ import annotations

import re

from workflow import clean_env, make, project_copy

from playbooks.writers.check import Report

BROKEN = """\
Playbook quebrado
=================

Situação
~~~~~~~~

Texto com 100% de certeza.

Quando ocorre
~~~~~~~~~~~~~

"""

PLAIN = re.compile(r"^(?P<path>source/\S+?):(?P<line>\d+): (?P<level>WARNING|ERROR): (?P<msg>.*) "
                   r"\[(?P<type>[\w.]+)\]$", re.M)
ANNOTATION = re.compile(r"^::error file=(?P<path>[^,:]+),line=(?P<line>\d+)::(?P<msg>.*) "
                        r"\[(?P<type>[\w.]+)\]$", re.M)


def test_annotations_repeat_every_problem_with_file_and_line(tmp_path):
    project = project_copy(tmp_path)
    (project / "source" / "playbooks" / "sei" / "quebrado.rst").write_text(BROKEN, encoding="utf-8")
    result = make(project, "check", env=clean_env(GITHUB_ACTIONS="true"))
    assert result.returncode != 0
    plain = [(m["path"], m["line"], m["msg"], m["type"]) for m in PLAIN.finditer(result.stdout)]
    annotations = [(m["path"], m["line"], m["msg"], m["type"]) for m in ANNOTATION.finditer(result.stdout)]
    assert len(plain) == 7  # an empty section and six missing ones
    assert annotations == plain
    assert ("source/playbooks/sei/quebrado.rst", "9", "a seção 'Quando Ocorre' está vazia; escreva o conteúdo "
            "(ou 'N/A', se não se aplica)", "playbook.empty_section") in annotations
    # each annotation follows the line it repeats
    lines = result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("::error "):
            assert PLAIN.match(lines[index - 1])


def test_no_annotations_outside_github_actions(tmp_path):
    project = project_copy(tmp_path)
    (project / "source" / "playbooks" / "sei" / "quebrado.rst").write_text(BROKEN, encoding="utf-8")
    result = make(project, "check", env=clean_env(GITHUB_ACTIONS="false"))
    assert result.returncode != 0 and PLAIN.search(result.stdout)
    assert "::error" not in result.stdout
    clean = make(project_copy(tmp_path / "limpo"), "check", env=clean_env(GITHUB_ACTIONS="true"))
    assert clean.returncode == 0 and "::error" not in clean.stdout


def test_annotation_escapes_what_github_would_misread():
    report = Report("source/playbooks/a,b:c.rst", 7, "WARNING", "100% errado\nsegunda linha", "playbook.x")
    assert report.annotation() == (
        "::error file=source/playbooks/a%2Cb%3Ac.rst,line=7::100%25 errado%0Asegunda linha [playbook.x]")
    assert Report("source/x.rst", None, "ERROR", "sem linha", "playbook.read").annotation() == \
        "::error file=source/x.rst::sem linha [playbook.read]"
