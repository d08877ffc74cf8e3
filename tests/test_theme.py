"""The handbook's theme: a playbook's page does not grow, or go stale, with the handbook."""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import PEN_WIKI, PROJECT, normalized_warnings

sys.path.insert(0, str(PROJECT))

from bench import corpus
from bench.harness import CORPUS_SUPPRESS  # PEN's separators are kept in the corpus  # noqa: E402

SEED_PAGE = "playbooks/sei/suporte-ao-sei.html"


def build(make_app, folder, n: int):
    src = folder / f"handbook-{n}"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    items = corpus.generate(n, seed="theme", pen_wiki=PEN_WIKI)
    corpus.write(src, items)
    app = make_app("html", srcdir=src, freshenv=True,
                   confoverrides={"suppress_warnings": CORPUS_SUPPRESS})
    app.build()
    # A second app in one test re-registers Sphinx's own nodes and directives in docutils
    # (the fixture resets them only after the test): those set-up lines are not the pages'.
    warnings = [line for line in normalized_warnings(app).splitlines()
                if "while setting up extension" not in line]
    assert warnings == []
    return app, items


@pytest.mark.pen_sample
def test_a_playbook_page_is_the_same_whatever_the_number_of_playbooks(make_app, tmp_path):
    small, _ = build(make_app, tmp_path, 3)
    large, items = build(make_app, tmp_path, 40)
    page_small = (small.outdir / SEED_PAGE).read_bytes()
    page_large = (large.outdir / SEED_PAGE).read_bytes()
    assert page_small == page_large
    # Nothing of the other playbooks is on the page (no prev/next links, no full tree).
    text = page_large.decode("utf-8")
    for item in items:
        assert item.title not in text
        assert item.path.rsplit("/", 1)[-1].replace(".rst", ".html") not in text
    assert 'rel="next"' not in text and 'rel="prev"' not in text


@pytest.mark.pen_sample
def test_the_sidebar_shows_the_category_and_the_way_back_to_the_catalog(make_app, tmp_path):
    app, items = build(make_app, tmp_path, 8)
    seed = (app.outdir / SEED_PAGE).read_text(encoding="utf-8")
    assert 'Categoria: <a href="../../index.html#categoria-sei">SEI</a>' in seed
    assert '<a href="../../index.html">Catálogo de scripts</a>' in seed
    other = next(item for item in items if item.category == "tramita")
    page = (app.outdir / other.path.replace(".rst", ".html")).read_text(encoding="utf-8")
    assert 'Categoria: <a href="../../index.html#categoria-tramita">Tramita.GOV.BR</a>' in page
    # The link lands on the catalog's section of that category.
    catalog = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="categoria-sei"' in catalog and 'id="categoria-tramita"' in catalog
    # Pages that are not playbooks have no category line.
    assert "Categoria: <a" not in catalog


@pytest.mark.pen_sample
def test_a_category_with_its_own_page_is_linked_to_it(make_app, tmp_path):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    (src / "playbooks" / "sei" / "index.rst").write_text("SEI\n===\n\nScripts do SEI.\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True,
                   confoverrides={"suppress_warnings": CORPUS_SUPPRESS})
    app.build()
    seed = (app.outdir / SEED_PAGE).read_text(encoding="utf-8")
    assert 'Categoria: <a href="index.html">SEI</a>' in seed


def test_every_stylesheet_the_site_ships_is_minified(features_site):
    """Comments and indentation were a third of the CSS every page loads (site/stylesheets.py);
    the rules themselves are all still there."""
    from rcssmin import cssmin

    sheets = sorted((features_site / "_static").rglob("*.css"))
    names = {path.name for path in sheets}
    assert {"manual.css", "replies.css", "panel.css", "pygments.css", "health.css"} <= names, names
    for path in sheets:
        text = path.read_text(encoding="utf-8")
        assert text == cssmin(text) + "\n" and "/*" not in text, path.name
    manual = (features_site / "_static" / "manual.css").read_text(encoding="utf-8")
    for rule in ("@media print", ':root[data-theme="dark"]', ".manual-q-more{", "a.manual-named-link::after"):
        assert rule in manual, rule
