"""Reply templates computed from the doctree (replies.py) and kept on the playbook record."""

from __future__ import annotations

import io
import pickle
import re
from pathlib import Path

import pytest
from conftest import PEN_WIKI, SEED, normalized_warnings
from docutils.core import publish_doctree
from replies_support import (NUP_DRAFTS, PROSE_IN_CONSTRUCTION, SEED_TEXT, TRAMITA_DRAFT,
                             TWO_REPLIES, build)

from playbooks.standard.outline import build_outline
from playbooks.collect.records import get_records
from playbooks.replies.blocks import GREETING_RE
from playbooks.standard.docutils_messages import explain
from playbooks.replies.extract import templates_for
from playbooks.standard.schema import DEFAULT_KINDS, build_schema

KIND = build_schema(DEFAULT_KINDS, None, {}).kinds["script"]
RECORD_KEYS = {"label", "text", "html", "draft", "placeholders", "line"}

HEAD = """\
Título
======

Situação
~~~~~~~~

x

Quando Ocorre
~~~~~~~~~~~~~

x

Solução Sugerida
~~~~~~~~~~~~~~~~

x

Modelo de Resposta para Chamados
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

"""
TAIL = """

Atribuições e responsabilidades
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

x
"""


def templates(source):
    """Templates of a playbook given as a path or as the reply section's body."""
    if isinstance(source, Path):
        text = source.read_text(encoding="utf-8-sig")
    else:
        text = HEAD + source + TAIL
    doctree = publish_doctree(text, settings_overrides={
        "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO()})
    return templates_for(build_outline(doctree, KIND, text.split("\n")), KIND)


# --- The seed -------------------------------------------------------------------------------


@pytest.mark.pen_sample
def test_seed_is_one_template_with_the_exact_plain_text():
    (template,) = templates(SEED)
    record = template.as_record()
    assert set(record) == RECORD_KEYS
    assert record["label"] is None
    assert record["text"] == SEED_TEXT
    assert record["draft"] is False
    assert record["placeholders"] == ["[inserir nome do Usuário]"]
    assert record["line"] == 23  # "Prezado (a) [inserir nome do Usuário]," in the seed


@pytest.mark.pen_sample
def test_seed_plain_text_has_no_special_spaces_pilcrow_or_hard_wraps():
    (template,) = templates(SEED)
    text = template.text
    assert "\u202f" in SEED.read_text(encoding="utf-8")  # the seed really has them
    assert not re.search(r"[\u00a0\u202f\u2007\u200b\t]", text)
    assert "¶" not in text
    for paragraph in text.split("\n\n"):
        assert paragraph == paragraph.strip() and "\n" not in paragraph and "  " not in paragraph


@pytest.mark.pen_sample
def test_seed_html_has_one_paragraph_per_paragraph():
    (template,) = templates(SEED)
    paragraphs = re.findall(r"<p>(.*?)</p>", template.html)
    assert paragraphs == [html_escape(p) for p in SEED_TEXT.split("\n\n")]


def html_escape(text):
    import html

    return html.escape(text, quote=False)


# --- Alternative replies ---------------------------------------------------------------------


@pytest.mark.pen_sample
def test_two_bold_labels_make_two_templates_without_their_labels():
    first, second = templates(TWO_REPLIES)
    assert first.label == "Modelo de resposta para o Destinatário"
    assert second.label == "Modelo de resposta para o Remetente"
    assert (first.line, second.line) == (42, 81)
    for template in (first, second):
        assert "Modelo de resposta" not in template.text and "Modelo de resposta" not in template.html
        assert template.text.startswith("Prezado(a),\n\n")
        assert template.text.endswith("Atenciosamente,\n\nEquipe do Processo Eletrônico Nacional")
    assert "Informamos que situação reportada" in second.text
    assert "Informamos que situação reportada" not in first.text


@pytest.mark.pen_sample
def test_lists_and_links_of_the_two_template_file_in_plain_text():
    first, second = templates(TWO_REPLIES)
    lines = first.text.split("\n")
    assert "- Caso utilize o Gearman ou Supervisor:" in lines
    assert "  - Desligue o serviço;" in lines
    assert "- Execute o script MonitoramentoTarefasPEN.php e armazene seu Log." in lines
    # List items are consecutive lines; the list is its own paragraph.
    index = lines.index("- Caso utilize o Gearman ou Supervisor:")
    assert lines[index - 1] == "" and lines[index + 1] == "  - Desligue o serviço;"
    # A link whose text is not its URL reads "text (URL)"; a bare URL is not repeated.
    faq = "https://wiki.processoeletronico.gov.br/pt-br/latest/Tramita_GOV_BR/Perguntas_frequentes/index.html"
    assert f"nossa FAQ Tramita.GOV.BR ({faq})." in second.text
    assert "acessível em gov.br/pen (https://gov.br/pen)." in second.text
    assert second.text.count("https://gov.br/pen") == 1
    assert ("(Disponível em: https://github.com/pengovbr/mod-sei-pen/blob/master/docs/INSTALL.md"
            "#33-opcional-script-de-monitoramento);") in first.text


@pytest.mark.pen_sample
def test_lists_and_links_of_the_two_template_file_in_html():
    first, second = templates(TWO_REPLIES)
    faq = "https://wiki.processoeletronico.gov.br/pt-br/latest/Tramita_GOV_BR/Perguntas_frequentes/index.html"
    assert f'<a href="{faq}">FAQ Tramita.GOV.BR</a>' in second.html
    assert "<ul><li>Caso utilize o Gearman ou Supervisor:<ul><li>Desligue o serviço;</li>" in first.html
    assert first.html.count("<ul>") == first.html.count("</ul>") == 5


def test_subsections_start_templates_and_a_bold_em_construcao_is_not_a_label():
    body = """\
Para o remetente
----------------

Prezado(a) [nome do usuário],

Texto *do* remetente.

Para o destinatário
-------------------

**Em construção**
"""
    remetente, destinatario = templates(body)
    assert remetente.label == "Para o remetente" and not remetente.draft
    assert remetente.text == "Prezado(a) [nome do usuário],\n\nTexto do remetente."
    assert remetente.html == "<p>Prezado(a) [nome do usuário],</p>\n<p>Texto <em>do</em> remetente.</p>"
    assert destinatario.label == "Para o destinatário" and destinatario.draft


def test_text_before_the_first_label_is_a_template_of_its_own():
    body = "Orientação geral ao atendente.\n\n**Resposta A**\n\nTexto A.\n\n**Resposta B**\n\nTexto B.\n"
    assert [(t.label, t.text) for t in templates(body)] == [
        (None, "Orientação geral ao atendente."), ("Resposta A", "Texto A."), ("Resposta B", "Texto B.")]


def test_a_paragraph_with_bold_and_plain_text_is_not_a_label():
    (template,) = templates("**Atenção:** responda em até 2 dias.\n\nTexto.\n")
    assert template.label is None
    assert template.text == "Atenção: responda em até 2 dias.\n\nTexto."
    assert template.html.startswith("<p><strong>Atenção:</strong> responda")


# --- Plain text details ----------------------------------------------------------------------------


def test_numbered_lists_keep_their_numbers_and_inline_markup_is_dropped():
    body = """\
Siga os passos:

3. Acesse o `Portal <https://portal.example.gov.br/>`_.
4. Clique em **Entrar** e depois em ``Senha``.

a) primeiro
b) segundo
"""
    (template,) = templates(body)
    assert template.text == (
        "Siga os passos:\n\n"
        "3. Acesse o Portal (https://portal.example.gov.br/).\n"
        "4. Clique em Entrar e depois em Senha.\n\n"
        "a) primeiro\nb) segundo")
    assert '<ol start="3"><li>Acesse o <a href="https://portal.example.gov.br/">Portal</a>.</li>' in template.html
    assert "<strong>Entrar</strong>" in template.html and "<code>Senha</code>" in template.html
    assert '<ol type="a">' in template.html


def test_wrapped_source_lines_become_one_line_and_block_quotes_are_unwrapped():
    body = "Primeira linha\ncontinua aqui,\ne termina aqui.\n\n    Parágrafo recuado\n    por engano.\n"
    (template,) = templates(body)
    assert template.text == "Primeira linha continua aqui, e termina aqui.\n\nParágrafo recuado por engano."
    assert template.html == "<p>Primeira linha continua aqui, e termina aqui.</p>\n<p>Parágrafo recuado por engano.</p>"


def test_html_is_escaped():
    (template,) = templates("Use <b> & `x <https://e.example/?a=1&b=2>`_.\n")
    assert template.html == '<p>Use &lt;b&gt; &amp; <a href="https://e.example/?a=1&amp;b=2">x</a>.</p>'
    assert template.text == "Use <b> & x (https://e.example/?a=1&b=2)."


# --- Placeholders --------------------------------------------------------------------------------


def test_placeholders_same_one_twice_is_one_value():
    body = ("Prezado [nome do usuário], chamado [Nº do NRE].\n\n"
            "Obrigado, [Nome do  Usuário]. Nota [1] e [] e ``[literal]`` e `[link] <https://e.example>`_.\n")
    (template,) = templates(body)
    assert template.placeholders == ["[nome do usuário]", "[Nº do NRE]"]
    slots = [p for p in template.text_pieces if not isinstance(p, str)]
    assert [(s.kind, s.key, s.written) for s in slots] == [
        ("placeholder", "p:nome do usuário", "[nome do usuário]"),
        ("placeholder", "p:nº do nre", "[Nº do NRE]"),
        ("placeholder", "p:nome do usuário", "[Nome do Usuário]"),
    ]
    assert slots[1].name == "Nº do NRE"
    # Unfilled, they are copied as written.
    assert template.text == ("Prezado [nome do usuário], chamado [Nº do NRE].\n\n"
                             "Obrigado, [Nome do Usuário]. Nota [1] e [] e [literal] e [link] (https://e.example).")


@pytest.mark.pen_sample
def test_real_placeholders_of_pen_files():
    path = PEN_WIKI / "Sistema_Eletronico_de_Informação_SEI" / "Erro_no_modulo_estatistica_do_SEI–PEN.rst"
    (template,) = templates(path)
    assert template.placeholders == ["[nome do usuário]", "[nome profissional do atendente]"]
    assert "- Nome completo;\n- Órgão;" in template.text


# --- Greetings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "Bom dia/Boa tarde/Boa noite",
    "Bom dia / Boa tarde / Boa noite",
    "Bom dia /Boa tarde/   Boa noite",
    "bom dia/boa tarde/boa noite",
    "BOM DIA/BOA TARDE/BOA NOITE",
])
def test_greeting_variants_are_one_slot_written_as_in_the_source(written):
    (template,) = templates(f"Prezado,\n\n{written}.\n")
    greetings = [p for p in template.text_pieces if not isinstance(p, str)]
    assert [(g.kind, g.key, g.written) for g in greetings] == [("greeting", "g0", " ".join(written.split()))]
    assert template.text == f"Prezado,\n\n{' '.join(written.split())}."
    expected = ["bom dia", "boa tarde", "boa noite"] if written[0].islower() else ["Bom dia", "Boa tarde", "Boa noite"]
    assert greetings[0].options() == expected
    assert template.placeholders == []


