"""Incremental (edit, add, rename, delete one playbook, no -E) and parallel (-j 2) builds give
the same catalog, index, search index and export as a clean -j 1 build."""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import pytest

from conftest import PROJECT

from playbooks.finding.search_index_format import load_search_index

ROOT = PROJECT / "tests" / "roots" / "test-catalog"

NEW_PLAYBOOK = """\
2024.12.01-Assinatura digital recusada-V1
=========================================

Situação
--------

A assinatura digital foi recusada pelo sistema.

Solução Sugerida
----------------

Reinstalar o assinador.

Modelo de Resposta
------------------

Prezado(a), reinstale o assinador.

Atribuições e responsabilidades
-------------------------------

N2

Perfil do usuário
-----------------

Usuário básico

Palavras-chave
--------------

Assinatura; Assinador
"""


def artifacts(outdir) -> dict:
    """What must not depend on how the site was built."""
    index = (outdir / "index.html").read_text(encoding="utf-8")
    start = index.index('<div class="playbook-catalog"')
    catalog = index[start:index.index('<p class="catalog-empty"', start)]
    genindex = (outdir / "genindex.html").read_text(encoding="utf-8")
    genindex = genindex[genindex.index('<h1 id="index">'):genindex.index('<div class="sphinxsidebar"')]
    search = load_search_index(outdir / "searchindex.js")
    export = json.loads((outdir / "playbooks.json").read_text(encoding="utf-8"))
    return {"catalog": catalog, "genindex": genindex, "search": search, "export": export}


def build(make_app, src, fresh: bool, parallel: int = 1):
    app = make_app("html", srcdir=src, freshenv=fresh, parallel=parallel)
    app.build()
    return app


def clean_build(make_app, src, target, parallel: int = 1):
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(src, target, ignore=shutil.ignore_patterns("_build"))
    return build(make_app, target, fresh=True, parallel=parallel)


def touch_later(path):
    later = time.time() + 5
    os.utime(path, (later, later))


