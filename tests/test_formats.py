"""Every format Sphinx offers PEN's readers: html, dirhtml, singlehtml, epub, PDF (latex) and text.

Each builds with warnings as errors, for the handbook as it is and with the whole PEN sample
imported (its own remaining defects, which ``make import`` reports, set aside).  Outside
the interactive HTML each part of a playbook has a static form: the reply is its label and
text with fields as written and no button, a draft says "Em construção", the panel is a
list of fields, the catalog lists playbooks by category with their metadata, a review
banner is an admonition.  The heavy outputs (PDF and EPUB) are built once per session by
the ``readthedocs_build`` fixture (conftest.py) and only read here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import PEN_WIKI, normalized_warnings, require_pdf_tools
from workflow import STAMP, clean_env, make, playbook, project_copy, small_handbook

#: The seed's reply (source/playbooks/sei/suporte-ao-sei.rst): one sentence of it, its
#: greeting and its placeholder.
SEED_SENTENCE = "Agradecemos sua compreensão e cooperação durante esse período."
SEED_GREETING = "Bom dia/Boa tarde/Boa noite."
SEED_FIELD = "[inserir nome do Usuário]"
COPY_LABEL = "Copiar resposta"


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found (apt-get install poppler-utils; .ci/run installs it)")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def before_the_guide(flat: str) -> str:
    """The PDF's text up to the writer's guide chapter (which documents the copy button)."""
    return flat[:flat.rindex("Guia de redação de playbooks", 0, flat.index("Este guia é para quem"))]


#: TeX's three forms of the message, each with the first line of the main .tex it is about.
OVERFULL = re.compile(r"^Overfull \\hbox \(\d+(?:\.\d+)?pt too wide\) "
                      r"(?:in (?:paragraph|alignment) at lines (\d+)--\d+|detected at line (\d+))", re.M)


def overfull_lines(log: str) -> list[int]:
    """The .tex lines of every overfull box in a pdflatex log."""
    return [int(first or detected) for first, detected in OVERFULL.findall(log)]


def epub_pages(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.endswith(".xhtml")}


def visible_text(markup: str) -> str:
    """The text of an (X)HTML page: scripts and tags removed, the seed's entities decoded."""
    text = re.sub(r"<[^>]+>", "", re.sub(r"<script\b.*?</script>", "", markup, flags=re.S))
    return " ".join(text.replace("&#160;", " ").replace("&nbsp;", " ").split())


# --- The published PDF and EPUB (built as Read the Docs builds them) --------------------------


def test_pdf_has_the_seed_reply_once_with_its_greeting_and_field(readthedocs_build):
    (pdf,) = (readthedocs_build["output"] / "pdf").glob("*.pdf")
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert flat.count(SEED_SENTENCE) == 1
    assert SEED_GREETING in flat and SEED_FIELD in flat
    assert COPY_LABEL not in before_the_guide(flat)  # catalog and playbooks: no button text
    # Portuguese: babel's names (not "Contents"/"Chapter") and accents as written
    assert "Sumário" in text and "CAPÍTULO" in text and "Eletrônico Nacional" in flat
    # the panel as a list of fields and the catalog with each playbook's metadata
    assert re.search(r"Categoria\s+SEI\s+Equipe\s+Equipe de 1º Nível", text)
    assert "Equipe: Equipe de 1º Nível · Perfil: não informado" in flat


def test_epub_has_the_seed_reply_once_and_no_button_nor_script(readthedocs_build):
    (epub,) = (readthedocs_build["output"] / "epub").glob("*.epub")
    pages = epub_pages(epub)
    seed = next(text for name, text in pages.items() if name.endswith("playbooks/sei/suporte-ao-sei.xhtml"))
    everything = " ".join(visible_text(text) for text in pages.values())
    assert everything.count(SEED_SENTENCE) == 1
    assert SEED_SENTENCE in visible_text(seed)
    assert SEED_GREETING in visible_text(seed) and SEED_FIELD in visible_text(seed)
    playbooks = {name: text for name, text in pages.items() if name.startswith("playbooks/")}
    assert all(COPY_LABEL not in text for text in [*playbooks.values(), pages["index.xhtml"]])
    assert all("<script" not in text for text in pages.values())  # nothing depends on JavaScript
    index = pages["index.xhtml"]
    assert "Filtrar scripts" not in index  # the catalog's filter needs a script: left out
    assert "Equipe: Equipe de 1º Nível" in visible_text(index)


# --- The handbook as it is: the other builders ---------------------------------------------------


@pytest.fixture(scope="module")
def other_builders(tmp_path_factory):
    """``make dirhtml``, ``make singlehtml`` and ``make text`` in a copy of the project."""
    project = project_copy(tmp_path_factory.mktemp("formats"))
    return project, {name: make(project, name, timeout=600) for name in ("dirhtml", "singlehtml", "text")}


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text"])
def test_builds_with_warnings_as_errors(other_builders, builder):
    _, results = other_builders
    assert results[builder].returncode == 0, results[builder].stdout[-2000:] + results[builder].stderr
    assert "WARNING" not in results[builder].stderr