@pytest.mark.parametrize("text", ["Bom dia.", "Bom dia/Boa tarde.", "Bom dia, boa tarde e boa noite."])
def test_not_a_greeting(text):
    assert not GREETING_RE.search(text)
    (template,) = templates(text + "\n")
    assert all(isinstance(p, str) for p in template.text_pieces)


def test_two_greetings_in_one_template_are_two_slots():
    (template,) = templates("Bom dia/Boa tarde/Boa noite.\n\nTenha um(a) bom dia/boa tarde/boa noite!\n")
    assert [s.key for s in template.slots] == ["g0", "g1"]


# --- Drafts ----------------------------------------------------------------------------------------


@pytest.mark.pen_sample
@pytest.mark.parametrize("path", [*NUP_DRAFTS, TRAMITA_DRAFT], ids=lambda p: p.name)
def test_real_replies_under_construction_are_drafts(path):
    (template,) = templates(path)
    assert template.draft
    assert template.as_record()["draft"] is True


@pytest.mark.pen_sample
def test_em_construcao_inside_a_sentence_is_not_a_draft():
    (template,) = templates(PROSE_IN_CONSTRUCTION)
    assert "estão em construção" in template.text
    assert not template.draft


@pytest.mark.parametrize("text, draft", [
    ("Em construção", True), ("Em construção.", True), ("Respostas em Construção.", True),
    ("Resposta em construção", True), ("(Em construção)", True), ("EM CONSTRUÇÃO!", True),
    ("A página está em construção.", False), ("Em construção: ver a wiki do módulo.", False),
])
def test_draft_marker(text, draft):
    (template,) = templates(f"Prezado,\n\n{text}\n")
    assert template.draft is draft


