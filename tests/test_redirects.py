"""Old addresses keep working: make import records them, the build makes redirect pages.

The old address is the page's path relative to the folder given to ``make import`` (from
the category folder on, when that folder is or is in one), under
``playbook_redirect_prefix`` (``Scripts_Atendimento/`` in conf.py, as in PEN's wiki).
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import PEN_WIKI
from workflow import make, project_copy

OLD = "Scripts_Atendimento/Tramita_GOV_BR/Barra_de_Progresso_Travando"
NEW = "playbooks/tramita/barra-de-progresso-travando"
OLD_2 = "Scripts_Atendimento/Tramita_GOV_BR/Acesso_negado_a_este_recurso_nesta_unidade"
NEW_2 = "playbooks/tramita/acesso-negado-a-este-recurso-nesta-unidade"
#: An entry a writer added by hand before the import (renamed playbook).
BY_HAND = {"playbooks/sei/suporte": "playbooks/sei/suporte-ao-sei"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Two of PEN's Tramita playbooks imported into a copy of the handbook that already has
    a redirect map; then built as html and dirhtml."""
    base = tmp_path_factory.mktemp("redirects")
    wiki = base / "wiki" / "Tramita_GOV_BR"
    wiki.mkdir(parents=True)
    for name in ("Barra_de_Progresso_Travando.rst", "Acesso_negado_a_este_recurso_nesta_unidade.rst"):
        shutil.copy(PEN_WIKI / "Tramita_GOV_BR" / name, wiki / name)
    project = project_copy(base)
    redirects = project / "source" / "redirects.json"
    redirects.write_text(json.dumps(BY_HAND), encoding="utf-8")
    first = make(project, "import", f"SRC={wiki.parent}")
    after_first = redirects.read_bytes()
    second = make(project, "import", f"SRC={wiki.parent}")
    builds = {name: make(project, name, timeout=600) for name in ("html", "dirhtml")}
    return {"project": project, "first": first, "second": second, "after_first": after_first,
            "map": redirects, "builds": builds}


@pytest.mark.pen_sample
def test_import_records_old_addresses_in_one_map_and_keeps_existing_entries(imported):
    assert imported["first"].returncode == 0, imported["first"].stdout
    assert json.loads(imported["after_first"]) == {**BY_HAND, OLD: NEW, OLD_2: NEW_2}
    assert "Endereços antigos: 2 registrado(s) em source/redirects.json" in imported["first"].stdout
    # the same import again: the same entries, the file untouched
    assert imported["map"].read_bytes() == imported["after_first"]


@pytest.mark.pen_sample
def test_a_file_imported_alone_is_recorded_by_its_name(tmp_path):
    project = project_copy(tmp_path)
    src = tmp_path / "Erro_500.rst"
    shutil.copy(PEN_WIKI / "Sistema_Eletronico_de_Informação_SEI" / "Error_500.rst", src)
    result = make(project, "import", f"SRC={src}", "CATEGORY=sei")
    assert result.returncode == 0, result.stdout
    mapping = json.loads((project / "source" / "redirects.json").read_text(encoding="utf-8"))
    assert list(mapping) == ["Scripts_Atendimento/Erro_500"]
    assert (project / "source" / (mapping["Scripts_Atendimento/Erro_500"] + ".rst")).is_file()


@pytest.mark.pen_sample
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_build_makes_redirect_pages(imported, builder):
    result = imported["builds"][builder]
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    out = imported["project"] / "_build" / builder
    page = out / (f"{OLD}.html" if builder == "html" else f"{OLD}/index.html")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="pt-BR"' in text
    assert "http://" not in text and "https://" not in text  # nothing outside the site
    # the writer's own entry as well
    assert (out / ("playbooks/sei/suporte.html" if builder == "html" else "playbooks/sei/suporte/index.html")).is_file()


