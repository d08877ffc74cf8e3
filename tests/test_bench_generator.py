"""The benchmark's generator and harness (``make bench``); timings are never asserted."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys

import pytest
from conftest import PEN_WIKI, PROJECT, normalized_warnings

sys.path.insert(0, str(PROJECT))

from bench import corpus, harness  # noqa: E402
from playbooks.collect.config import playbook_category  # noqa: E402

REPLY = "Modelo de Resposta para Chamados"


@pytest.fixture(scope="module")
def model():
    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    return corpus.load_model(PEN_WIKI)


def section(text: str, heading: str, following: str) -> str:
    start = text.index(heading)
    end = text.index(following, start)
    return text[start:end]


@pytest.mark.pen_sample
def test_same_seed_same_files_and_each_playbook_depends_only_on_its_number(model):
    first = corpus.generate(60, seed="t", pen_wiki=PEN_WIKI)
    again = corpus.generate(60, seed="t", pen_wiki=PEN_WIKI)
    assert [(p.path, p.text) for p in first] == [(p.path, p.text) for p in again]
    other = corpus.generate(60, seed="u", pen_wiki=PEN_WIKI)
    assert sum(a.text != b.text for a, b in zip(first, other)) == 60
    smaller = corpus.generate(20, seed="t", pen_wiki=PEN_WIKI)
    assert [p.text for p in smaller] == [p.text for p in first[:20]]
    assert len({p.path.casefold() for p in first}) == 60


@pytest.mark.pen_sample
def test_generated_playbooks_pass_the_validation_core_without_any_docutils_message(model, tmp_path):
    items = corpus.generate(len(model.shapes) + 11, seed="valid", pen_wiki=PEN_WIKI)
    corpus.write(tmp_path / "source", items)
    # The checker in its own process (it registers stand-ins for Sphinx's markup in
    # docutils' global registry, which would leak into the Sphinx builds of other tests).
    result = subprocess.run(
        [sys.executable, "-m", "playbooks", "check", "--conf",
         str(harness.write_corpus_conf(tmp_path / "conf") / "conf.py"),
         "--source", str(tmp_path / "source")],
        cwd=PROJECT, capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT / "_ext")},
    )
    assert result.returncode == 0, result.stdout
    assert f"{len(items)} arquivo(s) verificado(s): nenhum problema." in result.stdout


@pytest.mark.pen_sample
def test_reading_the_model_leaves_docutils_registry_as_it_was():
    from docutils.parsers.rst import directives, roles

    before = (dict(directives._directives), dict(roles._roles))
    corpus.load_model.__wrapped__(PEN_WIKI)
    assert (dict(directives._directives), dict(roles._roles)) == before


@pytest.mark.pen_sample
def test_the_corpus_looks_like_pen_files(model):
    n = 2 * len(model.shapes)  # every real shape is used at least twice
    items = corpus.generate(n, seed="shape", pen_wiki=PEN_WIKI)
    texts = [p.text for p in items]
    # Categories: about one per 20 playbooks, the known ones first, long-tailed sizes.
    folders = {}
    for item in items:
        folders[item.category] = folders.get(item.category, 0) + 1
    assert len(corpus.categories(n, "shape")) == max(4, math.ceil(n / corpus.PLAYBOOKS_PER_CATEGORY))
    assert set(corpus.KNOWN_CATEGORIES) <= set(folders)
    assert max(folders.values()) >= 2 * min(folders.values())
    # Titles with PEN's date/version convention at about the real rate.
    dated = sum(bool(corpus.DATE_TITLE.match(p.title)) for p in items) / n
    assert abs(dated - model.dated_share) < 0.2
    # Keywords with PEN's separators; several of them across the corpus.
    separators = set()
    for text in texts:
        words = section(text, "Palavras-chave", "Referências").split("\n", 2)[2]
        separators |= {sep for sep in ";,|" if sep in words}
    assert separators == {";", ",", "|"}
    # Replies: bold-labelled alternatives in some, drafts in others, placeholders, greetings.
    replies = [section(text, REPLY, "Atribuições") for text in texts]
    labelled = [r for r in replies if len(re.findall(r"^\*\*[^*\n]+\*\* *$", r, re.M)) >= 2]
    drafts = [r for r in replies if re.search("constru", r, re.I)]
    assert labelled and drafts and len(drafts) < n
    assert any("[" in r and "]" in r for r in replies)
    assert any(re.search(r"Bom dia */ *Boa tarde */ *Boa noite", r) for r in replies)
    # Links, numbered and bulleted lists, admonitions.
    assert sum("<https://" in t for t in texts) > n / 4
    assert any(re.search(r"^(\d+[.)]|#\.) \S", t, re.M) for t in texts)
    assert any(re.search(r"^[-*] \S", t, re.M) for t in texts)
    assert any(".. admonition::" in t for t in texts)
    # Sizes spread like the real files (a few hundred bytes to several KB).
    sizes = sorted(len(t.encode()) for t in texts)
    assert sizes[0] < 1500 and sizes[-1] > 5000


@pytest.mark.pen_sample
def test_the_model_is_read_from_the_files_given_at_run_time(tmp_path):
    sample = tmp_path / "wiki" / "Tramita_GOV_BR"
    sample.mkdir(parents=True)
    shutil.copy(PEN_WIKI / "Tramita_GOV_BR" / "Processo_parado_no_status_2.rst", sample)
    model = corpus.load_model(tmp_path / "wiki")
    assert [s.source for s in model.shapes] == ["Tramita_GOV_BR/Processo_parado_no_status_2.rst"]
    reply_index = model.sections.index(REPLY)
    labels = [b for b in model.shapes[0].sections[reply_index] if b.type == "label"]
    assert len(labels) == 2  # "Modelo de resposta para o Destinatário" / "... o Remetente"
    item = corpus.generate(1, seed="one", pen_wiki=tmp_path / "wiki")[0]
    reply = section(item.text, REPLY, "Atribuições")
    assert len(re.findall(r"^\*\*[^*\n]+\*\* *$", reply, re.M)) == 2
    assert model.separators == ["|"]


@pytest.mark.pen_sample
def test_generated_playbooks_build_with_the_handbook_without_warnings(make_app, tmp_path):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    items = corpus.generate(12, seed="build", pen_wiki=PEN_WIKI)
    corpus.write(src, items)
    # PEN's keyword separators are kept in the corpus, and silenced like the bench does
    app = make_app("html", srcdir=src, freshenv=True,
                   confoverrides={"suppress_warnings": harness.CORPUS_SUPPRESS})
    app.build()
    assert normalized_warnings(app) == ""
    for item in items:
        assert (app.outdir / item.path.replace(".rst", ".html")).is_file()
        assert playbook_category(app.config, item.path[:-4]) == item.category


@pytest.mark.pen_sample
def test_the_command_line_never_overwrites_a_file(tmp_path):
    item = corpus.generate(1, pen_wiki=PEN_WIKI)[0]
    existing = tmp_path / item.path
    existing.parent.mkdir(parents=True)
    existing.write_text("meu playbook\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bench.corpus", "--n", "3", "--out", str(tmp_path)],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "já existe" in result.stderr
    assert existing.read_text(encoding="utf-8") == "meu playbook\n"
    assert len(list(tmp_path.rglob("*.rst"))) == 1


def test_sizes_from_bench_n():
    assert harness.parse_sizes(None, (100, 300)) == [100, 300]
    assert harness.parse_sizes("1000, 100,1_000", ()) == [100, 1000]
    assert harness.parse_sizes("0", (100,)) == []
    with pytest.raises(SystemExit, match="BENCH_N"):
        harness.parse_sizes("mil", ())


@pytest.mark.pen_sample
def test_the_harness_runs_end_to_end_on_a_tiny_handbook(tmp_path, chromium):
    """Every step runs (builds, baseline, incremental, check, search in Chromium) and the
    figures come out; the numbers themselves are not judged here."""
    out = tmp_path / "bench"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "6,9", "--repeat", "1", "--out", str(out)],
        cwd=PROJECT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    cases = {(run["case"], run["n"]) for run in data["runs"]}
    for n in (6, 9):
        assert {("handbook-j1", n), ("handbook-jauto", n), ("baseline", n)} <= cases
    assert {("rebuild-no-change", 9), ("rebuild-edit-one", 9), ("check-all", 9), ("check-one", 1),
            ("report-all", 9)} <= cases
    assert all(run["rc"] == 0 and run["seconds"] > 0 and run["peak_mb"] > 0 for run in data["runs"])
    ids = {figure["id"] for figure in data["figures"]}
    assert {"build_6", "build_9", "page_size", "page_vs_baseline_9", "rebuild_edit_one",
            "check_all", "check_one", "report_all", "search_first_kb", "search_answer_ms"} <= ids
    # What the first search downloaded was measured through the gzip server.
    assert data["search"]["first_download_by_kind"]["search_index"] > 0
    # Editing one playbook rewrites its page and no other playbook's page.
    edited = data["incremental"]["edited"].replace(".rst", ".html")
    written = [p for p in data["incremental"]["edit_written"] if p.endswith(".html")]
    assert edited in written
    other_playbooks = [p for p in written if p.startswith("playbooks/") and p != edited
                       and not p.endswith("/index.html")]
    assert other_playbooks == []
    assert not [p for p in data["incremental"]["no_change_written"]
                if p.startswith("playbooks/") and p.endswith(".html")]
    table = (out / "table.md").read_text(encoding="utf-8")
    assert "| medida | manual | base | razão | meta | ok |" in table
    assert "núcleos" in table
    # The baseline really is plain Sphinx with furo: its page carries furo's navigation.
    page = (out / "out" / "baseline" / "9" / harness.SEED_PAGE).read_text(encoding="utf-8")
    assert "furo" in page and "sidebar-tree" in page