@pytest.mark.pen_sample
def test_every_real_pen_reply_is_computed():
    """All 49 real playbooks: their reply sections split without error, every text clean."""
    count = 0
    for path in sorted(PEN_WIKI.rglob("*.rst")):
        for template in templates(path):
            count += 1
            assert template.text and template.html
            assert not re.search(r"[\u00a0\u202f\u200b]|\S {2}|\n{3}| \n", template.text), path
            assert "¶" not in template.text
    assert count >= 49


# --- In a Sphinx build: the record ------------------------------------------------------------


@pytest.fixture(scope="module")
def html_build(tmp_path_factory):
    return build(tmp_path_factory.mktemp("replies-html"))


@pytest.mark.pen_sample
def test_records_hold_replies_and_draft(html_build):
    records = get_records(html_build.env)
    seed = records["playbooks/sei/suporte-ao-sei"]
    assert [r["text"] for r in seed["replies"]] == [SEED_TEXT]
    assert set(seed["replies"][0]) == RECORD_KEYS
    assert seed["draft"] is False
    two = records["playbooks/tramita/processo-parado-no-status-2"]
    assert [r["label"] for r in two["replies"]] == [
        "Modelo de resposta para o Destinatário", "Modelo de resposta para o Remetente"]
    assert records["playbooks/nup/adesao-ao-nup"]["draft"] is True
    assert records["playbooks/sei/novo-acordo"]["draft"] is False
    alternatives = records["playbooks/testes/alternativas"]
    assert [(r["label"], r["draft"]) for r in alternatives["replies"]] == [
        ("Para o remetente", False), ("Para o destinatário", True)]
    assert alternatives["draft"] is True
    # The procedure kind names its own reply section ("Ação Padrão").
    action = records["playbooks/procedimentos/acao"]["replies"]
    assert [r["placeholders"] for r in action] == [["[nome do usuário]"]]
    pickle.dumps(records)  # plain data: the environment pickles it


