"""Playbook metadata: PEN's title convention, keywords and their separators, team level."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
from conftest import PEN_WIKI, PROJECT, normalized_warnings

from playbooks.writers import check
from playbooks.standard.metadata import parse_title, split_keywords, team_level
from playbooks.collect.records import get_records


@pytest.mark.parametrize(("title", "display", "date", "version"), [
    ("2024.08.29-Processo parado no Status 5-V3", "Processo parado no Status 5", datetime.date(2024, 8, 29), 3),
    ("2023.08.14-Novo acordo-v2", "Novo acordo", datetime.date(2023, 8, 14), 2),
    ("2023.05.08-ADESÃO AO NUP - ESCLARECER DÚVIDAS-V1", "ADESÃO AO NUP - ESCLARECER DÚVIDAS", datetime.date(2023, 5, 8), 1),
    ("2025.03.06-Atendimento por Tribunal – Tramita GOV.BR -V2 ", "Atendimento por Tribunal – Tramita GOV.BR",
     datetime.date(2025, 3, 6), 2),
    ("2024.01.10-Sem versão", "Sem versão", datetime.date(2024, 1, 10), None),
    ("Suporte ao SEI", "Suporte ao SEI", None, None),
    ("Processo parado no Status 5-V3", "Processo parado no Status 5-V3", None, None),
])
def test_title_convention(title, display, date, version):
    info = parse_title(title)
    assert (info.display, info.date, info.version, info.problem) == (display, date, version, None)


def test_title_with_an_impossible_date_is_kept_whole_with_a_problem():
    info = parse_title("2024.02.30-Título-V1")
    assert info.display == "2024.02.30-Título-V1" and info.date is None
    assert "2024.02.30" in info.problem and "não é uma data válida" in info.problem


@pytest.mark.parametrize(("text", "keywords", "separators"), [
    ("SEI; Sistema Eletrônico de Informações; Suporte", ["SEI", "Sistema Eletrônico de Informações", "Suporte"], []),
    ("NUP; adesão.", ["NUP", "adesão"], []),
    ("Erro, 500, Error", ["Erro", "500", "Error"], [","]),
    ("Status 2| monitoramento | gearman", ["Status 2", "monitoramento", "gearman"], ["|"]),
    ("Recibo / Trâmite / Painel", ["Recibo", "Trâmite", "Painel"], ["/"]),
    ("Tramita; API; instalação, erros; falhas.", ["Tramita", "API", "instalação", "erros", "falhas"], [","]),
    ("Integração, SPE,Sistema de Processo Eletrônico", ["Integração", "SPE", "Sistema de Processo Eletrônico"], [","]),
    ("TCP/IP; DNS", ["TCP/IP", "DNS"], []),
    ("Tramita; STATUS 4; “em Tramitação externa”.", ["Tramita", "STATUS 4", "em Tramitação externa"], []),
    ("N/A", [], []),
])
def test_keyword_separators(text, keywords, separators):
    assert split_keywords(text) == (keywords, separators)


@pytest.mark.parametrize(("text", "level"), [
    ("Equipe de 1\u00ba N\u00edvel\u202f", "1"), ("Equipe de nível 1.", "1"), ("N3 (inclui geração de senhas)", "3"),
    ("Atendentes N2", "2"), ("Atendente de nível 1", "1"), ("segundo nível", "2"),
    ("Não se aplica.", None), ("Gestor", None), (None, None),
])
def test_team_level(text, level):
    assert team_level(text) == level


def test_records_title_node_and_warnings(catalog_site):
    app = catalog_site
    records = get_records(app.env)
    status = records["playbooks/tramita/status"]
    assert status["display_title"] == "Processo parado no status 2"
    assert (status["date"], status["version"]) == ("2023-05-08", 1)
    assert status["team"] is None and status["profile"] is None  # PEN's template text, N/A
    assert status["keywords"] == ["Tramita", "Status 2"]
    assert status["section_texts"]["Solução Sugerida"] == "Verificar o gearman."
    # The parsed title is the page's title everywhere Sphinx uses it.
    assert app.env.titles["playbooks/tramita/status"].astext() == "Processo parado no status 2"
    page = (app.outdir / "playbooks" / "tramita" / "status.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Processo parado no status 2<a", page)
    assert "2023.05.08" not in page
    assert "<title>Processo parado no status 2" in page
    panel = page[page.index('class="playbook-panel'):]
    panel = panel[:panel.index("</div>")]
    assert "08/05/2023" in panel and ">1<" in panel and "Tramita.GOV.BR" in panel
    # Keyword separators other than ';' are read, and a warning suggests ';'.
    warnings = normalized_warnings(app)
    assert ("<srcdir>/playbooks/sei/abertura.rst:33: WARNING: as palavras-chave estão separadas por ',' e '|'; "
            "separe-as com ';' (por exemplo: Abertura; Navegador; Sistema) [playbook.keyword_separator]") in warnings
    assert "<srcdir>/playbooks/tramita/rascunho.rst:34: WARNING: as palavras-chave estão separadas por '/'" in warnings
    assert records["playbooks/sei/abertura"]["keywords"] == ["Abertura", "Navegador", "Sistema"]


def test_separator_warning_can_be_suppressed(shared_sites):
    app = shared_sites.get("catalog", suppress_warnings=["playbook.keyword_separator"])
    assert "keyword_separator" not in normalized_warnings(app)
    assert get_records(app.env)["playbooks/tramita/rascunho"]["keywords"] == ["Recibo", "Trâmite", "Painel"]


def test_checker_reports_the_same_separator_warnings(rootdir, capsys):
    root = rootdir / "test-catalog"
    code = check.main(["--conf", str(root / "conf.py"), "--source", str(root)])
    out = capsys.readouterr().out
    assert code == 1
    found = re.findall(r"(\S+\.rst):(\d+): WARNING: (.*) \[playbook\.keyword_separator\]", out)
    assert sorted((path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1], int(line)) for path, line, _ in found) == [
        ("sei/abertura.rst", 33), ("tramita/rascunho.rst", 34)]


@pytest.mark.pen_sample
def test_make_check_suggests_semicolons_on_pen_files():
    result = subprocess.run(
        [sys.executable, "-m", "playbooks", "check", "--conf", "conf.py", "--source", "source",
         str(PEN_WIKI / "Tramita_GOV_BR" / "Processo_parado_no_status_2.rst")],
        cwd=PROJECT, capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT / "_ext")},
    )
    assert re.search(r"Processo_parado_no_status_2\.rst:115: WARNING: as palavras-chave estão separadas por '\|'; "
                     r"separe-as com ';' \(por exemplo: Status 2; monitoramento; gearman; supervisor; "
                     r"verificação; Parado\) \[playbook\.keyword_separator\]", result.stdout), result.stdout


def test_impossible_title_date_is_reported_by_the_checker(tmp_path, capsys):
    path = tmp_path / "data-errada.rst"
    text = (PROJECT / "source" / "playbooks" / "sei" / "suporte-ao-sei.rst").read_text(encoding="utf-8")
    path.write_text(text.replace("Suporte ao SEI\n==============", "2024.02.30-Suporte ao SEI-V1\n" + "=" * 28, 1),
                    encoding="utf-8")
    code = check.main(["--conf", str(PROJECT / "conf.py"), "--source", str(PROJECT / "source"), str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"data-errada\.rst:1: WARNING: a data '2024\.02\.30' no início do título não é uma data "
                     r"válida .* \[playbook\.title_date\]", out), out