def test_text_is_the_reply_with_its_fields_and_the_panel_as_fields(other_builders):
    project, _ = other_builders
    page = (project / "_build" / "text" / "playbooks" / "sei" / "suporte-ao-sei.txt").read_text(encoding="utf-8")
    flat = " ".join(page.split())
    assert flat.count(SEED_SENTENCE) == 1 and SEED_FIELD in flat and SEED_GREETING in flat
    assert COPY_LABEL not in page
    assert re.search(r"^Categoria:\n +SEI$", page, re.M)
    assert re.search(r"^Equipe:\n +Equipe de 1º Nível$", page, re.M)
    catalog = " ".join((project / "_build" / "text" / "index.txt").read_text(encoding="utf-8").split())
    assert "-[ SEI ]- * Suporte ao SEI Equipe: Equipe de 1º Nível · Perfil: não informado" in catalog


def test_singlehtml_has_each_reply_once(other_builders):
    project, _ = other_builders
    page = (project / "_build" / "singlehtml" / "index.html").read_text(encoding="utf-8")
    assert visible_text(page).count(SEED_SENTENCE) == 1
    assert page.count('class="reply"') == 1  # the seed's one template, as a block
    assert "playbook-panel" in page
    assert 'class="manual-brand" href="#">Manual de Atendimento</a>' in page


# --- Static forms of every part, on a small handbook (text and LaTeX) --------------------------

DRAFT = playbook("2024.08.29-Rascunho de resposta-V3").replace(
    "Prezado(a) [nome do usuário],\n\nBom dia/Boa tarde/Boa noite.\n\nAtenciosamente,\n\nEquipe PEN",
    "Resposta em construção.")
LABELLED = playbook("Dois destinatários").replace(
    "Prezado(a) [nome do usuário],",
    "**Modelo de resposta para o Órgão**\n\nPrezado(a) [nome do usuário], informe o [Nº do NRE],")
REVIEW_DUE = playbook("Situação temporária", top=":revisar-em: 2020-01-31\n\n")


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_static_forms_outside_html(make_app, tmp_path, builder):
    src = small_handbook(tmp_path, {"sei/rascunho.rst": DRAFT, "sei/dois.rst": LABELLED,
                                    "sei/temporaria.rst": REVIEW_DUE},
                         conf_extra='playbook_categories = {"sei": "SEI"}\nplaybook_today = "2025-01-15"\n'
                                    'latex_documents = [("index", "manual.tex", "Manual", "PEN", "manual")]\n'
                                    'suppress_warnings = ["playbook.review_due"]')
    (src / "index.rst").write_text("Manual de teste\n===============\n\n.. playbook-catalog::\n\n"
                                   ".. toctree::\n   :hidden:\n\n   playbooks/index\n", encoding="utf-8")
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert "WARNING" not in normalized_warnings(app)
    out = Path(app.outdir)
    if builder == "text":
        pages = {name: " ".join((out / "playbooks" / "sei" / f"{name}.txt").read_text(encoding="utf-8").split())
                 for name in ("rascunho", "dois", "temporaria")}
        catalog = " ".join((out / "index.txt").read_text(encoding="utf-8").split())
    else:
        tex = (out / "manual.tex").read_text(encoding="utf-8").replace(r"\sphinxhyphen{}", "-").replace("{[}", "[").replace("{]}", "]")
        pages = {"all": tex}
        catalog = tex
    joined = " ".join(pages.values())
    assert "Em construção" in joined  # the draft's badge, as text
    assert "Modelo de resposta para o Órgão" in joined  # a template's label
    assert "[nome do usuário]" in joined and "[Nº do NRE]" in joined  # fields as written
    assert COPY_LABEL not in joined
    assert "Revisão vencida" in joined and "31/01/2020" in joined  # the banner, as an admonition
    assert "Data da versão" in joined and "29/08/2024" in joined  # the title's date, labelled so
    assert "Rascunho" in joined  # the panel says it is a draft
    assert "Atualizado em" not in joined
    # the catalog: every playbook under its category, with its metadata
    for title in ("Rascunho de resposta", "Dois destinatários", "Situação temporária"):
        assert title in catalog
    assert "Equipe: Equipe de 1º Nível" in catalog and "Palavras-chave: SEI; Erro" in catalog
    if builder == "latex":
        # the banner is an admonition with its title and date
        assert re.search(r"\\begin\{sphinxadmonition\}\{\w+\}\{Revisão vencida\}\s+\\sphinxAtStartPar\s+"
                         r"Este script deveria ter sido revisado até 31/01/2020", tex), tex
        # each playbook's panel is a field list (a LaTeX description) starting with its
        # category (a draft's with its state first)
        panels = re.findall(r"\\begin\{description\}\n(?:\\sphinxlineitem\{Estado\}\n\\sphinxAtStartPar\nRascunho\n\n)?"
                            r"\\sphinxlineitem\{Categoria\}\n\\sphinxAtStartPar\nSEI\n", tex)
        assert len(panels) == 3, tex