@pytest.mark.pen_sample
def test_drafts_are_not_warnings(html_build):
    warnings = normalized_warnings(html_build)
    # Only the real list-indentation error of the two-template file (and its keyword
    # separators, reported by the metadata module): nothing about drafts.
    assert [line for line in warnings.splitlines()
            if "WARNING" in line and "[playbook.keyword_separator]" not in line] == [
        "<srcdir>/playbooks/tramita/processo-parado-no-status-2.rst:49: WARNING: "
        + explain("Bullet list ends without a blank line; unexpected unindent.") + " [docutils]"]


@pytest.mark.pen_sample
def test_page_embeds_build_time_flavours(html_build):
    page = (html_build.outdir / "playbooks" / "testes" / "passos.html").read_text(encoding="utf-8")
    assert page.count('class="reply"') == 1
    assert 'class="reply-copy" hidden>Copiar resposta</button>' in page
    assert '<span class="reply-field" data-name="Nº do NRE" data-slot="p:nº do nre">[Nº do NRE]</span>' in page
    # The code block keeps sphinx-copybutton; the JSON cannot close its <script>.
    assert "copybutton.js" in page
    data = re.search(r'<script type="application/json" class="reply-data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in data


@pytest.mark.pen_sample
def test_draft_page_has_badge_and_no_copy_button(html_build):
    page = (html_build.outdir / "playbooks" / "nup" / "adesao-ao-nup.html").read_text(encoding="utf-8")
    assert '<span class="reply-badge">Em construção</span>' in page
    assert "reply-copy" not in page and "reply-data" not in page
    assert "Resposta em Construção." in page


@pytest.mark.pen_sample
def test_parallel_build_gives_the_same_records_and_pages(tmp_path, html_build):
    parallel = build(tmp_path / "parallel", parallel=2)
    from sphinx.util.console import strip_colors

    assert "index .. playbooks/" in strip_colors(parallel.status.getvalue())  # read in chunks
    assert get_records(parallel.env) == get_records(html_build.env)
    for name in ("playbooks/sei/suporte-ao-sei.html", "playbooks/tramita/processo-parado-no-status-2.html"):
        mine = (parallel.outdir / name).read_text(encoding="utf-8")
        theirs = (html_build.outdir / name).read_text(encoding="utf-8")
        assert re.findall(r'<div aria-label.*?class="reply.*?</script>', mine, re.S) == \
            re.findall(r'<div aria-label.*?class="reply.*?</script>', theirs, re.S)


@pytest.mark.pen_sample
@pytest.mark.parametrize("buildername", ["text", "man", "latex"])
def test_other_builders_show_the_reply_text(tmp_path, buildername):
    app = build(tmp_path, buildername)
    output = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*")
                       if p.is_file() and p.suffix in {".txt", ".1", ".tex"})
    assert "inserir nome do Usuário" in output  # LaTeX writes the brackets as {[}...{]}
    assert "Equipe do Processo Eletr" in output
    if buildername == "text":
        draft = (Path(app.outdir) / "playbooks" / "nup" / "adesao-ao-nup.txt").read_text(encoding="utf-8")
        assert "[Em construção]" in draft


