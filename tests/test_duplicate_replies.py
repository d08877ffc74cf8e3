"""The same reply template in two playbooks is reported, in the build and by ``make check``."""

from __future__ import annotations

import re

from conftest import normalized_warnings
from workflow import checker_output, playbook, small_handbook

from playbooks.standard.duplicates import MIN_REPLY_CHARS, ReplyEntry, find_replies

REPLY = ("Informamos que o certificado digital do órgão expirou e precisa ser renovado no "
         "portal de credenciamento antes de um novo envio de processos.")


def with_reply(title: str, reply: str) -> str:
    """The standard's valid playbook with ``reply`` as its (only) reply template."""
    text = playbook(title)
    start = text.index("Modelo de Resposta para Chamados")
    end = text.index("Atribuições e Responsabilidades")
    return text[:start] + f"Modelo de Resposta para Chamados\n{'~' * 34}\n\n{reply}\n\n" + text[end:]


FILES = {
    "sei/certificado.rst": with_reply("Certificado expirado", "Prezado(a) [nome do usuário],\n\n" + REPLY),
    # the same text, wrapped differently and with other case: still the same reply
    "tramita/certificado-tramita.rst": with_reply(
        "Certificado do Tramita", "Prezado(a)   [nome do usuário],\n\n" + REPLY.upper().replace(" no ", "\nno ")),
    "sei/outro.rst": with_reply("Outro assunto", "Prezado(a),\n\nOutra resposta, específica desta situação, "
                                "com os passos que o órgão deve seguir para resolver o problema relatado."),
    # drafts are not compared
    "sei/rascunho-1.rst": with_reply("Rascunho um", "Resposta em Construção."),
    "sei/rascunho-2.rst": with_reply("Rascunho dois", "Resposta em Construção."),
}

DUP = re.compile(r"^(?:<srcdir>/)?(?P<path>playbooks/\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) "
                 r"\[playbook\.duplicate_reply\]$", re.M)


def reply_line(src, relpath: str) -> int:
    lines = (src / "playbooks" / relpath).read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if line.startswith("Prezado"))


def test_build_reports_both_playbooks_naming_each_other(make_app, tmp_path):
    src = small_handbook(tmp_path, FILES)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = {(m["path"], int(m["line"])): m["msg"] for m in DUP.finditer(normalized_warnings(app))}
    first, second = "playbooks/sei/certificado.rst", "playbooks/tramita/certificado-tramita.rst"
    assert set(found) == {(first, reply_line(src, "sei/certificado.rst")),
                          (second, reply_line(src, "tramita/certificado-tramita.rst"))}
    assert f"é igual ao de {second} (linha " in found[(first, reply_line(src, 'sei/certificado.rst'))]
    assert f"é igual ao de {first} (linha " in found[(second, reply_line(src, 'tramita/certificado-tramita.rst'))]


def test_checker_reports_the_same(tmp_path):
    src = small_handbook(tmp_path, FILES)
    result = checker_output(src)
    found = {(m["path"], int(m["line"])) for m in DUP.finditer(result.stdout)}
    assert found == {("playbooks/sei/certificado.rst", reply_line(src, "sei/certificado.rst")),
                     ("playbooks/tramita/certificado-tramita.rst",
                      reply_line(src, "tramita/certificado-tramita.rst"))}
    assert result.returncode == 1


def test_short_generic_replies_and_one_playbook_are_not_flagged():
    short = "Prezado(a), Bom dia. Atenciosamente, Equipe PEN"
    assert len(short) < MIN_REPLY_CHARS
    entries = [ReplyEntry("a", "a.rst", None, short, 3), ReplyEntry("b", "b.rst", None, short, 3),
               ReplyEntry("c", "c.rst", None, REPLY, 5), ReplyEntry("c", "c.rst", "Outro", REPLY, 9)]
    assert find_replies(entries) == {}
    entries.append(ReplyEntry("d", "d.rst", "Para o órgão", REPLY, 7))
    found = find_replies(entries)
    assert set(found) == {"c", "d"}
    assert found["d"][0].message.startswith("o modelo de resposta 'Para o órgão' é igual ao de c.rst (linha 5), c.rst (linha 9)")


def test_straight_and_typographic_quotes_are_the_same_reply_in_the_build_and_the_check(make_app, tmp_path):
    """The build makes quotes typographic (smart quotes) before comparing replies;
    ``make check`` reads reply sections the same way, and finds the same duplicates."""
    quoted = ('Prezado(a),\n\nClique em "Cancelar Trâmite Externo" -- e aguarde... o órgão '
              "remetente verá o processo desbloqueado no SEI e poderá enviá-lo de novo.")
    files = {"sei/aspas-retas.rst": with_reply("Aspas retas", quoted),
             "tramita/aspas-curvas.rst": with_reply("Aspas curvas", quoted.replace('"Cancelar Trâmite Externo"',
                                                                                   "“Cancelar Trâmite Externo”")
                                                    .replace(" -- ", " – ").replace("...", "…"))}
    src = small_handbook(tmp_path, files)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    built = {m["path"] for m in DUP.finditer(normalized_warnings(app))}
    checked = {m["path"] for m in DUP.finditer(checker_output(src).stdout)}
    assert built == checked == {"playbooks/sei/aspas-retas.rst", "playbooks/tramita/aspas-curvas.rst"}