def test_incremental_builds_match_clean_builds(make_app, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(make_app, src, fresh=True)
    steps = []

    def edit():
        path = src / "playbooks" / "sei" / "credencial.rst"
        text = path.read_text(encoding="utf-8")
        text = text.replace("2024.08.29-Renovação da credencial do órgão-V3",
                            "2024.09.30-Renovação da credencial do órgão público-V4")
        text = text.replace("=" * 46 + "\n", "=" * 55 + "\n", 1)
        text = text.replace("Certificado; Dúvida; Expiração", "Certificado; Credencial vencida")
        path.write_text(text, encoding="utf-8")
        touch_later(path)

    def add():
        (src / "playbooks" / "tramita" / "assinatura.rst").write_text(NEW_PLAYBOOK, encoding="utf-8")

    def rename():
        (src / "playbooks" / "sei" / "abertura.rst").rename(src / "playbooks" / "sei" / "abertura-de-chamados.rst")

    def delete():
        (src / "playbooks" / "tramita" / "rascunho.rst").unlink()

    for name, change in [("edit", edit), ("add", add), ("rename", rename), ("delete", delete)]:
        change()
        incremental = build(make_app, src, fresh=False)
        clean = clean_build(make_app, src, tmp_path / f"clean-{name}")
        got, expected = artifacts(incremental.outdir), artifacts(clean.outdir)
        for key in expected:
            assert got[key] == expected[key], f"{key} differs after '{name}'"
        steps.append(got)

    # The changes really reached every artifact.
    after_edit, after_add, after_rename, after_delete = steps
    assert "Renovação da credencial do órgão público" in after_edit["catalog"]
    assert "Credencial vencida" in after_edit["genindex"] and "Expiração" not in after_edit["genindex"]
    assert "credencial vencida" in after_edit["search"]["indexentries"]
    assert "Assinatura digital recusada" in after_add["catalog"]
    assert "playbooks/tramita/assinatura" in after_add["search"]["docnames"]
    assert "abertura-de-chamados.html" in after_rename["catalog"]
    assert "playbooks/sei/abertura" not in after_rename["search"]["docnames"]
    assert [p["id"] for p in after_delete["export"]["playbooks"]] == [
        "sei/abertura-de-chamados", "sei/credencial", "tramita/assinatura", "tramita/status"]
    assert "Recibo de trâmite" not in after_delete["catalog"] + after_delete["genindex"]


def test_parallel_build_matches_serial_build(make_app, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    folder = src / "playbooks" / "tramita"
    for number in range(12):  # enough documents for Sphinx to read and write in parallel
        text = NEW_PLAYBOOK.replace("Assinatura digital recusada", f"Assinatura digital recusada {number:02d}")
        text = re.sub(r"^=+$", "=" * 44, text, count=1, flags=re.M)
        (folder / f"assinatura-{number:02d}.rst").write_text(text, encoding="utf-8")
    serial = clean_build(make_app, src, tmp_path / "serial", parallel=1)
    parallel = clean_build(make_app, src, tmp_path / "parallel", parallel=2)
    assert parallel.parallel == 2
    expected, got = artifacts(serial.outdir), artifacts(parallel.outdir)
    for key in expected:
        assert got[key] == expected[key], f"{key} differs between -j 1 and -j 2"
    assert len(got["export"]["playbooks"]) == 16
    assert got["catalog"].count('class="catalog-item') == 16


def warning_lines(app) -> list[str]:
    """The warnings of the build's documents (colours stripped), sorted: their order follows
    the reading.  (Several applications in one test also warn that the extension's directives
    are registered already: those name no document.)"""
    from sphinx.util.console import strip_colors

    lines = strip_colors(app.warning.getvalue()).splitlines()
    # "file:line: WARNING: ..." ("file:" alone for a message without a line; an included file
    # may be named relative to the working folder)
    return sorted(line for line in lines if re.match(r"\S+?:\d*: (WARNING|ERROR): ", line))


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_page_that_warned_warns_again_in_the_next_build(make_app, tmp_path, parallel):
    """Sphinx reads again only the files that changed: without collect/warned_docs.py, a second
    ``make html`` read nothing and passed with -W while a playbook was still broken."""
    from sphinx.util.console import strip_colors

    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    for number in range(8):  # enough documents for -j 2 to read in parallel
        text = NEW_PLAYBOOK.replace("Assinatura digital recusada", f"Assinatura digital recusada {number:02d}")
        text = re.sub(r"^=+$", "=" * 44, text, count=1, flags=re.M)
        (src / "playbooks" / "tramita" / f"assinatura-{number:02d}.rst").write_text(text, encoding="utf-8")
    # The root's own drift (keyword separators...) warns in every build, as it should.
    root_warnings = warning_lines(build(make_app, src, fresh=True, parallel=parallel))
    assert root_warnings

    credencial = src / "playbooks" / "sei" / "credencial.rst"
    status = src / "playbooks" / "tramita" / "status.rst"
    copy = src / "playbooks" / "tramita" / "copia.rst"
    good = {path: path.read_text(encoding="utf-8") for path in (credencial, status)}
    # A rule of the standard (read), a docutils error (read) and a duplicated title (the
    # cross-document check, after reading).
    credencial.write_text(good[credencial].replace("Perfil do usuário\n-----------------",
                                                   "Perfil do usuario X\n-------------------"), encoding="utf-8")
    status.write_text(good[status] + "\n.. diretiva-inexistente::\n", encoding="utf-8")
    copy.write_text((src / "playbooks" / "tramita" / "assinatura-00.rst").read_text(encoding="utf-8"), encoding="utf-8")
    for path in (credencial, status, copy):
        touch_later(path)

    first = build(make_app, src, fresh=False, parallel=parallel)
    warned = warning_lines(first)
    assert any("[playbook.unknown_section]" in line and "credencial.rst" in line for line in warned), warned
    assert any("diretiva-inexistente" in line and "status.rst" in line for line in warned), warned
    assert any("[playbook.duplicate_title]" in line for line in warned), warned
    assert set(root_warnings) < set(warned)

    second = build(make_app, src, fresh=False, parallel=parallel)
    assert warning_lines(second) == warned
    files = {line.split(":", 1)[0] for line in warned}
    # Read again: every file that warned.  Those touch_later dated in the future are
    # "changed" for Sphinx anyway; the message counts only the others.
    touched = {str(path) for path in (credencial, status, copy)}
    assert f"relendo {len(files - touched)} arquivo(s) com avisos na construção anterior; 0 added, " \
        f"{len(files)} changed" in strip_colors(second.status.getvalue())

    # Fixed: the next builds warn only what the root itself warns.
    for path, text in good.items():
        path.write_text(text, encoding="utf-8")
        touch_later(path)
    copy.unlink()
    assert warning_lines(build(make_app, src, fresh=False, parallel=parallel)) == root_warnings
    again = build(make_app, src, fresh=False, parallel=parallel)
    assert warning_lines(again) == root_warnings
    files = {line.split(":", 1)[0] for line in root_warnings}
    changed = files | {str(credencial), str(status)}
    assert f"relendo {len(files - touched)} arquivo(s) com avisos na construção anterior; 0 added, " \
        f"{len(changed)} changed" in strip_colors(again.status.getvalue())


def test_a_suppressed_warning_does_not_read_its_page_again(make_app, tmp_path):
    from sphinx.util.console import strip_colors

    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    credencial = src / "playbooks" / "sei" / "credencial.rst"
    credencial.write_text(credencial.read_text(encoding="utf-8").replace(
        "Perfil do usuário\n-----------------", "Perfil do usuario X\n-------------------"), encoding="utf-8")
    options = {"suppress_warnings": ["playbook"]}  # every subtype of the standard
    first = make_app("html", srcdir=src, freshenv=True, confoverrides=options)
    first.build()
    assert warning_lines(first) == []
    second = make_app("html", srcdir=src, freshenv=False, confoverrides=options)
    second.build()
    assert "0 added, 0 changed, 0 removed" in strip_colors(second.status.getvalue())
    assert warning_lines(second) == []


def test_warnings_without_a_line_or_in_an_included_file_come_back_too(make_app, tmp_path):
    """docutils reports an anonymous link without its address with no line ("file:"), and
    a broken file that a page includes under that file's name: both are traced back to the
    page, which is read again."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    including = src / "playbooks" / "tramita" / "assinatura.rst"  # a playbook without warnings
    including.write_text(NEW_PLAYBOOK, encoding="utf-8")
    root_warnings = warning_lines(build(make_app, src, fresh=True))
    assert not any("assinatura.rst" in line or "status.rst" in line for line in root_warnings)
    status = src / "playbooks" / "tramita" / "status.rst"
    status.write_text(status.read_text(encoding="utf-8") + "\nVeja `isto`__ e `aquilo`__.\n\n__ https://a.example\n",
                      encoding="utf-8")
    (src / "partes").mkdir()
    (src / "partes" / "aviso.txt").write_text("Aviso *sem fim\n", encoding="utf-8")
    including.write_text(NEW_PLAYBOOK + "\n.. include:: ../../partes/aviso.txt\n", encoding="utf-8")
    for path in (status, including):
        touch_later(path)
    first = warning_lines(build(make_app, src, fresh=False))
    new = [line for line in first if line not in root_warnings]
    assert any("Anonymous hyperlink mismatch" in line and "status.rst" in line for line in new), new
    assert any("aviso.txt" in line for line in new), new
    # nothing changed since: the same warnings again (the two pages are dated in the future
    # by touch_later, so Sphinx would read them anyway: every file is dated in the past first)
    later = time.time() + 10
    for path in src.rglob("*"):
        if path.is_file():
            os.utime(path, (later - 20, later - 20))
    from playbooks.collect.warned_docs import FILE_NAME

    warned = json.loads((src / "_build" / "doctrees" / FILE_NAME).read_text(encoding="utf-8"))
    assert {"playbooks/tramita/status", "playbooks/tramita/assinatura"} <= set(warned), warned
    assert warning_lines(build(make_app, src, fresh=False)) == first