@pytest.mark.pen_sample
def test_incremental_rebuild_updates_record_and_page(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    first = build(tmp_path)
    assert get_records(first.env)["playbooks/testes/alternativas"]["draft"] is True
    source = tmp_path / "playbooks" / "testes" / "alternativas.rst"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Em construção.", "O destinatário deve reenviar o processo."), encoding="utf-8")
    again = SphinxTestApp("html", srcdir=tmp_path, freshenv=False, status=io.StringIO(), warning=io.StringIO())
    try:
        again.build()
    finally:
        again.cleanup()
    # the edited file, and the files that warned in the first build (collect/warned_docs.py)
    from sphinx.util.console import strip_colors

    counts = re.search(r"(?:relendo (\d+) arquivo\(s\) com avisos na construção anterior; )?0 added, (\d+) changed",
                       strip_colors(again.status.getvalue()))
    assert counts and int(counts[2]) == 1 + int(counts[1] or 0), again.status.getvalue()
    record = get_records(again.env)["playbooks/testes/alternativas"]
    assert record["draft"] is False
    assert [r["text"] for r in record["replies"]][1] == "O destinatário deve reenviar o processo."
    page = (again.outdir / "playbooks" / "testes" / "alternativas.html").read_text(encoding="utf-8")
    assert page.count('class="reply-copy"') == 2 and "reply-badge" not in page
