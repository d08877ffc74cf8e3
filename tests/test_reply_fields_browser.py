"""PEN's real placeholder forms in headless Chromium, with the real clipboard: one value per
page, plain-text labels, the agent's name remembered by the browser."""

from __future__ import annotations

import datetime
import shutil

import pytest
from conftest import PEN_WIKI, built_app, normalized_warnings
from playwright.sync_api import expect
from replies_support import make_source

pytestmark = pytest.mark.pen_sample  # the site is built from PEN's files

LOST_PASSWORD = (PEN_WIKI / "Protocolo_Integrado" /
                 "O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA.rst")
PAGE = "playbooks/protocolo-integrado/senha-perdida.html"
SECOND_PAGE = "playbooks/sei/estatistica.html"
NOON = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    dest = make_source(tmp_path_factory.mktemp("reply-fields"))
    (dest / "playbooks" / "protocolo-integrado").mkdir()
    shutil.copyfile(LOST_PASSWORD, dest / "playbooks" / "protocolo-integrado" / "senha-perdida.rst")
    shutil.copyfile(PEN_WIKI / "Sistema_Eletronico_de_Informação_SEI" / "Erro_no_modulo_estatistica_do_SEI–PEN.rst",
                    dest / "playbooks" / "sei" / "estatistica.rst")
    return built_app(dest)


def open_page(context, base, path):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.clock.set_fixed_time(NOON)
    page.goto(base + path)
    return page


def copy(page, index):
    page.evaluate("(i) => document.querySelectorAll('div.reply .reply-status')[i].textContent = ''", index)
    page.get_by_role("button", name="Copiar resposta").nth(index).click()
    status = page.locator("div.reply .reply-status").nth(index)
    expect(status).to_contain_text("copiada")
    return status.inner_text(), page.evaluate("navigator.clipboard.readText()")


def test_build_notes_each_parenthesised_placeholder_once_per_template(built):
    notes = [line for line in normalized_warnings(built).splitlines() if "senha-perdida" in line and "placeholder_form" in line]
    assert notes == [
        "<srcdir>/playbooks/protocolo-integrado/senha-perdida.rst:24: WARNING: campo entre parênteses no modelo "
        "de resposta: (inserir aqui nome do usuário); escreva-o entre colchetes: [nome do usuário] "
        "(make import corrige) [playbook.placeholder_form]",
        "<srcdir>/playbooks/protocolo-integrado/senha-perdida.rst:28: WARNING: campo entre parênteses no modelo "
        "de resposta: (Nome do atendente); escreva-o entre colchetes: [nome do atendente] "
        "(make import corrige) [playbook.placeholder_form]",
        "<srcdir>/playbooks/protocolo-integrado/senha-perdida.rst:32: WARNING: campo entre parênteses no modelo "
        "de resposta: (inserir aqui nome do usuário); escreva-o entre colchetes: [nome do usuário] "
        "(make import corrige) [playbook.placeholder_form]",
        "<srcdir>/playbooks/protocolo-integrado/senha-perdida.rst:36: WARNING: campo entre parênteses no modelo "
        "de resposta: (Nome do atendente); escreva-o entre colchetes: [nome do atendente] "
        "(make import corrige) [playbook.placeholder_form]",
    ]


def test_two_replies_without_labels_and_three_values_typed_once(built, serve, browser_context):
    base = serve(built.outdir)
    page = open_page(browser_context, base, PAGE)
    expect(page.get_by_role("button", name="Copiar resposta")).to_have_count(2)
    expect(page.get_by_role("group", name="Resposta 01", exact=True)).to_have_count(1)
    second = page.get_by_role(
        "group", name="Resposta 02 (após PO do Protocolo Integrado confirmar a geração da nova senha de acesso)")
    expect(second).to_have_count(1)
    # Each template: its title, then (next in keyboard order) its copy button.
    for block in page.locator("div.reply").all():
        order = block.evaluate("""b => Array.from(b.querySelectorAll('p.reply-label, button, input'))
                                     .map(e => e.tagName + ':' + (e.className || ''))""")
        assert order[:2] == ["P:reply-label", "BUTTON:reply-copy"]
    expect(page.get_by_role("textbox", name="nome do usuário")).to_have_count(2)
    expect(page.get_by_role("textbox", name="número do chamado")).to_have_count(2)
    expect(page.get_by_role("textbox", name="nome do atendente")).to_have_count(2)

    status, unfilled = copy(page, 0)
    assert "3 campos não foram preenchidos" in status and "número do chamado (________)" in status

    page.get_by_role("textbox", name="nome do usuário").first.fill("Maria Souza")
    page.get_by_role("textbox", name="número do chamado").last.fill("20250310-42")
    page.get_by_role("textbox", name="nome do atendente").first.fill("João Atendente")
    expect(second.get_by_role("textbox", name="nome do usuário")).to_have_value("Maria Souza")

    texts = []
    for index in (0, 1):
        status, text = copy(page, index)
        assert status == "Resposta copiada."
        texts.append(text)
    first, other = texts
    assert first != other
    assert first == (
        "Prezado(a) senhor(a) Maria Souza, conforme solicitado através deste chamado de número 20250310-42 , "
        "informamos que sua demanda será encaminhada à equipe do PEN para geração de uma nova senha de acesso, "
        "pedimos que aguarde.\n\nAtenciosamente,\n\nJoão Atendente")
    assert other.startswith("Prezado(a) senhor(a) Maria Souza, conforme solicitado através deste chamado de "
                            "número 20250310-42 , informamos que sua nova senha")
    assert other.endswith("contendo as informações necessárias.\n\nAtenciosamente,\n\nJoão Atendente")
    for text in texts:
        assert "Resposta 0" not in text and "(" not in text.replace("Prezado(a) senhor(a)", "")
        assert "____" not in text and "”" not in text
    assert page.errors == []


