"""The compact searchindex.js on a built handbook: same index, same results, fewer bytes.

The handbook is the real one plus playbooks from the benchmark's generator (shaped like
PEN's, see bench/corpus.py), built twice: with the compact index and with Sphinx's plain
one (``playbook_search_compact_index = False``).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import PEN_WIKI, PROJECT, built_app
from test_search import pages, search

from playbooks.standard.schema import DEFAULT_KINDS, normalize_heading
from playbooks.finding.search_index_format import canonical, compact_js_index, load_search_index

sys.path.insert(0, str(PROJECT))
from bench import corpus, harness  # noqa: E402

PLAYBOOKS = 150
#: The handbook's conf.py declares these same script sections.
STANDARD_HEADINGS = {normalize_heading(h) for h in DEFAULT_KINDS["script"]["sections"]}


def _build(root: Path, compact: bool) -> Path:
    app = built_app(root, confoverrides={"playbook_search_compact_index": compact})
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    work = tmp_path_factory.mktemp("compact-index")
    out = {}
    for name, compact in (("compact", True), ("plain", False)):
        root = harness.make_corpus(work / name, PLAYBOOKS, "indice-compacto", PEN_WIKI)
        harness.write_corpus_conf(root)
        out[name] = _build(root, compact)
    return out


@pytest.mark.pen_sample
def test_compact_index_means_exactly_sphinx_index(sites):
    compact_text = (sites["compact"] / "searchindex.js").read_text(encoding="utf-8")
    plain_text = (sites["plain"] / "searchindex.js").read_text(encoding="utf-8")
    assert '"compact":{' in compact_text
    assert '"compact":{' not in plain_text
    plain = json.loads(plain_text[len("Search.setIndex("):-1])
    assert len(plain["docnames"]) > PLAYBOOKS
    assert load_search_index(sites["compact"] / "searchindex.js") == canonical(plain)


#: bench/README.md's figures: "com 42% menos bytes em 1000 playbooks (339 KB → 197 KB com gzip)".
BENCH_README = PROJECT / "bench" / "README.md"
DOCUMENTED = re.compile(r"com (\d+)% menos bytes em (\d+) playbooks \((\d+) KB → (\d+) KB com gzip\)")
#: How far a measured size may drift from the documented one before the document is stale.
SIZE_TOLERANCE = 0.05


@pytest.fixture(scope="module")
def documented() -> dict[str, int]:
    found = DOCUMENTED.search(" ".join(BENCH_README.read_text(encoding="utf-8").split()))
    assert found, "bench/README.md no longer states the compact index's sizes"
    return dict(zip(("percent", "playbooks", "plain_kb", "compact_kb"), map(int, found.groups())))


@pytest.fixture(scope="module")
def plain_index_at_documented_size(tmp_path_factory, documented) -> str:
    """Sphinx's own searchindex.js for the handbook with as many playbooks as bench/README.md
    says (the same generated corpus as make bench), built with the compact form off."""
    if not PEN_WIKI.is_dir():
        pytest.fail(f"PEN's sample is missing: {PEN_WIKI}")
    work = tmp_path_factory.mktemp("index-size")
    root = harness.make_corpus(work, documented["playbooks"], corpus.DEFAULT_SEED, PEN_WIKI)
    harness.write_corpus_conf(root)
    return (_build(root, compact=False) / "searchindex.js").read_text(encoding="utf-8")


@pytest.mark.pen_sample
def test_compact_index_is_much_smaller_compressed(sites):
    sizes = {name: len(gzip.compress((site / "searchindex.js").read_bytes(), 9)) for name, site in sites.items()}
    # The share saved grows with the handbook: 0.76 at 150 playbooks (bench/README.md's
    # figure is at 1,000: see the next test).
    assert sizes["compact"] < 0.8 * sizes["plain"], sizes


@pytest.mark.pen_sample
def test_compact_index_sizes_are_the_documented_ones(plain_index_at_documented_size, documented):
    plain = json.loads(plain_index_at_documented_size[len("Search.setIndex("):-1])
    assert '"compact":{' not in plain_index_at_documented_size
    assert len([n for n in plain["docnames"] if n.startswith("playbooks/")]) > documented["playbooks"]
    compact = compact_js_index.dumps(plain)
    assert compact_js_index.loads(compact) == canonical(plain)
    # Compressed as a static server sends it (gzip -6, the usual default).
    measured = {"plain_kb": len(gzip.compress(plain_index_at_documented_size.encode("utf-8"), 6)) / 1000,
                "compact_kb": len(gzip.compress(compact.encode("utf-8"), 6)) / 1000}
    measured["percent"] = 100 * (1 - measured["compact_kb"] / measured["plain_kb"])
    report = f"measured {measured}; bench/README.md: {documented}"
    for size in ("plain_kb", "compact_kb"):
        assert abs(measured[size] - documented[size]) <= SIZE_TOLERANCE * documented[size], report
    assert abs(measured["percent"] - documented["percent"]) <= 2, report


@pytest.mark.pen_sample
def test_searchable_titles_keep_each_page_title_but_not_the_standard_headings(sites):
    index = load_search_index(sites["compact"] / "searchindex.js")
    docnames, titles, alltitles = index["docnames"], index["titles"], index["alltitles"]
    for number, title in enumerate(titles):
        assert [number, None] in alltitles[title], docnames[number]
    playbooks = {i for i, name in enumerate(docnames) if name.startswith("playbooks/") and not name.endswith("index")}
    standard = [(title, found) for title, found in alltitles.items()
                if normalize_heading(title) in STANDARD_HEADINGS and any(n in playbooks for n, _ in found)]
    assert standard == []
    # The writer's guide is not a playbook: its own "Palavras-chave" heading stays searchable.
    guide = docnames.index("guia/index")
    assert any(n == guide for n, _ in alltitles.get("Palavras-chave", []))


@pytest.mark.pen_sample
def test_browser_rebuilds_the_same_index_and_finds_the_same_results(sites, serve, browser_context):
    compact_base, plain_base = serve(sites["compact"]), serve(sites["plain"])
    page = browser_context.new_page()
    page.goto(compact_base + "search.html")
    page.wait_for_function("() => Search._index !== null", timeout=20000)
    in_browser = page.evaluate("() => JSON.stringify(Search._index)")
    assert json.loads(in_browser) == load_search_index(sites["compact"] / "searchindex.js")
    index = load_search_index(sites["compact"] / "searchindex.js")
    # Queries: a title, a keyword, words of the text, a word in most playbooks, a number.
    first_playbook = next(i for i, n in enumerate(index["docnames"]) if n.count("/") == 2)
    keyword = next(entry for entry, found in index["indexentries"].items() if len(found) > 1)
    common = max(index["terms"], key=lambda w: len(index["terms"][w]) if isinstance(index["terms"][w], list) else 1)
    queries = [index["titles"][first_playbook], keyword, "processo parado", "erro ao assinar", common, "500"]
    for query in queries:
        compact_results = search(page, compact_base, query)
        plain_results = search(page, plain_base, query)
        assert compact_results == plain_results, query
    assert pages(search(page, compact_base, index["titles"][first_playbook]))[0] == index["docnames"][first_playbook]


def test_any_search_language_reads_the_compact_index(make_app, tmp_path, serve, browser_context):
    """The decoder travels in searchindex.js: an English search page works too."""
    from workflow import playbook, small_handbook

    files = {"sei/assinatura.rst": playbook("Assinatura recusada"), "sei/credencial.rst": playbook("Credencial vencida")}
    app = make_app("html", srcdir=small_handbook(tmp_path, files, 'html_search_language = "en"'), freshenv=True)
    app.build()
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    assert '"compact":{' in (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    base = serve(app.outdir)
    page = browser_context.new_page()
    assert pages(search(page, base, "credencial")) == ["playbooks/sei/credencial"]
    assert page.evaluate("() => Search._index.filenames") == load_search_index(app.outdir / "searchindex.js")["filenames"]


@pytest.mark.parametrize(("builder", "index_file"), [("pickle", "searchindex.pickle"), ("json", "searchindex.json")])
# sphinxcontrib-serializinghtml itself still uses the builder's deprecated ``app``.
@pytest.mark.filterwarnings("ignore:'sphinxcontrib.serializinghtml")
def test_pickle_and_json_builders_keep_sphinx_format(make_app, tmp_path, builder, index_file):
    import pickle

    from workflow import playbook, small_handbook

    app = make_app(builder, srcdir=small_handbook(tmp_path, {"sei/a.rst": playbook("Assinatura recusada")}),
                   freshenv=True)
    app.build()
    path = app.outdir / index_file
    data = pickle.loads(path.read_bytes()) if builder == "pickle" else json.loads(path.read_text(encoding="utf-8"))
    assert "compact" not in data
    assert "playbooks/sei/a" in data["docnames"]
