"""The real handbook (source/ with conf.py) and PEN's real playbooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import PEN_WIKI, PROJECT, SEED, normalized_warnings

from playbooks.writers import check
from playbooks.standard.docutils_messages import explain

SEED_PATH = PROJECT / "source" / "playbooks" / "sei" / "suporte-ao-sei.rst"
GENERAL_PAGES = {"Documentacao_de_Apoio.rst", "TreinamentosApresentacoes.rst"}


def handbook_copy(tmp_path):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    return src


@pytest.mark.pen_sample
def test_seed_is_kept_byte_for_byte():
    assert SEED_PATH.read_bytes() == SEED.read_bytes()


def test_handbook_builds_without_any_warning(handbook_site):
    app = handbook_site
    assert normalized_warnings(app) == ""
    page = (app.outdir / "playbooks" / "sei" / "suporte-ao-sei.html").read_text(encoding="utf-8")
    assert "Suporte ao SEI" in page and 'lang="pt-BR"' in page


def test_make_check_passes_on_the_handbook():
    result = subprocess.run(
        [sys.executable, "-m", "playbooks", "check", "--conf", "conf.py", "--source", "source"],
        cwd=PROJECT, capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT / "_ext")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 arquivo(s) verificado(s): nenhum problema." in result.stdout


def pen_wiki_root(tmp_path):
    """PEN's wiki as a handbook: playbooks by category folder, general pages outside."""
    src = handbook_copy(tmp_path)
    shutil.rmtree(src / "playbooks" / "sei")
    (src / "paginas").mkdir()
    for path in PEN_WIKI.rglob("*"):
        relative = path.relative_to(PEN_WIKI)
        if path.is_dir() or relative.name == "README.md":
            continue
        target = (src / "paginas" / relative.name if relative.name in GENERAL_PAGES
                  else src / "playbooks" / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    (src / "paginas" / "index.rst").write_text(
        "Páginas gerais\n==============\n\n.. toctree::\n   :glob:\n\n   *\n", encoding="utf-8")
    with open(src / "index.rst", "a", encoding="utf-8") as handle:
        handle.write("   paginas/index\n")
    return src


@pytest.fixture
def pen_wiki_build(pen_wiki_site):
    return pen_wiki_site


LINE_RE = re.compile(r"^<srcdir>/(?P<path>\S.*?):(?P<line>\d+): (?P<level>WARNING|ERROR): (?P<msg>.*?) \[(?P<type>[\w.]+)\]$")


@pytest.mark.pen_sample
def test_pen_wiki_builds_with_only_its_real_defects(pen_wiki_build, capsys):
    src, app = pen_wiki_build
    reported = []
    for line in normalized_warnings(app).splitlines():
        match = LINE_RE.match(line)
        if match:
            reported.append((match["path"], int(match["line"]), match["type"]))
    playbooks = sorted((src / "playbooks").rglob("*.rst"))
    assert len([p for p in playbooks if p.name != "index.rst"]) == 49
    # The checker, run on the same files, finds the same problems in the playbooks.
    check.main(["--conf", str(src / "conf.py"), "--source", str(src)])
    out = capsys.readouterr().out
    prefix = check.display_path(src) + "/"
    from_checker = set()
    for line in out.splitlines():
        match = re.match(r"^(?P<path>.+?):(?P<line>\d+): \w+: .* \[(?P<type>[\w.]+)\]$", line)
        if match:
            from_checker.add((match["path"][len(prefix):], int(match["line"]), match["type"]))
    in_playbooks = {r for r in reported if r[0].startswith("playbooks/")}
    assert in_playbooks == from_checker
    # What PEN's sample really has: one list-indentation error, a too-short underline
    # in a general page, and no break of the playbook standard.
    assert ("playbooks/Tramita_GOV_BR/Processo_parado_no_status_2.rst", 49, "docutils") in in_playbooks
    assert ("<srcdir>/paginas/Documentacao_de_Apoio.rst:2: WARNING: " + explain("Title underline too short.")
            in normalized_warnings(app))
    # Keyword separators other than ';' are read and get a warning of their own (issue 4).
    # Parenthesised reply placeholders ("(inserir aqui nome do usuário)") are noted (issue 11).
    allowed = {"playbook.keyword_separator", "playbook.duplicate_title", "playbook.placeholder_form"}
    assert not [r for r in reported if r[2].startswith("playbook.") and r[2] not in allowed]
    assert ("playbooks/Tramita_GOV_BR/Processo_parado_no_status_2.rst", 115, "playbook.keyword_separator") in in_playbooks
    # Two playbooks are kept twice, an older version in Revisados/: same title, reported.
    sei = "playbooks/Sistema_Eletronico_de_Informação_SEI/"
    assert sorted(r[0] for r in reported if r[2] == "playbook.duplicate_title") == [
        sei + "Adesao_Duvida_SEI.rst", sei + "Revisados/Adesao_Duvida_SEI.rst",
        sei + "Revisados/SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0 .rst",
        sei + "SOLICITACAO_DE_SUPORTE_TECNICO_A_VERSOES_DO_SEI_ANTERIORES_A_4.0_v2.rst",
    ]


@pytest.mark.pen_sample
def test_checker_on_loose_pen_wiki_files_names_the_kind(capsys):
    code = check.main(["--conf", str(PROJECT / "conf.py"), "--source", str(PROJECT / "source"), str(PEN_WIKI)])
    out = capsys.readouterr().out
    assert code == 1  # the list-indentation error
    assert out.count("verificado como 'Script de atendimento' (script)") == 49
    for name in GENERAL_PAGES:
        assert re.search(re.escape(name) + r": não é um playbook de nenhum tipo", out)
