"""The agent's desk (issue 21): the search field in every page's header, and the theme.

Real headless Chromium, keyboard only.  Timings are not asserted here (`make bench`).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from conftest import built_app, wait_until
from desk_support import SEED_PAGE, page_weight

#: The seed playbook's page before issue 21 (commit 8fdbfdd), everything it downloads
#: (HTML, CSS, scripts), measured with page_weight: bytes as sent and gzipped.
BEFORE = {"raw": 72_848, "gzip": 24_369}
#: What the issue allows a page opened and not searched to add.
BUDGET = 5 * 1024

OPTIONS = "#manual-q-list [role=option]"
SEARCH_ASSETS = ("searchindex.js", "language_data.js", "playbook-search-config.js", "searchtools.js")


@pytest.fixture(scope="module")
def site(features_site) -> Path:
    return features_site


def open_page(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, errors


def combobox(page) -> dict:
    return page.evaluate("""() => {
      const input = document.getElementById('manual-q');
      const list = document.getElementById(input.getAttribute('aria-controls'));
      return {role: input.getAttribute('role'), expanded: input.getAttribute('aria-expanded'),
              active: input.getAttribute('aria-activedescendant'), listRole: list && list.getAttribute('role'),
              visible: !!list && list.getClientRects().length > 0,
              options: [...document.querySelectorAll('#manual-q-list [role=option]')].map((o) => ({
                id: o.id, selected: o.getAttribute('aria-selected'), href: o.dataset.href,
                title: o.querySelector('.manual-q-title').textContent, text: o.innerText}))};
    }""")


# --- Static HTML -------------------------------------------------------------------------


def test_every_page_has_the_header_search_form_first_after_the_skip_link(site):
    for page in ["index.html", SEED_PAGE, "search.html", "guia/index.html", "genindex.html"]:
        html = (site / page).read_text(encoding="utf-8")
        header = html[html.index('<header class="manual-header">'):html.index("</header>")]
        controls = re.findall(r"<(a|input|select|button)\b[^>]*>", header)
        assert controls[:2] == ["a", "input"], (page, controls)
        assert 'class="manual-skip" href="#conteudo"' in header and 'id="conteudo"' in html
        form = re.search(r'<form class="manual-search" action="([^"]+)" method="get"', header)
        assert form and form[1].endswith("search.html" if page != "search.html" else "#"), page
        assert re.search(r'<input id="manual-q" type="text" name="q"', header), page
        # the sidebar's old quick search is gone: one search field per page, in the header
        assert 'id="searchbox"' not in html


def test_the_theme_is_applied_in_head_before_any_stylesheet_without_a_request(site):
    html = (site / SEED_PAGE).read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    script = re.search(r"<script>(.*?)</script>", head, re.S)
    assert script and script.start() < head.index('rel="stylesheet"')
    assert "localStorage" in script[1] and "prefers-color-scheme" in script[1]
    # nothing outside the page: no address, no import, no fetch
    assert not re.search(r"https?:|//|import|fetch|src", script[1])


# --- The list ------------------------------------------------------------------------------


def test_the_search_loads_on_the_first_keystroke_and_the_page_weighs_at_most_5_kb_more(
        site, serve, browser_context):
    base = serve(site)
    weight = page_weight(browser_context, base + SEED_PAGE)
    assert not [u for u in weight["urls"] if u.rsplit("/", 1)[-1].split("?")[0] in SEARCH_ASSETS], weight["urls"]
    added = {key: weight[key] - BEFORE[key] for key in BEFORE}
    print(f"\npágina do playbook: {weight['raw']} bytes ({added['raw']:+}), gzip {weight['gzip']} ({added['gzip']:+})")
    assert added["gzip"] <= BUDGET, added

    page, errors = open_page(browser_context, base + SEED_PAGE)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.focus("#manual-q")
    assert not asked  # focusing is not searching
    page.keyboard.type("s")
    page.wait_for_function("typeof Search !== 'undefined' && Search._index !== null")
    loaded = {u.rsplit("/", 1)[-1].split("?")[0] for u in asked}
    assert {"searchindex.js", "language_data.js", "playbook-search-config.js"} <= loaded
    assert "searchtools.js" not in loaded  # the ranking runs without Sphinx's search page
    assert combobox(page)["expanded"] == "false"  # one character: no list yet
    assert errors == []


def test_the_list_is_a_combobox_used_with_the_keyboard(site, serve, browser_context):
    base = serve(site)
    page, errors = open_page(browser_context, base + SEED_PAGE)
    page.keyboard.press("/")  # from anywhere on the page
    assert page.evaluate("document.activeElement.id") == "manual-q"
    state = combobox(page)
    assert (state["role"], state["expanded"], state["listRole"], state["visible"]) == ("combobox", "false", "listbox", False)
    page.keyboard.type("sei suporte")
    page.wait_for_selector(OPTIONS)
    state = combobox(page)
    assert state["expanded"] == "true" and state["visible"] and state["active"] is None
    assert 1 <= len(state["options"]) <= 8
    assert state["options"][0]["title"] == "Suporte ao SEI"
    # category, team and the matched passage, from the playbook's page
    wait_until(page, "document.querySelector('#manual-q-list [role=option] .context mark') !== null")
    first = combobox(page)["options"][0]["text"]
    assert "Categoria: SEI" in first and "Equipe: Equipe de 1º Nível" in first

    page.keyboard.press("ArrowDown")
    state = combobox(page)
    assert state["active"] == state["options"][0]["id"] and state["options"][0]["selected"] == "true"
    if len(state["options"]) > 1:
        page.keyboard.press("ArrowDown")
        state = combobox(page)
        assert state["active"] == state["options"][1]["id"]
        assert [o["selected"] for o in state["options"][:2]] == ["false", "true"]
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    state = combobox(page)
    assert (state["expanded"], state["visible"], state["active"]) == ("false", False, None)
    assert page.evaluate("document.activeElement.id") == "manual-q"
    page.keyboard.press("ArrowDown")  # opens it again, on the first option
    state = combobox(page)
    assert state["expanded"] == "true" and state["active"] == state["options"][0]["id"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == urllib.parse.urljoin(base + SEED_PAGE, state["options"][0]["href"])
    assert errors == []


def test_enter_with_nothing_chosen_opens_the_search_page(site, serve, browser_context):
    base = serve(site)
    page, errors = open_page(browser_context, base + "guia/index.html")
    page.keyboard.press("/")
    page.keyboard.type("certificado digital")
    page.wait_for_selector("#manual-q-list")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "search.html?q=certificado+digital"
    assert errors == []


def test_a_list_made_for_an_older_query_is_not_used(site, serve, browser_context):
    """Keys act only on the list of what the field holds: after a deletion to one character
    the old list does not come back, and while the pause runs after a change, neither the
    arrows nor Enter pick from the older list (Enter opens the search page for the field)."""
    base = serve(site)
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()  # the pause before a list is the test's, not the wall clock's
    page.goto(base + SEED_PAGE, wait_until="networkidle")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # from here, time moves only by run_for
    page.focus("#manual-q")
    page.keyboard.type("sei suporte")
    page.clock.run_for(1000)
    page.wait_for_selector(OPTIONS)
    assert combobox(page)["options"][0]["title"] == "Suporte ao SEI"

    page.keyboard.press("Control+A")
    page.keyboard.type("s")  # one character: no list, and none to come back
    page.keyboard.press("ArrowDown")
    state = combobox(page)
    assert (state["expanded"], state["active"], state["options"]) == ("false", None, [])

    page.keyboard.type("ei suporte")
    page.clock.run_for(1000)
    page.wait_for_selector(OPTIONS)
    page.keyboard.type(" c")  # and back: the list on screen is for the field again, usable at once
    busy = "document.getElementById('manual-q-list').getAttribute('aria-busy')"
    assert page.evaluate(busy) == "true"
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    assert page.evaluate(busy) is None
    page.keyboard.press("ArrowDown")
    chosen = combobox(page)
    assert chosen["active"] == chosen["options"][0]["id"]
    page.keyboard.type(" certificado")  # the pause has not ended: the list on screen is older
    state = combobox(page)
    assert state["active"] is None
    more = page.eval_on_selector(".manual-q-more", "a => [a.getAttribute('href'), a.textContent]")
    assert more[0].endswith("search.html?q=sei+suporte+certificado") and "sei suporte certificado" in more[1]
    assert page.evaluate(busy) == "true"
    page.keyboard.press("ArrowUp")  # asks for the new list; picks nothing from the old one
    assert combobox(page)["active"] is None
    # the list for what the field holds replaces the older one without the pause, nothing chosen
    wait_until(page, "!document.getElementById('manual-q-list').hasAttribute('aria-busy')")
    assert combobox(page)["active"] is None
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "search.html?q=sei+suporte+certificado"
    assert errors == []


def test_slash_types_in_other_fields(site, serve, browser_context):
    base = serve(site)
    page, errors = open_page(browser_context, base + SEED_PAGE)
    page.focus("input.reply-input")
    page.keyboard.type("a/b")
    assert page.evaluate("document.activeElement.value") == "a/b"
    assert page.evaluate("document.activeElement.id") != "manual-q"
    assert errors == []


def test_without_javascript_the_header_field_submits_to_the_search_page(site, serve, chromium):
    base = serve(site)
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + SEED_PAGE)
        assert page.is_visible("#manual-q")
        assert not page.is_visible("#manual-tema")  # a control that needs JavaScript is not shown
        page.focus("#manual-q")
        page.keyboard.type("SEI")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == base + "search.html?q=SEI"
    finally:
        context.close()


@pytest.mark.pen_sample
def test_the_list_ranks_as_the_search_page(pen_wiki_site, serve, browser_context):
    """The same ranking, ignored words, synonyms and typo correction: the list is the search
    page's first 8 playbooks, in their order (the guide, the health page and the general
    pages, which the search page may show, are not playbooks)."""
    from search_evaluation import SEARCH_FINISHED

    _, app = pen_wiki_site
    base = serve(Path(app.outdir))
    queries = ["processo travado", "certificdo digital", "upgrade do SEI",
               "Bom dia prezados, o tramite do processo nao chega ao destino. Att, Fulano"]
    page, errors = open_page(browser_context, base + "index.html")
    for query in queries:
        page.goto(base + "search.html?q=" + urllib.parse.quote(query), wait_until="networkidle")
        page.wait_for_function(SEARCH_FINISHED, timeout=20000)
        expected = page.eval_on_selector_all(
            "#search-results ul.search li > a",
            "els => els.map(e => e.href).filter((h) => /\\/playbooks\\//.test(h) && !/\\/index\\.html$/.test(h))"
            ".slice(0, 8)")
        page.goto(base + "index.html", wait_until="networkidle")
        page.fill("#manual-q", query)
        page.wait_for_selector(OPTIONS)
        shown = page.evaluate("[...document.querySelectorAll('#manual-q-list [role=option]')]"
                              ".map((o) => new URL(o.dataset.href, location.href).href)")
        assert expected and shown == expected, (query, shown, expected)
    assert errors == []


def test_the_list_holds_playbooks_with_a_passage_of_their_text(site, serve, browser_context):
    """The guide and the health page match many words ("palavras-chave", "resposta") but are
    not playbooks: the search page shows them, the list does not.  Each option's passage comes
    from the text, not the title the option already shows."""
    base = serve(site)
    page, errors = open_page(browser_context, base + "search.html?q=" + urllib.parse.quote("modelo de resposta"))
    from search_evaluation import SEARCH_FINISHED

    page.wait_for_function(SEARCH_FINISHED, timeout=20000)
    on_search_page = page.eval_on_selector_all("#search-results ul.search li > a", "els => els.map(e => e.href)")
    assert any("/guia/" in href for href in on_search_page), on_search_page
    page.goto(base + SEED_PAGE, wait_until="networkidle")
    page.fill("#manual-q", "modelo de resposta")
    page.wait_for_selector(OPTIONS)
    wait_until(page, "[...document.querySelectorAll('#manual-q-list .manual-q-details')].every((d) => d.textContent)")
    options = combobox(page)["options"]
    assert options and all("/playbooks/" in o["href"] and not o["href"].endswith("/index.html") for o in options), options
    passages = page.eval_on_selector_all(
        "#manual-q-list [role=option]",
        "els => els.map((o) => [o.querySelector('.manual-q-title').textContent, o.querySelector('.context').textContent])")
    headings = {"Situação", "Quando Ocorre", "Solução Sugerida", "Modelo de Resposta", "Palavras-chave"}
    for title, passage in passages:
        assert passage.strip("…").strip() not in {title, *headings}, (title, passage)
        assert len(passage) > 30, passage  # a passage of the text, not a heading
    assert errors == []


@pytest.mark.parametrize("viewport, query", [
    ({"width": 1280, "height": 240}, "modelo de resposta"),  # 70vh: 168 px of list
    # a phone, and a query long enough that the link's text would take two lines
    ({"width": 390, "height": 300}, "modelo de resposta para o chamado do usuário sobre o processo"),
])
def test_the_link_to_every_result_stays_in_sight_under_a_long_list(site, serve, chromium, viewport, query):
    base = serve(site)
    context = chromium.new_context(viewport=viewport)
    try:
        page, errors = open_page(context, base + SEED_PAGE)
        page.fill("#manual-q", query)
        page.wait_for_selector(OPTIONS)
        wait_until(page, "[...document.querySelectorAll('#manual-q-list .manual-q-details')].every((d) => d.textContent)")
        box = page.evaluate("""() => {
          const popup = document.querySelector('.manual-q-popup').getBoundingClientRect();
          const more = document.querySelector('.manual-q-more').getBoundingClientRect();
          return {scrolls: document.querySelector('.manual-q-popup').scrollHeight > popup.height + 1,
                  top: more.top, bottom: more.bottom, popupTop: popup.top, popupBottom: popup.bottom};
        }""")
        assert box["scrolls"], box  # the list is taller than the window allows
        assert box["popupTop"] <= box["top"] and box["bottom"] <= box["popupBottom"] + 0.5, box
        # an option chosen with the arrows is shown whole, above the link
        for _ in range(len(combobox(page)["options"])):
            page.keyboard.press("ArrowDown")
            chosen = page.evaluate("""() => {
              const input = document.getElementById('manual-q');
              const option = document.getElementById(input.getAttribute('aria-activedescendant'));
              return [option.getBoundingClientRect().bottom,
                      document.querySelector('.manual-q-more').getBoundingClientRect().top,
                      document.querySelector('.manual-q-popup').getBoundingClientRect().top,
                      option.getBoundingClientRect().top];
            }""")
            assert chosen[0] <= chosen[1] + 0.5 and chosen[3] >= chosen[2] - 0.5, chosen
        assert errors == []
    finally:
        context.close()


# --- Theme -----------------------------------------------------------------------------------

#: Records the page's theme attribute when its first stylesheet reaches the document.
THEME_AT_FIRST_CSS = """
new MutationObserver((changes, watch) => {
  for (const change of changes) for (const node of change.addedNodes) {
    if (node.nodeName === 'LINK' && node.rel === 'stylesheet') {
      window.__themeAtFirstCss = document.documentElement.dataset.theme || null;
      watch.disconnect();
      return;
    }
  }
}).observe(document, {childList: true, subtree: true});
"""

BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def test_the_theme_control_keeps_the_choice_and_no_page_flashes(site, serve, chromium):
    base = serve(site)
    context = chromium.new_context(color_scheme="light")
    context.add_init_script(THEME_AT_FIRST_CSS)
    try:
        page, errors = open_page(context, base + SEED_PAGE)
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        assert page.evaluate("__themeAtFirstCss") == "light"
        assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)"
        assert page.input_value("#manual-tema") == "auto"
        page.focus("#manual-tema")
        page.select_option("#manual-tema", "dark")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate("localStorage.getItem('manual-tema')") == "dark"
        assert page.evaluate(BACKGROUND) == "rgb(13, 17, 23)"
        # another page of the site: dark before its first stylesheet, the control says so
        page.goto(base + "index.html", wait_until="networkidle")
        assert page.evaluate("__themeAtFirstCss") == "dark"
        assert page.input_value("#manual-tema") == "dark"
        page.select_option("#manual-tema", "auto")
        assert page.evaluate("localStorage.getItem('manual-tema')") is None
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        assert errors == []
    finally:
        context.close()


def test_automatic_follows_the_system(site, serve, chromium):
    base = serve(site)
    context = chromium.new_context(color_scheme="dark")
    context.add_init_script(THEME_AT_FIRST_CSS)
    try:
        page, errors = open_page(context, base + SEED_PAGE)
        assert page.evaluate("__themeAtFirstCss") == "dark"
        assert page.evaluate(BACKGROUND) == "rgb(13, 17, 23)"
        page.emulate_media(color_scheme="light")
        wait_until(page, "document.documentElement.dataset.theme === 'light'")
        page.select_option("#manual-tema", "dark")
        page.emulate_media(color_scheme="light")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"  # a choice wins
        assert errors == []
    finally:
        context.close()


def test_without_javascript_the_system_theme_still_applies(site, serve, chromium):
    base = serve(site)
    context = chromium.new_context(java_script_enabled=False, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(base + SEED_PAGE)
        assert page.evaluate(BACKGROUND) == "rgb(13, 17, 23)"
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_printed_playbook_is_its_text_with_the_fields_as_written(site, serve, chromium, theme):
    base = serve(site)
    context = chromium.new_context(color_scheme=theme)
    try:
        page, errors = open_page(context, base + SEED_PAGE)
        page.fill("input.reply-input", "Maria")  # what the agent typed is not printed
        page.emulate_media(media="print")
        shown = page.evaluate("""() => {
          const visible = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0);
          const field = document.querySelector('span.reply-field');
          return {header: visible('.manual-header'), sidebar: visible('div.sphinxsidebar'),
                  buttons: visible('button'), background: getComputedStyle(document.body).backgroundColor,
                  color: getComputedStyle(document.body).color, reply: getComputedStyle(document.querySelector('div.reply')).backgroundColor,
                  field: getComputedStyle(field, '::before').content, input: visible('span.reply-field input')};
        }""")
        assert shown == {"header": False, "sidebar": False, "buttons": False, "background": "rgb(255, 255, 255)",
                         "color": "rgb(0, 0, 0)", "reply": "rgb(255, 255, 255)",
                         "field": '"[inserir nome do Usuário]"', "input": False}
        assert errors == []
    finally:
        context.close()


def test_a_printed_page_has_no_form_and_its_named_links_show_their_address(site, serve, chromium):
    base = serve(site)
    context = chromium.new_context()
    try:
        shown = {}
        for path, form in (("index.html", "form.catalog-controls"), ("search.html?q=SEI", "form.manual-search-page")):
            page, errors = open_page(context, base + path)
            visible = f"[...document.querySelectorAll('{form}')].some((el) => el.getClientRects().length > 0)"
            on_screen = page.evaluate(visible)
            page.emulate_media(media="print")
            shown[path] = (on_screen, page.evaluate(visible))
            assert errors == []
        assert shown == {"index.html": (True, False), "search.html?q=SEI": (True, False)}
        page, errors = open_page(context, base + "guia/index.html")
        link = page.locator("a.manual-named-link").first
        href = link.get_attribute("href")
        assert href.startswith("http") and link.inner_text().strip() != href
        after = "(a) => getComputedStyle(a, '::after').content"
        assert link.evaluate(after) in ("none", "normal")  # on screen, only the name
        page.emulate_media(media="print")
        assert link.evaluate(after) == '" (" attr(href) ")"' or href in link.evaluate(after)
        # a link whose text is its address is not marked: it would print the address twice
        assert page.evaluate("""() => [...document.querySelectorAll('a.manual-named-link')]
                                  .every((a) => a.textContent.trim() !== a.getAttribute('href'))""")
        assert errors == []
    finally:
        context.close()


def test_the_health_chart_follows_the_theme(site, serve, chromium):
    base = serve(site)
    fills = {}
    for scheme in ("light", "dark"):
        context = chromium.new_context(color_scheme=scheme)
        try:
            page, errors = open_page(context, base + "saude.html")
            fills[scheme] = page.evaluate("""() => {
              const track = getComputedStyle(document.querySelector('.health-bar-track')).fill;
              const soft = getComputedStyle(document.documentElement).getPropertyValue('--manual-bg-soft').trim();
              const probe = document.body.appendChild(document.createElement('i'));
              probe.style.color = soft;
              const expected = getComputedStyle(probe).color;
              probe.remove();
              return [track, expected];
            }""")
            assert errors == []
        finally:
            context.close()
    assert fills["light"][0] == fills["light"][1] and fills["dark"][0] == fills["dark"][1], fills
    assert fills["light"][0] != fills["dark"][0]


def test_one_viewport_tag_and_the_handbook_icon_on_every_page(site):
    for page in ["index.html", SEED_PAGE, "search.html", "guia/index.html", "saude.html", "genindex.html"]:
        html = (site / page).read_text(encoding="utf-8")
        assert html.count('<meta name="viewport"') == 1, page
        icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)"', html)
        assert icon and (site / page).parent.joinpath(icon[1]).resolve().is_file(), page


@pytest.mark.pen_sample
def test_nothing_is_wider_than_a_phone(pen_wiki_site, serve, chromium):
    """At 390 px, a long address breaks, a picture shrinks and a wide table scrolls inside
    itself: no page scrolls sideways (PEN's pages have all three)."""
    _, app = pen_wiki_site
    out = Path(app.outdir)
    base = serve(out)
    pages = ["search.html?q=processo", "guia/index.html",
             *sorted(str(p.relative_to(out)) for p in (out / "playbooks").rglob("*.html")
                     if p.name != "index.html")]
    from test_html_quality import axe_violations

    context = chromium.new_context(viewport={"width": 390, "height": 800})
    try:
        wide, unreachable = {}, {}
        page = context.new_page()
        for path in pages + ["genindex.html"]:
            page.goto(base + path, wait_until="networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[path] = width
            if path in ("guia/index.html", "genindex.html") or "Erro_na_quantidade" in path:
                # what scrolls by itself (a table's region) can be reached with the keyboard
                found = [v for v in axe_violations(page) if v["id"] == "scrollable-region-focusable"]
                if found:
                    unreachable[path] = found
        assert wide == {}
        assert unreachable == {}
    finally:
        context.close()


PRINTED_COLOURS = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => {
    const style = getComputedStyle(el);
    return [el.tagName + '.' + el.className, style.color, style.backgroundColor, style.borderTopColor];
  })"""


@pytest.mark.parametrize("site_name, page_path", [
    ("features_site", SEED_PAGE), ("features_site", "saude.html"),
    ("features_site", "playbooks/sei/recursos-da-pagina.html"),  # code
    ("catalog_site", "playbooks/index.html"),  # badges, chips
    ("catalog_site", "playbooks/tramita/rascunho.html"),  # a draft: badges in the panel
    ("catalog_site", "playbooks/tramita/status.html"),
])
def test_no_theme_colour_reaches_the_printed_page(request, serve, chromium, site_name, page_path):
    """Printed under the dark theme (chosen or from the system), every visible element has
    the colours it has printed under the light one: no dark panel, badge, field or code."""
    site = request.getfixturevalue(site_name)
    base = serve(getattr(site, "outdir", site))
    printed = {}
    for name, scheme, choice in (("light", "light", None), ("system dark", "dark", None),
                                 ("chosen dark", "light", "dark")):
        context = chromium.new_context(color_scheme=scheme)
        if choice:
            context.add_init_script(f"localStorage.setItem('manual-tema', '{choice}')")
        try:
            page, errors = open_page(context, base + page_path)
            assert page.evaluate("document.documentElement.dataset.theme") == ("light" if name == "light" else "dark")
            page.emulate_media(media="print")
            printed[name] = page.evaluate(PRINTED_COLOURS)
            assert errors == []
        finally:
            context.close()
    assert len(printed["light"]) > 8
    for name in ("system dark", "chosen dark"):
        differ = [(a, b) for a, b in zip(printed["light"], printed[name]) if a != b]
        assert differ == [] and len(printed[name]) == len(printed["light"]), (name, differ[:5])


@pytest.mark.parametrize("builder", ["epub", "text"])
def test_epub_and_text_have_neither_the_search_field_nor_the_theme(tmp_path, builder):
    import shutil
    import zipfile

    from conftest import PROJECT

    src = tmp_path / "handbook"
    shutil.copytree(PROJECT / "source", src)
    shutil.copy(PROJECT / "conf.py", src / "conf.py")
    for builder in (builder,):
        app = built_app(src, builder)
        out = Path(app.outdir)
        texts = []
        for path in out.rglob("*"):
            if path.suffix == ".epub":
                with zipfile.ZipFile(path) as archive:
                    texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
            elif path.is_file() and path.suffix in {".txt", ".xhtml", ".html", ".css", ".js"}:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
        everything = "\n".join(texts)
        assert texts
        for marker in ("manual-q", "manual-tema", "theme-choice", "search-box", "data-theme", "Pular para o conteúdo"):
            assert marker not in everything, (builder, marker)
