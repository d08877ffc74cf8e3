"""``make new``: a new playbook with every section, failing ``make check`` until filled in."""

from __future__ import annotations

import re

import pytest
from workflow import make, project_copy

from playbooks.files import atomic
from playbooks.writers.check import load_conf
from playbooks.collect.config import schema_from
from playbooks.standard.names import slugify, title_core, title_key
from playbooks.writers.scaffold import SECTION_HINTS, render

SCRIPT_SECTIONS = [
    "Situação", "Quando Ocorre", "Solução Sugerida", "Modelo de Resposta para Chamados",
    "Atribuições e responsabilidades", "Perfil do usuário", "Palavras-chave", "Referências",
]
CHECK_LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): (?P<level>WARNING|ERROR): .* \[(?P<type>[\w.]+)\]$", re.M)


@pytest.fixture
def project(tmp_path):
    return project_copy(tmp_path)


def fill(text: str) -> str:
    """Put a line of content under every heading whose section holds only a comment."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        if index + 1 < len(lines) and set(lines[index + 1]) == {"~"}:
            continue
        if line and set(line) == {"~"}:
            out.append("")
            out.append(f"Conteúdo de {lines[index - 1]}.")
    return "\n".join(out)


def test_make_new_writes_every_section_with_a_comment_and_a_reply_skeleton(project):
    result = make(project, "new", "CATEGORY=sei", "TITLE=Acesso externo ao SEI")
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "source" / "playbooks" / "sei" / "acesso-externo-ao-sei.rst"
    assert "Criado source/playbooks/sei/acesso-externo-ao-sei.rst" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Acesso externo ao SEI\n=====================\n")
    headings = [lines for lines in re.findall(r"^(.+)\n~+\n", text, re.M)]
    assert headings == SCRIPT_SECTIONS
    for name in SCRIPT_SECTIONS:  # each section opens with a comment saying what goes there
        after = text.split(f"{name}\n{'~' * len(name)}\n\n", 1)[1]
        assert after.startswith(".. "), name
    reply = text.split("Modelo de Resposta para Chamados\n", 1)[1].split("Atribuições e responsabilidades\n")[0]
    assert "[nome do usuário]" in reply and "Bom dia/Boa tarde/Boa noite." in reply
    assert SECTION_HINTS["Palavras-chave"].split(":")[0] in " ".join(text.split())


def test_new_playbook_fails_check_until_filled_then_passes_and_builds(project):
    path = project / "source" / "playbooks" / "sei" / "sessao-expirada.rst"
    created = make(project, "new", "CATEGORY=sei", "TITLE=Sessão expirada")
    assert created.returncode == 0, created.stderr
    before = make(project, "check", "FILES=source/playbooks/sei/sessao-expirada.rst")
    assert before.returncode != 0
    found = [(m["path"], m["type"]) for m in CHECK_LINE.finditer(before.stdout)]
    # every section but the reply (it has its skeleton) is empty; nothing else is wrong
    assert found == [("source/playbooks/sei/sessao-expirada.rst", "playbook.empty_section")] * 7
    for name in SCRIPT_SECTIONS:
        if name != "Modelo de Resposta para Chamados":
            assert f"a seção '{name}' está vazia" in before.stdout
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    after = make(project, "check", "FILES=source/playbooks/sei/sessao-expirada.rst")
    assert after.returncode == 0, after.stdout
    html = make(project, "html")
    assert html.returncode == 0, html.stdout[-3000:] + html.stderr
    page = (project / "_build" / "html" / "playbooks" / "sei" / "sessao-expirada.html").read_text(encoding="utf-8")
    assert "Sessão expirada" in page and "[nome do usuário]" in page


def test_make_new_never_overwrites(project):
    path = project / "source" / "playbooks" / "sei" / "ja-existe.rst"
    path.write_text("Meu texto\n=========\n", encoding="utf-8")
    result = make(project, "new", "CATEGORY=sei", "TITLE=Já existe")
    assert result.returncode != 0
    assert "já existe; nada foi alterado" in result.stderr
    assert path.read_text(encoding="utf-8") == "Meu texto\n=========\n"


def test_procedure_category_gets_its_own_kind(project):
    result = make(project, "new", "CATEGORY=procedimentos", "TITLE=Módulo de estatísticas: ativação")
    assert result.returncode == 0, result.stderr
    text = (project / "source" / "playbooks" / "procedimentos" / "modulo-de-estatisticas-ativacao.rst").read_text(
        encoding="utf-8")
    assert re.findall(r"^(.+)\n~+\n", text, re.M) == [
        "Objetivo", "Atribuições e Responsabilidades", "Descrição", "Atenção", "Ação Padrão"]
    assert "[nome do usuário]" in text.split("Ação Padrão\n", 1)[1]


def test_category_by_its_label_and_clear_errors(project):
    by_label = make(project, "new", "CATEGORY=Tramita.GOV.BR", "TITLE=Recibo não obtido")
    assert by_label.returncode == 0, by_label.stderr
    assert (project / "source" / "playbooks" / "tramita" / "recibo-nao-obtido.rst").is_file()

    unknown = make(project, "new", "CATEGORY=financeiro", "TITLE=Qualquer")
    assert unknown.returncode != 0
    assert "categoria desconhecida: 'financeiro'" in unknown.stderr
    assert "sei" in unknown.stderr and "tramita" in unknown.stderr
    assert not (project / "source" / "playbooks" / "financeiro").exists()

    no_title = make(project, "new", "CATEGORY=sei")
    assert no_title.returncode != 0 and "informe o título" in no_title.stderr
    no_letters = make(project, "new", "CATEGORY=sei", "TITLE=—?!")
    assert no_letters.returncode != 0 and "não tem letras nem números" in no_letters.stderr


def test_title_with_quotes_and_shell_characters_is_taken_literally(project):
    result = make(project, "new", "CATEGORY=sei", 'TITLE=Erro "Acesso negado"; `x` & y')
    assert result.returncode == 0, result.stderr
    text = (project / "source" / "playbooks" / "sei" / "erro-acesso-negado-x-y.rst").read_text(encoding="utf-8")
    assert text.startswith('Erro "Acesso negado"; `x` & y\n')


@pytest.mark.parametrize("title, slug", [
    ("Acesso externo ao SEI", "acesso-externo-ao-sei"),
    ("Ação: SEI — Erro 500 / Çedilha", "acao-sei-erro-500-cedilha"),
    ("  Equipe de 1º Nível  ", "equipe-de-1o-nivel"),
    ("Erro_gerando_codigo_de_barras–SEI", "erro-gerando-codigo-de-barras-sei"),
    ("Adesão/Dúvida/SEI", "adesao-duvida-sei"),
])
def test_slug(title, slug):
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_hyphen():
    slug = slugify("palavra " * 40)
    assert len(slug) <= 120 and not slug.endswith("-") and slug.endswith("palavra")


def test_title_convention_core_and_key():
    assert title_core("2024.08.29-Processo parado no status 2-V2") == "Processo parado no status 2"
    assert title_core("2023.07.06-Adesão/Dúvida/SEI-V1 ") == "Adesão/Dúvida/SEI"
    assert title_core("Suporte ao SEI") == "Suporte ao SEI"
    assert title_key("2024.04.05-Adesão / Dúvida / SEI-V1") == title_key("Adesao/duvida/sei")
    assert title_key("Erro 500") != title_key("Erro 501")


def test_render_follows_the_configured_kind_and_its_help(tmp_path):
    from conftest import PROJECT

    conf = load_conf(PROJECT / "conf.py")
    conf["playbook_kinds"] = {"curto": {"sections": ["Pergunta", "Resposta"], "reply": "Resposta",
                                        "help": {"Pergunta": "O que o usuário perguntou."}}}
    conf["playbook_default_kind"] = "curto"
    conf["playbook_kind_by_folder"] = {}
    kind = schema_from(type("C", (), conf)).kinds["curto"]
    text = render(kind, "Dúvida frequente")
    assert re.findall(r"^(.+)\n~+\n", text, re.M) == ["Pergunta", "Resposta"]
    assert ".. O que o usuário perguntou." in text
    assert "[nome do usuário]" in text.split("Resposta\n", 1)[1]


def test_create_new_refuses_an_existing_file(tmp_path):
    target = tmp_path / "a.rst"
    atomic.create_new(target, b"first")
    with pytest.raises(FileExistsError):
        atomic.create_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.rst"]  # no temporary file left
