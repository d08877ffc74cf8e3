"""The writer's guide: a page of the handbook whose examples are checked by the build."""

from __future__ import annotations

import html as htmllib
import re
import shutil

from conftest import PROJECT, normalized_warnings

from playbooks.standard import registry
from playbooks.writers.check import load_conf
from playbooks.collect.config import schema_from
from playbooks.writers.scaffold import render

GUIDE = PROJECT / "source" / "guia" / "index.rst"


def handbook(tmp_path):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    return src


def example_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(".. playbook-example::")]


def blocks(page: str, css: str) -> list[str]:
    found = re.findall(rf'<div class="[^"]*{css}[^"]*">.*?<pre>(.*?)</pre>', page, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", block)) for block in found]


def test_guide_is_a_page_of_the_handbook_and_builds_clean(handbook_site):
    app = handbook_site
    assert normalized_warnings(app) == ""
    page = (app.outdir / "guia" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Guia de redação de playbooks" in page
    for topic in ("make new", "make check", "make serve", "Mais de uma resposta", "AAAA.MM.DD-Título-VN",
                  "Em construção", ":revisar-em:", "ponto e", "Bom dia/Boa tarde/Boa noite", "[nome do usuário]",
                  "KCS"):
        assert topic in htmllib.unescape(re.sub(r"<[^>]+>", "", page)), topic
    # the table of warnings is the registry's, in its order
    table = page.split('class="playbook-warnings', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<code class="docutils literal notranslate"><span class="pre">(playbook\.\w+)</span></code>', table)
    assert shown == [subtype.type for subtype in registry.SUBTYPES.values()]
    # reachable: in the root toctree and linked from every page's navigation
    assert 'href="guia/index.html"' in (app.outdir / "index.html").read_text(encoding="utf-8")
    seed = (app.outdir / "playbooks" / "sei" / "suporte-ao-sei.html").read_text(encoding="utf-8")
    assert 'href="../../guia/index.html">Guia de redação</a>' in seed


def test_examples_show_the_checker_real_output(handbook_site):
    app = handbook_site
    page = (app.outdir / "guia" / "index.html").read_text(encoding="utf-8")
    sources = blocks(page, "playbook-example highlight-rst")
    outputs = [block.rstrip("\n") for block in blocks(page, "playbook-example-output")]
    assert len(sources) == len(outputs) == len(example_lines(GUIDE.read_text(encoding="utf-8"))) == 12
    # the first example is exactly what make new writes
    conf = load_conf(PROJECT / "conf.py")
    kind = schema_from(type("C", (), conf)).kind_for_category("sei")
    assert sources[0] == render(kind, "Acesso externo ao SEI")
    assert outputs[0].count("[playbook.empty_section]") == 7
    assert outputs[0].startswith("source/playbooks/sei/acesso-externo-ao-sei.rst:9: WARNING: a seção 'Situação' "
                                 "está vazia")
    assert outputs[1] == "source/playbooks/sei/acesso-externo-ao-sei.rst: nenhum problema."
    assert "você quis dizer 'Solução Sugerida'?" in outputs[2] and "[playbook.nested_section]" in outputs[2]
    # reply fields: the canonical form, PEN's parentheses (noted), masks and blanks, an instruction
    senha = "source/playbooks/protocolo-integrado/senha-perdida.rst"
    assert outputs[3] == outputs[5] == outputs[9] == f"{senha}: nenhum problema."
    assert [line.split(": WARNING: ")[1] for line in outputs[4].split("\n")] == [
        "campo entre parênteses no modelo de resposta: (inserir aqui nome do usuário); escreva-o entre colchetes: "
        "[nome do usuário] (make import corrige) [playbook.placeholder_form]",
        "campo entre parênteses no modelo de resposta: (Nome do atendente); escreva-o entre colchetes: "
        "[nome do atendente] (make import corrige) [playbook.placeholder_form]"]
    assert outputs[6].endswith("[playbook.reply_instruction]") and "(Indicar como o atendente" in outputs[6]
    previews = re.findall(r'<ul class="playbook-example-replies[^"]*">(.*?)</ul>', page, re.S)
    assert len(previews) == 5
    preview = htmllib.unescape(re.sub(r"<[^>]+>", "", previews[1]))
    assert ("campos: nome do usuário (entre parênteses: (inserir aqui nome do usuário)), número do chamado "
            "(em branco (sublinhado): ________), nome do atendente (entre parênteses, o nome do atendente, "
            "lembrado pelo navegador: (Nome do atendente))") in preview
    assert "Resposta 02 (após o PO confirmar a geração da nova senha)" in htmllib.unescape(previews[4])
    assert outputs[7] == outputs[8] == "source/playbooks/tramita/tramite-recusado.rst: nenhum problema."
    assert "[playbook.review_due]" in outputs[10] and "ERROR:" in outputs[11] and "2026-12-31" in outputs[11]
    # every section of each kind, from conf.py, with what belongs in it
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", page))
    for kind in schema_from(type("C", (), conf)).kinds.values():
        assert kind.label in text
        for name in kind.sections:
            assert name in text


def test_guide_fails_the_build_when_the_checker_changes(make_app, tmp_path):
    """Making 'Causa' required: every example the guide shows is now wrong, and the build says so."""
    src = handbook(tmp_path)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    conf = conf.replace('"Quando Ocorre",\n            "Solução Sugerida",',
                        '"Quando Ocorre",\n            "Causa",\n            "Solução Sugerida",', 1)
    conf = conf.replace('"optional": ["Causa"],', '"optional": [],', 1)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = normalized_warnings(app)
    flagged = [int(n) for n in re.findall(r"^<srcdir>/guia/index\.rst:(\d+): WARNING: .*\[playbook\.guide_example\]$",
                                          warnings, re.M)]
    assert flagged == example_lines((src / "guia" / "index.rst").read_text(encoding="utf-8"))
    assert ("o exemplo do guia diz que o verificador encontra playbook.empty_section ×7, mas ele encontra "
            "playbook.empty_section ×8") in warnings


def test_a_wrong_claim_in_the_guide_is_a_build_warning(make_app, tmp_path):
    src = handbook(tmp_path)
    guide = src / "guia" / "index.rst"
    text = guide.read_text(encoding="utf-8")
    assert text.count(":expect: playbook.review_due\n") == 1
    guide.write_text(text.replace(":expect: playbook.review_due\n", ":expect: nenhum\n"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    line = text.split(":expect: playbook.review_due\n")[0].count("\n") - 2
    assert normalized_warnings(app) == (
        f"<srcdir>/guia/index.rst:{line}: WARNING: o exemplo do guia diz que o verificador encontra nenhum "
        "problema, mas ele encontra playbook.review_due; corrija o exemplo (ou o verificador) "
        "[playbook.guide_example]\n")


def test_a_wrong_field_claim_in_the_guide_is_a_build_warning(make_app, tmp_path):
    src = handbook(tmp_path)
    guide = src / "guia" / "index.rst"
    text = guide.read_text(encoding="utf-8")
    claim = ":fields: nome do usuário; Processo; NRE; nome do atendente\n"
    assert text.count(claim) == 1
    guide.write_text(text.replace(claim, ":fields: nome do usuário; NRE; nome do atendente\n"), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    line = text.split(claim)[0].count("\n") - 3
    assert normalized_warnings(app) == (
        f"<srcdir>/guia/index.rst:{line}: WARNING: o exemplo do guia diz que as respostas têm os campos "
        "nome do usuário; NRE; nome do atendente, mas o verificador encontra nome do usuário; Processo; NRE; "
        "nome do atendente; corrija o exemplo [playbook.guide_example]\n")
