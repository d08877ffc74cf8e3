"""The playbook standard, rule by rule, through the Sphinx extension and the checker."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT, normalized_warnings

from playbooks.writers import check

ROOT = PROJECT / "tests" / "roots" / "test-standard"

#: (file under playbooks/, subtype, heading the warning must point at or None, fragments)
EXPECTED = [
    ("sei/sem-titulo.rst", "title", "Situação", ["não tem título de documento"]),
    ("sei/dois-titulos.rst", "title", "Segundo título", ["mais de um título", "('~')"]),
    ("sei/secao-faltando.rst", "missing_section", "Falta uma seção",
     ["'Perfil do usuário'", "depois de 'Atribuições e responsabilidades'"]),
    ("sei/secao-vazia.rst", "empty_section", "Referências", ["'Referências' está vazia"]),
    ("sei/fora-de-ordem.rst", "section_order", "Referências",
     ["'Referências' está fora de ordem", "depois de 'Palavras-chave'"]),
    ("sei/duplicada.rst", "duplicate_section", "Situação", ["mais de uma vez", "linha 4"]),
    ("sei/aninhada.rst", "nested_section", "Perfil do usuário",
     ["aninhada dentro de 'Atribuições e responsabilidades'", "usa '-'", "usam '~'"]),
    ("sei/titulo-errado.rst", "unknown_section", "Situação:", ["você quis dizer 'Situação'?"]),
    ("sei/titulo-errado.rst", "unknown_section", "Solucao Sugerida",
     ["você quis dizer 'Solução Sugerida'?"]),
    ("sei/titulo-errado.rst", "unknown_section", "Palavras-chav", ["você quis dizer 'Palavras-chave'?"]),
    ("sei/secao-desconhecida.rst", "unknown_section", "Observações",
     ["não faz parte do padrão 'Script de atendimento'", "'Causa'"]),
    ("procedimentos/procedimento-incompleto.rst", "missing_section", "Procedimento incompleto",
     ["'Atenção'", "'Procedimento de módulo'", "depois de 'Descrição'"]),
    ("sem-categoria.rst", "category", "Sem categoria", ["pasta de categoria"]),
]

WARNING_RE = re.compile(
    r"^(?P<path>[^\n]+?\.rst):(?P<line>\d+): WARNING: (?P<msg>.*) \[(?P<type>[\w.]+)\]$", re.M
)


def parse_warnings(text: str, prefix: str) -> list[tuple[str, int, str, str]]:
    out = []
    for m in WARNING_RE.finditer(text):
        path = m["path"]
        assert path.startswith(prefix), path
        out.append((path[len(prefix):], int(m["line"]), m["type"], m["msg"]))
    return out


def heading_line(relpath: str, heading: str) -> int:
    lines = (ROOT / "playbooks" / relpath).read_text(encoding="utf-8").split("\n")
    matches = [i + 1 for i, line in enumerate(lines) if line.strip() == heading]
    assert matches, f"{heading!r} not in {relpath}"
    return matches[-1] if heading == "Situação" and "duplicada" in relpath else matches[0]


def assert_expected(found: list[tuple[str, int, str, str]]) -> None:
    remaining = list(found)
    for relpath, subtype, heading, fragments in EXPECTED:
        line = heading_line(relpath, heading)
        hits = [w for w in remaining if w[0] == relpath and w[2] == f"playbook.{subtype}" and w[1] == line
                and all(f in w[3] for f in fragments)]
        assert hits, f"no playbook.{subtype} at {relpath}:{line} with {fragments}; got {found}"
        remaining.remove(hits[0])
    assert remaining == [], f"unexpected warnings: {remaining}"


@pytest.mark.sphinx("html", testroot="standard", freshenv=True)
def test_extension_reports_every_rule(app):
    app.build()
    warnings = normalized_warnings(app)
    assert_expected(parse_warnings(warnings, "<srcdir>/playbooks/"))


def test_checker_reports_the_same(capsys):
    code = check.main(["--conf", str(ROOT / "conf.py"), "--source", str(ROOT)])
    out = capsys.readouterr().out
    assert code == 1
    prefix = check.display_path(ROOT / "playbooks") + "/"
    assert_expected(parse_warnings(out, prefix))


def test_checker_on_valid_files_exits_zero(capsys):
    valid = [ROOT / "playbooks" / "sei" / "valido.rst",
             ROOT / "playbooks" / "procedimentos" / "procedimento-valido.rst"]
    code = check.main(["--conf", str(ROOT / "conf.py"), "--source", str(ROOT), *map(str, valid)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "nenhum problema" in out


@pytest.mark.sphinx("html", testroot="standard", freshenv=True,
                    confoverrides={"suppress_warnings": ["playbook.missing_section", "playbook.category"]})
def test_subtypes_can_be_suppressed(app):
    app.build()
    warnings = normalized_warnings(app)
    assert "[playbook.missing_section]" not in warnings
    assert "[playbook.category]" not in warnings
    assert "[playbook.nested_section]" in warnings


def test_checker_honours_suppress_warnings(tmp_path, capsys):
    conf = tmp_path / "conf.py"
    conf.write_text((ROOT / "conf.py").read_text(encoding="utf-8")
                    + '\nsuppress_warnings = ["playbook.unknown_section"]\n', encoding="utf-8")
    code = check.main(["--conf", str(conf), "--source", str(ROOT),
                       str(ROOT / "playbooks" / "sei" / "titulo-errado.rst")])
    out = capsys.readouterr().out
    assert code == 0, out


def test_bad_schema_is_a_clear_config_error(make_app, tmp_path):
    from sphinx.errors import ConfigError

    (tmp_path / "conf.py").write_text(
        'extensions = ["playbooks"]\n'
        'playbook_kinds = {"script": {"sections": ["A", "B"], "reply": "C"}}\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("T\n=\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'C' não é uma das seções"):
        make_app("html", srcdir=tmp_path)
