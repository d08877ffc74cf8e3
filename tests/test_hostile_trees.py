"""Hostile trees end fast: symbolic links refused before anything is read, floods of one
warning cut to N lines plus a total, and ``make latexpdf`` without Portuguese babel."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import normalized_warnings, require_pdf_tools
from workflow import checker_output, clean_env, make, playbook, project_copy, small_handbook

from playbooks.safety.links import RefusedLinkError
from playbooks.files.links import refused_links

LINK_LINE = re.compile(r"^(?P<link>\S+): ERROR: link simbólico recusado: aponta para '(?P<target>[^']*)', "
                       r"(?P<why>.*) \[playbook\.symlink\]$", re.M)


def handbook(tmp_path: Path) -> Path:
    return small_handbook(tmp_path, {"sei/valido.rst": playbook("Playbook válido")})


def hostile(src: Path, kind: str, outside: Path) -> tuple[Path, str]:
    """Add the link ``kind`` to ``src``; (the link, its target as written)."""
    sei = src / "playbooks" / "sei"
    (outside / "fora.rst").write_text(playbook("De fora"), encoding="utf-8")
    (outside / "pasta").mkdir(exist_ok=True)
    links = {
        "loop to a parent": (sei / "loop", ".."),
        "loop to itself": (sei / "eu", "."),
        "directory inside": (src / "playbooks" / "atalho", "sei"),
        "directory outside": (sei / "fora", str(outside / "pasta")),
        "file outside": (sei / "espelho.rst", str(outside / "fora.rst")),
        "broken": (sei / "quebrado.rst", "nao-existe.rst"),
        "chain of links": (sei / "a.rst", "b.rst"),
    }
    link, target = links[kind]
    os.symlink(target, link)
    if kind == "chain of links":
        os.symlink("a.rst", sei / "b.rst")
    return link, target


KINDS = ["loop to a parent", "loop to itself", "directory inside", "directory outside", "file outside", "broken",
         "chain of links"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_link_stops_the_build_before_reading(make_app, tmp_path, kind):
    src = handbook(tmp_path)
    link, target = hostile(src, kind, tmp_path)
    read = []
    with pytest.raises(RefusedLinkError) as raised:
        app = make_app("html", srcdir=src, freshenv=True)
        app.connect("source-read", lambda app, docname, source: read.append(docname))
        app.build()
    found = LINK_LINE.findall(str(raised.value))
    assert [(f[0], f[1]) for f in found if f[0] == str(link)] == [(str(link), target)], str(raised.value)
    assert "Nada foi lido" in str(raised.value) and read == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_link_stops_make_check_before_reading(tmp_path, kind):
    src = handbook(tmp_path)
    link, target = hostile(src, kind, tmp_path)
    result = checker_output(src)
    assert result.returncode == 1, result.stdout + result.stderr
    found = {(Path(m["link"]).name, m["target"]) for m in LINK_LINE.finditer(result.stdout)}
    assert (link.name, target) in found, result.stdout
    assert "nada foi verificado" in result.stdout
    assert "valido.rst" not in result.stdout  # nothing was checked


def test_the_reasons_name_what_is_wrong(tmp_path):
    src = handbook(tmp_path)
    for kind in ("loop to a parent", "directory inside", "file outside", "broken"):
        hostile(src, kind, tmp_path)
    reasons = {r.link.name: r.message() for r in refused_links(src)}
    assert "uma pasta que o contém" in reasons["loop"] and "nunca terminaria" in reasons["loop"]
    assert "links de pasta não são aceitos" in reasons["atalho"]
    assert "um arquivo fora de source/" in reasons["espelho.rst"]
    assert "não existe" in reasons["quebrado.rst"]


def test_a_file_link_inside_source_stays_allowed(make_app, tmp_path):
    src = handbook(tmp_path)
    (src / "playbooks" / "sei" / "real.txt").write_text("texto\n", encoding="utf-8")
    os.symlink("real.txt", src / "playbooks" / "sei" / "atalho.txt")
    os.symlink("sei/valido.rst", src / "playbooks" / "mesmo.rst")  # a document through a link, inside
    assert refused_links(src) == []
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert (Path(app.outdir) / "playbooks" / "sei" / "valido.html").exists()
    assert "symlink" not in normalized_warnings(app)
    assert "[playbook.symlink]" not in checker_output(src).stdout


def test_make_html_with_a_loop_ends_at_once_naming_the_link(tmp_path):
    """The reported case: `make html` with `source/playbooks/sei/loop -> ..` ran for more
    than 300 s; now it stops before Sphinx walks the tree (the timeout only bounds a hang)."""
    project = project_copy(tmp_path)
    os.symlink("..", project / "source" / "playbooks" / "sei" / "loop")
    result = make(project, "html", timeout=120)
    assert result.returncode != 0
    assert ("source/playbooks/sei/loop: ERROR: link simbólico recusado: aponta para '..', uma pasta que o contém"
            in result.stderr), result.stderr[-3000:]
    assert "loop/sei/loop" not in result.stdout + result.stderr
    checked = make(project, "check", timeout=120)
    assert checked.returncode != 0 and "[Makefile" in checked.stderr and "Error 1" in checked.stderr
    assert "source/playbooks/sei/loop: ERROR: link simbólico recusado: aponta para '..'" in checked.stdout


# --- Many warnings of one subtype -------------------------------------------------------------

def flooded(unknown: int) -> str:
    """A valid playbook with ``unknown`` sections the kind does not know (each one a warning)."""
    extra = "".join(f"Seção estranha {n}\n{'~' * 20}\n\nTexto.\n\n" for n in range(unknown))
    return playbook("Muitas seções").replace("Referências\n", extra + "Referências\n", 1)


@pytest.mark.parametrize("limit, unknown", [(5, 12), (None, 57)])
def test_a_flood_of_one_subtype_prints_n_lines_and_the_total(make_app, tmp_path, limit, unknown):
    shown = 50 if limit is None else limit
    conf = "" if limit is None else f"playbook_max_warnings_per_subtype = {limit}"
    src = small_handbook(tmp_path, {"sei/muitas.rst": flooded(unknown)}, conf_extra=conf)
    total_line = (f"mais {unknown - shown} aviso(s) deste tipo neste arquivo não mostrado(s): {unknown} no total "
                  f"(limite por tipo e arquivo: playbook_max_warnings_per_subtype = {shown})")
    # the build: N warnings, then the total on the file (it still fails with -W)
    app = make_app("html", srcdir=src, freshenv=True, warningiserror=False)
    app.build()
    lines = [line for line in normalized_warnings(app).splitlines() if "[playbook.unknown_section]" in line]
    assert len(lines) == shown + 1, lines
    assert lines[-1] == f"<srcdir>/playbooks/sei/muitas.rst: WARNING: {total_line} [playbook.unknown_section]"
    assert all(re.match(r"<srcdir>/playbooks/sei/muitas\.rst:\d+: WARNING: ", line) for line in lines[:-1])
    # make check: the same lines; its exit status and count are those of every problem
    result = checker_output(src)
    assert result.returncode == 1
    checked = [line for line in result.stdout.splitlines() if "[playbook.unknown_section]" in line]
    assert len(checked) == shown + 1 and checked[-1].endswith(f"muitas.rst: WARNING: {total_line} "
                                                              "[playbook.unknown_section]"), checked[-3:]
    assert f"\n{unknown} problema(s) em 1 de" in result.stdout


def test_the_build_still_fails_with_warnings_as_errors_past_the_limit(tmp_path):
    project = project_copy(tmp_path)
    (project / "source" / "playbooks" / "sei" / "muitas.rst").write_text(flooded(8), encoding="utf-8")
    with open(project / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("\nplaybook_max_warnings_per_subtype = 0\n")
    result = make(project, "html")
    assert result.returncode != 0
    assert "mais 8 aviso(s) deste tipo neste arquivo não mostrado(s): 8 no total" in result.stderr
    assert "Seção estranha" not in result.stderr


# --- make latexpdf without Portuguese babel ---------------------------------------------------

def without_portuguese_babel(tmp_path: Path) -> str:
    """A PATH whose kpsewhich finds nothing (TeX without texlive-lang-portuguese)."""
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "kpsewhich").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (fake / "kpsewhich").chmod(0o755)
    return f"{fake}:{os.environ['PATH']}"


def test_make_latexpdf_without_portuguese_babel_names_the_debian_package(tmp_path):
    project = project_copy(tmp_path)
    result = make(project, "latexpdf", env=clean_env(PATH=without_portuguese_babel(tmp_path)))
    assert result.returncode != 0
    assert "make latexpdf: ERRO: falta o babel em português (portuguese.ldf)" in result.stderr
    assert "texlive-lang-portuguese" in result.stderr
    assert not (project / "_build" / "latex").exists()  # stopped before Sphinx and LaTeX


@pytest.mark.parametrize("ci", ["", "true"])
def test_pdf_tests_skip_outside_ci_and_fail_in_ci_with_the_reason(tmp_path, monkeypatch, ci):
    monkeypatch.setenv("PATH", without_portuguese_babel(tmp_path))
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match="texlive-lang-portuguese"):
        require_pdf_tools()


def test_the_cap_counts_each_file_and_subtype_apart_and_keeps_the_others():
    """standard/warning_cap.py, the one rule behind the build's and make check's cap."""
    from playbooks.standard.warning_cap import cap

    reports = [("a.rst", "playbook.x")] * 3 + [("b.rst", "playbook.x")] * 2 + [("a.rst", "playbook.y")] * 3 \
        + [("a.rst", "docutils")] * 4
    shown = cap(reports, 2, subtype_of=lambda r: r[1], file_of=lambda r: r[0],
                counts=lambda r: r[1].startswith("playbook."))
    kept = [r for r in shown if isinstance(r, tuple)]
    assert kept == [("a.rst", "playbook.x")] * 2 + [("b.rst", "playbook.x")] * 2 + [("a.rst", "playbook.y")] * 2 \
        + [("a.rst", "docutils")] * 4
    over = [(o.file, o.subtype, o.total, o.message) for o in shown if not isinstance(o, tuple)]
    assert over == [("a.rst", "playbook.x", 3, "mais 1 aviso(s) deste tipo neste arquivo não mostrado(s): 3 no total "
                     "(limite por tipo e arquivo: playbook_max_warnings_per_subtype = 2)"),
                    ("a.rst", "playbook.y", 3, over[1][3])]
