"""Playbooks are read before the pages that list them; the output does not change."""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import PEN_WIKI, PROJECT, normalized_warnings

sys.path.insert(0, str(PROJECT))

from bench import corpus
from bench.harness import CORPUS_SUPPRESS  # PEN's separators are kept in the corpus  # noqa: E402
from playbooks.scale import read_order  # noqa: E402
from playbooks.collect.config import is_playbook  # noqa: E402


def handbook(tmp_path, name):
    src = tmp_path / name
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    corpus.write(src, corpus.generate(10, seed="order", pen_wiki=PEN_WIKI))
    return src


def pages(outdir):
    found = {p.relative_to(outdir).as_posix(): p.read_bytes() for p in outdir.rglob("*.html")}
    return found | {"searchindex.js": (outdir / "searchindex.js").read_bytes()}


#: Both builds see the same day, even across midnight: Sphinx's dates (the pages' "last
#: updated") follow SOURCE_DATE_EPOCH, review dates follow playbook_today.
FIXED_DAY = {"SOURCE_DATE_EPOCH": "1736942400", "playbook_today": "2025-01-15"}  # 2025-01-15 12:00 UTC
CONF = {"suppress_warnings": CORPUS_SUPPRESS, "playbook_today": FIXED_DAY["playbook_today"]}


@pytest.mark.pen_sample
def test_playbooks_are_read_first_and_the_site_is_the_same_as_in_sphinx_order(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DAY["SOURCE_DATE_EPOCH"])
    app = make_app("html", srcdir=handbook(tmp_path, "a"), freshenv=True, confoverrides=CONF)
    order = []
    app.connect("doctree-read", lambda app, doctree: order.append(app.env.docname))
    app.build()
    assert normalized_warnings(app) == ""
    kinds = [is_playbook(app.config, docname) for docname in order]
    assert kinds == sorted(kinds, reverse=True) and True in kinds and False in kinds
    last_playbook = max(i for i, docname in enumerate(order) if is_playbook(app.config, docname))
    # the pages that list the playbooks (catalog, glob toctree) are read after every playbook
    assert order.index("index") > last_playbook and order.index("playbooks/index") > last_playbook

    plain = make_app("html", srcdir=handbook(tmp_path, "b"), freshenv=True, confoverrides=CONF)
    listeners = plain.events.listeners["env-before-read-docs"]
    listeners[:] = [l for l in listeners if l.handler is not read_order.playbooks_first]
    plain_order = []
    plain.connect("doctree-read", lambda app, doctree: plain_order.append(app.env.docname))
    plain.build()
    assert plain_order == sorted(plain_order)  # Sphinx's own order: index pages first
    assert plain_order != order
    assert pages(app.outdir) == pages(plain.outdir)
    # No page shows the build's date (issue 13: dates come from git, none outside a checkout),
    # so the fixed day above only keeps anything date-dependent equal between the two builds.
    assert "Atualizado em" not in (app.outdir / "index.html").read_text(encoding="utf-8")
