"""The reply section of a playbook is split into templates once, when the page is read.

The page (write phase) computes each template's copy data from the template's own nodes,
already wrapped at read time: it never splits the reply section again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import built_app
from replies_support import make_source

from playbooks.replies import extract

#: Reply section headings of the kinds used in the test root (script, procedimento).
REPLY_HEADING = re.compile(r"^(Modelo de Resposta para Chamados|Ação Padrão)\s*\n[~=\-^]+\s*$", re.M)


def _spy(monkeypatch) -> list[str]:
    """Record the source file of every reply section that gets split."""
    calls: list[str] = []
    real = extract.extract_templates

    def spy(section, *args, **kwargs):
        calls.append(Path(section.document["source"]).name)
        return real(section, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_templates", spy)
    return calls


def _build(srcdir: Path, freshenv: bool):
    return built_app(srcdir, freshenv=freshenv)


@pytest.mark.pen_sample
def test_each_playbook_is_split_once_per_read(tmp_path, monkeypatch):
    srcdir = make_source(tmp_path / "src")
    # A reply that links to another page: the link's text is known only once resolved.
    steps = srcdir / "playbooks" / "testes" / "passos.rst"
    linked = srcdir / "playbooks" / "testes" / "ligado.rst"
    linked.write_text(steps.read_text(encoding="utf-8").replace(
        "Prezado(a) [nome do usuário],", "Prezado(a) [nome do usuário], veja :doc:`passos`.", 1),
        encoding="utf-8")
    steps_title = steps.read_text(encoding="utf-8").splitlines()[0]
    playbooks = sorted(p for p in (srcdir / "playbooks").rglob("*.rst") if p.name != "index.rst")
    # Every playbook of the root has a reply section (so each must be split exactly once).
    assert len(playbooks) >= 6
    assert all(REPLY_HEADING.search(p.read_text(encoding="utf-8-sig")) for p in playbooks)

    calls = _spy(monkeypatch)
    app = _build(srcdir, freshenv=True)
    assert sorted(calls) == sorted(p.name for p in playbooks)

    # The pages still have their blocks, copy data and fields, computed without a second split.
    page = (Path(app.outdir) / "playbooks" / "testes" / "passos.html").read_text(encoding="utf-8")
    assert page.count('class="reply-data"') == 1
    assert 'data-slot="p:nº do nre">[Nº do NRE]</span>' in page
    # The page's copy data is computed after references are resolved (the record, kept at
    # read time for the export and duplicates, has the unresolved target name).
    page = (Path(app.outdir) / "playbooks" / "testes" / "ligado.html").read_text(encoding="utf-8")
    assert f"veja {steps_title}." in page.split('class="reply-data">')[1]
    seed = (Path(app.outdir) / "playbooks" / "sei" / "suporte-ao-sei.html").read_text(encoding="utf-8")
    assert seed.count('class="reply-copy"') >= 1 and 'class="reply-greeting"' in seed

    # Incremental: one changed playbook is read (and split) again, once; so are the files
    # that warned in the first build (collect/warned_docs.py), each once.
    import json

    from playbooks.collect.warned_docs import FILE_NAME

    warned = json.loads((Path(app.doctreedir) / FILE_NAME).read_text(encoding="utf-8"))
    calls.clear()
    changed = srcdir / "playbooks" / "testes" / "alternativas.rst"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Em construção.", "O destinatário deve reenviar o processo."), encoding="utf-8")
    again = _build(srcdir, freshenv=False)
    assert sorted(calls) == sorted({"alternativas.rst", *(name.rsplit("/", 1)[1] + ".rst" for name in warned
                                                          if name.startswith("playbooks/"))})
    page = (Path(again.outdir) / "playbooks" / "testes" / "alternativas.html").read_text(encoding="utf-8")
    assert page.count('class="reply-copy"') == 2 and "reply-badge" not in page