@pytest.mark.pen_sample
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_old_address_opens_the_new_page_with_its_anchor(imported, builder, browser_context, serve):
    base = serve(imported["project"] / "_build" / builder)
    suffix = ".html" if builder == "html" else "/"
    page = browser_context.new_page()
    page.goto(f"{base}{OLD}{suffix}#quando-ocorre")
    page.wait_for_url(f"{base}{NEW}{suffix}#quando-ocorre")
    assert page.locator("h1").first.inner_text().startswith("Barra de Progresso")
    assert page.evaluate("location.hash") == "#quando-ocorre"
    page.goto(f"{base}{OLD_2}{suffix}")
    page.wait_for_url(f"{base}{NEW_2}{suffix}")
    page.goto(f"{base}playbooks/sei/suporte{suffix}")
    page.wait_for_url(f"{base}playbooks/sei/suporte-ao-sei{suffix}")


def test_a_redirect_to_a_missing_page_fails_the_build_and_the_check(tmp_path):
    project = project_copy(tmp_path)
    redirects = project / "source" / "redirects.json"
    redirects.write_text(json.dumps({
        "Scripts_Atendimento/SEI/Suporte": "playbooks/sei/suporte-ao-sei",
        "Scripts_Atendimento/SEI/Antigo": "playbooks/sei/nao-existe",
    }, indent=2), encoding="utf-8")
    message = ("o redirecionamento de 'Scripts_Atendimento/SEI/Antigo' aponta para 'playbooks/sei/nao-existe', "
               "que não existe no manual; corrija o destino (o documento novo, sem .rst) ou remova a linha "
               "[playbook.redirect_target]")
    html = make(project, "html")
    assert html.returncode != 0
    assert f"source/redirects.json:3: ERROR: {message}" in html.stderr.replace(str(project) + "/", "")
    check = make(project, "check")
    assert check.returncode != 0
    assert f"source/redirects.json:3: ERROR: {message}" in check.stdout
    # fixed: both pass
    redirects.write_text(json.dumps({"Scripts_Atendimento/SEI/Suporte": "playbooks/sei/suporte-ao-sei"}),
                         encoding="utf-8")
    assert make(project, "check").returncode == 0
    assert make(project, "html").returncode == 0


def test_a_map_on_one_line_or_unreadable_is_named_once_at_line_1_by_the_build_and_the_check(tmp_path):
    """Without a line of its own, a location would be read as a page's name
    ("redirects.json.rst"); an unreadable map was reported twice by the build."""
    project = project_copy(tmp_path)
    redirects = project / "source" / "redirects.json"
    for text, said in ((json.dumps({"Scripts_Atendimento/SEI/Antigo": "playbooks/sei/nao-existe"}),
                        "o redirecionamento de 'Scripts_Atendimento/SEI/Antigo'"),
                       ("{\"a\": ", "mapa de redirecionamentos ilegível")):
        redirects.write_text(text, encoding="utf-8")
        html = make(project, "html")
        built = [line for line in html.stderr.replace(str(project) + "/", "").splitlines() if said in line]
        assert len(built) == 1 and built[0].startswith(f"source/redirects.json:1: ERROR: {said}"), html.stderr
        check = make(project, "check")
        assert f"source/redirects.json:1: ERROR: {said}" in check.stdout, check.stdout


def test_an_unreadable_map_is_an_error(tmp_path):
    project = project_copy(tmp_path)
    (project / "source" / "redirects.json").write_text("{\"a\": ", encoding="utf-8")
    check = make(project, "check")
    assert check.returncode != 0
    assert "mapa de redirecionamentos ilegível: JSON inválido" in check.stdout
    assert make(project, "html").returncode != 0


@pytest.mark.pen_sample
def test_import_keeps_the_map_when_it_cannot_be_read(tmp_path):
    """A map the writer broke is never overwritten by make import."""
    project = project_copy(tmp_path)
    broken = "{\"a\": \n"
    (project / "source" / "redirects.json").write_text(broken, encoding="utf-8")
    src = tmp_path / "wiki" / "Tramita_GOV_BR"
    src.mkdir(parents=True)
    shutil.copy(PEN_WIKI / "Tramita_GOV_BR" / "Barra_de_Progresso_Travando.rst", src)
    result = make(project, "import", f"SRC={src.parent}")
    assert result.returncode != 0
    assert "redirects.json" in result.stdout + result.stderr
    assert (project / "source" / "redirects.json").read_text(encoding="utf-8") == broken
    assert "Traceback" not in result.stderr


