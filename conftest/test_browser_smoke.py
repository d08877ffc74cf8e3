"""The built handbook opens in real Chromium, served from 127.0.0.1."""

from __future__ import annotations

import shutil

from conftest import PROJECT


def test_seed_page_opens_in_chromium(make_app, tmp_path, serve, browser_context):
    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    base = serve(app.outdir)
    page = browser_context.new_page()
    page.goto(base + "playbooks/sei/suporte-ao-sei.html")
    assert page.locator("h1").first.inner_text().startswith("Suporte ao SEI")
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
