"""The reply grammar (replies/grammar.py): every placeholder, label and instruction form of
PEN's real templates, the look-alikes that are not, and the copy of every real template."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import PEN_WIKI
from docutils.core import publish_doctree
from test_replies import templates

from playbooks.replies.extract import Slot, templates_for
from playbooks.replies.grammar import AGENT_KEY, Grammar, rewrite_placeholders
from playbooks.standard.reply_checks import reply_problems
from playbooks.standard.outline import build_outline
from playbooks.standard.schema import DEFAULT_KINDS, build_schema

G = Grammar()
KIND = build_schema(DEFAULT_KINDS, None, {}).kinds["script"]


def found(text, **context):
    return [(m.form, m.written, m.name) for m in G.find(text, **context)]


# --- Placeholders ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Prezado (a) [inserir nome do Usuário],", ("bracket", "[inserir nome do Usuário]", "inserir nome do Usuário")),
    ("Prezado(a) senhor(a) (inserir aqui nome do usuário), conforme",
     ("paren", "(inserir aqui nome do usuário)", "nome do usuário")),
    ("Informe (informar o número do NRE) e aguarde.", ("paren", "(informar o número do NRE)", "número do NRE")),
    ("(Nome do atendente)", ("paren", "(Nome do atendente)", "nome do atendente")),
    ("a (citar o nome da entidade) deve", ("paren", "(citar o nome da entidade)", "nome da entidade")),
    ("através do site: (verificar site do órgão) ou", ("paren", "(verificar site do órgão)", "site do órgão")),
    ("deste chamado de número ________ , seguem", ("blank", "________", "número do chamado")),
    ("NRE: ______", ("blank", "______", "NRE")),
    ("Assine aqui ____.", ("blank", "____", "")),
    ("Prezada xxxx,", ("mask", "xxxx", "nome do usuário")),
    ("Prezado XXxxxxx,", ("mask", "XXxxxxx", "nome do usuário")),
    ("Prezado Gestor xxx", ("mask", "xxx", "nome do usuário")),
    ("NRE: xxxxxxxxxxxxxxxx", ("mask", "xxxxxxxxxxxxxxxx", "NRE")),
    ("Processo: XXXXX.XXXXXX/XXXX-XX.", ("mask", "XXXXX.XXXXXX/XXXX-XX", "Processo")),
    ("O processo XXXXXX parado no status 2", ("mask", "XXXXXX", "número do processo")),
])
def test_each_form_is_one_field_with_its_name(text, expected):
    assert found(text) == [expected]


def test_a_mask_keeps_its_separators_as_the_hint():
    (match,) = G.find("Processo: XXXXX.XXXXXX/XXXX-XX")
    assert match.hint == "XXXXX.XXXXXX/XXXX-XX"


@pytest.mark.parametrize("text", [
    "Prezado(a),", "Prezado (a) senhor(a),", "Prezado Senhor(a),", "Caro(a) usuário(a),",
    "do Processo Eletrônico Nacional do (PEN), basta",
    "Resposta 02 (após o PO confirmar a geração de credenciais de acesso):",
    "Ambiente (Dev/Homolog/Produção);", "e logs do erro (se houver).", "Sistema operacional (utilizado pelo usuário);",
    "(Indicar como o atendente deverá responder ao chamado, incluindo o texto de saudação inicial, "
    "o corpo da resposta e a despedida ou fecho. Exemplo aqui.)",
    "(nome do usuário, que ele informou no chamado.)",
    "Nota [1] e [] e [123].",
    "Veja [Tramita.gov.br](https://www.gov.br/tramita) para mais.",
    "Veja [Tramita.gov.br] https://www.gov.br/tramita para mais.",
    "inciso XXX do art. 5º", "século XX", "xx", "Xerox", "2x ao dia", "taxxx", "um __init__ do Python",
    "x_y", "_", "__",
])
def test_look_alikes_are_not_fields(text):
    assert found(text) == []


def test_a_bracket_before_a_link_node_is_a_link_text():
    # "[Tramita.gov.br] https://..." in RST: the URL is a reference node after the text.
    assert found("Acesse [Tramita.gov.br] ", after="https://www.gov.br/tramita") == []
    assert found("Acesse [nome do sistema] e depois") == [("bracket", "[nome do sistema]", "nome do sistema")]


def test_the_opening_words_are_configuration():
    mine = Grammar.from_config({"playbook_reply_placeholder_words": ["preencher"]})
    assert [(m.form, m.name) for m in mine.find("Informe (preencher o CPF) aqui.")] == [("paren", "CPF")]
    assert mine.find("(inserir aqui nome do usuário)") == []
    assert Grammar.from_config(None).find("(inserir aqui nome do usuário)")


def test_agent_name_fields_share_one_key():
    assert G.key("nome do atendente") == G.key("nome profissional do atendente") == AGENT_KEY
    assert G.key("Nome do Atendente") == AGENT_KEY
    assert G.key("nome do usuário") == G.key("inserir nome do Usuário") == "p:nome do usuário"
    mine = Grammar.from_config({"playbook_reply_agent_fields": ["assinatura"]})
    assert mine.key("assinatura") == AGENT_KEY and mine.key("nome do atendente") != AGENT_KEY


# --- Labels and instructions -------------------------------------------------------------------


@pytest.mark.parametrize("text, title", [
    ("Resposta 01:", "Resposta 01"),
    ("Resposta 02 (após PO do Protocolo Integrado confirmar a geração da nova senha de acesso):",
     "Resposta 02 (após PO do Protocolo Integrado confirmar a geração da nova senha de acesso)"),
    ("Resposta 02 (após PO confirmar a atualização:", "Resposta 02 (após PO confirmar a atualização"),
    ("Modelo de resposta para o Remetente:", "Modelo de resposta para o Remetente"),
    ("Modelo de resposta inicial:", "Modelo de resposta inicial"),
    ("Para os casos em que o contato é realizado por órgão da Administração Direta:",
     "Para os casos em que o contato é realizado por órgão da Administração Direta"),
    ("Resposta 3", "Resposta 3"),
])
def test_label_paragraphs(text, title):
    assert G.label_text(text) == title


@pytest.mark.parametrize("text", [
    "Manual de Integração ao Webservice:", "Padrão de dados:", "Para isso, siga os passos:",
    "Resposta enviada ao usuário ontem.", "Atenciosamente,", "O material de apoio pode ser encontrado nos links abaixo:",
])
def test_not_labels(text):
    assert G.label_text(text) is None


def test_instructions():
    assert G.is_instruction("(Indicar como o atendente deverá responder ao chamado, incluindo o texto de "
                            "saudação inicial, o corpo da resposta e a despedida ou fecho. Exemplo aqui.)")
    assert G.is_instruction("[Descrever aqui o procedimento]")
    assert not G.is_instruction("(Nome do atendente)")
    assert not G.is_instruction("Indicar o número do processo no campo.")


# --- In templates ----------------------------------------------------------------------------------

PLAIN_LABELS = """\
Resposta 01:

