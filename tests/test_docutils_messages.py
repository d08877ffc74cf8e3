"""docutils' messages explained in Portuguese (standard/docutils_messages.py), the same in
the build and in ``make check``."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import PROJECT
from docutils.core import publish_doctree
from docutils import nodes

from playbooks.standard.docutils_messages import EXPLAINED, explain

#: reStructuredText that makes docutils report each explained message, as writers break it.
BROKEN = {
    "Title underline too short.": "Título longo\n=====\n\nTexto.\n",
    "Title overline too short.": "=====\nTítulo longo\n=====\n\nTexto.\n",
    "Bullet list ends without a blank line": "- item\ntexto colado\n",
    "Line block ends without a blank line.": "| linha\ntexto colado\n",
    "Literal block ends without a blank line": "Comando::\n\n   make html\ntexto colado\n",
    "Unexpected indentation.": "Texto normal\nmais texto\n   recuado sem motivo.\n",
    "Inline emphasis start-string without end-string.": "um *asterisco solto.\n",
    "Inline strong start-string without end-string.": "um **negrito solto.\n",
    'Unknown directive type "aviso".': ".. aviso:: texto\n",
    'Unknown interpreted text role "papel".': "veja :papel:`x`.\n",
    'Unknown target name: "portal".': "veja o `portal`_.\n",
    'Duplicate explicit target name: "manual".': (".. _manual: https://a.example\n.. _manual: https://b.example\n\n"
                                                   "veja o manual_.\n"),
    'Undefined substitution referenced: "nome".': "Prezado |nome|,\n",
    "Anonymous hyperlink mismatch": "veja `isto`__ e `aquilo`__.\n\n__ https://a.example\n",
    "Inconsistent title style: skip from level 1 to 3.": ("Título\n======\n\nSeção\n-----\n\nSub\n~~~\n\n"
                                                          "Outra\n=====\n\nPulo\n~~~~\n"),
    "Unexpected section title.": "- item\n\n  Seção\n  -----\n\n  texto\n",
    "Incomplete section title.": "=====\nTítulo\n",
    "Missing matching underline for section title overline.": "======\nTítulo\n\nTexto.\n",
    "Invalid section title or transition marker.": "Texto.\n\n======\n------\n",
    "Malformed table.": "+---+---+\n| a | b\n+---+---+\n",
    'Content block expected for the "note" directive; none found.': ".. note::\n",
}


def docutils_says(source: str) -> list[str]:
    """The first lines of the messages docutils reports (level 2 and up) for ``source``."""
    document = publish_doctree(source, settings_overrides={"report_level": 2, "halt_level": 5,
                                                           "warning_stream": False})
    said = []
    # the parser's messages are in the tree; those of the transforms (references), beside it
    for message in [*document.findall(nodes.system_message), *document.transform_messages]:
        if message.get("level", 0) >= 2:
            text = message.children[0].astext() if message.children else message.astext()
            said.append(" ".join(text.split()))
    return said


@pytest.mark.parametrize("expected", sorted(BROKEN))
def test_what_docutils_really_says_is_explained_in_portuguese(expected):
    said = [line for line in docutils_says(BROKEN[expected]) if line.startswith(expected)]
    assert said, docutils_says(BROKEN[expected])
    explained = explain(said[0])
    assert explained != said[0] and explained.endswith(f" (docutils: {said[0]})"), explained
    assert explain(explained) == explained  # explaining twice changes nothing


def test_every_explanation_is_tried_on_what_docutils_says():
    """No pattern of the table is left without a real message above (its example included)."""
    tried = [line for source in BROKEN.values() for line in docutils_says(source)]
    for item in EXPLAINED:
        assert any(item.pattern.match(line) for line in tried), item.example
        assert item.pattern.match(item.example), item.example


def test_only_docutils_first_line_changes_and_other_messages_stay():
    quoted = 'Unknown directive type "aviso".\n\n.. aviso:: texto'
    assert explain(quoted).endswith('(docutils: Unknown directive type "aviso".)\n\n.. aviso:: texto')
    assert explain("undefined label: 'x'") == "undefined label: 'x'"


def test_the_build_and_make_check_say_the_same(make_app, tmp_path):
    from sphinx.util.console import strip_colors

    src = tmp_path / "src"
    shutil.copytree(PROJECT / "tests" / "roots" / "test-catalog", src)
    path = src / "playbooks" / "sei" / "credencial.rst"
    text = path.read_text(encoding="utf-8")
    # a list that runs into the text (the parser), a link and a substitution without a
    # definition (the transforms); Sphinx's own |version| is defined
    path.write_text(text.replace("A solução é gerar uma nova credencial.",
                                 "- gerar a credencial\nenviar por e-mail\n\nVeja o `portal`_ e |nome|, "
                                 "versão |version|."), encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    built = sorted(line for line in strip_colors(app.warning.getvalue()).splitlines() if "credencial.rst" in line
                   and "[docutils]" in line)
    assert len(built) == 3, built
    assert "a lista com marcadores (- ou *) termina sem uma linha em branco" in built[0]
    assert '(docutils: Undefined substitution referenced: "nome".)' in built[1]
    assert '(docutils: Unknown target name: "portal".)' in built[2]
    check = subprocess.run([sys.executable, "-m", "playbooks", "check", "--conf", str(src / "conf.py"),
                            "--source", str(src), str(path)], capture_output=True, text=True, cwd=PROJECT,
                           env={"PYTHONPATH": str(PROJECT / "_ext"), "PATH": "/usr/bin:/bin"})
    checked = sorted(line for line in check.stdout.splitlines() if "[docutils]" in line)
    assert [line.split(":", 2)[1:] for line in checked] == [line.split(":", 2)[1:] for line in built], (checked, built)


def test_the_guide_lists_every_explained_message(features_site):
    from bs4 import BeautifulSoup

    def plain(text: str) -> str:  # the page's typographic quotes as typed
        return " ".join(text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "…": "..."})).split())

    guide = BeautifulSoup((features_site / "guia" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = guide.select_one("dl.playbook-docutils-messages")
    pairs = [(plain(dt.get_text()), plain(dd.get_text())) for dt, dd in zip(listed.select("dt"), listed.select("dd"))]
    assert pairs == [(item.example, plain(explain(item.example).rsplit(" (docutils: ", 1)[0])) for item in EXPLAINED]
    # as the terminal writes it, not typographic: "+---+", not "+—+"
    assert "(+---+ e |)" in listed.get_text() and "“" not in listed.get_text()


def test_make_check_leaves_citations_and_prolog_substitutions_to_the_build(tmp_path):
    """A citation may be defined in another page (Sphinx resolves them across pages), and
    rst_prolog/rst_epilog may define substitutions and targets: no false error."""
    src = tmp_path / "src"
    shutil.copytree(PROJECT / "tests" / "roots" / "test-catalog", src)
    path = src / "playbooks" / "sei" / "credencial.rst"
    text = path.read_text(encoding="utf-8").replace("A solução é gerar uma nova credencial.",
                                                    "Conforme a [NORMA]_, gerar |produto|.")
    path.write_text(text, encoding="utf-8")

    def docutils_lines(conf_extra: str) -> list[str]:
        conf = src / "conf.py"
        conf.write_text((PROJECT / "tests" / "roots" / "test-catalog" / "conf.py").read_text(encoding="utf-8")
                        + conf_extra, encoding="utf-8")
        check = subprocess.run([sys.executable, "-m", "playbooks", "check", "--conf", str(conf), "--source", str(src),
                                str(path)], capture_output=True, text=True, cwd=PROJECT,
                               env={"PYTHONPATH": str(PROJECT / "_ext"), "PATH": "/usr/bin:/bin"})
        return [line for line in check.stdout.splitlines() if "[docutils]" in line]

    without = docutils_lines("")
    assert len(without) == 1 and 'Undefined substitution referenced: "produto"' in without[0], without
    assert docutils_lines('\nrst_epilog = ".. |produto| replace:: o SEI"\n') == []