def test_overfull_lines_reads_every_form_of_the_message():
    log = ("Overfull \\hbox (12.5pt too wide) in paragraph at lines 120--124\n[]\\T1/qtm/m/n/10 x\n"
           "Overfull \\hbox (3pt too wide) in alignment at lines 300--310\n"
           "Overfull \\hbox (0.8pt too wide) detected at line 512\n"
           "Underfull \\hbox (badness 10000) in paragraph at lines 7--8\n")
    assert overfull_lines(log) == [120, 300, 512]


# --- The whole PEN sample imported -----------------------------------------------------------------

REPORT_LINE = re.compile(r"^(?P<path>source/\S+\.rst):(?P<line>\d+): (?:WARNING|ERROR|SEVERE): .*\[(?P<type>[\w.]+)\]$",
                         re.M)


@pytest.fixture(scope="module")
def sample_handbook(tmp_path_factory):
    """The handbook with PEN's sample imported; the remaining defects that the import report
    lists are set aside: a ``playbook.*`` subtype is suppressed, a file with a docutils
    error is excluded (with its redirect)."""
    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    project = project_copy(tmp_path_factory.mktemp("sample"))
    report = make(project, "import", f"SRC={PEN_WIKI}").stdout
    problems = {(m["path"], m["type"]) for m in REPORT_LINE.finditer(report)}
    assert problems, report  # the sample does have defects: the test sets aside only those
    subtypes = sorted({kind for _, kind in problems if kind.startswith("playbook.")})
    excluded = sorted({path.removeprefix("source/") for path, kind in problems if not kind.startswith("playbook.")})
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + (
        f"\nsuppress_warnings = list(globals().get('suppress_warnings', [])) + {subtypes!r}"
        f"\nexclude_patterns = exclude_patterns + {excluded!r}\n"), encoding="utf-8")
    redirects = project / "source" / "redirects.json"
    mapping = json.loads(redirects.read_text(encoding="utf-8"))
    gone = {name.removesuffix(".rst") for name in excluded}
    redirects.write_text(json.dumps({k: v for k, v in mapping.items() if v not in gone}), encoding="utf-8")
    return project, excluded, subtypes


@pytest.mark.pen_sample  # its fixture imports the sample with `make import` (a child process)
@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latexpdf", "text"])
def test_sample_builds_in_every_format(sample_handbook, builder):
    if builder == "latexpdf":
        require_pdf_tools()
    project, excluded, subtypes = sample_handbook
    assert len(excluded) <= 2 and subtypes == ["playbook.duplicate_title"]
    # pdflatex's log is not UTF-8: read the output leniently
    result = subprocess.run(["make", "--no-print-directory", "-o", STAMP, builder, f"BUILDDIR=_build-{builder}"],
                            cwd=project, capture_output=True, text=True, errors="replace", env=clean_env(),
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    out = project / f"_build-{builder}"
    if builder == "latexpdf":
        (pdf,) = (out / "latex").glob("*.pdf")
        text = " ".join(pdf_text(pdf).split())
        assert "SOLICITAÇÕES DE ACESSO AOS TRÂMITES DE PROCESSOS DO BANCO CENTRAL DO BRASIL" in text
        assert COPY_LABEL not in before_the_guide(text)
        assert "Data da versão" in text
        # long lines (links and addresses in replies) wrap, and the tables of the writer's guide
        # (warning subtypes) and of the page "Saúde do manual" (counts) give their column
        # widths: nothing in the book runs past the margin
        tex = next((out / "latex").glob("*.tex")).read_text(encoding="utf-8").splitlines()
        assert any(line.startswith("\\chapter{Guia de reda") for line in tex)
        assert any(line.startswith("\\chapter{Saúde do manual") for line in tex)
        log = next((out / "latex").glob("*.log")).read_text(encoding="latin-1")
        overfull = overfull_lines(log)
        # every overfull box TeX reported has been read (none escapes the check unparsed)
        assert len(overfull) == log.count("Overfull \\hbox"), log
        assert overfull == [], [tex[line - 1] for line in overfull][:5]
    elif builder == "epub":
        (epub,) = (out / "epub").glob("*.epub")
        pages = epub_pages(epub)
        playbooks = [text for name, text in pages.items() if name.startswith("playbooks/")]
        assert len(playbooks) >= 48 and all(COPY_LABEL not in text for text in playbooks)