“Prezado(a) senhor(a) (inserir aqui nome do usuário), chamado de número ________ , aguarde.

Atenciosamente,

(Nome do atendente)”

Resposta 02 (após o PO confirmar):

Prezado(a) [nome do usuário], chamado de número ________ , concluído.

Atenciosamente,

[nome profissional do atendente]
"""


def test_plain_labels_split_templates_and_values_are_shared_on_the_page():
    first, second = templates(PLAIN_LABELS)
    assert (first.label, second.label) == ("Resposta 01", "Resposta 02 (após o PO confirmar)")
    assert first.text == ("Prezado(a) senhor(a) (inserir aqui nome do usuário), chamado de número ________ , "
                          "aguarde.\n\nAtenciosamente,\n\n(Nome do atendente)")  # quotes around it dropped
    assert "Resposta" not in first.text + second.text
    keys = [[s.key for s in t.fields] for t in (first, second)]
    assert keys == [["p:nome do usuário", "p:número do chamado", AGENT_KEY]] * 2
    assert [s.name for s in second.fields] == ["nome do usuário", "número do chamado", "nome profissional do atendente"]


def test_instruction_next_to_text_is_not_copied_and_is_noted():
    body = ("(Indicar como o atendente deverá responder, incluindo a saudação.)\n\n"
            "Prezado(a) [nome do usuário],\n\nTexto.\n")
    (template,) = templates(body)
    assert not template.draft
    assert template.text == "Prezado(a) [nome do usuário],\n\nTexto."
    assert [text for _, text, _ in template.instructions] == [
        "(Indicar como o atendente deverá responder, incluindo a saudação.)"]
    assert [p.subtype for p in reply_problems([template])] == ["reply_instruction"]


def test_an_instruction_alone_is_a_draft():
    (template,) = templates("(Indicar como o atendente deverá responder ao chamado.)\n")
    assert template.draft and reply_problems([template]) == []


def test_parenthesised_placeholders_are_noted_once_per_template():
    first, second = templates(PLAIN_LABELS)
    problems = reply_problems([first, second])
    assert [(p.subtype, p.line) for p in problems] == [("placeholder_form", 24), ("placeholder_form", 28)]
    assert "(inserir aqui nome do usuário)" in problems[0].message and "[nome do usuário]" in problems[0].message
    assert "[nome do atendente]" in problems[1].message
    twice = templates("Prezado (inserir aqui nome do usuário) e (inserir aqui nome do usuário).\n")
    assert len(reply_problems(twice)) == 1


def test_signature_mask_after_the_closing_is_the_agent():
    (template,) = templates("Prezada Xxxxxxx,\n\nTexto.\n\nAtenciosamente,\n\nXxxxxxxxxx\n")
    assert [(s.key, s.name, s.form) for s in template.fields] == [
        ("p:nome do usuário", "nome do usuário", "mask"), (AGENT_KEY, "nome do atendente", "mask")]


def test_unnamed_blanks_are_numbered_across_the_page():
    first, second = templates("**A**\n\nAssine ____ e ____.\n\n**B**\n\nAssine ____.\n")
    assert [s.name for s in first.fields + second.fields] == [
        "campo em branco 1", "campo em branco 2", "campo em branco 3"]


# --- make import's rewrite -------------------------------------------------------------------------


def test_rewrite_to_brackets_is_idempotent_and_leaves_literals():
    lines = ["Prezado(a) senhor(a) (inserir aqui nome do usuário), chamado ________ ,", "",
             "(Nome do atendente)”", "", "::", "", "   (inserir aqui nome do usuário)", "",
             "Use ``(inserir aqui nome)`` assim."]
    new, done = rewrite_placeholders(lines, 0, len(lines))
    assert new[0] == "Prezado(a) senhor(a) [nome do usuário], chamado ________ ,"
    assert new[2] == "[nome do atendente]”"
    assert new[6:] == lines[6:]
    assert [(r.line, r.written, r.canonical) for r in done] == [
        (1, "(inserir aqui nome do usuário)", "[nome do usuário]"), (3, "(Nome do atendente)", "[nome do atendente]")]
    again, none = rewrite_placeholders(new, 0, len(new))
    assert again == new and none == []


# --- Every real template, copied with every field filled ---------------------------------------------

#: Independent of the grammar: what must never reach a ticket.
LEFTOVERS = {
    "bracket": re.compile(r"\[[^\]\n]*[^\W\d_][^\]\n]*\]"),
    "paren": re.compile(r"\(\s*(?:inserir|informar|escrever|citar|verificar|nome)\b", re.IGNORECASE),
    "blank": re.compile(r"_{3,}"),
    "mask": re.compile(r"(?<![\w])[xX]{3,}(?![\w])"),
    "label": re.compile(r"^(?:Resposta \d+|Modelo de resposta|Para os casos)[^\n]*:?$", re.IGNORECASE | re.MULTILINE),
    "instruction": re.compile(r"\(\s*Indicar\b", re.IGNORECASE),
}


def filled(template) -> str:
    values = {}
    out = []
    for piece in template.text_pieces:
        if isinstance(piece, Slot):
            if piece.kind == "greeting":
                out.append("Bom dia")
                continue
            out.append(values.setdefault(piece.key, f"VALOR{len(values) + 1}"))
        else:
            out.append(piece)
    return "".join(out)


def real_templates(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    doctree = publish_doctree(text, settings_overrides={
        "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO()})
    return templates_for(build_outline(doctree, KIND, text.split("\n")), KIND)


@pytest.mark.pen_sample
def test_every_real_template_copies_without_placeholders_labels_or_instructions():
    rows, failures, totals = [], [], [0, 0, 0]
    for path in sorted(PEN_WIKI.rglob("*.rst")):
        found_templates = real_templates(path)
        if not found_templates:
            continue
        copied = [t for t in found_templates if not t.draft]
        fields = sum(len(t.fields) for t in copied)
        totals[0] += 1
        totals[1] += len(copied)
        totals[2] += fields
        rows.append(f"{path.relative_to(PEN_WIKI)!s:.70} | {len(copied)} | {fields}")
        for template in copied:
            text = filled(template)
            for what, pattern in LEFTOVERS.items():
                for match in pattern.finditer(text):
                    failures.append(f"{path.name}: {template.label!r}: {what}: {match.group(0)!r}")
    table = "\n".join(["arquivo | modelos copiáveis | campos", *rows])
    assert not failures, "\n".join(failures) + "\n\n" + table
    # The sample as it is: 49 files with a reply section, 32 copiable templates.
    assert totals[0] == 49 and totals[1] >= 32 and totals[2] >= 80, table


# --- make check ---------------------------------------------------------------------------------------


@pytest.mark.pen_sample
def test_make_check_notes_parenthesised_placeholders_and_a_handbook_can_suppress_them(tmp_path, capsys):
    from conftest import PROJECT

    from playbooks.writers import check

    real = (PEN_WIKI / "Protocolo_Integrado" / "O_USUARIO_PERDEU_OU_ESQUECEU_A_SENHA_DE_ACESSO_AO_MODULO_DO_"
            "PROTOCOLO_INTEGRADO_E_SOLICITOU_UMA_NOVA.rst")
    code = check.main(["--conf", str(PROJECT / "conf.py"), "--source", str(PROJECT / "source"), str(real)])
    out = capsys.readouterr().out
    notes = [line.split(": WARNING: ", 1)[1] for line in out.splitlines() if "[playbook.placeholder_form]" in line]
    assert code != 0
    assert notes == [
        "campo entre parênteses no modelo de resposta: (inserir aqui nome do usuário); escreva-o entre "
        "colchetes: [nome do usuário] (make import corrige) [playbook.placeholder_form]",
        "campo entre parênteses no modelo de resposta: (Nome do atendente); escreva-o entre colchetes: "
        "[nome do atendente] (make import corrige) [playbook.placeholder_form]",
    ] * 2
    conf = tmp_path / "conf.py"
    conf.write_text((PROJECT / "conf.py").read_text(encoding="utf-8")
                    + '\nsuppress_warnings = ["playbook.placeholder_form", "playbook.keyword_separator"]\n',
                    encoding="utf-8")
    code = check.main(["--conf", str(conf), "--source", str(PROJECT / "source"), str(real)])
    assert "placeholder_form" not in capsys.readouterr().out and code == 0


@pytest.mark.pen_sample
def test_a_bad_grammar_option_is_a_clear_configuration_error(make_app, tmp_path):
    from sphinx.errors import ConfigError

    from replies_support import make_source

    src = make_source(tmp_path / "bad")
    with pytest.raises(ConfigError, match="playbook_reply_placeholder_words deve ser uma lista de palavras"):
        make_app("html", srcdir=src, confoverrides={"playbook_reply_placeholder_words": ["inserir", ""]})
