"""The dark theme passes axe-core as the light one does (issue 21): no serious or critical
violation, contrast included, on every page the HTML quality tests visit, and on the
parts that only show after a search (the header's list, the search page's results and
their marked words), in both themes."""

from __future__ import annotations

import json

import pytest
from desk_support import SEED_PAGE
from test_html_quality import PAGES, axe_violations


def serious(page) -> list[dict]:
    return [v for v in axe_violations(page) if v["impact"] in {"serious", "critical"}]


@pytest.fixture
def dark_context(chromium):
    """The system prefers dark and the browser keeps no choice: the automatic theme."""
    context = chromium.new_context(color_scheme="dark", locale="pt-BR")
    yield context
    context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_serious_accessibility_violation_in_the_dark_theme(features_site, serve, dark_context, page_path):
    base = serve(features_site)
    page = dark_context.new_page()
    page.goto(base + page_path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    found = serious(page)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_stored_choice_gives_the_same_dark_theme(features_site, serve, chromium):
    """Chosen in the header under a light system: the same colours as the automatic dark."""
    base = serve(features_site)
    colours = "() => [document.body, document.querySelector('div.reply'), document.querySelector('.playbook-panel')]" \
              ".map((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])"
    seen = []
    for scheme, choice in (("dark", None), ("light", "dark")):
        context = chromium.new_context(color_scheme=scheme)
        if choice:
            context.add_init_script(f"localStorage.setItem('manual-tema', '{choice}')")
        page = context.new_page()
        page.goto(base + SEED_PAGE, wait_until="networkidle")
        seen.append(page.evaluate(colours))
        context.close()
    assert seen[0] == seen[1]
    assert seen[0][0][1] == "rgb(13, 17, 23)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_and_the_header_list_in_both_themes(features_site, serve, chromium, scheme):
    base = serve(features_site)
    context = chromium.new_context(color_scheme=scheme, locale="pt-BR")
    try:
        page = context.new_page()
        page.goto(base + "search.html?q=suporte+SEI", wait_until="networkidle")
        page.wait_for_selector("#search-results li p.context mark")
        found = serious(page)
        assert not found, json.dumps(found, ensure_ascii=False, indent=1)
        page.goto(base + SEED_PAGE, wait_until="networkidle")
        page.focus("#manual-q")
        page.keyboard.type("suporte sei")
        page.wait_for_selector("#manual-q-list [role=option] .context mark")
        page.keyboard.press("ArrowDown")
        found = serious(page)
        assert not found, json.dumps(found, ensure_ascii=False, indent=1)
    finally:
        context.close()