#: A playbook as PEN's wiki writes it (no sample needed).
WIKI_PLAYBOOK = """\
2024.08.29-Barra de progresso travando-V1
=========================================

Situação
~~~~~~~~

A barra de progresso do envio fica parada.

Solução Sugerida
~~~~~~~~~~~~~~~~

Orientar a enviar de novo.

Modelo de Resposta para Chamados
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Prezado(a), envie o processo de novo.

Atribuições e responsabilidades
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

N1

Perfil do usuário
~~~~~~~~~~~~~~~~~

Usuário do SEI

Palavras-chave
~~~~~~~~~~~~~~

Barra de progresso; Envio
"""


def _wiki(tmp_path):
    category = tmp_path / "wiki" / "Tramita_GOV_BR"
    category.mkdir(parents=True)
    (category / "Barra_de_Progresso_Travando.rst").write_text(WIKI_PLAYBOOK, encoding="utf-8")
    return category


def _map(project) -> dict:
    return json.loads((project / "source" / "redirects.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("given", ["wiki", "category folder", "file"])
def test_the_old_address_is_the_same_whatever_folder_is_imported(tmp_path, given):
    """In PEN's wiki the address holds the category folder: importing that folder (or one of
    its files) records the same address as importing the whole wiki."""
    category = _wiki(tmp_path)
    src = {"wiki": category.parent, "category folder": category,
           "file": category / "Barra_de_Progresso_Travando.rst"}[given]
    project = project_copy(tmp_path)
    result = make(project, "import", f"SRC={src}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _map(project) == {OLD: NEW}


def test_import_keeps_an_entry_of_the_map_that_sends_the_address_elsewhere_unless_forced(tmp_path):
    """The map only gains lines: an address a writer sent to another page keeps its target,
    and the report says so; FORCE=1 takes the import's target."""
    category = _wiki(tmp_path)
    project = project_copy(tmp_path)
    by_hand = {OLD: "playbooks/sei/suporte-ao-sei"}
    (project / "source" / "redirects.json").write_text(json.dumps(by_hand), encoding="utf-8")
    kept = make(project, "import", f"SRC={category.parent}")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert _map(project) == by_hand
    assert ("1 endereço(s) que o mapa já levava a outra página, mantido(s) como estavam "
            "(FORCE=1 troca pelo destino desta importação):") in kept.stdout
    assert f"    {OLD}: no mapa, playbooks/sei/suporte-ao-sei; nesta importação, {NEW}" in kept.stdout
    forced = make(project, "import", f"SRC={category.parent}", "FORCE=1")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert _map(project) == {OLD: NEW}
    assert "1 endereço(s) que o mapa já levava a outra página, trocado(s), com FORCE=1:" in forced.stdout


def test_a_map_broken_after_a_build_fails_the_next_builds(tmp_path):
    """The map is no page: a build after an edit of the map alone reads nothing, and the map
    is still checked (site/redirects.py checks it after reading, in every build)."""
    project = project_copy(tmp_path)
    assert make(project, "html").returncode == 0
    (project / "source" / "redirects.json").write_text(
        json.dumps({"Scripts_Atendimento/SEI/Antigo": "playbooks/sei/nao-existe"}), encoding="utf-8")
    for _ in range(2):
        html = make(project, "html")
        assert html.returncode != 0 and "[playbook.redirect_target]" in html.stderr, html.stderr


def test_a_new_category_folder_imported_with_category_records_the_same_address_twice(tmp_path):
    category = tmp_path / "wiki" / "Barramento_PEN"
    category.mkdir(parents=True)
    (category / "Barra_de_Progresso_Travando.rst").write_text(WIKI_PLAYBOOK, encoding="utf-8")
    project = project_copy(tmp_path)
    for _ in range(2):  # the second time, the handbook knows the category's folder
        result = make(project, "import", f"SRC={category}", "CATEGORY=barramento-pen")
        assert result.returncode == 0, result.stdout + result.stderr
        assert _map(project) == {
            "Scripts_Atendimento/Barramento_PEN/Barra_de_Progresso_Travando":
                "playbooks/barramento-pen/barra-de-progresso-travando"}
