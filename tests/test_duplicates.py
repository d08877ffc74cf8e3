"""Two playbooks with the same title are reported, in the build and by ``make check``."""

from __future__ import annotations

import re

from conftest import normalized_warnings
from workflow import checker_output, playbook, small_handbook

from playbooks.standard.duplicates import Entry, find, quick_title
from playbooks.standard.schema import build_kinds

DUP = re.compile(r"^(?:<srcdir>/)?(?P<path>playbooks/\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) "
                 r"\[playbook\.duplicate_title\]$", re.M)

FILES = {
    "sei/acesso.rst": playbook("Acesso ao SEI"),
    # another version of the same playbook, in another category, accents and case aside
    "tramita/acesso-v2.rst": playbook("2024.05.08-ACESSO AO SEI-V2"),
    "sei/outro.rst": playbook("Outro assunto"),
    "sei/com-campo.rst": playbook("Outro assunto!", ".. comentário\n\n:revisar-em: 2999-12-31\n\n"),
}


def found(text: str) -> dict[tuple[str, int], str]:
    return {(m["path"], int(m["line"])): m["msg"] for m in DUP.finditer(text)}


def test_build_reports_each_playbook_of_a_group_naming_the_others(make_app, tmp_path):
    app = make_app("html", srcdir=small_handbook(tmp_path, FILES), freshenv=True)
    app.build()
    reported = found(normalized_warnings(app))
    assert set(reported) == {
        ("playbooks/sei/acesso.rst", 1), ("playbooks/tramita/acesso-v2.rst", 1),
        ("playbooks/sei/outro.rst", 1), ("playbooks/sei/com-campo.rst", 5),
    }
    assert reported[("playbooks/sei/acesso.rst", 1)].startswith(
        "o título 'Acesso ao SEI' é o mesmo de playbooks/tramita/acesso-v2.rst (linha 1)")
    assert "o título 'ACESSO AO SEI' é o mesmo de playbooks/sei/acesso.rst (linha 1)" in \
        reported[("playbooks/tramita/acesso-v2.rst", 1)]
    assert "playbooks/sei/com-campo.rst (linha 5)" in reported[("playbooks/sei/outro.rst", 1)]


def test_checker_reports_the_same_as_the_build(make_app, tmp_path):
    src = small_handbook(tmp_path, FILES)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    result = checker_output(src)
    assert result.returncode == 1
    assert found(result.stdout) == found(normalized_warnings(app))


def test_checking_one_file_compares_it_with_the_whole_handbook(tmp_path):
    src = small_handbook(tmp_path, FILES)
    result = checker_output(src, "playbooks/tramita/acesso-v2.rst")
    assert result.returncode == 1
    assert set(found(result.stdout)) == {("playbooks/tramita/acesso-v2.rst", 1)}
    alone = checker_output(src, "playbooks/sei/outro.rst")
    assert "playbooks/sei/com-campo.rst (linha 5)" in alone.stdout  # read by the quick title scan


def test_parallel_and_incremental_builds_agree(make_app, tmp_path):
    src = small_handbook(tmp_path, FILES)
    serial = make_app("html", srcdir=src, freshenv=True)
    serial.build()
    expected = found(normalized_warnings(serial))
    parallel = make_app("html", srcdir=src, freshenv=True, parallel=2)
    parallel.build()
    assert found(normalized_warnings(parallel)) == expected
    # rename one title: the next (incremental) build forgets that pair
    (src / "playbooks" / "sei" / "com-campo.rst").write_text(
        playbook("Assunto diferente", ":revisar-em: 2999-12-31\n\n"), encoding="utf-8")
    again = make_app("html", srcdir=src)
    again.build()
    assert set(found(normalized_warnings(again))) == {
        ("playbooks/sei/acesso.rst", 1), ("playbooks/tramita/acesso-v2.rst", 1)}


def test_duplicate_titles_can_be_suppressed(make_app, tmp_path):
    src = small_handbook(tmp_path, FILES, 'suppress_warnings = ["playbook.duplicate_title"]')
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert normalized_warnings(app) == ""
    assert checker_output(src).returncode == 0


def test_different_titles_are_not_duplicates():
    entries = [Entry(1, "a.rst", "Erro 500", 1), Entry(2, "b.rst", "Erro 501", 1),
               Entry(3, "c.rst", "2024.01.01-Erro 500-V1", 1), Entry(4, "d.rst", "Erro 5 00", 1)]
    assert sorted(find(entries)) == [1, 3]


def test_quick_title_reads_the_usual_layouts():
    kind = build_kinds({"s": {"sections": ["Situação", "Referências"]}})["s"]
    assert quick_title("Título\n======\n\nSituação\n~~~~~~~~\n") == ("Título", 1)
    assert quick_title(":revisar-em: 2026-01-01\n\n.. nota\n   longa\n\n=====\nTítulo\n=====\n") == ("Título", 7)
    assert quick_title("\n\n  \nTítulo com espaço \n=================\n") == ("Título com espaço", 4)
    assert quick_title("Situação\n~~~~~~~~\n\ntexto\n", kind) is None  # no document title
    assert quick_title("só um parágrafo\n") is None
