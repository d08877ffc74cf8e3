"""The built handbook opens in real Chromium, served from 127.0.0.1."""

from __future__ import annotations


def test_seed_page_opens_in_chromium(handbook_site, serve, browser_context):
    base = serve(handbook_site.outdir)
    page = browser_context.new_page()
    page.goto(base + "playbooks/sei/suporte-ao-sei.html")
    assert page.locator("h1").first.inner_text().startswith("Suporte ao SEI")
    assert page.evaluate("document.documentElement.lang") == "pt-BR"
