"""Nothing leaves the intranet: the built pages request nothing from any other host.

Chromium loads the handbook's pages from a local server; every request the pages make is
intercepted, and any request that is not to that server fails the test (and is aborted,
so the test never reaches out either).
"""

from __future__ import annotations

import time
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
    # The page's clock is Playwright's: timers (late requests, polling, lazy loading on a
    # timer) fire when the test advances it, not after a guessed real-time delay.
    page.clock.install()
    page.goto(base + page_path, wait_until="networkidle")
    page.clock.run_for(10 * 60 * 1000)  # every timer of the next ten minutes has fired
    # Let the page's own scripts react to a user: hover, focus, scroll.
    page.mouse.move(200, 200)
    page.keyboard.press("Tab")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.clock.run_for(10 * 60 * 1000)
    settle(page)
    page.close()
    browser_context.unroute("**/*")
    return outside, failed


def settle(page, quiet_ms: int = 500, deadline_ms: int = 30_000) -> None:
    """Wait until the page has started no resource load for ``quiet_ms`` (resource timing
    entries, counted in the page), up to a deadline: a condition, not a fixed sleep."""
    page.evaluate("""() => { window.__loads = performance.getEntriesByType('resource').length;
      new PerformanceObserver((list) => { window.__loads += list.getEntries().length; })
        .observe({type: 'resource'}); }""")
    deadline = time.monotonic() + deadline_ms / 1000
    seen, since = page.evaluate("window.__loads"), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_load_state("networkidle")
        now = page.evaluate("window.__loads")
        if now != seen:
            seen, since = now, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= quiet_ms:
            return
        page.clock.run_for(1000)
    raise AssertionError(f"the page kept loading resources for {deadline_ms} ms")


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
        '<body><img src="//cdn.example.net/x.png" alt="">'
        # a late request, on a timer long after the load (a fixed 300 ms wait missed these)
        '<script>setTimeout(() => { new Image().src = "https://late.example.org/x.png"; }, 120000);</script>'
        '</body></html>', encoding="utf-8")
    base = serve(tmp_path)
    outside, _ = visit(browser_context, base, "index.html")
    assert {urlsplit(u.split()[1]).netloc for u in outside} == {
        "fonts.example.com", "cdn.example.net", "late.example.org"}, outside
