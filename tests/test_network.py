"""Nothing leaves the intranet: the built pages request nothing from any other host.

Chromium loads the handbook's pages from a local server; every request the pages make is
intercepted, and any request that is not to that server fails the test (and is aborted,
so the test never reaches out either).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest


#: The pages the issue names: the seed playbook, the landing page (catalog) and the search
#: page (with a query, so the search data is loaded).  Add pages here as they appear.
PAGES = [
    "playbooks/sei/suporte-ao-sei.html",
    "index.html",
    "playbooks/index.html",
    "search.html?q=SEI",
    "search.html?q=suporte",
    "guia/index.html",
]



@pytest.fixture(scope="module")
def site(features_site) -> Path:
    return features_site


def visit(browser_context, base: str, page_path: str) -> tuple[list[str], list[str]]:
    """Open a page; return (requests to other hosts, local requests that failed)."""
    local = urlsplit(base).netloc
    outside: list[str] = []
    failed: list[str] = []

    def route(route, request):
        if urlsplit(request.url).netloc == local or request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(f"{request.resource_type} {request.url}")
            route.abort()

    browser_context.route("**/*", route)
    page = browser_context.new_page()
    page.on("websocket", lambda ws: outside.append(f"websocket {ws.url}"))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})")
            if urlsplit(r.url).netloc == local else None)
    page.on("response", lambda r: failed.append(f"{r.url} ({r.status})")
            if r.status >= 400 and urlsplit(r.url).netloc == local else None)
    page.goto(base + page_path, wait_until="networkidle")
    page.wait_for_timeout(300)  # late requests (timers, lazy loading)
    # Let the page's own scripts react to a user: hover, focus, scroll.
    page.mouse.move(200, 200)
    page.keyboard.press("Tab")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.close()
    browser_context.unroute("**/*")
    return outside, failed


@pytest.mark.parametrize("page_path", PAGES)
def test_page_requests_nothing_outside(site, serve, browser_context, page_path):
    base = serve(site)
    outside, failed = visit(browser_context, base, page_path)
    assert outside == [], f"{page_path} pede recursos fora do servidor local: {outside}"
    assert failed == [], f"{page_path}: pedidos locais que falharam: {failed}"


def test_search_finds_the_seed_with_local_data_only(site, serve, browser_context):
    base = serve(site)
    page = browser_context.new_page()
    page.goto(base + "search.html?q=SEI", wait_until="networkidle")
    page.wait_for_function("document.body.innerText.includes('Suporte ao SEI')", timeout=10_000)
    page.close()


def test_a_page_with_math_and_code_requests_nothing_outside(site, serve, browser_context):
    html = (site / "playbooks" / "sei" / "recursos-da-pagina.html").read_text(encoding="utf-8")
    assert "a^2 + b^2 = c^2" in html and "mathjax" not in html.lower()
    base = serve(site)
    outside, failed = visit(browser_context, base, "playbooks/sei/recursos-da-pagina.html")
    assert outside == [] and failed == []


def test_the_route_guard_does_catch_outside_requests(tmp_path, serve, browser_context):
    """The check itself works: a page that loads from another host is caught."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="pt-BR"><head><title>x</title>'
        '<link rel="stylesheet" href="https://fonts.example.com/a.css"></head>'
        '<body><img src="//cdn.example.net/x.png" alt=""></body></html>', encoding="utf-8")
    base = serve(tmp_path)
    outside, _ = visit(browser_context, base, "index.html")
    assert {urlsplit(u.split()[1]).netloc for u in outside} == {"fonts.example.com", "cdn.example.net"}, outside