def test_agent_name_is_remembered_on_other_pages_and_can_be_forgotten(built, serve, browser_context):
    base = serve(built.outdir)
    page = open_page(browser_context, base, PAGE)
    forget = page.locator("div.reply button.reply-forget")
    expect(forget).to_have_count(2)  # one per template with the agent's name
    expect(forget.first).to_be_hidden()  # nothing remembered yet
    page.get_by_role("textbox", name="nome do atendente").first.fill("Ana Lima")
    expect(page.get_by_role("button", name="Esquecer meu nome")).to_have_count(2)

    other = open_page(browser_context, base, SECOND_PAGE)
    agent = other.get_by_role("textbox", name="nome profissional do atendente")
    expect(agent).to_have_value("Ana Lima")  # prefilled
    _, text = copy(other, 0)
    assert text.endswith("Atenciosamente,\n\nAna Lima")
    agent.fill("Ana M. Lima")  # changed from any page
    again = open_page(browser_context, base, PAGE)
    expect(again.get_by_role("textbox", name="nome do atendente").last).to_have_value("Ana M. Lima")
    again.get_by_role("button", name="Esquecer meu nome").first.click()
    expect(again.get_by_role("textbox", name="nome do atendente").first).to_have_value("")
    expect(again.locator("div.reply .reply-status").first).to_have_text("Seu nome foi esquecido neste navegador.")
    fresh = open_page(browser_context, base, SECOND_PAGE)
    expect(fresh.get_by_role("textbox", name="nome profissional do atendente")).to_have_value("")


def test_agent_name_is_remembered_on_file_pages(built, browser_context):
    page = open_page(browser_context, "file://" + str(built.outdir) + "/", PAGE)
    page.get_by_role("textbox", name="nome do atendente").first.fill("Rui")
    expect(page.get_by_role("button", name="Esquecer meu nome").first).to_be_visible()  # stored
    other = open_page(browser_context, "file://" + str(built.outdir) + "/", SECOND_PAGE)
    agent = other.get_by_role("textbox", name="nome profissional do atendente")
    # Chromium passes one page's localStorage to another page's process asynchronously: on
    # a loaded machine a page opened at once may still read the older value (CI saw it),
    # so the other page is read again for a few seconds; a name never stored still fails.
    for _ in range(20):
        if agent.input_value() == "Rui":
            break
        other.wait_for_timeout(250)
        other.reload()
    expect(agent).to_have_value("Rui")


def test_playbooks_json_lists_each_templates_fields_with_names(built):
    import json

    data = json.loads((built.outdir / "playbooks.json").read_text(encoding="utf-8"))
    item = next(p for p in data["playbooks"] if p["id"] == "protocolo-integrado/senha-perdida")
    assert [r["label"] for r in item["replies"]] == [
        "Resposta 01", "Resposta 02 (após PO do Protocolo Integrado confirmar a geração da nova senha de acesso)"]
    for reply in item["replies"]:
        assert reply["fields"] == [
            {"name": "nome do usuário", "written": "(inserir aqui nome do usuário)", "form": "paren", "agent": False},
            {"name": "número do chamado", "written": "________", "form": "blank", "agent": False},
            {"name": "nome do atendente", "written": "(Nome do atendente)", "form": "paren", "agent": True},
        ]
        assert not reply["text"].startswith("Resposta")
